"""``corpusling dispersion``: how evenly items spread over documents (range, Juilland's D, Gries' DP).

Items are values of --by (--items), the matches of a query (-q), or every item (neither).
--positions FILE writes where each match falls, for a dispersion plot (in Python: cl.positions(corpus, QUERY)).
Part sizes and positions count word tokens, punctuation and symbols left out (--include-punct counts them).
"""

from __future__ import annotations

import argparse

from corpusling.checks import count_type
from corpusling.cli._output import add_output_arguments, emit
from corpusling.cli.common import (
    add_counting_argument,
    add_input_arguments,
    add_lazy_argument,
    lazy_corpus,
    load_corpus,
)

EPILOG = """examples:
  corpusling dispersion corpus/ --items sembler paraître selon --by lemma
  corpusling dispersion corpus/ -q '[lemma="pouvoir" & mood="Cnd"]' --positions where.csv
  corpusling dispersion corpus/ --parts outlet --min-count 20 --out dispersion.csv
  corpusling dispersion parsed/press --lazy --parts outlet                # larger than memory
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("dispersion", help="range, Juilland's D and Gries' DP per item",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    group = parser.add_argument_group("dispersion")
    which = group.add_mutually_exclusive_group()
    which.add_argument("--items", nargs="+", default=None, metavar="ITEM", help="values of --by to measure")
    which.add_argument("-q", "--query", default=None, help="measure the matches of a query as one item")
    group.add_argument("--by", default="lemma", help="column the items are values of (default lemma)")
    group.add_argument("--parts", default="doc_id", help="doc_id (default), a token column or a metadata column")
    group.add_argument("--min-count", type=count_type("--min-count", 1), default=1,
                       help="minimum frequency (default 1)")
    group.add_argument("--lowercase", action="store_true", help="fold case before counting")
    group.add_argument("--positions", default=None, metavar="FILE",
                       help="also write the position of each match of -q (for a dispersion plot; "
                            "cl.positions(corpus, QUERY) in Python)")
    add_counting_argument(group)
    add_lazy_argument(group)
    add_output_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from corpusling import verbs
    from corpusling.errors import InputError
    from corpusling.query import parse
    from corpusling.tables import write_table

    if args.positions and not args.query:
        raise InputError("--positions needs a query (-q)")
    if args.query:
        parse(args.query)
    corpus = lazy_corpus(args) if args.lazy else load_corpus(args)
    items = args.query if args.query else args.items
    table = verbs.dispersion(corpus, items, by=args.by, parts=args.parts, min_count=args.min_count,
                             lowercase=args.lowercase, include_punct=args.include_punct)
    if args.positions:
        where = verbs.positions(corpus, args.query, include_punct=args.include_punct)
        written = write_table(where, args.positions, raw_csv=args.raw_csv)
        print(f"{where.height} positions written to {written}", file=sys.stderr)
    return emit(table, args)

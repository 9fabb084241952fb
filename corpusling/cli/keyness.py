"""``corpusling keyness``: key items of each group (--group-by) or of the corpus against a reference (--reference).

Significance (G², p) beside effect sizes (log ratio, %DIFF); see corpusling.stats.keyness. Items and
corpus sizes are word tokens, punctuation and symbols left out (--include-punct counts them).
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path
from typing import TYPE_CHECKING

from corpusling.checks import count_type
from corpusling.cli._output import add_output_arguments, emit
from corpusling.cli.common import (
    add_counting_argument,
    add_input_arguments,
    lazy_corpus,
    load_corpus,
)

if TYPE_CHECKING:
    import polars as pl

EPILOG = """examples:
  corpusling keyness corpus/ --group-by outlet --by lemma --min-count 10
  corpusling keyness press/ --reference wikinews/ --where '[upos="ADV"]' --out keywords.xlsx
  corpusling keyness parsed/press --lazy --reference parsed/wikinews        # both read batch by batch
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("keyness", help="keywords: G², log ratio and %%DIFF", description=__doc__,
                                   epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    group = parser.add_argument_group("keyness")
    which = group.add_mutually_exclusive_group(required=True)
    which.add_argument("--group-by", default=None, metavar="COL", help="each value of a metadata column vs the rest")
    which.add_argument("--reference", nargs="+", default=None, metavar="FILE",
                       help="reference corpus (files, folders or a parsed folder; read like the inputs)")
    group.add_argument("--by", default="lemma", help="column counted (default lemma)")
    group.add_argument("--where", default=None, help='count only words matching a one-word query')
    group.add_argument("--min-count", type=count_type("--min-count", 1), default=5,
                       help="minimum frequency in both corpora (default 5)")
    group.add_argument("--lowercase", action="store_true", help="fold case before counting")
    add_counting_argument(group)
    group.add_argument("--lazy", action="store_true",
                       help="read a parsed folder in batches, never whole (for corpora larger than memory); a "
                            "--reference that is one parsed folder is read so too")
    add_output_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpusling import stats
    from corpusling.query import parse

    if args.where:
        parse(args.where)
    if args.lazy:
        return emit(_lazy(args), args)
    corpus = load_corpus(args)
    reference = None
    if args.reference:
        ref_args = copy.copy(args)
        ref_args.inputs = args.reference
        reference = load_corpus(ref_args).tokens
    table = stats.keyness(corpus.tokens, corpus.documents, group_by=args.group_by, reference=reference, by=args.by,
                          where=args.where, min_count=args.min_count, lowercase=args.lowercase,
                          include_punct=args.include_punct)
    return emit(table, args)


def _lazy(args: argparse.Namespace) -> pl.DataFrame:
    """``--lazy``: counts added over batches of the folder (and of a reference folder), measured once."""
    from corpusling import verbs
    from corpusling.parsed import is_parsed_folder

    corpus = lazy_corpus(args)
    reference = None
    if args.reference:
        ref_args = copy.copy(args)
        ref_args.inputs, ref_args.group_by = args.reference, None
        one_folder = len(args.reference) == 1 and is_parsed_folder(Path(args.reference[0]))
        reference = lazy_corpus(ref_args) if one_folder else load_corpus(ref_args)
    return verbs.keyness(corpus, group_by=args.group_by, reference=reference, by=args.by, where=args.where,
                         min_count=args.min_count, lowercase=args.lowercase, include_punct=args.include_punct)

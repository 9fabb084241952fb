"""``corpusling concordance``: key-word-in-context lines of a token-pattern query.

The query is the LAST positional argument (after the inputs), or give it with -q/--query.
As in CQP, a quoted value is a regular expression on the whole value ([word=".*ment"],
[lemma="dire|déclarer"]; "."%l or "\\." for a full stop); add 'within p' or 'within text' to match
across sentences, ':: match.text_COL="regex"' to keep documents by metadata. '@' marks the target
word (lines are centred on it, --sort and --count are keyed on it; a 'hit' column keeps the whole
match); labels (a:[...]) are compared after '::' (':: a.lemma = b.lemma'); groups with
alternatives ("le" | "la"), their repetition (...){n,m}, [] alone and 'cut N' work as in CQP.
On a parsed folder the first query stores the query index in FOLDER/index/ (memory-mapped arrays;
each attribute the first time a query names it), and later queries open it instead of building it
again; a folder parsed again gets a fresh one, a read-only folder is indexed in memory.
Query language: see `python -c "import importlib; help(importlib.import_module('corpusling.query'))"`
or the README.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from corpusling.checks import count_type
from corpusling.cli.common import add_input_arguments, add_lazy_argument, lazy_folder, load_corpus

if TYPE_CHECKING:
    import polars as pl

    from corpusling.query import TokenIndex

EPILOG = """examples:
  corpusling concordance corpus/ '[lemma="avoir" & mood="Cnd"] [verbform="Part"]'
  corpusling concordance parsed/seed 'lemma:sembler' --width 8 --sort R1
  corpusling concordance corpus/ '[form="selon"] []{0,3} [upos="PROPN"]' --sample 50 --seed 1 --out selon.xlsx
  corpusling concordance corpus/ '[lemma="dire|déclarer"] []{0,3} "que"' --metadata outlet,date --out lines.tex
  corpusling concordance corpus/ '[lemma="selon"] [] :: match.text_date="2012.*"' --sort R1,R2
  corpusling concordance corpus/ '[lemma="selon"]' --count R1.lemma          # which lemmas follow selon?
  corpusling concordance corpus/ '[lemma="pouvoir" & mood="Cnd"]' --count doc.outlet,match.form
  corpusling concordance corpus/ '@[lemma="pouvoir" & mood="Cnd"] [pos="VERB"]' --count R1.lemma
  corpusling concordance corpus/ 'a:[pos="NOUN"] [lemma="de"] b:[pos="NOUN"] :: a.lemma = b.lemma'
  corpusling concordance parsed/press 'lemma:selon' --lazy --sort match   # larger than memory
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("concordance", help="KWIC lines of a token-pattern query",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    group = parser.add_argument_group("concordance")
    group.add_argument("-q", "--query", default=None,
                       help="the query (otherwise the last positional argument is the query)")
    group.add_argument("--width", type=count_type("--width"), default=5, help="context size on each side (default 5)")
    group.add_argument("--unit", choices=["words", "chars"], default="words", help="unit of --width")
    group.add_argument("--sort", default=None,
                       help="match, L1, L2…, R1, R2…, doc, or a metadata column; several keys in turn: "
                            "'R1,R2' (default: corpus order)")
    group.add_argument("--sample", type=count_type("--sample"), default=None, help="keep N lines drawn at random")
    group.add_argument("--seed", type=int, default=0, help="random seed of --sample (default 0)")
    group.add_argument("--metadata", action="append", default=[], metavar="COL[,COL…]",
                       help="metadata columns to show (comma-separated, or the option repeated)")
    group.add_argument("--count", default=None, metavar="KEY[,KEY…]",
                       help="count the hits instead of listing them, by match.ATTR, L1.ATTR / R1.ATTR…, "
                            "hit.ATTR or doc.COLUMN (e.g. match.lemma, R1.lemma, doc.outlet); with a target (@) "
                            "match and L1/R1 are the target's, hit the whole match")
    group.add_argument("--out", default=None,
                       help="write the lines to FILE (.csv .tsv .parquet .xlsx .tex .html .md); default: print")
    add_lazy_argument(group)
    parser.set_defaults(func=run)


def split_query(args: argparse.Namespace) -> str:
    """The query: -q/--query, or the last positional argument (then removed from the inputs)."""
    from corpusling.errors import InputError

    if args.query is not None:
        return args.query
    if len(args.inputs) < 2:
        raise InputError("give INPUT... and then the QUERY (or the query with -q/--query)")
    return args.inputs.pop()


def _corpus(args: argparse.Namespace) -> tuple[pl.DataFrame | TokenIndex, pl.DataFrame]:
    """What the query runs on: for one parsed folder its stored index (:mod:`corpusling.index_store`: built and
    stored by the first query, opened in milliseconds by the next; the token table is never read whole),
    otherwise the corpus read and parsed, with its index built in memory."""
    from corpusling.parsed import is_parsed_folder

    inputs = args.inputs if isinstance(args.inputs, list) else [args.inputs]
    if len(inputs) == 1 and is_parsed_folder(Path(inputs[0])):
        from corpusling.index_store import open_folder

        return open_folder(inputs[0])
    corpus = load_corpus(args)
    return corpus.tokens, corpus.documents


def run(args: argparse.Namespace) -> int:
    from corpusling.concordance import concordance
    from corpusling.errors import InputError
    from corpusling.query import parse
    from corpusling.tables import write_table

    args.metadata = [c.strip() for item in args.metadata for c in item.split(",") if c.strip()]
    pattern = split_query(args)
    parsed = parse(pattern)  # a syntax error stops here, before any reading or parsing
    if args.lazy and parsed.cut is not None:
        raise InputError("'cut N' keeps the first matches of the whole corpus: leave out --lazy (or use --sample)")
    if args.count:
        from corpusling.cli._output import emit
        from corpusling.hits import count_hits

        if args.lazy:
            raise InputError("--count reads the corpus in memory; leave out --lazy")
        tokens, documents = _corpus(args)
        args.top = None
        return emit(count_hits(tokens, documents, pattern, args.count), args)
    if args.lazy:
        from corpusling import lazy

        lines = lazy.concordance(lazy_folder(args), pattern, width=args.width, unit=args.unit, sort=args.sort,
                                 sample=args.sample, seed=args.seed, metadata=args.metadata)
    else:
        tokens, documents = _corpus(args)
        lines = concordance(tokens, documents, pattern, width=args.width, unit=args.unit,
                            sort=args.sort, sample=args.sample, seed=args.seed, metadata=args.metadata)
    if args.out:
        path = write_table(lines, args.out, raw_csv=args.raw_csv)
        print(f"{lines.height} lines written to {path}", file=sys.stderr)
        return 0
    left_width = min(max((len(s.rstrip()) for s in lines["left"]), default=0), 60)
    for row in lines.iter_rows(named=True):
        meta = "".join(f"\t{row[c]}" for c in args.metadata)
        left = row["left"].rstrip()[-left_width:]
        print(f"{row['doc_id']}\t{left:>{left_width}} [{row['match']}] {row['right'].lstrip()}{meta}")
    print(f"{lines.height} lines", file=sys.stderr)
    return 0

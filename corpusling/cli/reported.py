"""``corpusling reported``: reported speech without quotation marks (indirect, "selon X", incises).

Writes one row per reported content (``doc_id, sent_id, start_char, end_char, text, kind, cue,
cue_start, cue_end, source, speaker, rule, in_quote``) to ``--out`` (.csv .tsv .parquet .xlsx, or
.tex .html .md) and prints the contents by kind, per 1,000 words with 95% confidence intervals
resampled over documents, and the most frequent cues and speakers. With ``--group-by`` the rates
are given per group and each group is compared with the rest (log-likelihood G², p, log ratio).
Definitions: §4 of the annotation guide (``tests/gold/README.md``); method in
``corpusling.markers.reported``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpusling.cli._output import print_most_frequent, print_table
from corpusling.cli.common import add_input_arguments, load_corpus

EPILOG = """examples:
  corpusling reported seeds/000_e14371d8171e9155.txt
  corpusling reported corpora/wikinews-fr-2012/documents --out reported.xlsx
  corpusling reported parsed/wikinews --group-by date --out reported.csv
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("reported", help="reported speech: indirect, 'selon X', incises",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    parser.add_argument("--group-by", metavar="COL", default=None,
                        help="metadata column whose groups get rates and are compared (e.g. outlet, date)")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the table of reported contents (.csv .tsv .parquet .xlsx .tex .html .md)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpusling.markers.reported import reported
    from corpusling.rates import compare, rates
    from corpusling.tables import write_table

    corpus = load_corpus(args)
    tokens, documents = corpus.tokens, corpus.documents
    table = reported(tokens, documents)
    if args.out:
        write_table(table, args.out, raw_csv=args.raw_csv)
        print(f"{table.height} reported contents written to {args.out}", file=sys.stderr)
    print(f"{table.height} reported contents in {documents.height} documents")
    print_table(rates(table, tokens, documents, by=["kind"], group_by=args.group_by, seed=args.seed))
    for column, label in (("cue", "cues"), ("speaker", "speakers")):
        print_most_frequent(table, column, label)
    if args.group_by:
        print(f"each {args.group_by} against the rest (G², p, log ratio):")
        print_table(compare(table, tokens, documents, args.group_by))
    return 0

"""``corpusling conditionals``: every verb in the conditional mood, its use, and rates per 1,000 words.

Writes the table of conditionals (one row per finite conditional verb, compounds on
their auxiliary: ``doc_id, sent_id, start_char, end_char, form, lemma, tense,
compound, main_lemma, class, sentence, rule, detected_by, in_quote``) to ``--out``
(.csv .tsv .parquet .xlsx, or .tex .html .md), and prints counts by class and the
rate per 1,000 words with a 95% confidence interval resampled over documents.
With ``--group-by`` the rates are given per group and each group is compared with
the rest of the corpus (log-likelihood G², p, log ratio).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from corpusling.cli._output import print_table
from corpusling.cli.common import add_input_arguments, load_corpus

EPILOG = """examples:
  corpusling conditionals seeds/000_e14371d8171e9155.txt
  corpusling conditionals corpora/wikinews-fr-2012/documents --out conditionals.xlsx
  corpusling conditionals corpora/wikinews-fr-2012/documents --group-by date --by class --rates rates.csv
  corpusling conditionals parsed/wikinews --by lemma --out conditionals.parquet
"""

BY = {"class": "class", "lemma": "lemma", "form": "form", "voice": "in_quote"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("conditionals", help="verbs in the conditional mood: use, rates, comparisons",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    parser.add_argument("--group-by", metavar="COL", default=None,
                        help="metadata column whose groups get rates and are compared (e.g. outlet, date)")
    parser.add_argument("--by", choices=sorted(BY), default=None,
                        help="split the rates by class, lemma, form or voice (in_quote)")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the table of conditionals (.csv .tsv .parquet .xlsx .tex .html .md)")
    parser.add_argument("--rates", type=Path, default=None, help="write the rates table too (same formats)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpusling.markers.conditional import conditionals
    from corpusling.markers.quotes import quotes
    from corpusling.rates import compare, rates
    from corpusling.tables import write_table

    corpus = load_corpus(args)
    tokens, documents = corpus.tokens, corpus.documents
    rows = conditionals(tokens, documents, quotes(tokens, documents))
    if args.out:
        write_table(rows, args.out, raw_csv=args.raw_csv)
        print(f"{rows.height} conditionals written to {args.out}", file=sys.stderr)
    by = [BY[args.by]] if args.by else None
    table = rates(rows, tokens, documents, by=by, group_by=args.group_by, seed=args.seed)
    if args.rates:
        write_table(table, args.rates, raw_csv=args.raw_csv)
    overall = rates(rows, tokens, documents, seed=args.seed).row(0, named=True)
    print(f"{rows.height} conditionals ({rows['compound'].sum()} compound) in {documents.height} documents: "
          f"{overall['rate']:.2f} per 1,000 words (95% CI {overall['ci_low']:.2f}–{overall['ci_high']:.2f})")
    counts = (rows.group_by("class").len("count").sort("count", descending=True)
              .with_columns((pl.col("count") / max(rows.height, 1) * 100).round(1).cast(pl.String).alias("%")))
    print_table(counts)
    if by or args.group_by:
        print("rate per 1,000 words (95% CI):")
        print_table(table.select(c for c in table.columns if c != "ci_method"))
    if args.group_by:
        print(f"each {args.group_by} against the rest (G², p, log ratio):")
        print_table(compare(rows, tokens, documents, args.group_by, by=by))
    return 0

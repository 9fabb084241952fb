"""``corpusling hedges``: hedges, source markers, unnamed sources and boosters, with rates per 1,000 words.

Writes the table of matches (``doc_id, sent_id, start_char, end_char, match,
category, entry, in_quote``) to ``--out`` (.csv .tsv .parquet .xlsx, or .tex .html
.md) and prints, per category, the count and the rate per 1,000 words with a 95%
confidence interval resampled over documents. ``--lexicon FILE`` adds entries to
the bundled lexicon (``--lexicon-mode replace`` uses the file alone); the file is a
TSV with the columns pattern, category, notes, source, validated line by line
(see corpusling/lexicons/README.md for the notation). With ``--group-by`` each group
gets its rates and is compared with the rest of the corpus (G², p, log ratio).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from corpusling.cli._output import print_table
from corpusling.cli.common import add_input_arguments, load_corpus

EPILOG = """examples:
  corpusling hedges seeds/000_e14371d8171e9155.txt
  corpusling hedges corpora/wikinews-fr-2012/documents --out hedges.xlsx
  corpusling hedges corpora/wikinews-fr-2012/documents --group-by date --rates hedge_rates.csv
  corpusling hedges parsed/wikinews --lexicon my_hedges.tsv --lexicon-mode add --out hedges.csv

a lexicon file (tab-separated, UTF-8):
  pattern\tcategory\tnotes\tsource
  à la louche\tapproximator\trough estimate\tmy reading
  selon _ la presse\tsource_marker\t\t
"""

BY = {"category": "category", "entry": "entry", "voice": "in_quote"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("hedges", help="hedges, source markers and boosters: counts and rates",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    parser.add_argument("--lexicon", type=Path, default=None, metavar="FILE",
                        help="your own lexicon (TSV: pattern, category, notes, source)")
    parser.add_argument("--lexicon-mode", choices=["add", "replace"], default="add",
                        help="add FILE's entries to the bundled lexicon (default) or use FILE alone")
    parser.add_argument("--group-by", metavar="COL", default=None,
                        help="metadata column whose groups get rates and are compared (e.g. outlet, date)")
    parser.add_argument("--by", choices=sorted(BY), default="category",
                        help="split the rates by category (default), entry or voice (in_quote)")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the table of matches (.csv .tsv .parquet .xlsx .tex .html .md)")
    parser.add_argument("--rates", type=Path, default=None, help="write the rates table too (same formats)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    parser.set_defaults(func=run)


def _quotes(tokens: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame | None:
    """Quotation spans for ``in_quote``, when the quotation analysis is installed."""
    try:
        from corpusling.markers.quotes import quotes
    except ImportError:
        return None
    return quotes(tokens, documents)


def run(args: argparse.Namespace) -> int:
    from corpusling.lexicons import load_lexicon
    from corpusling.markers.hedges import hedges
    from corpusling.rates import compare, rates
    from corpusling.tables import write_table

    lexicon = load_lexicon(args.lexicon, mode=args.lexicon_mode)  # before parsing: a bad file fails fast
    corpus = load_corpus(args)
    tokens, documents = corpus.tokens, corpus.documents
    rows = hedges(tokens, documents, lexicon=lexicon, quotes=_quotes(tokens, documents))
    if args.out:
        write_table(rows, args.out, raw_csv=args.raw_csv)
        print(f"{rows.height} matches written to {args.out}", file=sys.stderr)
    by = [BY[args.by]]
    table = rates(rows, tokens, documents, by=by, group_by=args.group_by, seed=args.seed)
    if args.rates:
        write_table(table, args.rates, raw_csv=args.raw_csv)
    hedging = rows.filter(pl.col("category") != "booster")
    overall = rates(hedging, tokens, documents, seed=args.seed).row(0, named=True)
    print(f"{rows.height} matches in {documents.height} documents ({tokens.height} words); "
          f"hedges and source markers (boosters aside): {overall['rate']:.2f} per 1,000 words "
          f"(95% CI {overall['ci_low']:.2f}–{overall['ci_high']:.2f})")
    print("per 1,000 words (95% CI over documents):")
    print_table(table.select(c for c in table.columns if c != "ci_method").sort("group", "count",
                                                                                  descending=[False, True]))
    if args.group_by:
        print(f"each {args.group_by} against the rest (G², p, log ratio):")
        print_table(compare(rows, tokens, documents, args.group_by, by=by))
    return 0

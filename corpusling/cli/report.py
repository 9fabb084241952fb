"""``corpusling report``: every analysis of a corpus, its tables, figures, provenance and an HTML page."""

from __future__ import annotations

import argparse
from pathlib import Path

from corpusling.checks import count_type
from corpusling.cli.common import add_input_arguments

EPILOG = """examples:
  corpusling report seeds/ --out results/seed
  corpusling report corpora/wikinews-fr-2012/documents --out results/wikinews --lang en
  corpusling report seeds/ corpora/wikinews-fr-2012/documents --group-by outlet --out results/both
  corpusling report parsed/wikinews --out results/wikinews      # a folder from `corpusling parse`
  corpusling report articles.csv --text-column body --group-by outlet --lexicon my_hedges.tsv --out results/a

writes into --out: tokens.parquet, documents.parquet, documents.csv, quotes.csv, conditionals.csv,
hedges.csv, reported.csv, speakers.csv, summary.csv, rates.csv, comparison.csv (with --group-by), figures/*.pdf|svg|png,
provenance.json and report.html (open it in a browser; it needs no server). A second run on the
same input parses nothing again (parse cache). An analysis that fails is reported and the other
files are still written; the exit status is then 1.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="all analyses, tables, figures and an HTML report in one folder",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="output folder (created if needed)")
    parser.add_argument("--group-by", default=None, metavar="COL",
                        help="metadata column whose groups are compared (outlet, year…)")
    parser.add_argument("--lang", choices=["fr", "en"], default="fr", help="language of figures and page (fr)")
    parser.add_argument("--lexicon", type=Path, default=None, help="your own hedge lexicon (TSV)")
    parser.add_argument("--lexicon-mode", choices=["replace", "add"], default="replace",
                        help="use --lexicon alone (replace) or add it to the bundled entries (add)")
    parser.add_argument("--n-boot", type=count_type("--n-boot", 1), default=2000,
                        help="bootstrap resamples for the CIs (2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (0)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpusling.report import report

    done = report(args.inputs, args.out, group_by=args.group_by, lang=args.lang, model=args.model,
                  lexicon=args.lexicon, lexicon_mode=args.lexicon_mode,
                  format=args.format, text_column=args.text_column, workers=args.workers,
                  cache=None if args.no_cache else args.cache, use_cache=not args.no_cache, n_boot=args.n_boot,
                  seed=args.seed, raw_csv=args.raw_csv)
    failed = [s.name for s in done.steps if s.status != "ok"]
    print(f"report written to {done.out / 'report.html'}"
          + (f"; incomplete: {', '.join(failed)} (see above)" if failed else ""))
    return 1 if failed else 0

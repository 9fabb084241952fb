"""``corpusling hedges``: hedges, source markers, unnamed sources and boosters, with rates per 1,000 words.

Writes the table of matches (``doc_id, sent_id, start_char, end_char, match,
category, entry, in_quote, voice``: the table of ``cl.hedges(corpus)``, ``voice`` being
writer, quoted or reported) to ``--out`` (.csv .tsv .parquet .xlsx, or .tex .html
.md) and prints, per category (or per voice, ``--by voice``), the count and the rate
per 1,000 words with a 95% confidence interval resampled over documents. ``--lexicon FILE`` adds entries to
the bundled lexicon (``--lexicon-mode replace`` uses the file alone); the file is a
TSV with the columns pattern, category, notes, source, validated line by line
(see corpusling/lexicons/README.md for the notation). With ``--group-by`` each group
gets its rates and is compared with the rest of the corpus (G², p, log ratio).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import polars as pl

from corpusling.cli._output import print_table
from corpusling.cli.analysis import Run, add_analysis_verb, print_comparison
from corpusling.registry import DEFAULT_LEXICON_MODE, LEXICON_MODES

EPILOG = """examples:
  corpusling hedges seeds/000_e14371d8171e9155.txt
  corpusling hedges corpora/wikinews-fr-2012/documents --out hedges.xlsx
  corpusling hedges corpora/wikinews-fr-2012/documents --group-by date --rates hedge_rates.csv
  corpusling hedges parsed/wikinews --lexicon my_hedges.tsv --out hedges.csv
  corpusling hedges parsed/wikinews --lexicon only_mine.tsv --lexicon-mode replace --out hedges.csv

a lexicon file (tab-separated, UTF-8):
  pattern\tcategory\tnotes\tsource
  à la louche\tapproximator\trough estimate\tmy reading
  selon _ la presse\tsource_marker\t\t
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_analysis_verb(subparsers, "hedges", doc=__doc__, epilog=EPILOG, by="category", options=options,
                               summary=summary)
    parser.add_argument("--lexicon", type=Path, default=None, metavar="FILE",
                        help="your own lexicon (TSV: pattern, category, notes, source)")
    parser.add_argument("--lexicon-mode", choices=LEXICON_MODES, default=DEFAULT_LEXICON_MODE,
                        help="add FILE's entries to the bundled lexicon (add) or use FILE alone (replace); "
                             f"default: {DEFAULT_LEXICON_MODE}")


def options(args: argparse.Namespace) -> dict[str, Any]:
    """The lexicon, read and checked before the corpus is parsed."""
    from corpusling.lexicons import load_lexicon

    return {"lexicon": load_lexicon(args.lexicon, mode=args.lexicon_mode)}


def summary(run: Run) -> None:
    """The rate of hedges and source markers (boosters aside), the rates by ``--by``, then the comparisons."""
    from corpusling.rates import rates

    rows, tokens, documents = run.rows, run.corpus.tokens, run.corpus.documents
    hedging = rows.filter(pl.col("category") != "booster")
    overall = rates(hedging, tokens, documents, seed=run.args.seed).row(0, named=True)
    print(f"{rows.height} matches in {documents.height} documents ({tokens.height} words); "
          f"hedges and source markers (boosters aside): {overall['rate']:.2f} per 1,000 words "
          f"(95% CI {overall['ci_low']:.2f}–{overall['ci_high']:.2f})")
    print("per 1,000 words (95% CI over documents):")
    table = run.rates
    assert table is not None  # a verb with rates
    print_table(table.select(c for c in table.columns if c != "ci_method").sort("group", "count",
                                                                              descending=[False, True]))
    print_comparison(run, by=run.by)

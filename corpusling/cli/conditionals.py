"""``corpusling conditionals``: every verb in the conditional mood, its use, and rates per 1,000 words.

Writes the table of conditionals (one row per finite conditional verb, compounds on
their auxiliary: ``doc_id, sent_id, start_char, end_char, form, lemma, tense,
compound, main_lemma, class, sentence, rule, detected_by, in_quote, voice``: the table of
``cl.conditionals(corpus)``, ``voice`` being writer, quoted or reported) to ``--out``
(.csv .tsv .parquet .xlsx, or .tex .html .md), and prints counts by class and the
rate per 1,000 words with a 95% confidence interval resampled over documents
(``--by voice`` splits it by the three voices).
With ``--group-by`` the rates are given per group and each group is compared with
the rest of the corpus (log-likelihood G², p, log ratio).
"""

from __future__ import annotations

import argparse
from typing import Any

import polars as pl

from corpusling.cli._output import print_table
from corpusling.cli.analysis import Run, add_analysis_verb, print_comparison
from corpusling.registry import CLASS_DECIDERS

EPILOG = """examples:
  corpusling conditionals seeds/000_e14371d8171e9155.txt
  corpusling conditionals corpora/wikinews-fr-2012/documents --out conditionals.xlsx
  corpusling conditionals corpora/wikinews-fr-2012/documents --group-by date --by class --rates rates.csv
  corpusling conditionals parsed/wikinews --by lemma --out conditionals.parquet
  corpusling conditionals parsed/wikinews --by voice        # writer, quoted or reported
  corpusling conditionals parsed/wikinews --classes model --out conditionals.csv   # the learned classifier
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_analysis_verb(subparsers, "conditionals", doc=__doc__, epilog=EPILOG, summary=summary,
                               options=options)
    parser.add_argument("--classes", choices=CLASS_DECIDERS, default="rules",
                        help="who decides each conditional's use: the ordered rules (default) or the learned "
                             "classifier (figures in corpusling/lexicons/conditional_class_weights.md)")


def options(args: argparse.Namespace) -> dict[str, Any]:
    """``--classes``."""
    return {"classes": args.classes}


def summary(run: Run) -> None:
    """The whole corpus's rate, the counts by class, then the rates by ``--by`` and ``--group-by`` if asked."""
    from corpusling.rates import rates

    rows, tokens, documents = run.rows, run.corpus.tokens, run.corpus.documents
    overall = rates(rows, tokens, documents, seed=run.args.seed).row(0, named=True)
    print(f"{rows.height} conditionals ({rows['compound'].sum()} compound) in {documents.height} documents: "
          f"{overall['rate']:.2f} per 1,000 words (95% CI {overall['ci_low']:.2f}–{overall['ci_high']:.2f})")
    counts = (rows.group_by("class").len("count").sort("count", descending=True)
              .with_columns((pl.col("count") / max(rows.height, 1) * 100).round(1).cast(pl.String).alias("%")))
    print_table(counts)
    if run.by or run.args.group_by:
        assert run.rates is not None  # a verb with rates
        print("rate per 1,000 words (95% CI):")
        print_table(run.rates.select(c for c in run.rates.columns if c != "ci_method"))
    print_comparison(run, by=run.by)

"""``corpusling quotes``: quotations, their kind, source and reporting verb, and quotation density.

Writes the table of quotations (one row per span between quotation marks:
``doc_id, quote_id, start_char, end_char, text, n_tokens, kind, nested, source,
reporting_verb, level, unbalanced, continued, mark, source_start, source_end, rule, speaker``)
to ``--out`` (.csv .tsv .parquet .xlsx, or .tex .html .md) and prints a summary:
quotations by kind, quotations per 1,000 words and the share of quoted words with
95% confidence intervals resampled over documents, the share of direct and mixed
quotations attributed to a source, the most frequent sources and reporting verbs.
With ``--group-by`` density is given per group and each group is compared with the
rest of the corpus (log-likelihood G², p, log ratio).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import polars as pl

from corpusling.cli._output import print_most_frequent, print_table
from corpusling.cli.analysis import Run, add_analysis_verb
from corpusling.registry import KIND_DECIDERS

EPILOG = """examples:
  corpusling quotes seeds/000_e14371d8171e9155.txt
  corpusling quotes corpora/wikinews-fr-2012/documents --out quotes.xlsx
  corpusling quotes corpora/wikinews-fr-2012/documents --group-by date --density density.csv
  corpusling quotes parsed/wikinews --reporting-verbs my_verbs.tsv --out quotes.parquet
  corpusling quotes parsed/wikinews --kinds rules --out quotes.csv         # kinds by the ordered rules alone
  corpusling quotes corpora/wikinews-fr-2012/documents --speakers who.csv   # who is quoted, how much
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_analysis_verb(subparsers, "quotes", doc=__doc__, epilog=EPILOG, rates=False, options=options,
                               summary=summary)
    parser.add_argument("--density", type=Path, default=None,
                        help="write the density table (per document, then per group; same formats)")
    parser.add_argument("--speakers", type=Path, default=None,
                        help="write who is quoted: one row per document and speaker, with mentions, quotations "
                             "and quoted words (same formats)")
    parser.add_argument("--reporting-verbs", "--verbs", type=Path, default=None, metavar="FILE",
                        help="reporting-verb lexicon (TSV with a 'lemma' column; default: the bundled one); "
                             "cl.quotes(corpus, reporting_verbs=FILE). --verbs is its older name, still accepted")
    parser.add_argument("--kinds", choices=KIND_DECIDERS, default=None,
                        help="who decides a quotation's kind: the ordered rules, the learned model, or the hybrid "
                             "(default: the rules' direct stands, the model chooses between mixed and scare; "
                             "figures in corpusling/lexicons/quote_kind_weights.md)")


def options(args: argparse.Namespace) -> dict[str, Any]:
    """The reporting-verb lexicon of ``--reporting-verbs`` (or ``--verbs``), read and checked before the corpus is
    parsed, and ``--kinds``."""
    from corpusling.markers.attribution import load_reporting_verbs

    chosen: dict[str, Any] = ({"reporting_verbs": load_reporting_verbs(args.reporting_verbs)}
                              if args.reporting_verbs else {})
    return {**chosen, "kinds": args.kinds} if args.kinds else chosen


def summary(run: Run) -> None:
    """``--speakers``; quotations by kind, their density with confidence intervals, the most frequent speakers
    and reporting verbs; with ``--group-by``, density per group, by kind, and each group against the rest."""
    from corpusling.markers.quote_density import compare_density, density, density_by_kind, outer
    from corpusling.tables import write_table

    args, table, tokens, documents = run.args, run.rows, run.corpus.tokens, run.corpus.documents
    if args.speakers:
        from corpusling.markers.speakers import speakers

        who = speakers(table, tokens, documents)
        write_table(who, args.speakers, raw_csv=args.raw_csv)
        print(f"{who.height} speakers written to {args.speakers}", file=sys.stderr)
    dens = density(table, tokens, documents, group_by=args.group_by, seed=args.seed)
    if args.density:
        write_table(dens, args.density, raw_csv=args.raw_csv)
    whole = density(table, tokens, documents, seed=args.seed).filter(pl.col("level") == "group").row(0, named=True)
    top = outer(table)
    attributed = whole["share_attributed"]
    print(f"{table.height} quotations ({top.height} outer, {table.height - top.height} nested, "
          f"{int(table['unbalanced'].sum())} unbalanced) in {documents.height} documents: "
          f"{whole['quotes_per_1000']:.2f} per 1,000 words (95% CI {whole['ci_low']:.2f}–{whole['ci_high']:.2f}); "
          f"quoted words {whole['quoted_share']:.1%} (95% CI {whole['quoted_share_ci_low']:.1%}–"
          f"{whole['quoted_share_ci_high']:.1%}); "
          f"attributed {'–' if attributed is None else f'{attributed:.0%}'} of direct and mixed quotations")
    counts = (top.group_by("kind").agg(pl.len().alias("count"), pl.col("n_tokens").mean().round(1).alias("mean_words"))
              .sort("count", descending=True)
              .with_columns((pl.col("count") / max(top.height, 1) * 100).round(1).alias("%")))
    print_table(counts)
    voiced = top.filter(pl.col("kind") != "scare")
    for column, label in (("speaker", "speakers"), ("reporting_verb", "reporting verbs")):
        print_most_frequent(voiced, column, label)
    if args.group_by:
        print(f"density per {args.group_by}:")
        print_table(dens.filter(pl.col("level") == "group").select(
            "group", "n_docs", "n_quotes", "quotes_per_1000", "ci_low", "ci_high", "quoted_share", "share_attributed"))
        print("quotations per 1,000 words by kind (95% CI):")
        by_kind = density_by_kind(table, tokens, documents, group_by=args.group_by, seed=args.seed)
        print_table(by_kind.select(c for c in by_kind.columns if c != "ci_method"))
        print(f"each {args.group_by} against the rest (G², p, log ratio):")
        print_table(compare_density(table, tokens, documents, args.group_by))

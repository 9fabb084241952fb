"""The seed article against 80 Wikinews articles (2012): does it hedge and distance itself more?

Questions, one figure each
  1. Conditionals by use (reportive, epistemic…) per 1,000 words: seed vs Wikinews.
  2. Hedges, source markers and boosters by category: seed vs Wikinews.
  3. Quotation density by kind (direct, mixed, scare): seed vs Wikinews.
  4. Voice: are the conditionals and hedges the writer's own, or in quoted speech?
  5. Over time (Wikinews, which has dates): markers per month.

Rates carry 95% confidence intervals (bootstrap over documents; exact Poisson for the
single seed document), and the seed is compared with Wikinews by log-likelihood G²
(Rayson & Garside 2000) and log ratio (Hardie 2014): ``comparison.csv``.

Run: ``python analyses/seed_vs_wikinews.py`` (a few minutes the first time, for parsing;
seconds afterwards, from the parse cache). Writes into ``results/seed_vs_wikinews/``.
Uses only corpusling's public API, each verb taking the corpus first (``cl.conditionals(corpus)``); see
``analyses/README.md`` to adapt it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

import corpusling as cl
from corpusling import figures
from corpusling.summary import marker_tables, summary, voice_rates, with_period

ROOT = Path(__file__).resolve().parent.parent
#: The corpora compared: a name (the value of the ``corpus`` column) → files or folders.
CORPORA = {"seed": [ROOT / "seeds"], "Wikinews": [ROOT / "corpora" / "wikinews-fr-2012" / "documents"]}
OUT = ROOT / "results" / Path(__file__).stem
LANG = "en"                                    # labels of the figures: "fr" or "en"
GROUP = "corpus"                               # the documents column the groups are compared on


def load(corpora: dict[str, list[Path]]) -> cl.ParsedCorpus:
    """Parse each corpus (cached) and stack them into one corpus, with a ``corpus`` column in its documents table
    (its model record: the first corpus's)."""
    tokens, documents, models = [], [], []
    for name, inputs in corpora.items():
        parsed = cl.load_or_parse(inputs, progress=True, report_skipped=True)
        tokens.append(parsed.tokens)
        documents.append(parsed.documents.with_columns(pl.lit(name).alias("corpus")))
        models.append(parsed.model)
        print(f"{name}: {parsed.documents.height} documents, {parsed.tokens.height:,} words")
    return cl.ParsedCorpus(tokens=pl.concat(tokens, how="vertical_relaxed"),
                           documents=pl.concat(documents, how="diagonal_relaxed"), model=models[0])


def question(corpus: cl.ParsedCorpus, rows: pl.DataFrame, by: str, name: str, measure: str,
             total: pl.DataFrame | None = None) -> pl.DataFrame:
    """Rates by ``by`` and group with CIs (table + figure); returns each group's G² against the rest.

    ``measure`` names the figure's axis (a key of ``corpusling.figures.LABELS``); the ``(all)``
    line of the comparison counts ``total`` (default: every row of ``rows``).
    """
    table = cl.rates(corpus, rows.with_columns(pl.col(by).cast(pl.String)), by=[by], group_by=GROUP)
    cl.write_table(table, OUT / f"{name}.csv")
    figures.save(figures.plot_rates(table, by, lang=LANG, measure=measure), OUT / name)
    total = cl.compare(corpus, rows if total is None else total, group_by=GROUP).with_columns(
        pl.lit("(all)").alias("level"))
    split = cl.compare(corpus, rows.with_columns(pl.col(by).cast(pl.String)), group_by=GROUP, by=[by])
    table = pl.concat([total, split.rename({by: "level"})], how="diagonal_relaxed")
    groups = corpus.documents[GROUP].cast(pl.String).fill_null("(none)").unique(maintain_order=True).to_list()
    if len(groups) == 2:  # the second group's lines mirror the first's
        table = table.filter(pl.col("group") == groups[0])
    return (table.with_columns(pl.lit(name).alias("question"))
            .select("question", "group", "level", "count", "n_words", "other_count", "other_words", "g2", "p",
                    "log_ratio"))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = load(CORPORA)
    tokens, documents = corpus.tokens, corpus.documents

    quoted = cl.quotes(corpus)          # computed once: the conditionals' and hedges' in_quote come from it
    cond = cl.conditionals(corpus)
    hedge = cl.hedges(corpus)
    markers = marker_tables(cond, hedge, quoted)

    comparison = pl.concat([
        question(corpus, cond, "class", "conditionals_by_class", "conditionals_rate"),                      # 1
        question(corpus, hedge, "category", "hedges_by_category", "hedges_boosters_rate",
                 total=markers["hedges"]),                                      # 2: "(all)" = hedges, no boosters
        question(corpus, markers["quotations"], "kind", "quotations_by_kind", "quotations_rate"),             # 3
    ])
    cl.write_table(comparison, OUT / "comparison.csv")
    cl.write_table(comparison, OUT / "comparison.md")

    # 4. voice: each marker per 1,000 words of the writer's voice and of quoted voice
    voice = pl.concat([voice_rates(markers[m], tokens, documents, quoted, group_by=GROUP)
                       .with_columns(pl.lit(m).alias("marker")) for m in ("conditionals", "hedges")])
    cl.write_table(voice, OUT / "voice.csv")
    figures.save(figures.plot_voice(voice, "marker", lang=LANG), OUT / "voice")

    # 5. over time, where documents have dates (Wikinews): markers per month
    dated = with_period(documents).filter(pl.col("period").is_not_null())
    if dated["period"].n_unique() >= 2:
        by_month = cl.ParsedCorpus(tokens=tokens, documents=dated)   # the corpus's dated documents, by month
        timeline = pl.concat([cl.rates(by_month, markers[m], group_by="period").with_columns(pl.lit(m)
                              .alias("marker")) for m in ("conditionals", "hedges", "quotations")])
        cl.write_table(timeline, OUT / "timeline.csv")
        figures.save(figures.plot_timeline(timeline, "group", series="marker", lang=LANG), OUT / "timeline")

    table = summary(tokens, documents, cond, hedge, quoted, group_by=GROUP)
    cl.write_table(table, OUT / "summary.csv")
    with pl.Config(tbl_cols=-1, tbl_width_chars=160, tbl_hide_dataframe_shape=True, tbl_rows=40,
                   float_precision=3):
        print(table.filter(pl.col("level") == "group").select(
            "group", "n_documents", "n_words", "conditionals_per_1000", "hedges_per_1000", "boosters_per_1000",
            "quotations_per_1000", "quoted_share"))
        print(comparison)
        print(voice.select("marker", "group", "voice", "count", "n_words", "rate", "ci_low", "ci_high"))
    print(f"tables and figures in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

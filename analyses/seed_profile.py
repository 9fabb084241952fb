"""Profile of the seed article: its conditionals, hedges and quotations, and who speaks them.

Questions
  1. How often does the article use the conditional, and in which uses (reportive,
     epistemic, hypothetical…)? In whose voice — the writer's or a quoted speaker's?
  2. Which hedges, source markers and boosters does it use?
  3. How much of it is quotation, and of which kind?
  4. The conditionals in context: a concordance sorted by use.

Run: ``python analyses/seed_profile.py [INPUT...]`` (about a minute the first time, for parsing;
seconds afterwards, from the parse cache). Writes into ``results/seed_profile/``.
Uses only corpusling's public API, each verb taking the corpus first (``cl.conditionals(corpus)``); see
``analyses/README.md`` to run it on your corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

import corpusling as cl
from corpusling import figures
from corpusling.summary import marker_tables, summary, voice_rates

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "seeds"]                      # files or folders: .txt .csv .jsonl .html .conllu …
OUT = ROOT / "results" / Path(__file__).stem
LANG = "en"                                    # labels of the figures: "fr" or "en"


def conditional_concordance(corpus: cl.ParsedCorpus, found: pl.DataFrame, width: int = 8) -> pl.DataFrame:
    """KWIC lines of the conditionals, with their use, lemma and voice, sorted by use then position."""
    keys = found.select(pl.col("doc_id").cast(pl.String), "start_char", "form", pl.col("class").alias("use"))
    marked = (corpus.tokens.with_columns(pl.col("doc_id").cast(pl.String))
              .join(keys, on=["doc_id", "start_char", "form"], how="left", maintain_order="left"))
    # the corpus with each conditional's use as a token attribute, which the query then matches
    lines = cl.concordance(cl.ParsedCorpus(tokens=marked, documents=corpus.documents), '[use=".+"]', width=width)
    details = found.select(pl.col("doc_id").cast(pl.String), "start_char", pl.col("class").alias("use"), "lemma",
                           "tense", "compound", "main_lemma", "in_quote", "rule")
    return (lines.join(details, on=["doc_id", "start_char"], how="left", maintain_order="left")
            .sort("use", "doc_id", "start_char"))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = cl.load_or_parse(sys.argv[1:] or INPUTS, progress=True)   # parsed once, then from the cache
    tokens, documents = corpus.tokens, corpus.documents
    print(f"{documents.height} document(s), {tokens.height:,} words, model {corpus.model.get('name')}")

    quoted = cl.quotes(corpus)          # computed once: the conditionals' and hedges' in_quote come from it
    cond = cl.conditionals(corpus)
    hedge = cl.hedges(corpus)
    for name, table in [("quotes", quoted), ("conditionals", cond), ("hedges", hedge)]:
        # (the files as before the corpus-first verbs: their voice column, writer/quoted/reported, left out)
        cl.write_table(table.drop("voice", strict=False), OUT / f"{name}.csv")

    # 1. conditionals by use, and by voice
    by_class = cl.rates(corpus, cond, by=["class"])
    cl.write_table(by_class, OUT / "conditionals_by_class.csv")
    figures.save(figures.plot_rates(by_class, "class", lang=LANG, measure="conditionals_rate"),
                 OUT / "conditionals_by_class")
    markers = marker_tables(cond, hedge, quoted)
    voice = pl.concat([voice_rates(markers[m], tokens, documents, quoted).with_columns(pl.lit(m).alias("marker"))
                       for m in ("conditionals", "hedges", "boosters")])
    cl.write_table(voice, OUT / "voice.csv")
    figures.save(figures.plot_voice(voice, "marker", lang=LANG), OUT / "voice")

    # 2. hedges by category
    by_category = cl.rates(corpus, hedge, by=["category"])
    cl.write_table(by_category, OUT / "hedges_by_category.csv")
    figures.save(figures.plot_rates(by_category, "category", lang=LANG,
                                         measure="hedges_boosters_rate"), OUT / "hedges_by_category")

    # 3. quotations by kind, and where every marker falls in the text
    by_kind = cl.rates(corpus, quoted.filter(~pl.col("nested")), by=["kind"])
    cl.write_table(by_kind, OUT / "quotations_by_kind.csv")
    positions = pl.concat([m.select(pl.col("doc_id").cast(pl.String), "start_char").with_columns(
        pl.lit(name).alias("marker")) for name, m in markers.items()])
    figures.save(figures.plot_dispersion(positions, documents, "marker", lang=LANG), OUT / "dispersion")

    # 4. the conditionals in context
    kwic = conditional_concordance(corpus, cond)
    cl.write_table(kwic, OUT / "conditionals_concordance.csv")
    cl.write_table(kwic, OUT / "conditionals_concordance.html")

    table = summary(tokens, documents, cond, hedge, quoted)
    cl.write_table(table, OUT / "summary.csv")
    with pl.Config(tbl_cols=-1, tbl_rows=40, tbl_width_chars=160, tbl_hide_dataframe_shape=True,
                   fmt_str_lengths=60):
        print(table.filter(pl.col("level") == "corpus").drop("level", "group", "doc_id")
              .select(pl.all().cast(pl.Float64)).transpose(include_header=True, header_name="measure",
                                                           column_names=["value"]))
        print(by_class.select("class", "count", "rate", "ci_low", "ci_high"))
        print(voice.select("marker", "voice", "count", "n_words", "rate"))
        print(kwic.select("use", "left", "match", "right").head(12))
    print(f"tables and figures in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

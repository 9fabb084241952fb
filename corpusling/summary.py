"""Summary tables across analyses: per document and per group, by voice, by period.

Pure functions of the token table, the documents table and the marker tables
(conditionals, hedges, quotations); the report and the ``analyses/`` scripts print,
plot and save them.

* :func:`summary` — ``summary.csv`` of the report: for each document, then each group,
  then the whole corpus, word counts, markers per 1,000 words and the quoted-word share.
* :func:`voice_rates` — rates in the writer's voice and in quoted voice, each per
  1,000 words *of that voice* (Authier-Revuz's discours citant / discours cité), with
  the same document bootstrap as :func:`corpusling.rates.rates`.
* :func:`with_period` — a ``period`` column (month, year or day) from an ISO date.

Words are word tokens: syntactic words, punctuation and symbols left out
(:func:`corpusling.tokens.is_word`), counted by :func:`corpusling.rates.document_sizes` and
the voice counts of :mod:`corpusling.markers.voice` (through
:func:`corpusling.measures.document_measures`), so every rate and share of a report has the
same denominator and the three voices' words add up to the document's.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from corpusling.markers.voice import QUOTED_KINDS, with_in_quote
from corpusling.rates import rates
from corpusling.registry import breakdown

#: Hedge-table categories counted as boosters (the contrast), not as hedges.
BOOSTER_CATEGORIES: tuple[str, ...] = ("booster",)

_SEP = "\x1f"  # joins doc_id and voice into the id of a pseudo-document


def _hedges_only(hedges: pl.DataFrame) -> pl.DataFrame:
    return hedges.filter(~pl.col("category").cast(pl.String).is_in(list(BOOSTER_CATEGORIES)))


def _boosters_only(hedges: pl.DataFrame) -> pl.DataFrame:
    return hedges.filter(pl.col("category").cast(pl.String).is_in(list(BOOSTER_CATEGORIES)))


def marker_tables(conditionals: pl.DataFrame | None = None, hedges: pl.DataFrame | None = None,
                  quotes: pl.DataFrame | None = None) -> dict[str, pl.DataFrame]:
    """The markers counted in a summary, by name: conditionals, hedges, boosters, quotations.

    An analysis that is missing (``None``) is left out.
    """
    tables: dict[str, pl.DataFrame] = {}
    if conditionals is not None:
        tables["conditionals"] = conditionals
    if hedges is not None:
        tables["hedges"] = _hedges_only(hedges)
        tables["boosters"] = _boosters_only(hedges)
    if quotes is not None:
        outer = quotes.filter(pl.col("nested").not_()) if "nested" in quotes.columns else quotes
        tables["quotations"] = outer
    return tables


#: The analysis of :mod:`corpusling.registry` each marker of :func:`marker_tables` takes its rows from.
MARKER_ANALYSES: dict[str, str] = {"conditionals": "conditionals", "hedges": "hedges", "boosters": "hedges",
                                   "quotations": "quotes"}

#: The column each marker's rates are broken down by: its analysis's ``breakdown`` in the registry.
BREAKDOWN: dict[str, str] = {marker: breakdown(name) for marker, name in MARKER_ANALYSES.items()}


def stacked_markers(markers: dict[str, pl.DataFrame], breakdown: bool = True) -> pl.DataFrame:
    """Every marker row once as ``doc_id, marker, breakdown, level`` with ``level`` "(all)", and, with
    ``breakdown``, once more under its category (:data:`BREAKDOWN`, where the table has that column): the
    input of one :func:`corpusling.rates.rates` call ``by=["marker", "breakdown", "level"]``."""
    doc = pl.col("doc_id").cast(pl.String)
    parts = []
    for marker, rows in markers.items():
        parts.append(rows.select(doc, pl.lit(marker).alias("marker"), pl.lit(None, pl.String).alias("breakdown"),
                                 pl.lit("(all)").alias("level")))
        column = BREAKDOWN.get(marker)
        if breakdown and column and column in rows.columns:
            parts.append(rows.select(doc, pl.lit(marker).alias("marker"), pl.lit(column).alias("breakdown"),
                                     pl.col(column).cast(pl.String).alias("level")))
    return pl.concat(parts)


def summary(tokens: pl.DataFrame | None, documents: pl.DataFrame, conditionals: pl.DataFrame | None = None,
            hedges: pl.DataFrame | None = None, quotes: pl.DataFrame | None = None,
            group_by: str | None = None, per: float = 1000,
            quoted_kinds: Sequence[str] | None = QUOTED_KINDS, reported: pl.DataFrame | None = None,
            measures: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per document, then per group, then the corpus (``level`` says which).

    Columns: ``level, group, doc_id, n_documents, n_sentences, n_words``, then for each
    marker present ``<marker>`` (count) and ``<marker>_per_1000``, and, with quotations,
    ``quoted_words`` and ``quoted_share`` (word tokens inside direct or mixed quotations, see
    :mod:`corpusling.markers.voice`, over all word tokens). Quotations count outer spans only.
    With ``reported`` (reported speech) as well: ``reported_words``, ``reported_share``
    and ``writer_share``, the three voices' shares of the words (they add up to 1).
    ``measures`` (:func:`corpusling.measures.document_measures`, e.g. stacked from batches) replaces ``tokens``.
    """
    from corpusling.groups import group_column
    from corpusling.measures import document_measures

    groups = group_column(documents, group_by)
    three = quotes is not None and reported is not None
    if measures is None:
        if tokens is None:
            raise ValueError("summary needs the token table or the documents' measures")
        measures = document_measures(tokens, quotes, reported if three else None, quoted_kinds)
    words = measures.select("doc_id", "n_words", "n_sentences")
    per_doc = (groups.join(words, on="doc_id", how="left")
               .with_columns(pl.col("n_words").fill_null(0), pl.col("n_sentences").fill_null(0),
                             pl.lit(1).alias("n_documents")))
    markers = marker_tables(conditionals, hedges, quotes)
    for name, rows in markers.items():
        counts = rows.group_by(pl.col("doc_id").cast(pl.String)).agg(pl.len().alias(name))
        per_doc = per_doc.join(counts, on="doc_id", how="left").with_columns(pl.col(name).fill_null(0))
    if quotes is not None:
        per_doc = per_doc.join(measures.select("doc_id", "quoted_words"), on="doc_id", how="left").with_columns(
            pl.col("quoted_words").fill_null(0))
    if three:
        per_doc = per_doc.join(measures.select("doc_id", "reported_words"), on="doc_id", how="left").with_columns(
            pl.col("reported_words").fill_null(0))
    counted = [*markers, *(["quoted_words"] if quotes is not None else []), *(["reported_words"] if three else [])]
    sums = [pl.col(c).sum() for c in ("n_documents", "n_sentences", "n_words", *counted)]
    per_group = (per_doc.group_by("group", maintain_order=True).agg(*sums)
                 .with_columns(pl.lit(None, pl.String).alias("doc_id"), pl.lit("group").alias("level")))
    corpus = per_doc.select(*sums).with_columns(pl.lit("all").alias("group"), pl.lit(None, pl.String).alias("doc_id"),
                                                pl.lit("corpus").alias("level"))
    per_doc = per_doc.with_columns(pl.lit("document").alias("level"))
    columns = ["level", "group", "doc_id", "n_documents", "n_sentences", "n_words", *counted]
    parts = [per_doc.select(columns), per_group.select(columns) if group_by else None, corpus.select(columns)]
    table = pl.concat([p for p in parts if p is not None], how="vertical_relaxed")
    rate_columns = []
    for name in markers:
        rate_columns += [name, (pl.col(name) / pl.col("n_words") * per).alias(f"{name}_per_{per:g}")]
    if quotes is not None:
        rate_columns += ["quoted_words", (pl.col("quoted_words") / pl.col("n_words")).alias("quoted_share")]
    if three:
        rate_columns += ["reported_words", (pl.col("reported_words") / pl.col("n_words")).alias("reported_share"),
                         ((pl.col("n_words") - pl.col("quoted_words") - pl.col("reported_words"))
                          / pl.col("n_words")).alias("writer_share")]
    return table.select("level", "group", "doc_id", "n_documents", "n_sentences", "n_words", *rate_columns)


def voice_rates(rows: pl.DataFrame, tokens: pl.DataFrame | None, documents: pl.DataFrame, quotes: pl.DataFrame,
                by: list[str] | None = None, group_by: str | None = None, per: float = 1000,
                n_boot: int = 2000, seed: int = 0,
                quoted_kinds: Sequence[str] | None = QUOTED_KINDS,
                all_levels: pl.DataFrame | None = None, reported: pl.DataFrame | None = None,
                measures: pl.DataFrame | None = None) -> pl.DataFrame:
    """Rates of ``rows`` in the writer's voice and in quoted voice, per 1,000 words of each voice.

    With ``reported`` (reported speech), three voices: ``writer``, ``quoted`` and ``reported`` (the
    content of reported speech outside quotations, :func:`corpusling.markers.voice.add_voice`); ``rows``
    then need ``start_char``.

    Each document is split into its writer's words and its quoted words (direct and mixed
    quotations, :func:`corpusling.markers.voice.token_voice`); a marker belongs to the
    voice it stands in (its ``in_quote`` column, or computed from ``quotes``). Columns:
    ``group, voice, *by, count, n_words, n_docs, rate, ci_low, ci_high, ci_method``,
    ``voice`` being ``"writer"`` or ``"quoted"``; CIs by bootstrap over the document halves.
    ``all_levels``: levels of ``by`` reported even without rows (:func:`corpusling.rates.document_counts`).
    ``measures`` (:func:`corpusling.measures.document_measures` with the same quotations and reported speech)
    replaces ``tokens``.
    """
    from corpusling.groups import group_column
    from corpusling.markers.voice import add_voice
    from corpusling.measures import document_measures

    if measures is None:
        if tokens is None:
            raise ValueError("voice_rates needs the token table or the documents' measures")
        measures = document_measures(tokens, quotes, reported, quoted_kinds)
    if reported is not None:  # three voices
        names = ["writer", "quoted", "reported"]
        rows = add_voice(rows, quotes, reported, quoted_kinds)
        sizes = pl.concat([measures.select((pl.col("doc_id") + _SEP + pl.lit(v)).alias("doc_id"),
                                           pl.col(f"{v}_words").alias("n_words")) for v in names])
    else:
        names = ["writer", "quoted"]
        rows = with_in_quote(rows, quotes, quoted_kinds).with_columns(
            pl.when(pl.col("in_quote").fill_null(False)).then(pl.lit("quoted")).otherwise(pl.lit("writer"))
            .alias("voice"))
        # words of each half: the document's words, the quoted ones, and the rest
        words = measures.select("doc_id", "n_words", pl.col("quoted_words").cast(pl.Int64))
        sizes = pl.concat([
            words.select((pl.col("doc_id") + _SEP + pl.lit("writer")).alias("doc_id"),
                         (pl.col("n_words") - pl.col("quoted_words")).alias("n_words")),
            words.select((pl.col("doc_id") + _SEP + pl.lit("quoted")).alias("doc_id"),
                         pl.col("quoted_words").alias("n_words")),
        ])
    sizes = sizes.filter(pl.col("n_words") > 0)  # parts without words are left out
    marks = rows.with_columns((pl.col("doc_id").cast(pl.String) + _SEP + pl.col("voice")).alias("doc_id"))
    groups = group_column(documents, group_by)
    halves = (groups.join(pl.DataFrame({"voice": names}), how="cross")
              .with_columns((pl.col("doc_id") + _SEP + pl.col("voice")).alias("doc_id"),
                            (pl.col("group") + _SEP + pl.col("voice")).alias("_gv")))
    halves = halves.filter(pl.col("doc_id").is_in(sizes["doc_id"].implode()))
    table = rates(marks, None, halves, by=by, group_by="_gv", per=per, n_boot=n_boot, seed=seed, sizes=sizes,
                  all_levels=all_levels)
    split = pl.col("group").str.split_exact(_SEP, 1)
    return (table.with_columns(split.struct.field("field_0").alias("_g"), split.struct.field("field_1").alias("voice"))
            .drop("group").rename({"_g": "group"})
            .select("group", "voice", *(by or []), "count", "n_words", "n_docs", "rate", "ci_low", "ci_high",
                    "ci_method")
            .sort("group", pl.col("voice").replace_strict({v: i for i, v in enumerate(names)},
                                                          return_dtype=pl.Int64), *(by or [])))


def with_period(documents: pl.DataFrame, date: str = "date", unit: str = "month",
                column: str = "period") -> pl.DataFrame:
    """The documents table plus ``column``: the ``unit`` (``day``, ``month``, ``year``) of an ISO date.

    Dates are read from the first ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) in the column;
    documents without one get a null period.
    """
    length = {"day": 10, "month": 7, "year": 4}[unit]
    found = pl.col(date).cast(pl.String).str.extract(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)", 1)
    return documents.with_columns(pl.when(found.str.len_chars() >= length).then(found.str.slice(0, length))
                                  .otherwise(None).alias(column))

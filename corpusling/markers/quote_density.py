"""Quotation density: how much of a text is other people's words, per document and per group.

Counts are of outer quotations (a quotation nested in another is part of it). Rates are
per 1,000 words of the token table and the quoted-word share is a proportion of the token
table's rows, as everywhere in corpusling (:mod:`corpusling.rates`), so the figures of the
different analyses can be compared. Confidence intervals resample documents (bootstrap)
and fall back to the exact Poisson interval for a group of one document; groups are
compared with G² and the log ratio (:func:`corpusling.rates.compare`).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from corpusling.groups import group_column
from corpusling.markers.voice import QUOTED_KINDS, token_voice
from corpusling.rates import compare, rates

KINDS: tuple[str, ...] = ("direct", "mixed", "scare")


def outer(quotes: pl.DataFrame) -> pl.DataFrame:
    """The quotations that are not nested in another one."""
    return quotes.filter(pl.col("level") == 0) if "level" in quotes.columns else quotes


def _quoted_word_rows(tokens: pl.DataFrame, quotes: pl.DataFrame, kinds: Sequence[str] | None) -> pl.DataFrame:
    """One row per token-table row inside a quotation of ``kinds`` (a marker table for :func:`rates`)."""
    return (token_voice(tokens.select("doc_id", "start_char"), quotes, kinds)
            .filter(pl.col("in_quote")).select(pl.col("doc_id").cast(pl.String)))


def density(quotes: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame, group_by: str | None = None,
            per: float = 1000, n_boot: int = 2000, seed: int = 0) -> pl.DataFrame:
    """Quotation density per document and per group (the whole corpus when ``group_by`` is None).

    One row per document (``level == "document"``) then one per group (``level == "group"``):
    ``level, group, doc_id, n_docs, n_words, n_quotes, n_direct, n_mixed, n_scare,
    quotes_per_1000, ci_low, ci_high, quoted_words, quoted_share, quoted_share_ci_low,
    quoted_share_ci_high, marked_share, share_attributed, mean_length``.

    ``quoted_share`` counts the words of direct and mixed quotations (quoted voice, the
    ``in_quote`` of every analysis); ``marked_share`` those of every outer quotation, scare
    quotes included. ``share_attributed`` is the share of direct and mixed quotations with a
    source; ``mean_length`` the mean ``n_tokens`` of outer quotations.
    """
    top = outer(quotes).with_columns(pl.col("doc_id").cast(pl.String))
    docs = documents.with_columns(pl.col("doc_id").cast(pl.String))
    per_name = f"quotes_per_{per:g}"
    groups = group_column(docs, group_by)
    words = tokens.group_by(pl.col("doc_id").cast(pl.String)).agg(pl.len().alias("n_words"))
    quoted = _quoted_word_rows(tokens, quotes, QUOTED_KINDS)
    marked = _quoted_word_rows(tokens, quotes, None)

    def describe(keys: list[str]) -> pl.DataFrame:
        base = groups.join(words, on="doc_id", how="left").with_columns(pl.col("n_words").fill_null(0))
        sizes = base.group_by(keys).agg(pl.col("doc_id").n_unique().alias("n_docs"), pl.col("n_words").sum())
        counted = top.join(groups, on="doc_id").group_by(keys).agg(
            pl.len().alias("n_quotes"),
            *[(pl.col("kind") == k).sum().alias(f"n_{k}") for k in KINDS],
            (pl.col("kind").is_in(QUOTED_KINDS) & pl.col("source").is_not_null()).sum().alias("_attributed"),
            pl.col("kind").is_in(QUOTED_KINDS).sum().alias("_voiced"),
            pl.col("n_tokens").mean().alias("mean_length"))
        q_words = quoted.join(groups, on="doc_id").group_by(keys).agg(pl.len().alias("quoted_words"))
        m_words = marked.join(groups, on="doc_id").group_by(keys).agg(pl.len().alias("_marked_words"))
        table = (sizes.join(counted, on=keys, how="left").join(q_words, on=keys, how="left")
                 .join(m_words, on=keys, how="left")
                 .with_columns(pl.col("n_quotes", "n_direct", "n_mixed", "n_scare", "quoted_words", "_marked_words",
                                      "_attributed", "_voiced").fill_null(0).cast(pl.Int64)))
        share = pl.when(pl.col("n_words") > 0)
        return table.with_columns(
            share.then(pl.col("n_quotes") / pl.col("n_words") * per).alias(per_name),
            share.then(pl.col("quoted_words") / pl.col("n_words")).alias("quoted_share"),
            share.then(pl.col("_marked_words") / pl.col("n_words")).alias("marked_share"),
            pl.when(pl.col("_voiced") > 0).then(pl.col("_attributed") / pl.col("_voiced")).alias("share_attributed"))

    by_doc = describe(["group", "doc_id"])
    by_group = describe(["group"])
    # confidence intervals from corpusling.rates: quotations per `per` words, quoted words per word
    doc_groups = docs.with_columns(pl.col("doc_id").alias("_doc"))
    doc_ci = (rates(top, tokens, doc_groups, group_by="_doc", per=per, n_boot=n_boot, seed=seed)
              .select(pl.col("group").alias("doc_id"), "ci_low", "ci_high"))
    doc_share = (rates(quoted, tokens, doc_groups, group_by="_doc", per=1, n_boot=n_boot, seed=seed)
                 .select(pl.col("group").alias("doc_id"), pl.col("ci_low").alias("quoted_share_ci_low"),
                         pl.col("ci_high").alias("quoted_share_ci_high")))
    group_ci = (rates(top, tokens, docs, group_by=group_by, per=per, n_boot=n_boot, seed=seed)
                .select("group", "ci_low", "ci_high"))
    group_share = (rates(quoted, tokens, docs, group_by=group_by, per=1, n_boot=n_boot, seed=seed)
                   .select("group", pl.col("ci_low").alias("quoted_share_ci_low"),
                           pl.col("ci_high").alias("quoted_share_ci_high")))
    columns = ["level", "group", "doc_id", "n_docs", "n_words", "n_quotes", "n_direct", "n_mixed", "n_scare",
               per_name, "ci_low", "ci_high", "quoted_words", "quoted_share", "quoted_share_ci_low",
               "quoted_share_ci_high", "marked_share", "share_attributed", "mean_length"]
    by_doc = (by_doc.join(doc_ci, on="doc_id", how="left").join(doc_share, on="doc_id", how="left")
              .with_columns(pl.lit("document").alias("level")).sort("group", "doc_id"))
    by_group = (by_group.join(group_ci, on="group", how="left").join(group_share, on="group", how="left")
                .with_columns(pl.lit("group").alias("level"), pl.lit(None, dtype=pl.String).alias("doc_id"))
                .sort("group"))
    return pl.concat([by_doc.select(columns), by_group.select(columns)], how="vertical_relaxed")


def density_by_kind(quotes: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame,
                    group_by: str | None = None, per: float = 1000, n_boot: int = 2000, seed: int = 0) -> pl.DataFrame:
    """Outer quotations per ``per`` words by kind and group, with 95% CIs (:func:`corpusling.rates.rates`)."""
    return rates(outer(quotes), tokens, documents, by=["kind"], group_by=group_by, per=per, n_boot=n_boot, seed=seed)


def compare_density(quotes: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame, group_by: str,
                    by_kind: bool = True) -> pl.DataFrame:
    """Each group against the rest: G², p and log ratio of outer quotations (by kind by default)."""
    return compare(outer(quotes), tokens, documents, group_by, by=["kind"] if by_kind else None)

"""Normalised rates of markers, their confidence intervals, and comparisons between groups.

A *marker table* is any analysis result with a ``doc_id`` column (conditionals,
hedges, quotations…). Rates are counted per ``per`` word tokens of the token table:
syntactic words, punctuation and symbols left out (:func:`corpusling.tokens.is_word`),
as AntConc and Sketch Engine count words; ``include_punct=True`` counts every token.
:func:`document_sizes` is the one place these denominators come from.

* Confidence intervals respect documents: the corpus is resampled by document
  (percentile bootstrap of the ratio of sums, Efron & Tibshirani 1993), because
  markers cluster in documents and a per-word binomial interval would be far too
  narrow. A group of a single document gets the exact Poisson interval of its count
  (Garwood 1936) instead.
* Groups are compared with the log-likelihood statistic G² (Dunning 1993; Rayson &
  Garside 2000), its p-value (χ², 1 d.f.), and the log ratio effect size (Hardie 2014):
  the binary log of the ratio of relative frequencies, with zero counts taken as 0.5.
  When one side is zero and its corpus is small, that correction can point the wrong
  way (0 in 900 words "more frequent" than 4 in 25,000); such a log ratio says nothing
  about the direction and is left empty (null).
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl

from corpusling.checks import check_count
from corpusling.groups import group_column
from corpusling.tokens import counted


def document_sizes(tokens: pl.DataFrame, include_punct: bool = False) -> pl.DataFrame:
    """Words per document: ``doc_id`` (String), ``n_words``, the document's word tokens (syntactic words,
    punctuation and symbols left out: :func:`corpusling.tokens.is_word`), or every row with ``include_punct``.

    Every rate, share and ``n_words`` of corpusling is divided by these counts.
    """
    return (tokens.group_by("doc_id").agg(counted(include_punct, tokens.columns).sum().cast(pl.UInt32).alias("n_words"))
            .with_columns(pl.col("doc_id").cast(pl.String)))  # grouped on the stored codes, cast once per document


def document_counts(rows: pl.DataFrame, tokens: pl.DataFrame | None, documents: pl.DataFrame,
                    by: list[str] | None = None, group_by: str | None = None,
                    sizes: pl.DataFrame | None = None, all_levels: pl.DataFrame | None = None,
                    include_punct: bool = False) -> pl.DataFrame:
    """One row per (document, level of ``by``): ``group, doc_id, *by, count, n_words`` (zeros included).

    ``sizes`` (``doc_id, n_words``, as from :func:`document_sizes`) replaces ``tokens`` when a caller
    counts the same corpus several times, or counts words of its own (the halves of a voice split).
    ``all_levels`` (columns ``by``): levels counted even when no row has them (a count of zero), such
    as a marker that never occurs; the levels of ``rows`` are counted in any case. ``include_punct``:
    see :func:`document_sizes`.
    """
    by = by or []
    docs, counts, levels = _counted_parts(rows, tokens, documents, by, group_by, sizes, all_levels, include_punct)
    grid = docs.join(levels, how="cross") if by else docs
    return (grid.join(counts, on=["doc_id", *by], how="left", nulls_equal=True)
            .with_columns(pl.col("count").fill_null(0).cast(pl.Int64)))


def _counted_parts(rows: pl.DataFrame, tokens: pl.DataFrame | None, documents: pl.DataFrame, by: list[str],
                   group_by: str | None, sizes: pl.DataFrame | None, all_levels: pl.DataFrame | None,
                   include_punct: bool) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """What :func:`document_counts` crosses: the documents (``group, doc_id, n_words``), the counts of the
    (document, level) pairs that have rows (``doc_id, *by, count``) and the levels (``by``, sorted)."""
    if sizes is None:
        if tokens is None:
            raise ValueError("document_counts needs the token table or its document sizes")
        sizes = document_sizes(tokens, include_punct)
    words = sizes.select(pl.col("doc_id").cast(pl.String), "n_words")
    docs = group_column(documents, group_by).join(words, on="doc_id", how="left", maintain_order="left").with_columns(
        pl.col("n_words").fill_null(0))
    counts = rows.with_columns(pl.col("doc_id").cast(pl.String)).group_by("doc_id", *by).agg(
        pl.len().alias("count"))
    levels = counts.select(by)
    if by and all_levels is not None:
        levels = pl.concat([levels, all_levels.select(by)], how="vertical_relaxed")
    return docs, counts, levels.unique().sort(by) if by else levels


def _poisson_interval(count: int, alpha: float = 0.05) -> tuple[float, float]:
    """Exact (Garwood) interval of a Poisson count, by bisection on the regularised gamma."""
    def upper_tail(mu: float, k: int) -> float:  # P(X >= k)
        term, total = math.exp(-mu), 0.0
        for i in range(k):
            total += term
            term *= mu / (i + 1)
        return 1.0 - total

    def solve(target: float, k: int, lower: bool) -> float:
        lo, hi = 0.0, max(10.0, 10.0 * (k + 1))
        for _ in range(100):
            mid = (lo + hi) / 2
            p = upper_tail(mid, k) if lower else 1 - upper_tail(mid, k + 1)
            if (p < target) == lower:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2

    low = 0.0 if count == 0 else solve(alpha / 2, count, lower=True)
    high = solve(alpha / 2, count, lower=False)
    return low, high


def _bootstrap_sums(rng: np.random.Generator, matrix: np.ndarray, n_boot: int, block: int = 100) -> np.ndarray:
    """Column sums of ``matrix`` (documents × columns) over ``n_boot`` resamples of its rows.

    Each resample draws as many documents as there are, with replacement; the draw counts
    of a block of resamples come from one ``bincount``, so the cost is one pass per block.
    """
    n_docs = matrix.shape[0]
    sums = np.empty((n_boot, matrix.shape[1]))
    offsets = (np.arange(block) * n_docs)[:, None]
    for first in range(0, n_boot, block):
        size = min(block, n_boot - first)
        draws = rng.integers(0, n_docs, size=(size, n_docs))
        draws += offsets[:size]
        weights = np.bincount(draws.ravel(), minlength=size * n_docs).reshape(size, n_docs)
        sums[first:first + size] = weights @ matrix
    return sums


def rates(rows: pl.DataFrame, tokens: pl.DataFrame | None, documents: pl.DataFrame, by: list[str] | None = None,
          group_by: str | None = None, per: float = 1000, n_boot: int = 2000, seed: int = 0,
          level: float = 0.95, sizes: pl.DataFrame | None = None,
          all_levels: pl.DataFrame | None = None, include_punct: bool = False) -> pl.DataFrame:
    """Rate of marker rows per ``per`` word tokens, per group and ``by`` level, with a 95% CI.

    Columns: ``group, *by, count, n_words, n_docs, rate, ci_low, ci_high, ci_method``.
    The documents of a group are resampled once for all its ``by`` levels, so several markers
    stacked in one table (a ``marker`` column in ``by``) cost one bootstrap. ``sizes``,
    ``all_levels``, ``include_punct``: see :func:`document_counts`.
    """
    check_count(n_boot, "n_boot", minimum=1)
    by = by or []
    every_doc, pairs, every_level = _counted_parts(rows, tokens, documents, by, group_by, sizes, all_levels,
                                                   include_punct)
    if by and every_level.height == 0:  # no level to count
        every_doc = every_doc.clear()
    levels = (every_level if by else pl.DataFrame({"_one": [1]})).with_row_index("_k")
    rng = np.random.default_rng(seed)
    alpha = 1 - level
    out = []
    # the documents × levels grid of document_counts is not built: each group's count matrix is filled from
    # the (document, level) pairs that have rows, rows in the documents' order, columns in the levels' order
    for (group,), part in every_doc.group_by(["group"], maintain_order=True):
        docs = part.select("doc_id", "n_words").unique("doc_id", maintain_order=True).with_row_index("_d")
        cells = pairs.join(docs.select("doc_id", "_d"), on="doc_id")
        cells = (cells.join(levels, on=by, nulls_equal=True) if by
                 else cells.with_columns(pl.lit(0, pl.UInt32).alias("_k")))
        words = docs["n_words"].to_numpy().astype(float)
        counts = np.zeros((len(words), levels.height))
        np.add.at(counts, (cells["_d"].to_numpy(), cells["_k"].to_numpy()), cells["count"].to_numpy())
        total_words = words.sum()
        if len(words) > 1 and total_words:
            boot = _bootstrap_sums(rng, np.column_stack([counts, words]), n_boot)
            boot_words = boot[:, -1:]
            boot_rates = np.where(boot_words > 0, boot[:, :-1] / np.maximum(boot_words, 1) * per, np.nan)
            bounds = np.nanquantile(boot_rates, [alpha / 2, 1 - alpha / 2], axis=0)
            method = f"bootstrap over {len(words)} documents"
        for k, level_row in enumerate(levels.iter_rows(named=True)):
            count = counts[:, k].sum()
            rate = count / total_words * per if total_words else float("nan")
            if len(words) > 1 and total_words:
                low, high = bounds[0, k], bounds[1, k]
            elif total_words:
                lo_count, hi_count = _poisson_interval(int(count), alpha)
                low, high = lo_count / total_words * per, hi_count / total_words * per
                method = "exact Poisson (one document)"
            else:
                low = high = float("nan")
                method = "no words"
            out.append({"group": group, **{c: level_row[c] for c in by}, "count": int(count),
                        "n_words": int(total_words), "n_docs": len(words), "rate": rate, "ci_low": float(low),
                        "ci_high": float(high), "ci_method": method})
    schema_by = {c: every_level.schema[c] for c in by}
    if not out:
        return pl.DataFrame(schema={"group": pl.String, **schema_by, "count": pl.Int64, "n_words": pl.Int64,
                                    "n_docs": pl.Int64, "rate": pl.Float64, "ci_low": pl.Float64,
                                    "ci_high": pl.Float64, "ci_method": pl.String})
    return pl.DataFrame(out, schema_overrides=schema_by).sort(["group", *by], maintain_order=True)


def log_likelihood(a: pl.Expr, b: pl.Expr, c: pl.Expr, d: pl.Expr) -> pl.Expr:
    """G² for frequencies ``a``, ``b`` in corpora of sizes ``c``, ``d`` (Rayson & Garside 2000)."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    term1 = pl.when(a > 0).then(a * (a / e1).log()).otherwise(0.0)
    term2 = pl.when(b > 0).then(b * (b / e2).log()).otherwise(0.0)
    return 2 * (term1 + term2)


def log_ratio(a: pl.Expr, b: pl.Expr, c: pl.Expr, d: pl.Expr) -> pl.Expr:
    """Binary log of the ratio of relative frequencies; zero counts count as 0.5 (Hardie 2014).

    Null when the corrected value points against the observed direction (a zero count
    in a small corpus), and when both counts are zero.
    """
    a_ = pl.when(a == 0).then(0.5).otherwise(a)
    b_ = pl.when(b == 0).then(0.5).otherwise(b)
    value = ((a_ / c) / (b_ / d)).log(2)
    contradicts = ((a == 0) & (value > 0)) | ((b == 0) & (value < 0)) | ((a == 0) & (b == 0))
    return pl.when(contradicts).then(None).otherwise(value)


def chi2_1df_p(g2: pl.Expr) -> pl.Expr:
    """Upper-tail p-value of χ² with one degree of freedom: erfc(√(G²/2))."""
    return g2.map_batches(lambda s: pl.Series([math.erfc(math.sqrt(max(v, 0.0) / 2)) if v is not None else None
                                               for v in s], dtype=pl.Float64), return_dtype=pl.Float64)


def compare(rows: pl.DataFrame, tokens: pl.DataFrame | None, documents: pl.DataFrame, group_by: str,
            by: list[str] | None = None, sizes: pl.DataFrame | None = None,
            include_punct: bool = False) -> pl.DataFrame:
    """Each group against the rest of the corpus: G², p, log ratio, per ``by`` level.

    Columns: ``group, *by, count, n_words, other_count, other_words, g2, p, log_ratio`` (words: word
    tokens, every token with ``include_punct``).
    """
    by = by or []
    table = document_counts(rows, tokens, documents, by, group_by, sizes, include_punct=include_punct)
    per_group = table.group_by(["group", *by]).agg(pl.col("count").sum(), pl.col("n_words").sum())
    totals = per_group.group_by(by or pl.lit(1).alias("_all")).agg(
        pl.col("count").sum().alias("total_count"), pl.col("n_words").sum().alias("total_words"))
    joined = per_group.join(totals, on=by, how="left") if by else per_group.join(totals, how="cross").drop("_all")
    a, c = pl.col("count").cast(pl.Float64), pl.col("n_words").cast(pl.Float64)
    b = (pl.col("total_count") - pl.col("count")).cast(pl.Float64)
    d = (pl.col("total_words") - pl.col("n_words")).cast(pl.Float64)
    return (joined.with_columns(b.alias("other_count"), d.alias("other_words"))
            .with_columns(log_likelihood(a, pl.col("other_count"), c, pl.col("other_words")).alias("g2"),
                          log_ratio(a, pl.col("other_count"), c, pl.col("other_words")).alias("log_ratio"))
            .with_columns(chi2_1df_p(pl.col("g2")).alias("p"))
            .select("group", *by, "count", "n_words", "other_count", "other_words", "g2", "p", "log_ratio")
            .sort(["group", *by]))

"""Concordances (KWIC, key word in context) of a token-pattern query.

Left context | match | right context, cut from the document text through the offsets, so
the original spacing and punctuation are kept (newlines and tabs become spaces). Contexts are
built only for the lines returned (after sampling), never for the whole corpus.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from corpusling.errors import QueryError
from corpusling.query import Pattern, TokenIndex, index, query

_POSITION = re.compile(r"^([LR])(\d+)$")
COLUMNS = ["doc_id", "start_char", "end_char", "left", "match", "right"]


def _gather(series: pl.Series, rows: np.ndarray) -> pl.Series:
    return series.gather(pl.Series(rows, dtype=pl.Int64))


def concordance(tokens: pl.DataFrame | TokenIndex, documents: pl.DataFrame, pattern: str | Pattern | pl.DataFrame,
                width: int = 5, unit: str = "words", sort: str | None = None, sample: int | None = None,
                seed: int = 0, metadata: list[str] | None = None) -> pl.DataFrame:
    """KWIC lines: ``doc_id, start_char, end_char, left, match, right`` plus the ``metadata`` columns asked for.

    ``pattern`` is a query (see :mod:`corpusling.query`) or a match table from :func:`query`.
    ``width`` counts words (``unit="words"``, within the document) or characters (``unit="chars"``).
    ``sort``: None (corpus order), ``"match"``, ``"L1"``, ``"L2"``…, ``"R1"``… (the word at that
    position left or right of the match, case-folded), ``"doc"``, or a metadata column.
    ``sample``: keep that many lines drawn at random with ``seed`` (reproducible).
    """
    if unit not in ("words", "chars"):
        raise QueryError(f"unit must be 'words' or 'chars', not {unit!r}")
    if width < 0:
        raise QueryError(f"width must be 0 or more, not {width}")
    idx = index(tokens)
    table = idx.tokens
    matches = pattern if isinstance(pattern, pl.DataFrame) else query(idx, pattern)
    metadata = list(metadata or [])
    if sort and not _is_builtin_sort(sort) and sort not in metadata:
        metadata.append(sort)  # lines sorted by a metadata column show it
    missing = [c for c in metadata if c not in documents.columns]
    if missing:
        available = ", ".join(c for c in documents.columns if c not in ("text", "doc_id"))
        raise QueryError(f"no metadata column {missing[0]!r}; available: {available or 'none'}")
    if sample is not None and sample < matches.height:
        matches = matches.sample(n=sample, seed=seed).sort("first_row")

    first = matches["first_row"].to_numpy()
    last = matches["last_row"].to_numpy()
    start = matches["start_char"]
    end = matches["end_char"]
    doc_no = idx.document[first] if first.size else np.zeros(0, np.int64)
    if unit == "words":
        left_row = np.maximum(first - width, idx.doc_first[doc_no]) if first.size else first
        right_row = np.minimum(last + width, idx.doc_last[doc_no]) if first.size else last
        ctx_start = _gather(table["start_char"], left_row).cast(pl.Int64)
        ctx_end = _gather(table["end_char"], right_row).cast(pl.Int64)
        ctx_start = pl.select(pl.min_horizontal(ctx_start, start)).to_series()
        ctx_end = pl.select(pl.max_horizontal(ctx_end, end)).to_series()
    else:
        ctx_start = (start - width).clip(lower_bound=0)
        ctx_end = end + width

    texts = documents.select(pl.col("doc_id").cast(pl.String), "text", *metadata)
    lines = (pl.DataFrame({"doc_id": matches["doc_id"].cast(pl.String), "start_char": start, "end_char": end,
                           "_ctx_start": ctx_start, "_ctx_end": ctx_end, "_first": first, "_last": last,
                           "_doc": doc_no})
             .join(texts, on="doc_id", how="left", maintain_order="left"))
    if lines["text"].null_count():
        bad = lines.filter(pl.col("text").is_null())["doc_id"][0]
        raise QueryError(f"document {bad!r} of the token table is not in the documents table")
    lines = lines.with_columns(
        clean(pl.col("text").str.slice(pl.col("_ctx_start"), pl.col("start_char") - pl.col("_ctx_start"))
              ).str.strip_chars_start().alias("left"),
        clean(pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")))
        .alias("match"),
        clean(pl.col("text").str.slice(pl.col("end_char"), pl.col("_ctx_end") - pl.col("end_char"))
              ).str.strip_chars_end().alias("right"),
    ).drop("text")
    if sort:
        lines = _sort(lines, sort, idx)
    return lines.select(*COLUMNS, *metadata)


def clean(text: pl.Expr) -> pl.Expr:
    """Newlines and tabs become spaces, so that a line stays one line."""
    return text.str.replace_all(r"[\r\n\t]", " ")


def _is_builtin_sort(sort: str) -> bool:
    return sort in ("match", "doc") or bool(_POSITION.match(sort))


def _sort(lines: pl.DataFrame, sort: str, idx: TokenIndex) -> pl.DataFrame:
    """Order lines by the match, a context position (L1, R2…), the document, or a metadata column."""
    position = _POSITION.match(sort)
    if sort == "match":
        key = pl.col("match").str.to_lowercase()
    elif sort == "doc":
        return lines.sort("doc_id", "start_char")
    elif position:
        side, k = position.group(1), int(position.group(2))
        if k == 0:
            raise QueryError("context positions start at 1 (L1 is the word just before the match)")
        first, last, doc_no = (lines[c].to_numpy() for c in ("_first", "_last", "_doc"))
        rows = first - k if side == "L" else last + k
        inside = (rows >= idx.doc_first[doc_no]) & (rows <= idx.doc_last[doc_no]) if rows.size else rows > 0
        forms = _gather(idx.tokens["form"].cast(pl.String), np.where(inside, rows, 0))
        lines = lines.with_columns(forms.alias("_key")).with_columns(
            pl.when(pl.Series(inside)).then(pl.col("_key").str.to_lowercase()).otherwise(pl.lit("")).alias("_key"))
        return lines.sort("_key", "doc_id", "start_char").drop("_key")
    else:
        key = pl.col(sort)
    return lines.sort(key, "doc_id", "start_char", nulls_last=True)

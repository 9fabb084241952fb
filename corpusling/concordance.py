"""Concordances (KWIC, key word in context) of a token-pattern query.

Left context | match | right context, cut from the document text through the offsets, so
the original spacing and punctuation are kept (newlines and tabs become spaces). Contexts are
built only for the lines returned (after sampling), never for the whole corpus.

A query with a target (``@[…]``, CQP's target marker) gives lines centred on the target word,
as TXM's concordances are: ``match`` is the target, ``left`` and ``right`` its contexts, sort
positions (L1, R1…) count from it, and a ``hit`` column holds the whole match. A line whose
target pattern matched no word (``@[…]?``) is centred on the whole match.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from corpusling.errors import InputError, QueryError
from corpusling.groups import check_group_by
from corpusling.query import Pattern, TokenIndex, index, match_rows, parse

_POSITION = re.compile(r"^([LR])(\d+)$")
_KEY_COLUMN = re.compile(r"^_key\d+$")
COLUMNS = ["doc_id", "start_char", "end_char", "left", "match", "right"]


def _gather(series: pl.Series, rows: np.ndarray) -> pl.Series:
    return series.gather(pl.Series(rows, dtype=pl.Int64))


def sample_lines(n_lines: int, sample: int, seed: int = 0) -> np.ndarray:
    """Positions of ``sample`` of ``n_lines`` lines drawn without replacement, in corpus order.

    numpy's generator seeded with ``seed``: the same lines for the same corpus, whether the
    concordance was built in memory or batch by batch (:func:`corpusling.lazy.concordance`).
    """
    if sample < 0:
        raise QueryError(f"sample must be 0 or more, not {sample}")
    if sample >= n_lines:
        return np.arange(n_lines)
    return np.sort(np.random.default_rng(seed).choice(n_lines, size=sample, replace=False))


def concordance(tokens: pl.DataFrame | TokenIndex, documents: pl.DataFrame, pattern: str | Pattern | pl.DataFrame,
                width: int = 5, unit: str = "words", sort: str | None = None, sample: int | None = None,
                seed: int = 0, metadata: list[str] | None = None, order: bool = True) -> pl.DataFrame:
    """KWIC lines: ``doc_id, start_char, end_char, left, match, right`` plus the ``metadata`` columns asked for.

    ``pattern`` is a query (see :mod:`corpusling.query`) or a match table from :func:`query`.
    With a target (``@``) the line is centred on it (``start_char``, ``end_char`` and ``match`` are the
    target's) and a ``hit`` column, after ``right``, holds the whole match.
    ``width`` counts words (``unit="words"``, within the document) or characters (``unit="chars"``).
    ``sort``: None (corpus order), ``"match"``, ``"L1"``, ``"L2"``…, ``"R1"``… (the word at that
    position left or right of the match, or of the target, case-folded), ``"doc"``, or a metadata column; several keys
    separated by commas or spaces (``"R1,R2"``, ``"L1 R1"``) sort by the first, ties by the next.
    ``sample``: keep that many lines drawn at random (without replacement, numpy's generator seeded
    with ``seed``: reproducible), in corpus order unless sorted.
    ``order=False`` leaves sorted lines in corpus order with their sort keys in columns ``_key0``, ``_key1``…
    (computed where the document's words are at hand): a corpus read batch by batch stacks its batches' lines,
    samples them, then orders them with :func:`sort_lines`, as one run on the whole corpus orders them.
    """
    if unit not in ("words", "chars"):
        raise QueryError(f"unit must be 'words' or 'chars', not {unit!r}")
    if width < 0:
        raise QueryError(f"width must be 0 or more, not {width}")
    idx = index(tokens)
    metadata = list(metadata or [])
    asked = [("metadata", c) for c in metadata]
    for key in sort_keys(sort):
        if not _is_builtin_sort(key) and key not in metadata:
            metadata.append(key)  # lines sorted by a metadata column show it
            asked.append(("sort", key))
    try:
        for option, column in asked:
            check_group_by(documents, column, option=option)
    except InputError as err:  # the one check and message (corpusling.groups), as a query error
        raise QueryError(str(err)) from None
    if isinstance(pattern, pl.DataFrame):
        first, last = pattern["first_row"].to_numpy(), pattern["last_row"].to_numpy()
        target = pattern["target_row"].fill_null(-1).to_numpy() if "target_row" in pattern.columns else None
    else:
        found = match_rows(idx, parse(pattern) if isinstance(pattern, str) else pattern, documents)
        first, last, target = found.first, found.last, found.target
    if sample is not None:
        keep = sample_lines(first.size, sample, seed)
        first, last = first[keep], last[keep]
        target = None if target is None else target[keep]
    hit_first, hit_last = first, last
    if target is not None:  # the line is centred on the target word
        first, last = key_rows(first, last, target)

    doc_no = idx.document[first]
    texts, start_byte, end_byte = idx.texts(documents)
    starts, ends = idx.offsets()
    start_char, end_char = starts[first], ends[last]
    rows = pl.Series(doc_no, dtype=pl.Int64)
    columns = {"doc_id": idx.doc_names.gather(rows), "start_char": start_char, "end_char": end_char,
               "_first": first, "_last": last, "_doc": doc_no, "_text": texts.gather(rows)}
    if unit == "words":  # byte offsets of the word boundaries: slices cost the length of the line only
        left_row = np.maximum(first - width, idx.doc_first[doc_no])
        right_row = np.minimum(last + width, idx.doc_last[doc_no])
        b, c = start_byte[first], end_byte[last]
        a, d = np.minimum(start_byte[left_row], b), np.maximum(end_byte[right_row], c)
        hit_a, hit_b = start_byte[hit_first], end_byte[hit_last]

        def cut(start: str, end: str) -> pl.Expr:
            return pl.col("_text").bin.slice(pl.col(start), pl.col(end) - pl.col(start)).cast(pl.String)
    else:
        a, b, c, d = np.maximum(start_char - width, 0), start_char, end_char, end_char + width
        hit_a, hit_b = starts[hit_first], ends[hit_last]
        columns["_text"] = columns["_text"].cast(pl.String)

        def cut(start: str, end: str) -> pl.Expr:
            return pl.col("_text").str.slice(pl.col(start), pl.col(end) - pl.col(start))
    extra = ["hit"] if target is not None else []
    lines = pl.DataFrame({**columns, "_a": a, "_b": b, "_c": c, "_d": d, "_ha": hit_a, "_hb": hit_b}).select(
        "doc_id", "start_char", "end_char",
        cut("_a", "_b").str.strip_chars_start().alias("left"), cut("_b", "_c").alias("match"),
        cut("_c", "_d").str.strip_chars_end().alias("right"), *([cut("_ha", "_hb").alias("hit")] if extra else []),
        "_first", "_last", "_doc")
    if metadata:
        meta = documents.select(pl.col("doc_id").cast(pl.String), *metadata)
        lines = lines.join(meta, on="doc_id", how="left", maintain_order="left")
    keys: list[str] = []
    if sort:
        lines, keys = _sort_columns(lines, sort, idx)
    lines = lines.select(*COLUMNS, *extra, *metadata, *keys)
    return sort_lines(lines) if order else lines


def key_rows(first: np.ndarray, last: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last row of each line's key: the target word, or the whole match where the target is unset."""
    has = target >= 0
    return np.where(has, target, first), np.where(has, target, last)


def sort_keys(sort: str | None) -> list[str]:
    """The keys of a sort specification, in order: ``"R1,R2"``, ``"L1 R1"``, ``"match"``, a metadata column."""
    return [k for k in re.split(r"[\s,]+", sort.strip()) if k] if sort else []


def _is_builtin_sort(sort: str) -> bool:
    return sort in ("match", "doc") or bool(_POSITION.match(sort))


def _sort_key(lines: pl.DataFrame, key: str, idx: TokenIndex, name: str) -> tuple[pl.DataFrame, pl.Expr]:
    """``lines`` with a column ``name`` to sort on for one key: the match, a context position (L1, R2…, the
    word there, case-folded; empty outside the document), the document, or a metadata column."""
    position = _POSITION.match(key)
    if key == "match":
        return lines.with_columns(pl.col("match").str.to_lowercase().alias(name)), pl.col(name)
    if key == "doc":
        return lines.with_columns(pl.col("doc_id").alias(name)), pl.col(name)
    if position:
        side, k = position.group(1), int(position.group(2))
        if k == 0:
            raise QueryError("context positions start at 1 (L1 is the word just before the match)")
        first, last, doc_no = (lines[c].to_numpy() for c in ("_first", "_last", "_doc"))
        rows = first - k if side == "L" else last + k
        inside = (rows >= idx.doc_first[doc_no]) & (rows <= idx.doc_last[doc_no]) if rows.size else rows > 0
        forms = _gather(idx.tokens["form"].cast(pl.String), np.where(inside, rows, 0))
        lines = lines.with_columns(forms.alias(name)).with_columns(
            pl.when(pl.Series(inside)).then(pl.col(name).str.to_lowercase()).otherwise(pl.lit("")).alias(name))
        return lines, pl.col(name)
    return lines.with_columns(pl.col(key).alias(name)), pl.col(name)


def _sort_columns(lines: pl.DataFrame, sort: str, idx: TokenIndex) -> tuple[pl.DataFrame, list[str]]:
    """``lines`` with one column per key of ``sort`` (``_key0``, ``_key1``…), and their names."""
    names = []
    for number, key in enumerate(sort_keys(sort)):
        lines, _ = _sort_key(lines, key, idx, f"_key{number}")
        names.append(f"_key{number}")
    return lines, names


def sort_lines(lines: pl.DataFrame) -> pl.DataFrame:
    """Order lines by their sort key columns in turn (``_key0``, then ``_key1``…: ``"R1,R2"`` is R1, ties broken
    by R2), then by document and position, and drop the keys: stable, as CQP's and AntConc's multi-level sorts.
    Lines without key columns keep their order."""
    names = [c for c in lines.columns if _KEY_COLUMN.match(c)]
    if not names:
        return lines
    return lines.sort(*names, "doc_id", "start_char", nulls_last=True, maintain_order=True).drop(names)

"""Counting the hits of a query: how often each lemma, form, context word or metadata value occurs in them.

CQP's ``count`` and ``group`` commands, AntConc's "clusters" of a search term: ``by`` names what to
count the hits by, each key being

* ``match.ATTR``: the attribute of the words of the match, joined by a space (``match.lemma`` of
  ``[lemma="selon"] []`` gives "selon le");
* ``L1.ATTR``, ``R2.ATTR``…: the attribute of the word at that position left or right of the match
  (empty outside the document);
* ``doc.COL`` (or ``text_COL``, as in CQP): a metadata column of the match's document.

With a target (``@[…]``, CQP's target marker) the count is keyed on the target word, as
concordance lines are centred on it: ``match.ATTR`` (or ``target.ATTR``) is the target's value,
``L1``/``R1``… count from the target, and ``hit.ATTR`` gives the whole match (without a target
``hit.ATTR`` is ``match.ATTR``). Where the target pattern matched no word (``@[…]?``) the key is
the whole match.

One row per combination: the keys, ``count`` (hits), ``per_million`` (hits per million words of the
corpus), ``documents`` (in how many documents: the range, a first measure of dispersion).
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from corpusling.concordance import key_rows
from corpusling.errors import InputError, QueryError
from corpusling.groups import check_group_by
from corpusling.query import ALIASES, Pattern, TokenIndex, index, match_rows, parse

_POSITION_KEY = re.compile(r"^([LR])(\d+)\.(\w+)$")


def _values(idx: TokenIndex, attr: str, rows: np.ndarray) -> pl.Series:
    attr = ALIASES.get(attr, attr)  # word, pos: the query language's names
    if attr not in idx.tokens.columns:
        raise QueryError(f"unknown attribute {attr!r}; the token table has: {', '.join(idx.tokens.columns)}")
    return idx.tokens[attr].cast(pl.String).gather(pl.Series(rows, dtype=pl.Int64))


def _words(idx: TokenIndex, attr: str, first: np.ndarray, last: np.ndarray, name: str) -> pl.Series:
    """The attribute of the words from ``first`` to ``last`` of each hit, joined by a space."""
    lengths = last - first + 1
    rows = np.repeat(first, lengths) + (np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    words = pl.DataFrame({"hit": np.repeat(np.arange(first.size), lengths),
                          "value": _values(idx, attr, rows).fill_null("")})
    joined = words.group_by("hit", maintain_order=True).agg(pl.col("value").str.join(" "))["value"]
    return joined.alias(name) if first.size else pl.Series(name, [], dtype=pl.String)


def _key(idx: TokenIndex, documents: pl.DataFrame, key: str, first: np.ndarray, last: np.ndarray,
         hit: tuple[np.ndarray, np.ndarray]) -> pl.Series:
    """The value of one ``by`` key for every hit: ``first``/``last`` are the key's rows (the target where
    there is one), ``hit`` the whole match's."""
    doc_no = idx.document[first]
    for prefix in ("match.", "target."):
        if key.startswith(prefix):
            return _words(idx, key[len(prefix):], first, last, key)
    if key.startswith("hit."):
        return _words(idx, key[len("hit."):], *hit, key)
    position = _POSITION_KEY.match(key)
    if position:
        side, k, attr = position.group(1), int(position.group(2)), position.group(3)
        if k == 0:
            raise QueryError("context positions start at 1 (L1 is the word just before the match)")
        rows = first - k if side == "L" else last + k
        inside = (rows >= idx.doc_first[doc_no]) & (rows <= idx.doc_last[doc_no])
        values = _values(idx, attr, np.where(inside, rows, 0))
        return pl.select(pl.when(pl.Series(inside)).then(values).otherwise(pl.lit(""))).to_series().alias(key)
    column = key[len("doc."):] if key.startswith("doc.") else key[len("text_"):] if key.startswith("text_") else None
    if column is None:
        raise QueryError(f"count by {key!r}: use match.ATTR, L1.ATTR / R1.ATTR…, hit.ATTR, target.ATTR or "
                         "doc.COLUMN (metadata)")
    try:
        check_group_by(documents, column, option="count by")
    except InputError as err:  # the one check and message (corpusling.groups), as a query error
        raise QueryError(str(err)) from None
    names = idx.doc_names.gather(pl.Series(doc_no, dtype=pl.Int64))
    table = documents.select(pl.col("doc_id").cast(pl.String), pl.col(column).cast(pl.String).alias(key))
    return pl.DataFrame({"doc_id": names}).join(table, on="doc_id", how="left", maintain_order="left")[key]


def count_hits(tokens: pl.DataFrame | TokenIndex, documents: pl.DataFrame, pattern: str | Pattern,
               by: list[str] | str) -> pl.DataFrame:
    """Hits of ``pattern`` counted by the ``by`` keys (see the module docstring), most frequent first."""
    keys = [k.strip() for k in (by.split(",") if isinstance(by, str) else by) if k.strip()]
    if not keys:
        raise QueryError("count by what? e.g. match.lemma, R1.lemma or doc.outlet")
    idx = index(tokens)
    found = match_rows(idx, parse(pattern) if isinstance(pattern, str) else pattern, documents)
    first, last = found.first, found.last
    if found.target is not None:
        first, last = key_rows(first, last, found.target)
    columns = [_key(idx, documents, key, first, last, (found.first, found.last)) for key in keys]
    hits = pl.DataFrame([*columns, pl.Series("_doc", idx.document[first], dtype=pl.Int64)])
    return (hits.group_by(keys).agg(pl.len().alias("count"), pl.col("_doc").n_unique().alias("documents"))
            .with_columns((pl.col("count") * 1e6 / max(idx.n, 1)).alias("per_million"))
            .select(*keys, "count", "per_million", "documents")
            .sort(["count", *keys], descending=[True, *([False] * len(keys))]))


__all__ = ["count_hits"]

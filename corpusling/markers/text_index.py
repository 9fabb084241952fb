"""Token rows in text order, addressed by character position.

Quotations (and any span of a text) find their tokens by binary search on one integer
column instead of joins on document names. A parsed corpus keeps each document's tokens
as one run of rows in text order; :func:`text_index` checks that (sorting only when it
does not hold) and gives the table's :class:`~corpusling.token_index.TokenIndex`, the one the
queries use: its documents numbered by their runs, every row keyed by ``document number × 2³² +
start_char`` (a non-decreasing integer), the first and last row of each row's sentence. Row
numbers then serve as positions: a word's rank in its document is its row minus the document's
first row, and the words between two offsets are a range of rows.
"""

from __future__ import annotations

import polars as pl

from corpusling.token_index import SHIFT, TokenIndex, cached, text_ordered

#: The index of a table in text order (the name the analyses give it).
TextIndex = TokenIndex


def in_text_order(tokens: pl.DataFrame) -> pl.DataFrame:
    """``tokens`` sorted by ``doc_id, start_char, word_id``, unless each document already is one run of rows
    in that order (a parsed corpus is: :func:`corpusling.token_index.text_ordered`): then the documents keep their
    order and nothing is sorted."""
    if text_ordered(tokens):
        return tokens
    return tokens.sort(*[c for c in ("doc_id", "start_char", "word_id") if c in tokens.columns])


def text_index(tokens: pl.DataFrame) -> TokenIndex:
    """The index of a token table in text order (needs ``doc_id, start_char``; uses ``sent_id, word_id``): the
    table's own index (:func:`corpusling.token_index.index`, its parts shared with the queries) when it is in
    order and indexed already, else one built on the table put in order; either way the index returned keeps its
    table."""
    kept = cached(tokens)
    if kept is not None and kept.in_text_order():  # (checked once per index)
        return kept.holding(tokens)
    return TokenIndex(in_text_order(tokens))


def shared_index(tokens: pl.DataFrame) -> TokenIndex | None:
    """The table's own index when it has one and is in text order (a :class:`~corpusling.parsed.ParsedCorpus`'s
    once its quotations are found), else None: the caller then indexes only the columns it needs."""
    kept = cached(tokens)
    return kept.holding(tokens) if kept is not None and kept.in_text_order() else None


def position(doc: pl.Expr, char: pl.Expr) -> pl.Expr:
    """The search key of character ``char`` of document number ``doc``."""
    return doc.cast(pl.Int64) * SHIFT + char.cast(pl.Int64)


def locate(index: TextIndex, spans: pl.DataFrame) -> pl.DataFrame:
    """``spans`` (``doc_id, start_char, end_char``) plus, per span, rows of the index's tokens.

    ``_doc, _doc_first, _doc_last``: the document's number and rows (null when it has no token);
    ``_from`` / ``_to``: the tokens starting in ``[start_char, end_char)`` are rows ``_from … _to − 1``;
    ``_first``: the first token at or after ``start_char`` in the document, ``_last``: the last
    token starting before ``end_char`` when it is not before ``_first`` (else null).
    """
    located = spans.with_columns(pl.col("doc_id").cast(pl.String)).join(index.documents, on="doc_id", how="left",
                                                                         maintain_order="left")
    known = located["_doc"].is_not_null()
    starts = located.select(position(pl.col("_doc").fill_null(0), pl.col("start_char")))[:, 0]
    ends = located.select(position(pl.col("_doc").fill_null(0), pl.col("end_char") - 1))[:, 0]
    located = located.with_columns(
        pl.when(known).then(index.key.search_sorted(starts, side="left").cast(pl.Int64)).alias("_from"),
        pl.when(known).then(index.key.search_sorted(ends, side="right").cast(pl.Int64)).alias("_to"),
    )
    return located.with_columns(
        pl.when(pl.col("_from") <= pl.col("_doc_last")).then(pl.col("_from")).alias("_first"),
        pl.when(pl.col("_to") > pl.col("_from")).then(pl.col("_to") - 1).alias("_last"),
    )


def sentence_rows(index: TextIndex, lo: pl.Series, hi: pl.Series) -> pl.Series | None:
    """Every row of the sentences that rows ``lo[i] … hi[i]`` touch, once, in order; None when the index
    has no sentence runs (the caller then keeps every row)."""
    if index.sent_first is None or index.sent_last is None:
        return None
    intervals = (pl.DataFrame({"lo": index.sent_first.gather(lo), "hi": index.sent_last.gather(hi)})
                 .filter(pl.col("lo") <= pl.col("hi")).sort("lo"))
    reach = pl.col("hi").cum_max().shift(1)
    merged = (intervals.with_columns(((pl.col("lo") > reach + 1).fill_null(True)).cum_sum().alias("_g"))
              .group_by("_g").agg(pl.col("lo").min(), pl.col("hi").max()).sort("lo"))
    return merged.select(pl.int_ranges("lo", pl.col("hi") + 1).explode().alias("_row"))["_row"]

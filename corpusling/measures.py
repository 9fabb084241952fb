"""What each document measures: its words, sentences and the words of each voice.

These per-document counts are the denominators of every rate and share of the report. They are
computed once per batch of whole documents (:func:`document_measures`) and simply stack: the report of a
corpus read batch by batch, or merged from shards, computes its rates from the stacked measures, with
no token table in memory (see :mod:`corpusling.batches`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from corpusling.markers.voice import QUOTED_KINDS, quoted_word_counts, voice_word_counts
from corpusling.token_index import sentence_ordered

#: Columns of :func:`document_measures`, in order (the voice columns only when quotations are given).
COLUMNS: tuple[str, ...] = ("doc_id", "n_words", "n_sentences", "quoted_words", "writer_words", "reported_words")


def document_measures(tokens: pl.DataFrame, quotes: pl.DataFrame | None = None,
                      reported: pl.DataFrame | None = None,
                      quoted_kinds: Sequence[str] | None = QUOTED_KINDS) -> pl.DataFrame:
    """One row per document of ``tokens``: ``doc_id`` (String), ``n_words`` (:func:`corpusling.rates.document_sizes`),
    ``n_sentences``; with ``quotes``, ``quoted_words`` (words in direct or mixed quotations); with
    ``reported`` as well, ``writer_words`` and ``reported_words`` (the three voices,
    :func:`corpusling.markers.voice.voice_word_counts`)."""
    from corpusling.rates import document_sizes

    table = document_sizes(tokens).join(sentence_counts(tokens), on="doc_id", how="left")
    if quotes is not None:
        if reported is not None:  # the three voices at once: the quoted words are the same as quoted_word_counts's
            voices = voice_word_counts(tokens, quotes, reported, quoted_kinds)
        else:
            voices = quoted_word_counts(tokens, quotes, quoted_kinds)
        table = table.join(voices, on="doc_id", how="left").with_columns(
            pl.col(c).fill_null(0).cast(pl.Int64) for c in voices.columns if c != "doc_id")
    return table.select([c for c in COLUMNS if c in table.columns])


def sentence_counts(tokens: pl.DataFrame) -> pl.DataFrame:
    """Sentences per document: ``doc_id`` (String), ``n_sentences``, the distinct ``(par_id, sent_id)`` of its rows.

    Read from the table's own index when it has one in sentence order
    (:func:`corpusling.token_index.sentence_ordered`: none is built for a count) and no sentence spans two
    paragraphs: each sentence is then one of the index's runs, and a document's count its last run's number less
    its first's, plus one. Otherwise the distinct pairs are counted.
    """
    own = sentence_ordered(tokens) if tokens.height else None
    if own is not None and not own.column("par_id").null_count():
        number = own.sentence[:-1]
        par = own.column("par_id").to_numpy()
        if not np.any((number[1:] == number[:-1]) & (par[1:] != par[:-1])):
            counts = number[own.doc_last] - number[own.doc_first] + 1
            return pl.DataFrame({"doc_id": own.doc_names.cast(pl.String),
                                 "n_sentences": pl.Series(counts, dtype=pl.UInt32)})
    counts = tokens.group_by("doc_id").agg(pl.struct("par_id", "sent_id").n_unique().alias("n_sentences"))
    return counts.with_columns(pl.col("doc_id").cast(pl.String))


__all__ = ["COLUMNS", "document_measures", "sentence_counts"]

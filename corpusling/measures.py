"""What each document measures: its words, sentences and the words of each voice.

These per-document counts are the denominators of every rate and share of the report. They are
computed once per batch of whole documents (:func:`document_measures`) and simply stack: the report of a
corpus read batch by batch, or merged from shards, computes its rates from the stacked measures, with
no token table in memory (see :mod:`corpusling.batches`).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from corpusling.markers.voice import QUOTED_KINDS, quoted_word_counts, voice_word_counts

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

    sentences = (tokens.group_by("doc_id").agg(pl.struct("par_id", "sent_id").n_unique().alias("n_sentences"))
                 .with_columns(pl.col("doc_id").cast(pl.String)))
    table = document_sizes(tokens).join(sentences, on="doc_id", how="left")
    if quotes is not None:
        quoted = quoted_word_counts(tokens, quotes, quoted_kinds)
        table = table.join(quoted, on="doc_id", how="left").with_columns(
            pl.col("quoted_words").fill_null(0).cast(pl.Int64))
        if reported is not None:
            voices = voice_word_counts(tokens, quotes, reported, quoted_kinds).select(
                "doc_id", "writer_words", "reported_words")
            table = table.join(voices, on="doc_id", how="left").with_columns(
                pl.col("writer_words", "reported_words").fill_null(0).cast(pl.Int64))
    return table.select([c for c in COLUMNS if c in table.columns])


def sentence_spans(tokens: pl.DataFrame) -> pl.DataFrame:
    """Where each sentence lies in its document's text: ``doc_id`` (String), ``sent_start``, ``sent_end`` (characters),
    in the order of the tokens; the context a hit is shown in."""
    key = [c for c in ("par_id", "sent_id") if c in tokens.columns]
    return (tokens.group_by(pl.col("doc_id").cast(pl.String), *key, maintain_order=True)
            .agg(pl.col("start_char").min().cast(pl.Int64).alias("sent_start"),
                 pl.col("end_char").max().cast(pl.Int64).alias("sent_end"))
            .select("doc_id", "sent_start", "sent_end"))


__all__ = ["COLUMNS", "document_measures", "sentence_spans"]

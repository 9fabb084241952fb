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

    Counted as runs of rows when each document's rows are one run in which the sentence numbers never go back
    (a parsed corpus: each sentence is then one run of rows), else by counting the distinct pairs.
    """
    key = pl.col("doc_id"), pl.col("par_id"), pl.col("sent_id")
    same_doc = key[0] == key[0].shift()
    back = same_doc & ((key[1] < key[1].shift()) | ((key[1] == key[1].shift()) & (key[2] < key[2].shift())))
    new_doc = (~same_doc).fill_null(True)
    check = tokens.select(back.fill_null(False).any().alias("back"), new_doc.sum().alias("runs"),
                          key[0].n_unique().alias("docs"),
                          pl.any_horizontal(c.is_null() for c in key).any().alias("nulls"))
    if tokens.height == 0 or check["back"][0] or check["nulls"][0] or check["runs"][0] != check["docs"][0]:
        counts = tokens.group_by("doc_id").agg(pl.struct("par_id", "sent_id").n_unique().alias("n_sentences"))
    else:
        new_sentence = new_doc | (key[1] != key[1].shift()).fill_null(True) | (key[2] != key[2].shift()).fill_null(True)
        counts = (tokens.select("doc_id", new_sentence.alias("_new"))
                  .group_by("doc_id").agg(pl.col("_new").sum().cast(pl.UInt32).alias("n_sentences")))
    return counts.with_columns(pl.col("doc_id").cast(pl.String))


__all__ = ["COLUMNS", "document_measures", "sentence_counts"]

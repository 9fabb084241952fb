"""Writer's voice vs quoted voice: which rows of a result table lie inside a quotation.

Every analysis can tell whether a marker (a conditional, a hedge) is the writer's own
or belongs to someone the writer quotes (Authier-Revuz's *discours rapporté* vs the
writer's *discours citant*). A row is ``in_quote`` when its ``start_char`` falls inside
a quotation of the same document whose kind is ``direct`` or ``mixed``.

Scare quotes (``kind == "scare"``: «riposte», a title, a term) do **not** count by
default: the writer still speaks, only keeping a word at a distance (*modalisation
autonymique*), so a conditional or hedge around it remains the writer's. Pass
``kinds=("direct", "mixed", "scare")`` to count every quotation mark span.

Three voices (:func:`add_voice`, :func:`voice_word_counts`): what the writer reports
without quotation marks (the content of reported speech, :mod:`corpusling.markers.reported`:
"le ministre a affirmé que…", "selon l'AFP, …") is a third voice beside the writer's own and
the quoted one: ``writer``, ``quoted`` (direct and mixed quotations, which win where both
hold) and ``reported``.

Words counted in a voice are word tokens (:func:`corpusling.tokens.is_word`: punctuation and
symbols, the quotation marks themselves included, are not words), as every denominator of
corpusling; ``include_punct=True`` counts every token.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from corpusling.markers.text_index import TextIndex, locate, shared_index, text_index
from corpusling.tokens import counted

#: Quotation kinds that are quoted voice by default.
QUOTED_KINDS: tuple[str, ...] = ("direct", "mixed")


def quoted_spans(quotes: pl.DataFrame, kinds: Sequence[str] | None = QUOTED_KINDS) -> pl.DataFrame:
    """Disjoint ``doc_id, start_char, end_char`` spans covered by quotations of ``kinds``.

    Nested and overlapping quotations are merged (running maximum of ``end_char``), so the
    result is the union of the outer quotations; ``kinds=None`` keeps every quotation.
    """
    spans = quotes
    if kinds is not None and "kind" in quotes.columns:
        spans = spans.filter(pl.col("kind").cast(pl.String).is_in(list(kinds)))
    spans = (spans.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").cast(pl.Int64),
                          pl.col("end_char").cast(pl.Int64))
             .sort("doc_id", "start_char", "end_char"))
    reach = pl.col("end_char").cum_max().shift(1).over("doc_id")
    return (spans.with_columns(((reach.is_null()) | (pl.col("start_char") >= reach)).cum_sum().over("doc_id")
                               .alias("_span"))
            .group_by("doc_id", "_span")
            .agg(pl.col("start_char").min(), pl.col("end_char").max())
            .drop("_span")
            .sort("doc_id", "start_char"))


def add_in_quote(rows: pl.DataFrame, quotes: pl.DataFrame, kinds: Sequence[str] | None = QUOTED_KINDS,
                 column: str = "in_quote") -> pl.DataFrame:
    """``rows`` (any table with ``doc_id`` and ``start_char``) plus a boolean ``in_quote``.

    True when the row's ``start_char`` lies inside a direct or mixed quotation of its
    document (marks included); scare quotes do not count unless ``kinds`` says so.
    Row order and columns are kept; an asof join on offsets, no loop over rows.
    """
    if column in rows.columns:
        rows = rows.drop(column)
    spans = quoted_spans(quotes, kinds).rename({"start_char": "_q_start", "end_char": "_q_end"})
    keyed = (rows.with_row_index("_row")
             .with_columns(pl.col("doc_id").cast(pl.String).alias("_doc"),
                           pl.col("start_char").cast(pl.Int64).alias("_start")))
    if rows.height == 0 or spans.height == 0:
        return keyed.with_columns(pl.lit(False).alias(column)).drop("_row", "_doc", "_start")
    joined = (keyed.sort("_doc", "_start")
              .join_asof(spans.rename({"doc_id": "_doc"}).sort("_doc", "_q_start"),
                         left_on="_start", right_on="_q_start", by="_doc", strategy="backward",
                         check_sortedness=False)
              .with_columns((pl.col("_q_end").is_not_null() & (pl.col("_start") < pl.col("_q_end")))
                            .alias(column))
              .sort("_row"))
    return joined.drop("_row", "_doc", "_start", "_q_start", "_q_end")


def with_in_quote(rows: pl.DataFrame, quotes: pl.DataFrame,
                  kinds: Sequence[str] | None = QUOTED_KINDS) -> pl.DataFrame:
    """``rows`` as they are when they already say ``in_quote`` (an analysis given ``quotes``), else with it
    computed (:func:`add_in_quote`): a missing column, or one left null on every row."""
    known = "in_quote" in rows.columns and (rows.height == 0 or rows["in_quote"].null_count() < rows.height)
    return rows if known else add_in_quote(rows, quotes, kinds)


def token_voice(tokens: pl.DataFrame, quotes: pl.DataFrame,
                kinds: Sequence[str] | None = QUOTED_KINDS) -> pl.DataFrame:
    """The token table plus ``in_quote``: whether each word is quoted voice (see :func:`add_in_quote`)."""
    return add_in_quote(tokens, quotes, kinds)


def quoted_word_counts(tokens: pl.DataFrame, quotes: pl.DataFrame,
                       kinds: Sequence[str] | None = QUOTED_KINDS, include_punct: bool = False) -> pl.DataFrame:
    """Words in quoted voice per document: ``doc_id`` (String), ``quoted_words``.

    The same words as ``token_voice(...)["in_quote"]`` summed per document over the word tokens
    (every token with ``include_punct``): a word whose start lies inside a direct or mixed
    quotation, counted as ranges of rows of the
    :func:`~corpusling.markers.text_index.text_index` instead of one join per token.
    Documents without quoted words have no row.
    """
    spans = quoted_spans(quotes, kinds)
    schema = {"doc_id": pl.String, "quoted_words": pl.Int64}
    word = counted(include_punct, tokens.columns)
    if spans.height == 0 or tokens.height == 0:
        return pl.DataFrame(schema=schema)
    own = shared_index(tokens)
    if own is not None:  # the corpus's own index, its words counted
        located = locate(own, spans)
        running = pl.Series(np.concatenate([[0], np.cumsum(tokens.select(word)[:, 0].to_numpy(), dtype=np.int64)]))
        words_in = (running.gather(located["_to"].fill_null(0)) - running.gather(located["_from"].fill_null(0)))
        located = located.with_columns(words_in.alias("_n"))
    else:
        keys = [c for c in ("doc_id", "start_char", "word_id") if c in tokens.columns]
        located = locate(text_index(tokens.filter(word).select(keys)), spans)
        located = located.with_columns((pl.col("_to") - pl.col("_from")).alias("_n"))
    return (located.group_by("doc_id").agg(pl.col("_n").sum().alias("quoted_words"))
            .filter(pl.col("quoted_words") > 0).cast(schema))


#: The three voices, in the order tables list them.
VOICES: tuple[str, ...] = ("writer", "quoted", "reported")


def add_voice(rows: pl.DataFrame, quotes: pl.DataFrame, reported: pl.DataFrame | None = None,
              kinds: Sequence[str] | None = QUOTED_KINDS, column: str = "voice") -> pl.DataFrame:
    """``rows`` plus ``voice``: ``quoted`` when the row's start lies in a direct or mixed quotation,
    ``reported`` when it lies in the content of reported speech (``reported``), else ``writer``."""
    marked = add_in_quote(rows, quotes, kinds, "_voice_quoted")
    if reported is not None and reported.height:
        marked = add_in_quote(marked, reported, None, "_voice_reported")
    else:
        marked = marked.with_columns(pl.lit(False).alias("_voice_reported"))
    return marked.with_columns(
        pl.when(pl.col("_voice_quoted")).then(pl.lit("quoted"))
        .when(pl.col("_voice_reported")).then(pl.lit("reported"))
        .otherwise(pl.lit("writer")).alias(column)).drop("_voice_quoted", "_voice_reported")


def covered_rows(index: TextIndex, spans: pl.DataFrame) -> np.ndarray:
    """One boolean per row of ``index.tokens``: whether the row's start lies in one of ``spans``
    (``doc_id, start_char, end_char``, disjoint, as :func:`quoted_spans` gives them) of its document.

    The rows of a span are a range of the text index (:func:`~corpusling.markers.text_index.locate`), marked by
    a running sum of +1 at its first row and −1 after its last: the same rows as :func:`add_in_quote` marks,
    with no join over the tokens.
    """
    edges = np.zeros(index.tokens.height + 1, dtype=np.int64)
    if spans.height and index.tokens.height:
        located = locate(index, spans).filter(pl.col("_to") > pl.col("_from"))
        np.add.at(edges, located["_from"].to_numpy(), 1)
        np.add.at(edges, located["_to"].to_numpy(), -1)
    return np.cumsum(edges[:-1]) > 0


def voice_word_counts(tokens: pl.DataFrame, quotes: pl.DataFrame, reported: pl.DataFrame | None = None,
                      kinds: Sequence[str] | None = QUOTED_KINDS, include_punct: bool = False) -> pl.DataFrame:
    """Word tokens per document and voice: ``doc_id`` (String), ``writer_words``, ``quoted_words``,
    ``reported_words`` (every token with ``include_punct``). A document without words has zeros.

    The voices of :func:`add_voice`, word for word, counted as ranges of rows of the
    :func:`~corpusling.markers.text_index.text_index` (:func:`covered_rows`): quoted where a word starts in a
    direct or mixed quotation, reported where it starts in reported speech outside them, the writer's
    elsewhere (a word without a ``start_char`` is the writer's, as in :func:`add_voice`).
    """
    words = tokens.select("doc_id", *[c for c in ("start_char", "word_id") if c in tokens.columns],
                          counted(include_punct, tokens.columns).alias("_word"))
    totals = (words.group_by("doc_id").agg(pl.col("_word").sum().cast(pl.Int64).alias("_n"))
              .with_columns(pl.col("doc_id").cast(pl.String)))
    # the corpus's own index when the table has one and is in text order (a ParsedCorpus's), its word rows marked;
    # else an index of the placed words alone
    own = shared_index(tokens)
    if own is not None:
        index, placed = own, words["_word"].to_numpy()
    else:
        index = text_index(words.filter(pl.col("_word") & pl.col("doc_id").is_not_null()
                                        & pl.col("start_char").is_not_null()).drop("_word"))
        placed = np.ones(index.n, dtype=bool)
    in_quotes = covered_rows(index, quoted_spans(quotes, kinds))
    quoted = in_quotes & placed
    in_reported = (covered_rows(index, quoted_spans(reported, None)) & ~in_quotes & placed
                   if reported is not None and reported.height else np.zeros_like(quoted))
    first, last = index.documents["_doc_first"].to_numpy(), index.documents["_doc_last"].to_numpy()

    def per_document(flags: np.ndarray) -> np.ndarray:
        running = np.concatenate([[0], np.cumsum(flags, dtype=np.int64)])
        return running[last + 1] - running[first]

    voiced = index.documents.select("doc_id").with_columns(
        pl.Series("quoted_words", per_document(quoted), dtype=pl.Int64),
        pl.Series("reported_words", per_document(in_reported), dtype=pl.Int64))
    counts = totals.join(voiced, on="doc_id", how="left", nulls_equal=True).with_columns(
        pl.col("quoted_words", "reported_words").fill_null(0))
    return counts.select("doc_id", (pl.col("_n") - pl.col("quoted_words") - pl.col("reported_words"))
                         .alias("writer_words"), "quoted_words", "reported_words")

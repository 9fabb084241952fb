"""The token table: one row per syntactic word, the data every analysis reads.

A polars DataFrame with the columns of :data:`SCHEMA`. Words of a multi-word
token ("du" → "de" + "le") share ``token_id``, ``token_text`` and the token's
``start_char``/``end_char``. Offsets are 0-based indices into the document text
(end exclusive). ``sent_id`` and ``par_id`` are 1-based and run through the
whole document; ``word_id`` and ``head`` are 1-based within the sentence as in
CoNLL-U (``head`` 0 is the root).

Low-cardinality columns are Categorical to keep memory near the size of the
data; cast them with ``pl.col(c).cast(pl.String)`` before string operations.
``form``, ``lemma`` and ``token_text`` are plain strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

#: Features of ``feats`` that get a column of their own (CoNLL-U name → column).
FEATURE_COLUMNS: dict[str, str] = {
    "Mood": "mood", "Tense": "tense", "VerbForm": "verbform", "Person": "person", "Number": "number",
}

SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.Categorical(),
    "par_id": pl.Int32(),
    "sent_id": pl.Int32(),
    "word_id": pl.Int32(),
    "token_id": pl.Int32(),
    "token_text": pl.String(),
    "form": pl.String(),
    "lemma": pl.String(),
    "upos": pl.Categorical(),
    "xpos": pl.Categorical(),
    "feats": pl.Categorical(),
    "mood": pl.Categorical(),
    "tense": pl.Categorical(),
    "verbform": pl.Categorical(),
    "person": pl.Categorical(),
    "number": pl.Categorical(),
    "head": pl.Int32(),
    "deprel": pl.Categorical(),
    "deps": pl.Categorical(),
    "misc": pl.Categorical(),
    "start_char": pl.Int64(),
    "end_char": pl.Int64(),
}

COLUMNS: list[str] = list(SCHEMA)


def parse_feats(feats: str | None) -> dict[str, str]:
    """``"Mood=Cnd|Tense=Pres"`` → ``{"Mood": "Cnd", "Tense": "Pres"}``."""
    if not feats or feats == "_":
        return {}
    return dict(item.split("=", 1) for item in feats.split("|") if "=" in item)


def feature_columns(feats: pl.Expr) -> list[pl.Expr]:
    """Expressions extracting the :data:`FEATURE_COLUMNS` from a ``feats`` string column."""
    text = feats.cast(pl.String)
    return [text.str.extract(rf"(?:^|\|){name}=([^|]+)", 1).alias(col) for name, col in FEATURE_COLUMNS.items()]


def empty() -> pl.DataFrame:
    """A token table with no rows."""
    return pl.DataFrame(schema=SCHEMA)


def from_rows(rows: dict[str, list[Any]] | pl.DataFrame) -> pl.DataFrame:
    """Build a token table from column lists, deriving feature columns from ``feats`` (unless all present).

    Missing columns are filled with nulls; the result has exactly :data:`SCHEMA`.
    """
    frame = rows if isinstance(rows, pl.DataFrame) else pl.DataFrame(rows, infer_schema_length=None)
    if "feats" in frame.columns and not set(FEATURE_COLUMNS.values()) <= set(frame.columns):
        # derived only when missing: a table read back from Parquet has them (saves ~1 s per million words)
        frame = frame.with_columns(feature_columns(pl.col("feats")))
    missing = [pl.lit(None).alias(c) for c in COLUMNS if c not in frame.columns]
    frame = frame.with_columns(missing) if missing else frame
    extra = [c for c in frame.columns if c not in SCHEMA]
    return frame.select([pl.col(c).cast(t) for c, t in SCHEMA.items()] + extra)


def from_stanza(parsed: Iterable[tuple[str, int, int, Any]], start_sent: dict[str, int] | None = None) -> pl.DataFrame:
    """Token table from Stanza documents.

    ``parsed`` yields ``(doc_id, par_id, offset, stanza.Document)`` for each paragraph,
    in document order; ``offset`` is where the paragraph starts in the document text.
    Sentence numbers run on across the paragraphs of a document (``start_sent`` gives
    the number of sentences already seen per document when a document is split).
    """
    seen = dict(start_sent or {})
    cols: dict[str, list[Any]] = {c: [] for c in (
        "doc_id", "par_id", "sent_id", "word_id", "token_id", "token_text", "form", "lemma", "upos", "xpos",
        "feats", "head", "deprel", "start_char", "end_char")}
    for doc_id, par_id, offset, sdoc in parsed:
        for sentence in sdoc.sentences:
            seen[doc_id] = seen.get(doc_id, 0) + 1
            sent_id = seen[doc_id]
            for token_index, token in enumerate(sentence.tokens, start=1):
                start, end = token.start_char + offset, token.end_char + offset
                for word in token.words:
                    cols["doc_id"].append(doc_id)
                    cols["par_id"].append(par_id)
                    cols["sent_id"].append(sent_id)
                    cols["word_id"].append(word.id)
                    cols["token_id"].append(token_index)
                    cols["token_text"].append(token.text)
                    cols["form"].append(word.text)
                    cols["lemma"].append(word.lemma)
                    cols["upos"].append(word.upos)
                    cols["xpos"].append(word.xpos)
                    cols["feats"].append(word.feats)
                    cols["head"].append(word.head)
                    cols["deprel"].append(word.deprel)
                    cols["start_char"].append(start)
                    cols["end_char"].append(end)
    if not cols["doc_id"]:
        return empty()
    return from_rows(pl.DataFrame(cols, schema_overrides={"head": pl.Int32, "xpos": pl.String,
                                                          "feats": pl.String, "deprel": pl.String,
                                                          "lemma": pl.String}))


def sentence_starts() -> pl.Expr:
    """True on the first row of each run of rows of one sentence (a new ``doc_id`` or ``sent_id``)."""
    return ((pl.col("doc_id") != pl.col("doc_id").shift())
            | (pl.col("sent_id") != pl.col("sent_id").shift())).fill_null(True)


def sentences(tokens: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """One row per sentence: ``doc_id, sent_id, start_char, end_char, sentence`` (text from the document)."""
    spans = tokens.group_by("doc_id", "sent_id", maintain_order=True).agg(
        pl.col("start_char").min(), pl.col("end_char").max())
    texts = documents.select(pl.col("doc_id").cast(pl.String), "text")
    return (spans.with_columns(pl.col("doc_id").cast(pl.String))
            .join(texts, on="doc_id", how="left")
            .with_columns(pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
                          .alias("sentence"))
            .drop("text"))

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

from collections.abc import Collection, Iterable
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


# --------------------------------------------------------------------------- what counts as a word

#: UPOS tags of tokens that are not words: punctuation and symbols (UD ``PUNCT``, ``SYM``: "%", "€", "+").
NON_WORD_UPOS: tuple[str, ...] = ("PUNCT", "SYM")


def is_word(columns: Collection[str] | None = None) -> pl.Expr:
    """True on word tokens, the unit every count of corpusling is made of (reads ``upos`` and ``form``).

    A word token is any syntactic word whose UPOS is not ``PUNCT`` or ``SYM`` (:data:`NON_WORD_UPOS`);
    an untagged row (``upos`` null or ``_``, as in a vertical file of words alone) is a word when its
    form holds a letter or a digit (``columns``, the table's columns: without ``upos`` every row is
    untagged, without ``form`` either every row is a word). Numbers (``NUM``: "2012", "5 000") are
    words: they fill a syntactic slot ("5 000 militaires", "en 2012") and UD gives them a head and a
    relation like any word.

    Why: the tools users compare against count words, not punctuation. AntConc makes tokens of the
    characters of its token definition (Unicode letters by default), so a comma is never a token, never
    in a word count, a frequency list or a collocation window (Anthony, *AntConc help*, "Token
    definition"); Sketch Engine reports *words* beside *tokens*, a word being a token that begins with
    a letter (Sketch Engine glossary, "word", "non-word"). corpusling departs from the letter-only
    definitions on numerals alone: in French press text they are words of the sentence, with a head
    and a relation like any other. CQP and CQPweb count corpus positions, punctuation included, unless
    a query leaves it out: pass ``include_punct=True`` to the counting functions (``--include-punct``
    on the command line) to count every token that way, as corpusling did before.
    """
    every = pl.repeat(True, pl.len())
    untagged = (pl.col("form").cast(pl.String).str.contains(r"\w").fill_null(False)
                if columns is None or "form" in columns else every)
    if columns is not None and "upos" not in columns:
        return untagged
    upos = pl.col("upos").cast(pl.String)
    return (pl.when(upos.is_null() | (upos == "_")).then(untagged)
            .otherwise(~upos.is_in(list(NON_WORD_UPOS))))


def counted(include_punct: bool = False, columns: Collection[str] | None = None) -> pl.Expr:
    """True on the tokens a count is made of: word tokens (:func:`is_word`, given the table's ``columns``),
    or every token with ``include_punct``."""
    return pl.repeat(True, pl.len()) if include_punct else is_word(columns)


#: Columns whose value is the surface token's, shared by the words of a multi-word token ("du" = "de" + "le").
SURFACE_COLUMNS: frozenset[str] = frozenset({"token_text", "token_id", "start_char", "end_char"})


def token_starts() -> pl.Expr:
    """True on the first word of each surface token (a multi-word token's other words are False).

    Rows of one token are adjacent and share ``token_id``; without token ids every row is a token.
    """
    return (sentence_starts() | (pl.col("token_id") != pl.col("token_id").shift())).fill_null(True)


def surface_tokens(tokens: pl.DataFrame, frame: pl.DataFrame | None = None,
                   flags: list[str] | tuple[str, ...] = ()) -> pl.DataFrame:
    """One row per surface token: the rows of ``frame`` (a table row for row with ``tokens``; by default
    ``tokens`` itself) at the first word of each token of ``tokens``.

    Boolean columns of ``frame`` named in ``flags`` become true for a token when they are for any of
    its words: "du" (= "de" + "le") is a word token when "de" or "le" is, and a filter that selects
    "le" selects "du". So a multi-word token is counted once, as the text shows it.
    """
    frame = tokens if frame is None else frame
    starts = tokens.select(token_starts()).to_series()
    marked = frame.with_columns(starts.alias("_first")).with_columns(pl.col("_first").cum_sum().alias("_token"))
    if flags:
        marked = marked.with_columns(pl.col(f).any().over("_token") for f in flags)
    return marked.filter(pl.col("_first")).drop("_first", "_token")


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

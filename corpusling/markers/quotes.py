"""Quotations: spans between quotation marks, their kind, their source and reporting verb.

Three steps, each a function of tables:

1. :func:`quote_spans` scans each document text for quotation marks (one regex match
   per mark) and pairs them with a stack: « », ‹ ›, “ ”, „ “ and straight double quotes,
   the marks of the annotation guide (§2); single quotes and apostrophes (' ‘ ’) are never
   quotation marks. A quotation left open at the end of a paragraph
   continues when the next paragraph opens with « or » (the French convention for
   quotations over several paragraphs, Lexique des règles typographiques en usage à
   l'Imprimerie nationale), or when its closing mark comes later with no opening mark
   of its kind between them but a nested pair: a text whose lines are sentences, as
   translated news is laid out (NTREX-128, ``tests/gold/set21/ADJUDICATION.md``, recurring
   decision 1), breaks the writer's paragraph at each sentence, with no reopening mark;
   otherwise it is closed at the end of its paragraph and flagged ``unbalanced``. A
   closing mark with nothing open makes no quotation (guide §2).
   Paragraphs are those of :func:`corpusling.normalise.paragraph_spans`
   (blocks between blank lines, or lines when a text has no blank line). Straight double
   quotes, which do not say which way they face, are read from their neighbours: one opens
   before a word, or before a space and a word where the French spacing of guillemets is
   kept (" Il y a… "); one closes after a word or before a space, a punctuation mark or the
   end; with nothing open, one before punctuation (", a-t-il dit") closes a quotation that
   began before the text and is left out, and one right after a digit is an inch mark.
2. Nesting (``level``, ``nested``) and words (``n_tokens``) come from joins on offsets.
3. :func:`quotes` adds ``kind``, ``source`` and ``reporting_verb`` from the context of
   each span (see :mod:`corpusling.markers.attribution`), then ``speaker``, the name the
   source stands for (see :mod:`corpusling.markers.speakers`).

Kinds follow the French tradition of *discours rapporté* (Authier-Revuz 1992;
Rosier 2008): ``direct`` (a reported utterance: after a colon or a reporting verb,
a sentence of its own, or with an incise ", a déclaré X"), ``mixed`` (an *îlot
textuel*: quoted words integrated in the writer's syntax) and ``scare`` (a short
word or phrase at a distance, a term, a name or a title, with no speaker).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import polars as pl

from corpusling.markers.text_index import TextIndex, locate, text_index
from corpusling.normalise import paragraph_spans

#: Columns of a quotation table, in order. ``rule`` is ``kind rule+source rule+speaker rule``
#: (:func:`corpusling.markers.attribution.source_rules`, :func:`corpusling.markers.speakers.speaker_rules`).
COLUMNS: list[str] = [
    "doc_id", "quote_id", "start_char", "end_char", "text", "n_tokens", "kind", "nested", "source",
    "reporting_verb", "level", "unbalanced", "continued", "mark", "source_start", "source_end", "rule", "speaker",
]

_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "start_char": pl.Int64(), "end_char": pl.Int64(), "mark": pl.String(),
    "unbalanced": pl.Boolean(), "continued": pl.Boolean(),
}

#: The quotation marks of the annotation guide (§2).
_MARKS = re.compile(r"[«»‹›“”„\"]")
#: The opening and closing mark of the quotations that may run over lines with no reopening mark.
_FAMILY_MARKS: dict[str, tuple[str, str]] = {"guillemet": ("«", "»"), "curly": ("“", "”")}
#: After a straight double quote: a word (or "…", an opening bracket), possibly after spaces: it may open.
_OPENS_BEFORE = re.compile(r"[ \t\u00a0\u202f]*[\w…(\[]")


@dataclass
class _Open:
    start: int
    family: str
    mark: str
    continued: bool = False


def _trim_end(text: str, end: int, floor: int) -> int:
    """``end`` moved back over trailing whitespace, not before ``floor``."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def scan_text(text: str) -> list[tuple[int, int, str, bool, bool]]:
    """Quotation spans of one text: ``(start, end, opening mark, unbalanced, continued)``.

    Marks are paired with a stack; see the module docstring for the rules. The loop runs
    over quotation marks, not over words.
    """
    paragraphs = paragraph_spans(text)
    if not paragraphs:
        return []
    para_starts = [s for s, _ in paragraphs]
    spans: list[tuple[int, int, str, bool, bool]] = []
    stack: list[_Open] = []

    def close(item: _Open, end: int, unbalanced: bool) -> None:
        spans.append((item.start, end, item.mark, unbalanced, item.continued))

    def close_from(index: int, at: int, end: int) -> None:
        """Close stack[index] at ``end``; what is open above it closes unbalanced at ``at``."""
        for item in reversed(stack[index + 1:]):
            close(item, _trim_end(text, at, item.start + 1), True)
        close(stack[index], end, False)
        del stack[index:]

    def innermost(*families: str) -> int | None:
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].family in families:
                return i
        return None

    marks = list(_MARKS.finditer(text))
    positions = [match.start() for match in marks]

    def closed_later(family: str, after: int) -> bool:
        """The next mark of ``family`` after ``after`` that no later opening mark of it pairs with closes it: a
        quotation of several sentences in a text whose lines are sentences (no reopening mark in between)."""
        opening, closing = _FAMILY_MARKS[family]
        depth = 0
        for match in marks[bisect.bisect_right(positions, after):]:
            char = match.group()
            if char == opening:
                depth += 1
            elif char == closing:
                if depth == 0:
                    return True
                depth -= 1
        return False

    current = 0  # index of the paragraph being read
    skip: set[int] = set()  # positions of continuation marks
    for match in marks:
        pos, char = match.start(), match.group()
        para = bisect.bisect_right(para_starts, pos) - 1
        while para > current:  # leaving paragraph `current`
            p_start, p_end = paragraphs[current]
            nxt_start = paragraphs[current + 1][0]
            lead = text[nxt_start:nxt_start + 1]
            keep: list[_Open] = []
            for item in stack:
                if item.family in ("guillemet", "curly", "low9") and not keep \
                        and lead in ("«", "»", "“"):
                    item.continued = True
                    keep.append(item)
                    skip.add(nxt_start)
                elif item.family in _FAMILY_MARKS and not keep and len(stack) == 1 \
                        and closed_later(item.family, p_end):
                    item.continued = True
                    keep.append(item)
                else:
                    close(item, _trim_end(text, p_end, item.start + 1), True)
            stack[:] = keep
            current += 1
        if pos in skip:
            continue
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        if char in "«‹„":
            stack.append(_Open(pos, {"«": "guillemet", "‹": "single_guillemet", "„": "low9"}[char], char))
        elif char == "»" or char == "›":
            i = innermost("guillemet" if char == "»" else "single_guillemet")
            if i is not None:  # (a closing mark with nothing open makes no quotation)
                close_from(i, pos, pos + 1)
        elif char == "“":
            i = innermost("low9", "curly")
            if i is not None and stack[i].family == "low9":
                close_from(i, pos, pos + 1)
            else:
                stack.append(_Open(pos, "curly", char))
        elif char == "”":
            i = innermost("curly", "low9")
            if i is not None:
                close_from(i, pos, pos + 1)
        else:  # a straight double quote
            i = innermost("straight")
            word_after = _OPENS_BEFORE.match(text, pos + 1) is not None
            # (open: a mark after a word, before a space or before no word closes; "le mot "X"" opens inside)
            if i is not None and (not before.isspace() or after.isspace() or not word_after):
                close_from(i, pos, pos + 1)
            elif i is None and before.isdigit():
                continue  # inch mark: 17" screen
            elif word_after and (not after.isspace() or before.isspace() or pos == 0):
                stack.append(_Open(pos, "straight", char))
    # end of text: leaving the remaining paragraphs
    p_end = paragraphs[current][1]
    for item in stack:
        close(item, _trim_end(text, p_end, item.start + 1), True)
    return sorted(spans)


def quote_spans(documents: pl.DataFrame) -> pl.DataFrame:
    """``doc_id, start_char, end_char, mark, unbalanced, continued`` for every quotation of ``documents``.

    ``documents`` needs ``doc_id`` and ``text``. Offsets are into ``text``, marks included.
    """
    rows: dict[str, list] = {c: [] for c in _SCHEMA}
    for doc_id, text in documents.select(pl.col("doc_id").cast(pl.String), "text").iter_rows():
        for start, end, mark, unbalanced, continued in scan_text(text or ""):
            for column, value in zip(_SCHEMA, (doc_id, start, end, mark, unbalanced, continued), strict=True):
                rows[column].append(value)
    return pl.DataFrame(rows, schema=_SCHEMA)


def add_nesting(spans: pl.DataFrame) -> pl.DataFrame:
    """Add ``level`` (0 outer, 1 nested in one quotation…), ``nested`` and ``quote_id`` (1-based per document)."""
    keyed = spans.sort("doc_id", "start_char", "end_char").with_row_index("_q")
    outer = keyed.select("doc_id", pl.col("_q").alias("_o"), pl.col("start_char").alias("_os"),
                         pl.col("end_char").alias("_oe"))
    levels = (keyed.select("_q", "doc_id", "start_char", "end_char")
              .join(outer, on="doc_id")
              .filter((pl.col("_o") != pl.col("_q")) & (pl.col("_os") <= pl.col("start_char"))
                      & (pl.col("_oe") >= pl.col("end_char")))
              .group_by("_q").agg(pl.len().cast(pl.Int32).alias("level")))
    return (keyed.join(levels, on="_q", how="left")
            .with_columns(pl.col("level").fill_null(0).cast(pl.Int32),
                          (pl.int_range(pl.len()).over("doc_id") + 1).cast(pl.Int32).alias("quote_id"))
            .with_columns((pl.col("level") > 0).alias("nested"))
            .sort("_q").drop("_q"))


def add_word_counts(spans: pl.DataFrame, tokens: pl.DataFrame, index: TextIndex | None = None) -> pl.DataFrame:
    """Add ``n_tokens``: words (punctuation excluded) whose token starts inside the span.

    The tokens starting in a span are a range of rows of the text index; the words among them
    are a difference of running counts.
    """
    index = text_index(tokens) if index is None else index
    is_word = (index.tokens.select((pl.col("upos") != "PUNCT").fill_null(True))[:, 0]
               if "upos" in index.tokens.columns else pl.Series([True] * index.tokens.height))
    words_before = pl.concat([pl.Series([0], dtype=pl.Int64), is_word.cast(pl.Int64).cum_sum()])
    located = locate(index, spans)
    counts = (words_before.gather(located["_to"].fill_null(0)) - words_before.gather(located["_from"].fill_null(0)))
    return spans.with_columns(counts.clip(lower_bound=0).alias("n_tokens"))


def quotes(tokens: pl.DataFrame, documents: pl.DataFrame,
           reporting_verbs: pl.DataFrame | None = None, kinds: str | None = None,
           proper_names: pl.DataFrame | None = None, paragraphs: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per quotation: the columns of :data:`COLUMNS`.

    ``tokens`` is the token table (an empty table gives spans and kinds from the text
    alone), ``documents`` has ``doc_id`` and ``text``, ``reporting_verbs`` a lexicon table
    with a ``lemma`` column (default: ``corpusling/lexicons/reporting_verbs.tsv``, see
    :func:`corpusling.markers.attribution.load_reporting_verbs`), ``kinds`` who decides the kind (``"rules"``,
    ``"model"``, ``"hybrid"``; default :data:`corpusling.markers.attribution.DEFAULT_KINDS`, see
    :func:`corpusling.markers.attribution.attribute`). ``proper_names``: the corpus's
    (:func:`corpusling.markers.speakers.proper_names` with the default reporting verbs, as
    :meth:`corpusling.parsed.ParsedCorpus.proper_names` keeps them for reported speech too), read by the
    speakers instead of computing them; not read with ``reporting_verbs`` of one's own. ``paragraphs``: the
    paragraphs of the corpus's every document (:func:`corpusling.markers.speakers.paragraphs`, as
    :meth:`corpusling.parsed.ParsedCorpus.paragraphs` keeps them), likewise.
    """
    from corpusling.markers.attribution import attribute, decider
    from corpusling.markers.speakers import add_speakers

    kinds = decider(kinds)  # checked before the early return of a text with no quotation
    index = text_index(tokens)
    spans = add_word_counts(add_nesting(quote_spans(documents)), tokens, index)
    if spans.height == 0:
        return empty()
    table = attribute(spans, tokens, documents, reporting_verbs, index, kinds)
    texts = documents.select(pl.col("doc_id").cast(pl.String), pl.col("text").alias("_text"))
    table = (table.join(texts, on="doc_id", how="left")
             .with_columns(pl.col("_text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
                           .alias("text"))
             .drop("_text"))
    table = add_speakers(table, tokens, documents, reporting_verbs, proper_names if reporting_verbs is None else None,
                         paragraphs)
    return table.select(COLUMNS).sort("doc_id", "start_char", maintain_order=True)


def empty() -> pl.DataFrame:
    """A quotation table with no rows."""
    schema = {"doc_id": pl.String, "quote_id": pl.Int32, "start_char": pl.Int64, "end_char": pl.Int64,
              "text": pl.String, "n_tokens": pl.Int64, "kind": pl.String, "nested": pl.Boolean, "source": pl.String,
              "reporting_verb": pl.String, "level": pl.Int32, "unbalanced": pl.Boolean, "continued": pl.Boolean,
              "mark": pl.String, "source_start": pl.Int64, "source_end": pl.Int64, "rule": pl.String,
              "speaker": pl.String}
    return pl.DataFrame(schema=schema)

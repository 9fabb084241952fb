"""Very long documents parsed in pieces: each piece parsed and cached on its own, then put back together.

A document of several megabytes (a book, a whole newspaper issue in one file) would otherwise be
parsed and cached as one unit: hours of work lost to one interruption, and memory growing with the
document. Above :data:`LONG_CHARS` characters a document is cut into pieces of about
:data:`PIECE_CHARS` characters: between paragraphs (blank lines) when it has them, so that every
paragraph is parsed exactly as in the whole document (paragraphs are parsed one by one anyway);
inside a paragraph longer than a piece, after a sentence end (., !, ?, … followed by a space and a
capital or an opening quotation mark), or at a space if there is none. Each piece goes through the
parse cache under the hash of its own text, so a run that is killed loses one piece at most and the
next run resumes. :func:`stitch` shifts the offsets back into the document, numbers the sentences on,
and gives each word the paragraph number of the whole document.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from corpusling.normalise import paragraph_spans

#: Documents longer than this (characters) are parsed in pieces.
LONG_CHARS = 200_000
#: About this many characters per piece.
PIECE_CHARS = 50_000
#: Separator between a document's id and a piece number in the id of a piece (never in a real id).
PIECE_MARK = "\x1f"

_SENTENCE_END = re.compile(r"[.!?…][»”\"')\]]*\s+(?=[\"«“(\[]?\s?[A-ZÀ-ÖØ-Þ0-9])")


def _cut_paragraph(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most about ``size`` characters at sentence ends (else spaces)."""
    spans = []
    while end - start > size:
        window = text[start:start + size]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends and ends[-1] > size // 4 else (window.rfind(" ") + 1 or size)
        spans.append((start, start + cut))
        start += cut
    spans.append((start, end))
    return spans


def piece_spans(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces of ``text``: runs of whole paragraphs of about ``size`` characters,
    a paragraph longer than that cut at sentence ends."""
    units: list[tuple[int, int]] = []
    for start, end in paragraph_spans(text):
        units.extend(_cut_paragraph(text, start, end, size) if end - start > size else [(start, end)])
    pieces: list[tuple[int, int]] = []
    for start, end in units:
        if pieces and end - pieces[-1][0] <= size:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    return pieces


def piece_id(doc_id: str, number: int) -> str:
    return f"{doc_id}{PIECE_MARK}{number}"


def stitch(doc_id: str, text: str, parts: list[tuple[int, pl.DataFrame]]) -> pl.DataFrame:
    """One document's token table from its pieces' (``start``, table) in order: offsets shifted back,
    sentences numbered on, paragraphs numbered as in the whole document."""
    tables, sentences = [], 0
    for start, table in parts:
        if table.height == 0:
            continue
        shifted = table.with_columns((pl.col("start_char") + start).alias("start_char"),
                                     (pl.col("end_char") + start).alias("end_char"),
                                     (pl.col("sent_id") + sentences).cast(table.schema["sent_id"]).alias("sent_id"))
        sentences = int(shifted["sent_id"].max())
        tables.append(shifted)
    if not tables:
        return parts[0][1] if parts else pl.DataFrame()
    whole = pl.concat(tables, how="vertical_relaxed")
    starts = np.array([s for s, _ in paragraph_spans(text)], dtype=np.int64)
    paragraph = np.searchsorted(starts, whole["start_char"].to_numpy(), side="right")
    return whole.with_columns(pl.lit(doc_id).cast(whole.schema["doc_id"]).alias("doc_id"),
                              pl.Series("par_id", paragraph).cast(whole.schema["par_id"]))


__all__ = ["LONG_CHARS", "PIECE_CHARS", "PIECE_MARK", "piece_id", "piece_spans", "stitch"]

"""Text normalisation that keeps offsets true.

Two steps, with different promises:

* :func:`clean_text` is applied once by the readers; its output *is* the document
  text that every offset points into (NFC, no BOM, ``\\n`` line ends, no soft hyphens).
* :func:`for_parser` makes the copy Stanza sees. It replaces characters one for one
  (typographic apostrophes → ``'``, the non-breaking and narrow spaces of French
  typography before ``; : ! ?`` and inside ``« »`` → plain spaces), so it never
  changes the length of the text: Stanza's offsets are offsets into the document text.
"""

from __future__ import annotations

import re
import unicodedata

#: One-for-one replacements for the parser's copy of the text.
PARSER_MAP = str.maketrans({
    "\u2019": "'",  # right single quotation mark, the typographic apostrophe
    "\u02bc": "'",  # modifier letter apostrophe
    "\u2018": "'",
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space (French typography before ; : ! ? and inside « »)
    "\u2009": " ",  # thin space
    "\u2007": " ",  # figure space
    "\u200a": " ",  # hair space
    "\t": " ",
})

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0\u202f]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


def clean_text(raw: str) -> tuple[str, list[str]]:
    """Document text from decoded file content, with notes on what was changed."""
    notes: list[str] = []
    if raw.startswith("\ufeff"):
        raw = raw[1:]
        notes.append("byte-order mark removed")
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("line ends normalised to \\n")
    if "\u00ad" in raw:
        raw = raw.replace("\u00ad", "")
        notes.append("soft hyphens removed")
    nfc = unicodedata.normalize("NFC", raw)
    if nfc != raw:
        notes.append("normalised to Unicode NFC")
    return nfc, notes


def for_parser(text: str) -> str:
    """The text as the parser should see it; same length as ``text``."""
    return text.translate(PARSER_MAP)


_FINAL = re.compile(r"[.!?…:»\"”)\]]\s*$")


def _lines_are_paragraphs(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) > 1 and sum(bool(_FINAL.search(line)) for line in lines) >= 0.8 * len(lines)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, outer whitespace excluded.

    Paragraphs are separated by blank lines. A text with line breaks but no blank
    line at all is one paragraph per line (as many press exports are) when its lines
    end like paragraphs (at least 80% with final punctuation); otherwise its line
    breaks are a wrap inside running text.
    """
    breaks = list(_PARAGRAPH_BREAK.finditer(text))
    if not breaks and _lines_are_paragraphs(text):
        breaks = list(_LINE_BREAK.finditer(text))
    spans = []
    position = 0
    for match in [*breaks, None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        stripped = block.strip()
        if stripped:
            start = position + (len(block) - len(block.lstrip()))
            spans.append((start, start + len(stripped)))
        if match:
            position = match.end()
    return spans

"""Plain-text files: one document per ``.txt`` file; paragraphs are separated by blank lines."""

from __future__ import annotations

from pathlib import Path

from corpusling.corpus import Document
from corpusling.errors import DocumentError
from corpusling.normalise import clean_text
from corpusling.readers.encoding import decode


def read_text(path: Path, doc_id: str) -> Document:
    """One text file as a document (decoded, then :func:`clean_text`)."""
    raw, notes = decode(path.read_bytes(), str(path))
    text, cleaned = clean_text(raw)
    if not text.strip():
        raise DocumentError(f"{path}: the file has no text; remove it or put text in it")
    return Document(doc_id=doc_id, text=text, source=str(path), notes=notes + cleaned)

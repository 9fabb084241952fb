"""Documents and corpora: the texts as the readers produced them, with their metadata.

Offsets everywhere in corpusling are 0-based Python string indices into
``Document.text`` (end exclusive), so ``doc.text[start:end]`` is a match.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import polars as pl


@dataclass
class Document:
    """One text. ``text`` is what every offset points into.

    ``meta`` holds metadata columns (title, date, outlet…); ``source`` the file it came
    from; ``notes`` what the reader did to it (encoding detected, BOM removed…).
    ``tokens`` is set by readers of already-annotated formats (CoNLL-U, VRT): those
    documents are not parsed again.
    """

    doc_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    notes: list[str] = field(default_factory=list)
    tokens: pl.DataFrame | None = None

    @property
    def sha256(self) -> str:
        """Hash of the text: the key of the parse cache and of provenance records."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Skipped:
    """A document that could not be read, and why."""

    source: str
    reason: str


@dataclass
class Corpus:
    """An ordered list of documents plus those that were skipped.

    ``warnings`` says what the reader did or found that the user should know although every
    document was read: a file decoded from another encoding than UTF-8, ``metadata.csv``
    rows that repeat a key or name no file, files without metadata, output folders not read.
    One message each, beginning with the path it is about.
    """

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self):  # noqa: ANN204 - iterator of Document
        return iter(self.documents)

    def documents_table(self, with_text: bool = True) -> pl.DataFrame:
        """One row per document: ``doc_id``, metadata columns, ``source`` and (optionally) ``text``."""
        rows = []
        for doc in self.documents:
            row: dict[str, Any] = {"doc_id": doc.doc_id, **doc.meta, "source": doc.source}
            if with_text:
                row["text"] = doc.text
            rows.append(row)
        if not rows:
            return pl.DataFrame({"doc_id": [], "source": []}, schema={"doc_id": pl.String, "source": pl.String})
        return pl.DataFrame(rows, infer_schema_length=None)

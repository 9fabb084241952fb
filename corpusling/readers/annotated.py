"""Shared by the readers of already-annotated files (CoNLL-U, VRT): their tokens are kept, never parsed again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from corpusling.corpus import Document, Skipped
from corpusling.readers.encoding import decode

#: ``(file text, doc_id, source) -> (token table, documents table with doc_id, text[, notes][, error], metadata…)``
Converter = Callable[..., tuple[pl.DataFrame, pl.DataFrame]]


def read_annotated(path: Path, doc_id: str, convert: Converter) -> list[Document | Skipped]:
    """Documents of an annotated file, each with its token table; malformed input raises DocumentError, and a
    document the converter marks with an ``error`` is skipped with it."""
    raw, notes = decode(path.read_bytes(), str(path))
    if raw.startswith("\ufeff"):
        raw, notes = raw[1:], [*notes, "byte-order mark removed"]
    tokens, documents = convert(raw, doc_id=doc_id, source=str(path))
    tables = {str(key[0]): table for key, table in
              tokens.partition_by("doc_id", maintain_order=True, as_dict=True).items()}
    result: list[Document | Skipped] = []
    for row in documents.iter_rows(named=True):
        this_id, text, extra, error = row.pop("doc_id"), row.pop("text"), row.pop("notes", None), row.pop("error", None)
        if error:
            result.append(Skipped(str(path), error))
            continue
        result.append(Document(doc_id=this_id, text=text, meta={k: v for k, v in row.items() if k != "source"},
                               source=str(path), notes=[*notes, *([extra] if extra else [])],
                               tokens=tables[this_id]))
    return result

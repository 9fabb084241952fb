"""CWB vertical files (``.vrt``): already annotated, so their tokens are kept and never parsed again.

Each ``<text>`` element is a document whose attributes become metadata (``id`` gives the
``doc_id``); the text is rebuilt from the tokens (see :func:`corpusling.vrt.from_vrt`).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from corpusling.corpus import Document
from corpusling.readers.encoding import decode
from corpusling.vrt import from_vrt


def read_vrt(path: Path, doc_id: str) -> list[Document]:
    """Documents of a VRT file; raises DocumentError (with the line) for malformed input."""
    raw, notes = decode(path.read_bytes(), str(path))
    if raw.startswith("\ufeff"):
        raw, notes = raw[1:], [*notes, "byte-order mark removed"]
    tokens, documents = from_vrt(raw, doc_id=doc_id, source=str(path))
    tables = {str(key[0]): table for key, table in
              tokens.partition_by("doc_id", maintain_order=True, as_dict=True).items()}
    result = []
    for row in documents.iter_rows(named=True):
        doc_id, text, extra = row.pop("doc_id"), row.pop("text"), row.pop("notes", None)
        result.append(Document(doc_id=doc_id, text=text, meta={k: v for k, v in row.items() if k != "source"},
                               source=str(path), notes=[*notes, *([extra] if extra else [])],
                               tokens=tables[doc_id].with_columns(pl.col("doc_id"))))
    return result

"""A folder written by ``corpusling parse`` (or a report's token and document tables), named as an
input: one already-annotated document per row of its documents table, with its tokens, never
parsed again; metadata columns are kept and ``source`` is the file the document first came from.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from corpusling import tokens as tok
from corpusling.corpus import Document
from corpusling.errors import DocumentError, InputError


def read_parsed(folder: Path) -> list[Document]:
    """Documents of a parsed folder, each with its token table; DocumentError when its tables cannot be read."""
    from corpusling.parsed import load

    try:
        parsed = load(folder)
    except (pl.exceptions.PolarsError, OSError, ValueError) as err:
        raise DocumentError(f"{folder}: cannot read this parsed corpus ({str(err).splitlines()[0]}); parse its "
                            "inputs again with `corpusling parse INPUT... --out FOLDER`") from err
    if "doc_id" not in parsed.documents.columns or "text" not in parsed.documents.columns:
        raise InputError(f"{folder}: the documents table has no doc_id or text column; parse its inputs again")
    tables = {str(key[0]): table for key, table in
              parsed.tokens.partition_by("doc_id", maintain_order=True, as_dict=True).items()}
    documents = []
    for row in parsed.documents.iter_rows(named=True):
        doc_id, text, source = str(row.pop("doc_id")), row.pop("text") or "", row.pop("source", None)
        documents.append(Document(doc_id=doc_id, text=text, meta=row, source=source or str(folder),
                                  tokens=tables.get(doc_id, tok.empty())))
    return documents

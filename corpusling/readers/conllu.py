"""CoNLL-U files: already annotated, so their tokens are kept and never parsed again.

Each ``# newdoc id = …`` block is a document (else the whole file is one, with the
file's ``doc_id``); :attr:`Document.tokens` holds its token table and the text is rebuilt
from the tokens (see :func:`corpusling.conllu.from_conllu`).
"""

from __future__ import annotations

from pathlib import Path

from corpusling.conllu import from_conllu
from corpusling.corpus import Document
from corpusling.readers.encoding import decode


def read_conllu(path: Path, doc_id: str) -> list[Document]:
    """Documents of a CoNLL-U file; raises DocumentError (with the line) for malformed input."""
    raw, notes = decode(path.read_bytes(), str(path))
    if raw.startswith("\ufeff"):
        raw, notes = raw[1:], [*notes, "byte-order mark removed"]
    tokens, documents = from_conllu(raw, doc_id=doc_id, source=str(path))
    tables = {str(key[0]): table for key, table in
              tokens.partition_by("doc_id", maintain_order=True, as_dict=True).items()}
    result = []
    for row in documents.iter_rows(named=True):
        extra = [row["notes"]] if row.get("notes") else []
        result.append(Document(doc_id=row["doc_id"], text=row["text"], source=str(path),
                               notes=[*notes, *extra], tokens=tables[row["doc_id"]]))
    return result


__all__ = ["read_conllu"]

"""CoNLL-U files: already annotated, so their tokens are kept and never parsed again.

Each ``# newdoc id = …`` block is a document (else the whole file is one, with the
file's ``doc_id``); :attr:`Document.tokens` holds its token table and the text is rebuilt
from the tokens (see :func:`corpusling.conllu.from_conllu`).
"""

from __future__ import annotations

from pathlib import Path

from corpusling.conllu import from_conllu
from corpusling.corpus import Document
from corpusling.readers.annotated import read_annotated


def read_conllu(path: Path, doc_id: str) -> list[Document]:
    """Documents of a CoNLL-U file; raises DocumentError (with the line) for malformed input."""
    return read_annotated(path, doc_id, from_conllu)

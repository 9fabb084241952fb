"""CoNLL-U files: already annotated, so their tokens are kept and never parsed again.

Each ``# newdoc id = …`` block is a document (else the whole file is one, with the
file's ``doc_id``); :attr:`Document.tokens` holds its token table and the text is rebuilt
from the tokens (see :func:`corpusling.conllu.from_conllu`). A document whose dependency trees
are broken is skipped and listed; the other documents of the file are read.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from corpusling.conllu import from_conllu
from corpusling.corpus import Document, Skipped
from corpusling.readers.annotated import read_annotated


def read_conllu(path: Path, doc_id: str) -> list[Document | Skipped]:
    """Documents of a CoNLL-U file; raises DocumentError (with the line) for malformed input, and skips a
    document whose dependency trees are broken (a cycle, a head out of range…), naming the line."""
    return read_annotated(path, doc_id, partial(from_conllu, bad_trees="skip"))

"""CWB vertical files (``.vrt``): already annotated, so their tokens are kept and never parsed again.

Each ``<text>`` element is a document whose attributes become metadata (``id`` gives the
``doc_id``); the text is rebuilt from the tokens (see :func:`corpusling.vrt.from_vrt`).
"""

from __future__ import annotations

from pathlib import Path

from corpusling.corpus import Document, Skipped
from corpusling.readers.annotated import read_annotated
from corpusling.vrt import from_vrt


def read_vrt(path: Path, doc_id: str) -> list[Document | Skipped]:
    """Documents of a VRT file; raises DocumentError (with the line) for malformed input."""
    return read_annotated(path, doc_id, from_vrt)

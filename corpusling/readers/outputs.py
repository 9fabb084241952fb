"""Folders that corpusling wrote: never read as input documents when found inside an input folder.

A parsed corpus (``corpusling parse``: ``tokens.parquet`` or ``tokens/`` with
``documents.parquet`` or ``documents/``, or a ``tokens`` table beside ``model.json`` when a
first parse was stopped) and a report (``corpusling report``: ``provenance.json`` and
``report.html``). Their files would otherwise come back as documents: ``report.html`` as
an article, ``documents.csv`` as a table of texts. A parsed folder named as an input is read
as already-annotated documents instead (:mod:`.parsed`).
"""

from __future__ import annotations

from pathlib import Path

from corpusling.parsed import is_parsed_folder


def output_kind(folder: Path) -> str | None:
    """``"report"`` or ``"parsed corpus"`` when ``folder`` holds corpusling output, else None."""
    if (folder / "provenance.json").is_file() and (folder / "report.html").is_file():
        return "report"
    tokens = (folder / "tokens").is_dir() or (folder / "tokens.parquet").is_file()
    if is_parsed_folder(folder) or (tokens and (folder / "model.json").is_file()):
        return "parsed corpus"
    return None

"""Tables of texts (CSV, TSV, JSONL, Parquet): one document per row.

The text is in ``text_column``; every other column becomes metadata. The ``doc_id`` comes
from a column ``doc_id`` or ``id`` when there is one, else ``<file stem>:<row>`` (rows
numbered from 1). A row with an empty text is skipped and reported.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl

from corpusling.corpus import Document, Skipped
from corpusling.errors import DocumentError, InputError
from corpusling.normalise import clean_text
from corpusling.readers.encoding import decode


def _bad_json_line(data: str) -> str:
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            try:
                json.loads(line)
            except json.JSONDecodeError as err:
                return f"line {number}: {err.msg}"
    return "not one JSON object per line"


def load_table(path: Path, fmt: str) -> tuple[pl.DataFrame, list[str]]:
    """The file as a DataFrame and notes on its encoding; DocumentError when it cannot be read."""
    if fmt == "parquet":
        try:
            return pl.read_parquet(path), []
        except (pl.exceptions.PolarsError, OSError) as err:
            raise DocumentError(f"{path}: not a readable Parquet file ({err})") from err
    text, notes = decode(path.read_bytes(), str(path))
    text = text.removeprefix("\ufeff")
    try:
        if fmt == "jsonl":
            return pl.read_ndjson(io.BytesIO(text.encode("utf-8")), infer_schema_length=None), notes
        separator = "\t" if path.suffix.lower() == ".tsv" else ","
        return pl.read_csv(io.BytesIO(text.encode("utf-8")), separator=separator, infer_schema_length=None), notes
    except pl.exceptions.PolarsError as err:
        detail = _bad_json_line(text) if fmt == "jsonl" else str(err).splitlines()[0]
        raise DocumentError(f"{path}: malformed {fmt.upper()} ({detail}); fix or remove the file") from err


def read_table(path: Path, fmt: str, text_column: str = "text") -> list[Document | Skipped]:
    """Documents of a CSV / JSONL / Parquet file (rows without text as Skipped); InputError if the text
    column is missing."""
    frame, notes = load_table(path, fmt)
    if text_column not in frame.columns:
        raise InputError(f"{path}: no column {text_column!r}; its columns are {', '.join(frame.columns)}. "
                         "Name the column that holds the texts with --text-column NAME")
    id_column = next((c for c in ("doc_id", "id") if c in frame.columns and c != text_column), None)
    documents: list[Document | Skipped] = []
    for number, row in enumerate(frame.iter_rows(named=True), start=1):
        value = row.pop(text_column)
        doc_id = row.pop(id_column) if id_column else None
        doc_id = str(doc_id) if doc_id is not None and str(doc_id) != "" else f"{path.stem}:{number}"
        if value is None or not str(value).strip():
            documents.append(Skipped(f"{path}:{number}", f"row {number} ({doc_id}) has no text in column "
                                                         f"{text_column!r}"))
            continue
        text, cleaned = clean_text(str(value))
        documents.append(Document(doc_id=doc_id, text=text, meta=row, source=f"{path}:{number}",
                                  notes=notes + cleaned))
    if not any(isinstance(doc, Document) for doc in documents):
        raise DocumentError(f"{path}: no row has text in column {text_column!r}")
    return documents

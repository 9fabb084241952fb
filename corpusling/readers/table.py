"""Tables of texts (CSV, TSV, JSONL, Parquet): one document per row.

The text is in ``text_column``; every other column becomes metadata. The ``doc_id`` comes
from a column ``doc_id`` or ``id`` when there is one, else ``<file stem>:<row>`` (rows
numbered from 1; a JSONL row by its line). A row with an empty text and a JSONL line that is not a
JSON object are skipped and reported, and the other rows read.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import NamedTuple

import polars as pl

from corpusling.corpus import Document, Skipped
from corpusling.errors import DocumentError, InputError
from corpusling.normalise import clean_text
from corpusling.readers.encoding import decode


class Table(NamedTuple):
    """A file read as a table: its rows, notes on its encoding, the number of each row (from 1; a JSONL
    row has its line number) and the lines skipped."""

    frame: pl.DataFrame
    notes: list[str]
    numbers: list[int]
    skipped: list[Skipped]


def _json_lines(text: str, path: Path) -> tuple[list[str], list[int], list[Skipped]]:
    """Lines of JSONL text that hold a JSON object and their numbers; the other non-blank lines as Skipped."""
    good: list[str] = []
    numbers: list[int] = []
    skipped: list[Skipped] = []
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 may be inside a string
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            reason = f"malformed JSON ({err.msg} at column {err.colno})" if isinstance(err, json.JSONDecodeError) \
                else "JSON nested too deeply"
        else:
            if isinstance(value, dict):
                good.append(line)
                numbers.append(number)
                continue
            reason = f"a JSON {type(value).__name__.replace('NoneType', 'null')}, not an object {{...}}"
        skipped.append(Skipped(f"{path}:{number}", f"line {number}: {reason}; fix or remove the line "
                                                   "(JSONL holds one JSON object per line)"))
    return good, numbers, skipped


def _csv_problem(text: str, separator: str) -> str:
    """Where a CSV text is malformed, as Python's csv module sees it: ``line N: what``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    start = 1
    try:
        header = next(reader, [])
        start = reader.line_num + 1
        for record in reader:
            if len(record) > len(header):
                return f"line {start}: {len(record)} fields where the header has {len(header)}"
            start = reader.line_num + 1
    except csv.Error as err:
        return f"line {start}: {err}"
    return "not a table with a header line"


def load_table(path: Path, fmt: str) -> Table:
    """The file as a table; DocumentError when it cannot be read (CSV: with the line where the parser
    stopped), bad JSONL lines are skipped."""
    if fmt == "parquet":
        try:
            frame = pl.read_parquet(path)
        except (pl.exceptions.PolarsError, OSError) as err:
            raise DocumentError(f"{path}: not a readable Parquet file ({err}); fix or remove the file") from err
        return Table(frame, [], list(range(1, frame.height + 1)), [])
    text, notes = decode(path.read_bytes(), str(path))
    text = text.removeprefix("\ufeff")
    if fmt == "jsonl":
        good, numbers, skipped = _json_lines(text, path)
        if not good:
            first = skipped[0].reason if skipped else "no JSON object"
            raise DocumentError(f"{path}: malformed JSONL ({first.split('; ')[0]}); fix or remove the file")
        try:
            frame = pl.read_ndjson(io.BytesIO("\n".join(good).encode("utf-8")), infer_schema_length=None)
        except pl.exceptions.PolarsError as err:
            raise DocumentError(f"{path}: the JSON objects cannot make one table ({str(err).splitlines()[0]}); "
                                "give each field values of one type") from err
        return Table(frame, notes, numbers, skipped)
    separator = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        frame = pl.read_csv(io.BytesIO(text.encode("utf-8")), separator=separator, infer_schema_length=None)
    except pl.exceptions.PolarsError as err:
        raise DocumentError(f"{path}: malformed {'TSV' if separator == chr(9) else 'CSV'} "
                            f"({_csv_problem(text, separator)}); fix or remove the file") from err
    return Table(frame, notes, list(range(1, frame.height + 1)), [])


def read_table(path: Path, fmt: str, text_column: str = "text") -> list[Document | Skipped]:
    """Documents of a CSV / JSONL / Parquet file (rows without text as Skipped); InputError if the text
    column is missing."""
    frame, notes, numbers, skipped = load_table(path, fmt)
    if text_column not in frame.columns:
        raise InputError(f"{path}: no column {text_column!r}; its columns are {', '.join(frame.columns)}. "
                         "Name the column that holds the texts with --text-column NAME")
    id_column = next((c for c in ("doc_id", "id") if c in frame.columns and c != text_column), None)
    documents: list[Document | Skipped] = list(skipped)
    for number, row in zip(numbers, frame.iter_rows(named=True), strict=True):
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
    return sorted(documents, key=_row_number)


def _row_number(item: Document | Skipped) -> int:
    return int(item.source.rsplit(":", 1)[1])

"""Metadata sidecars: a ``metadata.csv`` beside the documents, one row per file.

Where it is looked for: the nearest ``metadata.csv`` going up from each file's folder to
the input folder, else the one beside the input folder (in its parent). So
``corpus/metadata.csv`` serves ``corpus/documents/*.html`` whether the input is
``corpus/`` or ``corpus/documents/``, a ``metadata.csv`` inside a folder wins over one
beside it, and a single input file uses the one in its folder, else in the folder's parent.

How rows are matched: by a column ``file`` (file name, path relative to the sidecar's
folder, or file name without extension), else by a column ``doc_id``. Every other column
becomes document metadata; a ``doc_id`` column, when ``file`` is present, also sets the
document's id.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from corpusling.errors import DocumentError, InputError

SIDECAR_NAME = "metadata.csv"


@dataclass
class Sidecar:
    """Rows of a metadata file, indexed by their key."""

    path: Path
    key: str  # "file" or "doc_id"
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def lookup(self, file: Path, doc_id: str) -> dict[str, Any] | None:
        """The metadata row of ``file`` (or of ``doc_id`` when keyed by doc_id), or None."""
        if self.key == "doc_id":
            return self.rows.get(doc_id)
        keys = [file.name, file.stem]
        try:
            relative = file.resolve().relative_to(self.path.parent.resolve())
            keys = [relative.as_posix(), relative.with_suffix("").as_posix(), *keys]
        except ValueError:
            pass
        for key in keys:
            if key in self.rows:
                return self.rows[key]
        return None


def find_sidecar(file: Path, root: Path) -> Path | None:
    """The ``metadata.csv`` that serves ``file`` read from the input folder ``root``, if any."""
    folder = file.parent
    candidates = []
    while True:
        candidates.append(folder / SIDECAR_NAME)
        if folder == root or folder == folder.parent or root not in folder.parents:
            break
        folder = folder.parent
    candidates.append(root.parent / SIDECAR_NAME)
    return next((c for c in candidates if c.is_file()), None)


def load_sidecar(path: Path) -> Sidecar:
    """Read a metadata CSV (UTF-8 or cp1252, all columns as strings); InputError if it has no key column."""
    from corpusling.readers.encoding import decode

    try:
        content, _ = decode(path.read_bytes(), str(path))
        frame = pl.read_csv(io.BytesIO(content.removeprefix("\ufeff").encode("utf-8")), infer_schema=False)
    except (pl.exceptions.PolarsError, OSError, DocumentError) as err:
        raise InputError(f"{path}: cannot read the metadata file ({err}); it must be a UTF-8 CSV "
                         "with a header and a 'file' or 'doc_id' column") from err
    key = "file" if "file" in frame.columns else "doc_id" if "doc_id" in frame.columns else None
    if key is None:
        raise InputError(f"{path}: the metadata file needs a column 'file' (file names) or 'doc_id'; "
                         f"its columns are {', '.join(frame.columns)}")
    rows: dict[str, dict[str, Any]] = {}
    for row in frame.iter_rows(named=True):
        name = row.get(key)
        if name:
            rows[str(name).strip()] = {k: v for k, v in row.items() if k != "file"}
    return Sidecar(path=path, key=key, rows=rows)


def apply_sidecar(sidecar: Sidecar | None, file: Path, doc_id: str, meta: dict[str, Any]) -> tuple[str, dict]:
    """``(doc_id, meta)`` with the sidecar row of ``file`` merged in (sidecar values win)."""
    if sidecar is None:
        return doc_id, meta
    row = sidecar.lookup(file, doc_id)
    if row is None:
        return doc_id, meta
    row = dict(row)
    new_id = row.pop("doc_id", None) or doc_id
    return str(new_id), {**meta, **row}

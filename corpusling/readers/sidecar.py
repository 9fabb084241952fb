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

What does not fit is reported (:meth:`Sidecar.warnings`, gathered in ``Corpus.warnings``): a key on
several rows (the last row is used), rows without a key, files read that have no row, and rows
that name no file under the sidecar's folder.
"""

from __future__ import annotations

import glob
import io
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import polars as pl

from corpusling.errors import DocumentError, InputError

SIDECAR_NAME = "metadata.csv"
#: Files looked at, at most, to tell whether a row names a file that is not there.
MAX_WALK = 100_000


@dataclass
class Sidecar:
    """Rows of a metadata file, indexed by their key, and what reading the corpus found wrong with them."""

    path: Path
    key: str  # "file" or "doc_id"
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # on the file's encoding
    repeated: dict[str, list[int]] = field(default_factory=dict)  # key → its rows (the header is row 1)
    unnamed: list[int] = field(default_factory=list)  # rows with an empty key
    used: set[str] = field(default_factory=set)  # keys that matched a document
    without_row: list[Path] = field(default_factory=list)  # files served by this sidecar that have no row

    def lookup(self, file: Path, doc_id: str) -> dict[str, Any] | None:
        """The metadata row of ``file`` (or of ``doc_id`` when keyed by doc_id), or None."""
        if self.key == "doc_id":
            keys = [doc_id]
        else:
            keys = [file.name, file.stem]
            try:
                relative = file.resolve().relative_to(self.path.parent.resolve())
                keys = [relative.as_posix(), relative.with_suffix("").as_posix(), *keys]
            except ValueError:
                pass
        for key in keys:
            if key in self.rows:
                self.used.add(key)
                return self.rows[key]
        return None

    def warnings(self) -> list[str]:
        """What is wrong with the rows, one message per kind of problem (after the corpus was read)."""
        where = f"{self.path}: "
        out = [f"{where}{note}" for note in self.notes]
        if self.repeated:
            shown = ", ".join(f"{k!r} (rows {', '.join(map(str, rows))})"
                              for k, rows in list(self.repeated.items())[:5])
            out.append(f"{where}{_count(self.repeated, 'key')} on several rows: {shown}; the last row is used. "
                       f"Keep one row per {'file' if self.key == 'file' else 'document'}")
        if self.unnamed:
            empty = "no file name" if self.key == "file" else "no doc_id"
            out.append(f"{where}{_count(self.unnamed, 'row')} with {empty} in column {self.key!r} (row "
                       f"{', '.join(map(str, self.unnamed[:5]))}), ignored: fill the column or remove the row")
        if self.without_row:
            names = ", ".join(_relative(f, self.path.parent) for f in self.without_row[:5])
            out.append(f"{where}{_count(self.without_row, 'file')} read with no row here, so no metadata: {names}; "
                       f"add a row for each (column {self.key!r})")
        missing = self._missing()
        if missing:
            what = "files that are not there" if self.key == "file" else "documents that are not there"
            out.append(f"{where}{_count(missing, 'row')} for {what}: {', '.join(missing[:5])}; check the names in "
                       f"column {self.key!r} (paths relative to {self.path.parent}) or remove the rows")
        return out

    def _missing(self) -> list[str]:
        """Keys that matched no document read and name no file under the sidecar's folder (not looked for
        beyond :data:`MAX_WALK` files: then none is reported)."""
        folder = self.path.parent
        unused = [k for k in self.rows if k not in self.used]
        unused = [k for k in unused if not _exists(folder, k)]
        if not unused:
            return []
        present: set[str] = set()
        seen = 0
        for top, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in [*dirs, *files]:
                parts = Path(top, name).relative_to(folder).parts
                for i in range(len(parts)):  # every tail of the path, with and without its extension
                    tail = PurePosixPath(*parts[i:])
                    present.update({tail.as_posix(), tail.with_suffix("").as_posix() if tail.suffix else ""})
            seen += len(files)
            if seen > MAX_WALK:
                return []
        return [k for k in unused if k not in present]


def _exists(folder: Path, key: str) -> bool:
    """Whether ``key`` names a file under ``folder`` as a relative path, with or without its extension."""
    try:
        path = folder / key
        return path.exists() or any(path.parent.glob(f"{glob.escape(path.name)}.*"))
    except (OSError, ValueError):  # a name the file system refuses
        return False


def _count(items: Any, noun: str) -> str:
    return f"{len(items)} {noun}{'s' if len(items) != 1 else ''}"


def _relative(file: Path, folder: Path) -> str:
    try:
        return file.relative_to(folder).as_posix()
    except ValueError:
        return str(file)


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
        content, notes = decode(path.read_bytes(), str(path))
        frame = pl.read_csv(io.BytesIO(content.removeprefix("\ufeff").encode("utf-8")), infer_schema=False)
    except (pl.exceptions.PolarsError, OSError, DocumentError) as err:
        raise InputError(f"{path}: cannot read the metadata file ({err}); it must be a UTF-8 CSV "
                         "with a header and a 'file' or 'doc_id' column") from err
    key = "file" if "file" in frame.columns else "doc_id" if "doc_id" in frame.columns else None
    if key is None:
        raise InputError(f"{path}: the metadata file needs a column 'file' (file names) or 'doc_id'; "
                         f"its columns are {', '.join(frame.columns)}")
    sidecar = Sidecar(path=path, key=key, notes=notes)
    rows_of: dict[str, list[int]] = {}
    for number, row in enumerate(frame.iter_rows(named=True), start=2):  # the header is row 1
        name = str(row.get(key) or "").strip()
        if not name:
            sidecar.unnamed.append(number)
            continue
        rows_of.setdefault(name, []).append(number)
        sidecar.rows[name] = {k: v for k, v in row.items() if k != "file"}
    sidecar.repeated = {name: rows for name, rows in rows_of.items() if len(rows) > 1}
    return sidecar


def apply_sidecar(sidecar: Sidecar | None, file: Path, doc_id: str, meta: dict[str, Any]) -> tuple[str, dict]:
    """``(doc_id, meta)`` with the sidecar row of ``file`` merged in (sidecar values win)."""
    if sidecar is None:
        return doc_id, meta
    row = sidecar.lookup(file, doc_id)
    if row is None:
        sidecar.without_row.append(file)
        return doc_id, meta
    row = dict(row)
    new_id = row.pop("doc_id", None) or doc_id
    return str(new_id), {**meta, **row}

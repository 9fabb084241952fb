"""The query index of a parsed folder, kept on disk beside the tables it describes.

CWB builds its index once (``cwb-makeall``) and every ``cqp`` process opens it; corpusling built
its :class:`~corpusling.query.TokenIndex` again in every process (≈ 8 s at 10 M words, most of a
one-shot ``corpusling concordance``). Here each part of the index, once built, is written into
the parsed folder as memory-mapped arrays, and the next process opens it in milliseconds::

    FOLDER/index/index.json          {"format": 1, "fingerprint": "…", "words": N}
    FOLDER/index/runs/               sentence.npy, document.npy, doc_first.npy, doc_last.npy, doc_names.arrow
    FOLDER/index/offsets/            start_char.npy, end_char.npy
    FOLDER/index/texts/              texts.arrow (the texts as UTF-8), start_byte.npy, end_byte.npy
    FOLDER/index/paragraphs/         paragraph.npy
    FOLDER/index/attribute-lemma/    codes.npy, lexicon.arrow (code → value), starts.npy (rows per code)
    FOLDER/index/postings-lemma/     order.npy (CWB's "reverse index")

``.npy`` files are opened with ``numpy.load(mmap_mode="r")`` (only the pages a query touches are
read), ``.arrow`` files are Arrow IPC. A part is built the first time a query needs it (an
attribute the first time a query names it) and stored then.

Never stale: ``index.json`` records the format of the index and a fingerprint of the folder's
tables (name, size, inode and times of every Parquet part and manifest); a folder parsed again or
extended has another fingerprint, and its old index is neither read nor kept (replaced at the next
query). Never half written: the ``index/`` folder and every part are built aside under a hidden name
and published with one rename (:func:`corpusling.atomic.publishing_folder`), so a build killed at
any instant leaves the previous state (the hidden leftovers are cleared by a later build). A folder
that cannot be written (read-only, full disk) is indexed in memory, silently, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import weakref
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from corpusling import tokens as tok
from corpusling.atomic import publishing_folder
from corpusling.parsed import documents_table, part_files, scan_tokens
from corpusling.token_index import TokenIndex, open_on_first_use

#: Version of the stored layout; an index of another format is rebuilt.
FORMAT = 1
#: The index's folder inside a parsed folder.
INDEX = "index"
#: Part names stored (attribute names with other characters are indexed in memory only).
_PART_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
#: Arrays kept on 64 bits although their values fit in 32: they become result columns (``Int64``), read
#: without conversion. Other row numbers and offsets are stored on 32 bits where they fit (half the disk).
_WIDE = {"start_char", "end_char"}
#: A hidden build folder older than this (seconds) was left by a killed build and is removed.
LEFTOVER_AGE = 3600.0


def fingerprint(folder: Path) -> str:
    """A digest of the folder's tables as files: which Parquet parts and manifests, their size, inode and
    times. Writing or re-parsing any of them (always through a rename: a new file) changes it."""
    files: list[Path] = []
    for table in ("tokens", "documents"):
        files += part_files(folder, table) if (folder / table).is_dir() else [folder / f"{table}.parquet"]
    files += sorted(folder.glob("manifest-*.json"))
    entries = []
    for path in files:
        stat = path.stat()
        entries.append([str(path.relative_to(folder)), stat.st_size, stat.st_ino, stat.st_mtime_ns,
                        stat.st_ctime_ns])
    return hashlib.sha256(json.dumps(entries).encode("utf-8")).hexdigest()[:32]


class FolderTable:
    """The token table of a parsed folder, read one column at a time: ``table["lemma"]``, ``table.columns``,
    ``table.height``, with the columns and types :func:`corpusling.parsed.load` gives (through
    :func:`corpusling.tokens.from_rows`). Any other use of a DataFrame reads the whole table once."""

    def __init__(self, folder: Path, height: int) -> None:
        self.folder, self.height = folder, height
        self._names: list[str] | None = None
        self._read: dict[str, pl.Series] = {}
        self._whole: pl.DataFrame | None = None

    def _stored_names(self) -> list[str]:
        if self._names is None:
            self._names = scan_tokens(self.folder).collect_schema().names()
        return self._names

    @property
    def columns(self) -> list[str]:
        stored = self._stored_names()
        return list(tok.SCHEMA) + [c for c in stored if c not in tok.SCHEMA]

    def __getitem__(self, name: str) -> pl.Series:
        if name not in self._read:
            stored = self._stored_names()
            features = set(tok.FEATURE_COLUMNS.values())
            if name in features and "feats" in stored and not features <= set(stored):
                read = ["feats"]  # from_rows derives the features from feats
            elif name in stored:
                read = [name]
            elif name in tok.SCHEMA and stored:
                read = [stored[0]]  # a column from_rows adds, empty
            else:
                raise pl.exceptions.ColumnNotFoundError(name)
            self._read[name] = tok.from_rows(scan_tokens(self.folder).select(read).collect())[name]
        return self._read[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._whole is None:
            self._whole = tok.from_rows(scan_tokens(self.folder).collect())
        return getattr(self._whole, name)


class IndexStore:
    """The stored index of one parsed folder: parts read (memory-mapped) and written (atomically).

    ``documents``: the folder's documents table, when the caller read it: the byte offsets of the
    texts are stored only for it.
    """

    def __init__(self, folder: Path | str, documents: pl.DataFrame | None = None) -> None:
        self.folder = Path(folder)
        self.root = self.folder / INDEX
        self.documents = documents
        self.fingerprint = fingerprint(self.folder)  # before any table is read: a change after it is seen
        record = self._record()
        self.valid = record is not None
        self.n = int(record["words"]) if record else scan_tokens(self.folder).select(pl.len()).collect().item()
        self.writable = os.access(self.folder, os.W_OK | os.X_OK)
        self.table = FolderTable(self.folder, self.n)

    def _record(self) -> dict[str, Any] | None:
        """``index.json`` when it describes this folder as it is now, else None."""
        try:
            record = json.loads((self.root / "index.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        ours = isinstance(record, dict) and record.get("format") == FORMAT
        return record if ours and record.get("fingerprint") == self.fingerprint else None

    def read(self, name: str) -> dict[str, Any] | None:
        """A stored part (arrays memory-mapped, tables read), or None when it is not stored."""
        path = self.root / name
        if not self.valid or not _PART_NAME.match(name) or not path.is_dir():
            return None
        try:
            part: dict[str, Any] = {}
            for file in path.iterdir():
                if file.suffix == ".npy":
                    part[file.stem] = _load_array(file)
                elif file.suffix == ".arrow":
                    part[file.stem] = pl.read_ipc(file)
            return part
        except (OSError, ValueError, pl.exceptions.PolarsError):
            return None

    def write(self, name: str, part: dict[str, Any]) -> None:
        """Store a part: written into a hidden folder, published with one rename. Says nothing when the folder
        cannot be written (the index then lives in memory only)."""
        if not self.writable or not _PART_NAME.match(name):
            return
        try:
            root = self._publish_root()
            if root is None:
                return
            with publishing_folder(root / name) as staging:  # a part another process stored first is kept
                for key, value in part.items():
                    if isinstance(value, pl.DataFrame):
                        value.write_ipc(staging / f"{key}.arrow")
                    else:
                        value = np.asarray(value)
                        np.save(staging / f"{key}.npy", value if key in _WIDE else _narrow(value))
        except OSError:
            self.writable = False

    def _publish_root(self) -> Path | None:
        """The ``index/`` folder of this fingerprint, published now if there is none (a stale one replaced);
        None when a folder named ``index`` that is not an index of corpusling's is in the way."""
        if self.valid:
            return self.root
        self._clear_leftovers()
        if self.root.exists() and not (self.root / "index.json").is_file():
            self.writable = False  # not ours: never replaced
            return None
        record = {"format": FORMAT, "fingerprint": self.fingerprint, "words": self.n}
        # a stale index is renamed aside (.index.stale-…) and replaced; one that another process published
        # meanwhile is kept
        with publishing_folder(self.root, replace=lambda: self._record() is None) as staging:
            (staging / "index.json").write_text(json.dumps(record) + "\n", encoding="utf-8")
        self.valid = self._record() is not None
        return self.root if self.valid else None

    def _clear_leftovers(self) -> None:
        """Remove what killed builds left: stale indexes being deleted, build folders older than
        :data:`LEFTOVER_AGE` (younger ones may belong to a build running now)."""
        now = time.time()
        hidden = [*self.folder.glob(".index.stale-*"), *self.folder.glob(".index.building-*"),
                  *(self.root.glob(".*.building-*") if self.root.is_dir() else [])]
        for path in hidden:
            try:
                old = now - path.stat().st_mtime > LEFTOVER_AGE
            except OSError:
                continue
            if ".stale-" in path.name or old:
                shutil.rmtree(path, ignore_errors=True)


def _narrow(array: np.ndarray) -> np.ndarray:
    """64-bit integers stored on 32 bits when they fit (row numbers and offsets below 2³¹): half the disk."""
    if array.dtype == np.int64 and (array.size == 0 or (array.min() >= -(2**31) and array.max() < 2**31)):
        return array.astype(np.int32)
    return array


def _load_array(path: Path) -> np.ndarray:
    try:
        return np.load(path, mmap_mode="r")
    except ValueError:  # an empty array cannot be mapped
        return np.load(path)


def open_folder(folder: Path | str) -> tuple[TokenIndex, pl.DataFrame]:
    """The stored index of a parsed folder (each part built and stored on first use) and its documents table,
    without reading the token table: what a one-shot ``corpusling concordance FOLDER …`` needs."""
    store = IndexStore(folder)
    store.documents = documents_table(store.folder)
    return TokenIndex(None, store=store), store.documents


def attach(folder: Path | str, tokens: pl.DataFrame, documents: pl.DataFrame, read_as: str | None = None) -> None:
    """Make the index of ``tokens`` (the token table just read from ``folder``, with its ``documents``) the
    folder's stored index: the first verb that needs the corpus's index (a query, or the quotations of
    :meth:`corpusling.parsed.ParsedCorpus.quotes`) opens it and reads the stored parts instead of building them,
    and stores those it builds. Nothing is read or written until then. ``read_as``: the folder's
    :func:`fingerprint` taken before the tables were read; when the folder has changed since (parsed again), or
    cannot be read any more, the index is built from the table in memory and nothing is stored."""
    folder = Path(folder)
    kept = weakref.ref(documents)

    def opener(tokens: pl.DataFrame) -> TokenIndex:
        try:
            store = IndexStore(folder, kept())
        except (OSError, pl.exceptions.PolarsError):  # the folder is gone or unreadable: an index of the table
            return TokenIndex(tokens, weak=True)
        if store.n != tokens.height or (read_as is not None and store.fingerprint != read_as):
            return TokenIndex(tokens, weak=True)  # the folder changed since the table was read
        return TokenIndex(tokens, weak=True, store=store)

    open_on_first_use(tokens, opener)


__all__ = ["FORMAT", "INDEX", "FolderTable", "IndexStore", "attach", "fingerprint", "open_folder"]

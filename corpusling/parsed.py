"""A parsed corpus: the token table, the documents table and the model that produced them.

Saved as a folder: ``tokens.parquet`` (or a folder ``tokens/`` of Parquet parts),
``documents.parquet`` (with the ``text`` every offset points into), and
``model.json``. :func:`load` reads it back without parsing.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from corpusling import tokens as tok
from corpusling.errors import InputError


@dataclass
class ParsedCorpus:
    """Token table + documents table (``doc_id``, metadata, ``text``) + model record."""

    tokens: pl.DataFrame
    documents: pl.DataFrame
    model: dict[str, Any] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)

    @property
    def n_words(self) -> int:
        return self.tokens.height

    def text(self, doc_id: str) -> str:
        """The text of one document."""
        row = self.documents.filter(pl.col("doc_id") == doc_id)
        if row.is_empty():
            raise InputError(f"no document with doc_id {doc_id!r}")
        return row["text"][0]

    def metadata(self) -> pl.DataFrame:
        """The documents table without the texts."""
        return self.documents.drop("text", strict=False)

    def save(self, folder: Path | str) -> Path:
        """Write the corpus into ``folder`` (atomically, file by file)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        write_parquet(self.tokens, folder / "tokens.parquet")
        write_parquet(self.documents, folder / "documents.parquet")
        write_text(folder / "model.json", json.dumps(self.model, indent=2, ensure_ascii=False) + "\n")
        return folder


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _publish(tmp: str, path: Path) -> None:
    """Give a finished temporary file the usual permissions (mkstemp makes it private) and rename it."""
    os.chmod(tmp, 0o666 & ~_umask())
    os.replace(tmp, path)


def write_parquet(frame: pl.DataFrame, path: Path) -> None:
    """Write Parquet through a temporary file and a rename: a killed run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        frame.write_parquet(tmp)
        _publish(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_text(path: Path, content: str) -> None:
    """Write a text file atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(content)
    _publish(tmp, path)


def is_parsed_folder(path: Path) -> bool:
    """True when ``path`` is a folder written by :meth:`ParsedCorpus.save` or ``corpusling parse``."""
    has_documents = (path / "documents.parquet").exists() or (path / "documents").is_dir()
    has_tokens = (path / "tokens.parquet").exists() or (path / "tokens").is_dir()
    return path.is_dir() and has_documents and has_tokens


def scan_tokens(folder: Path | str) -> pl.LazyFrame:
    """Lazy token table of a parsed folder (one file or a folder of parts): for corpora larger than memory."""
    folder = Path(folder)
    if (folder / "tokens").is_dir():
        return pl.scan_parquet(folder / "tokens" / "*.parquet")
    return pl.scan_parquet(folder / "tokens.parquet")


def load(folder: Path | str) -> ParsedCorpus:
    """Read a parsed corpus folder back (no parsing)."""
    folder = Path(folder)
    if not is_parsed_folder(folder):
        raise InputError(f"{folder} is not a parsed corpus folder (no tokens.parquet / documents.parquet); "
                         "create one with `corpusling parse INPUT --out FOLDER`")
    tokens = tok.from_rows(scan_tokens(folder).collect())
    if (folder / "documents").is_dir():
        documents = pl.concat([pl.read_parquet(p) for p in sorted((folder / "documents").glob("*.parquet"))],
                              how="diagonal_relaxed")
    else:
        documents = pl.read_parquet(folder / "documents.parquet")
    model_path = folder / "model.json"
    model = json.loads(model_path.read_text(encoding="utf-8")) if model_path.exists() else {}
    return ParsedCorpus(tokens=tokens, documents=documents, model=model)

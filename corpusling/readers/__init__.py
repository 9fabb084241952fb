"""Readers: files and folders → :class:`~corpusling.corpus.Corpus`.

One module per format, chosen from each file's extension or forced with ``format``:

========== ============================== =====================================
format     extensions                     one document per
========== ============================== =====================================
txt        ``.txt``                       file (``metadata.csv`` sidecar)
html       ``.html .htm``                 file (``metadata.csv`` sidecar)
csv        ``.csv .tsv``                  row (``text_column``; other columns = metadata)
jsonl      ``.jsonl .ndjson``             row
parquet    ``.parquet``                   row
conllu     ``.conllu``                    ``# newdoc id`` block, else file (already annotated)
vrt        ``.vrt``                       ``<text>`` element (already annotated)
========== ============================== =====================================

Folders are read recursively, files in sorted order. For one-file-one-document formats
the ``doc_id`` is the path relative to the input folder without its extension (the file
stem for a single file), unless the sidecar gives a ``doc_id`` (see :mod:`.sidecar`).
A bad document is recorded in ``Corpus.skipped`` with the reason and the others are read;
what the user should know about documents that were read (another encoding than UTF-8,
problems of ``metadata.csv``) goes to ``Corpus.warnings`` (:func:`print_warnings` prints them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from corpusling.corpus import Corpus, Document, Skipped
from corpusling.errors import DocumentError, InputError
from corpusling.parsed import is_parsed_folder
from corpusling.readers.encoding import NOT_UTF8
from corpusling.readers.outputs import output_kind
from corpusling.readers.sidecar import SIDECAR_NAME, Sidecar, apply_sidecar, find_sidecar, load_sidecar

#: Extension → format.
EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".html": "html", ".htm": "html", ".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".parquet": "parquet", ".conllu": "conllu", ".vrt": "vrt",
}

FORMATS: list[str] = ["txt", "csv", "jsonl", "parquet", "html", "conllu", "vrt"]

#: Formats with one document per file, which take metadata from a sidecar.
FILE_FORMATS = {"txt", "html"}

#: The reason of a file skipped because a reader failed unexpectedly (a bug: the run goes on without it).
BUG = "corpusling failed to read this file, a bug: please report it with the file"

#: A folder written by ``corpusling parse``, named as an input (never chosen by extension or ``format``).
PARSED = "parsed"


def _format_of(path: Path, forced: str | None) -> str | None:
    return forced or EXTENSIONS.get(path.suffix.lower())


def _files(path: Path, forced: str | None, exclude: set[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Readable files under a folder (recursive, sorted), sidecars and hidden files excluded, and the
    corpusling output folders found there (not walked). ``exclude``: resolved paths not walked."""
    found: list[Path] = []
    outputs: list[tuple[Path, str]] = []
    for top, dirs, names in os.walk(path):
        folder = Path(top)
        kept = []
        for name in sorted(dirs):
            sub = folder / name
            if name.startswith(".") or sub.resolve() in exclude:
                continue
            if (kind := output_kind(sub)) is not None:
                outputs.append((sub, kind))
                continue
            kept.append(name)
        dirs[:] = kept
        for name in names:
            file = folder / name
            suffix = file.suffix.lower()
            if name.startswith(".") or name == SIDECAR_NAME or (exclude and file.resolve() in exclude):
                continue
            if forced is None and suffix not in EXTENSIONS:
                continue
            if forced is not None and suffix in EXTENSIONS and EXTENSIONS[suffix] != forced:
                continue
            if file.is_file():
                found.append(file)
    return sorted(found), sorted(outputs)


def _read_file(file: Path, fmt: str, doc_id: str, text_column: str) -> list[Document | Skipped]:
    """Documents of one file in one format, and rows skipped (raises DocumentError for a bad file)."""
    if fmt == "txt":
        from corpusling.readers.text import read_text
        return [read_text(file, doc_id)]
    if fmt == "html":
        from corpusling.readers.html import read_html
        return [read_html(file, doc_id)]
    if fmt in {"csv", "jsonl", "parquet"}:
        from corpusling.readers.table import read_table
        return read_table(file, fmt, text_column)
    if fmt == "conllu":
        from corpusling.readers.conllu import read_conllu
        return read_conllu(file, doc_id)
    if fmt == "vrt":
        from corpusling.readers.vrt import read_vrt
        return read_vrt(file, doc_id)
    if fmt == PARSED:
        from corpusling.readers.parsed import read_parsed
        return list(read_parsed(file))
    raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _skipped(source: str, reason: str) -> Skipped:
    """A skipped file or row whose reason does not repeat the path (the readers' messages begin with it)."""
    return Skipped(source, reason.removeprefix(f"{source}: ").removeprefix(f"{source.rsplit(':', 1)[0]}: "))


def read_corpus(paths: Sequence[str | Path], format: str | None = None, text_column: str = "text",
                on_document: Callable[[Document], None] | None = None, *,
                exclude: Sequence[str | Path] = ()) -> Corpus:
    """Read files and folders into a corpus.

    ``format`` forces one reader for every file (default: from each extension);
    ``text_column`` names the text column of CSV / JSONL / Parquet input; ``exclude``
    names files and folders not read when found inside an input folder (a run's output
    folder: pass ``--out``). A folder written by corpusling found inside an input folder is
    not read either (a warning says so); one named as an input is read as annotated
    documents (:mod:`.parsed`).
    Raises :class:`InputError` for a missing path, an unknown format or a corpus with no
    readable document; bad single documents go to ``Corpus.skipped``.
    """
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise InputError("no input given; name one or more files or folders")
    corpus = Corpus()
    seen: dict[str, str] = {}
    sidecars: dict[Path, Sidecar] = {}
    excluded = {Path(p).resolve() for p in exclude}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder; check the path (relative paths start from "
                             f"{Path.cwd()})")
        root = path if path.is_dir() else path.parent
        if is_parsed_folder(path):
            files = [path]  # read as annotated documents
        elif path.is_dir():
            inside = {e for e in excluded if path.resolve() in e.parents}  # not the folder named, nor above it
            files, outputs = _files(path, format, inside)
            corpus.warnings += [f"{folder}: a {kind} (a corpusling output), not read as input; name it as an "
                                "input of its own to use it" for folder, kind in outputs]
        else:
            files = [path]
        if path.is_dir() and not files:
            corpus.skipped.append(Skipped(str(path), "no readable files in this folder (extensions read: "
                                                     f"{' '.join(sorted(EXTENSIONS))})"))
            continue
        for file in files:
            fmt = PARSED if file.is_dir() else _format_of(file, format)
            if fmt is None:
                corpus.skipped.append(Skipped(str(file), f"unknown extension {file.suffix!r}; pass --format "
                                                         f"({', '.join(FORMATS)})"))
                continue
            sidecar: Sidecar | None = None
            if fmt in FILE_FORMATS and (sidecar_path := find_sidecar(file, root)) is not None:
                if sidecar_path not in sidecars:
                    sidecars[sidecar_path] = load_sidecar(sidecar_path)
                sidecar = sidecars[sidecar_path]
            doc_id = file.relative_to(root).with_suffix("").as_posix() if fmt != PARSED else ""
            try:
                documents = _read_file(file, fmt, doc_id, text_column)
            except DocumentError as err:
                corpus.skipped.append(_skipped(str(file), str(err)))
                continue
            except InputError as err:  # e.g. a table without the text column
                if not path.is_dir():
                    raise  # a file named by the user: stop and say what to do
                corpus.skipped.append(_skipped(str(file), str(err)))  # one found in a folder: skip it
                continue
            except OSError as err:
                corpus.skipped.append(Skipped(str(file), f"cannot read the file: {err.strerror or err}"))
                continue
            except Exception as err:  # a reader's bug must not end the run: the file is listed
                corpus.skipped.append(Skipped(str(file), f"{BUG} ({type(err).__name__}: "
                                                         f"{str(err).splitlines()[0] if str(err) else ''})"))
                continue
            encodings = {n for d in documents if isinstance(d, Document) for n in d.notes if n.startswith(NOT_UTF8)}
            corpus.warnings += [f"{file}: {note}" for note in sorted(encodings)]
            for doc in documents:
                if isinstance(doc, Skipped):
                    corpus.skipped.append(_skipped(doc.source, doc.reason))
                    continue
                if fmt in FILE_FORMATS:
                    doc.doc_id, doc.meta = apply_sidecar(sidecar, file, doc.doc_id, doc.meta)
                if doc.doc_id in seen:
                    corpus.skipped.append(Skipped(doc.source or str(file),
                                                  f"doc_id {doc.doc_id!r} is already used by {seen[doc.doc_id]}; "
                                                  "rename the file or give ids in metadata.csv"))
                    continue
                seen[doc.doc_id] = doc.source or str(file)
                corpus.documents.append(doc)
                if on_document is not None:
                    on_document(doc)
    for sidecar in sidecars.values():
        corpus.warnings += sidecar.warnings()
    if not corpus.documents:
        reasons = "".join(f"\n  {s.source}: {s.reason}" for s in corpus.skipped[:10])
        raise InputError("the corpus is empty: no document could be read" + (f"; skipped:{reasons}" if reasons
                                                                              else ""))
    return corpus


def print_warnings(corpus: Corpus, file: TextIO | None = None) -> None:
    """Print the corpus's warnings, one line each (to stderr by default)."""
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=file or sys.stderr)


__all__ = ["BUG", "EXTENSIONS", "FORMATS", "print_warnings", "read_corpus"]

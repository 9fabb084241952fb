"""Read and parse corpora: the entry points of the Python API.

>>> from corpusling.api import read, parse
>>> corpus = parse(read(["seeds/"]))          # doctest: +SKIP
>>> corpus.tokens.filter(pl.col("mood") == "Cnd")   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import polars as pl

from corpusling import tokens as tok
from corpusling.atomic import check_writable
from corpusling.checks import check_count
from corpusling.corpus import Corpus, Document
from corpusling.errors import InputError
from corpusling.nlp import pieces
from corpusling.nlp.cache import ParseCache
from corpusling.nlp.models import Model, resolve
from corpusling.parsed import ParsedCorpus, is_parsed_folder, load

#: Documents handed to one parsing job (one call of the worker); about this many characters.
JOB_CHARS = 60_000
#: Documents whose token tables are stacked into one frame at a time while parsing (see ``_Stack``).
STACK_EVERY = 200

__all__ = ["read", "parse", "load", "load_or_parse", "shard_of"]


def read(paths: list[str | Path] | str | Path, format: str | None = None, text_column: str = "text",
         exclude: list[Path] | tuple[Path, ...] = ()) -> Corpus:
    """Read documents from files or folders; see :mod:`corpusling.readers` for the formats.

    ``exclude``: paths never read (a run's own output folder, when it lies inside an input folder).
    """
    from corpusling.readers import read_corpus

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return read_corpus(list(paths), format=format, text_column=text_column, exclude=exclude)


def shard_of(doc_id: str, n_shards: int) -> int:
    """The shard (1-based) a document belongs to: a hash of its ``doc_id``, stable across runs and machines."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n_shards + 1


def _jobs(documents: list[Document]) -> Iterator[list[Document]]:
    job: list[Document] = []
    size = 0
    for doc in documents:
        job.append(doc)
        size += len(doc.text)
        if size >= JOB_CHARS:
            yield job
            job, size = [], 0
    if job:
        yield job


def _parse_job(model: Model, payload: list[tuple[str, str]], threads: int = 0) -> tuple[dict[str, pl.DataFrame],
                                                                                         list[tuple[str, str]]]:
    """Parse documents; a document that makes Stanza fail is retried alone, then reported."""
    from corpusling.nlp.pipeline import parse_documents

    if threads:
        import torch

        torch.set_num_threads(threads)
    documents = [Document(doc_id=d, text=t) for d, t in payload]
    try:
        return parse_documents(model, documents), []
    except Exception:
        if len(documents) == 1:
            raise
    tables, failed = {}, []
    for doc in documents:
        try:
            tables.update(parse_documents(model, [doc]))
        except Exception as err:  # noqa: BLE001 - one bad document must not stop the corpus
            failed.append((doc.doc_id, f"the parser failed: {type(err).__name__}: {err}"))
    return tables, failed


class _Stack:
    """Token tables of documents, stacked as they come, returned as one table in document order.

    Small per-document frames cost about three times their data; every :data:`STACK_EVERY`
    documents they are stacked into one contiguous frame, so memory while parsing stays near
    the size of the final table.
    """

    def __init__(self, order: dict[str, int]) -> None:
        self.order = order
        self.done: set[str] = set()
        self.pending: list[pl.DataFrame] = []
        self.chunks: list[pl.DataFrame] = []

    def add(self, doc_id: str, table: pl.DataFrame) -> None:
        self.done.add(doc_id)
        self.pending.append(tok.from_rows(table).with_columns(pl.lit(self.order[doc_id], pl.Int64).alias("_order")))
        if len(self.pending) >= STACK_EVERY:
            self._stack()

    def _stack(self) -> None:
        if self.pending:
            self.chunks.append(pl.concat(self.pending, how="diagonal_relaxed", rechunk=True))
            self.pending = []

    def table(self) -> pl.DataFrame:
        self._stack()
        if not self.chunks:
            return tok.empty()
        table = pl.concat(self.chunks, how="diagonal_relaxed", rechunk=True)
        self.chunks = []
        if not table["_order"].is_sorted():
            table = table.sort("_order", maintain_order=True)
        return table.drop("_order")


class _Progress:
    """Documents done, words/s and time left on a terminal; silent in pipes and CI."""

    def __init__(self, total: int, enabled: bool) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="doc", desc="parsing", disable=not (enabled and sys.stderr.isatty()),
                        dynamic_ncols=True)
        self.words = 0
        self.start = time.time()

    def update(self, docs: int, words: int) -> None:
        self.words += words
        rate = self.words / max(time.time() - self.start, 1e-9)
        self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
        self.bar.update(docs)

    def close(self) -> None:
        self.bar.close()


def parse(corpus: Corpus, model: str | Path | Model | None = None, workers: int = 1, cache: Path | None = None,
          use_cache: bool = True, progress: bool = False, morphology: bool = True,
          on_parsed: Callable[[str, pl.DataFrame], Any] | None = None) -> ParsedCorpus:
    """Parse every document (cached), returning the token table and documents table.

    Documents that came with annotations (CoNLL-U, VRT) are kept as they are.
    ``workers`` > 1 parses in that many processes, each with its share of the cores.
    ``morphology`` applies the morphological check of the conditional mood to the
    parser's output (:mod:`corpusling.nlp.morphology`).
    """
    check_count(workers, "workers", minimum=1)
    needs_parser = any(d.tokens is None for d in corpus.documents)
    resolved = model if isinstance(model, Model) else (resolve(model) if needs_parser else None)
    store = ParseCache(cache, resolved.key()) if use_cache and resolved else None
    skipped = [{"source": s.source, "reason": s.reason} for s in corpus.skipped]
    ids = [d.doc_id for d in corpus.documents]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})[:5]
        raise InputError(f"duplicate doc_id values: {', '.join(dupes)}; give each document a distinct id")

    stack = _Stack({d.doc_id: i for i, d in enumerate(corpus.documents)})
    todo: list[Document] = []
    # a very long document is parsed and cached a piece at a time (corpusling.nlp.pieces)
    long_documents: dict[str, tuple[Document, list[tuple[str, int]]]] = {}
    piece_tables: dict[str, pl.DataFrame] = {}
    for doc in corpus.documents:
        if doc.tokens is not None:
            stack.add(doc.doc_id, doc.tokens)
            continue
        units = [doc]
        if len(doc.text) > pieces.LONG_CHARS:
            spans = pieces.piece_spans(doc.text)
            units = [Document(doc_id=pieces.piece_id(doc.doc_id, k), text=doc.text[start:end], source=doc.source)
                     for k, (start, end) in enumerate(spans)]
            long_documents[doc.doc_id] = (doc, [(u.doc_id, start) for u, (start, _) in zip(units, spans,
                                                                                           strict=True)])
        for unit in units:
            hit = store.get(unit.sha256, unit.doc_id) if store else None
            if hit is None:
                todo.append(unit)
            elif unit is doc:
                stack.add(doc.doc_id, hit)
            else:
                piece_tables[unit.doc_id] = hit

    if store and todo:  # a cache that cannot be written is found now, not after the parse
        try:
            check_writable(store.folder, "the parse cache")
        except InputError as err:
            raise InputError(f"{err}; or pass --cache FOLDER, or --no-cache") from None
    bar = _Progress(len(todo), progress)
    by_id = {d.doc_id: d for d in todo}

    def finish(parsed: dict[str, pl.DataFrame], failed: list[tuple[str, str]]) -> None:
        for doc_id, table in parsed.items():
            if store:
                store.put(by_id[doc_id].sha256, table)
            if pieces.PIECE_MARK in doc_id:
                piece_tables[doc_id] = table
                continue
            if on_parsed:
                on_parsed(doc_id, table)
            stack.add(doc_id, table)
        for doc_id, reason in failed:
            name = doc_id.split(pieces.PIECE_MARK)[0]
            piece = f" (piece {int(doc_id.split(pieces.PIECE_MARK)[1]) + 1})" if name != doc_id else ""
            skipped.append({"source": by_id[doc_id].source or name, "reason": reason + piece})
        bar.update(len(parsed) + len(failed), sum(t.height for t in parsed.values()))

    try:
        if workers > 1 and len(todo) > 1:
            threads = max(1, (os.cpu_count() or 1) // workers)
            # spawn, not fork: a forked child inherits polars' thread pool locks and can hang on them
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = [pool.submit(_parse_job, resolved, [(d.doc_id, d.text) for d in job], threads)
                           for job in _jobs(todo)]
                for future in as_completed(futures):
                    finish(*future.result())
        else:
            for job in _jobs(todo):
                finish(*_parse_job(resolved, [(d.doc_id, d.text) for d in job]))
    finally:
        bar.close()

    for doc_id, (doc, parts) in long_documents.items():
        if all(piece in piece_tables for piece, _ in parts):
            table = pieces.stitch(doc_id, doc.text, [(start, piece_tables.pop(piece)) for piece, start in parts])
            if on_parsed:
                on_parsed(doc_id, table)
            stack.add(doc_id, table)
    kept = [d for d in corpus.documents if d.doc_id in stack.done]
    from_parser = [d.doc_id for d in kept if d.tokens is None]
    token_table = stack.table()
    if morphology and from_parser:
        from corpusling.nlp.morphology import check_conditionals

        only = None if len(from_parser) == len(kept) else pl.col("doc_id").cast(pl.String).is_in(from_parser)
        token_table = check_conditionals(token_table, only)
    documents = Corpus(documents=kept).documents_table()
    record = resolved.identity() if resolved else {"name": "annotated input", "processors": []}
    return ParsedCorpus(tokens=token_table, documents=documents, model=record, skipped=skipped)


def load_or_parse(inputs: list[str | Path], format: str | None = None, text_column: str = "text",
                  model: str | Path | None = None, workers: int = 1, cache: Path | None = None,
                  use_cache: bool = True, progress: bool = False, report_skipped: bool = False,
                  exclude: list[Path] | tuple[Path, ...] = ()) -> ParsedCorpus:
    """Parsed folders are loaded as they are; anything else is read and parsed (cached); all are combined.

    ``exclude``: paths never read as input (the run's own output folder).
    """
    from corpusling.readers import print_warnings

    paths = [Path(p) for p in inputs]
    folders = [p for p in paths if is_parsed_folder(p)]
    others = [p for p in paths if not is_parsed_folder(p)]
    if len(folders) == 1 and not others:
        return load(folders[0])
    parts = [load(p) for p in folders]
    if others:
        corpus = read(others, format=format, text_column=text_column, exclude=exclude)
        if report_skipped:
            print_warnings(corpus)
        if not corpus.documents:
            if report_skipped:
                report([{"source": s.source, "reason": s.reason} for s in corpus.skipped])
            raise InputError("no readable document in " + ", ".join(map(str, others)))
        parts.append(parse(corpus, model=model, workers=workers, cache=cache, use_cache=use_cache,
                           progress=progress))
    combined = combine(parts, [str(p) for p in folders] + (["the other inputs"] if others else []))
    if report_skipped:
        report(combined.skipped)
    return combined


def combine(parts: list[ParsedCorpus], names: list[str]) -> ParsedCorpus:
    """One corpus from several parsed ones (named ``names`` in messages): distinct doc_ids, one parser model."""
    from corpusling.parsed import ANNOTATED, same_model

    if len(parts) == 1:
        return parts[0]
    ids = pl.concat([p.documents.select(pl.col("doc_id").cast(pl.String)) for p in parts])
    dupes = ids.filter(ids["doc_id"].is_duplicated())["doc_id"].unique().sort().head(5).to_list()
    if dupes:
        raise InputError(f"the same doc_id in several inputs: {', '.join(dupes)}; give each document a distinct id")
    models = [(name, p.model) for name, p in zip(names, parts, strict=True)
              if p.model and p.model.get("name") != ANNOTATED]
    for name, other in models[1:]:
        if not same_model(models[0][1], other):
            raise InputError(f"{models[0][0]} and {name} were parsed with different models "
                             f"({models[0][1].get('name')!r}, {other.get('name')!r}): parse them again with one "
                             "--model before analysing them together")
    model = models[0][1] if models else next((p.model for p in parts if p.model), {})
    tokens = pl.concat([tok.from_rows(p.tokens.with_columns(pl.col("doc_id").cast(pl.String))) for p in parts],
                       how="diagonal_relaxed")
    documents = pl.concat([p.documents.with_columns(pl.col("doc_id").cast(pl.String)) for p in parts],
                          how="diagonal_relaxed")
    return ParsedCorpus(tokens=tok.from_rows(tokens), documents=documents, model=model,
                        skipped=[s for p in parts for s in p.skipped])


def report(skipped: list[dict[str, str]]) -> None:
    """Print the documents that were skipped, and why (stderr)."""
    for item in skipped:
        print(f"skipped {item['source']}: {item['reason']}", file=sys.stderr)

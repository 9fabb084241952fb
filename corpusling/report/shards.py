"""The report beyond one machine: per-document results of one shard, then the shards merged.

``corpusling report PARSED --shard I/N --out DIR`` runs every analysis on the I-th of N contiguous
runs of the folder's documents (:func:`report_shard`) and writes what depends on one document at a
time: the analyses' tables, each document's measures (:mod:`corpusling.measures`), its tokens and
documents, and ``shard.json``. ``corpusling report --merge DIR... --out DIR`` stacks the N shards in
order (:func:`merge_shards`) and computes everything corpus-wide from them (rates and their bootstrap
CIs, comparisons, summary, figures, page): the same files, byte for byte, as the report of the whole
folder on one machine (``provenance.json`` aside, which records when and how each was made).
Each step reads its shard a batch of documents at a time, so memory stays bounded.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl

from corpusling import __version__
from corpusling import tokens as tok
from corpusling.atomic import staged_folder, write_text
from corpusling.errors import InputError
from corpusling.parsed import ParquetStream, ParsedCorpus
from corpusling.registry import DEFAULT_LEXICON_MODE
from corpusling.report.build import (
    ANALYSES,
    Report,
    Step,
    _Analyses,
    _default_log,
    _options,
    _Run,
    _write_report,
)

SHARD_FILE = "shard.json"


def fingerprint(doc_ids: pl.Series) -> str:
    """The identity of a corpus's documents, in order: shards of different corpora are never merged."""
    return hashlib.sha256("\n".join(doc_ids.cast(pl.String).to_list()).encode("utf-8")).hexdigest()


def shard_range(n_documents: int, shard: int, of: int) -> tuple[int, int]:
    """Rows ``[start, end)`` of the documents table in shard ``shard`` (1-based) of ``of``: contiguous runs
    of about equal length, so that the shards stacked in order give the corpus's order."""
    return (shard - 1) * n_documents // of, shard * n_documents // of


def report_shard(folder: Path | str, out: Path | str, shard: tuple[int, int], batch_words: int | None = None,
                 lexicon: Path | str | None = None, lexicon_mode: str = DEFAULT_LEXICON_MODE,
                 parameters: dict[str, Any] | None = None, log: Callable[[str], None] | None = None) -> Path:
    """Write the per-document results of shard ``shard = (I, N)`` of a parsed folder into ``out``."""
    from corpusling.lazy import BATCH_WORDS, document_batches
    from corpusling.parsed import documents_table, folder_model

    folder, final = Path(folder), Path(out)
    number, of = shard
    user_lexicon = _options(None, "fr", 1, lexicon, lexicon_mode, None)
    log = log or _default_log
    documents = documents_table(folder)
    start, end = shard_range(documents.height, number, of)
    mine = documents.slice(start, end - start)
    wanted = mine["doc_id"].cast(pl.String).implode()

    def batches() -> Iterator[ParsedCorpus]:
        for batch in document_batches(folder, batch_words or BATCH_WORDS):
            tokens = batch.tokens.filter(pl.col("doc_id").cast(pl.String).is_in(wanted))
            if tokens.height:
                yield ParsedCorpus(tokens=tokens, documents=batch.documents.filter(
                    pl.col("doc_id").cast(pl.String).is_in(wanted)))

    with staged_folder(final) as staging:
        analyses = _Analyses(user_lexicon, log)
        began = time.perf_counter()
        stream = ParquetStream(staging / "tokens.parquet", empty=tok.empty())
        for batch in batches():
            stream.write(batch.tokens)
            analyses.add(batch)
        stream.close()
        _write_frame(mine, staging / "documents.parquet")
        for name, table in analyses.tables().items():
            _write_frame(table, staging / f"{name}.parquet")
        counted = analyses.counted(mine, folder_model(folder))
        _write_frame(counted.measures, staging / "measures.parquet")
        record = {"corpusling": __version__, "shard": number, "of": of, "documents": mine.height,
                  "corpus_documents": documents.height, "corpus": fingerprint(documents["doc_id"]),
                  "model": counted.model, "n_tokens": counted.n_tokens, "seconds": time.perf_counter() - began,
                  "lexicon": str(lexicon) if lexicon else None, "lexicon_mode": lexicon_mode if lexicon else None,
                  "parameters": parameters or {},
                  "steps": [{"name": s.name, "status": s.status, "message": s.message, "rows": s.rows,
                             "seconds": s.seconds} for s in analyses.steps.values()]}
        write_text(staging / SHARD_FILE, json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    log(f"report: shard {number}/{of}: {mine.height:,} documents, {counted.n_tokens:,} words written to {final}")
    return final


def _write_frame(frame: pl.DataFrame, path: Path) -> None:
    stream = ParquetStream(path, empty=frame)
    stream.write(frame)
    stream.close()


def _shards(folders: list[Path]) -> list[tuple[Path, dict[str, Any]]]:
    """The shard folders with their records, in shard order, checked to be the N shards of one corpus."""
    found = []
    for folder in folders:
        path = folder / SHARD_FILE
        if not path.is_file():
            raise InputError(f"--merge {folder}: not a shard of a report (no {SHARD_FILE}); write one with "
                             "`corpusling report PARSED --shard I/N --out DIR`")
        found.append((folder, json.loads(path.read_text(encoding="utf-8"))))
    found.sort(key=lambda item: item[1]["shard"])
    first = found[0][1]
    for folder, record in found:
        for key in ("of", "corpus", "model", "lexicon", "lexicon_mode", "corpusling"):
            if record.get(key) != first.get(key):
                raise InputError(f"--merge {folder}: its {key} differs from shard {first['shard']}'s; merge the "
                                 "shards of one run of one corpus")
    numbers = [record["shard"] for _, record in found]
    if numbers != list(range(1, first["of"] + 1)):
        missing = sorted(set(range(1, first["of"] + 1)) - set(numbers))
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        raise InputError(f"--merge: the shards must be 1..{first['of']} once each"
                         + (f"; missing {missing}" if missing else "") + (f"; given twice {twice}" if twice else ""))
    return found


def merge_shards(folders: list[Path | str], out: Path | str, group_by: str | None = None, lang: str = "fr",
                 n_boot: int = 2000, seed: int = 0, log: Callable[[str], None] | None = None,
                 raw_csv: bool = False, inputs: list[str | Path] | None = None) -> Report:
    """The full report from the N shards of :func:`report_shard` (stacked in order)."""
    from corpusling.registry import stack

    shards = _shards([Path(f) for f in folders])
    first = shards[0][1]
    documents = pl.concat([pl.read_parquet(f / "documents.parquet") for f, _ in shards], how="diagonal_relaxed")
    _options(group_by, lang, n_boot, None, "replace", documents)
    log = log or _default_log
    steps: dict[str, Step] = {}
    for _, record in shards:
        for item in record["steps"]:
            step = steps.setdefault(item["name"], Step(item["name"], rows=0))
            if item["status"] != "ok" and step.status == "ok":
                step.status, step.message = item["status"], item["message"]
            step.rows = (step.rows or 0) + (item["rows"] or 0)
            step.seconds += item["seconds"]
    order = [name for name in ANALYSES if name in steps]
    results = {name: stack(ANALYSES[name], [pl.read_parquet(f / f"{name}.parquet") for f, _ in shards])
               for name in order if steps[name].status == "ok"}
    analyses = _Analyses(None, log)
    analyses.steps = {name: steps[name] for name in order}
    analyses.measures = [pl.read_parquet(f / "measures.parquet") for f, _ in shards]
    analyses.n_tokens = sum(record["n_tokens"] for _, record in shards)
    final = Path(out)
    with staged_folder(final) as staging:
        run = _Run(staging, log, raw_csv)
        tokens_step, began = Step("tokens.parquet"), time.perf_counter()
        stream = ParquetStream(staging / "tokens.parquet", empty=tok.empty())
        for folder, _ in shards:
            for piece in _pieces(folder / "tokens.parquet"):
                stream.write(piece)
        stream.close()
        tokens_step.seconds, tokens_step.rows = time.perf_counter() - began, stream.n_rows
        run.result.files.append(staging / "tokens.parquet")
        counted = analyses.counted(documents, first["model"])
        result = _write_report(run, counted, results, [tokens_step, *analyses.steps.values()], group_by=group_by,
                               lang=lang, lexicon=first["lexicon"],
                               lexicon_mode=first["lexicon_mode"] or DEFAULT_LEXICON_MODE,
                               inputs=inputs, parameters=first["parameters"], n_boot=n_boot, seed=seed)
    result.files = [final / p.relative_to(staging) for p in result.files]
    result.out = final
    return result


def _pieces(path: Path, rows: int = 262_144) -> Iterator[pl.DataFrame]:
    """A Parquet file a few row groups at a time."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=rows):
        yield pl.from_arrow(batch)  # type: ignore[misc]


__all__ = ["fingerprint", "merge_shards", "report_shard", "shard_range"]

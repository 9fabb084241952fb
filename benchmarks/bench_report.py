"""The whole report on 10 M words: in memory, batch by batch under a memory cap, and as 3 shards merged.

    python benchmarks/bench_report.py                          # 10 M words, cap 1 GiB
    python benchmarks/bench_report.py --words 300000 --rounds 1   # a quick try
    python benchmarks/bench_report.py --words 2000000 --no-shards --rounds 2 --baseline /tmp/before
    python benchmarks/bench_report.py --words 2000000 --no-shards --own --baseline /tmp/before

The corpus is the 10 M-word folder of Parquet parts of ``bench_analyses.py`` (parsed Wikinews + seed
copied with distinct ``doc_id``s, ``measure.big_folder``), with a two-level ``outlet`` for the
comparison. Each measurement runs in a fresh process (``measure.run_child``):

1. *memory*: ``parsed.load`` then ``report.build_report`` (the whole token table in memory), no cap;
2. *batches*: ``corpusling report FOLDER`` as the CLI runs it (``report.report_folder``, ``--batch-words``
   words a batch) under ``RLIMIT_AS`` = ``--cap-gb``;
3. *shards*: ``report.shards.report_shard`` 1/3, 2/3, 3/3, each in its own capped process, then
   ``merge_shards`` (capped); ``--no-shards`` leaves them out.

Each run records its wall and CPU seconds, peak RSS, peak address space (``VmPeak``), the load average
before it and the seconds of each step of the report (``tokens.parquet`` is the batches: analyses,
measures and the token table written). ``--baseline DIR`` runs another version of the package (a folder
with ``corpusling/`` inside) in alternation with this checkout, round by round, for ratios under the same
load; ``--own`` replaces every analysis by its table, computed once beforehand, to time what the report
itself costs. The output folders are compared file by file (SHA-256; ``provenance.json`` aside, which
records times). Children run with allocators that return address space (:data:`ENV`, and under the cap
:data:`CAPPED_ENV`). Writes
``benchmarks/results/report.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import RESULTS, ROOT, big_folder, child_main, machine, run_child, write_json  # noqa: E402

SCRIPT = Path(__file__).resolve()
#: Allocators that give address space back (RLIMIT_AS counts reserved, unused address space): glibc with one
#: arena, polars' jemalloc without ``retain`` (it otherwise keeps every mapping it ever made), pyarrow on the
#: system allocator (its jemalloc pool reserves its own arenas). The same settings serve a job under ``ulimit -v``.
ENV = {"MALLOC_ARENA_MAX": "1", "_RJEM_MALLOC_CONF": "retain:false", "ARROW_DEFAULT_MEMORY_POOL": "system"}
#: Under a cap, moreover: polars' jemalloc with one arena, returning freed pages at once (no decay), and OpenBLAS
#: with one thread (its second thread reserves 40 MiB). At 2 M words in batches of 100,000 the peak address
#: space falls from 0.73 to 0.63 GiB (one thread for OpenBLAS alone: 0.75 to 0.73 GiB); the runs take longer.
CAPPED_ENV = {**ENV, "_RJEM_MALLOC_CONF": "retain:false,dirty_decay_ms:0,muzzy_decay_ms:0,narenas:1",
              "OPENBLAS_NUM_THREADS": "1"}
OPTIONS: dict[str, Any] = {"group_by": "outlet", "n_boot": 2000, "seed": 0}


def _vm_peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) * 1024
    return 0


def _quiet(line: str) -> None:
    pass


def _steps(report: Any) -> dict[str, float]:
    """Seconds of each step of a report (``tokens.parquet`` covers the batches: analyses, measures, writing)."""
    return {step.name: round(step.seconds, 2) for step in report.steps}


def _own_cost(tables: str | None) -> None:
    """With ``tables`` (a folder of ``<analysis>.parquet``), every analysis of the registry gives its precomputed
    table, cut to the batch's documents: what is left is the report's own cost."""
    if not tables:
        return
    import polars as pl

    from corpusling import registry

    cached = {path.stem: pl.read_parquet(path) for path in Path(tables).glob("*.parquet")}

    def run(self: Any, tokens: Any, documents: Any, results: Any, **options: Any) -> Any:
        ids = documents["doc_id"].cast(pl.String).implode()
        return cached[self.name].filter(pl.col("doc_id").cast(pl.String).is_in(ids))

    registry.Analysis.run = run  # type: ignore[method-assign]


def child_memory(folder: str, out: str, tables: str | None = None) -> dict[str, Any]:
    from corpusling.parsed import load
    from corpusling.report import build_report

    _own_cost(tables)
    start, cpu = time.perf_counter(), time.process_time()
    corpus = load(folder)
    loaded = time.perf_counter() - start
    report = build_report(corpus, out, log=_quiet, parameters=CLI_PARAMETERS, **OPTIONS)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu, "load_seconds": loaded,
            "words": corpus.tokens.height, "vm_peak_bytes": _vm_peak(), "steps": _steps(report)}


def child_batches(folder: str, out: str, batch_words: int, tables: str | None = None) -> dict[str, Any]:
    from corpusling.report import report as report_of

    _own_cost(tables)
    start, cpu = time.perf_counter(), time.process_time()
    report = report_of([folder], out, log=_quiet, batch_words=batch_words, **OPTIONS)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
            "vm_peak_bytes": _vm_peak(), "steps": _steps(report)}


def child_tables(folder: str, out: str) -> dict[str, Any]:
    """Every analysis of the registry on the folder in memory, each table written as ``out/<name>.parquet``."""
    from corpusling.parsed import load
    from corpusling.registry import ANALYSES

    corpus = load(folder)
    Path(out).mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    for name, analysis in ANALYSES.items():
        results[name] = analysis.run(corpus.tokens, corpus.documents, results)
        results[name].write_parquet(Path(out) / f"{name}.parquet")
    return {"tables": list(results)}


def child_shard(folder: str, out: str, shard: int, of: int, batch_words: int) -> dict[str, Any]:
    from corpusling.report.shards import report_shard

    start = time.perf_counter()
    report_shard(folder, out, (shard, of), log=_quiet, parameters=CLI_PARAMETERS, batch_words=batch_words)
    return {"seconds": time.perf_counter() - start, "vm_peak_bytes": _vm_peak()}


def child_merge(shards: list[str], out: str) -> dict[str, Any]:
    from corpusling.report.shards import merge_shards

    start = time.perf_counter()
    merge_shards(shards, out, log=_quiet, **OPTIONS)
    return {"seconds": time.perf_counter() - start, "vm_peak_bytes": _vm_peak()}


#: The parameters the CLI records (``corpusling report FOLDER``), so that every page says the same.
CLI_PARAMETERS = {"model": None, "format": None, "text_column": "text"}
MEASUREMENTS = {"memory": child_memory, "batches": child_batches, "shard": child_shard, "merge": child_merge,
                "tables": child_tables}


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "provenance.json"}


def with_outlet(folder: Path) -> Path:
    """The benchmark folder with an ``outlet`` column (two levels), written beside it once."""
    import polars as pl

    from corpusling.parsed import documents_table, scan_tokens

    target = folder.parent / f"{folder.name}-outlet"
    if (target / "model.json").exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    documents = documents_table(folder).with_columns(
        pl.when(pl.int_range(pl.len()) % 2 == 0).then(pl.lit("A")).otherwise(pl.lit("B")).alias("outlet"))
    documents.write_parquet(target / "documents.parquet")
    scan_tokens(folder).sink_parquet(target / "tokens.parquet")
    (target / "model.json").write_text((folder / "model.json").read_text(encoding="utf-8"), encoding="utf-8")
    return target


def _summary(runs: list[dict[str, Any]], capped: bool) -> dict[str, Any]:
    """The fastest of ``runs`` with every run's seconds (wall and CPU) and peak memory."""
    best = min(runs, key=lambda r: r["seconds"])
    gib = 2**30
    return {"seconds": best["seconds"], "cpu_seconds": best.get("cpu_seconds"),
            "load_seconds": best.get("load_seconds"), "peak_rss_gib": best["peak_rss_bytes"] / gib,
            "vm_peak_gib": best["vm_peak_bytes"] / gib, "capped": capped, "steps": best.get("steps"),
            "runs_seconds": [r["seconds"] for r in runs], "runs_cpu_seconds": [r.get("cpu_seconds") for r in runs],
            "runs_uptime": [r.get("uptime") for r in runs]}


def _uptime() -> str:
    """The load averages (1, 5, 15 minutes) as ``uptime`` prints them."""
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--cap-gb", type=float, default=1.0, help="address-space cap (GiB) of the batch runs")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--batch-words", type=int, default=100_000, help="words per batch of the capped runs")
    parser.add_argument("--folder", type=Path, help="use this parsed folder instead of building one")
    parser.add_argument("--no-shards", action="store_true", help="leave out the 3 shards and their merge")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="a folder holding another version of the package (corpusling/ inside, e.g. `git archive "
                             "COMMIT corpusling | tar -x -C DIR`): its memory and batch runs alternate with this "
                             "checkout's, round by round, and their files are compared")
    parser.add_argument("--own", action="store_true",
                        help="the report's own cost: each analysis gives its table, computed once beforehand (by this "
                             "checkout, in memory) and cut to each batch's documents")
    parser.add_argument("--out", type=Path, default=RESULTS / "report.json")
    args = parser.parse_args()
    folder = with_outlet(args.folder or big_folder(args.words))
    cap = int(args.cap_gb * 2**30)
    work = Path(tempfile.mkdtemp(prefix="corpusling-bench-report-"))
    tables = None
    if args.own:
        tables = str(work / "tables")
        made = run_child(SCRIPT, "tables", {"folder": str(folder), "out": tables}, env=ENV)
        if not made.get("ok"):
            raise SystemExit(f"the analyses' tables could not be made: {made.get('error')}")
    sides = {"current": {}} if args.baseline is None else {
        "baseline": {"PYTHONPATH": str(args.baseline.resolve())}, "current": {}}
    runs: dict[str, list[dict[str, Any]]] = {}
    for number in range(args.rounds):  # interleaved, so that every side sees the same load
        for side, path in sides.items():
            for kind, params, capped in (("memory", {}, None), ("batches", {"batch_words": args.batch_words}, cap)):
                uptime = _uptime()
                result = run_child(SCRIPT, kind, {"folder": str(folder), "out": str(work / f"{side}-{kind}{number}"),
                                                  "tables": tables, **params}, cap_bytes=capped,
                                   env={**(CAPPED_ENV if capped else ENV), **path})
                result["uptime"] = uptime
                runs.setdefault(f"{side} {kind}", []).append(result)
    if not args.no_shards:
        runs["shards"] = [run_child(SCRIPT, "shard", {"folder": str(folder), "out": str(work / f"shard{i}"), "shard": i,
                                                      "of": 3, "batch_words": args.batch_words}, cap_bytes=cap,
                                    env=CAPPED_ENV) for i in (1, 2, 3)]
        runs["merge"] = [run_child(SCRIPT, "merge", {"shards": [str(work / f"shard{i}") for i in (1, 2, 3)],
                                                     "out": str(work / "merged")}, cap_bytes=cap, env=CAPPED_ENV)]
    failed = [(name, r) for name, group in runs.items() for r in group if not r.get("ok")]
    if failed:
        raise SystemExit(f"a run failed ({failed[0][0]}): {failed[0][1].get('error')}")
    reference = digests(work / "current-memory0")
    same = {f"{side} {kind}": digests(work / f"{side}-{kind}0") == reference
            for side in sides for kind in ("memory", "batches") if (side, kind) != ("current", "memory")}
    if not args.no_shards:
        same["merged shards"] = digests(work / "merged") == reference
    gib = 2**30
    result = {
        "machine": machine(),
        "corpus": f"{runs['current memory'][0]['words']:,} words: parsed Wikinews + seed copied with distinct doc_ids "
                  "(Parquet parts)",
        "options": OPTIONS, "batch_words": args.batch_words, "cap_gib": args.cap_gb,
        "cap_kind": "RLIMIT_AS (address space), batch runs only", "env": ENV, "capped_env": CAPPED_ENV,
        "own_cost_only": args.own,
        "baseline": str(args.baseline) if args.baseline else None,
        "runs": {name: _summary(group, "batches" in name) for name, group in runs.items()
                 if name not in ("shards", "merge")},
        "shards_capped": [{"seconds": r["seconds"], "peak_rss_gib": r["peak_rss_bytes"] / gib}
                          for r in runs.get("shards", [])],
        "merge_capped": [{"seconds": r["seconds"], "peak_rss_gib": r["peak_rss_bytes"] / gib}
                         for r in runs.get("merge", [])],
        "same_files_as_current_memory": same, "files_compared": len(reference),
        "command": "python benchmarks/bench_report.py " + " ".join(sys.argv[1:]),
    }
    write_json(args.out, result)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    for name, summary in result["runs"].items():
        cap_note = f" under {args.cap_gb} GiB" if summary["capped"] else ""
        walls = ", ".join(f"{x:.1f}" for x in summary["runs_seconds"])
        cpus = ", ".join(f"{x:.1f}" for x in summary["runs_cpu_seconds"])
        print(f"{name}{cap_note}: best {summary['seconds']:.1f} s (runs {walls}; CPU {cpus}), peak RSS "
              f"{summary['peak_rss_gib']:.2f} GiB, address space {summary['vm_peak_gib']:.2f} GiB")
        print("    " + ", ".join(f"{step} {seconds:.1f}" for step, seconds in (summary["steps"] or {}).items()
                                 if seconds >= 0.05))
    if not args.no_shards:
        print("shards: " + ", ".join(f"{r['seconds']:.1f} s ({r['peak_rss_bytes'] / gib:.2f} GiB)"
                                     for r in runs["shards"])
              + f"; merge {runs['merge'][0]['seconds']:.1f} s ({runs['merge'][0]['peak_rss_bytes'] / gib:.2f} GiB)")
    print(f"same files as this checkout's memory run ({len(reference)} files): {same}")


if __name__ == "__main__":
    if not child_main(MEASUREMENTS):
        main()

"""The whole report on 10 M words: in memory, batch by batch under a memory cap, and as 3 shards merged.

    python benchmarks/bench_report.py                          # 10 M words, cap 1 GiB
    python benchmarks/bench_report.py --words 300000 --rounds 1   # a quick try

The corpus is the 10 M-word folder of Parquet parts of ``bench_analyses.py`` (parsed Wikinews + seed
copied with distinct ``doc_id``s, ``measure.big_folder``), with a two-level ``outlet`` for the
comparison. Each measurement runs in a fresh process (``measure.run_child``):

1. *memory*: ``parsed.load`` then ``report.build_report`` (the whole token table in memory), no cap;
2. *batches*: ``corpusling report FOLDER`` as the CLI runs it (``report.report_folder``, 250,000
   words a batch) under ``RLIMIT_AS`` = ``--cap-gb``;
3. *shards*: ``report.shards.report_shard`` 1/3, 2/3, 3/3, each in its own capped process, then
   ``merge_shards`` (capped).

The three output folders are compared file by file (SHA-256; ``provenance.json`` aside, which records
times). Children run with allocators that return address space (:data:`ENV`). Writes
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
OPTIONS: dict[str, Any] = {"group_by": "outlet", "n_boot": 2000, "seed": 0}


def _vm_peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) * 1024
    return 0


def _quiet(line: str) -> None:
    pass


def child_memory(folder: str, out: str) -> dict[str, Any]:
    from corpusling.parsed import load
    from corpusling.report import build_report

    start = time.perf_counter()
    corpus = load(folder)
    loaded = time.perf_counter() - start
    build_report(corpus, out, log=_quiet, parameters=CLI_PARAMETERS, **OPTIONS)
    return {"seconds": time.perf_counter() - start, "load_seconds": loaded, "words": corpus.tokens.height,
            "vm_peak_bytes": _vm_peak()}


def child_batches(folder: str, out: str, batch_words: int) -> dict[str, Any]:
    from corpusling.report import report

    start = time.perf_counter()
    report([folder], out, log=_quiet, batch_words=batch_words, **OPTIONS)
    return {"seconds": time.perf_counter() - start, "vm_peak_bytes": _vm_peak()}


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
MEASUREMENTS = {"memory": child_memory, "batches": child_batches, "shard": child_shard, "merge": child_merge}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--cap-gb", type=float, default=1.0, help="address-space cap (GiB) of the batch runs")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--batch-words", type=int, default=100_000, help="words per batch of the capped runs")
    parser.add_argument("--folder", type=Path, help="use this parsed folder instead of building one")
    parser.add_argument("--out", type=Path, default=RESULTS / "report.json")
    args = parser.parse_args()
    folder = with_outlet(args.folder or big_folder(args.words))
    cap = int(args.cap_gb * 2**30)
    work = Path(tempfile.mkdtemp(prefix="corpusling-bench-report-"))
    memory, batches = [], []
    for number in range(args.rounds):  # interleaved, so both see the same load
        memory.append(run_child(SCRIPT, "memory", {"folder": str(folder), "out": str(work / f"memory{number}")},
                                env=ENV))
        batches.append(run_child(SCRIPT, "batches", {"folder": str(folder), "out": str(work / f"batches{number}"),
                                                     "batch_words": args.batch_words}, cap_bytes=cap, env=ENV))
    shards = [run_child(SCRIPT, "shard", {"folder": str(folder), "out": str(work / f"shard{i}"), "shard": i, "of": 3,
                                          "batch_words": args.batch_words}, cap_bytes=cap, env=ENV) for i in (1, 2, 3)]
    merge = run_child(SCRIPT, "merge", {"shards": [str(work / f"shard{i}") for i in (1, 2, 3)],
                                        "out": str(work / "merged")}, cap_bytes=cap, env=ENV)
    runs = {"memory": memory, "batches": batches, "shards": shards, "merge": [merge]}
    failed = [(name, r) for name, group in runs.items() for r in group if not r.get("ok")]
    if failed:
        raise SystemExit(f"a run failed ({failed[0][0]}): {failed[0][1].get('error')}")
    reference = digests(work / "memory0")
    same = {"batches": digests(work / "batches0") == reference, "merged": digests(work / "merged") == reference}
    m, b = min(memory, key=lambda r: r["seconds"]), min(batches, key=lambda r: r["seconds"])
    gib = 2**30
    result = {
        "machine": machine(),
        "corpus": f"{m['words']:,} words: parsed Wikinews + seed copied with distinct doc_ids (Parquet parts)",
        "options": OPTIONS, "batch_words": args.batch_words, "cap_gib": args.cap_gb,
        "cap_kind": "RLIMIT_AS (address space)", "env": ENV,
        "memory": {"seconds": m["seconds"], "load_seconds": m["load_seconds"],
                   "peak_rss_gib": m["peak_rss_bytes"] / gib, "runs_seconds": [r["seconds"] for r in memory]},
        "batches_capped": {"seconds": b["seconds"], "peak_rss_gib": b["peak_rss_bytes"] / gib,
                           "vm_peak_gib": b["vm_peak_bytes"] / gib, "runs_seconds": [r["seconds"] for r in batches]},
        "shards_capped": [{"seconds": r["seconds"], "peak_rss_gib": r["peak_rss_bytes"] / gib} for r in shards],
        "merge_capped": {"seconds": merge["seconds"], "peak_rss_gib": merge["peak_rss_bytes"] / gib},
        "same_files_as_memory": same, "files_compared": len(reference),
        "command": "python benchmarks/bench_report.py " + " ".join(sys.argv[1:]),
    }
    write_json(args.out, result)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    print(f"memory: {m['seconds']:.1f} s (load {m['load_seconds']:.1f} s), "
          f"peak RSS {result['memory']['peak_rss_gib']:.2f} GiB")
    print(f"batches under {args.cap_gb} GiB: {b['seconds']:.1f} s, "
          f"peak RSS {result['batches_capped']['peak_rss_gib']:.2f} GiB")
    print("shards: " + ", ".join(f"{r['seconds']:.1f} s ({r['peak_rss_bytes'] / gib:.2f} GiB)" for r in shards)
          + f"; merge {merge['seconds']:.1f} s ({merge['peak_rss_bytes'] / gib:.2f} GiB)")
    print(f"same files as in memory ({len(reference)} files): {same}")


if __name__ == "__main__":
    if not child_main(MEASUREMENTS):
        main()

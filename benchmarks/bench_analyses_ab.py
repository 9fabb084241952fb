"""A/B timing of the analyses of two checkouts on the same input tables, with their outputs compared.

    git worktree add /tmp/base REV                                    # the baseline checkout, once
    python benchmarks/bench_analyses_ab.py --base /tmp/base           # 1 M words, 3 rounds A B, B A, A B
    python benchmarks/bench_analyses_ab.py --base /tmp/base --rounds 1 \\
        --folder /tmp/corpusling-bench/wikinews-seed-compact
    python benchmarks/bench_analyses_ab.py --base /tmp/base --analyses hedges --rounds 5

The quotation and hedge tables are computed once, by the baseline (A), and written to Parquet: both
checkouts are given the same ``quotes`` (and ``reported`` the same ``hedges``), so that changes to the
quotation code made meanwhile by others do not show as differences. Each round runs A and B, each in a
fresh process, their order swapped every round (``PYTHONPATH`` set to the checkout, so that ``import
corpusling`` reads that checkout's package): load the parsed folder, then each analysis once, timed, through
the registry as the report runs it (given the corpus, where that checkout's registry takes it: an analysis
may then compute a table the next ones read, and the sum of their times compares). The outputs are compared by
height, schema and ``hash_rows().sum()`` (and, on the first round, by ``DataFrame.equals`` of the tables written
to Parquet). Prints each analysis's best time of A and B, the ratio A/B (above 1: B is faster), the same for
the process's CPU time (steadier under load) and the load average (the machine is shared: compare ratios, not
absolute times); with several analyses, the same for their sum.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FOLDER = Path("/tmp/corpusling-bench/replicated-1000000-compact")
ANALYSES = ("conditionals", "hedges", "reported")


def _load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def child_inputs(folder: str, out: str) -> dict[str, Any]:
    """The quotation and hedge tables of the folder (this checkout's), written to ``out``."""
    from corpusling.parsed import load
    from corpusling.registry import ANALYSES as REGISTRY

    corpus = load(folder)
    done: dict[str, Any] = {}
    for name in ("quotes", "hedges"):
        done[name] = REGISTRY[name].run(corpus.tokens, corpus.documents, done)
        done[name].write_parquet(Path(out) / f"{name}.parquet")
    return {name: table.height for name, table in done.items()}


def child_time(folder: str, inputs: str, analyses: list[str], out: str | None) -> dict[str, Any]:
    """Load the folder and the input tables, run each analysis once (timed); heights, schemas and row hashes."""
    import polars as pl

    import corpusling
    from corpusling.parsed import load
    from corpusling.registry import ANALYSES as REGISTRY

    corpus = load(folder)
    given = {name: pl.read_parquet(Path(inputs) / f"{name}.parquet") for name in ("quotes", "hedges")}
    result: dict[str, Any] = {"package": corpusling.__file__, "seconds": {}, "cpu": {}, "outputs": {}}
    for name in analyses:
        # (the corpus, where the checkout's registry takes it, gives the tables its analyses share, computed by the
        # first that reads them, as in the report)
        shared = {"corpus": corpus} if "corpus" in inspect.signature(REGISTRY[name].run).parameters else {}
        start, cpu = time.perf_counter(), time.process_time()
        table = REGISTRY[name].run(corpus.tokens, corpus.documents, dict(given), **shared)
        result["seconds"][name] = time.perf_counter() - start
        result["cpu"][name] = time.process_time() - cpu
        result["outputs"][name] = {"height": table.height, "schema": str(table.schema),
                                   "hash": int(table.hash_rows().sum()) if table.height else 0}
        if out:
            table.write_parquet(Path(out) / f"{name}.parquet")
    return result


def _child(checkout: Path, what: str, params: dict[str, Any], threads: int | None = None) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(checkout), **({"POLARS_MAX_THREADS": str(threads)} if threads else {})}
    done = subprocess.run([sys.executable, __file__, "--child", what, "--params", json.dumps(params)],
                          env=env, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"{checkout} {what} failed:\n{done.stderr[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=FOLDER, help="a parsed folder (corpusling.parsed.load)")
    parser.add_argument("--base", type=Path, required=True, help="the baseline checkout (A): a git worktree")
    parser.add_argument("--new", type=Path, default=ROOT, help="the checkout measured against it (B)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, help="POLARS_MAX_THREADS of the timed processes (1: the CPU time "
                        "is the work done, without idle threads' spinning; steadier on a loaded machine)")
    parser.add_argument("--analyses", default=",".join(ANALYSES),
                        help="comma-separated, of " + ", ".join(ANALYSES) + " (and quotes, timed from the tokens)")
    args = parser.parse_args()
    analyses = args.analyses.split(",")
    with tempfile.TemporaryDirectory(prefix="ab-") as work:
        inputs = Path(work) / "inputs"
        inputs.mkdir()
        sizes = _child(args.base, "inputs", {"folder": str(args.folder), "out": str(inputs)})
        print(f"{args.folder}: input tables of A {sizes}; load {_load_average()}", flush=True)
        runs: dict[str, list[dict[str, Any]]] = {"A": [], "B": []}
        for round_ in range(args.rounds):
            order = (("A", args.base), ("B", args.new))
            for side, checkout in order if round_ % 2 == 0 else order[::-1]:  # A B, B A, …: no side always first
                out = None
                if round_ == 0:
                    out = Path(work) / side
                    out.mkdir()
                runs[side].append(_child(checkout, "time", {"folder": str(args.folder), "inputs": str(inputs),
                                                            "analyses": analyses, "out": str(out) if out else None},
                                          args.threads))
            print(f"round {round_ + 1}: " + ", ".join(
                f"{n} A {runs['A'][-1]['seconds'][n]:.2f} s B {runs['B'][-1]['seconds'][n]:.2f} s" for n in analyses)
                + f"; load {_load_average()}", flush=True)
        import polars as pl

        same = True
        for name in analyses:
            a = pl.read_parquet(Path(work) / "A" / f"{name}.parquet")
            b = pl.read_parquet(Path(work) / "B" / f"{name}.parquet")
            outputs = {run["outputs"][name]["hash"] for side in runs.values() for run in side}
            equal = a.equals(b) and len(outputs) == 1 and a.schema == b.schema
            same &= equal
            best_a, best_b = (min(r["seconds"][name] for r in runs[s]) for s in "AB")
            cpu_a, cpu_b = (min(r["cpu"][name] for r in runs[s]) for s in "AB")
            print(f"{name}: {a.height} rows, outputs {'IDENTICAL' if equal else 'DIFFERENT'}; best A {best_a:.2f} s, "
                  f"best B {best_b:.2f} s, ratio A/B {best_a / best_b:.2f}; CPU time A {cpu_a:.2f} s, B {cpu_b:.2f} s, "
                  f"ratio {cpu_a / cpu_b:.2f} (runs A {[round(r['seconds'][name], 2) for r in runs['A']]}, B "
                  f"{[round(r['seconds'][name], 2) for r in runs['B']]})")
        if len(analyses) > 1:  # (an analysis may compute what the next ones read: their sum compares)
            total_a, total_b = (min(sum(r["seconds"].values()) for r in runs[s]) for s in "AB")
            cpu_a, cpu_b = (min(sum(r["cpu"].values()) for r in runs[s]) for s in "AB")
            print(f"all {len(analyses)}: best A {total_a:.2f} s, best B {total_b:.2f} s, ratio A/B "
                  f"{total_a / total_b:.2f}; CPU time A {cpu_a:.2f} s, B {cpu_b:.2f} s, ratio {cpu_a / cpu_b:.2f}")
        print(f"A {runs['A'][0]['package']}, B {runs['B'][0]['package']}; polars threads "
              f"{args.threads or 'default'}; load {_load_average()}")
        if not same:
            raise SystemExit("outputs differ")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        params = json.loads(sys.argv[4])
        function = {"inputs": child_inputs, "time": child_time}[sys.argv[2]]
        print("RESULT " + json.dumps(function(**params)), flush=True)
    else:
        main()

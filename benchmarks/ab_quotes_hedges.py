"""A/B CPU time of quotations (attribution and speakers) and hedges of two checkouts, 1 M words, alternated.

    git worktree add /tmp/before REV
    python benchmarks/ab_quotes_hedges.py /tmp/before . 3      # A = REV, B = this checkout, 3 rounds

Each round runs A and B in fresh processes (``PYTHONPATH`` set to the checkout, one polars thread), their order
swapped every round, on the parsed 1 M-word folder of ``bench_analyses.py``; prints each run's wall and CPU time
and row count, then the best CPU time of each side and the ratio A/B (above 1: B is faster).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FOLDER = "/tmp/corpusling-bench/replicated-1000000-compact"
CHILD = r'''
import json, sys, time
from corpusling.parsed import load
from corpusling.registry import ANALYSES as R
c = load(sys.argv[1])
done, out = {}, {}
for name in ("quotes", "hedges"):
    t0, c0 = time.perf_counter(), time.process_time()
    done[name] = R[name].run(c.tokens, c.documents, done)
    out[name] = (time.perf_counter() - t0, time.process_time() - c0, done[name].height)
print(json.dumps(out))
'''


def main() -> None:
    sides = {"A": str(Path(sys.argv[1]).resolve()), "B": str(Path(sys.argv[2]).resolve())}
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    results: dict[str, list[dict[str, list[float]]]] = {"A": [], "B": []}
    for r in range(rounds):
        for side in (("A", "B") if r % 2 == 0 else ("B", "A")):
            env = dict(os.environ, PYTHONPATH=sides[side], POLARS_MAX_THREADS="1")
            done = subprocess.run([sys.executable, "-c", CHILD, FOLDER], env=env, capture_output=True, text=True,
                                  check=True)
            times = json.loads(done.stdout.strip().splitlines()[-1])
            results[side].append(times)
            shown = {k: (round(v[0], 2), round(v[1], 2), v[2]) for k, v in times.items()}
            print(r, side, shown, Path("/proc/loadavg").read_text().split()[:3], flush=True)
    for name in ("quotes", "hedges"):
        a = min(x[name][1] for x in results["A"])
        b = min(x[name][1] for x in results["B"])
        print(name, "best CPU A", round(a, 2), "B", round(b, 2), "A/B", round(a / b, 2))


if __name__ == "__main__":
    main()

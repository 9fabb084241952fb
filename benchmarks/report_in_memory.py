"""The whole report on a parsed folder in memory, in one process: ``parsed.load`` then ``build_report``.

    MALLOC_ARENA_MAX=1 _RJEM_MALLOC_CONF=retain:false ARROW_DEFAULT_MEMORY_POOL=system \\
        PKG=/tmp/snap python benchmarks/report_in_memory.py /tmp/corpusling-bench/replicated-10000000-compact-outlet

``PKG`` is a folder holding the ``corpusling`` package to time (``git archive REV corpusling | tar -x -C DIR``), so
that two versions run one after the other under the same load; the report's own log gives each step's seconds, the
last line the wall and CPU seconds and the peak resident memory (JSON).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time

sys.path.insert(0, os.environ.get("PKG", os.getcwd()))

import corpusling  # noqa: E402
from corpusling import parsed  # noqa: E402
from corpusling.report import build_report  # noqa: E402


def main(folder: str) -> None:
    print(corpusling.__file__, flush=True)
    start, cpu = time.perf_counter(), time.process_time()
    corpus = parsed.load(folder)
    loaded = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        build_report(corpus, out, group_by="outlet", log=lambda line: print(line, flush=True))
    done = time.perf_counter()
    print(json.dumps({"load_s": loaded - start, "report_s": done - loaded, "total_s": done - start,
                      "cpu_s": time.process_time() - cpu,
                      "peak_rss_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20}))


if __name__ == "__main__":
    main(sys.argv[1])

"""Larger than memory: frequencies, per-document rates and a concordance under a memory cap.

    python benchmarks/bench_lazy.py                  # 10 M words, cap 1 GiB of address space
    python benchmarks/bench_lazy.py --words 300000 --cap-gb 0.9 --rounds 1   # a quick try

The corpus is the 10 M-word folder of Parquet parts of ``bench_analyses.py`` (parsed Wikinews +
seed, copied with distinct ``doc_id``s). Three children, each in its own process:

1. *eager, no cap*: ``corpusling.parsed.load`` then ``stats.freq``, conditionals per document
   and the concordance on the table in memory: what loading the corpus takes;
2. *eager, capped*: the same under ``RLIMIT_AS`` = ``--cap-gb``: it must fail;
3. *lazy, capped*: :mod:`corpusling.lazy` (streaming ``scan_parquet`` queries and whole-document
   batches) under the same cap: it must succeed and give the same results as 1.

The children run with ``MALLOC_ARENA_MAX=1``: glibc otherwise reserves 64 MB of address space per
thread arena, which ``RLIMIT_AS`` counts though it is never used; with one arena the cap on
address space follows the memory actually used. Writes ``benchmarks/results/lazy.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import RESULTS, ROOT, big_folder, child_main, machine, run_child, write_json  # noqa: E402

SCRIPT = Path(__file__).resolve()
QUERY = '[lemma="pouvoir" & mood="Cnd"] [upos="VERB"]'
ENV = {"MALLOC_ARENA_MAX": "1"}


def _digest(frame: Any) -> str:
    """A fingerprint of a table's content (row order included)."""
    return hashlib.sha256(frame.write_csv().encode()).hexdigest()[:16]


def _vm_peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) * 1024
    return 0


def child_eager(folder: str) -> dict[str, Any]:
    """Load the whole corpus, then the three analyses on the table in memory."""
    import polars as pl

    from corpusling.concordance import concordance
    from corpusling.parsed import load
    from corpusling.stats import freq

    times: dict[str, float] = {}
    start = time.perf_counter()
    corpus = load(folder)
    times["load"] = time.perf_counter() - start
    tokens, documents = corpus.tokens, corpus.documents
    start = time.perf_counter()
    frequencies = freq(tokens, by="lemma")
    times["frequencies"] = time.perf_counter() - start
    start = time.perf_counter()
    rates = (tokens.group_by(pl.col("doc_id").cast(pl.String))
             .agg(pl.len().alias("n_words"), (pl.col("mood") == "Cnd").fill_null(False).sum().alias("count"))
             .sort("doc_id"))
    times["document_rates"] = time.perf_counter() - start
    start = time.perf_counter()
    lines = concordance(tokens, documents, QUERY)
    times["concordance"] = time.perf_counter() - start
    return {"words": tokens.height, "seconds": times, "table_mb": tokens.estimated_size() / 2**20,
            "frequencies": _digest(frequencies), "types": frequencies.height,
            "conditionals": int(rates["count"].sum()), "rates": _digest(rates.select("doc_id", "n_words", "count")),
            "lines": lines.height, "concordance": _digest(lines), "vm_peak_bytes": _vm_peak()}


def child_lazy(folder: str) -> dict[str, Any]:
    """The same three analyses with :mod:`corpusling.lazy`, never loading the table."""
    import polars as pl

    from corpusling import lazy

    times: dict[str, float] = {}
    start = time.perf_counter()
    frequencies = lazy.frequencies(folder, by="lemma")
    times["frequencies"] = time.perf_counter() - start
    start = time.perf_counter()
    rates = lazy.document_rates(folder, pl.col("mood") == "Cnd", metadata=False).sort("doc_id")
    times["document_rates"] = time.perf_counter() - start
    start = time.perf_counter()
    lines = lazy.concordance(folder, QUERY)
    times["concordance"] = time.perf_counter() - start
    return {"words": lazy.count_words(folder), "seconds": times, "frequencies": _digest(frequencies),
            "types": frequencies.height, "conditionals": int(rates["count"].sum()),
            "rates": _digest(rates.select("doc_id", "n_words", "count")), "lines": lines.height,
            "concordance": _digest(lines), "vm_peak_bytes": _vm_peak()}


MEASUREMENTS = {"eager": child_eager, "lazy": child_lazy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--cap-gb", type=float, default=1.0, help="address-space cap (GiB) of the capped runs")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", default="compact", help="model the base corpus is parsed with")
    parser.add_argument("--folder", type=Path, help="use this parsed folder instead of building one")
    parser.add_argument("--sequoia", action="store_true",
                        help="replicate UD Sequoia (gold annotation) instead of the parsed Wikinews + seed")
    parser.add_argument("--out", type=Path, default=RESULTS / "lazy.json")
    args = parser.parse_args()
    folder = str(args.folder or big_folder(args.words, args.model, args.sequoia))
    cap = int(args.cap_gb * 2**30)
    eager = [run_child(SCRIPT, "eager", {"folder": folder}, env=ENV) for _ in range(args.rounds)]
    capped = run_child(SCRIPT, "eager", {"folder": folder}, cap_bytes=cap, env=ENV)
    lazy = [run_child(SCRIPT, "lazy", {"folder": folder}, cap_bytes=cap, env=ENV) for _ in range(args.rounds)]
    good_eager = [r for r in eager if r.get("ok")]
    good_lazy = [r for r in lazy if r.get("ok")]
    if not good_eager or not good_lazy:
        raise SystemExit(f"eager: {eager[-1].get('error')}; lazy: {lazy[-1].get('error')}")

    def total(r: dict[str, Any]) -> float:
        return sum(r["seconds"].values())

    e, lz = min(good_eager, key=total), min(good_lazy, key=total)
    same = {k: e[k] == lz[k] for k in ("frequencies", "types", "conditionals", "rates", "lines", "concordance")}
    result = {
        "machine": machine(),
        "corpus": f"{e['words']:,} words: " + ("UD Sequoia (gold)" if args.sequoia else "parsed Wikinews + seed")
                  + " copied with distinct doc_ids, Parquet parts of 1 M words (as `corpusling parse` writes them)",
        "cap_gib": args.cap_gb, "cap_kind": "RLIMIT_AS (address space), MALLOC_ARENA_MAX=1",
        "query": QUERY,
        "eager_uncapped": {"seconds": e["seconds"], "peak_rss_gb": e["peak_rss_bytes"] / 2**30,
                           "vm_peak_gb": e["vm_peak_bytes"] / 2**30, "table_mb": e["table_mb"]},
        "eager_capped": {"ok": capped.get("ok", False), "error": capped.get("error"),
                         "returncode": capped.get("returncode")},
        "lazy_capped": {"seconds": lz["seconds"], "peak_rss_gb": lz["peak_rss_bytes"] / 2**30,
                        "vm_peak_gb": lz["vm_peak_bytes"] / 2**30, "ok_runs": f"{len(good_lazy)}/{len(lazy)}"},
        "same_results": same,
        "results": {"types": lz["types"], "conditionals": lz["conditionals"], "concordance_lines": lz["lines"]},
        "rounds": args.rounds, "note": "best of `rounds` runs (total seconds), each in a fresh process",
        "command": "python benchmarks/bench_lazy.py " + " ".join(sys.argv[1:]),
    }
    write_json(args.out, result)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    print(f"eager, no cap: peak RSS {result['eager_uncapped']['peak_rss_gb']:.2f} GB, "
          f"{total(e):.1f} s {e['seconds']}")
    print(f"eager under {args.cap_gb} GiB: " + ("succeeded (cap too high!)" if capped.get("ok") else
                                                f"failed: {capped.get('error')}"))
    print(f"lazy under {args.cap_gb} GiB: peak RSS {result['lazy_capped']['peak_rss_gb']:.2f} GB, "
          f"{total(lz):.1f} s {lz['seconds']}; same results: {same}")


if __name__ == "__main__":
    if not child_main(MEASUREMENTS):
        main()

"""Parsing throughput and memory: corpusling's parse against bare Stanza, workers, the cache.

    python benchmarks/bench_parse.py                 # Wikinews (80 articles), compact model
    python benchmarks/bench_parse.py --rounds 1 --docs 5 --model PATH   # a quick try

Every measurement runs in its own process (see ``measure.py``), ``--rounds`` times, and the
best run is kept (the machine is shared; the spread is recorded). Measured:

* Stanza alone: one ``stanza.Pipeline`` (built from ``Model.pipeline_kwargs()``), one call per
  document, words = syntactic words of its output; corpusling: ``corpusling.api.parse`` with
  the cache off and the pipeline already loaded (so both time parsing only), ``workers`` 1 and
  2 (those two include loading the model, as a user waits for it);
* the cache: ``parse`` on a cold cache, then again on the warm cache in a new process, timed
  in the API and as the whole ``corpusling parse`` command;
* memory: peak RSS per word while parsing; bytes per word of the token table
  (``DataFrame.estimated_size()``) on Wikinews and on a 1 M-word corpus made of copies of the
  Wikinews documents with distinct ``doc_id``s, whose "parse" is all cache hits (no Stanza
  call), so it measures the part of ``parse`` that grows with the corpus; and the peak RSS of
  ``corpusling.parsed.load`` on that corpus written as a parsed folder.

Writes ``benchmarks/results/parse.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import (  # noqa: E402
    RESULTS,
    ROOT,
    WIKINEWS,
    WORK,
    best,
    child_main,
    current_rss,
    machine,
    run_child,
    write_folder,
    write_json,
)

SCRIPT = Path(__file__).resolve()


def _corpus(docs: int, copies: int = 1):  # noqa: ANN202 - a corpusling Corpus
    from corpusling.api import read

    corpus = read([WIKINEWS])
    if docs:
        corpus.documents = corpus.documents[:docs]
    if copies > 1:
        corpus.documents = [dataclasses.replace(d, doc_id=f"{d.doc_id}~{i:04d}")
                            for i in range(copies) for d in corpus.documents]
    return corpus


# ----------------------------------------------------------------------------- children

def child_stanza(model: str, docs: int) -> dict[str, Any]:
    """Bare Stanza: one Pipeline, one call per document."""
    import stanza

    from corpusling.nlp.models import resolve

    corpus = _corpus(docs)
    start = time.perf_counter()
    nlp = stanza.Pipeline(**resolve(model).pipeline_kwargs(), use_gpu=False, logging_level="WARN")
    load_s = time.perf_counter() - start
    rss_loaded = current_rss()
    start = time.perf_counter()
    words = 0
    for doc in corpus.documents:
        words += sum(len(sentence.words) for sentence in nlp(doc.text).sentences)
    seconds = time.perf_counter() - start
    return {"load_s": load_s, "seconds": seconds, "words": words, "docs": len(corpus.documents),
            "words_per_s": words / seconds, "rss_after_load_bytes": rss_loaded}


def _use_spawn() -> None:
    """Worker processes started with ``spawn`` instead of Linux's default ``fork`` (see the README)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import corpusling.api

    class SpawnPool(ProcessPoolExecutor):
        def __init__(self, max_workers: int | None = None, **kwargs: Any) -> None:
            super().__init__(max_workers=max_workers, mp_context=multiprocessing.get_context("spawn"), **kwargs)

    corpusling.api.ProcessPoolExecutor = SpawnPool


def child_ours(model: str, docs: int, workers: int = 1, preload: bool = True, cache: str | None = None,
               copies: int = 1, spawn: bool = False) -> dict[str, Any]:
    """corpusling.api.parse; ``cache`` None parses everything (no cache read or written)."""
    from corpusling.api import parse
    from corpusling.nlp.models import resolve

    if spawn:
        _use_spawn()

    corpus = _corpus(docs, copies)
    resolved = resolve(model)
    resolved.key()  # hash the model files once, outside the timing (lru-cached per process)
    load_s = 0.0
    if preload:
        from corpusling.nlp.pipeline import load_pipeline

        start = time.perf_counter()
        load_pipeline(resolved)
        load_s = time.perf_counter() - start
    rss_before = current_rss()
    start = time.perf_counter()
    parsed = parse(corpus, model=resolved, workers=workers, cache=Path(cache) if cache else None,
                   use_cache=cache is not None)
    seconds = time.perf_counter() - start
    words = parsed.tokens.height
    return {"load_s": load_s, "seconds": seconds, "words": words, "docs": parsed.documents.height,
            "words_per_s": words / seconds, "rss_before_parse_bytes": rss_before,
            "table_bytes": parsed.tokens.estimated_size(), "documents_bytes": parsed.documents.estimated_size(),
            "table_bytes_per_word": parsed.tokens.estimated_size() / max(words, 1), "workers": workers}


def child_cli(model: str, cache: str, out: str) -> dict[str, Any]:
    """The whole ``corpusling parse`` command (process start, imports, reading, parsing, writing)."""
    start = time.perf_counter()
    proc = subprocess.run([str(Path(sys.executable).parent / "corpusling"), "parse", str(WIKINEWS), "--out", out,
                           "--model", model, "--cache", cache], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed")
    return {"seconds": seconds, "stdout": proc.stdout.strip()}


def child_load(folder: str) -> dict[str, Any]:
    """``corpusling.parsed.load`` of a parsed folder: time and memory."""
    from corpusling.parsed import load

    rss_before = current_rss()
    start = time.perf_counter()
    corpus = load(folder)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "words": corpus.tokens.height, "rss_before_bytes": rss_before,
            "table_bytes": corpus.tokens.estimated_size(), "documents_bytes": corpus.documents.estimated_size(),
            "table_bytes_per_word": corpus.tokens.estimated_size() / corpus.tokens.height}


def child_save_big(model: str, cache: str, copies: int, folder: str) -> dict[str, Any]:
    """Replicated corpus from the cache, saved as a folder of parts (for the load measurement)."""
    from corpusling.api import parse

    parsed = parse(_corpus(0, copies), model=model, cache=Path(cache))
    write_folder(parsed.tokens, parsed.documents, Path(folder))
    return {"words": parsed.tokens.height}


MEASUREMENTS = {"stanza": child_stanza, "ours": child_ours, "cli": child_cli, "load": child_load,
                "save_big": child_save_big}


# ----------------------------------------------------------------------------- parent

def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def per_word(result: dict[str, Any]) -> dict[str, float]:
    words = max(result.get("words", 0), 1)
    peak = result["peak_rss_bytes"]
    base = result.get("rss_before_parse_bytes") or result.get("rss_before_bytes") or result.get(
        "rss_after_load_bytes") or 0
    return {"peak_rss_mb": round(peak / 2**20, 1), "peak_rss_bytes_per_word": round(peak / words, 1),
            "growth_bytes_per_word": round((peak - base) / words, 1)}


def parse_big(model: str, big_words: int, out: Path) -> None:
    """Parse ``big_words`` words for real (no cache): does memory grow with the corpus while parsing?"""
    from corpusling.api import read

    base = read([WIKINEWS])
    words = sum(len(d.text.split()) for d in base.documents)  # whitespace words: only to choose the copies
    copies = -(-big_words // words)
    log(f"parsing {copies} copies of Wikinews with Stanza (cache off, 1 worker)")
    result = run_child(SCRIPT, "ours", {"model": model, "docs": 0, "workers": 1, "preload": False,
                                        "copies": copies}, timeout=6 * 3600)
    write_json(out, {"machine": machine(), "model": model, "copies": copies, "result": result,
                     "per_word": per_word(result) if result.get("ok") else None,
                     "command": "python benchmarks/bench_parse.py " + " ".join(sys.argv[1:])})
    log(f"wrote {out}: {result.get('words')} words in {result.get('seconds')} s, "
        f"peak RSS {result.get('peak_rss_bytes', 0) / 2**20:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="compact")
    parser.add_argument("--docs", type=int, default=0, help="only the first N documents (0: all 80)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each measurement; the best is kept")
    parser.add_argument("--big-words", type=int, default=1_000_000, help="size of the large corpus")
    parser.add_argument("--out", type=Path, default=None, help="results/parse.json (parse-big.json with --parse-big)")
    parser.add_argument("--parse-big", action="store_true",
                        help="only this: parse --big-words words (copies of Wikinews) with Stanza, cache off, "
                             "1 worker: peak memory per word of a real parse of a large corpus (~10 min per 1 M)")
    args = parser.parse_args()
    model, docs = args.model, args.docs
    if args.parse_big:
        parse_big(model, args.big_words, args.out or RESULTS / "parse-big.json")
        return
    args.out = args.out or RESULTS / "parse.json"
    work = WORK / "parse"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)

    runs: dict[str, list[dict[str, Any]]] = {"stanza": [], "ours_w1": [], "ours_w2": [], "cold": [], "warm": [],
                                             "cli_warm": []}
    spawn_needed, fork_hang = False, None
    for r in range(args.rounds):
        log(f"round {r + 1}: stanza")
        runs["stanza"].append(run_child(SCRIPT, "stanza", {"model": model, "docs": docs}))
        log(f"round {r + 1}: corpusling, 1 worker, model preloaded, no cache")
        runs["ours_w1"].append(run_child(SCRIPT, "ours", {"model": model, "docs": docs, "workers": 1}))
        log(f"round {r + 1}: corpusling, 1 vs 2 workers (model load included)")
        runs["cold"].append(run_child(SCRIPT, "ours", {"model": model, "docs": docs, "workers": 1,
                                                       "preload": False, "cache": str(work / f"cache{r}")}))
        w2_params = {"model": model, "docs": docs, "workers": 2, "preload": False}
        if not spawn_needed:
            w2 = run_child(SCRIPT, "ours", w2_params, timeout=max(60.0, 2 * runs["cold"][-1]["process_wall_s"]))
            if w2.get("timed_out"):
                log("  workers=2 hung (fork after polars threads started); measuring with spawn instead")
                spawn_needed = True
                fork_hang = w2
        if spawn_needed:
            w2 = run_child(SCRIPT, "ours", {**w2_params, "spawn": True})
            w2["start_method"] = "spawn (patched in by the benchmark)"
        runs["ours_w2"].append(w2)
        log(f"round {r + 1}: warm cache")
        runs["warm"].append(run_child(SCRIPT, "ours", {"model": model, "docs": docs, "workers": 1,
                                                       "preload": False, "cache": str(work / f"cache{r}")}))
    failed = {k: [r for r in v if not r.get("ok")] for k, v in runs.items()}
    if any(failed.values()):
        log("failed runs:", {k: v for k, v in failed.items() if v})
    stanza, ours, w1, w2 = (best(runs[k], "seconds") for k in ("stanza", "ours_w1", "cold", "ours_w2"))
    warm = best(runs["warm"], "seconds")
    log("the whole `corpusling parse` command on all of Wikinews: fresh cache, then warm cache")
    cli_cold = run_child(SCRIPT, "cli", {"model": model, "cache": str(work / "cli-cache"), "out": str(work / "cli0")})
    for r in range(args.rounds):
        runs["cli_warm"].append(run_child(SCRIPT, "cli", {"model": model, "cache": str(work / "cli-cache"),
                                                          "out": str(work / f"cli{r + 1}")}))
    cli_warm = best(runs["cli_warm"], "seconds")

    words = ours["words"]
    copies = -(-args.big_words // words) if not docs else max(1, args.big_words // words)
    log(f"1 M words: {copies} copies of the documents, all cache hits")
    big = run_child(SCRIPT, "ours", {"model": model, "docs": docs, "workers": 1, "preload": False,
                                     "cache": str(work / "cache0"), "copies": copies})
    run_child(SCRIPT, "save_big", {"model": model, "cache": str(work / "cache0"), "copies": copies,
                                   "folder": str(work / "big")})
    big_load = run_child(SCRIPT, "load", {"folder": str(work / "big")})
    small_load = run_child(SCRIPT, "load", {"folder": str(work / "cli0")})

    result = {
        "machine": machine(),
        "model": model,
        "corpus": f"corpora/wikinews-fr-2012 ({ours['docs']} documents, {words} words after parsing)",
        "rounds": args.rounds,
        "note": "each figure is the best of `rounds` runs, each in a fresh process; runs_seconds lists all",
        "throughput": {
            "stanza": {k: stanza.get(k) for k in ("words", "seconds", "words_per_s", "load_s", "runs_seconds")},
            "corpusling": {k: ours.get(k) for k in ("words", "seconds", "words_per_s", "load_s", "runs_seconds")},
            "ratio_words_per_s": ours["words_per_s"] / stanza["words_per_s"],
        },
        "workers": {
            "1": {k: w1.get(k) for k in ("seconds", "words_per_s", "runs_seconds")},
            "2": {k: w2.get(k) for k in ("seconds", "words_per_s", "runs_seconds")},
            "speedup_2_over_1": w1["seconds"] / w2["seconds"],
            "note": "whole parse() call including loading the model (in each worker for 2)",
            "start_method": w2.get("start_method", "spawn (as corpusling.api.parse does)"),
            "fork_hang": None if fork_hang is None else f"parse(workers=2) as shipped made no progress for "
                                                         f"{fork_hang['process_wall_s']:.0f} s and was killed",
        },
        "cache": {
            "api_cold_s": w1["seconds"], "api_warm_s": warm["seconds"],
            "api_speedup": w1["seconds"] / warm["seconds"], "api_warm_runs_s": warm.get("runs_seconds"),
            "cli_cold_s": cli_cold.get("seconds"), "cli_warm_s": cli_warm.get("seconds"),
            "cli_speedup": (cli_cold["seconds"] / cli_warm["seconds"]) if cli_cold.get("ok") else None,
            "note": "api: the parse() call only; cli: the whole `corpusling parse` process",
        },
        "memory": {
            "parse_wikinews_1_worker": {**per_word(ours), "words": words},
            "parse_wikinews_2_workers": {"parent_peak_rss_mb": round(w2["peak_rss_bytes"] / 2**20, 1),
                                         "largest_worker_peak_rss_mb":
                                             round(w2["children_peak_rss_bytes"] / 2**20, 1)},
            "stanza_wikinews": {**per_word(stanza), "words": stanza["words"]},
            "token_table_wikinews_bytes_per_word": ours["table_bytes_per_word"],
            "parse_1m_cache_hits": {**per_word(big), "words": big.get("words"), "seconds": big.get("seconds"),
                                    "copies": copies,
                                    "table_bytes_per_word": big.get("table_bytes_per_word"),
                                    "documents_mb": round(big.get("documents_bytes", 0) / 2**20, 1)},
            "load_wikinews": {**per_word(small_load), "seconds": small_load.get("seconds"),
                              "table_bytes_per_word": small_load.get("table_bytes_per_word")},
            "load_1m": {**per_word(big_load), "seconds": big_load.get("seconds"), "words": big_load.get("words"),
                        "table_bytes_per_word": big_load.get("table_bytes_per_word")},
            "how_1m_was_built": f"{copies} copies of the parsed Wikinews documents with distinct doc_ids "
                                "(doc_id~copy); parse() finds every text in the cache, so no Stanza call",
        },
        "command": "python benchmarks/bench_parse.py " + " ".join(sys.argv[1:]),
    }
    write_json(args.out, result)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    t, c, m = result["throughput"], result["cache"], result["memory"]
    print(f"throughput: corpusling {t['corpusling']['words_per_s']:.0f} words/s, Stanza "
          f"{t['stanza']['words_per_s']:.0f} words/s, ratio {t['ratio_words_per_s']:.2f}")
    print(f"workers: 2 over 1 = {result['workers']['speedup_2_over_1']:.2f}x; cache: api {c['api_speedup']:.0f}x, "
          f"cli {c['cli_speedup'] or float('nan'):.1f}x")
    print(f"memory: parse {m['parse_wikinews_1_worker']['peak_rss_bytes_per_word']:.0f} B/word peak; table "
          f"{m['token_table_wikinews_bytes_per_word']:.0f} B/word; 1M table {m['load_1m']['table_bytes_per_word']}")


if __name__ == "__main__":
    if not child_main(MEASUREMENTS):
        main()

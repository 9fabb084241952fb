"""The report's analyses (no parsing) on a 10-million-word token table: time and peak memory.

    python benchmarks/bench_analyses.py                       # 10 M words, 2 rounds
    python benchmarks/bench_analyses.py --words 200000 --rounds 1   # a quick try
    python benchmarks/bench_analyses.py --profile conditionals      # cProfile of one analysis
    python benchmarks/bench_analyses.py --words 2000000 --profile reported --top 40
    python benchmarks/bench_analyses.py --words 2000000 --profile reported --lines   # time per line of code

The table is the Wikinews sample + the seed parsed with the bundled model, copied with
distinct ``doc_id``s (``<id>~<copy>``; the documents table and its texts are copied alongside)
until it has ``--words`` words, and written as a parsed folder of Parquet parts
(``measure.big_folder``). Each round runs in a fresh process: load the folder, then each
analysis of the registry in the order of the report (each given the tables it needs), then the
measures, summary and rates of the report, timed one by one; then, in another process, the whole
``corpusling.report.build_report`` (analyses, tables, figures, provenance, HTML). An analysis
whose module is not in the package yet is skipped with a message. Writes
``benchmarks/results/analyses.json``.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import RESULTS, ROOT, big_folder, child_main, current_rss, machine, run_child, write_json  # noqa: E402

SCRIPT = Path(__file__).resolve()
#: The concordance of the benchmark: every conditional, with 5 words of context.
CONCORDANCE_QUERY = '[mood="Cnd"]'


def _function(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ModuleNotFoundError, AttributeError):
        return None


def steps(corpus: Any) -> list[tuple[str, str, Callable[[dict[str, Any]], Any]]]:
    """(name, module.function, call) in the order of the report; ``call`` gets the results so far.

    The analyses are those of the registry (:mod:`corpusling.registry`), each given the tables it needs
    as the report gives them; then the corpus-wide steps of the report."""
    from corpusling.registry import ANALYSES

    tokens, documents = corpus.tokens, corpus.documents

    def analysis(entry: Any) -> Callable[[dict[str, Any]], Any]:
        def call(done: dict[str, Any]) -> Any:
            if not entry.ready(done):
                raise Missing(f"{entry.name} needs {', '.join(entry.requires)}")
            try:
                return entry.run(tokens, documents, done)
            except ModuleNotFoundError as err:
                raise Missing(f"{entry.module}.{entry.function} is not available") from err
        return call

    def rates(done: dict[str, Any]) -> Any:
        from corpusling.report import _rates_tables
        from corpusling.summary import marker_tables

        markers = marker_tables(done.get("conditionals"), done.get("hedges"), done.get("quotes"))
        return _rates_tables(corpus, markers, None, 2000, 0)

    def measures(done: dict[str, Any]) -> Any:
        from corpusling.measures import document_measures

        return document_measures(tokens, done.get("quotes"), done.get("reported"))

    return [
        *[(name, f"{entry.module}.{entry.function}", analysis(entry)) for name, entry in ANALYSES.items()],
        ("measures", "corpusling.measures.document_measures (words, sentences, voices per document)", measures),
        ("summary", "corpusling.summary.summary",
         lambda d: _call("corpusling.summary", "summary", None, documents, d.get("conditionals"), d.get("hedges"),
                         d.get("quotes"), reported=d.get("reported"), measures=d.get("measures"))),
        ("rates", "corpusling.report._rates_tables (rates.rates per marker and category, 2000 bootstraps)", rates),
        ("freq", "corpusling.stats.freq (by lemma)", lambda d: _call("corpusling.stats", "freq", tokens, by="lemma")),
        ("concordance", f"corpusling.concordance.concordance {CONCORDANCE_QUERY}",
         lambda d: _call("corpusling.concordance", "concordance", tokens, documents, CONCORDANCE_QUERY)),
    ]


class Missing(Exception):
    """The analysis module or function is not in the package (yet)."""


def _call(module: str, name: str, *args: Any, **kwargs: Any) -> Any:
    function = _function(module, name)
    if function is None:
        raise Missing(f"{module}.{name} is not available")
    return function(*args, **kwargs)


def child_analyses(folder: str, only: list[str] | None = None) -> dict[str, Any]:
    """Load the folder, then run each analysis once, timed."""
    from corpusling.parsed import load

    start = time.perf_counter()
    corpus = load(folder)
    timings: dict[str, Any] = {"load": {"seconds": time.perf_counter() - start, "rss_after_mb": current_rss() / 2**20}}
    done: dict[str, Any] = {}
    for name, what, call in steps(corpus):
        if only and name not in only:
            continue
        start = time.perf_counter()
        try:
            done[name] = value = call(done)
        except Missing as err:
            timings[name] = {"skipped": str(err)}
            continue
        timings[name] = {"seconds": time.perf_counter() - start, "rows": getattr(value, "height", None),
                         "function": what, "rss_after_mb": current_rss() / 2**20}
    total = sum(t["seconds"] for k, t in timings.items() if k != "load" and "seconds" in t)
    return {"words": corpus.tokens.height, "documents": corpus.documents.height, "steps": timings,
            "analyses_s": total, "table_mb": corpus.tokens.estimated_size() / 2**20,
            "documents_mb": corpus.documents.estimated_size() / 2**20}


def child_report(folder: str) -> dict[str, Any]:
    """The whole ``build_report`` on the loaded folder (written to a temporary folder)."""
    from corpusling.parsed import load
    from corpusling.report import build_report

    corpus = load(folder)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = build_report(corpus, out, log=lambda line: None)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "words": corpus.tokens.height,
            "steps": {s.name: {"status": s.status, "seconds": round(s.seconds, 2), "message": s.message[:200]}
                      for s in result.steps}}


MEASUREMENTS = {"analyses": child_analyses, "report": child_report}


def sample_lines(call: Callable[[], Any], interval: float = 0.01) -> tuple[Any, Counter[tuple[str, int, str]], int]:
    """Run ``call`` while another thread looks every ``interval`` seconds at the line of corpusling's code it is on
    (the innermost frame under ``corpusling/``): polars releases the interpreter while a query runs, so a line's
    share of the samples is its share of the time, the query it starts included. Returns the value, the counts
    per (file, line, function) and the number of samples."""
    import threading

    target = threading.get_ident()
    counts: Counter[tuple[str, int, str]] = Counter()
    taken = 0
    done = threading.Event()

    def sampler() -> None:
        nonlocal taken
        while not done.wait(interval):
            frame = sys._current_frames().get(target)
            taken += 1
            while frame is not None:
                path = frame.f_code.co_filename
                if "/corpusling/" in path:
                    counts[(path.split("/corpusling/", 1)[1], frame.f_lineno, frame.f_code.co_name)] += 1
                    break
                frame = frame.f_back

    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    try:
        value = call()
    finally:
        done.set()
        thread.join()
    return value, counts, taken


def profile(folder: Path, name: str, top: int = 25, dump: Path | None = None, lines: bool = False) -> None:
    """cProfile of one step (after the analyses it needs): corpusling's functions by cumulative time, then every
    function by its own time (polars' ``collect`` is where the queries built by the functions above run).
    ``dump``: also write the raw profile (``python -m pstats FILE``)."""
    import cProfile
    import pstats

    from corpusling.parsed import load
    from corpusling.registry import ANALYSES

    corpus = load(folder)
    done: dict[str, Any] = {}
    needed = [*ANALYSES, "measures"]
    for step, _, call in steps(corpus):
        if lines and name in (step, "all"):
            start = time.perf_counter()
            done[step], counts, taken = sample_lines(functools.partial(call, done))
            seconds = time.perf_counter() - start
            print(f"{step}: {seconds:.2f} s, {corpus.tokens.height:,} words; {taken} samples, the lines of "
                  "corpusling's code they fell on (the innermost frame under corpusling/):", flush=True)
            for (path, line, function), count in counts.most_common(top):
                print(f"  {count / max(taken, 1):6.1%}  {count * seconds / max(taken, 1):7.2f} s  {path}:{line} "
                      f"({function})", flush=True)
            if name == step:
                return
            continue
        if step == name:
            profiler = cProfile.Profile()
            start = time.perf_counter()
            profiler.enable()
            call(done)
            profiler.disable()
            print(f"{name}: {time.perf_counter() - start:.2f} s under the profiler, {corpus.tokens.height:,} words")
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats("corpusling", top)
            stats.sort_stats("tottime").print_stats(top)
            if dump:
                stats.dump_stats(dump)
            return
        if step in needed:
            done[step] = call(done)
    if not (lines and name == "all"):
        raise SystemExit(f"no step {name!r}; the steps: {', '.join(s for s, _, _ in steps(corpus))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", default="compact", help="model the base corpus is parsed with")
    parser.add_argument("--folder", type=Path, help="use this parsed folder instead of building one")
    parser.add_argument("--sequoia", action="store_true",
                        help="replicate UD Sequoia (gold annotation) instead of the parsed Wikinews + seed")
    parser.add_argument("--report-rounds", type=int, default=1, help="runs of the whole build_report (0: none)")
    parser.add_argument("--profile", metavar="STEP", help="profile one step (an analysis, measures, summary, "
                        "rates…) instead; with --lines, 'all' samples every step")
    parser.add_argument("--top", type=int, default=25, help="lines of each --profile listing")
    parser.add_argument("--dump", type=Path, help="with --profile: write the raw profile to this file")
    parser.add_argument("--lines", action="store_true",
                        help="with --profile: the share of time on each line of corpusling (sampled), not cProfile")
    parser.add_argument("--out", type=Path, default=RESULTS / "analyses.json")
    args = parser.parse_args()
    folder = args.folder or big_folder(args.words, args.model, args.sequoia)
    if args.profile:
        profile(folder, args.profile, args.top, args.dump, args.lines)
        return
    runs = [run_child(SCRIPT, "analyses", {"folder": str(folder)}) for _ in range(args.rounds)]
    good = [r for r in runs if r.get("ok")]
    if not good:
        raise SystemExit(f"every run failed: {runs[-1].get('error')}")
    chosen = min(good, key=lambda r: r["analyses_s"])
    names = [n for n in chosen["steps"] if n != "load"]
    for name in ["load", *names]:  # best of the rounds, step by step
        values = [r["steps"][name].get("seconds") for r in good if "seconds" in r["steps"].get(name, {})]
        if values:
            chosen["steps"][name]["seconds_runs"] = [round(v, 2) for v in values]
    for name, step in chosen["steps"].items():
        if "skipped" in step:
            print(f"skipped {name}: {step['skipped']}", file=sys.stderr)
    report = [run_child(SCRIPT, "report", {"folder": str(folder)}) for _ in range(args.report_rounds)]
    report_good = [r for r in report if r.get("ok")]
    best_report = min(report_good, key=lambda r: r["seconds"]) if report_good else (report[-1] if report else None)
    result = {
        "machine": machine(),
        "corpus": f"{chosen['words']:,} words, {chosen['documents']:,} documents: "
                  + ("UD Sequoia (gold annotation)" if args.sequoia else "the parsed Wikinews sample + the seed "
                     "(bundled model)") + " copied with distinct doc_ids (<id>~<copy>), texts copied alongside",
        "rounds": args.rounds,
        "note": "best of `rounds` runs, each in a fresh process; seconds_runs lists every run",
        "load_s": chosen["steps"]["load"]["seconds"],
        "analyses": {k: v for k, v in chosen["steps"].items() if k != "load"},
        "analyses_total_s": chosen["analyses_s"],
        "peak_rss_gb": chosen["peak_rss_bytes"] / 2**30,
        "table_mb": chosen["table_mb"], "documents_mb": chosen["documents_mb"],
        "whole_report": None if best_report is None else {
            "ok": best_report.get("ok"), "seconds": best_report.get("seconds"),
            "peak_rss_gb": best_report.get("peak_rss_bytes", 0) / 2**30, "steps": best_report.get("steps"),
            "error": best_report.get("error"), "runs_seconds": [r.get("seconds") for r in report]},
        "command": "python benchmarks/bench_analyses.py " + " ".join(sys.argv[1:]),
    }
    write_json(args.out, result)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    print(f"{chosen['words']:,} words: load {result['load_s']:.1f} s")
    for name, step in result["analyses"].items():
        print(f"  {name}: " + (f"{step['seconds']:.1f} s ({step.get('rows')} rows)" if "seconds" in step
                               else step["skipped"]))
    print(f"analyses total {result['analyses_total_s']:.1f} s, peak RSS {result['peak_rss_gb']:.2f} GB")
    if best_report:
        print(f"whole build_report: {best_report.get('seconds') or float('nan'):.1f} s, peak RSS "
              f"{best_report.get('peak_rss_bytes', 0) / 2**30:.2f} GB" + ("" if best_report.get("ok") else
                                                                          f" FAILED {best_report.get('error')}"))


if __name__ == "__main__":
    if not child_main(MEASUREMENTS):
        main()

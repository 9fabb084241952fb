"""Shared by the benchmarks: the corpus to measure on, timing, the machine description."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
from corpus import replicate, sequoia

RESULTS = Path(__file__).resolve().parent / "results"


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--words", type=int, default=10_000_000, help="corpus size in words (default 10 M)")
    parser.add_argument("--parsed", type=Path, default=None,
                        help="a parsed corpus folder to replicate (default: UD Sequoia from ../shared)")
    parser.add_argument("--repeat", type=int, default=5, help="warm runs per measure; the median is kept")


def build_corpus(args: argparse.Namespace) -> tuple[pl.DataFrame, pl.DataFrame, str]:
    """Token table, documents, and a description of where the words come from."""
    if args.parsed:
        from corpusling.parsed import load

        base = load(args.parsed)
        tokens, documents = replicate(base.tokens, base.documents, args.words)
        source = f"{args.parsed} ({base.tokens.height:,} words parsed with {base.model.get('name', '?')}) replicated"
    else:
        tokens, documents = sequoia(args.words)
        source = "UD French-Sequoia (gold lemmas/UPOS/features, 70,545 words) replicated"
    return tokens, documents, source


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(first run, median of ``repeat`` warm runs) in seconds, and the last result."""
    start = time.perf_counter()
    result = fn()
    first = time.perf_counter() - start
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return first, statistics.median(runs), result


def machine() -> dict[str, Any]:
    """CPU model, cores, memory, Python and polars versions."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory, 1), "python": platform.python_version(),
            "polars": pl.__version__, "load_average_at_start": os.getloadavg()[0]}


def alternate_parse_step(model: Any, documents: list[Any], step: str, off: Callable[..., Any], rounds: int = 2) -> None:
    """Parse ``documents`` with and without one step of :mod:`corpusling.nlp.pipeline` (the function named ``step``
    there, replaced by ``off``), alternated in one process, the order swapped every round; prints wall and CPU time."""
    from corpusling.nlp import pipeline

    on = getattr(pipeline, step)
    try:
        for r in range(rounds):
            for side in (("on", "off") if r % 2 == 0 else ("off", "on")):
                setattr(pipeline, step, on if side == "on" else off)
                cpu, wall = time.process_time(), time.perf_counter()
                tables = pipeline.parse_documents(model, documents)
                words = sum(table.height for table in tables.values())
                print(r, step, side, f"{time.perf_counter() - wall:.2f} s wall",
                      f"{time.process_time() - cpu:.2f} s CPU", words, "words", flush=True)
    finally:
        setattr(pipeline, step, on)

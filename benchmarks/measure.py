"""Shared tools of the scale benchmarks: one measurement per subprocess, machine description, corpora.

Each measurement runs in a fresh Python process (``script --child NAME --params JSON``) so that
its peak resident memory (``getrusage`` ``ru_maxrss``, i.e. VmHWM) is its own; an optional
address-space cap (``RLIMIT_AS``) is set in the child before it imports anything heavy.
The child prints one line ``RESULT {json}`` that the parent reads back.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT / "corpora" / "wikinews-fr-2012"
SEED = ROOT / "seeds"
WORK = Path(os.environ.get("CORPUSLING_BENCH_DIR", "/tmp/corpusling-bench"))
RESULTS = Path(__file__).resolve().parent / "results"


def peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes (VmHWM)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def children_peak_rss() -> int:
    """Peak resident memory of the largest child process waited for, in bytes."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def current_rss() -> int:
    """Resident memory now, in bytes (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def machine() -> dict[str, Any]:
    """CPU model, cores, memory, Python and library versions."""
    model = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next((ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.startswith("Model name")), "")
    except OSError:
        pass
    mem = next((int(ln.split()[1]) * 1024 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal:")), 0)
    from importlib.metadata import version

    versions = {}
    for lib in ("polars", "stanza", "torch"):
        try:
            versions[lib] = version(lib)
        except Exception:  # noqa: BLE001 - a missing library is just not reported
            pass
    return {"cpu": model or platform.processor(), "cores": os.cpu_count(), "memory_gb": round(mem / 2**30, 1),
            "gpu": None, "python": platform.python_version(), **versions,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def run_child(script: Path, name: str, params: dict[str, Any] | None = None, cap_bytes: int | None = None,
              timeout: float = 1800, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run measurement ``name`` of ``script`` in a new process; its result dict (``ok`` False on failure).

    ``cap_bytes`` caps the child's address space (``RLIMIT_AS``); ``env`` adds environment variables.
    """
    cmd = [sys.executable, str(script), "--child", name, "--params", json.dumps(params or {})]
    if cap_bytes:
        cmd += ["--cap", str(cap_bytes)]
    start = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            start_new_session=True, env={**os.environ, **(env or {})})
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:  # kill the child and its own children (worker processes)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"ok": False, "error": f"no result after {timeout:.0f} s (killed)", "timed_out": True,
                "process_wall_s": round(time.time() - start, 2)}
    wall = time.time() - start
    for line in reversed(stdout.splitlines()):
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
            result.setdefault("ok", True)
            result["process_wall_s"] = round(wall, 2)
            return result
    tail = (stderr or stdout).strip().splitlines()[-3:]
    return {"ok": False, "returncode": proc.returncode, "error": " | ".join(tail), "process_wall_s": round(wall, 2)}


def child_main(measurements: dict[str, Callable[..., dict[str, Any]]]) -> bool:
    """In a child process (``--child`` in argv): run one measurement, print ``RESULT``, return True."""
    if "--child" not in sys.argv:
        return False
    args = sys.argv[sys.argv.index("--child") + 1:]
    name, params = args[0], json.loads(args[args.index("--params") + 1]) if "--params" in args else {}
    if "--cap" in args:
        cap = int(args[args.index("--cap") + 1])
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        result = measurements[name](**params)
        result["ok"] = True
    except MemoryError as err:
        result = {"ok": False, "error": f"MemoryError: {err}"}
    except Exception as err:  # noqa: BLE001 - the parent records what failed
        result = {"ok": False, "error": f"{type(err).__name__}: {str(err)[:300]}"}
    result["peak_rss_bytes"] = peak_rss()
    result["children_peak_rss_bytes"] = children_peak_rss()
    print("RESULT " + json.dumps(result), flush=True)
    return True


def best(results: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """The successful run with the smallest ``key`` (e.g. seconds), with every run's value listed."""
    good = [r for r in results if r.get("ok")]
    if not good:
        return results[-1]
    chosen = dict(min(good, key=lambda r: r[key]))
    chosen["runs_" + key] = [r.get(key) for r in results]
    return chosen


def replicate(tokens: pl.DataFrame, documents: pl.DataFrame, n_words: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Copies of a parsed corpus with distinct ``doc_id`` (``<id>~<copy>``) until it has ``n_words`` words.

    Whole copies are stacked, the last one cut at a document boundary near ``n_words``; the
    documents table (with its texts) is copied alongside, so every offset stays valid.
    """
    from corpusling import tokens as tok

    base = tokens.with_columns(pl.col("doc_id").cast(pl.String))
    docs = documents.with_columns(pl.col("doc_id").cast(pl.String))
    copies = -(-n_words // base.height)
    big = pl.concat([base.with_columns(pl.col("doc_id") + f"~{i:04d}") for i in range(copies)])
    if big.height > n_words:  # cut at the end of the document that holds word n_words
        last_doc = big["doc_id"][n_words - 1]
        big = big.head(n_words).vstack(big.slice(n_words).filter(pl.col("doc_id") == last_doc))
    big = big.with_columns(pl.col("doc_id").cast(tokens.schema["doc_id"]))
    big = big.select(tok.COLUMNS).cast(tok.SCHEMA)
    all_docs = pl.concat([docs.with_columns(pl.col("doc_id") + f"~{i:04d}") for i in range(copies)])
    keep = big["doc_id"].cast(pl.String).unique().implode()
    return big, all_docs.filter(pl.col("doc_id").is_in(keep)).with_columns(
        pl.col("doc_id").cast(documents.schema["doc_id"]))


def write_folder(tokens: pl.DataFrame, documents: pl.DataFrame, folder: Path) -> Path:
    """A parsed folder laid out as ``corpusling parse`` writes it (Parquet parts of 1 M words)."""
    import shutil

    from corpusling.atomic import write_text
    from corpusling.cli.parse import write_parts

    if folder.exists():
        shutil.rmtree(folder)
    write_parts(tokens, documents, folder, "all")
    write_text(folder / "model.json", json.dumps({"name": "replicated for benchmarks"}) + "\n")
    return folder


def parsed_base(model: str = "compact") -> Path:
    """Wikinews (80 articles) + the seed parsed with ``model``, saved once under :data:`WORK`."""
    folder = WORK / f"wikinews-seed-{model.replace('/', '_')}"
    if not (folder / "tokens.parquet").exists():
        from corpusling.api import parse, read

        corpus = read([WIKINEWS, SEED])
        cache = WORK / "parse" / "cache0"  # bench_parse.py's cache: Wikinews is parsed there already
        parse(corpus, model=model, cache=cache if cache.is_dir() else WORK / "cache").save(folder)
    return folder


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def big_folder(n_words: int, model: str = "compact", sequoia: bool = False) -> Path:
    """Parsed Wikinews + seed replicated to ``n_words`` words (distinct doc_ids), as a folder of parts; built once.

    ``sequoia``: the UD Sequoia treebank (gold annotation, ``benchmarks/corpus.py``) instead, for
    measuring before the bundled model exists.
    """
    name = "sequoia" if sequoia else model.replace("/", "_")
    folder = WORK / f"replicated-{n_words}-{name}"
    if (folder / "model.json").exists():
        return folder
    if sequoia:
        from corpus import SEQUOIA, from_conllu

        base_tokens, base_documents = from_conllu(SEQUOIA)
    else:
        from corpusling.parsed import load

        base = load(parsed_base(model))
        base_tokens, base_documents = base.tokens, base.documents
    tokens, documents = replicate(base_tokens, base_documents, n_words)
    write_folder(tokens, documents, folder)
    return folder

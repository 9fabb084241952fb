"""corpusling against Corpus Workbench (CQP) on the same words: index build, queries, KWIC to a file.

    python benchmarks/bench_cqp.py --cwb /path/to/cwb/install --words 10000000

CWB is not part of corpusling (it is GPL): build it yourself as ../shared/notes/cwb.md describes,
in a folder outside the repository, and give its install prefix with --cwb or $CWB_PREFIX. Without
it the benchmark says so and stops. Writes benchmarks/results/cqp.json.

The same question, the same words, the same work on both sides:

* every query is written once, in CQP's syntax, and run unchanged by both tools (``within s``
  written out: it is corpusling's default and not CQP's);
* both read the same token table: corpusling its parsed folder (Parquet), CWB a VRT export with
  ``word pos lemma feats mood`` and ``<text id date>``, ``<s>``; the mood is an attribute of its
  own on both sides (no regex over ``feats`` on one side only);
* the hits are compared position by position (CQP's ``dump`` against corpusling's rows);
* the headline is the like-for-like ratio: the query with its full KWIC (5 words each side)
  written to a file, corpusling's ``concordance(...).write_csv`` against CQP's ``cat A > file``;
* in a warm session (corpusling: index built, the median of N runs; CQP: one ``cqp`` session
  running the job N times minus the same session without it, divided by N) and one-shot from the
  command line, process start included (``corpusling concordance FOLDER QUERY --out file.csv``
  against ``cqp -c`` opening the corpus, querying and writing the KWIC), the median of --oneshot
  runs; both tools open an index stored on disk (corpusling's in ``FOLDER/index/``, stored by
  ``corpusling.index_store`` as cwb-makeall stores CWB's, and timed as the index build), and the
  Python bytecode is cached as in an installed package (``PYTHONPYCACHEPREFIX``);
* the first one-shot run of each query on the folder, which builds and stores the parts of the
  index the query needs that no earlier query stored, is reported beside the median;
* N grows until a job's total time is at least --min-seconds, so that the queries that take a
  few milliseconds rise above the noise of starting a session.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
from common import RESULTS, add_corpus_arguments, build_corpus, machine  # noqa: E402

query_module = importlib.import_module("corpusling.query")  # the module; corpusling.query is the verb
from corpusling.concordance import concordance  # noqa: E402
from corpusling.parsed import ParsedCorpus, load  # noqa: E402
from corpusling.query import count, index, match_rows, parse  # noqa: E402

#: (name, query): the same text for both tools. The first five are the "Done when" of issue 17.
QUERIES = [
    ("dire_que", '[lemma="dire|déclarer"] []{0,3} "que" within s'),
    ("regex_form", '[word=".*ment"%c] within s'),
    ("selon_propn", '"selon" [pos="DET"]? [pos="PROPN"]+ within s'),
    ("conditional_target", '@[lemma="pouvoir" & mood="Cnd"] [pos="VERB"] within s'),
    ("selon_2012", '[lemma="selon"] [] :: match.text_date="2012.*" within s'),
    ("aux_verb", '[lemma="avoir" & pos="AUX"] [pos="VERB"] within s'),
    ("gap", '[lemma="selon"] []{0,3} [pos="PROPN"] within s'),
    ("labels", 'a:[pos="NOUN"] []{0,3} b:[pos="NOUN"] :: a.word = b.word within s'),
]
NAME = "BENCH"
#: Stores corpusling's index in a parsed folder, in a fresh process (as cwb-makeall builds CWB's): the runs,
#: offsets and texts, and the codes and postings of the attributes the queries read.
STORE_INDEX = """
import sys
from corpusling.index_store import open_folder
idx, documents = open_folder(sys.argv[1])
for attr in ("form", "lemma", "upos", "mood"):
    idx.postings(attr)
idx.texts(documents)
idx.region("p")
"""


def with_dates(documents: pl.DataFrame) -> pl.DataFrame:
    """A ``date`` for each document (2010–2014 in turn): the metadata of the ``::`` query."""
    dates = [f"{2010 + k % 5}-{1 + k % 12:02d}-01" for k in range(documents.height)]
    return documents.with_columns(pl.Series("date", dates))


def write_vrt(tokens: pl.DataFrame, documents: pl.DataFrame, path: Path) -> None:
    """A VRT with the attributes the queries use: word, pos (UPOS), lemma, feats, mood; <text id date>, <s>."""
    idx = index(tokens)
    sentence = idx.sentence[:-1]
    new_s = np.concatenate([[True], sentence[1:] != sentence[:-1]]) if tokens.height else np.zeros(0, bool)
    new_doc = np.concatenate([[True], idx.document[1:] != idx.document[:-1]]) if tokens.height else new_s
    dates = (pl.DataFrame({"doc_id": idx.doc_names})
             .join(documents.select(pl.col("doc_id").cast(pl.String), "date"), on="doc_id", how="left",
                   maintain_order="left"))["date"]

    def escaped(value: pl.Expr) -> pl.Expr:
        return (value.str.replace_all("&", "&amp;", literal=True).str.replace_all("<", "&lt;", literal=True)
                .str.replace_all(">", "&gt;", literal=True).str.replace_all('"', "&quot;", literal=True))

    def field(column: str) -> pl.Expr:
        return escaped(pl.col(column).cast(pl.String).fill_null("_").replace("", "_"))

    first = pl.int_range(pl.len()) == 0
    opening = pl.concat_str([pl.lit('<text id="'), escaped(pl.col("doc_id").cast(pl.String)), pl.lit('" date="'),
                             escaped(pl.col("_date")), pl.lit('">\n')])
    lines = tokens.with_columns(pl.Series("_new_doc", new_doc), pl.Series("_new_s", new_s),
                                dates.gather(pl.Series(idx.document, dtype=pl.Int64)).alias("_date")).select(
        pl.concat_str([
            pl.when(pl.col("_new_doc") & ~first).then(pl.lit("</s>\n</text>\n"))
            .when(pl.col("_new_s") & ~first).then(pl.lit("</s>\n")).otherwise(pl.lit("")),
            pl.when(pl.col("_new_doc")).then(opening).otherwise(pl.lit("")),
            pl.when(pl.col("_new_s")).then(pl.lit("<s>\n")).otherwise(pl.lit("")),
            pl.concat_str([field(c) for c in ("form", "upos", "lemma", "feats", "mood")], separator="\t"),
        ]).alias("line"))["line"]
    with path.open("w", encoding="utf-8") as out:
        out.write("\n".join(lines.to_list()))
        out.write("\n</s>\n</text>\n")


def cqp_session(cqp: Path, registry: Path, commands: list[str]) -> tuple[float, str]:
    """Run one cqp session (child mode), process start included; wall time and output."""
    script = "\n".join(commands) + "\n"
    start = time.perf_counter()
    done = subprocess.run([str(cqp), "-r", str(registry), "-c"], input=script, capture_output=True, text=True,
                          check=True)
    if "Error" in done.stderr:
        raise RuntimeError(f"cqp: {done.stderr.strip()}")
    return time.perf_counter() - start, done.stdout


def cqp_warm(cqp: Path, registry: Path, setup: list[str], job: list[str], min_repeat: int,
             min_seconds: float) -> tuple[float, int]:
    """Seconds per run of ``job`` in a warm session, and the number of runs it took to measure it.

    (session with the job N times − the same session without it) / N, the best of 3 of each; N is
    at least ``min_repeat`` and large enough for the jobs to last ``min_seconds`` together.
    """
    base = min(cqp_session(cqp, registry, setup)[0] for _ in range(3))
    once = max(cqp_session(cqp, registry, setup + job * min_repeat)[0] - base, 1e-4) / min_repeat
    repeat = max(min_repeat, min(math.ceil(min_seconds / once), 5000))
    full = min(cqp_session(cqp, registry, setup + job * repeat)[0] for _ in range(3))
    return max(full - base, 0.0) / repeat, repeat


def ours_warm(fn, min_repeat: int, min_seconds: float) -> tuple[float, int, object]:
    """Median seconds of ``fn`` after a warm-up, over enough runs to last ``min_seconds``; the runs, the result."""
    start = time.perf_counter()
    result = fn()
    once = time.perf_counter() - start
    repeat = max(min_repeat, min(math.ceil(min_seconds / max(once, 1e-5)), 2000))
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), repeat, result


def one_shot(command: list[str], runs: int, stdin: str | None = None, env: dict[str, str] | None = None) -> float:
    """Median wall time of a command run from the shell, process start included."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, text=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cqp_rows(cqp: Path, registry: Path, setup: list[str], text: str, work: Path) -> tuple[np.ndarray, np.ndarray]:
    """CQP's hits of a query: match and matchend corpus positions (= token-table rows)."""
    dump = work / "dump.tsv"
    cqp_session(cqp, registry, [*setup, f"A = {text};", f'dump A > "{dump}";'])
    table = np.loadtxt(dump, dtype=np.int64, ndmin=2, usecols=(0, 1)) if dump.stat().st_size else np.zeros((0, 2))
    return table[:, 0].astype(np.int64), table[:, 1].astype(np.int64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(parser)
    parser.add_argument("--cwb", type=Path, default=os.environ.get("CWB_PREFIX"),
                        help="CWB install prefix (with bin/cqp, bin/cwb-encode, bin/cwb-makeall); or $CWB_PREFIX")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--min-seconds", type=float, default=1.0,
                        help="repeat each warm job until the runs last this long together (default 1 s)")
    parser.add_argument("--oneshot", type=int, default=3, help="runs of each one-shot command (median; default 3)")
    parser.add_argument("--out", type=Path, default=RESULTS / "cqp.json")
    args = parser.parse_args()
    binaries = {b: Path(args.cwb or "/nonexistent") / "bin" / b for b in ("cqp", "cwb-encode", "cwb-makeall")}
    if not args.cwb or not all(p.exists() for p in binaries.values()):
        print("CWB not found: build it as ../shared/notes/cwb.md describes and pass --cwb PREFIX "
              "(or set CWB_PREFIX); benchmark skipped.", file=sys.stderr)
        sys.exit(0)
    for _, text in QUERIES:
        parse(text)  # a query corpusling cannot read stops the run here

    load_at_start = os.getloadavg()
    work = Path(args.work or tempfile.mkdtemp(prefix="corpusling-cqp-"))
    work.mkdir(parents=True, exist_ok=True)
    tokens, documents, source = build_corpus(args)
    documents = with_dates(documents)
    print(f"{tokens.height:,} words, {documents.height:,} documents", file=sys.stderr)

    # the same corpus on disk for both: a parsed folder and a VRT file
    folder = work / "parsed"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    vrt = work / "corpus.vrt"
    start = time.perf_counter()
    write_vrt(tokens, documents, vrt)
    vrt_s = time.perf_counter() - start
    del tokens, documents

    # index build: cwb-encode + cwb-makeall vs corpusling's load + dictionary encoding + postings + byte offsets
    data, registry = work / "data", work / "registry"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    registry.mkdir(exist_ok=True)
    start = time.perf_counter()
    subprocess.run([str(binaries["cwb-encode"]), "-d", str(data), "-f", str(vrt), "-R", str(registry / NAME.lower()),
                    "-c", "utf8", "-xsB", "-P", "pos", "-P", "lemma", "-P", "feats", "-P", "mood", "-S", "s",
                    "-S", "text:0+id+date"], check=True, capture_output=True)
    encode_s = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([str(binaries["cwb-makeall"]), "-r", str(registry), "-V", NAME], check=True, capture_output=True)
    makeall_s = time.perf_counter() - start

    # corpusling's index stored in the folder (what a one-shot command opens), built in a fresh process
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", STORE_INDEX, str(folder)], check=True)
    stored_s = time.perf_counter() - start
    stored_mib = sum(p.stat().st_size for p in (folder / "index").rglob("*") if p.is_file()) / 2**20

    start = time.perf_counter()
    corpus = load(folder)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    idx = index(corpus.tokens)
    for attr in ("form", "lemma", "upos", "mood"):
        idx.encode(attr)
        idx.postings(attr)  # the inverted index, as cwb-makeall builds one
    idx.texts(corpus.documents)
    index_s = time.perf_counter() - start
    tokens, documents = corpus.tokens, corpus.documents

    cqp = binaries["cqp"]
    cqp_kwic, our_kwic = work / "kwic.txt", work / "kwic.csv"
    setup = [f"{NAME};", "set Context 5 words;", 'set PrintStructures "";']
    cli = [sys.executable, "-m", "corpusling", "concordance"]
    # as an installed package: bytecode compiled once (this repository's checkout may forbid writing it)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    subprocess.run([*cli, "--help"], env=env, capture_output=True, check=True)
    rows = []
    selective = query_module.SELECTIVE
    for name, text in QUERIES:
        cq = f"A = {text};"
        theirs = cqp_rows(cqp, registry, setup, text, work)
        found = match_rows(idx, parse(text), documents)
        same = bool(np.array_equal(found.first, theirs[0]) and np.array_equal(found.last, theirs[1]))
        warm = [*setup, cq]
        cqp_query, n_cqp_query = cqp_warm(cqp, registry, warm, [cq], 4, args.min_seconds)
        cqp_file, n_cqp_file = cqp_warm(cqp, registry, warm, [cq, f'cat A > "{cqp_kwic}";'], 4, args.min_seconds)
        q_warm, n_query, hits = ours_warm(lambda t=text: count(tokens, t, documents), args.repeat, args.min_seconds)
        k_warm, n_kwic, lines = ours_warm(lambda t=text: concordance(tokens, documents, t, width=5), args.repeat,
                                          args.min_seconds)
        f_warm, n_file, _ = ours_warm(
            lambda t=text: concordance(tokens, documents, t, width=5).write_csv(our_kwic), args.repeat,
            args.min_seconds)
        query_module.SELECTIVE = 0.0  # ablation: the first design, a full scan of the first word's codes
        scan_warm, _, _ = ours_warm(lambda t=text: count(tokens, t, documents), args.repeat, args.min_seconds / 4)
        query_module.SELECTIVE = selective
        cqp_cli = one_shot([str(cqp), "-r", str(registry), "-c"], args.oneshot,
                           "\n".join([*setup, cq, f'cat A > "{cqp_kwic}";']) + "\n")
        command = [*cli, str(folder), text, "--width", "5", "--out", str(our_kwic)]
        our_first = one_shot(command, 1, env=env)
        our_cli = one_shot(command, args.oneshot, env=env)
        rows.append({
            "query": name, "text": text, "hits_corpusling": hits, "hits_cqp": int(theirs[0].size),
            "same_hits": same, "kwic_lines": lines.height,
            "ratio_kwic_to_file": round(f_warm / cqp_file, 3) if cqp_file else None,
            "corpusling_kwic_to_file_s": round(f_warm, 5), "cqp_kwic_to_file_s": round(cqp_file, 5),
            "ratio_query": round(q_warm / cqp_query, 3) if cqp_query else None,
            "corpusling_query_s": round(q_warm, 5), "cqp_query_s": round(cqp_query, 5),
            "corpusling_query_without_postings_s": round(scan_warm, 5),
            "corpusling_kwic_in_memory_s": round(k_warm, 5),
            "ratio_one_shot": round(our_cli / cqp_cli, 2),
            "corpusling_one_shot_s": round(our_cli, 3), "cqp_one_shot_s": round(cqp_cli, 3),
            "corpusling_one_shot_first_s": round(our_first, 3),
            "runs": {"corpusling_query": n_query, "corpusling_kwic": n_kwic, "corpusling_kwic_to_file": n_file,
                     "cqp_query": n_cqp_query, "cqp_kwic_to_file": n_cqp_file, "one_shot": args.oneshot},
        })
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)

    result = {
        "command": "python " + " ".join(sys.argv),
        "machine": {**machine(), "load_average_at_start": load_at_start[0],
                    "load_average_at_end": os.getloadavg()[0]},
        "cwb": "3.4.16 (trunk of the TinoDidriksen/cwb mirror, built with -fcommon)",
        "corpus": {"source": source, "words": tokens.height, "documents": documents.height},
        "vrt_export_s": round(vrt_s, 2),
        "build": {"cwb_encode_s": round(encode_s, 3), "cwb_makeall_s": round(makeall_s, 3),
                  "cwb_total_s": round(encode_s + makeall_s, 3),
                  "corpusling_load_s": round(load_s, 3), "corpusling_index_s": round(index_s, 3),
                  "corpusling_stored_index_s": round(stored_s, 3), "corpusling_stored_index_mib": round(stored_mib, 1),
                  "corpusling_total_s": round(load_s + index_s, 3),
                  "ratio": round((load_s + index_s) / (encode_s + makeall_s), 3)},
        "queries": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

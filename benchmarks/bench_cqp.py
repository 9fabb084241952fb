"""corpusling against Corpus Workbench (CQP) on the same words: index build, queries, queries + KWIC.

    python benchmarks/bench_cqp.py --cwb /path/to/cwb/install --words 10000000

CWB is not part of corpusling (it is GPL): build it yourself as ../shared/notes/cwb.md describes,
in a folder outside the repository, and give its install prefix with --cwb or $CWB_PREFIX. Without
it the benchmark says so and stops. Writes benchmarks/results/cqp.json.

Both tools get the corpus from the same token table: corpusling as its parsed folder (Parquet),
CWB from a VRT export (word, pos = UPOS, lemma, feats; <text id>, <s>). Timings are warm: the
median of --repeat runs after one warm-up; for CQP, the time of one cqp session running the
query --repeat times, minus the same session without them, divided by --repeat.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polars as pl  # noqa: E402
from common import RESULTS, add_corpus_arguments, build_corpus, machine, timed  # noqa: E402

query_module = importlib.import_module("corpusling.query")  # the module; corpusling.query is the verb
from corpusling.concordance import concordance  # noqa: E402
from corpusling.parsed import ParsedCorpus, load  # noqa: E402
from corpusling.query import count, index  # noqa: E402

#: (name, corpusling query, CQP query): the same question in each language.
QUERIES = [
    ("aux_verb", '[lemma="avoir" & pos="AUX"] [pos="VERB"]', '[lemma="avoir" & pos="AUX"] [pos="VERB"]'),
    ("regex_form", '[word=".*ment"]', '[word=".*ment"]'),  # the same query on both sides since issue 17
    ("gap", '[lemma="selon"] []{0,3} [pos="PROPN"]', '[lemma="selon"] []{0,3} [pos="PROPN"]'),
    ("conditional", '[lemma="pouvoir" & mood="Cnd"] [pos="VERB"]',
     '[lemma="pouvoir" & feats=".*Mood=Cnd.*"] [pos="VERB"]'),
]
NAME = "BENCH"


def write_vrt(tokens: pl.DataFrame, path: Path) -> None:
    """A VRT with the attributes the queries use: word, pos (UPOS), lemma, feats; <text id=…>, <s>."""
    idx = index(tokens)
    n = tokens.height
    sentence = idx.sentence[:-1]
    new_s = pl.Series([True, *(sentence[1:] != sentence[:-1])]) if n else pl.Series([], dtype=pl.Boolean)
    new_doc = pl.Series(idx.document == pl.Series(idx.document).shift(1).fill_null(-1).to_numpy())
    new_doc = ~new_doc

    def field(column: str) -> pl.Expr:
        value = pl.col(column).cast(pl.String).fill_null("_").replace("", "_")
        return (value.str.replace_all("&", "&amp;", literal=True).str.replace_all("<", "&lt;", literal=True)
                .str.replace_all(">", "&gt;", literal=True))

    lines = tokens.select(
        pl.concat_str([
            pl.when(pl.Series(new_doc) & (pl.int_range(pl.len()) > 0)).then(pl.lit("</s>\n</text>\n"))
            .when(pl.Series(new_s) & (pl.int_range(pl.len()) > 0)).then(pl.lit("</s>\n")).otherwise(pl.lit("")),
            pl.when(pl.Series(new_doc)).then(pl.concat_str([pl.lit('<text id="'), field("doc_id"), pl.lit('">\n')]))
            .otherwise(pl.lit("")),
            pl.when(pl.Series(new_s)).then(pl.lit("<s>\n")).otherwise(pl.lit("")),
            pl.concat_str([field("form"), field("upos"), field("lemma"), field("feats")], separator="\t"),
        ]).alias("line"))["line"]
    with path.open("w", encoding="utf-8") as out:
        out.write("\n".join(lines.to_list()))
        out.write("\n</s>\n</text>\n")


def cqp_session(cqp: Path, registry: Path, commands: list[str]) -> tuple[float, str]:
    """Run one cqp session (child mode); wall time and output."""
    script = "\n".join(commands) + "\n"
    start = time.perf_counter()
    done = subprocess.run([str(cqp), "-r", str(registry), "-c"], input=script, capture_output=True, text=True,
                          check=True)
    return time.perf_counter() - start, done.stdout


def cqp_time(cqp: Path, registry: Path, setup: list[str], job: list[str], repeat: int) -> float:
    """Seconds per run of ``job`` in a warm session (session with it × repeat − session without, / repeat)."""
    base = min(cqp_session(cqp, registry, setup)[0] for _ in range(3))
    full = min(cqp_session(cqp, registry, setup + job * repeat)[0] for _ in range(3))
    return max(full - base, 0.0) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(parser)
    parser.add_argument("--cwb", type=Path, default=os.environ.get("CWB_PREFIX"),
                        help="CWB install prefix (with bin/cqp, bin/cwb-encode, bin/cwb-makeall); or $CWB_PREFIX")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=RESULTS / "cqp.json")
    args = parser.parse_args()
    binaries = {b: Path(args.cwb or "/nonexistent") / "bin" / b for b in ("cqp", "cwb-encode", "cwb-makeall")}
    if not args.cwb or not all(p.exists() for p in binaries.values()):
        print("CWB not found: build it as ../shared/notes/cwb.md describes and pass --cwb PREFIX "
              "(or set CWB_PREFIX); benchmark skipped.", file=sys.stderr)
        sys.exit(0)

    work = Path(args.work or tempfile.mkdtemp(prefix="corpusling-cqp-"))
    work.mkdir(parents=True, exist_ok=True)
    tokens, documents, source = build_corpus(args)
    print(f"{tokens.height:,} words, {documents.height:,} documents", file=sys.stderr)

    # the same corpus on disk for both: a parsed folder and a VRT file
    folder = work / "parsed"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    vrt = work / "corpus.vrt"
    start = time.perf_counter()
    write_vrt(tokens, vrt)
    vrt_s = time.perf_counter() - start
    del tokens

    # index build: cwb-encode + cwb-makeall vs corpusling's load + dictionary encoding + byte offsets
    data, registry = work / "data", work / "registry"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    registry.mkdir(exist_ok=True)
    start = time.perf_counter()
    subprocess.run([str(binaries["cwb-encode"]), "-d", str(data), "-f", str(vrt), "-R", str(registry / NAME.lower()),
                    "-c", "utf8", "-xsB", "-P", "pos", "-P", "lemma", "-P", "feats", "-S", "s", "-S", "text:0+id"],
                   check=True, capture_output=True)
    encode_s = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([str(binaries["cwb-makeall"]), "-r", str(registry), "-V", NAME], check=True, capture_output=True)
    makeall_s = time.perf_counter() - start

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
    kwic_file = work / "kwic.txt"
    setup = [f"{NAME};", "set Context 5 words;", 'set PrintStructures "";']
    rows = []
    selective = query_module.SELECTIVE
    for name, ours, theirs in QUERIES:
        cq = f"A = {theirs} within s;"
        _, out = cqp_session(cqp, registry, [*setup, cq, "size A;"])
        cqp_hits = int(out.strip().splitlines()[-1])
        warm = [*setup, cq]
        cqp_query = cqp_time(cqp, registry, warm, [cq], 4 * args.repeat)
        cqp_kwic = cqp_time(cqp, registry, warm, [cq, f'cat A > "{kwic_file}";'], 4 * args.repeat)
        _, q_warm, hits = timed(lambda q=ours: count(tokens, q), args.repeat)
        _, k_warm, lines = timed(lambda q=ours: concordance(tokens, documents, q, width=5), args.repeat)
        _, f_warm, _ = timed(lambda q=ours: concordance(tokens, documents, q, width=5).write_csv(work / "kwic.csv"),
                             args.repeat)
        query_module.SELECTIVE = 0.0  # ablation: the first design, a full scan of the first word's codes
        _, scan_warm, _ = timed(lambda q=ours: count(tokens, q), args.repeat)
        query_module.SELECTIVE = selective
        rows.append({"query": name, "corpusling_query": ours, "cqp_query": f"{theirs} within s",
                     "hits_corpusling": hits, "hits_cqp": cqp_hits, "same_hits": hits == cqp_hits,
                     "corpusling_query_s": round(q_warm, 4), "cqp_query_s": round(cqp_query, 4),
                     "corpusling_query_without_postings_s": round(scan_warm, 4),
                     "ratio_query": round(q_warm / cqp_query, 3) if cqp_query else None,
                     "corpusling_kwic_s": round(k_warm, 4), "cqp_kwic_s": round(cqp_kwic, 4),
                     "ratio_kwic": round(k_warm / cqp_kwic, 3) if cqp_kwic else None,
                     "corpusling_kwic_to_csv_s": round(f_warm, 4),
                     "ratio_kwic_to_file": round(f_warm / cqp_kwic, 3) if cqp_kwic else None,
                     "kwic_lines": lines.height})
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)

    result = {
        "command": "python " + " ".join(sys.argv),
        "machine": machine(),
        "corpus": {"source": source, "words": tokens.height, "documents": documents.height},
        "vrt_export_s": round(vrt_s, 2),
        "build": {"cwb_encode_s": round(encode_s, 3), "cwb_makeall_s": round(makeall_s, 3),
                  "cwb_total_s": round(encode_s + makeall_s, 3),
                  "corpusling_load_s": round(load_s, 3), "corpusling_index_s": round(index_s, 3),
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

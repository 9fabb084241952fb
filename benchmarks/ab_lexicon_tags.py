"""Parsing with and without the lexicon check of parts of speech (``corpusling/nlp/lexicon_tags.py``),
alternated in one process.

    python benchmarks/ab_lexicon_tags.py     # 40 Wikinews articles, two rounds; then the check alone
"""

from __future__ import annotations

import time
from pathlib import Path

import stanza
from common import alternate_parse_step

from corpusling.nlp import lexicon_tags, pipeline
from corpusling.nlp.models import resolve
from corpusling.readers import read_corpus

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    start = time.perf_counter()
    lexicon_tags.retagging()
    print(f"the retagging table, built once per process: {time.perf_counter() - start:.2f} s")
    docs = read_corpus([ROOT / "corpora" / "wikinews-fr-2012" / "documents"]).documents[:40]
    model = resolve()
    nlp = pipeline.load_pipeline(model)
    alternate_parse_step(model, docs, "retag_documents", lambda documents: 0)
    batch = pipeline.paragraph_batches(docs)[0]
    tagged = nlp.process([stanza.Document([], text=text) for *_, text in batch], processors="tokenize,mwt,pos")
    start = time.perf_counter()
    changed = [lexicon_tags.retag_documents(tagged) for _ in range(5)]  # the first call retags, the others find
    print(f"the check alone: {(time.perf_counter() - start) / 5:.4f} s for a batch of",
          sum(len(text) for *_, text in batch), f"characters ({changed[0]} words retagged)")


if __name__ == "__main__":
    main()

"""Parsing with and without the sentence joins of ``corpusling/nlp/sentences.py``, alternated in one process.

    python benchmarks/ab_sentence_joins.py     # 40 Wikinews articles, two rounds; then the join alone on one batch
"""

from __future__ import annotations

import time
from pathlib import Path

import stanza
from common import alternate_parse_step

from corpusling.nlp import pipeline, sentences
from corpusling.nlp.models import resolve
from corpusling.readers import read_corpus

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    docs = read_corpus([ROOT / "corpora" / "wikinews-fr-2012" / "documents"]).documents[:40]
    model = resolve()
    nlp = pipeline.load_pipeline(model)
    alternate_parse_step(model, docs, "join_broken_sentences", lambda document: document)
    batch = pipeline.paragraph_batches(docs)[0]
    tokenized = nlp.process([stanza.Document([], text=text) for *_, text in batch], processors="tokenize,mwt")
    start = time.perf_counter()
    for _ in range(5):
        for document in tokenized:
            sentences.join_broken_sentences(document)
    print(f"the join alone: {(time.perf_counter() - start) / 5:.4f} s for a batch of",
          sum(len(text) for *_, text in batch), "characters")


if __name__ == "__main__":
    main()

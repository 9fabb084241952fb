"""Interleaved A/B: bare Stanza (one call per document) vs corpusling parse, same model, same process.

Rounds alternate the two so that load from other processes hits both alike; take the best round of each.
usage: python benchmarks/ab_parse.py   (20 Wikinews articles, compact model, 4 rounds)
"""

import time

from corpusling.api import parse, read
from corpusling.corpus import Corpus
from corpusling.nlp.models import resolve
from corpusling.nlp.pipeline import load_pipeline, parse_documents
from corpusling.normalise import for_parser

model = resolve("compact")
nlp = load_pipeline(model)
docs = read(["corpora/wikinews-fr-2012"]).documents[:20]
for _ in range(4):
    start = time.time()
    words = 0
    for doc in docs:
        out = nlp(for_parser(doc.text))
        words += sum(len(s.words) for s in out.sentences)
    bare = time.time() - start
    start = time.time()
    tables = parse_documents(model, docs)
    batched = time.time() - start
    start = time.time()
    parsed = parse(Corpus(docs), model=model, use_cache=False)
    ours = time.time() - start
    print(f"stanza {words / bare:.0f} w/s | parse_documents {sum(t.height for t in tables.values()) / batched:.0f} w/s"
          f" | api.parse {parsed.tokens.height / ours:.0f} w/s")

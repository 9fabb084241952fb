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

m = resolve("compact"); nlp = load_pipeline(m)
docs = read(["corpora/wikinews-fr-2012"]).documents[:20]
for r in range(4):
    t = time.time(); n = 0
    for d in docs:
        out = nlp(for_parser(d.text)); n += sum(len(s.words) for s in out.sentences)
    a = time.time() - t
    t = time.time(); tabs = parse_documents(m, docs); b = time.time() - t
    t = time.time(); p = parse(Corpus(docs), model=m, use_cache=False); c = time.time() - t
    print(f"stanza {n/a:.0f} w/s | parse_documents {sum(x.height for x in tabs.values())/b:.0f} w/s | api.parse {p.tokens.height/c:.0f} w/s")

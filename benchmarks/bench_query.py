"""Query and KWIC speed on a large token table, beside nltk's ConcordanceIndex on the same words.

    python benchmarks/bench_query.py --words 10000000

Writes benchmarks/results/query.json. "warm" = median of --repeat runs once the table is loaded
and its dictionary-encoded index built (the first run, which builds it, is reported apart).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS, add_corpus_arguments, build_corpus, machine, timed  # noqa: E402

from corpusling.concordance import concordance  # noqa: E402
from corpusling.query import index, query  # noqa: E402

QUERY = '[lemma="avoir" & upos="AUX"] [upos="VERB"]'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    add_corpus_arguments(parser)
    parser.add_argument("--out", type=Path, default=RESULTS / "query.json")
    args = parser.parse_args()
    tokens, documents, source = build_corpus(args)
    print(f"{tokens.height:,} words, {documents.height:,} documents", file=sys.stderr)

    start = time.perf_counter()
    idx = index(tokens)
    for attr in ("lemma", "upos", "form"):
        idx.encode(attr)
        idx.postings(attr)
    idx.texts(documents)
    index_s = time.perf_counter() - start

    q_first, q_warm, hits = timed(lambda: query(tokens, QUERY), args.repeat)
    k_first, k_warm, lines = timed(lambda: concordance(tokens, documents, QUERY, width=5), args.repeat)
    s_first, s_warm, _ = timed(lambda: concordance(tokens, documents, QUERY, width=5, sort="R1"), args.repeat)

    from nltk.text import ConcordanceIndex

    words = tokens["form"].to_list()
    start = time.perf_counter()
    nltk_index = ConcordanceIndex(words)
    nltk_build = time.perf_counter() - start
    start = time.perf_counter()
    nltk_lines = nltk_index.find_concordance("a", width=80)  # one word, no lemma/UPOS: nltk cannot say more
    nltk_query = time.perf_counter() - start
    del nltk_index, words

    result = {
        "command": "python " + " ".join(sys.argv),
        "machine": machine(),
        "corpus": {"source": source, "words": tokens.height, "documents": documents.height},
        "query": QUERY,
        "hits": hits.height,
        "corpusling": {
            "index_build_s": round(index_s, 4),
            "query_first_s": round(q_first, 4), "query_warm_s": round(q_warm, 4),
            "query_kwic_first_s": round(k_first, 4), "query_kwic_warm_s": round(k_warm, 4),
            "query_kwic_sorted_R1_warm_s": round(s_warm, 4), "kwic_lines": lines.height,
        },
        "nltk": {"concordance_index_build_s": round(nltk_build, 3),
                 "find_concordance_word_a_s": round(nltk_query, 3), "lines": len(nltk_lines),
                 "build_plus_query_s": round(nltk_build + nltk_query, 3)},
        "ratio_corpusling_query_kwic_over_nltk_build_plus_query": round(k_warm / (nltk_build + nltk_query), 4),
        "peak_rss_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

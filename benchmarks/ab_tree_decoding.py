"""A/B: parsing with corpusling's tree decoding (corpusling/nlp/tree_decoding.py: the greedy tree when it is the
answer, else Stanza's Chu-Liu/Edmonds steps with a fast cycle search) and with Stanza's decoder, one process.

    python benchmarks/ab_tree_decoding.py [--docs 30] [--rounds 3]

The model is loaded and warmed outside the clock; the two sides alternate (A B B A …) on the same
documents with the parse cache off; the token tables are checked identical. Prints words/s per side
and the ratio.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

WIKINEWS = Path(__file__).resolve().parent.parent / "corpora" / "wikinews-fr-2012" / "documents"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from stanza.models.depparse import model

    from corpusling.api import parse, read

    corpus = read(sorted(WIKINEWS.glob("*.html"))[: args.docs])
    parse(read(sorted(WIKINEWS.glob("*.html"))[:2]), model="compact", use_cache=False)  # load and warm
    fast_decode = model.chuliu_edmonds_one_root
    slow_decode = fast_decode.__wrapped__
    times = {"shortcut": [], "stanza": []}
    tables = {}
    order = ["shortcut", "stanza"]
    for number in range(args.rounds * 2):
        side = order[(number + number // 2) % 2]  # A B B A A B …
        model.chuliu_edmonds_one_root = fast_decode if side == "shortcut" else slow_decode
        start = time.perf_counter()
        parsed = parse(corpus, model="compact", use_cache=False)
        times[side].append(time.perf_counter() - start)
        tables[side] = parsed.tokens
    model.chuliu_edmonds_one_root = fast_decode
    words = tables["shortcut"].height
    assert tables["shortcut"].equals(tables["stanza"]), "the shortcut changed a parse"
    for side, values in times.items():
        print(f"{side}: {words / min(values):,.0f} words/s (best of {len(values)}; all: "
              + ", ".join(f"{v:.2f} s" for v in values) + ")")
    print(f"ratio shortcut / stanza (best times): {min(times['stanza']) / min(times['shortcut']):.3f}; "
          f"{words:,} words, identical token tables")


if __name__ == "__main__":
    main()

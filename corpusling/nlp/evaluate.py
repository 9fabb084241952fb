"""End-to-end evaluation of a parsing model on a UD treebank (``corpusling models evaluate``).

The raw text of the gold file (its ``# text`` lines; paragraph breaks from
``# newpar`` where present, as Stanza's own ``conllu_to_text`` builds it) goes
through corpusling's whole parsing path, and the output is scored with the
CoNLL 2018 shared-task evaluation that Stanza 1.15 uses (``udtools.udeval``).
``Mood=Cnd`` precision / recall / F1 is computed on words whose character spans
match between gold and system, since the conditional analysis depends on it.
The checks run after parsing (:data:`corpusling.nlp.morphology.CHECKS`: the lexicon
check of features and lemmas, the GSD conventions) are scored step by step from the
same parse (:data:`STEPS`), whichever the system output uses.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from corpusling.errors import InputError

METRICS = ["Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS"]


def raw_text(gold: Path) -> str:
    """The raw text Stanza's training scripts derive from a CoNLL-U file."""
    from stanza.utils.datasets.conllu_to_text import convert_text

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "raw.txt"
        convert_text(str(gold), str(out))
        return out.read_text(encoding="utf-8")


def feature_scores(gold_ud: Any, system_ud: Any, name: str = "Mood", value: str = "Cnd") -> dict[str, float]:
    """P / R / F1 of one feature value, on words with the same character span in gold and system."""
    def spans(ud: Any) -> set[tuple[int, int]]:
        return {(w.span.start, w.span.end) for w in ud.words if f"{name}={value}" in w.columns[5].split("|")}

    gold, system = spans(gold_ud), spans(system_ud)
    correct = len(gold & system)
    precision = correct / len(system) if system else 0.0
    recall = correct / len(gold) if gold else 0.0
    f1 = 2 * correct / (len(gold) + len(system)) if gold or system else 0.0
    return {"gold": len(gold), "system": len(system), "correct": correct,
            "precision": precision, "recall": recall, "f1": f1}


#: The steps scored from one parse: no check, the lexicon check, the lexicon check and the GSD
#: conventions (the conditional check runs after each).
STEPS: dict[str, tuple[str, ...]] = {"no check": (), "lexicon": ("lexicon",), "lexicon + gsd": ("lexicon", "gsd")}

#: The metrics the checks can move, scored for each step.
STEP_METRICS = ["UPOS", "UFeats", "Lemmas", "LAS"]


def evaluate(gold: Path, model: str | Path | None = None, keep: Path | None = None,
             checks: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Parse the raw text of ``gold`` with ``model`` and score it; returns metrics in percent.

    ``checks``: the checks of the system output (default: the pipeline's,
    :data:`corpusling.nlp.morphology.CHECKS`); ``"steps"`` holds the scores of each of :data:`STEPS`."""
    from udtools import udeval

    from corpusling import tokens as tok
    from corpusling.conllu import to_conllu
    from corpusling.corpus import Corpus, Document
    from corpusling.nlp.models import resolve
    from corpusling.nlp.morphology import check_conditionals, checks_on
    from corpusling.nlp.pipeline import parse_documents

    if not gold.exists():
        raise InputError(f"no treebank file {gold}")
    text = raw_text(gold)
    start = time.time()
    document = Document(doc_id=gold.stem, text=text)
    resolved = resolve(model)
    # the parser's own output (no cache, no morphological check), then the checks: all are scored
    tagger_only = tok.from_rows(parse_documents(resolved, [document])[document.doc_id])
    documents = Corpus([document]).documents_table()
    system_checks = checks_on(checks)
    checked = check_conditionals(tagger_only, checks=system_checks)
    seconds = time.time() - start
    with tempfile.TemporaryDirectory() as tmp:
        system_path = keep or Path(tmp) / "system.conllu"
        raw_path = Path(tmp) / "tagger-only.conllu"
        system_path.write_text(to_conllu(checked, documents), encoding="utf-8")
        raw_path.write_text(to_conllu(tagger_only, documents), encoding="utf-8")
        gold_ud = udeval.load_conllu_file(str(gold))
        system_ud = udeval.load_conllu_file(str(system_path))
        raw_ud = udeval.load_conllu_file(str(raw_path))
        try:
            scores = udeval.evaluate(gold_ud, system_ud)
        except udeval.UDError as err:
            raise InputError(f"the scorer refused the output: {str(err).splitlines()[0]}") from err
        steps = {}
        for label, step in STEPS.items():
            if step == system_checks:
                steps[label] = _step_scores(gold_ud, system_ud, scores)
                continue
            step_path = Path(tmp) / "step.conllu"
            step_path.write_text(to_conllu(check_conditionals(tagger_only, checks=step), documents), encoding="utf-8")
            step_ud = udeval.load_conllu_file(str(step_path))
            steps[label] = _step_scores(gold_ud, step_ud, udeval.evaluate(gold_ud, step_ud))
    result: dict[str, Any] = {"treebank": gold.name, "model": resolved.identity().get("name"),
                              "words": tagger_only.height, "seconds": round(seconds, 2),
                              "words_per_second": round(tagger_only.height / seconds) if seconds else None}
    result.update({m: round(scores[m].f1 * 100, 2) for m in METRICS})
    result["Mood=Cnd"] = _rounded(feature_scores(gold_ud, system_ud))
    for name, counts in features_scores(gold_ud, system_ud).items():
        result[f"feature {name}"] = _rounded(counts)
    result["Mood=Cnd tagger only"] = _rounded(feature_scores(gold_ud, raw_ud))
    result["UFeats tagger only"] = round(udeval.evaluate(gold_ud, raw_ud)["UFeats"].f1 * 100, 2)
    result["checks"] = list(system_checks)
    result["steps"] = steps
    return result


def _step_scores(gold_ud: Any, system_ud: Any, scores: Any) -> dict[str, Any]:
    step: dict[str, Any] = {m: round(scores[m].f1 * 100, 2) for m in STEP_METRICS}
    step["Mood=Cnd"] = _rounded(feature_scores(gold_ud, system_ud))
    for name, counts in features_scores(gold_ud, system_ud).items():
        step[f"feature {name}"] = _rounded(counts)
    return step


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in scores.items()}


#: Features the analyses read: scored one by one by :func:`features_scores`.
FEATURES = ["Mood", "Tense", "VerbForm", "Person", "Number"]


def features_scores(gold_ud: Any, system_ud: Any, names: list[str] | None = None) -> dict[str, dict[str, float]]:
    """P / R / F1 of each feature (every value together: a word's ``Tense=Past`` is right only when the gold
    word with the same character span has ``Tense=Past``), on words matched by span, as :func:`feature_scores`."""
    def values(ud: Any, name: str) -> set[tuple[int, int, str]]:
        found = set()
        for word in ud.words:
            for item in word.columns[5].split("|"):
                if item.startswith(f"{name}="):
                    found.add((word.span.start, word.span.end, item))
        return found

    scores = {}
    for name in names or FEATURES:
        gold, system = values(gold_ud, name), values(system_ud, name)
        correct = len(gold & system)
        scores[name] = {"gold": len(gold), "system": len(system), "correct": correct,
                        "precision": correct / len(system) if system else 0.0,
                        "recall": correct / len(gold) if gold else 0.0,
                        "f1": 2 * correct / (len(gold) + len(system)) if gold or system else 0.0}
    return scores


def pooled_feature(results: list[dict[str, Any]], key: str = "Mood=Cnd") -> dict[str, float]:
    """Pool feature counts over several treebanks (the target is on GSD + Sequoia test together)."""
    gold = sum(r[key]["gold"] for r in results)
    system = sum(r[key]["system"] for r in results)
    correct = sum(r[key]["correct"] for r in results)
    return {"gold": gold, "system": system, "correct": correct,
            "precision": round(correct / system, 4) if system else 0.0,
            "recall": round(correct / gold, 4) if gold else 0.0,
            "f1": round(2 * correct / (gold + system), 4) if gold + system else 0.0}


def format_table(results: list[dict[str, Any]]) -> str:
    """A Markdown table of the metrics, one row per treebank."""
    head = ["treebank", *METRICS, "Cnd P", "Cnd R", "Cnd F1", "words/s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        cnd = r["Mood=Cnd"]
        cells = [r["treebank"], *(f"{r[m]:.2f}" for m in METRICS), f"{cnd['precision']:.3f}",
                 f"{cnd['recall']:.3f}", f"{cnd['f1']:.3f}", str(r.get("words_per_second", ""))]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    features = ", ".join(
        f"{name} {pooled['precision']:.3f}/{pooled['recall']:.3f}"
        for name in FEATURES if f"feature {name}" in results[0]
        for pooled in [pooled_feature(results, f"feature {name}")])
    if features:
        lines.append(f"features the analyses read, P/R pooled over {len(results)} file(s): {features}")
    for key in ("Mood=Cnd", "Mood=Cnd tagger only"):
        pooled = pooled_feature(results, key)
        label = "with the morphological check" if key == "Mood=Cnd" else "tagger alone"
        lines.append(f"{key.split()[0]} pooled over {len(results)} file(s), {label}: P {pooled['precision']:.3f} "
                     f"R {pooled['recall']:.3f} F1 {pooled['f1']:.3f} "
                     f"({pooled['correct']} correct, {pooled['gold']} gold, {pooled['system']} predicted)")
    if all("steps" in r for r in results):
        lines += ["", *steps_table(results)]
    return "\n".join(lines)


def steps_table(results: list[dict[str, Any]]) -> list[str]:
    """Markdown lines: the scores of each step of the checks (:data:`STEPS`), from the same parse of each file."""
    head = ["treebank", "checks", *STEP_METRICS, "Cnd P", "Cnd R", *(f"{name} P/R" for name in FEATURES)]
    system = ", ".join(f"{r['treebank']}: {' + '.join(r['checks']) or 'none'}" for r in results)
    lines = [f"The checks after parsing, step by step, same parse (the system output above has {system}):",
             "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        for label, step in r["steps"].items():
            cells = [r["treebank"], label, *(f"{step[m]:.2f}" for m in STEP_METRICS),
                     f"{step['Mood=Cnd']['precision']:.3f}", f"{step['Mood=Cnd']['recall']:.3f}",
                     *(f"{step[f'feature {name}']['precision']:.3f}/{step[f'feature {name}']['recall']:.3f}"
                       for name in FEATURES)]
            lines.append("| " + " | ".join(cells) + " |")
    return lines

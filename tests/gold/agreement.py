"""Agreement between the two independent annotation passes of the gold, before adjudication.

Run from the project root: ``python tests/gold/agreement.py`` (prints a Markdown table);
``python tests/gold/agreement.py --set set3`` for the blind set3 (95 treebank texts,
``tests/gold/set3/pass_{a,b}/<id>.json``, same layers and measures), ``--set set4`` for set4,
``--set set5`` to ``--set set12`` for set5 to set12.

For each layer: how many items each pass has, span agreement as F1 of one pass against the
other (exact offsets; and, for hedges and reported speech whose boundaries are harder, any
overlap), and on the spans both found, the share with the same label and Cohen's kappa
(Cohen 1960); and who speaks (the quotation's ``source``, reported speech's ``source_resolved``),
the same person by :func:`score.same_speaker`. Wikinews articles:
``tests/gold/wikinews/pass_{a,b}/<id>.json``; UD conditionals: ``tests/gold/ud_conditionals/pass_{a,b}.json``
(items are fixed, so only labels are compared).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parent
sys.path.insert(0, str(GOLD))  # score.py beside this file
from score import FOLDER_SETS  # noqa: E402 (the article sets, named once)

#: Layer → the label field compared on matched spans.
LABELS = {"conditionals": "cls", "quotes": "kind", "hedges": "category", "reported": "kind"}


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of paired labels (1.0 when both passes use one label only and agree)."""
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _match(items_a: list[dict], items_b: list[dict], overlap: bool) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching: same offsets, or (``overlap``) the largest overlap."""
    pairs, used = [], set()
    for a in items_a:
        best, best_size = None, 0
        for j, b in enumerate(items_b):
            if j in used:
                continue
            if (a["start"], a["end"]) == (b["start"], b["end"]):
                best, best_size = j, float("inf")
                break
            size = min(a["end"], b["end"]) - max(a["start"], b["start"])
            if overlap and size > best_size:
                best, best_size = j, size
        if best is not None:
            used.add(best)
            pairs.append((a, items_b[best]))
    return pairs


#: Article sets with two passes ``<folder>/pass_{a,b}/<id>.json``: option value → (folder, name in the table).
SETS = {"wikinews": ("wikinews", "Wikinews"), **{name: (name, name) for name in FOLDER_SETS}}


def _ids(folder: str) -> list[str]:
    """The set's article ids: Wikinews from its split, the other sets from their documents."""
    if folder == "wikinews":
        split = json.loads((GOLD / "wikinews" / "split.json").read_text(encoding="utf-8"))
        return split["dev"] + split["blind"]
    return sorted(p.stem for p in (GOLD / folder / "documents").glob("*.*") if p.suffix in (".txt", ".html"))


def wikinews(subset: list[str] | None = None, folder: str = "wikinews", name: str = "Wikinews") -> list[dict]:
    """One row per layer and matching mode: counts, span F1, label agreement and kappa."""
    ids = subset or _ids(folder)
    rows = []
    for layer, label in LABELS.items():
        for overlap in ((False, True) if layer in ("hedges", "reported") else (False,)):
            n_a = n_b = matched = 0
            labels: list[tuple[str, str]] = []
            for doc in ids:
                a = json.loads((GOLD / folder / "pass_a" / f"{doc}.json").read_text(encoding="utf-8"))[layer]
                b = json.loads((GOLD / folder / "pass_b" / f"{doc}.json").read_text(encoding="utf-8"))[layer]
                pairs = _match(a, b, overlap)
                n_a, n_b, matched = n_a + len(a), n_b + len(b), matched + len(pairs)
                labels += [(x[label], y[label]) for x, y in pairs]
            f1 = 2 * matched / (n_a + n_b) if n_a + n_b else float("nan")
            same = sum(x == y for x, y in labels) / len(labels) if labels else float("nan")
            rows.append({"set": name, "layer": layer, "spans": "overlap" if overlap else "exact",
                         "pass A": n_a, "pass B": n_b, "matched": matched, "span F1": f1,
                         "same label": same, "kappa": kappa(labels)})
    return rows


#: Layer → (kinds whose speaker is compared, the speaker field).
SPEAKERS = {"quotes": (("direct", "mixed"), "source"), "reported": (("indirect", "according_to", "incise"),
                                                                   "source_resolved")}


def speakers(subset: list[str] | None = None, folder: str = "wikinews", name: str = "Wikinews") -> list[dict]:
    """Agreement on who speaks: on exactly matched items of the kinds that have a speaker, the same
    normalised name (``score.same_speaker``), counting two empty sources as agreeing."""
    from score import same_speaker

    ids = subset or _ids(folder)
    rows = []
    for layer, (kinds, field) in SPEAKERS.items():
        agree = total = 0
        for doc in ids:
            a = json.loads((GOLD / folder / "pass_a" / f"{doc}.json").read_text(encoding="utf-8"))[layer]
            b = json.loads((GOLD / folder / "pass_b" / f"{doc}.json").read_text(encoding="utf-8"))[layer]
            for x, y in _match(a, b, overlap=False):
                if x.get("kind") in kinds:
                    total += 1
                    agree += (not x.get(field) and not y.get(field)) or same_speaker(x.get(field), y.get(field))
        rows.append({"set": name, "layer": f"{layer}: {field}", "spans": "exact", "pass A": total,
                     "pass B": total, "matched": total, "span F1": float("nan"), "same label": agree / total,
                     "kappa": float("nan")})
    return rows


def ud_conditionals() -> dict:
    """Class agreement on the UD conditionals (the items are given: only labels differ)."""
    a = json.loads((GOLD / "ud_conditionals" / "pass_a.json").read_text(encoding="utf-8"))
    b = {x["item_id"]: x for x in json.loads((GOLD / "ud_conditionals" / "pass_b.json").read_text(encoding="utf-8"))}
    labels = [(str(x["cls"]), str(b[x["item_id"]]["cls"])) for x in a]
    same = sum(x == y for x, y in labels) / len(labels)
    return {"set": "UD French", "layer": "conditionals", "spans": "given", "pass A": len(a), "pass B": len(b),
            "matched": len(labels), "span F1": 1.0, "same label": same, "kappa": kappa(labels)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="wikinews",
                        help="wikinews (default: Wikinews and the UD conditionals), set3 to set12")
    args = parser.parse_args(argv)
    if args.set == "wikinews":
        rows = [*wikinews(), *speakers(), ud_conditionals()]
    else:
        folder, name = SETS[args.set]
        rows = [*wikinews(folder=folder, name=name), *speakers(folder=folder, name=name)]
    print("| set | layer | spans | pass A | pass B | matched | span F1 | same label | kappa |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['set']} | {r['layer']} | {r['spans']} | {r['pass A']} | {r['pass B']} | {r['matched']} | "
              f"{r['span F1']:.3f} | {r['same label']:.3f} | {r['kappa']:.3f} |")


if __name__ == "__main__":
    main()

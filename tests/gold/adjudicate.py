"""Merge the two independent annotation passes into the adjudicated gold.

Run from the project root: ``python3 tests/gold/adjudicate.py`` (Wikinews and the UD conditionals), or
``python3 tests/gold/adjudicate.py --set set3`` (the blind set3: 95 treebank texts, passes in
``tests/gold/set3/pass_{a,b}/``, texts in ``tests/gold/set3/documents/``, decisions in
``tests/gold/set3/decisions.json``, gold written to ``tests/gold/set3/gold/<id>.json``; same rules), or
``--set set4`` (the blind set of the third session: 20 Wikinews articles in ``tests/gold/set4/documents/``, their
text as corpusling's HTML reader gives it, the rest as set3).

Where passes A and B agree on an item (same span and same fields that matter, see ``FIELDS``),
the item is taken as it is (A's copy, notes included). Every disagreement must be settled by an
entry written by hand in a decisions file:

- ``tests/gold/wikinews/decisions.json``: Wikinews articles, layers conditionals, quotes,
  hedges and reported;
- ``tests/gold/ud_conditionals/decisions.json``: the UD conditionals.

A Wikinews disagreement ("cluster") is either an item both passes have with the same key
(offsets; for ``reported`` offsets and ``cue_start``) but different fields, or a group of items
only one pass has, grouped when their spans overlap (A's "quasiment tous" and B's "quasiment").
A decision names the cluster by ``doc``, ``layer`` and ``span`` (plus ``cue_start`` where two
reported items share a span) and says ``decision``:

- ``"A"`` / ``"B"``: keep that pass's items of the cluster (none if that pass has none);
- ``"drop"``: keep nothing;
- ``"corrected"``: start from ``base`` (``"A"`` or ``"B"``; for an item both passes agree on,
  either) and override the fields in ``set``, or give whole ``items``. A corrected decision may
  also name an item both passes agree on (a shared reading that contradicts the guide);
- ``"add"``: an item neither pass has (``items``).

Each decision has a one-line ``reason``. The script fails loudly when a disagreement has no
decision, when a decision names nothing or several clusters, when two decisions name the same
cluster, and when an item's ``text``/``form`` is not ``text[start:end]`` of the article.

Output: ``tests/gold/wikinews/gold/<id>.json`` (the passes' format, all four layers) and
``tests/gold/ud_conditionals/gold.json``; a table of the decisions is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parent
WIKINEWS = GOLD / "wikinews"
UD = GOLD / "ud_conditionals"
SET3 = GOLD / "set3"
#: Where the article texts are (the offsets index into them).
TEXTS = Path(os.environ.get("WIKINEWS_TEXTS", "/work/annotation/material/wikinews"))

LAYERS = ("conditionals", "quotes", "hedges", "reported")
#: The fields that must be equal for the two passes to agree on an item (notes and context don't).
FIELDS = {
    "conditionals": ("form", "cls", "compound", "tense", "main_lemma"),
    "quotes": ("text", "kind", "nested", "unbalanced", "source", "reporting_verb"),
    "hedges": ("text", "category"),
    "reported": ("kind", "text", "cue", "cue_start", "cue_end", "source", "source_resolved"),
}
LABELS = {
    ("conditionals", "cls"): {"reportive", "epistemic", "hypothetical", "future_in_past", "politeness_desire", "other"},
    ("quotes", "kind"): {"direct", "mixed", "scare"},
    ("hedges", "category"): {"approximator", "epistemic", "source", "unnamed_source", "booster"},
    ("reported", "kind"): {"indirect", "according_to", "incise"},
}
UD_FIELDS = ("is_conditional", "cls", "compound", "main_lemma")
DECISIONS = {"A", "B", "drop", "corrected", "add"}
#: The sets kept as ``tests/gold/<name>/`` with ``documents/``, ``pass_a/``, ``pass_b/`` and ``decisions.json``
#: (those of ``score.py``, which names them once).
sys.path.insert(0, str(GOLD))
from score import FOLDER_SETS as ARTICLE_SETS  # noqa: E402


class AdjudicationError(Exception):
    """A disagreement without a decision, a decision that names nothing, or a bad item."""


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _key(layer: str, item: dict) -> tuple:
    return (item["start"], item["end"]) + ((item["cue_start"],) if layer == "reported" else ())


def _same(layer: str, a: dict, b: dict) -> bool:
    return all(a.get(f) == b.get(f) for f in FIELDS[layer])


def _check_item(doc: str, layer: str, item: dict, text: str) -> None:
    """text[start:end] is the item's text (form for conditionals); labels are allowed values."""
    where = f"{doc} {layer} {item.get('start')}-{item.get('end')}"
    s, e = item["start"], item["end"]
    if not (0 <= s < e <= len(text)):
        raise AdjudicationError(f"{where}: span outside the text")
    expected = item["form"] if layer == "conditionals" else item["text"]
    if text[s:e] != expected:
        raise AdjudicationError(f"{where}: text[start:end] = {text[s:e]!r}, item says {expected!r}")
    for (lay, field), allowed in LABELS.items():
        if lay == layer and item.get(field) not in allowed:
            raise AdjudicationError(f"{where}: {field}={item.get(field)!r} not in {sorted(allowed)}")
    if layer == "reported":
        cs, ce = item["cue_start"], item["cue_end"]
        if not (0 <= cs < ce <= len(text)):
            raise AdjudicationError(f"{where}: cue span {cs}-{ce} outside the text")
        if not item.get("source") and item.get("source_resolved"):
            raise AdjudicationError(f"{where}: source_resolved without source")
    if layer == "conditionals" and item["compound"] != (item["tense"] == "past"):
        raise AdjudicationError(f"{where}: compound={item['compound']} but tense={item['tense']!r}")


def _clusters(layer: str, items_a: list[dict], items_b: list[dict]):
    """Agreed items, and the disagreements as clusters {"A": [...], "B": [...]}."""
    a_by = {}
    for x in items_a:
        a_by.setdefault(_key(layer, x), []).append(x)
    b_by = {}
    for x in items_b:
        b_by.setdefault(_key(layer, x), []).append(x)
    for side, by in (("A", a_by), ("B", b_by)):
        dups = [k for k, v in by.items() if len(v) > 1]
        if dups:
            raise AdjudicationError(f"{layer}: pass {side} has several items with key {dups}")
    agreed, clusters, only_a, only_b = [], [], [], []
    for k in sorted(set(a_by) | set(b_by)):
        a, b = a_by.get(k, [None])[0], b_by.get(k, [None])[0]
        if a and b:
            if _same(layer, a, b):
                agreed.append(a)
            else:
                clusters.append({"A": [a], "B": [b]})
        elif a:
            only_a.append(a)
        else:
            only_b.append(b)
    # Items only one pass has: group those whose spans overlap (union-find over A-only + B-only).
    loose = [("A", x) for x in only_a] + [("B", x) for x in only_b]
    parent = list(range(len(loose)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (_, x) in enumerate(loose):
        for j in range(i + 1, len(loose)):
            y = loose[j][1]
            if min(x["end"], y["end"]) > max(x["start"], y["start"]):
                parent[find(i)] = find(j)
    groups: dict[int, dict] = {}
    for i, (side, x) in enumerate(loose):
        groups.setdefault(find(i), {"A": [], "B": []})[side].append(x)
    clusters += list(groups.values())
    return agreed, clusters


def _matches(decision: dict, item: dict) -> bool:
    if [item["start"], item["end"]] != list(decision["span"]):
        return False
    return "cue_start" not in decision or item.get("cue_start") == decision["cue_start"]


def _corrected(decision: dict, base: dict | None) -> list[dict]:
    if "items" in decision:
        return [dict(x) for x in decision["items"]]
    if base is None:
        raise AdjudicationError(f"corrected decision without a base item or items: {decision}")
    item = dict(base)
    item.update(decision.get("set", {}))
    return [item]


def _texts(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Article id → its part (Wikinews dev / blind; every text of set3 or set4 its set's name), and id → text
    (Wikinews: the annotators' copies; set3: the text files with the final newline stripped; set4 to set12: the HTML
    articles as corpusling's reader gives them)."""
    if folder == WIKINEWS:
        split = _load(WIKINEWS / "split.json")
        parts = {d: "dev" for d in split["dev"]} | {d: "blind" for d in split["blind"]}
        return parts, {d: (TEXTS / f"{d}.txt").read_text(encoding="utf-8") for d in parts}
    if folder.name in ARTICLE_SETS and folder != SET3:  # (set4 on: HTML articles)
        from corpusling.readers import read_corpus

        documents = read_corpus([folder / "documents"]).documents
        return {d.doc_id: folder.name for d in documents}, {d.doc_id: d.text for d in documents}
    files = sorted((folder / "documents").glob("*.txt"))
    return ({p.stem: folder.name for p in files},
            {p.stem: p.read_text(encoding="utf-8").rstrip("\n") for p in files})


def wikinews(folder: Path = WIKINEWS) -> Counter:
    """Adjudicate an article set with two passes (Wikinews, or set3 with ``folder=SET3``)."""
    subset, texts = _texts(folder)
    decisions = _load(folder / "decisions.json")
    errors: list[str] = []
    for d in decisions:
        if d.get("decision") not in DECISIONS or not d.get("reason") or d.get("layer") not in LAYERS:
            errors.append(f"malformed decision: {d}")
        if d.get("decision") == "corrected" and "items" not in d and "set" not in d:
            errors.append(f"corrected decision needs set (with base A/B on a disagreement) or items: {d}")
    used = [0] * len(decisions)
    stats: Counter = Counter()
    outputs: dict[str, dict] = {}
    for doc in sorted(subset):
        text = texts[doc]
        pa = _load(folder / "pass_a" / f"{doc}.json")
        pb = _load(folder / "pass_b" / f"{doc}.json")
        gold: dict[str, list[dict]] = {}
        for layer in LAYERS:
            for side, p in (("A", pa), ("B", pb)):
                for item in p[layer]:
                    try:
                        _check_item(doc, layer, item, text)
                    except AdjudicationError as exc:
                        errors.append(f"pass {side}: {exc}")
            mine = [(i, d) for i, d in enumerate(decisions) if d.get("doc") == doc and d.get("layer") == layer]
            agreed, clusters = _clusters(layer, pa[layer], pb[layer])
            items: list[dict] = []
            taken: set[int] = set()
            for cluster in clusters:
                members = cluster["A"] + cluster["B"]
                hits = [(i, d) for i, d in mine if any(_matches(d, m) for m in members)]
                label = f"{doc} {layer} " + ", ".join(
                    f"{s} {m['start']}-{m['end']}" for s in "AB" for m in cluster[s])
                if not hits:
                    errors.append(f"NO DECISION for disagreement {label}")
                    continue
                if len(hits) > 1:
                    errors.append(f"several decisions for {label}: {[d['span'] for _, d in hits]}")
                    continue
                i, d = hits[0]
                used[i] += 1
                taken.add(i)
                kind = d["decision"]
                if kind in ("A", "B"):
                    items += [dict(x) for x in cluster[kind]]
                elif kind == "corrected":
                    if "items" not in d and d.get("base") not in ("A", "B"):
                        errors.append(f"corrected decision on a disagreement needs base A or B: {d}")
                        continue
                    base = cluster[d["base"]][0] if cluster.get(d.get("base")) else None
                    items += _corrected(d, base)
                elif kind == "drop":
                    pass
                else:
                    errors.append(f"decision {kind!r} on a disagreement: {d}")
                stats[(subset[doc], layer, kind)] += 1
            for item in agreed:
                hits = [(i, d) for i, d in mine if i not in taken and _matches(d, item)]
                if not hits:
                    items.append(dict(item))
                    continue
                if len(hits) > 1:
                    errors.append(f"several decisions for agreed {doc} {layer} {item['start']}-{item['end']}")
                    continue
                i, d = hits[0]
                used[i] += 1
                if d["decision"] == "corrected":
                    items += _corrected(d, item)
                elif d["decision"] == "drop":
                    pass
                else:
                    errors.append(f"decision {d['decision']!r} on an item both passes agree on: {d}")
                stats[(subset[doc], layer, "agreed→" + d["decision"])] += 1
            for i, d in mine:
                if d["decision"] == "add":
                    used[i] += 1
                    items += _corrected(d, None)
                    stats[(subset[doc], layer, "add")] += 1
            for item in items:
                try:
                    _check_item(doc, layer, item, text)
                except AdjudicationError as exc:
                    errors.append(f"gold: {exc}")
            keys = Counter(_key(layer, x) for x in items)
            errors += [f"gold {doc} {layer}: duplicate item {k}" for k, n in keys.items() if n > 1]
            gold[layer] = sorted(items, key=lambda x: (x["start"], x["end"], x.get("cue_start", 0)))
        outputs[doc] = gold
    errors += [f"decision names nothing (stale or mistyped): {d}"
               for d, n in zip(decisions, used, strict=True) if n == 0]
    errors += [f"decision used {n} times: {d}" for d, n in zip(decisions, used, strict=True) if n > 1]
    if errors:
        raise AdjudicationError("\n".join(errors))
    out_dir = folder / "gold"
    out_dir.mkdir(exist_ok=True)
    for doc, gold in outputs.items():
        (out_dir / f"{doc}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return stats


def ud_conditionals() -> Counter:
    items = _load(UD / "items.json")
    pa = {x["item_id"]: x for x in _load(UD / "pass_a.json")}
    pb = {x["item_id"]: x for x in _load(UD / "pass_b.json")}
    split = _load(UD / "split.json")["items"]
    decisions = {}
    errors: list[str] = []
    for d in _load(UD / "decisions.json"):
        if d["item_id"] in decisions:
            errors.append(f"two decisions for {d['item_id']}")
        if d.get("decision") not in ("A", "B", "corrected") or not d.get("reason"):
            errors.append(f"malformed decision: {d}")
        decisions[d["item_id"]] = d
    ids = [x["item_id"] for x in items]
    if set(ids) != set(pa) or set(ids) != set(pb) or len(set(ids)) != len(ids):
        errors.append("items.json, pass_a.json and pass_b.json do not hold the same item ids")
    stats: Counter = Counter()
    gold, used = [], set()
    allowed = LABELS[("conditionals", "cls")]
    for it in items:
        iid = it["item_id"]
        if it["sentence"][it["start"]:it["end"]] != it["form"]:
            found = it["sentence"][it["start"]:it["end"]]
            errors.append(f"{iid}: sentence[start:end] = {found!r} != form {it['form']!r}")
        a, b = pa.get(iid), pb.get(iid)
        if a is None or b is None:
            continue
        d = decisions.get(iid)
        agree = all(a[f] == b[f] for f in UD_FIELDS)
        if agree and d is None:
            row = a
        elif d is None:
            errors.append(f"NO DECISION for {iid}: " + ", ".join(
                f"{f} A={a[f]!r} B={b[f]!r}" for f in UD_FIELDS if a[f] != b[f]))
            continue
        else:
            used.add(iid)
            if d["decision"] == "A":
                row = a
            elif d["decision"] == "B":
                row = b
            else:
                row = dict(a if d.get("base", "A") == "A" else b)
                row.update(d.get("set", {}))
            stats[(split[iid], "conditionals", ("agreed→" if agree else "") + d["decision"])] += 1
        row = {k: row[k] for k in ("item_id", "is_conditional", "cls", "compound", "main_lemma", "note")}
        if row["is_conditional"] and row["cls"] not in allowed:
            errors.append(f"{iid}: cls {row['cls']!r} not allowed")
        if not row["is_conditional"] and row["cls"] is not None:
            errors.append(f"{iid}: not a conditional but cls={row['cls']!r}")
        gold.append(row)
    errors += [f"decision names no item: {d}" for iid, d in decisions.items() if iid not in used]
    if errors:
        raise AdjudicationError("\n".join(errors))
    (UD / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return stats


def counts() -> None:
    """Gold items per layer and label (Wikinews dev / blind; UD dev / blind)."""
    split = _load(WIKINEWS / "split.json")
    label = {"conditionals": "cls", "quotes": "kind", "hedges": "category", "reported": "kind"}
    print("\n| set | layer | label | dev | blind | all |\n| --- | --- | --- | ---: | ---: | ---: |")
    for layer in LAYERS:
        c: Counter = Counter()
        for part in ("dev", "blind"):
            for doc in split[part]:
                for x in _load(WIKINEWS / "gold" / f"{doc}.json")[layer]:
                    c[(part, x[label[layer]])] += 1
        for lab in sorted({k[1] for k in c}):
            total = c["dev", lab] + c["blind", lab]
            print(f"| Wikinews | {layer} | {lab} | {c['dev', lab]} | {c['blind', lab]} | {total} |")
        print(f"| Wikinews | {layer} | **all** | {sum(v for k, v in c.items() if k[0] == 'dev')} | "
              f"{sum(v for k, v in c.items() if k[0] == 'blind')} | {sum(c.values())} |")
    ud_split = _load(UD / "split.json")["items"]
    c = Counter((ud_split[x["item_id"]], str(x["cls"])) for x in _load(UD / "gold.json"))
    for lab in sorted({k[1] for k in c}):
        total = c["dev", lab] + c["blind", lab]
        print(f"| UD | conditionals | {lab} | {c['dev', lab]} | {c['blind', lab]} | {total} |")
    print(f"| UD | conditionals | **all** | {sum(v for k, v in c.items() if k[0] == 'dev')} | "
          f"{sum(v for k, v in c.items() if k[0] == 'blind')} | {sum(c.values())} |")


def counts_set3(folder: Path = SET3) -> None:
    """Gold items of set3 per layer and label (er_* L'Est Républicain, gsd_* GSD), or of set4 (one column)."""
    label = {"conditionals": "cls", "quotes": "kind", "hedges": "category", "reported": "kind"}
    ids = sorted(p.stem for p in (folder / "gold").glob("*.json"))
    parts = ("er", "gsd") if folder == SET3 else (folder.name,)
    print(f"\n| set | layer | label | {' | '.join(parts)} | all |\n| --- | --- | --- |{' ---: |' * (len(parts) + 1)}")
    for layer in LAYERS:
        c: Counter = Counter()
        for doc in ids:
            for x in _load(folder / "gold" / f"{doc}.json")[layer]:
                c[(doc.split("_")[0] if folder == SET3 else folder.name, x[label[layer]])] += 1
        for lab in sorted({k[1] for k in c}):
            cells = " | ".join(str(c[part, lab]) for part in parts)
            print(f"| {folder.name} | {layer} | {lab} | {cells} | {sum(c[part, lab] for part in parts)} |")
        cells = " | ".join(str(sum(v for k, v in c.items() if k[0] == part)) for part in parts)
        print(f"| {folder.name} | {layer} | **all** | {cells} | {sum(c.values())} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("wikinews", *ARTICLE_SETS),
                        default="wikinews",
                        help="wikinews (default: Wikinews and the UD conditionals), set3 to set12")
    args = parser.parse_args(argv)
    try:
        if args.set in ARTICLE_SETS:
            stats = wikinews(GOLD / args.set)
        else:
            stats = wikinews()
            stats.update({("UD " + k[0],) + k[1:]: v for k, v in ud_conditionals().items()})
    except AdjudicationError as exc:
        print("ADJUDICATION FAILED:\n" + str(exc), file=sys.stderr)
        return 1
    print("| set | layer | decision | n |\n| --- | --- | --- | ---: |")
    for k in sorted(stats):
        print(f"| {k[0]} | {k[1]} | {k[2]} | {stats[k]} |")
    print(f"| **all** | | | {sum(stats.values())} |")
    counts_set3(GOLD / args.set) if args.set in ARTICLE_SETS else counts()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scores of the analyses on the adjudicated gold of 2026-12 (development and blind sets).

Run from the project root::

    python tests/gold/score.py                  # development: Wikinews (both halves), the released sets, UD dev items
    python tests/gold/score.py --errors quotes  # every development error of one layer, in context
    python tests/gold/score.py --blind          # and the blind set (BLIND_SETS) and the UD blind conditionals
                                                # (record the date; never tune on them, never read their errors)

Subsets: ``dev`` (the first Wikinews half and the UD development items), ``blind`` (the second Wikinews
half, the first blind set, released to development on 2026-12-06; its UD items stay blind), ``set3``
(95 treebank texts, blind until 2026-12-06 12:40 UTC, then released to development), ``set4`` (the 20
WikinewsKeyphraseCorpus articles the project lacked: blind from the third session of 2026-12-06, scored once at
14:39 UTC, released to development at 15:43 UTC), ``set5`` (40 French Wikinews articles of 2016-2018 from
the WiNER-fr collection: blind from 15:43, scored once at 16:37 UTC, released to development at 16:38 UTC)
``set6`` (40 other articles of the same collection: blind from 16:38 UTC, scored once at 17:13 UTC, released to
development at the start of the fifth session), ``set7`` (40 more WiNER-fr articles, a third hash: blind from 18:02
UTC, scored once at 18:32 UTC, released to development at 18:35 UTC), ``set8`` (40 more, a fourth hash: blind from
18:35 UTC, scored once at 19:06 UTC, released at 19:09 UTC), ``set9`` (40 more, a fifth hash: blind from 19:09 UTC,
scored once at 19:28 UTC, released at 19:40 UTC), ``set10`` (40 more, a sixth hash: blind from 19:40 UTC, scored
once at 19:55 UTC, released at the start of the sixth session) ``set11`` (40 more, a seventh hash: blind from 20:30 UTC,
scored once at 21:03 UTC, released at 21:07 UTC), ``set12`` (40 more, an eighth hash: blind from 21:07 UTC, sixth
session, scored at 21:42 UTC and again at 23:30 UTC after the seventh session's learned models, released at 23:31 UTC),
``set13`` (40 more, a ninth hash: blind from 22:40 UTC, scored once at 23:30 UTC, released at 23:31 UTC),
``set14`` (40 more, a tenth hash: blind from 23:31 UTC, seventh session, scored at 00:22 and again at 00:40 UTC on
2026-12-07 with the same figures, released at 01:30 UTC, eighth session), ``set15`` (40 more, an eleventh hash:
blind from 01:30 UTC, scored at 01:42 UTC with the ninth round's rules and at 02:45 UTC after the tenth, released at
02:50 UTC), ``set16`` (40 more, a twelfth hash: blind from 02:50 UTC, scored at 03:22 and again at 03:30 UTC
with the same figures, released at 04:18 UTC, ninth session), ``set17`` (40 more, a thirteenth hash: blind from
04:18 UTC, scored once at 04:36 UTC, released at 04:42 UTC), ``set18`` (40 more, a fourteenth hash: blind from
04:42 UTC, scored once at 04:52 UTC, released at 04:54 UTC), ``set19`` (40 more, a fifteenth hash: blind from
05:00 UTC, scored at 05:11, 05:48 and 06:39 UTC with the same figures, released at 07:12 UTC, tenth session) and
``set20`` (the last 25 unread WiNER-fr articles of 150-800 words: blind from 07:11 UTC of 2026-12-07, tenth
session, scored at 07:22, 07:46, 08:05, 08:13, 08:34, 08:41, 09:18 and, eleventh session, 10:09 and 10:10 UTC, released
at 10:11 UTC), ``set21`` (28 news articles of 2018-2019 in French translation from NTREX-128, one sentence per
paragraph: blind from 10:09 UTC of 2026-12-07, eleventh session, scored at 10:09, 10:10, 10:21, 11:11 and, twelfth
session, 12:22 UTC with the same figures, released at 12:23 UTC; see ``set21/LICENSE.md``) and ``set22`` (28 more
NTREX-128 articles, drawn at 12:21 UTC of 2026-12-07 before anyone read them: the blind set, scored at 12:43 UTC
with the eleventh session's rules and a crash fix of reported speech, then at 12:45, 13:03, 13:06, 13:20,
13:30 and 13:56 UTC, released at 15:13 UTC on the thirteenth session's start, never read before;
``set22/LICENSE.md``) and ``set23`` (28 more NTREX-128 articles, drawn at 15:12 UTC of 2026-12-07 before anyone read
them: the blind set, scored at 15:30 UTC with the twelfth session's rules, then at 15:52, 16:22 and 16:59 UTC with the
same figures, released at 17:57 UTC on the fourteenth session's start, never read before; ``set23/LICENSE.md``) and
``set24`` (the last 24 NTREX-128 articles of 150-800 words, drawn at 17:53 UTC of 2026-12-07 before anyone read
them: the blind set, scored at 18:14 UTC with the thirteenth session's rules, then at 18:33, 19:02, 19:11 and 19:42 UTC;
``set24/LICENSE.md``) and ``set25`` (12 of the 20 unread WiNER-fr articles of 801-1,500 words, drawn at 03:10 UTC of
2026-12-08 before anyone read them: the second blind set, of the issue's own genre; ``set25/LICENSE.md``) and
``set26`` (the other 8, drawn at 03:31 UTC of 2026-12-08 before anyone read them; ``set26/LICENSE.md``).

Wikinews (``tests/gold/wikinews/gold/<id>.json``, split in ``split.json``) is scored end to end:
the HTML articles are parsed with the bundled model, as a user's corpus would be. UD conditionals
(``tests/gold/ud_conditionals/``) are scored on the treebanks' own trees (``sentences.conllu``, one
document per sentence), so that the class is measured apart from parsing errors.

Measures, per set (the number of gold items in brackets):

* conditionals: detection P / R / F1 on exact offsets of the verb; class accuracy on the found ones;
* hedges: P / R / F1 with a predicted span counting when it overlaps a gold span of the same
  category family (the guide's five: approximator, epistemic, source, unnamed_source, booster),
  and the same on any category;
* quotations: span F1 on exact offsets; kind accuracy on matched spans; speaker accuracy of direct
  quotations whose gold gives a source: the predicted speaker (``speaker`` where the analysis has
  it, else ``source``) names the same person (one normalised name contains the other, or both end
  with the same surname).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import polars as pl

GOLD = Path(__file__).resolve().parent
ROOT = GOLD.parent.parent
WIKINEWS = ROOT / "corpora" / "wikinews-fr-2012" / "documents"
#: The sets kept in ``tests/gold/<name>/`` with ``documents/`` and ``gold/`` folders, in the order they were
#: annotated (set3: 95 texts of ten treebank sentences; set4: 20 Wikinews articles of 2012; set5 to set19: 40
#: WiNER-fr articles of 2016-2018 each, set20: 25; set21, set22 and set23: 28 NTREX-128 articles in French
#: translation each, set24: 24; set25 and set26: 12 and 8 WiNER-fr articles of 801-1,500 words; dates in the
#: docstring above and in ``tests/gold/README.md``).
FOLDER_SETS = ("set3", "set4", "set5", "set6", "set7", "set8", "set9", "set10", "set11", "set12", "set13",
               "set14", "set15", "set16", "set17", "set18", "set19", "set20", "set21",
               "set22", "set23", "set24", "set25", "set26")
#: The blind sets: their errors are never listed (the UD blind items' neither).
BLIND_SETS = ("set24", "set25", "set26")
#: Subsets whose errors may be read.
DEVELOPMENT = ("dev", "blind", *(name for name in FOLDER_SETS if name not in BLIND_SETS))

#: The system's hedge categories → the guide's (§3).
HEDGE_FAMILY = {"approximator": "approximator", "epistemic_adverb": "epistemic", "epistemic_verb": "epistemic",
                "source_marker": "source", "unnamed_source": "unnamed_source", "booster": "booster"}


def split() -> dict[str, list[str]]:
    return json.loads((GOLD / "wikinews" / "split.json").read_text(encoding="utf-8"))


def set_ids(name: str) -> list[str]:
    """The documents of one of :data:`FOLDER_SETS` that have an adjudicated gold."""
    return sorted(p.stem for p in (GOLD / name / "gold").glob("*.json"))


def set4_ids() -> list[str]:
    return set_ids("set4")


def subset_ids(subset: str) -> list[str]:
    """The documents of a subset."""
    return set_ids(subset) if subset in FOLDER_SETS else split()[subset]


def gold_folder(subset: str = "dev") -> Path:
    """The adjudicated gold of a subset (Wikinews falls back to pass A while adjudication is under way)."""
    if subset in FOLDER_SETS:
        return GOLD / subset / "gold"
    folder = GOLD / "wikinews" / "gold"
    return folder if folder.is_dir() else GOLD / "wikinews" / "pass_a"


def gold_items(layer: str, ids: list[str], subset: str = "dev") -> pl.DataFrame:
    rows = []
    for doc in ids:
        for item in json.loads((gold_folder(subset) / f"{doc}.json").read_text(encoding="utf-8"))[layer]:
            rows.append({"doc_id": doc, "start_char": item["start"], "end_char": item["end"],
                         **{k: (str(v) if v is not None else None) for k, v in item.items()
                            if k not in ("start", "end")}})
    return pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame(
        {"doc_id": [], "start_char": [], "end_char": []}, schema={"doc_id": pl.String, "start_char": pl.Int64,
                                                                 "end_char": pl.Int64})


def texts(subset: str) -> Path:
    """The folder of the subset's texts: the Wikinews HTML articles, the set3 text files, the articles of set4,
    set5 onwards."""
    return GOLD / subset / "documents" if subset in FOLDER_SETS else WIKINEWS


@lru_cache(maxsize=3)
def parsed(folder: Path):  # noqa: ANN201 - a ParsedCorpus
    from corpusling.api import parse, read

    return parse(read([folder]), model="compact")


def parsed_wikinews():  # noqa: ANN201 - a ParsedCorpus
    return parsed(WIKINEWS)


@lru_cache(maxsize=3)
def predictions(folder: Path = WIKINEWS) -> dict[str, pl.DataFrame]:
    from corpusling.markers.conditional import conditionals
    from corpusling.markers.hedges import hedges
    from corpusling.markers.quotes import quotes

    corpus = parsed(folder)
    found_quotes = quotes(corpus.tokens, corpus.documents)
    return {"quotes": found_quotes,
            "conditionals": conditionals(corpus.tokens, corpus.documents, found_quotes),
            "hedges": hedges(corpus.tokens, corpus.documents, quotes=found_quotes)}


def _in(frame: pl.DataFrame, ids: list[str]) -> pl.DataFrame:
    return frame.with_columns(pl.col("doc_id").cast(pl.String)).filter(pl.col("doc_id").is_in(ids))


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def conditional_scores(ids: list[str], subset: str = "dev") -> dict[str, float]:
    gold = gold_items("conditionals", ids, subset)
    pred = _in(predictions(texts(subset))["conditionals"], ids).select("doc_id", "start_char", "end_char", "class")
    both = gold.join(pred, on=["doc_id", "start_char", "end_char"], how="inner")
    return {"items": gold.height, "found": pred.height, "matched": both.height,
            **_prf(both.height, pred.height, gold.height),
            "class_accuracy": (both["cls"] == both["class"]).mean() if both.height else 0.0}


def _overlaps(pred: pl.DataFrame, gold: pl.DataFrame, same: str | None) -> tuple[int, int]:
    """(predicted spans overlapping a gold span, gold spans overlapped by a predicted span)."""
    pairs = pred.join(gold, on="doc_id", suffix="_gold").filter(
        (pl.col("start_char") < pl.col("end_char_gold")) & (pl.col("start_char_gold") < pl.col("end_char")))
    if same:
        pairs = pairs.filter(pl.col(same) == pl.col(f"{same}_gold"))
    return (pairs.select("doc_id", "start_char", "end_char").unique().height,
            pairs.select("doc_id", "start_char_gold", "end_char_gold").unique().height)


def hedge_scores(ids: list[str], subset: str = "dev") -> dict[str, float]:
    gold = gold_items("hedges", ids, subset).select("doc_id", "start_char", "end_char",
                                                    pl.col("category").alias("family"))
    pred = (_in(predictions(texts(subset))["hedges"], ids)
            .with_columns(pl.col("category").cast(pl.String).replace_strict(HEDGE_FAMILY, default=None)
                          .alias("family"))
            .filter(pl.col("family").is_not_null()).select("doc_id", "start_char", "end_char", "family"))
    p_same, g_same = _overlaps(pred, gold, "family")
    p_any, g_any = _overlaps(pred, gold, None)
    same = {"precision": p_same / pred.height if pred.height else 0.0,
            "recall": g_same / gold.height if gold.height else 0.0}
    same["f1"] = 2 * same["precision"] * same["recall"] / (same["precision"] + same["recall"]) \
        if same["precision"] + same["recall"] else 0.0
    return {"items": gold.height, "found": pred.height, **same,
            "any_category_precision": p_any / pred.height if pred.height else 0.0,
            "any_category_recall": g_any / gold.height if gold.height else 0.0}


def normalise_name(name: str | None) -> str:
    """Lower case, no accents, no leading determiner or title punctuation: for comparing speakers."""
    if not name:
        return ""
    # (the typographic apostrophe first: dropped with the accents, it would glue "l’AFP" into one word)
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"^(le|la|les|l|un|une|des|du|de|d)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """One normalised name contains the other as whole words, or both end with the same surname ("V. Sapounov",
    "Valentine Sapounov")."""
    a, b = normalise_name(predicted), normalise_name(gold)
    if not (a and b):
        return False
    last_a, last_b = a.split()[-1], b.split()[-1]
    # whole words only: "il" is not in "gilles eric seralini"
    return f" {a} " in f" {b} " or f" {b} " in f" {a} " or (last_a == last_b and len(last_a) >= 3)


def quote_scores(ids: list[str], subset: str = "dev") -> dict[str, float]:
    gold = gold_items("quotes", ids, subset)
    found = _in(predictions(texts(subset))["quotes"], ids)
    speaker = "speaker" if "speaker" in found.columns else "source"
    pred = found.select("doc_id", "start_char", "end_char", pl.col("kind").cast(pl.String).alias("predicted_kind"),
                        pl.col(speaker).alias("predicted_speaker"))
    both = gold.join(pred, on=["doc_id", "start_char", "end_char"], how="inner")
    attributed = both.filter((pl.col("kind") == "direct") & pl.col("source").is_not_null())
    right = sum(same_speaker(p, g) for p, g in zip(attributed["predicted_speaker"], attributed["source"],
                                                   strict=True))
    return {"items": gold.height, "found": pred.height, "matched": both.height,
            **_prf(both.height, pred.height, gold.height),
            "kind_accuracy": (both["kind"] == both["predicted_kind"]).mean() if both.height else 0.0,
            "speakers": attributed.height, "speaker_accuracy": right / attributed.height if attributed.height else 0.0}


def reported_scores(ids: list[str], subset: str = "dev") -> dict[str, float]:
    """Reported speech: content spans matched by overlap (each gold item to its most overlapping prediction),
    P / R / F1, kind accuracy and speaker accuracy (``speaker`` against the gold ``source_resolved``)."""
    from corpusling.markers.reported import reported

    gold = gold_items("reported", ids, subset).with_row_index("_g")
    corpus = parsed(texts(subset))
    found = predictions(texts(subset))
    pred = _in(reported(corpus.tokens, corpus.documents, found["quotes"], found["hedges"]), ids).with_row_index("_p")
    pairs = (gold.join(pred, on="doc_id", suffix="_pred")
             .with_columns((pl.min_horizontal("end_char", "end_char_pred")
                            - pl.max_horizontal("start_char", "start_char_pred")).alias("_overlap"))
             .filter(pl.col("_overlap") > 0)
             .sort(["_overlap", "_p"], descending=[True, False]))  # (ties to the first prediction: deterministic)
    best = pairs.unique("_g", keep="first", maintain_order=True)
    matched_pred = pairs.select("_p").unique().height
    attributed = best.filter(pl.col("source_resolved").is_not_null())
    right = sum(same_speaker(p, g) for p, g in zip(attributed["speaker"], attributed["source_resolved"], strict=True))
    return {"items": gold.height, "found": pred.height, "matched": best.height,
            "precision": matched_pred / pred.height if pred.height else 0.0,
            "recall": best.height / gold.height if gold.height else 0.0,
            "f1": 2 * matched_pred * best.height / (matched_pred * gold.height + best.height * pred.height)
            if matched_pred and best.height else 0.0,
            "kind_accuracy": (best["kind"] == best["kind_pred"]).mean() if best.height else 0.0,
            "speakers": attributed.height, "speaker_accuracy": right / attributed.height if attributed.height else 0.0}


@lru_cache(maxsize=1)
def ud_predictions() -> pl.DataFrame:
    """The conditionals analysis on the gold trees of the UD sentences, with each row's word number."""
    from corpusling.api import parse, read
    from corpusling.markers.conditional import conditionals

    corpus = parse(read([GOLD / "ud_conditionals" / "sentences.conllu"]))
    found = conditionals(corpus.tokens, corpus.documents)
    words = corpus.tokens.select(pl.col("doc_id").cast(pl.String), "start_char", "word_id")
    return found.with_columns(pl.col("doc_id").cast(pl.String)).join(words, on=["doc_id", "start_char"])


def ud_scores(subset: str) -> dict[str, float]:
    items = json.loads((GOLD / "ud_conditionals" / "split.json").read_text(encoding="utf-8"))["items"]
    labels = {g["item_id"]: g for g in json.loads(_ud_gold().read_text(encoding="utf-8"))}
    gold = pl.DataFrame([{"doc_id": i.rsplit(":", 1)[0], "word_id": int(i.rsplit(":", 1)[1]), "cls": g["cls"]}
                         for i, g in labels.items() if items[i] == subset and g["is_conditional"]])
    pred = ud_predictions().select("doc_id", pl.col("word_id").cast(pl.Int64), "class")
    both = gold.join(pred, on=["doc_id", "word_id"], how="inner")
    found = pred.filter(pl.col("doc_id").is_in(gold["doc_id"].unique().to_list())).height
    return {"items": gold.height, "found": found, "matched": both.height, **_prf(both.height, found, gold.height),
            "class_accuracy": (both["cls"] == both["class"]).mean() if both.height else 0.0}


def _ud_gold() -> Path:
    adjudicated = GOLD / "ud_conditionals" / "gold.json"
    return adjudicated if adjudicated.exists() else GOLD / "ud_conditionals" / "pass_a.json"


def scores(subset: str, ud: bool = True) -> dict[str, dict[str, float]]:
    """Every figure of a subset (module docstring); ``ud=False`` leaves out the UD conditionals of "dev" or
    "blind" (the UD blind items, which the development printout does not show)."""
    if subset in FOLDER_SETS:
        ids = subset_ids(subset)
        return {f"conditionals ({subset})": conditional_scores(ids, subset),
                "hedges": hedge_scores(ids, subset),
                "quotations": quote_scores(ids, subset),
                "reported speech": reported_scores(ids, subset)}
    ids = split()[subset]
    return {"conditionals (Wikinews)": conditional_scores(ids),
            **({"conditionals (UD trees)": ud_scores(subset)} if ud else {}),
            "hedges": hedge_scores(ids),
            "quotations": quote_scores(ids),
            "reported speech": reported_scores(ids)}


#: Measure → the count it is a proportion of (for its interval).
DENOMINATOR = {"precision": "found", "recall": "items", "class_accuracy": "matched", "kind_accuracy": "matched",
               "speaker_accuracy": "speakers"}


def wilson(share: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval (95 % by default) of a proportion ``share`` of ``n`` items (Wilson 1927;
    Brown, Cai & DasGupta 2001): the interval to print beside a figure measured on few items."""
    if n == 0:
        return (float("nan"), float("nan"))
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * (share * (1 - share) / n + z * z / (4 * n * n)) ** 0.5
    return (max(0.0, centre - half), min(1.0, centre + half))


def _printed(values: dict[str, float], intervals: bool) -> str:
    cells = []
    for k, v in values.items():
        cell = f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
        if intervals and k in DENOMINATOR and DENOMINATOR[k] in values:
            low, high = wilson(v, int(values[DENOMINATOR[k]]))
            cell += f" [{low:.2f}–{high:.2f}]"
        cells.append(cell)
    return ", ".join(cells)


def _context(text: str, start: int, end: int, width: int = 160) -> str:
    show = f"{text[max(0, start - width):start]}[[{text[start:end]}]]{text[end:end + width // 2]}"
    return show.replace("\n", " ¶ ")


def errors(layer: str, subset: str) -> list[str]:
    """Every disagreement between gold and analysis in one layer of a development subset, in context: what a
    rule writer reads. Refuses the blind sets."""
    if subset not in DEVELOPMENT:
        raise SystemExit(f"score.py: {subset} is blind: its errors are never read")
    ids = subset_ids(subset)
    folder = texts(subset)
    corpus = parsed(folder)
    text_of = dict(zip(corpus.documents["doc_id"].cast(pl.String), corpus.documents["text"], strict=True))
    gold = gold_items(layer, ids, subset)
    found = predictions(folder)
    if layer == "reported":
        from corpusling.markers.reported import reported
        pred = reported(corpus.tokens, corpus.documents, found["quotes"], found["hedges"])
    else:
        pred = found[layer]
    pred = _in(pred, ids)
    label = {"conditionals": ("cls", "class"), "quotes": ("kind", "kind"), "hedges": ("category", "category"),
             "reported": ("kind", "kind")}[layer]
    pairs = (gold.with_row_index("_g").join(pred.with_row_index("_p"), on="doc_id", suffix="_pred")
             .filter((pl.col("start_char") < pl.col("end_char_pred"))
                     & (pl.col("start_char_pred") < pl.col("end_char"))))
    lines = []
    for row in gold.with_row_index("_g").filter(~pl.col("_g").is_in(pairs["_g"].implode())).iter_rows(named=True):
        context = _context(text_of[row["doc_id"]], row["start_char"], row["end_char"])
        lines.append(f"MISSED {row['doc_id']} {row[label[0]]} source={row.get('source') or row.get('source_resolved')}"
                     f" note={row.get('note')}\n    {context}")
    for row in pred.with_row_index("_p").filter(~pl.col("_p").is_in(pairs["_p"].implode())).iter_rows(named=True):
        lines.append(f"EXTRA {row['doc_id']} {row[label[1]]} rule={row.get('rule')}"
                     f"\n    {_context(text_of[str(row['doc_id'])], row['start_char'], row['end_char'])}")
    speaker = "speaker" if "speaker" in pred.columns else "source"
    gold_speaker = "source_resolved" if layer == "reported" else "source"
    for row in pairs.unique("_g", keep="first").iter_rows(named=True):
        wrong = []
        if str(row[label[0]]) != str(row[f"{label[1]}_pred" if label[0] == label[1] else label[1]]) \
                and layer != "hedges":
            wrong.append("label")
        if layer == "hedges" and HEDGE_FAMILY.get(str(row["category_pred"])) != row["category"]:
            wrong.append("label")
        if layer in ("quotes", "reported") and row.get(gold_speaker) \
                and not same_speaker(row.get(f"{speaker}_pred", row.get(speaker)), row[gold_speaker]):
            wrong.append("speaker")
        if (row["start_char"], row["end_char"]) != (row["start_char_pred"], row["end_char_pred"]) \
                and layer in ("conditionals", "quotes"):
            wrong.append("span")
        if wrong:
            predicted_label = row[f"{label[1]}_pred" if label[0] == label[1] else label[1]]
            lines.append(f"WRONG {'+'.join(wrong)} {row['doc_id']} gold={row[label[0]]}/"
                         f"{row.get(gold_speaker)} predicted={predicted_label}/"
                         f"{row.get(f'{speaker}_pred', row.get(speaker))} rule={row.get('rule')}"
                         f"\n    {_context(text_of[row['doc_id']], row['start_char'], row['end_char'])}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--blind", action="store_true",
                        help=f"also score the blind sets ({', '.join(BLIND_SETS)}) and the UD blind conditionals "
                             "(record the date; never tune on them)")
    parser.add_argument("--errors", choices=["conditionals", "quotes", "hedges", "reported"],
                        help="print every error of this layer in a development subset instead of the figures")
    parser.add_argument("--intervals", action="store_true",
                        help="print the 95 %% Wilson interval of each precision, recall and accuracy")
    parser.add_argument("--subset", choices=list(DEVELOPMENT), default="dev",
                        help="the development subset whose errors --errors prints (default dev)")
    args = parser.parse_args(argv)
    if args.errors:
        lines = errors(args.errors, args.subset)
        print("\n".join(lines) or "no errors")
        print(f"# {len(lines)} errors in {args.errors}, {args.subset}")
        return 0
    printouts = [("dev", True), ("blind", False), *((name, True) for name in DEVELOPMENT[2:])]
    if args.blind:
        waiting = [name for name in BLIND_SETS if not set_ids(name)]
        if waiting:
            raise SystemExit(f"score.py: {', '.join(waiting)} not adjudicated yet (tests/gold/<set>/gold/ is empty)")
        printouts += [("blind", True), *((name, True) for name in BLIND_SETS)]
    for subset, ud in printouts:
        name = subset if not (subset == "blind" and ud) else "blind (with the UD blind conditionals)"
        print(f"## {name} (gold: {gold_folder(subset).relative_to(GOLD)})")
        for analysis, values in scores(subset, ud).items():
            print(f"{analysis}: {_printed(values, args.intervals)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

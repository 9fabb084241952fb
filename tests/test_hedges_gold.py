"""Hedges against the hand-annotated gold.

* The old gold (tests/gold/hedges.csv and hedges_heldout.csv, see its README): the development
  set (seed + 16 Wikinews articles, the ``gold_parsed`` session fixture) and the held-out set (8
  other articles), corrected in 2026-12 where the shared annotation guide (§3) contradicts a row
  (each corrected or added row says so in ``notes``): source markers span their object ("selon
  l'AFP") and approximators their numeral; epistemic pouvoir/devoir and attribution incises are
  markers; connectives ("en effet"), verbs of proof ("prouve"), epistemic nouns ("hypothèse"),
  reporting verbs ("prétendent", "citant"), negated or percentage-graded certainty ("rien ne peut
  être sûr", "certains à 60-70 %"), bounds ("un peu plus d'") and the attribution of a quotation in
  quotation marks ("Selon Météo France, « … »") are not. Scored at span level, by overlap (a
  predicted span sharing a character with a gold one of the same category: the guide's measure,
  as tests/gold/score.py) and, as a check on boundaries, on exact offsets.
* The adjudicated Wikinews gold of the guide (tests/gold/wikinews/gold), **development articles
  only** (split.json "dev"; the blind articles are never read here): overlap within the guide's
  category family, as tests/gold/score.py.

Thresholds sit a little below what the code measures (figures in the README).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from corpusling.lexicons import HEDGE_CATEGORIES
from corpusling.markers.hedges import hedges
from corpusling.markers.span_scores import span_scores
from corpusling.readers import read_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "hedges.csv"
HELD_OUT_GOLD = ROOT / "tests" / "gold" / "hedges_heldout.csv"
WIKINEWS = ROOT / "corpora" / "wikinews-fr-2012" / "documents"

#: The held-out articles, those without any marker included (they count for precision).
HELD_OUT = ["44555", "44586", "44618", "44635", "44772", "44974", "44998", "45635"]

#: Measured 2026-12 on the corrected old gold: development overlap P 0.987 / R 0.987 (exact 0.77 / 0.77: the
#: guide's spans take appositions and numerals the matcher's phrase boundary does not always reach), lowest
#: per-category overlap F1 0.98; held-out overlap P 1.00 / R 0.95 (exact 0.68 / 0.65). Thresholds a little
#: below. Per-category F1 is not tested on the held-out set, where most categories have one or two spans.
MIN: dict[str, dict[str, float | None]] = {
    "development": {"exact_precision": 0.70, "exact_recall": 0.70, "overlap_precision": 0.95,
                    "overlap_recall": 0.95, "category_f1": 0.90},
    "held_out": {"exact_precision": 0.60, "exact_recall": 0.60, "overlap_precision": 0.95,
                 "overlap_recall": 0.90, "category_f1": None},
}

#: Measured 2026-12 on the 40 development articles of the adjudicated Wikinews gold (104 spans): P 0.981 /
#: R 0.981; per family F1 approximator 1.00, epistemic 0.98, source 0.97, unnamed_source 0.97, booster 1.00
#: (2 spans). The target on unseen text is P ≥ 0.90, R ≥ 0.85 (issue 14); the blind articles are scored by
#: tests/gold/score.py --blind only, never here.
MIN_ADJUDICATED: dict[str, float] = {"precision": 0.95, "recall": 0.95, "family_f1": 0.90}


def gold(path: Path = GOLD) -> pl.DataFrame:
    return pl.read_csv(path, schema_overrides={"doc_id": pl.String})


def source_path(doc_id: str) -> Path:
    if doc_id.startswith("000_"):
        return ROOT / "seeds" / f"{doc_id}.txt"
    return WIKINEWS / f"{doc_id}.html"


@pytest.mark.parametrize("path", [GOLD, HELD_OUT_GOLD])
def test_gold_offsets_point_at_their_text(path: Path) -> None:
    table = gold(path)
    doc_ids = table["doc_id"].unique().to_list()
    texts = {d.doc_id: d.text for d in read_corpus([source_path(d) for d in doc_ids]).documents}
    assert set(texts) == set(doc_ids)
    for row in table.iter_rows(named=True):
        assert texts[row["doc_id"]][row["start_char"]:row["end_char"]] == row["text"], row


@pytest.mark.parametrize("path", [GOLD, HELD_OUT_GOLD])
def test_gold_rows_are_well_formed(path: Path) -> None:
    table = gold(path)
    assert table.columns == ["doc_id", "start_char", "end_char", "text", "category", "notes"]
    assert set(table["category"]) <= set(HEDGE_CATEGORIES) - {"exclude"}
    assert table.select("doc_id", "start_char").is_unique().all()


def test_held_out_documents_are_not_development_documents() -> None:
    assert not set(HELD_OUT) & set(gold()["doc_id"])
    assert set(gold(HELD_OUT_GOLD)["doc_id"]) <= set(HELD_OUT)


@pytest.fixture(scope="module")
def development(gold_parsed) -> pl.DataFrame:
    return hedges(gold_parsed.tokens, gold_parsed.documents)


@pytest.fixture(scope="module")
def held_out() -> pl.DataFrame:
    from corpusling.api import parse, read

    parsed = parse(read([WIKINEWS / f"{d}.html" for d in HELD_OUT]), model="compact")
    assert set(parsed.documents["doc_id"].cast(pl.String)) == set(HELD_OUT)
    return hedges(parsed.tokens, parsed.documents)


def check(predicted: pl.DataFrame, reference: pl.DataFrame, minimum: dict[str, float | None]) -> None:
    exact = span_scores(predicted, reference, match="exact")
    overlap = span_scores(predicted, reference, match="overlap")
    with pl.Config(tbl_rows=20, float_precision=3):
        print("exact\n", exact, "\noverlap\n", overlap)
    overall = exact.row(0, named=True)
    partial = overlap.row(0, named=True)
    assert overall["precision"] >= minimum["exact_precision"], exact
    assert overall["recall"] >= minimum["exact_recall"], exact
    assert partial["precision"] >= minimum["overlap_precision"], overlap
    assert partial["recall"] >= minimum["overlap_recall"], overlap
    if minimum["category_f1"] is not None:
        per_category = overlap.filter(pl.col("label") != "all", pl.col("gold") > 0)
        assert per_category["f1"].min() >= minimum["category_f1"], overlap


def test_development_set(development: pl.DataFrame) -> None:
    check(development, gold(), MIN["development"])


def test_held_out_set(held_out: pl.DataFrame) -> None:
    check(held_out, gold(HELD_OUT_GOLD), MIN["held_out"])


def test_every_match_is_its_document_text(gold_parsed, development: pl.DataFrame) -> None:
    texts = dict(zip(gold_parsed.documents["doc_id"].cast(pl.String), gold_parsed.documents["text"], strict=True))
    assert development.height > 0
    for row in development.iter_rows(named=True):
        assert texts[row["doc_id"]][row["start_char"]:row["end_char"]] == row["match"]


@pytest.fixture(scope="module")
def adjudicated_development() -> tuple[pl.DataFrame, pl.DataFrame]:
    """(predicted, gold) on the development articles of the adjudicated Wikinews gold, with the guide's families."""
    import json
    import sys

    from corpusling.api import parse, read

    sys.path.insert(0, str(ROOT / "tests" / "gold"))
    import score  # tests/gold/score.py: the gold folder, the split and the family map

    ids = json.loads((ROOT / "tests" / "gold" / "wikinews" / "split.json").read_text(encoding="utf-8"))["dev"]
    parsed = parse(read([WIKINEWS / f"{d}.html" for d in ids]), model="compact")
    assert set(parsed.documents["doc_id"].cast(pl.String)) == set(ids)
    found = hedges(parsed.tokens, parsed.documents)
    predicted = found.with_columns(pl.col("category").replace_strict(score.HEDGE_FAMILY, default=None)
                                   .alias("family")).filter(pl.col("family").is_not_null())
    gold = score.gold_items("hedges", ids).rename({"category": "family"})
    return predicted, gold


def test_adjudicated_development_gold(adjudicated_development: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    predicted, gold = adjudicated_development
    scores = span_scores(predicted, gold, label="family", match="overlap")
    with pl.Config(tbl_rows=20, float_precision=3):
        print("adjudicated development gold, overlap within the guide's families\n", scores)
    families = scores.filter(pl.col("label") != "all", pl.col("gold") > 0)
    # the "all" row ignores labels: precision and recall within the family are recomputed from the family rows
    precision = families["predicted_correct"].sum() / predicted.height
    recall = families["gold_found"].sum() / gold.height
    assert precision >= MIN_ADJUDICATED["precision"], scores
    assert recall >= MIN_ADJUDICATED["recall"], scores
    assert families["f1"].min() >= MIN_ADJUDICATED["family_f1"], scores

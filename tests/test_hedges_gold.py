"""Hedges against the hand-annotated gold (tests/gold/hedges.csv and hedges_heldout.csv, see its README).

The development set (seed + 16 Wikinews articles, the ``gold_parsed`` session fixture)
and the held-out set (8 other articles) are parsed with the bundled compact model and
scored at span level: exact offsets, and overlap (a predicted span sharing a character
with a gold one), overall and per category. Thresholds sit a little below what the code
measures (figures in the README).
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

#: Measured (README, "Evaluation"): development P 1.00 / R 0.95, held-out P 1.00 / R 0.89, exact and overlap
#: alike, lowest per-category F1 0.91 (development). Thresholds a little below. Per-category F1 is not tested on
#: the held-out set, where most categories have one or two spans.
MIN: dict[str, dict[str, float | None]] = {
    "development": {"exact_precision": 0.95, "exact_recall": 0.90, "overlap_precision": 0.95,
                    "overlap_recall": 0.90, "category_f1": 0.85},
    "held_out": {"exact_precision": 0.90, "exact_recall": 0.80, "overlap_precision": 0.90,
                 "overlap_recall": 0.80, "category_f1": None},
}


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
        per_category = exact.filter(pl.col("label") != "all", pl.col("gold") > 0)
        assert per_category["f1"].min() >= minimum["category_f1"], exact


def test_development_set(development: pl.DataFrame) -> None:
    check(development, gold(), MIN["development"])


def test_held_out_set(held_out: pl.DataFrame) -> None:
    check(held_out, gold(HELD_OUT_GOLD), MIN["held_out"])


def test_every_match_is_its_document_text(gold_parsed, development: pl.DataFrame) -> None:
    texts = dict(zip(gold_parsed.documents["doc_id"].cast(pl.String), gold_parsed.documents["text"], strict=True))
    assert development.height > 0
    for row in development.iter_rows(named=True):
        assert texts[row["doc_id"]][row["start_char"]:row["end_char"]] == row["match"]

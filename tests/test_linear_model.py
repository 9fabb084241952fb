"""The linear model the learned deciders share (corpusling.markers.linear_model)."""

from __future__ import annotations

import polars as pl
import pytest

from corpusling.errors import LexiconError
from corpusling.lexicons import HERE, INTERCEPT, read_weights, write_weights
from corpusling.markers.linear_model import check_features, classify, decided_by, scores

TABLE = {"a": {"x": 2.0, "y": -1.0}, "b": {"x": 0.5, "y": 3.0}, "c": {"x": -4.0, "y": 0.0},
         INTERCEPT: {"x": 0.1, "y": -0.2}}
FEATURES = ["a", "b", "c"]
CLASSES = ["x", "y"]


def test_scores_are_dot_products_plus_the_intercept() -> None:
    rows = pl.DataFrame({"a": [True, False], "b": [True, True], "c": [None, True]})
    got = rows.select(*(s.alias(c) for s, c in zip(scores(FEATURES, TABLE, CLASSES), CLASSES, strict=True)))
    assert got.to_dicts() == [{"x": 2.6, "y": 1.8}, {"x": -3.4, "y": 2.8}]


def test_the_decision_names_present_features_of_positive_contribution_only() -> None:
    rows = pl.DataFrame({"a": [True, False, False], "b": [True, False, True], "c": [False, True, False],
                         "_chosen": [0, 0, 0]})
    named = rows.select(decided_by(pl.col("_chosen"), FEATURES, TABLE, CLASSES, most=2).alias("top"))["top"]
    # row 1: a (2.0) before b (0.5); row 2: only c, whose weight for x is negative: the intercept, never an
    # absent feature; row 3: b alone
    assert named.to_list() == [["a", "b"], [INTERCEPT], ["b"]]


def test_features_the_evidence_lacks_are_refused_by_name() -> None:
    with pytest.raises(LexiconError, match="weights.tsv names features the table lacks: b"):
        check_features("weights.tsv", FEATURES, ["a", "c"])


@pytest.mark.parametrize("name", ["conditional_class_weights.tsv", "quote_kind_weights.tsv",
                                  "speaker_ranker_weights.tsv"])
def test_the_shipped_weights_are_written_as_they_are_read(tmp_path, name: str) -> None:
    """``write_weights`` (the training scripts' one writer) gives back, byte for byte, a file ``read_weights`` read."""
    shipped = HERE / name
    classes, table = read_weights(shipped, intercept=name != "speaker_ranker_weights.tsv")
    write_weights(tmp_path / name, classes, table)
    assert (tmp_path / name).read_bytes() == shipped.read_bytes()


def test_classify_keeps_columns_and_names_the_class() -> None:
    rows = pl.DataFrame({"id": [7, 8], "a": [True, False], "b": [False, True], "c": [False, False]})
    got = classify(rows, TABLE, CLASSES, "weights.tsv", keep=("id",))
    assert got.to_dicts() == [{"id": 7, "class": "x", "decided_by": ["a"]},
                              {"id": 8, "class": "y", "decided_by": ["b"]}]


def test_weights_of_the_wrong_classes_are_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="'a' has weights for"):
        write_weights(tmp_path / "w.tsv", ["x", "y"], {"a": {"x": 1.0}})

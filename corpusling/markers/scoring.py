"""Scoring marker tables against a hand-annotated gold table.

Rows match when ``doc_id``, ``start_char`` and ``end_char`` are equal (exact offsets
of the marked token). Detection is scored by precision, recall and F1; the label
(``class`` of a conditional, ``category`` of a hedge) by accuracy over the matched
rows, with the confusion table (gold × predicted) to show where it errs.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

KEY: list[str] = ["doc_id", "start_char", "end_char"]


@dataclass(frozen=True)
class Score:
    """Detection and labelling scores of a predicted table against gold."""

    true_positives: int
    false_positives: int
    false_negatives: int
    label_correct: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def label_accuracy(self) -> float:
        return self.label_correct / self.true_positives if self.true_positives else 0.0

    def summary(self) -> str:
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(TP {self.true_positives}, FP {self.false_positives}, FN {self.false_negatives}); "
                f"label accuracy {self.label_accuracy:.3f} ({self.label_correct}/{self.true_positives})")


def _keyed(frame: pl.DataFrame, label: str | None) -> pl.DataFrame:
    columns = [pl.col("doc_id").cast(pl.String), pl.col("start_char").cast(pl.Int64),
               pl.col("end_char").cast(pl.Int64)]
    if label is not None:
        columns.append(pl.col(label).cast(pl.String))
    return frame.select(columns).unique(subset=KEY, keep="first")


def aligned(predicted: pl.DataFrame, gold: pl.DataFrame, label: str | None = "class") -> pl.DataFrame:
    """Full outer join of predicted and gold rows on offsets: ``doc_id, start_char, end_char, gold, predicted``
    (the labels, or ``True`` when there is no label; null where one side has no row)."""
    def side(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        keyed = _keyed(frame, label)
        value = pl.col(label) if label is not None else pl.lit("yes")
        return keyed.select(*KEY, value.alias(name))
    return (side(gold, "gold").join(side(predicted, "predicted"), on=KEY, how="full", coalesce=True)
            .sort(KEY))


def score(predicted: pl.DataFrame, gold: pl.DataFrame, label: str | None = "class") -> Score:
    """Detection P/R/F1 on exact offsets and label accuracy on the matched rows."""
    table = aligned(predicted, gold, label)
    both = table.filter(pl.col("gold").is_not_null() & pl.col("predicted").is_not_null())
    return Score(
        true_positives=both.height,
        false_positives=table.filter(pl.col("gold").is_null()).height,
        false_negatives=table.filter(pl.col("predicted").is_null()).height,
        label_correct=both.filter(pl.col("gold") == pl.col("predicted")).height,
    )


def confusion(predicted: pl.DataFrame, gold: pl.DataFrame, label: str = "class") -> pl.DataFrame:
    """Gold label × predicted label counts over the matched rows (rows: gold; columns: predicted)."""
    both = aligned(predicted, gold, label).filter(pl.col("gold").is_not_null() & pl.col("predicted").is_not_null())
    if both.height == 0:
        return pl.DataFrame({"gold": []}, schema={"gold": pl.String})
    return (both.group_by("gold", "predicted").len()
            .pivot(on="predicted", index="gold", values="len", sort_columns=True)
            .fill_null(0).sort("gold"))

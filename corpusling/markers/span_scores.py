"""Span-level precision, recall and F1 of a marker table against gold spans, overall and per label.

Two ways for a predicted span to meet a gold span of the same document:

* ``exact``: same ``start_char`` and ``end_char``;
* ``overlap``: the two spans share at least one character (a partial match, as in
  lenient named-entity scoring).

Precision is the share of predicted spans that meet a gold span, recall the share of
gold spans met by a predicted one (with ``overlap`` one long span can meet two short
ones; each side is counted once). The ``all`` row ignores labels (detection); each
label's row requires the labels to agree.
"""

from __future__ import annotations

import polars as pl

KEY = ["doc_id", "start_char", "end_char"]


def _spans(frame: pl.DataFrame, label: str, name: str) -> pl.DataFrame:
    return (frame.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").cast(pl.Int64),
                         pl.col("end_char").cast(pl.Int64), pl.col(label).cast(pl.String).alias("label"))
            .unique().with_row_index(name))


def _met(left: pl.DataFrame, right: pl.DataFrame, index: str, match: str, same_label: bool) -> pl.DataFrame:
    """Rows of ``left`` that meet at least one row of ``right``."""
    pairs = left.join(right, on="doc_id", suffix="_r")
    if match == "exact":
        pairs = pairs.filter((pl.col("start_char") == pl.col("start_char_r"))
                             & (pl.col("end_char") == pl.col("end_char_r")))
    elif match == "overlap":
        pairs = pairs.filter((pl.col("start_char") < pl.col("end_char_r"))
                             & (pl.col("start_char_r") < pl.col("end_char")))
    else:
        raise ValueError(f"match must be 'exact' or 'overlap', not {match!r}")
    if same_label:
        pairs = pairs.filter(pl.col("label") == pl.col("label_r"))
    return left.join(pairs.select(index).unique(), on=index, how="semi")


def span_scores(predicted: pl.DataFrame, gold: pl.DataFrame, label: str = "category",
                match: str = "exact") -> pl.DataFrame:
    """One ``all`` row, then one per label: ``label, gold, predicted, gold_found, predicted_correct,
    precision, recall, f1``."""
    pred, ref = _spans(predicted, label, "_p"), _spans(gold, label, "_g")
    rows = []
    for name, same in [("all", False)] + [(lab, True) for lab in sorted(set(ref["label"]) | set(pred["label"]))]:
        p = pred if name == "all" else pred.filter(pl.col("label") == name)
        g = ref if name == "all" else ref.filter(pl.col("label") == name)
        correct = _met(p, ref, "_p", match, same).height
        found = _met(g, pred, "_g", match, same).height
        precision = correct / p.height if p.height else 0.0
        recall = found / g.height if g.height else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"label": name, "gold": g.height, "predicted": p.height, "gold_found": found,
                     "predicted_correct": correct, "precision": precision, "recall": recall, "f1": f1})
    return pl.DataFrame(rows, schema={"label": pl.String, "gold": pl.Int64, "predicted": pl.Int64,
                                      "gold_found": pl.Int64, "predicted_correct": pl.Int64,
                                      "precision": pl.Float64, "recall": pl.Float64, "f1": pl.Float64})

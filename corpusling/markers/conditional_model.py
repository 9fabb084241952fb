"""The learned classifier of conditional classes: a multinomial logistic regression over the rules' evidence.

The weights (``lexicons/conditional_class_weights.tsv``: one row per feature and an ``(intercept)`` row, one
column per class) and their card (``conditional_class_weights.md``: training data, cross-validated and held-out
accuracy, the decision to ship it or not) are written by ``tests/gold/train_conditional_classes.py``. At run time
the class is the argmax of a dot product per class (Jurafsky & Martin, *Speech and Language Processing*, 3rd ed.
draft, ch. 5) over the boolean columns of :func:`corpusling.markers.conditional.evidence`, as polars expressions;
scikit-learn is never imported. ``rule`` then reads ``model: `` and the features that weighed most for the
class chosen, so that a user can audit the decision.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from corpusling.lexicons import HERE, read_weights
from corpusling.markers.linear_model import classify

__all__ = ["WEIGHTS", "decide", "weights"]

#: The weights file.
WEIGHTS = HERE / "conditional_class_weights.tsv"
#: How many features ``rule`` names.
_TOP = 3


@cache
def weights() -> tuple[tuple[str, ...], dict[str, dict[str, float]]]:
    """(classes, feature → class → weight); the intercept under ``(intercept)``."""
    return read_weights(WEIGHTS)


def decide(evidence: pl.DataFrame) -> pl.DataFrame:
    """``doc_id``, ``sent_id``, ``start_char``, the model's ``class`` and ``rule`` ("model: " and the features of
    largest positive contribution to that class, or ``(intercept)`` when none contributes) for each row of an
    :func:`~corpusling.markers.conditional.evidence` table."""
    classes, table = weights()
    decided = classify(evidence, table, classes, WEIGHTS.name, keep=("doc_id", "sent_id", "start_char"), most=_TOP)
    return decided.select("doc_id", "sent_id", "start_char", "class",
                          (pl.lit("model: ") + pl.col("decided_by").list.join(", ")).alias("rule"))

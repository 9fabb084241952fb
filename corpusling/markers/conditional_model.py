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

from corpusling.errors import LexiconError
from corpusling.lexicons import HERE, INTERCEPT, read_weights

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
    """``doc_id``, ``sent_id``, ``start_char``, the model's ``class`` and ``rule`` ("model: " and the
    features of largest positive weight for that class among those present) for each row of an
    :func:`~corpusling.markers.conditional.evidence` table."""
    classes, table = weights()
    features = [f for f in table if f != INTERCEPT]
    missing = [f for f in features if f not in evidence.columns]
    if missing:
        raise LexiconError(f"{WEIGHTS.name} names features the evidence lacks: {', '.join(missing)}")
    present = {f: pl.col(f).fill_null(False).cast(pl.Float64) for f in features}
    scores = [sum((present[f] * table[f][c] for f in features), pl.lit(table[INTERCEPT][c])) for c in classes]
    # in two steps, so that the argmax is computed once, not inside every contribution below
    scored = evidence.select("doc_id", "sent_id", "start_char", *features,
                             pl.concat_list(scores).list.arg_max().alias("_chosen"))
    # the contribution of each present feature to the class chosen; the largest name the decision
    weight_of = {f: pl.col("_chosen").replace_strict(dict(enumerate(table[f][c] for c in classes)),
                                                     return_dtype=pl.Float64) for f in features}
    contribution = [pl.when(present[f] > 0).then(weight_of[f]) for f in features]
    top = pl.concat_list(contribution).list.eval(
        pl.element().arg_sort(descending=True, nulls_last=True).head(_TOP).filter(
            pl.element().sort(descending=True, nulls_last=True).head(_TOP) > 0))
    names = dict(enumerate(features))
    return scored.select(
        "doc_id", "sent_id", "start_char",
        pl.col("_chosen").replace_strict(dict(enumerate(classes)), return_dtype=pl.String).alias("class"),
        (pl.lit("model: ") + top.list.eval(pl.element().replace_strict(names, return_dtype=pl.String))
         .list.join(", ")).alias("rule"))

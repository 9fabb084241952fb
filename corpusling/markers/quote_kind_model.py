"""The learned classifier of quotation kinds (direct / mixed / scare, guide §2): a multinomial logistic regression
over the evidence of :func:`corpusling.markers.attribution_rules.kind_features` (the conditions of the kind rules
as features, their order no longer deciding, and general cues).

The weights (``lexicons/quote_kind_weights.tsv``: one row per feature and an ``(intercept)`` row, one column per
kind) and their card (``quote_kind_weights.md``: features, training data, leave-one-set-out figures against the
rules, the decision to make it the default or not) are written by ``tests/gold/train_quote_kinds.py``. At run time
the kind is the argmax of a dot product per kind (Jurafsky & Martin, *Speech and Language Processing*, 3rd ed.
draft, ch. 5) over the boolean feature columns, as polars expressions; scikit-learn is never imported. The
feature of largest positive contribution to the kind chosen is kept (``model:<feature>`` in ``rule``), so that a
user can audit the decision. The default decider is the hybrid the leave-one-set-out comparison of the card
justifies: the rules' ``direct`` stands, the model chooses between ``mixed`` and ``scare`` elsewhere.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from corpusling.errors import LexiconError
from corpusling.lexicons import HERE, read_weights
from corpusling.markers.linear_model import classify

__all__ = ["WEIGHTS", "decide", "weights"]

#: The weights file.
WEIGHTS = HERE / "quote_kind_weights.tsv"


@cache
def weights() -> tuple[tuple[str, ...], dict[str, dict[str, float]]]:
    """(kinds, feature → kind → weight); the intercept under ``(intercept)``."""
    return read_weights(WEIGHTS)


def decide(evidence: pl.DataFrame, among: tuple[str, ...] | None = None) -> pl.DataFrame:
    """``kind`` (the argmax of the per-kind scores, over the kinds of ``among`` only when given: the hybrid decider
    asks the model to choose between ``mixed`` and ``scare``) and ``top_feature`` (the present feature of largest
    positive contribution to that kind; ``(intercept)`` when none) for each row of a table holding the boolean
    feature columns the weights name, in the same row order."""
    kinds, table = weights()
    if among is not None:
        unknown = [k for k in among if k not in kinds]
        if unknown:
            raise LexiconError(f"{WEIGHTS.name} has no weights for the kinds {', '.join(unknown)}")
        kinds = tuple(k for k in kinds if k in among)
    decided = classify(evidence, table, kinds, WEIGHTS.name)
    return decided.select(pl.col("class").alias("kind"), pl.col("decided_by").list.first().alias("top_feature"))

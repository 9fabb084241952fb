"""A linear model applied as polars expressions: one score per class, the class chosen, the features that chose it.

The three learned deciders of the package (conditional classes, quotation kinds, the speaker ranker) are logistic
regressions trained in ``tests/gold/`` with scikit-learn and shipped as a weights table
(:func:`corpusling.lexicons.read_weights`: feature → class → weight, and an intercept). At run time a class's score
is the dot product of the feature columns and that class's weights plus its intercept (Jurafsky & Martin, *Speech
and Language Processing*, 3rd ed. draft, ch. 5); the decision is audited by naming the features whose contribution
(value × weight) to the class chosen is largest and positive, or the intercept (the classes' prior) when no
feature contributes positively. scikit-learn is never imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from corpusling.errors import LexiconError
from corpusling.lexicons import INTERCEPT

__all__ = ["check_features", "classify", "decided_by", "features_of", "scores", "top_features"]

#: Weights: feature → class → weight (the intercept under :data:`~corpusling.lexicons.INTERCEPT`).
Weights = Mapping[str, Mapping[str, float]]


def features_of(table: Weights) -> list[str]:
    """The features of a weights table, in its order, the intercept left out."""
    return [f for f in table if f != INTERCEPT]


def check_features(weights_file: str, features: Sequence[str], columns: Sequence[str]) -> None:
    """Refuse, naming them, the features of ``weights_file`` that the table to decide has no column for."""
    missing = [f for f in features if f not in columns]
    if missing:
        raise LexiconError(f"{weights_file} names features the table lacks: {', '.join(missing)}")


def _value(feature: str) -> pl.Expr:
    """A feature column as a number (a boolean as 0/1, null as 0)."""
    return pl.col(feature).cast(pl.Float64).fill_null(0.0)


def scores(features: Sequence[str], table: Weights, classes: Sequence[str]) -> list[pl.Expr]:
    """One expression per class of ``classes``: the dot product of the feature columns and its weights, plus its
    intercept (0 where the table has none)."""
    intercept = table.get(INTERCEPT, {})
    return [sum((_value(f) * table[f].get(c, 0.0) for f in features), pl.lit(intercept.get(c, 0.0)))
            for c in classes]


def top_features(chosen: pl.Expr, features: Sequence[str], table: Weights, classes: Sequence[str],
                 most: int = 1) -> pl.Expr:
    """The names of at most ``most`` features of largest positive contribution (value × weight) to the score of
    the class chosen (``chosen``: its position in ``classes``), the largest first; empty when none contributes
    positively."""
    contribution = [_value(f) * chosen.replace_strict(dict(enumerate(table[f].get(c, 0.0) for c in classes)),
                                                      return_dtype=pl.Float64) for f in features]
    names = dict(enumerate(features))
    # (an array made a list: concat_list builds a list of a hundred columns ten times slower than concat_arr)
    positive = pl.concat_arr([pl.when(c > 0).then(c) for c in contribution]).arr.to_list()
    return (positive.list.eval(pl.element().arg_sort(descending=True, nulls_last=True).head(most)
                               .filter(pl.element().sort(descending=True, nulls_last=True).head(most).is_not_null()))
            .list.eval(pl.element().replace_strict(names, return_dtype=pl.String)))


def _or_intercept(named: pl.Expr) -> pl.Expr:
    """The names ``named``, or ``[INTERCEPT]`` where there are none."""
    return pl.when(named.list.len() > 0).then(named).otherwise(pl.concat_list(pl.lit(INTERCEPT)))


def decided_by(chosen: pl.Expr, features: Sequence[str], table: Weights, classes: Sequence[str],
               most: int = 1) -> pl.Expr:
    """The names of at most ``most`` features of largest positive contribution (value × weight) to the score of
    the class chosen (``chosen``: its position in ``classes``), the largest first; ``[INTERCEPT]`` when none
    contributes positively (so an absent feature is never named): :func:`top_features` or the intercept."""
    return _or_intercept(top_features(chosen, features, table, classes, most))


def classify(frame: pl.DataFrame, table: Weights, classes: Sequence[str], weights_file: str,
             keep: Sequence[str] = (), most: int = 1) -> pl.DataFrame:
    """``keep`` columns of ``frame``, then ``class`` (the argmax of the scores over ``classes``) and
    ``decided_by`` (:func:`decided_by`, at most ``most`` names), one row per row of ``frame``, in its order."""
    features = features_of(table)
    check_features(weights_file, features, frame.columns)
    # in two steps, so that the argmax is computed once, not inside every contribution
    chosen = frame.select(*keep, *features,
                          pl.concat_list(scores(features, table, classes)).list.arg_max().alias("_chosen"))
    # (the names in a column of their own first: an expression reading them twice computes them twice)
    named = chosen.select(
        *keep, pl.col("_chosen").replace_strict(dict(enumerate(classes)), return_dtype=pl.String).alias("class"),
        top_features(pl.col("_chosen"), features, table, classes, most).alias("_named"))
    return named.select(*keep, "class", _or_intercept(pl.col("_named")).alias("decided_by"))

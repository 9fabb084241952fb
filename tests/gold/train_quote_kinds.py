"""Train and compare a multinomial logistic regression of quotation kinds with the ordered rules (issue 14).

Run from the project root (scikit-learn from the ``train`` extra; the runtime never imports it)::

    python tests/gold/train_quote_kinds.py             # leave-one-set-out comparison
    python tests/gold/train_quote_kinds.py --write     # and write the weights and the card

Features: :func:`corpusling.markers.attribution_rules.kind_features` (booleans): the condition of every row of
``kind_rules()`` (``rule_<name>``, whatever the rows before it say) and general cues (words quoted, capital, stop
inside, verbs inside, parts of speech of its first word and of the word before it, its head's relation, sentence
or paragraph start, colon, comma, determiner or "que" before it, the attributions found around it, depth).
Data: every development quotation with a gold kind that the analysis finds (exact offsets): Wikinews ``dev`` and
``blind`` (one fold, "wikinews"), set3, set4, set5 … and every later set of ``score.DEVELOPMENT`` (each released
set joins when it is released). The blind sets (``score.BLIND_SETS``) are never read.

Comparison, leave one set out: for each fold, train on every other fold, choose the regularisation C by
cross-validation grouped by document on that training data only, and predict the fold; the rules' accuracy on the
same items beside it (optimistic: the rules were written after reading every one of these sets). Two deciders are
evaluated so: ``model`` (the regression decides every kind) and ``hybrid`` (the rules' ``direct`` stands; the
regression decides between ``mixed`` and ``scare`` where the rules say one of them). Criterion, fixed before the
experiment: a decider becomes the default only if its pooled leave-one-set-out accuracy on set5 and every later
development set (:data:`CRITERION`) is at least the rules' on the same items. ``--write`` refits on all development
gold and writes ``corpusling/lexicons/quote_kind_weights.tsv`` and its card.

Method: multinomial logistic regression (Jurafsky & Martin, *Speech and Language Processing*, 3rd ed. draft,
ch. 5), scikit-learn's ``LogisticRegression`` (L2, lbfgs).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score  # noqa: E402

from corpusling.atomic import write_text  # noqa: E402
from corpusling.lexicons import INTERCEPT, write_weights  # noqa: E402
from corpusling.markers.quote_kind_model import WEIGHTS  # noqa: E402 (the file the model is applied from)

#: The folds: Wikinews dev and blind together, then each article set.
FOLDS = {"wikinews": ("dev", "blind"), **{name: (name,) for name in score.DEVELOPMENT if name not in ("dev", "blind")}}
#: The folds pooled for the criterion: the sets of 40 WiNER-fr articles.
CRITERION = tuple(name for name in FOLDS if name not in ("wikinews", "set3", "set4"))
#: Their name in the tables ("set5-set15").
POOLED = f"{CRITERION[0]}-{CRITERION[-1]}"
GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
INNER = 5
KINDS = ("direct", "mixed", "scare")
ROOT = score.ROOT
CARD = WEIGHTS.with_suffix(".md")


def subset_rows(subset: str, fold: str) -> pl.DataFrame:
    """The features of every found quotation of a subset with its gold kind ``gold``, fold and document group."""
    from corpusling.markers.attribution import kind_evidence
    from corpusling.markers.quotes import add_nesting, add_word_counts, quote_spans
    from corpusling.markers.text_index import text_index

    corpus = score.parsed(score.texts(subset))
    index = text_index(corpus.tokens)
    spans = add_word_counts(add_nesting(quote_spans(corpus.documents)), corpus.tokens, index)
    found = kind_evidence(spans, corpus.tokens, corpus.documents, index=index)
    found = found.with_columns(pl.col("doc_id").cast(pl.String))
    gold = score.gold_items("quotes", score.subset_ids(subset), subset).select(
        "doc_id", "start_char", "end_char", pl.col("kind").alias("gold"))
    rows = found.join(gold, on=["doc_id", "start_char", "end_char"], how="inner")
    return rows.with_columns(pl.lit(fold).alias("fold"), pl.lit(subset).alias("subset"),
                             (pl.lit(subset + ":") + pl.col("doc_id")).alias("group"))


def feature_names(rows: pl.DataFrame) -> list[str]:
    """The boolean feature columns (every column of :func:`kind_features`)."""
    from corpusling.markers.attribution_rules import kind_features

    return [name for name, _ in kind_features() if name in rows.columns]


def matrix(rows: pl.DataFrame, names: list[str]) -> np.ndarray:
    return rows.select([pl.col(n).cast(pl.Float64) for n in names]).to_numpy()


def _fit(x: np.ndarray, y: np.ndarray, c: float):  # noqa: ANN202 - a LogisticRegression
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000).fit(x, y)


def choose_c(rows: pl.DataFrame, names: list[str]) -> tuple[float, dict[float, float]]:
    """(best C, out-of-fold accuracy per C), folds grouped by document (:class:`sklearn.model_selection.GroupKFold`)
    on ``rows`` only."""
    from sklearn.model_selection import GroupKFold

    x, y, groups = matrix(rows, names), rows["gold"].to_numpy(), rows["group"].to_numpy()
    folds = list(GroupKFold(n_splits=INNER).split(x, y, groups))
    accuracy = {}
    for c in GRID:
        out = np.empty(len(y), dtype=object)
        for train, test in folds:
            out[test] = _fit(x[train], y[train], c).predict(x[test])
        accuracy[c] = float(np.mean(out == y))
    return max(GRID, key=lambda c: (accuracy[c], -c)), accuracy  # the smaller C (more regular) on a tie


def hybrid(model, x: np.ndarray, rules: np.ndarray) -> np.ndarray:  # noqa: ANN001 - a LogisticRegression
    """The rules' ``direct`` stands; elsewhere the likelier of ``mixed`` and ``scare`` by the model."""
    classes = list(model.classes_)
    p = model.predict_proba(x)
    between = np.where(p[:, classes.index("mixed")] >= p[:, classes.index("scare")], "mixed", "scare")
    return np.where(rules == "direct", "direct", between)


def leave_one_set_out(rows: pl.DataFrame, names: list[str]) -> pl.DataFrame:
    """Every item with the held-out predictions ``model`` and ``hybrid`` (trained on the other folds) and the C of
    its fold."""
    out = []
    for fold in FOLDS:
        train, test = rows.filter(pl.col("fold") != fold), rows.filter(pl.col("fold") == fold)
        if test.height == 0:
            continue
        best, _ = choose_c(train, names)
        model = _fit(matrix(train, names), train["gold"].to_numpy(), best)
        x = matrix(test, names)
        out.append(test.with_columns(pl.Series("model", model.predict(x), dtype=pl.String),
                                     pl.Series("hybrid", hybrid(model, x, test["kind"].to_numpy()), dtype=pl.String),
                                     pl.lit(best).alias("C")))
    return pl.concat(out)


def per_fold(predicted: pl.DataFrame) -> pl.DataFrame:
    """Items and right answers of the rules, the model and the hybrid per fold, then pooled over :data:`CRITERION`."""
    right = [(pl.col(c) == pl.col("gold")).sum().alias(f"{c}_right") for c in ("kind", "model", "hybrid")]
    table = (predicted.group_by("fold", maintain_order=True).agg(pl.len().alias("items"), pl.first("C"), *right)
             .rename({"kind_right": "rules_right"}))
    every = (predicted.select(pl.lit("all folds").alias("fold"), pl.len().alias("items"),
                              pl.lit(None, pl.Float64).alias("C"), *right).rename({"kind_right": "rules_right"}))
    pooled = (predicted.filter(pl.col("fold").is_in(CRITERION))
              .select(pl.lit(POOLED).alias("fold"), pl.len().alias("items"), pl.lit(None, pl.Float64).alias("C"),
                      *right).rename({"kind_right": "rules_right"}))
    return pl.concat([table, every, pooled], how="vertical_relaxed")


def confusion(predicted: pl.DataFrame, column: str) -> str:
    """gold × predicted counts on the sets of :data:`CRITERION`, as text."""
    pooled = predicted.filter(pl.col("fold").is_in(CRITERION))
    corner = "gold / " + column
    lines = [f"{corner:>16} " + " ".join(f"{k:>7}" for k in KINDS)]
    for g in KINDS:
        row = pooled.filter(pl.col("gold") == g)
        lines.append(f"{g:>16} " + " ".join(f"{int((row[column] == k).sum()):>7}" for k in KINDS))
    return "\n".join(lines)


def write(model, names: list[str], card: str) -> None:  # noqa: ANN001 - a LogisticRegression
    """The weights as a TSV: one row per feature (and ``(intercept)``), one column per kind."""
    kinds = [str(c) for c in model.classes_]
    rows = {INTERCEPT: model.intercept_, **{name: model.coef_[:, j] for j, name in enumerate(names)}}
    write_weights(WEIGHTS, kinds, {f: dict(zip(kinds, values, strict=True)) for f, values in rows.items()})
    write_text(CARD, card)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write the weights and the card")
    args = parser.parse_args(argv)
    rows = pl.concat([subset_rows(subset, fold) for fold, subsets in FOLDS.items() for subset in subsets],
                     how="diagonal")
    names = feature_names(rows)
    rows = rows.with_columns(pl.col(names).fill_null(False))
    print(f"items {rows.height} in {rows['group'].n_unique()} documents, features {len(names)}")
    print("gold kinds:", dict(sorted(rows["gold"].value_counts().iter_rows())))
    predicted = leave_one_set_out(rows, names)
    table = per_fold(predicted)
    with pl.Config(tbl_rows=20, tbl_cols=10):
        print(table)
    for column in ("kind", "model", "hybrid"):
        print(f"\nconfusion on {POOLED}, {'rules' if column == 'kind' else column}:\n{confusion(predicted, column)}")
    pooled = table.row(table.height - 1, named=True)
    meets = {d: pooled[f"{d}_right"] >= pooled["rules_right"] for d in ("model", "hybrid")}
    chosen = "model" if meets["model"] else "hybrid" if meets["hybrid"] else "rules"
    decision = (f"pooled leave-one-set-out on {POOLED} ({pooled['items']} items): rules {pooled['rules_right']}, "
                f"model {pooled['model_right']}, hybrid {pooled['hybrid_right']} right; criterion (at least the "
                f"rules): model {'met' if meets['model'] else 'not met'}, hybrid "
                f"{'met' if meets['hybrid'] else 'not met'}; default decider: {chosen}")
    print("\ndecision:", decision)
    from corpusling.markers.attribution import DEFAULT_KINDS

    if DEFAULT_KINDS != chosen:
        print(f"warning: attribution.DEFAULT_KINDS is {DEFAULT_KINDS!r}, the criterion chooses {chosen!r}")
    if args.write:
        best, by_c = choose_c(rows, names)
        final = _fit(matrix(rows, names), rows["gold"].to_numpy(), best)
        write(final, names, card(rows, predicted, table, best, by_c, names, decision))
        print(f"wrote {WEIGHTS.relative_to(ROOT)} and {CARD.relative_to(ROOT)}")
        from corpusling.markers.quote_kind_model import decide, weights

        weights.cache_clear()  # the run-time dot product and argmax must agree with scikit-learn's predictions
        runtime = decide(rows)["kind"].to_numpy()
        agree = float(np.mean(runtime == final.predict(matrix(rows, names))))
        print(f"run-time kinds agree with scikit-learn on {agree:.3f} of the training items")
    return 0


def card(rows: pl.DataFrame, predicted: pl.DataFrame, table: pl.DataFrame, best: float, by_c: dict[float, float],
         names: list[str], decision: str) -> str:
    def share(right: int, items: int) -> str:
        return f"{right / items:.3f} ({right})" if items else "-"

    lines = "\n".join(
        f"| {r['fold']} | {r['items']} | {share(r['rules_right'], r['items'])} | {share(r['model_right'], r['items'])}"
        f" | {share(r['hybrid_right'], r['items'])} | {r['C'] if r['C'] is not None else ''} |"
        for r in table.iter_rows(named=True))
    confusions = "\n\n".join(f"{label}:\n\n```\n{confusion(predicted, column)}\n```" for label, column in
                             (("rules", "kind"), ("model", "model"), ("hybrid", "hybrid")))
    subsets = ", ".join(dict.fromkeys(rows["subset"].to_list()))
    rules = ", ".join(f"`{n}`" for n in names if n.startswith("rule_"))
    general = ", ".join(f"`{n}`" for n in names if not n.startswith("rule_"))
    return f"""# Quotation kinds: logistic regression weights (`quote_kind_weights.tsv`)

Written by `python tests/gold/train_quote_kinds.py --write` on
{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} (the comparison alone: without `--write`); applied by
`corpusling/markers/quote_kind_model.py` (`quotes(..., kinds="model")`, `attribute(..., kinds="model")`: a dot
product per kind and an argmax in polars, no scikit-learn at run time; `rule` reads `model:<feature>`, the present
feature of largest positive weight for the kind chosen).

- **Decision** (criterion fixed before the experiment, in the eighth round: the model becomes the default only if its
  pooled leave-one-set-out accuracy on {POOLED} is at least the rules' on the same items): {decision}.
- **Comparison**: each fold (Wikinews dev + blind together, set3, set4, set5 … {CRITERION[-1]}) is predicted by a model
  trained on all the other folds, C chosen among {list(GRID)} by {INNER}-fold cross-validation grouped by
  document on that training data only. `hybrid`: the rules' `direct` stands, the model decides between `mixed`
  and `scare` elsewhere. The rules' figure is optimistic: they were written after reading every one of these sets
  (and the `rule_*` features are their conditions, written on them too). The blind sets
  ({', '.join(score.BLIND_SETS)}) were never read, listed or scored.

| held out | items | rules | model | hybrid | C |
|---|---|---|---|---|---|
{lines}

(accuracy on the quotations the analysis finds with the gold's exact offsets; right answers in brackets.)

- **Reading**: compare the pooled rows of the table (the criterion's items, {POOLED}) and the confusions below;
  the hybrid changes the mixed / scare decisions only. Three deciders are compared on these folds (rules, model,
  hybrid): choosing among them on the same folds is a small selection effect, which the next blind set measures.

Confusions on {POOLED} (rows: gold; columns: predicted):

{confusions}

- **This file**: refitted on all {rows.height} development quotations ({subsets}), C = {best} ({INNER}-fold
  grouped cross-validation; by C: {', '.join(f'{c}: {a:.3f}' for c, a in by_c.items())}); scikit-learn
  {_sklearn()} (BSD-3-Clause). Gold: `tests/gold/` (the project's annotations under
  `../shared/notes/annotation-guide.md` §2).
- **Features** ({len(names)} booleans, `attribution_rules.kind_features()`): the rules' conditions {rules};
  general cues {general}.
- **Licence**: the weights are derived from the project's gold and code, under the project's licence.
"""


def _sklearn() -> str:
    import sklearn

    return sklearn.__version__


if __name__ == "__main__":
    sys.exit(main())

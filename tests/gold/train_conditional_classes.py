"""Train and compare a multinomial logistic regression of conditional classes with the ordered rules (issue 14).

Run from the project root (scikit-learn from the ``train`` extra; the runtime never imports it)::

    python tests/gold/train_conditional_classes.py             # leave-one-set-out comparison
    python tests/gold/train_conditional_classes.py --write     # and write the weights and the card

Features: :func:`corpusling.markers.conditional.evidence` (each rule's condition, the rules' own class, compound,
in_quote, person, relative, governing verb…), booleans, in four variants: with or without the rules' own class
(``rule_class_*``), with or without the evidence added in the seventh round (``conditional.EXTRA_EVIDENCE``).
Data: every development conditional with a gold class that the analysis finds (exact offsets): Wikinews ``dev``
and ``blind``, set3, every development article set (set4 on) and the UD development items on their gold trees
(never the UD test/blind items).

Comparison, leave one set out: for each development article set k of set5 on (:data:`HELD_OUT`), train on all
development gold but set k (the UD development items always in training), choose the regularisation C by
cross-validation grouped by document on that training data only, and test on set k; the rules' accuracy on set k
beside it (optimistic: the rules were written after reading every one of these sets). The model becomes the decider
only if it beats the rules summed over the held-out sets by 3 points of accuracy or more. ``--write`` refits the
variant of best summed held-out accuracy on all development gold and writes
``corpusling/lexicons/conditional_class_weights.tsv`` and its card.

Method: multinomial logistic regression (Jurafsky & Martin, *Speech and Language Processing*, 3rd ed. draft,
ch. 5), scikit-learn's ``LogisticRegression`` (L2, lbfgs).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score  # noqa: E402

from corpusling.atomic import write_text  # noqa: E402
from corpusling.lexicons import INTERCEPT, write_weights  # noqa: E402
from corpusling.markers.conditional_model import WEIGHTS  # noqa: E402 (the file the model is applied from)

ALWAYS = ("dev", "blind", "set3", "set4", "ud_dev")
#: The article sets held out in turn: the development sets of 40 WiNER-fr articles (set5 on).
HELD_OUT = tuple(name for name in score.DEVELOPMENT if name not in ALWAYS)
#: The summed held-out margin (points of accuracy, over the sets of HELD_OUT) the model must reach to decide.
MARGIN = 3.0
GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
ROOT = score.ROOT
CARD = WEIGHTS.with_suffix(".md")
#: The card's hand-written item (the rounds' comparisons, by hand), which ``--write`` carries over.
HISTORY = "- **History of this comparison**"


def features(frame: pl.DataFrame) -> list[str]:
    """The boolean feature columns of an :func:`evidence` table."""
    return [c for c, t in frame.schema.items() if t == pl.Boolean]


def subset_rows(subset: str) -> pl.DataFrame:
    """The evidence of every found conditional of a subset with its gold class ``gold`` and a ``group``."""
    from corpusling.api import parse, read
    from corpusling.markers.conditional import evidence
    from corpusling.markers.quotes import quotes

    if subset == "ud_dev":
        corpus = parse(read([score.GOLD / "ud_conditionals" / "sentences.conllu"]))
        found = evidence(corpus.tokens, corpus.documents)
        words = corpus.tokens.select(pl.col("doc_id").cast(pl.String), "start_char", pl.col("word_id").cast(pl.Int64))
        found = found.with_columns(pl.col("doc_id").cast(pl.String)).join(words, on=["doc_id", "start_char"])
        items = json.loads((score.GOLD / "ud_conditionals" / "split.json").read_text(encoding="utf-8"))["items"]
        labels = {g["item_id"]: g for g in json.loads(score._ud_gold().read_text(encoding="utf-8"))}
        gold = pl.DataFrame([{"doc_id": i.rsplit(":", 1)[0], "word_id": int(i.rsplit(":", 1)[1]), "gold": g["cls"]}
                             for i, g in labels.items() if items[i] == "dev" and g["is_conditional"]])
        keys = ["doc_id", "word_id"]
    else:
        corpus = score.parsed(score.texts(subset))
        found = evidence(corpus.tokens, corpus.documents, quotes(corpus.tokens, corpus.documents))
        found = found.with_columns(pl.col("doc_id").cast(pl.String))
        gold = score.gold_items("conditionals", score.subset_ids(subset), subset).select(
            "doc_id", "start_char", "end_char", pl.col("cls").alias("gold"))
        keys = ["doc_id", "start_char", "end_char"]
    rows = found.join(gold, on=keys, how="inner")
    return rows.with_columns(pl.lit(subset).alias("subset"),
                             (pl.lit(subset + ":") + pl.col("doc_id")).alias("group")).select(
        "subset", "group", "doc_id", "start_char", "rule", "class", "gold", *features(rows))


def matrix(rows: pl.DataFrame, names: list[str]) -> np.ndarray:
    return rows.select([pl.col(n).cast(pl.Float64) for n in names]).to_numpy()


def cross_validate(rows: pl.DataFrame, names: list[str]) -> tuple[float, dict[float, float], np.ndarray]:
    """(best C, mean out-of-fold accuracy per C, out-of-fold predictions at the best C), folds grouped by
    document (:class:`sklearn.model_selection.GroupKFold`)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    x, y, groups = matrix(rows, names), rows["gold"].to_numpy(), rows["group"].to_numpy()
    folds = list(GroupKFold(n_splits=FOLDS).split(x, y, groups))
    accuracy, predicted = {}, {}
    for c in GRID:
        out = np.empty(len(y), dtype=object)
        for train, test in folds:
            model = LogisticRegression(C=c, max_iter=5000).fit(x[train], y[train])
            out[test] = model.predict(x[test])
        accuracy[c] = float(np.mean(out == y))
        predicted[c] = out
    best = max(GRID, key=lambda c: (accuracy[c], -c))  # the smaller C (more regular) on a tie
    return best, accuracy, predicted[best]


def fit(rows: pl.DataFrame, names: list[str], c: float):  # noqa: ANN201 - a LogisticRegression
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000).fit(matrix(rows, names), rows["gold"].to_numpy())


def per_subset(rows: pl.DataFrame, predicted: np.ndarray) -> pl.DataFrame:
    """Accuracy of the rules and of the model per subset (with the item count)."""
    return (rows.with_columns(pl.Series("model", predicted, dtype=pl.String))
            .group_by("subset", maintain_order=True)
            .agg(pl.len().alias("items"), (pl.col("class") == pl.col("gold")).mean().alias("rules"),
                 (pl.col("model") == pl.col("gold")).mean().alias("model"),
                 (pl.col("class") == pl.col("gold")).sum().alias("rules_right"),
                 (pl.col("model") == pl.col("gold")).sum().alias("model_right")))


def write(model, names: list[str], card: str) -> None:  # noqa: ANN001 - a LogisticRegression
    """The weights as a TSV: one row per feature (and ``(intercept)``), one column per class."""
    classes = [str(c) for c in model.classes_]
    coef = model.coef_ if len(classes) > 2 else np.vstack([-model.coef_[0], model.coef_[0]])
    intercept = model.intercept_ if len(classes) > 2 else np.array([-model.intercept_[0], model.intercept_[0]])
    rows = {INTERCEPT: intercept, **{name: coef[:, j] for j, name in enumerate(names)}}
    write_weights(WEIGHTS, classes, {f: dict(zip(classes, values, strict=True)) for f, values in rows.items()})
    write_text(CARD, card)


def variants(every: list[str]) -> dict[str, list[str]]:
    """The feature sets compared: with / without the rules' own class, with / without the seventh round's
    evidence."""
    from corpusling.markers.conditional import EXTRA_EVIDENCE

    base = [n for n in every if n not in EXTRA_EVIDENCE]
    return {"with_rule_class": base,
            "without_rule_class": [n for n in base if not n.startswith("rule_class_")],
            "with_rule_class+extra": every,
            "without_rule_class+extra": [n for n in every if not n.startswith("rule_class_")]}


def leave_one_set_out(rows: pl.DataFrame, names: list[str]) -> pl.DataFrame:
    """Per held-out set: items, the rules' right answers, the model's (trained on every other set), its C."""
    out = []
    for held in HELD_OUT:
        train, test = rows.filter(pl.col("subset") != held), rows.filter(pl.col("subset") == held)
        best, _, _ = cross_validate(train, names)
        predicted = fit(train, names, best).predict(matrix(test, names))
        out.append({"held_out": held, "items": test.height, "rules_right": int((test["class"] == test["gold"]).sum()),
                    "model_right": int((predicted == test["gold"].to_numpy()).sum()), "C": best})
    return pl.DataFrame(out).with_columns((pl.col("rules_right") / pl.col("items")).alias("rules"),
                                          (pl.col("model_right") / pl.col("items")).alias("model"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write the weights and the card")
    args = parser.parse_args(argv)
    rows = pl.concat([subset_rows(s) for s in (*ALWAYS, *HELD_OUT)], how="diagonal")
    every = features(rows)
    rows = rows.with_columns(pl.col(every).fill_null(False))
    print(f"items {rows.height} in {rows['group'].n_unique()} documents")
    print("gold classes:", dict(sorted(rows["gold"].value_counts().iter_rows())))
    tables = {}
    for variant, names in variants(every).items():
        table = leave_one_set_out(rows, names)
        tables[variant] = (names, table)
        margin = 100 * float((table["model"] - table["rules"]).sum())
        print(f"\n== {variant}: features {len(names)}; summed held-out margin {margin:+.1f} points "
              f"(model {table['model_right'].sum()} right, rules {table['rules_right'].sum()} "
              f"of {table['items'].sum()})")
        print(table)
    variant = max(tables, key=lambda v: (tables[v][1]["model_right"].sum(), -len(tables[v][0])))
    names, table = tables[variant]
    margin = 100 * float((table["model"] - table["rules"]).sum())
    ships = margin >= MARGIN
    decision = (f"best variant {variant}: held out ({HELD_OUT[0]}-{HELD_OUT[-1]}, each trained on the others) model "
                f"{table['model_right'].sum()} right against the rules' {table['rules_right'].sum()} of "
                f"{table['items'].sum()}, summed margin {margin:+.1f} points; "
                + (f"the model beats the rules by {MARGIN:g} points or more: it decides (`classes=\"model\"`)"
                   if ships else
                   f"under the {MARGIN:g} points asked: the rules stay the class decider; the file serves "
                   "`classes=\"model\"` for comparison only"))
    print("decision:", decision)
    if args.write:
        best, by_c, oof = cross_validate(rows, names)
        final = fit(rows, names, best)
        write(final, names, card(rows, tables, variant, best, by_c, oof, names, decision))
        print(f"wrote {WEIGHTS.relative_to(ROOT)} and {CARD.relative_to(ROOT)}")
        from corpusling.markers.conditional_model import decide, weights

        weights.cache_clear()  # the run-time dot product and argmax must agree with scikit-learn's predictions
        runtime = decide(rows.with_columns(pl.lit(0, dtype=pl.Int32).alias("sent_id")))["class"].to_numpy()
        agree = float(np.mean(runtime == final.predict(matrix(rows, names))))
        print(f"run-time classes agree with scikit-learn on {agree:.3f} of the training items")
    return 0


def card(rows: pl.DataFrame, tables: dict[str, tuple[list[str], pl.DataFrame]], variant: str, best: float,
         by_c: dict[float, float], oof: np.ndarray, names: list[str], decision: str) -> str:
    cv = float(np.mean(oof == rows["gold"].to_numpy()))
    held = "\n".join(
        f"| {r['held_out']} | {r['items']} | {r['rules']:.3f} ({r['rules_right']}) | "
        + " | ".join(f"{t.row(i, named=True)['model']:.3f} ({t.row(i, named=True)['model_right']})"
                     for _, t in tables.values()) + " |"
        for i, r in enumerate(tables[variant][1].iter_rows(named=True)))
    sums = " | ".join(f"{t['model_right'].sum()} ({100 * float((t['model'] - t['rules']).sum()):+.1f})"
                      for _, t in tables.values())
    first = tables[variant][1]
    header = " | ".join(tables)
    subsets = ", ".join(dict.fromkeys(rows["subset"].to_list()))
    return f"""# Conditional classes: logistic regression weights (`conditional_class_weights.tsv`)

Written by `python tests/gold/train_conditional_classes.py --write` on
{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} (the comparison alone: without `--write`); applied by
`corpusling/markers/conditional_model.py` (`conditionals(..., classes="model")`, a dot product per class and an
argmax, no scikit-learn at run time).

- **Decision** (leave one set out, as fixed before the first comparison): {decision}.
- **Comparison**: for each article set of {HELD_OUT[0]} … {HELD_OUT[-1]}, the model is trained on all development
  gold but that set (Wikinews dev and blind, set3, set4, the other article sets, UD development items always; never
  UD test/blind items), C chosen among {list(GRID)} by {FOLDS}-fold cross-validation grouped by document on that
  training data only, and tested on the set left out. The rules' figure beside it is optimistic: the rules were
  written after reading every one of these sets (and the `cue_*` features are their conditions, written on them
  too).
- **Variants**: with / without the rules' own class (`rule_class_*`), with / without the evidence added in the
  seventh round (`governor_saying_present`, `copula`, `situation_subject`, `main_clause`).

| held out | items | rules | {header} |
|---|---|---|{'---|' * len(tables)}
{held}
| **sum** | {first['items'].sum()} | {first['rules_right'].sum()} | {sums} |

(right answers in brackets; in the sum row, the summed margin over the rules in points of accuracy.)

- **This file**: variant {variant} ({len(names)} features), refitted on all {rows.height} development conditionals
  ({subsets}), C = {best} ({FOLDS}-fold grouped cross-validation, out-of-fold {cv:.3f}; by C: {', '.join(
        f'{c}: {a:.3f}' for c, a in by_c.items())}); scikit-learn {_sklearn()} (BSD-3-Clause).
- **Features** (booleans, from `conditional.evidence`): `cue_<rule>` (the condition of each rule of
  `conditional.rules()`, whether or not an earlier rule decided), `rule_class_<class>` (the class the ordered
  rules give), compound, in_quote, first_person, relative, governed, governor_past_saying, si_in_sentence,
  source_in_sentence, question, negated, appositive, dated, past_above, in_tree, and the seventh round's four.
""" + history()


def history() -> str:
    """The hand-written item of the card that ``--write`` replaces (from :data:`HISTORY` to its end), after a blank
    line; empty where the card has none."""
    text = CARD.read_text(encoding="utf-8") if CARD.exists() else ""
    start = text.find(HISTORY)
    return "" if start < 0 else "\n" + text[start:].rstrip("\n") + "\n"


def _sklearn() -> str:
    import sklearn

    return sklearn.__version__


if __name__ == "__main__":
    sys.exit(main())

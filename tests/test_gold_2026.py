"""The analyses against the 2026-12 gold (tests/gold/README.md): development and blind figures held.

The 80 Wikinews articles and the 95 texts of set3 are parsed once with the bundled model and scored by
``tests/gold/score.py``,
the UD conditionals on their treebanks' trees. Each threshold sits a little below the figure measured
on the date recorded in the README's accuracy table: a change that lowers a figure, blind ones
included, fails here. The blind figures are held, never tuned on: when one falls, read the
development errors, not the blind ones.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCORE = Path(__file__).resolve().parent / "gold" / "score.py"

#: (set, analysis, measure) → the lowest value accepted (measured on 2026-12-06, see the README).
MINIMUM: dict[tuple[str, str, str], float] = {
    # development (measured: Wikinews conditionals F1 1.000, class 0.912; UD class 0.908; hedges P/R 0.981/0.981;
    # quotations F1 0.995, kind 0.963, speaker 1.000; reported F1 0.810, kind 0.974, speaker 0.753)
    # (reported speech raised on 2026-12-06, second session, after the rules read on all 80 articles: dev F1
    # 0.932, speaker 0.769; released blind F1 0.876, speaker 0.709)
    # (quotations raised on 2026-12-06, second session, rules read on all 80 articles: kind 0.972 on 107 and 0.967
    # on the released blind 61; speaker 1.000 on 47 and 0.852 on the released blind 27)
    # (conditional classes raised on 2026-12-06, third session, after rules read on development items only:
    # Wikinews dev class 0.947 on 57, UD dev class 0.951 on 185)
    ("dev", "conditionals (Wikinews)", "f1"): 0.97,
    ("dev", "conditionals (Wikinews)", "class_accuracy"): 0.92,
    ("dev", "conditionals (UD trees)", "f1"): 0.97,
    ("dev", "conditionals (UD trees)", "class_accuracy"): 0.93,
    ("dev", "hedges", "precision"): 0.95,
    ("dev", "hedges", "recall"): 0.95,
    ("dev", "quotations", "f1"): 0.97,
    ("dev", "quotations", "kind_accuracy"): 0.95,
    ("dev", "quotations", "speaker_accuracy"): 0.95,
    ("dev", "reported speech", "f1"): 0.90,
    ("dev", "reported speech", "kind_accuracy"): 0.94,
    ("dev", "reported speech", "speaker_accuracy"): 0.74,
    # "blind": the first blind set, scored on 2026-12-06 (Wikinews conditionals F1 1.000, class 1.000 on 9; UD
    # class 0.841; hedges P/R 0.850/0.739; quotations F1 1.000, kind 0.820, speaker 0.704; reported F1 0.645,
    # kind 0.973, speaker 0.676), then its Wikinews half released to development (second session; rules read on
    # it: hedges P/R 0.910/0.884); its UD items stay blind (class 0.857 on 126 after the second session)
    ("blind", "conditionals (Wikinews)", "f1"): 0.97,
    ("blind", "conditionals (Wikinews)", "class_accuracy"): 0.85,
    ("blind", "conditionals (UD trees)", "f1"): 0.97,
    ("blind", "conditionals (UD trees)", "class_accuracy"): 0.83,
    ("blind", "hedges", "precision"): 0.88,
    ("blind", "hedges", "recall"): 0.86,
    ("blind", "quotations", "f1"): 0.97,
    ("blind", "quotations", "kind_accuracy"): 0.94,
    ("blind", "quotations", "speaker_accuracy"): 0.82,
    ("blind", "reported speech", "f1"): 0.84,
    ("blind", "reported speech", "kind_accuracy"): 0.94,
    ("blind", "reported speech", "speaker_accuracy"): 0.68,
    # set3, the blind set of 2026-12-06 (95 texts of L'Est Républicain and GSD), scored once at 11:13 UTC after
    # every rule of the second session, its errors unread: conditionals F1 0.980, class 0.708 (24 found of 25);
    # hedges P/R 0.813/0.796 (93); quotations F1 0.942, kind 0.857 (110), speaker 0.630 (27); reported speech
    # P/R/F1 0.586/0.661/0.621 (62), kind 0.976, speaker 0.538 (39). Held, never tuned on.
    ("set3", "conditionals (set3)", "f1"): 0.95,
    ("set3", "conditionals (set3)", "class_accuracy"): 0.66,
    ("set3", "hedges", "precision"): 0.78,
    ("set3", "hedges", "recall"): 0.76,
    ("set3", "quotations", "f1"): 0.91,
    ("set3", "quotations", "kind_accuracy"): 0.82,
    ("set3", "quotations", "speaker_accuracy"): 0.59,
    ("set3", "reported speech", "f1"): 0.58,
    ("set3", "reported speech", "kind_accuracy"): 0.94,
    ("set3", "reported speech", "speaker_accuracy"): 0.50,
}


@pytest.fixture(scope="module")
def score():  # noqa: ANN201 - the tests/gold/score.py module
    spec = importlib.util.spec_from_file_location("gold_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(score) -> dict[str, dict[str, dict[str, float]]]:
    return {subset: score.scores(subset) for subset in ("dev", "blind", "set3")}


@pytest.mark.parametrize(("subset", "analysis", "measure"), list(MINIMUM))
def test_figure_holds(figures, subset: str, analysis: str, measure: str) -> None:
    value = figures[subset][analysis][measure]
    assert value >= MINIMUM[subset, analysis, measure], (subset, analysis, measure, value)


def test_split_is_disjoint_and_complete(score) -> None:
    split = score.split()
    assert not set(split["dev"]) & set(split["blind"])
    assert len(split["dev"]) == len(split["blind"]) == 40
    assert not set(split["blind"]) & set(split["previously_read"])

"""Conditional classes, sixteenth session (issue 14): a si-clause in the imperfect or pluperfect that the parser makes
the complement of a verb of opinion ("penser que si une femme s'était comportée ainsi, ils l'auraient traitée…") is
the protasis of the hypothetical system (Riegel, Pellat & Rioul 2018: si + plus-que-parfait → conditionnel passé),
not an indirect question: a verb of opinion takes none (*penser si, *croire si). ``si_clause`` already read it so;
``si_imperfect``, which finds the protasis anywhere in the sentence, took the verb of opinion for one of asking and
left the conditional to ``past_conditional`` (reportive). Written on set23's error (development); invented
sentences parsed with the bundled compact model. The first case gave ``past_conditional`` before; the second shows
that an indirect question after a verb of asking stays one.

And the hypothetical system fronted, read on the words (``fronted_si_imperfect``): a sentence that opens on "Si", an
imperfect by its ending before the first comma, the conditional after it ("Si le gouvernement cédait, les syndicats
reprendraient le travail"; Riegel et al. 2018, ch. XVIII). The compact model tags such imperfects as adjectives of
the noun before them, and the tree then has no si-clause: this textbook sentence, from a battery of conditional uses
written from the grammar, came out ``unmarked`` (reportive) before. No development item had it (development
unchanged). Not a "Si" clause with a present ("Si le gouvernement cède, …": no conditional then), nor a concessive
one in the passé composé."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import conditional_row, conditionals_of_sentences

#: (sentence, conditional's form, class, rule)
CASES = [
    ("Je n'ai pas pu m'empêcher de penser que si un homme s'était comporté de cette façon, ils l'auraient traité "
     "de « héros », a déclaré la sénatrice.", "auraient", "hypothetical", "si_imperfect"),
    # not over-firing: after a verb of asking, "si" + imperfect asks; the conditional is the future in the past
    ("Le juge a demandé si les témoins savaient que le rapport serait publié.", "serait", "future_in_past",
     "past_saying_que"),
    ("Si le gouvernement cédait, les syndicats reprendraient le travail.", "reprendraient", "hypothetical",
     "fronted_si_imperfect"),
    # not over-firing: a concessive si-clause in the passé composé
    ("Si le ministre a reconnu des erreurs, il a promis que la réforme serait maintenue.", "serait",
     "future_in_past", "past_saying_que"),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    return conditionals_of_sentences(tmp_path_factory.mktemp("conditionals_sixteenth"),
                                     [sentence for sentence, *_ in CASES])


@pytest.mark.parametrize("sentence, form, expected_class, expected_rule", CASES,
                         ids=[f"{rule}:{form}" for _, form, _, rule in CASES])
def test_class_and_rule(found: pl.DataFrame, sentence: str, form: str, expected_class: str,
                        expected_rule: str) -> None:
    row = conditional_row(found, sentence, form)
    assert (row["class"], row["rule"]) == (expected_class, expected_rule)

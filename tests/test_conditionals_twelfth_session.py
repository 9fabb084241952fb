"""Conditional classes, twelfth session (issue 14): three readings of the tree written on set21's errors after its
release (a verb that says through its infinitive, "même si" that concedes, "voir si" that asks), tested on invented
sentences of the same kinds parsed with the bundled compact model. The first two cases and the last gave another
class before this session (hypothetical, by ``content_clause`` or ``si_clause``); the others show that the change
does not over-fire. (The model tags the imperfect of "Si le gouvernement reculait" as an adjective of the noun: hence
"S'il reculait".)"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import conditional_row, conditionals_of_sentences

#: (sentence, conditional's form, class, rule)
CASES = [
    # a verb with an infinitive of saying says with it, in its tense: the content is a future in the past
    ("Les ministres ont fait savoir qu'il n'y aurait pas de nouvelle aide cette année.", "aurait", "future_in_past",
     "past_saying_que"),
    # "même si" with a present indicative concedes a fact: no protasis, the modal's own reading decides
    ("Même si le risque ne doit pas être sous-estimé, la pluie pourrait être utile aux cultures.", "pourrait",
     "epistemic", "epistemic_verb"),
    # an infinitive of seeing right before si asks an indirect question, whatever the parser hangs si on
    ("Nous pourrions voir si le chantier avance encore une semaine.", "pourrions",
     "epistemic", "epistemic_verb"),
    # not over-firing: "même si" with an imperfect keeps the hypothetical system; a plain si-clause is a protasis
    ("Même s'il pleuvait toute la semaine, le festival aurait lieu.", "aurait", "hypothetical", "si_imperfect"),
    ("S'il reculait, les syndicats reprendraient le travail.", "reprendraient", "hypothetical",
     "si_clause"),
    # and a present "fait savoir" is no past: no future in the past
    ("Le club fait savoir que le joueur serait absent pour raisons personnelles.", "serait", "reportive",
     "unmarked"),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    return conditionals_of_sentences(tmp_path_factory.mktemp("conditionals_twelfth"),
                                     [sentence for sentence, *_ in CASES])


@pytest.mark.parametrize("sentence, form, expected_class, expected_rule", CASES,
                         ids=[f"{rule}:{form}" for _, form, _, rule in CASES])
def test_class_and_rule(found: pl.DataFrame, sentence: str, form: str, expected_class: str,
                        expected_rule: str) -> None:
    row = conditional_row(found, sentence, form)
    assert (row["class"], row["rule"]) == (expected_class, expected_rule)

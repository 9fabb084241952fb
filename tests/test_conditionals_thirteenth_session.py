"""Conditional classes, thirteenth session (issue 14): three readings written on set22's errors after its release
(the reader addressed, the report itself in the conditional, a verb of consequence more), tested on invented
sentences of the same kinds parsed with the bundled compact model. The first four gave another class before this
session (``unmarked`` or ``past_conditional`` → reportive); the others show that the changes do not over-fire.
(Tried and left out: the content of a past word that is no verb of saying as a future in the past, "Il avait compris
que le projet serait abandonné": one more right over all development sets, but the parser hangs a purpose clause's
que-clause on the main verb, "ont justifié … pour prouver que son ouverture ne provoquerait pas …", which it then
misreads.)"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import conditional_row, conditionals_of_sentences

#: (sentence, conditional's form, class, rule)
CASES = [
    # the reader addressed imagines a situation of their own: no report
    ("Vous choisiriez alors une personne de confiance pour gérer vos comptes.", "choisiriez", "hypothetical",
     "addressee_subject"),
    ("Seriez-vous capable de citer ses médicaments ?", "Seriez", "hypothetical", "addressee_subject"),
    # the verb of saying itself in the conditional: the report is distanced, whatever the quotation holds
    ("« Nous reviendrons l'an prochain », aurait-il déclaré aux journalistes.", "aurait", "reportive",
     "reported_saying"),
    # a noun of action and a verb of consequence: an implicit condition ("if the change were made")
    ("Ce changement résoudrait un différend vieux de trente ans.", "résoudrait", "hypothetical",
     "implicit_condition"),
    # not over-firing: a politeness question keeps its class; a present word's content stays hypothetical;
    # a third person is no addressee
    ("Voudriez-vous un café ?", "Voudriez", "politeness_desire", "desire_verb"),
    ("Il est évident que les syndicats joueraient un rôle décisif.", "joueraient", "hypothetical",
     "content_clause"),
    ("Le suspect serait un ancien employé du centre.", "serait", "reportive", "unmarked"),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    return conditionals_of_sentences(tmp_path_factory.mktemp("conditionals_thirteenth"),
                                     [sentence for sentence, *_ in CASES])


@pytest.mark.parametrize("sentence, form, expected_class, expected_rule", CASES,
                         ids=[f"{rule}:{form}" for _, form, _, rule in CASES])
def test_class_and_rule(found: pl.DataFrame, sentence: str, form: str, expected_class: str,
                        expected_rule: str) -> None:
    row = conditional_row(found, sentence, form)
    assert (row["class"], row["rule"]) == (expected_class, expected_rule)

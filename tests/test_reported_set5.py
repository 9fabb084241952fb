"""Reported speech: rules written on the errors of set5 (the Wikinews articles of 2016-2018 scored blind once, then
released to development; issue 16, fifth session), on sentences parsed with the bundled model.

Each test names the kind of error it guards against and fails without its rule.
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts, reported_rows

from corpusling.markers.reported import exclusion_rules, reported

SENTENCES = {
    # the first verb of a locution the lemmatiser got wrong ("laissent" → *lair*) is known by its form
    "laisser_entendre": "Certains sondages laissent entendre qu'elle pourrait capter une grande partie des voix.",
    # a ruling stated in a que-clause is reported; a decision to act is an intention
    "decider_que": "Le Conseil d'Etat a décidé qu'une sélection ne peut être mise en place pour l'accès au master.",
    "decider_de": "Le gouvernement a décidé de fermer les écoles.",
    # a promise: the reflexive "s'engager à" + infinitive, not "s'engager dans"
    "engager_a": "Les membres se sont engagés à agir de concert avec les autres pays.",
    "engager_dans": "Han s'engage finalement dans la bataille et couvre Luke.",
    # "pour X," of a group: a movement written with a capital, a share of a people
    "pour_movement": "Pour les Gilets jaunes, il s'agirait d'un acte malveillant.",
    "pour_share": "Pour 63 % des Français, la France accueille trop de migrants.",
    "pour_segment": "Pour les 10 % de la population la plus aisée, la baisse du niveau de vie est de 1,2 %.",
    # a clause coordinated by a conjunction with a subject of its own is not the marker's
    "selon_then_mais": "Trois personnes y sont décédées selon le journal, mais des témoins affirment qu'il y aurait "
                       "davantage de morts.",
    "pour_then_et": "Pour 63 % des Français, la France accueille trop de migrants et la moitié souhaite un "
                    "référendum.",
    # the noun after an incise verb is its inverted subject only if it can speak: otherwise a verb and its object
    "incise_object": "La commission des lois du Sénat, constituée en commission d'enquête pour six mois, continue "
                     "ses auditions.",
    "incise_title": "Par ailleurs, poursuit l'ex-Président sénégalais, une langue n'a pas d'avenir sans moyens.",
    # ", ce que …" is a relative on the clause before, not a content of the verb before it
    "ce_que_relative": "Le témoignage sous serment pourrait obliger Benalla à s'accuser, ce que proscrit le droit "
                       "français.",
    # "selon" after a word that applies a criterion
    "selon_criterion": "La Russie condamne la persécution d'individus selon leur orientation sexuelle.",
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    corpus = parse_texts(SENTENCES)
    return reported(corpus.tokens, corpus.documents)


def test_a_locution_whose_first_verb_has_a_wrong_lemma(found) -> None:
    assert reported_rows(found, "laisser_entendre") == [
        ("indirect", "laisser entendre", "qu'elle pourrait capter une grande partie des voix",
         "que-clause right after the verb (attached elsewhere by the parser)")]


def test_a_ruling_in_a_que_clause_is_reported_a_decision_to_act_is_not(found) -> None:
    assert reported_rows(found, "decider_que") == [
        ("indirect", "décider", "qu'une sélection ne peut être mise en place pour l'accès au master", "que-clause")]
    assert reported_rows(found, "decider_de") == []


def test_a_promise_is_reported(found) -> None:
    assert reported_rows(found, "engager_a") == [
        ("indirect", "engager", "à agir de concert avec les autres pays", "infinitive clause")]
    assert reported_rows(found, "engager_dans") == []


@pytest.mark.parametrize(("doc", "text"), [("pour_movement", "il s'agirait d'un acte malveillant"),
                                           ("pour_share", "la France accueille trop de migrants")])
def test_the_view_of_a_group(found, doc, text) -> None:
    assert reported_rows(found, doc) == [("according_to", "pour", text, "source marker of the hedge analysis")]


@pytest.mark.parametrize("doc", ["pour_segment", "selon_criterion"])
def test_a_segment_of_a_distribution_and_a_criterion_attribute_nothing(found, doc) -> None:
    assert reported_rows(found, doc) == []


def test_a_coordinated_clause_with_its_own_subject_is_not_attributed(found) -> None:
    assert reported_rows(found, "selon_then_mais") == [
        ("according_to", "selon", "Trois personnes y sont décédées", "source marker of the hedge analysis"),
        ("indirect", "affirmer", "qu'il y aurait davantage de morts", "que-clause")]
    assert reported_rows(found, "pour_then_et") == [
        ("according_to", "pour", "la France accueille trop de migrants", "source marker of the hedge analysis")]


def test_an_incise_subject_can_speak(found) -> None:
    assert reported_rows(found, "incise_object") == []
    assert [(kind, cue, rule) for kind, cue, _, rule in reported_rows(found, "incise_title")] == [
        ("incise", "poursuivre", "incise inside the clause it attributes")]


def test_a_relative_on_the_clause_before_is_a_named_exclusion(found) -> None:
    assert reported_rows(found, "ce_que_relative") == []
    assert "relative on the clause before" in [name for name, _ in exclusion_rules()]

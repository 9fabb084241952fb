"""Reported speech: rules written on the errors of set6 (the Wikinews articles of 2016-2018 scored blind once at
17:13, then released to development; issue 16, third round), on sentences parsed with the bundled model.

Each test names the kind of error it guards against and fails without its rule.
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts, reported_rows

from corpusling.markers.reported import exclusion_rules, reported

SENTENCES = {
    # a que-clause after "c'est-à-dire" glosses the words before: no content of the verb before it
    "gloss": "L'assemblée nationale a adopté la loi décidant le retrait du pays du statut de Rome c'est-à-dire que "
             "le Burundi ne reconnaîtra plus aucune autorité à la cour.",
    # the same verb with a content clause of its own is reported
    "decider_que": "Le Conseil d'Etat a décidé qu'une sélection ne peut être mise en place pour l'accès au master.",
    # an estimate is the active verb's figure: the participle of a noun is a passive, no content
    "estimate_participle": "La plus grande ville du pays voit sa population estimée à 15 millions d'habitants.",
    "estimate_active": "Le syndicat estime à 75 000 le nombre d'emplois menacés.",
    # a suspicion is a belief held of someone, reported even in the passive with no agent
    "suspicion_participle": "Deux personnes sont arrêtées, dont un homme soupçonné d'être le conducteur du camion.",
    "suspicion_passive": "Le mouvement est fréquemment soupçonné de participer à des arrestations arbitraires.",
    # a date between the verb and its infinitive is no object governing the infinitive
    "date_between": "Le groupe, qui a déjà affirmé fin janvier avoir accepté une procédure de rectification fiscale "
                    "en Allemagne, se défend.",
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    corpus = parse_texts(SENTENCES)
    return reported(corpus.tokens, corpus.documents)


def test_a_gloss_is_no_content(found) -> None:
    assert "gloss, not a content" in [name for name, _ in exclusion_rules()]
    assert reported_rows(found, "gloss") == []
    assert reported_rows(found, "decider_que") == [
        ("indirect", "décider", "qu'une sélection ne peut être mise en place pour l'accès au master", "que-clause")]


def test_an_estimate_on_a_participle_of_a_noun_is_no_content(found) -> None:
    assert reported_rows(found, "estimate_participle") == []
    assert reported_rows(found, "estimate_active") == [
        ("indirect", "estimer", "à 75 000 le nombre d'emplois menacés",
         "estimate read in the word order (estime à N le nombre de…)")]


def test_a_suspicion_reports_a_belief(found) -> None:
    assert reported_rows(found, "suspicion_participle") == [
        ("indirect", "soupçonner", "d'être le conducteur du camion", "content clause read in the word order")]
    assert reported_rows(found, "suspicion_passive") == [
        ("indirect", "soupçonner", "de participer à des arrestations arbitraires", "infinitive clause")]


def test_a_date_between_the_verb_and_its_infinitive(found) -> None:
    assert reported_rows(found, "date_between") == [
        ("indirect", "affirmer", "avoir accepté une procédure de rectification fiscale", "infinitive clause")]

"""Hedges, ninth round (issue 14; kinds of set12's and set13's errors, released 2026-12-06 23:31 UTC), on sentences
parsed with the bundled model: a group whose generic definite plural speaks (``speaking_group`` of
hedge_rule_words.tsv: les médias, les proches) is an unnamed source as the subject of a verb of saying (rule
'unnamed subject of a verb of saying'; guide §3); people the person nouns lacked (officier, lycéen, buraliste,
personnalité… in person_noun of hedge_context.tsv) are speakers: the unnamed subject of an incise after a quotation,
the holder of a 'pour X,' view, the unnamed object of 'selon'; rule 'unnamed agent of a verb of saying': a vague
phrase of a person or an informant in 'par' after the passive participle of a verb of saying or judging (not the
active past tense, not the author of a written work: authorship_verb of hedge_rule_words.tsv); rules 'named after'
(names of examples after 'comme') and 'named before' (in apposition after a proper noun) of hedges._drop_named;
'pour X,' (entry 'pour @viewpoint') before an impersonal passive, whose subject holds no view, and with a holder
written with a prefix ('vice-procureur'); suggérer a verb of saying (speech_verb of hedge_context.tsv, as in the
project's reporting_verbs.tsv)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import hedges_of_sentences, rows_within

#: sentence → its hedges, (category, match, entry)
CASES: dict[str, list[tuple[str, str, str]]] = {
    # a speaking group's definite plural (set6, set13)
    "Les médias locaux signalent qu'un véhicule d'urgence s'est renversé.": [
        ("unnamed_source", "Les médias locaux", "rule: unnamed subject of a verb of saying")],
    "Les proches des personnes décédées rappellent régulièrement avoir manqué d'informations.": [
        ("unnamed_source", "Les proches des personnes décédées", "rule: unnamed subject of a verb of saying")],
    # a definite plural of other people stays named by its role, not an unnamed source
    "Les juges ont indiqué que la décision serait rendue lundi.": [],
    # people the lists lacked (set9, set13; set7; set12; set6)
    "« Nous avons trouvé des engins explosifs artisanaux », déclare un officier de police.": [
        ("unnamed_source", "un officier de police", "rule: unnamed subject of an incise")],
    "« Il y avait des traces de sang », témoigne pour sa part un lycéen.": [
        ("unnamed_source", "un lycéen", "rule: unnamed subject of an incise")],
    "Pour les buralistes, cette baisse est due à l'augmentation du marché parallèle.": [
        ("source_marker", "Pour les buralistes", "pour @viewpoint")],
    "Selon certaines personnalités, le ministre n'a aucun intérêt à démissionner.": [
        ("source_marker", "Selon certaines personnalités", "selon _"),
        ("unnamed_source", "certaines personnalités", "rule: unnamed object of a source marker")],
    # the unnamed agent of a verb of saying (set7, set12)
    "Sa première année à Milan a été qualifiée de brillante par tous les observateurs.": [
        ("unnamed_source", "tous les observateurs", "rule: unnamed agent of a verb of saying")],
    "Le père est décrit comme « un gars équilibré, normal » par un ami d'enfance.": [
        ("unnamed_source", "un ami d'enfance", "rule: unnamed agent of a verb of saying")],
    # the active past tense (set8), an author (set9), speakers named as examples (set10) or in apposition (set12)
    "L'ONG Amnesty International a dénoncé le recours excessif à la force par des policiers.": [],
    "Il s'appuie sur le livre « Bienvenue Place Beauvau », écrit par des journalistes du Canard enchaîné.": [],
    "Ce double attentat a été condamné par diverses personnalités politiques comme François Fillon.": [],
    "D'après les informations fournies par Regina Mossotti, une des responsables du centre, le loup est en bonne "
    "santé.": [("source_marker", "D'après les informations fournies par Regina Mossotti", "d'après _")],
    # 'pour X,' before an impersonal passive (set12), a holder with a prefix (set8)
    "Cependant, pour Laurent Lenoble, il avait été estimé qu'ils voulaient pénétrer dans la préfecture.": [
        ("source_marker", "pour Laurent Lenoble", "pour @viewpoint")],
    "Cela dit, pour le vice-procureur, cette somme est beaucoup plus importante.": [
        ("source_marker", "pour le vice-procureur", "pour @viewpoint")],
    # suggérer reports a clause (set13)
    "Une autre source a suggéré que des chefs d'inculpation larges avaient été choisis par précaution.": [
        ("unnamed_source", "Une autre source", "rule: unnamed subject of a verb of saying")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    return hedges_of_sentences(tmp_path_factory.mktemp("hedges_round9"), list(CASES))


@pytest.mark.parametrize("sentence", list(CASES))
def test_hedges_round9(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    inside = rows_within(*found, sentence)
    assert [(r["category"], r["match"], r["entry"]) for r in inside.to_dicts()] == CASES[sentence]

"""Hedges, tenth round (issue 14; kinds of set14's errors, released 2026-12-07 01:30 UTC, checked on set13 back to
set3), on sentences parsed with the bundled model: a verb of saying with its own subject before it, and no other
finite verb before it in its sentence, is the sentence's predicate and no attribution incise (rule 'own subject' of
hedge_sources.incises: the commas close an apposition or an adjunct of the subject); markers outside the guide's
closed lists of epistemic markers and boosters (§3), never annotated in the development gold, are left out of
hedges.tsv: "avoir l'air", "donner l'impression", "laisser supposer|penser|croire", "on estime que", "être
sûr|certain|convaincu"; the past conditional of pouvoir / devoir is a counterfactual with any complement (row
'counterfactual' of hedges.MODAL_RULES: "le bilan aurait pu être beaucoup plus grave"), epistemic only with an
impersonal subject (row 'impersonal'); "selon" / "d'après" a code, a constitution or a legislation is a norm
applied, no source (the exclude entries of "selon" of arrangement in hedges.tsv); a noun that leaves its informant
unnamed (``anonymous_noun`` of hedge_rule_words.tsv: source) heads an unnamed source with a definite or
demonstrative determiner too ("selon cette source")."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import hedges_of_sentences, parse_texts, rows_within

from corpusling.markers.hedges import modal_readings

#: sentence → its hedges, (category, match, entry)
CASES: dict[str, list[tuple[str, str, str]]] = {
    # rule 'own subject': the subject, its apposition or adjunct between commas, then its verb (set14, set8)
    "François Fillon, en déplacement à Troyes, ce mardi, a contesté les chiffres du journal.": [],
    "Le patron du parti, Évariste Ndayishimiye, critique vivement l'Union européenne.": [],
    # a mid-sentence incise the parser made the root, its subject taken from a later finite verb that has none of
    # its own (the verb "reculera", the passive "sera votée", the modal "devraient"), stays one
    "Le gouvernement, a précisé le ministre, ne reculera pas sur cette réforme.": [
        ("source_marker", "a précisé le ministre", "rule: attribution incise")],
    "Cette réforme, a indiqué la porte-parole du gouvernement, sera votée avant l'été.": [
        ("source_marker", "a indiqué la porte-parole du gouvernement", "rule: attribution incise")],
    "Les négociations, a expliqué un diplomate, devraient reprendre la semaine prochaine.": [
        ("source_marker", "a expliqué un diplomate", "rule: attribution incise"),
        ("unnamed_source", "un diplomate", "rule: unnamed subject of an incise"),
        ("epistemic_verb", "devraient", "rule: epistemic modal (conditional)")],
    # an incise after an assertion with a verb of its own stays one
    "Les journalistes sont maintenant en sécurité, a indiqué leur direction.": [
        ("source_marker", "a indiqué leur direction", "rule: attribution incise")],
    # markers outside the guide's closed lists (§3), never annotated in the development gold: appearance and
    # inference locutions (set11, set14, set9), an impersonal estimate (set14), a speaker's certainty as a predicate
    # (set10, set12); the guide's own markers stay
    "L'une des voitures donnait l'impression d'appartenir à l'armée.": [],
    "L'assaillant avait l'air drogué au moment des faits.": [],
    "Les premiers éléments de l'enquête laissent supposer qu'un problème mécanique a causé l'accident.": [],
    "On estime que 1 % des adultes sont infectés par la maladie.": [],
    "Je suis certain que la justice ne se laissera pas instrumentaliser.": [],
    "La voiture semblait appartenir à l'armée.": [("epistemic_verb", "semblait", "sembler")],
    # a past conditional with any complement says what did not happen (row 'counterfactual'; set11, set13); an
    # impersonal one weighs a possibility (row 'impersonal')
    "Le bilan aurait pu être beaucoup plus grave.": [],
    "Il aurait pu s'agir d'un accident.": [("epistemic_verb", "aurait pu", "rule: epistemic modal (impersonal)")],
    # "selon" a norm (a code, a constitution) is the rule applied, no source (set14; "d'après le droit international",
    # Wikinews, adjudicated); "selon" a person stays a source
    "En effet, selon le Code du travail, elle aurait dû percevoir moins d'un mois de salaire.": [],
    "Selon la Constitution, le président est élu pour cinq ans.": [],
    "Selon le ministre, le président est élu pour cinq ans.": [("source_marker", "Selon le ministre", "selon _")],
    # a source left unnamed by the noun itself, with a definite or demonstrative determiner too (anonymous_noun of
    # hedge_rule_words.tsv; set12, set13)
    "Des démineurs ont été dépêchés sur place, selon cette source.": [
        ("source_marker", "selon cette source", "selon _"),
        ("unnamed_source", "cette source", "rule: unnamed object of a source marker")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    return hedges_of_sentences(tmp_path_factory.mktemp("hedges_round10"), list(CASES))


@pytest.mark.parametrize("sentence", list(CASES))
def test_hedges_round10(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    inside = rows_within(*found, sentence)
    assert [(r["category"], r["match"], r["entry"]) for r in inside.to_dicts()] == CASES[sentence]


def test_a_past_conditional_of_a_thing_with_a_copula_is_a_counterfactual() -> None:
    """Row 'counterfactual' decides "aurait pu être beaucoup plus grave" (tenth round)."""
    corpus = parse_texts({"d": "Le bilan aurait pu être beaucoup plus grave."})
    readings = modal_readings(corpus.tokens)
    assert readings.select("form", "rule", "epistemic").rows() == [("pu", "counterfactual", False)]

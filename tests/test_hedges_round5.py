"""Hedges, fifth round (issue 14; kinds of set7's and set8's errors, 2026-12-06), on sentences parsed with the
bundled model: an epistemic adjective after its noun in a noun phrase that a negation denies ('pas d'alliance
possible', 'pas de retour en arrière possible', 'aucune solution possible') hedges nothing (guide §3); 'pour X,'
after the sentence's predicate, with no finite verb after its comma, is a destination or a beneficiary, no
viewpoint ('est parti, le 21 janvier, pour la Guinée équatoriale, après avoir refusé…'); 'des centaines' whose
'des' the tokeniser split into 'de les', and 'près de' before one unit of time or measure ('près d'un an'), are
approximators; the noun 'presqu'île' is not."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import hedges_of_sentences, rows_within

#: the lexicon entry of an unnamed group of speakers
ANALYSTS = ("un|certain|plusieurs|quelque|divers|différent ([ADJ]) analyste|observateur|expert|spécialiste|responsable|"
            "diplomate|témoin|commentateur|proche|informateur|officiel|dirigeant|leader|membre|habitant|scientifique|"
            "chercheur|enquêteur|militant|porte-parole|fonctionnaire|policier|militaire|élu|conseiller|manifestant|"
            "opposant|résident|médecin|juriste|économiste|politologue|connaisseur|initié|universitaire|journaliste|"
            "haut-fonctionnaire|gradé|cadre|représentant|collectif|association|ong|syndicat|négociateur @speaker")

#: the lexicon entries of the fifth round
ROUNDERS = 'de le "dizaines"|"vingtaines"|"trentaines"|"cinquantaines"|"soixantaines"|"centaines"|"milliers"'
UNITS = "près de un an|année|mois|semaine|jour|heure|minute|seconde|siècle|kilomètre|mètre|tonne|litre|point"

#: sentence → its hedges, (category, match, entry)
CASES: dict[str, list[tuple[str, str, str]]] = {
    # a headline's verbless phrase, "de" read as a preposition (set7)
    "France : pas d'alliance possible entre Hamon et Mélenchon": [],
    # "possible" on the complement of the denied noun (set8)
    # ("Beaucoup", the bare indefinite pronoun that says it, is an unnamed source: set8's gold, fourteenth session)
    "Beaucoup craignent qu'il n'y ait pas de retour en arrière possible.": [
        ("unnamed_source", "Beaucoup", "rule: unnamed indefinite subject of a verb of saying")],
    # a negative determiner
    "Aucune solution possible n'a été trouvée.": [],
    # no negation: further sanctions that may come, the guide's 'possible'
    "D'autres sanctions possibles sont envisagées.": [
        ("epistemic_adverb", "possibles", "<[NOUN]> possible/ADJ")],
    # "pour X," complementing the predicate before it, no finite verb after the comma: a destination (set8)
    "Il est finalement parti, le 21 janvier, pour la Guinée équatoriale, après avoir refusé sa défaite.": [],
    # a viewpoint framing the clause after it, though the parser hangs it on the words before (set6)
    "Le taux est le plus faible parmi les quatre provinces, et pour certains analystes, ces chiffres pourraient "
    "être dus à une moins forte attractivité sur le plan économique.": [
        ("unnamed_source", "certains analystes", ANALYSTS),
        ("source_marker", "pour certains analystes", "pour @viewpoint"),
        ("epistemic_verb", "pourraient", "rule: epistemic modal (conditional)")],
    # the indefinite "des" split into "de les" before a plural rounder standing alone (set8)
    "Des personnes ont été secourues au large de la Libye et des centaines ont été portées disparues.": [
        ("approximator", "des centaines", ROUNDERS)],
    # "près de" before one unit of time or measure (set8), not before a place
    "Cette cérémonie intervient près d'un an après la marche.": [("approximator", "près d'un an", UNITS)],
    "Le relais termine près d'une seconde derrière les nageurs américains.": [
        ("approximator", "près d'une seconde", UNITS)],
    "Le corps a été retrouvé près d'une fosse.": [],
    # the noun "presqu'île", its first part cut off by the tokeniser, is no "presque" (set8)
    "Les agents ont débloqué le dépôt pétrolier sur la Presqu'Île de Caen.": [],
    "Le bilan est presque achevé.": [("approximator", "presque", "presque")],
    # a negation of the verb, not of the noun phrase: the possible intervention is still hedged
    "Il n'a pas écarté une possible intervention.": [
        ("epistemic_adverb", "possible", "possible/ADJ <[NOUN]>")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    return hedges_of_sentences(tmp_path_factory.mktemp("hedges_round5"), list(CASES))


@pytest.mark.parametrize("sentence", list(CASES))
def test_hedges_round5(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    inside = rows_within(*found, sentence)
    assert inside.select("category", "match", "entry").sort("match").rows() == CASES[sentence]

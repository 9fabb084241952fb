"""Hedges, third round (issue 14; kinds of set6's errors, 2026-12-06), on sentences parsed with the bundled model:
'après-midi' written without its hyphen is no 'd'après X'; 'près de' misspelt 'prés de' before a number is an
approximator; 'de source policière' is the guide's source marker 'de source(s) + adj' (§3), not an unnamed informant;
an informant who describes what happened ('un témoin décrit l'incident : « … »') is an unnamed source; a verb of
saying after an apposition's comma that reports an infinitive clause ('X, rédacteur en chef, a dit ne pas y voir…')
is its sentence's predicate, no attribution incise; 'possible' after its noun ('d'autres sanctions possibles') is
epistemic, the bound of a superlative ('le plus grand nombre possible') is not."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import hedges_of_sentences, rows_within

#: the entry of hedges.tsv for a vague informant who speaks ('un témoin', 'certains analystes')
VAGUE_INFORMANT = ("un|certain|plusieurs|quelque|divers|différent ([ADJ]) analyste|observateur|expert|spécialiste|"
                   "responsable|diplomate|témoin|commentateur|proche|informateur|officiel|dirigeant|leader|membre|"
                   "habitant|scientifique|chercheur|enquêteur|militant|porte-parole|fonctionnaire|policier|militaire|"
                   "élu|conseiller|manifestant|opposant|résident|médecin|juriste|économiste|politologue|connaisseur|"
                   "initié|universitaire|journaliste|haut-fonctionnaire|gradé|cadre|représentant|collectif|"
                   "association|ong|syndicat|négociateur @speaker")

#: sentence → its hedges, (category, match, entry)
CASES: dict[str, list[tuple[str, str, str]]] = {
    "En fin d'après midi, les manifestants ont brûlé leur cabane sur le rond-point.": [],
    "Le peloton se monte dès lors à prés de 40 triathlètes.": [
        ("approximator", "prés de 40", '"prés" de ([DET]) [NUM]')],
    "Les vaches paissent dans les prés de la vallée.": [],
    "La température est redescendue dans les environs de -20°C lundi.": [
        ("approximator", "dans les environs de -20°C", "dans|à le environ|alentour de - [NUM]")],
    "Une information de l'AFP, le tenant de source policière, fait état de blessures légères.": [
        ("source_marker", "de source policière",
         "de source officiel|proche|policier|diplomatique|judiciaire|militaire|gouvernemental|sûr|bien")],
    "Un témoin décrit brièvement l'incident : « On a entendu un bruit. »": [
        ("unnamed_source", "Un témoin", VAGUE_INFORMANT)],
    # a verb of saying after an apposition's comma with an infinitive clause after it is no incise
    "Ismaël Karroum, rédacteur en chef adjoint, a dit ne pas y voir une « tentative d'intimidation ».": [],
    "Robert Bourgi, ami de longue date de François Fillon, a reconnu auprès de l’Agence France-Presse avoir acheté "
    "des vêtements.": [],
    # "possible" after its noun is epistemic, but not the bound of a superlative
    "L'amende est infligée sans présager d'autres sanctions possibles.": [
        ("epistemic_adverb", "possibles", "<[NOUN]> possible/ADJ")],
    "Il faut accueillir le plus grand nombre possible de réfugiés.": [],
    # a true incise after the writer's clause stays one
    "Le bilan est de dix morts, a indiqué la police.": [
        ("source_marker", "a indiqué la police", "rule: attribution incise")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    return hedges_of_sentences(tmp_path_factory.mktemp("hedges_round3"), list(CASES))


@pytest.mark.parametrize("sentence", list(CASES))
def test_hedges_round3(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    inside = rows_within(*found, sentence)
    assert inside.select("category", "match", "entry").sort("match").rows() == CASES[sentence]

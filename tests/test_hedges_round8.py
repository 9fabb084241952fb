"""Hedges, eighth round (issue 14; kinds of set9's, set10's and set11's extra rows, 2026-12-06), on sentences parsed
with the bundled model: 'selon' before an agreement, a name's written form or the terms of an agreement or a law is
the arrangement complied with, no source (exclude rows of hedges.tsv; guide §3: not "selon" of arrangement); people
the agent list lacked (astronome, compétitrice… in person_noun of hedge_context.tsv) make pouvoir a root modal (rule
'root'), not a thing's possibility (rule 'pouvoir_thing'); the conditional devoir of an agent's action in the
complement of a verb of opinion is the holder's advice, root (rule 'devoir_advised', opinion_verb of
hedge_rule_words.tsv); a vague phrase in apposition to a name, both subjects of one verb, names its speaker (rule
'named in apposition' of hedges._drop_named)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import hedges_of_sentences, parse_paragraphs, rows_within

#: sentence → its hedges, (category, match, entry)
CASES: dict[str, list[tuple[str, str, str]]] = {
    # the terms of an agreement (set11), an agreement (set9), a name's form (set10)
    "Selon les termes de l'accord, un pays ne peut se retirer de l'accord que trois ans après son entrée en "
    "vigueur.": [],
    "Il était nommé à la tête du comité de suivi, selon les accords du dialogue politique en cours.": [],
    "L'organisation État islamique (Daech selon son acronyme arabe) a subi d'importants revers.": [],
    # a source's own words stay a source
    "Selon les termes du communiqué, la direction a accepté les propositions.": [
        ("source_marker", "Selon les termes du communiqué", "selon _")],
    "Selon l'AFP, trente roquettes ont touché la base.": [("source_marker", "Selon l'AFP", "selon _")],
    # people as the subject of pouvoir: ability (set7, set10); a thing's pouvoir stays a possibility
    "Les astronomes amateurs pourront observer l'augmentation progressive de la luminosité des deux étoiles.": [],
    "Le groupe comprend la plupart des compétitrices pouvant prétendre au titre.": [],
    "Une légère brise pourra rafraîchir l'atmosphère.": [
        ("epistemic_verb", "pourra", "rule: epistemic modal (pouvoir_thing)")],
    # a vague phrase beside the name it stands in apposition to (set11, set8)
    "France 2, l'une des chaînes du service télévisuel public français, a confirmé faire confiance à son "
    "processus de sélection.": [],
    "Plus tard dans la journée, un porte-parole d'A. Barrow, Halifa Sannah, a déclaré que les caisses étaient "
    "vides.": [],
    # a proper noun in a prepositional phrase names nobody
    "Sur LCI, des voisins affirment que le suspect était réservé.": [
        ("unnamed_source", "des voisins", "rule: unnamed subject of a verb of saying")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    return hedges_of_sentences(tmp_path_factory.mktemp("hedges_round8"), list(CASES))


@pytest.mark.parametrize("sentence", list(CASES))
def test_hedges_round8(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    inside = rows_within(*found, sentence)
    assert inside.select("category", "match", "entry").sort("match").rows() == CASES[sentence]


#: sentence → (the modal's form, the deciding rule of hedge_modals.MODAL_RULES, epistemic)
MODALS: dict[str, tuple[str, str, bool]] = {
    # what the holder of an opinion thinks an agent should do (set7; set9, where the parser lost the tree)
    "Nous pensons que l'Australie devrait avoir un Australien comme chef d'État.": ("devrait", "devoir_advised", False),
    "Le gouvernement estime qu'en tant que moyen de répartir la charge, les organisations qui aident l'immigration "
    "devraient supporter des impôts supplémentaires.": ("devraient", "devoir_advised", False),
    # a thing's devoir after a verb of opinion, and an agent's without one, stay forecasts
    "Les analystes estiment que la croissance devrait ralentir l'an prochain.": ("devrait", "conditional", True),
    "Le ministre de l'économie devrait annoncer sa démission mardi.": ("devrait", "conditional", True),
}


@pytest.fixture(scope="module")
def modals(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a ParsedCorpus
    return parse_paragraphs(tmp_path_factory.mktemp("hedges_round8_modals"), list(MODALS))


@pytest.mark.parametrize("sentence", list(MODALS))
def test_devoir_advised(modals, sentence: str) -> None:  # noqa: ANN001
    from corpusling.markers.hedge_modals import modal_readings
    from corpusling.markers.hedges import hedges

    form, rule, epistemic = MODALS[sentence]
    text = modals.documents["text"][0]
    readings = rows_within(modal_readings(modals.tokens), text, sentence)
    assert readings.select("form", "rule", "epistemic").rows() == [(form, rule, epistemic)]
    found = rows_within(hedges(modals.tokens, modals.documents), text, sentence).filter(
        pl.col("category") == "epistemic_verb")
    assert found["entry"].to_list() == ([f"rule: epistemic modal ({rule})"] if epistemic else [])

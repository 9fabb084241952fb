"""Source markers and unnamed sources of the rules of 2026-12 (third session; the guide's §3), on sentences parsed
with the bundled model: each sentence's source markers and unnamed sources with the entry or rule that found them."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_paragraphs

SELON = "selon _"
UNNAMED_OBJECT = "rule: unnamed object of a source marker"

#: sentence → its source markers and unnamed sources, (match, category, entry)
CASES: dict[str, list[tuple[str, str, str]]] = {
    # "pour X," is a point of view only when X can hold one and the clause does not name its own holder
    "Pour cela, les syndicats réclament une hausse des salaires.": [],
    "Pour lui, je pense que la réforme échouera.": [],
    "Pour lui, la réforme échouera.": [("Pour lui", "source_marker", "pour @viewpoint")],
    # "pour qui" + verb is the free relative (whoever); with a clause of its own it is "according to whom", and the
    # relative is its whole object
    "Le service est gratuit pour qui veut s'inscrire.": [],
    "Le syndicat, pour qui seule une hausse compte, refuse l'accord.": [
        ("pour qui", "source_marker", "pour qui/PRON")],
    # "selon" after a word of variation is "depending on"
    "Le loyer varie du simple au double selon les quartiers.": [],
    "Le loyer a doublé selon les agences immobilières.": [
        ("selon les agences immobilières", "source_marker", SELON)],
    # a coordinated object of a source marker, even hung on the first object's complement, is an object too
    "L'évacuation devrait reprendre dimanche selon le Comité international de la Croix-Rouge et un responsable "
    "rebelle.": [
        ("selon le Comité international de la Croix-Rouge et un responsable rebelle", "source_marker", SELON),
        ("un responsable rebelle", "unnamed_source", UNNAMED_OBJECT)],
    # the sources of a named agency, left unnamed; not the springs of a river
    "L'agence Amaq annonce que, selon ses sources, la tuerie a été perpétrée par un combattant.": [
        ("selon ses sources", "source_marker", SELON),
        ("ses sources", "unnamed_source", '"ses"|"sa"|"son"|"leurs"|"leur" source @speaker')],
    "La Seine prend ses sources en Bourgogne.": [],
    # a marker right before a quoted clause with no comma attributes the quotation; a quoted title is no clause
    "Selon un haut responsable des services de sécurité syriens « il s'agit d'une calomnie ».": [
        ("un haut responsable des services de sécurité syriens", "unnamed_source", UNNAMED_OBJECT)],
    "Selon un rapport établi par l'INSEE sur « Les revenus et le patrimoine des ménages », le niveau de vie a "
    "baissé.": [("Selon un rapport établi par l'INSEE sur", "source_marker", SELON)],
    # a first person plural (an imperative the tagger took for a third person) has no inverted subject: no incise
    "Proche du premier janvier, citons aussi Lemmy Kilmister, musicien britannique.": [],
    # a footnote call between the closing mark and the incise: the incise attributes the quotation
    "« Un investissement pour le futur » [1], explique-t-il.": [],
    # "selon" / "d'après" after a word that applies a criterion is that criterion
    "La Russie condamne la persécution d'individus selon leur orientation sexuelle.": [],
    "Ne me jugez pas d'après les actes de ces nouveaux inquisiteurs.": [],
    # a model someone put forward is a theory, an evidential source; "selon le même modèle" is a manner
    "Selon le modèle émis par les scientifiques, cette particule donne leur masse aux autres.": [
        ("Selon le modèle émis par les scientifiques", "source_marker",
         "selon ([DET]) ([ADJ]) modèle ([ADJ]) [VERB] par")],
    "Les maisons ont été construites selon le même modèle.": [],
    # a rule complied with, past an adjective and its degree word
    "Le bâtiment a été classé selon la toute nouvelle loi sur le patrimoine.": [],
    # a point of view needs a holder
    "Ce geste est une faute aux yeux de la morale.": [],
    "Ce geste est une faute aux yeux du ministre.": [("aux yeux du ministre", "source_marker", "à le yeux de")],
    # an incise right after the closing mark of a quotation woven into the writer's sentence
    "Le feu aurait été allumé « par un inconnu » a-t-il précisé.": [
        ("a-t-il précisé", "source_marker", "rule: attribution incise")],
    # …but when the quotation holds the sentence's main predicate, the incise attributes the quotation
    "Paris est « préoccupé par les violations signalées ces derniers jours », a déclaré le porte-parole du "
    "ministère.": [],
    # ", ce que confirme X": an attribution clause, like "comme le confirme X"
    "Le bus n'est pas venu, ce que confirme la préfecture.": [
        ("ce que confirme la préfecture", "source_marker", "rule: attribution clause")],
    # one of a group of people, left unnamed (the incise attributes the quotation: no source marker)
    "« Nous ne céderons pas », a assuré l'un d'eux.": [
        ("l'un d'eux", "unnamed_source", "rule: unnamed subject of an incise")],
    "L'un des grévistes affirme que la grève continuera.": [
        ("L'un des grévistes", "unnamed_source", "rule: unnamed subject of a verb of saying")],
    # the vague object of a source marker is an unnamed source too (a demonstrative plural of informants included)
    "Selon ces témoins, le bus roulait trop vite.": [
        ("Selon ces témoins", "source_marker", SELON), ("ces témoins", "unnamed_source", UNNAMED_OBJECT)],
    "Il y en a qui pensent que la crise est finie.": [("Il y en a", "unnamed_source", "il y en avoir @speaker")],
    # a locution of saying ("faire état de") makes its vague subject a source
    "Des témoignages de réfugiés font état de pillages dans la région.": [
        ("Des témoignages de réfugiés", "unnamed_source", "rule: unnamed subject of a verb of saying")],
    # a relay after the speaker of a quotation is its attribution; with no quotation, a source marker
    "« La situation empire », écrit l'ONG, citée par l'AFP.": [],
    "Le ministre, cité par l'AFP, a démenti toute hausse.": [
        ("cité par l'AFP", "source_marker", '"cité"|"citée"|"cités"|"citées" par')],
    # the object of a source marker is an unnamed source only if it can speak: a report is a source, not a speaker
    "Selon un reportage, le dirigeant aurait été empoisonné.": [("Selon un reportage", "source_marker", SELON)],
    "Selon des pompiers, le feu est maîtrisé.": [
        ("Selon des pompiers", "source_marker", SELON), ("des pompiers", "unnamed_source", UNNAMED_OBJECT)],
    # a testimony speaks for its witnesses only when it names them
    "Selon d'autres témoignages, des bulletins ont été volés.": [
        ("Selon d'autres témoignages", "source_marker", SELON)],
    "Selon des témoignages de réfugiés, des villages ont été pillés.": [
        ("Selon des témoignages de réfugiés", "source_marker", SELON),
        ("des témoignages de réfugiés", "unnamed_source", UNNAMED_OBJECT)],
    # "d'aucuns" is an unnamed source when it says or thinks something, not as the holder of a fascination
    "D'aucuns estiment que la réforme est trop lente.": [("D'aucuns", "unnamed_source", 'de "aucuns" @speaker')],
    "La langue bute contre la fascination d'aucuns pour l'anglais.": [],
    # a capitalised common noun names people (a demonym, a movement); a share of a group holds the group's view,
    # but a definite numeral share is a segment of a distribution
    "Pour les Gilets jaunes, il s'agirait d'un acte malveillant.": [
        ("Pour les Gilets jaunes", "source_marker", "pour @viewpoint")],
    "Pour 63 % des Français, la France accueille trop de migrants.": [
        ("Pour 63 % des Français", "source_marker", "pour @viewpoint")],
    "Pour les 10 % de la population la plus aisée, la baisse du niveau de vie est de 1,2 %.": [],
    # the followers of a religion are people, who hold views
    "Pour les musulmans, ce jeûne est un devoir.": [("Pour les musulmans", "source_marker", "pour @viewpoint")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    from corpusling.markers.hedges import hedges

    corpus = parse_paragraphs(tmp_path_factory.mktemp("sources"), list(CASES))
    return hedges(corpus.tokens, corpus.documents), corpus.documents["text"][0]


@pytest.mark.parametrize("sentence", list(CASES))
def test_sources(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    rows, text = found
    start = text.index(sentence)
    inside = rows.filter((pl.col("start_char") >= start) & (pl.col("end_char") <= start + len(sentence))
                         & pl.col("category").is_in(["source_marker", "unnamed_source"]))
    assert inside.select("match", "category", "entry").rows() == CASES[sentence]

"""Approximators of the guide's §3 that the lexicon of 2026-12 (third session) adds, on sentences parsed with the
bundled model: each sentence's markers with the entry that found them."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_paragraphs

ROUNDERS = "un|plusieurs|quelque huitaine|dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine" \
           "|soixantaine|centaine|millier"
BARE = '"dizaines"|"vingtaines"|"trentaines"|"cinquantaines"|"soixantaines"|"centaines"|"milliers" <de>'

#: sentence → the approximators found in it, (match, entry)
CASES: dict[str, list[tuple[str, str]]] = {
    "Une quinzaine de bénévoles et une douzaine de pompiers sont intervenus.": [
        ("Une quinzaine", ROUNDERS), ("une douzaine", ROUNDERS)],
    "Le séisme a privé d'électricité les habitants de dizaines de villages.": [("dizaines", BARE)],
    "Les pèlerins arrivent par centaines de milliers.": [("centaines", BARE)],
    "Le bateau a quitté le port vers 0h45.": [("vers 0h45", "vers [NUM]")],
    "Le village a été fondé vers 1450.": [("vers 1450", "vers [NUM]")],
    "Le groupe avance vers deux milliards de clients.": [],  # towards a figure: the exclude entry
    "Les papillons apparaissent vers le début juillet.": [("vers le début", "vers le début|milieu|fin")],
    "La décision est quasi-unanime.": [("quasi-unanime", "quasi-")],
    "En gros, 300 personnes étaient présentes.": [("En gros", "en gros ([PUNCT]) [NUM]")],
    "En gros, je ne le conseille pas.": [],  # sums up, rounds nothing
    "La différence est d'environs 2 cm.": [("environs 2", '"environs" [NUM]')],
    # an approximate time named by a noun (set5, fifth session); a place is not
    "Aux alentours de minuit, un incendie a détruit le péage.": [
        ("Aux alentours de minuit", "à le alentour|environ de midi|minuit")],
    "Il habite aux alentours de Paris.": [],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    from corpusling.markers.hedges import hedges

    corpus = parse_paragraphs(tmp_path_factory.mktemp("approximators"), list(CASES))
    return hedges(corpus.tokens, corpus.documents), corpus.documents["text"][0]


@pytest.mark.parametrize("sentence", list(CASES))
def test_approximators(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    rows, text = found
    start = text.index(sentence)
    inside = rows.filter((pl.col("start_char") >= start) & (pl.col("end_char") <= start + len(sentence))
                         & (pl.col("category") == "approximator"))
    assert inside.select("match", "entry").rows() == CASES[sentence]


"""Hedges, sixth round (issue 14; kinds of set5's, set8's and set9's extra rows, 2026-12-06), on sentences parsed
with the bundled model: 'incertain' says what the writer reports as uncertain and hedges nothing of the writer's own
(an exclude row of hedges.tsv; guide §3's closed list); a group given the name it calls itself in quotation marks
('des « Gilets jaunes libres »') is named, no unnamed source (rule 'named in quotation marks' of _drop_named);
'd'après' after a verb of naming ('nommé d'après X': named after) is no source (an exclude row of hedges.tsv)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import hedges_of_sentences, rows_within
from test_hedges_round5 import ANALYSTS

#: sentence → its hedges, (category, match, entry)
CASES: dict[str, list[tuple[str, str, str]]] = {
    # uncertainty as the subject matter (set8, two documents)
    "La course est plus mouvementée et incertaine jusqu'à la victoire finale.": [],
    "Le modèle numérique censé compenser la baisse des ventes est lui incertain.": [],
    # a movement named by its own name in quotation marks (set5, set9)
    "Vers 14h00, Benjamin Cauchy, des « Gilets jaunes libres », estime que l'économie est en train de "
    "mettre un genou à terre.": [("approximator", "Vers 14", "vers [NUM]")],
    # an unnamed group without quotation marks stays (rule 'unnamed subject of a verb of saying' or the lexicon)
    "Des témoins ont affirmé qu'il y a eu des coups de feu.": [("unnamed_source", "Des témoins", ANALYSTS)],
    # "d'après" after a verb of naming: named after someone, no source (set9)
    "Le projet de loi est nommé d'après un défenseur de la démocratie hongrois, George Soros.": [],
    "La rue a été baptisée d'après le poète.": [],
    "D'après la police, le bilan est lourd.": [("source_marker", "D'après la police", "d'après _")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    return hedges_of_sentences(tmp_path_factory.mktemp("hedges_round6"), list(CASES))


@pytest.mark.parametrize("sentence", list(CASES))
def test_hedges_round6(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    inside = rows_within(*found, sentence)
    assert inside.select("category", "match", "entry").sort("match").rows() == CASES[sentence]

"""Boosters of the guide's §3 (2026-12, fifth session), on sentences parsed with the bundled model: the necessity of
an outcome ("forcément", "inévitablement") is no booster of the writer's certainty; the guide's boosters are."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_paragraphs

#: sentence → its boosters, (match, entry)
CASES: dict[str, list[tuple[str, str]]] = {
    "Ça va forcément me rappeler des souvenirs.": [],
    "Le peu de mises en chantier devrait inévitablement conduire au déclin de la production.": [],
    "Le projet échouera sans aucun doute.": [("sans aucun doute", "sans aucun doute")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    from corpusling.markers.hedges import hedges

    corpus = parse_paragraphs(tmp_path_factory.mktemp("boosters"), list(CASES))
    return hedges(corpus.tokens, corpus.documents), corpus.documents["text"][0]


@pytest.mark.parametrize("sentence", list(CASES))
def test_boosters(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    rows, text = found
    start = text.index(sentence)
    inside = rows.filter((pl.col("start_char") >= start) & (pl.col("end_char") <= start + len(sentence))
                         & (pl.col("category") == "booster"))
    assert inside.select("match", "entry").rows() == CASES[sentence]

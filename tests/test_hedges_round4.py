"""Hedges, fourth round (issue 14; kinds of set7's errors, 2026-12-06), on sentences parsed with the bundled model:
the indefinite 'des' that the tokeniser splits into 'de les' after an incise's verb opens its inverted subject, no
addressee ('« … », ont confié des témoins': an unnamed source, guide §3); 'pour' + a title the lists do not know + a
person's first name and surname, then a comma, is 'according to' ('Pour le journaliste-économiste Christian
Chavagneux, …')."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import hedges_of_sentences, rows_within

#: sentence → its hedges, (category, match, entry)
CASES: dict[str, list[tuple[str, str, str]]] = {
    # the inverted subject of an incise after a quotation: the quotation's speaker, left unnamed
    "« C'était la panique totale », ont confié des témoins.": [
        ("unnamed_source", "des témoins", "rule: unnamed subject of an incise")],
    # after the writer's clause: an attribution incise and its unnamed subject
    "Le bilan est lourd, ont indiqué des sources policières.": [
        ("unnamed_source", "des sources policières", "rule: unnamed subject of an incise"),
        ("source_marker", "ont indiqué des sources policières", "rule: attribution incise")],
    # "pour X," with a title the lists do not know before a person's full name: a source marker (guide §3)
    "Pour le journaliste-économiste Christian Chavagneux, le président est en train de construire la bataille.": [
        ("source_marker", "Pour le journaliste-économiste Christian Chavagneux", "pour @viewpoint")],
    # a name that is no person's full name leaves "pour" its other readings
    "Pour la saison Ligue 1, le club a recruté trois joueurs.": [],
    # "des" after a noun is the definite "de les", a complement: no incise
    "Le bilan est lourd, a indiqué le porte-parole des pompiers.": [
        ("source_marker", "a indiqué le porte-parole des pompiers", "rule: attribution incise")],
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str]:
    return hedges_of_sentences(tmp_path_factory.mktemp("hedges_round4"), list(CASES))


@pytest.mark.parametrize("sentence", list(CASES))
def test_hedges_round4(found: tuple[pl.DataFrame, str], sentence: str) -> None:
    inside = rows_within(*found, sentence)
    assert inside.select("category", "match", "entry").sort("match").rows() == CASES[sentence]

"""Speakers of reported speech, ninth session (issue 14; rules written on set17's errors once it was released): a
name that opens with an acronym is no person's, so a person's role does not take it up; the speaker of a que-clause
never stands inside it. Sentences parsed with the bundled model; each case failed before these rules."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    # "le maire d'Istanbul" took up "ABC News", the named speaker of the sentence before, as a person's name
    "medium": "Avion\n\nUn avion s'est écrasé près d'Istanbul, selon ABC News. Il a d'abord été fait état de cinq "
              "morts, mais le maire d'Istanbul a finalement annoncé qu'il n'y a eu aucun survivant.",
    # the parser made "François Fillon", the content's own subject, the subject of "estime"
    "inside": "Chartier\n\nPour Chartier, Fillon est victime « depuis un mois et demi » d' « acharnement » de la part "
              "des médias. Il estime que François Fillon a bien fait de dire « la vérité » et « le félicite », "
              "affirmant qu'il est fait « un procès d'intention » au candidat de la droite.",
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents)


def _row(found: pl.DataFrame, doc: str, start: str) -> dict:
    rows = found.filter((pl.col("doc_id") == doc) & pl.col("text").str.starts_with(start))
    assert rows.height == 1, found.filter(pl.col("doc_id") == doc)
    return rows.row(0, named=True)


def test_a_medium_is_no_person_a_role_takes_up(found: pl.DataFrame) -> None:
    assert _row(found, "medium", "qu'il n'y a eu")["speaker"] != "ABC News"


def test_the_speaker_stands_outside_the_que_clause(found: pl.DataFrame) -> None:
    assert _row(found, "inside", "que François Fillon")["speaker"] != "François Fillon"

"""The source of a reported content as the tree gives it (issue 16,
:func:`corpusling.markers.reported_speakers.sources`): sentences parsed with the bundled model; each test
fails without the step it names."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    # an infinitive adjunct with no subject of its own takes the main verb's subject, its controller, not the
    # subject of a clause between them ("cette « Union »", in a clause the parser made a conjunct)
    "controller": "Traité de Rome\n\nLes membres réaffirment également que cette « Union est une et indivisible », "
                  "en référence au Brexit, avant de conclure que « l’Europe est notre avenir commun ».",
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


@pytest.mark.parametrize("doc, content, source", [
    ("controller", "que « l’Europe", "Les membres"),
])
def test_source_of_a_content(found, doc: str, content: str, source: str) -> None:
    row = (found.filter((pl.col("doc_id") == doc) & pl.col("text").str.contains(content, literal=True))
           .row(0, named=True))
    assert row["source"] == source and row["speaker"] == source

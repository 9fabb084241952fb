"""A capitalised noun after its determiner is the institution's own name, no anaphor, in ``_introduced_with`` as
in ``_described_before`` (issues 14 and 16, ninth round; set13 kind): "Le Conseil, présidé par Laurent Fabius,
émet deux réserves … Le Conseil constitutionnel rappelle que" is the Conseil, not the person the text introduced
near the word "conseil". Sentences parsed with the bundled model; the test fails without the condition."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    "conseil": "Le Conseil, présidé par Laurent Fabius, a rendu sa décision mardi. Le Conseil constitutionnel "
               "rappelle que la recherche des auteurs d'infractions est un objectif de valeur constitutionnelle.",
}


@pytest.fixture(scope="module")
def found():
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


def test_institution_own_name_is_no_anaphor(found) -> None:
    rows = found.filter(pl.col("source").str.starts_with("Le Conseil"))
    assert rows.height == 1, found
    row = rows.row(0, named=True)
    assert row["speaker"] == "Le Conseil constitutionnel", row
    assert row["rule"].split("+")[-1] != "introduced with its noun", row

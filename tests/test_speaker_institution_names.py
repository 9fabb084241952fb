"""An organisation's description takes up an institution that spoke, named with its article (issues 14 and 16,
ninth round; set13 kind, "Le Canard enchaîné a révélé … Le journal précise que"): the speaker of a reported
content written as an institution's name with its article (``INSTITUTION_NAME``: a capitalised noun after "Le",
"La", "L'", lower-case words after it) is a candidate of ``_described_before`` like a named speaker, and no
person's (no gender, no person's name). Sentences parsed with the bundled model; the test fails without the
rule."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    "journal": "Le Canard enchaîné a révélé mercredi que le commissaire Pierre Dupont s'est fait offrir des costumes. "
               "Le journal précise que les faits datent des années 1990.",
    # a one-word title, which the pattern of a person's name matches too ("Le Monde"; review of the ninth round)
    "monde": "Le Monde a révélé mercredi que le commissaire Pierre Dupont s'est fait offrir des costumes. "
             "Le journal précise que les faits datent des années 1990.",
}


@pytest.fixture(scope="module")
def found():
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


@pytest.mark.parametrize("doc, institution", [("journal", "Le Canard enchaîné"), ("monde", "Le Monde")])
def test_description_takes_up_the_institution(found, doc: str, institution: str) -> None:
    rows = found.filter((pl.col("doc_id") == doc) & (pl.col("source") == "Le journal"))
    assert rows.height == 1, found
    row = rows.row(0, named=True)
    assert (row["speaker"], row["rule"].split("+")[-1]) == (institution, "description of the previous subject")


@pytest.mark.parametrize("name, institution", [("Le Canard enchaîné", True), ("La Voix du Nord", True),
                                               ("Le journal", False), ("le parquet", False)])
def test_institution_name(name: str, institution: bool) -> None:
    from corpusling.markers.reported_speakers import INSTITUTION_NAME

    assert pl.Series([name]).str.contains(INSTITUTION_NAME)[0] == institution

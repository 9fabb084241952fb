"""Quotation kinds, tenth session (issue 14; written on set19 once released): the quotations of an enumeration
announced by a colon ("ont clamé : « Menteur », « Misogyne », « Not my president »") are all direct, as the first
is; not a list of words that opens its sentence, nor one of names. Parsed with the bundled model; the chant case
failed before the rule (its second and third quotations were scare)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    "chants": "Manifestation\n\nLes manifestants se trouvant sur le parcours ont clamé : « Menteur », « Misogyne », "
              "« Not my president », etc.",
    "opening": "Presse\n\n« Scandaleuse », « atteinte à la démocratie », « chantage honteux ». Tels sont les mots "
               "employés ce jeudi.",
    "names": "Espace\n\nIl a découvert trois arcs de l'anneau, qu'il avait appelés « Liberté », « Égalité » et "
             "« Fraternité ».",
}


@pytest.fixture(scope="module")
def kinds() -> pl.DataFrame:
    from corpusling.markers.quotes import quotes

    corpus = parse_texts(TEXTS)
    return (quotes(corpus.tokens, corpus.documents).sort("doc_id", "start_char")
            .with_columns(pl.col("rule").str.split("+").list.first().alias("kind_rule")))


def test_an_announced_enumeration_is_direct(kinds: pl.DataFrame) -> None:
    rows = kinds.filter(pl.col("doc_id") == "chants")
    assert rows["kind"].to_list() == ["direct"] * 3
    assert rows["kind_rule"].to_list()[1:] == ["enumeration"] * 2


@pytest.mark.parametrize("doc", ["opening", "names"])
def test_other_lists_are_left_to_the_other_rules(kinds: pl.DataFrame, doc: str) -> None:
    assert "enumeration" not in kinds.filter(pl.col("doc_id") == doc)["kind_rule"].to_list()

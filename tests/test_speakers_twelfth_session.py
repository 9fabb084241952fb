"""Speakers, twelfth session (issue 14): a full name's first name gives the person's gender
(``lexicons/first_names.tsv``, from Jörg Michael's ``nam_dict.txt``), so that "a-t-elle déclaré" takes up the woman
named before, not the nearer man; to the surname alone after the full name, not before it. Parsed with the bundled
compact model; invented sentences of the kind of set21's errors."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

from corpusling.lexicons import first_name_genders

#: document id → (text, the speaker of its last direct quotation)
CASES = {
    "woman_named_first": ("Christine Lambert dirige l'association. Tyler Martin en préside le conseil. « Nous avons "
                          "beaucoup avancé », a-t-elle déclaré.", "Christine Lambert"),
}


def test_the_table_gives_one_gender_per_name() -> None:
    table = first_name_genders()
    genders = dict(zip(table["name"], table["gender"], strict=True))
    assert (genders["Christine"], genders["Tyler"], genders["Jean-Pierre"]) == ("Fem", "Masc", "Masc")
    assert "Dominique" not in genders and table["name"].is_unique().all()


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    return direct_quotations(CASES)


@pytest.mark.parametrize("doc", list(CASES))
def test_the_pronoun_takes_up_the_person_of_its_gender(found: pl.DataFrame, doc: str) -> None:
    assert quotation_row(found, doc)["speaker"] == CASES[doc][1]

"""Speakers, twelfth session (issue 14): a description that gives a person's age ("le jeune homme de 24 ans") is
resolved as a role is, in quotations and in reported speech; a full name's first name gives the person's gender
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
    # a description that gives an age, whatever its noun, takes up the person named before it
    "age_epithet": ("Le plongeur olympique Tom Daley a grandi à Plymouth. Le jeune homme de 24 ans a déclaré : « Tout "
                    "le monde n'était pas comme moi. »", "Tom Daley"),
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


def test_reported_speech_takes_up_the_person_of_an_age_epithet() -> None:
    from conftest import parse_texts

    import corpusling as cl

    corpus = parse_texts({"age": "Le plongeur Tom Daley a déclaré qu'il se sentait heureux. Le jeune homme de 24 ans a "
                                 "ajouté qu'il avait longtemps caché sa vie privée."})
    rows = cl.reported(corpus)
    assert rows.filter(pl.col("cue") == "ajouter")["speaker"].to_list() == ["Tom Daley"]

"""Speakers, sixteenth session (issue 14): read on the speaker errors of the development sets (set3 to set23,
Wikinews). Parsed with the bundled compact model; invented texts.

A name closing the noun phrase of a role that is a subject takes the phrase's role and gender ("Le ministre de la
Défense Antoni Macierewicz a déclaré"), but only where that noun is the first subject of its verb: a noun after a
name the parser hung on the same verb is the name's apposition, the role of the person already named, and a name
closing its complement belongs to that complement, no person: "Elisabeth Ferrell, la responsable écossaise du Bat
Conservation Trust, a encouragé … ¶ Elle a déclaré : « … »" = Elisabeth Ferrell, not the Trust (a verb has one
subject; Riegel, Pellat & Rioul 2018, ch. VII on the apposition; set23's "Elisabeth Ferrell").
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

#: document id → (text, the speaker of its last direct quotation)
APPOSED_ROLES = {
    "museum": (
        "Le musée a rouvert.\n\nSophie Bernard, la directrice adjointe du Centre Pompidou, a encouragé le public à "
        "venir.\n\nElle a déclaré : « Nous avons encore beaucoup à montrer. »", "Sophie Bernard"),
    "trust": (
        "Les chauves-souris sont protégées.\n\nSophie Bernard, la responsable écossaise du Bat Conservation Trust, "
        "a encouragé le public à les aider.\n\nElle a déclaré : « Nous avons encore beaucoup à apprendre. »",
        "Sophie Bernard"),
    # not over-firing: a role first subject of its verb, closed by the name of its holder
    "name_closing_the_role": (
        "Les hérissons sont protégés.\n\nLa ministre de la Défense Sophie Bernard a encouragé le public à les "
        "aider.\n\nElle a déclaré : « Nous avons encore beaucoup à apprendre. »", "Sophie Bernard"),
}


@pytest.fixture(scope="module")
def apposed_found() -> pl.DataFrame:
    return direct_quotations(APPOSED_ROLES)


@pytest.mark.parametrize("doc", list(APPOSED_ROLES))
def test_a_name_closing_a_role_apposed_to_a_name_is_no_person(apposed_found: pl.DataFrame, doc: str) -> None:
    row = quotation_row(apposed_found, doc)
    assert row["speaker"] == APPOSED_ROLES[doc][1], row

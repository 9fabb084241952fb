"""Speakers, fifteenth session (issue 14): the speaker of a pronoun source ("« … », a-t-il dit", "il estime que"),
read on the pronoun-source errors of the development sets (set3 to set23, Wikinews). Parsed with the bundled compact
model; invented texts.

A pronoun: a person the pronoun's paragraph or the one before names in any role, an oblique one included ("de la
part de Marc Fleury", "le fils de Mme Durand"), whose gender the text shows and the pronoun agrees with, comes
before the speakers and subjects of paragraphs further back: salience decays with distance (Lappin & Leass 1994),
and agreement read from the text is evidence that a grammatical role alone is not (set22's "Ari Fleischer", set23's
"Patricia Schroeder", set18's "Laurent Wauquiez").
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

#: document id → (text, the speaker of its last direct quotation)
RECENT_PERSONS = {
    "oblique_in_the_paragraph_before": (
        "« Nous reviendrons », a déclaré Paul Martin lundi.\n\nLe débat a duré trois heures.\n\nLe maire a parlé "
        "longtemps.\n\nLa décision a suscité des critiques de la part de Mme Claire Fleury, l'ancienne "
        "directrice.\n\n« C'est une erreur », a-t-elle écrit.", "Claire Fleury"),
    "other_in_the_paragraph_before": (
        "« Le projet avance », a affirmé Jeanne Morel au début de la réunion.\n\nLa salle était pleine.\n\nLe "
        "public a applaudi.\n\nLes élus ont remercié longuement Mme Sophie Bernard, la présidente.\n\n« Nous "
        "continuerons », a-t-elle assuré.", "Sophie Bernard"),
    # not over-firing: a speaker in the pronoun's own paragraph stays first
    "speaker_in_the_paragraph": (
        "La décision a suscité des critiques de la part de Mme Claire Fleury.\n\n« Nous verrons », a déclaré "
        "Anne Lambert. « C'est une erreur », a-t-elle ajouté.", "Anne Lambert"),
    # nor a person whose gender disagrees with the pronoun's
    "gender_disagrees": (
        "« Nous reviendrons », a déclaré Paul Martin lundi.\n\nLe débat a duré trois heures.\n\nLe maire a parlé "
        "longtemps.\n\nLa décision a suscité des critiques de la part de Mme Claire Fleury.\n\n« C'est une "
        "erreur », a-t-il écrit.", "Paul Martin"),
}


@pytest.fixture(scope="module")
def recent_found() -> pl.DataFrame:
    return direct_quotations(RECENT_PERSONS)


@pytest.mark.parametrize("doc", list(RECENT_PERSONS))
def test_a_recent_person_of_the_pronoun_gender_before_far_speakers(recent_found: pl.DataFrame, doc: str) -> None:
    row = quotation_row(recent_found, doc)
    assert row["speaker"] == RECENT_PERSONS[doc][1], row

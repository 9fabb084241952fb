"""Speakers, fourteenth session (issue 14), read on the errors of set23, set22 and set21 (NTREX-128 translated
news) and the older sets. Parsed with the bundled compact model; invented texts.

Reported speech: a participle or gerund adjunct of an incise verb ("« … », a déclaré M. Flake samedi, ajoutant
que …") is said by the incise's inverted subject, which the parser makes the verb's object: the subject of a gerund
or of a participle adjunct is the subject of the verb it depends on (Riegel, Pellat & Rioul 2018, ch. XII), and
an incise inverts its subject (ibid., ch. XXIII). Climbing the tree further reached a "nous" or "je" inside the
quotation (set23's "M. Flake", "Dwi Haris", set19's "Theresa May").
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

#: document id → (text, the speaker of each of its reported contents)
INCISE_ADJUNCTS = {
    "participle": ("« Nous pourrions peut-être apporter un peu d'unité », a déclaré M. Durand samedi, ajoutant qu'il "
                   "craignait que le comité ne cède.", "Durand"),
    "participle_with_dative": ("« On n'a pas eu le temps de se sauver », a confié Paul Haris à la radio, précisant que "
                               "sa famille se trouvait en ville pour un mariage.", "Paul Haris"),
    "gerund": ("« Nous travaillons à établir tous les détails », a déclaré la ministre Claire Dubois, en ajoutant "
               "qu'il s'agissait d'une attaque épouvantable.", "Claire Dubois"),
    # not over-firing: no quotation before the verb, which has a subject of its own; its object is no speaker
    "object_of_a_verb_with_a_subject": ("Le comité a convoqué samedi M. Durand, en ajoutant que la réforme serait "
                                        "maintenue.", "Le comité"),
}


@pytest.fixture(scope="module")
def reported_found() -> pl.DataFrame:
    import corpusling as cl

    return cl.reported(parse_texts({key: text for key, (text, _) in INCISE_ADJUNCTS.items()}))


@pytest.mark.parametrize("doc", list(INCISE_ADJUNCTS))
def test_an_incise_adjunct_is_said_by_the_inverted_subject(reported_found: pl.DataFrame, doc: str) -> None:
    rows = reported_found.filter(pl.col("doc_id") == doc)
    assert rows.height >= 1, rows
    assert set(rows["speaker"].to_list()) == {INCISE_ADJUNCTS[doc][1]}, rows.select("text", "source", "speaker", "rule")

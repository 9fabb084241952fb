"""Quotation sources, sixteenth session (issue 14): an incise whose verb of saying is the infinitive of a causative
*faire* ("», a fait remarquer Guy Cecil", "», fait valoir l'avocat"). Riegel, Pellat & Rioul (2018, ch. X) count the
factitive *faire* among the semi-auxiliaries; its subject is the speaker, inverted after the infinitive as after
"», a tenu à préciser le ministre". Written on set23's error (development: "a fait remarquer Guy Cecil"); invented
texts parsed with the bundled compact model. Before, none of these quotations had a source."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

#: document id → (text, the source of its last direct quotation as written)
CAUSATIVE_INCISES = {
    "fait_remarquer_name": ("« Il ne s'agit pas seulement du vote du comité », a fait remarquer Guy Cecil, directeur "
                            "du groupe, au journal télévisé.", "Guy Cecil"),
    "fait_savoir_description": ("« Nous ne céderons pas », a fait savoir le ministre.", "le ministre"),
    "fait_valoir_description": ("« La loi est claire », a fait valoir l'avocat de la famille.",
                                "l'avocat de la famille"),
    "fait_observer_present": ("« C'est une erreur », fait observer Marie Dupont.", "Marie Dupont"),
    "inverted_clitic": ("« C'est une erreur », a-t-il fait remarquer.", "il"),
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    return direct_quotations(CAUSATIVE_INCISES)


@pytest.mark.parametrize("doc", list(CAUSATIVE_INCISES))
def test_the_subject_of_a_causative_incise_is_the_source(found: pl.DataFrame, doc: str) -> None:
    row = quotation_row(found, doc)
    assert row["source"] == CAUSATIVE_INCISES[doc][1], row

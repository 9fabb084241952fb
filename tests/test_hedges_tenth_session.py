"""Hedges, tenth session (issue 14; written on the released sets' misses, set14 to set19): an attribution incise with
a time between its verb and its subject (", a annoncé mardi sa famille", ", a indiqué ce vendredi l'Élysée") or an
adverb after its inverted clitic (", a-t-il enfin confié"); "selon divers sondages", "selon les différents bilans"
(sources, not the distributive "depending on"); "selon X" after a clause whose subject stands outside the quotation
marks (the writer's partly quoted clause). Sentences parsed with the bundled model; each found case was missed
before these changes, the others show they do not over-fire."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

CASES = {
    "weekday": ("Henri Emmanuelli est décédé à Bayonne, a annoncé mardi sa famille à l'AFP.",
                "a annoncé mardi sa famille à l'AFP"),
    "ce_jour": ("Il lancera les consultations le 17 avril, a indiqué ce vendredi l'Élysée.",
                "a indiqué ce vendredi l'Élysée"),
    "adverb": ("Des Camerounais pourraient faire partie des civils libérés, a-t-il enfin confié.",
               "a-t-il enfin confié"),
    "divers": ("Les citoyens étaient favorables à son départ selon divers sondages.", "selon divers sondages"),
    "differents": ("Selon les différents bilans, une centaine de personnes ont été tuées.",
                   "Selon les différents bilans"),
    "partly_quoted": ("Les causes de l'accident « restent encore à déterminer », selon la CFL.", "selon la CFL"),
    # not hedges: "depending on", and the attribution of a quotation
    "distributive": ("Selon les différentes académies, ces verdicts sont publiés entre 8 et 19 heures.",
                     None),
    "quotation": ("« Nous restons prudents », selon la CFL.", None),
    "framed": ("Paris est « préoccupé par les violations », a déclaré le porte-parole.", None),
}


@pytest.fixture(scope="module")
def sources() -> pl.DataFrame:
    from corpusling.markers.hedges import hedges

    corpus = parse_texts({key: f"Titre\n\n{text}" for key, (text, _) in CASES.items()})
    return hedges(corpus.tokens, corpus.documents).filter(pl.col("category") == "source_marker")


@pytest.mark.parametrize("doc", list(CASES))
def test_source_marker(sources: pl.DataFrame, doc: str) -> None:
    expected = CASES[doc][1]
    found = sources.filter(pl.col("doc_id") == doc)["match"].to_list()
    assert found == ([expected] if expected else []), found

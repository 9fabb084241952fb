"""A description takes up a referent of its own kind (issues 14 and 16, sixth round; the fifth round's open kind
"description of the previous subject" giving the wrong referent): an organisation's noun ("la compagnie", "le
syndicat") takes up no person's name (rule ``description of the previous subject`` of reported speech, which
already asked a person's role for a person of its gender). Sentences parsed with the bundled model; the test
fails without the condition."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

TEXT = ("Air Méditerranée placée en liquidation judiciaire\n\nAir Méditerranée a été placée "
        "en liquidation judiciaire. Le dernier repreneur potentiel, Antoine Bru, n'a pas pu réunir les 2,3 millions "
        "d'euros de caution requis.\n\nLa compagnie annonce aujourd'hui dans un communiqué qu'elle rembourserait les "
        "billets de ses clients « dans les plus brefs délais ».")


def test_organisation_noun_takes_up_no_person() -> None:
    from corpusling.markers.reported import reported

    corpus = parse_texts({"company": TEXT})
    rows = (reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))
            .filter(pl.col("source") == "La compagnie"))
    assert rows.height == 1, rows
    row = rows.row(0, named=True)
    assert row["speaker"] != "Antoine Bru", row
    assert row["rule"].split("+")[-1] != "description of the previous subject", row

"""A role noun of the quotations' descriptions is a role in reported speech too (issues 14 and 16, eighth round;
set11): the reported-speech rule ``role`` reads the nouns of ``person_noun`` (``speaker_words.tsv``) besides
``person_role_noun`` (``reported_cues.tsv``), as :func:`corpusling.markers.speakers.resolve_descriptions` does,
so that "le monarque avait déclaré que" takes up the person the text named twice before ("le roi Mswati III",
"Mswati III"; the short text's parse may split "III" off). Sentences parsed with the bundled model; the test
fails without the rule."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

TEXT = ("Swaziland : le roi Mswati III renomme le pays\n\nCe jeudi, le Roi du Swaziland, Mswati III, a décidé de "
        "renommer le pays en eSwatini.\n\nDans un discours le 19 avril, le monarque avait déclaré que le nom de la "
        "nation était hérité des Britanniques.")


def test_a_person_noun_is_a_role_in_reported_speech() -> None:
    from corpusling.markers.reported import reported

    corpus = parse_texts({"monarque": TEXT})
    found = reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))
    rows = found.filter(pl.col("source") == "le monarque")
    assert rows.height == 1, found
    row = rows.row(0, named=True)
    assert row["speaker"].startswith("Mswati") and row["rule"].endswith("+role"), row

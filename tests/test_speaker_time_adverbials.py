"""A fronted time adverbial is no source (issues 14 and 16, sixth round; set5, set7, set8, set9 kind): a day, a
part of a day or a month before the subject, which the parser makes a second subject of the verb of saying
("Jeudi, le décret royal du Qatar a annoncé", "Ce lundi, 162 stations-service ont indiqué"), is passed over for
the real subject, and a day the tagger took for a proper name ("Mardi, le ministère …") is no antecedent of a
later "il" (``time_noun`` of speaker_words.tsv, in ``sources`` and ``named_mentions``). Sentences parsed with the
bundled model; each test fails without the rule."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    "day_name": "Quatre femmes ont été nommées au Conseil. Jeudi, le décret royal du Qatar a annoncé que 28 "
                "nouveaux membres ont été nommés pour le Conseil.",
    "day_noun": "Le tunnel a été fermé. Ce lundi, 162 stations-service ont indiqué être en rupture d’au moins "
                "d'un carburant.",
    "antecedent": "Le parlement hongrois a adopté la loi. Mardi, le ministère des finances a proposé 25 % "
                  "d'imposition aux ONG aidant les immigrés. Dans un communiqué, il a indiqué que « la défense "
                  "contre l'immigration illégale impose un lourd fardeau ».",
}


@pytest.fixture(scope="module")
def found():
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


@pytest.mark.parametrize("doc, source, speaker, rule", [
    ("day_name", "le décret royal du Qatar", "le décret royal du Qatar", "as written"),
    ("day_noun", "162 stations-service", "162 stations-service", "as written"),
    ("antecedent", "il", "le ministère des finances", "previous subject"),
])
def test_time_adverbial_is_no_source(found, doc: str, source: str, speaker: str, rule: str) -> None:
    rows = found.filter(pl.col("doc_id") == doc)
    assert rows.height == 1, rows
    row = rows.row(0, named=True)
    assert (row["source"], row["speaker"], row["rule"].split("+")[-1]) == (source, speaker, rule)


def test_day_is_no_named_mention() -> None:
    from corpusling.markers.speakers import named_mentions

    corpus = parse_texts({"d": TEXTS["antecedent"]})
    names = named_mentions(corpus.tokens, corpus.documents)["name"].to_list()
    assert "Mardi" not in names

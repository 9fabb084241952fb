"""The euphonic "-t" of an inverted clitic is no source (issues 14 and 16, ninth round; set10, set12, set13 kind):
the parser makes the "-t" of "a-t-il expliqué" a subject of its own beside the clitic, and the speaker was
written "t"; the clitic is the source and is resolved as a pronoun (``euphonic_consonant`` of speaker_words.tsv,
in ``sources`` and in ``resolve_speakers``). Sentences parsed with the bundled model; each test fails without
the rule."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    "participle": "L'entraîneur Staffan Olsson a commenté la défaite. « Nous avons mal joué à Montpellier », "
                  "a-t-il expliqué, jugeant que son équipe avait manqué de rythme.",
    "gerund": "Le ministre Pierre Moscovici a répondu aux journalistes. « Il n’y a entre nous aucun lien », "
              "ajoute-t-il encore, tout en disant n'y être pour rien dans la conclusion des contrats.",
}


@pytest.fixture(scope="module")
def found():
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


@pytest.mark.parametrize("doc, speaker", [("participle", "Staffan Olsson"), ("gerund", "Pierre Moscovici")])
def test_euphonic_t_is_no_source(found, doc: str, speaker: str) -> None:
    rows = found.filter(pl.col("doc_id") == doc)
    assert rows.height >= 1, rows
    for row in rows.iter_rows(named=True):
        assert row["source"] != "t" and row["speaker"] == speaker, row


def test_euphonic_consonant_is_listed() -> None:
    from corpusling.markers.reported_speakers import EUPHONIC

    assert "-t" in EUPHONIC

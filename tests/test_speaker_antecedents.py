"""Pronoun antecedents of reported speech by salience (issues 14 and 16, set7 kinds). Sentences parsed with the
bundled model; each test fails without the rule it names."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

TEXTS = {
    # the subject of a subordinate clause after the name the sentence's main verb has as subject
    "embedded": "Australie\n\nLe premier ministre a parlé hier. Malcolm Turnbull sait que le sujet est délicat, il "
                "n'a pas oublié l'échec du référendum de 1999. Il estime que la question n'est pas prioritaire.",
    # beside a main subject that is a common noun, the subordinate clause's subject stays the nearest
    "common": "Égypte\n\nCependant, son action sera limitée par le fait que suite à la dissolution du parlement, "
              "l'armée s'est octroyée le pouvoir législatif. Elle a cependant promis de remettre le pouvoir au "
              "nouveau président avant le 30 juin.",
}


def _reported(doc: str, source: str) -> dict:
    from corpusling.markers.reported import reported

    corpus = parse_texts({doc: TEXTS[doc]})
    rows = reported(corpus.tokens, corpus.documents).filter(pl.col("source") == source)
    assert rows.height >= 1, reported(corpus.tokens, corpus.documents)
    return rows.row(0, named=True)


def test_subordinate_subject_after_the_main_name() -> None:
    row = _reported("embedded", "Il")
    assert row["speaker"] == "Malcolm Turnbull", row
    assert not row["rule"].endswith("+previous subject")  # ("le sujet" was the previous subject)


def test_subordinate_subject_beside_a_common_noun() -> None:
    row = _reported("common", "Elle")
    assert row["speaker"] == "l'armée", row

"""Demonstrative pronouns as sources (issues 14 and 16, fifth round; set8 kind): "ce dernier", "cette dernière",
"celui-ci", "celle-ci" take up the last name of their gender before them in the paragraph, not the most salient
one (rule ``last mentioned`` of reported speech, ``last_mentioned`` of quotations). Sentences parsed with the
bundled model; each test fails without the rule."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    # the name before "cette dernière" of no known gender ("Miss France") is passed over
    "feminine": "Gilets jaunes : nouvelle journée de mobilisation\n\nLe mouvement continue. Deux jours après que miss "
                "Tahiti, Vaimalama Chaves, a été élue Miss France 2019, cette dernière a affirmé qu'elle avait lu "
                "les revendications des manifestants « et qu'il y en a plusieurs qui sont pertinentes ».",
    # an institution named in a complement, the last masculine name before "celui-ci"
    "masculine": "Vatican : nouvelle instruction sur la crémation\n\nLe Vatican a publié mardi une instruction. "
                 "Rappelant l'instruction de 1963 du Saint-Office dans laquelle celui-ci explique que l'Église ne "
                 "trouve pas la crémation « en soi contraire à la religion chrétienne », la nouvelle instruction "
                 "rappelle ses raisons.",
}


@pytest.fixture(scope="module")
def corpus():
    return parse_texts(TEXTS)


@pytest.mark.parametrize("doc, mention, speaker", [
    ("feminine", "cette dernière", "Vaimalama Chaves"),
    ("masculine", "celui-ci", "Saint-Office"),
])
def test_reported_speech(corpus, doc: str, mention: str, speaker: str) -> None:
    from corpusling.markers.reported import reported

    rows = (reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))
            .filter((pl.col("doc_id") == doc) & (pl.col("source") == mention)))
    assert rows.height >= 1, reported(corpus.tokens, corpus.documents)
    row = rows.row(0, named=True)
    assert row["speaker"] == speaker and row["rule"].endswith("+last mentioned"), row


@pytest.mark.parametrize("doc, mention, speaker", [
    ("feminine", "cette dernière", "Vaimalama Chaves"),
    ("masculine", "celui-ci", "Saint-Office"),
])
def test_quotation(corpus, doc: str, mention: str, speaker: str) -> None:
    from corpusling.markers.quotes import quotes

    found = quotes(corpus.tokens, corpus.documents)  # (with its speakers)
    rows = found.with_columns(pl.col("doc_id").cast(pl.String)).filter((pl.col("doc_id") == doc)
                                                                       & (pl.col("source") == mention))
    assert rows.height >= 1, found
    row = rows.row(0, named=True)
    assert row["speaker"] == speaker and row["rule"].endswith("+last_mentioned"), row


def test_a_name_of_the_other_gender_is_passed_over() -> None:
    from corpusling.markers.speakers import last_mentioned

    q = pl.DataFrame({"_q": [0], "doc_id": ["d"], "source_start": [100], "par_no": [1],
                      "_demonstrative": ["ce dernier"]})
    mentions = pl.DataFrame({"doc_id": ["d", "d", "d"], "m_start": [10, 50, 80], "m_end": [20, 60, 90],
                             "m_par_no": [1, 1, 1], "name": ["Jean Dupont", "Marie Curie", "Paris"],
                             "gender": ["Masc", "Fem", None], "plural": [False, False, False],
                             "role": ["subject", "subject", "oblique"]})
    assert last_mentioned(q, mentions)["_last_mentioned"].to_list() == ["Jean Dupont"]

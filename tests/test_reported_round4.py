"""Reported speech: rules written on the errors of set7 (the Wikinews articles of 2016-2018 scored blind once at
18:32, then released to development; issue 16, fourth round), on sentences parsed with the bundled model.

Each test names the kind of error it guards against and fails without its rule.
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

from corpusling.markers.reported import reported

SENTENCES = {
    # "alors" right after the verb of saying is its adverb of time, the "que" after it a complementizer
    "alors_adverb": "Kellyanne Conway, conseillère de Trump, expliquait alors que les gens verront six ou sept points "
                    "majeurs sur ce décret.",
    # after a comma, "alors que" is the conjunction of opposition: no content
    "alors_conjunction": "Le ministre a démissionné, alors que le bilan était lourd.",
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    corpus = parse_texts(SENTENCES)
    return reported(corpus.tokens, corpus.documents)


def rows(found: pl.DataFrame, doc: str) -> list[tuple[str, str, str]]:
    """(kind, cue, content) of one sentence's rows."""
    return [(r["kind"], r["cue"], r["text"]) for r in found.filter(pl.col("doc_id") == doc).to_dicts()]


def test_alors_after_the_verb_is_its_adverb(found) -> None:
    assert rows(found, "alors_adverb") == [
        ("indirect", "expliquer", "que les gens verront six ou sept points majeurs sur ce décret")]
    assert rows(found, "alors_conjunction") == []

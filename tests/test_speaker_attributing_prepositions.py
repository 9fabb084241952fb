"""A person named after "Selon", "Pour", "D'après" opening a sentence is a speaker (issues 14 and 16, eighth round;
set11): "Pour Florent Geel, … . Pour lui, …" takes up the person the sentence before attributed its words to, as
salient as the subject of a verb of saying (``named_mentions`` gives the name the role ``speaker``, not
``oblique``); a single word there (a medium: "Selon People") stays oblique. Sentences parsed with the bundled model;
each test fails without the rule."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    "pour": "Burundi : la FIDH dénonce des crimes\n\nLa FIDH a publié un rapport, relayé par Deutsche Welle. "
            "Pour Florent Geel, le retrait de la CPI sonne comme un aveu de culpabilité. Pour lui, le régime est "
            "dans une fuite en avant.",
    "medium": "Las Vegas : une affaire\n\nSelon People, la jeune femme a engagé un avocat de Las Vegas.",
    # "après" alone is a time, not "d'après"
    "time": "Élection\n\nAprès Jacques Chirac, Nicolas Sarkozy a été élu président. D'après Florent Pagny, il "
            "chantera.",
}


@pytest.fixture(scope="module")
def corpus():
    return parse_texts(TEXTS)


def test_the_name_after_an_attributing_preposition_is_a_speaker(corpus) -> None:
    from corpusling.markers.speakers import named_mentions

    everywhere = pl.DataFrame({"doc_id": ["pour", "medium", "time"], "start_char": [-1, -1, -1],
                               "end_char": [-1, -1, -1]})
    mentions = named_mentions(corpus.tokens, corpus.documents, everywhere)
    roles = dict(zip(mentions["name"], mentions["role"], strict=False))
    assert roles.get("Florent Geel") == "speaker", mentions
    assert roles.get("People") == "oblique", mentions
    assert roles.get("Florent Pagny") == "speaker", mentions
    assert roles.get("Jacques Chirac") == "oblique", mentions


def test_the_pronoun_after_it_takes_it_up(corpus) -> None:
    from corpusling.markers.reported import reported

    rows = (reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))
            .filter(pl.col("source") == "lui"))
    assert rows.height == 1, reported(corpus.tokens, corpus.documents)
    row = rows.row(0, named=True)
    assert row["speaker"] == "Florent Geel" and row["rule"].endswith("+pronoun"), row

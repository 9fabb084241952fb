"""The learned speaker ranker (issues 14 and 16): its candidate table, its features and the dot product that ranks
them (:mod:`corpusling.markers.speaker_ranker`). Sentences parsed with the bundled model; the ranker is not the
default resolver (its leave-one-set-out figures are under the rules': ``speaker_ranker_weights.md``)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

from corpusling.markers.speaker_ranker import (
    BASE_FEATURES,
    FEATURES,
    ITEM_KINDS,
    SOURCE_KINDS,
    candidates,
    items_of,
    rank,
    weights,
)

TEXTS = {
    # a named speaker in an inverted incise
    "name": "Budget\n\nLe gouvernement prépare la loi. « Nous tiendrons nos engagements », a déclaré Jean Dupont.",
    # a pronoun whose antecedent is the woman named as the subject before it, not the city
    "pronoun": "Élections\n\nMarie Durand a visité Lyon lundi. Elle a affirmé que la campagne serait longue.",
}


@pytest.fixture(scope="module")
def table() -> tuple[pl.DataFrame, pl.DataFrame]:
    from corpusling.markers.hedges import hedges
    from corpusling.markers.quotes import quotes
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    found = quotes(corpus.tokens, corpus.documents)
    contents = reported(corpus.tokens, corpus.documents, found, hedges(corpus.tokens, corpus.documents, quotes=found))
    direct = found.filter((pl.col("level") == 0) & (pl.col("kind") == "direct"))
    items = items_of(direct, contents.filter(~pl.col("in_quote")), corpus.documents)
    return items, candidates(items, corpus.tokens, corpus.documents, found)


def test_weights_name_every_feature_for_each_kind_of_item() -> None:
    table = weights()
    assert set(table) == set(ITEM_KINDS)
    for kind in ITEM_KINDS:
        assert set(FEATURES) <= set(table[kind])
    assert len(FEATURES) == len(BASE_FEATURES) * len(SOURCE_KINDS)


def test_candidates_have_every_feature_and_one_row_per_name(table: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    items, rows = table
    assert set(FEATURES) <= set(rows.columns)
    assert rows.select("_item", "candidate").is_unique().all()
    assert set(rows["_item"]) <= set(items["_item"])


def test_the_name_in_the_incise_is_a_candidate_in_the_source(table: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    items, rows = table
    quote = items.filter((pl.col("doc_id") == "name") & (pl.col("item_kind") == "quote"))
    assert quote.height == 1 and quote["source"][0] == "Jean Dupont"
    named = rows.filter((pl.col("_item") == quote["_item"][0]) & (pl.col("candidate") == "Jean Dupont"))
    assert named["in_source@name"].to_list() == [1.0]


def test_the_pronoun_agrees_with_the_woman_not_the_city(table: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    items, rows = table
    item = items.filter((pl.col("doc_id") == "pronoun") & (pl.col("item_kind") == "reported"))
    assert item.height >= 1 and item["source"][0] == "Elle"
    mine = rows.filter(pl.col("_item") == item["_item"][0])
    assert "Marie Durand" in mine["candidate"].to_list()
    woman = mine.filter(pl.col("candidate") == "Marie Durand")
    assert woman["person_name@pronoun"].to_list() == [1.0]
    assert woman["salient_same_paragraph@pronoun"].to_list() == [1.0]


def test_the_bundled_weights_rank_the_named_speaker_first(table: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    items, rows = table
    chosen = rank(rows).join(items.select("_item", "doc_id", "item_kind"), on="_item")
    quote = chosen.filter((pl.col("doc_id") == "name") & (pl.col("item_kind") == "quote"))
    assert quote["speaker"].to_list() == ["Jean Dupont"]
    assert quote["speaker_rule"][0].startswith("ranker: ")


def test_rank_takes_the_highest_dot_product_and_names_its_top_feature() -> None:
    zero = dict.fromkeys(FEATURES, 0.0)
    weight = {"quote": {**zero, "nearest@pronoun": 2.0, "person_name@pronoun": 1.0}, "reported": zero}
    rows = pl.DataFrame({"_item": [0, 0, 0], "candidate": ["Lyon", "Marie Durand", "Paul"],
                         "item_kind": ["quote"] * 3}).with_columns(
        *(pl.lit(0.0).alias(f) for f in FEATURES)).with_columns(
        pl.Series("nearest@pronoun", [1.0, 0.0, 0.0]), pl.Series("person_name@pronoun", [0.0, 1.0, 1.0]))
    chosen = rank(rows, weight)
    assert chosen["speaker"].to_list() == ["Lyon"]
    assert chosen["speaker_rule"].to_list() == ["ranker: nearest@pronoun"]

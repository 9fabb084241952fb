"""The faster paths of the reported-speech analysis (issue 15) give what the joins they replace give: subtrees and
noun phrases read through the pairs keyed by one integer (from the second join of a table on) against the joins
on the words' keys, on the seed parsed with the bundled model."""

from __future__ import annotations

import gc

import polars as pl

from corpusling.markers import reported_tree
from corpusling.markers.attribution import ancestors
from corpusling.markers.reported_tree import NP_NAME_EXCLUDED, noun_phrases, subtrees, words_of


def test_keyed_pairs_give_the_joins(seed_parsed) -> None:  # noqa: ANN001 - a ParsedCorpus
    words = words_of(seed_parsed.tokens).filter(pl.col("head").is_not_null())
    pairs = ancestors(words)
    heads = (words.filter(pl.col("upos").is_in(["VERB", "NOUN", "PROPN"]))
             .select("doc_id", "sent_id", pl.col("word_id").alias("head"))
             .with_row_index("_item").with_columns(pl.col("_item").cast(pl.Int64)))
    assert heads.height > 50
    key = ["_item", "doc_id", "sent_id", "word_id"]
    first = subtrees(heads, pairs).sort(key)  # the first join of this table: on the words' keys
    assert reported_tree._KEYED[id(pairs)][1] is None
    again = subtrees(heads, pairs).sort(key)  # the second: keyed
    assert reported_tree._KEYED[id(pairs)][1] is not None
    assert first.height > heads.height and first.equals(again)
    for excluded in (reported_tree.NP_EXCLUDED, NP_NAME_EXCLUDED):
        keyed = noun_phrases(heads, pairs, words, excluded).sort("_item")
        joined = noun_phrases(heads, pairs.clone(), words, excluded).sort("_item")  # a table joined once: no key
        assert keyed.equals(joined)
    # the keyed copy goes with its table
    held = id(pairs)
    del pairs
    gc.collect()
    assert held not in reported_tree._KEYED

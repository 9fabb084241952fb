"""The faster paths of the hedge analysis (issue 15) give what the paths they replace give: the lexicon matcher's
reads at a word's row against its joins on ``_i``, the inverted verbs' written-out forms against the pattern, the
sentences of some words read at their rows against a membership test.
The seed is parsed with the bundled model."""

from __future__ import annotations

import polars as pl
import pytest

from corpusling.lexicons import load_hedge_context, load_lexicon
from corpusling.markers import hedge_sources
from corpusling.markers.hedge_lexicon import lexicon_spans
from corpusling.markers.hedge_words import indexed_by_row, sentences_of, word_table


@pytest.fixture(scope="module")
def words(seed_parsed) -> pl.DataFrame:  # noqa: ANN001 - a ParsedCorpus
    return word_table(seed_parsed.tokens)


def test_lexicon_spans_read_at_rows_as_by_joins(words: pl.DataFrame) -> None:
    assert indexed_by_row(words)
    # the same words numbered from 1: not row numbers, so the matcher joins on _i
    shifted = words.with_columns(*(pl.col(c) + 1 for c in ("_i", "_hi")))
    assert not indexed_by_row(shifted)
    by_row = lexicon_spans(words, load_lexicon())
    by_join = lexicon_spans(shifted, load_lexicon()).with_columns(pl.col("_first_i", "_last_i") - 1)
    assert by_row.height > 5
    order = ["doc_id", "_first_i", "_last_i", "category", "entry"]
    assert by_row.sort(order).equals(by_join.select(by_row.columns).sort(order))


def test_inverted_verbs_written_out_as_the_pattern() -> None:
    lists = dict(load_hedge_context())
    forms = pl.DataFrame({"_form": ["dit-il", "précise-t-elle", "a-t-il", "ont-ils", "semble-t-il", "dit", "a-t",
                                    "dit-t-il", "x-dit-il", None]})
    written = forms.select(*[e.alias(n) for n, e in zip(("speech", "aux"), hedge_sources._inverted_verb(lists),
                                                         strict=True)])
    # a clitic that is no plain word makes the function fall back on the pattern
    lists["subject_clitic"] = frozenset({*lists["subject_clitic"], "i(l)"})
    pattern = forms.select(*[e.alias(n) for n, e in zip(("speech", "aux"), hedge_sources._inverted_verb(lists),
                                                        strict=True)])
    assert written.equals(pattern)
    assert written["speech"].to_list()[:2] == [True, True] and written["aux"].to_list()[2:4] == [True, True]


def test_sentences_read_at_rows_as_by_membership(words: pl.DataFrame) -> None:
    heads = words["_hi"]  # (the roots' null among them)
    shifted = words.with_columns(pl.col("_i") + 1)
    assert not indexed_by_row(shifted)
    by_row = sentences_of(words, heads)
    assert by_row.height > 0
    assert by_row.equals(sentences_of(shifted, heads + 1).with_columns(pl.col("_i") - 1))

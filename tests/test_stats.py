"""Frequencies, collocates, keyness and dispersion, cross-checked against nltk and hand-computed values."""

from __future__ import annotations

import math
import re
from pathlib import Path

import polars as pl
import pytest
from nltk import FreqDist
from nltk import ngrams as nltk_ngrams
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from nltk.text import ConcordanceIndex

from corpusling import stats
from corpusling import tokens as tok
from corpusling.errors import QueryError
from corpusling.query import query

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e14371d8171e9155.txt"


def words_table(words: list[str], doc_id: str = "d", sentence_length: int | None = None) -> pl.DataFrame:
    """A token table of the given words (lemma = lower-cased form), one sentence unless told."""
    n = len(words)
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    sent = [1 + i // sentence_length for i in range(n)] if sentence_length else [1] * n
    return tok.from_rows({"doc_id": [doc_id] * n, "sent_id": sent, "word_id": list(range(1, n + 1)),
                          "form": words, "lemma": [w.lower() for w in words], "upos": ["X"] * n,
                          "start_char": starts, "end_char": [s + len(w) for s, w in zip(starts, words, strict=True)]})


@pytest.fixture(scope="module")
def seed_words() -> list[str]:
    return re.findall(r"\w+|[^\w\s]", SEED.read_text(encoding="utf-8"))


def test_concordance_offsets_match_nltk(seed_words):
    table = words_table(seed_words)
    index = ConcordanceIndex(seed_words, key=lambda w: w.lower())
    for word in ("selon", "aurait", "le", "«"):
        ours = query(table, f'[form="{word}"%c]')["first_row"].to_list()
        assert ours == index.offsets(word), word
        assert len(ours) > 0


def test_frequencies_and_ngrams_match_nltk(seed_words):
    table = words_table(seed_words)
    lower = [w.lower() for w in seed_words]
    ours = stats.freq(table, "lemma")
    reference = FreqDist(lower)
    assert dict(zip(ours["lemma"], ours["count"], strict=True)) == dict(reference)
    assert ours["per_million"][0] == pytest.approx(reference.most_common(1)[0][1] * 1e6 / len(lower))
    trigrams = stats.ngrams(table, 3, by="lemma")
    assert dict(zip(trigrams["ngram"], trigrams["count"], strict=True)) == {
        " ".join(g): c for g, c in FreqDist(nltk_ngrams(lower, 3)).items()}


def test_ngrams_stay_in_sentences():
    table = words_table(["a", "b", "c", "d"], sentence_length=2)
    assert stats.ngrams(table, 2, by="form")["ngram"].sort().to_list() == ["a b", "c d"]


def test_collocate_scores_match_nltk(seed_words):
    lower = [w.lower() for w in seed_words]
    table = words_table(seed_words)
    finder = BigramCollocationFinder.from_words(lower)
    measures = BigramAssocMeasures()
    checked = 0
    for node in ("selon", "il", "de"):
        ours = stats.collocates(table, f'[lemma="{node}"]', window=(0, 1), by="lemma", min_count=1,
                                attraction=False)
        assert ours.height > 0
        for row in ours.iter_rows(named=True):
            pair = (node, row["collocate"])
            assert row["count"] == finder.ngram_fd[pair]
            assert row["f_collocate"] == finder.word_fd[row["collocate"]]
            for ours_name, theirs in (("ll", measures.likelihood_ratio), ("mi", measures.pmi),
                                      ("t", measures.student_t), ("dice", measures.dice)):
                expected = finder.score_ngram(theirs, *pair)
                assert row[ours_name] == pytest.approx(expected, rel=1e-9, abs=1e-9), (pair, ours_name)
            o, e = row["count"], row["expected"]
            assert row["mi3"] == pytest.approx(math.log2(o ** 3 / e))
            assert row["log_dice"] == pytest.approx(14 + math.log2(row["dice"]))
            checked += 1
    assert checked > 20


def test_collocate_window_both_sides_in_sentence():
    table = words_table(["x", "a", "b", "node", "c", "y", "z"], sentence_length=100)
    found = stats.collocates(table, '"node"', window=2, by="form", min_count=1, attraction=False)
    assert sorted(found["collocate"]) == ["a", "b", "c", "y"]
    assert set(found["f_node"]) == {4.0}
    # logDice on the node's frequency (Rychlý 2008, as Sketch Engine): 14 + log2(2·1 / (1 + 1)) = 14
    assert found.filter(pl.col("collocate") == "a")["log_dice"].item() == pytest.approx(14.0)
    split = words_table(["a", "b", "node", "c"], sentence_length=2)  # "node" starts sentence 2
    assert stats.collocates(split, '"node"', window=2, by="form", min_count=1,
                            attraction=False)["collocate"].to_list() == ["c"]


def test_collocates_keep_attraction_only(seed_words):
    table = words_table(seed_words)
    both = stats.collocates(table, '[lemma="de"]', window=3, min_count=1, attraction=False)
    attracted = stats.collocates(table, '[lemma="de"]', window=3, min_count=1)
    assert (both["count"] <= both["expected"]).any()
    assert (attracted["count"] > attracted["expected"]).all()
    assert attracted.height == both.filter(pl.col("count") > pl.col("expected")).height


def test_keyness_against_hand_computed_values():
    target = words_table(["x"] * 10 + ["w"] * 990)
    reference = words_table(["x"] * 2 + ["w"] * 1998)
    found = stats.keyness(target, reference=reference, by="form", min_count=1)
    x = found.filter(pl.col("item") == "x").row(0, named=True)
    # E1 = 1000·12/3000 = 4, E2 = 8: G² = 2(10 ln(10/4) + 2 ln(2/8))
    assert x["g2"] == pytest.approx(2 * (10 * math.log(10 / 4) + 2 * math.log(2 / 8)))
    assert x["p"] == pytest.approx(math.erfc(math.sqrt(x["g2"] / 2)))
    assert x["log_ratio"] == pytest.approx(math.log2((10 / 1000) / (2 / 2000)))
    assert x["percent_diff"] == pytest.approx((10_000 - 1_000) / 1_000 * 100)
    assert x["direction"] == "+"
    assert found.filter(pl.col("item") == "w")["direction"].item() == "-"
    absent = stats.keyness(words_table(["y"] * 3 + ["w"] * 7), reference=words_table(["w"] * 10), by="form",
                           min_count=1).filter(pl.col("item") == "y").row(0, named=True)
    assert absent["log_ratio"] == pytest.approx(math.log2((3 / 10) / (0.5 / 10)))  # zero → 0.5 (Hardie 2014)
    assert absent["percent_diff"] == math.inf  # absent from the reference: infinite, not 1e24
    assert stats.keyness(target, reference=reference, by="form", min_count=13)["item"].to_list() == ["w"]


def test_keyness_between_groups():
    table = pl.concat([words_table(["x"] * 10 + ["w"] * 990, "a"), words_table(["x"] * 2 + ["w"] * 1998, "b")])
    docs = pl.DataFrame({"doc_id": ["a", "b"], "outlet": ["A", "B"]})
    found = stats.keyness(table, docs, group_by="outlet", by="form", min_count=1)
    a = found.filter((pl.col("group") == "A") & (pl.col("item") == "x")).row(0, named=True)
    b = found.filter((pl.col("group") == "B") & (pl.col("item") == "x")).row(0, named=True)
    assert (a["count"], a["reference_count"], a["n_words"], a["reference_words"]) == (10, 2, 1000, 2000)
    assert a["g2"] == pytest.approx(b["g2"]) and a["log_ratio"] == pytest.approx(-b["log_ratio"])
    with pytest.raises(QueryError):
        stats.keyness(table, docs, by="form")


def test_dispersion_against_hand_computed_values():
    # five documents of 10 words; "k" occurs 1, 2, 3, 4, 0 times
    parts = []
    for i, k in enumerate([1, 2, 3, 4, 0]):
        parts.append(words_table(["k"] * k + ["w"] * (10 - k), f"d{i}"))
    table = pl.concat(parts)
    row = stats.dispersion(table, ["k"], by="form").row(0, named=True)
    assert (row["count"], row["range"], row["parts"]) == (10, 4, 5)
    assert row["dp"] == pytest.approx(0.5 * (0.1 + 0.0 + 0.1 + 0.2 + 0.2))
    assert row["dp_norm"] == pytest.approx(0.3 / 0.8)
    assert row["juilland_d"] == pytest.approx(1 - math.sqrt(0.02) / 0.2 / 2)
    even = stats.dispersion(table, ["w"], by="form").row(0, named=True)
    assert even["range"] == 5 and even["dp"] < row["dp"]
    by_query = stats.dispersion(table, '"k"').row(0, named=True)
    assert by_query["dp"] == pytest.approx(row["dp"])
    where = stats.positions(table, '"k"')
    assert where.height == 10 and where["relative"].max() < 1


def test_freq_filters_and_groups():
    table = pl.concat([words_table(["a", "b", "a"], "d1"), words_table(["a", "c"], "d2")])
    docs = pl.DataFrame({"doc_id": ["d1", "d2"], "year": [2020, 2021]})
    only_a = stats.freq(table, "form", where='[form="a"]')
    assert only_a.rows() == [("a", 3, 3 * 1e6 / 5)]
    assert stats.freq(table, "form", where=pl.col("form") != "a")["form"].to_list() == ["b", "c"]
    grouped = stats.freq(table, "form", documents=docs, group_by="year")
    assert grouped.filter(pl.col("group") == "2021")["per_million"].to_list() == [5e5, 5e5]
    with pytest.raises(QueryError):
        stats.freq(table, "form", where='"a" "b"')


def test_terminal_display_is_readable() -> None:
    """p below 0.001 prints as "< 0.001" and an infinite %DIFF as ∞; files keep the numbers."""
    from corpusling.cli._output import readable

    shown = readable(pl.DataFrame({"p": [1e-12, 0.04], "percent_diff": [math.inf, -12.34567]}))
    assert shown["p"].to_list() == ["< 0.001", "0.04"]
    assert shown["percent_diff"].to_list() == ["∞", "-12.3457"]


def test_ngrams_read_the_sentences_of_the_table_index(seed_parsed) -> None:
    """n-grams of a table with an index take its sentence numbers from the index and count what a bare copy
    (numbered on the fly) counts."""
    from corpusling.stats import ngrams
    from corpusling.token_index import index

    indexed = seed_parsed.tokens.clone()
    index(indexed)
    for n, by in ((2, "form"), (3, "lemma"), (2, "token_text")):
        shared = ngrams(indexed, n=n, by=by)
        assert shared.height > 0 and shared.equals(ngrams(seed_parsed.tokens.clone(), n=n, by=by))

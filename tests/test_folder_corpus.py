"""``cl.load(folder, lazy=True)``: the corpus-first verbs on a folder read batch by batch give the tables of the
corpus in memory (issue 15, item 2)."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import corpusling as cl
from corpusling.errors import InputError


@pytest.fixture(scope="module")
def both(gold_parsed, tmp_path_factory):  # noqa: ANN201 - (in memory, batch by batch)
    from corpusling.parsed import ParsedCorpus

    documents = gold_parsed.documents.with_columns(  # a copy: the session's fixture stays as it is
        pl.when(pl.int_range(pl.len()) % 2 == 0).then(pl.lit("A")).otherwise(pl.lit("B")).alias("outlet"))
    corpus = ParsedCorpus(tokens=gold_parsed.tokens, documents=documents, model=gold_parsed.model)
    folder = tmp_path_factory.mktemp("folder") / "parsed"
    corpus.save(folder)
    whole = cl.load(folder)
    lazy = cl.load(folder, lazy=True, batch_words=1500)
    assert isinstance(lazy, cl.FolderCorpus) and sum(1 for _ in lazy.batches()) >= 5  # really in pieces
    return whole, lazy


def same(a: pl.DataFrame, b: pl.DataFrame) -> None:
    plain = [pl.col(pl.Categorical).cast(pl.String)]
    assert_frame_equal(a.with_columns(*plain), b.with_columns(*plain))


@pytest.mark.parametrize("verb", ["quotes", "conditionals", "hedges", "reported", "speakers"])
def test_per_document_verbs_stack_to_the_whole_table(both, verb):
    whole, lazy = both
    expected = getattr(cl, verb)(whole)
    assert expected.height > 5
    same(expected, getattr(cl, verb)(lazy))


def test_queries_counts_and_frequencies_add_up(both):
    whole, lazy = both
    query = '[lemma="selon"] []'
    same(cl.query(whole, query), cl.query(lazy, query))
    same(cl.concordance(whole, query), cl.concordance(lazy, query))
    same(cl.concordance(whole, query, sort="match"), cl.concordance(lazy, query, sort="match"))
    same(cl.count(whole, '[upos="VERB" & mood="Cnd"]', "match.lemma,doc.outlet"),
         cl.count(lazy, '[upos="VERB" & mood="Cnd"]', "match.lemma,doc.outlet"))
    same(cl.freq(whole, by="lemma", group_by="outlet"), cl.freq(lazy, by="lemma", group_by="outlet"))


def test_rates_and_comparisons_come_from_the_documents_word_counts(both):
    whole, lazy = both
    same(cl.rates(whole, cl.hedges(whole), by=["category"], group_by="outlet", n_boot=200),
         cl.rates(lazy, cl.hedges(lazy), by=["category"], group_by="outlet", n_boot=200))
    same(cl.compare(whole, cl.conditionals(whole), "outlet"), cl.compare(lazy, cl.conditionals(lazy), "outlet"))


def test_statistics_add_over_batches_and_a_folder_is_checked(both):
    """Collocates, keyness, dispersion and n-grams, once refused batch by batch, give the tables of the corpus in
    memory (more option combinations in test_folder_stats_verbs.py)."""
    whole, lazy = both
    for verb, args, kwargs in ((cl.collocates, ('[lemma="selon"]',), {"min_count": 1}),
                               (cl.keyness, (), {"group_by": "outlet"}), (cl.dispersion, (), {}),
                               (cl.ngrams, (), {"n": 3})):
        expected = verb(whole, *args, **kwargs)
        assert expected.height > 1
        same(expected, verb(lazy, *args, **kwargs))
    with pytest.raises(InputError, match="not a parsed corpus folder"):
        cl.load(lazy.folder.parent, lazy=True)


def test_sizes_read_three_columns_not_the_batches(both, monkeypatch):
    """The documents' word counts come from one streaming scan of doc_id, upos and form: the same counts as the
    table in memory, without reading the folder batch by batch."""
    from corpusling.folder import FolderCorpus

    whole, lazy = both
    fresh = FolderCorpus(lazy.folder, lazy.batch_words)
    monkeypatch.setattr(FolderCorpus, "batches", lambda self: pytest.fail("sizes() read the batches"))
    same(fresh.sizes().sort("doc_id"), whole.sizes().sort("doc_id"))
    assert fresh.sizes()["n_words"].sum() == whole.sizes()["n_words"].sum() > 1000


def test_document_rates_divide_by_the_words_the_corpus_in_memory_counts(both):
    """Per document, rates batch by batch (corpusling.lazy) divide by the word counts of ParsedCorpus.sizes()
    (punctuation and symbols left out), not by every token: the rates of the corpus in memory."""
    from corpusling import lazy as lz
    from corpusling.rates import document_counts

    whole, lazy = both
    sizes = whole.sizes().sort("doc_id")
    assert sizes["n_words"].sum() < whole.tokens.height  # the gold documents have punctuation
    same(lz.document_sizes(lazy.folder).sort("doc_id"), sizes)
    same(lazy.sizes().sort("doc_id"), sizes)
    assert lz.count_words(lazy.folder) == sizes["n_words"].sum()
    conditional = pl.col("mood") == "Cnd"
    for markers in (conditional, cl.conditionals(whole), cl.hedges(whole)):
        rows = whole.tokens.filter(conditional.fill_null(False)) if isinstance(markers, pl.Expr) else markers
        expected = (document_counts(rows.select("doc_id"), None, whole.documents, sizes=whole.sizes())
                    .select("doc_id", pl.col("n_words").cast(pl.Int64), pl.col("count").cast(pl.Int64))
                    .with_columns((pl.col("count") * 1000 / pl.col("n_words")).alias("rate")).sort("doc_id"))
        assert expected["count"].sum() > 5
        got = lz.document_rates(lazy.folder, markers, metadata=False).sort("doc_id")
        same(got.select(expected.columns), expected)


@pytest.mark.parametrize("sort", ["R1", "L1", "R1,R2", "L2 R1", "match", "doc", "outlet", "R1 outlet"])
def test_concordances_sort_batch_by_batch_as_in_memory(both, sort):
    """cl.concordance(folder corpus, q, sort=...) gives the lines of the corpus in memory in the same order, for
    every sort key the concordance takes: sorted once the batches' lines are stacked (and sampled)."""
    whole, lazy = both
    query = '[upos="VERB"]'
    expected = cl.concordance(whole, query, sort=sort)
    assert expected.height > 100
    same(expected, cl.concordance(lazy, query, sort=sort))
    same(cl.concordance(whole, query, sort=sort, sample=30, seed=4),
         cl.concordance(lazy, query, sort=sort, sample=30, seed=4))

"""n-grams, keyness, collocates and dispersion on a folder read batch by batch (``cl.load(folder, lazy=True)``):
counts added over batches of whole documents, measured once, give the tables of the corpus in memory (issue 15)."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import corpusling as cl
from corpusling import stats


@pytest.fixture(scope="module")
def both(gold_parsed, tmp_path_factory):  # noqa: ANN201 - (in memory, batch by batch)
    """The gold documents saved as a folder with an ``outlet`` of three values (one part, two groups of several
    documents each, crossing batches), read in memory and in batches of 1,500 words."""
    from corpusling.parsed import ParsedCorpus

    documents = gold_parsed.documents.with_columns(
        pl.when(pl.int_range(pl.len()) % 3 == 0).then(pl.lit("A"))
        .when(pl.int_range(pl.len()) % 3 == 1).then(pl.lit("B")).otherwise(pl.lit("C")).alias("outlet"))
    corpus = ParsedCorpus(tokens=gold_parsed.tokens, documents=documents, model=gold_parsed.model)
    folder = tmp_path_factory.mktemp("folder") / "parsed"
    corpus.save(folder)
    whole = cl.load(folder)
    lazy = cl.load(folder, lazy=True, batch_words=1500)
    assert sum(1 for _ in lazy.batches()) >= 5  # really in pieces
    return whole, lazy


def same(a: pl.DataFrame, b: pl.DataFrame, rows: int = 5) -> None:
    """Equal tables, with enough rows to mean something."""
    assert a.height >= rows
    assert_frame_equal(a, b)


@pytest.mark.parametrize(("n", "by", "options"), [
    (2, "form", {}), (3, "form", {}), (2, "lemma", {"lowercase": True, "min_count": 2}),
    (3, "lemma", {"top": 40}), (2, "token_text", {"where": '[upos!="DET"]'}), (2, "form", {"include_punct": True})])
def test_ngrams_add_over_batches(both, n, by, options):
    whole, lazy = both
    same(cl.ngrams(whole, n=n, by=by, **options), cl.ngrams(lazy, n=n, by=by, **options))


@pytest.mark.parametrize("options", [
    {"group_by": "outlet"}, {"group_by": "outlet", "by": "form", "lowercase": True, "min_count": 2},
    {"group_by": "outlet", "where": '[upos="NOUN"]', "min_count": 1}, {"group_by": "doc_id", "min_count": 3}])
def test_keyness_of_groups_adds_over_batches(both, options):
    whole, lazy = both
    same(cl.keyness(whole, **options), cl.keyness(lazy, **options))


def test_keyness_against_a_reference_adds_over_batches(both):
    """The target counted batch by batch against a reference in memory, or a reference folder read batch by batch
    too, or a folder reference of a corpus in memory: the same table."""
    whole, lazy = both
    reference = cl.ParsedCorpus(tokens=whole.tokens.filter(pl.col("doc_id") != whole.documents["doc_id"][0]),
                                documents=whole.documents.slice(1))
    expected = cl.keyness(whole, reference=reference, min_count=2)
    same(expected, cl.keyness(lazy, reference=reference, min_count=2))
    same(expected, cl.keyness(lazy, reference=reference.tokens, min_count=2))
    same(cl.keyness(whole, reference=whole, min_count=2), cl.keyness(lazy, reference=lazy, min_count=2), rows=0)
    same(cl.keyness(whole, reference=whole, min_count=2), cl.keyness(whole, reference=lazy, min_count=2), rows=0)


@pytest.mark.parametrize(("pattern", "options"), [
    ('[upos="VERB"]', {}), ('[upos="VERB"]', {"window": 2, "by": "form", "lowercase": True, "sort": "log_dice"}),
    ('[upos="NOUN"]', {"left": 0, "right": 3, "min_count": 1, "with_repelled": True}),
    ('[lemma="de"] [upos="NOUN"]', {"window": (3, 1), "where": '[upos="ADJ"|upos="VERB"]', "min_count": 1}),
    ('[upos="VERB"]', {"window": 4, "include_punct": True, "sort": "mi"})])
def test_collocates_add_over_batches(both, pattern, options):
    whole, lazy = both
    same(cl.collocates(whole, pattern, **options), cl.collocates(lazy, pattern, **options))


@pytest.mark.parametrize(("items", "options"), [
    (None, {}), (None, {"parts": "outlet", "by": "form", "lowercase": True}), (None, {"parts": "upos"}),
    (["de", "le", "selon", "être"], {}), ('[upos="VERB" & mood="Cnd"]', {"parts": "outlet"}),
    (None, {"min_count": 5, "include_punct": True})])
def test_dispersion_adds_over_batches(both, items, options):
    whole, lazy = both
    expected = cl.dispersion(whole, items, **options)
    got = cl.dispersion(lazy, items, **options)
    same(expected, got, rows=1)
    if items is None:
        assert expected.height > 100


def test_min_count_and_top_apply_to_the_sums_not_the_batches(both):
    """An n-gram or a collocate seen once in each of two batches passes min_count=2: the filter is applied once, to
    the added counts (a filter per batch would drop it)."""
    whole, lazy = both
    per_batch = [stats.ngram_counts(b.tokens, 2)[0] for b in lazy.batches()]
    split = (pl.concat([p.filter(pl.col("count") == 1).with_columns(pl.lit(i).alias("batch"))
                        for i, p in enumerate(per_batch)])
             .group_by("ngram").agg(pl.col("batch").n_unique().alias("batches")).filter(pl.col("batches") >= 2))
    assert split.height > 0
    table = cl.ngrams(lazy, n=2, min_count=2)
    assert table.filter(pl.col("ngram").is_in(split["ngram"].implode())).height == split.height
    same(cl.ngrams(whole, n=2, min_count=2), table)


def test_the_shared_measures_are_the_in_memory_verbs(both):
    """One implementation: each in-memory verb is its ``*_table`` of its ``*_counts``."""
    whole, _ = both
    tokens, documents = whole.tokens, whole.documents
    assert_frame_equal(stats.ngrams(tokens, 3), stats.ngrams_table(*stats.ngram_counts(tokens, 3)))
    assert_frame_equal(stats.keyness(tokens, documents, "outlet"),
                       stats.keyness_table(*stats.keyness_counts(tokens, documents, "outlet"), group_by="outlet"))
    assert_frame_equal(stats.collocates(tokens, '[upos="VERB"]', window=3),
                       stats.collocates_table(*stats.collocate_counts(tokens, '[upos="VERB"]', 3, 3), left=3,
                                              right=3))
    assert_frame_equal(stats.dispersion(tokens, parts="outlet", documents=documents),
                       stats.dispersion_table(*stats.dispersion_counts(tokens, parts="outlet", documents=documents)))


def test_errors_before_reading_and_what_stays_refused(both):
    from corpusling.errors import InputError, QueryError

    whole, lazy = both
    with pytest.raises(QueryError, match="either group_by"):
        cl.keyness(lazy)
    with pytest.raises(QueryError, match="either group_by"):
        cl.keyness(whole, group_by="outlet", reference=lazy)
    with pytest.raises(QueryError, match="a window is"):
        cl.collocates(lazy, '[upos="VERB"]', window=0)
    with pytest.raises(InputError, match="not a table of matches"):
        cl.collocates(lazy, cl.query(whole, '[upos="VERB"]'))
    with pytest.raises(InputError, match="load the folder in memory"):
        cl.density(lazy)


@pytest.mark.parametrize("pattern", ['[upos="VERB" & mood="Cnd"]', '[lemma="selon"] []'])
def test_positions_number_on_over_batches(both, pattern):
    """Positions for a dispersion plot: per document, with corpus_word a row of the whole token table."""
    whole, lazy = both
    same(cl.positions(whole, pattern), cl.positions(lazy, pattern), rows=2)
    same(cl.positions(whole, pattern, include_punct=True), cl.positions(lazy, pattern, include_punct=True), rows=2)


def test_cli_lazy_statistics_write_the_tables_of_the_corpus_in_memory(both, tmp_path, capsys):
    """``--lazy`` on freq --ngram, keyness (with a reference folder read batch by batch too), collocates and
    dispersion (with --positions): the same files as without it."""
    from corpusling.cli import main

    _, lazy = both
    folder = str(lazy.folder)
    runs = (("freq", [folder, "--ngram", "3", "--by", "lemma", "--lowercase"]),
            ("keyness", [folder, "--group-by", "outlet", "--min-count", "2"]),
            ("keyness", [folder, "--reference", folder, "--min-count", "1"]),
            ("collocates", [folder, '[upos="VERB"]', "--window", "2", "--by", "form"]),
            ("dispersion", [folder, "--parts", "outlet"]))
    for number, (verb, args) in enumerate(runs):
        eager, lazily = tmp_path / f"{number}-eager.csv", tmp_path / f"{number}-lazy.csv"
        assert main([verb, *args, "--out", str(eager)]) == 0
        assert main([verb, *args, "--lazy", "--out", str(lazily)]) == 0
        expected = pl.read_csv(eager)
        assert expected.height > 0
        assert_frame_equal(pl.read_csv(lazily), expected)
    where = [tmp_path / "where-eager.csv", tmp_path / "where-lazy.csv"]
    conditional = '[upos="VERB" & mood="Cnd"]'
    assert main(["dispersion", folder, "-q", conditional, "--positions", str(where[0])]) == 0
    assert main(["dispersion", folder, "-q", conditional, "--positions", str(where[1]), "--lazy"]) == 0
    assert_frame_equal(pl.read_csv(where[1]), pl.read_csv(where[0]))
    capsys.readouterr()
    assert main(["keyness", folder, "--group-by", "nope", "--lazy"]) == 2
    assert "no such metadata column" in capsys.readouterr().err

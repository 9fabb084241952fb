"""The text index: rows in text order found by character offsets, and what quotations get from it."""

from __future__ import annotations

import polars as pl

from corpusling.markers.quotes import quotes
from corpusling.markers.text_index import in_text_order, locate, sentence_rows, text_index


def _tokens() -> pl.DataFrame:
    """Two documents, tokens in text order: "a" has sentences 1 (words at 0, 3, 6) and 2 (at 10, 14); "b" one."""
    rows = [("a", 1, 1, 0, "NOUN"), ("a", 1, 2, 3, "PUNCT"), ("a", 1, 3, 6, "VERB"),
            ("a", 2, 1, 10, "NOUN"), ("a", 2, 2, 14, "NOUN"), ("b", 1, 1, 0, "NOUN"), ("b", 1, 2, 5, "NOUN")]
    return pl.DataFrame(rows, schema=["doc_id", "sent_id", "word_id", "start_char", "upos"], orient="row").with_columns(
        (pl.col("start_char") + 2).alias("end_char"))


def test_ordered_table_is_not_sorted_again() -> None:
    table = _tokens()
    assert in_text_order(table) is table
    shuffled = table.sample(fraction=1.0, shuffle=True, seed=3)
    assert in_text_order(shuffled).equals(table.sort("doc_id", "start_char", "word_id"))


def test_locate_rows_of_spans() -> None:
    index = text_index(_tokens())
    spans = pl.DataFrame({"doc_id": ["a", "a", "a", "b", "zzz"], "start_char": [2, 11, 16, 0, 0],
                          "end_char": [11, 12, 20, 7, 5]})
    located = locate(index, spans)
    # "a"[2, 11): tokens at 3, 6, 10 (rows 1..3); "a"[11, 12): none, the next token is row 4;
    # "a"[16, 20): none and none after in "a"; "b"[0, 7): rows 5, 6; an unknown document: nothing
    assert located["_from"].to_list() == [1, 4, 5, 5, None]
    assert located["_to"].to_list() == [4, 4, 5, 7, None]
    assert located["_first"].to_list() == [1, 4, None, 5, None]
    assert located["_last"].to_list() == [3, None, None, 6, None]
    assert located["_doc_first"].to_list() == [0, 0, 0, 5, None]
    assert located["_doc_last"].to_list() == [4, 4, 4, 6, None]


def test_sentence_rows_cover_whole_sentences_once() -> None:
    index = text_index(_tokens())
    rows = sentence_rows(index, pl.Series([2, 1, 6]), pl.Series([3, 1, 6]))
    assert rows is not None
    assert rows.to_list() == [0, 1, 2, 3, 4, 5, 6]
    assert sentence_rows(index, pl.Series([0]), pl.Series([0])).to_list() == [0, 1, 2]


def test_sentences_out_of_order_give_no_restriction() -> None:
    table = _tokens().with_columns(pl.when(pl.col("start_char") == 14).then(0).otherwise(pl.col("sent_id"))
                                   .alias("sent_id"))
    index = text_index(table)
    assert sentence_rows(index, pl.Series([0]), pl.Series([0])) is None


def test_word_counts_skip_punctuation() -> None:
    from corpusling.markers.quotes import add_word_counts

    spans = pl.DataFrame({"doc_id": ["a", "a", "b"], "start_char": [0, 11, 0], "end_char": [8, 12, 1]})
    assert add_word_counts(spans, _tokens())["n_tokens"].to_list() == [2, 0, 1]


def test_quotes_do_not_depend_on_row_order(gold_parsed) -> None:
    """The same quotation table from the parsed gold documents and from their rows shuffled."""
    tokens, documents = gold_parsed.tokens, gold_parsed.documents
    ordered = quotes(tokens, documents)
    shuffled = quotes(tokens.sample(fraction=1.0, shuffle=True, seed=7), documents)
    assert ordered.height > 50
    assert ordered.equals(shuffled)


def test_one_index_for_the_queries_and_the_analyses() -> None:
    """A table in text order that a query has indexed gives the analyses that same index (one index per table,
    issue 15): its text-order key, document runs and sentence bounds come from the query index's runs."""
    from corpusling.query import count
    from corpusling.token_index import index

    table = _tokens()
    assert count(table, '[upos="NOUN"]') == 5  # (the query indexes the table)
    kept = text_index(table)
    assert kept._series is index(table)._series and kept.tokens is table  # the parts shared, the table held
    assert kept.key.to_list() == [0, 3, 6, 10, 14, 2**32, 2**32 + 5]
    assert kept.documents.rows() == [("a", 0, 0, 4), ("b", 1, 5, 6)]
    assert kept.sent_first.to_list() == [0, 0, 0, 3, 3, 5, 5]
    assert kept.sent_last.to_list() == [2, 2, 2, 4, 4, 6, 6]
    # a table out of order is put in order first: an index of its own, which keeps that table
    shuffled = table.sample(fraction=1.0, shuffle=True, seed=3)
    other = text_index(shuffled)
    assert other is not index(shuffled) and other.tokens.equals(table.sort("doc_id", "start_char", "word_id"))


def test_a_parsed_corpus_locates_its_quotations_with_its_own_index(gold_parsed) -> None:
    from corpusling.parsed import ParsedCorpus

    corpus = ParsedCorpus(gold_parsed.tokens, gold_parsed.documents)
    corpus.quotes()
    assert text_index(corpus.tokens)._series is corpus.index()._series
    assert "key" in corpus.index()._series  # (built once, by the quotations)


def test_a_table_without_sentence_numbers_has_no_sentence_bounds() -> None:
    index = text_index(_tokens().drop("sent_id"))
    assert index.sent_first is None and index.sent_last is None
    assert index.documents["_doc_first"].to_list() == [0, 5]


def test_the_index_of_the_analyses_keeps_its_table() -> None:
    """The index the queries cache holds its table weakly; the one the analyses get holds it."""
    import gc

    from corpusling.token_index import index

    table = _tokens()
    index(table)
    kept = text_index(table)
    del table
    gc.collect()
    assert kept.tokens.height == 7 and kept.sent_first.to_list() == [0, 0, 0, 3, 3, 5, 5]


def test_words_without_offsets_and_numbered_documents() -> None:
    """A word without ``start_char`` has no key (it is found by no span); documents numbered, not named, are named
    by their numbers as text."""
    table = _tokens().with_columns(pl.when(pl.col("start_char") == 3).then(None).otherwise(pl.col("start_char"))
                                   .alias("start_char"))
    assert text_index(table).key.null_count() == 1
    numbered = _tokens().with_columns(pl.col("doc_id").replace_strict({"a": 1, "b": 2}, return_dtype=pl.Int64))
    assert text_index(numbered).documents.rows() == [("1", 0, 0, 4), ("2", 1, 5, 6)]


def test_a_loaded_corpus_whose_folder_is_gone_still_finds_its_quotations(tmp_path, gold_parsed) -> None:
    import shutil

    from corpusling.parsed import ParsedCorpus, load

    folder = tmp_path / "parsed"
    ParsedCorpus(gold_parsed.tokens, gold_parsed.documents).save(folder)
    corpus = load(folder)
    shutil.rmtree(folder)
    assert corpus.quotes().height == quotes(gold_parsed.tokens, gold_parsed.documents).height > 0


def test_voices_read_the_corpus_index_and_count_as_with_their_own(gold_parsed) -> None:
    """The voice counts of a corpus use its index (its word rows marked) and give the counts an index of the placed
    words alone gives (a table that has no index yet); so do the quoted words per document."""
    from corpusling.markers.voice import quoted_word_counts, voice_word_counts
    from corpusling.parsed import ParsedCorpus
    from corpusling.token_index import cached

    corpus = ParsedCorpus(gold_parsed.tokens, gold_parsed.documents)
    found, said = corpus.quotes(), corpus.reported()
    assert cached(corpus.tokens) is not None
    for include_punct in (False, True):
        shared = voice_word_counts(corpus.tokens, found, said, include_punct=include_punct).sort("doc_id")
        alone = voice_word_counts(corpus.tokens.clone(), found, said, include_punct=include_punct).sort("doc_id")
        assert shared.equals(alone) and shared["quoted_words"].sum() > 0
        quoted = quoted_word_counts(corpus.tokens, found, include_punct=include_punct).sort("doc_id")
        assert quoted.equals(quoted_word_counts(corpus.tokens.clone(), found, include_punct=include_punct)
                             .sort("doc_id"))
        assert quoted["quoted_words"].sum() == shared["quoted_words"].sum()


def test_shared_index_only_for_a_table_indexed_in_text_order() -> None:
    from corpusling.markers.text_index import shared_index
    from corpusling.token_index import index

    table = _tokens()
    assert shared_index(table) is None  # not indexed yet: the caller indexes the columns it needs
    index(table)
    assert shared_index(table)._series is index(table)._series
    shuffled = table.sample(fraction=1.0, shuffle=True, seed=3)
    index(shuffled)
    assert shared_index(shuffled) is None  # indexed, but not in text order: no sort of the whole table


def test_an_empty_table_without_columns_is_in_order() -> None:
    """A corpus whose every document was skipped has a token table with no columns: nothing to sort."""
    empty = pl.DataFrame()
    assert in_text_order(empty) is empty


def test_sentence_ordered_only_for_an_indexed_table_in_sentence_order() -> None:
    """The word tables of the hedges and conditionals read a table's index only when it has one and is in sentence
    order (each document one run, sentence ids never going back, word ids rising); its sentence numbers are those
    the word tables would give (1, 2, … over the corpus)."""
    from corpusling.token_index import index, sentence_ordered

    table = _tokens()
    assert sentence_ordered(table) is None  # no index yet: the word table numbers its sentences itself
    index(table)
    assert sentence_ordered(table) is not None
    assert index(table).sentence[:-1].tolist() == [1, 1, 1, 2, 2, 3, 3]
    split = pl.concat([table[:2], table[5:], table[2:5]])  # document "a" in two runs
    word_back = table.with_columns(pl.when(pl.col("start_char") == 6).then(1).otherwise(pl.col("word_id"))
                                   .alias("word_id"))
    sent_back = table.with_columns(pl.when(pl.col("start_char") == 14).then(0).otherwise(pl.col("sent_id"))
                                   .alias("sent_id"))
    for disordered in (split, word_back, sent_back):
        index(disordered)
        assert sentence_ordered(disordered) is None


def test_hedges_and_conditionals_read_the_corpus_index_and_find_what_a_bare_table_gives(gold_parsed) -> None:
    """A corpus's hedges and conditionals take its sentences from its index (no sort, no numbering of their own)
    and find what a copy of its table without an index finds, also with its documents out of name order (the
    conditionals then rank the documents by name, as the sort of a bare table does)."""
    from corpusling.markers.conditional import conditionals
    from corpusling.markers.hedge_words import word_table
    from corpusling.markers.hedges import hedges
    from corpusling.parsed import ParsedCorpus
    from corpusling.token_index import index, sentence_ordered

    corpus = ParsedCorpus(gold_parsed.tokens, gold_parsed.documents)
    found = corpus.quotes()
    assert sentence_ordered(corpus.tokens) is not None
    bare = corpus.tokens.clone()
    assert sentence_ordered(bare) is None
    assert word_table(corpus.tokens).equals(word_table(bare))
    assert corpus.hedges().equals(hedges(bare, corpus.documents, quotes=found))
    shared = conditionals(corpus.tokens, corpus.documents, found)
    assert shared.height > 0 and shared.equals(conditionals(bare, corpus.documents, found))
    names = corpus.tokens["doc_id"].unique(maintain_order=True).to_list()
    assert len(names) > 1
    reversed_ = pl.concat([corpus.tokens.filter(pl.col("doc_id") == name) for name in reversed(names)])
    index(reversed_)
    assert sentence_ordered(reversed_) is not None
    assert conditionals(reversed_, corpus.documents, found).equals(shared)
    # (the same hedges; two at one offset keep the order of their documents' rows, as without an index)
    assert hedges(reversed_, corpus.documents, quotes=found).sort(pl.all()).equals(corpus.hedges().sort(pl.all()))


def test_the_text_order_of_an_indexed_table_is_checked_once() -> None:
    """The index keeps whether its table is in text order: text_index and shared_index read the flag instead of
    checking the table again on each call; the table's own check (in_text_order) gives the same answer."""
    from corpusling.markers.text_index import shared_index
    from corpusling.token_index import index, text_ordered

    table = _tokens()
    shuffled = table.sample(fraction=1.0, shuffle=True, seed=3)
    for frame, ordered in ((table, True), (shuffled, False)):
        assert text_ordered(frame) is ordered and (in_text_order(frame) is frame) is ordered
        assert index(frame).in_text_order() is ordered and "text_order" in index(frame)._kept
        assert (shared_index(frame) is not None) is ordered
        assert (text_index(frame).tokens is frame) is ordered
    empty = table.clear()
    assert not text_ordered(empty) and text_ordered(pl.DataFrame())


def test_trees_are_keyed_by_the_index_sentence_numbers_when_carried() -> None:
    """Attribution's trees number their sentences with the index's numbers when its rows carry them (``_sent``,
    :meth:`TokenIndex.sentence_of`), else through :func:`corpusling.token_index.sentence_numbers`; the same
    (word, ancestor) pairs either way."""
    from corpusling.markers.attribution import ancestors
    from corpusling.token_index import sentence_numbers

    table = _tokens().with_columns(pl.Series("head", [3, 3, 0, 0, 1, 0, 1]), pl.lit("nsubj").alias("deprel"))
    index = text_index(table)
    carried = index.sentence_of(pl.Series([0, 3, 6]))
    assert carried is not None and carried.to_list() == [1, 2, 3]
    rows = table.with_columns(index.sentence_of(pl.Series(range(table.height))))
    numbers = sentence_numbers(rows).sort("_sn")
    assert numbers.rows() == [("a", 1, 1), ("a", 2, 2), ("b", 1, 3)]
    assert sentence_numbers(table).sort("doc_id", "sent_id")["_sn"].sort().to_list() == [0, 1, 2]
    assert ancestors(rows).sort(pl.all()).equals(ancestors(table).sort(pl.all()))
    assert ancestors(table).height == 4
    sent_back = table.with_columns(pl.when(pl.col("start_char") == 14).then(0).otherwise(pl.col("sent_id"))
                                   .alias("sent_id"))
    assert text_index(sent_back).sentence_of(pl.Series([0])) is None  # (sentences not runs: no number to carry)

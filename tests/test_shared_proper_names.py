"""The corpus's proper names computed once (``ParsedCorpus.proper_names``) and read by the quotations' speakers and by
reported speech give the tables the eager functions give on bare tables, each computing its own."""

from __future__ import annotations

from typing import Any

import polars as pl


def test_shared_proper_names_change_nothing(gold_parsed: Any) -> None:
    from corpusling.markers.hedges import hedges
    from corpusling.markers.quotes import quotes
    from corpusling.markers.reported import reported
    from corpusling.markers.speakers import named_mentions, proper_names
    from corpusling.parsed import ParsedCorpus

    tokens, documents = gold_parsed.tokens, gold_parsed.documents
    corpus = ParsedCorpus(tokens, documents)
    alone = quotes(tokens, documents)
    assert corpus.quotes().equals(alone)
    assert "proper_names" in corpus._kept  # (computed for the quotations, kept for reported speech)
    found = hedges(tokens, documents, quotes=alone)
    assert corpus.reported().equals(reported(tokens, documents, quotes=alone, hedges=found))
    # the mentions of some documents from the names of all of them: those of the documents alone
    names = proper_names(tokens, documents)
    some = alone.filter(pl.col("doc_id").cast(pl.String).is_in(alone["doc_id"].cast(pl.String).unique().head(5)
                                                                .implode()))
    assert named_mentions(tokens, documents, some, names=names).equals(named_mentions(tokens, documents, some))
    assert named_mentions(tokens, documents, names=names).equals(named_mentions(tokens, documents))


def test_registry_shares_the_names(gold_parsed: Any) -> None:
    from corpusling.registry import ANALYSES, run_with_needs

    tokens, documents = gold_parsed.tokens, gold_parsed.documents
    results: dict[str, pl.DataFrame] = {}
    for name in ("quotes", "hedges", "reported"):  # each computing its own names
        results[name] = ANALYSES[name].run(tokens, documents, results)
    shared = run_with_needs("reported", tokens, documents)
    for name in ("quotes", "hedges", "reported"):
        assert shared[name].equals(results[name]), name

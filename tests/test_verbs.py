"""The corpus-first verbs (``corpusling.verbs``) give the tables of the older (tokens, documents) form."""

from __future__ import annotations

import polars as pl
import pytest

import corpusling as cl
from corpusling.parsed import ParsedCorpus


@pytest.fixture(scope="module")
def corpus(seed_parsed) -> ParsedCorpus:
    return ParsedCorpus(tokens=seed_parsed.tokens, documents=seed_parsed.documents, model=seed_parsed.model)


def test_analyses_equal_the_older_form(corpus: ParsedCorpus) -> None:
    tokens, documents = corpus.tokens, corpus.documents
    quotes = cl.quotes(tokens, documents)
    assert cl.quotes(corpus).equals(quotes)
    assert cl.conditionals(corpus).drop("voice").equals(cl.conditionals(tokens, documents, quotes))
    assert cl.hedges(corpus).drop("voice").equals(cl.hedges(tokens, documents, quotes=quotes))
    hedges = cl.hedges(tokens, documents, quotes=quotes)
    assert cl.reported(corpus).equals(cl.reported(tokens, documents, quotes, hedges))
    assert cl.density(corpus, n_boot=50).equals(cl.density(quotes, tokens, documents, n_boot=50))


def test_speakers_are_the_table_of_the_report_and_of_the_command_line(corpus: ParsedCorpus, tmp_path) -> None:
    """``cl.speakers(corpus)`` is the report's ``speakers.csv``; with ``reported=False`` it is the table of
    ``corpusling quotes --speakers``; the older form (quotations, tokens, documents) gives the same table."""
    from corpusling.cli import main
    from corpusling.report import build_report

    who = cl.speakers(corpus)
    assert who.height > 0 and "n_reported" in who.columns
    build_report(corpus, tmp_path / "report", n_boot=50, log=lambda line: None)
    assert (cl.write_table(who, tmp_path / "speakers.csv").read_bytes()
            == (tmp_path / "report" / "speakers.csv").read_bytes())
    folder = corpus.save(tmp_path / "parsed")
    assert main(["quotes", str(folder), "--speakers", str(tmp_path / "cli.csv")]) == 0
    quoted = cl.speakers(corpus, reported=False)
    assert "n_reported" not in quoted.columns
    assert cl.write_table(quoted, tmp_path / "quoted.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert cl.speakers(corpus.quotes(), corpus.tokens, corpus.documents, reported=corpus.reported()).equals(who)


def test_the_corpus_computes_its_quotations_once(corpus: ParsedCorpus) -> None:
    assert corpus.quotes() is corpus.quotes() and corpus.reported() is corpus.reported()
    assert "in_quote" in cl.conditionals(corpus).columns


def test_every_marker_has_one_of_three_voices(corpus: ParsedCorpus) -> None:
    """writer, quoted (direct and mixed quotations: in_quote) or reported (the content of reported speech)."""
    for rows in (cl.conditionals(corpus), cl.hedges(corpus)):
        assert set(rows["voice"]) <= {"writer", "quoted", "reported"}
        assert (rows["voice"] == "quoted").to_list() == rows["in_quote"].to_list()
    contents = cl.reported(corpus).filter(~pl.col("in_quote"))
    hedges = cl.hedges(corpus).filter(pl.col("voice") == "reported")
    assert hedges.height > 0
    for row in hedges.iter_rows(named=True):
        assert any(c["doc_id"] == row["doc_id"] and c["start_char"] <= row["start_char"] < c["end_char"]
                   for c in contents.iter_rows(named=True))


def test_statistics_equal_the_older_form(corpus: ParsedCorpus) -> None:
    tokens, documents = corpus.tokens, corpus.documents
    query = '[lemma="avoir" & mood="Cnd"]'
    assert cl.concordance(corpus, query, sort="R1").equals(cl.concordance(tokens, documents, query, sort="R1"))
    assert cl.query(corpus, query).equals(cl.query(tokens, query))
    assert cl.freq(corpus, by="lemma", group_by="doc_id").equals(
        cl.freq(tokens, by="lemma", documents=documents, group_by="doc_id"))
    assert cl.ngrams(corpus, n=2).equals(cl.ngrams(tokens, n=2))
    assert cl.collocates(corpus, '[lemma="selon"]', min_count=1).equals(
        cl.collocates(tokens, '[lemma="selon"]', min_count=1))
    assert cl.dispersion(corpus, ["selon", "dire"]).equals(cl.dispersion(tokens, ["selon", "dire"],
                                                                         documents=documents))
    assert cl.keyness(corpus, reference=corpus, min_count=1).equals(
        cl.keyness(tokens, documents, reference=tokens, min_count=1))
    rows = cl.conditionals(corpus)
    assert cl.rates(corpus, rows, by=["class"], n_boot=50).equals(
        cl.rates(rows, tokens, documents, by=["class"], n_boot=50))
    assert cl.compare(corpus.__class__(tokens=tokens, documents=documents.with_columns(
        pl.lit("x").alias("outlet"))), rows, "outlet").height == 1


def test_a_verb_says_what_it_takes() -> None:
    assert "Older form" in cl.conditionals.__doc__
    tiny = ParsedCorpus(tokens=pl.DataFrame({"doc_id": ["a"], "lemma": ["x"]}),
                        documents=pl.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(Exception, match="no such metadata column"):
        cl.freq(tiny, group_by="outlet")


def test_corpus_first_verbs_count_word_tokens_or_every_token(seed_parsed):
    """``include_punct`` reaches every counting verb of the corpus-first form (issue 17, item 5)."""
    import corpusling as cl

    words = cl.rates(seed_parsed, cl.hedges(seed_parsed))["n_words"].item()
    every = cl.rates(seed_parsed, cl.hedges(seed_parsed), include_punct=True)["n_words"].item()
    assert every == seed_parsed.tokens.height > words > 0.8 * every
    assert "," not in cl.freq(seed_parsed, by="form")["form"].to_list()
    assert "," in cl.freq(seed_parsed, by="form", include_punct=True)["form"].to_list()
    for verb, args in ((cl.ngrams, ()), (cl.keyness, ()), (cl.dispersion, ())):
        kwargs = {"reference": seed_parsed} if verb is cl.keyness else {}
        verb(seed_parsed, *args, include_punct=True, **kwargs)
    cl.collocates(seed_parsed, '[lemma="selon"]', include_punct=True, min_count=1)

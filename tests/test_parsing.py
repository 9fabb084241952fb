"""Parsing with the real bundled model: the token table of the seed and of hand-checked sentences."""

from __future__ import annotations

import polars as pl
import pytest

from corpusling import api
from corpusling.corpus import Corpus, Document
from corpusling.tokens import COLUMNS


def word(tokens: pl.DataFrame, form: str, nth: int = 0) -> dict:
    rows = tokens.filter(pl.col("form") == form)
    assert rows.height > nth, f"{form!r} not found"
    return rows.row(nth, named=True)


@pytest.fixture(scope="module")
def paragraph():
    text = ("Selon l'AFP, l'Amérique aurait envoyé Pompeo à Bagdad. Ces milices viseraient "
            "les bases du Pentagone. Il semblerait qu'ils aient été pris de court.")
    return text, api.parse(Corpus([Document("p", text)]), model="compact", use_cache=False)


def test_seed_token_table_has_the_schema_and_true_offsets(seed_parsed, seed_text):
    tokens = seed_parsed.tokens
    assert tokens.columns[: len(COLUMNS)] == COLUMNS
    assert tokens.height > 900
    texts = [seed_text[s:e] for s, e in zip(tokens["start_char"], tokens["end_char"], strict=True)]
    assert texts == tokens["token_text"].to_list()
    assert tokens["doc_id"].cast(pl.String).unique().to_list() == ["000_e14371d8171e9155"]
    # the seed has one paragraph per line: 8 lines
    assert tokens["par_id"].max() == seed_text.strip().count("\n") + 1
    assert tokens["head"].is_not_null().all(), "the compact model parses dependencies"


def test_seed_hand_checked_words(seed_parsed):
    tokens = seed_parsed.tokens
    aurait = word(tokens, "aurait")
    assert (aurait["lemma"], aurait["upos"], aurait["mood"]) == ("avoir", "AUX", "Cnd")
    envoye = tokens.filter((pl.col("sent_id") == aurait["sent_id"]) & (pl.col("form") == "envoyé")).row(0, named=True)
    assert envoye["lemma"] == "envoyer" and envoye["upos"] == "VERB"
    assert aurait["head"] == envoye["word_id"] and aurait["deprel"].startswith("aux")
    selon = word(tokens, "selon")
    assert selon["upos"] == "ADP"
    # multi-word token: "du trafic" -> de + le, sharing the surface token and its offsets
    du = tokens.filter(pl.col("token_text") == "du")
    assert du.height >= 2 and du["form"].to_list()[:2] == ["de", "le"]
    assert du["start_char"][0] == du["start_char"][1]
    pourrait = word(tokens, "pourrait")
    assert (pourrait["lemma"], pourrait["mood"]) == ("pouvoir", "Cnd")


def test_forms_weaker_taggers_miss(paragraph):
    _, parsed = paragraph
    tokens = parsed.tokens
    viseraient = word(tokens, "viseraient")
    assert (viseraient["lemma"], viseraient["upos"], viseraient["mood"]) == ("viser", "VERB", "Cnd")
    semblerait = word(tokens, "semblerait")
    assert (semblerait["lemma"], semblerait["mood"], semblerait["person"]) == ("sembler", "Cnd", "3")
    assert word(tokens, "Bagdad")["upos"] == "PROPN"
    assert word(tokens, "l'")["lemma"] == "le"
    # imperfects and indicatives stay as they are
    assert word(tokens, "aient")["mood"] != "Cnd"


def test_second_parse_is_served_by_the_cache(tmp_path, monkeypatch):
    corpus = Corpus([Document("a", "Le bilan pourrait ne pas être le vrai."), Document("b", "Il viendrait demain.")])
    first = api.parse(corpus, model="compact", cache=tmp_path)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(api, "_parse_job", no_parsing)
    second = api.parse(corpus, model="compact", cache=tmp_path)
    assert second.tokens.equals(first.tokens)


def test_interrupted_run_resumes_where_it_stopped(tmp_path, monkeypatch):
    docs = [Document(f"d{i}", f"Phrase numéro {i}, selon l'AFP.") for i in range(4)]
    monkeypatch.setattr(api, "JOB_CHARS", 1)  # one document per job
    original = api._parse_job
    calls: list[str] = []

    def killed_during_d1(model, payload, threads=0):
        if payload[0][0] == "d1":
            raise KeyboardInterrupt  # the run is killed while d1 is being parsed
        return original(model, payload, threads)

    monkeypatch.setattr(api, "_parse_job", killed_during_d1)
    with pytest.raises(KeyboardInterrupt):
        api.parse(Corpus(docs), model="compact", cache=tmp_path)

    def counting(model, payload, threads=0):
        calls.extend(doc_id for doc_id, _ in payload)
        return original(model, payload, threads)

    monkeypatch.setattr(api, "_parse_job", counting)
    result = api.parse(Corpus(docs), model="compact", cache=tmp_path)
    assert calls == ["d1", "d2", "d3"], "d0 was finished before the interruption and is not parsed again"
    assert result.tokens["doc_id"].cast(pl.String).unique(maintain_order=True).to_list() == ["d0", "d1", "d2", "d3"]


def test_shards_partition_documents_stably():
    ids = [f"doc{i}" for i in range(500)]
    shards = [api.shard_of(i, 7) for i in ids]
    assert set(shards) == set(range(1, 8))
    assert shards == [api.shard_of(i, 7) for i in ids]
    assert all(api.shard_of(i, 1) == 1 for i in ids)


def test_two_workers_give_the_table_of_one(monkeypatch):
    """Documents parsed in two spawned processes, one job each (finishing in any order), stacked one
    at a time: the same token table, in document order, as one process."""
    texts = ["L'Amérique aurait envoyé Pompeo à Bagdad.", "Le bilan pourrait ne pas être le vrai.",
             "Selon l'AFP, environ trente personnes seraient mortes.", "Il semblerait qu'ils aient été pris de court."]
    corpus = Corpus([Document(f"d{i}", text) for i, text in enumerate(texts)])
    one = api.parse(corpus, model="compact", use_cache=False)
    monkeypatch.setattr(api, "JOB_CHARS", 1)  # one document per job
    monkeypatch.setattr(api, "STACK_EVERY", 1)
    two = api.parse(corpus, model="compact", use_cache=False, workers=2)
    assert two.tokens["doc_id"].cast(pl.String).unique(maintain_order=True).to_list() == ["d0", "d1", "d2", "d3"]
    assert two.tokens.equals(one.tokens)


def test_stacked_tables_come_back_in_document_order():
    from corpusling import tokens as tok

    def table(doc_id: str, n: int) -> pl.DataFrame:
        return tok.from_rows({"doc_id": [doc_id] * n, "sent_id": [1] * n, "word_id": list(range(1, n + 1)),
                              "form": ["x"] * n, "start_char": list(range(0, 2 * n, 2))})

    stack = api._Stack({"a": 0, "b": 1, "c": 2})
    for doc_id, n in (("c", 1), ("a", 3), ("b", 2)):
        stack.add(doc_id, table(doc_id, n))
    result = stack.table()
    assert result["doc_id"].cast(pl.String).to_list() == ["a", "a", "a", "b", "b", "c"]
    assert result["word_id"].to_list() == [1, 2, 3, 1, 2, 1]
    assert result.columns == tok.COLUMNS

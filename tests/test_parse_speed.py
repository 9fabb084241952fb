"""Parsing faster changes nothing (issue 19, item 2): corpusling's shortcuts around Stanza
(``nlp/tree_decoding.py``, ``nlp/fast_paths.py``) give the token tables Stanza's own code gives."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

WIKINEWS = Path(__file__).resolve().parent.parent / "corpora" / "wikinews-fr-2012" / "documents"


@pytest.fixture(scope="module")
def model() -> Any:
    from corpusling.nlp.models import resolve

    return resolve("compact")


@pytest.fixture(scope="module")
def nlp(model: Any) -> Any:
    from corpusling.nlp.pipeline import load_pipeline

    return load_pipeline(model)


@contextmanager
def stanzas_own_code(nlp: Any) -> Iterator[None]:
    """Stanza as it ships, inside the block: corpusling's decoder and fast paths taken out, then put back."""
    from stanza.models.depparse import model as depparse_model

    from corpusling.nlp import fast_paths

    ours = depparse_model.chuliu_edmonds_one_root
    depparse_model.chuliu_edmonds_one_root = ours.__wrapped__
    fast_paths.uninstall(nlp)
    try:
        yield
    finally:
        depparse_model.chuliu_edmonds_one_root = ours
        fast_paths.install(nlp)


@pytest.mark.slow
def test_wikinews_token_tables_are_identical_with_and_without_the_shortcuts(model: Any, nlp: Any) -> None:
    import torch
    from stanza.models.depparse import model as depparse_model

    from corpusling.api import read
    from corpusling.nlp.pipeline import parse_documents

    documents = read(sorted(WIKINEWS.glob("*.html"))[:30]).documents
    fast = parse_documents(model, documents, streams=2)  # two batches at a time, in threads
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # on a busy machine two torch threads wait for each other; same tables either way
    try:
        with stanzas_own_code(nlp):
            assert not hasattr(depparse_model.chuliu_edmonds_one_root, "__wrapped__")
            slow = parse_documents(model, documents, streams=1)
    finally:
        torch.set_num_threads(threads)
    assert hasattr(depparse_model.chuliu_edmonds_one_root, "__wrapped__")
    assert sum(table.height for table in fast.values()) > 9_000
    for document in documents:
        assert fast[document.doc_id].equals(slow[document.doc_id]), document.doc_id


def test_paragraph_batches_are_even_and_keep_every_paragraph_in_order() -> None:
    from corpusling.corpus import Document
    from corpusling.nlp import pipeline

    rng = random.Random(19)
    documents = [Document(doc_id=f"d{k}", text="\n\n".join("mot " * rng.randint(5, 900)
                                                            for _ in range(rng.randint(1, 12))))
                 for k in range(40)]
    for streams in (1, 2, 3, 4):
        batches = pipeline.paragraph_batches(documents, streams)
        flat = [paragraph for batch in batches for paragraph in batch]
        assert [(d, p) for d, p, _, _ in flat] == [(doc.doc_id, p) for doc in documents
                                                   for p in range(1, doc.text.count("\n\n") + 2)]
        for doc_id, _, offset, text in flat:
            assert next(d for d in documents if d.doc_id == doc_id).text[offset:offset + len(text)] == text
        sizes = [sum(len(text) for *_, text in batch) for batch in batches]
        count = math.ceil(math.ceil(sum(sizes) / pipeline.BATCH_CHARS) / streams) * streams
        assert len(batches) <= count  # a multiple of the streams, or the last round a batch short
        assert all(size >= sum(sizes) / count for size in sizes[:-1])  # each closes when it has its share
        assert max(sizes) < pipeline.BATCH_CHARS + 4_000  # … on the paragraph that fills it


def test_padded_ids_are_stanzas() -> None:
    import torch
    from stanza.models.common.data import get_long_tensor

    from corpusling.nlp import fast_paths

    stanzas = getattr(get_long_tensor, "__wrapped__", get_long_tensor)
    rng = random.Random(19)
    for _ in range(500):
        rows = [[rng.randint(0, 300) for _ in range(rng.randint(0, 25))] for _ in range(rng.randint(1, 40))]
        if not any(rows):
            continue
        size, pad = len(rows) + rng.randint(0, 2), rng.choice([0, 1])
        expected, got = stanzas(rows, size, pad), fast_paths._padded_ids(rows, size, pad)
        assert got.dtype == expected.dtype and torch.equal(got, expected)
    nested = [[[1, 2], [3, 4]], [[5, 6]]]  # deeper lists go to Stanza's own loop
    assert torch.equal(fast_paths._padded_ids(nested, 2), stanzas(nested, 2))


def test_remembered_feature_spellings_are_the_vocabularys(nlp: Any) -> None:
    from stanza.models.common.vocab import CompositeVocab

    feats = nlp.processors["pos"].trainer.vocab["feats"]
    assert getattr(feats, "_corpusling_remembers", False)
    rng = random.Random(19)
    for _ in range(300):
        ids = [rng.randrange(len(column)) for column in feats._id2unit.values()]
        assert feats.id2unit(ids) == CompositeVocab.id2unit(feats, ids)
        assert feats.id2unit(ids) == CompositeVocab.id2unit(feats, ids)  # the second answer is the kept one
    for bundle in ("Gender=Fem|Number=Sing", "_", "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"):
        first = feats.unit2id(bundle)
        assert first == CompositeVocab.unit2id(feats, bundle)
        first.append(-1)  # a caller changing its list does not change the next answer
        assert feats.unit2id(bundle) == CompositeVocab.unit2id(feats, bundle)


def test_multiword_seq2seq_runs_only_when_the_dictionary_lacks_a_token(nlp: Any,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import stanza
    from stanza.models.mwt.trainer import Trainer

    text = "Le président du conseil parle aux élus des régions au nom du gouvernement."
    calls: list[int] = []
    predict = Trainer.predict

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return predict(self, *args, **kwargs)

    monkeypatch.setattr(Trainer, "predict", counted)
    fast = nlp(stanza.Document([], text=text))
    assert not calls  # "du", "aux", "des", "au": all in the dictionary
    assert [w.text for w in fast.sentences[0].words][2:4] == ["de", "le"]
    # a dictionary that lacks "aux": the seq2seq runs, and the words are those of Stanza's own step
    lookup = Trainer.dict_expansion
    monkeypatch.setattr(Trainer, "dict_expansion", lambda self, word: None if word == "aux" else lookup(self, word))
    fast = nlp(stanza.Document([], text=text))
    assert calls
    with stanzas_own_code(nlp):
        slow = nlp(stanza.Document([], text=text))
    assert fast.to_dict() == slow.to_dict()


def test_shortcuts_stay_out_under_another_stanza(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpusling.nlp import fast_paths

    monkeypatch.setattr(fast_paths, "version", lambda name: "0.0")
    assert fast_paths.install(nlp) is False

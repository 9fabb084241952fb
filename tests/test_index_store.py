"""The query index stored in a parsed folder (issue 17, item 6): the same results as the index built in
memory, never stale, never half written, and nothing stored (nor said) where the folder cannot be written."""

from __future__ import annotations

import os
import random
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal
from test_cqp_agreement import QUERIES, random_corpus

from corpusling import atomic, index_store
from corpusling.concordance import concordance
from corpusling.hits import count_hits
from corpusling.index_store import INDEX, attach, open_folder
from corpusling.parsed import ParsedCorpus, ShardWriter, load
from corpusling.query import index, query
from corpusling.tables import write_table

ROOT = Path(__file__).resolve().parent.parent

#: Queries that read more of the index: features from ``feats``, paragraphs, flags, sorts.
MORE = ['[gender="Fem"] [pos="NOUN"]', '[pos="VERB"] []* [pos="PROPN"] within p', '[word="l.*"%cd] [pos="NOUN"]',
        '[lemma="être"] [pos="VERB"]', '[pos="ADP"] []{0,2} @[pos="PROPN"] within s']


def _dated(documents: pl.DataFrame) -> pl.DataFrame:
    """A made-up ``date`` per document, for the ``:: match.text_date`` queries."""
    return documents.with_columns(pl.Series("date", [f"{2010 + k % 5}-01-01" for k in range(documents.height)]))


def _results(tokens: pl.DataFrame | object, documents: pl.DataFrame, pattern: str) -> list[pl.DataFrame]:
    """Everything a query gives: matches, KWIC (words and chars, sorted on several keys), counts."""
    return [query(tokens, pattern, documents),
            concordance(tokens, documents, pattern, width=4),
            concordance(tokens, documents, pattern, width=20, unit="chars", sort="R1,L1", metadata=["date"]),
            concordance(tokens, documents, pattern, sample=5, seed=2, sort="match"),
            count_hits(tokens, documents, pattern, "match.lemma,R1.form,doc.date")]


def _same(expected: list[pl.DataFrame], got: list[pl.DataFrame]) -> None:
    for a, b in zip(expected, got, strict=True):
        assert_frame_equal(a, b)


@pytest.fixture(scope="module")
def gold_folder(gold_parsed, tmp_path_factory) -> Path:
    """The gold documents (the seed among them) parsed, saved with a made-up date per document."""
    folder = tmp_path_factory.mktemp("gold") / "parsed"
    dated = _dated(gold_parsed.documents)
    ParsedCorpus(tokens=gold_parsed.tokens, documents=dated, model=gold_parsed.model).save(folder)
    return folder


def test_stored_index_gives_the_same_results_on_the_gold_documents(gold_folder):
    """Every query of the CQP agreement test, and a few more, gives the same matches, KWIC and counts from
    the index built in memory, from the index being built and stored, and from the stored index."""
    corpus = load(gold_folder)
    queries = QUERIES + MORE
    in_memory = corpus.tokens.clone()  # not the loaded table, whose queries would open the stored index
    expected = {q: _results(in_memory, corpus.documents, q) for q in queries}
    assert sum(r[0].height for r in expected.values()) > 1000  # the queries find something
    assert not (gold_folder / INDEX).exists()
    for _ in range(2):  # first run: built and stored; second: read from the folder
        idx, documents = open_folder(gold_folder)
        for q in queries:
            _same(expected[q], _results(idx, documents, q))
    stored = {p.name for p in (gold_folder / INDEX).iterdir()}
    assert {"index.json", "runs", "offsets", "texts", "paragraphs", "attribute-lemma", "postings-lemma",
            "attribute-gender"} <= stored


def test_stored_parts_equal_the_parts_built_in_memory(gold_folder):
    corpus = load(gold_folder)
    memory = index(corpus.tokens)
    stored, documents = open_folder(gold_folder)
    assert stored.n == memory.n
    for name in ("sentence", "document", "doc_first", "doc_last"):
        assert np.array_equal(getattr(stored, name), getattr(memory, name))
    assert stored.doc_names.equals(memory.doc_names)
    for a, b in zip(stored.offsets(), memory.offsets(), strict=True):
        assert a.dtype == b.dtype == np.int64 and np.array_equal(a, b)
    for a, b in zip(stored.texts(documents), memory.texts(corpus.documents), strict=True):
        assert a.equals(b) if isinstance(a, pl.Series) else np.array_equal(a, b)
    for attr in ("form", "lemma", "upos"):
        assert_frame_equal(stored.lexicon(attr), memory.lexicon(attr))
        assert np.array_equal(stored.array(attr), memory.array(attr))
        for a, b in zip(stored.postings(attr), memory.postings(attr), strict=True):
            assert np.array_equal(a, b)


def test_the_folder_table_reads_the_columns_load_gives(gold_folder, tmp_path):
    """Read one at a time, the columns are those of parsed.load, features derived from feats where the folder
    has none (an older folder)."""
    corpus = load(gold_folder)
    idx, _ = open_folder(gold_folder)
    assert idx.tokens.columns == corpus.tokens.columns
    for column in corpus.tokens.columns:
        assert idx.tokens[column].equals(corpus.tokens[column]), column
    older = tmp_path / "older"
    older.mkdir()
    corpus.tokens.drop("mood", "tense").write_parquet(older / "tokens.parquet")
    corpus.documents.write_parquet(older / "documents.parquet")
    again = load(older)
    idx, documents = open_folder(older)
    for column in ("mood", "tense", "number", "feats", "lemma"):
        assert idx.tokens[column].equals(again.tokens[column]), column
    _same(_results(again.tokens, again.documents, '[mood="Cnd"] []'), _results(idx, documents, '[mood="Cnd"] []'))


def _random_query(rng: random.Random) -> str:
    """A random query over the tags and forms of :func:`random_corpus`: sequences, quantifiers, regexes, flags,
    a target, labels with constraints, regions."""
    tags = ["DET", "NOUN", "ADJ", "VERB", "PROPN", "PUNCT"]
    items = []
    for k in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.4:
            item = f'[pos="{rng.choice(tags)}"]'
        elif kind < 0.55:
            item = f'[pos="{rng.choice(tags)}|{rng.choice(tags)}" & word!=".*{rng.randint(0, 3)}"]'
        elif kind < 0.7:
            item = f'[lemma="{rng.choice(tags)}{rng.randint(0, 1)}"]'
        elif kind < 0.8:
            item = f'[word="{rng.choice(tags).lower()}.*"%c]'
        else:
            item = "[]"
        label = f"l{k}:" if rng.random() < 0.2 else ""
        item = label + item + rng.choice(["", "", "", "?", "+", "*", "{0,2}", "{2}"])
        items.append(item)
    if not any(not i.endswith(("?", "*", "{0,2}")) for i in items):
        items.append('[pos="NOUN"]')
    if rng.random() < 0.2:
        plain = [i for i, item in enumerate(items) if item.startswith("[") and item.endswith("]")]
        if plain:
            k = rng.choice(plain)
            items[k] = "@" + items[k]
    text = " ".join(items)
    labels = [f"l{k}" for k in range(4) if f"l{k}:" in text]
    if labels and rng.random() < 0.7:
        text += f' :: {rng.choice(labels)}.word = "{rng.choice(tags).lower()}.*"'
    elif rng.random() < 0.2:
        text += ' :: match.text_date = "201[02].*"'
    return text + " within " + rng.choice(["s", "s", "p", "text"])


def test_random_queries_give_the_same_results_with_the_stored_index(tmp_path):
    tokens, documents = random_corpus(n=6000, seed=9)
    folder = tmp_path / "random"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    corpus = load(folder)
    rng = random.Random(17)
    queries = []
    while len(queries) < 60:
        text = _random_query(rng)
        try:
            expected = _results(corpus.tokens, corpus.documents, text)
        except Exception:  # noqa: BLE001 - a query the generator got wrong (refused): try another
            continue
        queries.append((text, expected))
    assert sum(e[0].height for _, e in queries) > 500
    for _ in range(2):
        idx, docs = open_folder(folder)
        for text, expected in queries:
            _same(expected, _results(idx, docs, text))


def test_a_stale_index_is_rebuilt_when_the_folder_is_saved_again(tmp_path):
    folder = tmp_path / "p"
    first, docs = random_corpus(n=3000, seed=1)
    ParsedCorpus(tokens=first, documents=docs).save(folder)
    idx, documents = open_folder(folder)
    assert query(idx, '[pos="NOUN"] [pos="VERB"]', documents).height > 0
    old = (folder / INDEX / "index.json").read_text()
    second, docs2 = random_corpus(n=2500, seed=2)
    ParsedCorpus(tokens=second, documents=docs2).save(folder)
    idx, documents = open_folder(folder)
    assert idx.n == 2500
    expected = _results(second, docs2, '[pos="NOUN"] [pos="VERB"]')
    _same(expected, _results(idx, documents, '[pos="NOUN"] [pos="VERB"]'))
    assert (folder / INDEX / "index.json").read_text() != old  # the new fingerprint
    _same(expected, _results(open_folder(folder)[0], documents, '[pos="NOUN"] [pos="VERB"]'))
    assert not list(folder.glob(".index*"))  # the old index is gone, nothing left aside


def test_a_folder_extended_by_a_shard_gets_a_fresh_index(tmp_path):
    """Shards of `corpusling parse` (parts and manifests): a new shard changes the fingerprint."""
    tokens, documents = random_corpus(n=4000, seed=3)
    folder = tmp_path / "sharded"
    halves = [documents.head(2), documents.tail(2)]
    for number, docs in enumerate(halves, start=1):
        writer = ShardWriter(folder, f"{number:04d}of0002")
        part = tokens.filter(pl.col("doc_id").cast(pl.String).is_in(docs["doc_id"].to_list()))
        writer.write(part, docs, 0, part_rows=700)
        writer.publish({}, {"documents": docs.height, "tokens": part.height})
        idx, docs_read = open_folder(folder)
        corpus = load(folder)
        assert idx.n == corpus.tokens.height
        _same(_results(corpus.tokens, corpus.documents, '[pos="ADJ"] [pos="NOUN"]'),
              _results(idx, docs_read, '[pos="ADJ"] [pos="NOUN"]'))
    assert open_folder(folder)[0].n == 4000


def _no_writing(monkeypatch) -> None:
    """A folder that cannot be written, whoever runs the test (root writes through permissions)."""
    monkeypatch.setattr(index_store.os, "access", lambda *args, **kwargs: False)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkdtemp", refuse)


def test_a_read_only_folder_is_indexed_in_memory_silently(tmp_path, monkeypatch, capsys):
    from corpusling.cli import main

    tokens, documents = random_corpus(n=2000, seed=4)
    folder = tmp_path / "ro"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    expected = _results(tokens, documents, '[pos="DET"] [pos="NOUN"]')
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        _no_writing(monkeypatch)
        idx, docs = open_folder(folder)
        _same(expected, _results(idx, docs, '[pos="DET"] [pos="NOUN"]'))
        assert main(["concordance", str(folder), '[pos="DET"] [pos="NOUN"]', "--count", "match.form"]) == 0
        out, err = capsys.readouterr()
        assert "count" in out and err == ""
    finally:
        folder.chmod(0o755)
    assert not (folder / INDEX).exists() and not list(folder.glob(".index*"))


#: Kills the process (SIGKILL: no cleanup) in the middle of storing the index: at the n-th array written,
#: or when the n-th part is about to be published.
KILLER = textwrap.dedent("""
    import os, signal, sys
    import numpy as np
    from corpusling import index_store
    from corpusling.index_store import open_folder
    from corpusling.concordance import concordance
    where, n = sys.argv[2], int(sys.argv[3])
    calls = {"n": 0}
    def count():
        calls["n"] += 1
        if calls["n"] == n:
            os.kill(os.getpid(), signal.SIGKILL)
    real_save, real_rename = np.save, os.rename
    def save(path, array, *a, **k):
        if where == "save":
            with open(path, "wb") as out:
                out.write(b"\\x93NUMPY half")
            count()
        return real_save(path, array, *a, **k)
    def rename(src, dst):
        if where == "rename":
            count()
        return real_rename(src, dst)
    index_store.np.save = save
    index_store.os.rename = rename
    idx, documents = open_folder(sys.argv[1])
    concordance(idx, documents, '[lemma="NOUN0"] [pos="VERB"]', sort="R1")
""")


@pytest.mark.parametrize(("where", "n"), [("rename", 1), ("rename", 3), ("save", 2), ("save", 7)])
def test_a_killed_build_leaves_no_half_index(tmp_path, where, n):
    tokens, documents = random_corpus(n=3000, seed=6)
    folder = tmp_path / "k"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    done = subprocess.run([sys.executable, str(script), str(folder), where, str(n)], cwd=ROOT, capture_output=True)
    assert done.returncode == -9, done.stderr.decode()
    if (folder / INDEX).exists():  # what was published is whole: every part opens and holds its arrays
        for part in (folder / INDEX).iterdir():
            if part.is_dir() and not part.name.startswith("."):
                for file in part.glob("*.npy"):
                    np.load(file, mmap_mode="r")
    expected = _results(tokens, documents, '[lemma="NOUN0"] [pos="VERB"]')
    for _ in range(2):
        idx, docs = open_folder(folder)
        _same(expected, _results(idx, docs, '[lemma="NOUN0"] [pos="VERB"]'))
    # leftovers of the killed build are cleared by a later build, once old enough not to be a running one
    hidden = [*folder.glob(".index.*"), *(folder / INDEX).glob(".*")]
    for path in hidden:
        os.utime(path, (0, 0))
    store = index_store.IndexStore(folder)
    store._clear_leftovers()
    assert not [p for p in hidden if p.exists()]


def test_attach_makes_a_loaded_corpus_use_the_stored_index(tmp_path):
    """cl.load(folder) + attach: the verbs on the loaded corpus read the stored parts (the hook
    parsed.load can call)."""
    import corpusling as cl

    tokens, documents = random_corpus(n=3000, seed=8)
    folder = tmp_path / "a"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    open_folder(folder)[0].encode("upos")  # stored by an earlier process
    corpus = load(folder)
    expected = [cl.query(corpus, '[pos="ADJ"] [pos="NOUN"]'), cl.concordance(corpus, '[pos="ADJ"] [pos="NOUN"]')]
    corpus = load(folder)
    before = sorted(p.name for p in (folder / INDEX).iterdir())
    attach(folder, corpus.tokens, corpus.documents)
    assert sorted(p.name for p in (folder / INDEX).iterdir()) == before  # nothing read or written yet
    attached = index(corpus.tokens)
    assert attached.store is not None and index(corpus.tokens) is attached
    got = [cl.query(corpus, '[pos="ADJ"] [pos="NOUN"]'), cl.concordance(corpus, '[pos="ADJ"] [pos="NOUN"]')]
    _same(expected, got)
    assert attached.store.read("attribute-upos") is not None and (folder / INDEX / "texts").is_dir()


def test_cli_one_shot_reads_the_stored_index_and_writes_the_same_file(tmp_path):
    tokens, documents = random_corpus(n=3000, seed=10)
    folder = tmp_path / "cli"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    pattern = '[pos="DET"] [pos="ADJ"]? [pos="NOUN"]'
    expected = concordance(tokens, documents, pattern, width=5, sort="R1")
    outputs = []
    for number in range(2):
        out = tmp_path / f"lines{number}.csv"
        done = subprocess.run([sys.executable, "-m", "corpusling", "concordance", str(folder), pattern, "--sort", "R1",
                               "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
        assert (folder / INDEX / "index.json").exists()
    write_table(expected, tmp_path / "memory.csv")
    assert outputs[0] == outputs[1] == (tmp_path / "memory.csv").read_bytes()


def test_cli_count_on_a_folder_counts_as_in_memory(tmp_path, capsys):
    from corpusling.cli import main

    tokens, documents = random_corpus(n=3000, seed=12)
    folder = tmp_path / "count"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    pattern = '@[pos="ADJ"] [pos="NOUN"] :: match.text_date = "201[01].*"'
    expected = count_hits(tokens, documents, pattern, "match.form,R1.lemma,doc.date")
    assert expected.height > 5
    for number in range(2):  # the index built and stored, then read
        out = tmp_path / f"count{number}.csv"
        assert main(["concordance", str(folder), pattern, "--count", "match.form,R1.lemma,doc.date",
                     "--out", str(out)]) == 0
        assert_frame_equal(pl.read_csv(out), pl.read_csv(expected.write_csv().encode()), check_dtypes=False)
    assert (folder / INDEX / "attribute-upos").is_dir()


def test_attach_keeps_no_table_alive(tmp_path):
    import gc
    import importlib

    q = importlib.import_module("corpusling.token_index")  # where the index cache lives
    tokens, documents = random_corpus(n=500, seed=13)
    folder = tmp_path / "w"
    ParsedCorpus(tokens=tokens, documents=documents).save(folder)
    corpus = load(folder)
    attach(folder, corpus.tokens, corpus.documents)
    assert id(corpus.tokens) in q._STORED
    key = id(corpus.tokens)
    del corpus
    gc.collect()
    assert key not in q._STORED

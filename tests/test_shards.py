"""Sharded parsing (``corpusling parse --shard I/N``): the split, and shards that add up to the corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from corpusling.api import shard_of
from corpusling.cli import main
from corpusling.cli.parse import parse_shard
from corpusling.errors import InputError
from corpusling.parsed import load

IDS = [f"lemonde/2024/{i:05d}" for i in range(300)]
TEXTS = {  # three short press sentences each: conditional, hedge, quotation
    "doc1": "Le ministre aurait démissionné hier soir, selon l'AFP.",
    "doc2": "Environ deux cents personnes se seraient réunies devant la mairie.",
    "doc3": "« Nous ne céderons pas », a déclaré la porte-parole du syndicat.",
    "doc4": "La réforme pourrait être votée avant l'été, d'après plusieurs sources.",
}


@pytest.mark.parametrize("n_shards", [1, 2, 3, 10])
def test_every_document_in_exactly_one_shard(n_shards: int) -> None:
    shards = {i: [d for d in IDS if shard_of(d, n_shards) == i] for i in range(1, n_shards + 1)}
    assert sorted(d for docs in shards.values() for d in docs) == sorted(IDS)  # every document, none twice
    assert all(1 <= shard_of(d, n_shards) <= n_shards for d in IDS)
    assert all(len(docs) > len(IDS) / n_shards / 2 for docs in shards.values())  # no shard starves


def test_split_is_stable_across_runs() -> None:
    """Another interpreter (another hash seed) puts every document in the same shard."""
    code = ("import sys; from corpusling.api import shard_of; "
            "print(','.join(str(shard_of(l.strip(), 7)) for l in sys.stdin))")
    out = subprocess.run([sys.executable, "-c", code], input="\n".join(IDS), capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout.strip()
    assert out.split(",") == [str(shard_of(d, 7)) for d in IDS]


@pytest.mark.parametrize("value", ["0/2", "3/2", "2", "a/b", "1/0"])
def test_bad_shard_is_an_input_error(value: str) -> None:
    with pytest.raises(InputError):
        parse_shard(value)


def test_shards_add_up_to_the_unsharded_corpus(tmp_path: Path) -> None:
    """Two shards parsed into one folder load as the same corpus as one unsharded run (bundled model)."""
    source = tmp_path / "in"
    source.mkdir()
    for name, text in TEXTS.items():
        (source / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    assert {shard_of(d, 2) for d in TEXTS} == {1, 2}  # both shards have work
    for shard in ("1/2", "2/2"):
        assert main(["parse", str(source), "--out", str(tmp_path / "sharded"), "--shard", shard,
                     "--model", "compact"]) == 0
    assert main(["parse", str(source), "--out", str(tmp_path / "whole"), "--model", "compact", "--no-cache"]) == 0
    assert len(list((tmp_path / "sharded" / "tokens").glob("*.parquet"))) == 2
    sharded, whole = load(tmp_path / "sharded"), load(tmp_path / "whole")

    def words(table: pl.DataFrame) -> pl.DataFrame:
        return table.with_columns(pl.col("doc_id").cast(pl.String)).sort("doc_id", "sent_id", "word_id")

    assert whole.tokens.height > 20
    assert words(sharded.tokens).equals(words(whole.tokens))
    assert sharded.documents.sort("doc_id").equals(whole.documents.sort("doc_id"))
    assert sharded.model == whole.model


def test_chunked_parse_writes_the_same_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`corpusling parse` parses, writes and lets go a chunk of documents at a time: any chunk size gives
    the corpus of one chunk, in document order, and a re-run with other chunks leaves no stale part."""
    import corpusling.cli.parse as parse_verb

    source = tmp_path / "in"
    source.mkdir()
    for name, text in TEXTS.items():
        (source / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "parsed"
    assert main(["parse", str(source), "--out", str(out), "--model", "compact"]) == 0
    whole = load(out)
    monkeypatch.setattr(parse_verb, "CHUNK_CHARS", 1)  # one document per chunk
    assert main(["parse", str(source), "--out", str(out), "--model", "compact"]) == 0
    assert len(list((out / "documents").glob("*.parquet"))) == len(TEXTS)
    chunked = load(out)
    assert chunked.tokens.equals(whole.tokens) and chunked.documents.equals(whole.documents)
    monkeypatch.setattr(parse_verb, "CHUNK_CHARS", 10**9)  # back to one chunk: the per-document parts go
    assert main(["parse", str(source), "--out", str(out), "--model", "compact"]) == 0
    assert len(list((out / "documents").glob("*.parquet"))) == 1
    assert load(out).tokens.equals(whole.tokens)


def test_chunks_keep_order_and_size() -> None:
    from corpusling.cli.parse import chunks
    from corpusling.corpus import Document

    docs = [Document(f"d{i}", "x" * n) for i, n in enumerate([3, 4, 10, 1, 1, 1])]
    runs = chunks(docs, 5)
    assert [[d.doc_id for d in run] for run in runs] == [["d0"], ["d1"], ["d2"], ["d3", "d4", "d5"]]
    assert chunks([], 5) == [[]]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_save_with_a_shard_writes_the_folder_of_corpusling_parse(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """ParsedCorpus.save(folder, shard=...) owns the folder format: the files `corpusling parse` writes (which saves
    through it), byte for byte once the run ids are the same: parts, manifests, model.json, skipped-<shard>.csv;
    shard I/N of a whole corpus saved is the shard I/N a parse of that shard writes."""
    import corpusling.parsed as parsed
    from corpusling.api import parse, read

    monkeypatch.setattr(parsed.secrets, "token_hex", lambda n: "0" * 2 * n)  # one run id for every run
    source = tmp_path / "in"
    source.mkdir()
    for name, text in TEXTS.items():
        (source / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    (source / "empty.txt").write_text("", encoding="utf-8")  # skipped: a skipped-<shard>.csv
    cli, saved = tmp_path / "cli", tmp_path / "saved"
    for shard in (None, "1/2", "2/2"):
        out = "whole" if shard is None else "sharded"
        assert main(["parse", str(source), "--out", str(cli / out), "--model", "compact",
                     *(["--shard", shard] if shard else [])]) == 0
    corpus = parse(read([source]), model="compact")
    assert corpus.skipped and corpus.documents.height == len(TEXTS)
    assert corpus.save(saved / "whole", shard="all") == saved / "whole"
    corpus.save(saved / "sharded", shard="1/2")
    corpus.save(saved / "sharded", shard=(2, 2))
    for out in ("whole", "sharded"):
        expected = _files(cli / out)
        assert "skipped-all.csv" in expected or "skipped-0001of0002.csv" in expected
        assert _files(saved / out) == expected
    assert load(saved / "sharded").documents.height == len(TEXTS)


def test_save_with_a_shard_replaces_that_shard_only(tmp_path: Path) -> None:
    """Parts of part_rows rows; saving a shard again replaces its parts and its skipped list, not the others'."""
    from corpusling import tokens as tok
    from corpusling.parsed import ParsedCorpus

    words = [(f"d{d}", s, w) for d in range(6) for s in (1, 2) for w in range(1, 4 + d)]
    tokens = tok.from_rows({"doc_id": [d for d, _, _ in words], "sent_id": [s for _, s, _ in words],
                            "word_id": [w for _, _, w in words], "form": [f"mot{w}" for _, _, w in words]})
    documents = pl.DataFrame({"doc_id": [f"d{d}" for d in range(6)], "text": ["..."] * 6})
    assert {shard_of(f"d{d}", 2) for d in range(6)} == {1, 2}
    corpus = ParsedCorpus(tokens, documents, {"name": "hand"}, [{"source": "x.txt", "reason": "empty"}])
    out = tmp_path / "parsed"
    corpus.save(out, shard="1/2", part_rows=7)
    corpus.save(out, shard="2/2", part_rows=7)
    parts = sorted((out / "tokens").glob("*.parquet"))
    assert len(parts) > 4 and all(pl.read_parquet(p).height <= 7 for p in parts)
    whole = load(out)
    assert whole.tokens.sort("doc_id", "sent_id", "word_id").equals(tokens.sort("doc_id", "sent_id", "word_id"))
    assert whole.documents.sort("doc_id").equals(documents.sort("doc_id"))
    assert (out / "skipped-0001of0002.csv").exists() and (out / "skipped-0002of0002.csv").exists()
    ParsedCorpus(tokens, documents, {"name": "hand"}).save(out, shard="1/2")  # one part now, nothing skipped
    assert not (out / "skipped-0001of0002.csv").exists() and (out / "skipped-0002of0002.csv").exists()
    assert len(list((out / "tokens").glob("part-0001of0002-*.parquet"))) == 1
    assert load(out).tokens.height == tokens.height
    with pytest.raises(InputError, match="I must be between 1 and N"):
        corpus.save(out, shard="3/2")

"""The report of a corpus read batch by batch, and of shards merged, is the report of the corpus in memory.

Issue 15: a parsed folder is reported a batch of whole documents at a time (bounded memory), and on a
cluster as N shards of per-document results merged into the full report; both must give the same
files, byte for byte, as one run on the whole corpus (``provenance.json`` aside: it says when and how).
Checked on the 80 Wikinews articles parsed with the bundled model, split 3 ways.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from corpusling.cli import main

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT / "corpora" / "wikinews-fr-2012" / "documents"
#: What the CLI records as parameters of a report (so that the page of an API run can match it).
CLI_PARAMETERS = {"model": None, "format": None, "text_column": "text"}


@pytest.fixture(scope="module")
def wikinews(tmp_path_factory):  # noqa: ANN201 - (ParsedCorpus, its folder)
    """The Wikinews articles parsed with the bundled model, with a two-level ``outlet`` to compare, saved."""
    from corpusling.api import parse, read

    corpus = parse(read([WIKINEWS]), model="compact")
    corpus.documents = corpus.documents.with_columns(
        pl.when(pl.col("doc_id").cast(pl.String).str.slice(-1).cast(pl.Int32) % 2 == 0)
        .then(pl.lit("even")).otherwise(pl.lit("odd")).alias("outlet"))
    folder = tmp_path_factory.mktemp("wikinews") / "parsed"
    corpus.save(folder)
    return corpus, folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_report(a: Path, b: Path) -> None:
    """Every file byte-identical but provenance.json, whose records agree but for time and command."""
    left, right = files(a), files(b)
    assert sorted(left) == sorted(right)
    assert len(left) > 20  # tables, figures in three formats, page
    differ = [name for name in left if left[name] != right[name] and name != "provenance.json"]
    assert differ == []
    one, other = (json.loads(left["provenance.json"]), json.loads(right["provenance.json"]))
    for key in ("parameters", "model", "documents", "outputs", "lexicons", "versions", "skipped"):
        assert one[key] == other[key], key
    assert {k: v["rows"] for k, v in one["analyses"].items()} == {k: v["rows"] for k, v in other["analyses"].items()}


def test_a_folder_read_in_batches_gives_the_report_in_memory(wikinews, tmp_path):
    from corpusling.report import build_report, report

    corpus, folder = wikinews
    lines: list[str] = []
    build_report(corpus, tmp_path / "memory", group_by="outlet", n_boot=200, parameters=CLI_PARAMETERS,
                 log=lambda line: None)
    report([folder], tmp_path / "batches", group_by="outlet", n_boot=200, batch_words=3000, log=lines.append)
    assert sum("batch" in line and "documents" in line for line in lines) >= 5  # really read in pieces
    assert_same_report(tmp_path / "memory", tmp_path / "batches")
    conditionals = pl.read_csv(tmp_path / "batches" / "conditionals.csv")
    assert conditionals.height > 30 and conditionals["doc_id"].n_unique() > 10


def test_three_shards_merged_give_the_report_of_the_whole_folder(wikinews, tmp_path, capsys):
    _, folder = wikinews
    whole, merged = tmp_path / "whole", tmp_path / "merged"
    assert main(["report", str(folder), "--out", str(whole), "--group-by", "outlet", "--n-boot", "200"]) == 0
    shards = [tmp_path / f"shard{i}" for i in (1, 2, 3)]
    for i, shard in enumerate(shards, start=1):
        assert main(["report", str(folder), "--shard", f"{i}/3", "--out", str(shard), "--batch-words", "4000"]) == 0
    sizes = [json.loads((s / "shard.json").read_text(encoding="utf-8"))["documents"] for s in shards]
    assert sum(sizes) == 80 and min(sizes) >= 26
    # given in any order: merged in shard order
    assert main(["report", "--merge", *map(str, reversed(shards)), "--out", str(merged), "--group-by", "outlet",
                 "--n-boot", "200"]) == 0
    assert_same_report(whole, merged)
    assert "Traceback" not in capsys.readouterr().err


def test_merge_refuses_what_is_not_the_shards_of_one_corpus(wikinews, tmp_path, capsys):

    corpus, folder = wikinews
    shards = [tmp_path / f"s{i}" for i in (1, 2)]
    for i, shard in enumerate(shards, start=1):
        assert main(["report", str(folder), "--shard", f"{i}/2", "--out", str(shard)]) == 0
    out = tmp_path / "out"
    assert main(["report", "--merge", str(shards[0]), "--out", str(out)]) == 2
    assert "missing [2]" in capsys.readouterr().err
    assert main(["report", "--merge", str(shards[0]), str(shards[0]), "--out", str(out)]) == 2
    assert "given twice [1]" in capsys.readouterr().err
    other = tmp_path / "other"  # another corpus: the first half of the documents only
    half = corpus.documents.head(40)["doc_id"].cast(pl.String)
    from corpusling.parsed import ParsedCorpus

    ParsedCorpus(tokens=corpus.tokens.filter(pl.col("doc_id").cast(pl.String).is_in(half.implode())),
                 documents=corpus.documents.head(40), model=corpus.model).save(other)
    assert main(["report", str(other), "--shard", "2/2", "--out", str(tmp_path / "o2")]) == 0
    assert main(["report", "--merge", str(shards[0]), str(tmp_path / "o2"), "--out", str(out)]) == 2
    assert "corpus differs" in capsys.readouterr().err
    assert main(["report", "--merge", str(folder), "--out", str(out)]) == 2
    assert "not a shard" in capsys.readouterr().err
    assert main(["report", str(folder), "--shard", "1/2", "--group-by", "outlet", "--out", str(out)]) == 2
    assert main(["report", str(folder), "--shard", "3/2", "--out", str(out)]) == 2
    assert main(["report", str(ROOT / "seeds"), "--shard", "1/2", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "parsed folder" in err
    assert not out.exists()


def test_parquet_stream_writes_the_same_bytes_whatever_the_pieces(tmp_path):
    from corpusling.parsed import ParquetStream

    frame = pl.DataFrame({"doc_id": [f"d{i // 7}" for i in range(1000)], "n": list(range(1000))},
                         schema={"doc_id": pl.Categorical, "n": pl.Int32})
    whole = ParquetStream(tmp_path / "whole.parquet", row_group_rows=128)
    whole.write(frame)
    whole.close()
    pieces = ParquetStream(tmp_path / "pieces.parquet", row_group_rows=128)
    for start, length in [(0, 3), (3, 500), (503, 0), (503, 497)]:
        pieces.write(frame.slice(start, length))
    pieces.close()
    assert (tmp_path / "whole.parquet").read_bytes() == (tmp_path / "pieces.parquet").read_bytes()
    assert pl.read_parquet(tmp_path / "whole.parquet").equals(frame.with_columns(pl.col("doc_id").cast(pl.String)))
    empty = ParquetStream(tmp_path / "empty.parquet", empty=frame)
    empty.close()
    assert pl.read_parquet(tmp_path / "empty.parquet").columns == ["doc_id", "n"]
    abandoned = ParquetStream(tmp_path / "gone.parquet")
    abandoned.write(frame)
    abandoned.abandon()
    assert not (tmp_path / "gone.parquet").exists() and not list(tmp_path.glob(".gone*"))


def test_an_analysis_failing_on_a_later_batch_drops_it_and_what_needs_it(gold_parsed, tmp_path, monkeypatch):
    """Quotations fail on the third batch only: no quotes.csv, and no reported.csv missing those documents."""
    import corpusling.markers.quotes as quotes_module
    from corpusling.report import report

    folder = tmp_path / "parsed"
    gold_parsed.save(folder)
    calls = []
    original = quotes_module.quotes

    def third_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise ValueError("broken on this batch")
        return original(*args, **kwargs)

    monkeypatch.setattr(quotes_module, "quotes", third_fails)
    done = report([folder], tmp_path / "out", n_boot=50, batch_words=1000, log=lambda line: None)
    status = {s.name: (s.status, s.message) for s in done.steps}
    assert status["quotes"] == ("failed", "ValueError: broken on this batch")
    assert status["reported"][0] == "failed" and "quotes" in status["reported"][1]
    assert not (tmp_path / "out" / "quotes.csv").exists() and not (tmp_path / "out" / "reported.csv").exists()
    assert status["conditionals"][0] == "ok" and (tmp_path / "out" / "conditionals.csv").exists()

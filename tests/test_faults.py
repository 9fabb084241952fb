"""Faults a careful user meets: interrupted runs, full or read-only disks, hostile values, bad options.

Each test is one defect of issue 20 (the number in its docstring). Runs are killed with SIGKILL
from inside a subprocess at a chosen file event (the patch in ``KILLER``), as ``kill -9`` would.
Annotated input (CoNLL-U) keeps the neural parser out of these tests: what is tested is the
writing, not the parsing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from corpusling.cli import main
from corpusling.parsed import load

DATA = Path(__file__).resolve().parent / "data" / "fr_sequoia-ud-test-30.conllu"

#: Run the command line in a subprocess and SIGKILL it at the file event named by argv[1].
KILLER = textwrap.dedent('''
    import os, signal, sys
    from pathlib import Path
    import polars as pl
    point, argv = sys.argv[1], sys.argv[2:]

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "part":  # a token part written to its temporary file, not yet renamed
        original = pl.DataFrame.write_parquet
        def write(self, path, *args, **kwargs):
            original(self, path, *args, **kwargs)
            if "tokens" in str(path):
                die()
        pl.DataFrame.write_parquet = write
    elif point == "publish":  # every new part written, the manifest not yet
        import corpusling.parsed as parsed
        parsed.ShardWriter.publish = lambda self, *a, **k: die()
    elif point == "cleanup":  # the manifest published, the previous parts not yet removed
        original = Path.unlink
        def unlink(self, *args, **kwargs):
            if self.name.startswith("part-"):
                die()
            original(self, *args, **kwargs)
        Path.unlink = unlink
    elif point == "html":  # a report half written
        import corpusling.report.build as build
        build._html = lambda *a, **k: die()
    elif point == "swap":  # the previous report moved aside, the new one not yet in place
        original = os.rename
        calls = []
        def rename(src, dst):
            calls.append(src)
            original(src, dst)
            if ".previous-" in str(dst):
                die()
        os.rename = rename
    from corpusling.cli import main
    sys.exit(main(argv))
''')


def killed(point: str, *argv: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-c", KILLER, point, *argv], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done


def conllu(folder: Path, names: list[str], first_doc_id: str | None = None) -> Path:
    """CoNLL-U files (one document each) in ``folder``; the first may declare a ``# newdoc id``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(names):
        text = DATA.read_text(encoding="utf-8")
        if i == 0 and first_doc_id is not None:
            text = f"# newdoc id = {first_doc_id}\n" + text
        (folder / f"{name}.conllu").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return conllu(tmp_path / "corpus", ["a", "b", "c"])


def snapshot(folder: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    parsed = load(folder)
    return parsed.tokens, parsed.documents


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("point", ["part", "publish", "cleanup"])
def test_killed_reparse_keeps_a_complete_folder(corpus: Path, tmp_path: Path, point: str) -> None:
    """1. A re-parse killed at any file event leaves the previous (or the new) complete output."""
    out = tmp_path / "parsed"
    assert main(["parse", str(corpus), "--out", str(out)]) == 0
    tokens, documents = snapshot(out)
    killed(point, "parse", str(corpus), "--out", str(out))
    again_tokens, again_documents = snapshot(out)
    assert again_tokens.equals(tokens) and again_documents.equals(documents)
    assert main(["info", str(out)]) == 0
    assert main(["concordance", str(out), "-q", '[lemma="consommation"]', "--out", str(tmp_path / "c.csv")]) == 0
    assert main(["parse", str(corpus), "--out", str(out)]) == 0  # the next run clears what the killed one left
    assert not leftovers(out)
    assert snapshot(out)[0].equals(tokens)
    assert len(list((out / "tokens").glob("*.parquet"))) == 1


def test_killed_first_parse_says_what_to_do(corpus: Path, tmp_path: Path) -> None:
    """1. A first parse killed before its manifest: the folder is not read as a (partial) corpus."""
    out = tmp_path / "parsed"
    killed("publish", "parse", str(corpus), "--out", str(out))
    assert main(["info", str(out)]) == 2


@pytest.mark.parametrize("point", ["html", "swap"])
def test_killed_report_keeps_the_previous_report(corpus: Path, tmp_path: Path, point: str) -> None:
    """1, 6. A report killed while writing or while swapping folders: the previous report is whole."""
    out = tmp_path / "report"
    assert main(["report", str(corpus), "--out", str(out), "--n-boot", "10"]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    killed(point, "report", str(corpus), "--out", str(out), "--n-boot", "10")
    if point == "html":
        assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert main(["report", str(corpus), "--out", str(out), "--n-boot", "10"]) == 0
    assert {p.relative_to(out) for p in out.rglob("*") if p.is_file()} == set(before)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.")]


def test_report_refuses_a_folder_of_other_files(corpus: Path, tmp_path: Path) -> None:
    """1. A report replaces its folder whole, so a folder holding the user's own files is refused."""
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("précieux", encoding="utf-8")
    assert main(["report", str(corpus), "--out", str(out), "--n-boot", "10"]) == 2
    assert (out / "notes.txt").read_text(encoding="utf-8") == "précieux"


def test_empty_shard_keeps_the_model_record(tmp_path: Path) -> None:
    """3. An empty shard does not overwrite model.json; every shard's parts are read."""
    from corpusling.api import shard_of

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le ministre aurait démissionné.", encoding="utf-8")  # parsed: a real model
    out = tmp_path / "parsed"
    empty = 1 if shard_of("a", 2) == 2 else 2
    assert main(["parse", str(corpus), "--out", str(out), "--shard", f"{3 - empty}/2"]) == 0
    record = json.loads((out / "model.json").read_text(encoding="utf-8"))
    assert main(["parse", str(corpus), "--out", str(out), "--shard", f"{empty}/2"]) == 0
    assert record["name"] == "compact"
    assert json.loads((out / "model.json").read_text(encoding="utf-8")) == record
    assert load(out).documents["doc_id"].to_list() == ["a"]


def test_mixed_models_across_shards_are_refused(tmp_path: Path) -> None:
    """3. A shard parsed with another model than the folder's other shards is refused before parsing."""
    out = tmp_path / "parsed"
    out.mkdir()
    (out / "manifest-0001of0002.json").write_text(json.dumps(
        {"shard": "0001of0002", "model": {"name": "another", "stanza": "0.0", "processors": [], "sha256": {}},
         "tokens": [], "documents": []}), encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Le ministre aurait démissionné.", encoding="utf-8")
    from corpusling.api import shard_of

    mine = shard_of("doc", 2)
    if mine == 1:
        pytest.skip("the document falls in the shard the fake manifest names")
    assert main(["parse", str(tmp_path / "doc.txt"), "--out", str(out), "--shard", "2/2"]) == 2


def test_outputs_inside_the_input_are_not_read(corpus: Path) -> None:
    """4. Outputs written inside an input folder are never read as input by later runs."""
    for _ in range(2):
        assert main(["report", str(corpus), "--out", str(corpus / "results"), "--n-boot", "10"]) == 0
        assert main(["parse", str(corpus), "--out", str(corpus / "parsed")]) == 0
        assert main(["freq", str(corpus), "--out", str(corpus / "freq.csv")]) == 0
    documents = pl.read_parquet(corpus / "results" / "documents.parquet")
    assert sorted(documents["doc_id"].to_list()) == ["a", "b", "c"]
    assert sorted(load(corpus / "parsed").documents["doc_id"].to_list()) == ["a", "b", "c"]


def test_csv_cells_are_not_formulas(tmp_path: Path) -> None:
    """5. Text cells that a spreadsheet would run are neutralised; numbers and --raw-csv are left alone."""
    hostile = '=HYPERLINK("http://evil","click")'
    corpus = conllu(tmp_path / "corpus", ["a", "b"], first_doc_id=hostile)
    out = tmp_path / "lines.csv"
    assert main(["concordance", str(corpus), "-q", '[lemma="consommation"]', "--out", str(out)]) == 0
    cells = pl.read_csv(out)["doc_id"].to_list()
    assert "'" + hostile in cells and hostile not in cells
    assert main(["concordance", str(corpus), "-q", '[lemma="consommation"]', "--out", str(out), "--raw-csv"]) == 0
    assert hostile in pl.read_csv(out)["doc_id"].to_list()
    assert main(["report", str(corpus), "--out", str(tmp_path / "r"), "--n-boot", "10"]) == 0
    assert "'" + hostile in pl.read_csv(tmp_path / "r" / "documents.csv")["doc_id"].to_list()
    from corpusling.tables import write_table

    frame = pl.DataFrame({"item": ["-gauche", "+plus", "@x", "\tt", "ok"], "log_ratio": [-1.5, 2.0, -3.0, 0.0, 1.0]})
    written = pl.read_csv(write_table(frame, tmp_path / "k.csv"))
    assert written["log_ratio"].to_list() == [-1.5, 2.0, -3.0, 0.0, 1.0]
    assert written["item"].to_list() == ["'-gauche", "'+plus", "'@x", "'\tt", "ok"]


def test_xlsx_is_byte_stable(tmp_path: Path) -> None:
    """Minor: the same table gives the same XLSX bytes (fixed document properties)."""
    import time

    from corpusling.tables import write_table

    frame = pl.DataFrame({"a": ["x", "y"], "b": [1, 2]})
    first = write_table(frame, tmp_path / "a.xlsx").read_bytes()
    time.sleep(1.1)
    assert write_table(frame, tmp_path / "b.xlsx").read_bytes() == first


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A read-only folder: a read-only tmpfs where the machine allows mounting (root ignores chmod)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a read-only file system here")
    yield folder
    subprocess.run(["umount", str(folder)], check=False)


def test_read_only_output_fails_before_parsing(tmp_path: Path, read_only: Path, capsys) -> None:
    """6. A folder that cannot be written: a message and exit 2 before any parsing, no traceback."""
    (tmp_path / "doc.txt").write_text("Le ministre aurait démissionné.", encoding="utf-8")
    for verb in ("parse", "report"):
        assert main([verb, str(tmp_path / "doc.txt"), "--out", str(read_only / "out"), "--no-cache"]) == 2
        assert "cannot write" in capsys.readouterr().err


def test_read_only_cache_fails_before_parsing(tmp_path: Path, read_only: Path, capsys) -> None:
    """6. A cache that cannot be written: a message naming the cache and what to do, exit 2."""
    (tmp_path / "doc.txt").write_text("Le ministre aurait démissionné.", encoding="utf-8")
    assert main(["parse", str(tmp_path / "doc.txt"), "--out", str(tmp_path / "out"), "--cache", str(read_only)]) == 2
    assert "--no-cache" in capsys.readouterr().err


def test_full_disk_during_report(corpus: Path, tmp_path: Path, capsys) -> None:
    """6. A disk that fills up during a report: exit 2, no 'report written', no temporary file left."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        assert main(["report", str(corpus), "--out", str(disk / "report"), "--n-boot", "10"]) == 2
        err = capsys.readouterr()
        assert "report written" not in err.out and "Traceback" not in err.err
        assert not leftovers(disk) and not (disk / "report").exists()
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_several_parsed_folders_are_read_as_parsed(tmp_path: Path, capsys) -> None:
    """7. Two parsed folders given together are loaded, not parsed again from their text."""
    from corpusling.api import load_or_parse

    for name, docs in (("one", ["a", "b"]), ("two", ["c"])):
        assert main(["parse", str(conllu(tmp_path / f"src-{name}", docs)), "--out", str(tmp_path / name)]) == 0
    capsys.readouterr()
    both = load_or_parse([tmp_path / "one", tmp_path / "two"], report_skipped=True)
    assert "skipped" not in capsys.readouterr().err
    assert both.documents["doc_id"].to_list() == ["a", "b", "c"]
    alone = [load(tmp_path / "one").tokens, load(tmp_path / "two").tokens]
    assert both.tokens.height == sum(t.height for t in alone)
    assert both.tokens["deprel"].to_list() == [d for t in alone for d in t["deprel"].to_list()]
    with pytest.raises(Exception, match="same doc_id"):
        load_or_parse([tmp_path / "one", tmp_path / "one"])


@pytest.mark.parametrize("argv", [
    ["concordance", "{c}", "-q", "[lemma=\"le\"]", "--sample", "-1"],
    ["report", "{c}", "--out", "{t}/r", "--n-boot", "0"],
    ["report", "{c}", "--out", "{t}/r", "--n-boot", "-5"],
    ["parse", "{c}", "--out", "{t}/p", "--workers", "0"],
    ["parse", "{c}", "--out", "{t}/p", "--workers", "-1"],
    ["freq", "{c}", "--top", "-1"],
    ["keyness", "{c}", "--group-by", "doc_id"],
    ["keyness", "{c}", "--group-by", "nope"],
])
def test_bad_options_exit_2(argv: list[str], tmp_path: Path, capsys) -> None:
    """10. Bad option values: a message and exit 2, nothing half done, no traceback."""
    corpus = conllu(tmp_path / "corpus", ["a"])
    argv = [a.format(c=corpus, t=tmp_path) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse refuses the value where it is parsed
        code = exit_.code
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "r").exists() and not (tmp_path / "p").exists()


def test_api_checks_the_same_options(tmp_path: Path) -> None:
    """10. The Python API refuses the same values with the same kind of error."""
    import corpusling as cl
    from corpusling.api import load_or_parse
    from corpusling.errors import CorpuslingError

    parsed = load_or_parse([conllu(tmp_path / "corpus", ["a", "b"])])
    with pytest.raises(CorpuslingError, match="n_boot"):
        cl.rates(parsed.tokens.head(3), parsed.tokens, parsed.documents, n_boot=0)
    with pytest.raises(CorpuslingError, match="top"):
        cl.freq(parsed.tokens, top=-1)
    with pytest.raises(CorpuslingError, match="sample"):
        cl.concordance(parsed.tokens, parsed.documents, "[lemma=\"le\"]", sample=-1)
    with pytest.raises(CorpuslingError, match="workers"):
        cl.parse(cl.read([tmp_path / "corpus"]), workers=0)
    one = parsed.documents.with_columns(pl.lit("x").alias("outlet"))
    with pytest.raises(CorpuslingError, match="two groups"):
        cl.keyness(parsed.tokens, one, group_by="outlet")
    shutil.rmtree(tmp_path / "corpus")

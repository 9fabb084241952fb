"""What a new user tries first: the help of every verb, ``cl.<verb>``, per-document groups, file modes, sampling."""

from __future__ import annotations

import importlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import corpusling as cl
from corpusling.cli import COMMANDS, main
from corpusling.errors import InputError


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0, argv
    return capsys.readouterr().out


def test_top_level_help_lists_every_verb(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(["--help"], capsys)
    for verb in COMMANDS:
        assert verb in out
    assert "%DIFF" in out  # the keyness help, printed, not a format error


@pytest.mark.parametrize("verb", COMMANDS)
def test_every_verb_help(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert "usage: corpusling " + verb in _help([verb, "--help"], capsys)


@pytest.mark.parametrize("action", ["evaluate", "train", "download", "info"])
def test_models_actions_help(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    _help(["models", action, "--help"], capsys)


def test_bare_command_prints_help_without_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "corpusling"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "usage: corpusling" in done.stdout


def test_verbs_stay_functions_after_their_modules_are_imported() -> None:
    for name in ("concordance", "query", "rates", "freq", "conditionals", "speakers"):
        importlib.import_module(cl._API[name])
        importlib.import_module(f"corpusling.{name}") if name in ("concordance", "query", "rates") else None
        assert callable(getattr(cl, name)) and not isinstance(getattr(cl, name), type(cl)), name
    from corpusling import concordance, query
    assert callable(concordance) and callable(query)
    assert {"concordance", "query", "rates", "hedges", "speakers", "parse"} <= set(dir(cl))
    verbs = importlib.import_module("corpusling.verbs").__all__
    assert set(verbs) <= set(dir(cl)) and all(callable(getattr(cl, name)) for name in verbs)


def test_group_by_doc_id(seed_parsed) -> None:
    conditionals = cl.conditionals(seed_parsed.tokens, seed_parsed.documents)
    by_doc = cl.rates(conditionals, seed_parsed.tokens, seed_parsed.documents, group_by="doc_id")
    whole = cl.rates(conditionals, seed_parsed.tokens, seed_parsed.documents)
    assert by_doc["group"].to_list() == seed_parsed.documents["doc_id"].to_list()
    assert by_doc["count"].sum() == whole["count"].sum() == conditionals.height
    with pytest.raises(InputError, match="no such metadata column"):
        cl.rates(conditionals, seed_parsed.tokens, seed_parsed.documents, group_by="outlet")


def test_group_by_doc_id_on_the_command_line(tmp_path: Path, seed_parsed) -> None:
    folder = seed_parsed.save(tmp_path / "parsed")
    assert main(["conditionals", str(folder), "--group-by", "doc_id", "--out", str(tmp_path / "c.csv")]) == 0
    assert main(["conditionals", str(folder), "--group-by", "nope"]) == 2


def test_tables_are_written_with_the_usual_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        for suffix in (".csv", ".parquet", ".xlsx", ".md"):
            path = cl.write_table(pl.DataFrame({"a": [1]}), tmp_path / f"t{suffix}")
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, suffix
    finally:
        os.umask(old)


def test_eager_and_lazy_concordances_sample_the_same_lines(tmp_path: Path, seed_parsed) -> None:
    from corpusling import lazy

    folder = seed_parsed.save(tmp_path / "parsed")
    for seed in (0, 1, 7):
        eager = cl.concordance(seed_parsed.tokens, seed_parsed.documents, '[upos="VERB"]', sample=5, seed=seed)
        batched = lazy.concordance(folder, '[upos="VERB"]', sample=5, seed=seed, max_words=200)
        assert eager.height == 5
        assert eager.select("doc_id", "start_char").equals(batched.select("doc_id", "start_char"))

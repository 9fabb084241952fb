"""The analysis verbs built from the registry (``corpusling.cli.analysis``): each writes the table its analysis
module gives, has the shared options, and a new analysis gets a verb from one registry entry (issue 15, item 6)."""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl
import pytest

import corpusling as cl
from corpusling.cli import build_parser, main
from corpusling.cli.analysis import add_analysis_verb
from corpusling.registry import ANALYSES, Analysis
from corpusling.tables import write_table

VERBS = ["conditionals", "hedges", "quotes", "reported"]


@pytest.fixture(scope="module")
def folder(seed_parsed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_parsed.save(tmp_path_factory.mktemp("cli") / "parsed")


def _as_before(verb: str, tokens: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """The table each verb wrote before the registry built it, from the analysis modules called by hand; the
    conditionals and hedges with the ``voice`` of ``cl.conditionals(corpus)`` and ``cl.hedges(corpus)`` added
    last (writer, quoted or reported: :func:`corpusling.markers.voice.add_voice`)."""
    from corpusling.markers.conditional import conditionals
    from corpusling.markers.hedges import hedges
    from corpusling.markers.quotes import quotes
    from corpusling.markers.reported import reported
    from corpusling.markers.voice import add_voice

    quoted = quotes(tokens, documents)
    if verb == "conditionals":
        return add_voice(conditionals(tokens, documents, quoted), quoted, reported(tokens, documents))
    if verb == "hedges":
        return add_voice(hedges(tokens, documents, quotes=quoted), quoted, reported(tokens, documents))
    if verb == "quotes":
        return quoted
    return reported(tokens, documents)


@pytest.mark.parametrize("verb", VERBS)
def test_each_verb_writes_the_table_of_its_analysis(verb: str, folder: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{verb}.csv"
    assert main([verb, str(folder), "--out", str(out)]) == 0
    assert f"written to {out}" in capsys.readouterr().err
    corpus = cl.load(folder)
    expected = write_table(_as_before(verb, corpus.tokens, corpus.documents), tmp_path / "expected.csv")
    assert out.read_bytes() == expected.read_bytes()
    assert set(ANALYSES[verb].contract) <= set(pl.read_csv(out, infer_schema=False).columns)


@pytest.mark.parametrize("verb", VERBS)
def test_each_verb_has_the_shared_options(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([verb, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert ANALYSES[verb].description.split(":")[0] in build_parser().format_help()
    for option in ("INPUT", "--out", "--group-by", "--seed", "--raw-csv", ".parquet"):
        assert option in text, option
    assert ("--rates" in text) == (verb != "quotes")


def test_reported_rates_by_another_column_and_per_document(folder: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    rates = tmp_path / "rates.csv"
    assert main(["reported", str(folder), "--group-by", "doc_id", "--by", "cue", "--rates", str(rates)]) == 0
    printed = capsys.readouterr().out
    table = pl.read_csv(rates)
    corpus = cl.load(folder)
    rows = cl.reported(corpus.tokens, corpus.documents)
    assert "cue" in table.columns and table["count"].sum() == rows.height
    assert "against the rest" in printed
    assert main(["reported", str(folder), "--group-by", "outlet"]) == 2
    assert "no such metadata column" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["reported", str(folder), "--by", "lemma"])
    assert done.value.code == 2


# --------------------------------------------------------------------------- a new analysis

def exclamations(tokens: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """A toy analysis: every exclamation or question mark, by kind."""
    marks = tokens.filter(pl.col("form").is_in(["!", "?"]))
    return marks.select(pl.col("doc_id").cast(pl.String), "sent_id", "start_char", "end_char",
                        pl.when(pl.col("form") == "!").then(pl.lit("exclamation")).otherwise(pl.lit("question"))
                        .alias("kind"), pl.lit(False).alias("in_quote"))


def test_a_new_analysis_is_one_module_and_one_registry_entry(folder: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(ANALYSES, "exclamations", Analysis(
        "exclamations", __name__, "exclamations", ("doc_id", "sent_id", "start_char", "end_char", "kind"),
        description="exclamation and question marks", noun="marks", breakdown="kind"))
    parser = argparse.ArgumentParser(prog="corpusling")
    add_analysis_verb(parser.add_subparsers(dest="command"), "exclamations", doc="Exclamations.", epilog="",
                      by="kind")
    out, rates = tmp_path / "marks.csv", tmp_path / "rates.csv"
    args = parser.parse_args(["exclamations", str(folder), "--out", str(out), "--rates", str(rates)])
    assert args.func(args) == 0
    corpus = cl.load(folder)
    expected = exclamations(corpus.tokens, corpus.documents)
    assert pl.read_csv(out).height == expected.height
    assert pl.read_csv(rates)["count"].sum() == expected.height
    printed = capsys.readouterr()
    assert f"{expected.height} marks in {corpus.documents.height} documents" in printed.out
    assert f"{expected.height} marks written to {out}" in printed.err


def test_who_decides_is_an_option_of_the_api_and_of_the_verb(folder: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Quotation kinds by the rules, the model or the hybrid (default); conditional uses by the rules (default) or
    the model: ``cl.quotes(corpus, kinds=…)`` and ``corpusling quotes --kinds``, ``cl.conditionals(corpus,
    classes=…)`` and ``corpusling conditionals --classes`` give the same tables."""
    corpus = cl.load(folder)
    by_rules, default = cl.quotes(corpus, kinds="rules"), cl.quotes(corpus)
    assert not by_rules["rule"].str.starts_with("model:").any()
    assert default["rule"].str.starts_with("model:").any()  # the hybrid decides between mixed and scare
    out = tmp_path / "quotes.csv"
    assert main(["quotes", str(folder), "--kinds", "rules", "--out", str(out)]) == 0
    written = pl.read_csv(out, infer_schema=False)
    assert written["rule"].to_list() == by_rules["rule"].to_list()
    assert written["kind"].to_list() == by_rules["kind"].cast(pl.String).to_list()
    by_model = cl.conditionals(corpus, classes="model")
    assert by_model.height and by_model["rule"].str.starts_with("model").all()
    assert not cl.conditionals(corpus)["rule"].str.starts_with("model").any()
    out = tmp_path / "conditionals.csv"
    assert main(["conditionals", str(folder), "--classes", "model", "--out", str(out)]) == 0
    assert pl.read_csv(out, infer_schema=False)["rule"].to_list() == by_model["rule"].to_list()
    capsys.readouterr()
    with pytest.raises(SystemExit) as refused:
        main(["quotes", str(folder), "--kinds", "learned"])
    assert refused.value.code == 2 and "invalid choice" in capsys.readouterr().err

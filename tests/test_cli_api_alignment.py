"""The command line and the Python API have the same names and options (issue 15: "the Python API and the CLI with
the same names and options").

For each command-line verb and the ``cl.<verb>`` functions it stands for, every keyword of the function (a
parameter after the corpus with a default) is an option of the verb with the same name, underscores written as
dashes, and where both have a default it is the same. What cannot be an option of the same name is listed in
``EXCEPTIONS`` with the reason; an exception that no longer applies fails too, so the list stays true.
"""

from __future__ import annotations

import argparse
import inspect
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import corpusling as cl
from corpusling.cli import build_parser, main

#: Command-line verb → the functions of the API it stands for.
VERBS: dict[str, tuple[str, ...]] = {
    "conditionals": ("conditionals", "rates"),
    "hedges": ("hedges", "rates"),
    "quotes": ("quotes", "density", "speakers"),
    "reported": ("reported", "rates"),
    "concordance": ("concordance", "count"),
    "freq": ("freq", "ngrams"),
    "collocates": ("collocates",),
    "keyness": ("keyness",),
    "dispersion": ("dispersion", "positions"),
}

#: (verb, function, keyword) → why the command line has no option of that name (or another default).
EXCEPTIONS: dict[tuple[str, str, str], str] = {
    # a second table written to a file by an option of the verb
    ("quotes", "speakers", "reported"): "--speakers FILE writes cl.speakers(corpus, reported=False)",
    # one verb of the command line for two functions
    ("freq", "ngrams", "n"): "--ngram N is cl.ngrams(corpus, n=N); without it, freq is cl.freq",
    # the figures the command line prints use the defaults
    ("quotes", "density", "per"): "the density is printed per 1,000 words",
    ("quotes", "density", "n_boot"): "the command line resamples 2,000 times",
    ("conditionals", "rates", "per"): "rates are printed per 1,000 words",
    ("conditionals", "rates", "n_boot"): "the command line resamples 2,000 times",
    ("conditionals", "rates", "level"): "95% intervals",
    ("conditionals", "rates", "include_punct"): "rates of the analysis verbs are per word token",
    ("hedges", "rates", "per"): "rates are printed per 1,000 words",
    ("hedges", "rates", "n_boot"): "the command line resamples 2,000 times",
    ("hedges", "rates", "level"): "95% intervals",
    ("hedges", "rates", "include_punct"): "rates of the analysis verbs are per word token",
    ("reported", "rates", "per"): "rates are printed per 1,000 words",
    ("reported", "rates", "n_boot"): "the command line resamples 2,000 times",
    ("reported", "rates", "level"): "95% intervals",
    ("reported", "rates", "include_punct"): "rates of the analysis verbs are per word token",
    # older names kept in Python
    ("collocates", "collocates", "attraction"): "the older name of with_repelled (--with-repelled): "
                                                "attraction=False is with_repelled=True",
}


def _verb_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """The verb's options by each of their long names (``--reporting-verbs`` and its older ``--verbs``)."""
    return {name: action for action in parser._actions for name in action.option_strings if name.startswith("--")}


def _keywords(function: str) -> dict[str, Any]:
    """The function's keywords after the corpus (and after the marker table of cl.rates) and their defaults."""
    parameters = list(inspect.signature(getattr(cl, function)).parameters.values())[1:]
    return {p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty}


def _mismatches() -> dict[tuple[str, str, str], str]:
    parsers = _verb_parsers()
    found = {}
    for verb, functions in VERBS.items():
        options = _options(parsers[verb])
        for function in functions:
            for keyword, default in _keywords(function).items():
                option = options.get("--" + keyword.replace("_", "-"))
                if option is None:
                    found[(verb, function, keyword)] = "no option"
                elif None not in (default, option.default) and option.default != default:
                    found[(verb, function, keyword)] = f"default {option.default!r} ≠ {default!r}"
    return found


def test_every_keyword_of_the_api_is_an_option_of_the_same_name() -> None:
    found = _mismatches()
    assert {key: why for key, why in found.items() if key not in EXCEPTIONS} == {}


def test_every_exception_is_still_one() -> None:
    assert set(EXCEPTIONS) - set(_mismatches()) == set()


def test_every_verb_of_the_table_has_its_command_and_function() -> None:
    parsers = _verb_parsers()
    for verb, functions in VERBS.items():
        assert verb in parsers and all(callable(getattr(cl, f)) for f in functions), verb


def test_one_lexicon_mode_default_for_the_verbs_the_report_and_the_api() -> None:
    """``--lexicon-mode`` of ``corpusling hedges`` and ``corpusling report``, ``lexicon_mode`` of ``cl.hedges``, of the
    report's functions and of the loader: one default, ``add`` (a user's file adds to the bundled lexicon)."""
    from corpusling.lexicons import load_lexicon
    from corpusling.report import build_report, report
    from corpusling.report.shards import report_shard

    parsers = _verb_parsers()
    defaults = {f"corpusling {verb}": _options(parsers[verb])["--lexicon-mode"].default
                for verb in ("hedges", "report")}
    defaults |= {function.__name__: inspect.signature(function).parameters[keyword].default
                 for function, keyword in ((cl.hedges, "lexicon_mode"), (build_report, "lexicon_mode"),
                                           (report, "lexicon_mode"), (report_shard, "lexicon_mode"),
                                           (load_lexicon, "mode"))}
    assert set(defaults.values()) == {"add"}, defaults


# --------------------------------------------------------------------------- the renamed options work both ways

@pytest.fixture(scope="module")
def folder(seed_parsed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_parsed.save(tmp_path_factory.mktemp("aligned") / "parsed")


def test_reporting_verbs_and_its_older_name(folder: Path, tmp_path: Path) -> None:
    """``--reporting-verbs FILE`` is ``cl.quotes(corpus, reporting_verbs=FILE)``; ``--verbs`` still works."""
    verbs = tmp_path / "verbs.tsv"
    verbs.write_text("lemma\ndéclarer\n", encoding="utf-8")
    corpus = cl.load(folder)
    expected = cl.quotes(corpus, reporting_verbs=verbs)
    for option in ("--reporting-verbs", "--verbs"):
        out = tmp_path / f"{option}.csv"
        assert main(["quotes", str(folder), option, str(verbs), "--out", str(out)]) == 0
        assert (pl.read_csv(out, infer_schema=False)["reporting_verb"].to_list()
                == expected["reporting_verb"].cast(pl.String).to_list())


def test_collocates_window_sides_and_repelled_words(seed_parsed, folder: Path, tmp_path: Path) -> None:
    """``left=``/``right=`` and ``with_repelled=`` are ``--left``/``--right`` and ``--with-repelled``; the tuple
    window and ``attraction=False`` (the older names) give the same table."""
    node = '[lemma="de"]'
    sided = cl.collocates(seed_parsed, node, left=0, right=2, with_repelled=True, min_count=1)
    assert sided.equals(cl.collocates(seed_parsed, node, window=(0, 2), attraction=False, min_count=1))
    assert sided.equals(cl.collocates(seed_parsed.tokens, node, window=5, left=0, right=2, with_repelled=True,
                                      min_count=1))
    assert (sided["count"] < sided["expected"]).any()
    assert not cl.collocates(seed_parsed, node, left=0, right=2, min_count=1).filter(
        pl.col("count") < pl.col("expected")).height
    out = tmp_path / "coll.csv"
    assert main(["collocates", str(folder), node, "--left", "0", "--right", "2", "--with-repelled",
                 "--min-count", "1", "--out", str(out)]) == 0
    assert pl.read_csv(out)["collocate"].cast(pl.String).to_list() == sided["collocate"].cast(pl.String).to_list()
    from corpusling.errors import CorpuslingError

    with pytest.raises(CorpuslingError, match="contradict"):
        cl.collocates(seed_parsed, node, with_repelled=True, attraction=True)


def test_positions_are_the_table_of_dispersion_positions(seed_parsed, folder: Path, tmp_path: Path) -> None:
    where = tmp_path / "where.csv"
    assert main(["dispersion", str(folder), "-q", '"Selon"', "--positions", str(where), "--out",
                 str(tmp_path / "d.csv")]) == 0
    expected = cl.write_table(cl.positions(seed_parsed, '"Selon"'), tmp_path / "expected.csv")
    assert where.read_bytes() == expected.read_bytes()
    assert cl.positions(seed_parsed.tokens, '"Selon"').equals(cl.positions(seed_parsed, '"Selon"'))


def test_ngrams_count_forms_on_both_sides(seed_parsed, folder: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """``freq --ngram 2`` counts what ``cl.ngrams(corpus)`` counts: forms (it counted lemmas before; stderr says
    so); ``freq`` alone counts lemmas, as ``cl.freq``."""
    out = tmp_path / "bigrams.csv"
    assert main(["freq", str(folder), "--ngram", "2", "--out", str(out)]) == 0
    assert "--by lemma" in capsys.readouterr().err
    expected = cl.write_table(cl.ngrams(seed_parsed, n=2), tmp_path / "expected.csv")
    assert out.read_bytes() == expected.read_bytes()
    assert main(["freq", str(folder), "--out", str(out)]) == 0
    assert out.read_bytes() == cl.write_table(cl.freq(seed_parsed), tmp_path / "expected.csv").read_bytes()


@pytest.mark.parametrize("verb", ["conditionals", "hedges"])
def test_the_voice_of_the_command_line_is_the_voice_of_the_api(verb: str, folder: Path, tmp_path: Path) -> None:
    """``corpusling conditionals`` and ``hedges`` write ``cl.conditionals(corpus)`` and ``cl.hedges(corpus)``,
    ``voice`` included, and ``--by voice`` splits the rates by its three voices (``--by in_quote``: quoted or not,
    what ``--by voice`` meant before)."""
    corpus = cl.load(folder)
    rows = getattr(cl, verb)(corpus)
    out, rates = tmp_path / "rows.csv", tmp_path / "rates.csv"
    assert main([verb, str(folder), "--out", str(out), "--by", "voice", "--rates", str(rates)]) == 0
    assert out.read_bytes() == cl.write_table(rows, tmp_path / "expected.csv").read_bytes()
    by_voice = pl.read_csv(rates)
    assert set(by_voice["voice"]) <= {"writer", "quoted", "reported"}
    assert by_voice["count"].sum() == rows.height
    assert by_voice.select("voice", "count").sort("voice").equals(
        cl.rates(corpus, rows, by=["voice"]).select("voice", "count").sort("voice"))
    assert main([verb, str(folder), "--by", "in_quote", "--rates", str(rates)]) == 0
    assert set(pl.read_csv(rates)["in_quote"]) <= {True, False}


def test_a_lexicon_file_adds_to_the_bundled_one_on_both_sides(folder: Path, tmp_path: Path) -> None:
    """``corpusling hedges --lexicon FILE`` writes ``cl.hedges(corpus, lexicon=FILE)``: the bundled entries and
    the file's; ``replace`` keeps the file's alone."""
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("pattern\tcategory\tnotes\tsource\nà la louche\tapproximator\trough estimate\tmy reading\n",
                       encoding="utf-8")
    corpus = cl.load(folder)
    added = cl.hedges(corpus, lexicon=lexicon)
    bundled = cl.hedges(corpus)
    assert added.height == bundled.height > 0  # the seed has no "à la louche": nothing bundled is lost
    assert cl.hedges(corpus, lexicon=lexicon, lexicon_mode="replace").filter(
        ~pl.col("entry").str.starts_with("rule:")).height == 0
    out = tmp_path / "hedges.csv"
    assert main(["hedges", str(folder), "--lexicon", str(lexicon), "--out", str(out)]) == 0
    assert out.read_bytes() == cl.write_table(added, tmp_path / "expected.csv").read_bytes()

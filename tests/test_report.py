"""The report (files of the output contract), the figures (style, byte-stable files) and the summary tables.

The report tests run on the seed parsed with the bundled model (session fixture of conftest.py).
"""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from corpusling import figures
from corpusling import tokens as tok
from corpusling.cli import main
from corpusling.report import build_report
from corpusling.summary import summary, voice_rates, with_period

ROOT = Path(__file__).resolve().parent.parent

#: Key columns of each table of the output contract (../shared/DESIGN.md), written independently of the code.
CONTRACT = {
    "conditionals.csv": ["doc_id", "sent_id", "start_char", "end_char", "form", "lemma", "tense", "compound",
                         "main_lemma", "class", "sentence"],
    "hedges.csv": ["doc_id", "sent_id", "start_char", "end_char", "match", "category", "entry"],
    "quotes.csv": ["doc_id", "quote_id", "start_char", "end_char", "text", "n_tokens", "kind", "nested", "source",
                   "reporting_verb"],
}
FIGURES = ["conditionals_by_class", "hedges_by_category", "quotations_by_kind", "voice", "dispersion"]


@pytest.fixture(scope="module")
def seed_report(seed_parsed, tmp_path_factory):
    """The report on the seed, written once for the tests of this module."""
    out = tmp_path_factory.mktemp("report")
    done = build_report(seed_parsed, out, inputs=[ROOT / "seeds"], log=lambda line: None)
    return out, done


def test_report_writes_every_contract_file(seed_report, seed_parsed):
    out, done = seed_report
    assert done.ok, [(s.name, s.message) for s in done.steps if s.status != "ok"]
    for name in ["tokens.parquet", "documents.parquet", "documents.csv", *CONTRACT, "summary.csv",
                 "provenance.json", "report.html"]:
        assert (out / name).stat().st_size > 0, name
    tokens = pl.read_parquet(out / "tokens.parquet")
    assert list(tokens.columns) == tok.COLUMNS and tokens.height == seed_parsed.tokens.height
    documents = pl.read_parquet(out / "documents.parquet")
    text = documents["text"][0]
    assert "text" not in pl.read_csv(out / "documents.csv").columns
    for name, columns in CONTRACT.items():
        table = pl.read_csv(out / name, infer_schema_length=None)
        assert table.columns[:len(columns)] == columns, name
        assert table.height > 0, f"{name}: the seed has conditionals, hedges and quotations"
        # every offset points into the document text
        span = table.row(0, named=True)
        assert text[span["start_char"]:span["end_char"]].strip()
    conditionals = pl.read_csv(out / "conditionals.csv")
    assert set(conditionals["class"]) <= {"reportive", "epistemic", "hypothetical", "future_in_past",
                                          "politeness_desire", "other"}
    assert set(pl.read_csv(out / "quotes.csv")["kind"]) <= {"direct", "mixed", "scare"}


def test_summary_agrees_with_the_tables(seed_report, seed_parsed):
    out, _ = seed_report
    summary_table = pl.read_csv(out / "summary.csv")
    assert summary_table["level"].to_list() == ["document", "corpus"]
    corpus = summary_table.filter(pl.col("level") == "corpus").row(0, named=True)
    assert corpus["n_words"] == seed_parsed.tokens.filter(tok.is_word()).height  # word tokens, punctuation out
    assert corpus["conditionals"] == pl.read_csv(out / "conditionals.csv").height
    hedges = pl.read_csv(out / "hedges.csv")
    assert corpus["hedges"] + corpus["boosters"] == hedges.height
    assert corpus["conditionals_per_1000"] == pytest.approx(corpus["conditionals"] / corpus["n_words"] * 1000)
    assert 0 < corpus["quoted_share"] < 1


def test_figures_are_written_and_non_empty(seed_report):
    out, _ = seed_report
    for stem in FIGURES:
        for ext in ("pdf", "svg", "png"):
            path = out / "figures" / f"{stem}.{ext}"
            assert path.stat().st_size > 2000, path
        assert (out / "figures" / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
        assert b"<svg" in (out / "figures" / f"{stem}.svg").read_bytes()[:2000]
        width, height, dpi = png_size(out / "figures" / f"{stem}.png")
        assert dpi == pytest.approx(300, abs=1) and width >= 3.4 * 300


def test_report_html_is_self_contained(seed_report):
    out, _ = seed_report
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/svg+xml;base64,') == len(FIGURES)
    # nothing is loaded from the network; the only links out are to `corpusling serve` on this machine
    local = page.replace("http://www.w3.org", "").replace('href="http://127.0.0.1:8765/document/', "")
    assert "http://" not in local and "https://" not in page
    assert "<table" in page and "summary.csv" in page


def test_provenance_records_model_lexicons_and_inputs(seed_report, seed_parsed):
    out, _ = seed_report
    record = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert record["model"] == seed_parsed.model and record["model"]["sha256"]
    seed_file = ROOT / "seeds" / "000_e14371d8171e9155.txt"
    assert {"path": str(seed_file), "bytes": seed_file.stat().st_size,
            "sha256": hashlib.sha256(seed_file.read_bytes()).hexdigest()} in record["inputs"]
    hedges = next(x for x in record["lexicons"] if x["name"] == "hedges.tsv")
    assert hedges["sha256"] == hashlib.sha256((ROOT / "corpusling/lexicons/hedges.tsv").read_bytes()).hexdigest()
    assert record["outputs"]["summary.csv"] == hashlib.sha256((out / "summary.csv").read_bytes()).hexdigest()
    assert all(step["status"] == "ok" for step in record["analyses"].values())


def test_pdf_and_svg_identical_across_runs(seed_report, seed_parsed, tmp_path):
    out, _ = seed_report
    build_report(seed_parsed, tmp_path, log=lambda line: None)
    for stem in FIGURES:
        for ext in ("pdf", "svg"):
            assert (tmp_path / "figures" / f"{stem}.{ext}").read_bytes() == \
                (out / "figures" / f"{stem}.{ext}").read_bytes(), f"{stem}.{ext}"


def test_figure_bytes_identical_in_separate_processes(tmp_path):
    script = ("import sys, polars as pl\nfrom corpusling import figures\n"
              "t = pl.DataFrame({'group': ['a', 'a', 'b', 'b'], 'class': ['reportive', 'epistemic'] * 2,"
              " 'rate': [1.0, 2.0, 3.0, 0.5], 'ci_low': [0.5, 1.0, 2.0, 0.1], 'ci_high': [2.0, 3.0, 4.0, 1.0]})\n"
              "figures.save(figures.plot_rates(t, 'class'), sys.argv[1])\n")
    for run in ("one", "two"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / run / "fig")], check=True, timeout=120)
    for ext in ("pdf", "svg"):
        assert (tmp_path / "one" / f"fig.{ext}").read_bytes() == (tmp_path / "two" / f"fig.{ext}").read_bytes()


def test_cli_report_uses_the_parse_cache(seed_parsed, tmp_path, monkeypatch, capsys):
    import corpusling.nlp.pipeline as pipeline

    def no_parsing(*args, **kwargs):
        raise AssertionError("the seed was parsed again instead of coming from the cache")

    monkeypatch.setattr(pipeline, "parse_documents", no_parsing)
    assert main(["report", str(ROOT / "seeds"), "--model", "compact", "--out", str(tmp_path), "--lang", "en",
                 "--n-boot", "200"]) == 0
    assert (tmp_path / "report.html").exists() and (tmp_path / "conditionals.csv").exists()
    assert "report.html" in capsys.readouterr().out


def test_group_by_writes_comparison_and_timeline(gold_parsed, tmp_path):
    done = build_report(gold_parsed, tmp_path, group_by="outlet", lang="en", n_boot=200, log=lambda line: None)
    assert done.ok
    comparison = pl.read_csv(tmp_path / "comparison.csv")
    assert {"marker", "level", "group", "g2", "p", "log_ratio"} <= set(comparison.columns)
    assert set(comparison["group"]) == {"Wikinews", "(none)"}  # the seed has no outlet
    groups = pl.read_csv(tmp_path / "summary.csv").filter(pl.col("level") == "group")
    assert groups["n_documents"].sum() == gold_parsed.documents.height
    assert (tmp_path / "figures" / "timeline.pdf").stat().st_size > 2000  # Wikinews articles have dates


@pytest.mark.parametrize("argv, message", [
    (["no/such/folder"], "no/such/folder"),
    (["{seed}", "--group-by", "nope"], "nope"),
    (["{seed}", "--lexicon", "{bad_lexicon}"], "line 2"),
])
def test_bad_input_exits_2_without_traceback(argv, message, tmp_path, capsys, seed_parsed):
    parsed = tmp_path / "parsed"
    seed_parsed.save(parsed)
    bad = tmp_path / "bad.tsv"
    bad.write_text("pattern\tcategory\tnotes\tsource\nenviron\tnot_a_category\t\t\n", encoding="utf-8")
    args = [a.format(seed=parsed, bad_lexicon=bad) for a in argv]
    out = tmp_path / "out"
    assert main(["report", *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "error" in err and message in err and "Traceback" not in err
    assert not (out / "tokens.parquet").exists()  # checked before anything is written


def test_failing_or_missing_analysis_keeps_the_other_outputs(seed_parsed, tmp_path, monkeypatch, capsys):
    import corpusling.markers.conditional as conditional
    import corpusling.report as report

    def broken(*args, **kwargs):
        raise ValueError("rule table corrupted")

    monkeypatch.setattr(conditional, "conditionals", broken)
    from dataclasses import replace

    monkeypatch.setitem(report.ANALYSES, "hedges", replace(report.ANALYSES["hedges"],
                                                           module="corpusling.markers.not_written_yet"))
    parsed = tmp_path / "parsed"
    seed_parsed.save(parsed)
    assert main(["report", str(parsed), "--out", str(tmp_path / "out"), "--n-boot", "100"]) == 1
    err = capsys.readouterr().err
    assert "conditionals: failed: ValueError: rule table corrupted" in err
    assert "hedges: missing" in err and "Traceback" not in err
    out = tmp_path / "out"
    for name in ["tokens.parquet", "documents.csv", "quotes.csv", "summary.csv", "provenance.json", "report.html",
                 "figures/quotations_by_kind.svg"]:
        assert (out / name).exists(), name
    assert not (out / "conditionals.csv").exists()
    record = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert record["analyses"]["conditionals"]["status"] == "failed"
    assert record["analyses"]["hedges"]["status"] == "missing"
    assert "failed" in (out / "report.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- units on hand-built tables

def png_size(path: Path) -> tuple[int, int, float]:
    """Width, height (pixels) and resolution (dots per inch) of a PNG file."""
    data = path.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    at = data.index(b"pHYs")
    per_metre = struct.unpack(">I", data[at + 4:at + 8])[0]
    return width, height, per_metre * 0.0254


def _toy() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Two documents: d1 of 10 words (words 3–6 inside a quotation), d2 of 5 words."""
    tokens = tok.from_rows({"doc_id": ["d1"] * 10 + ["d2"] * 5, "sent_id": [1] * 15,
                            "word_id": list(range(1, 11)) + list(range(1, 6)),
                            "form": ["w"] * 15, "start_char": [i * 2 for i in range(10)] + [i * 2 for i in range(5)],
                            "end_char": [i * 2 + 1 for i in range(10)] + [i * 2 + 1 for i in range(5)]})
    documents = pl.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["A", "B"], "date": ["2012-05-03", "2012-06-30"],
                              "text": ["x" * 20, "x" * 10]})
    return tokens, documents


def test_summary_counts_on_a_hand_built_table():
    tokens, documents = _toy()
    quotes = pl.DataFrame({"doc_id": ["d1"], "start_char": [4], "end_char": [12], "kind": ["direct"],
                           "nested": [False]})
    hedges = pl.DataFrame({"doc_id": ["d1", "d1", "d2"], "start_char": [0, 6, 2],
                           "category": ["approximator", "booster", "source_marker"]})
    table = summary(tokens, documents, hedges=hedges, quotes=quotes, group_by="outlet")
    assert table["level"].to_list() == ["document", "document", "group", "group", "corpus"]
    d1 = table.row(0, named=True)
    assert (d1["n_words"], d1["hedges"], d1["boosters"], d1["quoted_words"]) == (10, 1, 1, 4)
    assert d1["hedges_per_1000"] == pytest.approx(100.0) and d1["quoted_share"] == pytest.approx(0.4)
    corpus = table.row(-1, named=True)
    assert (corpus["n_words"], corpus["hedges"], corpus["quotations"]) == (15, 2, 1)
    assert "conditionals" not in table.columns  # an analysis not given is left out


def test_voice_rates_divide_by_the_words_of_each_voice():
    tokens, documents = _toy()
    quotes = pl.DataFrame({"doc_id": ["d1"], "start_char": [4], "end_char": [12], "kind": ["direct"]})
    rows = pl.DataFrame({"doc_id": ["d1", "d1", "d2"], "start_char": [6, 0, 4]})  # one quoted, two writer's
    table = voice_rates(rows, tokens, documents, quotes, n_boot=50)
    quoted = table.filter(pl.col("voice") == "quoted").row(0, named=True)
    writer = table.filter(pl.col("voice") == "writer").row(0, named=True)
    assert (quoted["count"], quoted["n_words"]) == (1, 4)
    assert (writer["count"], writer["n_words"]) == (2, 11)
    assert quoted["rate"] == pytest.approx(250.0) and writer["rate"] == pytest.approx(2 / 11 * 1000)


def test_with_period():
    _, documents = _toy()
    assert with_period(documents)["period"].to_list() == ["2012-05", "2012-06"]
    assert with_period(documents, unit="year")["period"].to_list() == ["2012", "2012"]


def test_labels_and_numbers_follow_the_language():
    assert figures.label("reportive", "en") == "reportive"
    assert figures.label("writer", "fr") == "voix du journaliste"
    assert figures.label("some_new_category", "fr") == "some new category"
    assert figures.number_formatter("fr")(2.5) == "2,5"
    assert figures.number_formatter("en")(2.5) == "2.5"
    assert figures.number_formatter("fr")(12000) == "12\u202f000"


def test_each_plot_renders_a_single_column_figure(tmp_path):
    rates = pl.DataFrame({"group": ["all"] * 3, "category": ["approximator", "booster", "source_marker"],
                          "rate": [3.0, 0.0, 1.5], "ci_low": [1.0, 0.0, 0.5], "ci_high": [5.0, 2.0, 3.0]})
    fig = figures.plot_rates(rates, "category", lang="fr")
    assert fig.get_size_inches()[0] == pytest.approx(3.5)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["renforçateur", "marqueur de source", "approximateur"]  # most frequent on top
    voice = pl.DataFrame({"marker": ["hedges"] * 2, "voice": ["writer", "quoted"], "rate": [4.0, 2.0],
                          "ci_low": [3.0, 1.0], "ci_high": [5.0, 3.0]})
    tokens, documents = _toy()
    rows = pl.DataFrame({"doc_id": ["d1", "d2"], "start_char": [4, 8], "marker": ["hedges", "conditionals"]})
    timeline = pl.DataFrame({"group": ["2012-05", "2012-06"], "rate": [1.0, 2.0], "ci_low": [0.5, 1.0],
                             "ci_high": [2.0, 3.0]})
    made = [figures.plot_voice(voice, lang="en"), figures.plot_dispersion(rows, documents, "marker"),
            figures.plot_timeline(timeline, lang="en"), fig]
    for i, figure in enumerate(made):
        paths = figures.save(figure, tmp_path / f"f{i}")
        assert [p.suffix for p in paths] == [".pdf", ".svg", ".png"] and all(p.stat().st_size > 1000 for p in paths)
    assert [t.get_text() for t in made[2].axes[0].get_xticklabels()] == ["May\n2012", "Jun"]


def test_one_rates_call_for_all_markers_gives_each_marker_its_own_intervals(gold_parsed):
    """The report's stacked rates table equals one rates() call per marker and category (same seed)."""
    from corpusling.markers.conditional import conditionals
    from corpusling.markers.hedges import hedges
    from corpusling.markers.quotes import quotes
    from corpusling.rates import rates
    from corpusling.report import BREAKDOWN, _rates_tables
    from corpusling.summary import marker_tables

    tokens, documents = gold_parsed.tokens, gold_parsed.documents
    q = quotes(tokens, documents)
    markers = marker_tables(conditionals(tokens, documents, q), hedges(tokens, documents, quotes=q), q)
    stacked = _rates_tables(gold_parsed, markers, "outlet", 300, 5)
    for marker, rows in markers.items():
        alone = rates(rows, tokens, documents, group_by="outlet", n_boot=300, seed=5)
        got = stacked.filter((pl.col("marker") == marker) & (pl.col("level") == "(all)"))
        assert got.select(alone.columns).equals(alone)
        column = BREAKDOWN[marker]
        split = rates(rows.with_columns(pl.col(column).cast(pl.String)), tokens, documents, by=[column],
                      group_by="outlet", n_boot=300, seed=5)
        got = stacked.filter((pl.col("marker") == marker) & (pl.col("breakdown") == column))
        assert got.rename({"level": column}).select(split.columns).equals(split)


def test_quoted_word_counts_agree_with_token_voice(gold_parsed):
    from corpusling.markers.quotes import quotes
    from corpusling.markers.voice import quoted_word_counts, token_voice

    tokens = gold_parsed.tokens
    q = quotes(tokens, gold_parsed.documents)
    expected = (token_voice(tokens.filter(tok.is_word()).select("doc_id", "start_char"), q)
                .group_by(pl.col("doc_id").cast(pl.String)).agg(pl.col("in_quote").sum().cast(pl.Int64))
                .filter(pl.col("in_quote") > 0).sort("doc_id"))
    got = quoted_word_counts(tokens.sample(fraction=1.0, shuffle=True, seed=2), q).sort("doc_id")
    assert got["doc_id"].to_list() == expected["doc_id"].to_list()
    assert got["quoted_words"].to_list() == expected["in_quote"].to_list()
    assert got["quoted_words"].sum() > 500


def test_a_marker_without_rows_keeps_its_zero_line(gold_parsed):
    """In the stacked rate table, a marker that never occurs has the "(all)" line one rates() call gives it."""
    from corpusling.markers.conditional import conditionals
    from corpusling.rates import rates
    from corpusling.report import _rates_tables

    tokens, documents = gold_parsed.tokens, gold_parsed.documents
    found = conditionals(tokens, documents)
    markers = {"conditionals": found, "never": found.head(0)}
    table = _rates_tables(gold_parsed, markers, "outlet", 200, 3)
    alone = rates(found.head(0), tokens, documents, group_by="outlet", n_boot=200, seed=3)
    got = table.filter(pl.col("marker") == "never")
    assert got["level"].to_list() == ["(all)"] * alone.height
    assert got.select(alone.columns).equals(alone)
    assert (got["count"] == 0).all()
    assert table.filter(pl.col("marker") == "conditionals")["count"].sum() > 0


def test_summary_gives_the_three_voices_shares(seed_parsed) -> None:
    """writer + quoted + reported words make every word of a document (issue 16, three voices)."""
    from corpusling.markers.hedges import hedges
    from corpusling.markers.quotes import quotes
    from corpusling.markers.reported import reported

    found = quotes(seed_parsed.tokens, seed_parsed.documents)
    contents = reported(seed_parsed.tokens, seed_parsed.documents, found,
                        hedges(seed_parsed.tokens, seed_parsed.documents, quotes=found))
    table = summary(seed_parsed.tokens, seed_parsed.documents, quotes=found, reported=contents)
    row = table.filter(pl.col("level") == "document").row(0, named=True)
    assert row["reported_words"] > 0 and 0 < row["reported_share"] < 1
    assert row["writer_share"] + row["quoted_share"] + row["reported_share"] == pytest.approx(1.0)


def test_voice_rates_with_reported_speech_split_three_ways(seed_parsed) -> None:
    """With reported speech, each marker's rate per 1,000 words of each of the three voices."""
    from corpusling.markers.conditional import conditionals
    from corpusling.markers.hedges import hedges
    from corpusling.markers.quotes import quotes
    from corpusling.markers.reported import reported

    found = quotes(seed_parsed.tokens, seed_parsed.documents)
    contents = reported(seed_parsed.tokens, seed_parsed.documents, found,
                        hedges(seed_parsed.tokens, seed_parsed.documents, quotes=found))
    rows = conditionals(seed_parsed.tokens, seed_parsed.documents, found)
    three = voice_rates(rows, seed_parsed.tokens, seed_parsed.documents, found, n_boot=50, reported=contents)
    two = voice_rates(rows, seed_parsed.tokens, seed_parsed.documents, found, n_boot=50)
    assert three["voice"].to_list() == ["writer", "quoted", "reported"]
    assert three["count"].sum() == two["count"].sum() == rows.height
    assert three["n_words"].sum() == two["n_words"].sum() == seed_parsed.tokens.filter(tok.is_word()).height
    assert three.filter(pl.col("voice") == "quoted").select("count", "n_words").equals(
        two.filter(pl.col("voice") == "quoted").select("count", "n_words"))

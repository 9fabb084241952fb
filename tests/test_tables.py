"""write_table: one format per extension, LaTeX and Markdown escaped, HTML with the match highlighted."""

from __future__ import annotations

import polars as pl
import pytest

from corpusling.errors import InputError
from corpusling.tables import to_html, to_latex, to_markdown, write_table

LINES = pl.DataFrame({"doc_id": ["a", "b"], "left": ["50 % & 3_000 $", "x|y"], "match": ["<aurait>", "dit"],
                      "right": ["{#}", "~^\\"], "n": [1.5, 2.0]})


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".xlsx", ".tex", ".html", ".md"])
def test_every_format_is_written(tmp_path, suffix):
    path = write_table(LINES, tmp_path / f"lines{suffix}")
    assert path.exists() and path.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    if suffix in (".csv", ".tsv", ".parquet"):
        back = {".csv": pl.read_csv, ".tsv": lambda p: pl.read_csv(p, separator="\t"),
                ".parquet": pl.read_parquet}[suffix](path)
        assert back.equals(LINES)


def test_latex_is_escaped_booktabs():
    latex = to_latex(LINES)
    assert r"50 \% \& 3\_000 \$" in latex and r"\{\#\}" in latex and r"\textbackslash{}" in latex
    assert r"\toprule" in latex and r"\bottomrule" in latex
    assert latex.splitlines()[0] == r"\begin{tabular}{lrclr}"  # left context flush right, match centred


def test_html_highlights_the_match_and_escapes():
    page = to_html(LINES)
    assert "<mark>&lt;aurait&gt;</mark>" in page
    assert "<aurait>" not in page


def test_markdown_escapes_pipes():
    assert r"x\|y" in to_markdown(LINES)


def test_unknown_extension(tmp_path):
    with pytest.raises(InputError):
        write_table(LINES, tmp_path / "lines.docx")

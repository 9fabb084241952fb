"""Writing result tables: the format follows the file extension.

``.csv`` ``.tsv`` ``.parquet`` ``.xlsx`` (xlsxwriter) ``.tex`` (LaTeX, booktabs, escaped)
``.html`` (a concordance's match highlighted) ``.md`` (Markdown). Files are written through a
temporary file and a rename, so a failed run never leaves half a table.

Text cells of CSV and TSV files that a spreadsheet would run as a formula (those beginning with
``= + - @``, a tab or a carriage return) are written with a leading ``'``, as OWASP recommends
against CSV injection; numeric columns are never touched, and ``raw_csv=True`` (``--raw-csv``)
writes every cell as it is. XLSX files are byte-stable: their document properties are fixed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from corpusling.atomic import replacing
from corpusling.errors import InputError

FORMATS = (".csv", ".tsv", ".parquet", ".xlsx", ".tex", ".html", ".md")

_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
          "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _cells(frame: pl.DataFrame) -> list[list[str]]:
    """Every cell as text (nulls empty, floats with up to 4 decimals)."""
    def fmt(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.4g}" if abs(value) < 1e-3 and value != 0 else f"{value:,.4f}".rstrip("0").rstrip(".")
        return str(value)
    return [[fmt(v) for v in row] for row in frame.iter_rows()]


def latex_escape(text: str) -> str:
    """Escape LaTeX's special characters."""
    return "".join(_LATEX.get(c, c) for c in text)


def to_latex(frame: pl.DataFrame, caption: str | None = None) -> str:
    """A booktabs ``tabular`` (numbers right-aligned), every cell escaped."""
    align = "".join("r" if frame[c].dtype.is_numeric() else "l" for c in frame.columns)
    if {"left", "match", "right"} <= set(frame.columns):  # a concordance: left context flush right
        align = "".join("r" if c == "left" else ("c" if c == "match" else a)
                        for c, a in zip(frame.columns, align, strict=True))
    lines = [r"\begin{tabular}{" + align + "}", r"\toprule",
             " & ".join(latex_escape(c) for c in frame.columns) + r" \\", r"\midrule"]
    lines += [" & ".join(latex_escape(v) for v in row) + r" \\" for row in _cells(frame)]
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption:
        lines = [r"\begin{table}", r"\centering", *lines, r"\caption{" + latex_escape(caption) + "}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def to_markdown(frame: pl.DataFrame) -> str:
    """A GitHub-flavoured Markdown table (``|`` escaped)."""
    def cell(text: str) -> str:
        return text.replace("|", r"\|").replace("\n", " ")
    right = [frame[c].dtype.is_numeric() for c in frame.columns]
    lines = ["| " + " | ".join(cell(c) for c in frame.columns) + " |",
             "| " + " | ".join("---:" if r else "---" for r in right) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in _cells(frame)]
    return "\n".join(lines) + "\n"


def to_html(frame: pl.DataFrame, title: str = "corpusling") -> str:
    """A standalone HTML page; in a concordance the ``match`` column is highlighted."""
    kwic = {"left", "match", "right"} <= set(frame.columns)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    rows = []
    for row in _cells(frame):
        cells = []
        for name, value in zip(frame.columns, row, strict=True):
            css = f' class="{name}"' if kwic and name in ("left", "match", "right") else ""
            text = f"<mark>{html.escape(value)}</mark>" if kwic and name == "match" else html.escape(value)
            cells.append(f"<td{css}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    style = ("body{font-family:sans-serif}table{border-collapse:collapse}td,th{padding:2px 6px;"
             "border-bottom:1px solid #ddd}td.left{text-align:right;white-space:nowrap}"
             "td.match{text-align:center;white-space:nowrap}td.right{white-space:nowrap}"
             "mark{background:#ffe08a;font-weight:bold}")
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{style}</style></head><body>\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>\n</body></html>\n")


#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Fixed document properties: the same table gives the same XLSX bytes on every run.
XLSX_CREATED = datetime(2000, 1, 1, tzinfo=timezone.utc)


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that begin like a spreadsheet formula get a leading ``'``; other columns are left as they are."""
    starts = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(starts)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c, t in frame.schema.items() if t == pl.String)


def _write_xlsx(frame: pl.DataFrame, path: str) -> None:
    from xlsxwriter import Workbook

    with Workbook(path) as workbook:
        workbook.set_properties({"created": XLSX_CREATED})
        frame.write_excel(workbook, autofit=True)


def _writer(suffix: str) -> Callable[[pl.DataFrame, str], None]:
    text_writers: dict[str, Callable[[pl.DataFrame], str]] = {".tex": to_latex, ".md": to_markdown, ".html": to_html}
    if suffix in text_writers:
        render = text_writers[suffix]

        def write_text(frame: pl.DataFrame, path: str) -> None:
            Path(path).write_text(render(frame), encoding="utf-8")
        return write_text
    return {
        ".csv": lambda f, p: f.write_csv(p),
        ".tsv": lambda f, p: f.write_csv(p, separator="\t"),
        ".parquet": lambda f, p: f.write_parquet(p),
        ".xlsx": _write_xlsx,
    }[suffix]


def write_table(frame: pl.DataFrame, path: Path | str, raw_csv: bool = False) -> Path:
    """Write ``frame`` in the format of the extension of ``path`` (see :data:`FORMATS`); returns the path.

    CSV and TSV cells that would run as spreadsheet formulas are neutralised unless ``raw_csv``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"cannot write {path.name}: use one of {', '.join(FORMATS)}")
    frame = frame.with_columns(pl.col(c).cast(pl.String) for c, t in frame.schema.items()
                               if isinstance(t, pl.Categorical | pl.Enum)) if suffix != ".parquet" else frame
    if suffix in (".csv", ".tsv", ".xlsx"):  # nested columns are not representable there
        frame = frame.with_columns(pl.col(c).cast(pl.List(pl.String)).list.join("|")
                                   for c, t in frame.schema.items() if isinstance(t, pl.List))
    if suffix in (".csv", ".tsv") and not raw_csv:
        frame = neutralise_formulas(frame)
    with replacing(path, suffix=suffix) as tmp:
        _writer(suffix)(frame, tmp)
    return path

"""The one-command report: every analysis, its tables, figures, provenance and an HTML page.

:func:`report` reads and parses the inputs (through the parse cache, so a second run
parses nothing), then :func:`build_report` runs the analyses and writes the files of
the output contract (``DESIGN.md``) into one folder:

``tokens.parquet``, ``documents.parquet``, ``documents.csv`` (no text), ``quotes.csv``,
``conditionals.csv``, ``hedges.csv``, ``reported.csv``, ``speakers.csv``, ``summary.csv``,
``rates.csv`` (every rate with its 95% CI), ``comparison.csv`` (G² and log ratio, with ``group_by``),
``figures/*.pdf|svg|png``, ``provenance.json`` and ``report.html`` (tables and figures in one file that a browser
opens offline).

Each analysis runs on its own: a module that is missing or fails is reported (on
stderr, in ``provenance.json`` and in the HTML page) and the other outputs are still
written. Every file is written atomically, so nothing already written is lost.
This module and the CLI are the only places with side effects; the analyses stay pure.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import polars as pl

from corpusling import __version__
from corpusling.atomic import check_replaceable, staged_folder, write_text
from corpusling.checks import check_count
from corpusling.errors import InputError
from corpusling.groups import check_group_by
from corpusling.parsed import ParsedCorpus, write_parquet
from corpusling.registry import ANALYSES as REGISTERED
from corpusling.registry import contract
from corpusling.tables import neutralise_formulas

#: Contract columns of each result table (``DESIGN.md``), written first and in this order (from the registry).
CONTRACT: dict[str, list[str]] = contract()

#: The analyses of the report (:mod:`corpusling.registry`), imported only when the report runs.
ANALYSES = REGISTERED

#: Which column of each marker table the rates are broken down by.
BREAKDOWN: dict[str, str] = {"conditionals": "class", "hedges": "category", "boosters": "category",
                             "quotations": "kind"}

#: Beyond this many groups a figure shows the whole corpus (the tables keep every group).
MAX_FIGURE_GROUPS = 6

@dataclass
class Step:
    """What happened to one part of the report."""

    name: str
    status: str = "ok"          # ok | missing | failed
    message: str = ""
    seconds: float = 0.0
    rows: int | None = None


@dataclass
class Report:
    """The result of :func:`build_report`: the folder, the steps and the files written."""

    out: Path
    steps: list[Step] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.status == "ok" for s in self.steps)

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)


class _Run:
    """Bookkeeping of a report run: progress lines, steps, files."""

    def __init__(self, out: Path, log: Callable[[str], None], raw_csv: bool = False) -> None:
        self.result = Report(out=out)
        self.log = log
        self.raw_csv = raw_csv

    def write_csv(self, frame: pl.DataFrame, name: str) -> Path:
        path = self.result.out / name
        frame = _csv_ready(frame)
        write_text(path, (frame if self.raw_csv else neutralise_formulas(frame)).write_csv())
        self.result.files.append(path)
        return path

    def write_parquet(self, frame: pl.DataFrame, name: str) -> Path:
        path = self.result.out / name
        write_parquet(frame, path)
        self.result.files.append(path)
        return path

    def attempt(self, name: str, action: Callable[[], Any]) -> Any:
        """Run ``action``; a missing module or a failure is recorded and reported, never raised."""
        step = Step(name)
        start = time.perf_counter()
        value = None
        try:
            value = action()
            if isinstance(value, pl.DataFrame):
                step.rows = value.height
        except ModuleNotFoundError as err:
            step.status, step.message = "missing", f"{err.name} is not available"
        except (KeyboardInterrupt, SystemExit, OSError):
            raise  # a file that cannot be written stops the run: the previous report stays as it was
        except Exception as err:  # noqa: BLE001 - one analysis must not stop the report
            step.status, step.message = "failed", f"{type(err).__name__}: {err}"
        step.seconds = time.perf_counter() - start
        self.result.steps.append(step)
        if step.status == "ok":
            rows = f"{step.rows:,} rows, " if step.rows is not None else ""
            self.log(f"report: {name}: {rows}{step.seconds:.1f} s")
        else:
            self.log(f"report: {name}: {step.status}: {step.message} (the other outputs are still written)")
        return value


def _csv_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns (lists, structs) as JSON-like text: CSV takes only flat values."""
    nested = [c for c, t in frame.schema.items() if isinstance(t, (pl.List, pl.Array, pl.Struct, pl.Object))]
    return frame.with_columns(pl.col(c).map_elements(lambda v: json.dumps(v if not hasattr(v, "to_list")
                                                                          else v.to_list(), ensure_ascii=False),
                                                     return_dtype=pl.String) for c in nested)


def contract_order(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    """The contract's columns first (missing ones as nulls), then the table's other columns."""
    columns = CONTRACT[name]
    missing = [pl.lit(None).alias(c) for c in columns if c not in frame.columns]
    frame = frame.with_columns(missing) if missing else frame
    return frame.select(*columns, *[c for c in frame.columns if c not in columns])


# --------------------------------------------------------------------------- provenance

def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_hashes(inputs: list[str | Path]) -> list[dict[str, Any]]:
    """Every file of the inputs (folders walked, hidden files left out) with its size and sha256."""
    rows: list[dict[str, Any]] = []
    for item in inputs:
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file() and not any(
            part.startswith(".") for part in p.relative_to(path).parts)) if path.is_dir() else [path]
        rows += [{"path": str(p), "bytes": p.stat().st_size, "sha256": sha256_file(p)} for p in files if p.exists()]
    return rows


def lexicon_records(user_lexicon: Path | None = None) -> list[dict[str, Any]]:
    """The lexicon files the analyses read: bundled TSVs and the user's, with sha256 and entry counts."""
    folder = Path(__file__).resolve().parent / "lexicons"
    paths = sorted(folder.glob("*.tsv")) + ([Path(user_lexicon)] if user_lexicon else [])
    records = []
    for path in paths:
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        entries = sum(1 for line in lines[1:] if line.strip() and not line.startswith("#"))
        records.append({"name": path.name, "bundled": path.parent == folder, "entries": entries,
                        "sha256": sha256_file(path), **({"path": str(path)} if path.parent != folder else {})})
    return records


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in ("polars", "numpy", "matplotlib", "stanza", "torch"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


# --------------------------------------------------------------------------- tables

def _stacked(markers: dict[str, pl.DataFrame], breakdown: bool) -> pl.DataFrame:
    """Every marker row once as ``doc_id, marker, breakdown, level`` with ``level`` "(all)", and, with
    ``breakdown``, once more under its category (:data:`BREAKDOWN`), for a single call of ``rates``."""
    parts = []
    for marker, rows in markers.items():
        doc = pl.col("doc_id").cast(pl.String)
        parts.append(rows.select(doc, pl.lit(marker).alias("marker"), pl.lit(None, pl.String).alias("breakdown"),
                                 pl.lit("(all)").alias("level")))
        column = BREAKDOWN.get(marker)
        if breakdown and column and column in rows.columns:
            parts.append(rows.select(doc, pl.lit(marker).alias("marker"), pl.lit(column).alias("breakdown"),
                                     pl.col(column).cast(pl.String).alias("level")))
    return pl.concat(parts)


def _in_marker_order(table: pl.DataFrame, markers: dict[str, pl.DataFrame], *then: str | pl.Expr) -> pl.DataFrame:
    """``table`` sorted as the markers are listed, totals ("(all)") before categories, then by ``then``."""
    order = pl.col("marker").replace_strict({m: i for i, m in enumerate(markers)}, return_dtype=pl.Int64)
    totals_first = [pl.col("breakdown").is_not_null()] if "breakdown" in table.columns else []
    return table.sort(order, *totals_first, *then, maintain_order=True)


def _marker_rates(markers: dict[str, pl.DataFrame], documents: pl.DataFrame, sizes: pl.DataFrame,
                  group_by: str | None, n_boot: int, seed: int, breakdown: bool) -> pl.DataFrame:
    """:func:`rates` of every marker (and, with ``breakdown``, of each of its categories) in one call.

    The documents are resampled once, and each marker gets the same resamples it would get alone
    (same seed, same documents). A marker without any row still gets its "(all)" line (a count of zero).
    """
    from corpusling.rates import rates

    totals = pl.DataFrame({"marker": list(markers), "breakdown": [None] * len(markers), "level": "(all)"},
                          schema={"marker": pl.String, "breakdown": pl.String, "level": pl.String})
    table = rates(_stacked(markers, breakdown), None, documents, by=["marker", "breakdown", "level"],
                  group_by=group_by, n_boot=n_boot, seed=seed, sizes=sizes, all_levels=totals)
    return _in_marker_order(table, markers, "group", "level")


def _rates_tables(parsed: ParsedCorpus, markers: dict[str, pl.DataFrame], group_by: str | None, n_boot: int,
                  seed: int) -> pl.DataFrame:
    """Long table: ``marker, breakdown, level`` (the category, or ``(all)``) then :func:`rates` columns."""
    from corpusling.rates import document_sizes

    table = _marker_rates(markers, parsed.documents, document_sizes(parsed.tokens), group_by, n_boot, seed, True)
    return table.select("marker", "breakdown", "level", "group", "count", "n_words", "n_docs", "rate", "ci_low",
                        "ci_high", "ci_method")


def _comparison(parsed: ParsedCorpus, markers: dict[str, pl.DataFrame], group_by: str) -> pl.DataFrame:
    """Each group against the rest, per marker and category: G², p and log ratio."""
    from corpusling.rates import compare, document_sizes

    sizes = document_sizes(parsed.tokens)
    parts = []
    for marker, rows in markers.items():
        total = compare(rows, None, parsed.documents, group_by=group_by, sizes=sizes)
        parts.append(total.with_columns(pl.lit(marker).alias("marker"), pl.lit("(all)").alias("level")))
        column = BREAKDOWN.get(marker)
        if column and column in rows.columns and rows.height:
            split = compare(rows.with_columns(pl.col(column).cast(pl.String)), None, parsed.documents,
                            group_by=group_by, by=[column], sizes=sizes)
            parts.append(split.rename({column: "level"}).with_columns(pl.lit(marker).alias("marker")))
    columns = ["marker", "level", "group", "count", "n_words", "other_count", "other_words", "g2", "p", "log_ratio"]
    return pl.concat([p.select(columns) for p in parts], how="vertical_relaxed")


# --------------------------------------------------------------------------- figures

def _figures(run: _Run, parsed: ParsedCorpus, markers: dict[str, pl.DataFrame], rates_table: pl.DataFrame | None,
             quotes: pl.DataFrame | None, group_by: str | None, lang: str, n_boot: int, seed: int,
             reported: pl.DataFrame | None = None) -> list[str]:
    """Each figure on its own (a failing one is reported); returns the stems written."""
    from corpusling import figures as fig
    from corpusling.markers.voice import with_in_quote
    from corpusling.summary import voice_rates, with_period

    folder = run.result.out / "figures"
    stems: list[str] = []
    if group_by and parsed.documents[group_by].n_unique() > MAX_FIGURE_GROUPS:
        run.log(f"report: {parsed.documents[group_by].n_unique()} groups in {group_by!r}: the figures show the "
                f"whole corpus (the tables keep every group)")
        group_by = None
        if markers:
            rates_table = run.attempt("rates for figures", lambda: _rates_tables(parsed, markers, None, n_boot, seed))

    def save(stem: str, figure: Any) -> None:
        run.result.files += fig.save(figure, folder / stem)
        stems.append(stem)

    def by_level(marker: str) -> pl.DataFrame:
        assert rates_table is not None
        return rates_table.filter((pl.col("marker") == marker) & (pl.col("level") != "(all)"))

    if rates_table is not None:
        if "conditionals" in markers:
            run.attempt("figure conditionals_by_class", lambda: save("conditionals_by_class", fig.plot_rates(
                by_level("conditionals"), "level", lang=lang, measure="conditionals_rate")))
        if "hedges" in markers:
            both = pl.concat([by_level("hedges"), by_level("boosters")])
            run.attempt("figure hedges_by_category", lambda: save("hedges_by_category", fig.plot_rates(
                both, "level", lang=lang, measure="hedges_boosters_rate")))
        if "quotations" in markers:
            run.attempt("figure quotations_by_kind", lambda: save("quotations_by_kind", fig.plot_rates(
                by_level("quotations"), "level", lang=lang, measure="quotations_rate")))
    if quotes is not None and any(m in markers for m in ("conditionals", "hedges", "boosters")):
        def voice() -> None:
            voiced = {m: markers[m] for m in ("conditionals", "hedges", "boosters") if m in markers}
            rows = pl.concat([with_in_quote(table, quotes).select(pl.col("doc_id").cast(pl.String),
                                                                  pl.col("start_char").cast(pl.Int64),
                                                                  pl.col("in_quote").cast(pl.Boolean),
                                                                  pl.lit(m).alias("marker"))
                              for m, table in voiced.items()])
            # one bootstrap for the three markers (each gets the resamples it would get alone); three voices
            # when reported speech was found: writer, quoted, reported
            table = voice_rates(rows, parsed.tokens, parsed.documents, quotes, by=["marker"], group_by=group_by,
                                n_boot=n_boot, seed=seed, all_levels=pl.DataFrame({"marker": list(voiced)}),
                                reported=reported)
            order = pl.col("marker").replace_strict({m: i for i, m in enumerate(voiced)}, return_dtype=pl.Int64)
            voices = pl.col("voice").replace_strict({"writer": 0, "quoted": 1, "reported": 2}, return_dtype=pl.Int64)
            table = table.sort(order, "group", voices, maintain_order=True)
            save("voice", fig.plot_voice(table, "marker", lang=lang))
        run.attempt("figure voice", voice)
    if markers:
        def dispersion() -> None:
            rows = pl.concat([m.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").cast(pl.Int64))
                              .with_columns(pl.lit(name).alias("marker"))
                              for name, m in markers.items() if name != "boosters"])
            save("dispersion", fig.plot_dispersion(rows, parsed.documents, "marker", lang=lang))
        run.attempt("figure dispersion", dispersion)
    if "date" in parsed.documents.columns and markers:
        dated = with_period(parsed.documents)
        if dated["period"].drop_nulls().n_unique() >= 2:
            def timeline() -> None:
                from corpusling.rates import document_sizes

                shown = {name: m for name, m in markers.items() if name != "boosters"}
                table = _marker_rates(shown, dated.filter(pl.col("period").is_not_null()),
                                      document_sizes(parsed.tokens), "period", n_boot, seed, False)
                save("timeline", fig.plot_timeline(table.drop("breakdown", "level"), "group", series="marker",
                                                   lang=lang))
            run.attempt("figure timeline", timeline)
    return stems


# --------------------------------------------------------------------------- HTML

def _html(run: _Run, parsed: ParsedCorpus, tables: dict[str, pl.DataFrame], stems: list[str],
          provenance: dict[str, Any], lang: str, results: dict[str, pl.DataFrame] | None = None) -> str:
    """The page ``report.html`` (:mod:`corpusling.report_page`); ``results`` are the analyses' tables."""
    from corpusling.report_page import render

    return render(run.result, parsed, tables, stems, provenance, lang, results or {})


# --------------------------------------------------------------------------- entry points

def build_report(parsed: ParsedCorpus, out: Path | str, group_by: str | None = None, lang: str = "fr",
                 lexicon: Path | str | None = None, lexicon_mode: str = "replace",
                 inputs: list[str | Path] | None = None, parameters: dict[str, Any] | None = None,
                 n_boot: int = 2000, seed: int = 0, log: Callable[[str], None] | None = None,
                 raw_csv: bool = False) -> Report:
    """Run every analysis on a parsed corpus and write the report folder ``out``.

    ``group_by`` is a metadata column (outlet, year…) for per-group rates and comparisons;
    ``lang`` the language of figures and page (``fr`` or ``en``); ``lexicon`` a hedge
    lexicon TSV of the user's, used alone (``lexicon_mode="replace"``) or added to the
    bundled one (``"add"``). ``raw_csv`` writes CSV cells that begin like a spreadsheet formula
    as they are (see :func:`corpusling.tables.neutralise_formulas`). The folder is built aside and
    replaces ``out`` whole at the end. Returns what was done; never raises for a failing analysis
    (a file that cannot be written raises ``OSError``, and the previous folder stays).
    """

    if lang not in ("fr", "en"):
        raise InputError(f"--lang must be fr or en, not {lang!r}")
    check_group_by(parsed.documents, group_by, option="--group-by")
    check_count(n_boot, "--n-boot", minimum=1)
    user_lexicon = None
    if lexicon is not None:  # checked before anything is written: a bad line is the user's to fix (exit 2)
        if not Path(lexicon).is_file():
            raise InputError(f"--lexicon {lexicon}: no such file")
        from corpusling.lexicons import load_lexicon

        user_lexicon = load_lexicon(lexicon, mode=lexicon_mode)
    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    final = Path(out)
    with staged_folder(final) as staging:  # built aside, swapped in whole: a kill never leaves half a report
        result = _write_report(parsed, staging, group_by=group_by, lang=lang, lexicon=lexicon,
                               lexicon_mode=lexicon_mode, user_lexicon=user_lexicon, inputs=inputs,
                               parameters=parameters, n_boot=n_boot, seed=seed, log=log, raw_csv=raw_csv)
    result.files = [final / p.relative_to(staging) for p in result.files]
    result.out = final
    return result


def _write_report(parsed: ParsedCorpus, out: Path, group_by: str | None, lang: str, lexicon: Path | str | None,
                  lexicon_mode: str, user_lexicon: Any, inputs: list[str | Path] | None,
                  parameters: dict[str, Any] | None, n_boot: int, seed: int, log: Callable[[str], None],
                  raw_csv: bool) -> Report:
    """Every table, figure, the provenance and the page, written into ``out`` (the staging folder)."""
    from corpusling.summary import marker_tables, summary

    run = _Run(out, log, raw_csv)
    tokens, documents = parsed.tokens, parsed.documents

    def write_tokens() -> pl.DataFrame:
        run.write_parquet(tokens, "tokens.parquet")
        return tokens

    def write_documents() -> pl.DataFrame:
        run.write_parquet(documents, "documents.parquet")
        run.write_csv(parsed.metadata(), "documents.csv")
        return documents

    run.attempt("tokens.parquet", write_tokens)
    run.attempt("documents.parquet, documents.csv", write_documents)

    results: dict[str, pl.DataFrame] = {}

    def analyse(name: str, call: Callable[[], pl.DataFrame]) -> None:
        def action() -> pl.DataFrame:
            table = call()
            results[name] = table
            run.write_csv(contract_order(table, name), f"{name}.csv")
            return table
        run.attempt(name, action)

    # every analysis of the registry, in order, each given the tables it needs and the options it takes
    for analysis in ANALYSES.values():
        if analysis.ready(results):
            analyse(analysis.name, lambda a=analysis: a.run(tokens, documents, results, lexicon=user_lexicon))
    quotes = results.get("quotes")

    markers = marker_tables(results.get("conditionals"), results.get("hedges"), quotes)
    tables: dict[str, pl.DataFrame] = {}

    def table(name: str, build: Callable[[], pl.DataFrame]) -> None:
        def action() -> pl.DataFrame:
            frame = build()
            tables[name] = frame
            run.write_csv(frame, f"{name}.csv")
            return frame
        run.attempt(f"{name}.csv", action)

    table("summary", lambda: summary(tokens, documents, results.get("conditionals"), results.get("hedges"), quotes,
                                     group_by=group_by, reported=results.get("reported")))
    if markers:
        table("rates", lambda: _rates_tables(parsed, markers, group_by, n_boot, seed))
    if markers and group_by:
        table("comparison", lambda: _comparison(parsed, markers, group_by))
    stems = _figures(run, parsed, markers, tables.get("rates"), quotes, group_by, lang, n_boot, seed,
                     results.get("reported"))

    provenance = {
        "corpusling": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": _versions(),
        "command": sys.argv[1:] if Path(sys.argv[0]).name.startswith("corpusling") else None,
        "parameters": {"group_by": group_by, "lang": lang, "lexicon": str(lexicon) if lexicon else None,
                       "lexicon_mode": lexicon_mode if lexicon else None,
                       "per": 1000, "n_boot": n_boot, "seed": seed, "ci": 0.95, **(parameters or {})},
        "model": parsed.model,
        "lexicons": lexicon_records(Path(lexicon) if lexicon else None),
        "inputs": input_hashes(inputs or []),
        "documents": {"n": documents.height, "words": tokens.height,
                      "texts_sha256": hashlib.sha256("\n".join(
                          hashlib.sha256(t.encode("utf-8")).hexdigest() for t in documents["text"].to_list()
                      ).encode()).hexdigest() if "text" in documents.columns else None},
        "skipped": parsed.skipped,
        "analyses": {s.name: {"status": s.status, "message": s.message, "rows": s.rows,
                              "seconds": round(s.seconds, 3)} for s in run.result.steps},
        "outputs": {p.relative_to(out).as_posix(): sha256_file(p) for p in run.result.files if p.exists()},
    }
    run.attempt("provenance.json", lambda: write_text(out / "provenance.json",
                                                      json.dumps(provenance, indent=2, ensure_ascii=False) + "\n"))
    run.result.files.append(out / "provenance.json")
    run.attempt("report.html", lambda: write_text(out / "report.html",
                                                  _html(run, parsed, tables, stems, provenance, lang,
                                                                results)))
    run.result.files.append(out / "report.html")
    return run.result


def report(inputs: list[str | Path], out: Path | str, group_by: str | None = None, lang: str = "fr",
           model: str | Path | None = None, lexicon: Path | str | None = None, lexicon_mode: str = "replace",
           format: str | None = None,
           text_column: str = "text", workers: int = 1, cache: Path | None = None, use_cache: bool = True,
           n_boot: int = 2000, seed: int = 0, log: Callable[[str], None] | None = None,
           raw_csv: bool = False) -> Report:
    """Read and parse ``inputs`` (cached; a parsed folder is loaded), then :func:`build_report`."""
    from corpusling.api import load_or_parse

    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    check_replaceable(Path(out))  # before the parse, not after it
    check_count(n_boot, "--n-boot", minimum=1)
    start = time.perf_counter()
    log(f"report: reading and parsing {', '.join(map(str, inputs))} (cached)")
    parsed = load_or_parse(list(inputs), format=format, text_column=text_column, model=model, workers=workers,
                           cache=cache, use_cache=use_cache, progress=True, report_skipped=True,
                           exclude=[Path(out)])
    log(f"report: {parsed.documents.height:,} documents, {parsed.tokens.height:,} words "
        f"({parsed.model.get('name', '?')} model) in {time.perf_counter() - start:.1f} s")
    return build_report(parsed, out, group_by=group_by, lang=lang, lexicon=lexicon, lexicon_mode=lexicon_mode,
                        inputs=inputs,
                        parameters={"model": str(model) if model else None, "format": format,
                                    "text_column": text_column}, n_boot=n_boot, seed=seed, log=log,
                        raw_csv=raw_csv)


__all__ = ["CONTRACT", "Report", "Step", "build_report", "contract_order", "report"]

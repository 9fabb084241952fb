"""The report's run: every analysis, its tables, figures, provenance and the page, in one folder.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import polars as pl

from corpusling import __version__
from corpusling import tokens as tok
from corpusling.atomic import check_replaceable, staged_folder, write_text
from corpusling.checks import check_count
from corpusling.errors import InputError
from corpusling.groups import check_group_by
from corpusling.parsed import ParquetStream, ParsedCorpus, write_parquet
from corpusling.registry import ANALYSES as REGISTERED
from corpusling.registry import DEFAULT_LEXICON_MODE, contract
from corpusling.summary import BREAKDOWN, stacked_markers
from corpusling.tables import neutralise_formulas

#: Contract columns of each result table (``DESIGN.md``), written first and in this order (from the registry).
CONTRACT: dict[str, list[str]] = contract()

#: The analyses of the report (:mod:`corpusling.registry`), imported only when the report runs.
ANALYSES = REGISTERED

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


def texts_digest(texts: pl.Series, chunk: int = 1000) -> str:
    """The sha256 of the texts' sha256s, one per line: the identity of a corpus's texts, read ``chunk`` texts
    at a time (never all of them as Python strings at once)."""
    digests: list[str] = []
    for start in range(0, texts.len(), chunk):
        digests += [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts.slice(start, chunk).to_list()]
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def lexicon_records(user_lexicon: Path | None = None) -> list[dict[str, Any]]:
    """The lexicon files the analyses read: bundled TSVs and the user's, with sha256 and entry counts."""
    from corpusling.lexicons import HERE as folder
    from corpusling.lexicons import entry_count

    paths = sorted(folder.glob("*.tsv")) + ([Path(user_lexicon)] if user_lexicon else [])
    records = []
    for path in paths:
        if not path.exists():
            continue
        entries = entry_count(path)
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
    table = rates(stacked_markers(markers, breakdown), None, documents, by=["marker", "breakdown", "level"],
                  group_by=group_by, n_boot=n_boot, seed=seed, sizes=sizes, all_levels=totals)
    return _in_marker_order(table, markers, "group", "level")


def _rates_tables(corpus: ParsedCorpus | Counted, markers: dict[str, pl.DataFrame], group_by: str | None,
                  n_boot: int, seed: int) -> pl.DataFrame:
    """Long table: ``marker, breakdown, level`` (the category, or ``(all)``) then :func:`rates` columns."""
    table = _marker_rates(markers, corpus.documents, corpus.sizes(), group_by, n_boot, seed, True)
    return table.select("marker", "breakdown", "level", "group", "count", "n_words", "n_docs", "rate", "ci_low",
                        "ci_high", "ci_method")


def _comparison(corpus: ParsedCorpus | Counted, markers: dict[str, pl.DataFrame], group_by: str) -> pl.DataFrame:
    """Each group against the rest, per marker and category: G², p and log ratio."""
    from corpusling.rates import compare

    sizes, documents = corpus.sizes(), corpus.documents
    parts = []
    for marker, rows in markers.items():
        total = compare(rows, None, documents, group_by=group_by, sizes=sizes)
        parts.append(total.with_columns(pl.lit(marker).alias("marker"), pl.lit("(all)").alias("level")))
        column = BREAKDOWN.get(marker)
        if column and column in rows.columns and rows.height:
            split = compare(rows.with_columns(pl.col(column).cast(pl.String)), None, documents,
                            group_by=group_by, by=[column], sizes=sizes)
            parts.append(split.rename({column: "level"}).with_columns(pl.lit(marker).alias("marker")))
    columns = ["marker", "level", "group", "count", "n_words", "other_count", "other_words", "g2", "p", "log_ratio"]
    return pl.concat([p.select(columns) for p in parts], how="vertical_relaxed")


# --------------------------------------------------------------------------- figures

def _figures(run: _Run, corpus: Counted, markers: dict[str, pl.DataFrame], rates_table: pl.DataFrame | None,
             quotes: pl.DataFrame | None, group_by: str | None, lang: str, n_boot: int, seed: int,
             reported: pl.DataFrame | None = None) -> list[str]:
    """Each figure on its own (a failing one is reported); returns the stems written."""
    from corpusling import figures as fig
    from corpusling.markers.voice import with_in_quote
    from corpusling.summary import voice_rates, with_period

    folder = run.result.out / "figures"
    documents = corpus.documents
    stems: list[str] = []
    if group_by and documents[group_by].n_unique() > MAX_FIGURE_GROUPS:
        run.log(f"report: {documents[group_by].n_unique()} groups in {group_by!r}: the figures show the "
                f"whole corpus (the tables keep every group)")
        group_by = None
        if markers:
            rates_table = run.attempt("rates for figures", lambda: _rates_tables(corpus, markers, None, n_boot, seed))

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
            table = voice_rates(rows, None, documents, quotes, by=["marker"], group_by=group_by,
                                n_boot=n_boot, seed=seed, all_levels=pl.DataFrame({"marker": list(voiced)}),
                                reported=reported, measures=corpus.measures)
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
            save("dispersion", fig.plot_dispersion(rows, documents, "marker", lang=lang))
        run.attempt("figure dispersion", dispersion)
    if "date" in documents.columns and markers:
        dated = with_period(documents)
        if dated["period"].drop_nulls().n_unique() >= 2:
            def timeline() -> None:
                shown = {name: m for name, m in markers.items() if name != "boosters"}
                table = _marker_rates(shown, dated.filter(pl.col("period").is_not_null()),
                                      corpus.sizes(), "period", n_boot, seed, False)
                save("timeline", fig.plot_timeline(table.drop("breakdown", "level"), "group", series="marker",
                                                   lang=lang))
            run.attempt("figure timeline", timeline)
    return stems


# --------------------------------------------------------------------------- HTML

def _html(run: _Run, parsed: Counted, tables: dict[str, pl.DataFrame], stems: list[str],
          provenance: dict[str, Any], lang: str, results: dict[str, pl.DataFrame] | None = None) -> str:
    """The page ``report.html`` (:mod:`corpusling.report.page`); ``results`` are the analyses' tables."""
    from corpusling.report.page import render

    return render(run.result, parsed, tables, stems, provenance, lang, results or {})


# --------------------------------------------------------------------------- document by document

@dataclass
class Counted:
    """The corpus as the corpus-wide steps of the report see it: documents, each document's measures
    (:func:`corpusling.measures.document_measures`) and the model, without the token table.

    Every analysis of the registry gives rows that depend on one document at a time, so they and the
    measures are computed batch by batch (or shard by shard) and stacked; rates, comparisons, figures
    and the summary come from the stacked tables alone.
    """

    documents: pl.DataFrame
    measures: pl.DataFrame
    model: dict[str, Any]
    n_tokens: int
    skipped: list[dict[str, str]] = field(default_factory=list)

    def sizes(self) -> pl.DataFrame:
        """Words per document (``doc_id, n_words``), as :meth:`ParsedCorpus.sizes`."""
        return self.measures.select("doc_id", "n_words")

    @property
    def n_sentences(self) -> int:
        return int(self.measures["n_sentences"].sum()) if self.measures.height else 0


class _Analyses:
    """The registry's analyses run on consecutive batches of whole documents, their tables kept to stack.

    An analysis that fails (or whose module is missing) on any batch is reported once and its table
    dropped; the others go on. Each batch also gives its documents' measures.
    """

    def __init__(self, lexicon: Any, log: Callable[[str], None]) -> None:
        self.lexicon, self.log = lexicon, log
        self.steps: dict[str, Step] = {}
        self.parts: dict[str, list[pl.DataFrame]] = {}
        self.measures: list[pl.DataFrame] = []
        self.n_tokens = 0

    def add(self, batch: ParsedCorpus) -> None:
        from corpusling.measures import document_measures

        results: dict[str, pl.DataFrame] = {}
        for analysis in ANALYSES.values():
            step = self.steps.get(analysis.name)
            if step is not None and step.status != "ok":
                continue
            if not analysis.ready(results):
                if step is not None:  # it ran on earlier batches: its table would miss these documents
                    missing = ", ".join(r for r in analysis.requires if results.get(r) is None)
                    step.status, step.message = "failed", f"needs {missing}, which failed"
                    self.parts.pop(analysis.name, None)
                continue
            step = self.steps.setdefault(analysis.name, Step(analysis.name, rows=0))
            start = time.perf_counter()
            try:
                table = analysis.run(batch.tokens, batch.documents, results, batch, lexicon=self.lexicon)
            except ModuleNotFoundError as err:
                step.status, step.message = "missing", f"{err.name} is not available"
            except (KeyboardInterrupt, SystemExit, OSError):
                raise
            except Exception as err:  # noqa: BLE001 - one analysis must not stop the report
                step.status, step.message = "failed", f"{type(err).__name__}: {err}"
            else:
                results[analysis.name] = table
                self.parts.setdefault(analysis.name, []).append(table)
                step.rows = (step.rows or 0) + table.height
            step.seconds += time.perf_counter() - start
            if step.status != "ok":
                self.parts.pop(analysis.name, None)
                self.log(f"report: {analysis.name}: {step.status}: {step.message} (the other outputs are still "
                         "written)")
        self.measures.append(document_measures(batch.tokens, results.get("quotes"), results.get("reported")))
        self.n_tokens += batch.tokens.height

    def tables(self) -> dict[str, pl.DataFrame]:
        """Each analysis's table for the whole corpus (rows in the order a single run gives)."""
        from corpusling.registry import stack

        return {name: plain(stack(ANALYSES[name], parts)) for name, parts in self.parts.items()
                if self.steps[name].status == "ok"}

    def counted(self, documents: pl.DataFrame, model: dict[str, Any],
                skipped: list[dict[str, str]] | None = None) -> Counted:
        from corpusling.measures import COLUMNS

        measures = (pl.concat(self.measures, how="diagonal_relaxed") if self.measures
                    else pl.DataFrame(schema={"doc_id": pl.String, "n_words": pl.UInt32, "n_sentences": pl.UInt32}))
        return Counted(documents=plain(documents), model=model, n_tokens=self.n_tokens, skipped=skipped or [],
                       measures=measures.select([c for c in COLUMNS if c in measures.columns]))


def plain(frame: pl.DataFrame) -> pl.DataFrame:
    """Categorical columns as strings: tables of batches and of shards read back from Parquet then agree."""
    return frame.with_columns(pl.col(pl.Categorical).cast(pl.String))


# --------------------------------------------------------------------------- entry points

def _options(group_by: str | None, lang: str, n_boot: int, lexicon: Path | str | None,
             lexicon_mode: str, documents: pl.DataFrame | None) -> Any:
    """Check the options before anything is written (exit 2 for the user's mistakes); the user's lexicon."""
    if lang not in ("fr", "en"):
        raise InputError(f"--lang must be fr or en, not {lang!r}")
    if documents is not None:
        check_group_by(documents, group_by, option="--group-by")
    check_count(n_boot, "--n-boot", minimum=1)
    if lexicon is None:
        return None
    if not Path(lexicon).is_file():  # a bad line is the user's to fix (exit 2)
        raise InputError(f"--lexicon {lexicon}: no such file")
    from corpusling.lexicons import load_lexicon

    return load_lexicon(lexicon, mode=lexicon_mode)


def _default_log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def build_report(parsed: ParsedCorpus, out: Path | str, group_by: str | None = None, lang: str = "fr",
                 lexicon: Path | str | None = None, lexicon_mode: str = DEFAULT_LEXICON_MODE,
                 inputs: list[str | Path] | None = None, parameters: dict[str, Any] | None = None,
                 n_boot: int = 2000, seed: int = 0, log: Callable[[str], None] | None = None,
                 raw_csv: bool = False) -> Report:
    """Run every analysis on a parsed corpus and write the report folder ``out``.

    ``group_by`` is a metadata column (outlet, year…) for per-group rates and comparisons;
    ``lang`` the language of figures and page (``fr`` or ``en``); ``lexicon`` a hedge
    lexicon TSV of the user's, added to the bundled one (``lexicon_mode="add"``, the default)
    or used alone (``"replace"``). ``raw_csv`` writes CSV cells that begin like a spreadsheet formula
    as they are (see :func:`corpusling.tables.neutralise_formulas`). The folder is built aside and
    replaces ``out`` whole at the end. Returns what was done; never raises for a failing analysis
    (a file that cannot be written raises ``OSError``, and the previous folder stays).
    The corpus is one batch of :func:`report_batches`: the same files as a folder read batch by batch.
    """
    return report_batches(lambda: iter([parsed]), parsed.documents, parsed.model, out, group_by=group_by,
                          lang=lang, lexicon=lexicon, lexicon_mode=lexicon_mode, inputs=inputs,
                          parameters=parameters, n_boot=n_boot, seed=seed, log=log, raw_csv=raw_csv,
                          skipped=parsed.skipped)


def report_batches(batches: Callable[[], Iterator[ParsedCorpus]], documents: pl.DataFrame, model: dict[str, Any],
                   out: Path | str, group_by: str | None = None, lang: str = "fr",
                   lexicon: Path | str | None = None, lexicon_mode: str = DEFAULT_LEXICON_MODE,
                   inputs: list[str | Path] | None = None, parameters: dict[str, Any] | None = None,
                   n_boot: int = 2000, seed: int = 0, log: Callable[[str], None] | None = None,
                   raw_csv: bool = False, skipped: list[dict[str, str]] | None = None) -> Report:
    """The report of a corpus given as consecutive batches of whole documents (``batches()`` yields them in
    the order of ``documents``, the whole documents table): at most one batch of tokens in memory."""
    user_lexicon = _options(group_by, lang, n_boot, lexicon, lexicon_mode, documents)
    log = log or _default_log
    final = Path(out)
    with staged_folder(final) as staging:  # built aside, swapped in whole: a kill never leaves half a report
        run = _Run(staging, log, raw_csv)
        analyses = _Analyses(user_lexicon, log)
        tokens_step, start = Step("tokens.parquet"), time.perf_counter()
        stream = ParquetStream(staging / "tokens.parquet", empty=tok.empty())
        for number, batch in enumerate(batches(), start=1):
            stream.write(batch.tokens)
            analyses.add(batch)
            log(f"report: batch {number}: {batch.documents.height:,} documents, {batch.tokens.height:,} words")
        stream.close()
        tokens_step.seconds, tokens_step.rows = time.perf_counter() - start, stream.n_rows
        run.result.files.append(staging / "tokens.parquet")
        counted = analyses.counted(documents, model, skipped)
        result = _write_report(run, counted, analyses.tables(), [tokens_step, *analyses.steps.values()],
                               group_by=group_by, lang=lang, lexicon=lexicon, lexicon_mode=lexicon_mode,
                               inputs=inputs, parameters=parameters, n_boot=n_boot, seed=seed)
    result.files = [final / p.relative_to(staging) for p in result.files]
    result.out = final
    return result


def _write_report(run: _Run, corpus: Counted, results: dict[str, pl.DataFrame], done: list[Step],
                  group_by: str | None, lang: str, lexicon: Path | str | None, lexicon_mode: str,
                  inputs: list[str | Path] | None, parameters: dict[str, Any] | None, n_boot: int,
                  seed: int) -> Report:
    """Every table, figure, the provenance and the page from the stacked tables (``done``: the steps so far:
    the token table and the analyses, run batch by batch)."""
    from corpusling.summary import marker_tables, summary

    out, documents = run.result.out, corpus.documents
    tokens_step, *analysis_steps = done
    run.result.steps.append(tokens_step)

    def write_documents() -> pl.DataFrame:
        stream = ParquetStream(out / "documents.parquet")
        stream.write(documents)
        stream.close()
        run.result.files.append(out / "documents.parquet")
        run.write_csv(corpus.documents.drop("text", strict=False), "documents.csv")
        return documents

    run.attempt("documents.parquet, documents.csv", write_documents)
    for step in analysis_steps:  # their CSV files, in the registry's order
        run.result.steps.append(step)
        if step.status == "ok":
            run.write_csv(contract_order(results[step.name], step.name), f"{step.name}.csv")
            run.log(f"report: {step.name}: {step.rows:,} rows, {step.seconds:.1f} s")
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

    table("summary", lambda: summary(None, documents, results.get("conditionals"), results.get("hedges"), quotes,
                                     group_by=group_by, reported=results.get("reported"), measures=corpus.measures))
    if markers:
        table("rates", lambda: _rates_tables(corpus, markers, group_by, n_boot, seed))
    if markers and group_by:
        table("comparison", lambda: _comparison(corpus, markers, group_by))
    stems = _figures(run, corpus, markers, tables.get("rates"), quotes, group_by, lang, n_boot, seed,
                     results.get("reported"))

    provenance = {
        "corpusling": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": _versions(),
        "command": sys.argv[1:] if Path(sys.argv[0]).name.startswith("corpusling") else None,
        "parameters": {"group_by": group_by, "lang": lang, "lexicon": str(lexicon) if lexicon else None,
                       "lexicon_mode": lexicon_mode if lexicon else None,
                       "per": 1000, "n_boot": n_boot, "seed": seed, "ci": 0.95, **(parameters or {})},
        "model": corpus.model,
        "lexicons": lexicon_records(Path(lexicon) if lexicon else None),
        "inputs": input_hashes(inputs or []),
        "documents": {"n": documents.height, "words": corpus.n_tokens,
                      "texts_sha256": texts_digest(documents["text"]) if "text" in documents.columns else None},
        "skipped": corpus.skipped,
        "analyses": {s.name: {"status": s.status, "message": s.message, "rows": s.rows,
                              "seconds": round(s.seconds, 3)} for s in run.result.steps},
        "outputs": {p.relative_to(out).as_posix(): sha256_file(p) for p in run.result.files if p.exists()},
    }
    run.attempt("provenance.json", lambda: write_text(out / "provenance.json",
                                                      json.dumps(provenance, indent=2, ensure_ascii=False) + "\n"))
    run.result.files.append(out / "provenance.json")
    run.attempt("report.html", lambda: write_text(out / "report.html",
                                                  _html(run, corpus, tables, stems, provenance, lang, results)))
    run.result.files.append(out / "report.html")
    return run.result


def report_folder(folder: Path | str, out: Path | str, batch_words: int | None = None,
                  **options: Any) -> Report:
    """The report of a parsed folder read batch by batch (``batch_words`` words at a time): bounded memory
    (``benchmarks/bench_report.py``); the same files as :func:`build_report` on the folder loaded whole."""
    from corpusling.lazy import BATCH_WORDS, document_batches
    from corpusling.parsed import documents_table, folder_model

    folder = Path(folder)
    size = batch_words or BATCH_WORDS
    check_count(size, "--batch-words", minimum=1)
    documents = documents_table(folder)
    return report_batches(lambda: document_batches(folder, size), documents, folder_model(folder), out,
                          **options)


def report(inputs: list[str | Path], out: Path | str, group_by: str | None = None, lang: str = "fr",
           model: str | Path | None = None, lexicon: Path | str | None = None,
           lexicon_mode: str = DEFAULT_LEXICON_MODE,
           format: str | None = None,
           text_column: str = "text", workers: int = 1, cache: Path | None = None, use_cache: bool = True,
           n_boot: int = 2000, seed: int = 0, log: Callable[[str], None] | None = None,
           raw_csv: bool = False, batch_words: int | None = None) -> Report:
    """Read and parse ``inputs`` (cached), then :func:`build_report`; one parsed folder is read batch by
    batch (:func:`report_folder`), so a corpus larger than memory can be reported."""
    from corpusling.api import load_or_parse
    from corpusling.parsed import is_parsed_folder

    log = log or _default_log
    check_replaceable(Path(out))  # before the parse, not after it
    check_count(n_boot, "--n-boot", minimum=1)
    options: dict[str, Any] = dict(group_by=group_by, lang=lang, lexicon=lexicon, lexicon_mode=lexicon_mode,
                                   inputs=inputs, n_boot=n_boot, seed=seed, log=log, raw_csv=raw_csv,
                                   parameters={"model": str(model) if model else None, "format": format,
                                               "text_column": text_column})
    if len(inputs) == 1 and is_parsed_folder(Path(inputs[0])) and Path(inputs[0]).resolve() != Path(out).resolve():
        log(f"report: reading the parsed folder {inputs[0]} batch by batch")
        return report_folder(inputs[0], out, batch_words=batch_words, **options)
    start = time.perf_counter()
    log(f"report: reading and parsing {', '.join(map(str, inputs))} (cached)")
    parsed = load_or_parse(list(inputs), format=format, text_column=text_column, model=model, workers=workers,
                           cache=cache, use_cache=use_cache, progress=True, report_skipped=True,
                           exclude=[Path(out)])
    log(f"report: {parsed.documents.height:,} documents, {parsed.tokens.height:,} words "
        f"({parsed.model.get('name', '?')} model) in {time.perf_counter() - start:.1f} s")
    return build_report(parsed, out, **options)


__all__ = ["CONTRACT", "Counted", "Report", "Step", "build_report", "contract_order", "report", "report_batches",
           "report_folder"]

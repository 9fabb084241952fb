"""What the workbench loads once and keeps for the life of the server: the corpus, its query index, the
marker tables, the hits of recent queries.

A folder is either a parsed corpus (``corpusling parse --out``) or a report (``corpusling report --out``):
both hold ``tokens.parquet`` and ``documents.parquet``; a report also holds one CSV file per analysis,
which the workbench reads instead of running the analysis again, so that it shows exactly what the
report counted. On a parsed folder each analysis runs on first use (the corpus's own tables:
``cl.quotes``, ``cl.conditionals``, ``cl.hedges``, ``cl.reported``) and is kept.

Requests are served from a thread pool; locks serialise the work that fills the caches.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from corpusling.errors import InputError
from corpusling.parsed import ParsedCorpus, is_parsed_folder, load
from corpusling.query import TokenIndex, index, parse, query
from corpusling.registry import breakdown


@dataclass(frozen=True)
class Layer:
    """One analysis drawn in the text and listed as a table: the CSV file of a report holding it, the column
    that classes a row (``category``: the registry's breakdown column), the column naming what decided it
    (``rule``: shown on hover), the column holding the marked words, and the other columns worth a glance."""

    name: str
    label: str
    category: str
    rule: str
    words: str
    details: tuple[str, ...] = ()


#: The marker layers, in the order the pages list them (and draw them, outermost first).
LAYERS: tuple[Layer, ...] = (
    Layer("quotes", "Quotations", breakdown("quotes"), "rule", "text",
          ("speaker", "source", "reporting_verb", "nested")),
    Layer("reported", "Reported speech", breakdown("reported"), "rule", "text", ("speaker", "source", "cue")),
    Layer("conditionals", "Conditionals", breakdown("conditionals"), "rule", "form",
          ("lemma", "main_lemma", "tense", "voice")),
    Layer("hedges", "Hedges and boosters", breakdown("hedges"), "entry", "match", ("voice", "in_quote")),
)
LAYER_BY_NAME: dict[str, Layer] = {layer.name: layer for layer in LAYERS}

#: Columns of a report's CSV files read as numbers or booleans (CSV keeps no types; every other column is text,
#: so that a ``doc_id`` such as "43971" stays the string the token table has).
INTEGER_COLUMNS = {"start_char", "end_char", "sent_id", "quote_id", "n_tokens", "cue_start", "cue_end",
                   "source_start", "source_end", "n_quotes", "quoted_words", "n_direct", "n_mixed", "n_reported",
                   "reported_words", "count", "n_words", "n_docs"}
FLOAT_COLUMNS = {"rate", "ci_low", "ci_high"}
BOOLEAN_COLUMNS = {"in_quote", "nested", "compound", "unbalanced", "continued"}
#: Metadata columns read as dates, in this order of preference, for the dispersion over time.
DATE_COLUMNS = ("date", "published", "pub_date", "year")
#: Queries whose hits are kept (most recent first out).
KEPT_QUERIES = 32
#: Attributes whose index is built when the server starts (others on first use).
WARM_ATTRIBUTES = ("form", "lemma", "upos", "mood", "verbform", "tense", "person", "number", "deprel")
#: A metadata column with at most this many values is filtered with a menu (exact value), else a text box.
MENU_LIMIT = 60


def is_report_folder(folder: Path) -> bool:
    """A folder written by ``corpusling report``: parsed tables plus at least one analysis's CSV file."""
    return is_parsed_folder(folder) and any((folder / f"{layer.name}.csv").is_file() for layer in LAYERS)


def read_report_csv(path: Path) -> pl.DataFrame:
    """A CSV file of a report with the types the analysis gave it (see :data:`INTEGER_COLUMNS`)."""
    frame = pl.read_csv(path, infer_schema=False)
    integers = INTEGER_COLUMNS | ({"level"} if path.stem == "quotes" else set())  # nesting level of a quotation
    casts = []
    for name in frame.columns:
        if name in integers:
            casts.append(pl.col(name).cast(pl.Int64, strict=False))
        elif name in FLOAT_COLUMNS:
            casts.append(pl.col(name).cast(pl.Float64, strict=False))
        elif name in BOOLEAN_COLUMNS:
            casts.append(pl.col(name).str.to_lowercase().eq("true").alias(name))
    return frame.with_columns(casts) if casts else frame


def analyse(corpus: ParsedCorpus, name: str) -> pl.DataFrame:
    """One marker table (a layer's name, or ``speakers``) computed on a corpus, with the package's verbs: the
    corpus computes its quotations, hedges and reported speech once and every table reads them."""
    import corpusling as cl

    if name == "speakers":
        from corpusling.markers.speakers import speakers

        table = speakers(cl.quotes(corpus), corpus.tokens, corpus.documents, reported=cl.reported(corpus))
    else:
        table = {"quotes": cl.quotes, "conditionals": cl.conditionals, "hedges": cl.hedges,
                 "reported": cl.reported}[name](corpus)
    return table.with_columns(pl.col("doc_id").cast(pl.String)) if "doc_id" in table.columns else table


class _Recent(OrderedDict):
    """A small least-recently-used cache."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or_make(self, key: Any, make: Callable[[], Any]) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = make()
        self[key] = value
        while len(self) > self.size:
            self.popitem(last=False)
        return value


class Workbench:
    """The loaded folder: corpus, index and everything computed from them, each once."""

    def __init__(self, folder: Path | str) -> None:
        folder = Path(folder)
        if not is_parsed_folder(folder):
            raise InputError(f"{folder} is not a parsed corpus or report folder (it needs tokens.parquet and "
                             "documents.parquet); make one with `corpusling parse INPUT... --out FOLDER` or "
                             "`corpusling report INPUT... --out FOLDER`")
        self.folder = folder.resolve()
        self.is_report = is_report_folder(self.folder)
        self.corpus: ParsedCorpus = load(self.folder)
        self.index: TokenIndex = index(self.corpus.tokens)
        documents = self.corpus.documents.with_columns(pl.col("doc_id").cast(pl.String))
        self.corpus.documents = documents
        self.doc_row: dict[str, int] = {d: i for i, d in enumerate(documents["doc_id"].to_list())}
        self.metadata_columns: list[str] = [c for c in documents.columns if c not in ("doc_id", "text")]
        self.title_column: str | None = "title" if "title" in documents.columns else None
        self.date_column: str | None = next((c for c in DATE_COLUMNS if c in documents.columns), None)
        #: one lock for the query index and the hits, one for the marker tables (whose first computation on a
        #: large parsed folder takes minutes, during which queries go on), one for the documents' own markers
        self.lock = threading.RLock()
        self.tables_lock = threading.RLock()
        self.documents_lock = threading.RLock()
        self._tables: dict[str, pl.DataFrame] = {}
        self._hits = _Recent(KEPT_QUERIES)
        self._lines = _Recent(8)
        self._rates = _Recent(8)
        self._menus: dict[str, list[str] | None] = {}
        self._documents_markers = _Recent(256)
        #: document number (in token-table order) of each doc_id
        self._doc_number: dict[str, int] = {d: i for i, d in enumerate(self.index.doc_names.to_list())}

    # ------------------------------------------------------------------ the corpus
    @property
    def documents(self) -> pl.DataFrame:
        return self.corpus.documents

    @property
    def n_words(self) -> int:
        return self.corpus.n_words

    def warm(self) -> None:
        """Build what the first query would otherwise wait for: texts as bytes, offsets, and the codes and
        postings of the attributes queries read most (:data:`WARM_ATTRIBUTES`; about 0.4 s each on 10 M words)."""
        with self.lock:
            self.index.texts(self.documents)
            self.index.offsets()
            for attr in WARM_ATTRIBUTES:
                if attr in self.corpus.tokens.columns:
                    self.index.postings(attr)
            self.corpus.sizes()

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document's row (``doc_id``, metadata, ``text``), or None."""
        row = self.doc_row.get(doc_id)
        return None if row is None else self.documents.row(row, named=True)

    def title(self, doc_id: str) -> str:
        """The document's title where the metadata has one, else ''."""
        if self.title_column is None or doc_id not in self.doc_row:
            return ""
        return str(self.documents[self.title_column][self.doc_row[doc_id]] or "")

    def metadata_values(self, column: str) -> list[str] | None:
        """The distinct values of a metadata column when there are few (a menu), else None (a text box)."""
        if column not in self._menus:
            values = self.documents[column].cast(pl.String).drop_nulls().unique().sort()
            self._menus[column] = values.to_list() if values.len() <= MENU_LIMIT else None
        return self._menus[column]

    # ------------------------------------------------------------------ queries
    def hits(self, pattern: str, filters: dict[str, str] | None = None) -> pl.DataFrame:
        """The match table of a query (:func:`corpusling.query.query`: ``doc_id``, ``first_row``, ``last_row``,
        ``start_char``, ``end_char``…) in the documents the ``filters`` keep (:meth:`documents_kept`); kept
        for recent queries, so that paging, sorting and counting do not run the query again."""
        filters = filters or {}
        with self.lock:
            found = self._hits.get_or_make((pattern, ()), lambda: query(self.index, parse(pattern), self.documents))
            if not filters:
                return found
            key = (pattern, tuple(sorted(filters.items())))
            kept = self.documents_kept(filters)
            return self._hits.get_or_make(key, lambda: found.join(kept.to_frame(), on="doc_id", how="semi",
                                                                  maintain_order="left"))

    def filter_expression(self, column: str, value: str, name: str | None = None) -> pl.Expr:
        """Whether a document's ``column`` passes a filter: equal to ``value`` when the column offers a menu of
        its values, else matching ``value`` as a regular expression on the whole value (as ``::
        match.text_COL="…"`` does in a query). ``name``: the column's name in the table filtered, if not ``column``."""
        cell = pl.col(name or column).cast(pl.String).fill_null("")
        if self.metadata_values(column) is not None:
            return cell == value
        return cell.str.contains(f"^(?:{value})$")

    def documents_kept(self, filters: dict[str, str]) -> pl.Series:
        """The ``doc_id`` of the documents every filter keeps (QueryError for a bad regular expression)."""
        from corpusling.errors import QueryError

        keep = pl.lit(True)
        for column, value in filters.items():
            keep = keep & self.filter_expression(column, value)
        try:
            return self.documents.filter(keep)["doc_id"]
        except pl.exceptions.PolarsError as err:
            raise QueryError(f"bad regular expression in a metadata filter: {str(err).splitlines()[0]}") from None

    def lines(self, key: Any, make: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        """Sorted concordance lines of a recent view (sorting needs every line; paging then slices)."""
        with self.lock:
            return self._lines.get_or_make(key, make)

    # ------------------------------------------------------------------ markers
    def table(self, name: str) -> pl.DataFrame:
        """A marker table (a layer's name, or ``speakers``): the report's CSV file, else computed now and kept."""
        with self.tables_lock:
            if name not in self._tables:
                path = self.folder / f"{name}.csv"
                if self.is_report and path.is_file():
                    table = read_report_csv(path)
                else:
                    table = analyse(self.corpus, name)
                if "doc_id" in table.columns:
                    table = table.with_columns(pl.col("doc_id").cast(pl.String))
                self._tables[name] = table
            return self._tables[name]

    def markers_of(self, doc_id: str) -> dict[str, pl.DataFrame]:
        """Every layer's rows in one document: from the whole tables where they are loaded (a report) or already
        computed, else computed on this document alone and kept, so that the first context page of a large
        parsed folder does not wait for the analyses of the whole corpus (each analysis reads one document at a
        time: its rows are those the whole corpus gives; tested)."""
        if self.is_report or all(layer.name in self._tables for layer in LAYERS):
            return {layer.name: self.table(layer.name).filter(pl.col("doc_id") == doc_id) for layer in LAYERS}
        with self.documents_lock:
            return self._documents_markers.get_or_make(doc_id, lambda: self._markers_of_one(doc_id))

    def _markers_of_one(self, doc_id: str) -> dict[str, pl.DataFrame]:
        number = self._doc_number.get(doc_id)
        if number is None:  # no such document, or a document without words
            empty = pl.DataFrame(schema={"doc_id": pl.String, "start_char": pl.Int64, "end_char": pl.Int64})
            return {layer.name: empty for layer in LAYERS}
        first, last = int(self.index.doc_first[number]), int(self.index.doc_last[number])
        one = ParsedCorpus(tokens=self.corpus.tokens.slice(first, last - first + 1),
                           documents=self.documents.slice(self.doc_row[doc_id], 1), model=self.corpus.model)
        return {layer.name: analyse(one, layer.name) for layer in LAYERS}

    def rates(self, group_by: str | None) -> tuple[pl.DataFrame, str]:
        """Rates per 1,000 words with 95% CIs of every marker and each of its categories, and where they come
        from: the report's ``rates.csv`` (when no other grouping is asked), else computed now (bootstrap over
        documents, :func:`corpusling.rates.rates`, 1,000 resamples, seed 0)."""
        path = self.folder / "rates.csv"
        if group_by is None and self.is_report and path.is_file():
            with self.tables_lock:
                return self._rates.get_or_make("report", lambda: read_report_csv(path)), "rates.csv of the report"
        with self.tables_lock:
            table = self._rates.get_or_make(group_by, lambda: self._compute_rates(group_by))
        where = f"computed now, by {group_by}" if group_by else "computed now"
        return table, f"{where} (bootstrap over documents, 1,000 resamples, seed 0)"

    def _compute_rates(self, group_by: str | None) -> pl.DataFrame:
        from corpusling.rates import rates
        from corpusling.summary import marker_tables, stacked_markers

        markers = marker_tables(self.table("conditionals"), self.table("hedges"), self.table("quotes"))
        parts = []
        for marker, rows in markers.items():
            stacked = stacked_markers({marker: rows}).drop("marker")
            table = rates(stacked, None, self.documents, by=["breakdown", "level"], group_by=group_by,
                          n_boot=1000, seed=0, sizes=self.corpus.sizes())
            parts.append(table.with_columns(pl.lit(marker).alias("marker")))
        columns = ["marker", "breakdown", "level", "group", "count", "n_words", "n_docs", "rate", "ci_low", "ci_high",
                   "ci_method"]
        return pl.concat([p.select(columns) for p in parts], how="vertical_relaxed")

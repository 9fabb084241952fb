"""The tables and drawings the workbench's pages show, built from the loaded folder (:class:`Workbench`).

Each function takes what a page's URL says (query, sort, filters, page) and returns plain values for a
template: every text goes to the templates unescaped and is escaped there (Jinja2's autoescape), except
the document text with its markers and the SVG figures, which are built here as HTML with every piece of
text escaped (:func:`markupsafe.escape`).
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import numpy as np
import polars as pl
from markupsafe import Markup, escape

from corpusling.concordance import concordance, sample_lines
from corpusling.errors import QueryError
from corpusling.hits import count_hits
from corpusling.tables import neutralise_formulas
from corpusling.web.state import LAYER_BY_NAME, LAYERS, Layer, Workbench

#: Lines or rows per page the pages offer; the first is the default.
PAGE_SIZES = (50, 20, 100, 200, 500)
#: Most lines or rows an export writes (a larger one is cut, and its file name says so: ``…-first-500000.csv``).
EXPORT_LIMIT = 500_000
#: Characters of context each side of a marker in the marker tables.
MARKER_CONTEXT = 60
#: What the count page offers to count hits by (plus ``doc.COL`` for each metadata column).
COUNT_KEYS = ("match.lemma", "match.form", "match.upos", "L1.lemma", "R1.lemma", "L1.form", "R1.form")


class BadRequest(Exception):
    """A parameter that cannot be read (not a whole number, too long): the page says which, status 400."""


# --------------------------------------------------------------------------- URLs and parameters

def url(path: str, params: dict[str, Any]) -> str:
    """``path?params``, leaving out empty values, so a view's URL holds only what was chosen."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def document_url(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """The context of a span: ``/document/{doc_id}?start=…&end=…`` (the report page links here too)."""
    path = f"/document/{quote(str(doc_id), safe='')}"
    return url(path, {"start": start, "end": end}) if start is not None else path


def integer(params: Any, name: str, default: int | None, low: int = 0, high: int = 10**9) -> int | None:
    """A whole-number parameter between ``low`` and ``high`` (larger values are brought down to ``high``)."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[+-]?\d{1,200}", raw):
        raise BadRequest(f"{name} must be a whole number, not {raw[:40]!r}")
    value = int(raw)
    if value < low:
        raise BadRequest(f"{name} must be {low} or more, not {value}")
    return min(value, high)


def text(params: Any, name: str, limit: int = 2000) -> str:
    """A text parameter, at most ``limit`` characters."""
    value = params.get(name) or ""
    if len(value) > limit:
        raise BadRequest(f"{name} is too long ({len(value)} characters; at most {limit})")
    return value


def filters_of(params: Any, columns: list[str]) -> dict[str, str]:
    """The ``f_COLUMN=value`` filters of a URL for the known ``columns`` (others are ignored)."""
    return {c: text(params, f"f_{c}", 500) for c in columns if (params.get(f"f_{c}") or "")}


def paged(n_rows: int, page: int, size: int) -> tuple[int, int, int]:
    """The page shown (a page past the end shows the last one), the number of pages, and its first row."""
    pages = max(1, math.ceil(n_rows / size))
    page = min(max(page, 1), pages)
    return page, pages, (page - 1) * size


# --------------------------------------------------------------------------- queries and concordances

@dataclass
class QueryState:
    """What a query page's URL says: the query, its view (sort, sample, filters) and the page."""

    q: str = ""
    sort: str = ""
    sample: int | None = None
    seed: int = 0
    width: int = 8
    page: int = 1
    size: int = PAGE_SIZES[0]
    by: str = "match.lemma"
    filters: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, params: Any, bench: Workbench) -> QueryState:
        return cls(q=text(params, "q"), sort=text(params, "sort", 200), sample=integer(params, "sample", None),
                   seed=integer(params, "seed", 0, high=2**32 - 1), width=integer(params, "width", 8, high=50),
                   page=integer(params, "page", 1, low=1), size=integer(params, "size", PAGE_SIZES[0], 1, 1000),
                   by=text(params, "by", 200) or "match.lemma", filters=filters_of(params, bench.metadata_columns))

    def params(self, path: str = "", **changes: Any) -> dict[str, Any]:
        """The URL parameters of the view with ``changes`` (``by`` only on the count pages)."""
        state = dataclasses.replace(self, **changes)
        values = {"q": state.q, "sort": state.sort, "sample": state.sample, "seed": state.seed or None,
                  "width": state.width if state.width != 8 else None, "page": state.page if state.page > 1 else None,
                  "size": state.size if state.size != PAGE_SIZES[0] else None,
                  "by": state.by if state.by != "match.lemma" and path.startswith("/count") else None}
        values.update({f"f_{c}": v for c, v in state.filters.items()})
        return values

    def link(self, path: str, **changes: Any) -> str:
        return url(path, self.params(path, **changes))


def menus_of(bench: Workbench) -> dict[str, list[str] | None]:
    """For each metadata column, its values (a menu) when there are few, else None (a text box)."""
    return {column: bench.metadata_values(column) for column in bench.metadata_columns}


def _run(bench: Workbench, state: QueryState) -> pl.DataFrame:
    """The match table of the page's query in the documents its filters keep, sampled as asked (QueryError for a
    bad query)."""
    hits = bench.hits(state.q, state.filters)
    if state.sample is not None:
        hits = hits[sample_lines(hits.height, state.sample, state.seed)]
    return hits


def _lines(bench: Workbench, state: QueryState, hits: pl.DataFrame, start: int, stop: int) -> pl.DataFrame:
    """Concordance lines ``start:stop`` of the view: without a sort only those lines are cut from the texts;
    with one every line is (the sort needs them all), once per view, then sliced."""
    meta = [bench.title_column] if bench.title_column else []
    if not state.sort:
        return concordance(bench.index, bench.documents, hits.slice(start, stop - start), width=state.width,
                           metadata=meta)
    key = (state.q, tuple(sorted(state.filters.items())), state.sample, state.seed, state.sort, state.width)
    lines = bench.lines(key, lambda: concordance(bench.index, bench.documents, hits, width=state.width,
                                                 sort=state.sort, metadata=meta))
    return lines.slice(start, stop - start)


def kwic(bench: Workbench, state: QueryState) -> dict[str, Any]:
    """The query page: hit count, time taken, and the page's KWIC lines with links to their context."""
    result: dict[str, Any] = {"state": state, "menus": menus_of(bench), "lines": [], "error": None, "n_hits": 0,
                              "n_docs": 0, "page": 1, "pages": 1}
    if not state.q.strip():
        return result
    started = time.perf_counter()
    try:
        hits = _run(bench, state)
        page, pages, start = paged(hits.height, state.page, state.size)
        lines = _lines(bench, state, hits, start, start + state.size)
    except QueryError as err:
        result["error"] = str(err)
        return result
    result.update(n_hits=hits.height, n_docs=hits["doc_id"].n_unique(), page=page, pages=pages, first_line=start + 1,
                  seconds=time.perf_counter() - started)
    for row in lines.iter_rows(named=True):
        result["lines"].append({
            "doc_id": row["doc_id"], "title": row.get(bench.title_column or "", "") or "",
            "left": row["left"], "match": row["match"], "right": row["right"],
            "href": document_url(row["doc_id"], row["start_char"], row["end_char"]),
            "doc_href": document_url(row["doc_id"])})
    return result


def kwic_table(bench: Workbench, state: QueryState, whole: bool = True) -> pl.DataFrame:
    """The lines of a view as a table to export, with the documents' metadata: every line (up to
    :data:`EXPORT_LIMIT`) or the page's."""
    hits = _run(bench, state)
    if whole:
        start, stop = 0, min(hits.height, EXPORT_LIMIT)
    else:
        _, _, start = paged(hits.height, state.page, state.size)
        stop = start + state.size
    lines = _lines(bench, state, hits, start, stop)
    meta = [c for c in bench.metadata_columns if c not in lines.columns]
    if meta:
        lines = lines.join(bench.documents.select("doc_id", *meta), on="doc_id", how="left", maintain_order="left")
    return lines


# --------------------------------------------------------------------------- counts and dispersion

def count_view(bench: Workbench, state: QueryState) -> dict[str, Any]:
    """The count page: hits broken down by ``state.by`` (:func:`corpusling.hits.count_hits`), paged, with a bar
    per row, and the dispersion of the hits over the corpus (and over time when the documents are dated)."""
    keys = [*COUNT_KEYS, "doc.doc_id", *(f"doc.{c}" for c in bench.metadata_columns if c not in ("source",))]
    result: dict[str, Any] = {"state": state, "menus": menus_of(bench), "keys": keys, "rows": [], "columns": [],
                              "error": None, "page": 1, "pages": 1}
    if not state.q.strip():
        return result
    started = time.perf_counter()
    try:
        hits = bench.hits(state.q, state.filters)
        table = count_table(bench, state)
    except QueryError as err:
        result["error"] = str(err)
        return result
    page, pages, start = paged(table.height, state.page, state.size)
    top = int(table["count"].max() or 1) if table.height else 1
    by = [c for c in table.columns if c not in ("count", "per_million", "documents")]
    rows = []
    for row in table.slice(start, state.size).iter_rows(named=True):
        rows.append({"keys": ["" if row[k] is None else row[k] for k in by], "count": row["count"],
                     "per_million": row["per_million"], "documents": row["documents"],
                     "bar": bar_svg(row["count"] / top)})
    first = hits["first_row"].to_numpy()
    result.update(rows=rows, columns=by, page=page, pages=pages, n_rows=table.height, n_hits=hits.height,
                  seconds=time.perf_counter() - started, dispersion=dispersion_svg(bench, first),
                  over_time=time_svg(bench, first))
    return result


def count_table(bench: Workbench, state: QueryState) -> pl.DataFrame:
    """The hits of the page's query counted by ``state.by`` (:func:`corpusling.hits.count_hits`; sampling does
    not apply: every hit is counted). With metadata filters the hits are also counted by each filtered column
    and the rows the filters refuse are dropped: as a document has one value per column, the documents of the
    rows kept for one key are distinct, and their counts add up."""
    keys = [k.strip() for k in state.by.split(",") if k.strip()]
    extra = [f"doc.{c}" for c in state.filters if f"doc.{c}" not in keys]
    with bench.lock:
        table = count_hits(bench.index, bench.documents, state.q, [*keys, *extra])
    if not state.filters:
        return table
    keep = pl.lit(True)
    for column, value in state.filters.items():
        keep = keep & bench.filter_expression(column, value, name=f"doc.{column}")
    try:
        table = table.filter(keep)
    except pl.exceptions.PolarsError as err:
        raise QueryError(f"bad regular expression in a metadata filter: {str(err).splitlines()[0]}") from None
    if not extra:
        return table
    return (table.group_by(keys, maintain_order=True).agg(pl.col("count").sum(), pl.col("documents").sum())
            .with_columns((pl.col("count") * 1e6 / max(bench.index.n, 1)).alias("per_million"))
            .select(*keys, "count", "per_million", "documents")
            .sort(["count", *keys], descending=[True, *([False] * len(keys))]))


def bar_svg(share: float, width: int = 160, height: int = 12) -> Markup:
    """A horizontal bar, ``share`` of ``width`` long (inline SVG: no style attribute, which the page's CSP forbids)."""
    length = max(1.0, share * width)
    return Markup(f'<svg class="bar" width="{width}" height="{height}" aria-hidden="true">'
                  f'<rect x="0" y="1" width="{length:.1f}" height="{height - 2}"></rect></svg>')


def dispersion_svg(bench: Workbench, first: np.ndarray, width: int = 720, height: int = 56) -> Markup:
    """A dispersion plot (AntConc's "plot"): the corpus as one line, in document order, a stroke where hits
    fall; strokes are binned by pixel, darker where more hits fall, document boundaries in light grey."""
    n = max(bench.index.n, 1)
    parts = [f'<svg class="dispersion" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="dispersion of {first.size} hits over the corpus">',
             f"<title>{first.size} hits over {bench.index.doc_first.size} documents, in corpus order</title>"]
    if bench.index.doc_first.size <= 300:
        for row in bench.index.doc_first[1:]:
            x = row / n * width
            parts.append(f'<line class="doc" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height}"></line>')
    counts = np.bincount(np.minimum((first / n * width).astype(np.int64), width - 1), minlength=width)
    top = counts.max() if counts.size else 0
    for x in np.flatnonzero(counts):
        opacity = 0.35 + 0.65 * counts[x] / top
        parts.append(f'<rect class="hit" x="{x}" y="4" width="1" height="{height - 8}" '
                     f'fill-opacity="{opacity:.2f}"></rect>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _periods(bench: Workbench) -> pl.DataFrame | None:
    """Each document's period (day, month or year, by the span of the dates) and words, or None if undated."""
    column = bench.date_column
    if column is None:
        return None
    values = bench.documents[column].cast(pl.String).str.strip_chars()
    dates = values.str.to_date(strict=False)
    if dates.null_count() == dates.len():
        dates = values.str.slice(0, 4).str.to_date("%Y", strict=False)  # a year column
    if dates.null_count() == dates.len():
        return None
    span = (dates.max() - dates.min()).days if dates.drop_nulls().len() else 0
    fmt = "%Y-%m-%d" if span <= 92 else "%Y-%m" if span <= 3 * 366 else "%Y"
    sizes = bench.corpus.sizes().select(pl.col("doc_id").cast(pl.String), "n_words")
    frame = pl.DataFrame({"doc_id": bench.documents["doc_id"], "period": dates.dt.strftime(fmt)})
    return frame.join(sizes, on="doc_id", how="left").with_columns(pl.col("n_words").fill_null(0))


def time_svg(bench: Workbench, first: np.ndarray, width: int = 720, height: int = 160) -> Markup | None:
    """Hits per 1,000 words per period (bars) when the documents have a date, else None."""
    periods = _periods(bench)
    if periods is None:
        return None
    hits = pl.DataFrame({"doc_id": bench.index.doc_names.gather(pl.Series(bench.index.document[first]))})
    per_doc = hits.group_by("doc_id").agg(pl.len().alias("hits"))
    table = (periods.join(per_doc, on="doc_id", how="left").with_columns(pl.col("hits").fill_null(0))
             .filter(pl.col("period").is_not_null())
             .group_by("period").agg(pl.col("hits").sum(), pl.col("n_words").sum()).sort("period")
             .with_columns((pl.col("hits") * 1000 / pl.col("n_words").clip(lower_bound=1)).alias("rate")))
    if table.is_empty():
        return None
    top = float(table["rate"].max() or 0) or 1.0
    plot_h, step = height - 28, width / table.height
    parts = [f'<svg class="overtime" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="hits per 1,000 words per period">',
             f'<text x="0" y="10" class="axis">{top:.2f} per 1,000 words</text>']
    for i, row in enumerate(table.iter_rows(named=True)):
        h = row["rate"] / top * (plot_h - 14)
        parts.append(f'<rect class="period" x="{i * step + 1:.1f}" y="{height - 16 - h:.1f}" '
                     f'width="{max(step - 2, 1):.1f}" height="{h:.1f}"><title>'
                     f'{escape(row["period"])}: {row["hits"]} hits, {row["rate"]:.2f} per 1,000 words '
                     f'({row["n_words"]} words)</title></rect>')
    first_label, last_label = escape(table["period"][0]), escape(table["period"][-1])
    parts.append(f'<text x="0" y="{height - 2}" class="axis">{first_label}</text>')
    parts.append(f'<text x="{width}" y="{height - 2}" class="axis" text-anchor="end">{last_label}</text></svg>')
    return Markup("".join(parts))


# --------------------------------------------------------------------------- a document with its markers

@dataclass(frozen=True)
class Span:
    """A stretch of the text drawn with a class and a hover text (``title``)."""

    start: int
    end: int
    classes: str
    title: str
    order: int
    speaker: str = ""


def slug(value: Any) -> str:
    """A value as a CSS class name part (letters, digits, _ and -)."""
    return re.sub(r"[^a-z0-9_-]+", "_", str(value).lower())


def _spans(layer: Layer, rows: pl.DataFrame, order: int) -> list[Span]:
    spans = []
    for row in rows.iter_rows(named=True):
        if row.get("start_char") is None or row.get("end_char") is None:
            continue
        category = row.get(layer.category) or ""
        parts = [f"{layer.label}: {category}", f"rule: {row.get(layer.rule) or '?'}"]
        parts += [f"{c}: {row[c]}" for c in layer.details if row.get(c) not in (None, "")]
        spans.append(Span(int(row["start_char"]), int(row["end_char"]), f"m {layer.name} {layer.name}-{slug(category)}",
                          " · ".join(parts), order, str(row.get("speaker") or "") if layer.name == "quotes" else ""))
    return spans


def draw(text: str, spans: list[Span]) -> Markup:
    """The text as HTML with every span drawn: the text is cut where any span starts or ends, and each piece
    is wrapped in the spans covering it, outermost (longest) first, so that overlapping markers all show.
    The last piece of a quotation carries its speaker (shown after it by the style sheet)."""
    size = len(text)
    spans = [dataclasses.replace(s, start=max(0, s.start), end=min(size, s.end)) for s in spans]
    spans = sorted((s for s in spans if s.start < s.end), key=lambda s: (s.start, -s.end, s.order))
    cuts = sorted({0, size, *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    hit_seen = False
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = str(escape(text[a:b]))
        for span in reversed([s for s in spans if s.start <= a and s.end >= b]):
            attrs = f' class="{escape(span.classes)}"'
            if span.title:
                attrs += f' title="{escape(span.title)}"'
            if "hit" in span.classes.split() and not hit_seen:
                attrs += ' id="hit"'
                hit_seen = True
            if span.speaker and span.end == b:
                attrs += f' data-speaker="{escape(span.speaker)}"'
            tag = "mark" if "hit" in span.classes.split() else "span"
            piece = f"<{tag}{attrs}>{piece}</{tag}>"
        out.append(piece)
    return Markup("".join(out))


def document_view(bench: Workbench, doc_id: str, start: int | None, end: int | None) -> dict[str, Any] | None:
    """The context page: the document's metadata and text, the span ``start:end`` highlighted, every marker
    of every layer drawn, and the list of its markers. None when there is no such document."""
    document = bench.document(doc_id)
    if document is None:
        return None
    text_ = document["text"] or ""
    markers = bench.markers_of(doc_id)
    spans = [s for order, layer in enumerate(LAYERS) for s in _spans(layer, markers[layer.name], order)]
    notice = None
    if start is not None and end is not None:
        if start < end <= len(text_):
            spans.append(Span(start, end, "hit", f"the hit: characters {start}–{end}", len(LAYERS)))
        else:
            notice = f"characters {start}–{end} are not a span of this document ({len(text_)} characters)"
    elif (start is None) != (end is None):
        notice = "give both start and end to highlight a span"
    listed = []
    for layer in LAYERS:
        for row in markers[layer.name].sort("start_char").iter_rows(named=True):
            listed.append({"layer": layer.label, "category": row.get(layer.category) or "",
                           "words": row.get(layer.words) or "", "rule": row.get(layer.rule) or "",
                           "speaker": row.get("speaker") or "",
                           "href": document_url(doc_id, row["start_char"], row["end_char"]),
                           "class": f"{layer.name}-{slug(row.get(layer.category) or '')}"})
    categories = {layer.name: [(v, slug(v)) for v in sorted({str(v) for v in markers[layer.name][layer.category]
                                                             .drop_nulls().to_list()})]
                  if layer.category in markers[layer.name].columns else [] for layer in LAYERS}
    metadata = [(c, document[c]) for c in bench.metadata_columns if document.get(c) not in (None, "")]
    return {"doc_id": doc_id, "title": bench.title(doc_id), "metadata": metadata, "text": draw(text_, spans),
            "notice": notice, "listed": listed, "layers": LAYERS, "categories": categories,
            "counts": {name: rows.height for name, rows in markers.items()}, "has_hit": "hit" in
            {c for s in spans for c in s.classes.split()}}


# --------------------------------------------------------------------------- marker tables

@dataclass
class TableState:
    """What a marker table's URL says: filters, order and page."""

    filters: dict[str, str] = field(default_factory=dict)
    order: str = ""
    page: int = 1
    size: int = PAGE_SIZES[0]

    def params(self, **changes: Any) -> dict[str, Any]:
        state = dataclasses.replace(self, **changes)
        values: dict[str, Any] = {"order": state.order, "page": state.page if state.page > 1 else None,
                                  "size": state.size if state.size != PAGE_SIZES[0] else None}
        values.update({f"f_{c}": v for c, v in state.filters.items()})
        return values

    def link(self, path: str, **changes: Any) -> str:
        return url(path, self.params(**changes))


#: Columns offered as menus (exact value) and as text boxes (contains, ignoring case) in the marker tables.
MENU_COLUMNS = ("class", "category", "kind", "voice", "in_quote", "tense", "nested", "rule", "entry")
TEXT_COLUMNS = ("doc_id", "speaker", "source", "cue", "form", "lemma", "match", "text", "mentions")


def table_columns(name: str, table: pl.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """The columns a marker table shows, and those filtered by menus and by text boxes."""
    if name == "speakers":
        shown = [c for c in table.columns]
    else:
        layer = LAYER_BY_NAME[name]
        wanted = [layer.category, layer.rule, *layer.details, "in_quote"]
        shown = ["doc_id"] + [c for c in dict.fromkeys(wanted) if c in table.columns]
    menus = [c for c in MENU_COLUMNS if c in table.columns]
    texts = [c for c in TEXT_COLUMNS if c in table.columns]
    return shown, menus, texts


def filter_table(table: pl.DataFrame, state: TableState, menus: list[str]) -> pl.DataFrame:
    """Rows kept by the filters: a menu's value exactly, a text box's value anywhere in the cell (ignoring case)."""
    for column, value in state.filters.items():
        cell = pl.col(column).cast(pl.String).fill_null("")
        if column in menus:
            table = table.filter(cell == value)
        else:
            table = table.filter(cell.str.to_lowercase().str.contains(value.lower(), literal=True))
    if state.order:
        column = state.order.lstrip("-")
        if column in table.columns:
            table = table.sort(column, descending=state.order.startswith("-"), nulls_last=True, maintain_order=True)
    return table


def marker_view(bench: Workbench, name: str, state: TableState) -> dict[str, Any]:
    """A marker table (a layer, or ``speakers``), filtered, ordered and paged; each row links to its context,
    shown between its left and right context."""
    table = bench.table(name)
    shown, menus, texts = table_columns(name, table)
    rows_kept = filter_table(table, state, menus)
    page, pages, start = paged(rows_kept.height, state.page, state.size)
    layer = LAYER_BY_NAME.get(name)
    rows = []
    for row in rows_kept.slice(start, state.size).iter_rows(named=True):
        item = {"cells": [row.get(c) for c in shown], "doc_id": row["doc_id"], "title": bench.title(row["doc_id"]),
                "doc_href": document_url(row["doc_id"]),
                "href": document_url(row["doc_id"], row.get("start_char"), row.get("end_char"))}
        if layer is not None:
            document = bench.document(row["doc_id"])
            body = (document or {}).get("text") or ""
            a, b = int(row["start_char"]), int(row["end_char"])
            item.update(left=body[max(0, a - MARKER_CONTEXT):a], words=body[a:b], right=body[b:b + MARKER_CONTEXT],
                        category_class=f"{name}-{slug(row.get(layer.category) or '')}")
        rows.append(item)
    menu_values = {c: sorted({str(v) for v in table[c].drop_nulls().to_list()})[:200] for c in menus}
    return {"name": name, "label": layer.label if layer else "Speakers", "columns": shown, "rows": rows,
            "menus": menu_values, "texts": texts, "state": state, "page": page, "pages": pages,
            "n_rows": rows_kept.height, "n_all": table.height, "has_context": layer is not None,
            "source": f"{name}.csv of the report" if bench.is_report and (bench.folder / f"{name}.csv").is_file()
            else "computed from the parsed corpus"}


def marker_table(bench: Workbench, name: str, state: TableState) -> pl.DataFrame:
    """A marker table as filtered and ordered on its page, every row, to export."""
    table = bench.table(name)
    _, menus, _ = table_columns(name, table)
    return filter_table(table, state, menus).head(EXPORT_LIMIT)


def rates_view(bench: Workbench, group_by: str | None) -> dict[str, Any]:
    """Rates per 1,000 words with their 95% CIs, per marker, category and group, with a CI bar per row."""
    table, source = bench.rates(group_by)
    top = float(table["ci_high"].max() or 0) or 1.0
    rows = []
    for row in table.iter_rows(named=True):
        rows.append({**row, "bar": ci_svg(row["rate"], row["ci_low"], row["ci_high"], top)})
    return {"rows": rows, "source": source, "group_by": group_by or "", "columns": bench.metadata_columns}


def ci_svg(rate: float | None, low: float | None, high: float | None, top: float, width: int = 200) -> Markup:
    """A rate as a dot on its confidence interval, on a common scale (0 to ``top``)."""
    if rate is None or low is None or high is None or any(map(math.isnan, (rate, low, high))):
        return Markup("")
    x = [min(v / top, 1.0) * (width - 8) + 4 for v in (low, rate, high)]
    return Markup(f'<svg class="ci" width="{width}" height="12" aria-hidden="true">'
                  f'<line x1="{x[0]:.1f}" x2="{x[2]:.1f}" y1="6" y2="6"></line>'
                  f'<circle cx="{x[1]:.1f}" cy="6" r="3"></circle></svg>')


# --------------------------------------------------------------------------- exports

def export(frame: pl.DataFrame, fmt: str) -> tuple[bytes, str]:
    """A table as CSV (text cells that a spreadsheet would run as formulas get a leading ', OWASP) or XLSX
    (:mod:`corpusling.tables`'s writer: the same bytes for the same table)."""
    from corpusling.tables import write_table

    frame = frame.with_columns(pl.col(c).cast(pl.String) for c, t in frame.schema.items()
                               if isinstance(t, pl.Categorical | pl.Enum | pl.List | pl.Struct))
    if fmt == "csv":
        buffer = io.BytesIO()
        neutralise_formulas(frame).write_csv(buffer)
        return buffer.getvalue(), "text/csv; charset=utf-8"
    with tempfile.TemporaryDirectory(prefix="corpusling-export-") as folder:
        path = write_table(frame, Path(folder) / "export.xlsx")
        return path.read_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

"""Publication figures: one style, four plots, saved as PDF, SVG and PNG.

* **Style** (:func:`style`): journal widths (single column 3.5 in, double 7 in), DejaVu Sans
  at 7–8 pt (legible at print size), the Okabe & Ito (2008) colour-blind-safe palette
  paired with marker shapes and hatching so that a greyscale print still tells the series
  apart, no top/right spines, no background grid but a faint guide on the value axis.
* **Labels** in French or English (``lang="fr"|"en"``): :data:`LABELS`; French figures
  use a decimal comma and a thin space for thousands.
* **Plots**, each a pure function of result tables returning a matplotlib ``Figure``
  (named after quanteda's ``textplot_*`` family, in words a linguist reads):
  :func:`plot_rates` (rates by group with confidence intervals), :func:`plot_voice`
  (writer's voice vs quoted voice), :func:`plot_dispersion` (where a marker falls in each
  document, like ``textplot_xray``), :func:`plot_timeline` (rates over time).
* :func:`save` writes ``stem.pdf``, ``stem.svg`` and ``stem.png`` (300 dpi) with fixed
  metadata and a fixed SVG hash salt, so PDF and SVG are byte-identical from run to run
  and can live in version control.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only; never needs a display

import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from corpusling.atomic import write_bytes  # noqa: E402

#: Okabe & Ito (2008) palette, in the order series get it (black last: used for "all").
PALETTE: list[str] = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
#: Marker shapes paired with the palette, so that series differ in greyscale too.
MARKERS: list[str] = ["o", "s", "^", "D", "v", "P", "X", "*"]
#: Hatches for bars, paired with the palette.
HATCHES: list[str] = ["", "////", "....", "xxxx", "\\\\\\\\", "oo", "++", "--"]

#: Figure widths in inches: a journal's single column and full page width.
WIDTHS: dict[str, float] = {"single": 3.5, "double": 7.0}

#: Matplotlib settings of the publication style.
RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",      # ships with matplotlib: the same glyphs on every machine
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.titleweight": "bold",
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "legend.handlelength": 1.2,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#000000",
    "axes.grid": False,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.5,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 3,
    "ytick.major.size": 3,
    "lines.linewidth": 1.0,
    "lines.markersize": 4.5,
    "errorbar.capsize": 0,
    "hatch.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 300,
    "savefig.facecolor": "white",
    "pdf.fonttype": 42,               # embedded TrueType: text stays text, journals accept it
    "svg.fonttype": "path",           # glyphs as paths: identical rendering without the font
    "svg.hashsalt": "corpusling",     # fixed ids in the SVG: byte-identical across runs
}

#: Axis, legend and category labels in French and English. Unknown keys are shown as
#: written, with underscores as spaces.
LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "rate": "Occurrences pour 1\u202f000 mots",
        "conditionals": "Conditionnels",
        "conditionals_rate": "Conditionnels pour 1\u202f000 mots",
        "hedges": "Modalisateurs",
        "hedges_rate": "Modalisateurs pour 1\u202f000 mots",
        "hedges_boosters_rate": "Modalisateurs et renforçateurs pour 1\u202f000 mots",
        "quotations": "Citations",
        "quotations_rate": "Citations pour 1\u202f000 mots",
        "quoted_share": "Part des mots cités",
        "boosters": "Renforçateurs",
        "class": "Emploi du conditionnel",
        "category": "Catégorie",
        "kind": "Type de citation",
        "voice": "Voix",
        "writer": "voix du journaliste",
        "quoted": "voix citée",
        "reported": "discours rapporté",
        "document": "Document",
        "position": "Position dans le document (début → fin)",
        "time": "Date",
        "group": "Groupe",
        "all": "corpus",
        "ci": "IC 95 %",
        # conditional classes
        "reportive": "journalistique (emprunt)",
        "epistemic": "épistémique",
        "hypothetical": "hypothétique",
        "future_in_past": "futur du passé",
        "politeness_desire": "atténuation, souhait",
        "other": "autre",
        # hedge categories
        "approximator": "approximateur",
        "epistemic_adverb": "adverbe, adjectif épistémique",
        "epistemic_adjective": "adjectif épistémique",
        "epistemic_verb": "verbe épistémique",
        "shield": "verbe épistémique, bouclier",
        "source": "marqueur de source",
        "source_marker": "marqueur de source",
        "evidential": "marqueur de source",
        "unnamed_source": "source anonyme",
        "booster": "renforçateur",
        # quotation kinds
        "direct": "discours direct",
        "mixed": "îlot textuel",
        "scare": "guillemets de distance",
    },
    "en": {
        "rate": "Occurrences per 1,000 words",
        "conditionals": "Conditionals",
        "conditionals_rate": "Conditionals per 1,000 words",
        "hedges": "Hedges",
        "hedges_rate": "Hedges per 1,000 words",
        "hedges_boosters_rate": "Hedges and boosters per 1,000 words",
        "quotations": "Quotations",
        "quotations_rate": "Quotations per 1,000 words",
        "quoted_share": "Share of quoted words",
        "boosters": "Boosters",
        "class": "Use of the conditional",
        "category": "Category",
        "kind": "Kind of quotation",
        "voice": "Voice",
        "writer": "writer's voice",
        "quoted": "quoted voice",
        "reported": "reported speech",
        "document": "Document",
        "position": "Position in the document (start → end)",
        "time": "Date",
        "group": "Group",
        "all": "corpus",
        "ci": "95% CI",
        "reportive": "reportive",
        "epistemic": "epistemic",
        "hypothetical": "hypothetical",
        "future_in_past": "future in the past",
        "politeness_desire": "politeness, desire",
        "other": "other",
        "approximator": "approximator",
        "epistemic_adverb": "epistemic adverb, adjective",
        "epistemic_adjective": "epistemic adjective",
        "epistemic_verb": "epistemic verb",
        "shield": "epistemic verb, shield",
        "source": "source marker",
        "source_marker": "source marker",
        "evidential": "source marker",
        "unnamed_source": "unnamed source",
        "booster": "booster",
        "direct": "direct",
        "mixed": "mixed (textual island)",
        "scare": "scare quotes",
    },
}


def label(key: object, lang: str = "fr") -> str:
    """The label of ``key`` in ``lang`` (``"fr"`` or ``"en"``); unknown keys as written."""
    if lang not in LABELS:
        from corpusling.errors import InputError

        raise InputError(f"lang must be 'fr' or 'en', not {lang!r}")
    text = "" if key is None else str(key)
    return LABELS[lang].get(text, text.replace("_", " "))


def number_formatter(lang: str = "fr", percent: bool = False) -> FuncFormatter:
    """Tick labels with a decimal comma and thin-space thousands in French."""
    def fmt(value: float, _pos: int | None = None) -> str:
        value = value * 100 if percent else value
        text = f"{value:,.10g}" if abs(value) >= 1000 else f"{value:.10g}"
        if lang == "fr":
            text = text.replace(",", "\u202f").replace(".", ",")
        if percent:
            text += "\u202f%" if lang == "fr" else "%"
        return text
    return FuncFormatter(fmt)


@contextmanager
def style() -> Iterator[None]:
    """The publication style as a context: ``with style(): fig = ...``."""
    with plt.rc_context(RC):
        yield


def new_figure(width: str | float = "single", height: float | None = None) -> Figure:
    """An empty figure in the publication style; ``width`` ``"single"``, ``"double"`` or inches."""
    inches = WIDTHS[width] if isinstance(width, str) else float(width)
    with style():
        fig = plt.figure(figsize=(inches, height or inches * 0.7))
    return fig


#: Metadata per format that keeps files identical from run to run (no dates, no versions).
_METADATA: dict[str, dict[str, Any]] = {
    "pdf": {"Creator": "corpusling", "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": "corpusling", "Date": None},
    "png": {"Software": None},
}


def save(fig: Figure, stem: Path | str, formats: Sequence[str] = ("pdf", "svg", "png"),
         dpi: int = 300, close: bool = True) -> list[Path]:
    """Write ``stem.pdf``, ``stem.svg``, ``stem.png`` (``dpi``) and return their paths.

    PDF and SVG carry no date or version and the SVG ids come from a fixed salt, so the
    same figure gives the same bytes on every run. Each file is written atomically.
    """
    stem = Path(stem)
    paths = []
    with style():
        for fmt in formats:
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA.get(fmt))
            path = stem.with_name(f"{stem.name}.{fmt}")
            write_bytes(path, buffer.getvalue())
            paths.append(path)
    if close:
        plt.close(fig)
    return paths


def _order(table: pl.DataFrame, category: str, value: str) -> list[Any]:
    """Categories from the highest total ``value`` to the lowest (ties by name)."""
    totals = (table.group_by(category).agg(pl.col(value).fill_nan(0).fill_null(0).sum())
              .sort([value, category], descending=[True, False]))
    return totals[category].to_list()


def _with_ci(text: str, lang: str, width: int = 38) -> str:
    """An axis title plus "(95% CI)", wrapped to fit under a single-column figure."""
    ci = f"({label('ci', lang)})".replace(" ", "\u00a0")
    return textwrap.fill(f"{text} {ci}", width=width, break_on_hyphens=False)


def _empty(ax: Any, lang: str) -> None:
    ax.text(0.5, 0.5, "aucune occurrence" if lang == "fr" else "no occurrence", ha="center", va="center",
            transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def plot_rates(table: pl.DataFrame, category: str | None = None, group: str = "group", lang: str = "fr",
               measure: str = "rate", xlabel: str | None = None, title: str | None = None,
               width: str | float = "single", log_x: bool = False) -> Figure:
    """Rates with their confidence intervals: one row per category, one marker per group.

    ``table`` is :func:`corpusling.rates.rates` output (``group``, the ``category``
    column, ``rate``, ``ci_low``, ``ci_high``). Categories run from the most frequent
    down; groups are dodged vertically and told apart by colour *and* marker shape.
    Without ``category`` each group is one row. ``measure`` names the x axis from
    :data:`LABELS` (``"conditionals_rate"``, ``"hedges_rate"``…); ``xlabel`` overrides it.
    """
    table = table.with_columns(pl.col(group).cast(pl.String))
    if category is None:
        table = table.with_columns(pl.col(group).alias("_category"))
        category = "_category"
    table = table.with_columns(pl.col(category).cast(pl.String).fill_null("(none)"))
    cats = _order(table, category, "rate")
    groups = table[group].unique(maintain_order=True).to_list() if category != "_category" else ["_single"]
    height = 0.55 + 0.22 * max(len(cats), 1) * (1 + 0.35 * (len(groups) - 1)) + (0.25 if len(groups) > 1 else 0)
    fig = new_figure(width, max(height, 1.4))
    with style():
        ax = fig.add_subplot()
        if table.is_empty():
            _empty(ax, lang)
            return fig
        step = 0.7 / max(len(groups), 1)
        for gi, name in enumerate(groups):
            part = table if name == "_single" else table.filter(pl.col(group) == name)
            pos = {c: i for i, c in enumerate(cats)}
            offset = (gi - (len(groups) - 1) / 2) * step
            ys = [len(cats) - 1 - pos[c] - offset for c in part[category].to_list()]
            rate = part["rate"].to_list()
            low = [max(r - lo, 0) if r is not None and lo is not None else 0
                   for r, lo in zip(rate, part["ci_low"].to_list(), strict=True)]
            high = [max(hi - r, 0) if r is not None and hi is not None else 0
                    for r, hi in zip(rate, part["ci_high"].to_list(), strict=True)]
            colour = PALETTE[gi % len(PALETTE)] if name != "_single" else PALETTE[0]
            ax.errorbar(rate, ys, xerr=[low, high], fmt=MARKERS[gi % len(MARKERS)], color=colour,
                        markerfacecolor=colour, markeredgecolor="white", markeredgewidth=0.4, elinewidth=1.0,
                        label=None if name == "_single" else label(name, lang))
        ax.set_yticks(range(len(cats)), [label(c, lang) for c in reversed(cats)])
        ax.set_ylim(-0.6, len(cats) - 0.4)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        if log_x:
            ax.set_xscale("symlog", linthresh=1)
        else:
            ax.set_xlim(left=0)
        ax.xaxis.set_major_formatter(number_formatter(lang))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        ax.set_xlabel(xlabel or _with_ci(label(measure, lang), lang))
        if title:
            ax.set_title(title, loc="left")
        if len(groups) > 1:
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(groups), 3),
                      handletextpad=0.3, columnspacing=1.0, borderaxespad=0.2)
    return fig


def plot_voice(table: pl.DataFrame, category: str = "marker", voice: str = "voice", lang: str = "fr",
               xlabel: str | None = None, title: str | None = None, width: str | float = "single") -> Figure:
    """Writer's voice vs quoted voice (and reported speech): grouped horizontal bars with confidence intervals.

    ``table``: one row per ``category`` and ``voice`` (``"writer"`` / ``"quoted"`` / ``"reported"``) with
    ``rate``, ``ci_low``, ``ci_high`` — rates per 1,000 words *of that voice*, as
    :func:`corpusling.summary.voice_rates` gives them. Writer bars are solid, quoted bars
    light and hatched, so the pairs read in greyscale. With several values in ``group``
    each category and group gets its pair of bars.
    """
    table = table.with_columns(pl.col(category).cast(pl.String), pl.col(voice).cast(pl.String))
    if "group" in table.columns and table["group"].n_unique() > 1:  # one pair of bars per category and group
        groups = table["group"].cast(pl.String).unique(maintain_order=True).to_list()
        cats = [f"{label(c, lang)} · {label(g, lang)}" for c in _order(table, category, "rate") for g in groups]
        table = table.with_columns(pl.struct(category, "group").map_elements(
            lambda r: f"{label(r[category], lang)} · {label(r['group'], lang)}", return_dtype=pl.String)
            .alias(category))
    else:
        cats = _order(table, category, "rate")
    voices = [v for v in ("writer", "quoted", "reported") if v in set(table[voice].to_list())]
    fig = new_figure(width, max(0.75 + 0.42 * max(len(cats), 1), 1.5))
    with style():
        ax = fig.add_subplot()
        if table.is_empty():
            _empty(ax, lang)
            return fig
        looks = {"writer": dict(color=PALETTE[0], hatch="", edgecolor=PALETTE[0]),
                 "quoted": dict(color="#CFE3F2", hatch="////", edgecolor=PALETTE[0]),
                 "reported": dict(color="#FFFFFF", hatch="....", edgecolor=PALETTE[0])}
        bar = 0.38 if len(voices) <= 2 else 0.27
        for vi, name in enumerate(voices):
            part = table.filter(pl.col(voice) == name)
            pos = {c: i for i, c in enumerate(cats)}
            shift = ((len(voices) - 1) / 2 - vi) * bar
            ys = [len(cats) - 1 - pos[c] + shift for c in part[category].to_list()]
            rate = [r or 0.0 for r in part["rate"].to_list()]
            err = [[max(r - (lo if lo is not None else r), 0) for r, lo in zip(rate, part["ci_low"].to_list(),
                                                                                 strict=True)],
                   [max((hi if hi is not None else r) - r, 0) for r, hi in zip(rate, part["ci_high"].to_list(),
                                                                                strict=True)]]
            ax.barh(ys, rate, height=bar, linewidth=0.6, label=label(name, lang), **looks[name])
            ax.errorbar(rate, ys, xerr=err, fmt="none", ecolor="#000000", elinewidth=0.8)
        ax.set_yticks(range(len(cats)), [label(c, lang) for c in reversed(cats)])
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_xlim(left=0)
        ax.xaxis.set_major_formatter(number_formatter(lang))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        default = ("Occurrences pour 1\u202f000 mots de chaque voix" if lang == "fr"
                   else "Occurrences per 1,000 words of each voice")
        ax.set_xlabel(xlabel or _with_ci(default, lang))
        if title:
            ax.set_title(title, loc="left")
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, borderaxespad=0.2)
    return fig


def plot_dispersion(rows: pl.DataFrame, documents: pl.DataFrame, category: str | None = None,
                    lang: str = "fr", doc_label: str | None = None, max_documents: int = 30,
                    title: str | None = None, width: str | float = "double") -> Figure:
    """Where a marker falls in each document: one line per document, one tick per occurrence.

    The x axis is the relative position in the document (``start_char`` / text length),
    so long and short documents line up (an "x-ray" plot, as quanteda's ``textplot_xray``).
    ``documents`` needs ``doc_id`` and ``text`` (or ``n_chars``). With ``category`` each
    category gets its own colour and tick shape; a single document is drawn with one line
    per category instead. Documents without an occurrence are left out; beyond
    ``max_documents``, those with most occurrences are kept.
    """
    lengths = documents.select(
        pl.col("doc_id").cast(pl.String),
        (pl.col("text").str.len_chars() if "text" in documents.columns else pl.col("n_chars")).alias("_len"),
        *([pl.col(doc_label).cast(pl.String).alias("_label")] if doc_label else []))
    if not doc_label:
        lengths = lengths.with_columns(pl.col("doc_id").alias("_label"))
    data = (rows.select(pl.col("doc_id").cast(pl.String), pl.col("start_char"),
                        *([pl.col(category).cast(pl.String).fill_null("(none)").alias("_cat")] if category else []))
            .join(lengths, on="doc_id", how="inner")
            .with_columns((pl.col("start_char") / pl.col("_len").clip(lower_bound=1)).alias("_pos")))
    if not category:
        data = data.with_columns(pl.lit("_single").alias("_cat"))
    counts = data.group_by("doc_id", "_label").agg(pl.len().alias("n")).sort(["n", "doc_id"],
                                                                              descending=[True, False])
    kept = counts.head(max_documents).sort("doc_id")
    data = data.filter(pl.col("doc_id").is_in(kept["doc_id"].implode()))
    cats = _order(data.with_columns(pl.lit(1.0).alias("_one")), "_cat", "_one")
    by_category = kept.height == 1 and len(cats) > 1   # one document: a line per category
    if by_category:
        lines, names = cats, [label(c, lang) for c in cats]
        data = data.with_columns(pl.col("_cat").alias("_line"))
    else:
        lines, names = kept["doc_id"].to_list(), [str(x)[:28] for x in kept["_label"].to_list()]
        data = data.with_columns(pl.col("doc_id").alias("_line"))
    fig = new_figure(width, max(0.9 + 0.2 * max(len(lines), 1) + (0.25 if len(cats) > 1 else 0), 1.4))
    with style():
        ax = fig.add_subplot()
        if not lines:
            _empty(ax, lang)
            return fig
        row_of = {key: len(lines) - 1 - i for i, key in enumerate(lines)}
        ticks = by_category or len(cats) == 1
        for ci, name in enumerate(cats):
            part = data.filter(pl.col("_cat") == name)
            spread = 0.0 if ticks else (ci - (len(cats) - 1) / 2) * min(0.6 / len(cats), 0.15)
            ys = [row_of[key] + spread for key in part["_line"].to_list()]
            colour = PALETTE[ci % len(PALETTE)]
            ax.scatter(part["_pos"].to_list(), ys, marker="|" if ticks else MARKERS[ci % len(MARKERS)],
                       s=60 if ticks else 14, color=colour, linewidths=1.0 if ticks else 0.4,
                       edgecolors=None if ticks else "white", zorder=3,
                       label=None if name == "_single" or by_category else label(name, lang))
        for y in range(len(lines)):
            ax.axhline(y, color="#BBBBBB", linewidth=0.5, zorder=1)
        ax.set_yticks(range(len(lines)), list(reversed(names)))
        ax.set_ylim(-0.6, len(lines) - 0.4)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(number_formatter(lang, percent=True))
        ax.set_xlabel(label("position", lang))
        if title or by_category:
            ax.set_title(title or str(kept["_label"][0]), loc="left")
        if len(cats) > 1 and not by_category:
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(cats), 4),
                      handletextpad=0.2, columnspacing=0.8, borderaxespad=0.2, markerscale=1.4)
    return fig


def plot_timeline(table: pl.DataFrame, time: str = "group", series: str | None = None, lang: str = "fr",
                  ylabel: str | None = None, title: str | None = None, width: str | float = "single") -> Figure:
    """Rates over time: a line per series with its confidence band (error bars for several series).

    ``table`` is :func:`corpusling.rates.rates` output grouped by a period column
    (``time``: ISO dates or months such as ``"2012-06"``, or any sortable label); with
    ``series`` (e.g. a marker or class column) one line per level, told apart by colour,
    marker and line style.
    """
    table = table.with_columns(pl.col(time).cast(pl.String))
    if series is None:
        table = table.with_columns(pl.lit("_single").alias("_series"))
        series = "_series"
    table = table.with_columns(pl.col(series).cast(pl.String)).sort(time)
    periods = table[time].unique().sort().to_list()
    names = _order(table, series, "rate")
    fig = new_figure(width, 2.4)
    with style():
        ax = fig.add_subplot()
        if table.is_empty():
            _empty(ax, lang)
            return fig
        x_of = {p: i for i, p in enumerate(periods)}
        dashes = ["-", "--", ":", "-."]
        for si, name in enumerate(names):
            part = table.filter(pl.col(series) == name)
            colour = PALETTE[si % len(PALETTE)]
            rate = part["rate"].fill_null(float("nan")).to_list()
            low = part["ci_low"].fill_null(float("nan")).to_list()
            high = part["ci_high"].fill_null(float("nan")).to_list()
            if len(names) == 1:  # one series: a confidence band
                xs = [x_of[p] for p in part[time].to_list()]
                ax.fill_between(xs, low, high, color=colour, alpha=0.18, linewidth=0)
            else:  # several: dodged error bars, which stay apart in greyscale
                xs = [x_of[p] + (si - (len(names) - 1) / 2) * 0.12 for p in part[time].to_list()]
                ax.errorbar(xs, rate, yerr=[[max(r - lo, 0) for r, lo in zip(rate, low, strict=True)],
                                            [max(hi - r, 0) for r, hi in zip(rate, high, strict=True)]],
                            fmt="none", ecolor=colour, elinewidth=0.7, alpha=0.8)
            ax.plot(xs, rate, marker=MARKERS[si % len(MARKERS)], linestyle=dashes[si % 4], color=colour,
                    markeredgecolor="white", markeredgewidth=0.4,
                    label=None if name == "_single" else label(name, lang))
        step = max(1, len(periods) // 8)
        shown = periods[::step]
        ax.set_xticks(range(0, len(periods), step),
                      [_period_label(p, lang, with_year=i == 0 or p[:4] != shown[i - 1][:4])
                       for i, p in enumerate(shown)])
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(number_formatter(lang))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.grid(axis="y")
        ax.set_axisbelow(True)
        ax.set_ylabel(ylabel or label("rate", lang))
        ax.set_xlabel(label("time", lang))
        if title:
            ax.set_title(title, loc="left")
        if len(names) > 1:
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(names), 3), borderaxespad=0.2)
    return fig


_MONTHS = {"fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
           "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]}


def _period_label(period: str, lang: str, with_year: bool = True) -> str:
    """``"2012-06"`` → ``"juin\\n2012"`` (the year only when asked); other labels as they are."""
    parts = period.split("-")
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return _MONTHS[lang][int(parts[1]) - 1] + (f"\n{parts[0]}" if with_year else "")
    return period

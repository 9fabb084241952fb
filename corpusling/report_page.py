"""The report's page, ``report.html``: tables, figures and provenance in one file a browser opens offline.

Every text that comes from the corpus, the user or an analysis is escaped (``html.escape``).
"""

from __future__ import annotations

import base64
import html
import json
from typing import TYPE_CHECKING, Any

import polars as pl

from corpusling import __version__

if TYPE_CHECKING:
    from corpusling.parsed import ParsedCorpus
    from corpusling.report import Report

_TEXT = {
    "fr": {"title": "Rapport corpusling", "overview": "Corpus", "documents": "documents", "words": "mots",
           "sentences": "phrases", "model": "modèle", "analyses": "Analyses", "summary": "Synthèse",
           "per_document": "Par document", "rates": "Fréquences pour 1 000 mots (IC 95 %)",
           "comparison": "Comparaison des groupes (G², log ratio)", "figures": "Figures", "files": "Fichiers",
           "provenance": "Provenance", "ok": "fait", "missing": "module absent", "failed": "échec",
           "more": "lignes de plus dans", "generated": "Produit par corpusling"},
    "en": {"title": "corpusling report", "overview": "Corpus", "documents": "documents", "words": "words",
           "sentences": "sentences", "model": "model", "analyses": "Analyses", "summary": "Summary",
           "per_document": "Per document", "rates": "Rates per 1,000 words (95% CI)",
           "comparison": "Group comparison (G², log ratio)", "figures": "Figures", "files": "Files",
           "provenance": "Provenance", "ok": "done", "missing": "module missing", "failed": "failed",
           "more": "more rows in", "generated": "Made by corpusling"},
}

_CAPTIONS = {
    "conditionals_by_class": {"fr": "Conditionnels par emploi, pour 1 000 mots, avec leur intervalle de confiance "
                                    "à 95 % (bootstrap sur les documents).",
                              "en": "Conditionals by use per 1,000 words with 95% confidence intervals "
                                    "(bootstrap over documents)."},
    "hedges_by_category": {"fr": "Modalisateurs et renforçateurs par catégorie, pour 1 000 mots (IC 95 %).",
                           "en": "Hedges and boosters by category per 1,000 words (95% CI)."},
    "quotations_by_kind": {"fr": "Densité des citations par type, pour 1 000 mots (IC 95 %).",
                           "en": "Quotation density by kind per 1,000 words (95% CI)."},
    "voice": {"fr": "Voix du journaliste, voix citée (citations directes et îlots textuels) et discours rapporté : "
                    "fréquence de chaque marqueur pour 1 000 mots de chaque voix.",
              "en": "Writer's voice, quoted voice (direct and mixed quotations) and reported speech: each marker "
                    "per 1,000 words of that voice."},
    "dispersion": {"fr": "Position des marqueurs dans chaque document (du début à la fin du texte).",
                   "en": "Where the markers fall in each document (start to end of the text)."},
    "timeline": {"fr": "Fréquence des marqueurs par mois (IC 95 %).",
                 "en": "Markers per month (95% CI)."},
}


_CSS = """body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#111;line-height:1.45}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #ccc}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{padding:.2rem .5rem;border-bottom:1px solid #e3e3e3;text-align:left}td.n{text-align:right;
font-variant-numeric:tabular-nums}figure{margin:1.5rem 0}figure img{max-width:100%;height:auto}
figcaption{font-size:.85rem;color:#333}.failed,.missing{color:#a33}.note{color:#555;font-size:.85rem}
code{font-size:.85rem}.wide{overflow-x:auto}"""


def _html_table(frame: pl.DataFrame, lang: str, limit: int = 60, source: str | None = None) -> str:
    def cell(value: Any) -> str:
        if value is None:
            return "<td></td>"
        if isinstance(value, float):
            text = f"{value:,.3g}" if abs(value) < 0.01 and value else f"{value:,.2f}"
            text = text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text
            return f'<td class="n">{text}</td>'
        if isinstance(value, int) and not isinstance(value, bool):
            text = f"{value:,}".replace(",", "\u202f" if lang == "fr" else ",")
            return f'<td class="n">{text}</td>'
        return f"<td>{html.escape(str(value))}</td>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in frame.head(limit).iter_rows())
    more = ""
    if frame.height > limit and source:
        more = (f'<p class="note">… {frame.height - limit:,} {_TEXT[lang]["more"]} '
                f'<a href="{html.escape(source)}">{html.escape(source)}</a></p>')
    return f'<div class="wide"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{more}'


def render(result: Report, parsed: ParsedCorpus, tables: dict[str, pl.DataFrame], stems: list[str],
          provenance: dict[str, Any], lang: str, results: dict[str, pl.DataFrame] | None = None) -> str:
    """The whole page: overview, analyses run, summary, figures (inline SVG), tables, files, provenance."""
    text = _TEXT[lang]
    out = result.out
    n_sent = parsed.tokens.select("doc_id", "sent_id").n_unique() if parsed.tokens.height else 0
    parts = [f"<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">",
             f"<title>{text['title']}</title><style>{_CSS}</style></head><body>",
             f"<h1>{text['title']}</h1>",
             f"<p>{parsed.documents.height:,} {text['documents']}, {n_sent:,} {text['sentences']}, "
             f"{parsed.tokens.height:,} {text['words']}; {text['model']} "
             f"<code>{html.escape(str(parsed.model.get('name', '?')))}</code>.</p>",
             f"<h2>{text['analyses']}</h2><ul>"]
    for step in result.steps:
        state = text.get(step.status, step.status)
        detail = f" — {html.escape(step.message)}" if step.message else ""
        rows = f", {step.rows:,}" if step.rows is not None else ""
        parts.append(f'<li class="{step.status}">{html.escape(step.name)}: {state}{rows}{detail}</li>')
    parts.append("</ul>")
    summary = tables.get("summary")
    if summary is not None:
        parts += [f"<h2>{text['summary']}</h2>",
                  _html_table(summary.filter(pl.col("level") != "document").drop("doc_id"), lang)]
    if stems:
        parts.append(f"<h2>{text['figures']}</h2>")
    for stem in stems:
        svg = (out / "figures" / f"{stem}.svg").read_bytes()
        caption = _CAPTIONS.get(stem, {}).get(lang, stem)
        parts.append(f'<figure><img alt="{html.escape(caption)}" src="data:image/svg+xml;base64,'
                     f'{base64.b64encode(svg).decode("ascii")}"><figcaption>{html.escape(caption)} '
                     f'<a href="figures/{stem}.pdf">PDF</a> · <a href="figures/{stem}.svg">SVG</a> · '
                     f'<a href="figures/{stem}.png">PNG</a></figcaption></figure>')
    if "rates" in tables:
        parts += [f"<h2>{text['rates']}</h2>", _html_table(tables["rates"].drop("ci_method"), lang, 80, "rates.csv")]
    if "comparison" in tables:
        parts += [f"<h2>{text['comparison']}</h2>", _html_table(tables["comparison"], lang, 80, "comparison.csv")]
    if summary is not None:
        parts += [f"<h2>{text['per_document']}</h2>",
                  _html_table(summary.filter(pl.col("level") == "document").drop("level"), lang, 40, "summary.csv")]
    parts.append(f"<h2>{text['files']}</h2><ul>")
    for path in sorted({p.relative_to(out).as_posix() for p in result.files if p.parent == out}):
        parts.append(f'<li><a href="{html.escape(path)}">{html.escape(path)}</a></li>')
    parts.append(f"</ul><h2>{text['provenance']}</h2><pre>"
                 + html.escape(json.dumps({k: provenance[k] for k in ("corpusling", "versions", "parameters")},
                                          indent=2, ensure_ascii=False))
                 + '</pre><p class="note"><a href="provenance.json">provenance.json</a></p>'
                 + f'<p class="note">{text["generated"]} {__version__}.</p></body></html>\n')
    return "".join(parts)

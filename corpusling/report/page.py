"""The report's page, ``report.html``: tables, figures, hits in context and provenance, in one file read offline.

Per analysis (conditionals, hedges, quotations, reported speech) the page lists the first hits as a KWIC
concordance (left context, the marker, right context), each with a link to the passage in ``corpusling serve``
(:data:`SERVE_URL`) and, for reading offline, its paragraph in a ``<details>`` element. Tables sort by a
click on a header (a small inline script; the page reads the same without it). Figures are shown at their
printed size.

Every text that comes from the corpus, the user or an analysis is escaped (``html.escape``).
"""

from __future__ import annotations

import base64
import html
import json
import re
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

import polars as pl

from corpusling import __version__
from corpusling.registry import breakdown

if TYPE_CHECKING:
    from pathlib import Path

    from corpusling.report.build import Report


class Corpus(Protocol):
    """What the page reads of a corpus (a ParsedCorpus or the report's counts): documents and model record."""

    documents: pl.DataFrame
    model: dict[str, Any]

_TEXT = {
    "fr": {"title": "Rapport corpusling", "overview": "Corpus", "documents": "documents", "words": "mots",
           "sentences": "phrases", "model": "modèle", "analyses": "Analyses", "summary": "Synthèse",
           "per_document": "Par document", "rates": "Fréquences pour 1 000 mots (IC 95 %)",
           "comparison": "Comparaison des groupes (G², log ratio)", "figures": "Figures", "files": "Fichiers",
           "provenance": "Provenance", "ok": "fait", "missing": "module absent", "failed": "échec",
           "more": "lignes de plus dans", "generated": "Produit par corpusling",
           "hits_conditionals": "Conditionnels en contexte",
           "hits_hedges": "Modalisateurs et renforçateurs en contexte",
           "hits_quotes": "Citations en contexte", "hits_reported": "Discours rapporté en contexte",
           "hits_first": "Les {shown} premières occurrences sur {total}, dans l'ordre des documents ; toutes dans",
           "hits_all": "Les {total} occurrences, dans l'ordre des documents ; aussi dans",
           "hits_how": "« ouvrir » montre le passage dans <code>corpusling serve DOSSIER</code> ; hors ligne, "
                       "dépliez « passage ». Survolez l'occurrence pour voir la règle qui l'a décidée.",
           "document": "document", "doc_title": "titre", "left": "contexte gauche", "match": "occurrence",
           "right": "contexte droit", "class": "emploi", "category": "catégorie", "kind": "type",
           "speaker": "locuteur", "passage": "passage", "link": "serve", "open": "ouvrir", "rule": "règle :",
           "sort": "Cliquer sur un en-tête pour trier le tableau."},
    "en": {"title": "corpusling report", "overview": "Corpus", "documents": "documents", "words": "words",
           "sentences": "sentences", "model": "model", "analyses": "Analyses", "summary": "Summary",
           "per_document": "Per document", "rates": "Rates per 1,000 words (95% CI)",
           "comparison": "Group comparison (G², log ratio)", "figures": "Figures", "files": "Files",
           "provenance": "Provenance", "ok": "done", "missing": "module missing", "failed": "failed",
           "more": "more rows in", "generated": "Made by corpusling",
           "hits_conditionals": "Conditionals in context", "hits_hedges": "Hedges and boosters in context",
           "hits_quotes": "Quotations in context", "hits_reported": "Reported speech in context",
           "hits_first": "The first {shown} of {total} hits, in document order; all of them in",
           "hits_all": "The {total} hits, in document order; also in",
           "hits_how": "“open” shows the passage in <code>corpusling serve FOLDER</code>; offline, unfold "
                       "“passage”. Hover over a hit to see the rule that decided it.",
           "document": "document", "doc_title": "title", "left": "left context", "match": "hit",
           "right": "right context", "class": "class", "category": "category", "kind": "kind",
           "speaker": "speaker", "passage": "passage", "link": "serve", "open": "open", "rule": "rule:",
           "sort": "Click a header to sort the table."},
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
th,td{padding:.2rem .5rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}td.n{text-align:right;
font-variant-numeric:tabular-nums}figure{margin:1.5rem 0}figure img{max-width:none}
figcaption{font-size:.85rem;color:#333}.failed,.missing{color:#a33}.note{color:#555;font-size:.85rem}
code{font-size:.85rem}.wide{overflow-x:auto;max-width:100%}pre{overflow-x:auto}
table.sortable th{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}
td.left{text-align:right}td.left,td.right{color:#333;min-width:12rem}mark{background:#fde68a;padding:0 .1rem}
td.match{min-width:8rem}details summary{cursor:pointer;color:#555;white-space:nowrap}
details p{margin:.3rem 0;min-width:20rem}"""

#: Sorts a ``table.sortable`` by the clicked header: numbers as numbers (a cell's ``data-v`` when it has one,
#: else its text, read with the page's decimal comma or point), then text, empty cells last; a second click
#: reverses the order.
_SORT_SCRIPT = """(function(){
var fr=document.documentElement.lang==="fr";
function key(cell){
  if(!cell)return[2,""];
  var raw=cell.hasAttribute("data-v")?cell.getAttribute("data-v"):cell.textContent.trim();
  if(raw==="")return[2,""];
  var t=raw.replace(/[\\s\\u00a0\\u202f]/g,"").replace("\\u2212","-").replace(/%$/,"");
  t=fr&&!cell.hasAttribute("data-v")?t.replace(",","."):t.replace(/,/g,"");
  return /^[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?$/i.test(t)?[0,parseFloat(t)]:[1,raw];
}
function compare(a,b){
  if(a[0]!==b[0])return a[0]-b[0];
  if(a[0]===0)return a[1]-b[1];
  return a[1].localeCompare(b[1],document.documentElement.lang,{numeric:true});
}
document.querySelectorAll("table.sortable thead th").forEach(function(th){
  th.tabIndex=0;
  function sort(){
    var table=th.closest("table"),body=table.tBodies[0],col=th.cellIndex;
    var dir=th.getAttribute("aria-sort")==="ascending"?-1:1;
    table.querySelectorAll("thead th").forEach(function(h){h.removeAttribute("aria-sort");});
    th.setAttribute("aria-sort",dir>0?"ascending":"descending");
    var rows=Array.prototype.map.call(body.rows,function(row,i){return{row:row,key:key(row.cells[col]),i:i};});
    rows.sort(function(a,b){return (a.key[0]===2)-(b.key[0]===2)||dir*compare(a.key,b.key)||a.i-b.i;});
    rows.forEach(function(r){body.appendChild(r.row);});
  }
  th.addEventListener("click",sort);
  th.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();sort();}});
});
})();"""

#: Where ``corpusling serve`` answers (its default port); a hit's link is ``SERVE_URL/document/ID?start=&end=``.
SERVE_URL = "http://127.0.0.1:8765"

#: How many hits of each analysis the page lists (all of them are in the analysis' CSV file).
HITS_SHOWN = 50

#: Characters of context on each side of a hit (cut back to a word boundary).
CONTEXT_WIDTH = 60

#: Characters of the paragraph shown on each side of a hit for reading offline (cut back to a word boundary).
PASSAGE_WIDTH = 400

#: A hit longer than this (a long quotation) is shortened in the concordance line; the passage shows it whole.
LONGEST_MATCH = 120

#: The analyses listed in context, in page order: the column that classes a hit (the registry's), the column
#: naming the rule that decided it (for hedges, the lexicon entry that matched), and whether a hit has a speaker.
HIT_ANALYSES: dict[str, tuple[str, str, bool]] = {
    "conditionals": (breakdown("conditionals"), "rule", False),
    "hedges": (breakdown("hedges"), "entry", False),
    "quotes": (breakdown("quotes"), "rule", True),
    "reported": (breakdown("reported"), "rule", True),
}


def _number(value: int | float, lang: str) -> str:
    """A number as printed in the page's language (French: narrow no-break space, decimal comma)."""
    if isinstance(value, float):
        text = f"{value:,.3g}" if abs(value) < 0.01 and value else f"{value:,.2f}"
        return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text
    return f"{value:,}".replace(",", "\u202f" if lang == "fr" else ",")


def _html_table(frame: pl.DataFrame, lang: str, limit: int = 60, source: str | None = None) -> str:
    """A sortable table of the first ``limit`` rows; numbers carry their raw value (``data-v``) for sorting."""
    def cell(value: Any) -> str:
        if value is None:
            return "<td></td>"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f'<td class="n" data-v="{value!r}">{_number(value, lang)}</td>'
        return f"<td>{html.escape(str(value))}</td>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in frame.head(limit).iter_rows())
    more = ""
    if frame.height > limit and source:
        more = (f'<p class="note">… {_number(frame.height - limit, lang)} {_TEXT[lang]["more"]} '
                f'<a href="{html.escape(source)}">{html.escape(source)}</a></p>')
    return (f'<div class="wide"><table class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            f"</table></div>{more}")


def _one_line(text: str) -> str:
    """Runs of white space (line breaks included) as one space."""
    return re.sub(r"\s+", " ", text)


def _context(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, str, str]:
    """Left context, match and right context of ``text[start:end]``, as a KWIC line shows them.

    Each context is at most ``width`` characters, cut back to a word boundary (a word the window cuts in two
    is left out) and marked "…" where the text goes on; runs of white space, line breaks included, become one
    space.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left_from, right_to = max(0, start - width), min(len(text), end + width)
    left, right = text[left_from:start], text[end:right_to]
    if left_from > 0 and not text[left_from - 1].isspace():  # the window begins inside a word
        left = re.sub(r"^\S+(?=\s)", "", left)
    if right_to < len(text) and not text[right_to].isspace():  # the window ends inside a word
        right = re.sub(r"(?<=\s)\S+$", "", right)
    left, match, right = _one_line(left), _one_line(text[start:end]), _one_line(right)
    if left_from > 0:
        left = "… " + left.lstrip()
    if right_to < len(text):
        right = right.rstrip() + " …"
    return left, match, right


def serve_link(doc_id: str, start: int, end: int) -> str:
    """The address at which ``corpusling serve`` shows a passage of a document (not yet HTML-escaped)."""
    return f"{SERVE_URL}/document/{quote(str(doc_id), safe='')}?start={int(start)}&end={int(end)}"


def _titles(documents: pl.DataFrame) -> dict[str, str]:
    """Each document's title from its metadata, for the documents that have one."""
    if "title" not in documents.columns:
        return {}
    named = documents.select(pl.col("doc_id").cast(pl.String), pl.col("title").cast(pl.String))
    return dict(named.filter(pl.col("title").str.strip_chars() != "").iter_rows())


def _first_hits(table: pl.DataFrame, documents: pl.DataFrame, limit: int = HITS_SHOWN) -> pl.DataFrame:
    """The first ``limit`` hits in document order: the documents table's order, then the offset."""
    order = documents.select(pl.col("doc_id").cast(pl.String)).with_row_index("doc_order")
    return (table.with_columns(pl.col("doc_id").cast(pl.String), pl.col("start_char", "end_char").cast(pl.Int64))
            .join(order, on="doc_id", how="left").sort("doc_order", "start_char", "end_char", nulls_last=True)
            .head(limit))


def _paragraph(text: str, start: int, end: int, width: int = PASSAGE_WIDTH) -> tuple[str, str, str]:
    """The paragraph (between line breaks) around ``text[start:end]`` as :func:`_context` gives it, at most
    ``width`` characters on each side: the hit's context for reading offline."""
    par_start = text.rfind("\n", 0, max(0, start)) + 1
    par_end = text.find("\n", max(start, end))
    par_end = len(text) if par_end < 0 else par_end
    return _context(text[par_start:par_end], start - par_start, end - par_start, width)


def _shorten(text: str, longest: int = LONGEST_MATCH) -> str:
    """A long hit as its first and last words around "…" (about ``longest`` characters in all)."""
    if len(text) <= longest:
        return text
    half = longest // 2
    head, tail = text[:half], text[-half:]
    head = re.sub(r"(?<=\s)\S+$", "", head) if not text[half].isspace() else head  # no word cut in two
    tail = re.sub(r"^\S+(?=\s)", "", tail) if not text[-half - 1].isspace() else tail
    return f"{head.rstrip()} … {tail.lstrip()}"


def _hit_row(hit: dict[str, Any], text: str, title: str, name: str, lang: str) -> str:
    """One concordance line: document, left context, the marker (its rule on hover), right context, its class,
    the speaker, the link to ``serve`` and, for reading offline, the paragraph the hit lies in."""
    category, rule, speaker = HIT_ANALYSES[name]
    label = _TEXT[lang]
    start, end = hit["start_char"], hit["end_char"]
    left, match, right = _context(text, start, end)
    before, _, after = _paragraph(text, start, end)
    rule_text = html.escape(f'{label["rule"]} {hit.get(rule) or "?"}')
    link = html.escape(serve_link(hit["doc_id"], start, end))
    cells = [f'<td title="{html.escape(str(hit["doc_id"]))}">{html.escape(title)}</td>',
             f'<td class="left">{html.escape(left)}</td>',
             f'<td class="match"><mark title="{rule_text}">{html.escape(_shorten(match))}</mark></td>',
             f'<td class="right">{html.escape(right)}</td>',
             f'<td title="{rule_text}">{html.escape(str(hit.get(category) or ""))}</td>']
    if speaker:
        cells.append(f"<td>{html.escape(str(hit.get('speaker') or hit.get('source') or ''))}</td>")
    cells += [f'<td><a href="{link}">{label["open"]}</a></td>',
              f'<td><details><summary>{label["passage"]}</summary><p>{html.escape(before)}'
              f'<mark title="{rule_text}">{html.escape(match)}</mark>{html.escape(after)}</p></details></td>']
    return "<tr>" + "".join(cells) + "</tr>"


def _hits_section(name: str, table: pl.DataFrame, documents: pl.DataFrame, lang: str,
                  limit: int = HITS_SHOWN) -> str:
    """The section of one analysis of :data:`HIT_ANALYSES`: its first hits in context (a KWIC table from the
    documents' ``text``), or nothing when it has none."""
    category, _, speaker = HIT_ANALYSES[name]
    if table.is_empty() or not {"doc_id", "start_char", "end_char"} <= set(table.columns):
        return ""
    label = _TEXT[lang]
    hits = _first_hits(table, documents, limit)
    texts = dict(documents.select(pl.col("doc_id").cast(pl.String), "text")
                 .filter(pl.col("doc_id").is_in(hits["doc_id"].unique().to_list())).iter_rows())
    titles = _titles(documents)
    rows = [_hit_row(hit, texts[hit["doc_id"]], titles.get(hit["doc_id"], hit["doc_id"]), name, lang)
            for hit in hits.iter_rows(named=True)
            if hit["doc_id"] in texts and hit["start_char"] is not None and hit["end_char"] is not None]
    heads = ["document", "left", "match", "right", category, *(["speaker"] if speaker else []), "link", "passage"]
    head = "".join(f"<th>{label[h]}</th>" for h in heads)
    shown, total = _number(len(rows), lang), _number(table.height, lang)
    count = (label["hits_first"] if table.height > len(rows) else label["hits_all"]).format(shown=shown, total=total)
    return (f'<section id="hits-{name}"><h2>{label["hits_" + name]}</h2>'
            f'<p class="note">{count} <a href="{name}.csv">{name}.csv</a>. {label["hits_how"]}</p>'
            f'<div class="wide"><table class="sortable hits"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def _figure(out: Path, stem: str, lang: str) -> str:
    """A figure (inline SVG) at its printed size, the width and height its SVG gives in pt or inches; on a
    narrow screen it scrolls rather than shrinks."""
    svg = (out / "figures" / f"{stem}.svg").read_bytes()
    size = ""
    tag = re.search(rb"<svg\b[^>]*>", svg[:4000])
    if tag:
        width = re.search(rb'\swidth="([0-9.]+(?:pt|in|px|cm|mm)?)"', tag.group(0))
        height = re.search(rb'\sheight="([0-9.]+(?:pt|in|px|cm|mm)?)"', tag.group(0))
        if width and height:
            size = f' style="width:{width.group(1).decode()};height:{height.group(1).decode()}"'
    caption = _CAPTIONS.get(stem, {}).get(lang, stem)
    return (f'<figure><div class="wide"><img alt="{html.escape(caption)}"{size} src="data:image/svg+xml;base64,'
            f'{base64.b64encode(svg).decode("ascii")}"></div><figcaption>{html.escape(caption)} '
            f'<a href="figures/{stem}.pdf">PDF</a> · <a href="figures/{stem}.svg">SVG</a> · '
            f'<a href="figures/{stem}.png">PNG</a></figcaption></figure>')


def _per_document(summary: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """The summary's document rows, each with the document's title (after ``doc_id``) where metadata has one."""
    rows = summary.filter(pl.col("level") == "document").drop("level")
    titles = _titles(documents)
    if not titles or "doc_id" not in rows.columns:
        return rows
    rows = rows.with_columns(pl.col("doc_id").cast(pl.String))
    named = rows.with_columns(title=pl.col("doc_id").replace_strict(titles, default=None, return_dtype=pl.String))
    return named.select("doc_id", "title", pl.exclude("doc_id", "title"))


def _size(corpus: Corpus) -> tuple[int, int]:
    """Words and sentences of the corpus: counted in the token table of a ParsedCorpus, else as the report
    counted them batch by batch (``n_tokens``, ``n_sentences``)."""
    tokens = getattr(corpus, "tokens", None)
    if tokens is None:
        return int(getattr(corpus, "n_tokens", 0)), int(getattr(corpus, "n_sentences", 0))
    return tokens.height, tokens.select("doc_id", "sent_id").n_unique() if tokens.height else 0


def render(result: Report, parsed: Corpus, tables: dict[str, pl.DataFrame], stems: list[str],
           provenance: dict[str, Any], lang: str, results: dict[str, pl.DataFrame] | None = None) -> str:
    """The whole page: overview, analyses run, summary, figures (inline SVG), the hits of each analysis in
    context (``results``: the analyses' tables), tables, files, provenance.

    ``parsed``: a ParsedCorpus, or the report's counts of one (its documents table, with their ``text``, and
    model record); hits are shown in context when the documents table has the texts.
    """
    text = _TEXT[lang]
    results = results or {}
    out = result.out
    n_words, n_sent = _size(parsed)
    parts = [f"<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">",
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{text['title']}</title><style>{_CSS}</style></head><body>",
             f"<h1>{text['title']}</h1>",
             f"<p>{_number(parsed.documents.height, lang)} {text['documents']}, {_number(n_sent, lang)} "
             f"{text['sentences']}, {_number(n_words, lang)} {text['words']}; {text['model']} "
             f"<code>{html.escape(str(parsed.model.get('name', '?')))}</code>.</p>",
             f"<h2>{text['analyses']}</h2><ul>"]
    for step in result.steps:
        state = text.get(step.status, step.status)
        detail = f" — {html.escape(step.message)}" if step.message else ""
        rows = f", {_number(step.rows, lang)}" if step.rows is not None else ""
        parts.append(f'<li class="{html.escape(step.status)}">{html.escape(step.name)}: {html.escape(state)}'
                     f"{rows}{detail}</li>")
    parts.append(f'</ul><p class="note">{text["sort"]}</p>')
    summary = tables.get("summary")
    if summary is not None:
        parts += [f"<h2>{text['summary']}</h2>",
                  _html_table(summary.filter(pl.col("level") != "document").drop("doc_id"), lang)]
    if stems:
        parts.append(f"<h2>{text['figures']}</h2>")
    parts += [_figure(out, stem, lang) for stem in stems]
    if "text" in parsed.documents.columns:
        parts += [_hits_section(name, results[name], parsed.documents, lang)
                  for name in HIT_ANALYSES if results.get(name) is not None]
    if "rates" in tables:
        parts += [f"<h2>{text['rates']}</h2>", _html_table(tables["rates"].drop("ci_method"), lang, 80, "rates.csv")]
    if "comparison" in tables:
        parts += [f"<h2>{text['comparison']}</h2>", _html_table(tables["comparison"], lang, 80, "comparison.csv")]
    if summary is not None:
        parts += [f"<h2>{text['per_document']}</h2>",
                  _html_table(_per_document(summary, parsed.documents), lang, 40, "summary.csv")]
    parts.append(f"<h2>{text['files']}</h2><ul>")
    for path in sorted({p.relative_to(out).as_posix() for p in result.files if p.parent == out}):
        parts.append(f'<li><a href="{html.escape(path)}">{html.escape(path)}</a></li>')
    parts.append(f"</ul><h2>{text['provenance']}</h2><pre>"
                 + html.escape(json.dumps({k: provenance[k] for k in ("corpusling", "versions", "parameters")},
                                          indent=2, ensure_ascii=False))
                 + '</pre><p class="note"><a href="provenance.json">provenance.json</a></p>'
                 + f'<p class="note">{text["generated"]} {__version__}.</p>'
                 + f"<script>{_SORT_SCRIPT}</script></body></html>\n")
    return "".join(parts)

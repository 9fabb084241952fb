"""HTML articles: the title and the paragraphs, without navigation or boilerplate.

The document text is one paragraph per text block, in document order, separated by
a blank line (``"\\n\\n"``): headings ``<h1>``–``<h6>``, ``<p>``, list items ``<li>``,
``<blockquote>``, ``<pre>``, ``<dd>``/``<dt>``, ``<td>``/``<th>``, ``<figcaption>``, and text lying
loose in a ``<div>`` or other container between blocks. Inside a block,
ASCII whitespace (spaces, tabs, line ends) is collapsed to one space as a browser
does; non-breaking and narrow spaces are kept. Navigation and boilerplate are dropped:
``<nav> <header> <footer> <aside> <script> <style> <form>``…, elements with the ARIA
roles ``navigation banner contentinfo complementary search``, and elements whose class
or id names a menu, footer, breadcrumb, sidebar, share bar, comment section or
MediaWiki chrome. When the page has an ``<article>`` or ``<main>`` element, only
that element is read. Metadata: ``title`` (the first ``<h1>``, else ``<title>``), and
``date`` and ``author`` when the page declares them (``<meta property="article:published_time">``,
``<meta name="date|author">``, Dublin Core, or the first ``<time datetime>``); a
``metadata.csv`` sidecar overrides them.

Parsing uses selectolax's Lexbor engine (a lenient HTML5 parser).
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpusling.corpus import Document
from corpusling.errors import DocumentError
from corpusling.normalise import clean_text
from corpusling.readers.encoding import decode

#: Elements whose text is one paragraph of the document.
BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "dd", "dt", "td", "th",
          "figcaption", "caption"}

#: Inline elements: their text runs on with the text around them.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img", "ins",
          "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
          "wbr", "big", "tt", "acronym"}

#: Elements never read.
BOILERPLATE = {"nav", "header", "footer", "aside", "script", "style", "noscript", "form", "menu", "button",
               "select", "template", "svg", "iframe", "object", "canvas", "head", "title", "meta", "link",
               "input", "textarea", "dialog"}

BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}

#: Class or id words that mark page chrome (whole words of the attribute, case-insensitive).
BOILERPLATE_NAMES = {"nav", "navbar", "navigation", "menu", "footer", "breadcrumb", "breadcrumbs", "sidebar",
                     "cookie", "cookies", "share", "sharing", "social", "advert", "advertisement", "ads",
                     "comments", "related", "noprint", "catlinks", "printfooter", "mw-editsection",
                     "mw-jump-link", "mw-navigation", "toc", "skip-link", "newsletter"}

#: Metadata field → ``<meta>`` names or properties that give it, in order of preference.
META_FIELDS = {
    "date": ["article:published_time", "date", "dc.date", "dcterms.date", "pubdate", "publish-date"],
    "author": ["author", "article:author", "dc.creator", "dcterms.creator"],
}

_SPACES = re.compile(r"[ \t\n\r\f]+")
_NAME_WORDS = re.compile(r"[\s_]+")


def _is_boilerplate(node: LexborNode) -> bool:
    if node.tag in BOILERPLATE:
        return True
    attrs = node.attributes
    if (attrs.get("role") or "").lower() in BOILERPLATE_ROLES or "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return bool(names.strip()) and any(word in BOILERPLATE_NAMES for word in _NAME_WORDS.split(names))


def _inline_text(node: LexborNode) -> str:
    """Text of a block: inline elements joined as they are, line breaks and nested blocks as spaces."""
    parts: list[str] = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            parts.append(child.text(deep=False) or "")
        elif child.tag == "br":
            parts.append(" ")
        elif child.tag.startswith("-") or _is_boilerplate(child):
            continue
        elif child.tag in BLOCKS or child.tag in {"div", "ul", "ol", "dl", "table", "tr", "section"}:
            parts.append(f" {_inline_text(child)} ")
        else:
            parts.append(_inline_text(child))
    return "".join(parts)


def _blocks(node: LexborNode, out: list[str]) -> None:
    """Collect the text blocks under ``node`` in document order (outermost block wins).

    Text lying loose in a container (``<div>Texte <b>gras</b><p>…</p></div>``) between
    blocks is a paragraph of its own.
    """
    loose: list[str] = []

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(loose)).strip()
        if text:
            out.append(text)
        loose.clear()

    for child in node.iter(include_text=True):
        if child.tag == "-text":
            loose.append(child.text(deep=False) or "")
        elif child.tag == "br":
            loose.append(" ")
        elif child.tag.startswith("-") or _is_boilerplate(child):
            continue
        elif child.tag in INLINE:
            loose.append(_inline_text(child))
        elif child.tag in BLOCKS:
            flush()
            text = _SPACES.sub(" ", _inline_text(child)).strip()
            if text:
                out.append(text)
        else:
            flush()
            _blocks(child, out)
    flush()


def page_metadata(tree: LexborHTMLParser) -> dict[str, str]:
    """``date`` and ``author`` declared in the page's ``<meta>`` elements or first ``<time datetime>``."""
    declared: dict[str, str] = {}
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name") or "").strip().lower()
        value = (node.attributes.get("content") or "").strip()
        if key and value:
            declared.setdefault(key, value)
    meta = {}
    for field, keys in META_FIELDS.items():
        value = next((declared[k] for k in keys if k in declared), None)
        if value:
            meta[field] = value
    if "date" not in meta:
        time = tree.css_first("time[datetime]")
        if time is not None and (time.attributes.get("datetime") or "").strip():
            meta["date"] = time.attributes["datetime"].strip()
    return meta


def extract(html: str) -> tuple[str, str | None]:
    """``(text, title)`` of an HTML page: paragraphs joined by blank lines, before :func:`clean_text`."""
    return _extract(LexborHTMLParser(html))


def _extract(tree: LexborHTMLParser) -> tuple[str, str | None]:
    scope = tree.css_first("article") or tree.css_first("main") or tree.body
    if scope is None:
        return "", None
    paragraphs: list[str] = []
    _blocks(scope, paragraphs)
    if not paragraphs:  # no block elements: the visible text as one paragraph
        text = _SPACES.sub(" ", _inline_text(scope)).strip()
        paragraphs = [text] if text else []
    heading = scope.css_first("h1") or tree.css_first("h1")
    title_node = heading if heading is not None else tree.css_first("title")
    title = _SPACES.sub(" ", title_node.text(deep=True)).strip() if title_node is not None else None
    return "\n\n".join(paragraphs), title or None


def read_html(path: Path, doc_id: str) -> Document:
    """One HTML file as a document; raises :class:`DocumentError` when it has no text."""
    raw, notes = decode(path.read_bytes(), str(path))
    tree = LexborHTMLParser(raw)
    text, title = _extract(tree)
    text, cleaned = clean_text(text)
    if not text.strip():
        raise DocumentError(f"{path}: no paragraph text found in this HTML page; remove it from the corpus")
    meta = ({"title": title} if title else {}) | page_metadata(tree)
    return Document(doc_id=doc_id, text=text, meta=meta, source=str(path), notes=notes + cleaned)

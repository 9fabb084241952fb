"""The report's page (report.html): hits in context with links to ``serve``, titles, figures at their printed
size, sortable tables, and every text escaped.

The page is read with an HTML parser (selectolax's Lexbor engine, as the HTML reader uses), not by string
matching, so a test sees what a browser would. The sorting script runs in headless Chromium when it is there.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import polars as pl
import pytest
from selectolax.lexbor import LexborHTMLParser

from corpusling.report import Report, build_report
from corpusling.report.page import (
    _SORT_SCRIPT,
    HITS_SHOWN,
    _context,
    _html_table,
    _paragraph,
    _shorten,
    render,
    serve_link,
)

ROOT = Path(__file__).resolve().parent.parent

#: The link to a passage in ``corpusling serve``, written here independently of the code.
SERVE_LINK = re.compile(r"http://127\.0\.0\.1:8765/document/([^/?#]+)\?start=(\d+)&end=(\d+)")

#: What each analysis's hits are classed by, and whether they have a speaker column.
CLASSED_BY = {"conditionals": ("class", False), "hedges": ("category", False), "quotes": ("kind", True),
              "reported": ("kind", True)}

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed_page(seed_parsed, tmp_path_factory):
    """The report on the seed: its folder and its page, parsed."""
    out = tmp_path_factory.mktemp("report")
    done = build_report(seed_parsed, out, inputs=[ROOT / "seeds"], log=lambda line: None)
    assert done.ok, [(s.name, s.message) for s in done.steps if s.status != "ok"]
    return out, LexborHTMLParser((out / "report.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    """A report on two documents given as JSON lines: the first has markup in its id, title and text (inside a
    quotation), the second a plain title. Returns the page's source."""
    from corpusling.api import parse, read

    folder = tmp_path_factory.mktemp("hostile")
    rows = [{"doc_id": f"evil{IMG}", "title": f"{SCRIPT} {IMG}",
             "text": f"Le ministre a déclaré : « {SCRIPT} nous ne partirions pas {IMG} ». "
                     "Selon l'AFP, il pourrait démissionner."},
            {"doc_id": "calme 2/b", "title": "Un titre paisible",
             "text": "Le maire aurait quitté la ville. « Nous reviendrons demain avec toute l'équipe », a-t-il dit."}]
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    out = folder / "report"
    build_report(parse(read([corpus]), model="compact"), out, log=lambda line: None)
    return (out / "report.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the context of a hit

def test_context_cuts_back_to_word_boundaries():
    text = "le chat noir dort sur le canapé rouge"
    start = text.index("dort")
    # 8 characters each side: "at noir " begins inside "chat", " sur le " ends before "canapé"
    assert _context(text, start, start + 4, width=8) == ("… noir ", "dort", " sur le …")
    # 10 characters: "chat noir " is whole words; " sur le ca" ends inside "canapé", left out
    assert _context(text, start, start + 4, width=10) == ("… chat noir ", "dort", " sur le …")
    # wide enough: the whole text, no ellipsis
    assert _context(text, start, start + 4, width=100) == ("le chat noir ", "dort", " sur le canapé rouge")
    # at the edges of the text
    assert _context(text, 0, 2, width=6) == ("", "le", " chat …")
    assert _context(text, len(text) - 5, len(text), width=7) == ("… canapé ", "rouge", "")


def test_context_puts_line_breaks_on_one_line_and_clamps_offsets():
    text = "Premier paragraphe.\n\nIl aurait   dit\tcela."
    start = text.index("aurait")
    assert _context(text, start, start + 6, width=100) == ("Premier paragraphe. Il ", "aurait", " dit cela.")
    assert _context(text, -5, 4, width=3) == ("", "Prem", "ier …")
    assert _context(text, len(text) + 3, len(text) + 9, width=15) == ("… dit cela.", "", "")


def test_paragraph_stays_within_its_paragraph():
    text = "Un.\n\nLe ministre aurait démissionné hier.\n\nTrois."
    start = text.index("aurait")
    assert _paragraph(text, start, start + 6) == ("Le ministre ", "aurait", " démissionné hier.")


def test_a_long_hit_is_shortened_between_whole_words():
    quotation = "« " + " ".join(f"mot{i}" for i in range(60)) + " »"
    short = _shorten(quotation, 40)
    head, tail = short.split(" … ")
    assert quotation.startswith(head) and quotation.endswith(tail) and len(short) <= 43
    assert head.split()[-1] in quotation.split() and tail.split()[0] in quotation.split()
    assert _shorten("« court »", 40) == "« court »"


# --------------------------------------------------------------------------- the seed's page

def test_seed_page_lists_each_analysis_hits_in_context(seed_page):
    out, page = seed_page
    text = pl.read_parquet(out / "documents.parquet")["text"][0]
    for name, (classed_by, has_speaker) in CLASSED_BY.items():
        table = pl.read_csv(out / f"{name}.csv", infer_schema_length=None).sort("start_char", "end_char")
        rows = page.css(f"#hits-{name} tbody tr")
        assert table.height > 0, f"the seed has {name}"
        assert len(rows) == min(table.height, HITS_SHOWN), name
        for row, hit in zip(rows, table.iter_rows(named=True), strict=False):
            start, end = hit["start_char"], hit["end_char"]
            cells = [cell.text() for cell in row.css("td")]
            left, right = cells[1], cells[3]
            assert squash(text[:start]).endswith(squash(left.removeprefix("…"))), (name, left)
            assert squash(text[end:]).startswith(squash(right.removesuffix("…"))), (name, right)
            assert len(left) <= 64 and len(right) <= 64
            passage = row.css_first("details")
            assert squash(passage.css_first("mark").text()) == squash(text[start:end])
            assert squash(passage.css_first("p").text().removeprefix("…").removesuffix("…")) in squash(text)
            assert cells[4] == hit[classed_by]
            if has_speaker:
                assert cells[5] == (hit["speaker"] or hit["source"] or "")
            assert row.css_first("mark").attributes["title"].endswith(str(hit.get("rule") or hit.get("entry")))
            link = SERVE_LINK.fullmatch(row.css_first("a").attributes["href"])
            assert link, row.css_first("a").attributes["href"]
            assert (unquote(link[1]), int(link[2]), int(link[3])) == (hit["doc_id"], start, end)


def test_seed_figures_are_shown_at_their_printed_size(seed_page):
    _, page = seed_page
    images = page.css("figure img")
    assert len(images) >= 5
    for image in images:
        svg = base64.b64decode(image.attributes["src"].split(",", 1)[1]).decode("utf-8")
        tag = re.search(r"<svg\b[^>]*>", svg)[0]
        width, height = re.search(r'\swidth="([^"]+)"', tag)[1], re.search(r'\sheight="([^"]+)"', tag)[1]
        assert width.endswith(("pt", "in"))
        assert image.attributes["style"] == f"width:{width};height:{height}"
        assert image.parent.attributes.get("class") == "wide"  # scrolls on a narrow screen
    assert "img{max-width:100%" not in page.css_first("style").text()  # not shrunk to the column


def test_seed_page_tables_scroll_and_sort(seed_page):
    _, page = seed_page
    tables = page.css("table")
    assert tables and all(t.parent.attributes.get("class") == "wide" for t in tables)
    assert all("sortable" in (t.attributes.get("class") or "") for t in tables)
    scripts = page.css("script")
    assert len(scripts) == 1 and "src" not in scripts[0].attributes
    numbers = page.css("td.n")  # each printed number carries its value for sorting
    assert numbers and all(isinstance(float(cell.attributes["data-v"]), float) for cell in numbers)


# --------------------------------------------------------------------------- escaping, titles, links

def test_markup_in_text_title_id_and_quotation_is_shown_as_text(hostile_page):
    assert "<script>alert" not in hostile_page and "<img src=x" not in hostile_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page
    page = LexborHTMLParser(hostile_page)
    assert [s.text() for s in page.css("script")] == [_SORT_SCRIPT]
    assert all(img.attributes["src"].startswith("data:image/svg+xml;base64,") for img in page.css("img"))
    assert not any("onerror" in node.attributes for node in page.css("*"))
    quotations = [mark.text() for mark in page.css("#hits-quotes tbody tr td:nth-child(3) mark")]
    assert any(SCRIPT in quotation and IMG in quotation for quotation in quotations), quotations
    # the title, not the id, names the document; the id (quoted) is in the link
    first = page.css_first("#hits-quotes tbody tr")
    assert first.css_first("td").text() == f"{SCRIPT} {IMG}"
    link = SERVE_LINK.fullmatch(first.css_first("a").attributes["href"])
    assert link and unquote(link[1]) == f"evil{IMG}"


def test_titles_name_the_documents_in_document_order(hostile_page):
    page = LexborHTMLParser(hostile_page)
    named = [row.css_first("td").text() for row in page.css("#hits-quotes tbody tr")]
    assert named[-1] == "Un titre paisible" and named[0] == f"{SCRIPT} {IMG}"  # the documents table's order
    per_document = [t for t in page.css("table") if "doc_id" in [th.text() for th in t.css("th")]][-1]
    heads = [th.text() for th in per_document.css("th")]
    assert heads[:2] == ["doc_id", "title"]
    assert [row.css("td")[1].text() for row in per_document.css("tbody tr")] == [f"{SCRIPT} {IMG}",
                                                                                 "Un titre paisible"]


def test_serve_link_quotes_the_document_id():
    assert serve_link("calme 2/b", 3, 9) == "http://127.0.0.1:8765/document/calme%202%2Fb?start=3&end=9"
    assert SERVE_LINK.fullmatch(serve_link(f"x{IMG}", 0, 1))


def test_render_escapes_a_hand_made_quotation_and_its_rule(tmp_path):
    documents = pl.DataFrame({"doc_id": [f"d{IMG}"], "title": [SCRIPT],
                              "text": [f"Il a dit : « {SCRIPT} » hier."]})
    start = documents["text"][0].index("«")
    quotes = pl.DataFrame({"doc_id": [f"d{IMG}"], "start_char": [start], "end_char": [start + len(SCRIPT) + 4],
                           "kind": [IMG], "speaker": [SCRIPT], "rule": [IMG]})
    corpus = SimpleNamespace(documents=documents, model={"name": SCRIPT}, n_tokens=9, n_sentences=1)
    provenance = {"corpusling": "0", "versions": {}, "parameters": {"x": SCRIPT}}
    page = render(Report(out=tmp_path), corpus, {}, [], provenance, "en", {"quotes": quotes})
    assert "<script>alert" not in page and "<img src=x" not in page
    row = LexborHTMLParser(page).css_first("#hits-quotes tbody tr")
    assert [cell.text() for cell in row.css("td")][:6] == [SCRIPT, "Il a dit : ", f"« {SCRIPT} »", " hier.", IMG,
                                                          SCRIPT]
    assert row.css_first("mark").attributes["title"] == f"rule: {IMG}"


# --------------------------------------------------------------------------- sorting, in a browser

@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium (installed by .ci/run)")
def test_sorting_in_a_browser_reads_french_numbers(tmp_path):
    frame = pl.DataFrame({"name": ["b", "c", "a", "d"], "rate": [10.5, 9.75, 1234.5, None],
                          "printed": ["10,5", "9,75", "1\u202f234,5", ""]})
    clicks = {"rate": [1], "printed": [2], "printed twice": [2, 2], "name": [0]}
    # one table per way of clicking, all in one page, sorted by the page's own script in headless Chromium
    page = tmp_path / "sort.html"
    page.write_text(f'<!doctype html><html lang="fr"><body>{_html_table(frame, "fr") * len(clicks)}'
                    f"<script>{_SORT_SCRIPT}</script><script>var tables=document.querySelectorAll('table');"
                    + "".join(f"tables[{i}].querySelectorAll('th')[{column}].click();"
                              for i, columns in enumerate(clicks.values()) for column in columns)
                    + "</script></body></html>", encoding="utf-8")
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    tables = LexborHTMLParser(dom).css("table")
    orders = {what: [row.css_first("td").text() for row in table.css("tbody tr")]
              for what, table in zip(clicks, tables, strict=True)}
    assert orders["rate"] == ["c", "b", "a", "d"]  # 9.75 < 10.5 < 1234.5, the empty cell last
    assert orders["printed"] == ["c", "b", "a", "d"]  # the same numbers read from their French printing
    assert orders["printed twice"] == ["a", "b", "c", "d"]  # descending, the empty cell still last
    assert orders["name"] == ["a", "b", "c", "d"]

"""The workbench (``corpusling serve``) through Starlette's TestClient: routes, figures against the package's
own functions, escaping, and bad requests. The browser tests are in ``test_web_browser.py``.

The corpus: the seed article and ``tests/web/hostile`` (markup and a formula in its text, metadata and
doc_id), parsed for real with the bundled model, served as a parsed folder and as a report folder.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import socket
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import quote

import polars as pl
import pytest
from conftest import ROOT, SEED

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

HOSTILE_DIR = ROOT / "tests" / "web" / "hostile"
HOSTILE_ID = 'x"><img src=x onerror=alert(2)>'
SEED_ID = SEED.stem
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def parsed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from corpusling.api import parse, read

    folder = tmp_path_factory.mktemp("web") / "parsed"
    parse(read([SEED, HOSTILE_DIR]), model="compact").save(folder)
    return folder


@pytest.fixture(scope="module")
def report_folder(parsed_folder: Path) -> Path:
    from corpusling.cli import main

    out = parsed_folder.parent / "report"
    assert main(["report", str(parsed_folder), "--out", str(out)]) == 0
    return out


def _client(folder: Path) -> TestClient:
    from corpusling.web import serve_app

    return TestClient(serve_app(folder), base_url="http://127.0.0.1", raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(parsed_folder: Path) -> TestClient:
    return _client(parsed_folder)


@pytest.fixture(scope="module")
def report_client(report_folder: Path) -> TestClient:
    return _client(report_folder)


@pytest.fixture(scope="module")
def corpus(parsed_folder: Path):
    from corpusling.parsed import load

    return load(parsed_folder)


def links(html: str, prefix: str) -> list[str]:
    """The ``href`` of every link starting with ``prefix``, unescaped."""
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html) if unescape(h).startswith(prefix)]


def context_links(html: str) -> list[tuple[str, int, int]]:
    """(doc_id, start, end) of every link to a context."""
    from urllib.parse import parse_qs, unquote, urlsplit

    found = []
    for href in links(html, "/document/"):
        parts = urlsplit(href)
        query = parse_qs(parts.query)
        if "start" in query:
            found.append((unquote(parts.path[len("/document/"):]), int(query["start"][0]), int(query["end"][0])))
    return found


# --------------------------------------------------------------------------- the command

def test_serve_help(capsys: pytest.CaptureFixture[str]) -> None:
    from corpusling.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--port" in out and "--host" in out and "127.0.0.1" in out


@pytest.mark.parametrize("make", ["missing", "file", "text folder"])
def test_serve_refuses_what_is_not_a_parsed_or_report_folder(tmp_path: Path, make: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from corpusling.cli import main

    target = tmp_path / "nothing"
    if make == "file":
        target.write_text("x", encoding="utf-8")
    elif make == "text folder":
        target.mkdir()
        (target / "a.txt").write_text("Un texte.", encoding="utf-8")
    assert main(["serve", str(target)]) == 2
    err = capsys.readouterr().err
    assert "corpusling serve: error:" in err and "corpusling parse" in err and "Traceback" not in err


def test_serve_refuses_a_busy_port(parsed_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from corpusling.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", str(parsed_folder), "--port", str(port)]) == 2
    assert f"127.0.0.1:{port}" in capsys.readouterr().err


def test_serve_refuses_a_bad_port(parsed_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from corpusling.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", str(parsed_folder), "--port", "70000"])
    assert exit_.value.code == 2
    assert "between 1 and 65535" in capsys.readouterr().err


# --------------------------------------------------------------------------- query

def test_query_lines_are_the_concordance_of_the_package(client: TestClient, corpus) -> None:
    import corpusling as cl

    expected = cl.concordance(corpus, "lemma:selon", width=8)
    response = client.get("/query", params={"q": "lemma:selon"})
    assert response.status_code == 200
    html = response.text
    assert f'<strong id="n-hits">{expected.height}</strong>' in html
    assert re.search(r'<span id="seconds">\d+\.\d{3} s</span>', html)
    assert context_links(html) == list(zip(expected["doc_id"], expected["start_char"], expected["end_char"],
                                           strict=True))
    for row in expected.iter_rows(named=True):
        assert str(_escaped(row["right"])) in html


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_multi_key_sort_is_the_cli_sort(client: TestClient, corpus) -> None:
    import corpusling as cl

    query = "[upos=\"ADP\"]"
    expected = cl.concordance(corpus, query, width=8, sort="R1,R2").head(20)
    html = client.get("/query", params={"q": query, "sort": "R1,R2", "size": 20}).text
    assert context_links(html) == list(zip(expected["doc_id"], expected["start_char"], expected["end_char"],
                                           strict=True))
    unsorted = cl.concordance(corpus, query, width=8).head(20)
    assert list(unsorted["start_char"]) != list(expected["start_char"])  # the sort did something


def test_paging_and_sampling(client: TestClient, corpus) -> None:
    import corpusling as cl

    query = "[upos=\"NOUN\"]"
    everything = cl.concordance(corpus, query)
    page2 = context_links(client.get("/query", params={"q": query, "size": 5, "page": 2}).text)
    assert page2 == list(zip(everything["doc_id"][5:10], everything["start_char"][5:10], everything["end_char"][5:10],
                             strict=True))
    last = client.get("/query", params={"q": query, "size": 5, "page": 10**40})  # past the end: the last page
    assert last.status_code == 200
    pages = -(-everything.height // 5)
    assert f"page {pages:,} of {pages:,}" in last.text
    sampled = cl.concordance(corpus, query, sample=7, seed=3)
    html = client.get("/query", params={"q": query, "sample": 7, "seed": 3}).text
    assert context_links(html) == list(zip(sampled["doc_id"], sampled["start_char"], sampled["end_char"], strict=True))


def test_metadata_filters_are_global_constraints(client: TestClient, corpus) -> None:
    import corpusling as cl

    html = client.get("/query", params={"q": "[upos=\"VERB\"]", "f_date": "2012-05-01"}).text
    expected = cl.query(corpus, '[upos="VERB"] :: match.text_date="2012-05-01"%l')
    assert expected.height > 0 and set(expected["doc_id"]) == {HOSTILE_ID}
    assert f'<strong id="n-hits">{expected.height}</strong>' in html
    assert {d for d, _, _ in context_links(html)} == {HOSTILE_ID}
    from corpusling.hits import count_hits

    counted = count_hits(corpus.tokens, corpus.documents, '[upos="VERB"] :: match.text_date="2012-05-01"%l',
                         "match.lemma")
    html = client.get("/count", params={"q": "[upos=\"VERB\"]", "f_date": "2012-05-01", "size": 500}).text
    cells = re.findall(r"<tr><td>([^<]*)</td><td class=\"num\">([\d,]+)</td>", html)
    assert [(unescape(k), int(n.replace(",", ""))) for k, n in cells] == list(
        zip(counted["match.lemma"], counted["count"], strict=True))


@pytest.mark.parametrize("query", ['[lemma="avoir"', '[lemma="("]', '[lemma="x"] )', "[lemma=]", "[]{3,1}", ""])
def test_a_bad_query_gets_the_cli_message_in_the_page(client: TestClient, corpus, query: str) -> None:
    import corpusling as cl
    from corpusling.errors import QueryError

    response = client.get("/query", params={"q": query})
    if not query:
        assert response.status_code == 200 and "class=\"error\"" not in response.text
        return
    with pytest.raises(QueryError) as err:
        cl.concordance(corpus, query)
    assert response.status_code == 400
    assert _escaped(str(err.value)) in response.text
    assert client.get("/count", params={"q": query}).status_code == 400
    assert client.get("/query.csv", params={"q": query}).status_code == 400


def test_a_bad_sort_key_gets_a_message(client: TestClient) -> None:
    response = client.get("/query", params={"q": "lemma:selon", "sort": "nosuchcolumn"})
    assert response.status_code == 400 and "sort &#39;nosuchcolumn&#39;: no such metadata column" in response.text


@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": "0"}, {"size": "1.5"}, {"sample": "-1"},
                                   {"width": "x"}, {"q": "x" * 5000}])
def test_bad_parameters_get_a_message(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/query", params={"q": "lemma:selon", **params})
    assert response.status_code == 400
    assert 'class="error"' in response.text and "Traceback" not in response.text


# --------------------------------------------------------------------------- context

def test_context_highlights_the_hit_and_draws_every_marker(client: TestClient, corpus) -> None:
    import corpusling as cl

    cnd = cl.conditionals(corpus).filter(pl.col("doc_id") == SEED_ID).row(0, named=True)
    response = client.get(f"/document/{SEED_ID}", params={"start": cnd["start_char"], "end": cnd["end_char"]})
    assert response.status_code == 200
    html = response.text
    hit = re.search(r'<mark class="hit"[^>]*id="hit">([^<]*)</mark>', html)
    assert hit and hit.group(1) == corpus.text(SEED_ID)[cnd["start_char"]:cnd["end_char"]]
    for layer, table in (("quotes", cl.quotes(corpus)), ("conditionals", cl.conditionals(corpus)),
                         ("hedges", cl.hedges(corpus)), ("reported", cl.reported(corpus))):
        mine = table.filter(pl.col("doc_id") == SEED_ID)
        assert mine.height > 0, layer
        drawn = set(re.findall(rf'class="m {layer} ({layer}-[a-z_0-9-]+)"', html))
        assert drawn == {f"{layer}-{c}" for c in mine[{"quotes": "kind", "reported": "kind", "conditionals": "class",
                                                        "hedges": "category"}[layer]]}
    rule = _escaped(f"rule: {cnd['rule']}")
    assert rule in html  # the rule on hover (title attribute)
    speakers = [s for s in cl.quotes(corpus).filter(pl.col("doc_id") == SEED_ID)["speaker"] if s]
    assert speakers and f'data-speaker="{_escaped(speakers[0])}"' in html


def test_context_of_a_report_folder_reads_its_csv_files(report_client: TestClient, report_folder: Path) -> None:
    conditionals = pl.read_csv(report_folder / "conditionals.csv", infer_schema=False)
    row = conditionals.row(0, named=True)
    html = report_client.get(f"/document/{quote(row['doc_id'], safe='')}",
                             params={"start": row["start_char"], "end": row["end_char"]}).text
    assert 'id="hit"' in html and f"conditionals-{row['class']}" in html
    page = report_client.get("/markers/conditionals").text
    assert "conditionals.csv of the report" in page
    assert f'<strong id="n-rows">{conditionals.height}</strong>' in page
    assert "rates.csv of the report" in report_client.get("/rates").text


@pytest.mark.parametrize("path, status", [
    ("/document/nosuchdocument", 404),
    (f"/document/{SEED_ID}?start=abc&end=3", 400),
    (f"/document/{SEED_ID}?start=-4&end=3", 400),
    (f"/document/{SEED_ID}?start=5&end=999999999", 200),   # not a span of the document: a notice
    (f"/document/{SEED_ID}?start=5", 200),
])
def test_context_with_bad_parameters(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert "Traceback" not in response.text
    if status == 200:
        assert 'class="notice"' in response.text and 'id="hit"' not in response.text


# --------------------------------------------------------------------------- count, markers, rates, exports

def test_count_is_count_hits(client: TestClient, corpus) -> None:
    from corpusling.hits import count_hits

    for by in ("match.lemma", "R1.lemma", "doc.date"):
        expected = count_hits(corpus.tokens, corpus.documents, '[upos="ADP"]', by)
        html = client.get("/count", params={"q": '[upos="ADP"]', "by": by, "size": 500}).text
        cells = re.findall(r"<tr><td>([^<]*)</td><td class=\"num\">([\d,]+)</td>", html)
        assert [(unescape(k), int(n.replace(",", ""))) for k, n in cells] == list(
            zip(expected[by].fill_null(""), expected["count"], strict=True)), by
        assert '<svg class="dispersion"' in html and '<svg class="overtime"' in html
    bad = client.get("/count", params={"q": "lemma:selon", "by": "nowhere"})
    assert bad.status_code == 400 and "count by" in bad.text
    bad = client.get("/count", params={"q": "lemma:selon", "by": "doc.nowhere"})
    assert bad.status_code == 400 and "count by &#39;nowhere&#39;: no such metadata column" in bad.text


@pytest.mark.parametrize("name", ["conditionals", "hedges", "quotes", "reported", "speakers"])
def test_marker_tables_link_to_their_context(client: TestClient, corpus, name: str) -> None:
    import corpusling as cl

    response = client.get(f"/markers/{name}", params={"size": 500})
    assert response.status_code == 200
    if name == "speakers":
        assert SEED_ID in response.text
        return
    table = getattr(cl, name)(corpus)
    assert f'<strong id="n-rows">{table.height}</strong>' in response.text
    assert set(context_links(response.text)) == set(zip(table["doc_id"], table["start_char"], table["end_char"],
                                                        strict=True))


def test_marker_tables_filter_and_order(client: TestClient, corpus) -> None:
    import corpusling as cl

    hedges = cl.hedges(corpus)
    category = hedges["category"][0]
    kept = hedges.filter(pl.col("category") == category)
    html = client.get("/markers/hedges", params={"f_category": category, "order": "-start_char", "size": 500}).text
    assert f'<strong id="n-rows">{kept.height}</strong>' in html
    starts = [s for _, s, _ in context_links(html)]
    assert starts == sorted(kept["start_char"], reverse=True)
    assert client.get("/markers/nothing").status_code == 404


def test_rates_with_groups(client: TestClient) -> None:
    html = client.get("/rates", params={"group_by": "date"}).text
    assert "computed now, by date" in html and "2012-05-01" in html and "conditionals" in html
    bad = client.get("/rates", params={"group_by": "nosuch"})
    assert bad.status_code == 400 and "group_by &#39;nosuch&#39;: no such metadata column" in bad.text


def test_exports_csv_and_xlsx(client: TestClient, corpus) -> None:
    import corpusling as cl

    expected = cl.concordance(corpus, "[upos=\"VERB\"]", width=8, sort="R1")
    response = client.get("/query.csv", params={"q": "[upos=\"VERB\"]", "sort": "R1"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["doc_id"], int(r["start_char"])) for r in rows] == list(zip(expected["doc_id"], expected["start_char"],
                                                                             strict=True))
    notes = {r["note"] for r in rows if r["doc_id"] == HOSTILE_ID}
    assert notes == {"'=HYPERLINK(\"http://example.invalid\")"}  # neutralised (OWASP)
    xlsx = client.get("/query.xlsx", params={"q": "[upos=\"VERB\"]"})
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert expected["match"][0] in strings
    markers = client.get("/markers/conditionals.csv")
    assert list(csv.DictReader(io.StringIO(markers.text)))[0]["doc_id"] in (SEED_ID, HOSTILE_ID)
    assert client.get("/count.csv", params={"q": "lemma:selon", "by": "R1.lemma"}).status_code == 200
    assert client.get("/rates.xlsx").status_code == 200
    assert client.get("/query.pdf", params={"q": "lemma:selon"}).status_code == 404


# --------------------------------------------------------------------------- safety

def test_markup_in_text_metadata_and_doc_id_is_shown_as_text(client: TestClient) -> None:
    pages = [client.get(f"/document/{quote(HOSTILE_ID, safe='')}"),
             client.get("/query", params={"q": "[upos=\"VERB\"]", "f_outlet": IMG}),
             client.get("/query", params={"q": SCRIPT}),
             client.get("/count", params={"q": "[upos=\"VERB\"]", "by": "doc.title"}),
             client.get("/markers/quotes"), client.get("/markers/speakers"), client.get("/rates?group_by=outlet")]
    for response in pages:
        html = response.text
        assert "<script>alert" not in html and "<img src=x" not in html, response.url
    document = pages[0].text
    assert pages[0].status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Titre piégé" in document  # the title, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document.split('id="text"')[1]  # the text, as text
    assert pages[1].status_code == 200 and 'id="n-hits">0<' not in pages[1].text
    assert "Content-Security-Policy" in pages[0].headers and "script-src 'self'" in pages[0].headers[
        "Content-Security-Policy"]


@pytest.mark.parametrize("path", [
    "/static/../state.py", "/static/%2e%2e/state.py", "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%2fapp.py", "/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/document/..%2f..%2fetc%2fpasswd",
    "/document/../../etc/passwd", "/tokens.parquet", "/documents.parquet", "/model.json", "/static/",
    "/static/..%5c..%5cpyproject.toml",
])
def test_no_path_outside_the_bundled_static_files_is_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "root:x:" not in response.text and "[project]" not in response.text and "def create_app" not in response.text


def test_the_bundled_static_files_are_served(client: TestClient) -> None:
    assert "corpusling workbench" in client.get("/static/workbench.css").text
    assert client.get("/static/workbench.js").status_code == 200


def test_other_host_names_are_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_an_unexpected_error_is_logged_and_the_server_goes_on(parsed_folder: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    from corpusling.web.app import create_app
    from corpusling.web.state import Workbench

    bench = Workbench(parsed_folder)

    def broken(name: str) -> pl.DataFrame:
        raise RuntimeError("a bug in an analysis")

    bench.table = broken  # type: ignore[method-assign]
    client = TestClient(create_app(bench), base_url="http://127.0.0.1", raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="corpusling.web"):
        response = client.get("/markers/hedges")
    assert response.status_code == 500
    assert "a bug in an analysis" not in response.text and "Traceback" not in response.text
    assert "a bug in an analysis" in caplog.text
    assert client.get("/query", params={"q": "lemma:selon"}).status_code == 200


def test_queries_are_run_once_and_kept(parsed_folder: Path) -> None:
    from corpusling.web.state import Workbench

    bench = Workbench(parsed_folder)
    first = bench.hits("lemma:selon")
    assert bench.hits("lemma:selon") is first
    assert 0 < bench.hits("lemma:selon", {"date": "2012-05-01"}).height < first.height


def test_markers_of_one_document_are_those_of_the_whole_corpus(parsed_folder: Path) -> None:
    """The context page of a parsed folder runs the analyses on its document alone (until the whole tables
    exist): the rows must be those of the whole corpus."""
    from corpusling.web.state import LAYERS, Workbench

    bench = Workbench(parsed_folder)
    alone = {doc_id: bench.markers_of(doc_id) for doc_id in (SEED_ID, HOSTILE_ID)}
    assert not bench._tables  # nothing computed on the whole corpus yet
    for layer in LAYERS:
        whole = bench.table(layer.name)
        columns = [c for c in ("doc_id", "start_char", "end_char", layer.category, layer.rule, "speaker")
                   if c in whole.columns]
        for doc_id, tables in alone.items():
            mine = whole.filter(pl.col("doc_id") == doc_id).select(columns)
            assert tables[layer.name].select(columns).equals(mine), (layer.name, doc_id)

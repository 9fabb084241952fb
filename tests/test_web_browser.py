"""The workbench in a real browser: ``corpusling serve`` started as a command on a free port, driven by headless
Chromium through Selenium, on the parsed seed (with ``tests/web/hostile``) and on the parsed Wikinews corpus.

A query, a sort, a click to the context with the markers visible, a count, an export; a document with
markup in its text, metadata and doc_id is shown as text. The figures are checked against the package's
own functions, not written here. Skipped (with the reason) only where Chromium or its driver is not
installed; ``.ci/run`` installs Debian's ``chromium`` and ``chromium-driver``.

With ``CORPUSLING_SCREENSHOT=PATH`` the Wikinews test saves a screenshot of a context page there (the one
in the README: ``CORPUSLING_SCREENSHOT=docs/workbench.png python -m pytest tests/test_web_browser.py``).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import polars as pl
import pytest
from conftest import ROOT, SEED, WIKINEWS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("Chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver; "
                ".ci/run installs them)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

HOSTILE_DIR = ROOT / "tests" / "web" / "hostile"
HOSTILE_ID = 'x"><img src=x onerror=alert(2)>'
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``corpusling serve FOLDER --port N`` in a child process, until :meth:`stop`."""

    def __init__(self, folder: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "corpusling", "serve", str(folder), "--port",
                                             str(self.port)], stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"corpusling serve stopped: {log.read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"corpusling serve did not start: {log.read_text(errors='replace')}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _parse_folder(paths: list[Path], folder: Path) -> Path:
    from corpusling.api import parse, read

    parse(read(paths), model="compact").save(folder)
    return folder


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _parse_folder([SEED, HOSTILE_DIR], tmp_path_factory.mktemp("browser") / "seed")


@pytest.fixture(scope="module")
def wikinews_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _parse_folder([WIKINEWS], tmp_path_factory.mktemp("browser") / "wikinews")


@pytest.fixture(scope="module")
def seed_server(seed_folder: Path) -> Iterator[Server]:
    server = Server(seed_folder, seed_folder.parent / "serve-seed.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def wikinews_server(wikinews_folder: Path) -> Iterator[Server]:
    server = Server(wikinews_folder, wikinews_folder.parent / "serve-wikinews.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--lang=fr-FR"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


def wait(driver: webdriver.Chrome, selector: str, timeout: float = 120):
    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, selector)))


def line_spans(driver: webdriver.Chrome) -> list[tuple[str, int, int]]:
    """(doc_id, start, end) of the KWIC lines shown, read from their links to the context."""
    found = []
    for link in driver.find_elements(By.CSS_SELECTOR, "table.kwic td.match a"):
        parts = urlsplit(link.get_attribute("href"))
        query = dict(p.split("=") for p in parts.query.split("&"))
        found.append((unquote(parts.path[len("/document/"):]), int(query["start"]), int(query["end"])))
    return found


def downloaded(folder: Path, name: str, timeout: float = 60) -> Path:
    path = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and not list(folder.glob("*.crdownload")):
            return path
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded; the folder has {sorted(p.name for p in folder.iterdir())}")


def follow(driver: webdriver.Chrome, link, url_part: str) -> None:
    """Click a link and wait for the page it leads to (its URL holds ``url_part``)."""
    link.click()
    WebDriverWait(driver, 120).until(lambda d: url_part in d.current_url)
    wait(driver, "main")


def no_alert(driver: webdriver.Chrome) -> bool:
    try:
        _ = driver.switch_to.alert  # raises when there is none
    except NoAlertPresentException:
        return True
    return False


def search(driver: webdriver.Chrome, server: Server, query: str) -> None:
    """Type a query in the box of the home page and press Enter."""
    driver.get(server.url + "/")
    box = wait(driver, "#q")
    box.clear()
    box.send_keys(query, Keys.ENTER)
    wait(driver, "#n-hits")


# --------------------------------------------------------------------------- the Wikinews corpus

def test_query_sort_context_count_export_on_wikinews(browser: webdriver.Chrome, wikinews_server: Server,
                                                     wikinews_folder: Path, downloads: Path) -> None:
    import corpusling as cl
    from corpusling.hits import count_hits
    from corpusling.parsed import load

    corpus = load(wikinews_folder)
    query = "lemma:selon"
    # a query
    search(browser, wikinews_server, query)
    expected = cl.concordance(corpus, query, width=8)
    assert int(browser.find_element(By.ID, "n-hits").text.replace(",", "")) == expected.height > 10
    assert line_spans(browser) == list(zip(expected["doc_id"], expected["start_char"], expected["end_char"],
                                           strict=True))[:50]
    # a sort, by a click on R1,R2
    follow(browser, browser.find_element(By.LINK_TEXT, "R1,R2"), "sort=R1%2CR2")
    ordered = cl.concordance(corpus, query, width=8, sort="R1,R2")
    assert line_spans(browser) == list(zip(ordered["doc_id"], ordered["start_char"], ordered["end_char"],
                                           strict=True))[:50]
    # an export of the lines as sorted
    browser.find_element(By.ID, "export-csv").click()
    rows = list(csv.DictReader(io.StringIO(downloaded(downloads, "concordance.csv").read_text(encoding="utf-8"))))
    assert [(r["doc_id"], int(r["start_char"])) for r in rows] == list(zip(ordered["doc_id"], ordered["start_char"],
                                                                             strict=True))
    assert {"title", "date", "outlet"} <= set(rows[0])
    # a click to the context: the hit highlighted inside its marker (selon X is a source marker), markers drawn
    first = browser.find_element(By.CSS_SELECTOR, "table.kwic td.match a")
    match_text = first.text
    follow(browser, first, "/document/")
    hit = wait(browser, "mark#hit")
    assert hit.text == match_text and hit.is_displayed()
    assert browser.find_elements(By.CSS_SELECTOR, ".text .m.hedges mark#hit, .text .m.hedges-source_marker #hit") \
        or browser.find_element(By.XPATH, "//mark[@id='hit']/ancestor::span[contains(@class, 'hedges')]")
    drawn = [m for m in browser.find_elements(By.CSS_SELECTOR, "#text .m") if m.is_displayed()]
    assert drawn and all("rule: " in m.get_attribute("title") for m in drawn)
    hedge = browser.find_element(By.CSS_SELECTOR, "#text .m.hedges")
    body_colour = browser.find_element(By.ID, "text").value_of_css_property("color")
    assert hedge.value_of_css_property("color") != body_colour  # the style sheet draws it
    browser.find_element(By.CSS_SELECTOR, "label[for=show-hedges]").click()  # untick the layer: no longer drawn
    assert hedge.value_of_css_property("color") == body_colour
    # a count, by the word after the match
    browser.get(f"{wikinews_server.url}/count?q={quote(query)}")
    wait(browser, "table.count")
    follow(browser, browser.find_element(By.LINK_TEXT, "R1.lemma"), "by=R1.lemma")
    counted = count_hits(corpus.tokens, corpus.documents, query, "R1.lemma")
    cells = browser.find_elements(By.CSS_SELECTOR, "table.count tbody tr")
    first_row = cells[0].find_elements(By.TAG_NAME, "td")
    assert (first_row[0].text, int(first_row[1].text.replace(",", ""))) == (counted["R1.lemma"][0],
                                                                           counted["count"][0])
    assert browser.find_element(By.CSS_SELECTOR, "svg.overtime").is_displayed()  # Wikinews articles are dated
    browser.find_element(By.ID, "export-xlsx").click()
    with zipfile.ZipFile(downloaded(downloads, "count.xlsx")) as book:
        assert counted["R1.lemma"][0] in book.read("xl/sharedStrings.xml").decode("utf-8")
    # a marker table, filtered, each row linking to its context
    browser.get(f"{wikinews_server.url}/markers/conditionals?f_class=reportive")
    kept = cl.conditionals(corpus).filter(pl.col("class") == "reportive")
    assert int(wait(browser, "#n-rows").text.replace(",", "")) == kept.height
    follow(browser, browser.find_element(By.CSS_SELECTOR, "table.markers td.match a"), "/document/")
    assert wait(browser, "mark#hit").find_element(By.XPATH, "ancestor::span[contains(@class, 'conditionals')]")
    assert no_alert(browser)
    screenshot(browser, wikinews_server, corpus)


def screenshot(driver: webdriver.Chrome, server: Server, corpus) -> None:
    """The README's picture (``CORPUSLING_SCREENSHOT``): the context of a reportive conditional in the article
    with the most kinds of markers."""
    target = os.environ.get("CORPUSLING_SCREENSHOT")
    if not target:
        return
    import corpusling as cl

    layers = [cl.conditionals(corpus), cl.hedges(corpus), cl.quotes(corpus), cl.reported(corpus)]
    counts = pl.concat([t.select("doc_id") for t in layers]).group_by("doc_id").len()
    reportive = cl.conditionals(corpus).filter(pl.col("class") == "reportive").join(counts, on="doc_id")
    row = reportive.sort(["len", "doc_id"], descending=[True, False]).row(0, named=True)
    driver.set_window_size(1280, 1000)
    driver.get(f"{server.url}/document/{quote(row['doc_id'], safe='')}?start={row['start_char']}&end={row['end_char']}")
    wait(driver, "mark#hit")
    driver.execute_script("window.scrollTo(0, 0);")
    time.sleep(0.5)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(target))


# --------------------------------------------------------------------------- the seed, and markup as text

def test_query_context_and_export_on_the_seed(browser: webdriver.Chrome, seed_server: Server, seed_folder: Path,
                                              downloads: Path) -> None:
    import corpusling as cl
    from corpusling.parsed import load

    corpus = load(seed_folder)
    query = '[lemma="avoir|pouvoir" & mood="Cnd"]'
    search(browser, seed_server, query)
    expected = cl.concordance(corpus, query, width=8)
    assert int(browser.find_element(By.ID, "n-hits").text) == expected.height > 0
    follow(browser, browser.find_element(By.CSS_SELECTOR, "table.kwic td.match a"), "/document/")
    hit = wait(browser, "mark#hit")
    box = hit.find_element(By.XPATH, "ancestor::span[contains(@class, 'conditionals')]")
    assert box.is_displayed() and "rule: " in box.get_attribute("title")
    assert box.value_of_css_property("outline-style") == "solid"  # drawn as a box
    quoted = [q for q in browser.find_elements(By.CSS_SELECTOR, "#text .m.quotes[data-speaker]") if q.is_displayed()]
    assert quoted  # quotations carry their speaker
    browser.get(f"{seed_server.url}/query?q={quote(query)}&sort=R1")
    wait(browser, "#n-hits")
    browser.find_element(By.ID, "export-xlsx").click()
    with zipfile.ZipFile(downloaded(downloads, "concordance.xlsx")) as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert all(m in strings for m in expected["match"])


def test_markup_in_a_document_is_shown_as_text(browser: webdriver.Chrome, seed_server: Server) -> None:
    verbs = quote('[upos="VERB"]')
    pages = [f"/document/{quote(HOSTILE_ID, safe='')}?start=0&end=11", f"/query?q={verbs}",
             f"/count?q={verbs}&by=doc.title",
             "/markers/quotes", "/markers/speakers", f"/query?q={quote('<script>alert(1)</script>')}"]
    for page in pages:
        browser.get(seed_server.url + page)
        wait(browser, "main")
        assert no_alert(browser), page
        scripts = [s.get_attribute("src") for s in browser.find_elements(By.TAG_NAME, "script")]
        assert scripts == [f"{seed_server.url}/static/workbench.js"], page  # nothing injected
        assert not browser.find_elements(By.TAG_NAME, "img"), page
    browser.get(seed_server.url + pages[0])
    assert browser.find_element(By.TAG_NAME, "h1").text == "<script>alert(1)</script> Titre piégé"
    assert browser.find_element(By.ID, "doc-id").text == HOSTILE_ID
    text = browser.find_element(By.ID, "text").text
    assert "<script>alert(1)</script>" in text and '"><img src=x onerror=alert(1)>' in text
    metadata = browser.find_element(By.CSS_SELECTOR, "dl.metadata").text
    assert '"><img src=x onerror=alert(1)>' in metadata and '=HYPERLINK("http://example.invalid")' in metadata
    assert no_alert(browser)

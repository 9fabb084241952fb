"""The workbench (``corpusling serve``) on the 10-million-word folder: time to the first page of a query.

    python benchmarks/bench_serve.py                         # 10 M words
    python benchmarks/bench_serve.py --words 300000          # a quick try
    python benchmarks/bench_serve.py --folder parsed/corpus  # any parsed or report folder

The folder is the one of ``bench_analyses.py`` (parsed Wikinews + seed, copied with distinct ``doc_id``s to
``--words`` words, ``measure.big_folder``). ``corpusling serve`` runs as a command in a child process; the
time it takes to listen is the load (tables read, query index built). Then, for each query of
:data:`QUERIES`, never run before on this server ("warm": the server is loaded, the query is new):

* ``server_s``: the server's own time to the response, read from its ``Server-Timing`` header;
* ``http_s``: from the request to the last byte of the HTML, over HTTP on this machine;
* ``again_s``: the same page a second time (the hits are kept: paging and sorting read them);
* ``browser_s``: with headless Chromium where it is installed (Selenium), from navigation to the page's
  ``load`` event (``performance.timing``): the page rendered, style sheet and script included.

Then a context page (``/document/…``: the document with the markers of its own analyses, run on it
alone on a parsed folder), a count page and an export. Writes ``benchmarks/results/serve.json``
with the machine and its load (``uptime``) before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import RESULTS, big_folder, machine, write_json  # noqa: E402

#: (name, page and parameters): first pages of new queries, then other pages.
QUERIES: list[tuple[str, str, dict[str, str]]] = [
    ("conditionals", "/query", {"q": '[mood="Cnd"]'}),
    ("selon", "/query", {"q": "lemma:selon"}),
    ("compound conditional", "/query", {"q": '[lemma="avoir" & mood="Cnd"] [verbform="Part"]'}),
    ("verb of saying + que", "/query", {"q": '[lemma="dire|déclarer|affirmer"] []{0,3} "que"'}),
    ("every noun", "/query", {"q": '[upos="NOUN"]'}),
    ("every noun sorted R1 (every line cut, once)", "/query", {"q": '[upos="NOUN"]', "sort": "R1"}),
    ("conditionals sorted R1,R2", "/query", {"q": '[lemma="pouvoir|devoir" & mood="Cnd"]', "sort": "R1,R2"}),
    ("selon sorted R1", "/query", {"q": '"selon"', "sort": "R1"}),
    ("sembler, sample 100", "/query", {"q": "lemma:sembler", "sample": "100", "seed": "1"}),
    ("count selon by R1.lemma", "/count", {"q": "lemma:selon", "by": "R1.lemma"}),
    ("count conditionals by lemma", "/count", {"q": '[mood="Cnd"]', "by": "match.lemma"}),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_average() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def fetch(url: str) -> tuple[float, float, int, bytes]:
    """(HTTP seconds to the last byte, server seconds from Server-Timing, status, body)."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            body, status, timing = response.read(), response.status, response.headers.get("Server-Timing", "")
    except urllib.error.HTTPError as err:
        body, status, timing = err.read(), err.code, err.headers.get("Server-Timing", "")
    elapsed = time.perf_counter() - start
    server = float(timing.split("dur=")[1]) / 1000 if "dur=" in timing else float("nan")
    return elapsed, server, status, body


def browser() -> Any | None:
    """Headless Chromium through Selenium, or None where either is missing."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        return None
    try:
        from selenium import webdriver
    except ImportError:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))


def rendered(driver: Any, url: str) -> float:
    """Seconds from navigation start to the ``load`` event of ``url`` in the browser."""
    driver.get(url)
    timing = driver.execute_script("var t = performance.timing; return [t.navigationStart, t.loadEventEnd];")
    return (timing[1] - timing[0]) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--model", default="compact", help="model the base corpus is parsed with")
    parser.add_argument("--folder", type=Path, help="serve this parsed or report folder instead of building one")
    parser.add_argument("--out", type=Path, default=RESULTS / "serve.json")
    args = parser.parse_args()
    folder = args.folder or big_folder(args.words, args.model)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    load_before = load_average()
    started = time.perf_counter()
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-serve-{port}.log", "wb")  # noqa: SIM115
    server = subprocess.Popen([sys.executable, "-m", "corpusling", "serve", str(folder), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    results: dict[str, Any] = {"folder": str(folder), "machine": machine(), "load_before": load_before}
    driver = None
    try:
        while True:
            if server.poll() is not None:
                raise SystemExit(f"corpusling serve stopped; see {log.name}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        results["startup_s"] = round(time.perf_counter() - started, 2)
        home = fetch(base + "/")[3].decode("utf-8")
        corpus = home.split('class="corpus"')[1].split(">")[1].split("<")[0].split(" · ", 1)[1]
        results["corpus"] = " ".join(corpus.split())
        driver = browser()
        pages = []
        for name, path, params in QUERIES:
            url = f"{base}{path}?{urlencode(params)}"
            http_s, server_s, status, body = fetch(url)
            again_s, again_server_s, _, _ = fetch(url)
            row = {"name": name, "url": url[len(base):], "status": status, "server_s": round(server_s, 3),
                   "http_s": round(http_s, 3), "again_s": round(again_s, 3), "again_server_s": round(again_server_s, 3),
                   "kb": round(len(body) / 1024, 1)}
            text = body.decode("utf-8")
            if 'id="n-hits">' in text:
                row["hits"] = int(text.split('id="n-hits">')[1].split("<")[0].replace(",", ""))
            if driver is not None:
                row["browser_s"] = round(rendered(driver, url), 3)  # a third time: the hits are kept
            pages.append(row)
            print(row, file=sys.stderr)
        # the context of the first hit of the first query, a marker table, an export
        first = fetch(f"{base}/query?{urlencode({'q': QUERIES[0][2]['q']})}")[3].decode("utf-8")
        context = first.split('<td class="match"><a href="')[1].split('"')[0].replace("&amp;", "&")
        for name, path in (("context page (markers of its document)", context),
                           ("context page again", context),
                           ("export CSV of the conditionals", "/query.csv?" + urlencode({"q": '[mood="Cnd"]'})),
                           ("marker table: conditionals (whole corpus, first time)", "/markers/conditionals")):
            http_s, server_s, status, body = fetch(base + path)
            row = {"name": name, "url": path, "status": status, "server_s": round(server_s, 3),
                   "http_s": round(http_s, 3), "kb": round(len(body) / 1024, 1)}
            if driver is not None and path.startswith("/document/") and name.endswith("again"):
                row["browser_s"] = round(rendered(driver, base + path), 3)
            pages.append(row)
            print(row, file=sys.stderr)
        results["pages"] = pages
        query_pages = [p for p in pages[:len(QUERIES)] if p["url"].startswith("/query")]
        results["first_page_http_s_max"] = max(p["http_s"] for p in query_pages)
        results["browser"] = "headless Chromium (Selenium)" if driver is not None else None
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)
        log.close()
    results["load_after"] = load_average()
    write_json(args.out, results)
    print(f"written {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

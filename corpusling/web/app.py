"""The workbench's routes: a Starlette application over one loaded folder (:class:`Workbench`).

Pages (every view's state is in its URL, so a view can be bookmarked and cited)::

    /                     the corpus and example queries
    /query?q=…            KWIC lines: sort, sample, metadata filters, paging      (+ /query.csv, /query.xlsx)
    /count?q=…&by=…       the hits counted by a key; their dispersion              (+ /count.csv, /count.xlsx)
    /document/{doc_id}?start=…&end=…   a document, the span highlighted, every marker drawn
    /markers/{name}       conditionals, hedges, quotes, reported, speakers         (+ /markers/{name}.csv, .xlsx)
    /rates?group_by=…     rates per 1,000 words with 95% CIs                        (+ /rates.csv, /rates.xlsx)
    /static/…             the bundled style sheet and script (nothing else is served from disk)

Read-only and local: nothing is written, only the loaded folder is read, every text is escaped by the
templates (autoescape), the pages allow no inline script (Content-Security-Policy), and requests for
another host name than the one served are refused (against DNS rebinding). A malformed query or
parameter gets a message in the page (status 400); an unexpected error is logged with its traceback and
answered with a short page (status 500), and the server goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corpusling.errors import InputError, QueryError
from corpusling.groups import check_group_by
from corpusling.web import views
from corpusling.web.state import LAYERS, Workbench

HERE = Path(__file__).resolve().parent
LOG = logging.getLogger("corpusling.web")
#: The pages load nothing but their own style sheet, script and inline SVG.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
#: Example queries on the home page (the query language of ``corpusling concordance``).
EXAMPLES = ('[lemma="avoir" & mood="Cnd"] [verbform="Part"]', "lemma:selon", '[lemma="pouvoir|devoir" & mood="Cnd"]',
            '[lemma="dire|déclarer|affirmer"] []{0,3} "que"', '[upos="NUM"] [lemma="mort|blessé"]')


class Headers:
    """Adds :data:`SECURITY_HEADERS` and ``Server-Timing`` (the server's time to the response, in ms)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(url=views.url, document_url=views.document_url, layers=LAYERS, page_sizes=views.PAGE_SIZES)
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    env.filters["number"] = lambda x, d=2: "" if x is None else f"{x:,.{d}f}" if isinstance(x, float) else x
    return Jinja2Templates(env=env)


def create_app(bench: Workbench, hosts: list[str] | None = None) -> Starlette:
    """The application serving ``bench``; ``hosts``: the host names it answers to (default: this machine's)."""
    templates = _templates()

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        context = {"bench": bench, "folder": bench.folder.name, **context}
        return templates.TemplateResponse(request, name, context, status_code=status)

    def error(request: Request, status: int, message: str) -> Response:
        return page(request, "error.html", {"status": status, "message": message}, status)

    def home(request: Request) -> Response:
        return query(request)

    def query(request: Request) -> Response:
        state = views.QueryState.read(request.query_params, bench)
        result = views.kwic(bench, state)
        examples = [(q, views.url("/query", {"q": q})) for q in EXAMPLES]
        return page(request, "query.html", {**result, "examples": examples, "tab": "query"},
                    400 if result["error"] else 200)

    def query_export(request: Request) -> Response:
        return query_download(request, "concordance", lambda state: views.kwic_table(
            bench, state, whole=request.query_params.get("scope") != "page"))

    def count(request: Request) -> Response:
        state = views.QueryState.read(request.query_params, bench)
        result = views.count_view(bench, state)
        return page(request, "count.html", {**result, "tab": "count"}, 400 if result["error"] else 200)

    def count_export(request: Request) -> Response:
        return query_download(request, "count",
                              lambda state: views.count_table(bench, state).head(views.EXPORT_LIMIT))

    def query_download(request: Request, stem: str, make: Callable[[views.QueryState], Any]) -> Response:
        """The export of a query's lines or counts: the query is required; a query error is a 400 page."""
        fmt = export_format(request)
        state = views.QueryState.read(request.query_params, bench)
        if not state.q.strip():
            raise views.BadRequest("give a query: q=…")
        try:
            table = make(state)
        except QueryError as err:
            return error(request, 400, str(err))
        return _download(table, fmt, stem)

    def document(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        start = views.integer(request.query_params, "start", None)
        end = views.integer(request.query_params, "end", None)
        result = views.document_view(bench, doc_id, start, end)
        if result is None:
            return error(request, 404, f"no document with doc_id {doc_id!r} in this folder")
        return page(request, "document.html", {**result, "tab": "document"})

    def table_state(request: Request, name: str) -> views.TableState:
        columns = list(bench.table(name).columns)
        params = request.query_params
        return views.TableState(filters=views.filters_of(params, columns), order=views.text(params, "order", 100),
                                page=views.integer(params, "page", 1, low=1),
                                size=views.integer(params, "size", views.PAGE_SIZES[0], 1, 1000))

    def markers(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in {layer.name for layer in LAYERS} | {"speakers"}:
            return error(request, 404, f"no marker table {name!r}: the tables are "
                                       f"{', '.join([*(layer.name for layer in LAYERS), 'speakers'])}")
        result = views.marker_view(bench, name, table_state(request, name))
        return page(request, "markers.html", {**result, "tab": name})

    def markers_export(request: Request) -> Response:
        fmt = export_format(request)
        name = request.path_params["name"]
        if name not in {layer.name for layer in LAYERS} | {"speakers"}:
            return error(request, 404, f"no marker table {name!r}")
        return _download(views.marker_table(bench, name, table_state(request, name)), fmt, name)

    def group_by(request: Request) -> str | None:
        value = views.text(request.query_params, "group_by", 200) or None
        try:
            check_group_by(bench.documents, value)
        except InputError as err:  # the one check and message (corpusling.groups), answered with a 400
            raise views.BadRequest(str(err)) from None
        return value

    def rates(request: Request) -> Response:
        return page(request, "rates.html", {**views.rates_view(bench, group_by(request)), "tab": "rates"})

    def rates_export(request: Request) -> Response:
        fmt = export_format(request)
        table, _ = bench.rates(group_by(request))
        return _download(table, fmt, "rates")

    def export_format(request: Request) -> str:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "xlsx"):
            raise HTTPException(404, f"no export as .{fmt}: use .csv or .xlsx")
        return fmt

    def _download(table: Any, fmt: str, stem: str) -> Response:
        if table.height >= views.EXPORT_LIMIT:
            stem = f"{stem}-first-{views.EXPORT_LIMIT}"
        body, media = views.export(table, fmt)
        return Response(body, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})

    async def bad_request(request: Request, exc: Exception) -> Response:
        LOG.info("bad request %s: %s", request.url.path, exc)
        return error(request, 400, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "") or ""
        message = "no such page" if status == 404 and detail in ("", "Not Found") else detail
        return error(request, status, message)

    async def server_error(request: Request, exc: Exception) -> Response:
        LOG.exception("error while serving %s", request.url)
        return error(request, 500, "the server met an error on this request (it is logged); other pages still work")

    routes = [
        Route("/", home), Route("/query", query), Route("/query.{fmt}", query_export),
        Route("/count", count), Route("/count.{fmt}", count_export),
        Route("/document/{doc_id:path}", document),
        Route("/markers/{name}.{fmt}", markers_export), Route("/markers/{name}", markers),
        Route("/rates", rates), Route("/rates.{fmt}", rates_export),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    allowed = hosts or ["127.0.0.1", "localhost"]
    if "0.0.0.0" in allowed or "::" in allowed:
        allowed = ["*"]
    app = Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed),
                                               Middleware(Headers)],
                    exception_handlers={views.BadRequest: bad_request, HTTPException: http_error,
                                        Exception: server_error})
    app.state.bench = bench
    return app


__all__ = ["create_app"]

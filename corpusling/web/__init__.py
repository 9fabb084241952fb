"""``corpusling serve``: a local, read-only web workbench over a parsed or report folder.

Type a query, sort and sample the lines, click one to read it in its document with every marker drawn,
count the hits, browse the marker tables, export what you keep. :mod:`corpusling.web.state` loads the
folder once (the corpus, its query index, the marker tables); :mod:`corpusling.web.views` builds what
the pages show; :mod:`corpusling.web.app` holds the routes.

    from corpusling.web import serve_app
    app = serve_app("parsed/wikinews")        # an ASGI application (Starlette)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def serve_app(folder: Path | str, hosts: list[str] | None = None, warm: bool = True) -> Any:
    """The workbench's ASGI application over ``folder`` (loaded now; ``warm``: index built now too)."""
    from corpusling.web.app import create_app
    from corpusling.web.state import Workbench

    bench = Workbench(folder)
    if warm:
        bench.warm()
    return create_app(bench, hosts=hosts)


__all__ = ["serve_app"]

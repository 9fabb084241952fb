"""``corpusling serve``: a local web workbench over a parsed or report folder.

Query the corpus (the language of `corpusling concordance`), sort, sample and filter the lines, click one
to read it in its document with every marker drawn (conditionals, hedges, quotations with their speakers,
reported speech; each marker's rule on hover), count the hits and see where they fall, browse the marker
tables and their rates, export lines and tables to CSV or XLSX. Every view's state is in its URL.

The server is read-only, reads nothing outside FOLDER, needs no network (no CDN) and listens on
127.0.0.1 only, unless --host says otherwise. Stop it with Ctrl-C.
"""

from __future__ import annotations

import argparse
import socket
import sys
import time
from pathlib import Path

EPILOG = """examples:
  corpusling parse corpora/wikinews-fr-2012 --out parsed/wikinews && corpusling serve parsed/wikinews
  corpusling report seeds/ --out results/seed && corpusling serve results/seed --port 8800
then open http://127.0.0.1:8765/ (or the port given) in a browser.
"""


def port_type(value: str) -> int:
    """A TCP port number, 1 to 65535."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--port must be a whole number, not {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"--port must be between 1 and 65535, not {port}")
    return port


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="a local web workbench: query, read in context, count, export",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", metavar="FOLDER",
                        help="a folder written by `corpusling parse --out` or `corpusling report --out`")
    parser.add_argument("--port", type=port_type, default=8765, help="port to listen on (default 8765)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 opens the "
                             "workbench to the network)")
    parser.set_defaults(func=run)


def check_port(host: str, port: int) -> None:
    """Refuse a port that another program holds, before loading the corpus (InputError)."""
    from corpusling.errors import InputError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise InputError(f"cannot listen on {host}:{port} ({err.strerror or err}); choose another port with "
                             "--port or another address with --host") from None


def run(args: argparse.Namespace) -> int:
    from corpusling.errors import InputError
    from corpusling.parsed import is_parsed_folder

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder; give a folder written by `corpusling parse --out` or "
                         "`corpusling report --out`")
    if not is_parsed_folder(folder):
        raise InputError(f"{folder} is not a parsed corpus or report folder (no tokens.parquet / documents.parquet); "
                         "make one with `corpusling parse INPUT... --out FOLDER` or `corpusling report INPUT... "
                         "--out FOLDER`")
    check_port(args.host, args.port)
    import uvicorn

    from corpusling.web.app import create_app
    from corpusling.web.state import Workbench

    started = time.perf_counter()
    print(f"corpusling serve: loading {folder} …", file=sys.stderr)
    bench = Workbench(folder)
    bench.warm()
    print(f"corpusling serve: {bench.documents.height:,} documents, {bench.n_words:,} tokens "
          f"({'report' if bench.is_report else 'parsed'} folder) ready in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    if not bench.is_report and bench.n_words > 1_000_000:
        print("corpusling serve: the marker tables of a parsed folder are computed on first use (minutes for "
              "millions of words; a document's own markers at once); serve a report folder to read them at once",
              file=sys.stderr)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"corpusling serve: warning: listening on {args.host}: other machines can read this corpus",
              file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"corpusling serve: open http://{shown}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    app = create_app(bench, hosts=[args.host, "127.0.0.1", "localhost"])
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0

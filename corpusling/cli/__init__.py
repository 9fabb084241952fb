"""The ``corpusling`` command. Each verb lives in its own module of this package.

A verb module defines ``register(subparsers)``, which adds its parser and sets
``func`` to a function ``run(args) -> int``. Errors a user can cause
(:class:`~corpusling.errors.CorpuslingError`) are printed and give exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from corpusling import __version__
from corpusling.errors import CorpuslingError

#: Verb modules, in the order ``--help`` lists them.
COMMANDS: list[str] = [
    "parse", "info", "report", "conditionals", "hedges", "quotes", "reported", "concordance", "freq", "collocates",
    "keyness", "dispersion", "export", "models", "serve",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 already; keep its message short
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="corpusling", description="French corpus linguistics for press discourse.",
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     epilog="Run `corpusling VERB --help` for a verb's options and examples.")
    parser.add_argument("--version", action="version", version=f"corpusling {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="VERB", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"corpusling.cli.{name}")
        except ModuleNotFoundError as err:
            if err.name == f"corpusling.cli.{name}":
                continue  # verb not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CorpuslingError as err:
        print(f"corpusling {args.command}: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # a full disk, a read-only folder: what and where, never a traceback
        where = f" {err.filename}" if getattr(err, "filename", None) else ""
        print(f"corpusling {args.command}: error: cannot read or write{where}: {err.strerror or err}; nothing "
              "already written was replaced", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; finished work is kept and a new run resumes from it", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

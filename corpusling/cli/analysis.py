"""The analysis verbs of the command line (``conditionals``, ``hedges``, ``quotes``, ``reported``), built from the
registry of analyses (:mod:`corpusling.registry`).

:func:`add_analysis_verb` gives a registered analysis its verb: the parser (the inputs and their reading
options, ``--out`` for its table in any format of :mod:`corpusling.tables`, ``--group-by``, ``--seed``, and,
where it gives rates, ``--by`` over its breakdown columns and ``--rates``) and the run: the verb's own options
read first (a bad lexicon fails before any parsing), the corpus loaded, the analysis run after the analyses it
needs (:func:`corpusling.registry.run_with_needs`, as the report runs them), its table written, its rates
computed, then its summary printed. A verb module keeps its examples, its own options and, where the summary
of :func:`print_summary` does not fit, its own summary.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from corpusling.cli._output import print_most_frequent, print_table
from corpusling.cli.common import add_input_arguments, load_corpus
from corpusling.parsed import ParsedCorpus
from corpusling.registry import ANALYSES, Analysis
from corpusling.tables import FORMATS

#: Analyses whose table has the three voices of their verb (``cl.conditionals(corpus)``, ``cl.hedges(corpus)``:
#: ``voice`` is writer, quoted or reported, :func:`corpusling.markers.voice.add_voice`): their command-line verb
#: writes the table the verb gives, and ``--by voice`` splits by those three voices.
VOICED: tuple[str, ...] = ("conditionals", "hedges")
#: The columns ``--by`` may name beside the analysis's breakdown: ``voice`` (the three voices; for an analysis
#: without them, such as reported speech, ``in_quote``, as before) and ``in_quote`` (quoted or not: the two values
#: ``--by voice`` had before the three voices).
VOICE_COLUMNS: tuple[str, ...] = ("voice", "in_quote")


def by_column(analysis: Analysis, by: str) -> str:
    """The column ``--by`` names: ``voice`` is ``in_quote`` for an analysis without the three voices."""
    return "in_quote" if by == "voice" and analysis.name not in VOICED else by


@dataclass(frozen=True)
class Run:
    """What a verb's summary reads: the analysis, its arguments, the corpus, its table, the tables it was run
    after, and its rates (per 1,000 words, by ``by`` and ``--group-by``; None for a verb without rates)."""

    analysis: Analysis
    args: argparse.Namespace
    corpus: ParsedCorpus
    rows: pl.DataFrame
    results: dict[str, pl.DataFrame]
    by: list[str] | None
    rates: pl.DataFrame | None


#: Reads a verb's own options into the analysis's keyword arguments, before the corpus is loaded.
Options = Callable[[argparse.Namespace], dict[str, Any]]
Summary = Callable[[Run], None]


def _formats() -> str:
    return " ".join(FORMATS)


def add_analysis_verb(subparsers: argparse._SubParsersAction, name: str, *, doc: str | None, epilog: str,
                      rates: bool = True, by: str | None = None, options: Options | None = None,
                      summary: Summary | None = None) -> argparse.ArgumentParser:
    """Add the verb of the registered analysis ``name`` and return its parser (for the verb's own options).

    ``doc`` and ``epilog``: its long description and its examples. ``rates``: whether it gives rates (``--by``,
    ``--rates``); ``by``: the default of ``--by`` (None: the rates of the whole analysis). ``options``: reads
    the verb's own options into the analysis's; ``summary``: what is printed (default :func:`print_summary`).
    """
    analysis = ANALYSES[name]
    parser = subparsers.add_parser(name, help=analysis.description, description=doc, epilog=epilog,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    parser.add_argument("--group-by", metavar="COL", default=None,
                        help="metadata column whose groups get rates and are compared (e.g. outlet, date)")
    if rates:
        choices = [c for c in (analysis.breakdown, *analysis.splits) if c] + list(VOICE_COLUMNS)
        named = [f"{c} (default)" if c == by else c for c in choices]
        voice = ("voice: writer, quoted or reported, the table's voice column" if name in VOICED
                 else "voice: in_quote here, its rows having no voice column")
        parser.add_argument("--by", choices=sorted(choices), default=by,
                            help=f"split the rates by {', '.join(named[:-1])} or {named[-1]} ({voice}; "
                                 "in_quote: quoted or not)")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"write the table of {analysis.noun} ({_formats()})")
    if rates:
        parser.add_argument("--rates", type=Path, default=None, help="write the rates table too (same formats)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    parser.set_defaults(func=lambda args: run(args, analysis, rates=rates, options=options,
                                              summary=summary or print_summary))
    return parser


def run(args: argparse.Namespace, analysis: Analysis, *, rates: bool, options: Options | None,
        summary: Summary) -> int:
    """Run an analysis verb: options, corpus, the analysis after what it needs, ``--out``, rates, summary."""
    from corpusling.rates import rates as rates_of
    from corpusling.registry import run_with_needs
    from corpusling.tables import write_table

    chosen = options(args) if options else {}  # before parsing: a bad file fails fast
    corpus = load_corpus(args)
    if analysis.name in VOICED:  # the verb's table, with its voice: cl.conditionals(corpus), cl.hedges(corpus)
        from corpusling import verbs

        results = {analysis.name: getattr(verbs, analysis.name)(corpus, **chosen)}
    else:
        results = run_with_needs(analysis.name, corpus.tokens, corpus.documents, **chosen)
    rows = results[analysis.name]
    if args.out:
        write_table(rows, args.out, raw_csv=args.raw_csv)
        print(f"{rows.height} {analysis.noun} written to {args.out}", file=sys.stderr)
    by = table = None
    if rates:
        by = [by_column(analysis, args.by)] if args.by else None
        table = rates_of(rows, corpus.tokens, corpus.documents, by=by, group_by=args.group_by, seed=args.seed)
        if args.rates:
            write_table(table, args.rates, raw_csv=args.raw_csv)
    summary(Run(analysis, args, corpus, rows, results, by, table))
    return 0


def print_comparison(run: Run, by: list[str] | None = None) -> None:
    """With ``--group-by``: each group against the rest of the corpus (log-likelihood G², p, log ratio)."""
    from corpusling.rates import compare

    if run.args.group_by:
        print(f"each {run.args.group_by} against the rest (G², p, log ratio):")
        print_table(compare(run.rows, run.corpus.tokens, run.corpus.documents, run.args.group_by, by=by))


def print_summary(run: Run, frequent: tuple[tuple[str, str], ...] = ()) -> None:
    """How many rows in how many documents, the rates table, the most frequent values of the ``frequent``
    columns (``(column, label)``), and with ``--group-by`` each group against the rest."""
    print(f"{run.rows.height} {run.analysis.noun} in {run.corpus.documents.height} documents")
    if run.rates is not None:
        print_table(run.rates)
    for column, label in frequent:
        print_most_frequent(run.rows, column, label)
    print_comparison(run)

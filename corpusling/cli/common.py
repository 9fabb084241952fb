"""Options shared by the verbs: inputs, model, workers; loading a corpus; writing a table."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from corpusling.checks import count_type
from corpusling.parsed import ParsedCorpus

if TYPE_CHECKING:
    from corpusling.folder import FolderCorpus


def add_input_arguments(parser: argparse.ArgumentParser, many: bool = True) -> None:
    """INPUT... plus the reading and parsing options every analysis verb accepts."""
    parser.add_argument("inputs", nargs="+" if many else None, metavar="INPUT",
                        help="files or folders (.txt .csv .jsonl .parquet .html .conllu .vrt) or a parsed folder")
    group = parser.add_argument_group("reading and parsing")
    group.add_argument("--format", choices=["txt", "csv", "jsonl", "parquet", "html", "conllu", "vrt"],
                       help="input format (default: from each file's extension)")
    group.add_argument("--text-column", default="text", help="text column of CSV / JSONL / Parquet input")
    group.add_argument("--model", default=None,
                       help="'compact' (bundled), 'official' (Stanza's French model, if installed) or a folder")
    group.add_argument("--workers", type=count_type("--workers", 1), default=1, help="parsing processes (default 1)")
    group.add_argument("--cache", type=Path, default=None,
                       help="parse cache folder (default $CORPUSLING_CACHE or ~/.cache/corpusling)")
    group.add_argument("--no-cache", action="store_true", help="parse again, ignoring and not writing the cache")
    parser.add_argument("--raw-csv", action="store_true",
                        help="write text cells of CSV files as they are: without it, a cell beginning with = + - @ "
                             "(a spreadsheet formula) is written with a leading ' (OWASP)")


def load_corpus(args: argparse.Namespace) -> ParsedCorpus:
    """Read and parse the inputs of a verb (parsed folders are loaded as they are); a verb's ``--group-by``
    is checked against the documents here, before any analysis."""
    from corpusling.api import load_or_parse
    from corpusling.groups import check_group_by

    inputs = args.inputs if isinstance(args.inputs, list) else [args.inputs]
    corpus = load_or_parse(inputs, format=args.format, text_column=args.text_column, model=args.model,
                         workers=args.workers, cache=None if args.no_cache else args.cache,
                         use_cache=not args.no_cache, progress=True, report_skipped=True,
                         exclude=[Path(p) for p in (getattr(args, "out", None),) if p is not None])
    check_group_by(corpus.documents, getattr(args, "group_by", None), option="--group-by")
    return corpus


def add_counting_argument(group: argparse._ArgumentGroup) -> None:
    """``--include-punct``: count every token, punctuation and symbols included (default: word tokens)."""
    group.add_argument("--include-punct", action="store_true",
                       help="count punctuation and symbols as words, in the items and the sizes (default: word "
                            "tokens only, as AntConc and Sketch Engine count them; see corpusling.tokens.is_word)")


def add_lazy_argument(group: argparse._ArgumentGroup) -> None:
    """``--lazy``: read a parsed folder a batch of documents at a time (corpora larger than memory)."""
    group.add_argument("--lazy", action="store_true",
                       help="read a parsed folder in batches, never whole (for corpora larger than memory)")


def lazy_folder(args: argparse.Namespace) -> Path:
    """The parsed folder of a ``--lazy`` run (exactly one input, already parsed)."""
    from corpusling.errors import InputError
    from corpusling.parsed import is_parsed_folder

    inputs = args.inputs if isinstance(args.inputs, list) else [args.inputs]
    if len(inputs) != 1 or not is_parsed_folder(Path(inputs[0])):
        raise InputError("--lazy reads one parsed folder; make it first with `corpusling parse INPUT... --out FOLDER`")
    return Path(inputs[0])


def lazy_corpus(args: argparse.Namespace) -> FolderCorpus:
    """The parsed folder of a ``--lazy`` run read batch by batch (:class:`corpusling.folder.FolderCorpus`), its
    ``--group-by`` checked against the documents before any reading, as :func:`load_corpus` checks it."""
    from corpusling.folder import FolderCorpus
    from corpusling.groups import check_group_by

    corpus = FolderCorpus(lazy_folder(args))
    check_group_by(corpus.documents, getattr(args, "group_by", None), option="--group-by")
    return corpus

"""``corpusling export``: write a corpus's token table as CoNLL-U or as a CWB vertical file (VRT).

The inputs are read and parsed as for every verb (cached; CoNLL-U and VRT input is
already annotated and is not parsed again; a parsed folder is loaded as it is).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from corpusling.cli.common import add_input_arguments, load_corpus
from corpusling.readers import FORMATS

EPILOG = """examples:
  corpusling export seeds/ --format conllu --out seed.conllu
  corpusling export parsed/wikinews --format vrt --out wikinews.vrt
  # then load the VRT into Corpus Workbench with the command printed in its header:
  head -2 wikinews.vrt
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="write the token table as CoNLL-U or VRT (Corpus Workbench)",
                                   description=__doc__, epilog=EPILOG, conflict_handler="resolve",
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    # here --format is the output format (as in issue 10); the input format moves to --input-format
    parser.add_argument("--format", dest="output_format", choices=["conllu", "vrt"], default=None,
                        help="output format (default: from the --out extension, .conllu or .vrt)")
    parser.add_argument("--input-format", dest="format", default=None, choices=FORMATS,
                        help="input format (default: from each file's extension)")
    parser.add_argument("--out", type=Path, required=True, help="output file (.conllu or .vrt)")
    parser.add_argument("--name", default=None, help="CWB corpus name in the VRT header (default: --out's stem)")
    parser.set_defaults(func=run)


def output_format(args: argparse.Namespace) -> str:
    """The output format: ``--format``, else the extension of ``--out``."""
    from corpusling.errors import InputError

    if args.output_format:
        return args.output_format
    suffix = args.out.suffix.lower().lstrip(".")
    if suffix in {"conllu", "vrt"}:
        return suffix
    raise InputError(f"--out {args.out}: cannot tell the output format from the extension; "
                     "name the file .conllu or .vrt, or pass --format conllu|vrt")


def run(args: argparse.Namespace) -> int:
    from corpusling.atomic import write_text
    from corpusling.conllu import to_conllu
    from corpusling.vrt import to_vrt

    fmt = output_format(args)
    corpus = load_corpus(args)
    if fmt == "conllu":
        content = to_conllu(corpus.tokens, corpus.documents)
    else:
        content = to_vrt(corpus.tokens, corpus.documents.drop("source", strict=False), path=str(args.out),
                         name=args.name or args.out.stem)
    write_text(args.out, content)
    print(f"{corpus.documents.height} documents, {corpus.tokens.height} words → {args.out} ({fmt})")
    return 0

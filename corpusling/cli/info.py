"""``corpusling info``: what a parsed corpus folder holds."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """examples:
  corpusling info parsed/seed
  corpusling info results/            # the folder written by `corpusling report`
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("info", help="documents, words, sentences and model of a parsed folder",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder written by `corpusling parse` or `report`")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpusling.parsed import load

    corpus = load(args.folder)
    tokens = corpus.tokens
    sentences = tokens.select("doc_id", "sent_id").n_unique() if tokens.height else 0
    model = corpus.model
    print(f"folder:     {args.folder}")
    print(f"documents:  {corpus.documents.height}")
    print(f"sentences:  {sentences}")
    print(f"words:      {tokens.height}")
    print(f"metadata:   {', '.join(c for c in corpus.documents.columns if c not in ('doc_id', 'text')) or '-'}")
    print(f"model:      {model.get('name', 'unknown')} (stanza {model.get('stanza', '?')}, "
          f"processors {','.join(model.get('processors', []))})")
    for name, digest in sorted(model.get("sha256", {}).items()):
        print(f"            {name}: sha256 {digest[:16]}…")
    return 0

"""``corpusling parse``: read and parse a corpus into a folder of Parquet tables."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import polars as pl

from corpusling.cli.common import add_input_arguments
from corpusling.errors import InputError

EPILOG = """examples:
  corpusling parse seeds/ --out parsed/seed
  corpusling parse corpora/wikinews-fr-2012 --out parsed/wikinews --workers 2
  corpusling parse articles.csv --text-column body --out parsed/articles
  # one of 10 jobs of a SLURM array (see the README): every document lands in exactly one shard
  corpusling parse corpus/ --out parsed/corpus --shard $SLURM_ARRAY_TASK_ID/10
"""

#: Rows of the token table per Parquet part.
PART_ROWS = 1_000_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("parse", help="parse a corpus into a token table (cached)",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--shard", default=None, metavar="I/N",
                        help="parse only the I-th of N deterministic shards of the documents (1-based)")
    parser.set_defaults(func=run)


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """``"3/10"`` → ``(3, 10)``; checked."""
    if value is None:
        return None
    try:
        index, total = (int(x) for x in value.split("/"))
    except ValueError:
        raise InputError(f"--shard {value!r}: expected I/N, e.g. 3/10") from None
    if not (total >= 1 and 1 <= index <= total):
        raise InputError(f"--shard {value!r}: I must be between 1 and N")
    return index, total


def write_parts(tokens: pl.DataFrame, documents: pl.DataFrame, out: Path, tag: str) -> int:
    """Write the tables as Parquet parts named after ``tag``; returns the number of token parts."""
    from corpusling.parsed import write_parquet

    for old in list((out / "tokens").glob(f"part-{tag}-*.parquet")):
        old.unlink()
    parts = 0
    for parts, start in enumerate(range(0, max(tokens.height, 1), PART_ROWS), start=1):
        write_parquet(tokens.slice(start, PART_ROWS), out / "tokens" / f"part-{tag}-{parts:05d}.parquet")
    write_parquet(documents, out / "documents" / f"part-{tag}.parquet")
    return parts


def run(args: argparse.Namespace) -> int:
    from corpusling.api import parse, read, report, shard_of
    from corpusling.parsed import write_text

    shard = parse_shard(args.shard)
    start = time.time()
    corpus = read(args.inputs, format=args.format, text_column=args.text_column)
    if shard:
        corpus.documents = [d for d in corpus.documents if shard_of(d.doc_id, shard[1]) == shard[0]]
    if not corpus.documents and not shard:
        report([{"source": s.source, "reason": s.reason} for s in corpus.skipped])
        raise InputError("no readable document in " + ", ".join(map(str, args.inputs)))
    parsed = parse(corpus, model=args.model, workers=args.workers, cache=args.cache,
                   use_cache=not args.no_cache, progress=True)
    report(parsed.skipped)
    tag = f"{shard[0]:04d}of{shard[1]:04d}" if shard else "all"
    write_parts(parsed.tokens, parsed.documents, args.out, tag)
    write_text(args.out / "model.json", json.dumps(parsed.model, indent=2, ensure_ascii=False) + "\n")
    if parsed.skipped:
        pl.DataFrame(parsed.skipped).write_csv(args.out / f"skipped-{tag}.csv")
    sentences = parsed.tokens.select("doc_id", "sent_id").n_unique() if parsed.tokens.height else 0
    print(f"{parsed.documents.height} documents, {sentences} sentences, {parsed.tokens.height} words "
          f"parsed with the {parsed.model.get('name')} model in {time.time() - start:.1f} s"
          + (f" ({len(parsed.skipped)} skipped)" if parsed.skipped else "") + f" -> {args.out}")
    return 0

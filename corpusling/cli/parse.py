"""``corpusling parse``: read and parse a corpus into a folder of Parquet tables."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import polars as pl

from corpusling.cli.common import add_input_arguments
from corpusling.corpus import Document
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
#: Characters of text parsed, written and let go at a time (970,000 words of Wikinews): memory while parsing
#: stays that of one chunk, whatever the size of the corpus.
CHUNK_CHARS = 5_000_000


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


def chunks(documents: list[Document], size: int) -> list[list[Document]]:
    """Consecutive runs of documents of about ``size`` characters of text (at least one document each)."""
    runs: list[list[Document]] = [[]]
    chars = 0
    for doc in documents:
        if runs[-1] and chars + len(doc.text or "") > size:
            runs.append([])
            chars = 0
        runs[-1].append(doc)
        chars += len(doc.text or "")
    return runs


def run(args: argparse.Namespace) -> int:
    from corpusling.api import parse, read, report, shard_of
    from corpusling.corpus import Corpus
    from corpusling.parsed import write_text

    shard = parse_shard(args.shard)
    start = time.time()
    corpus = read(args.inputs, format=args.format, text_column=args.text_column)
    if shard:
        corpus.documents = [d for d in corpus.documents if shard_of(d.doc_id, shard[1]) == shard[0]]
    if not corpus.documents and not shard:
        report([{"source": s.source, "reason": s.reason} for s in corpus.skipped])
        raise InputError("no readable document in " + ", ".join(map(str, args.inputs)))
    tag = f"{shard[0]:04d}of{shard[1]:04d}" if shard else "all"
    out: Path = args.out
    skipped = [{"source": s.source, "reason": s.reason} for s in corpus.skipped]
    report(skipped)
    written: set[Path] = set()
    n_docs = n_sentences = n_words = 0
    model: dict = {}
    # parsed, written and released a chunk at a time; the parts keep the documents' order
    for number, part in enumerate(chunks(corpus.documents, CHUNK_CHARS)):
        parsed = parse(Corpus(documents=part), model=args.model, workers=args.workers, cache=args.cache,
                       use_cache=not args.no_cache, progress=True)
        report(parsed.skipped)
        skipped += parsed.skipped
        chunk_tag = f"{tag}-c{number:04d}"
        write_parts(parsed.tokens, parsed.documents, out, chunk_tag)
        written.update(out.glob(f"tokens/part-{chunk_tag}-*.parquet"))
        written.add(out / "documents" / f"part-{chunk_tag}.parquet")
        model = parsed.model
        n_docs += parsed.documents.height
        n_words += parsed.tokens.height
        n_sentences += parsed.tokens.select("doc_id", "sent_id").n_unique() if parsed.tokens.height else 0
    # parts of this shard left by an earlier run (another chunking, or the one-part layout) go
    for stale in [*out.glob(f"tokens/part-{tag}-*.parquet"), *out.glob(f"documents/part-{tag}*.parquet")]:
        if stale not in written:
            stale.unlink()
    write_text(out / "model.json", json.dumps(model, indent=2, ensure_ascii=False) + "\n")
    if skipped:
        pl.DataFrame(skipped).write_csv(out / f"skipped-{tag}.csv")
    print(f"{n_docs} documents, {n_sentences} sentences, {n_words} words "
          f"parsed with the {model.get('name')} model in {time.time() - start:.1f} s"
          + (f" ({len(skipped)} skipped)" if skipped else "") + f" -> {out}")
    return 0

"""``corpusling parse``: read and parse a corpus into a folder of Parquet tables."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import polars as pl

from corpusling.cli.common import add_input_arguments
from corpusling.corpus import Document
from corpusling.errors import InputError
from corpusling.parsed import PART_ROWS as _PART_ROWS

EPILOG = """examples:
  corpusling parse seeds/ --out parsed/seed
  corpusling parse corpora/wikinews-fr-2012 --out parsed/wikinews --workers 2
  corpusling parse articles.csv --text-column body --out parsed/articles
  # one of 10 jobs of a SLURM array (see the README): every document lands in exactly one shard
  corpusling parse corpus/ --out parsed/corpus --shard $SLURM_ARRAY_TASK_ID/10
"""

#: Rows of the token table per Parquet part (:data:`corpusling.parsed.PART_ROWS`).
PART_ROWS = _PART_ROWS
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
    """``"3/10"`` → ``(3, 10)``; checked (:func:`corpusling.parsed.parse_shard`)."""
    from corpusling.parsed import parse_shard as checked

    return None if value is None else checked(value, "--shard")


def write_parts(tokens: pl.DataFrame, documents: pl.DataFrame, out: Path, tag: str,
                model: dict | None = None) -> int:
    """Write the tables as one published run of shard ``tag`` (see :class:`~corpusling.parsed.ShardWriter`), in
    parts of :data:`PART_ROWS` rows, through :meth:`ParsedCorpus.save <corpusling.parsed.ParsedCorpus.save>`.

    Returns the number of token parts.
    """
    from corpusling.parsed import ParsedCorpus, ShardWriter

    writer = ShardWriter(out, tag)
    ParsedCorpus(tokens, documents, model or {}).save(out, shard=writer, part_rows=PART_ROWS)
    writer.publish(model or {}, {"documents": documents.height, "words": tokens.height})
    return len(writer.tokens)


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
    from corpusling.nlp.models import resolve
    from corpusling.parsed import ANNOTATED, ShardWriter, shard_tag
    from corpusling.readers import print_warnings

    shard = parse_shard(args.shard)
    start = time.time()
    corpus = read(args.inputs, format=args.format, text_column=args.text_column, exclude=[args.out])
    print_warnings(corpus)
    if shard:
        corpus.documents = [d for d in corpus.documents if shard_of(d.doc_id, shard[1]) == shard[0]]
    if not corpus.documents and not shard:
        report([{"source": s.source, "reason": s.reason} for s in corpus.skipped])
        raise InputError("no readable document in " + ", ".join(map(str, args.inputs)))
    tag = shard_tag(*shard) if shard else "all"
    out: Path = args.out
    writer = ShardWriter(out, tag)  # the folder is checked before anything is parsed
    if any(d.tokens is None for d in corpus.documents):
        writer.check_model(resolve(args.model).identity())
    skipped = [{"source": s.source, "reason": s.reason} for s in corpus.skipped]
    report(skipped)
    n_docs = n_sentences = n_words = 0
    model: dict = {}
    # parsed, written and released a chunk at a time; the parts keep the documents' order
    for number, part in enumerate(chunks(corpus.documents, CHUNK_CHARS)):
        parsed = parse(Corpus(documents=part), model=args.model, workers=args.workers, cache=args.cache,
                       use_cache=not args.no_cache, progress=True)
        report(parsed.skipped)
        skipped += parsed.skipped
        parsed.save(out, shard=writer, chunk=number, part_rows=PART_ROWS)  # the chunk's parts, published below
        model = parsed.model if parsed.model.get("name") != ANNOTATED or not model else model
        n_docs += parsed.documents.height
        n_words += parsed.tokens.height
        n_sentences += parsed.tokens.select("doc_id", "sent_id").n_unique() if parsed.tokens.height else 0
    # skipped-<tag>.csv, then the new parts become the shard's in one rename; the previous run's parts go after
    writer.publish(model, {"documents": n_docs, "sentences": n_sentences, "words": n_words,
                           "skipped": len(skipped)}, skipped=skipped, raw_csv=args.raw_csv)
    print(f"{n_docs} documents, {n_sentences} sentences, {n_words} words "
          f"parsed with the {model.get('name')} model in {time.time() - start:.1f} s"
          + (f" ({len(skipped)} skipped)" if skipped else "") + f" -> {out}")
    return 0

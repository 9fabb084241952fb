"""``corpusling report``: every analysis of a corpus, its tables, figures, provenance and an HTML page."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from corpusling.checks import count_type
from corpusling.cli.common import add_input_arguments
from corpusling.errors import InputError
from corpusling.registry import DEFAULT_LEXICON_MODE, LEXICON_MODES

if TYPE_CHECKING:
    from corpusling.report import Report

EPILOG = """examples:
  corpusling report seeds/ --out results/seed
  corpusling report corpora/wikinews-fr-2012/documents --out results/wikinews --lang en
  corpusling report seeds/ corpora/wikinews-fr-2012/documents --group-by outlet --out results/both
  corpusling report parsed/wikinews --out results/wikinews      # a folder from `corpusling parse`
  corpusling report articles.csv --text-column body --group-by outlet --lexicon my_hedges.tsv --out results/a

a parsed folder is read a batch of whole documents at a time (--batch-words), so a corpus larger
than memory can be reported. On a cluster (SLURM array, see the README):
  corpusling report parsed/big --shard $SLURM_ARRAY_TASK_ID/10 --out shards/$SLURM_ARRAY_TASK_ID
  corpusling report --merge shards/* --group-by outlet --out results/big     # once all 10 are done
--shard writes each document's results (no rates yet); --merge stacks the shards and computes the
rates, CIs, comparisons, figures and page: the same files as one report of the whole folder.

writes into --out: tokens.parquet, documents.parquet, documents.csv, quotes.csv, conditionals.csv,
hedges.csv, reported.csv, speakers.csv, summary.csv, rates.csv, comparison.csv (with --group-by), figures/*.pdf|svg|png,
provenance.json and report.html (open it in a browser; it needs no server). A second run on the
same input parses nothing again (parse cache). An analysis that fails is reported and the other
files are still written; the exit status is then 1.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="all analyses, tables, figures and an HTML report in one folder",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="output folder (created if needed)")
    parser.add_argument("--group-by", default=None, metavar="COL",
                        help="metadata column whose groups are compared (outlet, year…)")
    parser.add_argument("--lang", choices=["fr", "en"], default="fr", help="language of figures and page (fr)")
    parser.add_argument("--lexicon", type=Path, default=None, help="your own hedge lexicon (TSV)")
    parser.add_argument("--lexicon-mode", choices=LEXICON_MODES, default=DEFAULT_LEXICON_MODE,
                        help="add --lexicon's entries to the bundled lexicon (add) or use it alone (replace); "
                             f"default: {DEFAULT_LEXICON_MODE}")
    parser.add_argument("--n-boot", type=count_type("--n-boot", 1), default=2000,
                        help="bootstrap resamples for the CIs (2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (0)")
    cluster = parser.add_argument_group("large corpora and clusters")
    cluster.add_argument("--batch-words", type=count_type("--batch-words", 1), default=None, metavar="N",
                         help="words read at a time from a parsed folder (default 250,000)")
    cluster.add_argument("--shard", default=None, metavar="I/N",
                         help="write the per-document results of the I-th of N runs of the documents of one "
                              "parsed folder (1-based), for --merge")
    cluster.add_argument("--merge", action="store_true",
                         help="the INPUTs are the N folders of --shard: merge them into the full report")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpusling.report import report

    if args.shard and args.merge:
        raise InputError("--shard and --merge are two steps: run the shards first, then --merge their folders")
    if args.shard:
        return _shard(args)
    if args.merge:
        from corpusling.report.shards import merge_shards

        done = merge_shards(args.inputs, args.out, group_by=args.group_by, lang=args.lang, n_boot=args.n_boot,
                            seed=args.seed, raw_csv=args.raw_csv, inputs=args.inputs)
        return _done(done)
    done = report(args.inputs, args.out, group_by=args.group_by, lang=args.lang, model=args.model,
                  lexicon=args.lexicon, lexicon_mode=args.lexicon_mode,
                  format=args.format, text_column=args.text_column, workers=args.workers,
                  cache=None if args.no_cache else args.cache, use_cache=not args.no_cache, n_boot=args.n_boot,
                  seed=args.seed, raw_csv=args.raw_csv, batch_words=args.batch_words)
    return _done(done)


def _shard(args: argparse.Namespace) -> int:
    from corpusling.atomic import check_replaceable
    from corpusling.cli.parse import parse_shard
    from corpusling.parsed import is_parsed_folder
    from corpusling.report.shards import report_shard

    shard = parse_shard(args.shard)
    assert shard is not None
    if len(args.inputs) != 1 or not is_parsed_folder(Path(args.inputs[0])):
        raise InputError("--shard reads one parsed folder; make it first with `corpusling parse INPUT... --out "
                         "FOLDER` (it can itself be parsed in shards)")
    if args.group_by is not None:
        raise InputError("--group-by belongs to --merge (the shards hold per-document results only)")
    check_replaceable(Path(args.out))
    report_shard(args.inputs[0], args.out, shard, batch_words=args.batch_words, lexicon=args.lexicon,
                 lexicon_mode=args.lexicon_mode,
                 parameters={"model": str(args.model) if args.model else None, "format": args.format,
                             "text_column": args.text_column})
    print(f"shard {shard[0]}/{shard[1]} written to {args.out}; when every shard is done: corpusling report "
          f"--merge SHARD_FOLDERS... --out REPORT")
    return 0


def _done(done: Report) -> int:
    failed = [s.name for s in done.steps if s.status != "ok"]
    print(f"report written to {done.out / 'report.html'}"
          + (f"; incomplete: {', '.join(failed)} (see above)" if failed else ""))
    return 1 if failed else 0

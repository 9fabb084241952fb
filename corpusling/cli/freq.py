"""``corpusling freq``: frequency lists (per million words) of forms, lemmas, UPOS or any column, or n-grams.

Word tokens are counted, punctuation and symbols left out (--include-punct counts them). --by form or
lemma counts syntactic words, after contractions are split ("du" = "de le": bigrams such as "de le
pays"); --by token_text counts surface tokens as the text shows them, each multi-word token once.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from corpusling.checks import count_type
from corpusling.cli._output import add_output_arguments, emit
from corpusling.cli.common import (
    add_counting_argument,
    add_input_arguments,
    add_lazy_argument,
    lazy_corpus,
    lazy_folder,
    load_corpus,
)

if TYPE_CHECKING:
    import polars as pl

EPILOG = """examples:
  corpusling freq corpus/ --by lemma --where '[upos="VERB" & mood="Cnd"]'
  corpusling freq corpus/ --by lemma upos --group-by outlet --out freq.csv
  corpusling freq corpus/ --ngram 3 --by form --lowercase --top 30        # syntactic words: "de le pays"
  corpusling freq corpus/ --ngram 3 --by token_text --lowercase            # surface tokens: "du pays"
  corpusling freq parsed/press --lazy --by lemma --where '[upos="NOUN"]'   # larger than memory
  corpusling freq parsed/press --lazy --ngram 2 --by form --lowercase     # n-grams, batch by batch
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("freq", help="frequency lists and n-grams", description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    group = parser.add_argument_group("frequencies")
    group.add_argument("--by", nargs="+", default=None, metavar="COL",
                       help="column(s) counted (default: lemma for a frequency list, form for n-grams, as cl.freq "
                            "and cl.ngrams count; n-grams use the first): form, lemma… count syntactic words, "
                            "token_text surface tokens")
    group.add_argument("--where", default=None, help='count only words matching a one-word query, e.g. [upos="NOUN"]')
    group.add_argument("--group-by", default=None, metavar="COL", help="one list per value of a metadata column")
    group.add_argument("--ngram", type=count_type("--ngram", 1), default=1, metavar="N",
                       help="count n-grams of N words (default 1), of forms unless --by says otherwise "
                            "(cl.ngrams(corpus, n=N))")
    group.add_argument("--min-count", type=count_type("--min-count", 1), default=1,
                       help="drop items seen fewer times (default 1)")
    group.add_argument("--lowercase", action="store_true", help="fold case before counting")
    add_counting_argument(group)
    add_lazy_argument(group)
    add_output_arguments(parser)
    parser.set_defaults(func=run)


#: What n-grams count when ``--by`` is not given: forms, as :func:`corpusling.ngrams` counts them (``freq --ngram``
#: counted lemmas before; a note on stderr says so).
NGRAMS_BY = "form"


def run(args: argparse.Namespace) -> int:
    import sys

    from corpusling import stats
    from corpusling.errors import InputError
    from corpusling.query import parse

    if args.where:
        parse(args.where)
    if args.by is None:
        args.by = [NGRAMS_BY if args.ngram > 1 else "lemma"]
        if args.ngram > 1:
            print(f"n-grams of {NGRAMS_BY}s, as cl.ngrams counts them (before, of lemmas: add --by lemma for "
                  "those)", file=sys.stderr)
    if args.ngram > 1 and args.group_by:
        raise InputError("--ngram and --group-by cannot be combined yet")
    if args.lazy and args.ngram > 1:  # n-gram counts added over batches (corpusling.folder)
        from corpusling import verbs

        return _emit(verbs.ngrams(lazy_corpus(args), args.ngram, by=args.by[0], where=args.where,
                                  min_count=args.min_count, lowercase=args.lowercase,
                                  include_punct=args.include_punct), args)
    if args.lazy:
        from corpusling import lazy

        return _emit(lazy.frequencies(lazy_folder(args), args.by, where=args.where, lowercase=args.lowercase,
                                      min_count=args.min_count, group_by=args.group_by,
                                      include_punct=args.include_punct), args)
    corpus = load_corpus(args)
    if args.ngram > 1:
        table = stats.ngrams(corpus.tokens, args.ngram, by=args.by[0], where=args.where, min_count=args.min_count,
                             lowercase=args.lowercase, include_punct=args.include_punct)
    else:
        table = stats.freq(corpus.tokens, args.by, where=args.where, documents=corpus.documents,
                           group_by=args.group_by, min_count=args.min_count, lowercase=args.lowercase,
                           include_punct=args.include_punct)
    return _emit(table, args)


def _emit(table: pl.DataFrame, args: argparse.Namespace) -> int:
    """The table, and a word on stderr when a filter found nothing because punctuation is not counted."""
    import sys

    if table.height == 0 and args.where and not args.include_punct:
        print("no word token matches; punctuation and symbols are not counted unless --include-punct",
              file=sys.stderr)
    return emit(table, args)

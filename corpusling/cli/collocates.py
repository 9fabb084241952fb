"""``corpusling collocates``: words that co-occur with a query in a window, with association scores.

Scores: log-likelihood (ll), MI, MI3, t-score, Dice, logDice on the node's frequency (Rychlý 2008; see
corpusling.stats.association). Windows count word tokens: punctuation and symbols are neither
collocates nor window positions (--include-punct makes every token a position, as CQP counts them).
The query is the LAST positional argument, or give it with -q/--query.
"""

from __future__ import annotations

import argparse

from corpusling.checks import count_type
from corpusling.cli._output import add_output_arguments, emit
from corpusling.cli.common import (
    add_counting_argument,
    add_input_arguments,
    add_lazy_argument,
    lazy_corpus,
    load_corpus,
)

EPILOG = """examples:
  corpusling collocates corpus/ 'lemma:selon' --window 3 --by lemma
  corpusling collocates corpus/ '[lemma="pouvoir" & mood="Cnd"]' --left 0 --right 3 --sort log_dice
  corpusling collocates corpus/ -q 'lemma:affirmer' --where '[upos="NOUN"|upos="PROPN"]' --out coll.xlsx
  corpusling collocates parsed/press 'lemma:selon' --lazy                 # larger than memory
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("collocates", help="collocates of a query (LL, MI, MI3, t, Dice, logDice)",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    group = parser.add_argument_group("collocates")
    group.add_argument("-q", "--query", default=None, help="the node query (otherwise the last positional argument)")
    group.add_argument("--window", type=count_type("--window"), default=5,
                       help="word tokens on each side, inside the sentence (default 5)")
    group.add_argument("--left", type=count_type("--left"), default=None, help="words on the left (overrides --window)")
    group.add_argument("--right", type=count_type("--right"), default=None,
                       help="words on the right (overrides --window)")
    group.add_argument("--by", default="lemma", help="column the collocates are counted by (default lemma)")
    group.add_argument("--where", default=None, help='keep collocates matching a one-word query, e.g. [upos="NOUN"]')
    group.add_argument("--min-count", type=count_type("--min-count", 1), default=3,
                       help="minimum co-occurrences (default 3)")
    group.add_argument("--sort", default="ll", choices=["ll", "mi", "mi3", "t", "dice", "log_dice", "count"],
                       help="order (default ll)")
    group.add_argument("--lowercase", action="store_true", help="fold case before counting")
    group.add_argument("--with-repelled", action="store_true",
                       help="also list words seen less often than expected near the node (O < E)")
    add_counting_argument(group)
    add_lazy_argument(group)
    add_output_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpusling import verbs
    from corpusling.cli.concordance import split_query
    from corpusling.query import parse

    pattern = split_query(args)
    parse(pattern)
    corpus = lazy_corpus(args) if args.lazy else load_corpus(args)
    table = verbs.collocates(corpus, pattern, window=args.window, left=args.left, right=args.right, by=args.by,
                             min_count=args.min_count, where=args.where, lowercase=args.lowercase, sort=args.sort,
                             with_repelled=args.with_repelled, include_punct=args.include_punct)
    return emit(table, args)

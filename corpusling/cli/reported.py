"""``corpusling reported``: reported speech without quotation marks (indirect, "selon X", incises).

Writes one row per reported content (``doc_id, sent_id, start_char, end_char, text, kind, cue,
cue_start, cue_end, source, speaker, rule, in_quote``) to ``--out`` (.csv .tsv .parquet .xlsx, or
.tex .html .md) and prints the contents by kind, per 1,000 words with 95% confidence intervals
resampled over documents (``--by cue`` or ``--by voice`` for other splits, ``--rates FILE`` to keep them),
and the most frequent cues and speakers. With ``--group-by`` the rates are given per group and each group
is compared with the rest (log-likelihood G², p, log ratio).
Definitions: §4 of the annotation guide (``tests/gold/README.md``); method in
``corpusling.markers.reported``.
"""

from __future__ import annotations

import argparse

from corpusling.cli.analysis import Run, add_analysis_verb, print_summary

EPILOG = """examples:
  corpusling reported seeds/000_e14371d8171e9155.txt
  corpusling reported corpora/wikinews-fr-2012/documents --out reported.xlsx
  corpusling reported parsed/wikinews --group-by date --out reported.csv
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    add_analysis_verb(subparsers, "reported", doc=__doc__, epilog=EPILOG, by="kind", summary=summary)


def summary(run: Run) -> None:
    """The shared summary, with the most frequent cues and speakers."""
    print_summary(run, frequent=(("cue", "cues"), ("speaker", "speakers")))

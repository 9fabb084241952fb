"""Speakers of reported speech, tenth session (issue 14): a personal pronoun no name is found for takes up the
definite description of the nearest subject or agent before it, as the quotations' speakers do ("ils" after
"revendiquée par les islamistes shebab", set17). Parsed with the bundled model; the case failed before."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts


def test_a_pronoun_takes_up_the_description_of_the_agent_before() -> None:
    from corpusling.markers.reported import reported

    corpus = parse_texts({"agent": "Attentat\n\nL'attaque a été revendiquée par les islamistes shebab dans un "
                                   "communiqué. Ils affirment qu'un kamikaze a visé un hôtel."})
    row = reported(corpus.tokens, corpus.documents).filter(pl.col("text").str.starts_with("qu'un")).row(0, named=True)
    assert (row["source"], row["speaker"]) == ("Ils", "les islamistes shebab"), row

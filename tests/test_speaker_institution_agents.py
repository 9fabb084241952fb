"""An institution named as the agent of a passive takes up a later description (issues 14 and 16, sixth round;
the fifth round's open kind, organisation descriptions restating an earlier name that was no candidate when the
parser made it a capitalised common noun): "un avis favorable donné par la Commission européenne … L'exécutif
européen a jugé que" names the Commission (rule ``description of the previous subject`` of reported speech,
whose institutions were subjects only; ``exécutif`` among the ``organisation_noun`` of speaker_words.tsv).
Sentences parsed with the bundled model; the test fails without the rule."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

TEXT = ("Areva : feu vert de Bruxelles\n\nLe groupe nucléaire Areva devrait pouvoir recevoir l'aide de l’État à la "
        "suite d'un avis favorable donné par la Commission européenne ce 10 janvier. L’exécutif européen a jugé que "
        "le plan du gouvernement français était compatible avec la législation de l'Union européenne.")


def test_agent_institution_is_taken_up() -> None:
    from corpusling.markers.reported import reported

    corpus = parse_texts({"areva": TEXT})
    rows = reported(corpus.tokens, corpus.documents).filter(pl.col("source") == "L’exécutif européen")
    assert rows.height == 1, reported(corpus.tokens, corpus.documents)
    row = rows.row(0, named=True)
    assert (row["speaker"], row["rule"].split("+")[-1]) == ("Commission européenne",
                                                         "description of the previous subject"), row

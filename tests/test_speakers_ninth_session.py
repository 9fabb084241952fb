"""Speakers of direct quotations, ninth session (issue 14; rules written on set18's errors once it was scored and
released): the noun after an incise's verb that the parser calls its object is its inverted subject when the tree
gives no subject at all, never a time noun; a name in apposition after a description keeps its parenthesis; a noun
of utterance before a colon speaks through its "de X" as a copula's predicate too.
Sentences parsed with the bundled model; the title, party and predicate cases failed before these rules, the time noun's
fails with the first rule alone."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

CASES = {
    # "maître" the parser's object of "déclaré", the title of the fencing master (set18)
    "title_object": ("Escrime\n\n« C'est mon premier titre par équipes » a déclaré maître Bauer après la victoire.",
                     "Bauer", "name"),
    # ... a time noun the parser made the object is none: the subject after it speaks (set11); since the parts of
    # speech are checked before parsing (2026-12-08) the parse hangs the name on the description, and the apposition
    # rule gives it
    "time_object": ("Pixar\n\n« Il était le cinquième animateur engagé ici », a noté un jour le chef animateur de la "
                    "firme, John Lasseter.", "John Lasseter", "apposition"),
    # a party in parentheses after the apposed name (set18)
    "party": ("Région\n\nLe choix sera validé en octobre. « Cet acte de naissance a une dimension symbolique » selon "
              "le président de la région, Laurent Wauquiez (LR), qui se félicite du choix.", "Laurent Wauquiez",
              "apposition"),
    # a noun of utterance as the predicate of a copula before the colon: its "de X" speaks (set18)
    "predicate": ("Cérémonie\n\nLe public applaudit. Ce n'est pas l'avis de Fottorino : « la présence du président ne "
                  "peut être interprétée que comme un acte politique ».", "Fottorino", "name"),
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    return direct_quotations(CASES)


@pytest.mark.parametrize("doc", list(CASES))
def test_speaker(found: pl.DataFrame, doc: str) -> None:
    _, speaker, rule = CASES[doc]
    row = quotation_row(found, doc, last=False)
    assert (row["speaker"], row["rule"].split("+")[-1]) == (speaker, rule), row

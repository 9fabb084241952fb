"""The speaker of a content attributed by a relative after its preposition (issue 16, tenth round; set14, set12,
set10): "la rumeur selon laquelle …", "un scandale, selon lequel …" are the noun phrase the relative follows, not a
personal pronoun resolved to a name. Sentences parsed with the bundled model; each test fails without the rule it
names."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

from corpusling.markers.reported_speakers import speaker_rules

TEXTS = {
    "rumeur": "Rouen : un professeur hospitalisé\n\nLe professeur Jean Dupont a été hospitalisé mardi. Les raisons "
              "sont pour le moment inconnues. Néanmoins, la rumeur selon laquelle il aurait tenté de mettre fin à "
              "ses jours à cause d'un problème dans son emploi du temps a été rejetée par la rectrice.",
    "scandale": "Juncker\n\nPremier ministre du Luxembourg, Jean-Claude Juncker avait mis en place un système "
                "d'évasion fiscale. Son mandat de Premier ministre luxembourgeois s'était également terminé sur un "
                "scandale, selon lequel il aurait utilisé les services secrets de son pays pour ficher illégalement "
                "des citoyens.",
}
RULE = "noun before a relative after its preposition"


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


def test_the_rule_comes_before_the_pronouns() -> None:
    names = [name for name, _ in speaker_rules()]
    assert names.index(RULE) < names.index("pronoun") < names.index("as written")


@pytest.mark.parametrize(("doc", "relative", "speaker"), [("rumeur", "laquelle", "la rumeur"),
                                                           ("scandale", "lequel", "un scandale")])
def test_a_relative_after_its_preposition_is_the_noun_it_follows(found: pl.DataFrame, doc: str, relative: str,
                                                                 speaker: str) -> None:
    rows = found.filter((pl.col("doc_id") == doc) & (pl.col("source") == relative))
    assert rows.height == 1, found.filter(pl.col("doc_id") == doc)
    assert rows["speaker"][0] == speaker
    assert rows["rule"][0].endswith("+" + RULE)

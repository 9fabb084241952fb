"""The acronym of a role is no named mention (issues 14 and 16, ninth round; set13 kind): "le PDG" is a common
noun the tagger takes for a proper name, and as the nearest mention written with an article it kept the pronoun of
"a-t-il déclaré" unresolved; it is now no candidate, and the pronoun takes the person named before it
(``role_acronym`` of speaker_words.tsv, in ``named_mentions``). Sentences parsed with the bundled model; each test
fails without the rule."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

TEXT = ("Un avion s'est écrasé samedi à Rostov. Ghaith al Ghaith, le PDG de la compagnie Flydubai, a annoncé "
        "qu'il était trop tôt pour conclure : « Nous aurons des informations sur les circonstances de "
        "l'accident », a-t-il déclaré lors d'une conférence de presse.")


def test_role_acronym_is_no_named_mention() -> None:
    from corpusling.markers.speakers import named_mentions

    corpus = parse_texts({"d": TEXT})
    assert "PDG" not in named_mentions(corpus.tokens, corpus.documents)["name"].to_list()


def test_pronoun_takes_the_person_before_the_role() -> None:
    from corpusling.markers.quotes import quotes

    corpus = parse_texts({"d": TEXT})
    found = quotes(corpus.tokens, corpus.documents).filter(pl.col("kind") == "direct")
    assert found.height == 1, found
    assert found["speaker"][0] == "Ghaith al Ghaith", found.row(0, named=True)

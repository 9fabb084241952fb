"""A mention's role read from its whole noun phrase (issue 14, tenth round; set14, set13): a name closing a title's
noun phrase that the parser hung on the title's complement ("Le Ministre de la Défense Antoni Macierewicz") takes
the phrase's role and its head noun's gender; a name the parser coordinated with a verb ("… finit par réagir et
Brunet flanche") is the subject of a coordinated clause, one person; a name in parentheses after a noun ("la
situation (Valls était le favori)") takes no gender from that noun (set12). Sentences parsed with the bundled
model; each test fails without the rule it names."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    # "Antoni" hung on "Défense" (nmod): without the rule an `other` mention of no gender, and "il" goes to the
    # subject named before it
    "title": "Pologne : arrivée des troupes\n\nLe président Andrzej Duda a salué les soldats à Zagan. Le Ministre de "
             "la Défense Antoni Macierewicz était également présent à la cérémonie. « Nous avons attendu pour vous "
             "très longtemps », a-t-il dit aux troupes.",
    # "Brunet" hung on "réagir" (conj): without the rule an `other`, plural mention, and "elle" goes to Kharlan
    "clause": "Escrime\n\nManon Brunet a perdu sa demi-finale contre la Russe.\n\nDans la petite finale, Olha Kharlan "
              "finit par réagir et Brunet flanche à nouveau, si près du podium. « J'ai tout donné » a-t-elle déclaré "
              "à L'Equipe.",
    # "(Valls" hung on "situation": without the condition Valls is feminine, and "il" goes to Hamon
    "parenthesis": "Primaire : Benoît Hamon l'emporte\n\nBenoît Hamon, arrivé en tête du premier tour, est parti "
                   "largement favori, inversant ainsi la situation (Valls était en effet le favori avant le premier "
                   "tour).\n\nÀ 20 h 55, Manuel Valls souhaite « bonne chance » à Hamon, reconnaissant ainsi sa "
                   "défaite. Ému, il déclare : « Benoît Hamon l'a emporté nettement et je tiens chaleureusement à le "
                   "féliciter. »",
}


@pytest.fixture(scope="module")
def corpus():  # noqa: ANN201 - a ParsedCorpus
    return parse_texts(TEXTS)


@pytest.fixture(scope="module")
def found(corpus) -> pl.DataFrame:  # noqa: ANN001
    from corpusling.markers.quotes import quotes

    return quotes(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


def _mention(corpus, doc: str, name: str) -> dict:  # noqa: ANN001
    from corpusling.markers.speakers import named_mentions

    mentions = named_mentions(corpus.tokens, corpus.documents).filter((pl.col("doc_id") == doc)
                                                                      & (pl.col("name") == name))
    assert mentions.height == 1, mentions
    return mentions.row(0, named=True)


def _quote(found: pl.DataFrame, doc: str) -> dict:
    rows = found.filter((pl.col("doc_id") == doc) & (pl.col("kind") == "direct"))
    assert rows.height == 1, found.filter(pl.col("doc_id") == doc)
    return rows.row(0, named=True)


def test_a_name_closing_a_title_takes_the_phrase_role_and_gender(corpus, found: pl.DataFrame) -> None:  # noqa: ANN001
    mention = _mention(corpus, "title", "Antoni Macierewicz")
    assert (mention["role"], mention["gender"]) == ("subject", "Masc")
    row = _quote(found, "title")
    assert row["source"] == "il" and row["rule"].endswith("+pronoun")
    assert row["speaker"] == "Antoni Macierewicz"


def test_a_name_coordinated_with_a_verb_is_a_clause_subject(corpus, found: pl.DataFrame) -> None:  # noqa: ANN001
    mention = _mention(corpus, "clause", "Brunet")
    assert (mention["role"], mention["plural"]) == ("subject", False)
    row = _quote(found, "clause")
    assert row["source"] == "elle" and row["rule"].endswith("+pronoun")
    assert row["speaker"] == "Manon Brunet"


def test_a_name_in_parentheses_takes_no_gender_from_the_noun_before(corpus, found: pl.DataFrame) -> None:  # noqa: ANN001
    row = _quote(found, "parenthesis")
    assert row["source"] == "il" and row["rule"].endswith("+pronoun")
    assert row["speaker"] == "Manuel Valls"

"""A participle conjugated with "avoir" gives its subject no gender (issues 14 and 16, seventh round; set10): it
agrees with a direct object placed before it, never with its subject ("Alan Bean l'avait accidentellement
dirigée", dirigée = la caméra; Riegel, Pellat & Rioul 2018, ch. XIV, accord du participe passé), so that such a
feminine participle no longer makes "Alan Bean" a woman whom a later "il" cannot take up
(``object_agreement_auxiliary`` of speaker_words.tsv, in ``named_mentions``). A passive ("a été nommée") still
gives its subject the participle's gender. Sentences parsed with the bundled model; each test fails without the
rule."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    "object_before": "Neil Armstrong a marché sur la Lune en 1969. La retransmission a été interrompue : voulant "
                     "installer la caméra sur son trépied, Alan Bean l'avait accidentellement dirigée vers le "
                     "Soleil. Alan Bean a pris sa retraite en 1981. Il consacre alors sa vie à la peinture. « Tout "
                     "artiste a la Terre pour inspirer ses peintures », a-t-il expliqué en 1994.",
    "passive": "Camille Martin a été nommée directrice du musée en 2015.",
}


@pytest.fixture(scope="module")
def corpus():
    return parse_texts(TEXTS)


def test_object_agreement_gives_the_subject_no_gender(corpus) -> None:
    from corpusling.markers.speakers import named_mentions

    names = named_mentions(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))
    bean = names.filter((pl.col("doc_id") == "object_before") & (pl.col("name") == "Alan Bean"))
    assert bean.height == 2 and "Fem" not in bean["gender"].to_list()
    camille = names.filter((pl.col("doc_id") == "passive") & (pl.col("name") == "Camille Martin"))
    assert camille["gender"].to_list() == ["Fem"]


def test_pronoun_takes_up_the_subject_of_an_object_agreement(corpus) -> None:
    from corpusling.markers.quotes import quotes

    found = quotes(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))
    row = found.filter(pl.col("doc_id") == "object_before").row(0, named=True)
    assert (row["source"], row["speaker"], row["rule"].split("+")[-1]) == ("il", "Alan Bean", "pronoun")

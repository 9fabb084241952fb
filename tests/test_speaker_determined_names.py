"""A single word the text writes with a determiner is no person's name (issues 14 and 16, eighth round; the kind
"a bare name that is no person" of set8 and set11): "du Burundi", "au Burundi" name a place wherever the word
stands, so that the demonstrative "ce dernier" takes up the person's name before it (rule ``last mentioned``) and a
role ("le ministre") is not the country named most often (rule ``role``), but the person named before it (rule
``description of the previous subject``). Sentences parsed with the bundled
model; each test fails without the rule."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

TEXTS = {
    # the country, masculine and the last name before "Ce dernier", is passed over for the person
    "demonstrative": "Burundi : le second vice-président représente le pays au sommet du COMESA\n\nC'est Joseph "
                     "Butore, second vice-président du Burundi, qui représente le pays lors du sommet du COMESA qui "
                     "se déroule cette semaine à Madagascar. Ce dernier indique vouloir profiter de la circonstance "
                     "pour rencontrer d'autres pays africains.",
    # the country named twice is no person the role "le ministre" takes up
    "role": "Burundi : la télévision numérique\n\nAu Burundi, lors de l'anniversaire de la télévision nationale, "
            "le ministre des Postes, des Technologies de l'information, de la Communication et des Médias Nestor "
            "Bankumukunzi — par ailleurs ancien directeur de la télévision nationale — a annoncé que le réseau "
            "est installé à plus de 90 %. L'enjeu est à présent la distribution de décodeurs. À ce sujet, il "
            "précise : « Nous avons une promesse ferme qu'une partie des décodeurs promis par la Chine au "
            "Burundi devraient nous parvenir à la fin de cette année ».\n\nSelon le ministre, la télévision "
            "numérique au Burundi devrait être une réalité en 2017.",
}


@pytest.fixture(scope="module")
def found():
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


@pytest.mark.parametrize("doc, mention, speaker, rule", [
    ("demonstrative", "Ce dernier", "Joseph Butore", "last mentioned"),
    ("role", "le ministre", "Nestor Bankumukunzi", "description of the previous subject"),
])
def test_a_determined_name_is_no_person(found, doc: str, mention: str, speaker: str, rule: str) -> None:
    rows = found.filter((pl.col("doc_id") == doc) & (pl.col("source") == mention))
    assert rows.height >= 1, found
    row = rows.row(0, named=True)
    assert row["speaker"] == speaker and row["rule"].endswith(f"+{rule}"), row


def test_a_determined_name_only_where_the_paragraph_has_no_other() -> None:
    from corpusling.markers.speakers import last_mentioned

    q = pl.DataFrame({"_q": [0], "doc_id": ["d"], "source_start": [100], "par_no": [1],
                      "_demonstrative": ["ce dernier"]})
    mentions = pl.DataFrame({"doc_id": ["d", "d"], "m_start": [10, 50], "m_end": [20, 60], "m_par_no": [1, 1],
                             "name": ["Joseph Butore", "Burundi"], "gender": ["Masc", "Masc"],
                             "plural": [False, False], "role": ["other", "oblique"], "determined": [False, True]})
    assert last_mentioned(q, mentions)["_last_mentioned"].to_list() == ["Joseph Butore"]
    assert last_mentioned(q, mentions.slice(1))["_last_mentioned"].to_list() == ["Burundi"]

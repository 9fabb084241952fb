"""Quotation speakers by salience (issue 14, set6 kinds): a definite description of a person's role restating the
person named just before ("l'attaquant" after "Karim Benzema"), and a direct quotation with no attribution given
to the person named as the subject of the sentence just before it. Sentences parsed with the bundled model;
each test fails without the rule it names."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

from corpusling.markers.speakers import speaker_rules

TEXTS = {
    # a role noun restates the person named (as the agent of "par") in the sentence before
    "description": "Racisme\n\nCet acte ferait suite aux propos lancés par Karim Benzema mercredi. En effet, "
                   "l'attaquant avait déclaré que Didier Deschamps « avait cédé à la pression raciste ».",
    # a role with a complement is someone else's: it stays as written
    "complement": "Racisme\n\nCet acte ferait suite aux propos lancés par Karim Benzema mercredi. En effet, "
                  "l'avocat de la famille avait déclaré que Didier Deschamps « avait cédé à la pression raciste ».",
    # nobody named that near: the description stays as written
    "far": "Racisme\n\nKarim Benzema joue à Madrid. Il fait beau. Le match a eu lieu hier. En effet, "
           "l'attaquant avait déclaré que le club « avait cédé à la pression ».",
    # a direct quotation standing alone after a sentence whose subject is a named person
    "previous": "Rallye\n\nLe pilote est mort. Romain Degeer, un pilote belge présent sur les lieux, avait "
                "pourtant tenté de le prévenir. « Ce n'était pas un bon endroit pour se placer. On lui a dit de "
                "partir de là ».",
    # a name's own gender (the tagger's lexicon: "Lucien" masculine) against a feminine a wrong attachment gave
    # another of its mentions ("Lucien Carillon" parsed as the subject of "née"): no gender, "il" resolves to it
    "own_gender": "Anniversaires\n\nEtaient conviés les sept personnes suivantes : Paulette Bertrand, née en 1926 ; "
                  "Lucien Carillon (1928) ; Anita Dachaud (1921) ; Joséphine Conte (1912). Questionné sur son passé, "
                  "Lucien Carillon s'est exécuté de bonne grâce. Natif des Forges, il a fréquenté l'école. Resté "
                  "célibataire, il poursuit : \"J'ai travaillé à l'usine des hameçons\", se souvient-il.",
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    from corpusling.markers.quotes import quotes

    corpus = parse_texts(TEXTS)
    return quotes(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


def _row(found: pl.DataFrame, doc: str) -> dict:
    rows = found.filter((pl.col("doc_id") == doc) & (pl.col("level") == 0)
                        & pl.col("kind").is_in(["direct", "mixed"]))
    assert rows.height >= 1, found.filter(pl.col("doc_id") == doc)
    return rows.row(0, named=True)


def test_rules_are_named_in_order() -> None:
    names = [name for name, _, _ in speaker_rules()]
    assert names.index("pronoun") < names.index("description") < names.index("as_written")
    assert names.index("previous subject") < names.index("continuation")


def test_description_restates_the_name_before(found: pl.DataFrame) -> None:
    row = _row(found, "description")
    assert row["source"] == "l'attaquant"
    assert row["speaker"] == "Karim Benzema" and row["rule"].endswith("+description")


def test_description_with_a_complement_stays_as_written(found: pl.DataFrame) -> None:
    row = _row(found, "complement")
    assert row["speaker"] == row["source"] and row["rule"].endswith("+as_written")


def test_description_far_from_any_name_stays_as_written(found: pl.DataFrame) -> None:
    row = _row(found, "far")
    assert row["speaker"] == "l'attaquant" and row["rule"].endswith("+as_written")


def test_quotation_alone_takes_the_subject_of_the_sentence_before(found: pl.DataFrame) -> None:
    row = _row(found, "previous")
    assert row["source"] is None and row["kind"] == "direct"
    assert row["speaker"] == "Romain Degeer" and row["rule"].endswith("+previous subject")


def test_own_gender_of_a_name_against_a_wrong_attachment(found: pl.DataFrame) -> None:
    from corpusling.markers.speakers import named_mentions

    corpus = parse_texts({"own_gender": TEXTS["own_gender"]})
    genders = named_mentions(corpus.tokens, corpus.documents).filter(pl.col("name") == "Lucien Carillon")["gender"]
    assert genders.is_null().all()
    row = _row(found, "own_gender")
    assert row["speaker"] == "Lucien Carillon" and row["rule"].endswith("+pronoun")


def test_reported_description_restates_the_agent_before() -> None:
    """Reported speech: a role restates the agent of "par" in the sentence before (``_described_before``)."""
    from corpusling.markers.reported import reported

    corpus = parse_texts({"reported": TEXTS["description"]})
    rows = reported(corpus.tokens, corpus.documents).filter(pl.col("source") == "l'attaquant")
    assert rows.height == 1
    assert rows["speaker"][0] == "Karim Benzema"
    # (since the eighth round 'attaquant', a person_noun of speaker_words.tsv, is a role of reported speech too: the
    # rule 'role' takes up the same person, the one named before it)
    assert rows["rule"][0].endswith(("+description of the previous subject", "+role"))


def test_full_name_closing_a_lowercase_complement() -> None:
    """``name_of``: a name of three words or more right after the lowercase noun of a complement closes the
    description; two words may be the complement's own name."""
    from corpusling.markers.speakers import name_of

    assert name_of("La ministre de la justice Aimée Laurentine Kanyana") == "Aimée Laurentine Kanyana"
    assert name_of("le président de la société Total Energies") is None
    assert name_of("la porte-parole de la fédération") is None

"""Pronoun antecedents of reported speech by salience (issues 14 and 16, set7 kinds). Sentences parsed with the
bundled model; each test fails without the rule it names."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

TEXTS = {
    # the subject of a subordinate clause after the name the sentence's main verb has as subject
    "embedded": "Australie\n\nLe premier ministre a parlé hier. Malcolm Turnbull sait que le sujet est délicat, il "
                "n'a pas oublié l'échec du référendum de 1999. Il estime que la question n'est pas prioritaire.",
    # beside a main subject that is a common noun, the subordinate clause's subject stays the nearest
    "common": "Égypte\n\nCependant, son action sera limitée par le fait que suite à la dissolution du parlement, "
              "l'armée s'est octroyée le pouvoir législatif. Elle a cependant promis de remettre le pouvoir au "
              "nouveau président avant le 30 juin.",
    # the subject of the sentence before, in its paragraph, before a name neither that paragraph nor the one before
    # writes (the headline's "Allemagne")
    "far_name": "Allemagne : l'enquête sur les explosions de Dortmund piétine\n\nL'enquête sur les explosions de "
                "Dortmund (Allemagne) est au point mort.\n\nUne revendication islamiste trouvée sur place semble "
                "suspecte. Les formules habituelles manquent.\n\nUne deuxième revendication, « antifasciste », a été "
                "mise en ligne le soir de l'attentat. Elle prétend que le club aurait été visé.",
    # a person's role whose complement is a common noun is not the headline's person
    "common_complement": "France : Macron s'en prend aux ouvriers de GM&S\n\nLe président français Emmanuel Macron "
                         "s'en est pris aux ouvriers de GM&S. Les ouvriers manifestent depuis mai. L'usine voisine "
                         "recrute. Toutefois, le patron de l'usine recruteuse a précisé que les ouvriers licenciés ne "
                         "pouvaient pas être embauchés.",
}


def _reported(doc: str, source: str) -> dict:
    from corpusling.markers.reported import reported

    corpus = parse_texts({doc: TEXTS[doc]})
    rows = reported(corpus.tokens, corpus.documents).filter(pl.col("source") == source)
    assert rows.height >= 1, reported(corpus.tokens, corpus.documents)
    return rows.row(0, named=True)


def test_subordinate_subject_after_the_main_name() -> None:
    row = _reported("embedded", "Il")
    assert row["speaker"] == "Malcolm Turnbull", row
    assert not row["rule"].endswith("+previous subject")  # ("le sujet" was the previous subject)


def test_subordinate_subject_beside_a_common_noun() -> None:
    row = _reported("common", "Elle")
    assert row["speaker"] == "l'armée", row


def test_subject_before_a_name_written_far_away() -> None:
    row = _reported("far_name", "Elle")
    assert row["speaker"] == "Une deuxième revendication", row
    assert row["rule"].endswith("+previous subject")


def test_role_with_a_common_complement_is_not_the_headline_person() -> None:
    row = _reported("common_complement", "le patron de l'usine recruteuse")
    assert row["speaker"] == "le patron de l'usine recruteuse", row
    assert row["rule"].endswith("+as written")

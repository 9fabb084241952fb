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
    # a direct quotation after a colon whose mention was missed: the named subject of the clause before the colon
    "colon": "Adobe rachète Magento\n\nDans le communiqué, Adobe explique que le « Magento Commerce Cloud permettra "
             "au commerce d'être intégré à l'Experience Cloud d'Adobe ». La firme a également annoncé un rachat des "
             "actions pour une valeur totale de 8 milliards de dollars US d'ici 2021. Mark Lavelle, PDG de Magento, a "
             "déclaré : « Adobe et Magento partage une vision du futur des expériences numériques [...] Nous sommes "
             "ravis de rejoindre Adobe et croyons qu'il s'agira d'une grande opportunité pour nos clients ».",
    # a definite description of an organisation as the subject before restates a name itself: the resolver's name
    "restating": "Airbus : nouvelle enquête\n\nAirbus a annoncé jeudi l'ouverture d'une enquête en Autriche. Le "
                 "groupe aéronautique avait choisi de ne pas communiquer cette information. Il en a également profité "
                 "pour rappeler dans un communiqué qu'une autre enquête le visant est en cours.",
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


def test_quotation_after_a_colon_takes_the_subject_before_it() -> None:
    """The mention missed (as the attribution did on set7): the named subject of the clause before the colon, in
    the quotation's sentence, not the earlier quotation's speaker by continuation."""
    from corpusling.markers.quotes import quotes
    from corpusling.markers.speakers import add_speakers

    corpus = parse_texts({"colon": TEXTS["colon"]})
    table = quotes(corpus.tokens, corpus.documents)
    target = pl.col("text").str.contains("Magento partage")
    missed = (table.drop("speaker")
              .with_columns(pl.col("rule").str.replace(r"\+[^+]*$", ""),
                            *(pl.when(target).then(None).otherwise(pl.col(c)).alias(c)
                              for c in ("source", "source_start", "source_end"))))
    row = add_speakers(missed, corpus.tokens, corpus.documents).filter(target).row(0, named=True)
    assert row["speaker"] == "Mark Lavelle", row
    assert row["rule"].endswith("+subject before the colon"), row


def test_description_before_yields_to_the_name_it_restates() -> None:
    row = _reported("restating", "Il")
    assert row["speaker"] == "Airbus", row
    assert row["rule"].endswith("+pronoun"), row

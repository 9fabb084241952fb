"""Definite descriptions as speakers of reported speech (issue 16, the guide §4 ``source_resolved``): a
description that takes up the named subject or speaker just before it, a one-word name in apposition before
a description. Sentences parsed with the bundled model; each test fails without the rule it names."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

from corpusling.markers.reported_speakers import speaker_rules
from corpusling.markers.speakers import apposed_name

TEXTS = {
    # an organisation noun takes up the organisation named in the sentence before
    "organisation": "Suicide à La Poste\n\nLe syndicat SUD-PTT estime que la direction est responsable. La "
                    "centrale syndicale précise que l'agent avait demandé un changement de service.",
    # a person's role takes up the speaker of the quotation before
    "role": "ACTA rejeté\n\nPour Jérémie Zimmermann, « ce vote est une immense victoire ! » Le porte-parole du "
            "collectif la Quadrature du Net se félicite que le texte ait ouvert un grand débat public.",
    # a plural disjunctive pronoun continues the plural subject before it
    "plural": "Attentat à Kaboul\n\nLes talibans ont visé cet hôtel en particulier car selon eux, il abritait des "
              "fêtes sauvages.",
    # no one that near: a person's role takes up the one person the headline names and the body names again
    "headline": "France : pour Montebourg, le nucléaire a de l'avenir\n\nLe ministre du Redressement productif a "
                "déclaré dimanche que le nucléaire est une filière d'avenir. Arnaud Montebourg reconnaît tout de "
                "même qu'il faut le rééquilibrer.",
    # an organisation noun with a possessive takes up an institution named by a capitalised common noun …
    "possessive": "Exclusion\n\nLe Parti populaire espagnol a exclu hier le député Antoni Pastor. Son parti "
                  "estime qu'il a rompu la discipline de vote.",
    # … never a person ("son parti" is the party of the person named)
    "possessive_person": "Exclusion\n\nLe député Antoni Pastor a voté contre le projet hier. Son parti estime "
                         "qu'il a rompu la discipline de vote.",
    # a capitalised noun after its determiner is an institution's own name, no anaphor of the subject before
    "institution": "Grippe aviaire\n\nLa Chine a annoncé que la souche avait contaminé 1 560 personnes. Le virus a "
                   "tué 40 % des malades selon l'Organisation mondiale de la Santé.",
    # a plural description stands for several, never for the one name the text wrote with its noun
    "plural_description": "Traité\n\nLe traité fut signé par la Belgique et les Pays-Bas. Les autres pays estiment "
                          "que l'Union doit rester unie.",
    # an acronym is a name, never a description apposed to the name before it elsewhere ("Matthew, le PAM"); its
    # determiner does not make it a common noun (ninth session: "la CPI a déclaré", set16)
    "acronym": "Haïti\n\nAprès l'ouragan Matthew, le PAM et Internews ont réparé des radios. Les stations "
               "diffusent de nouveau, affirme le PAM dans un communiqué.",
    # a role takes up the name the text introduced with it, an adjective between, as the agent of "par" too
    "introduced_agent": "Tapisserie\n\nLa décision a été prise par le président français Macron lors d'une "
                        "visite. Theresa May a remercié la France.\n\nSelon le président français, ce prêt marque "
                        "un nouveau chapitre.",
    # no named subject in the sentence before: the description stays as written
    "alone": "Canicule\n\nIl a fait très chaud hier à Lyon. Le ministère de la Santé recommande que les "
             "personnes âgées restent au frais.",
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    from corpusling.markers.reported import reported

    corpus = parse_texts(TEXTS)
    return reported(corpus.tokens, corpus.documents).with_columns(pl.col("doc_id").cast(pl.String))


def test_rules_are_in_the_table() -> None:
    names = [name for name, _ in speaker_rules()]
    assert names.index("description of the previous subject") < names.index("role of the headline's person")


@pytest.mark.parametrize("doc, mention, speaker, rule", [
    ("organisation", "La centrale syndicale", "SUD-PTT", "description of the previous subject"),
    ("role", "Le porte-parole du collectif la Quadrature du Net", "Jérémie Zimmermann",
     "description of the previous subject"),
    ("alone", "Le ministère de la Santé", "Le ministère de la Santé", "as written"),
    ("plural", "eux", "Les talibans", "previous subject"),
    ("headline", "Le ministre du Redressement productif", "Arnaud Montebourg", "role of the headline's person"),
    ("possessive", "Son parti", "Parti populaire espagnol", "description of the previous subject"),
    ("possessive_person", "Son parti", "Son parti", "as written"),
    ("institution", "l'Organisation mondiale de la Santé", "l'Organisation mondiale de la Santé", "as written"),
    ("plural_description", "Les autres pays", "Les autres pays", "as written"),
    ("acronym", "le PAM", "PAM", "name"),
    ("introduced_agent", "le président français", "Macron", "introduced with its noun"),
])
def test_description_takes_up_the_previous_subject(found, doc: str, mention: str, speaker: str, rule: str) -> None:
    row = found.filter((pl.col("doc_id") == doc) & pl.col("source").str.starts_with(mention)).row(0, named=True)
    assert (row["speaker"], row["rule"].split("+")[-1]) == (speaker, rule)


def test_one_word_name_before_a_description() -> None:
    """"Barroso, le président de la commission se dit": a name opening a sentence counts when the parser found
    it, not a capitalised adverb ("Ensuite, le ministre")."""
    before = "« Nous resterons dans l'euro ». Barroso, "
    assert apposed_name(before, " se dit rassuré") is None
    assert apposed_name(before, " se dit rassuré", {"Barroso"}) == "Barroso"
    assert apposed_name("Il est venu. Ensuite, ", " a dit", {"Barroso"}) is None

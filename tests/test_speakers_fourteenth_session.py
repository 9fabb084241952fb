"""Speakers, fourteenth session (issue 14), read on the errors of set23, set22 and set21 (NTREX-128 translated
news) and the older sets. Parsed with the bundled compact model; invented texts.

Reported speech: a participle or gerund adjunct of an incise verb ("« … », a déclaré M. Flake samedi, ajoutant
que …") is said by the incise's inverted subject, which the parser makes the verb's object: the subject of a gerund
or of a participle adjunct is the subject of the verb it depends on (Riegel, Pellat & Rioul 2018, ch. XII), and
an incise inverts its subject (ibid., ch. XXIII). Climbing the tree further reached a "nous" or "je" inside the
quotation (set23's "M. Flake", "Dwi Haris", set19's "Theresa May").

Named mentions: the object of a verb of saying is its inverted subject ("« … », affirme Rami Abd al-Rahman") only where
the verb has no subject of its own and is no participle qualifying a noun: "Elle décrit Paddington comme …" and "un
bateau appelé Monkey Business" name what is spoken of, and were taken as speakers, the antecedents of a later "elle"
(set22's "Karen Jankel", set23's "Patricia Schroeder").

Reported speech: the roles of sport and entertainment are roles of persons, that take up the named speaker before
them ("Le triple champion du monde a affirmé que", set21's Tom Daley).

Reported speech: a pronominal verb of saying ("s'est engagé à", "s'est déclaré incompétent", "se sont engagés à"),
whose être the parser labels aux:pass and whose subject nsubj:pass, is no passive: that subject is its source
(set22, set20, set19, set15, set12, set5 gave none).
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, parse_texts, quotation_row

#: document id → (text, the speaker of each of its reported contents)
INCISE_ADJUNCTS = {
    "participle": ("« Nous pourrions peut-être apporter un peu d'unité », a déclaré M. Durand samedi, ajoutant qu'il "
                   "craignait que le comité ne cède.", "Durand"),
    "participle_with_dative": ("« On n'a pas eu le temps de se sauver », a confié Paul Haris à la radio, précisant que "
                               "sa famille se trouvait en ville pour un mariage.", "Paul Haris"),
    "gerund": ("« Nous travaillons à établir tous les détails », a déclaré la ministre Claire Dubois, en ajoutant "
               "qu'il s'agissait d'une attaque épouvantable.", "Claire Dubois"),
    # not over-firing: no quotation before the verb, which has a subject of its own; its object is no speaker
    "object_of_a_verb_with_a_subject": ("Le comité a convoqué samedi M. Durand, en ajoutant que la réforme serait "
                                        "maintenue.", "Le comité"),
}


@pytest.fixture(scope="module")
def reported_found() -> pl.DataFrame:
    import corpusling as cl

    return cl.reported(parse_texts({key: text for key, (text, _) in INCISE_ADJUNCTS.items()}))


@pytest.mark.parametrize("doc", list(INCISE_ADJUNCTS))
def test_an_incise_adjunct_is_said_by_the_inverted_subject(reported_found: pl.DataFrame, doc: str) -> None:
    rows = reported_found.filter(pl.col("doc_id") == doc)
    assert rows.height >= 1, rows
    assert set(rows["speaker"].to_list()) == {INCISE_ADJUNCTS[doc][1]}, rows.select("text", "source", "speaker", "rule")


#: document id → (text, the speaker of its last direct quotation)
OBJECTS_OF_SAYING = {
    "described": ("Karen Martin a écrit un livre sur son père.\n\nElle décrit Paddington comme un membre de la "
                  "famille.\n\n« C'était un homme calme », a-t-elle affirmé.", "Karen Martin"),
    "called": ("Sophie Durand a quitté la course en 1987.\n\nElle a navigué sur un bateau appelé Monkey Business "
               "pendant dix ans.\n\n« Ce n'était pas une décision réfléchie », a-t-elle confié.", "Sophie Durand"),
    # not over-firing: the verb of an incise has no subject of its own, its object is the inverted subject
    "inverted": ("Le village a été évacué.\n\n« Nous avons tout perdu », a déclaré Paul Martin samedi.", "Paul Martin"),
}


@pytest.fixture(scope="module")
def objects_found() -> pl.DataFrame:
    return direct_quotations(OBJECTS_OF_SAYING)


@pytest.mark.parametrize("doc", list(OBJECTS_OF_SAYING))
def test_the_object_of_a_verb_with_a_subject_is_no_speaker(objects_found: pl.DataFrame, doc: str) -> None:
    assert quotation_row(objects_found, doc)["speaker"] == OBJECTS_OF_SAYING[doc][1]


#: document id → (text, the speaker of its last reported content)
ROLE_GENDER = {
    "agree": ("Paul Durand a déclaré samedi à Londres qu'il était heureux. Le chercheur a affirmé qu'il ne "
              "s'attendait pas à ce résultat.", "Paul Durand"),
    "champion": ("Tom Durand a déclaré samedi à Londres qu'il était heureux. Le triple champion du monde a affirmé "
                 "qu'il ne s'attendait pas à gagner.", "Tom Durand"),
    "medallist": ("Tom Durand a déclaré samedi à Londres qu'il était heureux. Le double médaillé olympique a expliqué "
                  "qu'il voulait redonner espoir aux jeunes.", "Tom Durand"),
}


@pytest.fixture(scope="module")
def role_found() -> pl.DataFrame:
    import corpusling as cl

    return cl.reported(parse_texts({key: text for key, (text, _) in ROLE_GENDER.items()}))


@pytest.mark.parametrize("doc", list(ROLE_GENDER))
def test_a_role_takes_up_the_speaker_before_it(role_found: pl.DataFrame, doc: str) -> None:
    rows = role_found.filter(pl.col("doc_id") == doc).sort("start_char")
    assert rows["speaker"][-1] == ROLE_GENDER[doc][1], rows.select("text", "source", "speaker", "rule")


#: document id → (text, the source of its reported content)
PRONOMINAL = {
    "engage": ("Les inondations ont touché trois villes. Le gouvernement s'est engagé à payer une bonne partie des "
               "dégâts.", "Le gouvernement"),
    "engagee": ("Valérie Martin, dans son discours, s'est engagée à développer les transports publics.",
                "Valérie Martin"),
    "declared": ("Le tribunal de commerce de Lorient s'est déclaré incompétent pour juger les deux manifestants.",
                 "Le tribunal de commerce de Lorient"),
    "members": ("Les membres se sont engagés à agir de concert.", "Les membres"),
    # not over-firing: a true passive's subject is the one accused, no source
    "passive": ("Le ministre a été accusé de mentir aux députés.", None),
}


@pytest.fixture(scope="module")
def pronominal_found() -> pl.DataFrame:
    import corpusling as cl

    return cl.reported(parse_texts({key: text for key, (text, _) in PRONOMINAL.items()}))


@pytest.mark.parametrize("doc", list(PRONOMINAL))
def test_a_pronominal_verb_of_saying_has_its_subject_as_source(pronominal_found: pl.DataFrame, doc: str) -> None:
    rows = pronominal_found.filter(pl.col("doc_id") == doc)
    assert rows.height == 1, rows
    assert rows["source"][0] == PRONOMINAL[doc][1], rows.select("text", "source", "speaker", "rule")

"""Speakers, fifteenth session (issue 14): the speaker of a pronoun source ("« … », a-t-il dit", "il estime que"),
read on the pronoun-source errors of the development sets (set3 to set23, Wikinews). Parsed with the bundled compact
model; invented texts.

A pronoun: a person the pronoun's paragraph or the one before names in any role, an oblique one included ("de la
part de Marc Fleury", "le fils de Mme Durand"), whose gender the text shows and the pronoun agrees with, comes
before the speakers and subjects of paragraphs further back: salience decays with distance (Lappin & Leass 1994),
and agreement read from the text is evidence that a grammatical role alone is not (set22's "Ari Fleischer", set23's
"Patricia Schroeder", set18's "Laurent Wauquiez").

Reported speech: the subject of a subordinate clause comes after a personal pronoun its sentence's main verb has as
subject before it, the centre the text continues ("Il a affirmé que ce cours … Il espère que" = the person the "il"
stands for, not "ce cours": Grosz, Joshi & Weinstein 1995; Lappin & Leass 1994's non-embedding emphasis), and is no
"previous subject" then (set21's "Sarah Sanders", not "la presse").

Reported speech: a pronoun continuing the last speaker ("Il ajoute que …") continues no source left as written that
is itself a pronoun ("ceux", a first person "m'" or "J'" inside a quotation), which names nobody (set17's "Binali
Yildirim", "La mère de Pascal Troadec").

Reported speech: a relative source right after a description in apposition to a name ("Mario Joseph, l'un de ses
avocats, qui précise que …") stands for the name, the noun phrase the relative clause qualifies with its
apposition (Riegel, Pellat & Rioul 2018, ch. XVI), whatever noun of the description the parser hung it on (set11's
"Idriss Déby", set16's "Mario Joseph", set19's "Massimiliano Rebaudengo", set21's "Christine Blasey Ford").

A name: a run of capitalised words in a complement whose first word closes it ("du ministre de la Justice Alberto
Ruiz-Gallardón") holds a name only where a capitalised word follows that first word, not a particle opening a
further complement ("le procureur de la République de Clermont-Ferrand" holds none, set16's "Eric Maillaud").

Reported speech: a pronoun with no subject noun or name before it in its paragraph (outside its own content)
continues the speaker of the paragraph before too, a quotation's inverted subject included, the backward-looking
centre (Grosz, Joshi & Weinstein 1995): "« … », a déclaré M. Zaev. ¶ Il a ajouté que" (set21's "Tom Daley", set22's
"Zoran Zaev", "Hans-Peter Bartels", "Charles Czeisler").
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import assert_last_speaker, direct_quotations, quotation_row

#: document id → (text, the speaker of its last direct quotation)
RECENT_PERSONS = {
    "oblique_in_the_paragraph_before": (
        "« Nous reviendrons », a déclaré Paul Martin lundi.\n\nLe débat a duré trois heures.\n\nLe maire a parlé "
        "longtemps.\n\nLa décision a suscité des critiques de la part de Mme Claire Fleury, l'ancienne "
        "directrice.\n\n« C'est une erreur », a-t-elle écrit.", "Claire Fleury"),
    "other_in_the_paragraph_before": (
        "« Le projet avance », a affirmé Jeanne Morel au début de la réunion.\n\nLa salle était pleine.\n\nLe "
        "public a applaudi.\n\nLes élus ont remercié longuement Mme Sophie Bernard, la présidente.\n\n« Nous "
        "continuerons », a-t-elle assuré.", "Sophie Bernard"),
    # not over-firing: a speaker in the pronoun's own paragraph stays first
    "speaker_in_the_paragraph": (
        "La décision a suscité des critiques de la part de Mme Claire Fleury.\n\n« Nous verrons », a déclaré "
        "Anne Lambert. « C'est une erreur », a-t-elle ajouté.", "Anne Lambert"),
    # nor a person whose gender disagrees with the pronoun's
    "gender_disagrees": (
        "« Nous reviendrons », a déclaré Paul Martin lundi.\n\nLe débat a duré trois heures.\n\nLe maire a parlé "
        "longtemps.\n\nLa décision a suscité des critiques de la part de Mme Claire Fleury.\n\n« C'est une "
        "erreur », a-t-il écrit.", "Paul Martin"),
}


@pytest.fixture(scope="module")
def recent_found() -> pl.DataFrame:
    return direct_quotations(RECENT_PERSONS)


@pytest.mark.parametrize("doc", list(RECENT_PERSONS))
def test_a_recent_person_of_the_pronoun_gender_before_far_speakers(recent_found: pl.DataFrame, doc: str) -> None:
    row = quotation_row(recent_found, doc)
    assert row["speaker"] == RECENT_PERSONS[doc][1], row


#: document id → (text, the speaker of its last reported content)
PRONOUN_CENTRES = {
    # the sentence before opens on "Il", its main subject: the subject of its subordinate clause is no antecedent
    "embedded_under_a_pronoun": (
        "Marc Dubois, un étudiant en chimie de 19 ans, a aidé le professeur à préparer le programme.\n\nIl "
        "explique que ce cours lui a ouvert les yeux.\n\nIl espère que la prochaine étape sera plus facile.",
        "Marc Dubois"),
    # not over-firing: a main subject that is a noun phrase stays the antecedent
    "main_subject": (
        "La commission a publié son rapport lundi.\n\nElle estime que la réforme doit être revue.", "La commission"),
}


@pytest.mark.parametrize("doc", list(PRONOUN_CENTRES))
def test_a_subject_embedded_under_a_pronoun_is_no_antecedent(reported_found: pl.DataFrame, doc: str) -> None:
    assert_last_speaker(reported_found, PRONOUN_CENTRES, doc)


#: document id → (text, the speaker of its last reported content)
PRONOUNS_AS_WRITTEN = {
    # "ceux", a demonstrative left as written, is no speaker the next "il" continues
    "demonstrative": (
        "Le maire, Paul Girard, critique une attaque par un groupe de jeunes et averti que ceux impliqués dans ce « "
        "saccage » paieront « très cher ». Il ajoute également que la « mairie restera ouverte ».", "Paul Girard"),
    # nor a first person inside a quotation ("J'ai dit que …"), said by the quotation's speaker
    "first_person": (
        "La voisine de Marc a témoigné lundi. « Marc m'a pris les clés du garage ! J'ai dit que je refusais, mais il "
        "m'a dit de partir. », raconte-t-elle, ajoutant qu'il se vantait d'avoir caché l'argent en Suisse.",
        "La voisine de Marc"),
    # not over-firing: a speaker named before the pronoun is continued
    "named": (
        "Le maire, Paul Girard, critique une attaque menée par des jeunes et avertit que ceux impliqués dans ce "
        "saccage paieront cher. Il ajoute également que la mairie restera ouverte.", "Paul Girard"),
}


@pytest.mark.parametrize("doc", list(PRONOUNS_AS_WRITTEN))
def test_a_pronoun_left_as_written_is_not_continued(reported_found: pl.DataFrame, doc: str) -> None:
    assert_last_speaker(reported_found, PRONOUNS_AS_WRITTEN, doc)


#: document id → (text, the speaker of its last reported content)
APPOSED_RELATIVES = {
    # a relative after a name's apposition closed by a comma stands for the name, though the parser hangs it on the
    # last noun of the description
    "closed_apposition": (
        "Le projet inquiète des élus, comme Marc Dubois, le maire de la commune de Lyon, qui craint que la ville ne "
        "devienne une forteresse.", "Marc Dubois"),
    "title_apposition": (
        "L'inquiétude est générale à l'exception de Paul Martin, Président du Sénat et du Conseil régional, qui a "
        "rappelé que la loi était claire.", "Paul Martin"),
    # after a preposition with no comma closing it, where the tree makes the description the name's apposition
    "apposition_in_the_tree": (
        "Les auditions de Paul Martin, candidat à la mairie, et de Claire Petit, la femme qui l'accuse de l'avoir "
        "frappée, ont été suivies par des milliers de personnes.", "Claire Petit"),
    # with no comma closing it, after a verb: "…, le directeur de l'hôpital pour la région qui estime que"
    "open_apposition": (
        "« La situation est grave », a ajouté Pierre Lambert, le directeur de l'hôpital pour la Bretagne qui "
        "estime que les moyens manquent.", "Pierre Lambert"),
    # not over-firing: a description with no name before it stays itself
    "no_name": (
        "L'incendie a détruit l'usine, selon le directeur de l'entreprise, qui précise que personne n'a été "
        "blessé.", "le directeur de l'entreprise"),
}


@pytest.mark.parametrize("doc", list(APPOSED_RELATIVES))
def test_a_relative_after_an_apposition_stands_for_the_name(reported_found: pl.DataFrame, doc: str) -> None:
    assert_last_speaker(reported_found, APPOSED_RELATIVES, doc)


@pytest.mark.parametrize(("mention", "name"), [
    # a run of capitalised words in a complement whose first word closes it holds a name only where a capitalised
    # word follows that first word, not a particle opening a further complement
    ("le procureur de la République de Clermont-Ferrand", None),
    ("le maire de la Ville de Paris", None),
    # not over-firing: the description closed by a full name
    ("du ministre de la Justice Alberto Ruiz-Gallardón", "Alberto Ruiz-Gallardón"),
])
def test_a_complement_of_a_complement_is_no_name(mention: str, name: str | None) -> None:
    from corpusling.markers.speakers import name_of

    assert name_of(mention) == name


#: document id → (text, the speaker of its last reported content)
COMPLEMENT_NAMES = {
    # the description's name is the one in apposition to it, and the pronoun after continues it
    "procureur": (
        "Pour le procureur de la République de Clermont-Ferrand, Marc Dubois, il n'était pas utile de prolonger "
        "les recherches. Il estime que suffisamment d'informations ont été recueillies.", "Marc Dubois"),
}


@pytest.mark.parametrize("doc", list(COMPLEMENT_NAMES))
def test_a_pronoun_after_a_complement_of_a_complement(reported_found: pl.DataFrame, doc: str) -> None:
    assert_last_speaker(reported_found, COMPLEMENT_NAMES, doc)


#: document id → (text, the speaker of its last reported content)
PARAGRAPH_OPENERS = {
    # a pronoun opening its paragraph continues the speaker of the paragraph before, a quotation's inverted subject
    # the name-only resolver does not see
    "new_paragraph": (
        "Le vote a eu lieu dimanche.\n\n« Je pense qu'une grande majorité sera favorable », a déclaré M. Durand "
        "après avoir voté.\n\nIl a ajouté qu'un « oui » serait une confirmation de notre avenir.", "Durand"),
    # not over-firing: a paragraph that names its own subject before the pronoun keeps it
    "own_subject": (
        "Le Vatican a déclaré que ce crime était barbare.\n\nL'imam de la ville, Marc Durand, est « effaré par le "
        "décès de son ami. » Il ajoute que « c'est quelqu'un qui a donné sa vie aux autres ».", "Marc Durand"),
}


@pytest.mark.parametrize("doc", list(PARAGRAPH_OPENERS))
def test_a_pronoun_opening_its_paragraph_continues_the_last_speaker(reported_found: pl.DataFrame, doc: str) -> None:
    assert_last_speaker(reported_found, PARAGRAPH_OPENERS, doc)


@pytest.fixture(scope="module")
def reported_found() -> pl.DataFrame:
    """The reported speech of every reported-speech case of this file, parsed once as one corpus."""
    from conftest import parse_texts

    import corpusling as cl

    cases = {**PRONOUN_CENTRES, **PRONOUNS_AS_WRITTEN, **APPOSED_RELATIVES, **COMPLEMENT_NAMES, **PARAGRAPH_OPENERS}
    return cl.reported(parse_texts({key: text for key, (text, _) in cases.items()}))

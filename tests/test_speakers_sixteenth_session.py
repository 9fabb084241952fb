"""Speakers, sixteenth session (issue 14): read on the speaker errors of the development sets (set3 to set23,
Wikinews). Parsed with the bundled compact model; invented texts.

A name closing the noun phrase of a role that is a subject takes the phrase's role and gender ("Le ministre de la
Défense Antoni Macierewicz a déclaré"), but only where that noun is the first subject of its verb: a noun after a
name the parser hung on the same verb is the name's apposition, the role of the person already named, and a name
closing its complement belongs to that complement, no person: "Elisabeth Ferrell, la responsable écossaise du Bat
Conservation Trust, a encouragé … ¶ Elle a déclaré : « … »" = Elisabeth Ferrell, not the Trust (a verb has one
subject; Riegel, Pellat & Rioul 2018, ch. VII on the apposition; set23's "Elisabeth Ferrell").

Reported speech: a subject noun phrase whose noun names a time, an event, a quantity, an abstraction or a thing
("la production", "le lendemain", "ce cours", ``time_noun`` and ``non_agent_noun`` of ``reported_cues.tsv``) is no
antecedent of a pronoun that reports: no verb of saying takes one as its agent, the selectional restriction by which
Hobbs 1978 filters a pronoun's antecedents ("La production a baissé. Elle estime que" is not the production; set22's
"Toyota UK"). Nor is a source as written whose noun is one of them, a subject the parser took for one ("il avait
un temps annoncé que"), continued by a later pronoun ("…, a-t-il conclu, ajoutant avoir …": set20's "François
Fillon").

Reported speech: of the candidate sources of a content (the cue's subject, the subject of the verb it depends on,
the nearest subject-like noun…), one whose noun is a ``time_noun`` or a ``non_agent_noun`` comes after the others:
"L'Autriche et l'Allemagne … ont émis des avis négatifs sur cette suppression, craignant qu'elle ne soit que le
début de …" = the countries, not "le début" the parser hung on the participle (set9's "L'Autriche et, surtout,
l'Allemagne"); the same selectional restriction. It stays the source where it is the only one ("Le bilan indique
que").

A quotation's incise: "faire" before the infinitive of a verb of saying ("», a fait remarquer Guy Cecil,
directeur …") opens the incise as a semi-auxiliary does (``semi_auxiliary`` of ``incise_modifiers.tsv``): the
causative periphrasis whose infinitive is the verb of saying (Riegel, Pellat & Rioul 2018, ch. X–XI; set23's "Guy
Cecil"), which before left the quotation to the subject of the sentence before. (Written twice the same session, as
glue of the token incise and as a semi-auxiliary of the text's; the second kept, whose source is the name alone,
not "Guy Cecil, directeur du groupe, au journal".)

A continuation (a direct quotation with no attribution after another) continues the speaker the quotation before
was given, not that quotation's mention as written, where a later rule resolved the mention ("« … », a commenté
l'attaquant de 31 ans. ¶ « … »" = the article's topic the description restates, not "l'attaquant de 31 ans"): one
referent for both, the press convention of a continued attribution (Rosier 2008; set22's "Graham Dorrans").

A name in apposition to a description may carry its own title, a role noun after its article ("le chef
d'état-major, le général Ousman Bargie, se dise prêt"): the apposition is a titled name (Riegel, Pellat & Rioul
2018, ch. VII; set8's "Ousman Bargie"); a noun that is no person's role before the name is no title.

A name the parser ran on from a complement with its own article into the name of the person the phrase closes
("Le président des États-Unis Donald Trump", one flat name hung on "États-Unis") is the person's from its first
name on (a known first name and a capitalised word after it), of the role of the phrase's noun: a person's name
takes no article (Riegel, Pellat & Rioul 2018, ch. VII), so the run opening on one holds a place first (set13's
"Donald Trump", resolved to "États-Unis" before).

Between a description and the name in apposition to it may stand a past participle with its agent ("un médecin
local cité par AP, Herman Granados,"), as a complement or a present participle may: the participial phrase
qualifies the description (Riegel, Pellat & Rioul 2018, ch. XII; set14's "Herman Granados").

A name that is the object of a verb of saying with no subject of its own is that verb's inverted subject, a speaker
("« … », affirme Rami Abd al-Rahman"), but not when the verb is an infinitive, whose subject is its controller's
and never inverted: "Kanye West se fait désormais appeler Ye" makes Ye no speaker (Riegel, Pellat & Rioul 2018,
ch. XIII; set21's "Kanye West").

A mention opening on a capitalised word of a closed class (a demonstrative pronoun, an interrogative, a numeral, an
adverb of time or focus: ``not_name`` of ``speaker_words.tsv``) holds no name there: "Toujours selon le même
chauffeur" is the driver, not "Toujours" (set9's "le chauffeur").
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import assert_last_speaker, assert_quotation_speaker, direct_quotations

#: document id → (text, the speaker of its last direct quotation)
APPOSED_ROLES = {
    "museum": (
        "Le musée a rouvert.\n\nSophie Bernard, la directrice adjointe du Centre Pompidou, a encouragé le public à "
        "venir.\n\nElle a déclaré : « Nous avons encore beaucoup à montrer. »", "Sophie Bernard"),
    "trust": (
        "Les chauves-souris sont protégées.\n\nSophie Bernard, la responsable écossaise du Bat Conservation Trust, "
        "a encouragé le public à les aider.\n\nElle a déclaré : « Nous avons encore beaucoup à apprendre. »",
        "Sophie Bernard"),
    # not over-firing: a role first subject of its verb, closed by the name of its holder
    "name_closing_the_role": (
        "Les hérissons sont protégés.\n\nLa ministre de la Défense Sophie Bernard a encouragé le public à les "
        "aider.\n\nElle a déclaré : « Nous avons encore beaucoup à apprendre. »", "Sophie Bernard"),
}


#: document id → (text, the speaker of its last direct quotation)
CAUSATIVE_INCISES = {
    "after_a_speaker": (
        "Le vote a eu lieu lundi.\n\nSelon la presse, l'ancien président du comité, Marc Durand, a déclaré que « "
        "c'est un désordre ».\n\n« Il ne s'agit pas seulement du vote du comité. Il s'agit aussi de la manière dont "
        "ils ont géré la situation », a fait remarquer Paul Martin, directeur du groupe.", "Paul Martin"),
    "alone": (
        "Le vote a eu lieu lundi.\n\n« Il ne s'agit pas seulement du vote du comité », a fait remarquer Paul "
        "Martin, directeur du groupe.", "Paul Martin"),
}


@pytest.fixture(scope="module")
def quotes_found() -> pl.DataFrame:
    """The direct quotations of every quotation case of this file, parsed once as one corpus."""
    return direct_quotations({**APPOSED_ROLES, **CAUSATIVE_INCISES, **CONTINUED_DESCRIPTIONS, **RUN_ON_NAMES,
                              **INFINITIVE_OBJECTS})


@pytest.mark.parametrize("doc", list(CAUSATIVE_INCISES))
def test_faire_before_a_verb_of_saying_opens_an_incise(quotes_found: pl.DataFrame, doc: str) -> None:
    assert_quotation_speaker(quotes_found, CAUSATIVE_INCISES, doc)


#: document id → (text, the speaker of its last direct quotation)
CONTINUED_DESCRIPTIONS = {
    "topic_described": (
        "Football : Paul Martin sauve Lyon\n\nPaul Martin a marqué deux buts samedi face à Lens.\n\nLe match a été "
        "difficile et le public a sifflé à la mi-temps.\n\n« C'était un point positif pour nous », a commenté "
        "l'attaquant de 31 ans.\n\n« Nous sommes entrés dans le jeu en pensant obtenir quelque chose. »",
        "Paul Martin"),
    # not over-firing: a continuation of a named speaker keeps that name
    "named": (
        "Le match a été difficile.\n\n« C'était un point positif pour nous », a commenté Paul Martin.\n\n« Nous "
        "sommes entrés dans le jeu en pensant obtenir quelque chose. »", "Paul Martin"),
}


@pytest.mark.parametrize("doc", list(CONTINUED_DESCRIPTIONS))
def test_a_continuation_continues_the_resolved_speaker(quotes_found: pl.DataFrame, doc: str) -> None:
    assert_quotation_speaker(quotes_found, CONTINUED_DESCRIPTIONS, doc)


#: document id → (text, the speaker of its last direct quotation)
RUN_ON_NAMES = {
    "country_and_person": (
        "Les juges ont suspendu le décret.\n\nLe président des États-Unis Robert Smith a immédiatement réagi sur "
        "Twitter : « On se voit au tribunal ! », a-t-il écrit.", "Robert Smith"),
    # the article contracted with its preposition ("du Mexique")
    "contracted_article": (
        "Les juges ont suspendu le décret.\n\nLe président du Mexique Carlos Vega a immédiatement réagi sur "
        "Twitter : « On se voit au tribunal ! », a-t-il écrit.", "Carlos Vega"),
}


@pytest.mark.parametrize("doc", list(RUN_ON_NAMES))
def test_a_person_named_after_a_determined_complement(quotes_found: pl.DataFrame, doc: str) -> None:
    assert_quotation_speaker(quotes_found, RUN_ON_NAMES, doc)


#: document id → (text, the speaker of its last direct quotation)
INFINITIVE_OBJECTS = {
    "called": (
        "Paul Martin : le rappeur change son nom\n\nLe rappeur Paul Martin se fait désormais appeler Pablo.\n\nPour "
        "annoncer la nouvelle sur Twitter samedi, il a écrit : « Anciennement connu sous le nom de Paul Martin. »",
        "Paul Martin"),
}


@pytest.mark.parametrize("doc", list(INFINITIVE_OBJECTS))
def test_the_object_of_an_infinitive_of_saying_is_no_speaker(quotes_found: pl.DataFrame, doc: str) -> None:
    assert_quotation_speaker(quotes_found, INFINITIVE_OBJECTS, doc)


@pytest.mark.parametrize("doc", list(APPOSED_ROLES))
def test_a_name_closing_a_role_apposed_to_a_name_is_no_person(quotes_found: pl.DataFrame, doc: str) -> None:
    assert_quotation_speaker(quotes_found, APPOSED_ROLES, doc)


#: document id → (text, the speaker of its last reported content)
NON_AGENTS = {
    "production": (
        "La direction de l'usine a présenté ses comptes lundi. La production a baissé de 10 % en un an. Elle estime "
        "que la demande reprendra bientôt.", "La direction de l'usine"),
    # not over-firing: a subject that may speak stays the antecedent
    "direction": (
        "Les ouvriers ont manifesté lundi. La direction de l'usine a baissé les salaires. Elle estime que la demande "
        "reprendra bientôt.", "La direction de l'usine"),
    "source_as_written": (
        "Paul Martin a parlé lundi.\n\nIl a précisé qu'il se rendra à la convocation des juges, alors qu'il avait un "
        "temps annoncé qu'il se retirerait. Il a aussi dénoncé un « assassinat politique ».\n\n« Je le "
        "démontrerai », a-t-il conclu, ajoutant avoir le sentiment de ne pas être traité comme les autres.",
        "Paul Martin"),
}


@pytest.fixture(scope="module")
def reported_found() -> pl.DataFrame:
    """The reported speech of every reported-speech case of this file, parsed once as one corpus."""
    from conftest import parse_texts

    import corpusling as cl

    cases = {**NON_AGENTS, **DEMOTED_SOURCES, **APPOSED_NAMES}
    return cl.reported(parse_texts({key: text for key, (text, _) in cases.items()}))


@pytest.mark.parametrize("doc", list(NON_AGENTS))
def test_a_noun_that_cannot_speak_is_no_antecedent(reported_found: pl.DataFrame, doc: str) -> None:
    assert_last_speaker(reported_found, NON_AGENTS, doc)


#: document id → (text, the start of the speaker of its last reported content)
DEMOTED_SOURCES = {
    "countries": (
        "La suppression du billet de 500 euros a été décidée mercredi. L'Autriche et, surtout, l'Allemagne, qui "
        "était à l'origine de la création de ce billet, ont d'ores et déjà émis des avis négatifs sur cette "
        "suppression, craignant qu'elle ne soit que le début de la disparition de la monnaie.", "L'Autriche"),
    # not over-firing: the only candidate stays the source
    "only_candidate": (
        "L'incendie a ravagé le quartier lundi. Le bilan indique que vingt personnes sont mortes.", "Le bilan"),
}


@pytest.mark.parametrize("doc", list(DEMOTED_SOURCES))
def test_a_source_that_cannot_speak_comes_after_the_others(reported_found: pl.DataFrame, doc: str) -> None:
    rows = reported_found.filter(pl.col("doc_id") == doc).sort("start_char")
    assert rows.height >= 1, rows
    assert rows["speaker"][-1].startswith(DEMOTED_SOURCES[doc][1]), rows.select("text", "source", "speaker", "rule")


@pytest.mark.parametrize(("before", "after", "name"), [
    # a titled name in apposition
    ("et que ", ", le général Paul Martin, se dise prêt à collaborer.", "Paul Martin"),
    ("et que ", ", Paul Martin, se dise prêt à collaborer.", "Paul Martin"),
    # not over-firing: a noun that is no person's role
    ("et que ", ", la ville Paris, se dise prête à collaborer.", None),
    # a name apposed after a participle and its agent
    ("Selon ", " cité par l'AFP, Paul Martin, les hôpitaux manquent de sang.", "Paul Martin"),
    # not over-firing: a clause after the comma is no apposition
    ("Selon ", " cité par l'AFP, les hôpitaux manquent de sang.", None),
])
def test_a_name_in_apposition(before: str, after: str, name: str | None) -> None:
    from corpusling.markers.speakers import apposed_name

    assert apposed_name(before, after) == name


#: document id → (text, the speaker of its last reported content)
APPOSED_NAMES = {
    # a description with a titled name apposed
    "general": (
        "L'armée demeure une menace, bien que ses chefs aient quitté le pays et que le chef d'état-major, le général "
        "Paul Martin, se dise prêt à collaborer.", "Paul Martin"),
    # a description with a name after its participle and the participle's agent
    "cited_by": (
        "Les pluies ont coupé les routes. Selon un médecin local cité par l'AFP, Paul Martin, les hôpitaux manquent "
        "de sang et de médicaments.", "Paul Martin"),
}


@pytest.mark.parametrize("doc", list(APPOSED_NAMES))
def test_a_description_with_a_name_apposed(reported_found: pl.DataFrame, doc: str) -> None:
    assert_last_speaker(reported_found, APPOSED_NAMES, doc)


@pytest.mark.parametrize(("mention", "name"), [
    ("Toujours selon le même chauffeur", None),
    ("Deux jours plus tard", None),
    ("Quel bonheur", None),
    ("Cela", None),
    # not over-firing: names stay names
    ("Toujours selon Paul Martin", "Paul Martin"),
    ("le président Obama", "Obama"),
])
def test_a_capitalised_function_word_is_no_name(mention: str, name: str | None) -> None:
    from corpusling.markers.speakers import name_of

    assert name_of(mention) == name

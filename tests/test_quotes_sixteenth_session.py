"""Quotation sources, sixteenth session (issue 14): an incise whose verb of saying is the infinitive of a causative
*faire* ("», a fait remarquer Guy Cecil", "», fait valoir l'avocat"). Riegel, Pellat & Rioul (2018, ch. X) count the
factitive *faire* among the semi-auxiliaries; its subject is the speaker, inverted after the infinitive as after
"», a tenu à préciser le ministre". Written on set23's error (development: "a fait remarquer Guy Cecil"); invented
texts parsed with the bundled compact model. Before, none of these quotations had a source.

Two more readings of an incise, from a battery of attribution constructions of the French press written from the
grammar (no development error had them): the subject of an incise is inverted (Riegel et al. 2018, ch. XXIII), so a
"nous" or "vous" before its verb is its indirect object ("« … », nous a confié le maire"; before, the source was
"nous"); and a preposition of a short phrase between the verb and its inverted subject is a whole word ("a dit aux
journalistes le porte-parole X": "au" matched the start of "aux" before, and the source was lost).

And a description the article wrote elsewhere in apposition to a name ("Jean Dupont, l'entraîneur du club, …" … "«
… », a commenté l'entraîneur") is that name even when its article is elided: "l'entraîneur" counts two words as "le
porte-parole" did (the ``repeated description`` of :mod:`corpusling.markers.speakers`); a longer word that starts
with it ("l'entraîneuse") is no occurrence of it.

An inverted clitic after the incise's auxiliary marks the inversion as one after its verb does ("« … », a-t-il
tempêté", a verb of no lexicon; "« Nous partons, a-t-il déclaré, et … »" between the marks): before, only a clitic
after the verb counted (development: one quotation kind more right, set13)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

#: The cases, by what they check: the quotation's ``source`` as written or its resolved ``speaker``; each document id
#: → (text, the expected value for its last direct quotation).
CAUSATIVE_INCISES = {
    "fait_remarquer_name": ("« Il ne s'agit pas seulement du vote du comité », a fait remarquer Guy Cecil, directeur "
                            "du groupe, au journal télévisé.", "Guy Cecil"),
    "fait_savoir_description": ("« Nous ne céderons pas », a fait savoir le ministre.", "le ministre"),
    "fait_valoir_description": ("« La loi est claire », a fait valoir l'avocat de la famille.",
                                "l'avocat de la famille"),
    "fait_observer_present": ("« C'est une erreur », fait observer Marie Dupont.", "Marie Dupont"),
    "inverted_clitic": ("« C'est une erreur », a-t-il fait remarquer.", "il"),
}
INVERTED_SUBJECTS = {
    "nous_before_the_verb": ("« Nous ne reculerons pas », nous a confié le maire de la commune.",
                             "le maire de la commune"),
    "nous_and_a_name": ("« Nous ne reculerons pas », nous explique Paul Martin.", "Paul Martin"),
    "nous_and_an_inverted_clitic": ("« Nous ne reculerons pas », nous a-t-il confié.", "il"),
    "vous_before_the_verb": ("« Nous ne reculerons pas », vous dira Paul Martin.", "Paul Martin"),
    "aux_before_the_subject": ("« Nous ne reculerons pas », a dit aux journalistes le porte-parole Paul Martin.",
                               "le porte-parole Paul Martin"),
    # not over-firing: an object clitic that is no subject pronoun was never the source
    "lui_before_the_verb": ("« Nous ne reculerons pas », lui a répondu Paul Martin.", "Paul Martin"),
}
#: (the speaker)
REPEATED_DESCRIPTIONS = {
    # a description with an elided article, written elsewhere in apposition to a name, after it
    "elided_article_after_the_name": ("Jean Dupont, l'entraîneur du club, était satisfait.\n\n« Les joueurs ont tout "
                                      "donné », a commenté l'entraîneur.", "Jean Dupont"),
    # as two words were before: "le porte-parole"
    "two_words_before_the_name": ("Le porte-parole du syndicat, Paul Martin, a parlé mardi.\n\n« Nous ne reculerons "
                                  "pas », a déclaré le porte-parole.", "Paul Martin"),
    # not over-firing: a longer noun that only starts with the description's ("l'entraîneuse") is another word
    "longer_noun": ("Marie Leroy, l'entraîneuse du club, était satisfaite.\n\nLe match a été long.\n\n« Les joueurs "
                    "ont tout donné », a commenté l'entraîneur.", "l'entraîneur"),
}
AUXILIARY_CLITICS = {
    # an incise of any verb, inverted: the clitic after its auxiliary shows the inversion as one after the verb does
    "open_incise_compound": ("« Nous ne reculerons pas », a-t-il tempêté.", "il"),
    "open_incise_compound_then_phrase": ("« Nous ne reculerons pas », a-t-elle rigolé devant la presse.", "elle"),
    # an incise between the marks, in a compound tense
    "inside_compound": ("« Nous partons, a-t-il déclaré, et nous reviendrons bientôt. »", "il"),
}
#: "scander" (to chant a slogan) says its object: a quotation right after it is direct, its subject the speaker (the
#: gold policy: "as the object of a verb of saying ('crier Allah')"; set22's "qui scandaient « ni oubli, ni
#: pardon »", development direct speakers 658 -> 659 of 767)
CHANTED_SLOGANS = {
    "slogan": ("Les manifestants ont scandé « Macron, démission ! » devant la préfecture.", "Les manifestants"),
}
#: (cases, the column they check)
CHECKS = [(CAUSATIVE_INCISES, "source"), (INVERTED_SUBJECTS, "source"), (REPEATED_DESCRIPTIONS, "speaker"),
          (AUXILIARY_CLITICS, "source"), (CHANTED_SLOGANS, "speaker")]


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    """The direct quotations of every case of this file, parsed once as one corpus."""
    return direct_quotations({doc: case for cases, _ in CHECKS for doc, case in cases.items()})


@pytest.mark.parametrize("doc, column, expected",
                         [(doc, column, expected) for cases, column in CHECKS for doc, (_, expected) in cases.items()])
def test_source_or_speaker(found: pl.DataFrame, doc: str, column: str, expected: str) -> None:
    row = quotation_row(found, doc)
    assert row[column] == expected, row
    if doc in CHANTED_SLOGANS:
        assert row["kind"] == "direct", row

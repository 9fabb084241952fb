"""Reported speech, sixteenth session (issue 14): incises after the clause they attribute whose inverted subject the
parser missed, from a battery of attribution constructions of the French press written from the grammar (Riegel,
Pellat & Rioul 2018, ch. XXIII: the subject of an incise is inverted after its verb).

* An object clitic before the incise's verb is part of the incise ("…, nous a confié X", "…, lui a répondu X"): the
  incise then opens right after the comma, as it does after an auxiliary or an adverb. Before, the word before the
  incise was the clitic, not the comma, and no incise was found.
* A name the parser hung, with no preposition, on an oblique after a verb that has no subject ("…, a dit aux
  journalistes le porte-parole X") is no complement of the oblique's noun (a noun's complement has a preposition;
  ch. VII): it is the incise's inverted subject, where a punctuation mark closes it. Not where the verb has a subject
  or the name goes on ("X, …, a demandé aux sénateurs John Kennedy et Lindsey Graham si …"; set10, set21).

Invented texts parsed with the bundled compact model; the first three found nothing before. Development: reported
speakers 1,312 → 1,313 of 1,563, nothing else moved."""

from __future__ import annotations

import polars as pl
import pytest

#: document id → (text, (cue, source, speaker) of its reported content; None: no incise)
INCISES = {
    "nous_before_the_verb": ("Le syndicat ne reculera pas, nous a confié Paul Martin.",
                             ("confier", "Paul Martin", "Paul Martin")),
    "lui_before_the_verb": ("Le syndicat ne reculera pas, lui a répondu Paul Martin.",
                            ("répondre", "Paul Martin", "Paul Martin")),
    "subject_on_an_oblique": ("Le syndicat ne reculera pas, a dit aux journalistes le porte-parole Paul Martin.",
                              ("dire", "le porte-parole Paul Martin", "Paul Martin")),
    # not over-firing: a verb with its subject before it, the name the oblique's apposition
    "apposition_of_an_oblique": ("Dans un entretien diffusé dimanche, Scott Pelley, le correspondant de l'émission, a "
                                 "demandé aux sénateurs républicains John Kennedy et Lindsey Graham si le FBI "
                                 "enquêtait.", None),
    # nor a relative pronoun before the verb, nor the clitic of a relative clause
    "clitic_in_a_relative": ("Le maire, qui nous a reçus mardi, a affirmé que la route resterait fermée.", None),
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    from conftest import parse_texts

    import corpusling as cl

    return cl.reported(parse_texts({key: text for key, (text, _) in INCISES.items()}))


@pytest.mark.parametrize("doc", list(INCISES))
def test_incise_with_an_inverted_subject(found: pl.DataFrame, doc: str) -> None:
    incises = found.filter((pl.col("doc_id") == doc) & (pl.col("kind") == "incise"))
    expected = INCISES[doc][1]
    if expected is None:
        assert incises.height == 0, incises.select("text", "cue", "source", "rule")
    else:
        assert incises.select("cue", "source", "speaker").rows() == [expected], incises

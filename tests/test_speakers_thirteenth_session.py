"""Speakers, thirteenth session (issue 14): where paragraphs are single sentences (agency copy, translated news),
the subject of the paragraph right before a pronoun's is its antecedent before the article's earlier speakers
(centering's preferred centre of the utterance before: Grosz, Joshi & Weinstein 1995): "Omar Navarro … a publié un
message. ¶ « … », a-t-il écrit" is Omar Navarro, not the man quoted two paragraphs up (set22's error, released). A
woman as that subject leaves "il" to the man before. A quotation whose verb of saying has its subject elided (a
gerund, a coordinated verb) is said by the speaker of the quotation before it in the sentence (set22's "Michael Vann
a confié qu'il se sentait « … » et ajouté que « … »", set19's "a déclaré … Theresa May, en ajoutant qu'« … »"; mixed
quotations, whose speakers the gold figures do not score). In reported speech, an organisation's noun with no name near
it ("La compagnie aérienne affirme") takes up the body the headline makes speak. Parsed with the bundled compact
model; invented texts."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

#: document id → (text, the speaker of its last direct quotation)
CASES = {
    "previous_subject": ("« Je suis innocent », a déclaré Brett Kavanaugh devant la commission.\n\nLe sénateur Paul "
                         "Martin a interrogé la députée.\n\nOmar Navarro, un candidat républicain, a aussi publié un "
                         "message sur Twitter.\n\n« Si c'est vrai, c'est énorme », a-t-il écrit.", "Omar Navarro"),
    # not over-firing: the subject before is a woman, "il" takes up the man quoted before her
    "previous_subject_of_another_gender": ("« Je suis innocent », a déclaré Brett Kavanaugh devant la commission.\n\n"
                                           "Christine Lambert, une candidate républicaine, a aussi publié un message "
                                           "sur Twitter.\n\n« Il doit s'expliquer », a-t-il écrit.", "Brett Kavanaugh"),
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    return direct_quotations(CASES)


@pytest.mark.parametrize("doc", list(CASES))
def test_the_pronoun_takes_up_the_subject_of_the_paragraph_before(found: pl.DataFrame, doc: str) -> None:
    assert quotation_row(found, doc)["speaker"] == CASES[doc][1]


#: document id → (text, the speaker of its second quotation)
SAME_SENTENCE = {
    "gerund": ("« Nous travaillons sur tous les détails », a déclaré la ministre Claire Dubois, en ajoutant qu'il "
               "s'agissait d'« une attaque épouvantable ».", "Claire Dubois"),
    "coordinated": ("Paul Martin a confié qu'il se sentait « très honoré » et ajouté que « le courage se voit dans le "
                    "soutien des gens ».", "Paul Martin"),
    # not over-firing: a sentence end between them, and the second quotation has no verb of saying
    "next_sentence": ("« Nous travaillons sur tous les détails », a déclaré la ministre Claire Dubois. Le quartier "
                      "reste sous « haute surveillance ».", None),
}


def test_an_elided_subject_is_the_speaker_before_in_the_sentence() -> None:
    from conftest import parse_texts

    import corpusling as cl

    corpus = parse_texts({key: text for key, (text, _) in SAME_SENTENCE.items()})
    found = cl.quotes(corpus).sort("doc_id", "start_char")
    for doc, (_, speaker) in SAME_SENTENCE.items():
        rows = found.filter(pl.col("doc_id") == doc)
        assert rows.height == 2, rows
        assert rows["speaker"][1] == speaker, (doc, rows.select("text", "speaker", "rule"))


#: An organisation's noun with no name near it takes up the body the headline makes speak and the body names again
#: (set22's "La compagnie aérienne affirme" under "Air Niugini déclare …"), in reported speech.
HEADLINE_BODY = ("Qantas déclare qu'un passager a disparu après l'accident\n\nUn avion de ligne s'est écrasé samedi "
                 "dans la lagune.\n\nLes secours sont arrivés rapidement sur place.\n\nLa compagnie aérienne affirme "
                 "que six passagers se trouvent toujours à l'hôpital.\n\nQantas a précisé que l'avion avait été "
                 "remorqué.")


def test_an_organisation_noun_takes_up_the_body_the_headline_makes_speak() -> None:
    from conftest import parse_texts

    import corpusling as cl

    rows = cl.reported(parse_texts({"body": HEADLINE_BODY}))
    described = rows.filter(pl.col("source") == "La compagnie aérienne")
    assert described["speaker"].to_list() == ["Qantas"], rows.select("source", "speaker", "rule")

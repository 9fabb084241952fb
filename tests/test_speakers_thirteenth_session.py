"""Speakers, thirteenth session (issue 14): where paragraphs are single sentences (agency copy, translated news),
the subject of the paragraph right before a pronoun's is its antecedent before the article's earlier speakers
(centering's preferred centre of the utterance before: Grosz, Joshi & Weinstein 1995): "Omar Navarro … a publié un
message. ¶ « … », a-t-il écrit" is Omar Navarro, not the man quoted two paragraphs up (set22's error, released). A
woman as that subject leaves "il" to the man before. Parsed with the bundled compact model; invented texts."""

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

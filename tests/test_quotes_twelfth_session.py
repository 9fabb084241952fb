"""Quotation spans, twelfth session: a quotation of several sentences in a text whose lines are sentences (NTREX-128's
translated news, set21's recurring decision 1) runs from its « to its », the lines between having no reopening
mark; a writer's unbalanced mark still closes at the end of its paragraph when no closing mark of its own follows."""

from __future__ import annotations

from corpusling.markers.quotes import scan_text


def _items(text: str) -> list[tuple[str, bool]]:
    return [(text[start:end], unbalanced) for start, end, _, unbalanced, _ in scan_text(text)]


def test_a_quotation_over_sentence_lines_is_one_item() -> None:
    text = "Titre\n\n« Nous avons gagné.\n\nLe public était là.\n\nMerci à tous », a-t-il dit.\n\nFin."
    assert _items(text) == [("« Nous avons gagné.\n\nLe public était là.\n\nMerci à tous »", False)]


def test_a_nested_pair_between_does_not_stop_it() -> None:
    text = "« Il m'a dit « non ».\n\nPuis il est parti », raconte-t-elle."
    assert _items(text) == [("« Il m'a dit « non ».\n\nPuis il est parti »", False), ("« non »", False)]


def test_an_unbalanced_mark_with_no_closing_mark_of_its_own_closes_at_its_paragraph() -> None:
    text = "Il a parlé de « réformes.\n\nLe texte sera « voté » demain."
    assert _items(text) == [("« réformes.", True), ("« voté »", False)]


def test_the_french_continuation_still_reads_the_reopening_mark() -> None:
    text = "« Premier paragraphe.\n\n« Second paragraphe. »"
    assert [unbalanced for _, unbalanced in _items(text)] == [False]

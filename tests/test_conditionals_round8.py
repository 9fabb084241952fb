"""Conditional classes, eighth round (issue 14): the rules written on the errors that recur across set7 to
set11, tested on sentences parsed with the bundled compact model (invented sentences of the same kinds, not
the gold's)."""

from __future__ import annotations

import polars as pl
import pytest

from corpusling.markers import conditional

#: (sentence, conditional's form, class, rule): one sentence per paragraph of the parsed text.
CASES = [
    # a pronoun standing for the situation just described, as the subject of a present conditional in a main
    # clause: the consequence or worth of that situation as inferred, hypothetical (set7, set9, set11)
    ("Le budget baisse de deux milliards. Cela représenterait donc une perte de mille emplois.", "représenterait",
     "hypothetical", "situation_pronoun_subject"),
    ("Le gouvernement veut vendre le port. Ce serait la seule façon de payer la dette.", "serait",
     "hypothetical", "situation_pronoun_subject"),
    # ... a noun subject there stays reportive (the journalistic conditional), and so does a past conditional
    ("Le suspect serait un ancien employé de la banque.", "serait", "reportive", "unmarked"),
    ("Cela aurait provoqué la colère des habitants.", "aurait", "reportive", "past_conditional"),
]

#: The rules of this round (the cases of the other rules show that the new ones do not over-fire).
NEW_RULES = ("situation_pronoun_subject",)


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a ParsedCorpus
    from corpusling.api import parse, read

    path = tmp_path_factory.mktemp("conditionals_round8") / "sentences.txt"
    path.write_text("\n\n".join(sentence for sentence, *_ in CASES) + "\n", encoding="utf-8")
    return parse(read([path]), model="compact")


def _row(found: pl.DataFrame, sentence: str, form: str) -> dict:
    rows = found.filter(pl.lit(sentence).str.contains(pl.col("sentence").str.strip_chars(), literal=True)
                        & (pl.col("form") == form))
    assert rows.height == 1, (sentence, form, found.select("form", "sentence"))
    return rows.row(0, named=True)


@pytest.mark.parametrize("sentence, form, expected_class, expected_rule", CASES,
                         ids=[f"{rule}:{form}" for _, form, _, rule in CASES])
def test_class_and_rule(parsed, sentence: str, form: str, expected_class: str, expected_rule: str) -> None:
    row = _row(conditional.conditionals(parsed.tokens, parsed.documents), sentence, form)
    assert (row["class"], row["rule"]) == (expected_class, expected_rule)


@pytest.mark.parametrize("sentence, form, expected_class, expected_rule",
                         [case for case in CASES if case[3] in NEW_RULES],
                         ids=[f"{rule}:{form}" for _, form, _, rule in CASES if rule in NEW_RULES])
def test_without_the_rule_the_class_changes(parsed, monkeypatch: pytest.MonkeyPatch, sentence: str, form: str,
                                            expected_class: str, expected_rule: str) -> None:
    table = conditional.rules()
    monkeypatch.setattr(conditional, "rules", lambda: [rule for rule in table if rule[0] != expected_rule])
    row = _row(conditional.conditionals(parsed.tokens, parsed.documents), sentence, form)
    assert row["class"] != expected_class, row["rule"]

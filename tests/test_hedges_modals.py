"""Epistemic pouvoir / devoir told from root readings (``hedge_modals.MODAL_RULES``) on sentences parsed with the
bundled model: the rule that decides each modal and the hedge it gives, or not (the guide's §3; issue 14)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_paragraphs

#: sentence → (the modal's form, the deciding rule, epistemic)
CASES: dict[str, tuple[str, str, bool]] = {
    # a negated pouvoir outside the conditional denies an ability (a thing's future pouvoir is otherwise epistemic)
    "Le réseau ne pourra pas absorber une telle hausse du trafic.": ("pourra", "pouvoir_negated", False),
    # a past conditional in a relative clause with its subject inverted: "might have" (not a counterfactual)
    "Les enquêteurs cherchent l'arme qu'aurait pu utiliser le suspect.": ("pu", "past_conditional_relative", True),
    # "ce qui" stands for the event before it, which cannot act
    "Le gel a duré une semaine, ce qui a pu retarder les semis.": ("pu", "pouvoir_proposition", True),
    # a thing's present pouvoir + être + attribute: a possibility
    "Cette hausse des prix peut être la conséquence de la sécheresse.": ("peut", "pouvoir_thing_copula", True),
    # the modal inside the si-clause is part of the condition, not its consequence…
    "Si la banque estime que sa note devrait baisser, elle vendra ses titres.": ("devrait", "conditional", True),
    # …while after it, devoir under a condition is a necessity
    "Si le temps le permet, la récolte devrait commencer lundi.": ("devrait", "devoir_under_condition", False),
    # the infinitive the parser did not attach to the modal ("devrait, selon la NASA, être lancée")
    "La sonde, qui devrait, selon la NASA, être lancée en mars, est prête.": ("devrait", "conditional", True),
    # "tout le monde" names people: an agent, so pouvoir is root
    "Tout le monde pourra consulter le registre.": ("pourra", "root", False),
    # the clause the modal heads: in a si-clause it is part of a supposition (a thing's imperfect pouvoir is
    # otherwise epistemic)…
    "Si le vaccin pouvait freiner l'épidémie, les hôpitaux respireraient.": ("pouvait", "in_si_clause", False),
    # …in a relative clause it says what a thing is able to do…
    "Le musée présente un tableau dont la couleur pourra changer avec la lumière.":
        ("pourra", "pouvoir_thing_relative", False),
    # …and after a verb of wishing it is the ability wished for
    "La direction espère que la nouvelle usine pourra ouvrir en mars.": ("pourra", "pouvoir_wished", False),
    # a thing's future pouvoir in the main clause stays a possibility
    "Dans le Var, les rafales pourront atteindre 120 km/h.": ("pourront", "pouvoir_thing", True),
}


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a ParsedCorpus
    return parse_paragraphs(tmp_path_factory.mktemp("modals"), list(CASES))


def _sentence_rows(frame: pl.DataFrame, parsed, sentence: str) -> pl.DataFrame:  # noqa: ANN001
    text = parsed.documents["text"][0]
    start = text.index(sentence)
    return frame.filter((pl.col("start_char") >= start) & (pl.col("end_char") <= start + len(sentence)))


@pytest.mark.parametrize("sentence", list(CASES))
def test_the_deciding_rule_and_the_hedge(parsed, sentence: str) -> None:  # noqa: ANN001
    from corpusling.markers.hedge_modals import modal_readings
    from corpusling.markers.hedges import hedges

    form, rule, epistemic = CASES[sentence]
    readings = _sentence_rows(modal_readings(parsed.tokens), parsed, sentence)
    assert readings.select("form", "rule", "epistemic").rows() == [(form, rule, epistemic)]
    found = _sentence_rows(hedges(parsed.tokens, parsed.documents), parsed, sentence).filter(
        pl.col("category") == "epistemic_verb")
    expected = [(form, f"rule: epistemic modal ({rule})")] if epistemic else []
    assert found.select(pl.col("match").str.split(" ").list.last(), "entry").rows() == expected


def test_features_behind_the_rules(parsed) -> None:  # noqa: ANN001
    from corpusling.markers.hedge_modals import MODAL_RULES, modal_readings

    readings = modal_readings(parsed.tokens)
    by_rule = {row["rule"]: row for row in readings.iter_rows(named=True)}
    assert by_rule["pouvoir_negated"]["negated"] and by_rule["past_conditional_relative"]["relative"]
    assert by_rule["pouvoir_proposition"]["subject"] == "proposition"
    assert by_rule["root"]["subject"] == "agent"  # tout le monde
    detached = _sentence_rows(readings, parsed, "La sonde, qui devrait, selon la NASA, être lancée en mars, est prête.")
    assert detached["complement"].to_list() == ["passive"]
    names = [r.name for r in MODAL_RULES]
    assert names.index("pouvoir_negated") < names.index("pouvoir_thing")
    assert names.index("past_conditional_relative") < names.index("counterfactual")
    assert by_rule["in_si_clause"]["clause"] == "si" and by_rule["pouvoir_thing_relative"]["clause"] == "relative"
    assert by_rule["pouvoir_wished"]["clause"] == "wish" and by_rule["pouvoir_thing"]["clause"] == "other"
    assert max(names.index(n) for n in ("in_si_clause", "pouvoir_thing_relative", "pouvoir_wished")) \
        < names.index("pouvoir_thing")

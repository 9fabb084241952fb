"""The evidence table of the conditional rules and the learned classifier applied at run time (issue 14, fourth
round): sentences parsed with the bundled compact model; the dot product and argmax on a small weights file."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from corpusling.errors import LexiconError
from corpusling.markers import conditional, conditional_model

SENTENCES = [
    "Selon la police, le suspect aurait fui vers la frontière.",
    "Si les États avaient adopté cette limite, des centaines de vies auraient été sauvées.",
    "Je voudrais remercier les bénévoles.",
    "Il avait annoncé qu'il démissionnerait en mars.",
]


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a ParsedCorpus
    from corpusling.api import parse, read

    path = tmp_path_factory.mktemp("conditional_model") / "sentences.txt"
    path.write_text("\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    return parse(read([path]), model="compact")


def test_evidence_has_one_row_per_conditional_with_the_deciding_rule_true(parsed) -> None:
    found = conditional.conditionals(parsed.tokens, parsed.documents)
    table = conditional.evidence(parsed.tokens, parsed.documents)
    assert table.height == found.height == len(SENTENCES)
    assert table["rule"].to_list() == found["rule"].to_list()
    assert table["class"].to_list() == found["class"].to_list()
    for row in table.iter_rows(named=True):
        assert row[f"cue_{row['rule']}"], row  # the rule that decided holds
        assert row[f"rule_class_{row['class']}"] and sum(row[f"rule_class_{c}"] for c in conditional.CLASSES) == 1
    by_rule = dict(zip(table["rule"], table.iter_rows(named=True), strict=True))
    assert by_rule["source_marker"]["source_in_sentence"] and by_rule["source_marker"]["compound"]
    assert by_rule["desire_verb"]["first_person"]
    assert by_rule["si_imperfect"]["si_in_sentence"] and by_rule["si_imperfect"]["cue_unmarked"]
    assert set(conditional.EVIDENCE) <= set(table.columns)


def test_the_shipped_weights_name_only_evidence_columns(parsed) -> None:
    classes, table = conditional_model.weights()
    assert set(classes) <= set(conditional.CLASSES)
    columns = set(conditional.evidence(parsed.tokens, parsed.documents).columns)
    assert set(table) - {"(intercept)"} <= columns


def test_the_model_decides_with_its_top_features_in_rule(parsed) -> None:
    by_rules = conditional.conditionals(parsed.tokens, parsed.documents)
    by_model = conditional.conditionals(parsed.tokens, parsed.documents, classes="model")
    assert by_model.columns == conditional.COLUMNS
    assert by_model["start_char"].to_list() == by_rules["start_char"].to_list()
    assert by_model["rule"].str.starts_with("model: ").all()
    assert set(by_model["class"]) <= set(conditional.CLASSES)
    # clear cases the model and the rules agree on
    assert by_model["class"].to_list() == ["reportive", "hypothetical", "politeness_desire", "future_in_past"]


def test_classes_must_be_rules_or_model(parsed) -> None:
    with pytest.raises(ValueError, match="one of rules, model, not 'learned'"):
        conditional.conditionals(parsed.tokens, parsed.documents, classes="learned")


@pytest.fixture
def toy_weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - the weights path
    path = tmp_path / "weights.tsv"
    monkeypatch.setattr(conditional_model, "WEIGHTS", path)
    conditional_model.weights.cache_clear()
    yield path
    conditional_model.weights.cache_clear()


def test_decide_is_an_argmax_of_dot_products(toy_weights: Path) -> None:
    toy_weights.write_text("feature\treportive\thypothetical\n(intercept)\t0.5\t0\n"
                           "cue_si\t-1\t2\ncompound\t1\t-0.5\nin_quote\t0.1\t0.2\n", encoding="utf-8")
    evidence = pl.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [1, 2, 1], "start_char": [0, 10, 0],
                             "cue_si": [True, False, True], "compound": [False, True, True],
                             "in_quote": [None, True, False]})
    decided = conditional_model.decide(evidence)
    # scores: (0.5-1, 2) → hypothetical; (0.5+1+0.1, -0.5+0.2) → reportive; (0.5, 1.5) → hypothetical
    assert decided["class"].to_list() == ["hypothetical", "reportive", "hypothetical"]
    assert decided["rule"].to_list() == ["model: cue_si", "model: compound, in_quote", "model: cue_si"]


def test_a_malformed_weights_file_names_the_problem(toy_weights: Path) -> None:
    toy_weights.write_text("feature\treportive\thypothetical\n(intercept)\t0.5\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="1 weights for 2 classes"):
        conditional_model.weights()

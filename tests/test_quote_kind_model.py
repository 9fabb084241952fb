"""The learned classifier of quotation kinds (issue 14, eighth round): the evidence as features, the weights file,
the dot product and argmax at run time and the hybrid decider made the default (sentences parsed with the
bundled compact model)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from corpusling.errors import LexiconError
from corpusling.markers import quote_kind_model
from corpusling.markers.attribution import DEFAULT_KINDS, kind_evidence, kind_features, kind_rules
from corpusling.markers.quotes import add_nesting, add_word_counts, quote_spans, quotes

TEXTS = {
    # the speaker's words as the object of his verb: gold-like "mixed", the rules' "short" says scare
    "object": "François Hollande, en visite à Romorantin, a exprimé « la solidarité de la Nation » et salué le "
              "travail des secours.",
    # words in a sentence "Selon X," attributes: X's words, mixed (the rules' "named" says scare)
    "selon": "Selon le président français, ce prêt inattendu marque « un nouveau chapitre » dans les relations "
             "entre les deux pays.",
    # the title of a book: scare (the rules' "embedded" says mixed)
    "title": "Fillon a formulé ces accusations en s'appuyant sur le livre « Bienvenue Place Beauvau », écrit par "
             "des journalistes.",
    "direct": "« Nous partirons demain », a déclaré le ministre.",
}


@pytest.fixture(scope="module")
def parsed():  # noqa: ANN201 - a ParsedCorpus
    from conftest import parse_texts

    return parse_texts(TEXTS)


def _by_doc(frame: pl.DataFrame) -> dict[str, dict]:
    return {row["doc_id"]: row for row in frame.iter_rows(named=True)}


def test_weights_name_only_features_the_evidence_has() -> None:
    kinds, table = quote_kind_model.weights()
    assert kinds == ("direct", "mixed", "scare")
    names = {name for name, _ in kind_features()}
    assert set(table) - {"(intercept)"} <= names
    # every condition of the rules is a feature (the constant last row excepted)
    assert {f"rule_{name}" for name, _, _ in kind_rules() if name != "embedded"} <= set(table)


def test_kind_evidence_holds_the_rules_kind_and_its_condition(parsed) -> None:
    spans = add_word_counts(add_nesting(quote_spans(parsed.documents)), parsed.tokens)
    table = kind_evidence(spans, parsed.tokens, parsed.documents)
    assert table.height == len(TEXTS)
    for row in table.iter_rows(named=True):
        if row["kind_rule"] != "embedded":
            assert row[f"rule_{row['kind_rule']}"], row  # the rule that decided holds
    features = [name for name, _ in kind_features()]
    assert all(table.schema[name] == pl.Boolean for name in features)
    assert table.select(pl.col(features).null_count().sum()).row(0) == tuple(0 for _ in features)


def test_hybrid_is_the_default_and_changes_mixed_and_scare_only(parsed) -> None:
    assert DEFAULT_KINDS == "hybrid"
    rules = _by_doc(quotes(parsed.tokens, parsed.documents, kinds="rules"))
    default = _by_doc(quotes(parsed.tokens, parsed.documents))
    assert {doc: row["kind"] for doc, row in rules.items()} == {
        "object": "scare", "selon": "scare", "title": "mixed", "direct": "direct"}
    assert {doc: row["kind"] for doc, row in default.items()} == {
        "object": "mixed", "selon": "mixed", "title": "scare", "direct": "direct"}
    # the rule column says which decided: the rules' name for a direct quotation, model:<feature> elsewhere
    assert default["direct"]["rule"].split("+")[0] == rules["direct"]["rule"].split("+")[0] == "sentence"
    for doc in ("object", "selon", "title"):
        kind_part = default[doc]["rule"].split("+")[0]
        assert kind_part.startswith("model:") and kind_part.removeprefix("model:") in quote_kind_model.weights()[1]
    # the sources follow the kind decided: "Selon X," is the mixed quotation's source now; a title has none
    assert default["selon"]["source"] == "le président français"
    assert default["title"]["source"] is None


def test_model_decides_every_kind_and_unknown_deciders_are_refused(parsed) -> None:
    found = quotes(parsed.tokens, parsed.documents, kinds="model")
    assert found["rule"].str.starts_with("model:").all()
    assert _by_doc(found)["direct"]["kind"] == "direct"
    with pytest.raises(ValueError, match="kinds"):
        quotes(parsed.tokens, parsed.documents, kinds="oracle")


def test_decide_is_an_argmax_of_dot_products(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "weights.tsv"
    path.write_text("feature\tdirect\tmixed\tscare\n(intercept)\t0\t1\t0\na\t5\t0\t0\nb\t0\t0\t2\n",
                    encoding="utf-8")
    monkeypatch.setattr(quote_kind_model, "WEIGHTS", path)
    quote_kind_model.weights.cache_clear()
    try:
        frame = pl.DataFrame({"a": [False, True, False, True], "b": [False, False, True, True]})
        chosen = quote_kind_model.decide(frame)
        assert chosen["kind"].to_list() == ["mixed", "direct", "scare", "direct"]
        assert chosen["top_feature"].to_list() == ["(intercept)", "a", "b", "a"]  # the prior alone decided row 1
        assert quote_kind_model.decide(frame, among=("mixed", "scare"))["kind"].to_list() == [
            "mixed", "mixed", "scare", "scare"]
        with pytest.raises(LexiconError):
            quote_kind_model.decide(pl.DataFrame({"a": [True]}))
    finally:
        quote_kind_model.weights.cache_clear()


def test_an_unknown_decider_is_refused_even_without_quotations() -> None:
    """``kinds`` is checked before the early return of a text with no quotation (review of the ninth round)."""
    from conftest import parse_texts

    corpus = parse_texts({"d": "Rien à citer ici."})
    assert quotes(corpus.tokens, corpus.documents).height == 0
    with pytest.raises(ValueError, match="kinds must be one of rules, model, hybrid"):
        quotes(corpus.tokens, corpus.documents, kinds="oracle")

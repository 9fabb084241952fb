"""The lexicon check of the part of speech between the tagger and the parser (``nlp/lexicon_tags.py``):
its rules on the lexicon's readings, on Stanza-like words, and on the bundled model's parses of verbs it
used to tag as adjectives."""

from __future__ import annotations

from types import SimpleNamespace

import polars as pl

from corpusling.corpus import Document
from corpusling.nlp.lexicon_tags import retag_words, retagging, rules
from corpusling.nlp.models import resolve
from corpusling.nlp.pipeline import parse_documents

IMP3 = "Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin"


def retagged(form: str, tagged: str) -> dict | None:
    found = retagging().filter((pl.col("form") == form) & (pl.col("tagged") == tagged))
    return found.row(0, named=True) if found.height else None


def test_the_rules_are_an_ordered_table() -> None:
    assert rules()["rule"].to_list() == ["only_verb", "only_noun", "only_adjective"]
    assert rules()["new_upos"].to_list() == ["VERB", "NOUN", "ADJ"]


def test_a_form_that_is_only_a_finite_verb_is_retagged_with_its_features() -> None:
    assert retagged("cédait", "ADJ") == {"form": "cédait", "tagged": "ADJ", "new_upos": "VERB",
                                         "new_feats": IMP3, "rule": "only_verb"}
    assert retagged("perquisitionner", "NOUN")["new_feats"] == "VerbForm=Inf"
    assert retagged("membres", "ADJ")["new_upos"] == "NOUN"
    assert retagged("possible", "VERB")["new_upos"] == "ADJ"


def test_ambiguous_forms_and_past_participles_keep_the_taggers_choice() -> None:
    assert retagged("réduit", "ADJ") is None  # a past participle: adjective as often as verb
    assert retagged("présente", "ADJ") is None  # adjective, noun and verb in the lexicon
    assert retagged("est", "NOUN") is None
    assert retagged("cédait", "VERB") is None  # already right
    assert retagged("xqzvw", "ADJ") is None  # not in the lexicon
    # a verb of a locution keeps its tag: "ont peur", "a besoin" (the tagger's AUX "avoir" would lose its verb)
    assert retagged("peur", "VERB") is None and retagged("besoin", "VERB") is None
    # a noun stays a noun: the Lefff lacks some nouns it lists as adjectives ("buralistes")
    assert retagged("buralistes", "NOUN") is None


def test_words_are_retagged_in_place() -> None:
    words = [SimpleNamespace(text="Scandaient", upos="ADJ", feats="Number=Plur"),
             SimpleNamespace(text="slogans", upos="NOUN", feats="Gender=Masc|Number=Plur"),
             SimpleNamespace(text="réduit", upos="ADJ", feats="Gender=Masc|Number=Sing")]
    assert retag_words(words) == 1
    assert (words[0].upos, words[0].feats) == ("VERB", "Mood=Ind|Number=Plur|Person=3|Tense=Imp|VerbForm=Fin")
    assert (words[1].upos, words[2].upos) == ("NOUN", "ADJ")
    assert retag_words([]) == 0


def test_the_parser_reads_uncommon_imperfects_as_verbs() -> None:
    """The compact tagger alone tags these imperfects ADJ; parsed with the check, each is a verb that
    heads its subject."""
    texts = {"a": "Si le gouvernement cédait, les syndicats reprendraient la grève.",
             "b": "Les manifestants scandaient des slogans hostiles au président."}
    tables = parse_documents(resolve("compact"), [Document(doc_id=k, text=v) for k, v in texts.items()])
    cedait = tables["a"].filter(pl.col("form") == "cédait").row(0, named=True)
    assert (cedait["upos"], cedait["lemma"]) == ("VERB", "céder")
    b = tables["b"]
    verb = b.filter(pl.col("form") == "scandaient").row(0, named=True)
    assert (verb["upos"], verb["deprel"]) == ("VERB", "root")
    subject = b.filter(pl.col("form") == "manifestants").row(0, named=True)
    assert (subject["deprel"], subject["head"]) == ("nsubj", verb["word_id"])

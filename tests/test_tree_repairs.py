"""Repairs of trees that contradict themselves (``nlp/tree_repairs.py``): on hand-built token tables and on the
bundled model's parses."""

from __future__ import annotations

import polars as pl

from corpusling import tokens as tok
from corpusling.corpus import Document
from corpusling.nlp.models import resolve
from corpusling.nlp.pipeline import parse_documents
from corpusling.nlp.tree_repairs import repair_que_clause_subjects, rules


def sentence(*words: tuple[str, str, str, int, str]) -> pl.DataFrame:
    """A one-sentence token table of (form, lemma, feats, head, deprel)."""
    n = len(words)
    return tok.from_rows({
        "doc_id": ["d"] * n, "par_id": [1] * n, "sent_id": [1] * n, "word_id": list(range(1, n + 1)),
        "token_id": list(range(1, n + 1)), "token_text": [w[0] for w in words], "form": [w[0] for w in words],
        "lemma": [w[1] for w in words], "upos": ["X"] * n, "feats": [w[2] for w in words],
        "head": [w[3] for w in words], "deprel": [w[4] for w in words], "start_char": list(range(n)),
        "end_char": list(range(1, n + 1))})


def arcs(table: pl.DataFrame) -> list[tuple[int, str]]:
    return list(zip(table["head"].to_list(), table["deprel"].cast(pl.String).to_list(), strict=True))


FIN = "Mood=Cnd|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"


def test_the_rules_are_a_table() -> None:
    assert rules()["rule"].to_list() == ["que_clause_subject"]


def test_a_finite_verb_hung_on_the_noun_after_que_takes_it_as_subject() -> None:
    # Anadolu rapporte que les articles mettraient …: articles nsubj of rapporte, mettraient acl of articles
    table = sentence(("Anadolu", "Anadolu", "_", 2, "nsubj"), ("rapporte", "rapporter", "VerbForm=Fin", 0, "root"),
                     ("que", "que", "_", 6, "mark"), ("les", "le", "_", 5, "det"),
                     ("articles", "article", "_", 2, "nsubj"), ("mettraient", "mettre", FIN, 5, "acl"))
    repaired = repair_que_clause_subjects(table)
    assert arcs(repaired) == [(2, "nsubj"), (0, "root"), (6, "mark"), (5, "det"), (6, "nsubj"), (2, "ccomp")]
    assert repaired.columns == table.columns and repaired.schema == table.schema


def test_participles_relatives_and_a_que_after_the_noun_are_left() -> None:
    participle = sentence(("que", "que", "_", 4, "mark"), ("le", "le", "_", 3, "det"),
                          ("contrat", "contrat", "_", 0, "root"), ("signé", "signer", "VerbForm=Part", 3, "acl"))
    assert arcs(repair_que_clause_subjects(participle)) == arcs(participle)
    # "le fait que les prix montent": que after the noun, the clause rightly hangs on it
    content = sentence(("le", "le", "_", 2, "det"), ("fait", "fait", "_", 0, "root"), ("que", "que", "_", 5, "mark"),
                       ("prix", "prix", "_", 5, "nsubj"), ("montent", "monter", "VerbForm=Fin", 2, "acl"))
    assert arcs(repair_que_clause_subjects(content)) == arcs(content)
    assert repair_que_clause_subjects(tok.empty()).is_empty()


def test_the_parser_output_is_repaired() -> None:
    text = ("L'agence de presse Anadolu rapporte que les articles visés mettraient « sur le même plan » le "
            "gouvernement turc et des groupes extrémistes.")
    table = parse_documents(resolve("compact"), [Document(doc_id="a", text=text)])["a"]
    word = {r["form"]: r for r in table.iter_rows(named=True)}
    assert (word["mettraient"]["deprel"], word["mettraient"]["head"]) == ("ccomp", word["rapporte"]["word_id"])
    assert (word["articles"]["deprel"], word["articles"]["head"]) == ("nsubj", word["mettraient"]["word_id"])

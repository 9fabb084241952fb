"""Sentence breaks the bundled tokenizer puts inside a phrase are joined before tagging and parsing
(``corpusling.nlp.sentences``); breaks at a line end, after a heading run into a sentence, or after a closing mark
stay. The parsed cases use the bundled model: before the join, "Jean-Pierre | Sueur", "Philippe | Bas" and
"« | Nous" were sentences of their own."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

from corpusling.nlp.sentences import _joins


@pytest.mark.parametrize(("last", "first", "joined"), [
    ("«", "Nous", True),            # an opening mark never ends a sentence
    ("Andrea", "Hewitt", True),     # a name the lexicon does not know goes on
    ("quitter", "Alep", True),
    ("À", "Béziers", True),         # a preposition never ends one
    ("plusieurs", "Gilets", True),  # nor a determiner
    ("Philippe", "Bas", True),      # a first name before a surname that is also a common word
    ("allaitement", "Effets", False),  # a heading run into the next sentence
    ("ACLASTA", "Avant", False),    # a heading in capitals
    ("Chronologie", "Elle", False),
    ("[...]", "Nous", False),       # a cut in a quotation
    ("Sueur", ".", False),
])
def test_which_breaks_join(last: str, first: str, joined: bool) -> None:
    assert _joins(last, first) is joined


@pytest.fixture(scope="module")
def sentences() -> pl.DataFrame:
    corpus = parse_texts({
        "names": "Jean-Pierre Sueur s'est procuré la décision du Conseil. Philippe Bas a annoncé que cette "
                 "éventualité serait étudiée.",
        "quote": "« Nous sommes tristes de vous annoncer la nouvelle », a dit l'Australienne Andrea Hewitt.",
        "lines": "Tour de France 2016 : Sagan remporte la 10e étape\nTour de France 2016 : Froome garde son maillot",
    })
    return corpus.tokens


def _sentences(tokens: pl.DataFrame, doc: str) -> list[list[str]]:
    rows = tokens.filter(pl.col("doc_id") == doc).sort("sent_id", "word_id")
    return [s["form"].to_list() for s in rows.partition_by("sent_id", maintain_order=True)]


def test_names_are_not_cut(sentences: pl.DataFrame) -> None:
    found = _sentences(sentences, "names")
    assert [s[:2] for s in found] == [["Jean-Pierre", "Sueur"], ["Philippe", "Bas"]]
    # the words after the join are numbered on, "du" expanded ("de le"), every head inside its sentence
    first = sentences.filter((pl.col("doc_id") == "names") & (pl.col("sent_id") == 1)).sort("word_id")
    assert first["word_id"].to_list() == list(range(1, first.height + 1))
    assert {"de", "le"} <= set(first["form"].to_list())
    assert first["head"].max() <= first.height and (first["head"] == 0).sum() == 1
    sueur = first.filter(pl.col("form") == "Sueur").row(0, named=True)
    assert sueur["deprel"].startswith("flat") and sueur["head"] == 1


def test_an_opening_mark_stays_with_its_quotation(sentences: pl.DataFrame) -> None:
    found = _sentences(sentences, "quote")
    assert len(found) == 1 and found[0][:2] == ["«", "Nous"]


def test_a_line_break_keeps_its_break(sentences: pl.DataFrame) -> None:
    assert len(_sentences(sentences, "lines")) == 2

"""Attribution incises, attribution clauses and unnamed sources on a small text parsed with the bundled model:
the rules of 2026-12 (issue 14) for the tokeniser's and lemmatiser's slips and for named 'unnamed' sources."""

from __future__ import annotations

import polars as pl
import pytest

TEXT = [
    ("Le français est, disent-ils, la langue de la diplomatie.", ("disent-ils", "source_marker")),
    ("Contrairement aux idées reçues, appuie-t-il, le français progresse.", ("appuie-t-il", "source_marker")),
    ("Il y a eu 302 voix pour et 225 contre, a-t-il précisé.", ("a-t-il précisé", "source_marker")),
    ("Par ailleurs, poursuit l'ex-ministre, la réforme est urgente.", ("poursuit l'ex-ministre", "source_marker")),
    ("L'armée ne retirera pas toutes ses forces comme le précise l'ambassadeur : « Nous restons ».",
     ("comme le précise l'ambassadeur", "source_marker")),
    ("De nombreux experts restent sceptiques quant à la réforme.", ("De nombreux experts", "unnamed_source")),
    ("Les observateurs craignent une montée des tensions.", ("Les observateurs", "unnamed_source")),
    # named in apposition: no unnamed source; the incise attributes the quotation: no hedge
    ("« Il faut agir », affirme un jeune manifestant, Abdel Nasser.", None),
    # a quotation opened after a colon: its incise is its attribution, not a hedge
    ("La population se sent abandonnée : « Nous voulons des actes », déclare Fatoumata Maïga.", None),
    # an epistemic verb with an inverted clitic is no incise of saying
    ("Un thème, semble-t-il, absent de la campagne.", ("semble", "epistemic_verb")),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    from corpusling.api import parse, read
    from corpusling.markers.hedges import hedges

    path = tmp_path_factory.mktemp("hedges") / "incises.txt"
    path.write_text("\n\n".join(sentence for sentence, _ in TEXT) + "\n", encoding="utf-8")
    corpus = parse(read([path]), model="compact")
    return hedges(corpus.tokens, corpus.documents)


def test_incises_clauses_and_unnamed_sources(found: pl.DataFrame) -> None:
    expected = [marker for _, marker in TEXT if marker]
    assert list(zip(found["match"], found["category"], strict=True)) == expected


def test_rule_names(found: pl.DataFrame) -> None:
    entries = dict(zip(found["match"], found["entry"], strict=True))
    assert entries["comme le précise l'ambassadeur"] == "rule: attribution clause"
    assert entries["disent-ils"] == "rule: attribution incise"

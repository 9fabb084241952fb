"""Hedges, thirteenth session (issue 14): unnamed groups written on set22's errors after its release, on invented
sentences of the same kinds parsed with the bundled compact model. A group named by its stance ("les opposants",
"les alliés", "les partisans", "les détracteurs": ``speaking_group`` of ``hedge_rule_words.tsv``) as the subject of a
verb of saying, and a speaking group's definite plural after "selon" ("selon les médias locaux", as set18's and
set22's adjudications settled), are unnamed sources; each was missed before. The last cases show that a group that
says nothing, and a singular press, are still none."""

from __future__ import annotations

import polars as pl
import pytest

#: (sentence, the unnamed source's text, found or not)
CASES = [
    ("Les opposants nationalistes affirment que le changement menace l'identité du pays.",
     "Les opposants nationalistes", True),
    ("Les alliés du ministre ont souligné qu'il poursuivrait les négociations.", "Les alliés du ministre", True),
    ("Selon les médias locaux, la frégate devait être livrée en 2016.", "les médias locaux", True),
    ("Les opposants ont défilé devant le parlement samedi.", "Les opposants", False),
    ("Selon la presse locale, le navire a été renvoyé au chantier.", "la presse locale", False),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    import corpusling as cl
    from corpusling.api import parse, read

    path = tmp_path_factory.mktemp("hedges_thirteenth") / "sentences.txt"
    path.write_text("\n\n".join(sentence for sentence, *_ in CASES) + "\n", encoding="utf-8")
    corpus = parse(read([path]), model="compact")
    return cl.hedges(corpus).filter(pl.col("category") == "unnamed_source")


@pytest.mark.parametrize(("sentence", "source", "expected"), CASES, ids=[case[1] for case in CASES])
def test_unnamed_group(found: pl.DataFrame, sentence: str, source: str, expected: bool) -> None:
    assert (source in found["match"].to_list()) is expected, found["match"].to_list()

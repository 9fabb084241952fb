"""Hedges, thirteenth session (issue 14): unnamed groups written on set22's errors after its release, on invented
sentences of the same kinds parsed with the bundled compact model. A group named by its stance ("les opposants",
"les alliés", "les partisans", "les détracteurs": ``speaking_group`` of ``hedge_rule_words.tsv``) as the subject of a
verb of saying, and a speaking group's definite plural after "selon" ("selon les médias locaux", as set18's and
set22's adjudications settled), are unnamed sources; each was missed before. The last cases show that a group that
says nothing, and a singular press, are still none. And devoir of being able ("devraient pouvoir choisir") is root:
what should be made possible, no forecast (hedge_modals' ``devoir_ability``); "devrait s'alourdir" stays epistemic."""

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


#: (sentence, whether its modal is an epistemic hedge)
MODALS = [("Les consommateurs devraient pouvoir choisir leurs fournisseurs.", False),
          ("Le bilan devrait s'alourdir dans les prochains jours.", True)]


def test_devoir_of_being_able_is_root(tmp_path) -> None:  # noqa: ANN001 - pytest's tmp_path
    import corpusling as cl
    from corpusling.api import parse, read

    path = tmp_path / "modals.txt"
    path.write_text("\n\n".join(sentence for sentence, _ in MODALS) + "\n", encoding="utf-8")
    corpus = parse(read([path]), model="compact")
    epistemic = cl.hedges(corpus).filter(pl.col("category") == "epistemic_verb")["match"].to_list()
    assert [any(m.startswith("devr") for m in epistemic if m in sentence) for sentence, _ in MODALS] == \
        [expected for _, expected in MODALS], epistemic

"""Reported speech, twelfth session: a content whose cut before "« Selon …" leaves nothing crashed the whole analysis
(polars refused a slice of negative length: "étaient inquiets : « Selon mon expérience, …"); the empty row now goes
as the other empty ones do. Parsed with the bundled compact model; the sentence is invented, of the kind of set22's
that showed the crash."""

from __future__ import annotations

import polars as pl
import pytest

SENTENCES = [
    "Il a ajouté que les membres du parti étaient de plus en plus inquiets : « Selon mon expérience, une fois que la "
    "décision est prise, rien ne change. »",
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    import corpusling as cl
    from corpusling.api import parse, read

    path = tmp_path_factory.mktemp("reported_twelfth") / "sentences.txt"
    path.write_text("\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    return cl.reported(parse(read([path]), model="compact"))


def test_an_empty_cut_is_no_crash(found: pl.DataFrame) -> None:
    assert found.height >= 1
    assert (found["end_char"] > found["start_char"]).all()
    assert found.filter(pl.col("kind") == "indirect")["cue"].to_list() == ["ajouter"]

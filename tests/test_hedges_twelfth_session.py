"""Hedges, twelfth session (issue 14): attribution incises written on set21's errors after its release, on invented
sentences of the same kinds parsed with the bundled compact model. Each was missed before: "faire savoir" (the
causative passed over), a subject named by an agent noun's suffix ("le créateur de l'émission"), an auxiliary the
parser hung on the incise verb from before the comma ("auront … , a affirmé Sanders"), the one-token inverted
auxiliary "a-t-elle" tagged as a pronoun. The last case shows the subject test still keeps out a verb and its
object."""

from __future__ import annotations

import polars as pl
import pytest

#: (sentence, the incise's text, found or not)
CASES = [
    ("Le suspect est détenu sous caution de 500 dollars, a fait savoir KTUU.", "a fait savoir KTUU", True),
    ("La chanteuse a annulé sa venue, a expliqué le créateur de l'émission.", "a expliqué le créateur de l'émission",
     True),
    ("Des conférences de presse auront toujours lieu, a affirmé Sanders.", "a affirmé Sanders", True),
    ("La rhétorique du président a sapé toute la bonne volonté des voisins, a-t-elle suggéré.", "a-t-elle suggéré",
     True),
    ("Le groupe a fermé trois sites, a annoncé la fermeture de l'usine.", "a annoncé la fermeture", False),
]
#: An unnamed informant as the agent of a passive verb of confirming ("corroborer", a verb of saying since the twelfth
#: session): (sentence, the unnamed source's text)
AGENTS = [("Leurs propos ont été corroborés par un analyste indépendant.", "un analyste indépendant")]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    import corpusling as cl
    from corpusling.api import parse, read

    path = tmp_path_factory.mktemp("hedges_twelfth") / "sentences.txt"
    path.write_text("\n\n".join([*(sentence for sentence, *_ in CASES), *(sentence for sentence, _ in AGENTS)])
                    + "\n", encoding="utf-8")
    corpus = parse(read([path]), model="compact")
    hedges = cl.hedges(corpus)
    text = corpus.documents["text"][0] if "text" in corpus.documents.columns else path.read_text(encoding="utf-8")
    return hedges.with_columns(pl.lit(text).str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
                               .alias("_span"))


@pytest.mark.parametrize(("sentence", "incise", "expected"), CASES, ids=[case[1] for case in CASES])
def test_incise(found: pl.DataFrame, sentence: str, incise: str, expected: bool) -> None:
    sources = found.filter(pl.col("category") == "source_marker")["_span"].to_list()
    assert any(span.startswith(incise) for span in sources) is expected, sources


@pytest.mark.parametrize(("sentence", "agent"), AGENTS, ids=[agent for _, agent in AGENTS])
def test_unnamed_agent(found: pl.DataFrame, sentence: str, agent: str) -> None:
    assert agent in found.filter(pl.col("category") == "unnamed_source")["_span"].to_list()

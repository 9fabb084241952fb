"""Shared fixtures. The seed is parsed once per test session with the bundled model."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e14371d8171e9155.txt"
WIKINEWS = ROOT / "corpora" / "wikinews-fr-2012"

def parse_paragraphs(folder: Path, sentences: list[str]):  # noqa: ANN201 - a ParsedCorpus
    """One document of ``sentences``, a paragraph each, parsed with the bundled model (rule tests read one
    sentence's rows by its offset in ``corpus.documents["text"][0]``)."""
    from corpusling.api import parse, read

    path = folder / "sentences.txt"
    path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    return parse(read([path]), model="compact")


def parse_texts(texts: dict[str, str]):  # noqa: ANN201 - a ParsedCorpus
    """One document per entry of ``texts`` (document id → text), parsed with the bundled model."""
    from corpusling.api import parse
    from corpusling.readers import Corpus, Document

    return parse(Corpus(documents=[Document(doc_id=key, text=text) for key, text in texts.items()]), model="compact")


def direct_quotations(cases: dict[str, tuple]):  # noqa: ANN201 - a polars frame
    """The direct quotations of speaker cases (document id → (text, expected speaker, expected rule)), each text
    parsed with the bundled model (:func:`parse_texts`): what the speaker tests read."""
    import polars as pl

    from corpusling.markers.quotes import quotes

    corpus = parse_texts({key: case[0] for key, case in cases.items()})
    return quotes(corpus.tokens, corpus.documents).filter(pl.col("kind") == "direct")


def quotation_row(found, doc: str, last: bool = True) -> dict:  # noqa: ANN001 - a polars frame
    """One document's direct quotation in ``found`` (:func:`direct_quotations`), as a dict: the last in the text,
    or with ``last=False`` the first row."""
    import polars as pl

    rows = found.filter(pl.col("doc_id") == doc)
    return rows.sort("start_char").row(-1, named=True) if last else rows.row(0, named=True)


def assert_quotation_speaker(found, cases: dict[str, tuple], doc: str) -> None:  # noqa: ANN001 - a polars frame
    """The speaker of the document's last direct quotation in ``found`` (:func:`direct_quotations`) is the one
    ``cases`` gives (document id → (text, speaker))."""
    row = quotation_row(found, doc)
    assert row["speaker"] == cases[doc][1], row


def assert_last_speaker(found, cases: dict[str, tuple[str, str]], doc: str) -> None:  # noqa: ANN001 - a polars frame
    """The speaker of the document's last reported content in ``found`` (``cl.reported``) is the one ``cases``
    gives (document id → (text, speaker))."""
    import polars as pl

    rows = found.filter(pl.col("doc_id") == doc).sort("start_char")
    assert rows.height >= 1, rows
    assert rows["speaker"][-1] == cases[doc][1], rows.select("text", "source", "speaker", "rule")


def conditionals_of_sentences(folder: Path, sentences: list[str]):  # noqa: ANN201 - a polars frame
    """The conditionals of ``sentences`` (one paragraph each, parsed with the bundled model): what the rule-case
    tests read with :func:`conditional_row`."""
    from corpusling.api import parse, read
    from corpusling.markers.conditional import conditionals

    path = folder / "sentences.txt"
    path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    corpus = parse(read([path]), model="compact")
    return conditionals(corpus.tokens, corpus.documents)


def conditional_row(found, sentence: str, form: str) -> dict:  # noqa: ANN001 - a polars frame
    """The one conditional ``form`` of ``sentence`` in ``found`` (:func:`conditionals_of_sentences`), as a dict."""
    import polars as pl

    rows = found.filter(pl.lit(sentence).str.contains(pl.col("sentence").str.strip_chars(), literal=True)
                        & (pl.col("form") == form))
    assert rows.height == 1, (sentence, found.select("form", "sentence"))
    return rows.row(0, named=True)


def hedges_of_sentences(folder: Path, sentences: list[str]):  # noqa: ANN201 - (polars frame, str)
    """The hedges of ``sentences`` parsed as one document (:func:`parse_paragraphs`), with that document's text:
    what :func:`rows_within` reads one sentence's rows from."""
    from corpusling.markers.hedges import hedges

    corpus = parse_paragraphs(folder, sentences)
    return hedges(corpus.tokens, corpus.documents), corpus.documents["text"][0]


def rows_within(rows, text: str, sentence: str):  # noqa: ANN001, ANN201 - polars frames
    """The rows of an analysis whose span lies inside ``sentence``, found by its first occurrence in ``text`` (the
    document :func:`parse_paragraphs` made)."""
    import polars as pl

    start = text.index(sentence)
    return rows.filter((pl.col("start_char") >= start) & (pl.col("end_char") <= start + len(sentence)))


def reported_rows(found, doc: str) -> list[tuple[str, str, str, str]]:  # noqa: ANN001 - a polars frame
    """(kind, cue, content, the rule that found the content) of one document's reported-speech rows."""
    import polars as pl

    return [(r["kind"], r["cue"], r["text"], r["rule"].split("+")[0])
            for r in found.filter(pl.col("doc_id") == doc).to_dicts()]


# Every test gets a private parse cache: no test reads a cache another run left behind.
os.environ["CORPUSLING_CACHE"] = tempfile.mkdtemp(prefix="corpusling-test-cache-")


@pytest.fixture(scope="session")
def seed_parsed():
    """The seed article parsed for real with the bundled compact model (a ParsedCorpus)."""
    from corpusling.api import parse, read

    return parse(read([SEED]), model="compact")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


#: The Wikinews articles of the hand-annotated gold sets of tests/gold/ (the seed is the 17th document).
GOLD_WIKINEWS = ["44672", "45619", "45070", "44960", "44485", "45643", "45197", "45644", "45750", "44959",
                 "45614", "44374", "44510", "44881", "44489", "44545"]


def gold_paths() -> list[Path]:
    """The 17 documents of the gold sets: the seed and :data:`GOLD_WIKINEWS`."""
    return [SEED] + [WIKINEWS / "documents" / f"{doc}.html" for doc in GOLD_WIKINEWS]


@pytest.fixture(scope="session")
def gold_parsed():
    """The gold documents parsed once with the bundled compact model (a ParsedCorpus)."""
    from corpusling.api import parse, read

    return parse(read(gold_paths()), model="compact")


#: Wikinews articles annotated after the rules were frozen (tests/gold/*_heldout.csv).
HELDOUT_WIKINEWS = ["44533", "44551", "44618", "44652", "44772", "44833", "45364", "45467", "45496", "45628",
                    "45736", "45764"]


def heldout_paths() -> list[Path]:
    """The 12 held-out Wikinews articles of the gold sets."""
    return [WIKINEWS / "documents" / f"{doc}.html" for doc in HELDOUT_WIKINEWS]


@pytest.fixture(scope="session")
def heldout_parsed():
    """The held-out documents parsed once with the bundled compact model (a ParsedCorpus)."""
    from corpusling.api import parse, read

    return parse(read(heldout_paths()), model="compact")

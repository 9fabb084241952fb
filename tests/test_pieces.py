"""Very long documents are parsed and cached in pieces and put back together (issue 20, item 11)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from corpusling.corpus import Corpus, Document
from corpusling.nlp import pieces

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e14371d8171e9155.txt"


def test_pieces_cover_the_text_between_paragraphs_or_at_sentence_ends() -> None:
    text = ("Une phrase. « Une autre » ici. " * 40).strip() + "\n\nDeux.\n\n" + "Trois mots là. " * 10
    spans = pieces.piece_spans(text, 300)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(e - s <= 300 for s, e in spans)
    assert all(text[:e].rstrip().endswith((".", "»", "ici.")) for _, e in spans)  # never inside a sentence
    gaps = "".join(text[a[1]:b[0]] for a, b in zip(spans, spans[1:], strict=False))
    assert gaps.strip() == ""  # nothing but white space between pieces


@pytest.fixture(scope="module")
def long_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_a_document_parsed_in_pieces_equals_the_whole(long_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut between paragraphs, the pieces give exactly the token table of the whole document."""
    from corpusling.api import parse

    corpus = Corpus(documents=[Document(doc_id="seed", text=long_text)])
    whole = parse(corpus, model="compact", use_cache=False)
    monkeypatch.setattr(pieces, "LONG_CHARS", 2_000)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1_500)
    assert len(pieces.piece_spans(long_text, 1_500)) > 3
    cut = parse(corpus, model="compact", use_cache=False)
    assert cut.tokens.equals(whole.tokens)
    assert cut.documents.equals(whole.documents)


def test_a_killed_parse_loses_one_piece_at_most(long_text: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Each piece is cached as it is parsed: a second run parses only the piece whose entry is missing."""
    import corpusling.nlp.pipeline as pipeline
    from corpusling.api import parse
    from corpusling.nlp.cache import ParseCache
    from corpusling.nlp.models import resolve

    monkeypatch.setattr(pieces, "LONG_CHARS", 2_000)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1_500)
    corpus = Corpus(documents=[Document(doc_id="seed", text=long_text)])
    first = parse(corpus, model="compact", cache=tmp_path)
    store = ParseCache(tmp_path, resolve("compact").key())
    spans = pieces.piece_spans(long_text)
    entries = [store.path(Document(doc_id="x", text=long_text[s:e]).sha256) for s, e in spans]
    assert all(p.exists() for p in entries)
    entries[-1].unlink()  # as if the run had been killed while parsing its last piece
    parsed: list[str] = []
    original = pipeline.parse_documents

    def counting(model, documents):  # noqa: ANN001, ANN202
        parsed.extend(d.doc_id for d in documents)
        return original(model, documents)

    monkeypatch.setattr(pipeline, "parse_documents", counting)
    again = parse(corpus, model="compact", cache=tmp_path)
    assert parsed == [pieces.piece_id("seed", len(spans) - 1)]
    assert again.tokens.equals(first.tokens)
    assert again.tokens["par_id"].max() == first.tokens["par_id"].max() > 1
    assert isinstance(again.tokens, pl.DataFrame)

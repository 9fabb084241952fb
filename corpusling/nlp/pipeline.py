"""The Stanza pipeline: loaded once per process, fed many paragraphs per call.

Documents are cut into paragraphs (blank lines); paragraphs of several documents
are handed to Stanza together in batches of about :data:`BATCH_CHARS` characters,
so short documents do not pay a call each and long ones never sit in memory as
one Stanza object. Stanza sees :func:`corpusling.normalise.for_parser` of the text,
which has the same length, so its offsets are offsets into the document text.
Stanza runs with :mod:`corpusling.nlp.tree_decoding` and :mod:`corpusling.nlp.fast_paths`:
its own steps with less Python around its networks, the same token tables (tested on Wikinews).
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
from collections.abc import Iterator
from typing import Any

import polars as pl

from corpusling import tokens as tok
from corpusling.corpus import Document
from corpusling.errors import ModelError
from corpusling.nlp import fast_paths
from corpusling.nlp.models import Model
from corpusling.normalise import for_parser, paragraph_spans

BATCH_CHARS = 20_000

_LOADED: dict[tuple[str, ...], Any] = {}


def load_pipeline(model: Model) -> Any:
    """The ``stanza.Pipeline`` of ``model``, built once per process."""
    key = (model.name, *sorted(str(p) for p in model.files.values()))
    if key not in _LOADED:
        import stanza

        from corpusling.nlp.tree_decoding import install

        install()  # the greedy tree when it is the answer: same trees, less decoding time

        logging.getLogger("stanza").setLevel(logging.WARNING)
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                _LOADED[key] = stanza.Pipeline(**model.pipeline_kwargs(), use_gpu=False, logging_level="WARN")
        except Exception as err:  # stanza raises many kinds; the user needs one message
            raise ModelError(f"could not load the {model.name} model from {model.directory}: {err}") from err
        fast_paths.install(_LOADED[key])  # Stanza's steps with less Python around the networks: same output
        # the model is hundreds of thousands of Python objects that live as long as the process: out of the
        # cyclic collector's reach, its full collections during a parse cost a fifth of what they did
        gc.freeze()
    return _LOADED[key]


def paragraph_batches(documents: list[Document]) -> Iterator[list[tuple[str, int, int, str]]]:
    """Batches of ``(doc_id, par_id, offset, text for the parser)``, about BATCH_CHARS each."""
    batch: list[tuple[str, int, int, str]] = []
    size = 0
    for doc in documents:
        parser_text = for_parser(doc.text)
        for par_id, (start, end) in enumerate(paragraph_spans(doc.text), start=1):
            batch.append((doc.doc_id, par_id, start, parser_text[start:end]))
            size += end - start
            if size >= BATCH_CHARS:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def parse_documents(model: Model, documents: list[Document]) -> dict[str, pl.DataFrame]:
    """Token table of each document, parsed with ``model`` (documents in, tables out)."""
    import stanza

    nlp = load_pipeline(model)
    parsed: list[tuple[str, int, int, Any]] = []
    for batch in paragraph_batches(documents):
        stanza_docs = nlp([stanza.Document([], text=text) for _, _, _, text in batch])
        parsed.extend((doc_id, par_id, offset, sdoc)
                      for (doc_id, par_id, offset, _), sdoc in zip(batch, stanza_docs, strict=True))
    return token_tables(documents, parsed)


def token_tables(documents: list[Document], parsed: list[tuple[str, int, int, Any]]) -> dict[str, pl.DataFrame]:
    """Token table of each document from its parsed paragraphs ``(doc_id, par_id, offset, stanza.Document)``."""
    tables: dict[str, pl.DataFrame] = {}
    by_doc: dict[str, list[tuple[str, int, int, Any]]] = {}
    for item in parsed:
        by_doc.setdefault(item[0], []).append(item)
    for doc in documents:
        items = by_doc.get(doc.doc_id, [])
        table = tok.from_stanza(items) if items else tok.empty()
        # Stanza saw the parser's copy of the text; token_text is the document's own characters
        surface = [doc.text[s:e] for s, e in zip(table["start_char"], table["end_char"], strict=True)]
        tables[doc.doc_id] = table.with_columns(pl.Series("token_text", surface, dtype=pl.String))
    return tables

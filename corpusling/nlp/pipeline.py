"""The Stanza pipeline: loaded once per process, fed many paragraphs per call.

Documents are cut into paragraphs (blank lines); paragraphs of several documents
are handed to Stanza together in batches of at most about :data:`BATCH_CHARS` characters,
so short documents do not pay a call each and long ones never sit in memory as
one Stanza object; on several cores, batches are parsed side by side in threads.
Stanza sees :func:`corpusling.normalise.for_parser` of the text, which has the same
length, so its offsets are offsets into the document text.
Stanza runs with :mod:`corpusling.nlp.tree_decoding` and :mod:`corpusling.nlp.fast_paths`:
its own steps with less Python around its networks, the same token tables (tested on Wikinews).
Between segmentation and analysis, :mod:`corpusling.nlp.sentences` joins the sentences the tokenizer
broke inside a phrase; between the tagger and the lemmatiser and parser, :mod:`corpusling.nlp.lexicon_tags`
retags the words the lexicon knows only with another part of speech; after the parser,
:mod:`corpusling.nlp.tree_repairs` mends the trees that contradict themselves.
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import polars as pl

from corpusling import tokens as tok
from corpusling.corpus import Document
from corpusling.errors import ModelError
from corpusling.nlp import fast_paths
from corpusling.nlp.lexicon_tags import retag_documents
from corpusling.nlp.models import Model
from corpusling.nlp.sentences import join_broken_sentences
from corpusling.nlp.tree_repairs import repair_que_clause_subjects
from corpusling.normalise import for_parser, paragraph_spans

BATCH_CHARS = 20_000

#: Stanza's steps that cut the text into sentences, tokens and words (the others analyse them): between the two,
#: :func:`corpusling.nlp.sentences.join_broken_sentences` mends the breaks put inside a phrase.
SEGMENTING = ("tokenize", "mwt")

#: The most paragraph batches parsed at once (:func:`parse_documents`).
MAX_STREAMS = 4

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


def paragraph_batches(documents: list[Document], streams: int = 1) -> list[list[tuple[str, int, int, str]]]:
    """Batches of ``(doc_id, par_id, offset, text for the parser)`` of about equal size, at most about
    :data:`BATCH_CHARS` characters each, as many as a multiple of ``streams`` (paragraphs in order)."""
    paragraphs: list[tuple[str, int, int, str]] = []
    for doc in documents:
        parser_text = for_parser(doc.text)
        paragraphs.extend((doc.doc_id, par_id, start, parser_text[start:end])
                          for par_id, (start, end) in enumerate(paragraph_spans(doc.text), start=1))
    total = sum(len(text) for *_, text in paragraphs)
    count = -(-max(1, -(-total // BATCH_CHARS)) // streams) * streams
    target = total / count
    batches: list[list[tuple[str, int, int, str]]] = []
    batch: list[tuple[str, int, int, str]] = []
    size = 0
    for paragraph in paragraphs:
        batch.append(paragraph)
        size += len(paragraph[3])
        if size >= target:
            batches.append(batch)
            batch, size = [], 0
    if batch:
        batches.append(batch)
    return batches


def parse_documents(model: Model, documents: list[Document], streams: int = 0) -> dict[str, pl.DataFrame]:
    """Token table of each document, parsed with ``model`` (documents in, tables out).

    ``streams`` batches are parsed at once, each in a thread of its own with its share of torch's threads
    (default: as many as torch's threads, at most :data:`MAX_STREAMS`). Torch's networks let go of
    Python's lock, so one batch's networks run while another's Python prepares its data: on two cores,
    two batches with one thread each go faster than one batch with two threads, and much faster when
    other processes load the cores (torch's threads then wait for one another). Each batch is computed
    as it would be alone: the tables are the same whatever the number of streams (tested).
    """
    import stanza
    import torch

    nlp = load_pipeline(model)
    analysing = [name for name in nlp.processors if name not in SEGMENTING]
    threads = torch.get_num_threads()
    streams = streams or max(1, min(threads, MAX_STREAMS))
    batches = paragraph_batches(documents, streams)
    streams = min(streams, len(batches))

    # the tagger, then the lexicon check of its parts of speech (lexicon_tags), then the lemmatiser and the parser
    after_tagger = analysing.index("pos") + 1 if "pos" in analysing else len(analysing)
    tagging, rest = analysing[:after_tagger], analysing[after_tagger:]

    def parse_batch(batch: list[tuple[str, int, int, str]]) -> list[Any]:
        tokenized = nlp.process([stanza.Document([], text=text) for _, _, _, text in batch], processors=SEGMENTING)
        tagged = nlp.process([join_broken_sentences(doc) for doc in tokenized], processors=tagging)
        if not rest:
            return tagged
        retag_documents(tagged)
        return nlp.process(tagged, processors=rest)

    if streams == 1:
        parsed_batches = [parse_batch(batch) for batch in batches]
    else:
        try:
            with ThreadPoolExecutor(streams, initializer=torch.set_num_threads,
                                    initargs=(max(1, threads // streams),)) as pool:
                parsed_batches = list(pool.map(parse_batch, batches))
        finally:
            torch.set_num_threads(threads)  # a thread's setting can reach the process's math library
    parsed = [(doc_id, par_id, offset, sdoc)
              for batch, stanza_docs in zip(batches, parsed_batches, strict=True)
              for (doc_id, par_id, offset, _), sdoc in zip(batch, stanza_docs, strict=True)]
    return token_tables(documents, parsed)


def token_tables(documents: list[Document], parsed: list[tuple[str, int, int, Any]]) -> dict[str, pl.DataFrame]:
    """Token table of each document from its parsed paragraphs ``(doc_id, par_id, offset, stanza.Document)``."""
    tables: dict[str, pl.DataFrame] = {}
    by_doc: dict[str, list[tuple[str, int, int, Any]]] = {}
    for item in parsed:
        by_doc.setdefault(item[0], []).append(item)
    for doc in documents:
        items = by_doc.get(doc.doc_id, [])
        table = repair_que_clause_subjects(tok.from_stanza(items)) if items else tok.empty()
        # Stanza saw the parser's copy of the text; token_text is the document's own characters
        surface = [doc.text[s:e] for s, e in zip(table["start_char"], table["end_char"], strict=True)]
        tables[doc.doc_id] = table.with_columns(pl.Series("token_text", surface, dtype=pl.String))
    return tables

"""The verbs of corpusling, corpus first, as quanteda's verbs take their corpus object.

Each verb takes a :class:`~corpusling.parsed.ParsedCorpus` (from ``cl.parse``, ``cl.load`` or
``cl.load_or_parse``) as its first argument, with the names and options of the command line, or a
:class:`~corpusling.folder.FolderCorpus` (``cl.load(folder, lazy=True)``: a parsed folder read a batch of
documents at a time, for a corpus larger than memory; same tables)::

    corpus = cl.load("parsed/wikinews")
    cl.conditionals(corpus)                          # corpusling conditionals parsed/wikinews
    cl.rates(corpus, cl.hedges(corpus), by=["category"], group_by="outlet")
    cl.concordance(corpus, '[lemma="selon"] []', sort="R1")
    cl.freq(corpus, by="lemma", group_by="outlet")

The corpus computes its quotations once, on first use, so every marker's ``in_quote`` (its voice)
comes from the same quotation table without being passed around. The older form, with the token
and documents tables as the first arguments (``cl.conditionals(tokens, documents)``), still works
and gives the same table: when the first argument is a table, the verb is the analysis module's own
function, called as it is.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from corpusling.folder import FolderCorpus
from corpusling.parsed import ParsedCorpus
from corpusling.registry import DEFAULT_LEXICON_MODE

F = TypeVar("F", bound=Callable[..., Any])


def _or_tables(legacy: Callable[..., Any]) -> Callable[[F], F]:
    """The decorated verb takes a corpus; called with a table first, it is ``legacy`` (the older form)."""
    def decorate(verb: F) -> F:
        @wraps(verb)
        def call(first: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(first, ParsedCorpus):
                return verb(first, *args, **kwargs)
            if isinstance(first, FolderCorpus):  # a folder read batch by batch
                return first.verb(verb.__name__, *args, **kwargs)
            return legacy(first, *args, **kwargs)
        call.__doc__ = (verb.__doc__ or "") + f"\n\n    Older form: :func:`{legacy.__module__}.{legacy.__name__}`."
        return call  # type: ignore[return-value]
    return decorate


def _quotes(tokens: pl.DataFrame, documents: pl.DataFrame, reporting_verbs: pl.DataFrame | None = None,
            kinds: str | None = None) -> pl.DataFrame:
    from corpusling.markers.quotes import quotes as find

    return find(tokens, documents, reporting_verbs, kinds)


def _conditionals(*args: Any, **kwargs: Any) -> pl.DataFrame:
    from corpusling.markers.conditional import conditionals as find

    return find(*args, **kwargs)


def _hedges(*args: Any, **kwargs: Any) -> pl.DataFrame:
    from corpusling.markers.hedges import hedges as find

    return find(*args, **kwargs)


def _reported(*args: Any, **kwargs: Any) -> pl.DataFrame:
    from corpusling.markers.reported import reported as find

    return find(*args, **kwargs)


def _speakers(*args: Any, **kwargs: Any) -> pl.DataFrame:
    from corpusling.markers.speakers import speakers as who

    return who(*args, **kwargs)


def _concordance(*args: Any, **kwargs: Any) -> pl.DataFrame:
    from corpusling.concordance import concordance as kwic

    return kwic(*args, **kwargs)


def _query(*args: Any, **kwargs: Any) -> pl.DataFrame:
    from corpusling.query import query as find

    return find(*args, **kwargs)


def _stats(name: str) -> Callable[..., pl.DataFrame]:
    def call(*args: Any, **kwargs: Any) -> pl.DataFrame:
        from corpusling import stats

        return getattr(stats, name)(*args, **kwargs)
    call.__name__ = name
    call.__module__ = "corpusling.stats"
    return call


def _rates(name: str) -> Callable[..., pl.DataFrame]:
    def call(*args: Any, **kwargs: Any) -> pl.DataFrame:
        return getattr(importlib.import_module("corpusling.rates"), name)(*args, **kwargs)
    call.__name__ = name
    call.__module__ = "corpusling.rates"
    return call


def _density(*args: Any, **kwargs: Any) -> pl.DataFrame:
    from corpusling.markers.quote_density import density as measure

    return measure(*args, **kwargs)


for _legacy, _module in ((_quotes, "corpusling.markers.quotes"), (_conditionals, "corpusling.markers.conditional"),
                         (_hedges, "corpusling.markers.hedges"), (_reported, "corpusling.markers.reported"),
                         (_speakers, "corpusling.markers.speakers"),
                         (_concordance, "corpusling.concordance"), (_query, "corpusling.query"),
                         (_density, "corpusling.markers.quote_density")):
    _legacy.__module__ = _module
    _legacy.__name__ = _legacy.__name__.lstrip("_")


# --------------------------------------------------------------------------- analyses

@_or_tables(_quotes)
def quotes(corpus: ParsedCorpus, reporting_verbs: pl.DataFrame | str | Path | None = None,
           kinds: str | None = None) -> pl.DataFrame:
    """Quotations: spans, kinds (direct, mixed, scare), sources and reporting verbs (``corpusling quotes``).

    With the bundled reporting-verb lexicon and the default decider of kinds the table is the corpus's own
    (computed once); with ``reporting_verbs`` (a table or a TSV file) or ``kinds`` (``"rules"``, ``"model"`` or
    ``"hybrid"``, the default: :func:`corpusling.markers.attribution.attribute`) it is computed again.
    """
    from corpusling.markers.attribution import DEFAULT_KINDS, load_reporting_verbs

    if reporting_verbs is None and kinds in (None, DEFAULT_KINDS):
        return corpus.quotes()

    lexicon = (reporting_verbs if reporting_verbs is None or isinstance(reporting_verbs, pl.DataFrame)
               else load_reporting_verbs(reporting_verbs))
    return _quotes(corpus.tokens, corpus.documents, lexicon, kinds)


def _voiced(corpus: ParsedCorpus, rows: pl.DataFrame) -> pl.DataFrame:
    """``rows`` plus ``voice``: writer, quoted or reported (:func:`corpusling.markers.voice.add_voice`)."""
    from corpusling.markers.voice import add_voice

    return add_voice(rows, corpus.quotes(), corpus.reported())


@_or_tables(_conditionals)
def conditionals(corpus: ParsedCorpus, classes: str = "rules") -> pl.DataFrame:
    """Verbs in the conditional mood, their use (``class``), the deciding ``rule`` and the ``voice`` they stand
    in: writer, quoted or reported (``corpusling conditionals``). ``classes``: who decides the use, the ordered
    rules (default) or the learned ``"model"`` (:func:`corpusling.markers.conditional.conditionals`)."""
    return _voiced(corpus, _conditionals(corpus.tokens, corpus.documents, quotes=corpus.quotes(), classes=classes))


@_or_tables(_hedges)
def hedges(corpus: ParsedCorpus, lexicon: pl.DataFrame | str | Path | None = None,
           lexicon_mode: str = DEFAULT_LEXICON_MODE) -> pl.DataFrame:
    """Hedges, source markers, unnamed sources and boosters, with their ``voice`` (``corpusling hedges``).

    ``lexicon``: a table or a TSV file of the user's; a file's entries are added to the bundled lexicon
    (``lexicon_mode="add"``, the default) or used alone (``"replace"``)."""
    if lexicon is None:
        return _voiced(corpus, corpus.hedges())
    if not isinstance(lexicon, pl.DataFrame):
        from corpusling.lexicons import load_lexicon

        lexicon = load_lexicon(lexicon, mode=lexicon_mode)
    return _voiced(corpus, _hedges(corpus.tokens, corpus.documents, lexicon=lexicon, quotes=corpus.quotes()))


@_or_tables(_reported)
def reported(corpus: ParsedCorpus) -> pl.DataFrame:
    """Reported speech without quotation marks: indirect, "selon X", incises (``corpusling reported``)."""
    return corpus.reported()


@_or_tables(_speakers)
def speakers(corpus: ParsedCorpus, reported: bool = True) -> pl.DataFrame:
    """Who is given a voice, and how much: one row per document and speaker, with the ways the text names them,
    their quotations and quoted words and, with ``reported`` (the default), their reported speech too
    (``n_direct, n_mixed, n_reported, reported_words``): the ``speakers.csv`` of ``corpusling report``.
    ``reported=False`` gives the quotations' speakers alone, the table ``corpusling quotes --speakers`` writes
    (:func:`corpusling.markers.speakers.speakers`). Read from the corpus's own quotation and reported-speech
    tables (computed once)."""
    return _speakers(corpus.quotes(), corpus.tokens, corpus.documents,
                     reported=corpus.reported() if reported else None)


@_or_tables(_density)
def density(corpus: ParsedCorpus, group_by: str | None = None, per: float = 1000, n_boot: int = 2000,
            seed: int = 0) -> pl.DataFrame:
    """Quotation density per document and group, with confidence intervals (``corpusling quotes --density``)."""
    return _density(corpus.quotes(), corpus.tokens, corpus.documents, group_by=group_by, per=per, n_boot=n_boot,
                    seed=seed)


# --------------------------------------------------------------------------- queries and statistics

@_or_tables(_query)
def query(corpus: ParsedCorpus, pattern: Any) -> pl.DataFrame:
    """Matches of a token pattern (the query language of ``corpusling concordance``)."""
    return _query(corpus.tokens, pattern, corpus.documents)


@_or_tables(_concordance)
def concordance(corpus: ParsedCorpus, pattern: Any, width: int = 5, unit: str = "words", sort: str | None = None,
                sample: int | None = None, seed: int = 0, metadata: list[str] | None = None) -> pl.DataFrame:
    """KWIC lines of a query (``corpusling concordance``)."""
    return _concordance(corpus.tokens, corpus.documents, pattern, width=width, unit=unit, sort=sort, sample=sample,
                        seed=seed, metadata=metadata)


def count(corpus: ParsedCorpus | FolderCorpus, pattern: Any, by: list[str] | str) -> pl.DataFrame:
    """Hits of a query counted by ``match.ATTR``, ``L1.ATTR``/``R1.ATTR``… or ``doc.COLUMN``, with per-million
    and document counts (``corpusling concordance … --count KEY``; :mod:`corpusling.hits`)."""
    from corpusling.hits import count_hits

    if isinstance(corpus, FolderCorpus):
        return corpus.verb("count", pattern, by)
    return count_hits(corpus.tokens, corpus.documents, pattern, by)


@_or_tables(_stats("freq"))
def freq(corpus: ParsedCorpus, by: str | list[str] = "lemma", where: Any = None, group_by: str | None = None,
         min_count: int = 1, lowercase: bool = False, top: int | None = None,
         include_punct: bool = False) -> pl.DataFrame:
    """Frequency list, per group of documents with ``group_by`` (``corpusling freq``)."""
    from corpusling import stats

    return stats.freq(corpus.tokens, by=by, where=where, documents=corpus.documents, group_by=group_by,
                      min_count=min_count, lowercase=lowercase, top=top, include_punct=include_punct)


@_or_tables(_stats("ngrams"))
def ngrams(corpus: ParsedCorpus, n: int = 2, by: str = "form", where: Any = None, min_count: int = 1,
           lowercase: bool = False, top: int | None = None, include_punct: bool = False) -> pl.DataFrame:
    """Contiguous n-grams inside sentences (``corpusling freq --ngram N``)."""
    from corpusling import stats

    return stats.ngrams(corpus.tokens, n=n, by=by, where=where, min_count=min_count, lowercase=lowercase, top=top,
                        include_punct=include_punct)


@_or_tables(_stats("collocates"))
def collocates(corpus: ParsedCorpus, pattern: Any, window: int | tuple[int, int] = 5, by: str = "lemma",
               min_count: int = 3, where: Any = None, lowercase: bool = False, sort: str = "ll",
               attraction: bool | None = None, include_punct: bool = False, left: int | None = None,
               right: int | None = None, with_repelled: bool = False) -> pl.DataFrame:
    """Collocates of a query with association measures (``corpusling collocates``): ``window`` words on each side
    (or ``(left, right)``), ``left``/``right`` overriding a side (``--left``/``--right``), the words the node
    attracts only unless ``with_repelled`` (``--with-repelled``; ``attraction=False`` is its older name)."""
    from corpusling import stats

    return stats.collocates(corpus.tokens, pattern, window=window, by=by, min_count=min_count, where=where,
                            lowercase=lowercase, sort=sort, attraction=attraction, include_punct=include_punct,
                            left=left, right=right, with_repelled=with_repelled)


@_or_tables(_stats("keyness"))
def keyness(corpus: ParsedCorpus, group_by: str | None = None,
            reference: ParsedCorpus | FolderCorpus | pl.DataFrame | None = None, by: str = "lemma", where: Any = None,
            min_count: int = 5, lowercase: bool = False, include_punct: bool = False) -> pl.DataFrame:
    """Keywords of each group against the rest, or of the corpus against a reference (``corpusling keyness``; a
    reference folder read batch by batch is counted so, :func:`corpusling.folder.keyness_counts`)."""
    from corpusling import stats

    if isinstance(reference, FolderCorpus):
        from corpusling.errors import QueryError
        from corpusling.folder import keyness_counts

        if group_by is not None:
            raise QueryError("keyness needs either group_by (a metadata column) or reference (a token table)")
        options = {"by": by, "where": where, "lowercase": lowercase, "include_punct": include_punct}
        return stats.keyness_table(*keyness_counts(corpus, **options), reference=keyness_counts(reference, **options),
                                   min_count=min_count)
    ref = reference.tokens if isinstance(reference, ParsedCorpus) else reference
    return stats.keyness(corpus.tokens, corpus.documents, group_by=group_by, reference=ref, by=by, where=where,
                         min_count=min_count, lowercase=lowercase, include_punct=include_punct)


@_or_tables(_stats("dispersion"))
def dispersion(corpus: ParsedCorpus, items: Any = None, by: str = "lemma", parts: str = "doc_id",
               min_count: int = 1, lowercase: bool = False, include_punct: bool = False) -> pl.DataFrame:
    """How evenly items spread over documents or other parts (``corpusling dispersion``)."""
    from corpusling import stats

    return stats.dispersion(corpus.tokens, items, by=by, parts=parts, documents=corpus.documents,
                            min_count=min_count, lowercase=lowercase, include_punct=include_punct)


@_or_tables(_stats("positions"))
def positions(corpus: ParsedCorpus, pattern: Any, include_punct: bool = False) -> pl.DataFrame:
    """Where each match of a query falls in its document, for a dispersion plot (``corpusling dispersion -q QUERY
    --positions FILE``): ``doc_id, start_char, word, doc_words, relative, corpus_word``."""
    from corpusling import stats

    return stats.positions(corpus.tokens, pattern, include_punct=include_punct)


@_or_tables(_rates("rates"))
def rates(corpus: ParsedCorpus, rows: pl.DataFrame, by: list[str] | None = None, group_by: str | None = None,
          per: float = 1000, n_boot: int = 2000, seed: int = 0, level: float = 0.95,
          include_punct: bool = False) -> pl.DataFrame:
    """Rates of a marker table per ``per`` word tokens (every token with ``include_punct``), with confidence
    intervals resampled over documents."""
    measure = importlib.import_module("corpusling.rates")  # the module: corpusling.rates is this verb
    return measure.rates(rows, None, corpus.documents, by=by, group_by=group_by, per=per, n_boot=n_boot, seed=seed,
                         level=level, sizes=_sizes(corpus, include_punct))


@_or_tables(_rates("compare"))
def compare(corpus: ParsedCorpus, rows: pl.DataFrame, group_by: str, by: list[str] | None = None,
            include_punct: bool = False) -> pl.DataFrame:
    """Each group against the rest of the corpus: G², p, log ratio."""
    measure = importlib.import_module("corpusling.rates")  # the module: corpusling.rates is this verb
    return measure.compare(rows, None, corpus.documents, group_by, by=by, sizes=_sizes(corpus, include_punct))


def _sizes(corpus: ParsedCorpus, include_punct: bool) -> pl.DataFrame:
    """The corpus's word tokens per document (kept), or every token per document."""
    if not include_punct:
        return corpus.sizes()
    return importlib.import_module("corpusling.rates").document_sizes(corpus.tokens, include_punct=True)


__all__ = ["collocates", "compare", "concordance", "conditionals", "count", "density", "dispersion", "freq", "hedges",
           "keyness", "ngrams", "positions", "query", "quotes", "rates", "reported", "speakers"]

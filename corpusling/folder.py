"""A parsed folder read a batch of whole documents at a time: the verbs of a corpus, in bounded memory.

``cl.load(folder, lazy=True)`` gives a :class:`FolderCorpus`. The corpus-first verbs take it as they
take a :class:`~corpusling.parsed.ParsedCorpus` and give the same tables, combined from batches of
whole documents (about ``batch_words`` words each), so memory stays bounded by a batch:

* per-document rows (``quotes``, ``conditionals``, ``hedges``, ``reported``, ``speakers``, ``query`` with its
  matches numbered on, ``concordance``) are stacked in the order one run on the whole corpus gives
  (:func:`corpusling.registry.stack`);
* counts add (``freq`` through :func:`corpusling.lazy.frequencies`, ``count``), and so do the
  documents' word counts, from which ``rates`` and ``compare`` take their denominators;
* the statistics (``ngrams``, ``keyness``, ``collocates``, ``dispersion``) are functions of counts that add
  over documents (n-grams, collocation windows and query matches never cross a sentence, parts are whole
  documents or groups of them): each batch's counts (``stats.*_counts``) are added up, and the measures are
  computed once from the sums by the function the corpus in memory calls (``stats.*_table``);
  ``positions`` are per document, their ``corpus_word`` numbered on over the batches.

Memory is that of one batch plus the tables of counts (a vocabulary, as a frequency list's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl

from corpusling.errors import InputError
from corpusling.parsed import ParsedCorpus


class FolderCorpus:
    """A parsed folder whose verbs stream batches of whole documents (see the module docstring)."""

    def __init__(self, folder: Path | str, batch_words: int | None = None) -> None:
        from corpusling.checks import check_count
        from corpusling.lazy import BATCH_WORDS
        from corpusling.parsed import documents_table, folder_model, is_parsed_folder

        self.folder = Path(folder)
        if not is_parsed_folder(self.folder):
            raise InputError(f"{folder} is not a parsed corpus folder; create one with `corpusling parse INPUT "
                             "--out FOLDER`")
        self.batch_words = batch_words or BATCH_WORDS
        check_count(self.batch_words, "batch_words", minimum=1)
        self.documents = documents_table(self.folder)
        self.model = folder_model(self.folder)
        self._kept: dict[str, pl.DataFrame] = {}

    def __repr__(self) -> str:
        return f"FolderCorpus({str(self.folder)!r}, {self.documents.height:,} documents, batches of " \
               f"{self.batch_words:,} words)"

    def batches(self) -> Iterator[ParsedCorpus]:
        """The corpus a batch of whole documents at a time (:func:`corpusling.lazy.document_batches`)."""
        from corpusling.lazy import document_batches

        for batch in document_batches(self.folder, self.batch_words):
            batch.model = self.model
            yield batch

    def map(self, analysis: Callable[[ParsedCorpus], pl.DataFrame], row_order: str = "doc_id") -> pl.DataFrame:
        """``analysis`` of each batch, stacked in the order one run on the whole corpus gives (``row_order``:
        "doc_id" when the analysis sorts its rows by document id, "documents" when it keeps the corpus's)."""
        from corpusling.registry import Analysis, stack

        parts = [analysis(batch) for batch in self.batches()]
        if not parts:
            raise InputError(f"{self.folder} holds no words")
        return stack(Analysis("", "", "", (), row_order=row_order), parts)

    def sizes(self) -> pl.DataFrame:
        """Word tokens per document (``doc_id, n_words``, as :func:`corpusling.rates.document_sizes` counts them),
        counted once from the three columns a word count reads (``doc_id, upos, form``): the folder's Parquet
        parts are scanned for those columns alone, in a streaming query, not read whole batch by batch."""
        if "sizes" not in self._kept:
            from corpusling.lazy import document_sizes

            self._kept["sizes"] = document_sizes(self.folder)
        return self._kept["sizes"]

    def verb(self, name: str, *args: Any, **kwargs: Any) -> pl.DataFrame:
        """Run the corpus-first verb ``name`` batch by batch (what :mod:`corpusling.verbs` calls)."""
        from corpusling import verbs

        if name in PER_DOCUMENT:
            whole = getattr(verbs, name)
            return self.map(lambda batch: whole(batch, *args, **kwargs), PER_DOCUMENT[name])
        if name in COMBINED:
            return COMBINED[name](self, *args, **kwargs)
        raise InputError(f"{name}() is not available batch by batch: load the folder in memory with "
                         f"cl.load({str(self.folder)!r})")


#: Verbs whose rows depend on one document at a time, and the order of their rows (see :meth:`FolderCorpus.map`).
PER_DOCUMENT: dict[str, str] = {"quotes": "doc_id", "conditionals": "doc_id", "hedges": "documents",
                                "reported": "doc_id", "speakers": "doc_id"}


def _freq(corpus: FolderCorpus, by: str | list[str] = "lemma", where: Any = None, group_by: str | None = None,
          min_count: int = 1, lowercase: bool = False, top: int | None = None,
          include_punct: bool = False) -> pl.DataFrame:
    from corpusling.lazy import frequencies

    return frequencies(corpus.folder, by=by, where=where, lowercase=lowercase, min_count=min_count, top=top,
                       group_by=group_by, max_words=corpus.batch_words, include_punct=include_punct)


def _query(corpus: FolderCorpus, pattern: Any) -> pl.DataFrame:
    """Matches of each batch, numbered on from the batches before (``match_id``; ``first_row`` and ``last_row``,
    rows of the whole token table), as one run on the whole corpus numbers them."""
    from corpusling import verbs

    parts, matches, rows = [], 0, 0
    for batch in corpus.batches():
        found = verbs.query(batch, pattern)
        found = found.with_columns((pl.col("match_id") + matches).cast(found.schema["match_id"]),
                                   *[(pl.col(c) + rows).cast(found.schema[c]) for c in ("first_row", "last_row")])
        matches, rows = matches + found.height, rows + batch.tokens.height
        parts.append(found)
    if not parts:
        raise InputError(f"{corpus.folder} holds no words")
    return pl.concat(parts)


def _concordance(corpus: FolderCorpus, pattern: Any, width: int = 5, unit: str = "words", sort: str | None = None,
                 sample: int | None = None, seed: int = 0, metadata: list[str] | None = None) -> pl.DataFrame:
    from corpusling.lazy import concordance

    return concordance(corpus.folder, pattern, width=width, unit=unit, sort=sort, sample=sample, seed=seed,
                       metadata=metadata, max_words=corpus.batch_words)


def _count(corpus: FolderCorpus, pattern: Any, by: list[str] | str) -> pl.DataFrame:
    """Counts and documents add over batches; per million of all the corpus's tokens, as the whole corpus gives."""
    from corpusling.hits import count_hits

    parts, n_tokens = [], 0
    for batch in corpus.batches():
        parts.append(count_hits(batch.tokens, batch.documents, pattern, by))
        n_tokens += batch.tokens.height
    table = pl.concat(parts)
    keys = [c for c in table.columns if c not in ("count", "per_million", "documents")]
    return (table.group_by(keys).agg(pl.col("count").sum(), pl.col("documents").sum())
            .with_columns((pl.col("count") * 1e6 / max(n_tokens, 1)).alias("per_million"))
            .select(*keys, "count", "per_million", "documents")
            .sort(["count", *keys], descending=[True, *([False] * len(keys))]))


def _rates(corpus: FolderCorpus, rows: pl.DataFrame, by: list[str] | None = None, group_by: str | None = None,
           per: float = 1000, n_boot: int = 2000, seed: int = 0, level: float = 0.95,
           include_punct: bool = False) -> pl.DataFrame:
    from corpusling.rates import rates

    _no_punct(include_punct)
    return rates(rows, None, corpus.documents, by=by, group_by=group_by, per=per, n_boot=n_boot, seed=seed,
                 level=level, sizes=corpus.sizes())


def _compare(corpus: FolderCorpus, rows: pl.DataFrame, group_by: str, by: list[str] | None = None,
             include_punct: bool = False) -> pl.DataFrame:
    from corpusling.rates import compare

    _no_punct(include_punct)
    return compare(rows, None, corpus.documents, group_by, by=by, sizes=corpus.sizes())


def _no_punct(include_punct: bool) -> None:
    if include_punct:
        raise InputError("include_punct=True: batch by batch, rates count word tokens only; load the folder in "
                         "memory to count every token")


class _Sums:
    """Count tables of the batches added up by ``keys`` (the other columns summed, in their own types): folded
    whenever the rows waiting reach the sum's, so that the work is amortised and memory stays within about twice the
    summed table."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.total: pl.DataFrame | None = None
        self.waiting: list[pl.DataFrame] = []
        self.rows = 0  # rows waiting

    def add(self, part: pl.DataFrame) -> None:
        self.waiting.append(part)
        self.rows += part.height
        if self.total is None or self.rows >= self.total.height:
            self._fold()

    def _fold(self) -> None:
        tables = ([] if self.total is None else [self.total]) + self.waiting
        schema = tables[0].schema
        self.total = (pl.concat(tables, how="vertical_relaxed").group_by(self.keys).agg(pl.exclude(self.keys).sum())
                      .select(schema.names()).cast(dict(schema)))
        self.waiting, self.rows = [], 0

    def sum(self) -> pl.DataFrame:
        """The tables added so far, summed (at least one must have been added)."""
        if self.waiting or self.total is None:
            self._fold()
        assert self.total is not None
        return self.total


def _added(corpus: FolderCorpus, counts: Callable[[ParsedCorpus], tuple[Any, ...]],
           keys: list[list[str] | None]) -> list[Any]:
    """``counts`` of each batch added up: the tables by their ``keys`` (:class:`_Sums`), the numbers (``None``
    keys) summed."""
    sums: list[Any] = [_Sums(k) if k is not None else 0 for k in keys]
    seen = False
    for batch in corpus.batches():
        seen = True
        for i, part in enumerate(counts(batch)):
            if isinstance(sums[i], _Sums):
                sums[i].add(part)
            else:
                sums[i] += part
    if not seen:
        raise InputError(f"{corpus.folder} holds no words")
    return [s.sum() if isinstance(s, _Sums) else s for s in sums]


def _ngrams(corpus: FolderCorpus, n: int = 2, by: str = "form", where: Any = None, min_count: int = 1,
            lowercase: bool = False, top: int | None = None, include_punct: bool = False) -> pl.DataFrame:
    """N-gram counts and sizes add (an n-gram lies in one sentence); the list is made once from the sums."""
    from corpusling import stats

    counts, size = _added(corpus, lambda b: stats.ngram_counts(b.tokens, n, by, where, lowercase, include_punct),
                          [["ngram"], None])
    return stats.ngrams_table(counts, size, min_count=min_count, top=top)


def keyness_counts(source: FolderCorpus | ParsedCorpus | pl.DataFrame, group_by: str | None = None,
                   by: str = "lemma", where: Any = None, lowercase: bool = False,
                   include_punct: bool = False) -> tuple[pl.DataFrame, pl.DataFrame]:
    """:func:`corpusling.stats.keyness_counts` of a corpus in memory, a token table, or a folder's batches added
    up (items by group, sizes by group)."""
    from corpusling import stats

    options = {"by": by, "where": where, "lowercase": lowercase, "include_punct": include_punct}
    if isinstance(source, FolderCorpus):
        from corpusling.groups import check_group_by

        check_group_by(source.documents, group_by)  # before any reading
        groups = ["group"] if group_by else []
        counts, sizes = _added(source, lambda b: stats.keyness_counts(b.tokens, b.documents, group_by, **options),
                               [[*groups, "item"], groups or ["_all"]])
        return counts, sizes
    if isinstance(source, ParsedCorpus):
        return stats.keyness_counts(source.tokens, source.documents, group_by, **options)
    return stats.keyness_counts(source, None, group_by, **options)


def _keyness(corpus: FolderCorpus, group_by: str | None = None,
             reference: FolderCorpus | ParsedCorpus | pl.DataFrame | None = None, by: str = "lemma",
             where: Any = None, min_count: int = 5, lowercase: bool = False,
             include_punct: bool = False) -> pl.DataFrame:
    """Items' counts and sizes add, per group (or of the corpus, and of the reference: a table, a corpus or
    another folder read batch by batch); G², log ratio and %DIFF are computed once from the sums."""
    from corpusling import stats
    from corpusling.errors import QueryError

    if (group_by is None) == (reference is None):
        raise QueryError("keyness needs either group_by (a metadata column) or reference (a token table)")
    options = {"by": by, "where": where, "lowercase": lowercase, "include_punct": include_punct}
    ref = None if reference is None else keyness_counts(reference, **options)
    return stats.keyness_table(*keyness_counts(corpus, group_by, **options), reference=ref, group_by=group_by,
                               min_count=min_count)


def _collocates(corpus: FolderCorpus, pattern: Any, window: int | tuple[int, int] = 5, by: str = "lemma",
                min_count: int = 3, where: Any = None, lowercase: bool = False, sort: str = "ll",
                attraction: bool | None = None, include_punct: bool = False, left: int | None = None,
                right: int | None = None, with_repelled: bool = False) -> pl.DataFrame:
    """Co-occurrences, the items' frequencies, the corpus size and the node's matches add (a match and its window
    lie in one sentence); the association measures are computed once from the sums."""
    from corpusling import stats

    if isinstance(pattern, pl.DataFrame):
        raise InputError("batch by batch, collocates take a query, not a table of matches (its rows are rows of "
                         "the whole token table)")
    with_repelled = stats._repelled(with_repelled, attraction)
    left, right = stats._window(window, left, right)
    counts = _added(corpus, lambda b: stats.collocate_counts(b.tokens, pattern, left, right, by=by, where=where,
                                                             lowercase=lowercase, include_punct=include_punct),
                    [["collocate"], ["collocate"], None, None])
    return stats.collocates_table(*counts, left=left, right=right, min_count=min_count, sort=sort,
                                  with_repelled=with_repelled)


def _dispersion(corpus: FolderCorpus, items: Any = None, by: str = "lemma", parts: str = "doc_id",
                min_count: int = 1, lowercase: bool = False, include_punct: bool = False) -> pl.DataFrame:
    """Items' counts per part and the parts' sizes add (a document lies in one batch; a part of several documents
    adds over batches); range, Juilland's D and DP are computed once from the sums."""
    from corpusling import stats

    counts, sizes = _added(corpus, lambda b: stats.dispersion_counts(b.tokens, items, by=by, parts=parts,
                                                                     documents=b.documents, lowercase=lowercase,
                                                                     include_punct=include_punct),
                           [["item", "part"], ["part"]])
    return stats.dispersion_table(counts, sizes, min_count=min_count)


def _positions(corpus: FolderCorpus, pattern: Any, include_punct: bool = False) -> pl.DataFrame:
    """Where each match falls (word of its document, per document; :func:`corpusling.stats.positions`), batch by
    batch, ``corpus_word`` (a row of the whole token table) numbered on from the batches before."""
    from corpusling import stats

    parts, rows = [], 0
    for batch in corpus.batches():
        found = stats.positions(batch.tokens, pattern, include_punct=include_punct)
        parts.append(found.with_columns(pl.col("corpus_word") + rows))
        rows += batch.tokens.height
    parts = [p for p in parts if p.height] or parts[:1]  # an empty batch's columns may have other types
    if not parts:
        raise InputError(f"{corpus.folder} holds no words")
    return pl.concat(parts)


#: Verbs whose batches' results are combined (counts add).
COMBINED: dict[str, Callable[..., pl.DataFrame]] = {"freq": _freq, "query": _query, "concordance": _concordance,
                                                    "count": _count, "rates": _rates, "compare": _compare,
                                                    "ngrams": _ngrams, "keyness": _keyness,
                                                    "collocates": _collocates, "dispersion": _dispersion,
                                                    "positions": _positions}


def load(folder: Path | str, lazy: bool = False, batch_words: int | None = None) -> ParsedCorpus | FolderCorpus:
    """A parsed folder: in memory (:func:`corpusling.parsed.load`), or with ``lazy`` read a batch of
    ``batch_words`` words at a time (:class:`FolderCorpus`), for a corpus larger than memory."""
    if lazy or batch_words is not None:
        return FolderCorpus(folder, batch_words)
    from corpusling.parsed import load as load_whole

    return load_whole(folder)


__all__ = ["COMBINED", "FolderCorpus", "PER_DOCUMENT", "keyness_counts", "load"]

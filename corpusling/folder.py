"""A parsed folder read a batch of whole documents at a time: the verbs of a corpus, in bounded memory.

``cl.load(folder, lazy=True)`` gives a :class:`FolderCorpus`. The corpus-first verbs take it as they
take a :class:`~corpusling.parsed.ParsedCorpus` and give the same tables, combined from batches of
whole documents (about ``batch_words`` words each), so memory stays bounded by a batch:

* per-document rows (``quotes``, ``conditionals``, ``hedges``, ``reported``, ``speakers``, ``query`` with its
  matches numbered on, ``concordance``) are stacked in the order one run on the whole corpus gives
  (:func:`corpusling.registry.stack`);
* counts add (``freq`` through :func:`corpusling.lazy.frequencies`, ``count``), and so do the
  documents' word counts, from which ``rates`` and ``compare`` take their denominators.

Verbs whose measures need the whole corpus at once (collocates, keyness, dispersion, n-grams) are
refused with a message: load the folder in memory for them (``cl.load(folder)``).
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
        raise InputError(f"{name}() needs the whole corpus at once and is not available batch by batch: load the "
                         f"folder in memory with cl.load({str(self.folder)!r})")


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


#: Verbs whose batches' results are combined (counts add).
COMBINED: dict[str, Callable[..., pl.DataFrame]] = {"freq": _freq, "query": _query, "concordance": _concordance,
                                                    "count": _count, "rates": _rates, "compare": _compare}


def load(folder: Path | str, lazy: bool = False, batch_words: int | None = None) -> ParsedCorpus | FolderCorpus:
    """A parsed folder: in memory (:func:`corpusling.parsed.load`), or with ``lazy`` read a batch of
    ``batch_words`` words at a time (:class:`FolderCorpus`), for a corpus larger than memory."""
    if lazy or batch_words is not None:
        return FolderCorpus(folder, batch_words)
    from corpusling.parsed import load as load_whole

    return load_whole(folder)


__all__ = ["COMBINED", "FolderCorpus", "PER_DOCUMENT", "load"]

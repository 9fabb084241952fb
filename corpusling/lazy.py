"""Analyses of a parsed folder whose token table does not fit in memory.

A parsed folder (``corpusling parse --out``) holds the token table as Parquet parts.
Here it is never loaded whole:

* :func:`frequencies` and :func:`document_rates` are polars queries over
  ``pl.scan_parquet`` run by the streaming engine, which reads the parts in
  batches and keeps only the aggregates (the vocabulary, one row per document);
* :func:`document_batches` yields the corpus a few documents at a time (about
  ``max_words`` words each, whole documents only), so that any document-level
  analysis (concordance, conditionals, hedges, quotations) runs batch by batch
  through :func:`map_documents`; :func:`concordance` is that for KWIC lines.

Peak memory is then that of one batch, whatever the size of the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl

from corpusling import tokens as tok
from corpusling.errors import InputError, QueryError
from corpusling.groups import check_group_by, group_column
from corpusling.parsed import ParsedCorpus, is_parsed_folder, part_files, scan_tokens

#: Words per batch of :func:`document_batches` (about 25 MB of token table; peak memory about 300 MB).
BATCH_WORDS = 250_000


def _folder(folder: Path | str) -> Path:
    folder = Path(folder)
    if not is_parsed_folder(folder):
        raise InputError(f"{folder} is not a parsed corpus folder; create one with "
                         "`corpusling parse INPUT --out FOLDER`")
    return folder


def _token_files(folder: Path) -> list[Path]:
    return part_files(folder, "tokens") if (folder / "tokens").is_dir() else [folder / "tokens.parquet"]


def scan_documents(folder: Path | str) -> pl.LazyFrame:
    """Lazy documents table (``doc_id``, metadata, ``text``) of a parsed folder."""
    folder = _folder(folder)
    if (folder / "documents").is_dir():
        parts = part_files(folder, "documents")
        return pl.concat([pl.scan_parquet(p) for p in parts], how="diagonal_relaxed")
    return pl.scan_parquet(folder / "documents.parquet")


def count_words(folder: Path | str, include_punct: bool = False) -> int:
    """Number of word tokens of the corpus (:func:`corpusling.tokens.is_word`: punctuation and symbols left
    out), in one streaming pass over ``upos`` and ``form``; with ``include_punct`` every token, read from the
    Parquet metadata (no data read)."""
    lazy = scan_tokens(_folder(folder))
    if include_punct:
        return int(lazy.select(pl.len()).collect().item())
    lazy, word = _word_columns(lazy)
    return int(lazy.select(word.sum()).collect(engine="streaming").item())


def frequencies(folder: Path | str, by: str | list[str] = "lemma", where: pl.Expr | str | None = None,
                lowercase: bool = False, min_count: int = 1, top: int | None = None, group_by: str | None = None,
                max_words: int = BATCH_WORDS, include_punct: bool = False) -> pl.DataFrame:
    """Frequency list of a parsed folder without loading it: the table of :func:`corpusling.stats.freq`.

    Columns ``[group,] *by, count, per_million`` (per million word tokens of the whole corpus, or of
    the group), most frequent first; word tokens only, punctuation and symbols left out (every token
    with ``include_punct``). ``where`` is a condition on words, either a polars expression
    (``pl.col("upos") == "NOUN"``), counted in one streaming pass over the parts, or a one-word
    query (``'[upos="NOUN"]'``), evaluated a batch of documents at a time; ``group_by`` (a metadata
    column) and ``by="token_text"`` (surface tokens, each multi-word token once) also go batch by
    batch. Counts and sizes are summed over the batches, so the table is the one the whole corpus in
    memory would give.
    """
    from corpusling import stats

    columns = [by] if isinstance(by, str) else list(by)
    folder = _folder(folder)
    lazy = scan_tokens(folder)
    names = lazy.collect_schema().names()
    missing = [c for c in columns if c not in names]
    if missing:
        raise QueryError(f"no column {missing[0]!r} in the token table")
    check_group_by(scan_documents(folder), group_by)  # from the schema, before any reading
    surface = "token_text" in columns and set(columns) <= tok.SURFACE_COLUMNS
    if isinstance(where, str) or group_by or surface:
        if isinstance(where, str):
            from corpusling.query import parse as parse_query

            parse_query(where)  # a syntax error stops here, before any reading
        groups = ["group"] if group_by else []
        parts = map_documents(folder, lambda c: stats.freq(c.tokens, columns, where=where, documents=c.documents,
                                                           group_by=group_by, lowercase=lowercase,
                                                           include_punct=include_punct), max_words)
        schema = {**({"group": pl.String} if group_by else {}), **{c: pl.String for c in columns}, "count": pl.Int64}
        counts = (parts.group_by(*groups, *columns).agg(pl.col("count").sum()) if parts.height
                  else pl.DataFrame(schema=schema)).filter(pl.col("count") >= min_count)
        if surface:  # surface tokens are counted in batches of whole documents, as their counts were
            sizes = map_documents(folder, lambda c: stats.sizes(c.tokens, columns, c.documents, group_by,
                                                                include_punct), max_words)
            sizes = (sizes.group_by(groups or pl.lit(1).alias("_all")).agg(pl.col("n_words").sum().alias("_size"))
                     if sizes.height else pl.DataFrame({**({"group": []} if groups else {"_all": []}), "_size": []}))
        elif group_by:
            words = (lazy.group_by(pl.col("doc_id").cast(pl.String))
                     .agg(tok.counted(include_punct, names).sum().alias("n_words"))
                     .collect(engine="streaming"))
            meta = scan_documents(folder).select(list(dict.fromkeys(["doc_id", group_by]))).collect()
            sizes = (group_column(meta, group_by).join(words, on="doc_id", how="inner")
                     .group_by("group").agg(pl.col("n_words").sum().alias("_size")))
        else:
            sizes = pl.DataFrame({"_all": [1], "_size": [count_words(folder, include_punct)]})
        counts = (counts.join(sizes, on="group", how="left") if groups
                  else counts.join(sizes.select("_size"), how="cross"))
        out = (counts.with_columns((pl.col("count") * 1e6 / pl.col("_size")).alias("per_million")).drop("_size")
               .sort([*groups, "count", *columns],
                     descending=[*([False] * len(groups)), True, *([False] * len(columns))]))
        if top:
            out = out.group_by(groups, maintain_order=True).head(top) if groups else out.head(top)
        return out
    total = count_words(folder, include_punct)
    lazy = lazy.filter(tok.counted(include_punct, names))
    if where is not None:
        lazy = lazy.filter(where.fill_null(False))
    keys = [pl.col(c).cast(pl.String) for c in columns]
    keys = [(k.str.to_lowercase() if lowercase else k).alias(c) for k, c in zip(keys, columns, strict=True)]
    counts = (lazy.group_by(keys).agg(pl.len().alias("count")).filter(pl.col("count") >= min_count)
              .collect(engine="streaming"))
    out = (counts.with_columns((pl.col("count") * 1e6 / max(total, 1)).alias("per_million"))
           .sort(["count", *columns], descending=[True, *([False] * len(columns))]))
    return out.head(top) if top else out


def _word_columns(scan: pl.LazyFrame) -> tuple[pl.LazyFrame, pl.Expr]:
    """``scan`` with the columns a word count reads (``upos``, ``form``) added as nulls where the folder has none, as
    :func:`corpusling.tokens.from_rows` adds them when the folder is loaded, and the word condition on them: the
    rows :func:`corpusling.rates.document_sizes` counts in memory."""
    stored = scan.collect_schema().names()
    missing = [pl.lit(None, tok.SCHEMA[c]).alias(c) for c in ("upos", "form") if c not in stored]
    return (scan.with_columns(missing) if missing else scan), tok.is_word(["upos", "form"])


def document_sizes(folder: Path | str, include_punct: bool = False) -> pl.DataFrame:
    """Words per document of a parsed folder (``doc_id`` String, ``n_words`` UInt32), in one streaming pass over
    ``doc_id``, ``upos`` and ``form``: the counts :meth:`ParsedCorpus.sizes` gives the folder loaded in memory
    (word tokens, punctuation and symbols left out; every token with ``include_punct``), the denominator of
    every rate."""
    scan, word = _word_columns(scan_tokens(_folder(folder)))
    counted = pl.len() if include_punct else word.sum()
    return (scan.group_by("doc_id").agg(counted.cast(pl.UInt32).alias("n_words"))
            .with_columns(pl.col("doc_id").cast(pl.String))
            .collect(engine="streaming"))


def document_rates(folder: Path | str, markers: pl.Expr | pl.DataFrame, per: float = 1000,
                   metadata: bool = True) -> pl.DataFrame:
    """Per document: ``doc_id``, metadata, ``n_words``, ``count``, ``rate`` per ``per`` words (streaming).

    ``n_words`` counts word tokens (punctuation and symbols left out), as :meth:`ParsedCorpus.sizes` and
    :func:`document_sizes` do: the denominator of the rates of the corpus in memory. ``markers`` is either a
    condition on words (``pl.col("mood") == "Cnd"``), counted in the same pass over the parts, or a marker
    table with a ``doc_id`` column (e.g. from :func:`map_documents`), counted per document.
    """
    folder = _folder(folder)
    if isinstance(markers, pl.Expr):
        scan, word = _word_columns(scan_tokens(folder))
        table = (scan.group_by(pl.col("doc_id").cast(pl.String))
                 .agg(word.sum().cast(pl.Int64).alias("n_words"), markers.fill_null(False).cast(pl.Int64).sum()
                      .alias("count"))
                 .collect(engine="streaming"))
    else:
        words = document_sizes(folder).with_columns(pl.col("n_words").cast(pl.Int64))
        counts = (markers.group_by(pl.col("doc_id").cast(pl.String))
                  .agg(pl.len().cast(pl.Int64).alias("count")))
        table = words.join(counts, on="doc_id", how="left").with_columns(pl.col("count").fill_null(0))
    table = table.with_columns((pl.col("count") * per / pl.col("n_words")).alias("rate"))
    if metadata:
        docs = scan_documents(folder)
        meta = [c for c in docs.collect_schema().names() if c != "text"]
        info = docs.select(meta).with_columns(pl.col("doc_id").cast(pl.String)).collect(engine="streaming")
        table = info.join(table, on="doc_id", how="inner", maintain_order="left")
    return table


def _tail_length(doc_ids: pl.Series) -> int:
    """Rows of the last document at the end of a batch (the run of its last ``doc_id``)."""
    return int((doc_ids.reverse().rle_id() == 0).sum())


def document_batches(folder: Path | str, max_words: int = BATCH_WORDS) -> Iterator[ParsedCorpus]:
    """The corpus a few whole documents at a time (about ``max_words`` words per batch).

    Parts are read in name order, ``max_words`` rows at a time; a document that runs on
    into the next slice waits for it, so each batch holds whole documents. Each document's
    words must be contiguous in that order, as ``corpusling parse`` writes them; otherwise
    :class:`InputError` is raised.
    """
    folder = _folder(folder)
    documents = scan_documents(folder).with_columns(pl.col("doc_id").cast(pl.String))
    seen: set[str] = set()
    carry: pl.DataFrame | None = None

    def emit(frame: pl.DataFrame) -> ParsedCorpus:
        ids = frame["doc_id"].cast(pl.String).unique()
        again = [i for i in ids.to_list() if i in seen]
        if again:
            raise InputError(f"document {again[0]!r} is split across non-adjacent parts of {folder}; "
                             "rewrite the folder with `corpusling parse` or load it in memory")
        seen.update(ids.to_list())
        docs = documents.filter(pl.col("doc_id").is_in(ids.implode())).collect(engine="streaming")
        return ParsedCorpus(tokens=tok.from_rows(frame), documents=docs)

    files = _token_files(folder)
    slices = []
    for path in files:
        rows = int(pl.scan_parquet(path).select(pl.len()).collect().item())
        slices.extend((path, start) for start in range(0, rows, max_words))
    for number, (path, start) in enumerate(slices):
        frame = pl.scan_parquet(path).slice(start, max_words).collect()
        frame = frame.with_columns(pl.col("doc_id").cast(pl.String))
        if carry is not None:
            frame = pl.concat([carry, frame], how="vertical_relaxed")
            carry = None
        last = number == len(slices) - 1
        tail = 0 if last else _tail_length(frame["doc_id"])
        if tail == frame.height:  # one document longer than the slice: read on
            carry = frame
            continue
        if tail:
            carry = frame.tail(tail)
            frame = frame.head(frame.height - tail)
        if frame.height:
            yield emit(frame)
    if carry is not None and carry.height:
        yield emit(carry)


def map_documents(folder: Path | str, analysis: Callable[[ParsedCorpus], pl.DataFrame],
                  max_words: int = BATCH_WORDS) -> pl.DataFrame:
    """Run a document-level analysis batch by batch and stack its results.

    ``analysis`` takes a :class:`ParsedCorpus` (a batch of whole documents) and returns a
    table, e.g. ``lambda c: conditionals(c.tokens, c.documents)``. Right for any analysis
    whose rows depend on one document at a time (markers, concordances), not for corpus-wide
    statistics (use :func:`frequencies`, :func:`document_rates`, or the verbs of
    :class:`corpusling.folder.FolderCorpus`, which add the counts of n-grams, keyness, collocates
    and dispersion over batches).
    """
    results = [analysis(batch) for batch in document_batches(folder, max_words)]
    results = [r for r in results if r.height] or results[:1]
    return pl.concat(results, how="vertical_relaxed") if results else pl.DataFrame()


def concordance(folder: Path | str, pattern: str, width: int = 5, unit: str = "words", sort: str | None = None,
                sample: int | None = None, seed: int = 0, metadata: list[str] | None = None,
                max_words: int = BATCH_WORDS) -> pl.DataFrame:
    """KWIC lines of a query over a parsed folder, batch by batch (see :mod:`corpusling.concordance`): the lines,
    in the order, of the corpus in memory.

    ``sort`` takes what :func:`corpusling.concordance.concordance` takes (``"match"``, ``"L1"``, ``"R1,R2"``,
    ``"doc"``, a metadata column): each batch gives its lines with their sort keys (the words around a match
    are read where its document is at hand); the lines of all batches are stacked, sampled (``sample`` lines at
    random with ``seed``), then sorted.
    """
    from corpusling.concordance import concordance as kwic
    from corpusling.concordance import sample_lines, sort_lines
    from corpusling.query import parse as parse_query

    compiled = parse_query(pattern)
    lines = map_documents(folder, lambda c: kwic(c.tokens, c.documents, compiled, width=width, unit=unit,
                                                 sort=sort, metadata=metadata, order=False), max_words)
    if not lines.width:
        return lines
    if sample is not None:
        lines = lines[sample_lines(lines.height, sample, seed)]
    return sort_lines(lines)

"""Groups of documents: the one place a ``group_by`` column is checked and turned into groups.

Every verb that compares or breaks down by a metadata column (rates, comparisons, summaries,
frequency lists, keyness, dispersion, quotation density) calls :func:`check_group_by` and
:func:`group_column`, so the message and the exception are the same everywhere. ``doc_id``
itself is a valid grouping (one group per document). The other places that name a metadata column
check it here too: the query layer (``doc.COL`` count keys, concordance ``sort``/``metadata``,
``text_COL`` constraints) re-raises the :class:`InputError` as a ``QueryError``, the web workbench as
an HTTP 400, with the same message. ``tests/test_one_of_each.py`` fails if another copy appears.
"""

from __future__ import annotations

import polars as pl

from corpusling.errors import InputError


def check_group_by(documents: pl.DataFrame | pl.LazyFrame | None, group_by: str | None,
                   option: str = "group_by") -> None:
    """Raise :class:`InputError` (exit status 2 on the command line) unless ``group_by`` is a column.

    ``option`` names what the user gave (``--group-by``, ``sort``…) in the message:
    ``OPTION 'COL': no such metadata column; the documents have: …``. A lazy table is checked from
    its schema, without reading it.
    """
    if group_by is None:
        return
    columns = documents.collect_schema().names() if documents is not None else []
    if group_by not in columns:
        have = ", ".join(c for c in columns if c != "text") or "none"
        raise InputError(f"{option} {group_by!r}: no such metadata column; the documents have: {have}")


def group_column(documents: pl.DataFrame, group_by: str | None, name: str = "group") -> pl.DataFrame:
    """``doc_id`` (String) → ``name`` (String; nulls as ``"(none)"``; the whole corpus is ``"all"``)."""
    check_group_by(documents, group_by)
    doc_id = pl.col("doc_id").cast(pl.String)
    if group_by is None:
        return documents.select(doc_id, pl.lit("all").alias(name))
    return documents.select(doc_id.alias("doc_id"),
                            pl.col(group_by).cast(pl.String).fill_null("(none)").alias(name))

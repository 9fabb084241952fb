"""Document text rebuilt from surface tokens, with the offsets of each token.

Used by the readers of annotated formats (CoNLL-U, VRT), whose files hold tokens rather
than the running text: each token is preceded by a separator (``""``, a space, a blank
line between paragraphs…) chosen by the caller, and the text of a document is the
concatenation. Offsets are 0-based Python string indices (end exclusive).
"""

from __future__ import annotations

import polars as pl

#: What :func:`clean_text` does to a token, as an expression (NFC, no soft hyphens); tokens never
#: hold a BOM or line ends, so this is the same normalisation the other readers apply.
CLEAN_SURFACE = pl.col("token_text").str.normalize("NFC").str.replace_all("\u00ad", "", literal=True)


def lay_out(tokens: pl.DataFrame, separator: pl.Expr, document: str = "_doc") -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(tokens + start_char, end_char; texts: document, text)`` for one-row-per-token ``tokens``.

    ``tokens`` has a column ``_surface`` (the token as it appears in the text) and is in
    text order within each ``document``; ``separator`` gives the string before each token.
    """
    laid = (tokens.with_columns(separator.alias("_separator"), pl.col("_surface").str.len_chars().alias("_length"))
            .with_columns(pl.concat_str("_separator", "_surface").alias("_piece")))
    laid = laid.with_columns(pl.col("_piece").str.len_chars().cum_sum().over(document).cast(pl.Int64)
                             .alias("end_char"))
    laid = laid.with_columns((pl.col("end_char") - pl.col("_length")).cast(pl.Int64).alias("start_char"))
    texts = laid.group_by(document, maintain_order=True).agg(pl.col("_piece").str.join("").alias("text"))
    return laid.drop("_separator", "_length", "_piece"), texts

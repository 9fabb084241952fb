"""Shared by the statistics verbs: show a result table on the terminal or write it to a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from corpusling.checks import count_type


def add_output_arguments(parser: argparse.ArgumentParser, top: int | None = 50) -> None:
    """``--out FILE`` (format from the extension) and ``--top N``."""
    group = parser.add_argument_group("output")
    group.add_argument("--out", type=Path, default=None,
                       help="write the table to FILE (.csv .tsv .parquet .xlsx .tex .html .md); default: print")
    group.add_argument("--top", type=count_type("--top", 1), default=top,
                       help=f"rows printed on the terminal (default {top}; all rows go to --out)")


def print_table(frame: pl.DataFrame) -> None:
    """A summary table on the terminal: up to 40 rows, 3 decimals, no shape or types."""
    with pl.Config(tbl_rows=40, tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True,
                   float_precision=3, tbl_width_chars=120, fmt_str_lengths=50):
        print(frame)


def print_most_frequent(table: pl.DataFrame, column: str, label: str, top: int = 10) -> None:
    """The ``top`` most frequent values of ``column`` (nulls left out), under "most frequent LABEL:"."""
    frequent = (table.filter(pl.col(column).is_not_null()).group_by(column).len("count")
                .sort(["count", column], descending=[True, False]).head(top))
    if frequent.height:
        print(f"most frequent {label}:")
        print_table(frequent)


def readable(frame: pl.DataFrame) -> pl.DataFrame:
    """A table as it reads on a terminal: floats to 4 decimals, p-values below 0.001 as "< 0.001", infinite
    values as ∞ (files keep the numbers)."""
    def show(column: str) -> pl.Expr:
        value = pl.col(column)
        text = value.round(4).cast(pl.String)
        text = pl.when(value.is_infinite()).then(pl.when(value > 0).then(pl.lit("∞")).otherwise(pl.lit("-∞"))
                                                  ).otherwise(text)
        if column == "p" or column.startswith("p_"):
            text = pl.when(value < 0.001).then(pl.lit("< 0.001")).otherwise(text)
        return text.alias(column)
    return frame.with_columns(show(c) for c, t in frame.schema.items() if t.is_float())


def emit(frame: pl.DataFrame, args: argparse.Namespace) -> int:
    """Write ``frame`` to ``args.out`` or print it as tab-separated text (the first ``--top`` rows)."""
    from corpusling.tables import write_table

    if args.out is not None:
        path = write_table(frame, args.out, raw_csv=args.raw_csv)
        print(f"{frame.height} rows written to {path}", file=sys.stderr)
        return 0
    shown = readable(frame.head(args.top) if args.top else frame)
    sys.stdout.write(shown.write_csv(separator="\t", quote_style="never"))
    if shown.height < frame.height:
        print(f"… {frame.height - shown.height} more rows (use --top 0 or --out FILE)", file=sys.stderr)
    return 0

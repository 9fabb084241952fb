"""The report's per-document counts and rates, computed the fast way, against their plain definitions.

Each fast path (word counts per voice as ranges of rows, sentences as runs, rates without the documents ×
levels grid) must give exactly what the row-by-row definition gives: the report's files stay byte for byte
the same.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow.parquet as pq

from corpusling import tokens as tok
from corpusling.markers.voice import VOICES, add_voice, voice_word_counts
from corpusling.measures import document_measures, sentence_counts
from corpusling.parsed import ParquetStream
from corpusling.rates import _bootstrap_sums, _poisson_interval, document_counts, document_sizes, rates


def _voices_by_definition(tokens: pl.DataFrame, quotes: pl.DataFrame, reported: pl.DataFrame | None) -> pl.DataFrame:
    """Each word's voice (:func:`add_voice`, an as-of join per word), counted per document."""
    words = tokens.select("doc_id", "start_char", tok.is_word(tokens.columns).alias("_word"))
    voiced = add_voice(words.select("doc_id", "start_char"), quotes, reported).with_columns(words["_word"])
    return (voiced.group_by(pl.col("doc_id").cast(pl.String))
            .agg(*[((pl.col("voice") == v) & pl.col("_word")).sum().cast(pl.Int64).alias(f"{v}_words")
                   for v in VOICES])
            .sort("doc_id", nulls_last=True))


def test_voice_word_counts_agree_with_each_words_voice(gold_parsed) -> None:
    from corpusling.markers.hedges import hedges
    from corpusling.markers.quotes import quotes
    from corpusling.markers.reported import reported

    tokens, documents = gold_parsed.tokens, gold_parsed.documents
    q = quotes(tokens, documents)
    said = reported(tokens, documents, quotes=q, hedges=hedges(tokens, documents, quotes=q))
    shuffled = tokens.sample(fraction=1.0, shuffle=True, seed=4)  # the index sorts what is out of order
    for table, speech in ((tokens, said), (shuffled, said), (tokens, None)):
        got = voice_word_counts(table, q, speech).sort("doc_id", nulls_last=True)
        assert got.equals(_voices_by_definition(table, q, speech))
    assert said.height and got["quoted_words"].sum() > 500


def test_voice_word_counts_edge_cases() -> None:
    """Overlapping and nested spans, a span across documents' ends, a word without an offset, a document of
    punctuation alone, reported speech inside a quotation."""
    rows = [("a", 1, 1, 0, "NOUN"), ("a", 1, 2, 3, "PUNCT"), ("a", 1, 3, 6, "VERB"), ("a", 1, 4, 6, "DET"),
            ("a", 2, 1, 10, "NOUN"), ("a", 2, 2, None, "NOUN"), ("a", 2, 3, 14, "NOUN"),
            ("b", 1, 1, 0, "PUNCT"), ("c", 1, 1, 0, "NOUN"), ("c", 1, 2, 5, "VERB"), ("c", 1, 3, 9, "ADV")]
    tokens = pl.DataFrame(rows, schema=["doc_id", "sent_id", "word_id", "start_char", "upos"], orient="row",
                          schema_overrides={"start_char": pl.Int64}).with_columns(
        pl.col("doc_id").cast(pl.Categorical), pl.lit("x").alias("form"))
    quotes = pl.DataFrame({"doc_id": ["a", "a", "a", "c", "zzz"], "start_char": [5, 6, 9, 4, 0],
                           "end_char": [8, 7, 30, 6, 3], "kind": ["direct", "mixed", "scare", "direct", "direct"]})
    reported = pl.DataFrame({"doc_id": ["a", "c", "c"], "start_char": [0, 0, 5], "end_char": [12, 9, 12]})
    for speech in (reported, reported.clear(), None):
        got = voice_word_counts(tokens, quotes, speech).sort("doc_id")
        assert got.equals(_voices_by_definition(tokens, quotes, speech))
    got = voice_word_counts(tokens, quotes, reported).sort("doc_id")
    assert got.rows() == [("a", 2, 2, 2), ("b", 0, 0, 0), ("c", 0, 1, 2)]  # writer, quoted, reported


def test_sentence_counts_are_distinct_sentence_numbers(gold_parsed) -> None:
    tokens = gold_parsed.tokens

    def by_definition(table: pl.DataFrame) -> pl.DataFrame:
        return (table.group_by("doc_id").agg(pl.struct("par_id", "sent_id").n_unique().alias("n_sentences"))
                .with_columns(pl.col("doc_id").cast(pl.String)).sort("doc_id"))

    shuffled = tokens.sample(fraction=1.0, shuffle=True, seed=1)
    holes = tokens.with_columns(pl.when(pl.int_range(pl.len()) % 50 == 0).then(None).otherwise(pl.col("sent_id"))
                                .alias("sent_id"))
    for table in (tokens, shuffled, holes, tokens.clear()):
        assert sentence_counts(table).sort("doc_id").equals(by_definition(table))
    assert sentence_counts(tokens)["n_sentences"].sum() > 100


def test_document_measures_of_a_batch_add_up(gold_parsed) -> None:
    """The measures of two halves of the corpus, stacked, are the measures of the whole."""
    from corpusling.markers.quotes import quotes

    tokens, documents = gold_parsed.tokens, gold_parsed.documents
    q = quotes(tokens, documents)
    whole = document_measures(tokens, q).sort("doc_id")
    ids = documents["doc_id"].cast(pl.String)
    halves = [tokens.filter(pl.col("doc_id").cast(pl.String).is_in(part.implode()))
              for part in (ids.head(ids.len() // 2), ids.tail(ids.len() - ids.len() // 2))]
    stacked = pl.concat([document_measures(half, q) for half in halves]).sort("doc_id")
    assert stacked.equals(whole)
    assert whole["n_words"].to_list() == document_sizes(tokens).sort("doc_id")["n_words"].to_list()


def _rates_on_the_grid(rows: pl.DataFrame, documents: pl.DataFrame, sizes: pl.DataFrame, by: list[str],
                       group_by: str | None, n_boot: int, seed: int, all_levels: pl.DataFrame | None) -> pl.DataFrame:
    """rates() as first written: every (document, level) of :func:`document_counts`, zeros included."""
    table = document_counts(rows, None, documents, by, group_by, sizes, all_levels)
    rng = np.random.default_rng(seed)
    out = []
    for (group,), part in table.group_by(["group"], maintain_order=True):
        docs = part.select("doc_id", "n_words").unique("doc_id", maintain_order=True).with_row_index("_d")
        levels = (part.select(by).unique(maintain_order=True) if by else pl.DataFrame({"_one": [1]})) \
            .with_row_index("_k")
        cells = part.join(docs.select("doc_id", "_d"), on="doc_id")
        cells = (cells.join(levels, on=by, nulls_equal=True) if by
                 else cells.with_columns(pl.lit(0, pl.UInt32).alias("_k")))
        words = docs["n_words"].to_numpy().astype(float)
        counts = np.zeros((len(words), levels.height))
        np.add.at(counts, (cells["_d"].to_numpy(), cells["_k"].to_numpy()), cells["count"].to_numpy())
        if len(words) > 1 and words.sum():
            boot = _bootstrap_sums(rng, np.column_stack([counts, words]), n_boot)
            rates_ = np.where(boot[:, -1:] > 0, boot[:, :-1] / np.maximum(boot[:, -1:], 1) * 1000, np.nan)
            alpha = 1 - 0.95
            bounds = np.nanquantile(rates_, [alpha / 2, 1 - alpha / 2], axis=0)
        for k, level_row in enumerate(levels.iter_rows(named=True)):
            count, total = counts[:, k].sum(), words.sum()
            if len(words) > 1 and total:
                low, high, method = bounds[0, k], bounds[1, k], f"bootstrap over {len(words)} documents"
            elif total:
                low, high = (x / total * 1000 for x in _poisson_interval(int(count), 1 - 0.95))
                method = "exact Poisson (one document)"
            else:
                low = high = float("nan")
                method = "no words"
            out.append({"group": group, **{c: level_row[c] for c in by}, "count": int(count), "n_words": int(total),
                        "n_docs": len(words), "rate": count / total * 1000 if total else float("nan"),
                        "ci_low": float(low), "ci_high": float(high), "ci_method": method})
    return pl.DataFrame(out, schema_overrides={c: table.schema[c] for c in by}).sort(["group", *by],
                                                                                   maintain_order=True)


def test_rates_are_those_of_the_documents_levels_grid() -> None:
    """Same resamples, same matrices, same bits: rates() fills each group's matrix from the pairs that occur."""
    rng = np.random.default_rng(7)
    n_docs = 120
    documents = pl.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n_docs)][::-1],
                              "outlet": rng.choice(["A", "B", None, "C"], n_docs).tolist()})
    documents = documents.with_columns(pl.when(pl.int_range(pl.len()) == 5).then(pl.lit("solo"))
                                       .otherwise(pl.col("outlet")).alias("outlet"))
    sizes = pl.DataFrame({"doc_id": documents["doc_id"], "n_words": rng.integers(0, 400, n_docs).astype(np.uint32)})
    n_rows = 900
    rows = pl.DataFrame({"doc_id": rng.choice(documents["doc_id"].to_list() + ["stray"], n_rows).tolist(),
                         "marker": rng.choice(["hedges", "conditionals", "quotations"], n_rows).tolist(),
                         "level": rng.choice(["x", "y", None, "z"], n_rows).tolist()})
    extra = pl.DataFrame({"marker": ["never"], "level": ["w"]})
    for by, group_by, all_levels in ((["marker", "level"], "outlet", extra), (["marker"], None, None),
                                     ([], "outlet", None), (["level"], "doc_id", None)):
        got = rates(rows, None, documents, by=by, group_by=group_by, n_boot=150, seed=3, sizes=sizes,
                    all_levels=all_levels)
        expected = _rates_on_the_grid(rows, documents, sizes, by, group_by, 150, 3, all_levels)
        assert got.equals(expected), (by, group_by)
    assert rates(rows.clear(), None, documents, by=["marker"], sizes=sizes).is_empty()


def test_parquet_stream_writes_the_bytes_of_plain_strings(tmp_path: Path) -> None:
    """Pieces of any length give the file of the whole table written in row groups, Categorical columns as strings
    (Enum columns as they are), byte for byte."""
    frame = pl.DataFrame({"doc_id": ["a", "a", "b", None], "upos": ["NOUN", None, "VERB", "NOUN"],
                          "kind": ["x", "y", "x", "y"], "n": [1, 2, 3, 4]}).with_columns(
        pl.col("doc_id", "upos").cast(pl.Categorical), pl.col("kind").cast(pl.Enum(["x", "y"])))
    stream = ParquetStream(tmp_path / "stream.parquet", row_group_rows=3)
    for piece in (frame.head(1), frame.slice(1, 3)):
        stream.write(piece)
    stream.close()
    plain = frame.with_columns(pl.col(pl.Categorical).cast(pl.String)).to_arrow()
    writer = pq.ParquetWriter(tmp_path / "plain.parquet", plain.schema, compression="zstd")
    writer.write_table(plain.slice(0, 3), row_group_size=3)
    writer.write_table(plain.slice(3), row_group_size=3)
    writer.close()

    def digest(name: str) -> str:
        return hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()

    assert digest("stream.parquet") == digest("plain.parquet")
    assert pl.read_parquet(tmp_path / "stream.parquet")["doc_id"].dtype == pl.String


def test_texts_digest_reads_the_texts_in_slices() -> None:
    from corpusling.report.build import texts_digest

    texts = pl.Series(["Il a dit « oui ».", "", "l’été"] * 700)
    whole = hashlib.sha256("\n".join(hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts.to_list())
                           .encode()).hexdigest()
    assert texts_digest(texts) == texts_digest(texts, chunk=7) == whole

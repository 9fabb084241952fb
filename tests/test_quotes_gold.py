"""The quotation analysis against the hand-annotated gold (tests/gold/quotes.csv, see its README).

Parses the seed and the Wikinews articles with the bundled compact model and scores,
on the older gold (the seed and 16 articles; 12 held-out articles):

* spans: exact offsets, and overlap at 0.3 and 0.8 as in the Radar de Parité evaluation
  (here the overlap of two spans is their common characters over the longer span);
* kind accuracy over the exactly matched spans;
* source and reporting verb of the attributed direct quotations (gold ``kind=direct``
  with a source): *exact* (same string after case, apostrophe and outer punctuation
  are normalised) and *found* (the same noun phrase up to its first comma, so that
  "Gilles-Éric Séralini" finds "Gilles-Éric Séralini, professeur à l'université de Caen").

It also scores the development split of the adjudicated Wikinews gold of 2026-12
(``tests/gold/wikinews/``, annotated under the shared guide) with the measures of
``tests/gold/score.py``: span F1, kind accuracy and speaker accuracy of the direct
quotations whose gold gives a source. Only the development articles of ``split.json`` are
read and parsed here; the blind ones never are.

One parse serves every set: the seed and the 40 development articles (the 28 articles of the
older sets are among them). ``pytest tests/test_quotes_gold.py -s`` prints the figures.
Thresholds sit a little below what the code measures with the bundled model.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import polars as pl
import pytest
from conftest import GOLD_WIKINEWS, HELDOUT_WIKINEWS, SEED, WIKINEWS, gold_paths, heldout_paths

from corpusling.markers.quotes import quotes
from corpusling.readers import read_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "quotes.csv"
HELDOUT = ROOT / "tests" / "gold" / "quotes_heldout.csv"
KEY = ["doc_id", "start_char", "end_char"]

#: Measured (2026-12-06, third session) with the bundled compact model: development set spans P/R/F1 1.000
#: (exact and overlap) on 74 (the 2025 row in single quotes left out, see :func:`gold`), kind 0.986, source found
#: 0.885 / exact 0.769 of 26 attributed direct quotations, verb 1.000 (2026-12-07: kind 0.973, source 0.926 / 0.778
#: of 27; 2026-11-25: kind 0.973, source 0.893 / 0.750 of 28, verb 0.964; 44510's "précise que : « … »" is now
#: mixed in the gold, as the annotation guide says). Thresholds a little below; `-s` prints them.
MIN_EXACT_F1 = 0.97
MIN_OVERLAP_F1 = 0.97
MIN_KIND_ACCURACY = 0.90
MIN_SOURCE_FOUND = 0.88
MIN_SOURCE_EXACT = 0.72
MIN_VERB_ACCURACY = 0.95

#: The held-out set (annotated after the rules were frozen; read again since, so no longer blind): spans
#: 1.000, kind 0.880, source found 0.800 / exact 0.700 of 10, verb 0.900 (2026-11-25: 0.800, 0.600 / 0.500,
#: 0.700).
HELDOUT_MIN_EXACT_F1 = 0.95
HELDOUT_MIN_KIND_ACCURACY = 0.80
HELDOUT_MIN_SOURCE_FOUND = 0.70

#: The adjudicated gold's development split, measured 2026-12-06 (third session) with the bundled compact model:
#: 107 spans, span F1 1.000, kind accuracy 0.981, speaker accuracy 1.000 of 47 attributed direct quotations
#: (2026-12-07: F1 0.995, kind 0.963; before the speaker column: speakers 0.553, kinds 0.935). A development
#: figure: the rules were revised while reading these articles' errors.
DEV_MIN_SPAN_F1 = 0.98
DEV_MIN_KIND_ACCURACY = 0.95
DEV_MIN_SPEAKER_ACCURACY = 0.93
SPLIT = ROOT / "tests" / "gold" / "wikinews" / "split.json"


def dev_ids() -> list[str]:
    return json.loads(SPLIT.read_text(encoding="utf-8"))["dev"]


@pytest.fixture(scope="module")
def dev_parsed():
    """The seed and the development articles of the adjudicated gold, parsed once with the bundled model."""
    from corpusling.api import parse, read

    return parse(read([SEED] + [WIKINEWS / "documents" / f"{doc}.html" for doc in dev_ids()]), model="compact")


@pytest.fixture(scope="module")
def dev_quotes(dev_parsed) -> pl.DataFrame:
    return quotes(dev_parsed.tokens, dev_parsed.documents).with_columns(pl.col("doc_id").cast(pl.String))


def _only(table: pl.DataFrame, ids: list[str]) -> pl.DataFrame:
    return table.filter(pl.col("doc_id").is_in(ids))


def gold(path: Path = GOLD, guide: bool = True) -> pl.DataFrame:
    """The older gold; with ``guide``, without its rows in single quotes ('Allah', in 44485), which the annotation
    guide of 2026-12 (§2), the project's gold since, does not count as quotation marks."""
    table = pl.read_csv(path, schema_overrides={"doc_id": pl.String}).with_columns(
        pl.col("source", "reporting_verb").fill_null(""))
    return table.filter(~pl.col("text").str.contains(r"^['‘’]")) if guide else table


@pytest.mark.parametrize("path, paths, n_docs", [(GOLD, gold_paths, 1 + len(GOLD_WIKINEWS)),
                                                 (HELDOUT, heldout_paths, len(HELDOUT_WIKINEWS))])
def test_gold_offsets_point_at_their_text(path: Path, paths, n_docs: int) -> None:
    table = gold(path, guide=False)
    texts = {d.doc_id: d.text for d in read_corpus(paths()).documents}
    assert set(table["doc_id"]) <= set(texts) and len(texts) == n_docs
    for row in table.iter_rows(named=True):
        text = texts[row["doc_id"]]
        assert text[row["start_char"]:row["end_char"]] == row["text"], row
        if row["source"]:  # a source is written as it stands in the text
            assert row["source"] in text, row


@pytest.mark.parametrize("path", [GOLD, HELDOUT])
def test_gold_rows_are_well_formed(path: Path) -> None:
    table = gold(path, guide=False)
    assert table.columns == ["doc_id", "start_char", "end_char", "text", "kind", "source", "reporting_verb", "notes"]
    assert set(table["kind"]) <= {"direct", "mixed", "scare"}
    assert table.select(KEY).is_unique().all()
    assert table.filter(pl.col("kind") == "scare").filter(pl.col("source") != "").height == 0


def span_scores(predicted: pl.DataFrame, reference: pl.DataFrame, threshold: float | None) -> dict[str, float]:
    """Precision, recall, F1 of spans: exact offsets (``threshold`` None) or overlap ≥ ``threshold``."""
    pred = predicted.select(pl.col("doc_id").cast(pl.String), "start_char", "end_char").with_row_index("_p")
    ref = reference.select("doc_id", "start_char", "end_char").with_row_index("_g")
    pairs = pred.join(ref, on="doc_id", suffix="_g")
    common = (pl.min_horizontal("end_char", "end_char_g") - pl.max_horizontal("start_char", "start_char_g")).clip(0)
    longer = pl.max_horizontal(pl.col("end_char") - pl.col("start_char"), pl.col("end_char_g") - pl.col("start_char_g"))
    if threshold is None:
        same = (pl.col("start_char") == pl.col("start_char_g")) & (pl.col("end_char") == pl.col("end_char_g"))
        matched = pairs.filter(same)
    else:
        matched = pairs.filter(common / longer >= threshold)
    precision = matched["_p"].n_unique() / max(pred.height, 1)
    recall = matched["_g"].n_unique() / max(ref.height, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _norm(column: str) -> pl.Expr:
    return (pl.col(column).fill_null("").str.to_lowercase().str.replace_all("’", "'")
            .str.replace_all(r"\s+", " ").str.strip_chars(" ,.;:"))


def attribution_scores(predicted: pl.DataFrame, reference: pl.DataFrame) -> dict[str, float]:
    """Kind accuracy on exact spans; source and verb accuracy on attributed direct quotations."""
    pred = predicted.select(pl.col("doc_id").cast(pl.String), "start_char", "end_char",
                            pl.col("kind").alias("kind_p"), pl.col("source").alias("source_p"),
                            pl.col("reporting_verb").fill_null("").alias("verb_p"))
    both = reference.join(pred, on=KEY, how="left")
    kind_accuracy = (both["kind"] == both["kind_p"]).fill_null(False).mean()
    direct = both.filter((pl.col("kind") == "direct") & (pl.col("source") != "")).with_columns(
        (_norm("source") == _norm("source_p")).fill_null(False).alias("exact"),
        (_norm("source").str.split(",").list.first() == _norm("source_p").str.split(",").list.first()
         ).fill_null(False).alias("found"),
        (pl.col("reporting_verb") == pl.col("verb_p")).fill_null(False).alias("verb"))
    with_verb = both.filter(pl.col("reporting_verb") != "")
    return {"kind_accuracy": float(kind_accuracy), "n_attributed_direct": direct.height,
            "source_exact": float(direct["exact"].mean()), "source_found": float(direct["found"].mean()),
            "verb_accuracy_direct": float(direct["verb"].mean()),
            "verb_accuracy_all": float((with_verb["reporting_verb"] == with_verb["verb_p"]).fill_null(False).mean()),
            "n_with_verb": with_verb.height}


@pytest.fixture(scope="module")
def predicted(dev_quotes) -> pl.DataFrame:
    return _only(dev_quotes, [SEED.stem] + GOLD_WIKINEWS)


def _figures(predicted: pl.DataFrame, reference: pl.DataFrame, name: str) -> dict[str, dict[str, float]]:
    result = {"exact": span_scores(predicted, reference, None), "overlap_0.3": span_scores(predicted, reference, 0.3),
              "overlap_0.8": span_scores(predicted, reference, 0.8),
              "attribution": attribution_scores(predicted, reference)}
    print(f"\nquotations ({name}): {reference.height} gold spans, {predicted.height} predicted")
    for name, values in result.items():
        print(f"  {name}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                         for k, v in values.items()))
    return result


@pytest.fixture(scope="module")
def figures(predicted) -> dict[str, dict[str, float]]:
    return _figures(predicted, gold(), "development set")


@pytest.fixture(scope="module")
def heldout_figures(dev_quotes) -> dict[str, dict[str, float]]:
    return _figures(_only(dev_quotes, HELDOUT_WIKINEWS), gold(HELDOUT), "held-out set")


def test_predicted_spans_point_at_their_text(dev_quotes, dev_parsed) -> None:
    texts = dict(zip(dev_parsed.documents["doc_id"].cast(pl.String), dev_parsed.documents["text"], strict=True))
    for row in dev_quotes.iter_rows(named=True):
        assert texts[row["doc_id"]][row["start_char"]:row["end_char"]] == row["text"]
        if row["source"] is not None:
            assert row["source"] in texts[row["doc_id"]][row["source_start"]:row["source_end"]]


def test_exact_spans(figures) -> None:
    assert figures["exact"]["f1"] >= MIN_EXACT_F1


def test_overlap_spans(figures) -> None:
    assert figures["overlap_0.3"]["f1"] >= MIN_OVERLAP_F1
    assert figures["overlap_0.8"]["f1"] >= MIN_OVERLAP_F1


def test_kind_accuracy(figures) -> None:
    assert figures["attribution"]["kind_accuracy"] >= MIN_KIND_ACCURACY


def test_source_of_attributed_direct_quotations(figures) -> None:
    assert figures["attribution"]["source_found"] >= MIN_SOURCE_FOUND
    assert figures["attribution"]["source_exact"] >= MIN_SOURCE_EXACT


def test_reporting_verbs(figures) -> None:
    assert figures["attribution"]["verb_accuracy_direct"] >= MIN_VERB_ACCURACY


def test_heldout(heldout_figures) -> None:
    assert heldout_figures["exact"]["f1"] >= HELDOUT_MIN_EXACT_F1
    assert heldout_figures["attribution"]["kind_accuracy"] >= HELDOUT_MIN_KIND_ACCURACY
    assert heldout_figures["attribution"]["source_found"] >= HELDOUT_MIN_SOURCE_FOUND


def test_scoring_can_fail() -> None:
    """The scorers see a wrong table as wrong (no test here passes on an empty prediction)."""
    reference = gold()
    shifted = reference.with_columns(pl.col("start_char") + 1, pl.lit("scare").alias("kind"),
                                     pl.lit(None).alias("source"))
    assert span_scores(shifted, reference, None)["f1"] == 0.0
    assert span_scores(shifted, reference, 0.8)["f1"] > 0.9
    assert attribution_scores(shifted, reference)["kind_accuracy"] == 0.0
    assert span_scores(reference.head(0), reference, 0.3)["f1"] == 0.0


# --- the adjudicated gold (development split), scored as tests/gold/score.py scores it ------------------------

def _score_module():
    spec = importlib.util.spec_from_file_location("gold_score", ROOT / "tests" / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_figures(dev_quotes) -> dict[str, float]:
    """score.py's quotation scores on the development ids, with this parse's quotations as the predictions."""
    score = _score_module()
    score.predictions = lambda *_: {"quotes": dev_quotes}  # the development articles only: nothing blind is parsed
    figures = score.quote_scores(dev_ids())
    print("\nquotations (adjudicated gold, development split): "
          + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()))
    return figures


def test_dev_gold_spans_and_kinds(dev_figures) -> None:
    assert dev_figures["items"] >= 100
    assert dev_figures["f1"] >= DEV_MIN_SPAN_F1
    assert dev_figures["kind_accuracy"] >= DEV_MIN_KIND_ACCURACY


def test_dev_gold_speakers(dev_figures) -> None:
    assert dev_figures["speakers"] >= 40
    assert dev_figures["speaker_accuracy"] >= DEV_MIN_SPEAKER_ACCURACY


def test_speaker_scoring_can_fail(dev_quotes) -> None:
    """The speaker measure sees the written source alone (no resolution) as worse."""
    score = _score_module()
    score.predictions = lambda *_: {"quotes": dev_quotes.drop("speaker")}
    assert score.quote_scores(dev_ids())["speaker_accuracy"] < DEV_MIN_SPEAKER_ACCURACY

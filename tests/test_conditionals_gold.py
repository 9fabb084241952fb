"""The conditional analysis against the hand-annotated gold (tests/gold/conditionals.csv, see its README).

Parses the seed and 16 Wikinews articles with the bundled compact model (the
``gold_parsed`` session fixture) and scores detection (exact offsets of the verb or
auxiliary) and class. Thresholds sit a little below what the code measures.

The gold of 2026-12 (``tests/gold/wikinews/``, ``tests/gold/ud_conditionals/``, annotated under
the shared annotation guide) is read for its DEVELOPMENT items only: the blind items are
neither read nor parsed here (``tests/gold/score.py --blind`` is run by the lead, once).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest

from corpusling.markers.conditional import CLASSES, conditionals
from corpusling.markers.scoring import confusion, score
from corpusling.readers import read_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "conditionals.csv"
HELDOUT = ROOT / "tests" / "gold" / "conditionals_heldout.csv"

#: Measured with the bundled model: P = R = F1 = 1.00 (44/44), class accuracy 0.955 (42/44), compound 1.00;
#: held-out: F1 1.00 (17/17), class accuracy 0.88 (15/17). Thresholds a little below.
MIN_PRECISION = 0.95
MIN_RECALL = 0.95
MIN_F1 = 0.95
MIN_CLASS_ACCURACY = 0.95
MIN_COMPOUND_ACCURACY = 0.95
#: On the held-out articles (see tests/gold/README.md: rules partly revised after a first held-out run).
#: After the guide of 2026-12 (four old rows relabelled, see their notes) and the rules re-derived from it:
#: development 0.955 (42/44), held-out 0.882 (15/17).
MIN_HELDOUT_F1 = 0.90
MIN_HELDOUT_CLASS_ACCURACY = 0.88
#: Development items of the 2026-12 gold, pass A (before adjudication): Wikinews 0.912 (52/57), UD trees
#: 0.908 (168/185); before the re-derived rules 0.842 and 0.800. On the adjudicated gold, after the rules of
#: implicit conditions (2026-12-06, third session): Wikinews 0.947 (54/57), UD trees 0.951 (176/185); after the
#: rules written on the errors of Wikinews, set3 and the UD development items (si + imperfect wherever the
#: parser hangs it, counterfactual consequences, gerunds, the parser's adjective-conditionals, 2026-12-06):
#: Wikinews 0.965 (55/57), UD trees 0.978 (181/185), the 2025 gold 1.000 (44/44), its held-out 0.941 (16/17).
#: Held a little below.
MIN_DEV_CLASS_ACCURACY = 0.95
NEW_GOLD = ROOT / "tests" / "gold" / "wikinews"
UD_GOLD = ROOT / "tests" / "gold" / "ud_conditionals"


def gold(path: Path = GOLD) -> pl.DataFrame:
    return pl.read_csv(path, schema_overrides={"doc_id": pl.String})


def source_path(doc_id: str) -> Path:
    if doc_id.startswith("000_"):
        return ROOT / "seeds" / f"{doc_id}.txt"
    return ROOT / "corpora" / "wikinews-fr-2012" / "documents" / f"{doc_id}.html"


@pytest.mark.parametrize("path", [GOLD, HELDOUT], ids=["development", "held-out"])
def test_gold_offsets_point_at_their_text(path: Path) -> None:
    table = gold(path)
    doc_ids = table["doc_id"].unique().to_list()
    texts = {d.doc_id: d.text for d in read_corpus([source_path(d) for d in doc_ids]).documents}
    assert set(texts) == set(doc_ids)
    for row in table.iter_rows(named=True):
        assert texts[row["doc_id"]][row["start_char"]:row["end_char"]] == row["text"], row


@pytest.mark.parametrize("path", [GOLD, HELDOUT], ids=["development", "held-out"])
def test_gold_rows_are_well_formed(path: Path) -> None:
    table = gold(path)
    assert table.columns == ["doc_id", "start_char", "end_char", "text", "class", "compound", "notes"]
    assert set(table["class"]) <= set(CLASSES)
    assert table.select("doc_id", "start_char").is_unique().all()
    assert table["compound"].dtype == pl.Boolean


@pytest.fixture(scope="module")
def predicted(gold_parsed) -> pl.DataFrame:
    return conditionals(gold_parsed.tokens, gold_parsed.documents)


def test_every_gold_document_was_parsed(gold_parsed) -> None:
    assert set(gold()["doc_id"]) <= set(gold_parsed.documents["doc_id"].cast(pl.String))


def test_detection_against_gold(predicted: pl.DataFrame) -> None:
    result = score(predicted, gold())
    print(result.summary())
    assert result.precision >= MIN_PRECISION, result.summary()
    assert result.recall >= MIN_RECALL, result.summary()
    assert result.f1 >= MIN_F1, result.summary()


def test_class_accuracy_against_gold(predicted: pl.DataFrame) -> None:
    result = score(predicted, gold())
    print(confusion(predicted, gold()))
    assert result.label_accuracy >= MIN_CLASS_ACCURACY, result.summary()


def test_compound_against_gold(predicted: pl.DataFrame) -> None:
    compound = score(predicted.with_columns(pl.col("compound").cast(pl.String)),
                     gold().with_columns(pl.col("compound").cast(pl.String)), label="compound")
    assert compound.label_accuracy >= MIN_COMPOUND_ACCURACY, compound.summary()


def test_held_out_articles(heldout_parsed) -> None:
    predicted = conditionals(heldout_parsed.tokens, heldout_parsed.documents)
    result = score(predicted, gold(HELDOUT))
    print("held-out:", result.summary())
    assert result.f1 >= MIN_HELDOUT_F1, result.summary()
    assert result.label_accuracy >= MIN_HELDOUT_CLASS_ACCURACY, result.summary()


def _adjudicated(folder: Path, name: str, fallback: str) -> Path:
    """The adjudicated file, else pass A while adjudication is under way."""
    return folder / name if (folder / name).exists() else folder / fallback


@pytest.mark.skipif(not (NEW_GOLD / "split.json").exists(), reason="the 2026-12 Wikinews gold is not here")
def test_class_accuracy_on_the_development_articles_of_the_guide_gold() -> None:
    from corpusling.api import parse, read

    ids = json.loads((NEW_GOLD / "split.json").read_text(encoding="utf-8"))["dev"]
    folder = _adjudicated(NEW_GOLD, "gold", "pass_a")
    rows = [{"doc_id": doc, "start_char": item["start"], "end_char": item["end"], "class": item["cls"]}
            for doc in ids for item in json.loads((folder / f"{doc}.json").read_text(encoding="utf-8"))["conditionals"]]
    parsed = parse(read([source_path(doc) for doc in ids]), model="compact")
    result = score(conditionals(parsed.tokens, parsed.documents), pl.DataFrame(rows))
    print("guide gold, Wikinews development:", result.summary())
    assert result.f1 >= MIN_F1, result.summary()
    assert result.label_accuracy >= MIN_DEV_CLASS_ACCURACY, result.summary()


@pytest.mark.skipif(not (UD_GOLD / "split.json").exists(), reason="the 2026-12 UD gold is not here")
def test_class_accuracy_on_the_development_items_of_the_ud_gold(tmp_path: Path) -> None:
    """On the treebanks' own trees, development sentences only (one document per sentence)."""
    from corpusling.api import parse, read

    split = json.loads((UD_GOLD / "split.json").read_text(encoding="utf-8"))["items"]
    dev = {item for item, subset in split.items() if subset == "dev"}
    labels = json.loads(_adjudicated(UD_GOLD, "gold.json", "pass_a.json").read_text(encoding="utf-8"))
    gold_rows = pl.DataFrame([{"doc_id": g["item_id"].rsplit(":", 1)[0], "word_id": int(g["item_id"].rsplit(":", 1)[1]),
                               "gold": g["cls"]} for g in labels if g["item_id"] in dev and g["is_conditional"]])
    documents = set(gold_rows["doc_id"])
    blocks = (UD_GOLD / "sentences.conllu").read_text(encoding="utf-8").split("\n\n")
    kept = [b for b in blocks if (m := re.search(r"# newdoc id = (\S+)", b)) and m.group(1) in documents]
    (tmp_path / "dev.conllu").write_text("\n\n".join(kept) + "\n\n", encoding="utf-8")
    parsed = parse(read([tmp_path / "dev.conllu"]))
    words = parsed.tokens.select(pl.col("doc_id").cast(pl.String), "start_char", pl.col("word_id").cast(pl.Int64))
    found = (conditionals(parsed.tokens, parsed.documents).with_columns(pl.col("doc_id").cast(pl.String))
             .join(words, on=["doc_id", "start_char"]))
    both = gold_rows.join(found, on=["doc_id", "word_id"], how="left")
    assert both["class"].null_count() <= 0.03 * both.height  # detection on gold trees
    accuracy = (both["gold"] == both["class"]).fill_null(False).mean()
    print(f"guide gold, UD development: class accuracy {accuracy:.3f} ({both.height} items)")
    assert accuracy >= MIN_DEV_CLASS_ACCURACY

"""The speaker resolver scored alone (issues 14 and 16): resolution errors apart from mention errors.

For every development gold item whose speaker is written as a pronoun or a description (reported speech:
``source`` differs from ``source_resolved``, the guide §4; direct quotations: the mention the analysis found
is a pronoun or a description of a speaker the gold names), the item counts as

* ``mention``: the analysis found the mention the gold gives (reported speech: the same ``source``; a
  quotation: a mention that is a pronoun or a description, the gold not recording the quotation's mention);
* ``resolved``: with that mention found, the speaker is the gold's name (``score.same_speaker``).

``resolved / mention`` is the resolver's accuracy given the right mention; ``items - mention`` are mention
errors (a source missed, another word taken). Run ``python tests/test_speaker_resolution.py`` for the
figures of the development subsets (never the blind set, never the heldout gold).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "gold"))
import score  # noqa: E402 - the gold scorer, beside this file

#: The development subsets whose errors may be read (set5 released at 16:45 UTC, set6 at 18:02 UTC, set12 and set13
#: at 23:31 UTC, set14 at 01:30 UTC on 2026-12-07).
SUBSETS = ("set14", "set13", "set12", "set11", "set10", "set9", "set8", "set7", "set6", "set5", "dev", "blind", "set3",
           "set4")


def _anaphoric(mention: str | None, name: str | None) -> bool:
    """A written mention that is not the name itself: a pronoun or a description ("il", "le ministre")."""
    return bool(mention) and bool(name) and not score.same_speaker(mention, name)


def reported_resolution(subset: str) -> dict[str, int]:
    """``items, mention, resolved`` for the reported speech of ``subset`` whose gold source is anaphoric."""
    from corpusling.markers.reported import reported

    gold = score.gold_items("reported", score.subset_ids(subset), subset).with_row_index("_g")
    if "source_resolved" not in gold.columns:
        return {"items": 0, "mention": 0, "resolved": 0}
    corpus = score.parsed(score.texts(subset))
    found = score.predictions(score.texts(subset))
    pred = score._in(reported(corpus.tokens, corpus.documents, found["quotes"], found["hedges"]),
                     score.subset_ids(subset))
    pairs = (gold.join(pred, on="doc_id", suffix="_pred")
             .with_columns((pl.min_horizontal("end_char", "end_char_pred")
                            - pl.max_horizontal("start_char", "start_char_pred")).alias("_overlap"))
             .filter(pl.col("_overlap") > 0).sort("_overlap", descending=True).unique("_g", keep="first"))
    items = mention = resolved = 0
    for row in gold.iter_rows(named=True):
        if not _anaphoric(row.get("source"), row.get("source_resolved")):
            continue
        items += 1
        match = pairs.filter(pl.col("_g") == row["_g"])
        if match.height == 0:
            continue
        found_row = match.row(0, named=True)
        if found_row["source_pred"] and score.same_speaker(found_row["source_pred"], row["source"]):
            mention += 1
            resolved += score.same_speaker(found_row["speaker"], row["source_resolved"])
    return {"items": items, "mention": mention, "resolved": resolved}


def quote_resolution(subset: str) -> dict[str, int]:
    """``items, mention, resolved`` for the direct quotations of ``subset`` whose found mention is a pronoun or a
    description of the gold's named speaker, and (``items`` only) those with no mention found at all."""
    from corpusling.markers.speakers import name_of

    gold = score.gold_items("quotes", score.subset_ids(subset), subset)
    pred = score._in(score.predictions(score.texts(subset))["quotes"], score.subset_ids(subset))
    both = (gold.filter((pl.col("kind") == "direct") & pl.col("source").is_not_null())
            .join(pred.select("doc_id", "start_char", "end_char", pl.col("source").alias("mention"), "speaker"),
                  on=["doc_id", "start_char", "end_char"]))
    items = mention = resolved = 0
    for row in both.iter_rows(named=True):
        written = row["mention"]
        if written is None:  # no mention found: the speaker came by continuation, or not at all
            items += not score.same_speaker(row["speaker"], row["source"])
            continue
        if name_of(written) is not None or not _anaphoric(written, row["source"]):
            continue
        items += 1
        mention += 1
        resolved += score.same_speaker(row["speaker"], row["source"])
    return {"items": items, "mention": mention, "resolved": resolved}


def _line(layer: str, subset: str, counts: dict[str, int]) -> str:
    share = counts["resolved"] / counts["mention"] if counts["mention"] else float("nan")
    return (f"{subset} {layer}: anaphoric items {counts['items']}, right mention {counts['mention']}, resolved "
            f"{counts['resolved']} (resolver accuracy {share:.3f}), mention errors "
            f"{counts['items'] - counts['mention']}")


@pytest.mark.parametrize("subset", ["set4"])
def test_resolver_alone_on_a_development_subset(subset: str) -> None:
    for counts in (reported_resolution(subset), quote_resolution(subset)):
        assert 0 <= counts["resolved"] <= counts["mention"] <= counts["items"]
    assert reported_resolution(subset)["mention"] > 0


def test_anaphoric_mention() -> None:
    assert _anaphoric("il", "Jean-Marie Le Pen") and _anaphoric("le parti écologiste", "Europe Écologie Les Verts")
    assert not _anaphoric("Arnaud Montebourg", "Arnaud Montebourg") and not _anaphoric(None, "X")


if __name__ == "__main__":
    for name in SUBSETS:
        print(_line("reported", name, reported_resolution(name)))
        print(_line("quotes", name, quote_resolution(name)))

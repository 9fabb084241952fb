"""The corpus verbs' tables on the seed and 16 Wikinews articles, frozen (issue 15: "outputs … identical to
before … checked by a test on the seed and Wikinews").

The verbs that do not interpret (frequencies, n-grams, a concordance, counts, collocates, dispersion, keyness, rates
and comparisons of a query) are computed on the gold documents parsed with the bundled model (``gold_parsed``), and
each table's digest (SHA-256 of its CSV, floats rounded to 9 decimals) is compared with ``data/frozen_outputs.json``.
A refactoring of the corpus object, the index or the verbs must leave them as they are. A deliberate change (a new
column, a corrected count, a new parser) is frozen again, and said in its commit::

    python tests/test_outputs_frozen.py --write

The interpretive analyses (conditionals, hedges, quotations, reported speech) change with their rules: the gold
figures of ``tests/test_gold_2026.py`` hold them instead.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import polars as pl

FROZEN = Path(__file__).resolve().parent / "data" / "frozen_outputs.json"
#: A query with hits in most documents (verbs of saying).
QUERY = '[lemma="dire|déclarer|affirmer|estimer|expliquer|indiquer"]'


def tables(corpus: Any) -> dict[str, pl.DataFrame]:
    """Each frozen verb's table on ``corpus`` (a ParsedCorpus)."""
    import corpusling as cl

    hits = cl.query(corpus, QUERY)
    return {
        "freq_lemma": cl.freq(corpus),
        "freq_form_by_document": cl.freq(corpus, by="form", group_by="doc_id"),
        "ngrams_2": cl.ngrams(corpus, n=2),
        "concordance": cl.concordance(corpus, QUERY),
        "count_by_form": cl.count(corpus, QUERY, by="match.form"),
        "collocates": cl.collocates(corpus, QUERY),
        "dispersion": cl.dispersion(corpus, items=["dire", "selon", "pouvoir"]),
        "keyness_by_outlet": cl.keyness(corpus, group_by="outlet"),
        "rates_by_outlet": cl.rates(corpus, hits, group_by="outlet"),
    }


def digest(frame: pl.DataFrame) -> str:
    """SHA-256 of the table's CSV, floats rounded to 9 decimals (the row order is part of the output)."""
    rounded = frame.with_columns(pl.col(pl.Float32, pl.Float64).round(9))
    return hashlib.sha256(rounded.write_csv().encode("utf-8")).hexdigest()


def test_verbs_give_the_frozen_tables(gold_parsed: Any) -> None:
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    now = {name: digest(table) for name, table in tables(gold_parsed).items()}
    assert now.keys() == frozen.keys()
    changed = [name for name in now if now[name] != frozen[name]]
    assert not changed, f"changed tables: {changed} (python tests/test_outputs_frozen.py --write if deliberate)"


def test_a_changed_table_changes_its_digest(gold_parsed: Any) -> None:
    table = tables(gold_parsed)["freq_lemma"]
    assert digest(table) != digest(table.with_columns(pl.col("count") + 1))
    assert digest(table) != digest(table.reverse())


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/test_outputs_frozen.py --write")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from conftest import gold_paths

    from corpusling.api import parse, read

    corpus = parse(read(gold_paths()), model="compact")
    FROZEN.parent.mkdir(exist_ok=True)
    FROZEN.write_text(json.dumps({name: digest(t) for name, t in tables(corpus).items()}, indent=1) + "\n",
                      encoding="utf-8")
    print(f"{FROZEN} written")

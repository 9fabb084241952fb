"""The registry of analyses: what each needs is run before it, and the columns it names exist in its table."""

from __future__ import annotations

import polars as pl

from corpusling.registry import ANALYSES, needed, run_with_needs


def test_needed_runs_what_an_analysis_requires_or_uses_first() -> None:
    assert [a.name for a in needed("quotes")] == ["quotes"]
    assert [a.name for a in needed("conditionals")] == ["quotes", "conditionals"]
    assert [a.name for a in needed("reported")] == ["quotes", "hedges", "reported"]
    assert [a.name for a in needed("speakers")] == ["quotes", "hedges", "reported", "speakers"]


def test_every_entry_names_columns_of_its_table(seed_parsed) -> None:
    results = run_with_needs("speakers", seed_parsed.tokens, seed_parsed.documents)
    results |= run_with_needs("conditionals", seed_parsed.tokens, seed_parsed.documents)
    assert set(results) == set(ANALYSES)
    for name, analysis in ANALYSES.items():
        table = results[name]
        named = [c for c in (*analysis.contract, analysis.breakdown, *analysis.splits) if c]
        assert set(named) <= set(table.columns), (name, set(named) - set(table.columns))
        assert analysis.description and analysis.noun != "rows", name


def test_the_user_options_go_to_the_analyses_that_take_them(seed_parsed) -> None:
    from corpusling.lexicons import load_lexicon

    tokens, documents = seed_parsed.tokens, seed_parsed.documents
    boosters = load_lexicon().filter(pl.col("category") == "booster")
    plain = run_with_needs("hedges", tokens, documents)
    chosen = run_with_needs("hedges", tokens, documents, lexicon=boosters)
    assert chosen["quotes"].equals(plain["quotes"])  # the quotation analysis takes no lexicon
    from_lexicon = chosen["hedges"].filter(~pl.col("entry").str.starts_with("rule:"))
    assert set(from_lexicon["category"]) <= {"booster"}
    assert chosen["hedges"].height < plain["hedges"].height


def test_the_breakdown_columns_are_the_registrys() -> None:
    """The report's rates, its page and the workbench's layers class rows by the registry's column, not their own."""
    from corpusling.report.page import HIT_ANALYSES
    from corpusling.summary import BREAKDOWN, MARKER_ANALYSES, marker_tables, stacked_markers
    from corpusling.web.state import LAYERS

    assert BREAKDOWN == {marker: ANALYSES[name].breakdown for marker, name in MARKER_ANALYSES.items()}
    assert set(MARKER_ANALYSES) == set(marker_tables(pl.DataFrame(), pl.DataFrame({"category": []}),
                                                     pl.DataFrame()))
    assert all(layer.category == ANALYSES[layer.name].breakdown for layer in LAYERS)
    assert all(hit[0] == ANALYSES[name].breakdown for name, hit in HIT_ANALYSES.items())
    hedges = pl.DataFrame({"doc_id": [1, 2], "category": ["hedge", "booster"]})
    stacked = stacked_markers({"hedges": hedges, "quotations": pl.DataFrame({"doc_id": ["3"]})})
    assert stacked.rows() == [("1", "hedges", None, "(all)"), ("2", "hedges", None, "(all)"),
                              ("1", "hedges", "category", "hedge"), ("2", "hedges", "category", "booster"),
                              ("3", "quotations", None, "(all)")]
    assert stacked_markers({"hedges": hedges}, breakdown=False).height == 2

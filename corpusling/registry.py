"""The analyses corpusling runs, as one table: what each needs, what it writes, where it lives.

As Stanza registers its processors, the report and the command line (:mod:`corpusling.cli.analysis`)
read this table instead of naming each analysis in their code: an entry says the module and function,
the analyses whose tables it needs (``requires``: without them it is not run) or takes when they exist
(``uses``), the options of the user's it accepts, the columns its CSV file starts with (the output
contract of ``DESIGN.md``), what one of its rows is called and the columns its rates are broken down
by. A new analysis is one module and one entry here. Functions are imported only when run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from corpusling.parsed import ParsedCorpus


@dataclass(frozen=True)
class Analysis:
    """One analysis: ``function(tokens=…, documents=…, <needed tables>=…, <options>=…)`` → a table."""

    name: str
    module: str
    function: str
    contract: tuple[str, ...]
    requires: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    #: The tables it reads that the corpus computes once for several analyses: methods of
    #: :class:`~corpusling.parsed.ParsedCorpus`, each passed as the keyword of its name when :meth:`run` is given
    #: the corpus (without it, the function computes what it needs).
    shared: tuple[str, ...] = ()
    #: One line: what it finds (the help of its command-line verb).
    description: str = ""
    #: What its rows are, in the plural ("quotations"): "12 quotations written to q.csv".
    noun: str = "rows"
    #: The column its rates are broken down by first (None: no rates), then the others they may be.
    breakdown: str | None = None
    splits: tuple[str, ...] = ()
    #: How its rows are ordered: "doc_id" (by document id, as text) or "documents" (in the corpus's order);
    #: tables computed batch by batch are stacked in this order (:func:`stack`).
    row_order: str = "doc_id"

    def load(self) -> Callable[..., pl.DataFrame]:
        """The function (imported now: a missing module raises ``ModuleNotFoundError``)."""
        return getattr(importlib.import_module(self.module), self.function)

    def ready(self, results: dict[str, pl.DataFrame]) -> bool:
        """Whether the tables it requires exist."""
        return all(results.get(name) is not None for name in self.requires)

    def run(self, tokens: pl.DataFrame, documents: pl.DataFrame, results: dict[str, pl.DataFrame],
            corpus: ParsedCorpus | None = None, **options: Any) -> pl.DataFrame:
        """Run on a corpus, given the tables of the analyses before it and the user's options; ``corpus``, the
        one ``tokens`` and ``documents`` are of, gives its :attr:`shared` tables."""
        needed = {name: results.get(name) for name in (*self.requires, *self.uses)}
        if corpus is not None:
            needed.update({name: getattr(corpus, name)() for name in self.shared})
        chosen = {key: value for key, value in options.items() if key in self.options}
        return self.load()(tokens=tokens, documents=documents, **needed, **chosen)


#: Who may decide a quotation's kind (:func:`corpusling.markers.attribution.attribute`) and a conditional's use
#: (:func:`corpusling.markers.conditional.conditionals`): named here, where the command line reads them without
#: importing the analyses.
KIND_DECIDERS: tuple[str, ...] = ("rules", "model", "hybrid")
CLASS_DECIDERS: tuple[str, ...] = ("rules", "model")

#: How a user's hedge lexicon file is used (:func:`corpusling.lexicons.load_lexicon`): ``add`` its entries to the
#: bundled ones (an entry with a bundled pattern replaces that one) or ``replace`` the bundled lexicon with the file.
LEXICON_MODES: tuple[str, ...] = ("add", "replace")
#: The one default of ``cl.hedges``, ``corpusling hedges``, ``corpusling report`` and the loader: ``add``, since a
#: user's file is most often a few entries more, and ``replace`` would silently drop the bundled ones.
DEFAULT_LEXICON_MODE = "add"

#: Every analysis, in the order they run (each after those it needs).
ANALYSES: dict[str, Analysis] = {a.name: a for a in (
    Analysis("quotes", "corpusling.markers.quotes", "quotes",
             ("doc_id", "quote_id", "start_char", "end_char", "text", "n_tokens", "kind", "nested", "source",
              "reporting_verb"),
             options=("reporting_verbs", "kinds"), shared=("proper_names", "paragraphs"),
             description="quotations: spans, kinds, sources, density",
             noun="quotations", breakdown="kind"),
    Analysis("conditionals", "corpusling.markers.conditional", "conditionals",
             ("doc_id", "sent_id", "start_char", "end_char", "form", "lemma", "tense", "compound", "main_lemma",
              "class", "sentence"),
             uses=("quotes",), options=("classes",),
             description="verbs in the conditional mood: use, rates, comparisons",
             noun="conditionals", breakdown="class", splits=("lemma", "form")),
    Analysis("hedges", "corpusling.markers.hedges", "hedges",
             ("doc_id", "sent_id", "start_char", "end_char", "match", "category", "entry"),
             uses=("quotes",), options=("lexicon",),
             description="hedges, source markers and boosters: counts and rates", noun="matches",
             breakdown="category", splits=("entry",), row_order="documents"),
    Analysis("reported", "corpusling.markers.reported", "reported",
             ("doc_id", "sent_id", "start_char", "end_char", "text", "kind", "cue", "source", "speaker"),
             requires=("quotes", "hedges"), shared=("proper_names", "paragraphs"),
             description="reported speech: indirect, 'selon X', incises",
             noun="reported contents", breakdown="kind", splits=("cue",)),
    Analysis("speakers", "corpusling.markers.speakers", "speakers",
             ("doc_id", "speaker", "mentions", "n_quotes", "quoted_words"),
             requires=("quotes",), uses=("reported",), description="who is given a voice, how much",
             noun="speakers"),
)}


def breakdown(name: str) -> str:
    """The column classing the rows of analysis ``name`` (its rates are broken down by it): the one place it is
    named, read by the report, its page and the workbench. ``ValueError`` for an analysis without one."""
    column = ANALYSES[name].breakdown
    if column is None:
        raise ValueError(f"the analysis {name!r} has no breakdown column")
    return column


def needed(name: str) -> list[Analysis]:
    """The analyses to run for ``name``'s table, in the registry's order: those it requires or uses (and theirs),
    then itself."""
    wanted = {name}
    for analysis in reversed(ANALYSES.values()):
        if analysis.name in wanted:
            wanted.update((*analysis.requires, *analysis.uses))
    return [analysis for analysis in ANALYSES.values() if analysis.name in wanted]


def run_with_needs(name: str, tokens: pl.DataFrame, documents: pl.DataFrame, **options: Any
                   ) -> dict[str, pl.DataFrame]:
    """The tables of ``name`` and of the analyses it needs (:func:`needed`), run one after the other on a corpus
    with the user's ``options`` (each analysis takes those of its ``options``), by name; the tables they share
    computed once."""
    from corpusling.parsed import ParsedCorpus

    corpus = ParsedCorpus(tokens, documents)
    results: dict[str, pl.DataFrame] = {}
    for analysis in needed(name):
        results[analysis.name] = analysis.run(tokens, documents, results, corpus, **options)
    return results


def stack(analysis: Analysis, parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The analysis's tables of consecutive batches of whole documents as one table, rows in the order one run
    on the whole corpus gives (its ``row_order``): its rows depend on one document at a time."""
    table = pl.concat(parts, how="vertical_relaxed") if len(parts) > 1 else parts[0]
    if analysis.row_order == "doc_id":
        table = table.sort(pl.col("doc_id").cast(pl.String), maintain_order=True)
    return table


def contract() -> dict[str, list[str]]:
    """The columns each analysis's CSV file starts with, by analysis."""
    return {name: list(analysis.contract) for name, analysis in ANALYSES.items()}


__all__ = ["ANALYSES", "DEFAULT_LEXICON_MODE", "LEXICON_MODES", "Analysis", "breakdown", "contract",
           "needed", "run_with_needs", "stack"]

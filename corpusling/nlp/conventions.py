"""The feature conventions of UD French-GSD, applied to the tagger's output.

The compact model learns its features mostly from Sequoia, whose conventions differ from GSD's
(the treebank of news and Wikipedia text its targets are measured on). Four differences account
for over 40 % of its feature errors on GSD text (``shared/notes/model-options.md``); :func:`rules`
restates them, in order, as rules on the token table:

* cardinal numbers: GSD gives ``Number`` (``Sing`` for one and for the day of a date, "le 26
  octobre"; ``Plur`` otherwise), Sequoia ``NumType=Card``;
* possessive determiners: GSD adds ``PronType=Prs`` to ``Poss=Yes``;
* past participles: GSD gives ``Voice=Pass`` under a passive auxiliary, ``Voice=Act`` under a
  tense auxiliary ("a vendu", "est arrivé"), where the tagger mixes them;
* the auxiliary "été": GSD gives it ``Gender=Masc|Number=Sing``, Sequoia nothing.

The first rule whose condition holds decides a word; a word no rule matches keeps its features.
Applied after the lexicon check (:mod:`corpusling.nlp.lexicon_check`) when the pipeline's
checks include ``"gsd"`` (:data:`corpusling.nlp.morphology.CHECKS`).
"""

from __future__ import annotations

import polars as pl

from corpusling import tokens as tok

#: Bump when a rule changes: it is part of the parse-cache key.
VERSION = "gsd-1"

_SENTENCE = ["doc_id", "sent_id"]

#: A rule: (name, condition, features set, features removed).
Rule = tuple[str, pl.Expr, list[str], list[str]]


def rules() -> list[Rule]:
    """The convention rules, in the order they are tried.

    Conditions read the token table and two columns of context: ``_previous`` (the previous word,
    lowercased) and ``_child_relations`` (the dependency relations of the word's children).
    """
    upos, form = pl.col("upos").cast(pl.String), pl.col("form").str.to_lowercase()
    feats = pl.col("feats").cast(pl.String).fill_null("_")
    cardinal = (upos == "NUM") & feats.str.contains("NumType=Card")
    participle = (upos == "VERB") & feats.str.contains("VerbForm=Part") & feats.str.contains("Tense=Past")
    children = pl.col("_child_relations").fill_null([])
    return [
        ("number one", cardinal & form.is_in(["un", "1"]), ["Number=Sing"], ["NumType"]),
        ("number one, feminine", cardinal & (form == "une"), ["Gender=Fem", "Number=Sing"], ["NumType"]),
        ("day of a date", cardinal & (pl.col("_previous") == "le"), ["Number=Sing"], ["NumType"]),
        ("cardinal number", cardinal, ["Number=Plur"], ["NumType"]),
        ("possessive determiner", (upos == "DET") & feats.str.contains("Poss=Yes"), ["PronType=Prs"], []),
        ("passive participle", participle & children.list.contains("aux:pass"), ["Voice=Pass"], []),
        ("participle of a compound tense", participle & children.list.contains("aux:tense"), ["Voice=Act"], []),
        ("auxiliary été", (upos == "AUX") & (form == "été"), ["Gender=Masc", "Number=Sing"], []),
    ]


def _edit(feats: pl.Expr, set_items: list[str], removed: list[str]) -> pl.Expr:
    """A CoNLL-U feature string with ``set_items`` put in (replacing their features) and ``removed`` taken out."""
    names = [item.split("=")[0] for item in set_items] + removed
    name = pl.element().str.split_exact("=", 1).struct.field("field_0")
    kept = feats.cast(pl.String).fill_null("_").str.split("|").list.eval(
        pl.element().filter((pl.element() != "_") & ~name.is_in(names)))
    items = kept.list.concat(pl.lit(set_items, dtype=pl.List(pl.String))).list.eval(
        pl.element().sort_by(pl.element().str.to_lowercase()))
    return pl.when(items.list.len() > 0).then(items.list.join("|")).otherwise(pl.lit("_"))


def _context(tokens: pl.DataFrame) -> pl.DataFrame:
    """The token table with ``_previous`` and ``_child_relations`` (see :func:`rules`)."""
    children = (tokens.filter(pl.col("head") > 0)
                .group_by(*_SENTENCE, pl.col("head").alias("word_id"))
                .agg(pl.col("deprel").cast(pl.String).alias("_child_relations")))
    previous = pl.col("form").shift(1).over(_SENTENCE, order_by="word_id").str.to_lowercase()
    return (tokens.join(children, on=[*_SENTENCE, "word_id"], how="left", maintain_order="left")
            .with_columns(previous.alias("_previous")))


def decided_by(tokens: pl.DataFrame) -> pl.Series:
    """The name of the rule that decides each word (null where none does): for reading the rules' work."""
    names = None
    for name, condition, _, _ in rules():
        test = condition.fill_null(False)
        names = pl.when(test).then(pl.lit(name)) if names is None else names.when(test).then(pl.lit(name))
    return _context(tokens).select(names.otherwise(None).alias("rule"))["rule"]


def apply_conventions(tokens: pl.DataFrame, only: pl.Expr | None = None) -> pl.DataFrame:
    """The token table with GSD's feature conventions (:func:`rules`); rows, order and every other column
    stay as they were. ``only``: a boolean expression choosing the rows the rules may change.

    Only the rows some rule matches are edited; their features are put back by row number."""
    if tokens.is_empty():
        return tokens
    row = "_convention_row"
    table = _context(tokens.with_row_index(row))
    chosen = pl.lit(True) if only is None else only.fill_null(False)
    matched = table.filter(chosen & pl.any_horizontal([c.fill_null(False) for _, c, _, _ in rules()]))
    if matched.is_empty():
        return tokens
    feats = None
    for _, condition, set_items, removed in rules():
        test = condition.fill_null(False)
        edit = _edit(pl.col("feats"), set_items, removed)
        feats = pl.when(test).then(edit) if feats is None else feats.when(test).then(edit)
    edited = matched.select(row, feats.otherwise(pl.col("feats").cast(pl.String)).alias("_new_feats"))
    table = (tokens.with_row_index(row).join(edited, on=row, how="left", maintain_order="left")
             .with_columns(pl.coalesce("_new_feats", pl.col("feats").cast(pl.String))
                           .cast(tokens.schema["feats"]).alias("feats")))
    derived = [e for e in tok.feature_columns(pl.col("feats")) if e.meta.output_name() in tokens.columns]
    return table.with_columns(derived).select([pl.col(c).cast(tokens.schema[c]) for c in tokens.columns])

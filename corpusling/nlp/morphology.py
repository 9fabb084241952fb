"""A morphological check of the conditional mood on the tagger's output.

Small taggers trained on little data rarely predict ``Mood=Cnd`` (the compact
model reads "aurait" as an imperfect, like "avait"). The conditional is the
future stem plus the imperfect endings, so it can be checked against the lemma
(:func:`corpusling.nlp.future_stem.detect`, with the irregular stems of
``lexicons/future_stems.tsv``). This module applies that check to the token table
after parsing: a verb the check recognises gets ``Mood=Cnd|Tense=Pres`` (and the
infinitive the stem points to when the lemmatiser went wrong); a ``Mood=Cnd`` the
check rejects ("peux", "crois") becomes ``Mood=Ind``. Parse caches keep Stanza's
own output; the check is applied when tables are assembled, so improving it never
requires parsing again. ``corpusling models evaluate`` reports the conditional's
scores with and without it.

Before it run the checks named in :data:`CHECKS`, in order: ``"lexicon"``, the
features and lemmas of nouns, adjectives and verbs against the Lefff
(:mod:`corpusling.nlp.lexicon_check`); ``"gsd"``, the feature conventions of UD
French-GSD (:mod:`corpusling.nlp.conventions`). The conditional check comes last, so
it keeps the last word on ``Mood=Cnd``.
"""

from __future__ import annotations

import polars as pl

from corpusling import tokens as tok

#: Every check that may run before the conditional's, in the order they run.
ALL_CHECKS: tuple[str, ...] = ("lexicon", "gsd")

#: The checks that run (issue 19): both, chosen on development data (``fr_compact/MODEL.md``, "Checks after
#: parsing"). The parse-cache key names them (:func:`corpusling.nlp.cache.checks_key`).
CHECKS: tuple[str, ...] = ALL_CHECKS


def checks_on(checks: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The checks that run: ``checks`` when given, else :data:`CHECKS`; in the order of :data:`ALL_CHECKS`."""
    chosen = CHECKS if checks is None else checks
    unknown = sorted(set(chosen) - set(ALL_CHECKS))
    if unknown:
        raise ValueError(f"unknown morphological checks {unknown}; known: {', '.join(ALL_CHECKS)}")
    return tuple(c for c in ALL_CHECKS if c in chosen)


def _set_feats(feats: pl.Expr, mood: str, tense: str | None) -> pl.Expr:
    """Replace Mood (and Tense) in a CoNLL-U feature string, keeping the features sorted."""
    drop = ("Mood=",) + (("Tense=",) if tense else ())
    items = feats.cast(pl.String).fill_null("_").str.split("|").list.eval(
        pl.element().filter((pl.element() != "_") & ~pl.any_horizontal(pl.element().str.starts_with(d) for d in drop)))
    new = [f"Mood={mood}"] + ([f"Tense={tense}"] if tense else [])
    return items.list.concat(pl.lit(new)).list.eval(pl.element().sort_by(pl.element().str.to_lowercase())) \
        .list.join("|")


def check_conditionals(tokens: pl.DataFrame, only: pl.Expr | None = None,
                       checks: tuple[str, ...] | None = None) -> pl.DataFrame:
    """The parser's output after the morphological checks: those of ``checks`` (by default
    :data:`CHECKS`), then the conditional mood's (:func:`check_conditional_mood`).

    ``only``: a boolean expression choosing the rows to check (the others are kept as they are).
    """
    for check in checks_on(checks):
        if check == "lexicon":
            from corpusling.nlp.lexicon_check import check_lexicon

            tokens = check_lexicon(tokens, only)
        elif check == "gsd":
            from corpusling.nlp.conventions import apply_conventions

            tokens = apply_conventions(tokens, only)
    return check_conditional_mood(tokens, only)


def check_conditional_mood(tokens: pl.DataFrame, only: pl.Expr | None = None) -> pl.DataFrame:
    """The token table with ``Mood=Cnd`` set where morphology finds a conditional, removed where it does not.

    ``only``: a boolean expression choosing the rows to check (the others are kept as they
    are). Only the rows that can change are read: forms with a conditional ending and words
    tagged ``Mood=Cnd``; their corrected values are put back by row number, so rows, order
    and every other value stay as they were.
    """
    from corpusling.nlp.future_stem import CANDIDATE, detect, lowered

    if tokens.is_empty():
        return tokens
    tagged_cnd = (pl.col("mood").cast(pl.String) == "Cnd").fill_null(False)
    chosen = pl.col("form").str.contains(CANDIDATE).fill_null(False) | tagged_cnd
    if only is not None:
        chosen = chosen & only.fill_null(False)
    row = "_check_row"
    candidates = tokens.with_row_index(row).filter(chosen)
    if candidates.is_empty():
        return tokens
    words = detect(lowered(candidates))
    is_cnd = pl.col("_cnd").fill_null(False)
    words = words.with_columns(tagged_cnd.alias("_tagged"))
    changed = words.filter((is_cnd != pl.col("_tagged")) | (is_cnd & (pl.col("_lemma") != pl.col("_l"))))
    if changed.is_empty():
        return tokens
    fixed = changed.with_columns(
        pl.when(is_cnd & ~pl.col("_tagged")).then(_set_feats(pl.col("feats"), "Cnd", "Pres"))
        .when(pl.col("_tagged") & ~is_cnd).then(_set_feats(pl.col("feats"), "Ind", None))
        .otherwise(pl.col("feats").cast(pl.String)).alias("feats"),
        pl.when(is_cnd & (pl.col("_lemma") != pl.col("_l"))).then(pl.col("_lemma"))
        .otherwise(pl.col("lemma")).alias("lemma"),
    )
    # the feature columns are derived again from the corrected feats, on the changed rows only
    derived = list(tok.FEATURE_COLUMNS.values())
    new_columns = ["feats", "lemma", *derived]
    fixed = (fixed.drop(derived).with_columns(tok.feature_columns(pl.col("feats")))
             .select(pl.col(row), pl.lit(True).alias(_NEW),
                     *[pl.col(c).cast(tokens.schema[c]).alias(f"{c}{_NEW}") for c in new_columns]))
    replaced = tokens.with_row_index(row).join(fixed, on=row, how="left", maintain_order="left")
    hit = pl.col(_NEW).fill_null(False)
    return replaced.select([pl.when(hit).then(pl.col(f"{c}{_NEW}")).otherwise(pl.col(c)).alias(c)
                            if c in new_columns else pl.col(c) for c in tokens.columns])


_NEW = "__checked"

"""A morphological check of the conditional mood on the tagger's output.

Small taggers trained on little data rarely predict ``Mood=Cnd`` (the compact
model reads "aurait" as an imperfect, like "avait"). The conditional is the
future stem plus the imperfect endings, so it can be checked against the lemma
(:func:`corpusling.markers.conditional.detect`, with the irregular stems of
``lexicons/future_stems.tsv``). This module applies that check to the token table
after parsing: a verb the check recognises gets ``Mood=Cnd|Tense=Pres`` (and the
infinitive the stem points to when the lemmatiser went wrong); a ``Mood=Cnd`` the
check rejects ("peux", "crois") becomes ``Mood=Ind``. Parse caches keep Stanza's
own output; the check is applied when tables are assembled, so improving it never
requires parsing again. ``corpusling models evaluate`` reports the conditional's
scores with and without it.
"""

from __future__ import annotations

import polars as pl

from corpusling import tokens as tok


def _set_feats(feats: pl.Expr, mood: str, tense: str | None) -> pl.Expr:
    """Replace Mood (and Tense) in a CoNLL-U feature string, keeping the features sorted."""
    drop = ("Mood=",) + (("Tense=",) if tense else ())
    items = feats.cast(pl.String).fill_null("_").str.split("|").list.eval(
        pl.element().filter((pl.element() != "_") & ~pl.any_horizontal(pl.element().str.starts_with(d) for d in drop)))
    new = [f"Mood={mood}"] + ([f"Tense={tense}"] if tense else [])
    return items.list.concat(pl.lit(new)).list.eval(pl.element().sort_by(pl.element().str.to_lowercase())) \
        .list.join("|")


def check_conditionals(tokens: pl.DataFrame) -> pl.DataFrame:
    """The token table with ``Mood=Cnd`` set where morphology finds a conditional, removed where it does not."""
    from corpusling.markers.conditional import detect

    if tokens.is_empty():
        return tokens
    words = detect(tokens.with_columns(
        pl.col("form").str.to_lowercase().str.replace_all("’", "'").alias("_f"),
        pl.col("lemma").fill_null("").str.to_lowercase().alias("_l")))
    is_cnd = pl.col("_cnd").fill_null(False)
    tagged_cnd = (pl.col("mood").cast(pl.String) == "Cnd").fill_null(False)
    fixed = words.with_columns(
        pl.when(is_cnd & ~tagged_cnd).then(_set_feats(pl.col("feats"), "Cnd", "Pres"))
        .when(tagged_cnd & ~is_cnd).then(_set_feats(pl.col("feats"), "Ind", None))
        .otherwise(pl.col("feats").cast(pl.String)).alias("feats"),
        pl.when(is_cnd & (pl.col("_lemma") != pl.col("_l"))).then(pl.col("_lemma"))
        .otherwise(pl.col("lemma")).alias("lemma"),
    )
    # the feature columns are derived again from the corrected feats
    derived = set(tok.FEATURE_COLUMNS.values())
    return tok.from_rows(fixed.select([c for c in tokens.columns if c not in derived]))

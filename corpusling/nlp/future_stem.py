"""The morphology of the French conditional: the future stem followed by the imperfect endings.

The conditional is the future stem + -rais, -rait, -rions, -riez, -raient, so a form is a
conditional when what precedes the ending, r included, is the future stem of its lemma: the
infinitive of -er/-ir verbs ("viser-aient", "finir-ait"), the infinitive less -e of -re verbs
("prendr-ait", ``lexicons/re_verb_stems.tsv``), or an irregular stem of ``lexicons/future_stems.tsv``
("aur-ait", "pourr-ait", "appartiendr-aient"). Imperfects of verbs whose stem ends in r are thereby
excluded ("déclar-ait" ≠ "déclarer", "cour-ait" ≠ "courr-"). Stems that identify the verb by
themselves ("pourr-", "-tiendr-", "aur" alone) and stems of -er verbs ("viser-") are accepted even
when the lemma is wrong.

This is morphology, so it lives with the parsing layer: :mod:`corpusling.nlp.morphology` corrects
the tagger's ``Mood=Cnd`` with it after parsing, and the conditional analysis
(:mod:`corpusling.markers.conditional`) detects its rows with it; nothing here imports an analysis.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from corpusling.lexicons import bundled_rows
from corpusling.nlp.lexicon_check import verb_lemmas

#: Conditional ending: the r of the future stem is kept with the stem.
ENDING = r"^(.+r)(ais|ait|ions|iez|aient)$"

#: Any form that :data:`ENDING` can match once lower-cased and freed of an inverted subject (a wider net).
CANDIDATE = r"(?i).r(?:ais|ait|ions|iez|aient)(?:-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles|ce))?$"

#: An inverted subject left on the verb by the tokenizer ("pourrait-il", "aurait-t-on").
_INVERTED_SUBJECT = r"-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles|ce)$"


@cache
def future_stems() -> tuple[tuple[str, str, str, bool], ...]:
    """Irregular future stems: ``(infinitive, stem, scope, form_alone)``, longest stem first."""
    rows = bundled_rows("future_stems.tsv", ("infinitive", "future_stem", "scope", "form_alone"), ("example",),
                        values={"scope": ("word", "ending"), "form_alone": ("yes", "no")})
    entries = [(r["infinitive"], r["future_stem"], r["scope"], r["form_alone"] == "yes") for r in rows]
    return tuple(sorted(entries, key=lambda e: -len(e[1])))


@cache
def re_verb_stems() -> tuple[tuple[str, str, bool], ...]:
    """Regular -re verbs' stems: ``(infinitive ending, stem ending, form_alone)``, longest first.

    A -re lemma is trusted only when it has one of these endings: a lemmatizer that turns
    "rencontrait" into "rencontre" must not make it a conditional of a verb *rencontre*."""
    rows = bundled_rows("re_verb_stems.tsv", ("infinitive_ending", "stem_ending", "form_alone"), ("example",),
                        values={"form_alone": ("yes", "no")})
    entries = ((r["infinitive_ending"], r["stem_ending"], r["form_alone"] == "yes") for r in rows)
    return tuple(sorted(entries, key=lambda e: -len(e[1])))


def _spelling_key(text: pl.Expr) -> pl.Expr:
    """Neutralise the stem alternations of -er verbs: accents (lèverait), double consonants
    (appellerait, jetterait) and y/i (emploierait, paierait)."""
    return (text.str.replace_all("[éèê]", "e").str.replace_all("ll", "l").str.replace_all("tt", "t")
            .str.replace_all("y", "i"))


def _from_stem_ending(stem: pl.Expr, entries: list[tuple[str, str]]) -> pl.Expr:
    """The infinitive rebuilt from the first ``(infinitive ending, stem ending)`` the stem ends with, else null."""
    guess = pl.lit(None, dtype=pl.String)
    for infinitive, future in reversed(entries):  # the first entry is tried first
        guess = pl.when(stem.str.ends_with(future)).then(
            stem.str.slice(0, stem.str.len_chars() - len(future)) + infinitive).otherwise(guess)
    return guess


def future_stem_checks(stem: pl.Expr, lemma: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """``(matches_lemma, irregular_from_form, regular_from_form)`` for a stem (ending removed, r kept).

    ``matches_lemma``: the stem is the future stem of the lemma (regular or irregular).
    ``irregular_from_form``: the infinitive a form-alone irregular stem points to, else null;
    ``regular_from_form``: the same for the -re stems of ``re_verb_stems.tsv``.
    """
    regular = _spelling_key(stem) == _spelling_key(lemma)  # -er, -ir verbs: the infinitive
    irregular = []  # -re verbs of re_verb_stems.tsv and the irregular stems
    for infinitive, future, _ in re_verb_stems():
        prefix_len = lemma.str.len_chars() - len(infinitive)
        irregular.append(lemma.str.ends_with(infinitive) & (stem == lemma.str.slice(0, prefix_len) + future))
    guesses: list[tuple[pl.Expr, pl.Expr]] = []
    for infinitive, future, scope, alone in future_stems():
        if scope == "word":
            irregular.append((lemma == infinitive) & (stem == future))
            guess = (stem == future, pl.lit(infinitive))
        else:
            prefix_len = lemma.str.len_chars() - len(infinitive)
            irregular.append(lemma.str.ends_with(infinitive) & (stem == lemma.str.slice(0, prefix_len) + future))
            guess = (stem.str.ends_with(future), stem.str.slice(0, stem.str.len_chars() - len(future)) + infinitive)
        if alone:
            guesses.append(guess)
    from_form = pl.lit(None, dtype=pl.String)
    for condition, infinitive_expr in reversed(guesses):  # longest stem first wins
        from_form = pl.when(condition).then(infinitive_expr).otherwise(from_form)
    matches = regular | pl.any_horizontal(irregular)
    alone = [(infinitive, future) for infinitive, future, form_alone in re_verb_stems() if form_alone]
    return matches.fill_null(False), from_form, _from_stem_ending(stem, alone)


def lowered(tokens: pl.DataFrame) -> pl.DataFrame:
    """String columns, lower-cased form ``_f`` and lemma ``_l`` (row order kept)."""
    strings = [c for c in ("doc_id", "upos", "feats", "mood", "tense", "verbform", "person", "deprel")
               if c in tokens.columns]
    return tokens.with_columns(*(pl.col(c).cast(pl.String) for c in strings),
                               pl.col("form").str.to_lowercase().str.replace_all("’", "'").alias("_f"),
                               pl.col("lemma").fill_null("").str.to_lowercase().alias("_l"))


def detect(words: pl.DataFrame) -> pl.DataFrame:
    """``words`` (from :func:`lowered`, any row order) plus ``_cnd`` (is a conditional), ``_lemma`` (corrected) and
    ``detected_by``."""
    verb_form = pl.col("_f").str.replace(_INVERTED_SUBJECT, "")  # "pourrait-il" kept as one token
    stem = pl.col("_stem")
    words = words.with_columns(verb_form.str.extract(ENDING, 1).alias("_stem"),
                               verb_form.str.extract(ENDING, 2).alias("_ending"))
    # the stem checks are long chains of string expressions: run them only on the few words
    # with a conditional ending (0.2 % of a press corpus), then put them back by row number
    matches, from_form, from_re_stem = future_stem_checks(stem, pl.col("_l"))
    row = "_detect_row"
    words = words.with_row_index(row)
    checks = words.filter(stem.is_not_null()).select(
        row, matches.alias("_by_lemma"), from_form.alias("_from_form"), from_re_stem.alias("_from_re_stem"))
    words = (words.join(checks, on=row, how="left", maintain_order="left").drop(row)
             .with_columns(pl.col("_by_lemma").fill_null(False)))
    verbal = pl.col("upos").is_in(["VERB", "AUX"])
    # no French noun or adjective ends in -erait, -eraient…: an unknown word tagged so is a verb
    first_group = pl.col("upos").is_in(["VERB", "AUX", "NOUN", "ADJ"]) & stem.str.ends_with("er") & (
        stem.str.len_chars() >= 4)
    # the imperfect of the -er verb the lemma names ("s'effondrait" of effondrer: effondr-ait) is no conditional of
    # a -re verb the form alone suggests ("-ondrait" as in "répondrait"), when the Lefff knows that verb
    # (a verb the lexicon knows: a lemmatiser's "permettrer" for "permettrait" is no verb)
    imperfect_of_lemma = (pl.col("_l").str.ends_with("er")
                          & (pl.col("_l").str.slice(0, pl.col("_l").str.len_chars() - 2) == stem)
                          & pl.col("_l").is_in(verb_lemmas().implode())).fill_null(False)
    # (not the irregular stems, which name their verb: "sauraient" is savoir's, whatever a lemma *saurer* says)
    by_form = pl.col("_from_form").is_not_null() | (pl.col("_from_re_stem").is_not_null() & ~imperfect_of_lemma)
    words = words.with_columns(
        ((pl.col("_by_lemma") | by_form | first_group)
         & ~pl.col("upos").is_in(["PROPN", "PUNCT"])).fill_null(False).alias("_morph"),
        (verbal & (pl.col("mood") == "Cnd") & pl.col("_stem").is_not_null()).fill_null(False).alias("_tagger"),
    )
    lemma = (pl.when(pl.col("_morph") & pl.col("_from_form").is_not_null()).then(pl.col("_from_form"))
             .when(pl.col("_by_lemma")).then(pl.col("_l"))
             .when(pl.col("_from_re_stem").is_not_null()).then(pl.col("_from_re_stem"))
             .when(first_group).then(pl.col("_stem"))
             .otherwise(pl.col("_l")))
    return words.with_columns(
        (pl.col("_morph") | pl.col("_tagger")).alias("_cnd"),
        lemma.alias("_lemma"),
        pl.when(pl.col("_morph") & pl.col("_tagger")).then(pl.lit("tagger+morphology"))
        .when(pl.col("_morph")).then(pl.lit("morphology"))
        .when(pl.col("_tagger")).then(pl.lit("tagger")).alias("detected_by"),
    )

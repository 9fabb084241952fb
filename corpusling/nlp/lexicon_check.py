"""A lexicon check of the tagger's features and lemmas, against the Lefff 3.4 (Sagot 2010).

The compact model learns its morphology from 86k words; a morphological lexicon knows every
inflection of some 400,000 French forms. For each word whose form (lowercased) and part of speech
the lexicon lists, the check reads the lexicon's readings of that form with that part of speech
(an AUX is read as a verb) and keeps the ones closest to the tagger's features: the most features
in common, less those contradicted (:func:`closeness`). Then

* **features**: each lexical feature (:data:`LEXICAL`) that every closest reading gives, with one
  value, takes that value; one that they all leave out where it would be settled
  (:data:`SETTLED_ABSENT`: an infinitive has no Person) is removed; the other features (PronType,
  Definite, Voice, Polarity…) stay as tagged;
* **lemma**: a lemma that is not among the form's lemmas in the lexicon becomes the closest
  readings' lemma (when they agree on one), unless it stands for another reason
  (:func:`_known_lemmas`: a name's capital, a feminine noun).

Forms the lexicon lacks, and parts of speech the check does not read (:data:`CHECKED`), keep the
tagger's analysis; the part of speech itself is never changed. The lexicon table
(``data/lefff.parquet``, LGPL-LR) is built by ``data/make_lefff.py``; :data:`TABLE_VERSION` names it
in the parse-cache key. Everything is joins on the token table, no loop over words.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl

from corpusling import tokens as tok

TABLE = Path(__file__).resolve().parent / "data" / "lefff.parquet"

#: Bump when ``data/lefff.parquet`` or the check's rules change: it is part of the parse-cache key.
TABLE_VERSION = "lefff3.4-1"

#: The parts of speech whose features and lemmas are checked.
CHECKED = ("NOUN", "ADJ", "VERB", "AUX")

#: The features the lexicon knows; every other feature is the tagger's alone.
LEXICAL = ("Gender", "Number", "Person", "Mood", "Tense", "VerbForm", "Number[psor]", "Person[psor]")

#: The features a reading settles by leaving them out, by part of speech: a finite verb has no Gender,
#: an infinitive no Mood, Person, Number…; a past participle no Mood or Person (its Gender and Number
#: may be left out because the form has both values: "pris").
SETTLED_ABSENT: dict[str, list[str]] = {
    "VERB": ["Mood", "Tense", "VerbForm", "Person", "Gender", "Number"],
    "past participle": ["Mood", "Person"],
    "ADJ": ["Gender"],
    "NOUN": [],
}

#: The part of speech whose readings a tagged part of speech is looked up with.
LOOKUP_UPOS = {"AUX": "VERB"}


@lru_cache(maxsize=1)
def lexicon() -> pl.DataFrame:
    """The readings: ``form`` (lowercase, straight apostrophe), ``upos``, ``lemma``, ``feats``."""
    return pl.read_parquet(TABLE)


@lru_cache(maxsize=1)
def verb_lemmas() -> pl.Series:
    """Every verb the lexicon knows, by its infinitive."""
    return lexicon().filter(pl.col("upos") == "VERB")["lemma"].unique()


@lru_cache(maxsize=1)
def third_person_verb_forms() -> pl.DataFrame:
    """``form``, ``lemma``: every form the lexicon lists as a verb in the indicative, third person ("tempête",
    "peste", "tacle"), with one of its infinitives; a word the tagger took for a noun may be one of them."""
    finite = pl.col("feats").str.contains("Mood=Ind") & pl.col("feats").str.contains("Person=3")
    return (lexicon().filter((pl.col("upos") == "VERB") & finite).group_by("form", maintain_order=True)
            .agg(pl.col("lemma").first()))


def _items(feats: pl.Expr) -> pl.Expr:
    """The lexical ``Name=Value`` items of a CoNLL-U feature string, as a list."""
    names = pl.element().str.split_exact("=", 1).struct.field("field_0")
    return feats.cast(pl.String).fill_null("_").str.split("|").list.eval(
        pl.element().filter(names.is_in(LEXICAL)))


def _names(items: pl.Expr) -> pl.Expr:
    return items.list.eval(pl.element().str.split_exact("=", 1).struct.field("field_0"))


def closeness(tagged: pl.Expr, reading: pl.Expr) -> pl.Expr:
    """How close a reading is to the tagger's features: features in common, minus features contradicted
    (the same name with another value). Lists of lexical ``Name=Value`` items."""
    common = tagged.list.set_intersection(reading).list.len()
    shared_names = _names(tagged).list.set_intersection(_names(reading)).list.len()
    return common.cast(pl.Int32) - (shared_names - common).cast(pl.Int32)


def lexicon_form(form: pl.Expr) -> pl.Expr:
    """A form as the lexicon spells its forms: lowercase, with a straight apostrophe."""
    return form.str.to_lowercase().str.replace_all("’", "'", literal=True)


def _lookup_key(tokens: pl.DataFrame) -> list[pl.Expr]:
    return [lexicon_form(pl.col("form")).alias("_key"),
            pl.col("upos").cast(pl.String).replace(LOOKUP_UPOS).alias("_key_upos")]


def check_lexicon(tokens: pl.DataFrame, only: pl.Expr | None = None) -> pl.DataFrame:
    """The token table with features and lemmas checked against the lexicon (module docstring).

    ``only``: a boolean expression choosing the rows to check. Rows, order and every other column
    stay as they were.
    """
    if tokens.is_empty():
        return tokens
    table = lexicon()
    row = "_lex_row"
    chosen = pl.col("upos").cast(pl.String).is_in(CHECKED).fill_null(False)
    if only is not None:
        chosen = chosen & only.fill_null(False)
    words = (tokens.with_row_index(row).filter(chosen)
             .select(row, *_lookup_key(tokens), pl.col("lemma"), _items(pl.col("feats")).alias("_tagged")))
    found = words.join(table.rename({"lemma": "_lex_lemma", "feats": "_lex_feats"}),
                       left_on=["_key", "_key_upos"], right_on=["form", "upos"], how="inner")
    if found.is_empty():
        return tokens
    found = found.with_columns(_items(pl.col("_lex_feats")).alias("_reading"),
                               closeness(pl.col("_tagged"), _items(pl.col("_lex_feats"))).alias("_close"))
    found = found.join(_known_lemmas(words, table, row), on=row, how="left").with_columns(
        pl.col("_known_lemma").fill_null(False))
    best = found.filter(pl.col("_close") == pl.col("_close").max().over(row))
    return _apply(tokens, row, _new_features(best, row), _new_lemmas(best, row))


def _fold(text: pl.Expr) -> pl.Expr:
    """Lemmas compared without case or ligatures ("Quai" / "quai", "œil" / "oeil")."""
    return text.cast(pl.String).str.to_lowercase().str.replace_all("œ", "oe", literal=True) \
        .str.replace_all("æ", "ae", literal=True)


def _known_lemmas(words: pl.DataFrame, table: pl.DataFrame, row: str) -> pl.DataFrame:
    """(row, whether the tagger's lemma stands): it stands when

    * it is capitalised: the tagger kept a name's capital ("les Forces armées");
    * it is one of the form's lemmas in the lexicon, of any part of speech (the participle "fait"
      tagged as a noun keeps "fait");
    * it is a singular noun or adjective whose lemma is one of the form's ("actrice" for "actrices",
      where the Lefff says "acteur": UD French keeps feminine nouns as they are).
    """
    tagged = words.select(row, "_key", "_key_upos", _fold(pl.col("lemma")).alias("_tagged_lemma"),
                          pl.col("lemma").cast(pl.String).str.contains(r"^\p{Lu}").fill_null(False).alias("_cap"))
    lemmas = table.filter(pl.col("lemma").is_not_null())
    of_form = (tagged.join(lemmas.select("form", _fold(pl.col("lemma")).alias("_form_lemma")),
                           left_on="_key", right_on="form", how="inner")
               .select(row, "_tagged_lemma", "_form_lemma"))
    singular = (lemmas.filter(pl.col("upos").is_in(["NOUN", "ADJ"]) & ~pl.col("feats").str.contains("Number=Plur"))
                .select(pl.col("form").alias("_tagged_lemma"), pl.col("upos").alias("_key_upos"),
                        _fold(pl.col("lemma")).alias("_form_lemma")))
    via_singular = tagged.join(singular, on=["_tagged_lemma", "_key_upos"], how="inner") \
        .join(of_form, on=[row, "_form_lemma"], how="semi").select(row).unique()
    known = of_form.filter(pl.col("_form_lemma") == pl.col("_tagged_lemma")).select(row).unique()
    stands = pl.concat([known, via_singular, tagged.filter("_cap").select(row)]).unique()
    return stands.with_columns(pl.lit(True).alias("_known_lemma"))


def _split(items: pl.DataFrame, column: str) -> pl.DataFrame:
    """Long format: one row per ``Name=Value`` item, with its ``_name``."""
    return (items.explode(column).drop_nulls(column)
            .with_columns(pl.col(column).str.split_exact("=", 1).struct.field("field_0").alias("_name")))


def _absent(reading: pl.Expr) -> pl.Expr:
    """``Name=`` items for the features a reading settles by leaving them out (:data:`SETTLED_ABSENT`)."""
    verbal = pl.col("_key_upos") == "VERB"
    past_participle = reading.list.contains("VerbForm=Part") & reading.list.contains("Tense=Past")
    settled = (pl.when(verbal & past_participle).then(pl.lit(SETTLED_ABSENT["past participle"]))
               .when(verbal).then(pl.lit(SETTLED_ABSENT["VERB"]))
               .otherwise(pl.col("_key_upos").replace_strict(SETTLED_ABSENT, default=[],
                                                             return_dtype=pl.List(pl.String))))
    return settled.list.set_difference(_names(reading)).list.eval(pl.element() + "=")


def _new_features(best: pl.DataFrame, row: str) -> pl.DataFrame:
    """(row, item) of each lexical feature that every closest reading gives, with one value; an item
    ``Name=`` (no value) when they all leave out a feature they settle (:func:`_absent`)."""
    readings = best.with_columns(pl.len().over(row).alias("_n")).select(
        row, "_n", pl.concat_list(pl.col("_reading"), _absent(pl.col("_reading"))).alias("_item"))
    return (_split(readings, "_item").group_by(row, "_name")
            .agg(pl.col("_item").n_unique().alias("_values"), pl.len().alias("_having"), pl.col("_n").first(),
                 pl.col("_item").first())
            .filter((pl.col("_values") == 1) & (pl.col("_having") == pl.col("_n")))
            .select(row, "_name", "_item"))


def _new_lemmas(best: pl.DataFrame, row: str) -> pl.DataFrame:
    """(row, lemma) where the tagger's lemma is not the form's and the closest readings agree on one."""
    lemmas = (best.filter(~pl.col("_known_lemma") & pl.col("_lex_lemma").is_not_null())
              .group_by(row).agg(pl.col("_lex_lemma").unique().alias("_lemmas")))
    return lemmas.filter(pl.col("_lemmas").list.len() == 1).select(
        row, pl.col("_lemmas").list.first().alias("_new_lemma"))


def _apply(tokens: pl.DataFrame, row: str, features: pl.DataFrame, lemmas: pl.DataFrame) -> pl.DataFrame:
    """Put the checked features and lemmas back by row number; the derived feature columns follow."""
    numbered = tokens.with_row_index(row)
    decided = features.select(row).unique()
    tagged = (numbered.join(decided, on=row, how="semi")
              .select(row, pl.col("feats").cast(pl.String).fill_null("_").str.split("|").alias("_item")))
    tagged = _split(tagged.with_columns(pl.col("_item").list.eval(pl.element().filter(pl.element() != "_"))), "_item")
    # the tagger's items whose feature the lexicon decided give way to the lexicon's
    merged = (pl.concat([tagged.join(features, on=[row, "_name"], how="anti").select(row, "_item"),
                         features.filter(~pl.col("_item").str.ends_with("=")).select(row, "_item")])
              .group_by(row)
              .agg(pl.col("_item").sort_by(pl.col("_item").str.to_lowercase()).str.join("|").alias("_new_feats")))
    # a word whose every feature was removed has none: "_"
    merged = decided.join(merged, on=row, how="left").with_columns(pl.col("_new_feats").fill_null("_"))
    table = (numbered.join(merged, on=row, how="left", maintain_order="left")
             .join(lemmas, on=row, how="left", maintain_order="left"))
    table = table.with_columns(
        pl.coalesce(pl.col("_new_feats"), pl.col("feats").cast(pl.String)).cast(tokens.schema["feats"]).alias("feats"),
        pl.coalesce(pl.col("_new_lemma"), pl.col("lemma")).cast(tokens.schema["lemma"]).alias("lemma"))
    derived = [e for e in tok.feature_columns(pl.col("feats")) if e.meta.output_name() in tokens.columns]
    table = table.with_columns(derived)
    return table.select([pl.col(c).cast(tokens.schema[c]) for c in tokens.columns])

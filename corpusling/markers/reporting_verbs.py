"""The verbs of saying: the reporting-verb lexicon and the inflected forms looked for in the text.

``reporting_verbs.tsv`` (read by :func:`corpusling.lexicons.reporting_verbs`, the one lexicon loader) is shared
with reported speech; ``incise_verbs.tsv`` adds the verbs that attribute a quotation in an incise only. Regular
forms come from :func:`_conjugate`, irregular ones from ``reporting_verb_forms.tsv``.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from corpusling.lexicons import INCISE_VERBS, bundled_rows, reporting_verbs


def load_reporting_verbs(path: str | Path | None = None) -> pl.DataFrame:
    """The reporting-verb lexicon (``lemma, type, use, notes``); the bundled one when ``path`` is None.

    Read and checked by the one lexicon loader, :func:`corpusling.lexicons.reporting_verbs`."""
    return reporting_verbs(path)


def default_reporting_verbs() -> pl.DataFrame:
    """What attribution uses when given no lexicon: ``reporting_verbs.tsv`` and the verbs of
    ``incise_verbs.tsv`` (``use=incise``: looked for right after a closing mark only; kept apart so that
    "continuer de", "avancer de 3 %" are no cue of reported speech for the analyses reading the first file)."""
    incise = reporting_verbs(INCISE_VERBS).with_columns(pl.lit("incise").alias("use"))
    return pl.concat([reporting_verbs(), incise], how="diagonal_relaxed")


def _verb_lemmas(lexicon: pl.DataFrame, incise: bool = False) -> list[str]:
    """Verb lemmas of the lexicon; those marked ``use=incise`` only when ``incise`` is true."""
    verbs = lexicon.filter(pl.col("type") != "preposition")
    if "use" in verbs.columns and not incise:
        verbs = verbs.filter(pl.col("use").fill_null("any") != "incise")
    return verbs["lemma"].to_list()


def _conjugate(lemma: str) -> list[str]:
    """Third-person, participle and infinitive forms of a regular -er or -ir (2nd group) verb.

    -er: stem + e, ent, a, èrent, ait, aient, ant, é(e)(s), with c → ç and g → ge before a, and e / é → è
    before a final single consonant of the stem (relève, révèle, considère); appeler doubles its l.
    -ir: stem + it, issent, irent, issait, issaient, issant, i(e)(s). (Bescherelle, tables of the 1st and
    2nd groups.) Other verbs: the lemma alone (their forms are listed in ``reporting_verb_forms.tsv``).
    """
    if lemma.endswith("er") and len(lemma) > 3:
        stem = lemma[:-2]
        soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
        present = stem
        if stem.endswith(("appel", "jet")):
            present = stem + stem[-1]
        elif len(stem) > 2 and stem[-2] in "eé" and stem[-1] in "bcdfgjklmnpqrstvz" and stem[-3] not in "aeiouy":
            present = stem[:-2] + "è" + stem[-1]
        return [present + "e", present + "ent", soft + "a", stem + "èrent", soft + "ait", soft + "aient",
                soft + "ant", stem + "é", stem + "ée", stem + "és", stem + "ées", lemma]
    if lemma.endswith("ir") and len(lemma) > 3:
        stem = lemma[:-2]
        return [stem + "it", stem + "issent", stem + "irent", stem + "issait", stem + "issaient", stem + "issant",
                stem + "i", stem + "ie", stem + "is", stem + "ies", lemma]
    return [lemma]


def reporting_verb_forms(lexicon: pl.DataFrame | None = None) -> pl.DataFrame:
    """``form, lemma, use`` for every verb of the reporting-verb lexicon: regular forms by :func:`_conjugate`,
    irregular ones from ``reporting_verb_forms.tsv`` (a form is looked for only where the tagger may have
    missed the verb: right after a closing mark, or as a present participle "disant")."""
    lexicon = default_reporting_verbs() if lexicon is None else lexicon
    irregular = {row["lemma"]: row["forms"].split() + [row["lemma"]]
                 for row in bundled_rows("reporting_verb_forms.tsv", ("lemma", "forms"), ("notes",))}
    verbs = lexicon.filter(pl.col("type") != "preposition")
    use = verbs["use"] if "use" in verbs.columns else pl.Series(["any"] * verbs.height)
    rows = [(form, lemma, kind or "any") for lemma, kind in zip(verbs["lemma"], use, strict=True)
            for form in irregular.get(lemma) or _conjugate(lemma)]
    return pl.DataFrame(rows, schema=["form", "lemma", "use"], orient="row").unique(["form", "lemma"],
                                                                                    maintain_order=True)

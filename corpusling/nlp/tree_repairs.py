"""Repairs of the parser's trees where the tree contradicts itself.

A repair applies only where the tree's own arcs cannot all be right, so it needs no lexicon and no guess about
meaning. One rule so far (:data:`RULES`):

* ``que_clause_subject``: "Anadolu rapporte que les articles visés mettraient…", "Il a annoncé que ces prisons
  disposeraient…": the compact parser makes the noun after "que" the subject of the verb of saying and hangs the
  clause's finite verb on that noun (``acl``), with "que" marking the verb. A complementiser marks the clause it
  opens, so every word between it and the clause's verb belongs to that clause, and a finite verb hangs on a noun
  only through a relative pronoun or a complementiser after the noun ("le fait que…"): the noun cannot be the
  verb's head. (A participle can: "que le contrat signé…" keeps its ``acl``.) The noun
  becomes the verb's subject (``nsubj``) and the verb the complement (``ccomp``) of the noun's former head, as UD
  French annotates a content clause (Guillaume et al., UD French-GSD guidelines).

Repairs run on the token table as the parse gives it (:func:`corpusling.nlp.pipeline.token_tables`), before any
analysis; a change to them changes parses: bump :data:`corpusling.nlp.cache.TABLE_VERSION` with it.
"""

from __future__ import annotations

import polars as pl

#: The repairs in the order they run: (name, what the tree shows, what is done).
RULES: tuple[tuple[str, str, str], ...] = (
    ("que_clause_subject",
     "a finite verb hung (acl) on a noun that stands between the verb and the complementiser 'que' marking it",
     "the noun becomes the verb's nsubj; the verb takes the noun's former head, as ccomp (root when none)"),
)

#: The lemma of the complementiser whose clause ``que_clause_subject`` reads.
COMPLEMENTISER = "que"

_SENTENCE = ["doc_id", "sent_id"]


def rules() -> pl.DataFrame:
    """The repairs as a table, in the order they run."""
    return pl.DataFrame(RULES, schema=["rule", "when", "then"], orient="row")


def repair_que_clause_subjects(tokens: pl.DataFrame) -> pl.DataFrame:
    """The token table with ``que_clause_subject`` applied (module docstring); rows, order and the other columns
    stay as they were."""
    if tokens.is_empty():
        return tokens
    rel = pl.col("deprel").cast(pl.String)
    marks = (tokens.filter((pl.col("lemma") == COMPLEMENTISER) & (rel == "mark"))
             .select(*_SENTENCE, pl.col("head").alias("_verb"), pl.col("word_id").alias("_mark")))
    finite = pl.col("feats").cast(pl.String).str.contains("VerbForm=Fin").fill_null(False)
    verbs = (tokens.filter((rel == "acl") & finite)
             .select(*_SENTENCE, pl.col("word_id").alias("_verb"), pl.col("head").alias("_noun")))
    nouns = tokens.select(*_SENTENCE, pl.col("word_id").alias("_noun"), pl.col("head").alias("_noun_head"))
    found = (verbs.join(marks, on=[*_SENTENCE, "_verb"], how="inner")
             .join(nouns, on=[*_SENTENCE, "_noun"], how="inner")
             .filter((pl.col("_mark") < pl.col("_noun")) & (pl.col("_noun") < pl.col("_verb")))
             .unique([*_SENTENCE, "_verb"], keep="first"))
    if found.is_empty():
        return tokens
    as_subject = found.select(*_SENTENCE, pl.col("_noun").alias("word_id"), pl.col("_verb").alias("_new_head"),
                              pl.lit("nsubj").alias("_new_rel"))
    as_clause = found.select(*_SENTENCE, pl.col("_verb").alias("word_id"), pl.col("_noun_head").alias("_new_head"),
                             pl.when(pl.col("_noun_head") > 0).then(pl.lit("ccomp")).otherwise(pl.lit("root"))
                             .alias("_new_rel"))
    changes = pl.concat([as_subject, as_clause]).unique([*_SENTENCE, "word_id"], keep="first")
    keys = [*_SENTENCE, "word_id"]
    changes = changes.with_columns(pl.col(c).cast(tokens.schema[c]) for c in keys)
    repaired = tokens.join(changes, on=keys, how="left", maintain_order="left")
    return repaired.with_columns(
        pl.coalesce("_new_head", "head").cast(tokens.schema["head"]).alias("head"),
        pl.coalesce(pl.col("_new_rel"), rel).cast(tokens.schema["deprel"]).alias("deprel"),
    ).select(tokens.columns)

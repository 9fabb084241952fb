"""The ground the reported-speech analysis stands on: its lexicons and the dependency tree read as tables.

``reported_cues.tsv`` and ``content_verbs.tsv`` (the French words of the analysis), the columns it reads from
the token table, and the tree helpers every step uses: a word's dependents, the words under a head, the
characters a set of words spans, the noun phrase of a head without its clauses.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from corpusling.lexicons import bundled_rows, cue_words

#: Branches of a noun phrase left out of a source ("X, professeur à…", "X qui…").
NP_EXCLUDED = ("acl", "acl:relcl", "parataxis", "advcl", "appos", "conj", "cc", "punct")


#: Branches left out of the noun phrase read for a name: its appositions and participles stay ("La première
#: ministre du Québec, Pauline Marois", "le président de l'Assemblée Claude Bartolone").
NP_NAME_EXCLUDED = ("acl:relcl", "parataxis", "advcl", "conj", "cc")


@cache
def reported_cues(kind: str) -> list[str]:
    """The words of one ``kind`` of ``lexicons/reported_cues.tsv``: ``complementizer``, ``finite_que``,
    ``question``, ``infinitive_mark``, ``according_to`` (the language data of this analysis)."""
    return cue_words("reported_cues.tsv", kind)


@cache
def content_verbs() -> pl.DataFrame:
    """``lexicons/content_verbs.tsv``: verbs that report a wish, fear, forecast, finding or request only
    through a content clause (``lemma``, ``complements``: a list of ``que``, ``de``, ``à``, ``si``, ``inf``;
    ``object``: whether an object may stand before the clause, "invite les Français à…"). A lemma of two words
    is a locution whose cue is its second verb after the first ("faire savoir que")."""
    rows = bundled_rows("content_verbs.tsv", ("lemma", "complements", "object"), ("notes",),
                        values={"object": ("yes", "no")})
    return pl.DataFrame({"lemma": [r["lemma"] for r in rows],
                         "_complements": [r["complements"].split() for r in rows],
                         "_object": [r["object"] == "yes" for r in rows]})


WORD = ["doc_id", "sent_id", "word_id"]


#: An infinitive: so tagged, or a verb without a verb form written as its lemma ("bouter", the tagger's
#: features missing).
INFINITIVE = ((pl.col("verbform") == "Inf")
               | (pl.col("upos").is_in(["VERB", "AUX"]) & pl.col("verbform").is_null()
                  & (pl.col("form").str.to_lowercase() == pl.col("lemma"))
                  & pl.col("lemma").str.contains("(?:er|ir|re)$")))


def words_of(tokens: pl.DataFrame) -> pl.DataFrame:
    """The columns the analysis reads, with ``doc_id`` as text and the lemma in lower case."""
    return tokens.select(
        pl.col("doc_id").cast(pl.String), pl.col("par_id").cast(pl.Int64), pl.col("sent_id").cast(pl.Int64),
        pl.col("word_id").cast(pl.Int64), pl.col("head").cast(pl.Int64),
        pl.col("deprel").cast(pl.String), pl.col("upos").cast(pl.String),
        pl.col("lemma").cast(pl.String).str.to_lowercase(), pl.col("form").cast(pl.String),
        pl.col("feats").cast(pl.String), pl.col("verbform").cast(pl.String),
        pl.col("start_char").cast(pl.Int64), pl.col("end_char").cast(pl.Int64))


def children(words: pl.DataFrame, parents: pl.DataFrame, relations: tuple[str, ...] | None = None,
              prefix: str = "child") -> pl.DataFrame:
    """``parents`` (with ``doc_id, sent_id, word_id``) joined to their dependents (columns ``{prefix}_…``)."""
    kids = words if relations is None else words.filter(pl.col("deprel").is_in(relations))
    renamed = kids.select("doc_id", "sent_id", pl.col("head").alias("word_id"),
                          *[pl.col(c).alias(f"{prefix}_{c}") for c in ("word_id", "deprel", "upos", "lemma", "form",
                                                                        "verbform", "start_char", "end_char")])
    return parents.join(renamed, on=WORD)


def word_spans(members: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """``_item, start_char, end_char`` of the words of each item, punctuation at either edge left out."""
    located = members.join(words.select(*WORD, "start_char", "end_char", "upos"), on=WORD)
    kept = located.filter(pl.col("upos") != "PUNCT")
    return kept.group_by("_item").agg(pl.col("start_char").min(), pl.col("end_char").max())


def subtrees(heads: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """``_item, doc_id, sent_id, word_id``: every word under each item's ``head`` (the head included)."""
    below = heads.join(pairs.select(*WORD, "anc"), left_on=["doc_id", "sent_id", "head"],
                       right_on=["doc_id", "sent_id", "anc"]).select("_item", *WORD)
    return pl.concat([heads.select("_item", "doc_id", "sent_id", pl.col("head").alias("word_id")), below])


def noun_phrases(heads: pl.DataFrame, pairs: pl.DataFrame, words: pl.DataFrame,
                  excluded: tuple[str, ...] = NP_EXCLUDED) -> pl.DataFrame:
    """``_item, source_start, source_end`` of the noun phrase of each item's ``head`` without the branches
    ``excluded`` (by default its clauses, appositions and preposition: "Gilles-Éric Séralini, professeur à…" →
    "Gilles-Éric Séralini")."""
    rel = words.select(*WORD, pl.col("deprel").alias("_rel"))
    below = (heads.join(pairs.select(*WORD, "anc", "depth"), left_on=["doc_id", "sent_id", "head"],
                        right_on=["doc_id", "sent_id", "anc"])
             .join(rel, on=WORD))
    # a word is out when any relation on its path up to the head is excluded: it lies under a word of the
    # phrase whose own relation is excluded (the words under those few, not every ancestor of every word)
    cut = below.filter(pl.col("_rel").is_in(excluded)).select("_item", "doc_id", "sent_id", "word_id")
    path = (cut.join(pairs.select(*WORD, "anc"), left_on=WORD, right_on=["doc_id", "sent_id", "anc"])
            .select("_item", "doc_id", "sent_id", pl.col("word_id_right").alias("word_id")).unique())
    inside = (below.filter(~pl.col("_rel").is_in(excluded)
                           & ~((pl.col("depth") == 1) & pl.col("_rel").is_in(["case", "mark"])))
              .join(path, on=["_item", *WORD], how="anti").select("_item", *WORD))
    members = pl.concat([heads.select("_item", "doc_id", "sent_id", pl.col("head").alias("word_id")), inside])
    return word_spans(members, words).rename({"start_char": "source_start", "end_char": "source_end"})

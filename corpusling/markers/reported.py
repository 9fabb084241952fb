"""Reported speech without quotation marks: what the writer attributes to someone in their own words.

The definitions are those of §4 of the annotation guide (``tests/gold/README.md``), after the
"indirect" quotations of PARC 3.0 (Pareti 2016) and FRACAS (Richard et al. 2024), plus the
attributions that carry no verb of saying:

* ``indirect``: a verb of saying, thinking, announcing, asking… (the reporting-verb lexicon shared
  with the quotation analysis) and its content clause: a que- or si-clause (``ccomp``), a subject
  clause of a passive or impersonal ("il a été annoncé que"), or an infinitive of the same subject
  ("il affirme avoir…"). Two contents joined by "et que" are two rows;
* ``according_to``: a clause attributed by "selon X", "d'après X", "pour X,"…: the source markers that
  the hedge analysis finds (so "selon les cas" and other uses of manner are left out by the same rule);
* ``incise``: an unquoted clause with an attribution incise after or inside it ("Le bilan est de dix
  morts, a indiqué la police"; "qui abrite, dit le Pentagone, environ 5 000 militaires").

Each row gives the content span (``start_char, end_char``, final punctuation left out), the ``cue``
(the verb's lemma or the marker) and its span, the ``source`` as written (the subject of the verb,
the agent of a passive, the noun phrase of "selon") and the ``speaker`` it names (a relative "qui"
resolved to its antecedent, a personal pronoun to the nearest proper name before it in the
document), and the ``rule`` that found it. Content lying wholly inside quotation marks is a
quotation, not reported speech, and is left out; "X a affirmé que « … »" is both.
Everything is computed on the dependency parse, with tables and joins (no loop over words).
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from corpusling.errors import LexiconError
from corpusling.markers.attribution import ancestors, load_reporting_verbs
from corpusling.markers.voice import add_in_quote
from corpusling.nlp.future_stem import lexicon_rows

#: Output columns, in order.
COLUMNS = ["doc_id", "sent_id", "start_char", "end_char", "text", "kind", "cue", "cue_start", "cue_end", "source",
           "speaker", "rule", "in_quote"]

#: Relations of a content clause to its reporting verb ("advcl" when the parser takes a que-clause for one).
CONTENT_RELATIONS = ("ccomp", "xcomp", "csubj", "csubj:pass", "advcl")
#: Share of a content's words inside quotation marks from which an "according to" or incise content is
#: the quotation's own attribution ("Selon X, « … »"), not reported speech.
QUOTED_SHARE = 0.8
#: Relations of the speaker to a reporting verb, in order of preference.
SOURCE_RELATIONS = ("nsubj", "obl:agent")
#: Branches of a noun phrase left out of a source ("X, professeur à…", "X qui…").
NP_EXCLUDED = ("acl", "acl:relcl", "parataxis", "advcl", "appos", "conj", "cc", "punct")
#: Relations by which an incise verb hangs on the clause it attributes.
INCISE_RELATIONS = ("parataxis", "parataxis:insert", "parataxis:parenth")


@cache
def reported_cues(kind: str) -> list[str]:
    """The words of one ``kind`` of ``lexicons/reported_cues.tsv``: ``complementizer``, ``finite_que``,
    ``question``, ``infinitive_mark``, ``according_to`` (the language data of this analysis)."""
    found = [row["cue"] for row in lexicon_rows("reported_cues.tsv") if row["kind"] == kind]
    if not found:
        raise LexiconError(f"reported_cues.tsv has no cue of kind {kind!r}")
    return found


_WORD = ["doc_id", "sent_id", "word_id"]


def _words(tokens: pl.DataFrame) -> pl.DataFrame:
    """The columns the analysis reads, with ``doc_id`` as text and the lemma in lower case."""
    return tokens.select(
        pl.col("doc_id").cast(pl.String), pl.col("par_id").cast(pl.Int64), pl.col("sent_id").cast(pl.Int64),
        pl.col("word_id").cast(pl.Int64), pl.col("head").cast(pl.Int64),
        pl.col("deprel").cast(pl.String), pl.col("upos").cast(pl.String),
        pl.col("lemma").cast(pl.String).str.to_lowercase(), pl.col("form").cast(pl.String),
        pl.col("feats").cast(pl.String), pl.col("verbform").cast(pl.String),
        pl.col("start_char").cast(pl.Int64), pl.col("end_char").cast(pl.Int64))


def _children(words: pl.DataFrame, parents: pl.DataFrame, relations: tuple[str, ...] | None = None,
              prefix: str = "child") -> pl.DataFrame:
    """``parents`` (with ``doc_id, sent_id, word_id``) joined to their dependents (columns ``{prefix}_…``)."""
    kids = words if relations is None else words.filter(pl.col("deprel").is_in(relations))
    renamed = kids.select("doc_id", "sent_id", pl.col("head").alias("word_id"),
                          *[pl.col(c).alias(f"{prefix}_{c}") for c in ("word_id", "deprel", "upos", "lemma", "form",
                                                                        "verbform", "start_char", "end_char")])
    return parents.join(renamed, on=_WORD)


def _spans(members: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """``_item, start_char, end_char`` of the words of each item, punctuation at either edge left out."""
    located = members.join(words.select(*_WORD, "start_char", "end_char", "upos"), on=_WORD)
    kept = located.filter(pl.col("upos") != "PUNCT")
    return kept.group_by("_item").agg(pl.col("start_char").min(), pl.col("end_char").max())


def _subtrees(heads: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """``_item, doc_id, sent_id, word_id``: every word under each item's ``head`` (the head included)."""
    below = heads.join(pairs.select(*_WORD, "anc"), left_on=["doc_id", "sent_id", "head"],
                       right_on=["doc_id", "sent_id", "anc"]).select("_item", *_WORD)
    return pl.concat([heads.select("_item", "doc_id", "sent_id", pl.col("head").alias("word_id")), below])


def _noun_phrases(heads: pl.DataFrame, pairs: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """``_item, source_start, source_end`` of the noun phrase of each item's ``head`` without its clauses,
    appositions and preposition ("Gilles-Éric Séralini, professeur à…" → "Gilles-Éric Séralini")."""
    rel = words.select(*_WORD, pl.col("deprel").alias("_rel"))
    below = (heads.join(pairs.select(*_WORD, "anc", "depth"), left_on=["doc_id", "sent_id", "head"],
                        right_on=["doc_id", "sent_id", "anc"])
             .join(rel, on=_WORD))
    # a word is out when any relation on its path up to the head is excluded
    path = (below.join(pairs.select(*_WORD, pl.col("anc").alias("_mid"), pl.col("depth").alias("_d")), on=_WORD)
            .filter(pl.col("_d") < pl.col("depth"))
            .join(rel.select("doc_id", "sent_id", pl.col("word_id").alias("_mid"), pl.col("_rel").alias("_mid_rel")),
                  on=["doc_id", "sent_id", "_mid"])
            .filter(pl.col("_mid_rel").is_in(NP_EXCLUDED))
            .select("_item", *_WORD).unique())
    inside = (below.filter(~pl.col("_rel").is_in(NP_EXCLUDED)
                           & ~((pl.col("depth") == 1) & pl.col("_rel").is_in(["case", "mark"])))
              .join(path, on=["_item", *_WORD], how="anti").select("_item", *_WORD))
    members = pl.concat([heads.select("_item", "doc_id", "sent_id", pl.col("head").alias("word_id")), inside])
    return _spans(members, words).rename({"start_char": "source_start", "end_char": "source_end"})


def _sources(items: pl.DataFrame, words: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """``items`` (``_item, doc_id, sent_id, cue_word``) plus ``source_word``: the subject or agent of the cue;
    for a verb without one, the subject of the verb it is coordinated with or depends on as ``xcomp``."""
    def subject_of(frame: pl.DataFrame, verb: str) -> pl.DataFrame:
        found = (_children(words, frame.select("_item", "doc_id", "sent_id", pl.col(verb).alias("word_id")),
                           SOURCE_RELATIONS, "s")
                 .with_columns(pl.col("s_deprel").replace_strict({r: i for i, r in enumerate(SOURCE_RELATIONS)},
                                                                 default=9).alias("_rank"))
                 .sort("_item", "_rank", "s_start_char").group_by("_item", maintain_order=True).first())
        return found.select("_item", pl.col("s_word_id").alias("source_word"))

    direct = subject_of(items, "cue_word")
    parent = (items.join(words.select(*_WORD, pl.col("head").alias("_up"), pl.col("deprel").alias("_rel")),
                         left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD)
              .filter(pl.col("_rel").is_in(["conj", "xcomp"])))
    inherited = subject_of(parent, "_up").join(direct, on="_item", how="anti")
    return items.join(pl.concat([direct, inherited]), on="_item", how="left")


def _indirect(words: pl.DataFrame, cues: pl.DataFrame, lexicon: pl.DataFrame) -> pl.DataFrame:
    """Contents of reporting verbs: ``doc_id, sent_id, cue_word, head`` (the content clause's head), ``rule``."""
    asking = lexicon.filter(pl.col("type") == "question")["lemma"].to_list()
    clauses = _children(words, cues.select(*_WORD, "start_char"), CONTENT_RELATIONS, "c").rename(
        {"word_id": "cue_word"})
    # the first mark of each clause ("que", "si", "de"; "pour" of a purpose clause)
    marks = (_children(words, clauses.select("doc_id", "sent_id", pl.col("c_word_id").alias("word_id")),
                       ("mark",), "m")
             .sort("m_start_char").group_by("doc_id", "sent_id", "word_id")
             .agg(pl.col("m_form").first().str.to_lowercase()))
    clauses = clauses.join(marks, left_on=["doc_id", "sent_id", "c_word_id"], right_on=_WORD, how="left")
    # a compound infinitive ("affirme avoir respecté"): the participle with an infinitive auxiliary
    compound = (_children(words, clauses.select("doc_id", "sent_id", pl.col("c_word_id").alias("word_id")),
                          ("aux", "aux:tense", "aux:pass"), "x")
                .filter(pl.col("x_verbform") == "Inf").select(pl.col("word_id").alias("c_word_id"), "doc_id",
                                                              "sent_id").unique()
                .with_columns(pl.lit(True).alias("_compound_inf")))
    clauses = (clauses.join(compound, on=["doc_id", "sent_id", "c_word_id"], how="left")
               .join(cues.select(*_WORD, pl.col("lemma").alias("_cue_lemma")),
                     left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD))
    finite_que = pl.col("m_form").is_in(reported_cues("finite_que"))
    question = pl.col("m_form").is_in(reported_cues("question"))
    infinitive = (((pl.col("c_verbform") == "Inf") | pl.col("_compound_inf").fill_null(False))
                  & (pl.col("c_deprel") != "advcl")
                  & (pl.col("m_form").is_null() | pl.col("m_form").is_in(reported_cues("infinitive_mark")))
                  & (pl.col("c_start_char") > pl.col("start_char")))
    rule = (pl.when(finite_que).then(pl.lit("que-clause"))
            .when(question & ((pl.col("c_deprel") != "advcl") | pl.col("_cue_lemma").is_in(asking)))
            .then(pl.lit("interrogative clause"))
            .when(infinitive).then(pl.lit("infinitive clause")))
    found = clauses.with_columns(rule.alias("rule")).filter(pl.col("rule").is_not_null())
    first = found.select("doc_id", "sent_id", "cue_word", pl.col("c_word_id").alias("head"), "rule")
    # a que-clause the parser hung elsewhere, right after a reporting verb ("elle dévoile que …")
    que = pl.col("form").str.to_lowercase().is_in(reported_cues("finite_que"))
    after = (words.filter(pl.col("deprel").eq("mark") & que)
             .select("doc_id", "sent_id", pl.col("word_id").alias("_mark"), pl.col("head").alias("head"))
             .join(cues.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word")), on=["doc_id", "sent_id"])
             .filter(pl.col("_mark") == pl.col("cue_word") + 1)
             .join(first, on=["doc_id", "sent_id", "head"], how="anti")
             .join(words.select(*_WORD, pl.col("head").alias("_up")), left_on=["doc_id", "sent_id", "head"],
                   right_on=_WORD)
             .filter(pl.col("_up") != pl.col("cue_word"))
             .select("doc_id", "sent_id", "cue_word", "head",
                     pl.lit("que-clause right after the verb (attached elsewhere by the parser)").alias("rule")))
    first = pl.concat([first, after])
    # "… a déclaré que A et que B": B is a content of its own
    more = (_children(words, first.select("doc_id", "sent_id", pl.col("head").alias("word_id"), "cue_word", "rule"),
                      ("conj",), "k")
            .join(words.filter((pl.col("deprel") == "mark") & pl.col("form").str.to_lowercase().is_in(
                reported_cues("finite_que") + reported_cues("question")))
                  .select("doc_id", "sent_id", pl.col("head").alias("k_word_id")),
                  on=["doc_id", "sent_id", "k_word_id"], how="semi")
            .select("doc_id", "sent_id", "cue_word", pl.col("k_word_id").alias("head"),
                    (pl.col("rule") + " (coordinated)").alias("rule")))
    return pl.concat([first, more]).with_columns(pl.lit("indirect").alias("kind"),
                                                 pl.lit(None, pl.Int64).alias("head2"))


def _according_to(words: pl.DataFrame, hedges: pl.DataFrame) -> pl.DataFrame:
    """Clauses attributed by a source marker of the hedge analysis: ``doc_id, sent_id, cue_word, head, …``."""
    start = pl.col("match").cast(pl.String).str.to_lowercase()
    longest_first = sorted(reported_cues("according_to"), key=len, reverse=True)
    marker = "^(" + "|".join(re.escape(c) for c in longest_first) + ")"
    markers = (hedges.filter(pl.col("category").cast(pl.String) == "source_marker")
               .filter(start.str.contains(marker))
               .select(pl.col("doc_id").cast(pl.String), pl.col("start_char").cast(pl.Int64),
                       pl.col("end_char").cast(pl.Int64).alias("_marker_end"),
                       start.str.extract(marker, 1).str.replace("’", "'").alias("cue")))
    first_word = markers.join(words.select(*_WORD, "start_char", "head", "upos"), on=["doc_id", "start_char"])
    # the marker word ("selon", the "d'" of "d'après") hangs on the source noun, which hangs on the clause
    noun = first_word.join(words.select("doc_id", "sent_id", pl.col("word_id").alias("head"),
                                        pl.col("head").alias("clause"), pl.col("upos").alias("noun_upos")),
                           on=["doc_id", "sent_id", "head"])
    noun = noun.filter(pl.col("clause") > 0)
    return noun.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("clause").alias("head"),
                       pl.col("head").alias("source_word"), "cue", "_marker_end",
                       pl.lit("source marker of the hedge analysis").alias("rule"),
                       pl.lit("according_to").alias("kind"), pl.lit(None, pl.Int64).alias("head2"))


def _incises(words: pl.DataFrame, cues: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Reporting verbs inserted in or after the clause they attribute: ``doc_id, sent_id, cue_word, head, head2,
    boundary, source_word, rule``.

    An incise is a reporting verb set off by a comma, with its subject after it ("…, a indiqué la police";
    "qui abrite, dit le Pentagone, environ…"; the parser often takes the inverted subject for an object).
    When words follow it in the sentence, it interrupts a clause: the content is the branch holding the word
    before the incise and the branch holding the word after it, under their lowest common ancestor ("qui
    abrite" + "environ 5 000 militaires"), whatever the parser hung the incise on. At the end of the
    sentence, the content is the clause it hangs on (``parataxis``, ``advcl``, ``conj``) or, when the parser
    made the incise the root, its dependents before it (those before ``boundary``).
    """
    cue = cues.select(*_WORD, "start_char", "deprel", "head")
    helpers = (_children(words, cue.select(*_WORD, "start_char"), None, "a")
               .filter((pl.col("a_start_char") < pl.col("start_char"))
                       & (pl.col("a_deprel").str.starts_with("aux") | pl.col("a_deprel").str.starts_with("expl")
                          | (pl.col("a_deprel") == "advmod")))
               .group_by(_WORD).agg(pl.col("a_start_char").min().alias("boundary")))
    cue = (cue.join(helpers, on=_WORD, how="left").with_columns(pl.coalesce("boundary", "start_char")
                                                                .alias("boundary")))
    ends = words.select("doc_id", pl.col("end_char").alias("_prev_end"), pl.col("form").alias("_prev_form")).sort(
        "doc_id", "_prev_end")
    cue = (cue.sort("doc_id", "boundary")
           .join_asof(ends, left_on="boundary", right_on="_prev_end", by="doc_id", strategy="backward",
                      check_sortedness=False)
           .filter(pl.col("_prev_form") == ","))
    subject = (_children(words, cue.select(*_WORD, "start_char"), ("nsubj", "nsubj:pass", "obj"), "s")
               .filter((pl.col("s_start_char") > pl.col("start_char"))
                       & pl.col("s_upos").is_in(["NOUN", "PROPN", "PRON"]))
               .sort("s_start_char").group_by(_WORD).agg(pl.col("s_word_id").first().alias("source_word")))
    clause = _children(words, cue.select(*_WORD), CONTENT_RELATIONS, "c").filter(pl.col("c_deprel") != "advcl")
    incise = (cue.join(subject, on=_WORD).join(clause.select(*_WORD), on=_WORD, how="anti")
              .join(words.select("doc_id", "sent_id", pl.col("word_id").alias("head"),
                                 pl.col("start_char").alias("_head_start")), on=["doc_id", "sent_id", "head"],
                    how="left")
              .with_row_index("_i"))
    # where the incise ends: the end of its subject's phrase
    subject_tree = _subtrees(incise.select(pl.col("_i").alias("_item"), "doc_id", "sent_id",
                                           pl.col("source_word").alias("head")), pairs)
    incise = incise.join(_spans(subject_tree, words).select(pl.col("_item").alias("_i"),
                                                           pl.col("end_char").alias("_incise_end")), on="_i")
    # ... closed by the first comma after the subject ("dit le Pentagone, environ 5 000 militaires")
    stops = words.filter(pl.col("form").is_in([",", ";", ":", ".", "!", "?", "(", ")"])).select(
        "doc_id", "sent_id", pl.col("start_char").alias("_stop")).sort("doc_id", "sent_id", "_stop")
    subject_start = words.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                                 pl.col("start_char").alias("_subject_start"))
    incise = (incise.join(subject_start, on=["doc_id", "sent_id", "source_word"])
              .sort("doc_id", "sent_id", "_subject_start")
              .join_asof(stops, left_on="_subject_start", right_on="_stop", by=["doc_id", "sent_id"],
                         strategy="forward", check_sortedness=False)
              .with_columns(pl.min_horizontal("_incise_end", pl.coalesce("_stop", "_incise_end"))
                            .alias("_incise_end"))
              .drop("_stop"))
    # ... and the clause goes on after it up to the next punctuation
    after_stop = (incise.select("_i", "doc_id", "sent_id", "_incise_end").sort("doc_id", "sent_id", "_incise_end")
                  .join_asof(stops.with_columns(pl.col("_stop").alias("_range_end")),
                             left_on="_incise_end", right_on="_stop", by=["doc_id", "sent_id"],
                             strategy="forward", allow_exact_matches=False, check_sortedness=False)
                  .select("_i", "_range_end"))
    incise = incise.join(after_stop, on="_i", how="left")
    # the words on either side of the incise, in its sentence
    plain = words.filter(pl.col("upos") != "PUNCT")
    before = (incise.select("_i", "doc_id", "sent_id", "boundary").sort("doc_id", "sent_id", "boundary")
              .join_asof(plain.select("doc_id", "sent_id", pl.col("word_id").alias("_before"),
                                      pl.col("end_char").alias("_b_end")).sort("doc_id", "sent_id", "_b_end"),
                         left_on="boundary", right_on="_b_end", by=["doc_id", "sent_id"], strategy="backward",
                         check_sortedness=False).select("_i", "_before"))
    after = (incise.select("_i", "doc_id", "sent_id", "_incise_end").sort("doc_id", "sent_id", "_incise_end")
             .join_asof(plain.select("doc_id", "sent_id", pl.col("word_id").alias("_after"),
                                     pl.col("start_char").alias("_a_start")).sort("doc_id", "sent_id", "_a_start"),
                        left_on="_incise_end", right_on="_a_start", by=["doc_id", "sent_id"], strategy="forward",
                        check_sortedness=False).select("_i", "_after"))
    # an incise inside a clause is closed by a comma too: the token before the word after it is one
    comma_after = (incise.select("_i", "doc_id", "sent_id").join(after, on="_i")
                   .join(words.select(*_WORD, pl.col("start_char").alias("_a_start")),
                         left_on=["doc_id", "sent_id", "_after"], right_on=_WORD)
                   .sort("doc_id", "_a_start")
                   .join_asof(ends.rename({"_prev_end": "_e", "_prev_form": "_f"}), left_on="_a_start",
                              right_on="_e", by="doc_id", strategy="backward", check_sortedness=False)
                   .filter(pl.col("_f") == ",").select("_i", "_after"))
    incise = incise.join(before, on="_i", how="left").join(comma_after, on="_i", how="left")
    inside = incise.filter(pl.col("_before").is_not_null() & pl.col("_after").is_not_null())
    # ancestors-or-self of both words, with their depth; the common one nearest to the words is the host
    chain = pl.concat([pairs.select(*_WORD, "anc", "depth"),
                       pairs.select(*_WORD).unique().select(*_WORD, pl.col("word_id").alias("anc"),
                                                           pl.lit(0, pl.Int64).alias("depth")),
                       words.select(*_WORD, pl.col("word_id").alias("anc"), pl.lit(0, pl.Int64).alias("depth"))
                       ]).unique()
    up_before = inside.join(chain, left_on=["doc_id", "sent_id", "_before"], right_on=_WORD).rename(
        {"depth": "_db"})
    up_after = inside.select("_i", "doc_id", "sent_id", "_after").join(
        chain, left_on=["doc_id", "sent_id", "_after"], right_on=_WORD).rename({"depth": "_da"})
    lowest = (up_before.join(up_after.select("_i", "anc", "_da"), on=["_i", "anc"])
              .sort("_db").group_by("_i", maintain_order=True).first())

    def branch(word: str, depth: str, name: str) -> pl.DataFrame:
        """The ancestor-or-self of ``word`` one level below the common ancestor (the ancestor itself at depth 0)."""
        tops = lowest.select("_i", "doc_id", "sent_id", pl.col(word).alias("word_id"),
                             (pl.col(depth) - 1).clip(lower_bound=0).alias("depth"), pl.col("anc").alias("_lca"),
                             (pl.col(depth) == 0).alias("_is_lca"))
        return (tops.join(chain, on=[*_WORD, "depth"])
                .select("_i", pl.when(pl.col("_is_lca")).then(pl.col("_lca")).otherwise(pl.col("anc")).alias(name))
                .unique("_i"))

    interrupted = (lowest.drop("head").join(branch("_before", "_db", "head"), on="_i")
                   .join(branch("_after", "_da", "_top2"), on="_i")
                   .with_columns(pl.when(pl.col("_top2") != pl.col("word_id")).then(pl.col("_top2")).alias("head2"),
                                 pl.col("_incise_end").alias("_range_start"))
                   .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), "head", "head2", "boundary",
                           "_range_start", "_range_end", "source_word",
                           pl.lit("incise inside the clause it attributes").alias("rule")))
    final = incise.join(interrupted.select("doc_id", "sent_id", pl.col("cue_word").alias("word_id")),
                        on=_WORD, how="anti")
    hung = (final.filter((pl.col("deprel") != "root") & (pl.col("_head_start") < pl.col("start_char")))
            .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), "head",
                    pl.lit(None, pl.Int64).alias("head2"), "boundary", "source_word",
                    pl.lit("incise after the clause it attributes").alias("rule")))
    rooted = (final.filter(pl.col("deprel") == "root")
              .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("word_id").alias("head"),
                      pl.lit(None, pl.Int64).alias("head2"), "boundary", "source_word",
                      pl.lit("incise after the clause it attributes (the clause parsed as its dependents)")
                      .alias("rule")))
    return pl.concat([interrupted, hung, rooted], how="diagonal_relaxed").with_columns(
        pl.lit("incise").alias("kind"))


def _within(rows: pl.DataFrame, spans: pl.DataFrame, start: str, end: str, name: str) -> pl.DataFrame:
    """``rows`` plus a boolean ``name``: the span ``start``–``end`` lies inside one of ``spans``."""
    inside = (rows.select("_item", "doc_id", start, end)
              .join(spans.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").alias("_qs"),
                                 pl.col("end_char").alias("_qe")), on="doc_id")
              .filter((pl.col("_qs") <= pl.col(start)) & (pl.col(end) <= pl.col("_qe")))
              .select("_item").unique().with_columns(pl.lit(True).alias(name)))
    return rows.join(inside, on="_item", how="left").with_columns(pl.col(name).fill_null(False))


def _closing_mark(rows: pl.DataFrame) -> pl.DataFrame:
    """A content that opens a quotation mark ends after its closing mark ("que « rien ne changera »"),
    which the punctuation trimmed at its edge had left out."""
    span = pl.col("_text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
    next_chars = pl.col("_text").str.slice(pl.col("end_char"), 3)
    close = next_chars.str.extract(r"^(\s*[»”])", 1)
    opened = (span.str.count_matches("[«“]") > span.str.count_matches("[»”]"))
    return rows.with_columns(pl.when(opened & close.is_not_null())
                             .then(pl.col("end_char") + close.str.len_chars()).otherwise(pl.col("end_char"))
                             .alias("end_char"))


def _quoted_share(members: pl.DataFrame, words: pl.DataFrame, marks: pl.DataFrame) -> pl.DataFrame:
    """``_item, _quoted_share``: the share of each item's words (punctuation aside) inside quotation marks."""
    located = (members.join(words.select(*_WORD, "start_char", "upos"), on=_WORD)
               .filter(pl.col("upos") != "PUNCT"))
    return (add_in_quote(located, marks, kinds=None, column="_in").group_by("_item")
            .agg(pl.col("_in").cast(pl.Float64).mean().alias("_quoted_share")))


def _introduced_with(rows: pl.DataFrame, words: pl.DataFrame, documents: pl.DataFrame,
                     mentions: pl.DataFrame) -> pl.DataFrame:
    """``_item, _introduced``: for a definite description without a name ("l'ONG", "le chercheur"), the
    nearest proper name before it that the text introduced with the description's noun just before it
    ("l'ONG Human Rights Watch", "le chercheur Michel Mayor"), not in a prepositional phrase: the anaphor's
    antecedent. ``mentions``: the documents' named mentions (:func:`corpusling.markers.speakers.named_mentions`)."""
    wanted = (rows.filter(pl.col("_named").is_null() & pl.col("_resolved").is_null() & pl.col("_apposed").is_null()
                          & pl.col("_mention").str.contains(r"(?i)^(?:l['’]|le |la |les |ce |cet |cette |son |sa )"))
              .join(words.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                                 pl.col("form").str.to_lowercase().alias("_noun"), pl.col("upos").alias("_nu")),
                    on=["doc_id", "sent_id", "source_word"])
              .filter((pl.col("_nu") == "NOUN") & (pl.col("_noun").str.len_chars() >= 3))
              .select("_item", "doc_id", "source_start", "_noun"))
    if wanted.height == 0:
        return pl.DataFrame(schema={"_item": pl.Int64, "_introduced": pl.String})
    texts = documents.select(pl.col("doc_id").cast(pl.String), pl.col("text").alias("_t"))
    names = (mentions.join(wanted.select("doc_id").unique(), on="doc_id", how="semi")
             .join(texts, on="doc_id")
             .filter(pl.col("role") != "oblique")  # "à Alep", "en Syrie": places, not antecedents
             .with_columns(pl.col("_t").str.slice((pl.col("m_start") - 16).clip(lower_bound=0),
                                                  pl.col("m_end") - (pl.col("m_start") - 16).clip(lower_bound=0))
                           .str.to_lowercase().alias("_around"))  # the name's own words too: "ONG Human Rights…"
             .select("doc_id", "m_start", "m_end", "name", "_around"))
    found = (wanted.join(names, on="doc_id")
             .filter((pl.col("m_end") <= pl.col("source_start"))
                     & pl.col("_around").str.contains(pl.col("_noun"), literal=True))
             .sort("_item", "m_start", descending=[False, True])
             .group_by("_item", maintain_order=True).first()
             .select("_item", pl.col("name").alias("_introduced")))
    return found


def _speakers(rows: pl.DataFrame, words: pl.DataFrame, pairs: pl.DataFrame, texts: pl.DataFrame,
              tokens: pl.DataFrame, documents: pl.DataFrame, quotes: pl.DataFrame) -> pl.DataFrame:
    """``source`` (the mention as written) and ``speaker``, with the resolver of the quotation speakers
    (:mod:`corpusling.markers.speakers`): a relative "qui" is its antecedent in the tree; a pronoun the most
    salient compatible name before it (paragraph first, subjects and speakers first, gender agreeing); a
    mention holding a proper name is that name; a name is written in one form per document."""
    from corpusling.markers.speakers import (
        PRONOUNS,
        apposed_name,
        canonical_names,
        name_of,
        named_mentions,
        paragraphs,
        resolve_pronouns,
        with_paragraph,
    )

    source = words.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                          pl.col("feats").alias("_src_feats"))
    rows = rows.join(source, on=["doc_id", "sent_id", "source_word"], how="left").join(texts, on="doc_id", how="left")

    def cut(start: str, end: str) -> pl.Expr:
        return pl.col("_text").str.slice(pl.col(start), pl.col(end) - pl.col(start))

    rows = rows.with_columns(cut("source_start", "source_end").alias("source"))
    relative = pl.col("_src_feats").fill_null("").str.contains("PronType=Rel")
    # the antecedent of a relative: the noun the relative clause hangs on
    antecedent = (rows.filter(relative)
                  .join(words.select(*_WORD, pl.col("head").alias("_clause_head"), pl.col("deprel").alias("_crel")),
                        left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD)
                  .filter(pl.col("_crel") == "acl:relcl")
                  .select("_item", "doc_id", "sent_id", pl.col("_clause_head").alias("head")))
    antecedent = (_noun_phrases(antecedent, pairs, words).join(rows.select("_item", "_text"), on="_item")
                  .select("_item", cut("source_start", "source_end").alias("_antecedent")))
    rows = rows.join(antecedent, on="_item", how="left").with_columns(
        pl.coalesce("_antecedent", "source").alias("_mention"))
    # pronouns: the speakers module's salience over the document's named mentions
    lowered = pl.col("_mention").str.to_lowercase().str.strip_chars()
    q = (rows.select(pl.col("_item").alias("_q"), "doc_id", pl.col("cue_start").alias("start_char"),
                     "source_start", pl.when(lowered.is_in(list(PRONOUNS))).then(lowered).alias("_pronoun"))
         .filter(pl.col("_pronoun").is_not_null()))
    resolved = pl.DataFrame(schema={"_item": pl.Int64, "_resolved": pl.String})
    mentions = named_mentions(tokens, documents, quotes)  # once, for pronouns and for anaphors
    if q.height:
        pars = paragraphs(documents.join(q.select(pl.col("doc_id").cast(documents.schema["doc_id"])).unique(),
                                         on="doc_id", how="semi"))
        mentions_here = with_paragraph(mentions, pars, "m_start", "m_")
        resolved = (resolve_pronouns(with_paragraph(q, pars, "start_char"), mentions_here)
                    .select(pl.col("_q").cast(pl.Int64).alias("_item"), "_resolved"))
    rows = rows.join(resolved, on="_item", how="left")
    named = [name_of(m) if m else None for m in rows["_mention"].to_list()]
    rows = rows.with_columns(pl.Series("_named", named, dtype=pl.String))
    # a description: a name in apposition to it ("Le président de PSA, Philippe Varin,"), else the nearest
    # name before it that the text introduced with the same noun ("l'ONG" → "l'ONG Human Rights Watch")
    before = rows.select(pl.col("_text").str.slice((pl.col("source_start") - 80).clip(lower_bound=0),
                                                   pl.min_horizontal(pl.col("source_start"), 80)))[:, 0]
    after = rows.select(pl.col("_text").str.slice(pl.col("source_end"), 80))[:, 0]
    plain = [n is None and r is None and m is not None and m.strip().lower() not in PRONOUNS
             for n, r, m in zip(rows["_named"], rows["_resolved"], rows["_mention"], strict=True)]
    apposed = [apposed_name(b, a) if keep else None
               for keep, b, a in zip(plain, before.to_list(), after.to_list(), strict=True)]
    rows = rows.with_columns(pl.Series("_apposed", apposed, dtype=pl.String))
    rows = rows.join(_introduced_with(rows, words, documents, mentions), on="_item", how="left")
    rows = rows.with_columns(pl.coalesce("_resolved", "_named", "_apposed", "_introduced", "_mention")
                             .alias("speaker"))
    # one written form per name in a document ("Obama" → "Barack Obama")
    names = rows.filter(pl.col("speaker").is_not_null()).group_by("doc_id").agg("speaker")
    lookup = [(doc, name, canon) for doc, found in names.iter_rows()
              for name, canon in canonical_names(found, found).items()]
    canon = pl.DataFrame(lookup, schema={"doc_id": pl.String, "speaker": pl.String, "_c": pl.String}, orient="row")
    return (rows.join(canon, on=["doc_id", "speaker"], how="left")
            .with_columns(pl.coalesce("_c", "speaker").alias("speaker")).drop("_c"))


def reported(tokens: pl.DataFrame, documents: pl.DataFrame, quotes: pl.DataFrame | None = None,
             hedges: pl.DataFrame | None = None, reporting_verbs: pl.DataFrame | None = None) -> pl.DataFrame:
    """Reported speech of the writer's text: one row per reported content (the columns of :data:`COLUMNS`).

    ``quotes`` (from :func:`corpusling.markers.quotes.quotes`) and ``hedges`` (from
    :func:`corpusling.markers.hedges.hedges`) are computed when not given; ``reporting_verbs`` is the
    lexicon shared with the quotation analysis (``corpusling/lexicons/reporting_verbs.tsv``).
    """
    if quotes is None:
        from corpusling.markers.quotes import quotes as find_quotes

        quotes = find_quotes(tokens, documents)
    if hedges is None:
        from corpusling.markers.hedges import hedges as find_hedges

        hedges = find_hedges(tokens, documents, quotes=quotes)
    lexicon = load_reporting_verbs() if reporting_verbs is None else reporting_verbs
    verbs = lexicon.filter(pl.col("type") != "preposition")["lemma"].to_list()
    if tokens.height == 0 or "head" not in tokens.columns:
        return empty()
    words = _words(tokens).filter(pl.col("head").is_not_null())
    cues = words.filter(pl.col("upos").is_in(["VERB", "AUX"]) & pl.col("lemma").is_in(verbs))
    markers = _according_to(words, hedges)
    pairs = ancestors(words, sentences=pl.concat([cues.select("doc_id", "sent_id"),
                                                  markers.select("doc_id", "sent_id")]))
    found = pl.concat([
        _indirect(words, cues, lexicon),
        markers,
        _incises(words, cues, pairs),
    ], how="diagonal_relaxed").unique(["doc_id", "sent_id", "cue_word", "head"], keep="first", maintain_order=True)
    if found.height == 0:
        return empty()
    found = found.with_row_index("_item").with_columns(pl.col("_item").cast(pl.Int64))
    # the content: the clause under its head (and, for an incise inside a clause, the branch after it),
    # without the cue's own subtree (an incise inside it is kept)
    content = pl.concat([_subtrees(found.select("_item", "doc_id", "sent_id", "head"), pairs),
                         _subtrees(found.filter(pl.col("head2").is_not_null())
                                   .select("_item", "doc_id", "sent_id", pl.col("head2").alias("head")), pairs)]
                        ).unique()
    # the rest of a clause an incise interrupts, up to the next punctuation (whatever the parser hung it on)
    rest = (found.filter(pl.col("_range_start").is_not_null())
            .select("_item", "doc_id", "sent_id", "_range_start",
                    pl.coalesce("_range_end", pl.lit(2**62)).alias("_range_end"))
            .join(words.select(*_WORD, "start_char"), on=["doc_id", "sent_id"])
            .filter((pl.col("start_char") >= pl.col("_range_start")) & (pl.col("start_char") < pl.col("_range_end")))
            .select("_item", *_WORD))
    cue_tree = _subtrees(found.filter((pl.col("kind") != "indirect") & (pl.col("cue_word") != pl.col("head")))
                         .select("_item", "doc_id", "sent_id", pl.col("cue_word").alias("head")), pairs)
    # an incise parsed as the root: its clause is what hangs on it before it
    after_root = (found.filter((pl.col("kind") == "incise") & (pl.col("cue_word") == pl.col("head")))
                  .select("_item", pl.col("boundary").alias("_cue_start")))
    content = (content.join(after_root, on="_item", how="left")
               .join(words.select(*_WORD, "start_char"), on=_WORD)
               .filter(pl.col("_cue_start").is_null() | (pl.col("start_char") < pl.col("_cue_start")))
               .select("_item", *_WORD))
    source_tree = _subtrees(found.filter(pl.col("kind") == "according_to")
                            .select("_item", "doc_id", "sent_id", pl.col("source_word").alias("head")), pairs)
    content = pl.concat([content.join(pl.concat([cue_tree, source_tree]), on=["_item", *_WORD], how="anti"),
                         rest]).unique()
    # a content coordinated after it ("et que …") is not part of it
    nested = (found.select("_item", "doc_id", "sent_id", "head")
              .join(found.select("doc_id", "sent_id", pl.col("head").alias("_other"), pl.col("_item").alias("_o")),
                    on=["doc_id", "sent_id"])
              .filter(pl.col("_o") != pl.col("_item"))
              .join(words.select(*_WORD, pl.col("head").alias("_up"), pl.col("deprel").alias("_rel")),
                    left_on=["doc_id", "sent_id", "_other"], right_on=_WORD)
              .filter((pl.col("_up") == pl.col("head")) & (pl.col("_rel") == "conj")))
    content = content.join(_subtrees(nested.select("_item", "doc_id", "sent_id", pl.col("_other").alias("head")),
                                     pairs), on=["_item", *_WORD], how="anti")
    spans = _spans(content, words)
    cue_spans = (found.join(words.select(*_WORD, "start_char", "end_char", "lemma"),
                            left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD)
                 .select("_item", pl.col("start_char").alias("cue_start"),
                         pl.coalesce("_marker_end", "end_char").alias("cue_end"),
                         pl.coalesce("cue", "lemma").alias("cue")))
    rows = (found.drop("cue").join(spans, on="_item").join(cue_spans, on="_item"))
    # where an incise or a marker stands before the clause, the content starts after it
    rows = rows.with_columns(
        pl.when((pl.col("kind") != "indirect") & (pl.col("cue_start") <= pl.col("start_char")))
        .then(pl.max_horizontal("start_char", "cue_end")).otherwise(pl.col("start_char")).alias("start_char"))
    rows = _sources(rows.select("_item", "doc_id", "sent_id", "cue_word", "head", "kind", "rule", "start_char",
                                "end_char", "cue", "cue_start", "cue_end", "source_word")
                    .rename({"source_word": "_given_source"}), words, pairs)
    rows = rows.with_columns(pl.coalesce("_given_source", "source_word").alias("source_word"))
    source_spans = _noun_phrases(rows.filter(pl.col("source_word").is_not_null())
                                 .select("_item", "doc_id", "sent_id", pl.col("source_word").alias("head")),
                                 pairs, words)
    rows = rows.join(source_spans, on="_item", how="left")
    texts = documents.select(pl.col("doc_id").cast(pl.String), pl.col("text").alias("_text"))
    rows = _speakers(rows, words, pairs, texts, tokens, documents, quotes)
    # content wholly inside quotation marks is a quotation, not reported speech; so is a clause quoted
    # but for a word or two, attributed by "selon X" or an incise (the quotation's own attribution)
    marks = quotes.filter(pl.col("nested").not_()) if "nested" in quotes.columns else quotes
    rows = _within(rows, marks, "start_char", "end_char", "_quoted_content").filter(~pl.col("_quoted_content"))
    rows = rows.join(_quoted_share(content, words, marks), on="_item", how="left").filter(
        (pl.col("kind") == "indirect") | (pl.col("_quoted_share").fill_null(0.0) < QUOTED_SHARE))
    # in_quote: the cue stands in a direct or mixed quotation (the quoted voice of every analysis)
    rows = add_in_quote(rows.with_columns(pl.col("cue_start").alias("start_char"), pl.col("start_char").alias("_s")),
                        quotes).with_columns(pl.col("_s").alias("start_char"))
    rows = _closing_mark(rows)
    rows = rows.with_columns(
        pl.col("_text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")).alias("text"))
    return (rows.filter(pl.col("end_char") > pl.col("start_char"))
            .sort("doc_id", "start_char", "cue_start")
            .select(pl.col("doc_id"), pl.col("sent_id").cast(pl.Int32), "start_char", "end_char", "text", "kind",
                    "cue", "cue_start", "cue_end", "source", "speaker", "rule", "in_quote"))


def empty() -> pl.DataFrame:
    """The result with no row."""
    return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "start_char": pl.Int64,
                                "end_char": pl.Int64, "text": pl.String, "kind": pl.String, "cue": pl.String,
                                "cue_start": pl.Int64, "cue_end": pl.Int64, "source": pl.String,
                                "speaker": pl.String, "rule": pl.String, "in_quote": pl.Boolean})


__all__ = ["COLUMNS", "empty", "reported"]

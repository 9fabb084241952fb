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
from corpusling.lexicons import bundled_rows
from corpusling.markers.attribution import ancestors, load_reporting_verbs
from corpusling.markers.voice import add_in_quote

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
#: Branches left out of the noun phrase read for a name: its appositions and participles stay ("La première
#: ministre du Québec, Pauline Marois", "le président de l'Assemblée Claude Bartolone").
NP_NAME_EXCLUDED = ("acl:relcl", "parataxis", "advcl", "conj", "cc")
#: Most words between a reporting verb and a complementizer read in the word order (:func:`_in_text`).
TEXT_GAP = 12
#: Relations by which an incise verb hangs on the clause it attributes.
INCISE_RELATIONS = ("parataxis", "parataxis:insert", "parataxis:parenth")


@cache
def reported_cues(kind: str) -> list[str]:
    """The words of one ``kind`` of ``lexicons/reported_cues.tsv``: ``complementizer``, ``finite_que``,
    ``question``, ``infinitive_mark``, ``according_to`` (the language data of this analysis)."""
    found = [row["cue"] for row in bundled_rows("reported_cues.tsv", ("kind", "cue"), ("note",)) if row["kind"] == kind]
    if not found:
        raise LexiconError(f"reported_cues.tsv has no cue of kind {kind!r}")
    return found


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


_WORD = ["doc_id", "sent_id", "word_id"]
#: An infinitive: so tagged, or a verb without a verb form written as its lemma ("bouter", the tagger's
#: features missing).
_INFINITIVE = ((pl.col("verbform") == "Inf")
               | (pl.col("upos").is_in(["VERB", "AUX"]) & pl.col("verbform").is_null()
                  & (pl.col("form").str.to_lowercase() == pl.col("lemma"))
                  & pl.col("lemma").str.contains("(?:er|ir|re)$")))

#: Complements of a reporting verb, by the word that opens them (``inf``: an infinitive with no mark).
_COMPLEMENT = {"que": "que", "qu'": "que", "qu’": "que", "si": "si", "s'": "si", "s’": "si", "de": "de",
               "d'": "de", "d’": "de", "à": "à"}


def _cue_words(words: pl.DataFrame, lexicon: pl.DataFrame) -> pl.DataFrame:
    """The verbs that may open reported speech: ``doc_id, sent_id, word_id, start_char, lemma, _type,
    _complements, _object, _cue_start``.

    A verb of the reporting-verb lexicon (any complement, "à + infinitive" only for requests), a verb of
    ``content_verbs.tsv`` (its complements only), the second verb of a locution of that file ("fait
    *savoir* que"; ``_cue_start`` at its first verb), and a verb the tagger gave a wrong lemma whose form is
    one of a lexicon verb ("craignent" → *craigner*, "reconnait" → *reconner*: the forms of
    :func:`~corpusling.markers.attribution.reporting_verb_forms`).
    """
    from corpusling.markers.attribution import reporting_verb_forms

    verbs = lexicon.filter(pl.col("type") != "preposition").select("lemma", pl.col("type").alias("_type"))
    content = content_verbs()
    single = content.filter(~pl.col("lemma").str.contains(" "))
    known = pl.concat([verbs.select("lemma"), single.select("lemma")])["lemma"].to_list()
    forms = reporting_verb_forms(pl.concat([verbs.select("lemma", pl.col("_type").alias("type")),
                                            single.select("lemma", pl.lit("content").alias("type"))])
                                 .with_columns(pl.lit("any").alias("use")))
    by_form = forms.unique("form", keep="first").select(pl.col("form").alias("_form"), pl.col("lemma").alias("_fl"))
    verbal = (words.filter(pl.col("upos").is_in(["VERB", "AUX"]))
              .with_columns(pl.col("form").str.to_lowercase().alias("_form"))
              .join(by_form, on="_form", how="left")
              .with_columns(pl.when(pl.col("lemma").is_in(known)).then(pl.col("lemma"))
                            .otherwise(pl.col("_fl")).alias("lemma")))
    # locutions: "faire savoir", "laisser entendre": the second verb right after the first
    locutions = content.filter(pl.col("lemma").str.contains(" ")).with_columns(
        pl.col("lemma").str.split(" ").list.first().alias("_first"),
        pl.col("lemma").str.split(" ").list.last().alias("_second"))
    previous = words.select("doc_id", "sent_id", (pl.col("word_id") + 1).alias("word_id"),
                            pl.col("lemma").alias("_first"), pl.col("start_char").alias("_cue_start"))
    second = (words.filter(pl.col("upos").is_in(["VERB", "AUX"])).join(previous, on=_WORD)
              .join(locutions.rename({"lemma": "_locution"}), left_on=["_first", "lemma"],
                    right_on=["_first", "_second"])
              .with_columns(pl.col("_locution").alias("lemma")))
    found = pl.concat([
        verbal.join(verbs, on="lemma").with_columns(pl.lit(None, pl.List(pl.String)).alias("_complements"),
                                                    pl.lit(None, pl.Boolean).alias("_object")),
        verbal.join(single, on="lemma").with_columns(pl.lit("content").alias("_type")),
        second.select(*words.columns, "_cue_start", "_complements", "_object").with_columns(
            pl.lit("content").alias("_type")),
    ], how="diagonal_relaxed")
    return (found.with_columns(pl.coalesce("_cue_start", "start_char").alias("_cue_start"))
            .unique(_WORD, keep="first", maintain_order=True)
            .select(*words.columns, "_type", "_complements", "_object", "_cue_start"))


def _writers_own(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """The cues in the writer's own voice, which report no one: an imperative with no subject ("Rappelons
    que…", "Notez que…"), an infinitive with no verb above it ("À noter que…") or under an adjective ("il est
    bon de rappeler que…"). ``doc_id, sent_id, word_id``."""
    with_subject = words.filter(pl.col("deprel").str.starts_with("nsubj")).select(
        "doc_id", "sent_id", pl.col("head").alias("word_id")).unique()
    above = words.select("doc_id", "sent_id", pl.col("word_id").alias("head"), pl.col("upos").alias("_up_upos"))
    endings = "(?:" + "|".join(reported_cues("imperative_ending")) + ")$"
    finite = ~pl.col("verbform").fill_null("").is_in(["Inf", "Part", "Ger"])
    imperative = (finite & (pl.col("deprel") == "root") & pl.col("form").str.to_lowercase().str.contains(endings)
                  & ~pl.col("feats").fill_null("").str.contains("Person=3"))
    infinitive = (pl.col("verbform") == "Inf") & ((pl.col("deprel") == "root") | (pl.col("_up_upos") == "ADJ"))
    return (cues.join(with_subject, on=_WORD, how="anti").join(above, on=["doc_id", "sent_id", "head"], how="left")
            .filter(imperative | infinitive).select(_WORD))




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


def _noun_phrases(heads: pl.DataFrame, pairs: pl.DataFrame, words: pl.DataFrame,
                  excluded: tuple[str, ...] = NP_EXCLUDED) -> pl.DataFrame:
    """``_item, source_start, source_end`` of the noun phrase of each item's ``head`` without the branches
    ``excluded`` (by default its clauses, appositions and preposition: "Gilles-Éric Séralini, professeur à…" →
    "Gilles-Éric Séralini")."""
    rel = words.select(*_WORD, pl.col("deprel").alias("_rel"))
    below = (heads.join(pairs.select(*_WORD, "anc", "depth"), left_on=["doc_id", "sent_id", "head"],
                        right_on=["doc_id", "sent_id", "anc"])
             .join(rel, on=_WORD))
    # a word is out when any relation on its path up to the head is excluded
    path = (below.join(pairs.select(*_WORD, pl.col("anc").alias("_mid"), pl.col("depth").alias("_d")), on=_WORD)
            .filter(pl.col("_d") < pl.col("depth"))
            .join(rel.select("doc_id", "sent_id", pl.col("word_id").alias("_mid"), pl.col("_rel").alias("_mid_rel")),
                  on=["doc_id", "sent_id", "_mid"])
            .filter(pl.col("_mid_rel").is_in(excluded))
            .select("_item", *_WORD).unique())
    inside = (below.filter(~pl.col("_rel").is_in(excluded)
                           & ~((pl.col("depth") == 1) & pl.col("_rel").is_in(["case", "mark"])))
              .join(path, on=["_item", *_WORD], how="anti").select("_item", *_WORD))
    members = pl.concat([heads.select("_item", "doc_id", "sent_id", pl.col("head").alias("word_id")), inside])
    return _spans(members, words).rename({"start_char": "source_start", "end_char": "source_end"})


def _sources(items: pl.DataFrame, words: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """``items`` (``_item, doc_id, sent_id, cue_word``) plus ``source_word``, by the first of these that holds:

    * the subject or agent of the cue (a personal "il" the parser took for an impersonal one counts, unless the
      verb is passive: "il a été annoncé que" has no source);
    * for a present participle right after a noun of speech or writing (``speech_noun`` of
      ``reported_cues.tsv``), that noun, whatever the parser hung the participle on ("un communiqué affirmant
      que", "un appel téléphonique les informant que");
    * for a participle qualifying a noun in the tree, that noun;
    * for a verb without a subject, the subject of the verb it is coordinated with or depends on as ``xcomp``
      ("fait savoir"), or as a participle or gerund ("…, estimant que", "en affirmant que"), climbing up to
      three such links ("a condamné le crime et fait savoir que"); of several subjects, the nearest before the
      cue (the parser hangs a second clause's subject on the first: "…, mais Météo France précise que");
    * for an active verb still without one, the nearest noun before it in the sentence that stands as a
      subject, an apposition or the root (``subject_like_relation``), not in a prepositional phrase: the
      parser hung the subject elsewhere ("De son côté, B. Obama, …, fait savoir que").
    """
    passive = words.filter(pl.col("deprel") == "aux:pass").select("doc_id", "sent_id",
                                                                   pl.col("head").alias("word_id")).unique()
    relations = (*SOURCE_RELATIONS, "expl:subj")
    # a subject has no preposition ("a pour sa part indiqué": "part" is none); of two subjects the parser gives
    # a verb ("Le président du club, Joey Saputo s'est dit"), the name
    with_case = words.filter(pl.col("deprel") == "case").select("doc_id", "sent_id",
                                                                 pl.col("head").alias("word_id")).unique()

    def subject_of(frame: pl.DataFrame, verb: str, nearest: bool = False) -> pl.DataFrame:
        found = (_children(words, frame.select("_item", "doc_id", "sent_id", "_cue_at",
                                               pl.col(verb).alias("word_id")), relations, "s")
                 .join(passive.with_columns(pl.lit(True).alias("_passive")), on=_WORD, how="left")
                 .filter(~((pl.col("s_deprel") == "expl:subj") & pl.col("_passive").fill_null(False)))
                 .join(with_case, left_on=["doc_id", "sent_id", "s_word_id"], right_on=_WORD, how="anti")
                 .with_columns(pl.col("s_deprel").replace_strict({r: i for i, r in enumerate(relations)},
                                                                 default=9).alias("_rank"),
                               (pl.col("s_upos") != "PROPN").alias("_not_name"),
                               # (for an inherited subject: those before the cue, the nearest first)
                               pl.when(pl.lit(nearest) & (pl.col("s_start_char") < pl.col("_cue_at")))
                               .then(pl.col("_cue_at") - pl.col("s_start_char")).alias("_distance"))
                 .sort("_item", "_distance", "_rank", "_not_name", "s_start_char", nulls_last=True)
                 .group_by("_item", maintain_order=True).first())
        return found.select("_item", pl.col("s_word_id").alias("source_word"))

    items = items.join(words.select(*_WORD, pl.col("start_char").alias("_cue_at")),
                       left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD, how="left")
    found = [subject_of(items, "cue_word")]
    up = words.select(*_WORD, pl.col("head").alias("_up"), pl.col("deprel").alias("_rel"),
                      pl.col("feats").fill_null("").alias("_feats"))
    parent = items.join(up, left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD)
    non_finite = pl.col("_feats").str.contains("VerbForm=(?:Part|Ger|Inf)")
    # a present participle right after a noun of speech or writing, adjectives and object clitics between
    present_participle = (parent.join(words.select(*_WORD, pl.col("form").str.to_lowercase().alias("_form")),
                                      left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD)
                          .filter(pl.col("_feats").str.contains("VerbForm=Part")
                                  & pl.col("_feats").str.contains("Tense=Pres")
                                  | pl.col("_form").str.ends_with("ant")))  # (the tagger's "informant": finite)
    # (between them: adjectives, object clitics, a complement of the noun, "un communiqué de presse affirmant")
    between = (pl.col("upos").is_in(["ADJ", "DET", "NOUN", "ADP"])
               | pl.col("form").str.to_lowercase().is_in(reported_cues("infinitive_clitic")))
    window = (present_participle.select("_item", "doc_id", "sent_id", "cue_word")
              .join(words.select("doc_id", "sent_id", "word_id", "upos", "form", "lemma"), on=["doc_id", "sent_id"])
              .filter((pl.col("word_id") < pl.col("cue_word")) & (pl.col("word_id") >= pl.col("cue_word") - 5)))
    nouns = (window.filter((pl.col("upos") == "NOUN") & pl.col("lemma").is_in(reported_cues("speech_noun")))
             .sort("word_id", descending=True).group_by("_item", maintain_order=True).first()
             .select("_item", pl.col("word_id").alias("source_word")))
    blocked = (window.filter(~between).join(nouns, on="_item")
               .filter(pl.col("word_id") > pl.col("source_word")).select("_item").unique())
    before = nouns.join(blocked, on="_item", how="anti")
    found.append(before)
    qualified = (parent.filter((pl.col("_rel") == "acl") & non_finite)
                 .join(words.select("doc_id", "sent_id", pl.col("word_id").alias("_up"), pl.col("upos").alias("_nu")),
                       on=["doc_id", "sent_id", "_up"])
                 .filter(pl.col("_nu").is_in(["NOUN", "PROPN"])).select("_item", pl.col("_up").alias("source_word")))
    found.append(qualified)
    # the subject of the verb above, up to three links
    pending = parent
    for _ in range(3):
        step = pending.filter(pl.col("_rel").is_in(["conj", "xcomp"]) | ((pl.col("_rel") == "advcl") & non_finite))
        if step.height == 0:
            break
        found.append(subject_of(step, "_up", nearest=True))
        pending = (step.select("_item", "doc_id", "sent_id", "_cue_at", pl.col("_up").alias("cue_word"))
                   .join(up, left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD))
    # none of these: the nearest subject-like noun before the cue in the sentence, not in a prepositional phrase
    # (the parser having hung it elsewhere: "De son côté, B. Obama, …, fait savoir que"; not for a passive)
    subject_like = (words.filter(pl.col("upos").is_in(["NOUN", "PROPN"])
                                 & pl.col("deprel").is_in(reported_cues("subject_like_relation")))
                    .join(with_case, on=_WORD, how="anti")
                    .select("doc_id", "sent_id", pl.col("word_id").alias("source_word")))
    nearest = (items.join(pl.concat([f.select("_item") for f in found]), on="_item", how="anti")
               .join(passive, left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD, how="anti")
               .join(subject_like, on=["doc_id", "sent_id"])
               .filter(pl.col("source_word") < pl.col("cue_word"))
               .sort("source_word", descending=True).group_by("_item", maintain_order=True).first()
               .select("_item", "source_word"))
    found.append(nearest)
    sources = pl.concat(found).unique("_item", keep="first", maintain_order=True)
    return items.drop("_cue_at").join(sources, on="_item", how="left")


def _indirect(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """Contents of reporting verbs found in the tree: ``doc_id, sent_id, cue_word, head`` (the content clause's
    head), ``rule``, ``_opener`` (the complementizer, or the infinitive when there is none) and ``_complement``
    (``que``, ``si``, ``de``, ``à``, ``inf``)."""
    clauses = _children(words, cues.select(*_WORD, "start_char"), CONTENT_RELATIONS, "c").rename(
        {"word_id": "cue_word"})
    # the first mark of each clause ("que", "si", "de"; "pour" of a purpose clause)
    marks = (_children(words, clauses.select("doc_id", "sent_id", pl.col("c_word_id").alias("word_id")),
                       ("mark",), "m")
             .sort("m_start_char").group_by("doc_id", "sent_id", "word_id")
             .agg(pl.col("m_form").first().str.to_lowercase(), pl.col("m_word_id").first()))
    clauses = clauses.join(marks, left_on=["doc_id", "sent_id", "c_word_id"], right_on=_WORD, how="left")
    # a compound infinitive ("affirme avoir respecté"): the participle with an infinitive auxiliary
    compound = (_children(words, clauses.select("doc_id", "sent_id", pl.col("c_word_id").alias("word_id")),
                          ("aux", "aux:tense", "aux:pass"), "x")
                .filter(pl.col("x_verbform") == "Inf").select(pl.col("word_id").alias("c_word_id"), "doc_id",
                                                              "sent_id").unique()
                .with_columns(pl.lit(True).alias("_compound_inf")))
    clauses = (clauses.join(compound, on=["doc_id", "sent_id", "c_word_id"], how="left")
               .join(words.select("doc_id", "sent_id", pl.col("word_id").alias("c_word_id"),
                                  _INFINITIVE.alias("_c_inf")), on=["doc_id", "sent_id", "c_word_id"])
               .join(cues.select(*_WORD, pl.col("_type").alias("_cue_type")),
                     left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD))
    finite_que = pl.col("m_form").is_in(reported_cues("finite_que"))
    question = pl.col("m_form").is_in(reported_cues("question"))
    infinitive = ((pl.col("_c_inf") | pl.col("_compound_inf").fill_null(False))
                  & (pl.col("c_deprel") != "advcl")
                  & (pl.col("m_form").is_null() | pl.col("m_form").is_in(reported_cues("infinitive_mark")))
                  & (pl.col("c_start_char") > pl.col("start_char")))
    rule = (pl.when(finite_que).then(pl.lit("que-clause"))
            .when(question & ((pl.col("c_deprel") != "advcl") | (pl.col("_cue_type") == "question")))
            .then(pl.lit("interrogative clause"))
            .when(infinitive).then(pl.lit("infinitive clause")))
    found = clauses.with_columns(rule.alias("rule")).filter(pl.col("rule").is_not_null())
    first = found.select("doc_id", "sent_id", "cue_word", pl.col("c_word_id").alias("head"), "rule",
                         pl.coalesce("m_word_id", "c_word_id").alias("_opener"),
                         pl.col("m_form").replace_strict(_COMPLEMENT, default="inf").alias("_complement"))
    # a que-clause the parser hung elsewhere, right after a reporting verb ("elle dévoile que …")
    que = pl.col("form").str.to_lowercase().is_in(reported_cues("finite_que"))
    after = (words.filter(pl.col("deprel").eq("mark") & que)
             .select("doc_id", "sent_id", pl.col("word_id").alias("_opener"), pl.col("head").alias("head"))
             .join(cues.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word")), on=["doc_id", "sent_id"])
             .filter(pl.col("_opener") == pl.col("cue_word") + 1)
             .join(first, on=["doc_id", "sent_id", "head"], how="anti")
             .join(words.select(*_WORD, pl.col("head").alias("_up")), left_on=["doc_id", "sent_id", "head"],
                   right_on=_WORD)
             .filter(pl.col("_up") != pl.col("cue_word"))
             .select("doc_id", "sent_id", "cue_word", "head",
                     pl.lit("que-clause right after the verb (attached elsewhere by the parser)").alias("rule"),
                     "_opener", pl.lit("que").alias("_complement")))
    # "s'est dit satisfait de…", "se déclare favorable à…": a reflexive verb of saying and its attribute
    reflexive = (words.filter(pl.col("feats").fill_null("").str.contains("Reflex=Yes"))
                 .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    attribute = (_children(words, cues.filter(pl.col("lemma").is_in(reported_cues("reflexive_attribute")))
                           .join(reflexive, on=_WORD, how="semi").select(*_WORD), ("xcomp",), "c")
                 .filter((pl.col("c_upos") == "ADJ") | (pl.col("c_verbform") == "Part")
                         | pl.col("c_upos").is_in(["VERB", "NOUN"]) & pl.col("c_verbform").is_null())
                 .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("c_word_id").alias("head"),
                         pl.lit("attribute of a reflexive verb of saying").alias("rule"),
                         pl.col("c_word_id").alias("_opener"), pl.lit("attribute").alias("_complement")))
    first = pl.concat([first, after, attribute])
    # "… a déclaré que A et que B", "demande à être baptisée et à devenir…": B is a content of its own
    opening = reported_cues("finite_que") + reported_cues("question") + reported_cues("infinitive_mark")
    more = (_children(words, first.select("doc_id", "sent_id", pl.col("head").alias("word_id"), "cue_word", "rule",
                                          "_complement"), ("conj",), "k")
            .join(words.filter((pl.col("deprel") == "mark") & pl.col("form").str.to_lowercase().is_in(opening))
                  .select("doc_id", "sent_id", pl.col("head").alias("k_word_id"), pl.col("word_id").alias("_opener")),
                  on=["doc_id", "sent_id", "k_word_id"])
            .select("doc_id", "sent_id", "cue_word", pl.col("k_word_id").alias("head"),
                    (pl.col("rule") + " (coordinated)").alias("rule"), "_opener", "_complement"))
    return pl.concat([first, more]).with_columns(pl.lit("indirect").alias("kind"),
                                                 pl.lit(None, pl.Int64).alias("head2"))


def _in_text(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """Contents read in the word order where the tree gives none (the parser having hung the clause
    elsewhere: "que" as a preposition of the next noun, "de s'en prendre" as an adverbial): the first
    complementizer after the verb (que, si, pourquoi…, de or à + infinitive, or an infinitive) with nothing
    between them but adverbs, pronouns, commas, prepositional phrases and, for a verb that takes one, an
    object ("accusent le Front Nusrat, un groupe…, d'être"); at most :data:`TEXT_GAP` words. The content runs
    to the next semicolon or colon or to the end of the sentence, and a coordinated "et que…" is a content of
    its own. Rows as :func:`_indirect`'s, with ``_range_start, _range_end`` (characters)."""
    following = (cues.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"),
                             pl.col("_type").alias("_cue_type"), pl.col("lemma").alias("_cue_lemma"), "_object")
                 .join(words.select("doc_id", "sent_id", "word_id", "form", "upos", "feats", "start_char",
                                    _INFINITIVE.alias("_inf")), on=["doc_id", "sent_id"])
                 .filter((pl.col("word_id") > pl.col("cue_word"))
                         & (pl.col("word_id") <= pl.col("cue_word") + TEXT_GAP + 1))
                 .with_columns(pl.col("form").str.to_lowercase().alias("_lower")))
    # the word after a "de" or "à", clitics and negation aside: an infinitive makes it a content
    clitic = words.filter(~pl.col("form").str.to_lowercase().is_in(reported_cues("infinitive_clitic")))
    next_verb = (following.filter(pl.col("_lower").is_in(["de", "d'", "d’", "à"]))
                 .select("doc_id", "sent_id", "cue_word", pl.col("word_id").alias("_k"))
                 .join(clitic.select("doc_id", "sent_id", pl.col("word_id").alias("_v"),
                                     _INFINITIVE.alias("_then_inf")), on=["doc_id", "sent_id"])
                 .filter(pl.col("_v") > pl.col("_k")).sort("_v")
                 .group_by("doc_id", "sent_id", "cue_word", "_k").first()
                 .select("doc_id", "sent_id", "cue_word", pl.col("_k").alias("word_id"), "_then_inf"))
    following = following.join(next_verb, on=["doc_id", "sent_id", "cue_word", "word_id"], how="left")
    lower = pl.col("_lower")
    relative = pl.col("feats").fill_null("").str.contains("PronType=Rel")
    opener = (pl.when(lower.is_in(reported_cues("finite_que")) & ~relative & (pl.col("upos") != "PRON"))
              .then(pl.lit("que"))
              .when(lower.is_in(reported_cues("question")) & (pl.col("upos") == "SCONJ")).then(pl.lit("si"))
              .when(lower.is_in(reported_cues("wh_word"))).then(pl.lit("wh"))
              .when(lower.is_in(["de", "d'", "d’"]) & pl.col("_then_inf").fill_null(False)).then(pl.lit("de"))
              .when((lower == "à") & pl.col("_then_inf").fill_null(False)).then(pl.lit("à"))
              .when(pl.col("_inf")).then(pl.lit("inf")))
    following = following.with_columns(opener.alias("_complement"))
    firsts = (following.filter(pl.col("_complement").is_not_null()).sort("word_id")
              .group_by("doc_id", "sent_id", "cue_word").first()
              .select("doc_id", "sent_id", "cue_word", pl.col("word_id").alias("_opener"), "_complement",
                      pl.col("start_char").alias("_range_start"), "_cue_type", "_cue_lemma", "_object"))
    # what stands between the verb and its complementizer
    has_case = words.filter(pl.col("deprel") == "case").select("doc_id", "sent_id",
                                                                pl.col("head").alias("word_id")).unique()
    gap = (following.join(firsts.select("doc_id", "sent_id", "cue_word", "_opener", "_complement",
                                        pl.col("_complement").alias("_c")), on=["doc_id", "sent_id", "cue_word"])
           .filter(pl.col("word_id") < pl.col("_opener"))
           .join(has_case.with_columns(pl.lit(True).alias("_in_pp")), on=["doc_id", "sent_id", "word_id"],
                 how="left"))
    bare_noun = pl.col("upos").is_in(["NOUN", "PROPN"]) & pl.col("_in_pp").is_null()
    # (a participle may qualify an object or an apposition: "le Front Nusrat, un groupe lié à Al-Qaïda, d'être")
    participle = pl.col("feats").fill_null("").str.contains("VerbForm=Part")
    blocking = ((pl.col("upos").is_in(["VERB", "AUX"]) & ~participle) | pl.col("upos").is_in(["SCONJ", "CCONJ"])
                | relative | ((pl.col("upos") == "PUNCT") & (pl.col("form") != ","))
                | (pl.col("_c").is_in(["inf", "wh"]) & ~pl.col("upos").is_in(["ADV", "PRON", "PART"])))
    blocked = gap.filter(blocking).select("doc_id", "sent_id", "cue_word").unique()
    objects = gap.filter(bare_noun).select("doc_id", "sent_id", "cue_word").unique()
    firsts = (firsts.join(blocked, on=["doc_id", "sent_id", "cue_word"], how="anti")
              .with_columns(pl.col("_complement").replace({"wh": "si"})))
    # a verb that takes no object has no noun before its "de"/"à" ("a annoncé la décision de fermer")
    firsts = firsts.join(objects.with_columns(pl.lit(True).alias("_noun_before")),
                         on=["doc_id", "sent_id", "cue_word"], how="left").filter(
        pl.col("_noun_before").is_null() | (pl.col("_complement") == "que") | pl.col("_object").fill_null(False)
        | pl.col("_cue_lemma").is_in(reported_cues("object_type")))
    # a coordinated complementizer of the same kind ("et qu'il était temps…") opens a content of its own
    sentence = words.select("doc_id", "sent_id", "word_id", "start_char", "form", "upos")
    prior = sentence.select("doc_id", "sent_id", (pl.col("word_id") + 1).alias("word_id"),
                            pl.col("form").str.to_lowercase().alias("_prior"),
                            pl.col("start_char").alias("_prior_start"))
    family = pl.col("form").str.to_lowercase().replace_strict(_COMPLEMENT, default=None)
    coordinated = (firsts.select("doc_id", "sent_id", "cue_word", "_opener", "_complement")
                   .join(sentence.join(prior, on=_WORD).with_columns(family.alias("_family")),
                         on=["doc_id", "sent_id"])
                   .filter((pl.col("word_id") > pl.col("_opener")) & pl.col("_prior").is_in(["et", "ou"])
                           & (pl.col("_family") == pl.col("_complement")))
                   .select("doc_id", "sent_id", "cue_word", pl.col("word_id").alias("_opener"), "_complement",
                           pl.col("start_char").alias("_range_start"), pl.col("_prior_start").alias("_cut"),
                           pl.lit(True).alias("_coordinated")))
    rows = pl.concat([firsts.select("doc_id", "sent_id", "cue_word", "_opener", "_complement", "_range_start"),
                      coordinated.drop("_cut", "_coordinated")], how="diagonal_relaxed")
    # each content ends at the next stop: a semicolon or colon, or the "et" of the next coordinated content
    stops = pl.concat([
        sentence.filter(pl.col("form").is_in([";", ":"])).select("doc_id", "sent_id",
                                                                  pl.col("start_char").alias("_stop")),
        coordinated.select("doc_id", "sent_id", pl.col("_cut").alias("_stop")),
    ]).unique().sort("doc_id", "sent_id", "_stop")
    rows = (rows.sort("doc_id", "sent_id", "_range_start")
            .join_asof(stops, left_on="_range_start", right_on="_stop", by=["doc_id", "sent_id"],
                       strategy="forward", allow_exact_matches=False, check_sortedness=False)
            .rename({"_stop": "_range_end"})
            .with_columns(pl.lit(None, pl.Int64).alias("head"),
                          pl.when(pl.col("_range_start") == pl.col("_range_start").min().over(
                              "doc_id", "sent_id", "cue_word"))
                          .then(pl.lit("content clause read in the word order"))
                          .otherwise(pl.lit("content clause read in the word order (coordinated)")).alias("rule")))
    return rows.with_columns(pl.lit("indirect").alias("kind"), pl.lit(None, pl.Int64).alias("head2"))


def _admissible(rows: pl.DataFrame, words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """The indirect contents each verb admits: a verb of ``content_verbs.tsv`` its own complements only, one of
    the reporting-verb lexicon any but "à + infinitive" (requests only: "appelle à", not "condamnée à verser");
    no "que" of a conjunction ("plutôt que", "ainsi que", "le fait que") nor of a restrictive "ne … que"
    ("ne rapporteront que 3 milliards")."""
    rows = rows.join(cues.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), "_type", "_complements"),
                     on=["doc_id", "sent_id", "cue_word"])
    allowed = (pl.when(pl.col("_complements").is_not_null())
               .then(pl.col("_complements").list.contains(pl.col("_complement")))
               .otherwise((pl.col("_complement") != "à") | pl.col("_type").is_in(reported_cues("request_type"))))
    # a verb of content_verbs.tsv in the passive with a que-clause plans rather than reports ("il est prévu
    # que…"; "est sommée de…" is a report)
    passive = words.filter(pl.col("deprel") == "aux:pass").select(
        "doc_id", "sent_id", pl.col("head").alias("cue_word"), pl.lit(True).alias("_passive")).unique()
    rows = (rows.join(passive, on=["doc_id", "sent_id", "cue_word"], how="left")
            .filter(allowed & ~(pl.col("_complements").is_not_null() & pl.col("_passive").fill_null(False)
                                & (pl.col("_complement") == "que")))
            .drop("_passive"))
    lowered = words.select("doc_id", "sent_id", "word_id", pl.col("form").str.to_lowercase().alias("_f"))
    before_opener = (rows.select("doc_id", "sent_id", "cue_word", "_opener")
                     .join(lowered.with_columns((pl.col("word_id") + 1).alias("_opener")).drop("word_id"),
                           on=["doc_id", "sent_id", "_opener"])
                     .filter(pl.col("_f").is_in(reported_cues("que_locution"))))
    # a "ne" up to three words before the verb, no second negative word before the "que"
    window = (rows.filter(pl.col("_complement") == "que").select("doc_id", "sent_id", "cue_word", "_opener")
              .join(lowered, on=["doc_id", "sent_id"])
              .filter((pl.col("word_id") >= pl.col("cue_word") - 3) & (pl.col("word_id") < pl.col("_opener")))
              .group_by("doc_id", "sent_id", "cue_word", "_opener")
              .agg(pl.col("_f").is_in(reported_cues("restrictive_ne")).any().alias("_ne"),
                   pl.col("_f").is_in(reported_cues("negation_word")).any().alias("_neg"))
              .filter(pl.col("_ne") & ~pl.col("_neg")))
    return (rows.join(before_opener, on=["doc_id", "sent_id", "cue_word", "_opener"], how="anti")
            .join(window, on=["doc_id", "sent_id", "cue_word", "_opener"], how="anti")
            .drop("_type", "_complements"))


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
    # an incise is a finite verb or a compound past ("dit X", "a indiqué X"), in the active voice and a verb of
    # saying: not an infinitive, a bare participle or a passive ("…, non sans rappeler", "…, dite « … »",
    # "…, sera assurée par X") nor a verb that reports only through its content clause ("…, établit le rite")
    auxiliaries = words.filter(pl.col("deprel").is_in(["aux", "aux:tense"])).select(
        "doc_id", "sent_id", pl.col("head").alias("word_id")).unique()
    passive = words.filter(pl.col("deprel") == "aux:pass").select("doc_id", "sent_id",
                                                                   pl.col("head").alias("word_id")).unique()
    # (a participle that is also a present, "dit le Pentagone", is taken for one)
    finite = (pl.col("feats").fill_null("").str.contains("VerbForm=Fin")
              | pl.col("form").str.to_lowercase().is_in(reported_cues("present_like_participle")))
    compound = (cues.join(auxiliaries, on=_WORD, how="semi")
                .filter(pl.col("feats").fill_null("").str.contains("VerbForm=Part")).select(_WORD))
    cues = (pl.concat([cues.filter(finite).select(_WORD), compound]).unique()
            .join(cues, on=_WORD).join(passive, on=_WORD, how="anti")
            .filter(pl.col("_type") != "content"))
    cue = cues.select(*_WORD, "start_char", "deprel", "head")
    # the auxiliaries and adverbs of the incise stand after the last punctuation before the verb ("Par
    # ailleurs, poursuit X": "ailleurs" belongs to the clause)
    punctuation = (words.filter(pl.col("upos") == "PUNCT").select("doc_id", pl.col("start_char").alias("_punct"))
                   .sort("doc_id", "_punct"))
    last_punct = (cue.select(*_WORD, "start_char").sort("doc_id", "start_char")
                  .join_asof(punctuation, left_on="start_char", right_on="_punct", by="doc_id", strategy="backward",
                             check_sortedness=False).select(*_WORD, "_punct"))
    helpers = (_children(words, cue.select(*_WORD, "start_char").join(last_punct, on=_WORD), None, "a")
               .filter((pl.col("a_start_char") < pl.col("start_char"))
                       & (pl.col("a_start_char") > pl.col("_punct").fill_null(-1))
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
    # (a phrase after the comma that belongs to the subject closes no clause: "…, a annoncé X, de l'Université…")
    # nor does a second incise ("…, indique une analyse, a annoncé X."): the first one ends the clause; nor a
    # speaker's affiliation, whatever the parser hung it on ("…, a annoncé X, de l'Université de Moscou.")
    affiliation = words.filter((pl.col("deprel") == "case")
                               & pl.col("form").str.to_lowercase().is_in(reported_cues("affiliation_preposition")))
    chained = pl.concat([cue.select("doc_id", "sent_id", pl.col("word_id").alias("_after")),
                         affiliation.select("doc_id", "sent_id", pl.col("word_id").alias("_after")),
                         words.filter(pl.col("deprel").str.starts_with("aux"))
                         .join(cue.select("doc_id", "sent_id", pl.col("word_id").alias("head")),
                               on=["doc_id", "sent_id", "head"])
                         .select("doc_id", "sent_id", pl.col("word_id").alias("_after"))])
    comma_after = (comma_after.join(subject_tree.select(pl.col("_item").alias("_i"),
                                                        pl.col("word_id").alias("_after")),
                                    on=["_i", "_after"], how="anti")
                   .join(incise.select("_i", "doc_id", "sent_id"), on="_i")
                   .join(chained, on=["doc_id", "sent_id", "_after"], how="anti").select("_i", "_after"))
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
                                 pl.col("_incise_end").alias("_range_start"),
                                 # the words before it hang on the incise ("Par ailleurs, poursuit X, une
                                 # langue…"): the clause is the common ancestor's
                                 pl.when(pl.col("head") == pl.col("word_id")).then(pl.col("anc"))
                                 .otherwise(pl.col("head")).alias("head"))
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


#: Inverted subject clitics of an incise ("dit-il", "a-t-elle précisé", "pensait-on").
_CLITICS = r"(?:il|elle|ils|elles|on)"
#: Auxiliaries inverted before a participle ("a-t-il précisé", "ont-ils ajouté").
_INVERTED_AUX = r"(?:a|avait|aurait|eut|ont|avaient|auraient|est|sont|était|étaient)"


def _clitic_incises(words: pl.DataFrame, texts: pl.DataFrame, forms: pl.DataFrame) -> pl.DataFrame:
    """Incises read in the text: a verb of saying with an inverted subject clitic after a comma ("…, dit-il.",
    "…, appuie-t-il, le français…", "…, a-t-il précisé."), which the tagger often takes for a noun
    ("dit-il", "pensait-on"). Inside the sentence (a comma after it) the content is the whole sentence, the
    incise included; at its end, the sentence before it. Rows with ``_range_start, _range_end``, the cue's end
    (``_marker_end``) and lemma, and the clitic as the source (``_source_start, _source_end``)."""
    alternation = "|".join(re.escape(f) for f in sorted(set(forms["form"].to_list()), key=len, reverse=True))
    verb = (rf"(?:{_INVERTED_AUX}(?:-t)?-(?P<c1>{_CLITICS})\s+(?:\p{{Ll}}+\s+){{0,2}}?(?P<f1>{alternation})"
            rf"|(?P<f2>{alternation})(?:-t)?-(?P<c2>{_CLITICS}))")
    plain = words.filter(pl.col("upos") != "PUNCT")
    sentences = (plain.group_by("doc_id", "sent_id")
                 .agg(pl.col("start_char").min().alias("_s"), pl.col("end_char").max().alias("_e"))
                 .join(texts, on="doc_id")
                 .with_columns(pl.col("_text").str.slice(pl.col("_s"), pl.col("_e") - pl.col("_s")).alias("_sent"))
                 .drop("_text"))
    # groups: 1 the text before the incise, 2 the incise (3 to 6 its parts), 7 what follows it
    pattern = rf"(?i)^(.*?[,…»]\s*)({verb})(\s*,|\s*[.!?…;:]?\s*$)"
    lowered = pl.col("_sent")
    found = (sentences.filter(lowered.str.contains(pattern))
             .with_columns(lowered.str.extract(pattern, 1).str.len_chars().alias("_at"),
                           lowered.str.extract(pattern, 2).alias("_incise"),
                           lowered.str.extract(pattern, 7).str.contains(",").alias("_inside")))
    if found.height == 0:
        return pl.DataFrame()
    clitic = rf"(?i)-(?:t-)?({_CLITICS})\b"
    form = rf"(?i)(?:^|\s|-)({alternation})(?:-|$)"
    found = found.with_columns(
        (pl.col("_s") + pl.col("_at")).alias("_cue_at"),
        pl.col("_incise").str.extract(clitic, 1).alias("_clitic"),
        pl.col("_incise").str.to_lowercase().str.extract(form, 1).alias("_form"),
        # the clitic's offset in the incise: the text before "-il" / "-t-il"
        pl.col("_incise").str.extract(r"(?i)^(.*?-(?:t-)?)" + _CLITICS + r"\b", 1).str.len_chars().alias("_cl_at"))
    found = found.join(forms.unique("form", keep="first").select(pl.col("form").alias("_form"), "lemma"),
                       on="_form", how="left")
    before_comma = pl.col("_sent").str.slice(0, pl.col("_at")).str.replace(r"[\s,…]+$", "").str.len_chars()
    cue_token = (words.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), "start_char")
                 .sort("doc_id", "start_char"))
    rows = (found.with_columns(pl.when(pl.col("_inside")).then(pl.col("_e"))
                               .otherwise(pl.col("_s") + before_comma).alias("_range_end"),
                               pl.col("_s").alias("_range_start"),
                               (pl.col("_cue_at") + pl.col("_incise").str.len_chars()).alias("_marker_end"),
                               (pl.col("_cue_at") + pl.col("_cl_at")).alias("_source_start"))
            .with_columns((pl.col("_source_start") + pl.col("_clitic").str.len_chars()).alias("_source_end"))
            .sort("doc_id", "_cue_at")
            .join_asof(cue_token, left_on="_cue_at", right_on="start_char", by="doc_id", strategy="backward",
                       check_sortedness=False)
            .filter(pl.col("lemma").is_not_null()))
    return rows.select("doc_id", "sent_id", "cue_word", pl.lit(None, pl.Int64).alias("head"),
                       pl.lit(None, pl.Int64).alias("head2"), "_range_start", "_range_end", "_marker_end",
                       "_source_start", "_source_end", pl.col("lemma").alias("cue"),
                       pl.when(pl.col("_inside")).then(pl.lit("incise with an inverted clitic, inside the clause"))
                       .otherwise(pl.lit("incise with an inverted clitic, after the clause")).alias("rule"),
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


def _pronoun_features() -> pl.DataFrame:
    """``_pronoun, _p_gender, _p_plural``: the personal pronouns of ``personal_pronoun`` in ``reported_cues.tsv``."""
    entries = [cue.split() for cue in reported_cues("personal_pronoun")]
    return pl.DataFrame({"_pronoun": [e[0] for e in entries], "_p_gender": [e[1] for e in entries],
                         "_p_plural": [e[2] == "Plur" for e in entries]})


def _mention_features(spans: pl.DataFrame, words: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """``spans`` (``_k, doc_id, _s, _e``: a mention's characters) plus ``_gender`` and ``_plural``: those of its
    first noun (its Gender and Number), a name's gender from the document's named mentions (a title, an
    apposition: :func:`~corpusling.markers.speakers.named_mentions`), plural for a coordination ("X et Y")."""
    nouns = (words.filter(pl.col("upos").is_in(["NOUN", "PROPN"]))
             .select("doc_id", pl.col("start_char").alias("_w"), pl.col("upos").alias("_wu"),
                     pl.col("feats").fill_null("").alias("_wf"))
             .sort("doc_id", "_w"))
    first = (spans.sort("doc_id", "_s")
             .join_asof(nouns, left_on="_s", right_on="_w", by="doc_id", strategy="forward", check_sortedness=False)
             .with_columns(pl.when(pl.col("_w") < pl.col("_e")).then(pl.col("_wf")).alias("_wf")))
    named = (mentions.select("doc_id", pl.col("m_start").alias("_w"), pl.col("gender").alias("_mg"))
             .sort("doc_id", "_w"))
    first = (first.drop("_w").sort("doc_id", "_s")
             .join_asof(named, left_on="_s", right_on="_w", by="doc_id", strategy="forward", check_sortedness=False)
             .with_columns(pl.when(pl.col("_w") < pl.col("_e")).then(pl.col("_mg")).alias("_mg")))
    return first.with_columns(
        pl.coalesce(pl.col("_wf").str.extract(r"Gender=(\w+)"), "_mg").alias("_gender"),
        (pl.col("_wf").fill_null("").str.contains("Number=Plur") | pl.col("_text_span").str.contains(r"\s(?:et)\s"))
        .alias("_plural")).drop("_w", "_wu", "_wf", "_mg")


def _last_speaker(rows: pl.DataFrame, words: pl.DataFrame, quotes: pl.DataFrame,
                  mentions: pl.DataFrame) -> pl.DataFrame:
    """A personal pronoun that reports ("Il a ajouté que", "a-t-il précisé") continues the nearest speaker before
    it in its paragraph who agrees with it in gender and number: the source of a reported content or of a
    quotation (the press convention of a continued attribution, Rosier 2008), which the name-only resolver does
    not see when it is a description ("a indiqué un porte-parole de la police. …, a-t-il précisé") or a name
    in an inverted subject. A pronoun still unresolved is the nearest subject noun phrase before it, in its
    paragraph or the one before, that agrees with it ("Des analystes jugent… Ils estiment que"). ``rows`` gain
    it as ``speaker``."""
    from corpusling.markers.speakers import name_of

    lowered = pl.col("_mention").str.to_lowercase().str.strip_chars()
    pronouns = (rows.select("_item", "doc_id", pl.col("cue_start").alias("_at"), lowered.alias("_pronoun"))
                .join(_pronoun_features(), on="_pronoun"))
    if pronouns.height == 0:
        return rows
    docs = pronouns.select("doc_id").unique()
    # the candidates: sources of reported contents and of quotations that are not pronouns themselves
    said = (rows.join(docs, on="doc_id", how="semi")
            .filter(pl.col("speaker").is_not_null() & pl.col("source_start").is_not_null()
                    & ~lowered.is_in(_pronoun_features()["_pronoun"].to_list() + ["qui"]))
            .select("doc_id", pl.col("source_start").alias("_s"), pl.col("source_end").alias("_e"),
                    pl.col("speaker").alias("_last"), pl.col("_text").str.slice(pl.col("source_start"),
                                                                                pl.col("source_end")
                                                                                - pl.col("source_start"))
                    .alias("_text_span")))
    if quotes.height and "speaker" in quotes.columns:
        quoted = (quotes.select(pl.col("doc_id").cast(pl.String), pl.col("source_start").alias("_s"),
                                pl.col("source_end").alias("_e"), pl.col("speaker").alias("_last"),
                                pl.col("source").alias("_text_span"))
                  .join(docs, on="doc_id", how="semi")
                  .filter(pl.col("_last").is_not_null() & pl.col("_s").is_not_null()
                          & ~pl.col("_text_span").str.to_lowercase().str.strip_chars()
                          .is_in(_pronoun_features()["_pronoun"].to_list() + ["qui"])))
        said = pl.concat([said, quoted], how="diagonal_relaxed")
    if said.height == 0:
        return rows
    said = _mention_features(said.unique(["doc_id", "_s"]).with_row_index("_k"), words, mentions)
    paragraph = (words.select("doc_id", pl.col("start_char").alias("_p_at"), "par_id").sort("doc_id", "_p_at"))

    def located(frame: pl.DataFrame, at: str) -> pl.DataFrame:
        return (frame.sort("doc_id", at).join_asof(paragraph, left_on=at, right_on="_p_at", by="doc_id",
                                                   strategy="backward", check_sortedness=False).drop("_p_at"))

    agrees = ((pl.col("_plural") == pl.col("_p_plural"))
              & (pl.col("_gender").is_null() | (pl.col("_gender") == pl.col("_p_gender"))))
    found = (located(pronouns, "_at").join(located(said, "_s"), on=["doc_id", "par_id"])
             .filter((pl.col("_s") < pl.col("_at")) & agrees)
             .sort("_s", descending=True).group_by("_item", maintain_order=True).first()
             .select("_item", "_last"))
    rows = (rows.join(found, on="_item", how="left")
            .with_columns(pl.coalesce("_last", "speaker").alias("speaker")).drop("_last"))
    # a pronoun neither a speaker nor a name resolves ("Des analystes jugent… Ils estiment", "Elle a promis"):
    # the nearest subject noun before it in its paragraph or the one before, agreeing with it
    left = (pronouns.join(rows.filter(pl.col("speaker").str.to_lowercase().str.strip_chars()
                                      .is_in(_pronoun_features()["_pronoun"].to_list())).select("_item"), on="_item")
            .pipe(located, "_at"))
    if left.height == 0:
        return rows
    subjects = (words.join(left.select("doc_id").unique(), on="doc_id", how="semi")
                .filter(pl.col("deprel").is_in(["nsubj", "nsubj:pass"]) & pl.col("upos").is_in(["NOUN", "PROPN"])))
    tree = ancestors(words, sentences=subjects.select("doc_id", "sent_id").unique())
    heads = subjects.with_row_index("_item").select(pl.col("_item").cast(pl.Int64), "doc_id", "sent_id",
                                                     pl.col("word_id").alias("head"))
    phrases = (_noun_phrases(heads, tree, words).join(heads, on="_item")
               .join(rows.select("doc_id", "_text").unique("doc_id"), on="doc_id")
               .select("doc_id", pl.col("source_start").alias("_s"), pl.col("source_end").alias("_e"),
                       pl.col("_text").str.slice(pl.col("source_start"), pl.col("source_end") - pl.col("source_start"))
                       .alias("_text_span")))
    phrases = _mention_features(phrases.with_row_index("_k"), words, mentions).pipe(located, "_s")
    nearest = (left.join(phrases, on="doc_id")
               .filter((pl.col("_s") < pl.col("_at")) & (pl.col("par_id") - pl.col("par_id_right") <= 1) & agrees)
               .sort("_s", descending=True).group_by("_item", maintain_order=True).first())
    named = [name_of(t) or t for t in nearest["_text_span"].to_list()]
    nearest = nearest.select("_item").with_columns(pl.Series("_subject", named, dtype=pl.String))
    return (rows.join(nearest, on="_item", how="left")
            .with_columns(pl.coalesce("_subject", "speaker").alias("speaker")).drop("_subject"))


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

    # (an inverted clitic without its hyphens: "-t-il" → "il")
    rows = rows.with_columns(cut("source_start", "source_end").str.replace(r"^-(?:t-)?", "").alias("source"))
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
    # the name a mention holds, read with its appositions ("La première ministre du Québec, Pauline Marois")
    rows = rows.with_columns(pl.when(pl.col("_antecedent").is_null() & pl.col("_full_start").is_not_null())
                             .then(cut("_full_start", "_full_end")).otherwise(pl.col("_mention")).alias("_full"))
    named = [name_of(m) if m else None for m in rows["_full"].to_list()]
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
    rows = _last_speaker(rows, words, quotes, mentions)
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
    if tokens.height == 0 or "head" not in tokens.columns:
        return empty()
    words = _words(tokens).filter(pl.col("head").is_not_null())
    cues = _cue_words(words, lexicon)
    reporting = cues.join(_writers_own(words, cues), on=_WORD, how="anti")
    markers = _according_to(words, hedges)
    pairs = ancestors(words, sentences=pl.concat([cues.select("doc_id", "sent_id"),
                                                  markers.select("doc_id", "sent_id")]))
    in_tree = _admissible(_indirect(words, reporting), words, reporting)
    in_text = _admissible(_in_text(words, reporting.join(in_tree.select("doc_id", "sent_id",
                                                                        pl.col("cue_word").alias("word_id")),
                                                         on=_WORD, how="anti")), words, reporting)
    from corpusling.markers.attribution import default_reporting_verbs, reporting_verb_forms

    # incises: the verbs of the lexicon and those that report only in an incise ("poursuit l'ex-président")
    incise_lexicon = (default_reporting_verbs() if reporting_verbs is None
                      else lexicon.with_columns(pl.lit("any").alias("use")))
    incise_cues = _cue_words(words, incise_lexicon.select("lemma", "type"))
    in_tree_incises = _incises(words, incise_cues, pairs)
    texts = documents.select(pl.col("doc_id").cast(pl.String), pl.col("text").alias("_text"))
    in_text_incises = _clitic_incises(words, texts, reporting_verb_forms(incise_lexicon))
    if in_text_incises.height:  # (the text reads an inverted clitic better than the tree: "Il est, disent-ils, …")
        in_tree_incises = in_tree_incises.join(in_text_incises.select("doc_id", "sent_id").unique(),
                                               on=["doc_id", "sent_id"], how="anti")
    found = pl.concat([
        in_tree,
        in_text,
        markers,
        in_tree_incises,
        in_text_incises,
    ], how="diagonal_relaxed")
    found = found.with_columns([pl.lit(None, pl.Int64).alias(c) for c in
                                ("_range_start", "_range_end", "_marker_end", "_source_start", "_source_end")
                                if c not in found.columns])
    found = found.unique(["doc_id", "sent_id", "cue_word", "head", "_range_start"], keep="first",
                         maintain_order=True)
    cues = pl.concat([cues, incise_cues], how="diagonal_relaxed").unique(_WORD, keep="first")
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
    # an incise attributes an assertion: a clause with a verb, not a noun phrase the parser hung on a verb
    # of saying ("La procureure …, Mme Fatou Bensouda, a déclaré : «…»")
    verbal = (content.join(words.filter(pl.col("upos").is_in(["VERB", "AUX"])).select(_WORD), on=_WORD)
              .select("_item").unique())
    found = found.join(found.filter(pl.col("kind") == "incise").join(verbal, on="_item", how="anti")
                       .select("_item"), on="_item", how="anti")
    content = content.join(found.select("_item"), on="_item", how="semi")
    spans = _spans(content, words)
    cue_spans = (found.join(words.select(*_WORD, "start_char", "end_char", "lemma"),
                            left_on=["doc_id", "sent_id", "cue_word"], right_on=_WORD)
                 .join(cues.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"),
                                   pl.col("lemma").alias("_cue_lemma"), "_cue_start"),
                       on=["doc_id", "sent_id", "cue_word"], how="left")
                 .select("_item", pl.coalesce("_cue_start", "start_char").alias("cue_start"),
                         pl.coalesce("_marker_end", "end_char").alias("cue_end"),
                         pl.coalesce("cue", "_cue_lemma", "lemma").alias("cue")))
    rows = (found.drop("cue").join(spans, on="_item").join(cue_spans, on="_item"))
    # where an incise or a marker stands before the clause, the content starts after it
    rows = rows.with_columns(
        pl.when((pl.col("kind") != "indirect") & (pl.col("cue_start") <= pl.col("start_char")))
        .then(pl.max_horizontal("start_char", "cue_end")).otherwise(pl.col("start_char")).alias("start_char"))
    rows = _sources(rows.select("_item", "doc_id", "sent_id", "cue_word", "head", "kind", "rule", "start_char",
                                "end_char", "cue", "cue_start", "cue_end", "source_word", "_source_start",
                                "_source_end")
                    .rename({"source_word": "_given_source"}), words, pairs)
    rows = rows.with_columns(pl.coalesce("_given_source", "source_word").alias("source_word"))
    source_spans = _noun_phrases(rows.filter(pl.col("source_word").is_not_null())
                                 .select("_item", "doc_id", "sent_id", pl.col("source_word").alias("head")),
                                 pairs, words)
    name_spans = _noun_phrases(rows.filter(pl.col("source_word").is_not_null())
                               .select("_item", "doc_id", "sent_id", pl.col("source_word").alias("head")),
                               pairs, words, NP_NAME_EXCLUDED).rename({"source_start": "_full_start",
                                                                       "source_end": "_full_end"})
    rows = (rows.join(source_spans, on="_item", how="left").join(name_spans, on="_item", how="left")
            .with_columns(pl.coalesce("_source_start", "source_start").alias("source_start"),
                          pl.coalesce("_source_end", "source_end").alias("source_end"))
            .with_columns(pl.when(pl.col("_source_start").is_not_null()).then(None).otherwise(pl.col("source_word"))
                          .alias("source_word")))
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
    # what the writer says in their own voice ("je pense que", "on peut dire que") is no one's reported speech
    cue_word = words.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"),
                            pl.col("feats").alias("_cue_feats"), pl.col("deprel").alias("_cue_deprel"),
                            pl.col("form").str.to_lowercase().alias("_cue_form"),
                            pl.col("head").alias("_cue_head"))
    above = words.select("doc_id", "sent_id", pl.col("word_id").alias("_cue_head"), pl.col("lemma").alias("_above"))
    # (the subjects of the cue and of the verb above it: the parser may give a verb two, "Voilà, j'espère que")
    subjects = (words.filter(pl.col("deprel").str.starts_with("nsubj") | (pl.col("deprel") == "expl:subj"))
                .group_by("doc_id", "sent_id", pl.col("head").alias("_v"))
                .agg(pl.col("form").str.to_lowercase().alias("_subjects")))
    rows = (rows.join(cue_word, on=["doc_id", "sent_id", "cue_word"], how="left")
            .join(above, on=["doc_id", "sent_id", "_cue_head"], how="left")
            .join(subjects.rename({"_v": "cue_word"}), on=["doc_id", "sent_id", "cue_word"], how="left")
            .join(subjects.rename({"_v": "_cue_head", "_subjects": "_above_subjects"}),
                  on=["doc_id", "sent_id", "_cue_head"], how="left"))
    for _name, condition in exclusion_rules():
        rows = rows.filter(~condition.fill_null(False))
    # an incise right after a closing quotation mark attributes the quotation ("« … », ajoute Hassan"), whatever
    # the parser hung it on, unless the writer's words before the quotation belong to the clause ("X est mort
    # « des suites d'une longue maladie », a révélé son avocate")
    after_mark = pl.col("_text").str.slice((pl.col("cue_start") - 40).clip(lower_bound=0),
                                           pl.min_horizontal(pl.col("cue_start"), 40)).str.contains(
        r"[»”\"]\s*,?\s*(?:[^\s,.;:«»]+\s+){0,2}$")
    opened = (marks.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").alias("_q_start"),
                           pl.col("end_char").alias("_q_end")).sort("doc_id", "_q_end"))
    rows = (rows.sort("doc_id", "cue_start")
            .join_asof(opened, left_on="cue_start", right_on="_q_end", by="doc_id", strategy="backward",
                       check_sortedness=False)
            .filter(~((pl.col("kind") == "incise") & after_mark & (pl.col("_q_start") <= pl.col("start_char"))
                      .fill_null(False))))
    rows = rows.with_columns(
        pl.col("_text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")).alias("text"))
    return (rows.filter(pl.col("end_char") > pl.col("start_char"))
            .sort("doc_id", "start_char", "cue_start")
            .select(pl.col("doc_id"), pl.col("sent_id").cast(pl.Int32), "start_char", "end_char", "text", "kind",
                    "cue", "cue_start", "cue_end", "source", "speaker", "rule", "in_quote"))


def exclusion_rules() -> list[tuple[str, pl.Expr]]:
    """Contents found by the rules above that are not reported speech: ``(name, condition)``, tried in this order.

    Conditions read the row (``kind``, ``in_quote``) and its cue's form, features, relation, subjects and governing
    verb with its subjects (``_cue_form``, ``_cue_feats``, ``_cue_deprel``, ``_subjects``, ``_above``,
    ``_above_subjects``). The
    writer's own voice reports no one
    (annotation guide §4: "verbs … used as the writer's own assertion"): outside quotation marks, a verb of
    opinion or saying with a first- or second-person subject in the present or future ("je pense que", "vous
    observerez que", "en espérant que"; "je croyais que", a past self, stays), and "on peut dire que", a
    possibility of saying offered by the writer.
    """
    feats = pl.col("_cue_feats").fill_null("")
    writer = ~pl.col("in_quote") & (pl.col("kind") != "according_to")
    # (an imperfect the tagger took for a present: "je pensais que")
    form = pl.col("_cue_form")
    imperfect = (form.str.contains("(?:" + "|".join(reported_cues("imperfect_ending")) + ")$")
                 & ~form.str.contains("(?:" + "|".join(reported_cues("conditional_ending")) + ")$"))
    present = (feats.str.contains("Tense=(?:Pres|Fut)") & ~imperfect) | feats.str.contains("VerbForm=Inf")
    controlled = pl.col("_cue_deprel").is_in(["xcomp", "advcl"]) & ~feats.str.contains("VerbForm=Fin")

    def subject_in(kinds: list[str]) -> pl.Expr:
        """A subject of the cue (or of the verb controlling it) among the words of ``kinds``: "je", or "nous"
        when it is the only subject (a clitic object the parser took for a subject: "l'exposition nous apprend")."""
        words = [w for kind in kinds for w in reported_cues(kind)]
        clitic = reported_cues("object_clitic")

        def found(column: str) -> pl.Expr:
            subjects = pl.col(column)
            return ((subjects.list.eval(pl.element().is_in(words) & ~pl.element().is_in(clitic)).list.any()
                     | ((subjects.list.len() == 1) & subjects.list.first().is_in(words))).fill_null(False))

        return found("_subjects") | (controlled & found("_above_subjects"))

    return [
        ("writer's present opinion", writer & subject_in(["writer_subject"]) & present),
        ("writer's possibility of saying", writer & (pl.col("_cue_deprel") == "xcomp")
         & pl.col("_above").is_in(reported_cues("writer_modal")) & subject_in(["writer_subject", "generic_subject"])),
    ]


def empty() -> pl.DataFrame:
    """The result with no row."""
    return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "start_char": pl.Int64,
                                "end_char": pl.Int64, "text": pl.String, "kind": pl.String, "cue": pl.String,
                                "cue_start": pl.Int64, "cue_end": pl.Int64, "source": pl.String,
                                "speaker": pl.String, "rule": pl.String, "in_quote": pl.Boolean})


__all__ = ["COLUMNS", "empty", "exclusion_rules", "reported"]

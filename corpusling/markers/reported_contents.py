"""Where reported speech is found: the cues (verbs of saying, "selon X", incises) and the contents they open.

Each function returns candidate rows (``doc_id, sent_id, cue_word, head`` and a named ``rule``) that
:func:`corpusling.markers.reported.reported` turns into content spans: the ``indirect`` contents of a reporting
verb read in the tree (:func:`tree_contents`) or in the word order where the parser hung the clause elsewhere
(:func:`text_contents`, which also reads an estimate, "estime à 75 000 le nombre de…"), filtered by what each
verb admits (:func:`admissible`); the ``according_to`` clauses of the hedge analysis's source markers
(:func:`according_to`). The incises are those of :mod:`corpusling.markers.reported_incises`; the writer's own
voice (an imperative, "Rappelons que…") is :func:`writers_own`.
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from corpusling.markers.reported_tree import (
    INFINITIVE,
    WORD,
    attach,
    children,
    content_verbs,
    having,
    in_word_order,
    ordered_within,
    reported_cues,
)

#: Relations of a content clause to its reporting verb ("advcl" when the parser takes a que-clause for one).
CONTENT_RELATIONS = ("ccomp", "xcomp", "csubj", "csubj:pass", "advcl")


#: Most words between a reporting verb and a complementizer read in the word order (:func:`text_contents`).
TEXT_GAP = 12


#: Complements of a reporting verb, by the word that opens them (``inf``: an infinitive with no mark).
_COMPLEMENT = {"que": "que", "qu'": "que", "qu’": "que", "si": "si", "s'": "si", "s’": "si", "de": "de",
               "d'": "de", "d’": "de", "à": "à"}


@cache
def _locution_first_forms() -> pl.DataFrame:
    """``_form, _fl``: the forms of the first verbs of the locutions of ``content_verbs.tsv`` ("faire savoir",
    "laisser entendre") and their lemma; read once, the file being bundled."""
    from corpusling.markers.attribution import reporting_verb_forms

    firsts = (content_verbs().filter(pl.col("lemma").str.contains(" "))
              .select(pl.col("lemma").str.split(" ").list.first())["lemma"].unique())
    return (reporting_verb_forms(pl.DataFrame({"lemma": firsts, "type": "content", "use": "any"}))
            .unique("form", keep="first").select(pl.col("form").alias("_form"), pl.col("lemma").alias("_fl")))


def cue_words(words: pl.DataFrame, *lexicons: pl.DataFrame) -> list[pl.DataFrame]:
    """The verbs that may open reported speech, one table per reporting-verb lexicon of ``lexicons`` (the words
    they share read once): ``doc_id, sent_id, word_id, start_char, lemma, _type, _complements, _object,
    _cue_start``.

    A verb of the reporting-verb lexicon (any complement, "à + infinitive" only for requests), a verb of
    ``content_verbs.tsv`` (its complements only), the second verb of a locution of that file ("fait
    *savoir* que"; ``_cue_start`` at its first verb) or the noun its first verb governs ("ont *peur* que", "a
    exprimé le *vœu* de"), and a verb the tagger gave a wrong lemma whose form is
    one of a lexicon verb ("craignent" → *craigner*, "reconnait" → *reconner*: the forms of
    :func:`~corpusling.markers.attribution.reporting_verb_forms`).
    """
    from corpusling.markers.attribution import reporting_verb_forms

    content = content_verbs()
    single = content.filter(~pl.col("lemma").str.contains(" "))
    # (and the participle of a reflexive verb of saying the tagger took for an adjective: "se sont dits prêts à")
    adjectival = words.filter((pl.col("upos") == "ADJ") & pl.col("lemma").is_in(reported_cues("reflexive_attribute")))
    reflexive = (words.filter(pl.col("upos") == "PRON")
                 .join(adjectival.select("doc_id", "sent_id", pl.col("word_id").alias("head")),
                       on=["doc_id", "sent_id", "head"], how="semi")
                 .filter(pl.col("feats").fill_null("").str.contains("Reflex=Yes"))
                 .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    adjectival = adjectival.join(reflexive, on=WORD, how="semi")
    verbs_only = words.filter(pl.col("upos").is_in(["VERB", "AUX"]))
    verbal_words = (pl.concat([verbs_only, adjectival])
                    .with_columns(pl.col("lower_form").alias("_form")))
    # locutions: "faire savoir", "laisser entendre": the second verb right after the first
    locutions = content.filter(pl.col("lemma").str.contains(" ")).with_columns(
        pl.col("lemma").str.split(" ").list.first().alias("_first"),
        pl.col("lemma").str.split(" ").list.last().alias("_second"))
    # (the first verb known by its form where the tagger gave it a wrong lemma: "laissent" → *lair*)
    firsts = locutions["_first"].unique()
    first_forms = _locution_first_forms()
    before_second = (verbs_only.filter(pl.col("lemma").is_in(locutions["_second"].unique().implode()))
                     .select("doc_id", "sent_id", (pl.col("word_id") - 1).alias("word_id")))
    # (only a word that can be a locution's first verb, by its lemma or its form, is looked at)
    previous = (words.filter(pl.col("lemma").is_in(firsts.implode())
                             | pl.col("lower_form").is_in(first_forms["_form"].implode()))
                .join(before_second, on=WORD, how="semi")
                .with_columns(pl.col("lower_form").alias("_form"))
                .join(first_forms, on="_form", how="left")
                .select("doc_id", "sent_id", (pl.col("word_id") + 1).alias("word_id"),
                        pl.when(pl.col("lemma").is_in(firsts.implode())).then(pl.col("lemma"))
                        .otherwise(pl.coalesce("_fl", "lemma")).alias("_first"),
                        pl.col("start_char").alias("_cue_start")))
    second = (verbs_only.join(previous, on=WORD)
              .join(locutions.rename({"lemma": "_locution"}), left_on=["_first", "lemma"],
                    right_on=["_first", "_second"])
              .with_columns(pl.col("_locution").alias("lemma")))
    # ... or a noun the first verb governs ("ont peur que", "a exprimé le vœu de", "en viennent à la conclusion
    # que"): the noun is the cue, its span from the verb
    # (only the nouns and verbs of a locution are joined: "peur" under "avoir")
    governing = (words.filter(pl.col("lemma").is_in(firsts.implode()))
                 .select("doc_id", "sent_id", pl.col("word_id").alias("head"), pl.col("lemma").alias("_first"),
                         pl.col("start_char").alias("_cue_start")))
    noun = (words.filter((pl.col("upos") == "NOUN") & pl.col("lemma").is_in(locutions["_second"].unique().implode()))
            .join(governing, on=["doc_id", "sent_id", "head"])
            .join(locutions.rename({"lemma": "_locution"}), left_on=["_first", "lemma"],
                  right_on=["_first", "_second"])
            .with_columns(pl.col("_locution").alias("lemma")))
    second = pl.concat([second, noun], how="diagonal_relaxed").select(*words.columns, "_cue_start", "_complements",
                                                                      "_object").with_columns(
        pl.lit("content").alias("_type"))
    tables = []
    for lexicon in lexicons:
        verbs = lexicon.filter(pl.col("type") != "preposition").select("lemma", pl.col("type").alias("_type"))
        known = pl.concat([verbs.select("lemma"), single.select("lemma")])["lemma"].to_list()
        forms = reporting_verb_forms(pl.concat([verbs.select("lemma", pl.col("_type").alias("type")),
                                                single.select("lemma", pl.lit("content").alias("type"))])
                                     .with_columns(pl.lit("any").alias("use")))
        by_form = forms.unique("form", keep="first").select(pl.col("form").alias("_form"),
                                                            pl.col("lemma").alias("_fl"))
        verbal = (verbal_words.join(by_form, on="_form", how="left")
                  .with_columns(pl.when(pl.col("lemma").is_in(known)).then(pl.col("lemma"))
                                .otherwise(pl.col("_fl")).alias("lemma")))
        found = pl.concat([
            verbal.join(verbs, on="lemma").with_columns(pl.lit(None, pl.List(pl.String)).alias("_complements"),
                                                        pl.lit(None, pl.Boolean).alias("_object")),
            verbal.join(single, on="lemma").with_columns(pl.lit("content").alias("_type")),
            second,
        ], how="diagonal_relaxed")
        tables.append(found.with_columns(pl.coalesce("_cue_start", "start_char").alias("_cue_start"))
                      .unique(WORD, keep="first", maintain_order=True)
                      .select(*words.columns, "_type", "_complements", "_object", "_cue_start"))
    return tables


def writers_own(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """The cues in the writer's own voice, which report no one: an imperative with no subject ("Rappelons
    que…", "Notez que…"), an infinitive with no verb above it ("À noter que…"), under an adjective ("il est
    bon de rappeler que…") or opened by *à* and complement of no verb ("Mais à souligner que…"), a gerund
    with no main clause ("En espérant que…"). ``doc_id, sent_id, word_id``."""
    with_subject = words.filter(pl.col("deprel").str.starts_with("nsubj")).select(
        "doc_id", "sent_id", pl.col("head").alias("word_id")).unique()
    subjectless = cues.join(with_subject, on=WORD, how="anti")
    # (the words of these cues' sentences, the only ones read below)
    words = having(words, subjectless, ["doc_id", "sent_id"])
    above = words.select("doc_id", "sent_id", pl.col("word_id").alias("head"), pl.col("upos").alias("_up_upos"))
    marks = (words.filter(pl.col("deprel") == "mark")
             .select("doc_id", "sent_id", pl.col("head").alias("word_id"),
                     pl.col("lower_form").alias("_mark"))
             .unique(WORD, keep="first"))
    endings = "(?:" + "|".join(reported_cues("imperative_ending")) + ")$"
    finite = ~pl.col("verbform").fill_null("").is_in(["Inf", "Part", "Ger"])
    # (the root, or the first word of its sentence but conjunctions and adverbs, which the parser may hang on the
    # clause after it: "Rappelons que seulement 12 % …, le nombre … est donc plus élevé")
    opening = (words.filter(~pl.col("upos").is_in(["PUNCT", "CCONJ", "ADV"])).group_by("doc_id", "sent_id")
               .agg(pl.col("word_id").min().alias("_first_word")))
    imperative = (finite & ((pl.col("deprel") == "root") | (pl.col("word_id") == pl.col("_first_word")))
                  & pl.col("lower_form").str.contains(endings)
                  & ~pl.col("feats").fill_null("").str.contains("Person=3"))
    infinitive = (pl.col("verbform") == "Inf") & ((pl.col("deprel") == "root") | (pl.col("_up_upos") == "ADJ")
                                                  | ((pl.col("_mark") == "à")
                                                     & ~pl.col("deprel").is_in(["xcomp", "ccomp", "obl:arg"])))
    gerund = (pl.col("deprel") == "root") & (pl.col("_mark") == "en")
    return (attach(subjectless, above, on=["doc_id", "sent_id", "head"])
            .join(marks, on=WORD, how="left").join(opening, on=["doc_id", "sent_id"], how="left")
            .filter(imperative | infinitive | gerund).select(WORD))


def tree_contents(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """Contents of reporting verbs found in the tree: ``doc_id, sent_id, cue_word, head`` (the content clause's
    head), ``rule``, ``_opener`` (the complementizer, or the infinitive when there is none) and ``_complement``
    (``que``, ``si``, ``de``, ``à``, ``inf``)."""
    clauses = children(words, cues.select(*WORD, "start_char"), CONTENT_RELATIONS, "c").rename(
        {"word_id": "cue_word"})
    # the first mark of each clause ("que", "si", "de"; "pour" of a purpose clause)
    marks = (children(words, clauses.select("doc_id", "sent_id", pl.col("c_word_id").alias("word_id")),
                       ("mark",), "m")
             .sort("m_start_char").group_by("doc_id", "sent_id", "word_id")
             .agg(pl.col("m_form").first().str.to_lowercase(), pl.col("m_word_id").first()))
    clauses = clauses.join(marks, left_on=["doc_id", "sent_id", "c_word_id"], right_on=WORD, how="left")
    # a compound infinitive ("affirme avoir respecté"): the participle with an infinitive auxiliary
    compound = (children(words, clauses.select("doc_id", "sent_id", pl.col("c_word_id").alias("word_id")),
                          ("aux", "aux:tense", "aux:pass"), "x")
                .filter(pl.col("x_verbform") == "Inf").select(pl.col("word_id").alias("c_word_id"), "doc_id",
                                                              "sent_id").unique()
                .with_columns(pl.lit(True).alias("_compound_inf")))
    clauses = (clauses.join(compound, on=["doc_id", "sent_id", "c_word_id"], how="left")
               # (whether the clause's head is an infinitive, read on the clauses' heads only)
               .join(words.select("doc_id", "sent_id", pl.col("word_id").alias("c_word_id"), "verbform", "upos",
                                  "lower_form", "lemma"), on=["doc_id", "sent_id", "c_word_id"])
               .with_columns(INFINITIVE.alias("_c_inf")).drop("verbform", "upos", "lower_form", "lemma")
               .join(cues.select(*WORD, pl.col("_type").alias("_cue_type"), pl.col("lemma").alias("_cue_lemma"),
                                 pl.col("_object").alias("_cue_object")),
                     left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD))
    # a noun object between the verb and an infinitive governs it ("a affirmé l'obligation de faire"), unless
    # the verb takes an object before its content ("accuse X d'avoir", "invite X à")
    nouns = (children(words, cues.select(*WORD), ("obj",), "o")
             .filter(pl.col("o_upos").is_in(["NOUN", "PROPN"])
                     & ~pl.col("o_lemma").str.to_lowercase().is_in(reported_cues("time_noun")))
             .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("o_start_char").alias("_obj_at")))
    object_between = (clauses.select("doc_id", "sent_id", "cue_word", "c_word_id", "start_char", "c_start_char")
                      .join(nouns, on=["doc_id", "sent_id", "cue_word"])
                      .filter(pl.col("_obj_at").is_between(pl.col("start_char"), pl.col("c_start_char")))
                      .select("doc_id", "sent_id", "cue_word", "c_word_id").unique()
                      .with_columns(pl.lit(True).alias("_object_between")))
    clauses = (clauses.join(object_between, on=["doc_id", "sent_id", "cue_word", "c_word_id"], how="left")
               .with_columns((pl.col("_object_between").fill_null(False) & ~pl.col("_cue_object").fill_null(False)
                              & ~pl.col("_cue_lemma").is_in(reported_cues("object_type"))
                              & ~pl.col("_cue_type").is_in(reported_cues("request_type"))).alias("_noun_governs")))
    finite_que = pl.col("m_form").is_in(reported_cues("finite_que"))
    question = pl.col("m_form").is_in(reported_cues("question"))
    infinitive = ((pl.col("_c_inf") | pl.col("_compound_inf").fill_null(False))
                  & (pl.col("c_deprel") != "advcl")
                  & (pl.col("m_form").is_null() | pl.col("m_form").is_in(reported_cues("infinitive_mark")))
                  & (pl.col("c_start_char") > pl.col("start_char")) & ~pl.col("_noun_governs"))
    rule = (pl.when(finite_que).then(pl.lit("que-clause"))
            .when(question & ((pl.col("c_deprel") != "advcl") | (pl.col("_cue_type") == "question")))
            .then(pl.lit("interrogative clause"))
            .when(infinitive).then(pl.lit("infinitive clause")))
    found = clauses.with_columns(rule.alias("rule")).filter(pl.col("rule").is_not_null())
    first = found.select("doc_id", "sent_id", "cue_word", pl.col("c_word_id").alias("head"), "rule",
                         pl.coalesce("m_word_id", "c_word_id").alias("_opener"),
                         pl.col("m_form").replace_strict(_COMPLEMENT, default="inf").alias("_complement"))
    # a que-clause the parser hung elsewhere, right after a reporting verb ("elle dévoile que …")
    que = pl.col("lower_form").is_in(reported_cues("finite_que"))
    after = (words.filter(pl.col("deprel").eq("mark") & que)
             .select("doc_id", "sent_id", pl.col("word_id").alias("_opener"), pl.col("head").alias("head"))
             .join(cues.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word")), on=["doc_id", "sent_id"])
             .filter(pl.col("_opener") == pl.col("cue_word") + 1)
             .join(first, on=["doc_id", "sent_id", "head"], how="anti")
             .join(words.select(*WORD, pl.col("head").alias("_up")), left_on=["doc_id", "sent_id", "head"],
                   right_on=WORD)
             .filter(pl.col("_up") != pl.col("cue_word")))
    # (a "que" hung on the verb that governs the cue, "Estimant que la décision était injuste, le syndicat a
    # appelé…": the clause is the first one after it that the parser hung on that verb too, not that verb)
    governing = words.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("head").alias("_cue_up"))
    after = after.join(governing, on=["doc_id", "sent_id", "cue_word"])
    sibling = (after.filter(pl.col("head") == pl.col("_cue_up"))
               .select("doc_id", "sent_id", "cue_word", "_opener", "_cue_up")
               .join(words.filter(pl.col("deprel").is_in(CONTENT_RELATIONS + ("conj", "parataxis")))
                     .select("doc_id", "sent_id", pl.col("head").alias("_cue_up"), pl.col("word_id").alias("_clause")),
                     on=["doc_id", "sent_id", "_cue_up"])
               .filter(pl.col("_clause") > pl.col("_opener")).sort("_clause")
               .unique(["doc_id", "sent_id", "cue_word"], keep="first"))
    after = (after.join(sibling.select("doc_id", "sent_id", "cue_word", "_clause"),
                        on=["doc_id", "sent_id", "cue_word"], how="left")
             .filter((pl.col("head") != pl.col("_cue_up")) | pl.col("_clause").is_not_null())
             .with_columns(pl.coalesce("_clause", "head").alias("head"))
             .select("doc_id", "sent_id", "cue_word", "head",
                     pl.lit("que-clause right after the verb (attached elsewhere by the parser)").alias("rule"),
                     "_opener", pl.lit("que").alias("_complement")))
    # "s'est dit satisfait de…", "se déclare favorable à…": a reflexive verb of saying and its attribute
    reflexive = (words.filter(pl.col("feats").fill_null("").str.contains("Reflex=Yes"))
                 .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    attribute = (children(words, cues.filter(pl.col("lemma").is_in(reported_cues("reflexive_attribute")))
                           .join(reflexive, on=WORD, how="semi").select(*WORD), ("xcomp",), "c")
                 .filter((pl.col("c_upos") == "ADJ") | (pl.col("c_verbform") == "Part")
                         | pl.col("c_upos").is_in(["VERB", "NOUN"]) & pl.col("c_verbform").is_null())
                 .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("c_word_id").alias("head"),
                         pl.lit("attribute of a reflexive verb of saying").alias("rule"),
                         pl.col("c_word_id").alias("_opener"), pl.lit("attribute").alias("_complement"),
                         pl.col("c_start_char").alias("_range_start")))
    # (the attribute's clause runs on to the next punctuation, whatever the parser hung its complements on: "s'est
    # dit prêt à démissionner", "se disent inquiets pour l'avenir du site")
    stops = ordered_within(words.filter(pl.col("upos") == "PUNCT")
                           .select("doc_id", "sent_id", pl.col("start_char").alias("_range_end")),
                           ["doc_id", "sent_id"], "_range_end")
    attribute = (attribute.sort("doc_id", "sent_id", "_range_start")
                 .join_asof(stops, left_on="_range_start", right_on="_range_end", by=["doc_id", "sent_id"],
                            strategy="forward", check_sortedness=False))
    first = pl.concat([first, after, attribute], how="diagonal_relaxed")
    # "… a déclaré que A et que B", "demande à être baptisée et à devenir…": B is a content of its own
    opening = reported_cues("finite_que") + reported_cues("question") + reported_cues("infinitive_mark")
    more = (children(words, first.select("doc_id", "sent_id", pl.col("head").alias("word_id"), "cue_word", "rule",
                                          "_complement"), ("conj",), "k")
            .join(words.filter((pl.col("deprel") == "mark") & pl.col("lower_form").is_in(opening))
                  .select("doc_id", "sent_id", pl.col("head").alias("k_word_id"), pl.col("word_id").alias("_opener")),
                  on=["doc_id", "sent_id", "k_word_id"])
            .select("doc_id", "sent_id", "cue_word", pl.col("k_word_id").alias("head"),
                    (pl.col("rule") + " (coordinated)").alias("rule"), "_opener", "_complement"))
    # (the parser may hang B on the verb itself: a conjunct of the verb opened by the same complementizer and with
    # no subject of its own)
    with_subject = words.filter(pl.col("deprel").str.starts_with("nsubj")).select(
        "doc_id", "sent_id", pl.col("head").alias("k_word_id")).unique()
    on_verb = (children(words, first.select("doc_id", "sent_id", pl.col("cue_word").alias("word_id"), "rule",
                                            "_complement", "head"), ("conj",), "k")
               .filter(pl.col("k_word_id") > pl.col("head"))
               .join(with_subject, on=["doc_id", "sent_id", "k_word_id"], how="anti")
               .join(words.filter(pl.col("deprel") == "mark")
                     .select("doc_id", "sent_id", pl.col("head").alias("k_word_id"), pl.col("word_id").alias("_opener"),
                             pl.col("lower_form").replace_strict(_COMPLEMENT, default=None)
                             .alias("_family")),
                     on=["doc_id", "sent_id", "k_word_id"])
               .filter(pl.col("_family") == pl.col("_complement"))
               .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("k_word_id").alias("head"),
                       (pl.col("rule") + " (coordinated)").alias("rule"), "_opener", "_complement"))
    more = pl.concat([more, on_verb]).unique(["doc_id", "sent_id", "cue_word", "head"], keep="first")
    return pl.concat([first, more], how="diagonal_relaxed").with_columns(pl.lit("indirect").alias("kind"),
                                                 pl.lit(None, pl.Int64).alias("head2"))


def text_contents(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """Contents read in the word order where the tree gives none (the parser having hung the clause
    elsewhere: "que" as a preposition of the next noun, "de s'en prendre" as an adverbial): the first
    complementizer after the verb (que, si, pourquoi…, de or à + infinitive, or an infinitive) with nothing
    between them but adverbs, pronouns, commas, prepositional phrases and, for a verb that takes one, an
    object ("accusent le Front Nusrat, un groupe…, d'être"); at most :data:`TEXT_GAP` words. The content runs
    to the next semicolon or colon or to the end of the sentence, and a coordinated "et que…" is a content of
    its own. Rows as :func:`tree_contents`'s, with ``_range_start, _range_end`` (characters)."""
    # (the words that follow each cue, at most TEXT_GAP + 1 of them: their numbers, then those words)
    window = (cues.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"),
                          pl.col("_type").alias("_cue_type"), pl.col("lemma").alias("_cue_lemma"), "_object")
              .with_columns(pl.int_ranges(pl.col("cue_word") + 1, pl.col("cue_word") + TEXT_GAP + 2).alias("word_id"))
              .explode("word_id"))
    # (each with the words around it, read once in the word order of its sentence: the next three and the one before)
    sentence = ["doc_id", "sent_id"]
    # (each sentence's words in consecutive rows, in their order, sorted only if they are not: a word k rows away in
    # the same sentence is read by a shift, not by a window per sentence; two rows are in the same sentence when they
    # are in the same run of one sentence's rows, ``_run``, numbered once)
    def near(k: int) -> pl.Expr:
        return pl.when(pl.col("_run").shift(-k) == pl.col("_run")).then(pl.col("lower_form").shift(-k))

    around = having(words.select(*WORD, "form", "upos", "feats", "start_char", pl.col("deprel").alias("_rel"),
                                 "verbform", "lemma", "lower_form"), cues, sentence)
    if not in_word_order(around):
        around = around.sort(*sentence, "word_id")
    around = (around.with_columns(((pl.col("doc_id") != pl.col("doc_id").shift())
                                   | (pl.col("sent_id") != pl.col("sent_id").shift())).fill_null(True).cum_sum()
                                  .alias("_run"))
              .with_columns(near(1).alias("_next"), near(2).alias("_after_next"), near(3).alias("_third"),
                            near(-1).alias("_prev"))
              .drop("_run"))
    following = (window.join(around, on=WORD)
                 .with_columns(INFINITIVE.alias("_inf"), pl.col("lower_form").alias("_lower"))
                 .select("doc_id", "sent_id", "cue_word", "_cue_type", "_cue_lemma", "_object", "word_id", "form",
                         "upos", "feats", "start_char", "_rel", "_inf", "_lower", "_next", "_after_next", "_third",
                         "_prev"))
    # the word after a "de" or "à", clitics and negation aside: an infinitive makes it a content
    prepositions = following.filter(pl.col("_lower").is_in(["de", "d'", "d’", "à"]))
    # (of the sentences of these prepositions only)
    clitic = having(words, prepositions, ["doc_id", "sent_id"]).filter(
        ~pl.col("lower_form").is_in(reported_cues("infinitive_clitic")))
    # (the first of them after the preposition: an as-of join on the word's number)
    next_verb = (prepositions.select("doc_id", "sent_id", "cue_word", pl.col("word_id").alias("_k"))
                 .sort("doc_id", "sent_id", "_k")
                 .join_asof(ordered_within(clitic.select("doc_id", "sent_id", pl.col("word_id").alias("_v"),
                                                         INFINITIVE.alias("_then_inf")), ["doc_id", "sent_id"], "_v"),
                            left_on="_k", right_on="_v", by=["doc_id", "sent_id"], strategy="forward",
                            allow_exact_matches=False, check_sortedness=False)
                 .filter(pl.col("_v").is_not_null())
                 .select("doc_id", "sent_id", "cue_word", pl.col("_k").alias("word_id"), "_then_inf"))
    # "à ce que", "de ce que": a finite content after the preposition ("a appelé à ce que les rebelles soient…")
    following = (following.join(next_verb, on=["doc_id", "sent_id", "cue_word", "word_id"], how="left")
                 .with_columns(((pl.col("_next") == "ce") & pl.col("_after_next").is_in(reported_cues("finite_que")))
                               .fill_null(False).alias("_then_ce_que"),
                               # "estime à 75 000 le nombre", "à plus de 300", "à près de 2 000"
                               pl.any_horizontal(pl.col("_next", "_after_next", "_third").str.contains(r"^\d"))
                               .fill_null(False).alias("_then_number"))
                 .drop("_after_next", "_third"))
    lower = pl.col("_lower")
    # (a "que" tagged a conjunction and marking a clause is one, whatever its features say: the tagger may give it
    # PronType=Rel; not after a demonstrative: "dire ce qu'elle ressent" is a relative)
    relative = (pl.col("feats").fill_null("").str.contains("PronType=Rel")
                & ~((pl.col("upos") == "SCONJ") & (pl.col("_rel") == "mark")
                    & ~pl.col("_prev").is_in(reported_cues("demonstrative_pronoun")).fill_null(False)))
    opener = (pl.when(lower.is_in(reported_cues("finite_que")) & ~relative & (pl.col("upos") != "PRON"))
              .then(pl.lit("que"))
              .when(lower.is_in(reported_cues("question")) & (pl.col("upos") == "SCONJ")).then(pl.lit("si"))
              .when(lower.is_in(reported_cues("wh_word"))).then(pl.lit("wh"))
              # "s'interroge sur ce qui…": a relative without antecedent after "sur" asks a question (the guide's §4)
              .when((lower == "ce") & (pl.col("_prev") == "sur") & (pl.col("_cue_type") == "question")
                    & pl.col("_next").is_in(reported_cues("free_relative"))).then(pl.lit("sur ce"))
              .when(lower.is_in(["de", "d'", "d’"]) & (pl.col("_then_inf").fill_null(False) | pl.col("_then_ce_que")))
              .then(pl.lit("de"))
              .when((lower == "à") & pl.col("_then_number")
                    & pl.col("_cue_lemma").is_in(reported_cues("estimate_verb"))).then(pl.lit("estimate"))
              .when((lower == "à") & (pl.col("_then_inf").fill_null(False) | pl.col("_then_ce_que"))).then(pl.lit("à"))
              .when(pl.col("_inf")).then(pl.lit("inf")))
    following = following.with_columns(opener.alias("_complement"))
    firsts = (following.filter(pl.col("_complement").is_not_null()).sort("word_id")
              .group_by("doc_id", "sent_id", "cue_word").first()
              .select("doc_id", "sent_id", "cue_word", pl.col("word_id").alias("_opener"), "_complement",
                      pl.col("start_char").alias("_range_start"), "_cue_type", "_cue_lemma", "_object"))
    # (the words of these complementizers' sentences, the only ones read below)
    words = having(words, firsts, ["doc_id", "sent_id"])
    # (an estimate is the active verb's object and its figure: "son coût est chiffré à 21 milliards" is no content,
    # nor is the participle of a noun, a passive too: "voit sa population estimée à 15 millions d'habitants"; nor
    # is a figure computed from others, which speaks for no one: "la moyenne du site estime à 2,3 points l'écart")
    passive = pl.concat([
        words.filter(pl.col("deprel") == "aux:pass").select("doc_id", "sent_id", pl.col("head").alias("cue_word")),
        words.filter((pl.col("deprel") == "acl") & pl.col("feats").fill_null("").str.contains("VerbForm=Part"))
        .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"))])
    computed = (words.filter(pl.col("deprel").str.starts_with("nsubj")
                             & pl.col("lemma").is_in(reported_cues("figure_noun")))
                .select("doc_id", "sent_id", pl.col("head").alias("cue_word")))
    firsts = pl.concat([firsts.filter(pl.col("_complement") != "estimate"),
                        firsts.filter(pl.col("_complement") == "estimate")
                        .join(pl.concat([passive, computed]), on=["doc_id", "sent_id", "cue_word"], how="anti")])
    # what stands between the verb and its complementizer
    has_case = words.filter(pl.col("deprel") == "case").select("doc_id", "sent_id",
                                                                pl.col("head").alias("word_id")).unique()
    # (the rest of a name in a prepositional phrase is in it too: "a déclaré sur BFM TV que")
    has_case = pl.concat([has_case, words.filter(pl.col("deprel").str.starts_with("flat"))
                          .join(has_case.rename({"word_id": "head"}), on=["doc_id", "sent_id", "head"], how="semi")
                          .select("doc_id", "sent_id", "word_id")]).unique()
    gap = (following.join(firsts.select("doc_id", "sent_id", "cue_word", "_opener", "_complement",
                                        pl.col("_complement").alias("_c")), on=["doc_id", "sent_id", "cue_word"])
           .filter(pl.col("word_id") < pl.col("_opener"))
           .join(has_case.with_columns(pl.lit(True).alias("_in_pp")), on=["doc_id", "sent_id", "word_id"],
                 how="left"))
    # (a date is no object: "a annoncé lundi que")
    bare_noun = (pl.col("upos").is_in(["NOUN", "PROPN"]) & pl.col("_in_pp").is_null()
                 & ~pl.col("_lower").is_in(reported_cues("time_noun")))
    # (a participle may qualify an object or an apposition: "le Front Nusrat, un groupe lié à Al-Qaïda, d'être")
    participle = pl.col("feats").fill_null("").str.contains("VerbForm=Part")
    blocking = ((pl.col("upos").is_in(["VERB", "AUX"]) & ~participle) | pl.col("upos").is_in(["SCONJ", "CCONJ"])
                | relative | ((pl.col("upos") == "PUNCT") & (pl.col("form") != ","))
                | (pl.col("_c").is_in(["inf", "wh"]) & ~pl.col("upos").is_in(["ADV", "PRON", "PART"])))
    blocked = gap.filter(blocking).select("doc_id", "sent_id", "cue_word").unique()
    objects = gap.filter(bare_noun).select("doc_id", "sent_id", "cue_word").unique()
    # a "que" right after a bare noun is its relative or its complement ("raconter l'histoire qu'ils ont
    # découverte", "l'idée que"), unless the verb takes a person as object ("informe les clients que")
    noun_then_que = (gap.filter(bare_noun & (pl.col("word_id") == pl.col("_opener") - 1) & (pl.col("_c") == "que"))
                     .select("doc_id", "sent_id", "cue_word").unique())
    firsts = (firsts.join(blocked, on=["doc_id", "sent_id", "cue_word"], how="anti")
              .join(noun_then_que.join(firsts.filter(pl.col("_cue_lemma").is_in(reported_cues("object_type")))
                                       .select("doc_id", "sent_id", "cue_word"), on=["doc_id", "sent_id", "cue_word"],
                                       how="anti"),
                    on=["doc_id", "sent_id", "cue_word"], how="anti")
              .with_columns(pl.col("_complement").replace({"wh": "si", "sur ce": "si"})))
    # a verb that takes no object has no noun before its "de"/"à" ("a annoncé la décision de fermer")
    firsts = firsts.join(objects.with_columns(pl.lit(True).alias("_noun_before")),
                         on=["doc_id", "sent_id", "cue_word"], how="left").filter(
        pl.col("_noun_before").is_null() | (pl.col("_complement") == "que") | pl.col("_object").fill_null(False)
        | pl.col("_cue_lemma").is_in(reported_cues("object_type")))
    # a coordinated complementizer of the same kind ("et qu'il était temps…") opens a content of its own
    sentence = words.select("doc_id", "sent_id", "word_id", "start_char", "form", "upos", "lower_form")
    # (the words right after "et" or "ou", the only ones looked at)
    prior = (sentence.filter(pl.col("lower_form").is_in(["et", "ou"]))
             .select("doc_id", "sent_id", (pl.col("word_id") + 1).alias("word_id"),
                     pl.col("lower_form").alias("_prior"), pl.col("start_char").alias("_prior_start")))
    family = pl.col("lower_form").replace_strict(_COMPLEMENT, default=None)
    coordinated = (firsts.select("doc_id", "sent_id", "cue_word", "_opener", "_complement")
                   .join(sentence.join(prior, on=WORD).with_columns(family.alias("_family"))
                         .filter(pl.col("_family").is_not_null()), on=["doc_id", "sent_id"])
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
                          .then(pl.when(pl.col("_complement") == "estimate")
                                .then(pl.lit("estimate read in the word order (estime à N le nombre de…)"))
                                .otherwise(pl.lit("content clause read in the word order")))
                          .otherwise(pl.lit("content clause read in the word order (coordinated)")).alias("rule")))
    return rows.with_columns(pl.lit("indirect").alias("kind"), pl.lit(None, pl.Int64).alias("head2"))


def admissible(rows: pl.DataFrame, words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
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
    # (the words of the rows' sentences, the only ones read below)
    lowered = (words.select("doc_id", "sent_id", "word_id", pl.col("lower_form").alias("_f"))
               .pipe(having, rows, ["doc_id", "sent_id"]))
    # (the word of a conjunction ending an adverb of the verb leaves the "que" a complementizer: "reconnaît tout
    # de même que", not "de même que")
    adverb = "(?:^|\\s)(?:" + "|".join(re.escape(a) for a in reported_cues("adverb_before_que")) + ")$"
    before_opener = (rows.select("doc_id", "sent_id", "cue_word", "_opener")
                     .join(lowered.with_columns((pl.col("word_id") + 1).alias("_opener")).drop("word_id"),
                           on=["doc_id", "sent_id", "_opener"])
                     .filter(pl.col("_f").is_in(reported_cues("que_locution"))))
    three_before = pl.concat_str([pl.col("_f3").fill_null(""), pl.col("_f2").fill_null(""), "_f"], separator=" ")
    def words_before(k: int, name: str) -> pl.DataFrame:
        return lowered.select("doc_id", "sent_id", (pl.col("word_id") + k).alias("_opener"), pl.col("_f").alias(name))

    before_opener = attach(before_opener, words_before(2, "_f2"), on=["doc_id", "sent_id", "_opener"])
    before_opener = (attach(before_opener, words_before(3, "_f3"), on=["doc_id", "sent_id", "_opener"])
                     .filter(~three_before.str.contains(adverb)
                             # ("expliquait alors que": the adverb "alors" of the verb, right after it, then "que")
                             & ~((pl.col("_f") == "alors") & (pl.col("_opener") == pl.col("cue_word") + 2)))
                     .select("doc_id", "sent_id", "cue_word", "_opener"))
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


def according_to(words: pl.DataFrame, hedges: pl.DataFrame) -> pl.DataFrame:
    """Clauses attributed by a source marker of the hedge analysis ("selon X", "d'après X", "pour X,", "de l'avis
    de X"…): ``doc_id, sent_id, cue_word, head, source_word, cue, _marker_end, rule``.

    The source is the noun the marker hangs on (for "de l'avis de X", the person after the noun of opinion); when
    the marker hangs on a verb, the word after it ("Craig Murray, pour qui les États-Unis ont…": the relative
    *qui*, which must leave the clause a subject of its own: "pour qui veut…" is no attribution). The clause is
    the nearest predicate above the source (a verb, a word with a copula, the root), whatever phrase the parser
    hung the marker on ("… en 2009 » selon M. Houdré"). A demonstrative is no source ("Pour cela, …").
    """
    start = pl.col("match").cast(pl.String).str.to_lowercase()
    longest_first = sorted(reported_cues("according_to"), key=len, reverse=True)
    marker = "^(" + "|".join(re.escape(c) for c in longest_first) + ")"
    markers = (hedges.filter(pl.col("category").cast(pl.String) == "source_marker")
               .filter(start.str.contains(marker))
               .select(pl.col("doc_id").cast(pl.String), pl.col("start_char").cast(pl.Int64),
                       pl.col("end_char").cast(pl.Int64).alias("_marker_end"),
                       start.str.extract(marker, 1).str.replace("’", "'").alias("cue")))
    # (one first word per marker: the two words of "aux" = "à les" start at the same character)
    first_word = (markers.join(words.select(*WORD, "start_char", "head", "upos"), on=["doc_id", "start_char"])
                  .sort("word_id").unique(["doc_id", "start_char"], keep="first", maintain_order=True))
    # (the markers' sentences only)
    words = having(words, first_word, ["doc_id", "sent_id"])
    node = words.select("doc_id", "sent_id", "word_id", pl.col("head").alias("_up"), "upos", "lemma", "feats",
                        "deprel", "end_char")
    # the source: the noun the marker word hangs on ("selon", the "d'" of "d'après"), else the word after it
    hung = first_word.join(node.select("doc_id", "sent_id", pl.col("word_id").alias("head"),
                                       pl.col("upos").alias("_head_upos")), on=["doc_id", "sent_id", "head"])
    nominal = ~pl.col("_head_upos").is_in(["VERB", "AUX"])
    # (the word after it: the first one after the marker's own words that is no preposition nor determiner, "D'après
    # lui", "À en croire le ministre", "pour qui")
    after_cue = (hung.select("doc_id", "sent_id", "start_char", (pl.col("start_char") + pl.col("cue").str.len_chars())
                             .alias("_cue_end"))
                 .join(words.filter(~pl.col("upos").is_in(["ADP", "DET", "PUNCT"]))
                       .select("doc_id", "sent_id", pl.col("word_id").alias("_next_word"),
                               pl.col("start_char").alias("_next_start")), on=["doc_id", "sent_id"])
                 .filter(pl.col("_next_start") >= pl.col("_cue_end")).sort("_next_start")
                 .unique(["doc_id", "start_char"], keep="first").select("doc_id", "start_char", "_next_word"))
    hung = (hung.join(after_cue, on=["doc_id", "start_char"], how="left")
            .with_columns(pl.when(nominal).then(pl.col("head")).otherwise(pl.col("_next_word")).alias("source_word")))
    # "de l'avis de X", "de l'opinion de X": the person after the noun of opinion
    of_whom = (words.filter(pl.col("deprel").is_in(["nmod", "obl", "obl:arg"])
                            & pl.col("upos").is_in(["NOUN", "PROPN"]))
               .select("doc_id", "sent_id", pl.col("head").alias("source_word"), pl.col("word_id").alias("_person"))
               .unique(["doc_id", "sent_id", "source_word"], keep="first"))
    hung = (hung.join(node.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                                  pl.col("lemma").alias("_source_lemma"), pl.col("upos").alias("_source_upos"),
                                  pl.col("feats").fill_null("").alias("_source_feats"),
                                  pl.col("end_char").alias("_source_end")),
                      on=["doc_id", "sent_id", "source_word"])
            .join(of_whom, on=["doc_id", "sent_id", "source_word"], how="left")
            .with_columns(pl.when(pl.col("_source_lemma").is_in(reported_cues("attribution_noun")))
                          .then(pl.coalesce("_person", "source_word")).otherwise(pl.col("source_word"))
                          .alias("source_word"))
            .filter(pl.col("_source_upos").is_in(["NOUN", "PROPN", "PRON", "NUM", "X"])
                    & ~pl.col("_source_lemma").is_in(reported_cues("demonstrative_pronoun"))))
    relative = pl.col("_source_feats").str.contains("PronType=Rel")
    # (for a relative, the cue ends with it: the hedge's match may run on)
    hung = hung.with_columns(pl.when(relative).then(pl.col("_source_end")).otherwise(pl.col("_marker_end"))
                             .alias("_marker_end"))
    # the clause: the nearest finite predicate at or above the source's head (a finite verb, a verb with an
    # auxiliary, a word with a copula, the root)
    copula = (words.filter(pl.col("deprel").str.starts_with("aux") | (pl.col("deprel") == "cop"))
              .select("doc_id", "sent_id", pl.col("head").alias("_at")).unique())
    predicate = (node.rename({"word_id": "_at"}).join(copula.with_columns(pl.lit(True).alias("_cop")),
                                                      on=["doc_id", "sent_id", "_at"], how="left")
                 .select("doc_id", "sent_id", "_at", "_up",
                         (pl.col("upos").is_in(["VERB", "AUX"]) & pl.col("feats").fill_null("").str.contains("Fin")
                          | pl.col("_cop").fill_null(False) | (pl.col("deprel") == "root")).alias("_predicate")))
    climbing = (hung.join(node.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                                      pl.col("_up").alias("_at")), on=["doc_id", "sent_id", "source_word"])
                .join(predicate, on=["doc_id", "sent_id", "_at"]))
    for _ in range(12):
        if climbing.select((pl.col("_predicate") | (pl.col("_up") == 0)).all()).item():
            break
        climbing = climbing.with_columns(
            pl.when(pl.col("_predicate") | (pl.col("_up") == 0)).then(pl.col("_at")).otherwise(pl.col("_up"))
            .alias("_at")).drop("_up", "_predicate").join(predicate, on=["doc_id", "sent_id", "_at"])
    found = climbing.filter(pl.col("_at") > 0)
    # "pour qui" attributes only a clause with a subject of its own
    subjects = (words.filter(pl.col("deprel").str.starts_with("nsubj") & ~pl.col("feats").fill_null("")
                             .str.contains("PronType=Rel"))
                .select("doc_id", "sent_id", pl.col("head").alias("_at")).unique())
    found = found.join(subjects.with_columns(pl.lit(True).alias("_own_subject")), on=["doc_id", "sent_id", "_at"],
                       how="left").filter(~relative | pl.col("_own_subject").fill_null(False))
    return found.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("_at").alias("head"),
                        "source_word", "cue", "_marker_end",
                        pl.when(relative).then(pl.lit("source marker of the hedge analysis (a relative)"))
                        .otherwise(pl.lit("source marker of the hedge analysis")).alias("rule"),
                        pl.lit("according_to").alias("kind"), pl.lit(None, pl.Int64).alias("head2"))

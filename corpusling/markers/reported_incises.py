"""Incises: a verb of saying inserted in or after the clause it attributes, with its subject after it.

"Le bilan est de dix morts, a indiqué la police"; "qui abrite, dit le Pentagone, environ 5 000 militaires";
"…, a-t-il précisé" (Riegel, Pellat & Rioul 2018, ch. XXIII, on the incise and its inverted subject). They are
found in the tree (:func:`incises`) and, for an inverted clitic the tagger may miss, in the text
(:func:`clitic_incises`). Each function returns candidate rows as those of
:mod:`corpusling.markers.reported_contents`.
"""

from __future__ import annotations

import re

import polars as pl

from corpusling.lexicons import load_hedge_context
from corpusling.markers.hedge_words import speaking_nouns
from corpusling.markers.reported_contents import CONTENT_RELATIONS
from corpusling.markers.reported_tree import (
    WORD,
    attach,
    children,
    dependency_tree,
    having,
    noun_phrases,
    ordered_within,
    reported_cues,
    subtrees,
    word_spans,
)

#: Relations by which an incise verb hangs on the clause it attributes.
INCISE_RELATIONS = ("parataxis", "parataxis:insert", "parataxis:parenth")


def incises(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
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
              | pl.col("lower_form").is_in(reported_cues("present_like_participle")))
    compound = (cues.join(auxiliaries, on=WORD, how="semi")
                .filter(pl.col("feats").fill_null("").str.contains("VerbForm=Part")).select(WORD))
    cues = (pl.concat([cues.filter(finite).select(WORD), compound]).unique()
            .join(cues, on=WORD).join(passive, on=WORD, how="anti")
            .filter(pl.col("_type") != "content"))
    cue = cues.select(*WORD, "start_char", "deprel", "head")
    # the auxiliaries and adverbs of the incise stand after the last punctuation before the verb ("Par
    # ailleurs, poursuit X": "ailleurs" belongs to the clause)
    punctuation = ordered_within(words.filter(pl.col("upos") == "PUNCT")
                                 .select("doc_id", pl.col("start_char").alias("_punct")), ["doc_id"], "_punct")
    last_punct = (cue.select(*WORD, "start_char").sort("doc_id", "start_char")
                  .join_asof(punctuation, left_on="start_char", right_on="_punct", by="doc_id", strategy="backward",
                             check_sortedness=False).select(*WORD, "_punct"))
    helpers = (children(words, cue.select(*WORD, "start_char").join(last_punct, on=WORD), None, "a")
               .filter((pl.col("a_start_char") < pl.col("start_char"))
                       & (pl.col("a_start_char") > pl.col("_punct").fill_null(-1))
                       & (pl.col("a_deprel").str.starts_with("aux") | pl.col("a_deprel").str.starts_with("expl")
                          | (pl.col("a_deprel") == "advmod")
                          # (an object clitic before the verb belongs to the incise, whose subject is inverted: "…,
                          # nous a confié X", "…, lui a répondu X", whatever relation the parser gives it)
                          | ((pl.col("a_upos") == "PRON")
                             & pl.col("a_form").str.to_lowercase().is_in(reported_cues("incise_clitic")))))
               .group_by(WORD).agg(pl.col("a_start_char").min().alias("boundary")))
    cue = (cue.join(helpers, on=WORD, how="left").with_columns(pl.coalesce("boundary", "start_char")
                                                                .alias("boundary")))
    ends = ordered_within(words.select("doc_id", pl.col("end_char").alias("_prev_end"),
                                       pl.col("form").alias("_prev_form")), ["doc_id"], "_prev_end")
    cue = (cue.sort("doc_id", "boundary")
           .join_asof(ends, left_on="boundary", right_on="_prev_end", by="doc_id", strategy="backward",
                      check_sortedness=False)
           # (or by a closing quotation mark alone: "les rafales « pourront atteindre 120 km/h » a averti X")
           .filter(pl.col("_prev_form").is_in([",", "»", "”"])))
    # (a verb of saying right before a colon opens a quotation, it is no incise: "Le documentaire, réalisé après 9
    # mois d'enquête, précise : « La conclusion… »")
    colon = words.filter(pl.col("form") == ":").select("doc_id", "sent_id", (pl.col("word_id") - 1).alias("word_id"))
    cue = cue.join(colon, on=WORD, how="anti")
    # (from here on, the words of these verbs' sentences only: the word before a verb, which may stand in another
    # sentence, is read above and in ``ends``)
    words = having(words, cue, ["doc_id", "sent_id"])
    # (a common noun after the verb is its inverted subject only if it can speak, a person, an institution or a
    # document, as the hedge analysis has it: "…, continue ses auditions", "…, confirme la suppression du thème" are
    # a verb and its object)
    speaking = sorted(speaking_nouns(load_hedge_context()))
    subject = (children(words, cue.select(*WORD, "start_char"), ("nsubj", "nsubj:pass", "obj"), "s")
               .filter((pl.col("s_start_char") > pl.col("start_char"))
                       & (pl.col("s_upos").is_in(["PROPN", "PRON"])
                          | ((pl.col("s_upos") == "NOUN")
                             # (a title with its prefix, "l'ex-Président", or a noun written with a capital)
                             & (pl.col("s_lemma").str.to_lowercase().str.replace(r"^(ex|vice|co)-", "")
                                .is_in(speaking)
                                | pl.col("s_form").str.to_lowercase().is_in(speaking)
                                | (pl.col("s_form") != pl.col("s_form").str.to_lowercase()))))
                       # (a date the parser took for the object: "écrit samedi le Straits Times")
                       & ~pl.col("s_lemma").str.to_lowercase().is_in(reported_cues("time_noun")))
               .select(*WORD, "s_start_char", "s_word_id", "s_upos"))
    # ... or a name the parser hung without a preposition on an oblique after the verb ("…, a dit aux journalistes le
    # porte-parole X"): a noun phrase with no preposition is no noun's complement (Riegel et al. 2018, ch. VII), it
    # is the incise's inverted subject (not where the parser made one name of both, "à l'AFP Paul Martin")
    # (of a verb with no subject anywhere: one before it, "X, …, a demandé aux sénateurs John Kennedy et …", makes it
    # no incise, and the name the oblique's apposition)
    with_subject = children(words, cue.select(*WORD), ("nsubj", "nsubj:pass", "expl:subj"), "n").select(WORD)
    obliques = (children(words, cue.select(*WORD, "start_char"), ("obl", "obl:arg", "obl:mod"), "o")
                .join(with_subject, on=WORD, how="anti")
                .filter(pl.col("o_start_char") > pl.col("start_char"))
                .select(*WORD, pl.col("o_word_id").alias("_oblique")))
    with_case = words.filter(pl.col("deprel") == "case").select("doc_id", "sent_id", pl.col("head").alias("_n"))
    bare = (words.filter(pl.col("deprel") == "nmod").select("doc_id", "sent_id", pl.col("word_id").alias("_n"),
                                                            pl.col("head").alias("_oblique"), "upos", "lemma",
                                                            "start_char")
            .join(with_case, on=["doc_id", "sent_id", "_n"], how="anti"))
    # (... which closes the incise: a punctuation mark right after the name, "… Paul Martin." — not "aux sénateurs
    # John Kennedy et Lindsey Graham si …", an oblique's apposition)
    # (the name's last word: of its dependents, three levels down, "le porte-parole Paul Martin")
    links = words.select("doc_id", "sent_id", pl.col("head").alias("_last"), pl.col("word_id").alias("_below"))
    level = bare.select("doc_id", "sent_id", "_n", pl.col("_n").alias("_last"))
    reached = [level]
    for _ in range(3):
        level = level.join(links, on=["doc_id", "sent_id", "_last"]).select("doc_id", "sent_id", "_n",
                                                                            pl.col("_below").alias("_last"))
        reached.append(level)
    name_end = pl.concat(reached).group_by("doc_id", "sent_id", "_n").agg(pl.col("_last").max())
    closing = words.filter(pl.col("upos") == "PUNCT").select("doc_id", "sent_id", (pl.col("word_id") - 1)
                                                             .alias("_last"))
    closed = name_end.join(closing, on=["doc_id", "sent_id", "_last"], how="semi").select("doc_id", "sent_id", "_n")
    misattached = (obliques.join(bare.join(closed, on=["doc_id", "sent_id", "_n"], how="semi"),
                                 on=["doc_id", "sent_id", "_oblique"])
                   .filter((pl.col("upos") == "PROPN")
                           | ((pl.col("upos") == "NOUN") & pl.col("lemma").str.to_lowercase().is_in(speaking)))
                   .select(*WORD, pl.col("start_char").alias("s_start_char"), pl.col("_n").alias("s_word_id"),
                           pl.col("upos").alias("s_upos")))
    subject = (pl.concat([subject, misattached.join(subject.select(*WORD), on=WORD, how="anti")])
               .sort("s_start_char").group_by(WORD).agg(pl.col("s_word_id").first().alias("source_word"),
                                                         pl.col("s_upos").first().alias("_source_upos")))
    clause = children(words, cue.select(*WORD), CONTENT_RELATIONS, "c").filter(pl.col("c_deprel") != "advcl")
    # (after a closing quotation mark with no comma, a named subject only: the clitics are read in the text)
    incise = (cue.join(subject, on=WORD)
              .filter((pl.col("_prev_form") == ",") | pl.col("_source_upos").is_in(["NOUN", "PROPN"]))
              .join(clause.select(*WORD), on=WORD, how="anti"))
    incise = attach(incise, words.select("doc_id", "sent_id", pl.col("word_id").alias("head"),
                                         pl.col("start_char").alias("_head_start")),
                    on=["doc_id", "sent_id", "head"]).with_row_index("_i")
    # (the trees of the incises' sentences only: a few of the cues')
    tree = dependency_tree(words, incise)
    # where the incise ends: the end of its subject's phrase
    subject_tree = subtrees(incise.select(pl.col("_i").alias("_item"), "doc_id", "sent_id",
                                           pl.col("source_word").alias("head")), tree)
    incise = incise.join(word_spans(subject_tree, tree).select(pl.col("_item").alias("_i"),
                                                           pl.col("end_char").alias("_incise_end")), on="_i")
    # ... closed by the first comma after the subject ("dit le Pentagone, environ 5 000 militaires")
    stops = ordered_within(words.filter(pl.col("form").is_in([",", ";", ":", ".", "!", "?", "(", ")"]))
                           .select("doc_id", "sent_id", pl.col("start_char").alias("_stop")), ["doc_id", "sent_id"],
                           "_stop")
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
    # the words on either side of the incise, in its sentence (of the incises' sentences only: the sorts below
    # then read a few words, not every word of the candidate sentences)
    plain = having(words.filter(pl.col("upos") != "PUNCT"), incise, ["doc_id", "sent_id"])
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
                   .join(words.select(*WORD, pl.col("start_char").alias("_a_start")),
                         left_on=["doc_id", "sent_id", "_after"], right_on=WORD)
                   .sort("doc_id", "_a_start")
                   .join_asof(ends.rename({"_prev_end": "_e", "_prev_form": "_f"}), left_on="_a_start",
                              right_on="_e", by="doc_id", strategy="backward", check_sortedness=False)
                   .filter(pl.col("_f") == ",").select("_i", "_after"))
    # (a phrase after the comma that belongs to the subject closes no clause: "…, a annoncé X, de l'Université…")
    # nor does a second incise ("…, indique une analyse, a annoncé X."): the first one ends the clause; nor a
    # speaker's affiliation, whatever the parser hung it on ("…, a annoncé X, de l'Université de Moscou.")
    affiliation = words.filter((pl.col("deprel") == "case")
                               & pl.col("lower_form").is_in(reported_cues("affiliation_preposition")))
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
    # (a phrase after the comma that the parser hung on the incise verb as an adjunct or apposition belongs to the
    # incise, not to an interrupted clause: "…, écrit samedi le Straits Times, principal quotidien du pays.")
    dependents = words.select("doc_id", "sent_id", pl.col("word_id").alias("_top"), pl.col("head").alias("word_id"),
                              pl.col("deprel").alias("_top_rel"))
    # ... when it is an apposition, or a noun with no determiner nor numeral, as appositions are ("principal
    # quotidien du pays", "ministre de l'Intérieur"); "qui abrite, dit le Pentagone, environ 5 000 militaires" goes
    # on with the clause, whatever the parser hung "militaires" on
    determined = words.filter(pl.col("deprel").is_in(["det", "nummod"])).select(
        "doc_id", "sent_id", pl.col("head").alias("_top")).unique()
    candidates = (comma_after.join(incise.select("_i", "doc_id", "sent_id", "word_id"), on="_i")
                  .join(dependents.filter(pl.col("_top_rel").is_in(reported_cues("incise_adjunct_relation"))),
                        on=["doc_id", "sent_id", "word_id"])
                  .join(determined.with_columns(pl.lit(True).alias("_determined")), on=["doc_id", "sent_id", "_top"],
                        how="left")
                  .filter((pl.col("_top_rel") == "appos") | pl.col("_determined").is_null()))
    if candidates.height:  # (rare: the ancestors are read only then)
        below = (tree.ancestry(candidates)
                 .select("doc_id", "sent_id", pl.col("word_id").alias("_after"), pl.col("anc").alias("_top")))
        own_phrase = pl.concat([candidates.filter(pl.col("_top") == pl.col("_after")).select("_i"),
                                candidates.join(below, on=["doc_id", "sent_id", "_after", "_top"], how="semi")
                                .select("_i")]).unique()
        comma_after = comma_after.join(own_phrase, on="_i", how="anti")
    incise = incise.join(before, on="_i", how="left").join(comma_after, on="_i", how="left")
    inside = incise.filter(pl.col("_before").is_not_null() & pl.col("_after").is_not_null())
    # ancestors-or-self of both words, with their depth; the common one nearest to the words is the host
    # (in the sentences of these incises only)
    here = inside.select("doc_id", "sent_id").unique()
    chain = pl.concat([tree.ancestry(here).select(*WORD, "anc", "depth"),
                       having(words, here, ["doc_id", "sent_id"])
                       .select(*WORD, pl.col("word_id").alias("anc"), pl.lit(0, pl.Int64).alias("depth"))
                       ]).unique()
    up_before = inside.join(chain, left_on=["doc_id", "sent_id", "_before"], right_on=WORD).rename(
        {"depth": "_db"})
    up_after = inside.select("_i", "doc_id", "sent_id", "_after").join(
        chain, left_on=["doc_id", "sent_id", "_after"], right_on=WORD).rename({"depth": "_da"})
    lowest = (up_before.join(up_after.select("_i", "anc", "_da"), on=["_i", "anc"])
              .sort("_db").group_by("_i", maintain_order=True).first())

    def branch(word: str, depth: str, name: str) -> pl.DataFrame:
        """The ancestor-or-self of ``word`` one level below the common ancestor (the ancestor itself at depth 0)."""
        tops = lowest.select("_i", "doc_id", "sent_id", pl.col(word).alias("word_id"),
                             (pl.col(depth) - 1).clip(lower_bound=0).alias("depth"), pl.col("anc").alias("_lca"),
                             (pl.col(depth) == 0).alias("_is_lca"))
        return (tops.join(chain, on=[*WORD, "depth"])
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
                        on=WORD, how="anti")
    # (hung on a noun, "… ces derniers jours », a déclaré X" as a relative of "jours": the clause is what stands
    # before the incise, from the sentence's start or its last semicolon or colon)
    head_upos = words.select("doc_id", "sent_id", pl.col("word_id").alias("head"), pl.col("upos").alias("_head_upos"))
    final = attach(final, head_upos, on=["doc_id", "sent_id", "head"])
    nominal = pl.col("_head_upos").is_in(["NOUN", "PROPN", "PRON", "NUM"])
    opening = (words.filter(pl.col("form").is_in([";", ":"]))
               .select("doc_id", "sent_id", pl.col("end_char").alias("_opening")).sort("doc_id", "sent_id", "_opening"))
    sentence_start = words.group_by("doc_id", "sent_id").agg(pl.col("start_char").min().alias("_sentence_start"))
    # (the clause is the one it hangs on and what stands before the incise from the sentence's start or its last
    # semicolon or colon: the parser may hang the incise on the last of two clauses, "Cette élection « n'est pas
    # …, elle est aussi … », écrit X")
    hung = (final.filter((pl.col("deprel") != "root") & (pl.col("_head_start") < pl.col("start_char")) & ~nominal)
            .sort("doc_id", "sent_id", "boundary")
            .join_asof(opening, left_on="boundary", right_on="_opening", by=["doc_id", "sent_id"],
                       strategy="backward", check_sortedness=False)
            .join(sentence_start, on=["doc_id", "sent_id"])
            .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), "head",
                    pl.lit(None, pl.Int64).alias("head2"), "boundary", "source_word",
                    pl.coalesce("_opening", "_sentence_start").alias("_range_start"),
                    pl.col("boundary").alias("_range_end"),
                    pl.lit("incise after the clause it attributes").alias("rule")))
    on_noun = (final.filter((pl.col("deprel") != "root") & (pl.col("_head_start") < pl.col("start_char")) & nominal)
               .sort("doc_id", "sent_id", "boundary")
               .join_asof(opening, left_on="boundary", right_on="_opening", by=["doc_id", "sent_id"],
                          strategy="backward", check_sortedness=False)
               .join(sentence_start, on=["doc_id", "sent_id"])
               .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.lit(None, pl.Int64).alias("head"),
                       pl.lit(None, pl.Int64).alias("head2"), "boundary", "source_word",
                       pl.coalesce("_opening", "_sentence_start").alias("_range_start"),
                       pl.col("boundary").alias("_range_end"),
                       pl.lit("incise after the clause it attributes (the parser hung it on a noun)").alias("rule")))
    rooted = (final.filter(pl.col("deprel") == "root")
              .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.col("word_id").alias("head"),
                      pl.lit(None, pl.Int64).alias("head2"), "boundary", "source_word",
                      pl.lit("incise after the clause it attributes (the clause parsed as its dependents)")
                      .alias("rule")))
    return pl.concat([interrupted, hung, on_noun, rooted], how="diagonal_relaxed").with_columns(
        pl.lit("incise").alias("kind"))


#: Inverted subject clitics of an incise ("dit-il", "a-t-elle précisé", "pensait-on").
_CLITICS = r"(?:il|elle|ils|elles|on)"


#: Auxiliaries inverted before a participle ("a-t-il précisé", "ont-ils ajouté").
_INVERTED_AUX = r"(?:a|avait|aurait|eut|ont|avaient|auraient|est|sont|était|étaient)"


def clitic_incises(words: pl.DataFrame, texts: pl.DataFrame, forms: pl.DataFrame) -> pl.DataFrame:
    """Incises read in the text: a verb of saying with an inverted subject clitic after a comma ("…, dit-il.",
    "…, appuie-t-il, le français…", "…, a-t-il précisé."), which the tagger often takes for a noun
    ("dit-il", "pensait-on"). Inside the sentence (a comma after it) the content is the whole sentence, the
    incise included; at its end, the sentence before it. Rows with ``_range_start, _range_end``, the cue's end
    (``_marker_end``) and lemma, and the clitic as the source (``_source_start, _source_end``)."""
    alternation = "|".join(re.escape(f) for f in sorted(set(forms["form"].to_list()), key=len, reverse=True))
    verb = (rf"(?:{_INVERTED_AUX}(?:-t)?-(?P<c1>{_CLITICS})\s+(?:\p{{Ll}}+\s+){{0,2}}?(?P<f1>{alternation})"
            rf"|(?P<f2>{alternation})(?:-t)?-(?P<c2>{_CLITICS}))")
    # (only the documents whose text holds an inverted clitic at all: the others have no sentence to slice)
    cheap = rf"(?i)-(?:t-)?{_CLITICS}\b"
    texts = texts.filter(pl.col("_text").str.contains(cheap))
    plain = having(words.select("doc_id", "sent_id", "upos", "start_char", "end_char")
                   .filter(pl.col("upos") != "PUNCT"), texts, "doc_id")
    sentences = (plain.group_by("doc_id", "sent_id")
                 .agg(pl.col("start_char").min().alias("_s"), pl.col("end_char").max().alias("_e"))
                 .join(texts, on="doc_id")
                 .with_columns(pl.col("_text").str.slice(pl.col("_s"), pl.col("_e") - pl.col("_s")).alias("_sent"))
                 .drop("_text"))
    # groups: 1 the text before the incise, 2 the incise (3 to 6 its parts), 7 what follows it
    pattern = rf"(?i)^(.*?[,…»]\s*)({verb})(\s*,|\s*[.!?…;:]?\s*$)"
    lowered = pl.col("_sent")
    # (the pattern run once per sentence, its groups read from the one match)
    group = pl.col("_groups").struct
    found = (sentences.filter(lowered.str.contains(cheap))  # (a cheap test first)
             .with_columns(lowered.str.extract_groups(pattern).alias("_groups"))
             .filter(group[0].is_not_null())
             .with_columns(group[0].str.len_chars().alias("_at"), group[1].alias("_incise"),
                           group[6].str.contains(",").alias("_inside"))
             .drop("_groups"))
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
    # (the words of the sentences that hold an incise only: the cue is one of its own sentence's)
    cue_token = (having(words, found, ["doc_id", "sent_id"])
                 .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), "start_char")
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


def _regions(words: pl.DataFrame) -> pl.DataFrame:
    """``doc_id, sent_id, _at, _region_start, _region_end`` for each word (``_at``: its start): the stretch of its
    sentence between semicolons or colons (final punctuation left out), where an incise's clause lies."""
    stops = (words.filter(pl.col("form").is_in([";", ":"]))
             .select("doc_id", "sent_id", pl.col("start_char").alias("_stop_start"),
                     pl.col("end_char").alias("_stop_end")))
    plain = words.filter(pl.col("upos") != "PUNCT")
    bounds = plain.group_by("doc_id", "sent_id").agg(pl.col("start_char").min().alias("_first"),
                                                     pl.col("end_char").max().alias("_last"))
    located = (words.select("doc_id", "sent_id", pl.col("start_char").alias("_at"))
               .join(bounds, on=["doc_id", "sent_id"]).sort("doc_id", "sent_id", "_at"))
    before = stops.select("doc_id", "sent_id", pl.col("_stop_end").alias("_after_stop")).sort("doc_id", "sent_id",
                                                                                               "_after_stop")
    after = stops.select("doc_id", "sent_id", pl.col("_stop_start").alias("_next_stop")).sort("doc_id", "sent_id",
                                                                                               "_next_stop")
    return (located.join_asof(before, left_on="_at", right_on="_after_stop", by=["doc_id", "sent_id"],
                              strategy="backward", check_sortedness=False)
            .join_asof(after, left_on="_at", right_on="_next_stop", by=["doc_id", "sent_id"], strategy="forward",
                       check_sortedness=False)
            .select("doc_id", "sent_id", "_at", pl.coalesce("_after_stop", "_first").alias("_region_start"),
                    pl.coalesce("_next_stop", "_last").alias("_region_end")))


def comme_incises(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """Incises opened by *comme* (Riegel et al. 2018, ch. XXIII: "comme" + a verb of saying is an incise of
    attribution): "…, comme le précise l'ambassadeur", "Comme l'a dit X, …", "X, comme devait conclure Y, Z",
    "comme on dit, …". The mark *comme* hangs on the verb of saying (or on the modal it depends on); the
    subject is the verb's (before it, "comme on dit") or its inverted subject. The content is the clause around
    the incise, between semicolons or colons: after it when it opens the clause (or follows a conjunction, "car
    comme on dit, …"), before it when it ends it (``_range_start, _range_end``); when it interrupts a clause, the
    clause it depends on in the tree, the incise within it. Rows as those of :func:`incises`."""
    comme = (words.filter((pl.col("deprel") == "mark")
                          & pl.col("lower_form").is_in(reported_cues("incise_conjunction")))
             .select("doc_id", "sent_id", pl.col("head").alias("_marked"), pl.col("start_char").alias("_comme")))
    verb = cues.select(*WORD, "start_char", "end_char", "head", "deprel")
    marked = pl.concat([
        verb.join(comme, left_on=["doc_id", "sent_id", "word_id"], right_on=["doc_id", "sent_id", "_marked"]),
        # "comme devait conclure X": the mark on the modal
        verb.filter(pl.col("deprel") == "xcomp")
        .join(comme, left_on=["doc_id", "sent_id", "head"], right_on=["doc_id", "sent_id", "_marked"]),
    ], how="diagonal_relaxed").unique(WORD)
    if marked.height == 0:
        return pl.DataFrame()
    # (not a clitic object, "comme l'a dit X", nor a date)
    pronouns = [p.split()[0] for p in reported_cues("personal_pronoun")] + reported_cues("generic_subject")
    subjects = (children(words, marked.select(*WORD, "start_char"), ("nsubj", "expl:subj", "obj", "nsubj:pass"),
                         "s")
                .filter((pl.col("s_upos") != "PRON") | pl.col("s_form").str.to_lowercase().is_in(pronouns)
                        | ((pl.col("s_upos") == "PRON") & (pl.col("s_start_char") > pl.col("start_char"))
                           & ~pl.col("s_form").str.to_lowercase().is_in(reported_cues("infinitive_clitic"))))
                .filter(~pl.col("s_lemma").str.to_lowercase().is_in(reported_cues("time_noun")))
                .with_columns((pl.col("s_deprel") == "obj").alias("_inverted"))
                .sort("_inverted", "s_start_char").group_by(WORD).first()
                .select(*WORD, pl.col("s_word_id").alias("source_word"), pl.col("s_start_char").alias("_s_start")))
    marked = marked.join(subjects, on=WORD)
    # (the words of these incises' sentences, the only ones read below)
    words = having(words, marked, ["doc_id", "sent_id"])
    # the incise ends with its verb, or with its inverted subject's phrase: at the first punctuation after it
    stops = (words.filter(pl.col("upos") == "PUNCT").select("doc_id", "sent_id", pl.col("start_char").alias("_stop"))
             .sort("doc_id", "sent_id", "_stop"))
    last_word = (words.filter(pl.col("upos") != "PUNCT").group_by("doc_id", "sent_id")
                 .agg(pl.col("end_char").max().alias("_sentence_end")))
    marked = (marked.sort("doc_id", "sent_id", "_s_start")
              .join_asof(stops, left_on="_s_start", right_on="_stop", by=["doc_id", "sent_id"], strategy="forward",
                         check_sortedness=False)
              .join(last_word, on=["doc_id", "sent_id"])
              .with_columns(pl.when(pl.col("_s_start") > pl.col("start_char"))
                            .then(pl.coalesce("_stop", "_sentence_end"))
                            .otherwise(pl.col("end_char")).alias("_incise_end"))
              .drop("_stop", "_sentence_end"))
    # (a name apposed to the subject after a comma belongs to the incise: "l'ambassadeur …, Bernard Bajolet :")
    commas = (words.filter(pl.col("form") == ",").select("doc_id", "sent_id", pl.col("end_char").alias("_comma_end"),
                                                         pl.col("start_char").alias("_comma"))
              .sort("doc_id", "sent_id", "_comma"))
    apposed = (marked.select(*WORD, "_incise_end").sort("doc_id", "sent_id", "_incise_end")
               .join_asof(commas, left_on="_incise_end", right_on="_comma", by=["doc_id", "sent_id"],
                          strategy="forward", check_sortedness=False)
               .filter(pl.col("_comma") - pl.col("_incise_end") <= 1).sort("doc_id", "sent_id", "_comma_end")
               .join_asof(stops, left_on="_comma_end", right_on="_stop", by=["doc_id", "sent_id"],
                          strategy="forward", check_sortedness=False)
               .join(words.select("doc_id", "sent_id", pl.col("start_char").alias("_w"),
                                  pl.col("end_char").alias("_we"), pl.col("upos").alias("_wu")),
                     on=["doc_id", "sent_id"])
               .filter((pl.col("_w") >= pl.col("_comma_end")) & (pl.col("_w") < pl.col("_stop").fill_null(2**62)))
               .group_by(WORD).agg((pl.col("_wu") == "PROPN").all().alias("_names"), pl.col("_we").max()
                                   .alias("_name_end"))
               .filter(pl.col("_names")))
    marked = (marked.join(apposed, on=WORD, how="left")
              .with_columns(pl.max_horizontal("_incise_end", "_name_end").alias("_incise_end")))
    marked = marked.join(_regions(words).rename({"_at": "_comme"}), on=["doc_id", "sent_id", "_comme"])
    plain = words.filter(pl.col("upos") != "PUNCT").select("doc_id", "sent_id", pl.col("start_char").alias("_w"),
                                                          pl.col("end_char").alias("_w_end"))
    around = (marked.join(plain, on=["doc_id", "sent_id"])
              .group_by(*WORD)
              .agg(((pl.col("_w") >= pl.col("_region_start")) & (pl.col("_w") < pl.col("_comme"))).any()
                   .alias("_words_before"),
                   ((pl.col("_w") >= pl.col("_incise_end")) & (pl.col("_w_end") <= pl.col("_region_end"))
                    & ~pl.col("_w").is_between(pl.col("_comme"), pl.col("_incise_end"))).any()
                   .alias("_words_after")))
    # (after a conjunction, "car comme on dit, …", the incise opens the clause that follows)
    previous = words.select("doc_id", "sent_id", pl.col("end_char").alias("_p_end"),
                            pl.col("upos").alias("_p_upos")).sort("doc_id", "sent_id", "_p_end")
    marked = (marked.join(around, on=WORD).sort("doc_id", "sent_id", "_comme")
              .join_asof(previous, left_on="_comme", right_on="_p_end", by=["doc_id", "sent_id"],
                         strategy="backward", check_sortedness=False)
              .with_columns((pl.col("_words_before") & ~pl.col("_p_upos").is_in(["CCONJ", "SCONJ"]).fill_null(False))
                            .alias("_words_before")))
    # inside a clause, the clause the incise depends on in the tree, the incise within it
    host = words.select("doc_id", "sent_id", pl.col("word_id").alias("head"), pl.col("head").alias("_host_of_modal"))
    inside = (marked.filter(pl.col("_words_before") & pl.col("_words_after"))
              .join(host, on=["doc_id", "sent_id", "head"], how="left")
              .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"),
                      pl.when(pl.col("deprel") == "xcomp").then(pl.col("_host_of_modal")).otherwise(pl.col("head"))
                      .alias("head"), pl.lit(None, pl.Int64).alias("head2"), "source_word",
                      pl.lit("incise opened by comme, inside the clause").alias("rule")))
    start = pl.when(pl.col("_words_before")).then(pl.col("_region_start")).otherwise(pl.col("_incise_end"))
    end = pl.when(pl.col("_words_after")).then(pl.col("_region_end")).otherwise(pl.col("_comme"))
    edge = (marked.filter(pl.col("_words_before") ^ pl.col("_words_after"))
            .select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"), pl.lit(None, pl.Int64).alias("head"),
                    pl.lit(None, pl.Int64).alias("head2"), start.alias("_range_start"), end.alias("_range_end"),
                    "source_word", pl.lit("incise opened by comme, at the clause's edge").alias("rule")))
    return pl.concat([inside.filter(pl.col("head") > 0), edge], how="diagonal_relaxed").with_columns(
        pl.lit("incise").alias("kind"))


def attributions_after(words: pl.DataFrame, cues: pl.DataFrame) -> pl.DataFrame:
    """Attributions that follow the clause they attribute, with no incise verb inverted after a comma:

    * a verb of saying whose object is the relative *ce que*: "…, ce que soulignent X" attributes the clause
      before the comma, "C'est ce qu'a déclaré X." the sentence before it;
    * a sentence that names what the one before it was: "C'est la remarque de X.", "C'est d'ailleurs l'avis de
      X", "Le constat amer est du Professeur X", "Le constat … est le récit de X" (``attribution_noun``): a
      copular sentence whose predicate or subject is such a noun, with the source after *de*.

    The clause is the one before in the same paragraph (the whole sentence, final punctuation left out). Rows
    with ``_range_start, _range_end`` (in the clause's sentence, ``sent_id``), the cue's span
    (``_given_cue_start``, ``_marker_end``) and lemma (``cue``), and the source's span (``_source_start,
    _source_end``): the cue may stand in the next sentence."""
    lowered = pl.col("lower_form")
    # (the sentences that may hold such an attribution: "ce" before "que", a noun of saying; and the ones before)
    ce_or_que = (words.select(*WORD, lowered.alias("_f"))
                 .filter(pl.col("_f").is_in(["ce", *reported_cues("finite_que")])))
    ce_que = (ce_or_que.filter(pl.col("_f") == "ce")
              .select("doc_id", "sent_id", (pl.col("word_id") + 1).alias("word_id"))
              .join(ce_or_que.filter(pl.col("_f").is_in(reported_cues("finite_que"))).select(*WORD), on=WORD,
                    how="semi"))
    candidates = pl.concat([ce_que.select("doc_id", "sent_id"),
                            words.filter(pl.col("lemma").is_in(reported_cues("attribution_noun")))
                            .select("doc_id", "sent_id")]).unique()
    if candidates.height == 0:
        return pl.DataFrame()
    words = having(words, pl.concat([candidates, candidates.with_columns(pl.col("sent_id") - 1)]),
                   ["doc_id", "sent_id"])
    following = words.select("doc_id", "sent_id", "word_id", lowered.alias("_f"), "upos", "start_char")
    relative = reported_cues("finite_que")
    # "ce que [aux] VERB": the word order, whatever the tree says
    ce = following.filter(pl.col("_f") == "ce").select("doc_id", "sent_id", pl.col("word_id").alias("_ce"),
                                                       pl.col("start_char").alias("_ce_start"))
    que = following.filter(pl.col("_f").is_in(relative)).select("doc_id", "sent_id", pl.col("word_id").alias("_que"))
    verb = cues.filter(pl.col("upos") == "VERB").select(*WORD, "start_char", "end_char", "lemma")
    said = (verb.join(que, on=["doc_id", "sent_id"]).filter(pl.col("_que").is_between(pl.col("word_id") - 3,
                                                                                      pl.col("word_id") - 1))
            .join(ce, on=["doc_id", "sent_id"]).filter(pl.col("_ce") == pl.col("_que") - 1)
            .unique(WORD))
    # its source: the subject after the verb, else before it (not the relative nor "ce")
    subject = (children(words, said.select(*WORD, "start_char"), ("nsubj", "obj", "nsubj:pass", "expl:subj"), "s")
               .filter(~pl.col("s_form").str.to_lowercase().is_in([*relative, "ce", "c'", "c’"])
                       & pl.col("s_upos").is_in(["NOUN", "PROPN", "PRON"]))
               .with_columns((pl.col("s_start_char") < pl.col("start_char")).alias("_before"))
               .sort("_before", "s_start_char").group_by(WORD).first()
               .select(*WORD, pl.col("s_word_id").alias("_source_word")))
    said = said.join(subject, on=WORD)
    previous_token = following.select("doc_id", "sent_id", (pl.col("word_id") + 1).alias("_ce"),
                                      pl.col("_f").alias("_before_ce"), pl.col("start_char").alias("_comma"))
    said = said.join(previous_token, on=["doc_id", "sent_id", "_ce"], how="left")
    same = said.filter(pl.col("_before_ce") == ",")
    # "C'est ce qu'a déclaré X.", "Ce que confirme X.": the sentence before
    alone = said.filter(pl.col("_before_ce").is_null() | pl.col("_before_ce").is_in(reported_cues("copula_form")))
    # a sentence naming what the one before was: "C'est la remarque de X", "Le constat … est du Professeur X"
    nouns = reported_cues("attribution_noun")
    copular = words.filter(pl.col("deprel") == "cop").select("doc_id", "sent_id", pl.col("head").alias("word_id"))
    predicate = (words.filter(pl.col("deprel") == "root").join(copular, on=WORD, how="semi")
                 .select(*WORD, "lemma", "upos", "start_char", "end_char"))
    subjects = (words.filter(pl.col("deprel").str.starts_with("nsubj"))
                .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.col("lemma").alias("_subject_lemma"),
                        pl.col("start_char").alias("_subject_start"), pl.col("end_char").alias("_subject_end")))
    of = (words.filter((pl.col("deprel") == "case") & lowered.is_in(reported_cues("source_preposition")))
          .select("doc_id", "sent_id", pl.col("head").alias("_of")))
    named = (words.filter(pl.col("upos").is_in(["NOUN", "PROPN"]))
             .join(of, left_on=["doc_id", "sent_id", "word_id"], right_on=["doc_id", "sent_id", "_of"], how="semi")
             .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.col("word_id").alias("_of_word")))
    predicate = predicate.join(subjects, on=WORD)
    of_predicate = (predicate.filter(pl.col("lemma").is_in(nouns)
                                     & pl.col("_subject_lemma").is_in(["ce", "cela", "ceci", *nouns]))
                    .join(named, on=WORD)
                    .select("doc_id", "sent_id", "word_id", "start_char", "end_char", "lemma",
                            pl.col("_of_word").alias("_source_word")))
    # (the source is then the predicate itself, from its first word: "du Professeur X" → "Professeur X")
    of_subject = (predicate.filter(pl.col("_subject_lemma").is_in(nouns) & pl.col("upos").is_in(["NOUN", "PROPN"]))
                  .join(of.rename({"_of": "word_id"}), on=WORD, how="semi")
                  .select("doc_id", "sent_id", "word_id", pl.col("start_char").alias("_source_from"),
                          pl.col("_subject_start").alias("start_char"), pl.col("_subject_end").alias("end_char"),
                          pl.col("_subject_lemma").alias("lemma"), pl.col("word_id").alias("_source_word")))
    noun_rows = pl.concat([of_predicate, of_subject], how="diagonal_relaxed").unique(["doc_id", "sent_id"],
                                                                                   keep="first")
    # the sentence before, in the same paragraph: its words, punctuation aside
    plain = words.filter(pl.col("upos") != "PUNCT")
    sentences = plain.group_by("doc_id", "sent_id").agg(pl.col("start_char").min().alias("_range_start"),
                                                        pl.col("end_char").max().alias("_range_end"),
                                                        pl.col("par_id").first())

    def before(rows: pl.DataFrame, rule: str) -> pl.DataFrame:
        rows = rows.with_columns(pl.lit(None, pl.Int64).alias("_source_from")) if "_source_from" not in rows.columns \
            else rows
        return (rows.select("doc_id", (pl.col("sent_id") - 1).alias("_prev"), pl.col("sent_id").alias("_cue_sent"),
                            "word_id", "start_char", "end_char", "lemma", "_source_word", "_source_from",
                            pl.lit(rule).alias("rule"))
                .join(sentences.rename({"sent_id": "_prev"}), on=["doc_id", "_prev"])
                .join(sentences.select("doc_id", pl.col("sent_id").alias("_cue_sent"), pl.col("par_id").alias("_p")),
                      on=["doc_id", "_cue_sent"])
                .filter(pl.col("par_id") == pl.col("_p"))
                .rename({"_prev": "sent_id"}))

    region = (same.join(_regions(having(words, same, ["doc_id", "sent_id"])).rename({"_at": "_comma"}),
                        on=["doc_id", "sent_id", "_comma"])
              .select("doc_id", "sent_id", pl.col("sent_id").alias("_cue_sent"), "word_id", "start_char", "end_char",
                      "lemma", "_source_word", pl.col("_region_start").alias("_range_start"),
                      pl.col("_comma").alias("_range_end"),
                      pl.lit("attribution after the clause (ce que + verb of saying)").alias("rule")))
    found = pl.concat([region,
                       before(alone, "attribution of the sentence before (ce que + verb of saying)"),
                       before(noun_rows, "attribution of the sentence before (a noun of saying)")],
                      how="diagonal_relaxed")
    if found.height == 0:
        return pl.DataFrame()
    # the source's phrase: its words in its sentence, clauses and appositions aside
    heads = found.with_row_index("_item").select(pl.col("_item").cast(pl.Int64), "doc_id",
                                                 pl.col("_cue_sent").alias("sent_id"),
                                                 pl.col("_source_word").alias("head"))
    source = noun_phrases(heads, dependency_tree(words, heads))
    return (found.with_row_index("_item").with_columns(pl.col("_item").cast(pl.Int64)).join(source, on="_item")
            .select("doc_id", "sent_id", pl.lit(None, pl.Int64).alias("cue_word"), pl.lit(None, pl.Int64).alias("head"),
                    pl.lit(None, pl.Int64).alias("head2"), "_range_start", "_range_end",
                    pl.col("start_char").alias("_given_cue_start"), pl.col("end_char").alias("_marker_end"),
                    pl.col("lemma").alias("cue"),
                    pl.max_horizontal("source_start", "_source_from").alias("_source_start"),
                    pl.col("source_end").alias("_source_end"), "rule", pl.lit("incise").alias("kind")))

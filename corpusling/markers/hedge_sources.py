"""Who is speaking, in the writer's text: attribution incises and unnamed sources (the guide's §3).

Attribution incises ("qui abrite, dit le Pentagone, environ 5 000 militaires", "…, a indiqué la direction")
are source markers; vague noun phrases that are the subject of a verb of saying or of an incise ("des
témoins racontent…", "a indiqué un porte-parole"), or the agent of its passive ("décrit … par un ami d'enfance"),
are unnamed sources.
"""

from __future__ import annotations

import re

import polars as pl

from corpusling.lexicons.notation import normal_word
from corpusling.markers.hedge_words import (
    agentive_by_suffix,
    at,
    in_list,
    next_where,
    no_spans,
    noun_in,
    positioned,
    previous_where,
    right_edge,
    rule_words,
    saying_words,
    sentences_of,
    span_rows,
    speaking_nouns,
    speech_forms,
    value_at,
)
from corpusling.markers.reported_tree import reported_cues

#: Quotation marks. A straight double quote glued to the next word opens, to the previous one closes; otherwise
#: they open and close by turns within a sentence.
OPENING_MARKS: frozenset[str] = frozenset({"«", "“", "„", "‹"})
CLOSING_MARKS: frozenset[str] = frozenset({"»", "”", "›"})
STRAIGHT_MARKS: frozenset[str] = frozenset({'"'})

#: Punctuation before an attribution incise (", a indiqué la police", "(dit le Pentagone)", a closing quotation
#: mark with no comma after it: "« … » a-t-il précisé") and dashes that may open a sentence before its first
#: quotation mark ("- « … »").
INCISE_OPENERS: frozenset[str] = frozenset({",", "(", "—", "–"}) | CLOSING_MARKS | STRAIGHT_MARKS
DASHES: frozenset[str] = frozenset({"-", "—", "–"})

#: How many words an incise's auxiliary, inverted clitic and adverbs may put between the comma and the verb
#: (", a-t-il également précisé", ", a-t-il enfin confié" in the tokeniser's "a" "-t" "-il"), and how far after
#: the verb the head of its inverted subject may come (", a annoncé à l'agence RIA Novosti Valentine Sapounov").
INCISE_BACK = 5
INCISE_REACH = 6

#: Parts of speech allowed between an incise verb and the head of its subject (adverbs, "à l'AFP").
INCISE_BETWEEN: frozenset[str] = frozenset({"ADV", "DET", "ADJ", "ADP", "NUM"})


def _inverted_verb(lists: dict[str, frozenset[str]]) -> tuple[pl.Expr, pl.Expr]:
    """(a one-token verb + inverted clitic of saying: "dit-il", "précise-t-elle"; an auxiliary one: "a-t-il")."""
    # the verb, then "-" (or "-t-") and a subject clitic of hedge_context.tsv, in one token
    clitics = "|".join(sorted(lists["subject_clitic"]))
    regular = {lemma[:-2] + ending for lemma in lists["speech_verb"] | lists["incise_verb"] if lemma.endswith("er")
               for ending in sorted(lists["er_ending"])}
    speech, auxiliary = regular | lists["speech_verb_form"], lists["auxiliary_form"]
    if all(re.fullmatch(r"\w+", clitic) for clitic in lists["subject_clitic"]) and not any(
            "-" in verb for verb in speech | auxiliary):
        # (verbs and clitics without a hyphen: the forms the pattern below accepts, written out, are looked up
        # instead of the pattern run on every word)
        def written(verbs: frozenset[str] | set[str]) -> list[str]:
            return sorted(f"{verb}-{t}{clitic}" for verb in verbs for t in ("", "t-")
                          for clitic in lists["subject_clitic"])

        return (pl.col("_form").is_in(written(speech)).fill_null(False),
                pl.col("_form").is_in(written(auxiliary)).fill_null(False))
    stem = pl.col("_form").str.extract(rf"^(.+?)-(?:t-)?(?:{clitics})$", 1)
    return (stem.is_in(sorted(speech)).fill_null(False), stem.is_in(sorted(auxiliary)).fill_null(False))


def incises(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """Attribution incises: ``_first_i, _last_i`` of the incise, ``_subj`` the head of its inverted subject.

    A verb of saying right after a comma, parenthesis or dash (past its auxiliary, an inverted
    clitic and adverbs: ", a-t-il précisé", ", a également indiqué", the tokeniser's "a-t" "-il"), or
    after "comme" and the neuter clitic ("comme le précise l'ambassadeur": an attribution clause) or after
    a relative on a neuter antecedent (", ce que soulignent les délégués": one too),
    whose subject follows it: a clitic ("dit-il", "a-t-il dit") or, within :data:`INCISE_REACH` words
    and past adverbs and an addressee ("à l'AFP") only, a proper noun, a pronoun or a noun of a
    person, an institution or a document ("a indiqué la direction", "indique une analyse de l'ADN").
    The subject test keeps out a coordinated verb with its object (", a annoncé la fermeture de
    l'usine"). A verb of saying is known by its lemma or, when the lemmatiser erred, by its form
    ("disent-ils" lemmatised *devoir*); any other verb with an inverted clitic between punctuation is
    an incise too (", appuie-t-il,"), unless it is one of ``not_incise_verb`` (", semble-t-il,").
    A verb with an infinitive clause after it reports that clause and is no incise ("X, rédacteur en chef, a dit
    ne pas y voir…"). Rule 'own subject' (tenth round): a verb with its own nominal subject before it and no other
    finite verb before it in its sentence is the sentence's predicate, its commas an apposition's ("François Fillon,
    en déplacement à Troyes, a contesté les chiffres"), no incise; unless a later finite verb of the sentence (before
    the next colon, semicolon or opening quotation mark), not a conjunct, has no subject of its own: the parser gave
    it to the incise ("Le gouvernement, a précisé le ministre, ne reculera pas"). ``_clause``: the incise is such an
    attribution clause.
    """
    speech_form, aux_form = _inverted_verb(lists)
    # (the one-token inverted auxiliary, "a-t-elle", the tagger may call a pronoun)
    inverted_aux = [pl.when(pl.col("_s").shift(k) == pl.col("_s")).then(aux_form.shift(k))
                    for k in range(1, INCISE_BACK)]
    # finite, or a past participle after its auxiliary (", a indiqué"): not a participle alone (", confié aux
    # juges", ", demandant aux clients de…"); the tagger may call "dit" a participle
    participle = (pl.col("verbform") == "Part") | pl.col("_form").str.ends_with("ant")
    split_aux = in_list("_form", frozenset(f"{form}-t" for form in lists["auxiliary_form"]))  # "a-t" "-il"
    with_aux = pl.any_horizontal([(at("upos", -k) == "AUX") | at("_form", -k).is_in(sorted(
        f"{form}-t" for form in lists["auxiliary_form"])) | inverted_aux[k - 1]
        for k in range(1, INCISE_BACK)]).fill_null(False)
    subject_clitic = sorted(lists["subject_clitic"])
    # the inverted clitic in the next token, or after a euphonic "-t" token ("appuie" "-t" "-il")
    euphonic = at("_raw", 1).is_in(["-t", "-t-"])
    clitic_after = ((at("upos", 1).eq("PRON") & at("_raw", 1).str.starts_with("-")
                     & at("_form", 1).is_in(subject_clitic))
                    | (euphonic & at("_form", 2).is_in(subject_clitic)))
    clitic_end = pl.when(euphonic).then(pl.col("_i") + 2).otherwise(pl.col("_i") + 1)
    inverted_any = (clitic_after & (pl.when(euphonic).then(at("upos", 3)).otherwise(at("upos", 2)) == "PUNCT")
                    & ~in_list("_lemma", lists["not_incise_verb"]))
    # "faire savoir": the infinitive says, its causative "fait" is passed over as an auxiliary is (", a fait savoir
    # KTUU", ", ont fait savoir les diplomates")
    made_to_say = (in_list("_lemma", lists["causative_speech_verb"]) & (pl.col("verbform") == "Inf")
                   & at("_lemma", -1).is_in(sorted(lists["causative_verb"]))).fill_null(False)
    causative = (in_list("_lemma", lists["causative_verb"])
                 & at("_lemma", 1).is_in(sorted(lists["causative_speech_verb"])) & (at("verbform", 1) == "Inf")
                 ).fill_null(False)
    said = (in_list("_lemma", lists["speech_verb"] | lists["incise_verb"])
            | in_list("_form", speech_forms(incise=True)) | made_to_say)
    speech = ((said & (pl.col("upos") == "VERB")
               & (~participle.fill_null(False) | (with_aux & ~pl.col("_form").str.ends_with("ant"))
                  | in_list("_form", lists["speech_verb_form"])))
              | speech_form | ((pl.col("upos") == "VERB") & inverted_any).fill_null(False))
    clitic = (pl.col("upos") == "PRON") & (pl.col("_raw").str.starts_with("-") | pl.col("_raw").str.starts_with("t-"))
    # an auxiliary with its euphonic t split off by the tokeniser ("a-t" "-il")
    aux_form = aux_form | split_aux
    neuter = (pl.col("upos") == "PRON") & in_list("_form", lists["neuter_clitic"])
    skippable = ((pl.col("upos") == "AUX") | clitic
                 | (pl.col("upos") == "ADV") | aux_form | neuter | causative)
    # (the test read only in the sentences of the words that may pass it, not on every word: a verb of saying by its
    # lemma or form, a one-token inverted verb, a verb with an inverted clitic or a euphonic "-t" after it)
    maybe = (said | speech_form | ((pl.col("upos") == "VERB") & (pl.col("_raw").shift(-1).is_in(["-t", "-t-"])
                                                                 | pl.col("_form").shift(-1).is_in(subject_clitic))))
    candidates = sentences_of(words, words.filter(maybe.fill_null(False))["_i"]).filter(speech)
    if candidates.height == 0:
        return pl.DataFrame(schema={"_first_i": pl.Int64, "_last_i": pl.Int64, "_subj": pl.Int64,
                                    "_clause": pl.Boolean})
    scope = positioned(sentences_of(words, candidates["_i"])).with_columns(
        skippable.alias("_skip"), clitic.alias("_clitic"), aux_form.alias("_aux_form"))
    nominal_ok = ((pl.col("upos") == "PROPN")
                  | ((pl.col("upos") == "PRON") & ~in_list("_form", lists["relative_pronoun"])
                     & (~pl.col("_raw").str.starts_with("-") | in_list("_form", lists["subject_clitic"])))
                  | ((pl.col("upos") == "NOUN") & (noun_in(speaking_nouns(lists)) | agentive_by_suffix(lists))))
    # (a time between the verb and its subject is no subject: ", a annoncé mardi sa famille", ", a indiqué ce vendredi
    # l'Élysée"; the time nouns of reported_cues.tsv)
    time = pl.col("upos").is_in(["NOUN", "PROPN"]) & in_list("_form", frozenset(reported_cues("time_noun")))
    nominal = pl.col("upos").is_in(["NOUN", "PROPN", "PRON"]) & ~time
    # a nominal with a preposition ("à l'AFP", "au gouvernement", "par Lily Liu" with the rest of the name) is an
    # addressee or a complement, not the subject
    # (the indefinite "des" that the tokeniser split into "de les" right after the verb is a determiner, not a
    # preposition: ", ont confié des témoins"; the two words share the contraction's offsets)
    split_des = ((pl.col("_form") == "de") & (at("_form", 1) == "les") & (at("start_char", 1) == pl.col("start_char"))
                 & at("upos", -1).is_in(["VERB", "AUX", "ADV"])).fill_null(False)
    with_case = scope.filter((pl.col("deprel") == "case") & ~split_des)["_hi"].unique()
    name_parts = scope.filter(pl.col("deprel").str.starts_with("flat") & pl.col("_hi").is_in(with_case.implode()))["_i"]
    in_phrase = pl.DataFrame({"_i": pl.concat([with_case, name_parts]).unique()}).with_columns(
        pl.lit(True).alias("_in_pp"))
    scope = (scope.join(in_phrase, on="_i", how="left", maintain_order="left")
             .with_columns(pl.col("_in_pp").fill_null(False))
             .with_columns(nominal_ok.alias("_nominal_ok"), (nominal & ~pl.col("_in_pp")).alias("_nominal"),
                           (pl.col("upos").is_in(sorted(INCISE_BETWEEN)) | (nominal & pl.col("_in_pp")) | time)
                           .alias("_between")))
    # back from the verb past auxiliaries, clitics and adverbs to the opening punctuation (INCISE_BACK words
    # at most); forward past adverbs and an addressee to the subject's head (INCISE_REACH words at most)
    stop = previous_where(~pl.col("_skip"))
    carried = (pl.col("_clitic") | pl.col("_aux_form")).cast(pl.Int32).cum_sum()
    scope = scope.with_columns(stop.alias("_stop"), carried.alias("_carried"),
                               next_where(~pl.col("_between")).alias("_next"))
    near = pl.col("_i") - pl.col("_stop") <= INCISE_BACK
    # ", ce que soulignent les délégués": a relative on a neuter antecedent after a comma (``attribution_relative``)
    by_relative = near & pl.any_horizontal(
        (value_at("_form", pl.col("_stop")) == relative) & (value_at("_form", pl.col("_stop") - 1) == antecedent)
        & value_at("_form", pl.col("_stop") - 2).is_in(sorted(INCISE_OPENERS))
        for antecedent, relative in (phrase.split() for phrase in sorted(rule_words()["attribution_relative"])))
    by_clause = value_at("_form", pl.col("_stop")).is_in(sorted(lists["incise_conjunction"])) & near
    opened = (value_at("_form", pl.col("_stop")).is_in(sorted(INCISE_OPENERS)) & near) | by_clause | by_relative
    reached = value_at("_nominal", pl.col("_next")) & (pl.col("_next") - pl.col("_i") <= INCISE_REACH)
    found = scope.with_columns(
        pl.when(by_relative).then(pl.col("_stop") - 1).when(by_clause).then(pl.col("_stop"))
        .when(opened).then(pl.col("_stop") + 1).alias("_first_i"),
        (by_clause | by_relative).fill_null(False).alias("_clause"), clitic_end.alias("_clitic_end"),
        (pl.col("_carried") - (pl.col("_clitic") | pl.col("_aux_form")).cast(pl.Int32)
         > value_at("_carried", pl.col("_stop"))).fill_null(False).alias("_clitic_before"),
        clitic_after.fill_null(False).alias("_clitic_after"), speech_form.alias("_one_token"),
        pl.when(reached).then(pl.col("_next")).alias("_subj"),
        pl.when(reached).then(value_at("_nominal_ok", pl.col("_next"))).fill_null(False).alias("_subj_ok"),
        speech.alias("_speech")).filter(pl.col("_speech"))
    by_clitic = pl.col("_clitic_before") | pl.col("_clitic_after") | pl.col("_one_token")
    # a verb in the first or second person plural ("citons aussi Lemmy Kilmister", an imperative the tagger may take
    # for a third person) has no inverted subject but its own clitic ("disons-nous"): no incise
    first_second = ((pl.col("_form").str.ends_with("ons") | pl.col("_form").str.ends_with("ez"))
                    & ~pl.col("_clitic_after"))
    # a verb with an infinitive clause after it reports that clause, it is its sentence's predicate and no incise
    # ("X, rédacteur en chef adjoint, a dit ne pas y voir…", "Robert Bourgi, ami de Fillon, a reconnu auprès de
    # l'AFP avoir acheté…": the comma is an apposition's; the guide's §4 infinitive content)
    infinitive = (pl.col("verbform") == "Inf").fill_null(False)
    with_infinitive_aux = words.filter(pl.col("deprel").str.starts_with("aux") & infinitive)["_hi"]
    infinitive_clause = (words.filter((pl.col("deprel") == "xcomp") & (pl.col("_i") > pl.col("_hi"))
                                      & (infinitive | pl.col("_i").is_in(with_infinitive_aux.implode())))
                         .select(pl.col("_hi").alias("_i")).unique().with_columns(pl.lit(True).alias("_reports_inf")))
    found = found.join(infinitive_clause, on="_i", how="left", maintain_order="left")
    reports_infinitive = pl.col("_reports_inf").fill_null(False) & ~by_clitic
    # a verb with its own subject before it, and no other finite verb before it in its sentence, is the sentence's
    # predicate: the commas close an apposition or an adjunct of that subject ("Évariste Ndayishimiye, …, critique
    # vivement l'UE", "François Fillon, en déplacement à Troyes, …, a contesté les chiffres du « Canard »"), and the
    # noun phrase after the verb is its object, not an inverted subject; an incise follows an assertion with a verb
    # of its own (tenth round: set14, set8; Riegel, Pellat & Rioul 2018 on the incise, whose subject is inverted)
    # (any finite word, an auxiliary or a copula too; ``finite_verb`` below leaves them out)
    finite_word = (pl.col("verbform") == "Fin") & pl.col("upos").is_in(["VERB", "AUX"])
    # (read in the sentences of the candidates it can remove only: a noun phrase after the verb, no clitic, no clause)
    open_to_it = found.filter(pl.col("_first_i").is_not_null() & pl.col("_subj_ok") & ~by_clitic & ~pl.col("_clause"))
    candidate_sentences = scope.filter(pl.col("_s").is_in(open_to_it["_s"].unique().implode()))
    # (or the verb's own auxiliary: "a contesté"; not a copula the parser hung on it, "sont …, a indiqué")
    first_finite = (candidate_sentences.filter(finite_word).group_by("_s")
                    .agg(pl.col("_i").min().alias("_first_finite"))
                    .join(candidate_sentences.select(pl.col("_i").alias("_first_finite"),
                                                     pl.when(pl.col("deprel").str.starts_with("aux"))
                                                     .then(pl.col("_hi")).alias("_first_finite_head")),
                          on="_first_finite"))
    # a later finite verb (through its auxiliary or copula) with no subject of its own, other than a conjunct, has
    # had its subject taken by the parser, which made the incise verb the root: the verb is an incise in the middle
    # of the sentence ("Le gouvernement, a précisé le ministre, ne reculera pas", "Cette réforme, a indiqué la
    # porte-parole, sera votée", "Les négociations, a expliqué un diplomate, devraient reprendre"); only such a verb
    # before the next colon, semicolon or opening quotation mark counts (not a quoted imperative: "a contesté les
    # chiffres : « Faites votre métier »"), ``_stretch`` numbering the stretches between them
    candidate_sentences = candidate_sentences.with_columns(
        in_list("_form", frozenset({":", ";"}) | OPENING_MARKS).cast(pl.Int32).cum_sum().alias("_stretch"))
    with_subject = (candidate_sentences.filter(pl.col("deprel").str.contains(r"^(?:nsubj|csubj|expl)"))
                    .select(pl.col("_hi").alias("_clause_head")).unique().with_columns(pl.lit(True).alias("_has_subj")))
    subjectless = (candidate_sentences.filter(finite_word)
                   .select("_s", pl.col("_i").alias("_later"), "_stretch",
                           pl.when(pl.col("deprel").str.starts_with("aux") | (pl.col("deprel") == "cop"))
                           .then(pl.col("_hi")).otherwise(pl.col("_i")).alias("_clause_head"))
                   .join(candidate_sentences.select(pl.col("_i").alias("_clause_head"),
                                                    pl.col("deprel").alias("_head_rel")),
                         on="_clause_head", how="left")
                   .join(with_subject, on="_clause_head", how="left")
                   .filter(~pl.col("_has_subj").fill_null(False) & (pl.col("_head_rel") != "conj").fill_null(True))
                   .select("_s", "_later", "_stretch"))
    subject_before = (candidate_sentences.filter((pl.col("deprel") == "nsubj") & (pl.col("_i") < pl.col("_hi"))
                                                 & pl.col("upos").is_in(["NOUN", "PROPN"]))
                      .select(pl.col("_hi").alias("_i"), "_s").unique()
                      .join(first_finite, on="_s")
                      .filter((pl.col("_first_finite") == pl.col("_i"))
                              | (pl.col("_first_finite_head") == pl.col("_i")).fill_null(False))
                      .join(subjectless.join(candidate_sentences.select("_s", "_i", "_stretch"), on=["_s", "_stretch"])
                            .filter(pl.col("_later") > pl.col("_i")).select("_i").unique(),
                            on="_i", how="anti")
                      .select("_i", "_first_finite").unique("_i").with_columns(pl.lit(True).alias("_own_subject")))
    found = found.join(subject_before, on="_i", how="left", maintain_order="left")
    # (an auxiliary the parser hung on the verb from before the incise's opening punctuation is not its own: "Des
    # conférences auront toujours lieu, a affirmé Sanders": "auront" → "affirmé")
    own_subject = (pl.col("_own_subject").fill_null(False) & ~by_clitic & ~pl.col("_clause")
                   & (pl.col("_first_finite") >= pl.col("_first_i")).fill_null(True))
    found = found.filter(pl.col("_first_i").is_not_null() & (by_clitic | pl.col("_subj_ok")) & ~first_second
                         & ~reports_infinitive & ~own_subject)
    found = found.with_columns(pl.when(by_clitic).then(None).otherwise(pl.col("_subj")).alias("_subj"))
    edges = right_edge(words, found["_subj"].drop_nulls())
    # the incise ends with its subject: only a complement of the verb ("à l'AFP") or a relative clause may follow
    # before the next punctuation, no conjunction or other finite verb (", écrit un journal et fait part de…" is a
    # verb and its object)
    finite_verb = ((pl.col("verbform") == "Fin") & ~pl.col("deprel").is_in(["acl:relcl", "cop"])
                   & ~pl.col("deprel").str.starts_with("aux"))
    scope = scope.with_columns((pl.col("upos").is_in(["CCONJ", "SCONJ"]) | finite_verb.fill_null(False))
                               .cast(pl.Int32).cum_sum().alias("_blocking"))
    ahead = scope.select(pl.col("_i").alias("_edge"), pl.col("_blocking").alias("_b_edge"),
                         pl.coalesce(value_at("_blocking", next_where(pl.col("upos") == "PUNCT")),
                                     value_at("_blocking", pl.col("_last"))).alias("_b_punct"))
    ends = (edges.rename({"_i": "_subj"}).join(ahead, on="_edge", how="left")
            .with_columns((pl.col("_b_punct") == pl.col("_b_edge")).alias("_closed")))
    found = found.join(ends.select("_subj", "_edge", "_closed"), on="_subj", how="left").filter(
        pl.col("_subj").is_null() | pl.col("_closed").fill_null(False))
    return (found
            .select("_first_i",
                    pl.coalesce("_edge", pl.when(pl.col("_clitic_after")).then(pl.col("_clitic_end")), "_i")
                    .alias("_last_i"),
                    pl.col("_subj").cast(pl.Int64), "_clause"))


def vague_phrases(words: pl.DataFrame, nouns: pl.Series, lists: dict[str, frozenset[str]],
                  groups: frozenset[str] = frozenset(), indefinite: pl.DataFrame | None = None) -> pl.DataFrame:
    """``_i, _first_i, _last_i, _informant`` for the nouns that head a vague noun phrase.

    Vague: a determiner or adjective of ``vague_determiner`` ("des", "certains", "plusieurs", "de
    nombreux") among the noun's dependents before it, or a definite plural of an ``informant_noun``
    ("les experts"); the "de les" the tokeniser may make of an indefinite "des" counts as "des". Numeral nouns
    ("des milliers de…") are approximators, and documents ("une étude", "une analyse") sources that do not
    speak: neither is an unnamed speaker. A partitive pronoun
    ("l'un d'eux", :func:`_partitives`) heads one too, and so does a noun that leaves its informant unnamed by what
    it says (``anonymous_noun`` of ``hedge_rule_words.tsv``: "source") with a definite or demonstrative determiner,
    singular too ("selon cette source", "selon la source française proche de l'enquête"; ``_anonymous``, tenth
    round). ``groups``: more nouns whose definite plural is vague here (``speaking_group`` for the subjects of
    verbs of saying: "les médias locaux signalent que…"). ``indefinite``: the words' :func:`indefinite_speakers`
    (computed here when not given).
    """
    found = words.filter(pl.col("_i").is_in(nouns.unique().implode()))
    heads = found.filter((pl.col("upos") == "NOUN") & ~in_list("_lemma", lists["number_word"])
                         & ~noun_in(lists["document_noun"]))
    informant = lists["informant_noun"]
    heads = heads.with_columns(noun_in(informant).alias("_informant"), noun_in(informant | groups).alias("_group"),
                               noun_in(rule_words()["anonymous_noun"]).alias("_anonymous"),
                               ((pl.col("number") == "Plur") | pl.col("_raw").str.contains(r"[sx]$"))
                               .alias("_plural"))
    before = words.filter(pl.col("_hi").is_in(heads["_i"].implode()) & (pl.col("_i") < pl.col("_hi"))
                          & pl.col("deprel").is_in(["det", "amod", "nummod"]))
    # the indefinite "des" the tokeniser split into "de les" right after a preposition ("selon des riverains") is
    # vague; after a noun it is the definite "de les" ("aux yeux des ministres")
    # (the word table's rows are its indices ``_i``: the neighbours are gathered, not joined)
    last = words.height - 1
    split_des = (words.filter(pl.col("_hi").is_in(heads["_i"].implode()) & (pl.col("deprel") == "case")
                              & (pl.col("_lemma") == "de") & (pl.col("_i") > 0) & (pl.col("_i") < last))
                 .select("_i", "_hi", "_s"))
    around = {f"{column}{k:+d}": words[column].gather(split_des["_i"] + k)
              for column, k in (("upos", -1), ("_s", -1), ("_form", 1), ("_hi", 1), ("_s", 1))}
    split_des = (split_des.with_columns(**around)
                 .filter((pl.col("upos-1") == "ADP") & (pl.col("_s-1") == pl.col("_s")) & (pl.col("_form+1") == "les")
                         & (pl.col("_hi+1") == pl.col("_hi")) & (pl.col("_s+1") == pl.col("_s")))
                 .select("_i", "_hi"))
    vague = pl.concat([before.filter(in_list("_lemma", lists["vague_determiner"])).select("_i", "_hi"), split_des]
                      ).group_by(pl.col("_hi").alias("_i")).agg(pl.col("_i").min().alias("_det"))
    definite = before.filter((pl.col("deprel") == "det") & in_list("_lemma", lists["definite_determiner"])).group_by(
        pl.col("_hi").alias("_i")).agg(pl.col("_i").min().alias("_def"))
    first = before.group_by(pl.col("_hi").alias("_i")).agg(pl.col("_i").min().alias("_first_i"))
    heads = (heads.join(vague, on="_i", how="left").join(definite, on="_i", how="left")
             .join(first, on="_i", how="left")
             .filter(pl.col("_det").is_not_null()
                     | (pl.col("_def").is_not_null() & pl.col("_plural") & pl.col("_group"))
                     # an informant unnamed by what the noun says, with a definite or demonstrative determiner too
                     # ("selon cette source", "selon la source française proche de l'enquête"; tenth round)
                     | (pl.col("_def").is_not_null() & pl.col("_anonymous")))
             .select("_i", "_first_i", "_informant"))
    phrases = pl.concat([heads, _partitives(words, found, lists)])
    edges = right_edge(words, phrases["_i"])
    # (a bare indefinite pronoun of people, "pour certains", "a écrit quelqu'un": its own words, whichever of them
    # the parser made the head; fourteenth session)
    indefinite = (indefinite_speakers(words) if indefinite is None else indefinite).filter(
        pl.col("_i").is_in(found["_i"].implode()))
    return pl.concat([phrases.join(edges, on="_i").select("_i", "_first_i", pl.col("_edge").alias("_last_i"),
                                                           "_informant"), indefinite]).unique("_i", keep="first",
                                                                                              maintain_order=True)


def _phrase_words(phrase: str) -> tuple[str, ...]:
    """The normal forms of a phrase's words as the tokeniser splits them ("quelqu'un d'autre" → quelque, un, de,
    autre: an elided word keeps its apostrophe and is restored by :func:`normal_word`)."""
    return tuple(normal_word(word) for word in re.findall(r"[^\s']+'|[^\s']+", phrase.replace("\u2019", "'")))


#: Parts of speech after an indefinite pronoun that make it a determiner or a quantifier of what follows
#: ("certains analystes", "plusieurs autres", "beaucoup trop de gens"), not a pronoun of people.
NOT_AFTER_PRONOUN: frozenset[str] = frozenset({"NOUN", "PROPN", "NUM", "ADJ", "ADV"})


def indefinite_speakers(words: pl.DataFrame) -> pl.DataFrame:
    """``_i, _first_i, _last_i, _informant``: the bare indefinite pronouns of people (``indefinite_speaker`` of
    ``hedge_rule_words.tsv``: "certains", "plusieurs", "beaucoup", "d'autres", "un autre", "quelqu'un (d'autre)"),
    one row for each of their words, so that whichever word the parser made the head (or the subject) finds the
    phrase. Such a pronoun leaves the people it takes unnamed: when they say or think something it is an unnamed
    source (guide §3; set23's adjudication, recurring decision 6: "a écrit quelqu'un", "Un autre a fait des
    commentaires", "dont beaucoup disent"; set20 "Pour certains, …", set21 "qualifié d'autocrate par d'autres";
    Riegel, Pellat & Rioul 2018, ch. VII, the indefinite pronouns). Not before a noun, an adjective, a numeral or an
    adverb (a determiner or quantifier: "certains analystes", "beaucoup trop de gens") nor before a complement in
    "de" ("certains d'entre eux", "beaucoup de gens": the partitive and noun rules' phrases); a "ne" may follow
    ("certains ne croient pas")."""
    empty = pl.DataFrame(schema={"_i": pl.Int64, "_first_i": pl.Int64, "_last_i": pl.Int64, "_informant": pl.Boolean})
    phrases = sorted({_phrase_words(phrase) for phrase in rule_words()["indefinite_speaker"]}, key=len, reverse=True)
    starts = words.filter(pl.col("_form").is_in(sorted({phrase[0] for phrase in phrases})))
    if starts.height == 0:
        return empty
    scope = sentences_of(words, starts["_i"])
    hits = [scope.filter(pl.all_horizontal([at("_form", k) == word for k, word in enumerate(phrase)]).fill_null(False))
            .select(pl.col("_i").alias("_first_i"), (pl.col("_i") + len(phrase) - 1).alias("_last_i"))
            for phrase in phrases]
    found = pl.concat(hits).sort("_last_i", descending=True).unique("_first_i", keep="first")
    after = scope.select(pl.col("_i").alias("_last_i"), at("upos", 1).cast(pl.String).alias("_next_upos"),
                         at("_form", 1).alias("_next_form"))
    pronoun = ~(pl.col("_next_upos").is_in(sorted(NOT_AFTER_PRONOUN)) & (pl.col("_next_form") != "ne")).fill_null(
        False) & ~pl.col("_next_form").is_in(["de", "des", "du"]).fill_null(False)
    found = found.join(after, on="_last_i").filter(pronoun)
    if found.height == 0:
        return empty
    return (found.with_columns(pl.int_ranges("_first_i", pl.col("_last_i") + 1).alias("_i")).explode("_i")
            .select(pl.col("_i").cast(pl.Int64), pl.col("_first_i").cast(pl.Int64), pl.col("_last_i").cast(pl.Int64),
                    pl.lit(True).alias("_informant")))


def indefinite_subjects(words: pl.DataFrame, lists: dict[str, frozenset[str]],
                        indefinite: pl.DataFrame | None = None) -> pl.DataFrame:
    """Unnamed sources: a bare indefinite pronoun of people (:func:`indefinite_speakers`) as the subject of a verb of
    saying or thinking, read in the word order (the parser tags "beaucoup" an adverb, splits "quelqu'un" in two and
    hangs either anywhere): the next word past a "ne", object clitics, auxiliaries and adverbs is a verb of
    :func:`saying_words` ("Plusieurs croient que …", "dont beaucoup disent que …", "certains ne croient pas …",
    "d'autres l'ont confirmé"), and the pronoun is no object or complement: no verb, auxiliary or preposition right
    before it ("il en a convaincu certains", "pour certains" is a source marker's object). Guide §3 (unnamed_source:
    a speaker left unnamed); set23's adjudication, recurring decision 6; set8, set17, set20. ``indefinite``: the
    words' :func:`indefinite_speakers` (computed here when not given)."""
    indefinite = indefinite_speakers(words) if indefinite is None else indefinite
    phrases = indefinite.select("_first_i", "_last_i").unique()
    if phrases.height == 0:
        return no_spans()
    saying = saying_words(words, lists)
    scope = positioned(sentences_of(words, phrases["_first_i"]))
    passed = ((pl.col("upos") == "AUX") | (pl.col("upos") == "ADV")
              | ((pl.col("upos") == "PRON") & ~pl.col("deprel").cast(pl.String).str.starts_with("nsubj")))
    scope = scope.with_columns(next_where(~passed).alias("_verb"), at("upos", -1).cast(pl.String).alias("_before"))
    verbs = scope.select(pl.col("_i").alias("_last_i"), "_verb")
    before = scope.select(pl.col("_i").alias("_first_i"), "_before")
    found = (phrases.join(verbs, on="_last_i").join(before, on="_first_i")
             .filter(pl.col("_verb").is_in(saying.implode())
                     & ~pl.col("_before").is_in(["VERB", "AUX", "ADP"]).fill_null(False)))
    return span_rows(found, words, "unnamed_source", pl.lit("rule: unnamed indefinite subject of a verb of saying"))


def _partitives(words: pl.DataFrame, found: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """``_i, _first_i, _informant`` for the indefinite pronouns among the words ``found`` that take one or some of a
    group of people, who are thereby left unnamed: "un des démissionnaires", "l'un d'eux", "certains d'entre eux"
    (``partitive_pronoun`` of ``hedge_rule_words.tsv`` with a complement in *de*; Riegel, Pellat & Rioul 2018,
    ch. VII, the indefinite pronouns). A group of documents or of numbers ("un des rapports") is no speaker."""
    partitive = rule_words()["partitive_pronoun"]
    pronouns = found.filter((pl.col("upos") == "PRON")
                            & (in_list("_lemma", partitive) | in_list("_form", partitive)))
    empty = pl.DataFrame(schema={"_i": pl.Int64, "_first_i": pl.Int64, "_informant": pl.Boolean})
    if pronouns.height == 0:
        return empty
    kids = words.filter(pl.col("_hi").is_in(pronouns["_i"].implode()))
    groups = kids.filter((pl.col("_i") > pl.col("_hi")) & pl.col("deprel").str.starts_with("nmod")
                         & ~in_list("_lemma", lists["number_word"]) & ~noun_in(lists["document_noun"]))
    with_de = words.filter(pl.col("_hi").is_in(groups["_i"].implode()) & (pl.col("deprel") == "case")
                           & (pl.col("_lemma") == "de"))["_hi"]
    speakers = groups.filter(pl.col("_i").is_in(with_de.implode()))["_hi"]
    if speakers.len() == 0:
        return empty
    left = (kids.filter((pl.col("_i") < pl.col("_hi")) & (pl.col("deprel") == "det"))
            .group_by(pl.col("_hi").alias("_i")).agg(pl.col("_i").min().alias("_det")))
    return (pronouns.filter(pl.col("_i").is_in(speakers.implode())).join(left, on="_i", how="left")
            .select("_i", pl.coalesce("_det", "_i").alias("_first_i"), pl.lit(True).alias("_informant")))


def speaking_subjects(words: pl.DataFrame, lists: dict[str, frozenset[str]],
                      indefinite: pl.DataFrame | None = None) -> pl.DataFrame:
    """Unnamed sources: vague noun phrases that are the (preverbal) subject of a verb of saying.

    An informant noun qualifies with any verb of saying ("les experts expliquent ce facteur par…");
    another noun only when the verb reports a clause (a que-clause, an infinitive, a colon or a
    quotation after it: "certains wikipédiens estiment que…", "des scientifiques affirment avoir…"),
    and in the singular only a noun of a person or an institution ("un ancien guide a indiqué :", not
    "une comparaison des études a révélé que…"); a partitive pronoun ("l'un d'eux affirme que…") is one of a
    group of people. ``indefinite``: the words' :func:`indefinite_speakers` (computed where needed when not given).
    """
    saying = saying_words(words, lists).implode()
    partitive = (pl.col("upos") == "PRON") & (in_list("_lemma", rule_words()["partitive_pronoun"])
                                              | in_list("_form", rule_words()["partitive_pronoun"]))
    subjects = words.filter(pl.col("deprel").is_in(["nsubj"]) & ((pl.col("upos") == "NOUN") | partitive)
                            & pl.col("_hi").is_in(saying) & (pl.col("_i") < pl.col("_hi")))
    if subjects.height == 0:
        return no_spans()
    phrases = vague_phrases(words, subjects["_i"], lists, rule_words()["speaking_group"], indefinite)
    verbs = subjects.join(phrases, on="_i").select("_i", "_first_i", "_last_i", "_informant", "_hi")
    scope = sentences_of(words, verbs["_hi"])
    clausal_kid = (scope.filter(pl.col("_hi").is_in(verbs["_hi"].implode()) & (pl.col("_i") > pl.col("_hi"))
                                & pl.col("deprel").is_in(["ccomp", "xcomp", "parataxis"]))
                   .select(pl.col("_hi")).unique().with_columns(pl.lit(True).alias("_clausal")))
    then = scope.with_columns(pl.any_horizontal([(at("_form", k) == ":") | (at("upos", k) == "SCONJ")
                                                 | at("_form", k).is_in(sorted(OPENING_MARKS))
                                                 for k in (1, 2)]).fill_null(False).alias("_then"))
    people = sorted(lists["person_noun"] | lists["viewpoint_noun"])
    kind = words.select("_i", ((pl.col("number") == "Plur") | pl.col("_raw").str.contains(r"[sx]$")).alias("_plural"),
                        (in_list("_lemma", frozenset(people)) | in_list("_form", frozenset(people))).alias("_person"))
    reports = pl.col("_clausal").fill_null(False) | pl.col("_then").fill_null(False)
    verbs = (verbs.join(clausal_kid, on="_hi", how="left")
             .join(then.select(pl.col("_i").alias("_hi"), "_then"), on="_hi", how="left").join(kind, on="_i")
             .filter(pl.col("_informant") | (reports & (pl.col("_plural") | pl.col("_person")))))
    return span_rows(verbs, words, "unnamed_source", pl.lit("rule: unnamed subject of a verb of saying"))


def speaking_agents(words: pl.DataFrame, lists: dict[str, frozenset[str]],
                    indefinite: pl.DataFrame | None = None) -> pl.DataFrame:
    """Unnamed sources: a vague noun phrase of a person (or a partitive pronoun) or an informant in *par* after the
    past participle of a verb of saying or judging, the agent of its passive ("décrit comme « … » par un ami
    d'enfance", "confiés par une source", "qualifiée de brillante par tous les observateurs"): who said it, left
    unnamed (guide §3). A person
    (``person_noun``) or an informant only: the gold is split on institutions ("dénoncée par des associations", set13,
    annotated; "critiqués par des ONG", set12, not).

    The parser hangs such an agent anywhere (obl:agent, obl:mod, nmod of the attribute), so it is read in word order:
    the noun that *par* introduces, the sentence's previous verb a participle of ``speech_verb``, no finite verb
    between them (``"… par des experts"`` after "a été approuvé" is no speech; "Il a décrit la scène, puis est parti
    par le train" has a finite verb between). ``indefinite``: the words' :func:`indefinite_speakers` (computed here
    when not given)."""
    heads = words.filter((pl.col("deprel") == "case") & (pl.col("_lemma") == "par"))["_hi"].drop_nulls()
    # (only the vague phrases among them are read in their sentences)
    indefinite = indefinite_speakers(words) if indefinite is None else indefinite
    phrases = vague_phrases(words, heads, lists, indefinite=indefinite)
    heads = phrases["_i"]
    if heads.len() == 0:
        return no_spans()
    # (a passive participle or one alone, "écrit par", not the active past tense: "a dénoncé le recours à la force par
    # des policiers" hangs the "par" on its object)
    passive = words.filter(pl.col("deprel") == "aux:pass")["_hi"]
    active = words.filter((pl.col("deprel") == "aux:tense") & (pl.col("_lemma") == "avoir")
                          & ~pl.col("_hi").is_in(passive.implode()))["_hi"]
    # (a work "écrit par des journalistes" names its authors, ``authorship_verb``, not who reports a claim)
    said = ((pl.col("upos") == "VERB") & (pl.col("verbform") == "Part") & in_list("_lemma", lists["speech_verb"])
            & ~in_list("_lemma", rule_words()["authorship_verb"]) & ~pl.col("_i").is_in(active.implode()))
    scope = positioned(sentences_of(words, heads)).with_columns(said.fill_null(False).alias("_said"))
    verb = previous_where(pl.col("upos") == "VERB")
    finite = previous_where((pl.col("verbform") == "Fin") & (pl.col("upos") == "VERB"))
    # (the parser may tag the pronoun of "par d'autres" an adjective: the indefinite pronouns count by their words)
    pronouns = indefinite["_i"]
    agents = scope.with_columns(verb.alias("_verb"), finite.alias("_finite")).filter(
        pl.col("_i").is_in(heads.implode()) & (pl.col("upos").is_in(["NOUN", "PRON"]) | pl.col("_i").is_in(
            pronouns.implode()))
        & value_at("_said", pl.col("_verb")).fill_null(False)
        & (pl.col("_finite").is_null() | (pl.col("_finite") <= pl.col("_verb"))))
    if agents.height == 0:
        return no_spans()
    phrases = phrases.filter(pl.col("_i").is_in(agents["_i"].implode()))
    people = words.filter(pl.col("_i").is_in(phrases["_i"].implode())).select(
        "_i", (noun_in(lists["person_noun"]) | (pl.col("upos") == "PRON")).alias("_person"))
    kept = phrases.join(people, on="_i").filter(pl.col("_person") | pl.col("_informant"))
    return span_rows(kept, words, "unnamed_source", pl.lit("rule: unnamed agent of a verb of saying"))

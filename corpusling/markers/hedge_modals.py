"""Epistemic *pouvoir* / *devoir* told from their root readings: an ordered table of named rules.

Each pouvoir / devoir with an infinitive gets features read from the dependency tree (tense, subject,
complement, an explicit condition); the first row of :data:`MODAL_RULES` whose conditions hold decides,
and names itself in the output (after Kronning 1996 and Gosselin 2010; the guide's §3).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from corpusling.lexicons import load_hedge_context
from corpusling.markers.hedge_words import (
    agentive_nouns,
    at,
    in_list,
    next_where,
    no_spans,
    positioned,
    previous_where,
    rule_words,
    sentences_of,
    span_rows,
    value_at,
    word_table,
)

#: Punctuation that ends the clause a si opens (its protasis).
CLAUSE_ENDS: frozenset[str] = frozenset({",", ";", ":", "(", ")", "—", "–", "."})

#: How far after pouvoir / devoir its infinitive may come when the parser did not attach it to the modal
#: ("qui devrait, dans quelques jours, être arrimée").
MODAL_REACH = 6


@dataclass(frozen=True)
class ModalRule:
    """One row of :data:`MODAL_RULES`: conditions on a modal's features (None: any) and the reading.

    ``tenses``: conditional, past_conditional, future, imperfect, present, participle (pouvant),
    other (infinitive, passé composé, subjunctive); ``subjects``: speaker (je, tu, nous, vous, on),
    impersonal (il + s'agir, y avoir…), thing (a noun that names no person, institution or
    document; cela), agent (a person, an institution, a proper noun), pronoun (il, elle…:
    unknown), proposition (cela, ça, ce qui: an event or a fact, never an agent), none; ``complements``
    (the infinitive): passive, agent_passive (a passive with its "par" agent, obl:agent), perfect (avoir/être +
    participle), copula (être + attribute), ability (pouvoir: "devraient pouvoir choisir"), active;
    ``condition``: an explicit condition bears on the modal (in the sentence, not inside a si-clause that
    holds the modal); ``negated``: a "ne" on the modal (ne … pas, ne … que); ``relative``: the modal opens a
    relative clause whose subject is inverted ("l'impact qu'aurait pu avoir le pollen"); ``clauses``: the clause
    the modal heads, read from the tree: si (it bears a "si": "si ce collègue pouvait avoir"),
    relative (a relative clause: acl:relcl, or a relative pronoun hangs on it: "une technologie qui pouvait la
    sauver", "dont la couleur pourra passer"), wish (the complement of a
    verb of wishing, ``wish_verb`` of ``hedge_rule_words.tsv``: "j'espère que ce commentaire pourra prouver"),
    opinion (the complement of a verb of opinion, ``opinion_verb``: "nous pensons que l'Australie devrait avoir";
    read in the word order too, where the parser lost the tree), other.
    """

    name: str
    epistemic: bool
    example: str
    lemma: str | None = None
    tenses: frozenset[str] | None = None
    subjects: frozenset[str] | None = None
    complements: frozenset[str] | None = None
    condition: bool | None = None
    negated: bool | None = None
    relative: bool | None = None
    clauses: frozenset[str] | None = None


def _rule(name: str, epistemic: bool, example: str, lemma: str | None = None, tenses: str | None = None,
          subjects: str | None = None, complements: str | None = None, condition: bool | None = None,
          negated: bool | None = None, relative: bool | None = None, clauses: str | None = None) -> ModalRule:
    def values(text: str | None) -> frozenset[str] | None:
        return frozenset(text.split()) if text else None

    return ModalRule(name, epistemic, example, lemma, values(tenses), values(subjects), values(complements), condition,
                     negated, relative, values(clauses))


#: Epistemic (possibility, probability) or root (ability, permission, obligation, advice) reading of
#: pouvoir / devoir + infinitive: the first row whose conditions hold decides. The conditional of a third
#: person states a probability (the guide's "le bilan pourrait s'alourdir", "il devrait être élu"; Kronning
#: 1996, Gosselin 2010); other tenses are root unless the subject cannot act (a thing, an impersonal il) or
#: the infinitive is perfect ("il doit avoir oublié"); a past conditional is a counterfactual, what did not happen
#: ("aurait pu s'interroger", "le bilan aurait pu être plus lourd", guide §1; but an impersonal "il aurait pu
#: s'agir de" weighs a possibility), unless it opens a relative clause with its subject
#: inverted, the guide's "might have" ("l'impact qu'aurait pu avoir le pollen"); an explicit condition turns
#: devoir into necessity; a negated pouvoir outside the conditional denies an ability or a permission ("ne
#: pourra pas se sortir de la crise") or restricts one ("ne peuvent qu'être"). The clause counts too: a modal in
#: the indicative that bears a "si" is part of a supposition or of an indirect question ("si ce collègue pouvait
#: avoir…", "savoir si ces mutations peuvent se transmettre"), which asserts no likelihood; a thing's
#: future or imperfect pouvoir in a relative clause describes what the thing is able to do ("une technologie qui
#: pouvait la sauver", "un nombre dont la couleur pourra passer du vert au bleu"), and pouvoir in what someone
#: wishes for ("j'espère que ce commentaire pourra prouver…") is the ability wished for, not a probability. The
#: conditional devoir of an agent's action in what someone thinks ("nous pensons que l'Australie devrait avoir un
#: Australien comme chef d'État", "le gouvernement estime que les organisations devraient supporter des impôts") is
#: the holder's advice, what should be done (Kronning 1996's deontic devoir; Gosselin 2010), not a forecast.
MODAL_RULES: tuple[ModalRule, ...] = (
    _rule("speaker_subject", False, "je pourrais, vous devriez partir, on peut noter", subjects="speaker"),
    _rule("in_si_clause", False, "si ce collègue pouvait avoir des difficultés, s'il peut venir",
          tenses="present imperfect", clauses="si"),
    _rule("devoir_under_condition", False, "à défaut, il devrait enlever tous les autres Etats", lemma="devoir",
          condition=True),
    _rule("pouvoir_under_condition", False, "si tout se passe comme prévu, les tests pourront démarrer",
          lemma="pouvoir", tenses="future present imperfect", condition=True),
    _rule("pouvoir_negated", False, "le système ne pourra pas se sortir de la crise, il ne pourra plus y avoir de "
          "suspension", lemma="pouvoir", tenses="future present imperfect participle other", negated=True),
    _rule("devoir_counterfactual", False, "cette demande aurait dû être introduite, ils auraient dû s'inquiéter",
          lemma="devoir", tenses="past_conditional"),
    _rule("past_conditional_relative", True, "l'impact qu'aurait pu avoir le pollen, où aurait pu trouver refuge "
          "la jeune fille", tenses="past_conditional", condition=False, relative=True),
    # (any complement: "le bilan aurait pu être beaucoup plus grave", "sa dépouille aurait pu être instrumentalisée"
    # say what did not happen, as the active does; tenth round, set11, set13)
    # (a passive with its "par" agent weighs the cause of what did happen, the guide's "might have": "l'incendie
    # aurait pu être causé par un court-circuit"; the agentless one says what did not, "sa dépouille aurait pu être
    # instrumentalisée", row 'counterfactual')
    _rule("past_conditional_agent_passive", True, "l'incendie aurait pu être causé par un court-circuit",
          tenses="past_conditional", complements="agent_passive"),
    # (the impersonal "il aurait pu s'agir de…" is left to row 'impersonal'; the speaker's to 'speaker_subject')
    _rule("counterfactual", False, "ce documentaire aurait pu s'interroger, le bilan aurait pu être plus lourd",
          tenses="past_conditional", subjects="agent pronoun thing proposition none"),
    _rule("devoir_advised", False, "nous pensons que l'Australie devrait avoir un Australien comme chef d'État",
          lemma="devoir", tenses="conditional", subjects="agent", complements="active", clauses="opinion"),
    # (devoir of being able says what should be made possible, not what is likely: "les consommateurs devraient
    # pouvoir choisir leurs fournisseurs", "l'activité … doit pouvoir être vérifiable"; set19, set22)
    _rule("devoir_ability", False, "les consommateurs devraient pouvoir choisir", lemma="devoir",
          complements="ability"),
    _rule("conditional", True, "le bilan pourrait s'alourdir, il devrait être élu", tenses="conditional"),
    _rule("devoir_future", False, "l'hébergeur devra retirer la page", lemma="devoir", tenses="future"),
    _rule("devoir_imperfect", False, "28 personnes devaient participer, il devait y avoir un débat (a plan)",
          lemma="devoir", tenses="imperfect other"),
    _rule("agentless_passive", False, "une attention doit être apportée, ils pourront être échangés, des scripts "
          "pouvant être utilisés", tenses="future present imperfect participle", complements="passive agent_passive"),
    _rule("impersonal", True, "il peut s'agir de, il peut y avoir", subjects="impersonal"),
    _rule("devoir_perfect", True, "il doit avoir oublié", lemma="devoir", tenses="present", complements="perfect"),
    _rule("pouvoir_proposition", True, "ce qui a pu permettre aux députés de…, cela peut expliquer",
          lemma="pouvoir", subjects="proposition"),
    _rule("pouvoir_thing_copula", True, "l'augmentation des phénomènes extrêmes peut être le résultat de ce changement",
          lemma="pouvoir", tenses="present", subjects="thing", complements="copula"),
    _rule("pouvoir_thing_relative", False, "une technologie qui pouvait la sauver, un nombre dont la couleur pourra "
          "passer du vert au bleu", lemma="pouvoir", tenses="future imperfect", subjects="thing", clauses="relative"),
    _rule("pouvoir_wished", False, "j'espère que ce commentaire pourra prouver que…", lemma="pouvoir",
          tenses="future present imperfect", clauses="wish"),
    _rule("pouvoir_thing", True, "le bilan pouvait s'alourdir, une brise pourra rafraîchir l'atmosphère, "
          "des territoires pouvant basculer", lemma="pouvoir", tenses="future imperfect participle", subjects="thing"),
    _rule("root", False, "les daltoniens peuvent distinguer, le gouvernement doit utiliser"),
)


def _cue_hits(scope: pl.DataFrame, cues: frozenset[str]) -> pl.DataFrame:
    """``_s, _i``: where each cue phrase ("si/SCONJ", "à défaut") starts in ``scope``.

    Each phrase is looked for from the words that match its first word, its other words checked by a join.
    """
    def matches(word: str, upos: str) -> pl.Expr:
        test = (pl.col("_form") == word) | (pl.col("_lemma") == word)  # lemma: "A défaut" (accentless capital)
        return test & (pl.col("upos") == upos.upper()) if upos else test

    found = [scope.select("_s", "_i").clear()]
    for cue in sorted(cues):
        parts = [item.partition("/")[::2] for item in cue.split()]
        hits = scope.filter(matches(*parts[0])).select("_s", "_i")
        for k, (word, upos) in enumerate(parts[1:], start=1):
            later = scope.filter(matches(word, upos)).select("_s", (pl.col("_i") - k).alias("_i"))
            hits = hits.join(later, on=["_i", "_s"], how="semi")
        found.append(hits)
    return pl.concat(found).unique()


def _under_condition(scope: pl.DataFrame, modals: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """``_i, _condition``: whether a condition of the sentence bears on each modal.

    A ``condition_cue`` ("à défaut", "faute de", "sinon") conditions its whole sentence; a ``protasis_cue``
    ("si", "au cas où") opens the clause of the condition itself, which runs to the next punctuation: a modal
    inside it ("Si Moody's estime que leur note ne devrait pas baisser, …") is part of the condition, not its
    consequence.
    """
    protasis = rule_words()["protasis_cue"]
    edges = scope.select("_i", next_where(pl.col("_form").is_in(sorted(CLAUSE_ENDS)))
                                     .fill_null(pl.col("_last") + 1).alias("_to"))
    cues = pl.concat([
        _cue_hits(scope, lists["condition_cue"] - protasis).with_columns(pl.lit(None, pl.Int64).alias("_to")),
        _cue_hits(scope, protasis).join(edges, on="_i")])
    bearing = (modals.select("_i", "_s").join(cues.rename({"_i": "_cue"}), on="_s")
               .filter(pl.col("_to").is_null() | ~((pl.col("_cue") < pl.col("_i")) & (pl.col("_i") < pl.col("_to")))))
    return modals.select("_i", pl.col("_i").is_in(bearing["_i"].implode()).alias("_condition"))


def _detached_complements(scope: pl.DataFrame, modals: pl.DataFrame) -> pl.DataFrame:
    """``_i, _c``: the complement of a finite modal the parser left without one: the first infinitive within
    :data:`MODAL_REACH` words after it, with no finite verb between and no marker of its own (an infinitive
    of purpose, "pour aider", is no complement); an infinitive auxiliary ("être arrimée") stands for its verb.
    A participle ("des hôtels pouvant accueillir") is left as the parser has it."""
    marked = scope.filter(pl.col("deprel") == "mark")["_hi"].drop_nulls().implode()
    infinitive = (pl.col("verbform") == "Inf") & ~pl.col("_i").is_in(marked)
    found = (scope.with_columns(next_where(infinitive).alias("_inf"), next_where(pl.col("verbform") == "Fin")
                                .alias("_fin"))
             .filter(pl.col("_i").is_in(modals["_i"].implode()) & (pl.col("verbform") == "Fin")
                     & (pl.col("_inf") - pl.col("_i") <= MODAL_REACH)
                     & (pl.col("_fin").is_null() | (pl.col("_fin") > pl.col("_inf")))))
    verb = scope.select(pl.col("_i").alias("_inf"), pl.when(pl.col("deprel").str.starts_with("aux"))
                        .then(pl.col("_hi")).otherwise(pl.col("_i")).alias("_c"))
    return found.select("_i", "_inf").join(verb, on="_inf").select("_i", "_c").drop_nulls()


def _modal_features(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """One row per pouvoir / devoir with an infinitive: ``_i, _first_i, lemma, tense, subject, complement, condition``.

    Read from the dependency tree: the complement is the modal's first xcomp / cop / infinitive
    dependent to its right (or its head when the parser made the modal an auxiliary); the
    subject its nsubj or expl:subj (a relative "qui" stands for the noun the clause modifies).
    """
    modal = in_list("_lemma", lists["epistemic_modal"]) & pl.col("upos").is_in(["VERB", "AUX"])
    candidates = words.filter(modal)
    if candidates.height == 0:
        return pl.DataFrame()
    words_of_rules = rule_words()
    scope = positioned(sentences_of(words, candidates["_i"]))
    modals = scope.filter(modal)
    modals = modals.join(_under_condition(scope, modals, lists), on="_i")
    kids = scope.filter(pl.col("_hi").is_in(modals["_i"].implode()))
    as_aux = modals.filter(pl.col("deprel").str.starts_with("aux")).select("_i", pl.col("_hi").alias("_c"))
    complement = (kids.filter((pl.col("_i") > pl.col("_hi"))
                              & (pl.col("deprel").is_in(["xcomp", "cop"]) | (pl.col("verbform") == "Inf")))
                  .sort("_i").group_by("_hi").first().select(pl.col("_hi").alias("_i"), pl.col("_i").alias("_c")))
    complement = pl.concat([complement, as_aux.join(complement, on="_i", how="anti")])
    complement = pl.concat([complement, _detached_complements(scope, modals).join(complement, on="_i", how="anti")])
    attrs = scope.select(pl.col("_i").alias("_c"), pl.col("upos").alias("_c_upos"),
                         pl.col("_lemma").alias("_c_lemma"), pl.col("deprel").alias("_c_deprel"))
    c_kids = scope.filter(pl.col("_hi").is_in(complement["_c"].implode())).group_by(pl.col("_hi").alias("_c")).agg(
        ((pl.col("deprel") == "aux:pass")).any().alias("_passive"),
        (pl.col("deprel") == "obl:agent").any().alias("_by_agent"),
        ((pl.col("deprel") == "aux:tense") & (pl.col("verbform") == "Inf")).any().alias("_perfect"),
        pl.col("_form").alias("_c_kid_forms"))
    m_kids = kids.group_by(pl.col("_hi").alias("_i")).agg(
        (pl.col("deprel") == "cop").any().alias("_cop"),
        pl.col("_i").filter(pl.col("deprel").str.starts_with("aux") & (pl.col("mood") == "Cnd")).first()
        .alias("_cnd_aux"),
        pl.col("_form").alias("_m_kid_forms"))
    # the subject: of the modal, or of its complement when the modal is an auxiliary
    owners = pl.concat([modals.select("_i", pl.col("_i").alias("_o")), as_aux.select("_i", pl.col("_c").alias("_o"))])
    # negated: a "ne" before the modal hangs on it (or on the verb it is the auxiliary of): "ne pourra pas",
    # "ne peuvent qu'être" (a "ne" after it negates the infinitive: "pourrait ne pas être")
    negation = (owners.join(scope.select(pl.col("_hi").alias("_o"), pl.col("_i").alias("_k"), "_form"), on="_o")
                .filter(in_list("_form", lists["negation"] & {"ne"}) & (pl.col("_k") < pl.col("_i")))
                .select("_i", pl.lit(True).alias("_negated")).unique())
    # the clause the modal heads (through the verb it is the auxiliary of): a "si" of condition among its marks,
    # a relative clause, the complement of a verb of wishing or of opinion
    owner_words = owners.join(scope.select(pl.col("_i").alias("_o"), pl.col("deprel").alias("_o_deprel"),
                                           pl.col("_hi").alias("_o_head")), on="_o")
    with_si = (owners.join(scope.select(pl.col("_hi").alias("_o"), "deprel", "_lemma"), on="_o")
               .filter((pl.col("deprel") == "mark") & in_list("_lemma", words_of_rules["condition_mark"]))["_i"])
    # a relative clause the parser attached as acl:relcl, or as a conjunct ("…, dont la couleur pourra passer"):
    # a relative pronoun before the verb hangs on it (a "que" that is a conjunction is its mark)
    with_relative = (owners.join(scope.select(pl.col("_hi").alias("_o"), pl.col("_i").alias("_k"), "deprel", "_form"),
                                 on="_o")
                     .filter(in_list("_form", lists["relative_pronoun"]) & (pl.col("deprel") != "mark")
                             & (pl.col("_k") < pl.col("_o")))["_i"])
    wishing = scope.filter(in_list("_lemma", words_of_rules["wish_verb"]))["_i"]
    thinking = scope.filter(in_list("_lemma", words_of_rules["opinion_verb"]))["_i"]
    # the complement of a verb of opinion read in the word order too, where the parser lost the tree ("le gouvernement
    # estime qu'en tant que moyen …, les organisations qui aident l'immigration devraient supporter"): the last
    # conjunction "que" before the modal comes right after the verb, with no finite verb between them but in a relative
    # clause
    finite = ((pl.col("verbform") == "Fin") & (pl.col("deprel") != "acl:relcl")
              & ~pl.col("deprel").str.starts_with("aux")).fill_null(False)
    last_que = previous_where(in_list("_form", words_of_rules["complement_mark"]) & (pl.col("deprel") == "mark"))
    counted = scope.with_columns(finite.cast(pl.Int32).cum_sum().alias("_finite_n"))
    thought = counted.filter(
        (value_at("_lemma", last_que - 1).is_in(sorted(words_of_rules["opinion_verb"]))
         & (value_at("_finite_n", last_que) == pl.col("_finite_n") - finite.cast(pl.Int32))).fill_null(False)
        & pl.col("_i").is_in(modals["_i"].implode()))["_i"]
    clause = (owner_words.with_columns(
        pl.when(pl.col("_i").is_in(with_si.implode())).then(pl.lit("si"))
        .when((pl.col("_o_deprel") == "acl:relcl") | pl.col("_i").is_in(with_relative.implode()))
        .then(pl.lit("relative"))
        .when((pl.col("_o_deprel") == "ccomp") & pl.col("_o_head").is_in(wishing.implode())).then(pl.lit("wish"))
        .when(((pl.col("_o_deprel") == "ccomp") & pl.col("_o_head").is_in(thinking.implode()))
              | pl.col("_i").is_in(thought.implode()))
        .then(pl.lit("opinion"))
        .otherwise(pl.lit("other")).alias("_clause"))
        .with_columns(pl.col("_clause").replace_strict({"si": 0, "relative": 1, "wish": 2, "opinion": 3, "other": 4})
                      .alias("_order"))
        .sort("_order").group_by("_i").first().select("_i", "_clause"))
    is_subject = pl.col("deprel").str.starts_with("nsubj") | (pl.col("deprel") == "expl:subj")
    subjects = (owners.join(scope.filter(is_subject).select(pl.col("_hi").alias("_o"), pl.col("_i").alias("_subj"),
                                                            pl.col("_form").alias("_subj_form")), on="_o")
                .with_columns(in_list("_subj_form", lists["relative_pronoun"]).alias("_relative"))
                .sort("_relative", "_subj").group_by("_i").first().select("_i", "_subj", "_relative"))
    antecedent = modals.filter(pl.col("deprel").is_in(["acl:relcl", "acl"])).select("_i", pl.col("_hi").alias("_ante"))
    # "ce qui": the relative's antecedent is the pronoun before it, whatever the parser hung the clause on
    neuter = scope.select(pl.col("_i").alias("_subj"), pl.when(in_list("_form", lists["thing_pronoun"]).shift(1)
                                                               & (pl.col("_s").shift(1) == pl.col("_s")))
                          .then(pl.col("_i") - 1).alias("_neuter"))
    # a relative pronoun that is not the subject, right before the modal (or its auxiliary): the subject is
    # inverted ("qu'aurait pu avoir le pollen", "où aurait pu trouver refuge la jeune fille"); the tagger may call
    # that "que" a conjunction, but a conjunction "que" is never followed by its verb without a subject
    object_relative = in_list("_form", lists["relative_pronoun"] - {"qui", "lequel"})
    before = scope.select((pl.col("_i") + 1).alias("_first_i"), object_relative.alias("_relative_before"))
    features = (modals.select("_i", "_s", "_form", "_lemma", "mood", "verbform", "_hi", "_condition")
                .join(complement, on="_i", how="inner")
                .join(attrs, on="_c", how="left").join(c_kids, on="_c", how="left")
                .join(m_kids, on="_i", how="left").join(subjects, on="_i", how="left")
                .join(antecedent, on="_i", how="left").join(negation, on="_i", how="left")
                .join(neuter, on="_subj", how="left").join(clause, on="_i", how="left"))
    # a relative "qui" (or no subject at all in a relative clause) stands for the noun the clause modifies
    chosen = (pl.when(pl.col("_relative").fill_null(False) & pl.col("_neuter").is_not_null()).then("_neuter")
              .when(pl.col("_subj").is_null() | pl.col("_relative").fill_null(False))
              .then(pl.coalesce("_ante", "_subj")).otherwise("_subj"))
    people = pl.any_horizontal(pl.all_horizontal(at("_form", -k) == word for k, word in enumerate(reversed(
        phrase.split()))) for phrase in sorted(words_of_rules["people_phrase"])).fill_null(False)
    who = scope.select(pl.col("_i").alias("_w"), pl.col("_form").alias("_w_form"), pl.col("upos").alias("_w_upos"),
                       pl.col("_lemma").alias("_w_lemma"), people.alias("_w_people"))
    # the parser may miss a pronoun subject: the word before the modal (past "ne"), or an inverted clitic after it
    speaker = lists["speaker_pronoun"]
    pronoun = in_list("_form", speaker) & (pl.col("upos") == "PRON")
    inverted = pl.col("_raw").str.starts_with("-") & pl.col("_raw").str.strip_prefix("-").str.to_lowercase().is_in(
        sorted(speaker))
    near = scope.with_columns(pronoun.alias("_sp"), inverted.alias("_sp_inv")).select(
        "_i", (at("_sp", -1) | (at("_form", -1).is_in(sorted(lists["negation"])) & at("_sp", -2))
               | at("_sp_inv", 1))
        .fill_null(False).alias("_speaker_near"))
    features = (features.join(near, on="_i", how="left").with_columns(chosen.alias("_w")).join(who, on="_w", how="left")
                .with_columns(pl.col(c).fill_null(False) for c in ("_passive", "_by_agent", "_perfect", "_cop")))
    agentive = agentive_nouns(lists)
    noun_agent = (in_list("_w_lemma", agentive) | in_list("_w_form", agentive) | pl.col("_w_people")
                  | pl.col("_w_form").str.replace(r"(..)[sx]$", "$1").is_in(sorted(agentive)))
    # "s'agir", "falloir"; "y avoir": the verb with its clitic among the complement's or the modal's dependents
    verbs = [entry.split() for entry in sorted(lists["impersonal_verb"])]
    with_clitic = [(pl.col("_c_lemma") == verb) & (pl.col("_c_kid_forms").list.contains(clitic).fill_null(False)
                                                   | pl.col("_m_kid_forms").list.contains(clitic).fill_null(False))
                   for clitic, verb in (v for v in verbs if len(v) == 2)]
    impersonal = (in_list("_w_form", lists["impersonal_pronoun"])
                  & (pl.col("_c_lemma").is_in([v[0] for v in verbs if len(v) == 1]) | pl.any_horizontal(with_clitic)))
    subject = (pl.when(in_list("_w_form", lists["speaker_pronoun"]) | pl.col("_speaker_near").fill_null(False))
               .then(pl.lit("speaker"))
               .when(pl.col("_w").is_null()).then(pl.lit("none"))
               .when(impersonal).then(pl.lit("impersonal"))
               .when(in_list("_w_form", lists["thing_pronoun"])).then(pl.lit("proposition"))
               .when(pl.col("_w_upos") == "PROPN").then(pl.lit("agent"))
               .when(pl.col("_w_upos") == "NOUN").then(pl.when(noun_agent).then(pl.lit("agent"))
                                                       .otherwise(pl.lit("thing")))
               .otherwise(pl.lit("pronoun")))
    tense = (pl.when(in_list("_form", lists["modal_conditional"]) | (pl.col("mood") == "Cnd"))
             .then(pl.lit("conditional"))
             .when((pl.col("verbform") == "Part") & pl.col("_cnd_aux").is_not_null()).then(pl.lit("past_conditional"))
             .when(in_list("_form", lists["modal_future"])).then(pl.lit("future"))
             .when(in_list("_form", lists["modal_imperfect"])).then(pl.lit("imperfect"))
             .when(in_list("_form", lists["modal_present"])).then(pl.lit("present"))
             .when((pl.col("verbform") == "Part") & pl.col("_form").str.ends_with("ant")).then(pl.lit("participle"))
             .otherwise(pl.lit("other")))
    complement_kind = (pl.when((pl.col("_passive") | (pl.col("_c_deprel") == "aux:pass")) & pl.col("_by_agent"))
                       .then(pl.lit("agent_passive"))
                       .when(pl.col("_passive") | (pl.col("_c_deprel") == "aux:pass")).then(pl.lit("passive"))
                       .when(pl.col("_perfect")).then(pl.lit("perfect"))
                       .when(pl.col("_cop") | (pl.col("_c_deprel") == "cop")
                             | pl.col("_c_upos").is_in(["ADJ", "NOUN", "PRON", "PROPN", "NUM", "ADV"]))
                       .then(pl.lit("copula"))
                       .when(pl.col("_c_lemma") == "pouvoir").then(pl.lit("ability"))
                       .otherwise(pl.lit("active")))
    first = pl.coalesce(pl.when(pl.col("verbform") == "Part").then("_cnd_aux"), "_i")
    return (features.with_columns(first.alias("_first_i")).join(before, on="_first_i", how="left").sort("_i").select(
        "_i", "_first_i", pl.col("_lemma").alias("lemma"), tense.alias("tense"), subject.alias("subject"),
        complement_kind.alias("complement"), pl.col("_condition").alias("condition"),
        pl.col("_negated").fill_null(False).alias("negated"),
        pl.col("_relative_before").fill_null(False).alias("relative"), pl.col("_clause").fill_null("other")
        .alias("clause")))


def modal_readings(tokens: pl.DataFrame) -> pl.DataFrame:
    """Each pouvoir / devoir + infinitive of a token table with its features, the :data:`MODAL_RULES` row that
    decides and its reading, for auditing: ``doc_id, sent_id, start_char, end_char, form, lemma, tense, subject,
    complement, condition, negated, relative, clause, rule, epistemic``."""
    words = word_table(tokens)
    readings = _modal_readings(words, load_hedge_context())
    if readings.height == 0:
        return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "start_char": pl.Int64,
                                    "end_char": pl.Int64, "form": pl.String, "lemma": pl.String, "tense": pl.String,
                                    "subject": pl.String, "complement": pl.String, "condition": pl.Boolean,
                                    "negated": pl.Boolean, "relative": pl.Boolean, "clause": pl.String,
                                    "rule": pl.String,
                                    "epistemic": pl.Boolean})
    place = words.select("_i", pl.col("doc_id").cast(pl.String), pl.col("sent_id").cast(pl.Int32), "start_char",
                         "end_char", pl.col("_raw").alias("form"))
    return readings.join(place, on="_i").sort("_i").select(
        "doc_id", "sent_id", "start_char", "end_char", "form", "lemma", "tense", "subject", "complement",
        "condition", "negated", "relative", "clause", "rule", "epistemic")


def _modal_readings(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """:func:`modal_readings` on the word table: ``_i, _first_i``, the features, ``rule, epistemic``."""
    features = _modal_features(words, lists)
    if features.height == 0:
        return features
    name, reading = [], []
    for rule in MODAL_RULES:
        test = pl.lit(True)
        if rule.lemma is not None:
            test = test & (pl.col("lemma") == rule.lemma)
        for column, allowed in (("tense", rule.tenses), ("subject", rule.subjects),
                                ("complement", rule.complements), ("clause", rule.clauses)):
            if allowed is not None:
                test = test & pl.col(column).is_in(sorted(allowed))
        for column, wanted in (("condition", rule.condition), ("negated", rule.negated),
                               ("relative", rule.relative)):
            if wanted is not None:
                test = test & (pl.col(column) == wanted)
        name.append(pl.when(test).then(pl.lit(rule.name)))
        reading.append(pl.when(test).then(pl.lit(rule.epistemic)))
    return features.with_columns(pl.coalesce(name).alias("rule"), pl.coalesce(reading).alias("epistemic"))


def modal_spans(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """Epistemic pouvoir / devoir as ``epistemic_verb`` spans (the auxiliary too in "aurait pu")."""
    readings = _modal_readings(words, lists)
    if readings.height == 0:
        return no_spans()
    chosen = readings.filter(pl.col("epistemic")).select("_first_i", pl.col("_i").alias("_last_i"), "rule")
    return span_rows(chosen, words, "epistemic_verb", pl.lit("rule: epistemic modal (") + pl.col("rule") + ")")

"""The conditional mood: detection, compound forms and use (reportive, epistemic, hypothetical…).

Detection trusts two witnesses (``detected_by``):

- the tagger's ``Mood=Cnd``, kept when the form has a conditional ending;
- morphology: the conditional is the future stem + the imperfect endings
  (-rais, -rait, -rions, -riez, -raient), so a form is a conditional when what
  precedes the ending, r included, is the future stem of its lemma: the infinitive
  of -er/-ir verbs ("viser-aient", "finir-ait"), the infinitive less -e of -re
  verbs ("prendr-ait"), or an irregular stem of ``lexicons/future_stems.tsv``
  ("aur-ait", "pourr-ait", "appartiendr-aient"). Imperfects of verbs whose stem
  ends in r are thereby excluded ("déclar-ait" ≠ "déclarer", "cour-ait" ≠ "courr-").
  Stems that identify the verb by themselves ("pourr-", "-tiendr-", "aur" alone)
  and stems of -er verbs ("viser-") are accepted even when the lemma is wrong.

Compound conditionals ("aurait envoyé", "serait parti", "aurait été tué") give
one row on the auxiliary, ``compound=True``, ``tense="past"`` and ``main_lemma``
from the participle (the auxiliary's head in the dependency tree, else the next
participle after adverbs and negation). *Être* + participle is a past conditional
for the verbs of ``lexicons/etre_auxiliary_verbs.tsv`` and pronominal verbs, and a
present passive otherwise ("serait détruit").

``class`` follows the uses of the conditional in Riegel, Pellat & Rioul (2018,
*Grammaire méthodique du français*), Kronning (2002, the *conditionnel
journalistique*) and Haillet (2002), as the shared annotation guide defines them
(``annotation-guide.md`` §1, with its decision order): an ordered table of rules,
:func:`rules`; the first that holds gives the class and its name goes into ``rule``.
Where the sentence has a dependency tree, the rules read it (:func:`_tree`: the verb
that governs the conditional's que-clause and its tense, the si-clause that is its
protasis, a relative clause, the person of the subject); without one they read word
order instead.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import polars as pl

from corpusling import tokens as tok
from corpusling.lexicons import bundled_rows, cue_words
from corpusling.nlp.future_stem import CANDIDATE, ENDING, detect, lowered
from corpusling.registry import CLASS_DECIDERS
from corpusling.token_index import SHIFT, TokenIndex, sentence_ordered

__all__ = ["CANDIDATE", "CLASSES", "COLUMNS", "ENDING", "EVIDENCE", "EXTRA_EVIDENCE", "conditionals", "cues",
           "detect", "etre_verbs", "evidence", "lowered", "rules"]

#: Classes of use of a conditional.
CLASSES: tuple[str, ...] = ("reportive", "epistemic", "hypothetical", "future_in_past", "politeness_desire", "other")

#: Columns of the result table, in order.
COLUMNS: list[str] = ["doc_id", "sent_id", "start_char", "end_char", "form", "lemma", "tense", "compound",
                      "main_lemma", "class", "sentence", "rule", "detected_by", "in_quote"]

#: The ending of an infinitive: a participle's lemma must have one.
_INFINITIVE = r"(?:er|ir|ïr|re|oir)$"

_WINDOW = 5

#: A year (1000-2099) as a word: the date of an event.
_YEAR = r"^(?:1\d|20)\d\d$"

#: Endings of the imperfect indicative that no present has, except the verbs of ``present_in_ai`` ("il fait").
_IMPERFECT_ENDING = r"\p{L}(?:ais|ait|aient)$"

#: The copula and auxiliary *être* (a lemma the tagger gives; its compound tenses need an ``etre_verbs`` participle).
_ETRE = "être"
_AVOIR = "avoir"


@cache
def etre_verbs() -> frozenset[str]:
    """Verbs whose compound tenses take *être*."""
    return frozenset(r["lemma"] for r in bundled_rows("etre_auxiliary_verbs.tsv", ("lemma",), ("note",)))


def cues(kind: str, lexicon: str = "conditional_cues.tsv") -> list[str]:
    """Cue words of one ``kind`` of ``lexicon`` (``conditional_cues.tsv``, or ``implicit_conditions.tsv``: the
    nouns, verbs and determiners of an implicit condition): a new list each call (the file is read once, by
    :func:`corpusling.lexicons.cue_lists`), so that no caller can change another's."""
    return cue_words(lexicon, kind)


def _implicit(kind: str) -> list[str]:
    return cues(kind, "implicit_conditions.tsv")


def _in_order(words: pl.DataFrame) -> pl.DataFrame:
    """Sentence-internal order and a running sentence key ``_sk`` (a table without an index in sentence order:
    :func:`_indexed_candidates` reads both from the corpus's index)."""
    return words.sort("doc_id", "sent_id", "word_id").with_columns(tok.sentence_starts().cum_sum().alias("_sk"))


def _indexed_candidates(tokens: pl.DataFrame, index: TokenIndex) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The rows of the sentences with a conditional ending (the tokens, and the same words :func:`lowered` and
    :func:`detect`, with their sentence key ``_sk``), in the order of :func:`_in_order` (documents by name, then
    their rows), read from the table's ``index`` in sentence order
    (:func:`corpusling.token_index.sentence_ordered`): the sentences are the index's runs, ``_sk`` its sentence
    number (after the document's rank by name, where the documents are not in that order), no join or sort on
    the names."""
    sentence = index.sentence[:-1]
    ending = tokens.select(pl.col("form").str.contains(CANDIDATE).fill_null(False))[:, 0].to_numpy()
    marked = np.zeros(int(sentence.max(initial=0)) + 1, dtype=bool)
    marked[sentence[ending]] = True
    rows = np.flatnonzero(marked[sentence])
    key = sentence[rows]
    names = index.doc_names.cast(pl.String)
    by_name = names.arg_sort().to_numpy()
    if np.any(by_name != np.arange(by_name.size)):  # the documents are put in name order, as the sort would
        rank = np.empty(by_name.size, dtype=np.int64)
        rank[by_name] = np.arange(by_name.size)
        doc_rank = rank[index.document[rows]]
        order = np.argsort(doc_rank, kind="stable")
        rows, key = rows[order], doc_rank[order] * SHIFT + key[order]
    tokens = tokens[rows]
    return tokens, detect(lowered(tokens)).with_columns(pl.Series("_sk", key, dtype=pl.Int64))


# --------------------------------------------------------------------------- context columns

def participle_like(form: pl.Expr, lemma: pl.Expr, upos: pl.Expr, verbform: pl.Expr) -> pl.Expr:
    """A past participle: ``VerbForm=Part``, or a verb or adjective with a verb's lemma and a participle's
    ending (the tagger often calls "piraté" an adjective without features)."""
    verb_lemma = lemma.str.contains(_INFINITIVE)  # not "victime", which the tagger may call a participle
    shaped = upos.is_in(["VERB", "ADJ", "AUX"]) & form.str.contains(r"(?:é|i|u|s|t)(?:e|es|s)?$")
    return (verb_lemma & ((verbform == "Part") | shaped)).fill_null(False)


def _nearest_earlier(where: pl.Expr, value: pl.Expr, *, strictly: bool = False) -> pl.Expr:
    """``value`` at the nearest word at or before this one (``strictly``: before it) where ``where`` holds, in the
    same sentence; null where there is none. Plain shifts and forward fills over the table in word order (faster
    than a window over each sentence), kept where the word found is in the same sentence (``_sk``)."""
    found = [pl.when(where).then(column) for column in (value, pl.col("_sk"))]
    if strictly:
        found = [column.shift(1) for column in found]
    value_found, sentence_found = (column.forward_fill() for column in found)
    return pl.when(sentence_found == pl.col("_sk")).then(value_found)


def _near(column: str, k: int) -> pl.Expr:
    """``column`` of the word ``k`` places after (``k`` < 0: before) in the same sentence, else null.

    A plain shift masked by the sentence key ``_sk``: much faster than a window per sentence."""
    return pl.when(pl.col("_sk").shift(-k) == pl.col("_sk")).then(pl.col(column).shift(-k))


def _predicate() -> pl.Expr:
    """The lemma of the first noun or adjective among the next three words, past determiners, prepositions and
    adverbs only: the predicate of a copula, whatever the parser's attachment ("seraient à l'origine de …",
    where "origine" is an oblique of the verb)."""
    function_word = [_near("upos", k).is_in(["DET", "ADP", "ADV"]).fill_null(False) for k in (1, 2)]
    expr = pl.lit(None, dtype=pl.String)
    for k in (3, 2, 1):
        before = pl.all_horizontal(function_word[:k - 1]) if k > 1 else pl.lit(True)
        expr = pl.when(before & _near("upos", k).is_in(["NOUN", "ADJ"]).fill_null(False)).then(
            _near("_l", k)).otherwise(expr)
    return expr


def _context(words: pl.DataFrame) -> pl.DataFrame:
    """Columns each conditional is judged on: neighbours, participle, head, sentence cues."""
    skip = [(_near("upos", k).is_in(["ADV", "PART"]) | _near("_f", k).is_in(cues("negation"))
             | _near("_f", k).str.starts_with("-")).fill_null(False)
            for k in range(1, _WINDOW + 1)]
    nxt = {name: [_near(col, k) for k in range(1, _WINDOW + 1)]
           for name, col in (("f", "_f"), ("l", "_l"), ("vf", "verbform"), ("upos", "upos"))}
    nxt["part"] = [participle_like(nxt["f"][k], nxt["l"][k], nxt["upos"][k], nxt["vf"][k]).cast(pl.String)
                   for k in range(_WINDOW)]

    def first_after(start: pl.Expr | None) -> pl.Expr:
        """Index (1-based) of the first non-skipped word after the word (after ``start`` if given)."""
        expr = pl.lit(None, dtype=pl.Int32)
        for k in range(_WINDOW, 0, -1):
            ok = ~skip[k - 1] if start is None else (~skip[k - 1] & (pl.lit(k) > start))
            expr = pl.when(ok).then(pl.lit(k, dtype=pl.Int32)).otherwise(expr)
        return expr

    def pick(name: str, index: pl.Expr) -> pl.Expr:
        expr = pl.lit(None, dtype=pl.String)
        for k in range(_WINDOW, 0, -1):
            expr = pl.when(index == k).then(nxt[name][k - 1]).otherwise(expr)
        return expr

    words = words.with_columns(first_after(None).alias("_w1"))
    words = words.with_columns(first_after(pl.col("_w1")).alias("_w2"))
    words = words.with_columns(
        pick("f", pl.col("_w1")).alias("_w1_f"), pick("l", pl.col("_w1")).alias("_w1_l"),
        pick("vf", pl.col("_w1")).alias("_w1_vf"), pick("part", pl.col("_w1")).alias("_w1_part"),
        pick("l", pl.col("_w2")).alias("_w2_l"), pick("part", pl.col("_w2")).alias("_w2_part"),
        _near("_f", 1).alias("_next1"),
        _predicate().alias("_predicate_l"),
    )
    # previous word, skipping clitics and negation: the relative pronoun ("qui"), the subject ("vous")
    def previous(skipped: list[str]) -> pl.Expr:
        clitic = [_near("_f", -j).is_in(skipped).fill_null(False) for j in range(1, 5)]
        prev = pl.lit(None, dtype=pl.String)
        for k in range(4, 0, -1):
            between = pl.all_horizontal(clitic[:k - 1]) if k > 1 else pl.lit(True)
            prev = pl.when(between & ~clitic[k - 1]).then(_near("_f", -k)).otherwise(prev)
        return prev

    clitic = [_near("_f", -j).is_in(cues("clitic")).fill_null(False) for j in range(1, 3)]
    reflexive = pl.any_horizontal([_near("_f", -j).is_in(cues("reflexive")).fill_null(False)
                                   & pl.all_horizontal(clitic[:j]) for j in range(1, 3)])
    object_clitics = [c for c in cues("clitic") if c not in cues("subject_clitic")]
    negated = pl.any_horizontal([_near("_f", -j).is_in(cues("negative_particle")).fill_null(False)
                                 for j in (1, 2, 3)])
    # an appositive relative clause: a comma before its relative pronoun ("un homme …, qui serait un Ouzbek")
    # (plain shifts: a sentence never ends on a relative pronoun, nor on a clitic)
    comma_relative = (pl.col("_f").is_in(cues("relative_pronoun")) & (pl.col("_f").shift(1) == ",")).fill_null(False)
    clitic_or_ne = pl.col("_f").is_in([*cues("clitic"), *cues("negative_particle")])
    appositive = (comma_relative.shift(1) | (clitic_or_ne.shift(1) & comma_relative.shift(2))
                  | (clitic_or_ne.shift(1) & clitic_or_ne.shift(2) & comma_relative.shift(3))).fill_null(False)
    words = words.with_columns(previous(cues("clitic")).alias("_prev"), previous(object_clitics).alias("_subject"),
                               reflexive.alias("_reflexive"), negated.alias("_negated"),
                               appositive.alias("_appositive"))

    # the head in the dependency tree (when the model parses); sentences are keyed by their integer ``_sk``
    sent = ["_sk"]
    heads = words.select(*sent, pl.col("word_id").alias("head"), pl.col("_l").alias("_head_l"),
                         pl.col("verbform").alias("_head_vf"))
    if "head" in words.columns and words["head"].null_count() < words.height:
        words = words.join(heads, on=[*sent, "head"], how="left").sort(*sent, "word_id")
    else:
        words = words.with_columns(pl.lit(None, dtype=pl.String).alias("_head_l"),
                                   pl.lit(None, dtype=pl.String).alias("_head_vf"))

    # per word, once: an imperfect (:func:`_imperfect`), a gerund ("en simplifiant", "en le frappant")
    after_en = (_near("_f", -1).is_in(cues("gerund_marker"))
                | (_near("_f", -2).is_in(cues("gerund_marker")) & _near("_f", -1).is_in(cues("clitic"))))
    words = words.with_columns(_imperfect().alias("_impf"),
                               ((pl.col("verbform") == "Part") & (pl.col("tense") == "Pres") & after_en)
                               .fill_null(False).alias("_gerund"))
    # sentence cues: si-clause, past verb of saying + que (phrases are matched on the sentence text)
    si = (pl.col("_f").is_in(cues("condition_word")) & (pl.col("upos") == "SCONJ")) | (
        pl.col("_f").is_in(cues("elided_condition_word")) & _near("_f", 1).is_in(cues("elision_subject")))
    aux_before = pl.any_horizontal([_near("_l", -j).is_in(cues("tense_auxiliary")).fill_null(False)
                                    for j in (1, 2)])
    past_saying = pl.col("_l").is_in(cues("reporting_verb")) & pl.col("upos").is_in(["VERB", "AUX"]) & (
        ((pl.col("verbform") == "Part") & aux_before)
        | ((pl.col("verbform") == "Fin") & pl.col("tense").is_in(["Imp", "Past"]) & ~pl.col("_cnd")) | pl.col("_impf"))
    last_saying = pl.when(past_saying).then(pl.col("word_id")).forward_fill().over("_sk")
    locution = _near("_f", -1).is_in(cues("conjunction_before_que")).fill_null(False)  # "tandis que", "parce que"
    complementizer = pl.col("_f").is_in(cues("complementizer")) & ~locution
    que_after_saying = (pl.when(complementizer & last_saying.is_not_null())
                        .then(pl.col("word_id")).forward_fill().over("_sk"))
    # the tense concord of reported speech: a finite imperfect between the first que after a past verb of saying
    # and the word ("avait précisé que … et qu'il importait peu …, car il agirait": present → imperfect, future →
    # conditional; Riegel et al. 2018, concordance des temps), whatever the tree makes of the coordination
    imperfect_after_que = (pl.col("_que_after_past_saying") & pl.col("_impf") & (pl.col("verbform") == "Fin"))
    # a conditional in the relative clause of "(dans le | au) cas où", "dans l'hypothèse où" is the condition itself
    # (Riegel et al. 2018, ch. XXVII: "au cas où" + conditional), whatever the tree makes of it: the nearest of
    # such an "où" and of a clause boundary before it (punctuation, another finite verb) is the "où"
    protasis_opens = (pl.col("_f") == "où") & _near("_l", -1).is_in(cues("condition_antecedent")).fill_null(False)
    boundary = pl.col("upos").eq("PUNCT") | ((pl.col("verbform") == "Fin") & ~pl.col("_cnd"))
    in_protasis = _nearest_earlier(protasis_opens | boundary, protasis_opens, strictly=True).fill_null(False)
    # an indirect question right after a past verb of saying or asking ("a expliqué comment il financerait…",
    # "a demandé quand aurait lieu…"), the conditional before any other finite verb: the content, as a que-clause
    question_opens = (pl.col("_f").str.to_lowercase().is_in(cues("interrogative_word"))
                      & past_saying.shift(1).over("_sk").fill_null(False))
    in_question = _nearest_earlier(question_opens | boundary, question_opens, strictly=True).fill_null(False)
    # the hypothetical system fronted: a sentence that opens on "Si", an imperfect or pluperfect by its ending before
    # its first comma, the conditional after it ("Si le gouvernement cédait, les syndicats reprendraient…"; Riegel
    # et al. 2018, ch. XVIII, si + imparfait → conditionnel), read on the words where the tagger makes the imperfect
    # an adjective and the tree loses the si-clause
    word = pl.col("upos") != "PUNCT"
    first_word = word & (word.cast(pl.Int32).cum_sum().over("_sk") == 1)
    opens_on_si = (first_word & pl.col("_f").str.to_lowercase().is_in(cues("elided_condition_word")
                                                                      + cues("condition_word"))).any().over("_sk")
    first_comma = pl.when(pl.col("_f") == ",").then(pl.col("word_id")).min().over("_sk")
    present_in_ai = pl.col("_l").str.contains("(?:" + "|".join(cues("present_in_ai")) + ")$").fill_null(False)
    imperfect_before = ((pl.col("word_id") < first_comma) & pl.col("_f").str.to_lowercase().str.contains(
        _IMPERFECT_ENDING) & ~pl.col("_cnd") & ~present_in_ai).fill_null(False).any().over("_sk")
    return words.with_columns(
        si.fill_null(False).any().over("_sk").alias("_si"),
        (opens_on_si & imperfect_before & pl.col("_cnd") & (pl.col("word_id") > first_comma)).fill_null(False)
        .alias("_fronted_si_imperfect"),
        # a sentence that appeals for witnesses ("La police exhorte les habitants qui auraient vu…")
        pl.col("_l").is_in(cues("witness_appeal_verb")).fill_null(False).any().over("_sk").alias("_appeal"),
        que_after_saying.is_not_null().alias("_que_after_past_saying"),
        (in_protasis & pl.col("_cnd")).alias("_protasis_relative"),
        (in_question & pl.col("_cnd")).alias("_question_after_past_saying"),
    ).with_columns(_nearest_earlier(imperfect_after_que, pl.lit(True)).fill_null(False)
                   .alias("_imperfect_after_saying_que"))


def _compound(words: pl.DataFrame) -> pl.DataFrame:
    """``compound``, ``tense`` and ``main_lemma`` of each conditional."""
    is_aux_word = pl.col("_lemma").is_in(cues("tense_auxiliary"))
    after = (pl.col("head") > pl.col("word_id")) & (pl.col("head") - pl.col("word_id") <= 2 * _WINDOW)
    tree_participle = (pl.col("deprel").fill_null("").str.starts_with("aux") & after
                       & (pl.col("_head_vf") == "Part") & pl.col("_head_l").str.contains(_INFINITIVE))
    w1_part = pl.col("_w1_part") == "true"
    passive_past = w1_part & (pl.col("_w1_l") == _ETRE) & (pl.col("_w2_part") == "true")
    window_lemma = pl.when(passive_past).then(pl.col("_w2_l")).when(w1_part).then(pl.col("_w1_l"))
    participle = pl.when(tree_participle).then(pl.col("_head_l")).otherwise(window_lemma)
    etre_compound = (participle.is_in(list(etre_verbs())) | pl.col("_reflexive")
                     | (pl.col("deprel") == "aux:tense") | (participle == _ETRE))
    compound = is_aux_word & participle.is_not_null() & ((pl.col("_lemma") != _ETRE) | etre_compound)
    return words.with_columns(
        compound.fill_null(False).alias("compound"),
        participle.alias("_participle"),
    ).with_columns(
        pl.when(pl.col("compound")).then(pl.lit("past")).otherwise(pl.lit("present")).alias("tense"),
        pl.when(pl.col("compound") | (is_aux_word & pl.col("_participle").is_not_null()))
        .then(pl.col("_participle")).otherwise(pl.col("_lemma")).alias("main_lemma"),
    )


# --------------------------------------------------------------------------- dependency tree

#: Relations of a clause that is the content of its head (a que-clause, an interrogative si-clause).
_COMPLEMENT = ["ccomp", "csubj", "csubj:pass", "xcomp", "obj", "obl:arg"]
#: How far up the tree the governing verb is looked for (conditional → que-clause → verb of saying).
_DEPTH = 4


def _imperfect() -> pl.Expr:
    """An indicative imperfect: the tense of a si-clause of the hypothetical system, and a past tense. The
    tagger often calls an imperfect present ("avaient", "étaient", "devait"): the endings -ais, -ait, -aient of
    a finite indicative (not those of the presents of ``present_in_ai``: "il fait", "je sais") and the
    imperfects of the auxiliaries (``imperfect_auxiliary``: "avions", "étiez") say imperfect whatever its tense."""
    form = pl.col("_f")
    present_in_ai = pl.col("_l").str.contains("(?:" + "|".join(cues("present_in_ai")) + ")$")
    by_ending = (pl.col("verbform") == "Fin") & form.str.contains(_IMPERFECT_ENDING) & ~present_in_ai
    return ((pl.col("mood") == "Ind") & ((pl.col("tense") == "Imp") | by_ending
                                         | form.is_in(cues("imperfect_auxiliary")))).fill_null(False)


def _nodes(words: pl.DataFrame) -> pl.DataFrame:
    """One row per word with what the tree says of it: ``_past`` (a past finite verb, a participle with
    a tense auxiliary: passé composé, plus-que-parfait; a verb with the participle of a causative: "ont fait
    valoir que"; an infinitive complement of one of these: "a voulu dire que"; a present participle with no subject
    of its own after a past verb, whose time it takes: "avait mis en garde …, en prévenant que"), ``_content``
    (a clause that is the content of its head: introduced by que or si alone, or a ccomp / csubj), its subject
    (``_subj_person``, ``_subj_l``, ``_subj_upos``, the subject's determiner ``_subj_det`` and its form
    ``_subj_f``; an impersonal "il" tagged ``expl:subj`` counts), ``_det`` (its own determiner), ``_marked`` (a
    subordinating conjunction introduces it), ``_n_si``, ``_si_word`` and ``_comparative_si`` (si introduces it,
    at that word, after "comme": "comme si"), ``_concessive_si`` (after "même": "même si") and ``_question_si`` (right
    after an infinitive of asking or seeing: "voir si"), ``_saying_xcomp`` (an infinitive of saying is its
    complement: "ont fait savoir que"),
    ``_imperfect`` (an imperfect or pluperfect: the tense of a si-clause of the hypothetical system),
    ``_gerund_child`` (a gerund "en + participle" hangs from it; ``_fronted_gerund_child``: one before it),
    ``_infinitive_subject`` (a bare infinitive opening the sentence hangs from it as its subject or, as the
    parser often has it, an adverbial clause: "Doubler les fonds serait un bon début"), and
    ``_sans_condition`` (an oblique "sans" + a noun phrase hangs from it or from its infinitive or adjective
    complement: "sans la négligence du CEN, tout ceci pourrait être plus avancé", the guide's "sans X, Y
    serait…"), and
    ``_sans_infinitive`` (an infinitive introduced by "sans" hangs from it or from its infinitive complement,
    whatever the relation the parser gives it)."""
    sent = ["_sk"]  # the sentence, by its integer key (faster to join than doc_id + sent_id)
    rel = pl.col("deprel").fill_null("")
    # "s'" before "il(s)" is si, whatever the parser says (a reflexive "s'" never precedes its subject): "« s'il
    # met ce projet à exécution »" parsed as a reflexive clitic is a si-clause all the same
    elided_si = (pl.col("_f").is_in(cues("elided_condition_word"))
                 & pl.col("_f").shift(-1).is_in(cues("elision_subject"))).fill_null(False)
    # a si right after "même" concedes ("même si le risque ne doit pas être pris à la légère, la pluie pourrait…"),
    # right after an infinitive of asking, seeing or knowing it asks ("je pourrais voir si l'on repousse"), whatever
    # the clause the parser hangs it on (the word before, in the same sentence)
    before = pl.col("_f").shift(1).over(sent)
    after_meme = before.is_in(cues("concessive_before_si")).fill_null(False)
    after_question = (pl.col("_l").shift(1).over(sent).is_in(cues("question_verb_before_si"))
                      & (pl.col("verbform").shift(1).over(sent) == "Inf")).fill_null(False)
    # the sentence's first word that is no punctuation: an infinitive there has no preposition before it
    first_word = words.filter(pl.col("upos") != "PUNCT").group_by(*sent).agg(pl.col("word_id").min()
                                                                            .alias("_first_word"))
    children = words.join(first_word, on=sent, how="left").select(
        *sent, pl.col("head").alias("word_id"), pl.col("word_id").alias("_child"),
        pl.when(elided_si).then(pl.lit("mark")).otherwise(rel).alias("_crel"), "_f", "_l",
        "upos", "tense", "person", "verbform", "_impf", "_gerund",
        after_meme.alias("_after_meme"), after_question.alias("_after_question"),
        (pl.col("word_id") == pl.col("_first_word")).alias("_sentence_initial"))
    si = [*cues("condition_word"), *cues("elided_condition_word")]
    crel, form = pl.col("_crel"), pl.col("_f")
    mark = crel == "mark"
    # what the children say of their head, in one pass: the conjunctions that introduce it, a tense auxiliary
    # (passé composé, plus-que-parfait) or the participle of a causative, an auxiliary or copula in the
    # imperfect (pluperfect: "s'ils avaient adopté"; "s'il était élu"), a clausal complement, a gerund
    hypothetical_adjective = (crel == "amod") & pl.col("_l").is_in(_implicit("hypothetical_adjective"))
    flags = children.filter(crel.is_in(["mark", "aux", "aux:tense", "aux:pass", "aux:caus", "cop", "ccomp", "csubj",
                                        "csubj:pass", "nsubj", "xcomp", "advcl", "det"]) | hypothetical_adjective
                            ).group_by(*sent, "word_id").agg(
        (mark.any() & ~(mark & ~form.is_in([*cues("complementizer"), *si])).any()).alias("_complementizer"),
        (mark & form.is_in(si)).any().alias("_n_si"),
        pl.col("_child").filter(mark & form.is_in(si)).first().alias("_si_word"),
        (mark & form.is_in(cues("comparative_before_si"))).any().alias("_comparative_si"),
        (mark & form.is_in(si) & pl.col("_after_meme")).any().alias("_concessive_si"),
        (mark & form.is_in(si) & pl.col("_after_question")).any().alias("_question_si"),
        ((crel == "xcomp") & (pl.col("verbform") == "Inf") & pl.col("_l").is_in(cues("reporting_verb"))).any()
        .alias("_saying_xcomp"),
        mark.any().alias("_marked"),
        (mark.any() & (mark & form.str.to_lowercase().is_in(cues("interrogative_word"))).any()
         ).alias("_interrogative"),
        ((crel == "aux:tense") | ((crel == "aux:pass") & pl.col("tense").is_in(["Past", "Imp"]))).any()
        .alias("_tense_aux"),
        ((crel == "aux:caus") & (pl.col("verbform") == "Part")).any().alias("_causative_past"),
        (crel.is_in(["aux", "aux:tense", "aux:pass", "cop"]) & pl.col("_impf")).any().alias("_imperfect_aux"),
        crel.is_in(["ccomp", "csubj", "xcomp"]).any().alias("_clausal_child"),
        ((crel == "advcl") & pl.col("_gerund")).any().alias("_gerund_child"),
        ((crel == "advcl") & pl.col("_gerund") & (pl.col("_child") < pl.col("word_id"))).any()
        .alias("_fronted_gerund_child"),
        (crel.is_in(["csubj", "csubj:pass", "nsubj", "advcl"]) & (pl.col("verbform") == "Inf")
         & pl.col("_sentence_initial") & (pl.col("_child") < pl.col("word_id"))).any().alias("_infinitive_subject"),
        form.filter(crel == "det").first().alias("_det"),
        hypothetical_adjective.any().alias("_tel"))
    determiners = flags.select(*sent, "word_id", "_det", "_tel")
    subjects = (children.filter(pl.col("_crel").str.starts_with("nsubj") | (pl.col("_crel") == "expl:subj"))
                .join(determiners.rename({"word_id": "_child"}), on=[*sent, "_child"], how="left")
                .sort(*sent, "word_id", pl.col("_crel") == "expl:subj", "_child")  # a true subject first
                .group_by(*sent, "word_id").agg(pl.col("person").first().alias("_subj_person"),
                                                pl.col("_l").first().alias("_subj_l"),
                                                pl.col("upos").first().alias("_subj_upos"),
                                                pl.col("_det").first().alias("_subj_det"),
                                                pl.col("_tel").first().alias("_subj_tel"),
                                                pl.col("_f").first().str.replace(r"^-(?:t-)?", "").alias("_subj_f")))
    # "sans" + a noun phrase with a determiner, or + a pronoun ("sans lui"), not "sans doute", as an oblique; or
    # "sans" + an infinitive (mark), whatever the infinitive's relation (the parser may call "sans avoir" a
    # causative auxiliary): "on pourrait protéger nos frontières sans avoir de gardes-côtes" (if we had none);
    # on the clause or on its infinitive complement
    sans_words = (children.filter(pl.col("_crel").is_in(["case", "mark"])
                                  & pl.col("_f").is_in(cues("condition_preposition")))
                  .select(*sent, pl.col("word_id").alias("_child"), (pl.col("_crel") == "mark").alias("_infinitive"))
                  .unique())
    nominal = words.select(*sent, pl.col("word_id").alias("_child"), "upos", pl.col("_l").alias("_np_l"),
                           pl.col("verbform").alias("_np_vf"))
    sans_words = (sans_words.join(nominal, on=[*sent, "_child"], how="inner")
                  .join(determiners.rename({"word_id": "_child"}), on=[*sent, "_child"], how="left")
                  .filter(pl.when(pl.col("_infinitive")).then(pl.col("_np_vf") == "Inf")
                          .otherwise(((pl.col("upos") == "PRON") | pl.col("_det").is_not_null())
                                     & ~pl.col("_np_l").is_in(cues("not_a_condition_after_sans"))).fill_null(False))
                  .select(*sent, "_child", "_infinitive"))
    sans_on = (children.join(sans_words, on=[*sent, "_child"], how="inner")
               .filter(pl.col("_infinitive") | pl.col("_crel").str.starts_with("obl"))
               .select(*sent, "word_id", "_infinitive"))
    sans_on = pl.concat([sans_on, children.filter(pl.col("_crel") == "xcomp").join(
        sans_on.rename({"word_id": "_child"}), on=[*sent, "_child"], how="inner").select(*sent, "word_id",
                                                                                            "_infinitive")])
    sans_here = sans_on.group_by(*sent, "word_id").agg((~pl.col("_infinitive")).any().alias("_sans_condition"),
                                                       pl.col("_infinitive").any().alias("_sans_infinitive"))
    # a purpose infinitive "pour + infinitive" (advcl; xcomp for the parser at times) hung on the word: "il
    # faudrait cent tours pour couvrir…"
    purpose_clauses = children.filter(mark & form.is_in(cues("purpose_marker"))).select(
        *sent, pl.col("word_id").alias("_child")).unique()
    purpose_here = (children.filter(crel.is_in(["advcl", "xcomp"]) & (pl.col("verbform") == "Inf"))
                    .join(purpose_clauses, on=[*sent, "_child"], how="semi")
                    .select(*sent, "word_id").unique().with_columns(pl.lit(True).alias("_purpose_child")))
    # an indirect question: a clause that an interrogative word introduces, hung on a verb of saying or asking
    # ("a demandé quand aurait lieu la prochaine compétition"), is that verb's content as a que-clause is
    asked = words.filter(pl.col("_l").is_in(cues("reporting_verb")) & (pl.col("upos") == "VERB")).select(
        *sent, pl.col("word_id").alias("head"), pl.lit(True).alias("_asked"))
    finite_past = (((pl.col("verbform") == "Fin") & pl.col("tense").is_in(["Past", "Imp"]) & (pl.col("mood") != "Cnd"))
                   | pl.col("_impf"))
    nodes = (words.select(*sent, "word_id", "head", rel.alias("_rel"), "_l", "upos", "verbform", "tense",
                          "mood", "person", "_impf")
             .join(flags, on=[*sent, "word_id"], how="left")
             .join(subjects, on=[*sent, "word_id"], how="left")
             .join(sans_here, on=[*sent, "word_id"], how="left")
             .join(purpose_here, on=[*sent, "word_id"], how="left")
             .join(asked, on=[*sent, "head"], how="left")
             .with_columns(pl.col("_complementizer", "_n_si", "_comparative_si", "_concessive_si", "_question_si",
                                  "_saying_xcomp", "_marked", "_tense_aux",
                                  "_causative_past", "_sans_condition", "_sans_infinitive", "_clausal_child",
                                  "_imperfect_aux", "_purpose_child",
                                  "_gerund_child", "_fronted_gerund_child", "_infinitive_subject",
                                  "_interrogative").fill_null(False),
                           pl.col("_subj_person").fill_null(pl.col("person")))
             .with_columns((finite_past | ((pl.col("verbform") == "Part") & pl.col("_tense_aux"))
                            | pl.col("_causative_past")).fill_null(False).alias("_past"),
                           (pl.col("_complementizer") | pl.col("_rel").is_in(["ccomp", "csubj", "csubj:pass"])
                            | (pl.col("_interrogative") & pl.col("_asked").fill_null(False)))
                           .alias("_content"),
                           (pl.col("_impf") | pl.col("_imperfect_aux")).alias("_imperfect")))
    # a present participle, gerund or not ("en prévenant qu'il pourrait…", "en lui indiquant qu'il se
    # présenterait"), has no time of its own: it takes that of the nearest verb before it that has one (finite,
    # or a participle with its tense auxiliary: "avait mis en garde …, en prévenant que" is past); not an absolute
    # participle clause, which has its own subject and its own time ("a démissionné en 2015, ses proches affirmant
    # aujourd'hui qu'il serait malade")
    tensed = (pl.col("verbform") == "Fin") | ((pl.col("verbform") == "Part") & pl.col("_tense_aux"))
    earlier_past = _nearest_earlier(tensed, pl.col("_past"), strictly=True)
    participle_past = ((pl.col("verbform") == "Part") & (pl.col("tense") == "Pres") & pl.col("_subj_upos").is_null()
                       & earlier_past).fill_null(False)
    nodes = nodes.sort(*sent, "word_id").with_columns(pl.col("_past") | participle_past)
    # an infinitive complement of a past verb looks from its past ("a voulu dire que", "a fait savoir que")
    past_heads = nodes.filter(pl.col("_past")).select(*sent, pl.col("word_id").alias("head"),
                                                      pl.lit(True).alias("_head_past"))
    return (nodes.join(past_heads, on=[*sent, "head"], how="left")
            .with_columns(pl.col("_past") | ((pl.col("verbform") == "Inf") & (pl.col("_rel") == "xcomp")
                                             & pl.col("_head_past").fill_null(False)))
            .drop("verbform", "tense", "mood", "person", "_tense_aux", "_causative_past", "_complementizer",
                  "_head_past", "_imperfect_aux", "_impf", "_asked", "_interrogative"))


def _tree(words: pl.DataFrame) -> pl.DataFrame:
    """The evidence of the dependency tree for each conditional (``_cnd``) of ``words``, by
    ``doc_id``, ``sent_id`` and ``word_id``.

    The conditional's clause is the verb itself, or the word it is the auxiliary or copula of; a
    conjunct takes the relation of the first conjunct. Going up from it (at most :data:`_DEPTH`
    heads, through coordination, relative and adverbial clauses), the first clause that is the
    content of its head (introduced by que or si alone, or a ccomp / csubj; a conjunct of one is content
    too, governed by the first conjunct's head) names the *governing verb*. Columns: ``_tree`` (the
    sentence has a tree), ``_clause_rel``, ``_clause_marked`` (a conjunction introduces the clause: no
    relative clause then, whatever the parser's label), ``_antecedent_l`` (the word the clause hangs from: the
    antecedent of a relative clause), the subject of the conditional's clause (``_subj_l``,
    ``_subj_upos``, ``_subj_det``, ``_subj_f``: its lemma, part of speech, determiner's form and form; for a
    conditional the parser took for an adjective of a noun, amod or acl with no subject, the noun phrase it
    hangs from), ``_clause_upos``
    and ``_clausal_child`` (the clause's head word is an adjective, say, with a clause as complement
    or subject: "ce serait dramatique que…"), ``_sans_condition``, ``_gerund_condition`` and
    ``_fronted_gerund`` (a gerund hangs from the clause, before it; see :func:`_nodes`), ``_fip_tree`` (the
    governing verb is a past verb of saying or thinking: the future in the past, Riegel et al.
    2018), ``_speaker_gov`` (it is one in the first person, not past: "je crois que…"),
    ``_content_clause`` (the conditional's own clause is the content of a word that is no verb of
    saying: "prouver que", "plus … que"), ``_si_tree`` (a si-clause hangs from the conditional's
    clause or from a clause above it, and is neither that clause nor one whose content the
    conditional is: the protasis; a si-clause the parser makes the complement of a verb of opinion, which takes no
    indirect question, is a protasis all the same, and "s'" before "il(s)" is si whatever its label; so is a "si"
    hung on the conditional's own clause with a finite indicative between them, that clause no complement of a
    verb (an indirect question's): "Si ces frappes sont …, il s'agirait") and
    ``_si_imperfect`` (a si-clause in the imperfect or pluperfect stands
    anywhere in the sentence outside the conditional's path, or "si" hangs on the conditional's own clause
    with an imperfect between them: the tense concord of the hypothetical system, which holds where the
    parser misplaces the si-clause); ``_above_cnd`` (the conditional word of the nearest clause above that is
    itself in the conditional: the second pass of :func:`_classify` reads its class), ``_past_above`` (the
    nearest verb above is past) and ``_dated`` (a year hangs on the conditional's clause: "en 1928"); the
    governing verb's lemma ``_gov_l``, whether it is past ``_gov_past`` and how far above it is ``_gov_k`` (1:
    the conditional's own clause is its content).
    """
    sent = ["_sk"]  # the sentence, by its integer key (faster to join than doc_id + sent_id)
    nodes = _nodes(words)
    has_tree = words.group_by(*sent).agg((pl.col("head").fill_null(0) > 0).any().alias("_tree"))
    row = "_tree_row"
    found = words.filter(pl.col("_cnd")).select("doc_id", "sent_id", *sent, "word_id").with_row_index(row).join(
        has_tree, on=sent, how="left")
    own = nodes.select(*sent, "word_id", "head", "_rel")
    start = found.select(row, *sent, "word_id").join(own, on=[*sent, "word_id"], how="left").select(
        row, *sent, pl.when(pl.col("_rel").str.contains("^(?:aux|cop)") & (pl.col("head") > 0))
        .then(pl.col("head")).otherwise(pl.col("word_id")).alias("node"), pl.lit(0, dtype=pl.Int32).alias("k"))
    # the clause of each conditional, by its node: a clause above that is itself in the conditional
    cnd_clauses = (start.join(found.select(row, pl.col("word_id").alias("_cnd_here")), on=row, how="inner")
                   .select(*sent, "node", "_cnd_here").unique([*sent, "node"], keep="first"))
    levels = [start]
    for k in range(1, _DEPTH + 1):  # one join per level of the tree, not per word
        levels.append(own.rename({"word_id": "node"}).join(levels[-1], on=[*sent, "node"], how="inner")
                      .filter(pl.col("head") > 0)
                      .select(row, *sent, pl.col("head").alias("node"), pl.lit(k, dtype=pl.Int32).alias("k")))
    # a conjunct of a content clause is content too ("a débattu de la recevabilité …, ou si je devrais…"):
    # the content passes up through one conj link, and the first conjunct's head governs both
    # (the path carries only what the governing verb is judged on; the conditional's own clause is read apart)
    slim = nodes.select(*sent, pl.col("word_id").alias("node"), "head", "_rel", "_content", "_l", "upos", "_past",
                        "_subj_person", "_det", "_saying_xcomp")
    path = (slim.join(pl.concat(levels), on=[*sent, "node"], how="inner")  # every node of the path is a word
            .sort(row, "k").with_columns(pl.col("_rel").shift(1).over(row).alias("_below_rel"),
                                         pl.col("_content").shift(1).over(row).alias("_below_content"))
            .with_columns(pl.col("_content") | ((pl.col("_below_rel") == "conj")
                                                & pl.col("_below_content").fill_null(False)))
            .with_columns(pl.col("_content").shift(1).over(row).alias("_below_content")))
    # the governing verb: the head of the first content clause on the path; a verb with an infinitive of saying as
    # its complement says with it ("ont fait savoir qu'il n'y aurait pas…", the que-clause hung on "fait")
    reporting = (pl.col("_l").is_in(cues("reporting_verb")) | pl.col("_saying_xcomp")) & (pl.col("upos") == "VERB")
    governor = path.filter(pl.col("_below_content").fill_null(False)
                           & (pl.col("_below_rel") != "conj")).unique(row, keep="first").select(
        row, pl.lit(True).alias("_governed"), (reporting & pl.col("_past")).alias("_fip_tree"),
        (reporting & ~pl.col("_past") & (pl.col("_subj_person") == "1")).alias("_speaker_gov"),
        (~reporting & (pl.col("k") == 1)).alias("_content_clause"), pl.col("_l").alias("_gov_l"),
        pl.col("_past").alias("_gov_past"), pl.col("k").alias("_gov_k"))
    conj = pl.col("_rel") == "conj"
    clause = path.filter(pl.col("k") <= 1).group_by(row).agg(
        pl.when(conj.first()).then(pl.col("_rel").sort_by("k").last()).otherwise(pl.col("_rel").sort_by("k").first())
        .alias("_clause_rel"))
    # protasis: a si-clause (not the content of a word: "savoir si") hanging from the path, or above it
    # (a si-clause the parser makes the complement of a verb of opinion is none: "*penser si" is no question);
    # a si-clause the parser coordinates (conj) with a clause is no adverbial clause of it, hence no protasis:
    # an indirect question whose verb of asking the parser skipped ("Le suspect aurait agi seul, …, mais on
    # ignore encore s'il a bénéficié de complicités": s'il … → conj of "agi")
    opinion = nodes.filter(pl.col("_l").is_in(cues("opinion_verb"))).select(
        *sent, pl.col("word_id").alias("head"), pl.lit(True).alias("_opinion_head"))
    protases = nodes.filter(pl.col("_n_si") & (pl.col("_rel") != "conj") & ~pl.col("_concessive_si")
                            & ~pl.col("_question_si")).join(
        opinion, on=[*sent, "head"], how="left").filter(
        ~pl.col("_rel").is_in(_COMPLEMENT) | pl.col("_opinion_head").fill_null(False)).select(
        *sent, pl.col("word_id").alias("_si_node"),
        pl.col("head").alias("_si_head"))
    on_path = path.select(row, "node", "k", "_below_rel")
    si = (found.select(row, *sent).join(protases, on=sent, how="inner")
          .join(on_path.rename({"node": "_si_node", "k": "_si_k", "_below_rel": "_si_below"}),
                on=[row, "_si_node"], how="left")
          .join(on_path.select(row, pl.col("node").alias("_si_head"), pl.lit(True).alias("_head_on_path")),
                on=[row, "_si_head"], how="left")
          .filter((pl.col("_si_k").is_null() & pl.col("_head_on_path").fill_null(False))
                  | ((pl.col("_si_k") > 0) & ~pl.col("_si_below").is_in(_COMPLEMENT)))
          .select(row).unique())
    # a si-clause in the imperfect or pluperfect anywhere in the sentence, the conditional outside it: the
    # tense concord of the hypothetical system ("si + imparfait → conditionnel présent, si + plus-que-parfait
    # → conditionnel passé", Riegel et al. 2018), which holds where the parser hangs the si-clause elsewhere
    # ("que si le facteur devait payer" on a noun); not "comme si", nor the content of a verb of asking (a verb
    # of opinion, which the cues also list as verbs of saying, asks nothing: "penser que si une femme s'était
    # comportée ainsi, ils l'auraient traitée…", as for ``_si_tree`` above)
    asking = nodes.filter(pl.col("_l").is_in(cues("reporting_verb"))).select(
        *sent, pl.col("word_id").alias("head"), pl.lit(True).alias("_asking_head"))
    interrogative = (pl.col("_rel").is_in(_COMPLEMENT) & pl.col("_asking_head").fill_null(False)
                     & ~pl.col("_opinion_head").fill_null(False))
    imperfect_protases = (nodes.filter(pl.col("_n_si") & pl.col("_imperfect") & ~pl.col("_comparative_si")
                                       & ~pl.col("_question_si"))
                          .join(asking, on=[*sent, "head"], how="left")
                          .join(opinion, on=[*sent, "head"], how="left").filter(~interrogative)
                          .select(*sent, pl.col("word_id").alias("_si_node")))
    elsewhere = (found.select(row, *sent).join(imperfect_protases, on=sent, how="inner")
                 .join(on_path.select(row, pl.col("node").alias("_si_node")), on=[row, "_si_node"], how="anti")
                 .select(row))
    # ... or where it hangs "si" on the conditional's own clause with an imperfect between the two ("si les
    # États avaient adopté cette limite, des vies auraient été sauvées": si → sauvées); an interrogative
    # "s'il viendrait" has no verb between them. With a finite indicative of another tense between them the
    # si-clause is a protasis all the same ("Si ces frappes sont bien américaines, il s'agirait des premières":
    # si → agirait): ``_si_tree``; not where the conditional's clause is the complement of a verb, as an indirect
    # question's is ("ne dit pas si le texte, qui est en discussion, serait voté": voté → ccomp of dit)
    finite_indicative = (pl.col("verbform") == "Fin") & (pl.col("mood") == "Ind")
    verb_heads = nodes.filter(pl.col("upos").is_in(["VERB", "AUX"])).select(
        *sent, pl.col("word_id").alias("head"), pl.lit(True).alias("_verb_head"))
    si_on_own = (nodes.filter(pl.col("_si_word").is_not_null() & ~pl.col("_question_si")).rename({"word_id": "node"})
                 .join(start, on=[*sent, "node"], how="inner").join(verb_heads, on=[*sent, "head"], how="left")
                 .select(row, *sent, "_si_word", "_concessive_si",
                         (pl.col("_rel").is_in(_COMPLEMENT) & pl.col("_verb_head").fill_null(False))
                         .alias("_complement")))
    if si_on_own.height:
        verbs = words.filter(pl.col("_impf") | finite_indicative).select(
            *sent, pl.col("word_id").alias("_verb_between"), "_impf")
        hung_on_apodosis = (si_on_own.join(found.select(row, pl.col("word_id").alias("_cnd_word")), on=row, how="left")
                            .join(verbs, on=sent, how="inner")
                            .filter((pl.col("_si_word") < pl.col("_verb_between"))
                                    & (pl.col("_verb_between") < pl.col("_cnd_word")))
                            .group_by(row).agg(pl.col("_impf").any(), pl.col("_complement").first(),
                                               pl.col("_concessive_si").first()))
    else:
        hung_on_apodosis = si_on_own.select(row, pl.lit(False).alias("_impf"), "_complement", "_concessive_si")
    si_imperfect = (pl.concat([elsewhere, hung_on_apodosis.filter(pl.col("_impf")).select(row)]).unique()
                    .with_columns(pl.lit(True).alias("_si_imperfect")))
    # (a concessive "même si" with no imperfect concedes a fact: no protasis; "même s'il pleuvait, je sortirais" is one)
    si = (pl.concat([si, hung_on_apodosis.filter(~pl.col("_impf") & ~pl.col("_complement")
                                                 & ~pl.col("_concessive_si")).select(row)]).unique()
          .with_columns(pl.lit(True).alias("_si_tree")))
    # the conditional's own clause: its subject, an oblique "sans X", a gerund, a conjunction that introduces it
    own_clause = nodes.rename({"word_id": "node"}).join(start, on=[*sent, "node"], how="inner").select(
        row, *sent, "head", "_rel", "_subj_l", "_subj_upos", "_subj_det", "_subj_f", "_subj_tel", "_sans_condition",
        "_sans_infinitive",
        pl.col("upos").alias("_clause_upos"), pl.col("_l").alias("_clause_l"), "_clausal_child",
        pl.col("_marked").alias("_clause_marked"),
        pl.col("_gerund_child").alias("_gerund_condition"),
        pl.col("_fronted_gerund_child").alias("_fronted_gerund"), pl.col("_purpose_child").alias("_purpose_condition"),
        "_infinitive_subject")
    # a year hung on the conditional's own clause dates it ("qui deviendrait en 1928")
    years = (words.filter((pl.col("upos") == "NUM") & pl.col("deprel").is_in(["obl", "obl:mod"]))
             .filter(pl.col("_f").str.contains(_YEAR))
             .select(*sent, pl.col("head").alias("node")).unique().join(start, on=[*sent, "node"], how="inner")
             .select(row).unique().with_columns(pl.lit(True).alias("_dated")))
    own_clause = own_clause.join(years, on=row, how="left")
    # a conditional the parser took for an adjective ("une défaite de Romney dans cet Etat compromettrait…",
    # amod of "Etat"): its subject is the noun it hangs from, climbed up through the noun's complements (nmod)
    # (or acl: a finite verb hung on a noun with neither subject nor conjunction is no relative clause)
    # (the first word of its path above it that is no complement of a noun, nmod)
    misparsed = own_clause.filter(pl.col("_rel").is_in(["amod", "acl"]) & ~pl.col("_clause_marked").fill_null(False)
                                  & pl.col("_subj_l").is_null()).select(row)
    misparsed = (path.join(misparsed, on=row, how="semi").filter((pl.col("k") > 0) & (pl.col("_rel") != "nmod"))
                 .sort(row, "k").unique(row, keep="first")
                 .select(row, pl.col("_l").alias("_np_l"), pl.col("upos").alias("_np_upos"),
                         pl.col("_det").alias("_np_det")))
    own_clause = own_clause.join(misparsed, on=row, how="left").select(
        row, *(pl.coalesce(f"_subj_{c}", f"_np_{c}").alias(f"_subj_{c}") for c in ("l", "upos", "det")),
        pl.all().exclude(row, "_subj_l", "_subj_upos", "_subj_det", "_np_l", "_np_upos", "_np_det", *sent, "head",
                         "_rel"))
    # the antecedent of a relative clause ("ce qui aurait permis": ce, a situation)
    # (in one pass over the path, sorted by k) ... the nearest clause above that is itself in the conditional
    # (its verb, auxiliary or copula), and the tense of the nearest verb above (a relative clause's main
    # clause: "créait le Comité, qui deviendrait…")
    above = path.filter(pl.col("k") >= 1).join(cnd_clauses, on=[*sent, "node"], how="left").group_by(row).agg(
        pl.col("_l").filter(pl.col("k") == 1).first().alias("_antecedent_l"),
        pl.col("_cnd_here").drop_nulls().first().alias("_above_cnd"),
        pl.col("_past").filter(pl.col("upos").is_in(["VERB", "AUX"])).first().alias("_past_above"))
    found = (found.join(clause, on=row, how="left").join(governor, on=row, how="left").join(si, on=row, how="left")
             .join(si_imperfect, on=row, how="left").join(own_clause, on=row, how="left")
             .join(above, on=row, how="left"))
    tree = pl.col("_tree").fill_null(False)
    return found.select(
        "doc_id", "sent_id", "word_id", tree.alias("_tree"), "_clause_rel", "_subj_l", "_subj_upos", "_subj_det",
        "_subj_f", pl.col("_subj_tel").fill_null(False).alias("_subj_tel"), "_clause_upos", "_clause_l",
        "_antecedent_l", "_above_cnd", "_gov_l", "_gov_past", "_gov_k",
        *((tree & pl.col(c).fill_null(False)).alias(c)
          for c in ("_governed", "_fip_tree", "_si_tree", "_si_imperfect", "_speaker_gov", "_content_clause",
                    "_sans_condition", "_sans_infinitive", "_clausal_child", "_clause_marked",
                    "_gerund_condition", "_fronted_gerund", "_purpose_condition", "_dated", "_past_above",
                    "_infinitive_subject")))


# --------------------------------------------------------------------------- classes

def _sentence_cues(sentence: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(condition phrase, source phrase) found in the sentence text."""
    text = sentence.str.to_lowercase().str.replace_all("’", "'")

    def alternation(kind: str) -> str:
        words = sorted(cues(kind), key=len, reverse=True)
        return r"(?:^|[^\p{L}])(?:" + "|".join(w.replace(" ", r"\s+") for w in words) + r")(?:[^\p{L}]|$)"

    text = text.str.replace_all(r"(^|[^\p{L}])a défaut", "$1à défaut")  # "A défaut": a capital without accent
    condition = text.str.contains(alternation("condition_phrase"))
    return condition, text.str.contains(alternation("source_phrase"))


def rules() -> list[tuple[str, pl.Expr, str]]:
    """The classification rules, in the order they are tried: ``(name, condition, class)``.

    The order is the decision order of the annotation guide (``annotation-guide.md`` §1):
    future in the past (a past verb of saying or thinking + que), hypothetical (an explicit
    condition), politeness/desire, epistemic (the modals), then reportive; a past conditional of
    an ordinary verb is reportive, a counterfactual *aurait dû / aurait pu* hypothetical (*aurait dû* in a
    relative clause too, "le jour où il aurait dû avoir 74 ans"; *aurait pu* there may be "might have"). "Sans" + a
    noun phrase on the conditional's clause is a condition like si (guide §1: "sans X, Y serait…"), and so is
    "sans" + an infinitive on a present conditional ("on pourrait protéger nos frontières sans avoir de
    gardes-côtes"; on a past one it is the manner: "il aurait quitté le pays sans prévenir"), tried
    before the modals, and so are a si-clause in the imperfect or pluperfect wherever the parser hung it (the
    tense concord of the hypothetical system: "que si le facteur devait payer"; and read on the words, a sentence
    opening on "Si" with an imperfect by its ending before its first comma, which the tagger may make an adjective:
    ``fronted_si_imperfect``) and a gerund on a present
    conditional ("en réduisant les impôts, le gouvernement relancerait…", "… pourrait relancer…"; not a gerund
    after a modal of possibility, the means: "pourrait bouleverser la science, notamment en améliorant…"), and a
    purpose infinitive "pour +
    infinitive" on an impersonal present conditional, its goal the condition: "il faudrait cent tours pour
    couvrir la ville" (if one wanted to), "pour avoir une image exhaustive, il serait bien de…"
    (``purpose_condition``). An attenuated assertion ("je dirais même") is ``other``: no wish or request. A past
    conditional of enabling or preventing whose subject is an
    action or a situation says what it would have made possible ("ce prêt aurait permis", "ce qui aurait
    permis": ``counterfactual_consequence``), tried before the reportive past conditional; a past conditional
    after a past verb of saying + que looks back, not forward (no future in the past: "Le site avait annoncé
    que … Penelope Fillon aurait été rémunérée dès 1982", reportive); a present
    conditional that is the que-clause of a present verb of belief is what the holder imagines would happen
    ("il estime … qu'un nouveau référendum attendrait le règne d'un nouveau monarque": ``belief_content``,
    hypothetical; a past one there stays reportive: "les juges estiment que des commissions auraient été
    versées"). A conditional
    after a finite imperfect that follows the que of a past verb of saying is in the future in the past too, by
    the tense concord of reported speech, wherever the parser hung it ("avait précisé que … et qu'il importait peu
    …, car il agirait": ``tense_concord``; not with a source marker, "selon…", whose own clause reports). A
    present conditional in a dated relative clause whose main clause is
    past tells what came later in a narrative ("Blanche
    Maupas créait alors le Comité, qui deviendrait en 1928 …": ``later_in_past_narrative``, the future in the
    past of history writing; a consequence there stays imagined: "un plan qui permettrait en 2030…"). An appositive
    relative clause (a comma before its pronoun) of description, être (a copula, not the passive auxiliary) or
    avoir, tells a property reported of a
    referent already set up ("un homme …, qui serait un Ouzbek de 39 ans": ``appositive_description``, the
    journalistic conditional, Kronning 2002); a restrictive one describes a referent imagined, unless être
    names the cause, author or victim a reported event is attributed to ("des bouteilles de gaz … qui seraient
    à l'origine de la déflagration", "il serait donc la victime": ``attributed_predicate``, reportive in a
    relative or que-clause too). A relative clause
    inside a clause whose own conditional is reportive is reported with it ("Il s'agirait d'un nouveau boson,
    …, qui aurait une énergie de 750 GeV": ``relative_in_reported_clause``, a second pass over the classes of
    the first), unless its verb is one of consequence ("un accord qui permettrait…" stays imagined). Just before
    the default, a present conditional whose condition is implicit in its
    subject is hypothetical (guide §1: "une défaite compromettrait"): a noun of action or a pronoun
    standing for a situation as the subject of a verb of consequence ("l'inaction obligerait", "cela
    permettrait": ``implicit_conditions.tsv``), a free-choice subject ("toute proposition serait
    irrecevable"), one whose referent "tel" imagines ("un tel accord permettrait…": ``imagined_subject``), an adjective
    judging a clause ("ce serait dramatique que…") or judging the worth, cost or feasibility of an action that is
    the subject ("cette mesure serait nécessaire": ``judged_action``, ``evaluative_adjective`` of
    ``implicit_conditions.tsv``); "ne saurait +
    infinitive" is a set phrase (``other``). Last before the default, a present conditional whose subject is a
    pronoun standing for the situation just described ("Cela représenterait donc une hausse", "Ce serait l'unique
    manière de l'honorer": ``situation_pronoun_subject``) is the consequence or worth of that situation as
    inferred, hypothetical, whatever the verb (the consequence verb ``implicit_condition`` asks of a noun of
    action is no condition for a pronoun that can only stand for a situation).
    Written on set23 (fourteenth session): a modal before a perfect infinitive guesses about the past and is no
    future in the past ("a déclaré que cette action pourrait avoir sauvé des vies": ``epistemic_verb``); an
    indirect question after a past verb of saying or asking is its content ("a demandé quand aurait lieu…",
    ``past_saying_que``); a bare infinitive opening the sentence as its subject is the condition ("Doubler les
    fonds serait un bon début": ``infinitive_subject``, after the modals); what the reader or anyone would have
    believed is imagined ("Vous auriez cru…": ``imagined_belief``); a relative clause of witnessing in an appeal
    for witnesses names whoever may have seen ("les habitants qui auraient vu…": ``witness_appeal``).
    Conditions read the columns built by :func:`conditionals`: ``key_lemma`` (the participle's
    lemma for a compound, else the verb's), ``compound``, the next word ``_w1_*``, the previous
    word ``_prev``, the sentence cues, and the dependency tree (:func:`_tree`) where the sentence
    has one, else the word-order cues it replaces (``_si``; ``_que_after_past_saying`` also where
    the tree finds no governing verb, as when a parser hangs "lorsqu'ils arriveraient" on the
    verb of saying itself).
    """
    key, lemma, compound = pl.col("key_lemma"), pl.col("_lemma"), pl.col("compound")
    ending, subject, tree = pl.col("_ending"), pl.col("_subject"), pl.col("_tree")
    # (the subject before the verb, or inverted after it: "Seriez-vous en mesure …")
    addressee = pl.any_horizontal([((subject == pronoun) | (pl.col("_next1").str.to_lowercase() == f"-{pronoun}"))
                                   & (ending == person_ending)
                                   for pronoun, person_ending in (c.split(" ", 1) for c in cues("addressee_subject"))])
    first_person = (ending == "ions") | (ending == "ais") & (subject.is_in(cues("first_person_subject"))
                                                              | (pl.col("person") == "1"))
    speaker = first_person | subject.is_in(cues("generic_subject")) | addressee
    # a relative clause: in the tree, or right after a relative pronoun; after que, only when no subject
    # comes between (stylistic inversion: "l'impact qu'aurait pu avoir le pollen", not "que nous aurions")
    # (a clause the parser calls relative but that a conjunction introduces is none: "parce que leur cœur serait")
    tree_relative = (pl.col("_clause_rel") == "acl:relcl") & ~pl.col("_clause_marked")
    relative = tree_relative | pl.col("_prev").is_in(cues("relative_pronoun")) | subject.is_in(cues("complementizer"))
    request = pl.any_horizontal([(key == verb) & (pl.col("_w1_f") == word)
                                 for verb, word in (c.split(" ", 1) for c in cues("request_phrase"))])
    # an implicit condition in the subject: a noun of action or event, or a pronoun standing for a situation
    subj = pl.col("_subj_l")
    # (a noun the tagger calls an adjective keeps its determiner: "ce prêt")
    nominal = (pl.col("_subj_upos") == "NOUN") | ((pl.col("_subj_upos") == "ADJ") & pl.col("_subj_det").is_not_null())
    action_noun = nominal & ~subj.is_in(_implicit("not_action_noun")) & (
        subj.is_in(_implicit("action_noun"))
        | subj.str.contains("(?:" + "|".join(_implicit("action_noun_suffix")) + ")s?$"))
    # "ce qui entraînerait…": a relative clause on "ce" stands for the situation just described (the parser
    # may also make "ce" the subject of the clause that follows "qui")
    situation = (action_noun | subj.is_in(_implicit("situation_pronoun"))
                 | (relative & (pl.col("_antecedent_l").is_in(_implicit("situation_antecedent"))
                                | subj.is_in(_implicit("situation_antecedent")))))
    # "ce serait dramatique que…", "il serait dangereux de…": an adjective judging a clause (the situation)
    copula = (lemma == _ETRE) & ~compound & (pl.col("_clause_upos") == "ADJ") & pl.col("_clausal_child")
    # a verb of consequence; a causative (faire) only before its infinitive: "ferait créer", not "ferait suite à"
    consequence = (key.is_in(_implicit("consequence_verb"))
                   | (key.is_in(_implicit("causative_verb")) & (pl.col("_w1_vf") == "Inf")))
    # a modal before a perfect infinitive looks back from now ("cette action pourrait avoir sauvé des centaines
    # de vies"): a guess about the past, never a future seen from the past, even under a past verb of saying
    anterior = (lemma.is_in(cues("epistemic_verb")) & ~compound & (pl.col("_w1_l") == _AVOIR)
                & (pl.col("_w1_vf") == "Inf") & (pl.col("_w2_part") == "true"))
    return [
        # (the condition of "dans le cas où Fillon renoncerait", under a past verb of saying or not: set17)
        ("condition_clause", pl.col("_protasis_relative"), "hypothetical"),
        # (a past conditional inside the reported content looks back, not forward, in a relative clause or not:
        # "il avait expliqué que l'argent avait pu passer par des comptes qui auraient servi d'écran", "Le site
        # avait annoncé que … Penelope Fillon aurait été rémunérée … dès 1982": the journalistic conditional)
        ("past_saying_que", ~compound & ~anterior & (pl.when(pl.col("_governed")).then(pl.col("_fip_tree"))
                                                     .otherwise(pl.col("_que_after_past_saying"))
                                                     | pl.col("_question_after_past_saying")), "future_in_past"),
        ("tense_concord", pl.col("_imperfect_after_saying_que") & ~compound & ~anterior & ~pl.col("_source"),
         "future_in_past"),
        ("si_clause", pl.when(tree).then(pl.col("_si_tree")).otherwise(pl.col("_si")), "hypothetical"),
        ("si_imperfect", pl.col("_si_imperfect"), "hypothetical"),
        ("fronted_si_imperfect", pl.col("_fronted_si_imperfect"), "hypothetical"),
        ("condition_phrase", pl.col("_condition"), "hypothetical"),
        ("sans_condition", pl.col("_sans_condition"), "hypothetical"),
        ("sans_infinitive_condition", pl.col("_sans_infinitive") & ~compound, "hypothetical"),
        # (a gerund after a modal of possibility is the means by which the possibility would come about, no
        # explicit condition: "Cette découverte pourrait bouleverser la science, notamment en améliorant…"; a
        # fronted one is the condition all the same: "En réduisant les impôts, le gouvernement pourrait relancer…")
        ("gerund_condition", pl.col("_gerund_condition") & ~compound
         & (pl.col("_fronted_gerund") | ~lemma.is_in(cues("epistemic_verb"))), "hypothetical"),
        ("purpose_condition", pl.col("_purpose_condition") & ~compound
         & subject.is_in(cues("impersonal_subject")) & lemma.is_in(cues("impersonal_verb")), "hypothetical"),
        ("counterfactual_modal", compound & key.is_in(cues("counterfactual_modal"))
         & (~relative | key.is_in(cues("counterfactual_modal_in_relative"))), "hypothetical"),
        ("desire_verb", key.is_in(cues("desire_verb")) & (~compound | speaker), "politeness_desire"),
        ("attenuated_assertion", key.is_in(cues("attenuated_assertion_verb")) & ~compound
         & (ending == "ais") & subject.is_in(cues("first_person_subject")), "other"),
        ("attenuated_request", request & ~compound, "politeness_desire"),
        ("attenuated_advice", (lemma == _ETRE) & subject.is_in(cues("impersonal_subject"))
         & (pl.col("_next1").is_in(cues("attenuation_word")) | pl.col("_w1_f").is_in(cues("attenuation_word"))),
         "politeness_desire"),
        ("epistemic_verb", key.is_in(cues("epistemic_verb")) | lemma.is_in(cues("epistemic_verb")), "epistemic"),
        ("necessity", (lemma.is_in(cues("necessity_verb")) & ((pl.col("_w1_vf") == "Inf")
                                                             | pl.col("_w1_f").is_in(cues("complementizer"))))
         | (lemma.is_in(cues("advisability_verb")) & pl.col("_next1").is_in(cues("advisability_word"))), "epistemic"),
        # (a bare infinitive as the subject is the condition: "Doubler les fonds serait un bon début" = if the
        # funds were doubled; after the modals, which keep their reading: "Prendre en considération … pourrait
        # faciliter…", epistemic in the UD gold)
        ("infinitive_subject", pl.col("_infinitive_subject") & ~compound & pl.col("_subj_l").is_null(),
         "hypothetical"),
        ("source_marker", pl.col("_source"), "reportive"),
        # (the reader addressed: "Vous choisiriez une personne de confiance", "Seriez-vous en mesure de répondre ?":
        # an imagined situation of the reader's, not a report)
        ("addressee_subject", addressee & ~compound, "hypothetical"),
        # (what the reader or anyone would have believed, "Vous auriez cru que je faisais une dépression", "On
        # aurait cru un film": an imagined impression, not a belief reported)
        ("imagined_belief", compound & key.is_in(cues("belief_verb"))
         & (addressee | subject.is_in(cues("generic_subject"))), "hypothetical"),
        # (the report itself in the conditional: "« … », aurait-il déclaré", "Il aurait affirmé que …": the
        # journalistic conditional on the verb of saying)
        ("reported_saying", compound & key.is_in(cues("reporting_verb")), "reportive"),
        ("question", pl.col("sentence").str.strip_chars().str.ends_with("?")
         & (~tree | (pl.col("_clause_rel") == "root")), "other"),
        ("speaker_judgement", (first_person & ~compound) | pl.col("_speaker_gov"), "hypothetical"),
        ("counterfactual_consequence", compound & situation
         & key.is_in(_implicit("counterfactual_consequence_verb")), "hypothetical"),
        ("belief_content", ~compound & pl.col("_gov_l").is_in(cues("belief_verb"))
         & ~pl.col("_gov_past").fill_null(False) & (pl.col("_gov_k") == 1), "hypothetical"),
        # (an appeal for witnesses: "La police exhorte les habitants qui auraient vu ou entendu quelque chose à…",
        # "toute personne qui aurait aperçu le véhicule": whoever may have seen, a referent imagined)
        ("witness_appeal", relative & key.is_in(cues("witness_verb")) & pl.col("_appeal"), "hypothetical"),
        ("past_conditional", compound, "reportive"),
        ("categorical_negation", key.is_in(cues("categorical_negation_verb")) & ~compound & pl.col("_negated")
         & (pl.col("_w1_vf") == "Inf"), "other"),
        ("later_in_past_narrative", relative & ~compound & pl.col("_past_above") & pl.col("_dated")
         & ~consequence, "future_in_past"),
        ("attributed_predicate", (lemma == _ETRE) & ~compound
         & (pl.col("_clause_l").is_in(cues("attributed_predicate"))
            | pl.col("_predicate_l").is_in(cues("attributed_predicate"))), "reportive"),
        ("appositive_description", relative & pl.col("_appositive") & ~compound & lemma.is_in(cues("description_verb"))
         & (~tree | (lemma != _ETRE) | (pl.col("deprel") == "cop")) & ~situation.fill_null(False), "reportive"),
        ("relative_in_reported_clause", relative & pl.col("_above_reportive")
         & ~consequence, "reportive"),
        ("relative_clause", relative, "hypothetical"),
        ("content_clause", pl.col("_content_clause"), "hypothetical"),
        ("implicit_condition", ~compound & situation & consequence, "hypothetical"),
        ("free_choice_subject", ~compound & pl.col("_subj_det").is_in(_implicit("free_choice_determiner")),
         "hypothetical"),
        ("judged_situation", copula & pl.col("_subj_f").is_in(cues("situation_subject")), "hypothetical"),
        ("judged_action", (lemma == _ETRE) & ~compound & (pl.col("_clause_upos") == "ADJ") & situation
         & pl.col("_clause_l").is_in(_implicit("evaluative_adjective")), "hypothetical"),
        # (a subject whose referent "tel" imagines: "un tel accord permettrait de relancer l'économie")
        ("imagined_subject", ~compound & pl.col("_subj_tel"), "hypothetical"),
        ("situation_pronoun_subject", ~compound & (pl.col("_subj_f").is_in(cues("situation_pronoun_subject"))
                                                  | subject.is_in(cues("situation_pronoun_subject"))),
         "hypothetical"),
        ("unmarked", pl.lit(True), "reportive"),
    ]


def _classify(rows: pl.DataFrame) -> pl.DataFrame:
    """The first rule of :func:`rules` that holds gives ``rule`` and ``class``; then the second pass
    (:func:`_second_pass`) for the rules that read the class of another conditional."""
    table = rules()
    name = pl.when(table[0][1].fill_null(False)).then(pl.lit(table[0][0]))
    for rule_name, condition, _ in table[1:]:
        name = name.when(condition.fill_null(False)).then(pl.lit(rule_name))
    classes = {rule_name: cls for rule_name, _, cls in table}
    rows = rows.with_columns(pl.lit(False).alias("_above_reportive")).with_columns(name.alias("rule")).with_columns(
        pl.col("rule").replace_strict(classes, return_dtype=pl.String).alias("class"))
    return _second_pass(rows, table)


#: (rule read in the second pass, the rule right after it in the table: the only one whose rows it can take)
_SECOND_PASS = ("relative_in_reported_clause", "relative_clause")


def _second_pass(rows: pl.DataFrame, table: list[tuple[str, pl.Expr, str]]) -> pl.DataFrame:
    """``_above_reportive`` (the nearest clause above in the conditional is classed reportive) is known only
    once every conditional has a class: the rule that reads it is tried again on the rows of the rule that
    follows it in the table (a rule placed just before another can only take that one's rows, since every
    earlier rule already failed on them); the table's own condition and class, so the rule's row decides."""
    rule_name, next_rule = _SECOND_PASS
    entry = next(((condition, cls) for name, condition, cls in table if name == rule_name), None)
    if entry is None or not ((rows["rule"] == next_rule) & rows["_above_cnd"].is_not_null()).any():
        return rows
    condition, cls = entry
    reportive_above = rows.filter(pl.col("class") == "reportive").select(
        "doc_id", "sent_id", pl.col("word_id").alias("_above_cnd"), pl.lit(True).alias("_reportive"))
    taken = (pl.col("rule") == next_rule) & condition.fill_null(False)
    return (rows.join(reportive_above, on=["doc_id", "sent_id", "_above_cnd"], how="left")
            .with_columns(pl.col("_reportive").fill_null(False).alias("_above_reportive"))
            .with_columns(pl.when(taken).then(pl.lit(rule_name)).otherwise(pl.col("rule")).alias("rule"),
                          pl.when(taken).then(pl.lit(cls)).otherwise(pl.col("class")).alias("class"))
            .drop("_reportive"))


# --------------------------------------------------------------------------- public

def _judged(tokens: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame | None:
    """Every conditional with the evidence columns of :func:`rules` and the rules' ``rule`` and ``class``
    (None when there is none)."""
    if tokens.height == 0:
        return None
    # a conditional has a conditional ending: only the sentences with such a form are read (their
    # words lower-cased, checked and judged in context; the context never leaves the sentence)
    own = sentence_ordered(tokens)
    if own is not None:  # the corpus's index: its sentences, numbered, and rows in order
        tokens, words = _indexed_candidates(tokens, own)
        words = words.filter(pl.col("_sk").is_in(words.filter(pl.col("_cnd"))["_sk"].unique().implode()))
        if words.height == 0:
            return None
    else:
        ending = tokens.filter(pl.col("form").str.contains(CANDIDATE)).select("doc_id", "sent_id").unique()
        tokens = tokens.join(ending, on=["doc_id", "sent_id"], how="semi")
        words = detect(lowered(tokens))
        holding = words.filter(pl.col("_cnd")).select("doc_id", "sent_id").unique()
        if holding.height == 0:
            return None
        words = _in_order(words.join(holding, on=["doc_id", "sent_id"], how="semi"))
    words = _context(words)
    evidence = _tree(words)  # before _compound, which gives ``tense`` its own values
    found = _compound(words).filter(pl.col("_cnd")).join(evidence, on=["doc_id", "sent_id", "word_id"], how="left")
    sentences = tok.sentences(tokens, documents).select(pl.col("doc_id").cast(pl.String), "sent_id", "sentence")
    found = found.join(sentences, on=["doc_id", "sent_id"], how="left")
    condition, source = _sentence_cues(pl.col("sentence").fill_null(""))
    found = found.with_columns(
        condition.alias("_condition"), source.alias("_source"),
        pl.when(pl.col("compound")).then(pl.col("main_lemma")).otherwise(pl.col("_lemma")).alias("key_lemma"),
    )
    return _classify(found)


def _with_in_quote(rows: pl.DataFrame, quotes: pl.DataFrame | None) -> pl.DataFrame:
    if quotes is None:
        return rows.with_columns(pl.lit(None, dtype=pl.Boolean).alias("in_quote"))
    from corpusling.markers.voice import add_in_quote

    return add_in_quote(rows, quotes)


#: The evidence a class is decided on, beside each rule's own condition (:func:`evidence`).
#: The evidence added in the seventh round (issue 14), for what the errors of the rules showed missing: a
#: present verb of saying governs the clause, the conditional is the copula être, its subject is a pronoun
#: standing for a situation ("cela", "ceci", "ça": ``situation_pronoun`` of ``implicit_conditions.tsv``), the clause
#: is the sentence's root.
EXTRA_EVIDENCE: list[str] = ["governor_saying_present", "copula", "situation_subject", "main_clause"]
EVIDENCE: list[str] = ["compound", "in_quote", "first_person", "relative", "governed", "governor_past_saying",
                       "si_in_sentence", "source_in_sentence", "question", "negated", "appositive", "dated",
                       "past_above", "in_tree", *EXTRA_EVIDENCE]


def evidence(tokens: pl.DataFrame, documents: pl.DataFrame, quotes: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per conditional (the keys and offsets of :func:`conditionals`) with the evidence its class is
    decided on, as booleans: ``cue_<rule>`` (the condition of each rule of :func:`rules`, whether or not an
    earlier rule decided), the columns of :data:`EVIDENCE` (compound, in a quotation, first person, relative
    clause, a governing verb in the tree and whether it is a past verb of saying, si / selon in the sentence…),
    ``rule_class_<class>`` (the class the rules give), and ``rule`` and ``class`` of the rules: the features of
    the learned classifier (:mod:`corpusling.markers.conditional_model`)."""
    found = _judged(tokens, documents)
    if found is None:
        return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "start_char": pl.Int64,
                                    "end_char": pl.Int64, "rule": pl.String, "class": pl.String})
    return _evidence_columns(_with_in_quote(found, quotes))


def _evidence_columns(found: pl.DataFrame) -> pl.DataFrame:
    """The ``cue_*``, :data:`EVIDENCE` and ``rule_class_*`` columns of :func:`evidence` on the judged rows."""
    def flag(expr: pl.Expr) -> pl.Expr:
        return expr.fill_null(False).cast(pl.Boolean)

    ending = pl.col("_ending")
    first_person = (ending == "ions") | ((ending == "ais") & (pl.col("_subject").is_in(cues("first_person_subject"))
                                                              | (pl.col("person") == "1")))
    relative = (((pl.col("_clause_rel") == "acl:relcl") & ~pl.col("_clause_marked"))
                | pl.col("_prev").is_in(cues("relative_pronoun")))
    named = {
        "compound": pl.col("compound"), "in_quote": pl.col("in_quote"), "first_person": first_person,
        "relative": relative, "governed": pl.col("_governed"), "governor_past_saying": pl.col("_fip_tree"),
        "si_in_sentence": pl.col("_si"), "source_in_sentence": pl.col("_source"),
        "question": pl.col("sentence").str.strip_chars().str.ends_with("?"), "negated": pl.col("_negated"),
        "appositive": pl.col("_appositive"), "dated": pl.col("_dated"), "past_above": pl.col("_past_above"),
        "in_tree": pl.col("_tree"),
        "governor_saying_present": pl.col("_gov_l").is_in(cues("reporting_verb")) & ~pl.col("_gov_past")
        & (pl.col("_gov_k") == 1),
        "copula": (pl.col("_lemma") == _ETRE) & ~pl.col("compound"),
        "situation_subject": pl.col("_subj_l").is_in(_implicit("situation_pronoun")),
        "main_clause": pl.col("_clause_rel") == "root",
    }
    return found.select(
        "doc_id", "sent_id", "start_char", "end_char", "rule", "class",
        *[flag(condition).alias(f"cue_{name}") for name, condition, _ in rules()],
        *[flag(named[name]).alias(name) for name in EVIDENCE],
        *[(pl.col("class") == cls).alias(f"rule_class_{cls}") for cls in CLASSES])


def conditionals(tokens: pl.DataFrame, documents: pl.DataFrame,
                 quotes: pl.DataFrame | None = None, classes: str = "rules") -> pl.DataFrame:
    """One row per finite verb in the conditional (compounds on their auxiliary).

    Columns: :data:`COLUMNS` — offsets of the verb's token, corrected ``lemma``,
    ``tense`` (present / past), ``compound``, ``main_lemma``, ``class`` and the ``rule``
    that gave it, ``detected_by`` (``tagger``: ``Mood=Cnd`` in the token table, which
    :func:`corpusling.api.parse` already completes with this morphological check unless
    ``morphology=False``; ``morphology``; or ``tagger+morphology``), ``sentence`` and
    ``in_quote`` (whether the verb stands in a direct or mixed quotation of ``quotes``;
    null when ``quotes`` is not given).

    ``classes="rules"`` (the default): the ordered rules of :func:`rules` decide the class;
    ``classes="model"``: the learned classifier of :mod:`corpusling.markers.conditional_model` decides it
    from the rules' evidence (``rule`` then says "model: " and the features that weighed most).
    """
    if classes not in CLASS_DECIDERS:
        raise ValueError(f"classes must be one of {', '.join(CLASS_DECIDERS)}, not {classes!r}")
    found = _judged(tokens, documents)
    if found is None:
        return _empty()
    found = _with_in_quote(found, quotes)
    if classes == "model":
        from corpusling.markers.conditional_model import decide

        decided = decide(_evidence_columns(found))  # a select on ``found``: the same rows in the same order
        found = found.with_columns(decided["class"], decided["rule"])
    return found.select("doc_id", "sent_id", "start_char", "end_char", "form", pl.col("_lemma").alias("lemma"),
                        "tense", "compound", "main_lemma", "class", "sentence", "rule", "detected_by", "in_quote")


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "start_char": pl.Int64,
                                "end_char": pl.Int64, "form": pl.String, "lemma": pl.String, "tense": pl.String,
                                "compound": pl.Boolean, "main_lemma": pl.String, "class": pl.String,
                                "sentence": pl.String, "rule": pl.String, "detected_by": pl.String,
                                "in_quote": pl.Boolean})

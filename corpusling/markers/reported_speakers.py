"""Who speaks in reported speech: the source of each content as written, and the speaker it names.

:func:`sources` finds the source word of each cue (its subject or agent, a document before a participle, a
subject inherited through coordination or control, the nearest subject-like noun); :func:`resolve_speakers`
reads the mention and names the speaker with the quotation speakers' resolver
(:mod:`corpusling.markers.speakers`) and the rules proper to reported speech (a pronoun continuing the last
speaker who agrees with it, a description naming the person it refers back to).
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from corpusling.markers.reported_tree import (
    WORD,
    Tree,
    attach,
    children,
    dependency_tree,
    having,
    noun_phrases,
    ordered_within,
    reported_cues,
)
from corpusling.markers.speakers import TIME_NOUNS, apposed_elsewhere, introduced_names, speaker_words
from corpusling.markers.voice import add_in_quote

#: The token columns, besides ``doc_id``, that :func:`resolve_speakers` hands to the speakers module
#: (:func:`~corpusling.markers.speakers.named_mentions`, :func:`~corpusling.markers.speakers.pronoun_descriptions`).
TOKEN_COLUMNS = ("sent_id", "word_id", "head", "deprel", "upos", "lemma", "form", "feats", "start_char", "end_char")

#: Relations of the speaker to a reporting verb, in order of preference.
SOURCE_RELATIONS = ("nsubj", "obl:agent")
#: An institution's name written with its article, a capitalised noun and lower-case words after it ("Le Canard
#: enchaîné", "La Voix du Nord", "Le Monde"): never a person's, though :data:`PERSON_NAME` matches some of them.
INSTITUTION_NAME = (r"^\s*(?:Le|La|L['’])\s*\p{Lu}\p{Ll}+(?:\s+\p{Ll}[\p{L}-]*)*"
                    r"(?:\s+(?:du|de la|des|de)\s+\p{Lu}[\p{L}-]*)?\s*$")
#: A person's name as a speaker is written: capitalised words, particles between ("Gilles-Éric Séralini", "Jean-Marc
#: Ayrault", "Charles de Gaulle"); not an institution's ("Le ministère de l'Intérieur").
PERSON_NAME = r"^\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|d'|d’|du|van|von|al|el|ben|bin)\s*)?\p{Lu}[\p{L}'’.-]*)+$"
#: A name that opens with an acronym is an organisation's or a medium's, never a person's ("ABC News", "BFM TV";
#: set17), though :data:`PERSON_NAME` matches it.
ACRONYM_OPENING = r"^\p{Lu}{2,}\b"


def person_name(name: pl.Expr) -> pl.Expr:
    """``name`` is written as a person's: :data:`PERSON_NAME`, not opening with an acronym."""
    return name.str.contains(PERSON_NAME) & ~name.str.contains(ACRONYM_OPENING)


#: The euphonic consonant of an inverted clitic ("a-t-il"), never a source (``euphonic_consonant`` of
#: ``speaker_words.tsv``).
EUPHONIC: tuple[str, ...] = speaker_words("euphonic_consonant")


@cache
def _determiner_opening() -> str:
    """A regular expression of the determiners a noun phrase opens on (``determiner`` of ``speaker_words.tsv``), the
    longest first and each a whole word ("cette", not "ce" + "tte"), an apostrophe either way ("l'", "l’")."""
    def one(word: str) -> str:
        return re.escape(word).replace("'", "['’]") + ("" if word.endswith("'") else r"\s+")
    return "(?:" + "|".join(one(w) for w in sorted(speaker_words("determiner"), key=len, reverse=True)) + ")"


@cache
def _non_agent_nouns() -> list[str]:
    """The nouns no verb of saying takes as its agent: ``time_noun`` and ``non_agent_noun`` of
    ``reported_cues.tsv``."""
    return [*reported_cues("time_noun"), *reported_cues("non_agent_noun")]


def sources(items: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
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
    * for an infinitive or a participle still without one, the subject of the sentence's main verb before it,
      its controller ("Les membres réaffirment que cette « Union est … », …, avant de conclure que");
    * for an active verb still without one, the nearest noun before it in the sentence that stands as a
      subject, an apposition or the root (``subject_like_relation``), not in a prepositional phrase: the
      parser hung the subject elsewhere ("De son côté, B. Obama, …, fait savoir que").
    """
    # a pronominal verb ("s'est engagé à", "s'est déclaré", "se sont engagés à"), its reflexive clitic a dependent
    # of it: conjugated with être, which the parser labels aux:pass, and its subject nsubj:pass; it is no passive,
    # and that subject is its source (Riegel, Pellat & Rioul 2018, ch. XIII, the pronominal verbs' auxiliary)
    pronominal = (words.filter(pl.col("feats").cast(pl.String).fill_null("").str.contains("Reflex=Yes"))
                  .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    passive = (words.filter(pl.col("deprel") == "aux:pass").select("doc_id", "sent_id",
                                                                    pl.col("head").alias("word_id")).unique()
               .join(pronominal, on=WORD, how="anti"))
    relations = (*SOURCE_RELATIONS, "expl:subj", "nsubj:pass")
    # a subject has no preposition ("a pour sa part indiqué": "part" is none); of two subjects the parser gives
    # a verb ("Le président du club, Joey Saputo s'est dit"), the name
    with_case = words.filter(pl.col("deprel") == "case").select("doc_id", "sent_id",
                                                                 pl.col("head").alias("word_id")).unique()

    def subject_of(frame: pl.DataFrame, verb: str, nearest: bool = False) -> pl.DataFrame:
        found = (children(words, frame.select("_item", "doc_id", "sent_id", "_cue_at",
                                               pl.col(verb).alias("word_id")), relations, "s")
                 # (the euphonic "-t" of "a-t-il expliqué", a subject of its own to the parser: the clitic is)
                 .filter(~pl.col("s_form").str.to_lowercase().is_in(EUPHONIC))
                 # (a passive subject is a pronominal verb's only: "Le gouvernement s'est engagé à")
                 .join(pronominal.with_columns(pl.lit(True).alias("_pronominal")), on=WORD, how="left")
                 .filter((pl.col("s_deprel") != "nsubj:pass") | pl.col("_pronominal").fill_null(False))
                 .join(passive.with_columns(pl.lit(True).alias("_passive")), on=WORD, how="left")
                 .filter(~((pl.col("s_deprel") == "expl:subj") & pl.col("_passive").fill_null(False)))
                 .join(with_case, left_on=["doc_id", "sent_id", "s_word_id"], right_on=WORD, how="anti")
                 .with_columns(pl.col("s_deprel").replace_strict({r: i for i, r in enumerate(relations)},
                                                                 default=9).alias("_rank"),
                               (pl.col("s_upos") != "PROPN").alias("_not_name"),
                               # (a day or a month before the subject, "Jeudi, le décret royal … a annoncé",
                               # is a time adverbial the parser made a second subject: passed over)
                               pl.col("s_form").str.to_lowercase().is_in(list(TIME_NOUNS)).alias("_time"),
                               # (for an inherited subject: those before the cue, the nearest first)
                               pl.when(pl.lit(nearest) & (pl.col("s_start_char") < pl.col("_cue_at")))
                               .then(pl.col("_cue_at") - pl.col("s_start_char")).alias("_distance")))
        # (of two subjects, not one a colon cuts off from the verb: "Mali : des citoyens appellent à…")
        colons = (words.filter(pl.col("form") == ":").select("doc_id", "sent_id", pl.col("start_char").alias("_colon"))
                  .join(found.select("doc_id", "sent_id").unique(), on=["doc_id", "sent_id"], how="semi"))
        cut_off = (found.select("_item", "s_word_id", "doc_id", "sent_id", "s_start_char", "_cue_at")
                   .join(colons, on=["doc_id", "sent_id"])
                   .filter(pl.col("_colon").is_between(pl.col("s_start_char"), pl.col("_cue_at")))
                   .select("_item", "s_word_id").unique().with_columns(pl.lit(True).alias("_cut_off")))
        found = (found.join(cut_off, on=["_item", "s_word_id"], how="left")
                 .with_columns(pl.col("_cut_off").fill_null(False))
                 .sort("_item", "_cut_off", "_time", "_distance", "_rank", "_not_name", "s_start_char",
                       nulls_last=True)
                 .group_by("_item", maintain_order=True).first())
        return found.select("_item", pl.col("s_word_id").alias("source_word"))

    items = attach(items, words.select(*WORD, pl.col("start_char").alias("_cue_at")),
                   left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
    found = [subject_of(items, "cue_word")]
    up = words.select(*WORD, pl.col("head").alias("_up"), pl.col("deprel").alias("_rel"),
                      pl.col("feats").fill_null("").alias("_feats"))
    parent = (items.join(up, left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
              .join(words.select(*WORD, pl.col("upos").alias("_cue_upos")), left_on=["doc_id", "sent_id", "cue_word"],
                    right_on=WORD))
    non_finite = pl.col("_feats").str.contains("VerbForm=(?:Part|Ger|Inf)")
    # a present participle right after a noun of speech or writing, adjectives and object clitics between
    present_participle = (parent.join(words.select(*WORD, pl.col("lower_form").alias("_form")),
                                      left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
                          .filter(pl.col("_feats").str.contains("VerbForm=Part")
                                  & pl.col("_feats").str.contains("Tense=Pres")
                                  | pl.col("_form").str.ends_with("ant")))  # (the tagger's "informant": finite)
    # (between them: adjectives, object clitics, a complement of the noun, "un communiqué de presse affirmant")
    between = (pl.col("upos").is_in(["ADJ", "DET", "NOUN", "ADP"])
               | pl.col("lower_form").is_in(reported_cues("infinitive_clitic")))
    window = (present_participle.select("_item", "doc_id", "sent_id", "cue_word")
              .join(words.select("doc_id", "sent_id", "word_id", "upos", "form", "lemma", "lower_form"),
                    on=["doc_id", "sent_id"])
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
                 # (not a noun in a prepositional phrase: "a pour sa part indiqué")
                 .join(with_case.rename({"word_id": "_up"}), on=["doc_id", "sent_id", "_up"], how="anti")
                 .filter(pl.col("_nu").is_in(["NOUN", "PROPN"])).select("_item", pl.col("_up").alias("source_word")))
    found.append(qualified)
    # an incise verb's inverted subject the parser made its object: the cue's own, or that of the verb a participle
    # or gerund cue is an adjunct of
    found.append(_inverted_incise_subjects(items.select("_item", "doc_id", "sent_id", pl.col("cue_word").alias("_up"),
                                                        pl.lit(None, pl.Int64).alias("_limit")), words))
    found.append(_inverted_incise_subjects(parent.filter((pl.col("_rel") == "advcl") & non_finite)
                                           .select("_item", "doc_id", "sent_id", "_up",
                                                   pl.col("cue_word").cast(pl.Int64).alias("_limit")), words))
    # the subject of the verb above, up to three links
    pending = parent
    for level in range(3):
        # (a noun of a locution, "ont peur que", takes its verb's subject)
        noun = (pl.col("_cue_upos") == "NOUN") if level == 0 else pl.lit(False)
        step = pending.filter(pl.col("_rel").is_in(["conj", "xcomp"]) | ((pl.col("_rel") == "advcl") & non_finite)
                              | noun)
        if step.height == 0:
            break
        found.append(subject_of(step, "_up", nearest=True))
        pending = (step.select("_item", "doc_id", "sent_id", "_cue_at", pl.col("_up").alias("cue_word"))
                   .join(up, left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
                   .with_columns(pl.lit(None, pl.String).alias("_cue_upos")))
    # an infinitive or a participle with none of these: the subject of the sentence's main verb before it, its
    # controller ("Les membres réaffirment que cette « Union est … », …, avant de conclure que": not "Union",
    # the subject nearer the cue in a clause the parser made a conjunct)
    main_subject = (words.filter(pl.col("deprel").is_in(SOURCE_RELATIONS))
                    .join(words.filter(pl.col("deprel") == "root").select("doc_id", "sent_id",
                                                                          pl.col("word_id").alias("head")),
                          on=["doc_id", "sent_id", "head"], how="semi")
                    .select("doc_id", "sent_id", pl.col("word_id").alias("source_word")))
    controlled = (parent.filter(non_finite)
                  .join(pl.concat([f.select("_item") for f in found]), on="_item", how="anti")
                  .join(main_subject, on=["doc_id", "sent_id"])
                  .filter(pl.col("source_word") < pl.col("cue_word"))
                  .sort("source_word").group_by("_item", maintain_order=True).first()
                  .select("_item", "source_word"))
    found.append(controlled)
    # none of these: the nearest subject-like noun before the cue in the sentence, not in a prepositional phrase
    # (the parser having hung it elsewhere: "De son côté, B. Obama, …, fait savoir que"; not for a passive)
    subject_like = (words.filter(pl.col("upos").is_in(["NOUN", "PROPN"])
                                 & pl.col("deprel").is_in(reported_cues("subject_like_relation")))
                    .filter(~pl.col("lower_form").is_in(list(TIME_NOUNS)))
                    .join(with_case, on=WORD, how="anti")
                    .select("doc_id", "sent_id", pl.col("word_id").alias("source_word")))
    nearest = (items.join(pl.concat([f.select("_item") for f in found]), on="_item", how="anti")
               .join(passive, left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD, how="anti")
               .join(subject_like, on=["doc_id", "sent_id"])
               .filter(pl.col("source_word") < pl.col("cue_word"))
               .sort("source_word", descending=True).group_by("_item", maintain_order=True).first()
               .select("_item", "source_word"))
    found.append(nearest)
    # the speaker of a que-clause never stands inside it, after its verb: a subject there is the content's own,
    # taken by a parser that hung it on the cue ("Il estime que François Fillon a bien fait de dire « la vérité »";
    # set17)
    candidates = pl.concat(found)
    # no candidate whose noun names a time, an event, a quantity or a thing, which no verb of saying takes as its
    # agent (the verb's selectional restriction, Hobbs 1978): the next candidate is the source ("La nuit fut
    # chaude : Météo France a relevé …, mais précise que" = Météo France; ``time_noun`` and ``non_agent_noun``)
    mute = (words.filter((pl.col("upos") == "NOUN")
                         & pl.col("lemma").cast(pl.String).str.to_lowercase().is_in(_non_agent_nouns()))
            .select("doc_id", "sent_id", pl.col("word_id").alias("source_word")))
    muted = (candidates.join(items.select("_item", "doc_id", "sent_id"), on="_item")
             .join(mute, on=["doc_id", "sent_id", "source_word"], how="semi").select("_item", "source_word"))
    candidates = (candidates.with_row_index("_order")
                  .join(muted.unique().with_columns(pl.lit(True).alias("_muted")), on=["_item", "source_word"],
                        how="left")
                  .sort(pl.col("_muted").fill_null(False), "_order").drop("_order", "_muted"))
    at = words.select("doc_id", "sent_id", "word_id", "start_char", pl.col("lower_form").alias("_form"))
    que_clauses = (items.filter(pl.col("kind") == "indirect")
                   .select("_item", "doc_id", "sent_id", "cue_word", "start_char", "end_char")
                   .join(at.select("doc_id", "sent_id", "start_char", "_form"), on=["doc_id", "sent_id", "start_char"])
                   .filter(pl.col("_form").is_in(reported_cues("finite_que"))))
    inside = (candidates.join(que_clauses, on="_item")
              .join(at.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                              pl.col("start_char").alias("_at")), on=["doc_id", "sent_id", "source_word"])
              .filter((pl.col("source_word") > pl.col("cue_word"))
                      & (pl.col("_at") >= pl.col("start_char")) & (pl.col("_at") < pl.col("end_char")))
              .select("_item", "source_word"))
    # (the candidates' order is their rank: kept through the join)
    sources = (candidates.with_row_index("_rank").join(inside, on=["_item", "source_word"], how="anti")
               .sort("_rank").drop("_rank").unique("_item", keep="first", maintain_order=True))
    return items.drop("_cue_at").join(sources, on="_item", how="left")


#: Farthest before an incise verb its quotation's closing mark may stand, in words: an auxiliary, a comma, an
#: adverb ("», a ensuite déclaré").
INCISE_REACH = 4


def _inverted_incise_subjects(verbs: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """``_item, source_word``: for a verb of saying that opens an incise after a quotation's closing mark, or a
    participle or gerund adjunct of one ("« … », a déclaré M. Flake samedi, ajoutant que …"; "a confié Haris à
    Associated Press, précisant que"; "a déclaré la première ministre Theresa May, en ajoutant qu'…"), the incise's
    inverted subject, which the parser made the verb's object (the verb then has no subject of its own, and climbing
    the tree further would reach a subject inside the quotation, its "nous" or "je"). An incise verb takes no direct
    object of its own: the quotation is its object.

    The subject of a gerund or of a present participle adjunct is the subject of the verb it depends on (Riegel,
    Pellat & Rioul 2018, ch. XII, the gerund's and the participle's implicit subject); an incise inverts its subject
    (ibid., ch. XXIII), so that subject follows the verb. ``adjuncts``: ``_item, doc_id, sent_id, _up`` (the verb
    the cue is an ``advcl`` of, or the cue itself), ``_limit`` (the cue, which the subject stands before, for an
    adjunct; null for the cue itself)."""
    closing = (words.filter(pl.col("form").cast(pl.String).is_in(reported_cues("closing_mark")))
               .select("doc_id", "sent_id", pl.col("word_id").alias("_close")))
    subjects = (words.filter(pl.col("deprel").cast(pl.String).str.starts_with("nsubj"))
                .select("doc_id", "sent_id", pl.col("head").alias("_up")).unique())
    objects = (words.filter((pl.col("deprel") == "obj") & pl.col("upos").is_in(["NOUN", "PROPN"]))
               .select("doc_id", "sent_id", pl.col("head").alias("_up"), pl.col("word_id").alias("source_word")))
    return (verbs
            .join(subjects, on=["doc_id", "sent_id", "_up"], how="anti")
            .join(objects, on=["doc_id", "sent_id", "_up"])
            .filter((pl.col("source_word") > pl.col("_up"))
                    & (pl.col("source_word") < pl.col("_limit")).fill_null(True))
            .join(closing, on=["doc_id", "sent_id"])
            .filter((pl.col("_up") - pl.col("_close")).is_between(1, INCISE_REACH))
            .sort("_item", "source_word").group_by("_item", maintain_order=True).first()
            .select("_item", "source_word"))


def _introduced_with(rows: pl.DataFrame, words: pl.DataFrame, documents: pl.DataFrame,
                     mentions: pl.DataFrame) -> pl.DataFrame:
    """``_item, _introduced``: for a definite description without a name ("l'ONG", "le chercheur"), the
    nearest proper name before it that the text introduced with the description's noun just before it
    ("l'ONG Human Rights Watch", "le chercheur Michel Mayor"), not in a prepositional phrase: the anaphor's
    antecedent (:func:`corpusling.markers.speakers.introduced_names`). ``mentions``: the documents' named mentions
    (:func:`corpusling.markers.speakers.named_mentions`)."""
    wanted = (rows.filter(pl.col("_named").is_null() & pl.col("_resolved").is_null() & pl.col("_apposed").is_null()
                          & pl.col("_mention").str.contains(r"(?i)^(?:l['’]|le |la |les |ce |cet |cette |son |sa )"))
              .join(words.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                                 pl.col("lower_form").alias("_noun"), pl.col("upos").alias("_nu"),
                                 pl.col("form").cast(pl.String).alias("_nform"),
                                 pl.col("feats").cast(pl.String).fill_null("").alias("_nf")),
                    on=["doc_id", "sent_id", "source_word"])
              # (a plural description stands for several, never for one name: "les autres pays réticents"; a
              # capitalised noun after its determiner is the institution's own name, no anaphor, as for
              # _described_before: "Le Conseil constitutionnel rappelle", not "le Conseil, présidé par Laurent
              # Fabius")
              .filter((pl.col("_nu") == "NOUN") & (pl.col("_noun").str.len_chars() >= 3)
                      & ~pl.col("_nf").str.contains("Number=Plur") & ~pl.col("_nform").str.contains(r"^\p{Lu}\p{Ll}"))
              .select("_item", "doc_id", "source_start", "_noun"))
    return introduced_names(wanted, documents, mentions, key="_item")


def _described_before(rows: pl.DataFrame, words: pl.DataFrame, everywhere: pl.DataFrame, mentions: pl.DataFrame,
                      quotes: pl.DataFrame, located: pl.DataFrame) -> pl.DataFrame:
    """``_item, _described, _headline_person``: for a definite description without a name that reports ("le parti
    écologiste pense", "La centrale syndicale précise", "Le porte-parole du collectif …, se félicite"), the name it
    takes up: the nearest named subject or speaker before it in its sentence or the one before ("Le syndicat SUD-PTT
    estime … La centrale syndicale précise"; "Pour Jérémie Zimmermann, « … » Le porte-parole …"). The noun is a
    person's role (then a person's name who speaks there, of a gender that does not clash with the noun's: a mere
    subject may be another person, "Gillet Bonnemire créait la forge. Le maire a rappelé") or an organisation's (any
    name: a hypernym; the agent of "par" counts as a speaker: "les propos lancés par Karim Benzema. En effet,
    l'attaquant avait déclaré que"); ``person_noun`` and ``organisation_noun`` of ``speaker_words.tsv`` with the
    ``person_role_noun`` of ``reported_cues.tsv``. The current topic continued as a definite description
    (centering's CONTINUE: Grosz, Joshi & Weinstein 1995; the guide §4, ``source_resolved`` of an anaphor). With no
    candidate that near, a person's role takes up (``_headline_person``) the one person the headline names and the
    body names again ("France : pour Montebourg, …" … "Le ministre du Redressement productif a déclaré", the
    article's topic), and an organisation's noun the one body, a name of no known gender, that the headline makes
    speak or act and the body names again ("Air Niugini déclare …" … "La compagnie aérienne affirme que …"; the
    reader's title is the headline even with a final full stop); else the description stays as written. ``located``:
    ``mentions`` with their paragraphs (``m_par_no``, ``m_title``…)."""
    from corpusling.markers.speakers import _role_words, age_epithet, common_complement, speaker_words

    definite = "|".join(re.escape(d) for d in reported_cues("definite_determiner"))
    possessive = "|".join(re.escape(d) for d in speaker_words("possessive_determiner"))
    persons = [*reported_cues("person_role_noun"), *speaker_words("person_noun")]
    organisations = list(speaker_words("organisation_noun"))
    # (a complement opening on a common noun: "de l'usine", not "du Redressement")
    _, complement = _role_words()
    # (a person's age, whatever the noun: "le jeune homme de 24 ans", :func:`speakers.age_epithet`)
    age = age_epithet(pl.col("_mention").str.strip_chars())
    empty = pl.DataFrame(schema={"_item": pl.Int64, "_described": pl.String, "_headline_person": pl.String})
    wanted = (rows.filter(pl.col("_named").is_null() & pl.col("_resolved").is_null() & pl.col("_apposed").is_null()
                          & pl.col("_repeated").is_null() & pl.col("_introduced").is_null()
                          & pl.col("_antecedent").is_null()
                          & pl.col("_mention").str.to_lowercase().str.contains(rf"^(?:{definite}|{possessive})\b\s*\S"))
              .join(words.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                                 pl.col("upos").alias("_nu"), pl.col("feats").fill_null("").alias("_nf"),
                                 pl.col("lemma").cast(pl.String).str.to_lowercase().alias("_nl"),
                                 pl.col("form").cast(pl.String).alias("_nform")),
                    on=["doc_id", "sent_id", "source_word"])
              .with_columns(pl.col("_mention").str.to_lowercase().str.contains(rf"^(?:{possessive})\b")
                            .alias("_possessive"))
              .filter((pl.col("_nu") == "NOUN") & ~pl.col("_nf").str.contains("Number=Plur")
                      # (a capitalised noun after its determiner is the institution's own name, no anaphor: "selon
                      # l'Organisation mondiale de la Santé")
                      & ~pl.col("_nform").str.contains(r"^\p{Lu}\p{Ll}")
                      & (pl.col("_nl").is_in([*persons, *organisations]) | age)
                      # (a possessive takes up an organisation only: "son porte-parole" is someone else)
                      & (~pl.col("_possessive") | pl.col("_nl").is_in(organisations)))
              .select("_item", "doc_id", "sent_id", "source_start",
                      (pl.col("_nl").is_in(persons) | age).alias("_d_person"),
                      "_possessive", pl.col("_nf").str.extract(r"Gender=(\w+)").alias("_d_gender"),
                      (common_complement(pl.col("_mention"), complement) & ~age).alias("_common_complement")))
    if wanted.height == 0:
        return empty
    named = [mentions.filter(pl.col("role").is_in(["subject", "speaker", "agent"]) & ~pl.col("plural"))
             .select("doc_id", "m_start", "name", "gender", pl.col("role").is_in(["speaker", "agent"]).alias("_said"))]
    # an institution named by a capitalised common noun, subject of its clause ("Le Parti populaire espagnol a
    # exclu …") or agent of a passive ("un avis donné par la Commission européenne"): the noun and the
    # adjectives right after it
    here = having(everywhere.select("doc_id", "sent_id", "word_id", "head", "deprel", "upos", "form", "start_char",
                                    "end_char"), wanted, "doc_id")  # (their documents' words, the columns read)
    institutions = (here
                    .filter((pl.col("upos") == "NOUN")
                            & (pl.col("deprel").cast(pl.String).str.starts_with("nsubj")
                               | (pl.col("deprel") == "obl:agent"))
                            & pl.col("form").cast(pl.String).str.contains(r"^\p{Lu}\p{Ll}") & (pl.col("word_id") > 1)))
    if institutions.height:
        adjectives = (here.filter(pl.col("deprel") == "amod")
                      .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.col("word_id").alias("_a"),
                              pl.col("end_char").alias("_a_end")))
        institutions = (institutions.join(adjectives, on=["doc_id", "sent_id", "word_id"], how="left")
                        .with_columns(pl.when((pl.col("_a") - pl.col("word_id")).is_between(1, 2)).then("_a_end"))
                        .group_by("doc_id", "sent_id", "word_id", "start_char", "end_char")
                        .agg(pl.col("_a_end").max())
                        .join(rows.select("doc_id", "_text").unique("doc_id"), on="doc_id")
                        .select("doc_id", pl.col("start_char").cast(pl.Int64).alias("m_start"),
                                pl.col("_text").str.slice(pl.col("start_char"),
                                                          pl.coalesce("_a_end", "end_char") - pl.col("start_char"))
                                .alias("name"),
                                pl.lit(None, pl.String).alias("gender"), pl.lit(False).alias("_said")))
        named.append(institutions)
    # the named speaker of a reported content ("Le syndicat SUD estime que …"), or an institution's name written
    # with its article ("Le Canard enchaîné a révélé que … Le journal précise que")
    institution = pl.when(pl.col("_mention").str.contains(INSTITUTION_NAME)).then(pl.col("_mention").str.strip_chars())
    named.append(rows.filter(pl.col("source_start").is_not_null())
                 .select("doc_id", pl.col("source_start").cast(pl.Int64).alias("m_start"),
                         pl.coalesce("_named", "_apposed", "_resolved", institution).alias("name"),
                         pl.lit(None, pl.String).alias("gender"), pl.lit(True).alias("_said"))
                 .drop_nulls("name"))
    if quotes.height and "speaker" in quotes.columns:  # a quotation's named speaker ("Pour Jérémie Zimmermann, « … »")
        named.append(quotes.filter(pl.col("rule").str.contains(r"\+(?:name|apposition|pronoun)$")
                                   & pl.col("source_start").is_not_null())
                     .select(pl.col("doc_id").cast(pl.String), pl.col("source_start").cast(pl.Int64).alias("m_start"),
                             pl.col("speaker").alias("name"), pl.lit(None, pl.String).alias("gender"),
                             pl.lit(True).alias("_said")))
    sentences = here.select("doc_id", pl.col("start_char").alias("m_start"), pl.col("sent_id").alias("_m_sent"))
    candidates = (pl.concat(named, how="vertical_relaxed").join(wanted.select("doc_id").unique(), on="doc_id",
                                                                 how="semi")
                  .sort("doc_id", "m_start")
                  .join_asof(ordered_within(sentences, ["doc_id"], "m_start"), on="m_start", by="doc_id",
                             strategy="backward", check_sortedness=False))
    person = ((person_name(pl.col("name")) & ~pl.col("name").str.contains(INSTITUTION_NAME))
              | pl.col("gender").is_not_null())
    found = (wanted.join(candidates, on="doc_id")
             .filter((pl.col("m_start") < pl.col("source_start"))
                     & (pl.col("sent_id") - pl.col("_m_sent")).is_between(0, 1)
                     # an organisation's noun takes up no person's name ("Le dernier repreneur, Antoine Bru, n'a
                     # pas pu réunir la caution. ¶ La compagnie annonce": the company)
                     & (pl.col("_d_person") | ~person)
                     & ~(pl.col("_possessive") & person)
                     # a role takes up a person of its gender ("Jérémie Zimmermann"); an organisation noun, a
                     # hypernym, any gender ("Le syndicat SUD" … "La centrale syndicale")
                     & (~pl.col("_d_person")
                        | (pl.col("_said") & person
                           & (pl.col("gender").is_null() | pl.col("_d_gender").is_null()
                              | (pl.col("gender") == pl.col("_d_gender"))))))
             .sort("_item", "m_start", descending=[False, True])
             .group_by("_item", maintain_order=True).first()
             .select(pl.col("_item").cast(pl.Int64), pl.col("name").alias("_described")))
    # a person's role with none: the headline's person, named again in the body (its fullest form there), unless
    # the role's first complement is a common noun: someone else's role ("le patron de l'usine recruteuse" in an
    # article on Emmanuel Macron), where a title's complement is an institution's name ("Le ministre du
    # Redressement productif" in an article on Arnaud Montebourg)
    # ... and an organisation's noun with none ("La compagnie aérienne a affirmé" in an article headed "Air Niugini
    # déclare …"), the one body the headline makes speak or act and the body names again (set22)
    roles = (wanted.filter(~pl.col("_possessive") & ~pl.col("_common_complement"))
             .join(found.select("_item"), on="_item", how="anti"))
    if roles.height == 0:
        return found.with_columns(pl.lit(None, pl.String).alias("_headline_person"))
    # (a body: a name of no known gender that the headline makes speak or act, "Air Niugini déclare …", named again
    # in the body)
    here = (located.join(roles.select("doc_id").unique(), on="doc_id", how="semi")
            .with_columns(pl.col("name").str.split(" ").list.last().alias("_last")))
    in_title = pl.col("m_title").fill_null(False)
    titled = here.filter(in_title).select("doc_id", "_last").unique()
    acting = (here.filter(in_title & pl.col("role").is_in(["subject", "speaker"]) & pl.col("gender").is_null())
              .select("doc_id", "_last").unique())
    in_body = here.filter(~in_title & pl.col("role").is_in(["subject", "speaker", "other"]))
    body = pl.concat([in_body.join(titled, on=["doc_id", "_last"], how="semi").filter(person)
                      .with_columns(pl.lit(True).alias("_person")),
                      in_body.join(acting, on=["doc_id", "_last"], how="semi").filter(pl.col("gender").is_null())
                      .with_columns(pl.lit(False).alias("_person"))])
    body = body.sort(pl.col("name").str.len_chars(), descending=True).group_by("doc_id", "_last", "_person").first()
    # (one person, or one body, only: the topic is not in doubt)
    topic = (body.group_by("doc_id", "_person")
             .agg(pl.col("name").first(), pl.len().alias("_people"), pl.col("gender").first())
             .filter(pl.col("_people") == 1))
    from_title = (roles.join(topic, left_on=["doc_id", "_d_person"], right_on=["doc_id", "_person"])
                  .filter(pl.col("gender").is_null() | pl.col("_d_gender").is_null() | ~pl.col("_d_person")
                          | (pl.col("gender") == pl.col("_d_gender")))
                  .select(pl.col("_item").cast(pl.Int64), pl.col("name").alias("_headline_person")))
    return found.join(from_title, on="_item", how="full", coalesce=True)


def _subject_form(pronoun: pl.Expr) -> pl.Expr:
    """A plural disjunctive pronoun as the subject pronoun of its gender ("selon eux" → "ils"), from the pronoun
    classes of ``speaker_words.tsv``, so that it continues a plural subject ("Les Talibans ont visé cet hôtel
    car selon eux …"); any other word unchanged (a singular "lui" is the name resolver's: "Pour lui,")."""
    from corpusling.markers.speakers import speaker_words

    forms = {**dict.fromkeys(speaker_words("masculine_plural_pronoun"), "ils"),
             **dict.fromkeys(speaker_words("feminine_plural_pronoun"), "elles")}
    return pronoun.replace(forms)


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
             .pipe(ordered_within, ["doc_id"], "_w"))
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
    it in its paragraph (or in the paragraph before, where no subject of its own precedes it in its paragraph)
    who agrees with it in gender and number: the source of a reported content or of a
    quotation (the press convention of a continued attribution, Rosier 2008), which the name-only resolver does
    not see when it is a description ("a indiqué un porte-parole de la police. …, a-t-il précisé") or a name
    in an inverted subject. A pronoun still unresolved is the nearest subject noun phrase before it, in its
    paragraph or the one before, that agrees with it ("Des analystes jugent… Ils estiment que"). ``rows``
    (with a first ``speaker`` for the mentions that are not pronouns) gain ``_last`` and ``_subject``."""
    from corpusling.markers.speakers import name_of

    lowered = pl.col("_mention").str.to_lowercase().str.strip_chars()
    pronouns = (rows.select("_item", "doc_id", pl.col("cue_start").alias("_at"), "start_char", "end_char",
                            pl.coalesce("_role_pronoun", _subject_form(lowered)).alias("_pronoun"),
                            pl.col("_role_pronoun").is_not_null().alias("_is_role"))
                .join(_pronoun_features(), on="_pronoun"))
    rows = rows.with_columns(pl.lit(None, pl.String).alias(c) for c in ("_last", "_subject", "_role"))
    if pronouns.height == 0:
        return rows
    docs = pronouns.select("doc_id").unique()
    # (the documents of these pronouns only, and the columns read below)
    words = having(words.select("doc_id", "par_id", "sent_id", "word_id", "head", "deprel", "upos", "lemma", "feats",
                                "start_char", "end_char"), docs, "doc_id")
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
    # (nor any other pronoun left as written, which names nobody: "je", "m'", "ceux" — a first person inside a
    # quotation is its speaker, resolved there or not at all)
    pronoun_words = words.filter(pl.col("upos") == "PRON").select("doc_id", pl.col("start_char").alias("_s"),
                                                                  pl.lit(True).alias("_pron"))
    said = (said.join(pronoun_words.unique(["doc_id", "_s"]), on=["doc_id", "_s"], how="left")
            .filter(~(pl.col("_pron").fill_null(False)
                      & (pl.col("_last").str.strip_chars() == pl.col("_text_span").str.strip_chars())))
            .drop("_pron"))
    # (nor a source as written whose noun no verb of saying takes as its agent, a subject the parser took for one:
    # "un temps", "Le lendemain"; Hobbs 1978's selectional restriction, as for the subjects below)
    noun = (pl.col("_text_span").str.strip_chars().str.to_lowercase()
            .str.extract(rf"^{_determiner_opening()}([\w-]+)", 1))
    said = said.filter(~noun.is_in(_non_agent_nouns()).fill_null(False))
    said = _mention_features(said.unique(["doc_id", "_s"]).with_row_index("_k"), words, mentions)
    paragraph = ordered_within(words.select("doc_id", pl.col("start_char").alias("_p_at"), "par_id"), ["doc_id"],
                               "_p_at")
    # (the first word of each paragraph only: the last of them before a character is the paragraph of the last word
    # before it)
    paragraph = paragraph.filter(((pl.col("doc_id") != pl.col("doc_id").shift())
                                  | (pl.col("par_id") != pl.col("par_id").shift())).fill_null(True))

    def located(frame: pl.DataFrame, at: str) -> pl.DataFrame:
        return (frame.sort("doc_id", at).join_asof(paragraph, left_on=at, right_on="_p_at", by="doc_id",
                                                   strategy="backward", check_sortedness=False).drop("_p_at"))

    agrees = ((pl.col("_plural") == pl.col("_p_plural"))
              & (pl.col("_gender").is_null() | (pl.col("_gender") == pl.col("_p_gender"))))
    # (a role looks further back, for a person's name: "Selon le même chercheur" two paragraphs after "a expliqué
    # Gilles-Éric Séralini")
    person = person_name(pl.col("_last"))
    # (a pronoun with no subject noun or name before it in its paragraph, outside its own content, continues the
    # speaker of the paragraph before too, the backward-looking centre, Grosz, Joshi & Weinstein 1995: "« … », a
    # déclaré M. Zaev. ¶ Il a ajouté que"; not "L'imam de la ville, Mohammed Karabila, est « effaré ». Il ajoute")
    at = located(pronouns, "_at")
    subjects = words.filter(pl.col("deprel").str.starts_with("nsubj") & pl.col("upos").is_in(["NOUN", "PROPN"]))
    own = (at.join(subjects.select("doc_id", "par_id", pl.col("start_char").alias("_w")), on=["doc_id", "par_id"])
           .filter((pl.col("_w") < pl.col("_at"))
                   & ~pl.col("_w").is_between(pl.col("start_char"), pl.col("end_char"), closed="left"))
           .select("_item").unique().with_columns(pl.lit(True).alias("_own")))
    continued = ((pl.col("par_id") == pl.col("par_id_right"))
                 | (~pl.col("_own").fill_null(False) & (pl.col("par_id") - pl.col("par_id_right") == 1)))
    found = (at.join(own, on="_item", how="left")
             .join(located(said, "_s"), on="doc_id")
             .filter((pl.col("_s") < pl.col("_at")) & agrees
                     & pl.when(pl.col("_is_role")).then(person).otherwise(continued))
             .sort("_s", descending=True).group_by("_item", maintain_order=True).first()
             .select("_item", pl.when(~pl.col("_is_role")).then(pl.col("_last")).alias("_last"),
                     pl.when(pl.col("_is_role")).then(pl.col("_last")).alias("_role")))
    # ... else the person the text names most often before it, at least twice ("Jean-Marc Ayrault", "M.
    # Ayrault", "J-M Ayrault" … "le premier ministre")
    roles = pronouns.filter(pl.col("_is_role")).join(found.filter(pl.col("_role").is_not_null()), on="_item",
                                                      how="anti")
    if roles.height:
        last_word = pl.col("name").str.split(" ").list.last()
        # (not a place or an institution the text writes with a determiner: "au Burundi"; nor a name only ever
        # written in a complement: "l'accord de Paris")
        named = (roles.join(mentions.filter((person_name(pl.col("name")) | pl.col("gender").is_not_null())
                                            & ~pl.col("determined").fill_null(False)
                                            & (~pl.col("role").is_in(["oblique", "place"])).any()
                                            .over("doc_id", "name"))
                            .select("doc_id", "m_start", "name", "gender", last_word.alias("_surname")), on="doc_id")
                 .filter((pl.col("m_start") < pl.col("_at"))
                         & (pl.col("gender").is_null() | (pl.col("gender") == pl.col("_p_gender"))))
                 .group_by("_item", "_surname")
                 .agg(pl.len().alias("_times"), pl.col("name").sort_by(pl.col("name").str.len_chars()).last(),
                      pl.col("m_start").max())
                 .filter(pl.col("_times") >= 2)
                 .sort("_times", "m_start", descending=True).group_by("_item", maintain_order=True).first()
                 .select("_item", pl.col("name").alias("_frequent")))
        found = (found.join(named, on="_item", how="full", coalesce=True)
                 .with_columns(pl.coalesce("_role", "_frequent").alias("_role")).drop("_frequent"))
    rows = rows.drop("_last", "_role").join(found, on="_item", how="left")
    pronouns = pronouns.filter(~pl.col("_is_role"))
    if pronouns.height == 0:
        return rows
    # a pronoun neither a speaker nor a name resolves ("Des analystes jugent… Ils estiment", "Elle a promis"):
    # the nearest subject noun before it in its paragraph or the one before, agreeing with it
    # (with the gender the text gives the resolver's name, if any)
    known = (mentions.filter(pl.col("gender").is_not_null()).select("doc_id", pl.col("name").alias("_resolved"),
                                                                    pl.col("gender").alias("_r_gender"))
             .unique(["doc_id", "_resolved"]))
    # (whether the resolver's name, its last word, is written in the pronoun's paragraph or the one before)
    last_word = pl.col("_resolved").str.split(" ").list.last().alias("_r_last")
    written = (mentions.join(pronouns.select("doc_id").unique(), on="doc_id", how="semi")  # (their documents only)
               .select("doc_id", pl.col("m_start").alias("_m"), pl.col("name").alias("_resolved"))
               .pipe(located, "_m").select("doc_id", "par_id", last_word))
    near = (pl.concat([written, written.with_columns(pl.col("par_id") + 1)]).unique()
            .with_columns(pl.lit(True).alias("_r_near")))
    left = (pronouns.join(rows.filter(pl.col("_last").is_null()).select("_item", "sent_id", "_resolved"),
                          on="_item")
            .join(known, on=["doc_id", "_resolved"], how="left")
            .pipe(located, "_at")
            .with_columns(last_word)
            .join(near, on=["doc_id", "par_id", "_r_last"], how="left"))
    if left.height == 0:
        return rows
    # (subjects of the writer's text, not inside a direct or mixed quotation, in the pronouns' paragraphs or the
    # ones before)
    window = pl.concat([left.select("doc_id", "par_id"), left.select("doc_id", pl.col("par_id") - 1)]).unique()
    from corpusling.markers.speakers import speaker_words

    restating = [*reported_cues("person_role_noun"), *speaker_words("person_noun"), *speaker_words("organisation_noun")]
    # (a verb has one subject: a second one after it, which the parser hung there beside a first, is none: "il le
    # met en garde contre tout acte « irresponsable » : …", "les problèmes auxquels le pays fait face … : le
    # chômage")
    subjects = (having(words, window, ["doc_id", "par_id"])
                .filter(pl.col("deprel").is_in(["nsubj", "nsubj:pass"]))
                .filter((pl.col("word_id") == pl.col("word_id").min().over("doc_id", "sent_id", "head"))
                        | (pl.col("word_id") < pl.col("head")))
                .filter(pl.col("upos").is_in(["NOUN", "PROPN"]))
                # (not a noun of a time, an event, a quantity or a thing, which no verb of saying takes as its
                # agent: "La production a baissé de 10 %. Elle affirme que" is not the production; the verb's
                # selectional restriction, by which Hobbs 1978 filters a pronoun's antecedents; ``time_noun`` and
                # ``non_agent_noun`` of ``reported_cues.tsv``)
                .filter((pl.col("upos") == "PROPN")
                        | ~pl.col("lemma").cast(pl.String).str.to_lowercase().is_in(_non_agent_nouns())))
    # (the words of their sentences, the only ones read below)
    words = having(words, subjects, ["doc_id", "sent_id"])
    # (the subject of a subordinate clause comes after a name its sentence's main verb has as subject, Lappin &
    # Leass's non-embedding emphasis: "Malcolm Turnbull sait que le sujet est délicat, … Il estime" = Malcolm
    # Turnbull, not "le sujet"; beside a main subject that is a common noun it stays in the running: "son action
    # sera limitée par le fait que …, l'armée s'est octroyée le pouvoir … Elle a promis" = l'armée)
    # ... or after a personal pronoun before it that its main verb has as subject, the centre the text continues:
    # "Il a affirmé que ce cours l'avait aidé. Il espère que" = the person, not "ce cours" (Grosz, Joshi & Weinstein
    # 1995)
    main = words.select("doc_id", "sent_id", pl.col("word_id").alias("head"),
                        (pl.col("deprel") == "root").alias("_main"))
    pronoun_main = (attach(words.filter((pl.col("deprel") == "nsubj") & (pl.col("upos") == "PRON")
                                        & pl.col("feats").fill_null("").str.contains("PronType=Prs")),
                           main, on=["doc_id", "sent_id", "head"])
                    .filter(pl.col("_main").fill_null(False))
                    .group_by("doc_id", "sent_id").agg(pl.col("word_id").min().alias("_pronoun_main")))
    subjects = (attach(subjects, main, on=["doc_id", "sent_id", "head"])
                .join(pronoun_main, on=["doc_id", "sent_id"], how="left")
                .with_columns((~pl.col("_main").fill_null(False)
                               & ((pl.col("_main").fill_null(False) & (pl.col("upos") == "PROPN"))
                                  .any().over("doc_id", "sent_id")
                                  | (pl.col("_pronoun_main") < pl.col("word_id")).fill_null(False)))
                              .alias("_embedded"))
                .drop("_main", "_pronoun_main"))
    if quotes.height:
        subjects = add_in_quote(subjects, quotes, column="_quoted").filter(~pl.col("_quoted")).drop("_quoted")
    tree = dependency_tree(words, subjects)
    heads = subjects.with_row_index("_item").select(pl.col("_item").cast(pl.Int64), "doc_id", "sent_id",
                                                     pl.col("word_id").alias("head"))
    # (gender and number: the subject word's own, a name's from its mentions)
    head_features = (subjects.select("doc_id", "sent_id", pl.col("word_id").alias("head"),
                                     pl.col("feats").fill_null("").alias("_hf"), pl.col("start_char").alias("_hs"),
                                     "_embedded", pl.col("lemma").cast(pl.String).str.to_lowercase().alias("_hl"))
                     .join(mentions.select("doc_id", pl.col("m_start").alias("_hs"), pl.col("gender").alias("_mg")),
                           on=["doc_id", "_hs"], how="left")
                     .unique(["doc_id", "sent_id", "head"]))
    phrases = (noun_phrases(heads, tree).join(heads, on="_item")
               .join(head_features, on=["doc_id", "sent_id", "head"])
               .join(rows.select("doc_id", "_text").unique("doc_id"), on="doc_id")
               .select("doc_id", pl.col("sent_id").alias("_s_sent"), pl.col("source_start").alias("_s"),
                       pl.col("source_end").alias("_e"),
                       pl.col("_text").str.slice(pl.col("source_start"), pl.col("source_end") - pl.col("source_start"))
                       .alias("_text_span"),
                       pl.coalesce(pl.col("_hf").str.extract(r"Gender=(\w+)"), "_mg").alias("_gender"),
                       pl.col("_hf").str.contains("Number=Plur").alias("_plural"), "_embedded",
                       (pl.col("_hl").is_in(restating) & pl.col("_text").str.slice(pl.col("source_start"), 3)
                        .str.contains(r"(?i)^(?:le|la|l['’])")).alias("_restating"))
               .pipe(located, "_s"))
    nearest = (left.join(phrases, on="doc_id")
               .filter((pl.col("_s") < pl.col("_at")) & (pl.col("par_id") - pl.col("par_id_right") <= 1) & agrees)
               .sort("_embedded", "_s", descending=[False, True]).group_by("_item", maintain_order=True).first())
    # (a noun phrase without what follows its first comma, an apposition: "Une deuxième revendication, «
    # antifasciste »", unless that holds its name: "La ministre, Pauline Marois")
    named = [name_of(t) or t.split(",")[0].strip() for t in nearest["_text_span"].to_list()]
    # the subject of the sentence before (or of its own) that agrees in a gender it shows comes before a name of
    # unknown gender found by the resolver ("l'armée s'est octroyée le pouvoir. Elle a promis", not "Morsi")
    # ... or before a name neither its paragraph nor the one before writes ("Une deuxième revendication … a été
    # mise en ligne. Elle prétend que" = the revendication, not "Allemagne" of the headline: centering's preferred
    # centre, the subject of the utterance before, Grosz, Joshi & Weinstein 1995)
    # ... but not a definite description of a person's role or of an organisation, which restates a name itself:
    # the resolver's name then ("le candidat de la France insoumise avait posé … Il réclamait" = Jean-Luc
    # Mélenchon; "Le groupe aéronautique … Il en a profité pour rappeler" = Airbus)
    previous = ((pl.col("sent_id") - pl.col("_s_sent")).is_between(0, 1) & pl.col("_gender").is_not_null()
                & ~pl.col("_embedded")
                & (pl.col("_r_gender").is_null() | pl.col("_r_near").is_null())
                & ~(pl.col("_restating") & pl.col("_resolved").is_not_null()))
    nearest = nearest.select("_item", pl.when(previous).then(pl.lit(True)).alias("_previous")).with_columns(
        pl.Series("_found", named, dtype=pl.String))
    return (rows.drop("_subject").join(nearest, on="_item", how="left")
            .with_columns(pl.when(pl.col("_previous")).then(pl.col("_found")).alias("_previous_subject"),
                          pl.when(pl.col("_resolved").is_null()).then(pl.col("_found")).alias("_subject"))
            .drop("_previous", "_found"))


#: The parts of speech of a description in apposition to a name ("le chef de mission de MSF pour la Syrie", "l'un
#: de ses avocats", "Président du Tchad et de l'Union africaine"): a noun phrase, with no verb nor punctuation.
DESCRIPTION_UPOS = ("DET", "NOUN", "PROPN", "ADJ", "ADP", "NUM", "PRON", "CCONJ")
#: Most words a description between a name and a relative pronoun may hold.
DESCRIPTION_WORDS = 12


def _apposed_to_relative(rows: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """``_item, _rel_apposed``: for a relative source right after a description in apposition to a name
    ("Mario Joseph, l'un de ses avocats, qui précise", "Massimiliano Rebaudengo, le chef de mission de MSF pour la
    Syrie qui considère", "Christine Blasey Ford, la femme qui l'accuse"), that name: the relative clause qualifies
    the whole noun phrase, the name with its apposition (Riegel, Pellat & Rioul 2018, ch. XVI), not the last
    noun of the description, whatever noun the parser hung it on. The description opens on a determiner or a
    noun after the comma closing the name and holds no verb nor punctuation; after a preposition ("de Christine
    Blasey Ford, la femme qui") the name is taken only where a comma closes the description too or the tree makes
    the description the name's apposition (:func:`~corpusling.markers.speakers.apposed_name`)."""
    from corpusling.markers.speakers import apposed_name

    empty = pl.DataFrame(schema={"_item": rows.schema["_item"], "_rel_apposed": pl.String})
    relative = rows.filter(pl.col("_src_feats").fill_null("").str.contains("PronType=Rel")
                           & pl.col("source_word").is_not_null())
    if relative.height == 0:
        return empty
    before = (relative.select("_item", "doc_id", "sent_id", "source_word")
              .join(words.select("doc_id", "sent_id", "word_id", "form", pl.col("upos").cast(pl.String),
                                 "head", "deprel", "start_char"), on=["doc_id", "sent_id"])
              .filter(pl.col("word_id") < pl.col("source_word")))
    closing = (pl.col("word_id") == pl.col("source_word") - 1) & (pl.col("form") == ",")
    inside = pl.col("upos").is_in(DESCRIPTION_UPOS) & ~closing
    # the comma after the name: the last word before the relative that is no word of the description
    stops = (before.filter(~inside & ~closing).sort("word_id").group_by("_item").last()
             .filter(pl.col("form") == ",")
             .select("_item", pl.col("word_id").alias("_comma"), pl.col("start_char").alias("_comma_start")))
    spans = (before.join(stops, on="_item").filter(pl.col("word_id") > pl.col("_comma")).sort("word_id")
             .group_by("_item", maintain_order=True).agg(
                 pl.col("upos").filter(~closing).first().alias("_first"),
                 (~closing).sum().alias("_n"), closing.any().alias("_closed"),
                 ((pl.col("deprel").cast(pl.String) == "appos") & (pl.col("head") < pl.col("_comma"))).any()
                 .alias("_appos"))
             .filter(pl.col("_first").is_in(["DET", "NOUN"]) & (pl.col("_n") <= DESCRIPTION_WORDS))
             .join(stops, on="_item").join(relative.select("_item", "_text"), on="_item")
             .with_columns(pl.col("_text").str.slice((pl.col("_comma_start") - 80).clip(lower_bound=0),
                                                     pl.min_horizontal(pl.col("_comma_start"), 80) + 1)
                           .alias("_before")))
    if spans.height == 0:
        return empty
    found = [apposed_name(b, ", " if closed or appos else "")
             for b, closed, appos in zip(spans["_before"], spans["_closed"], spans["_appos"], strict=True)]
    return spans.select("_item").with_columns(pl.Series("_rel_apposed", found, dtype=pl.String))


def speaker_rules() -> list[tuple[str, pl.Expr]]:
    """How the speaker of a reported content is named: ``(name, speaker)``, tried in this order; the first that
    gives one is the speaker, and its name the second part of the row's ``rule`` ("que-clause+pronoun").

    The columns are built by :func:`resolve_speakers` from the mention as written (``_mention``: the source, or
    the antecedent of a relative "qui"): ``_last`` (a pronoun continuing the last speaker who agrees with it),
    ``_resolved`` (a pronoun resolved to a name by the quotation speakers' salience), ``_last_mentioned`` (a
    demonstrative, "cette dernière", given the last name of its gender), ``_named`` (the name the mention
    holds, appositions read), ``_apposed`` (a name in apposition to the description), ``_repeated`` (a
    name in apposition to the same description elsewhere in the text), ``_introduced`` (a name the text
    introduced with the description's noun), ``_described`` (the named subject or speaker just before a
    definite description, :func:`_described_before`), ``_headline_person`` (for a person's role with none
    that near, the person the headline names; for an organisation's noun, the body it makes speak), ``_role`` (a
    person's role, "le chercheur", resolved as a pronoun of its gender to a person's name), ``_subject`` (an unresolved
    pronoun's nearest agreeing subject),
    ``_noun_before`` (for a relative the tree does not attach, the noun phrase right before it; first of all,
    ``_relative_noun``, for a relative after its preposition, "la rumeur selon laquelle …", which is no personal
    pronoun: the noun phrase it follows, the antecedent a relative clause qualifies, Riegel, Pellat & Rioul 2018,
    ch. XVI; before it, ``_rel_apposed``, the name a relative's antecedent is the apposition of,
    :func:`_apposed_to_relative`), ``_pronoun_described`` (a personal pronoun no name was found for: the
    description of the subject or agent before it, :func:`corpusling.markers.speakers.pronoun_descriptions`). The
    guide's ``source_resolved`` (§4): "for a pronoun, relative pronoun or anaphor …, the nearest explicit name
    it refers to; otherwise the same as source".
    """
    return [
        ("name apposed to the relative's antecedent", pl.col("_rel_apposed")),
        ("noun before a relative after its preposition", pl.col("_relative_noun")),
        ("last speaker", pl.col("_last")),
        ("previous subject", pl.col("_previous_subject")),
        ("pronoun", pl.col("_resolved")),
        ("last mentioned", pl.col("_last_mentioned")),
        ("name", pl.col("_named")),
        ("apposition", pl.col("_apposed")),
        ("repeated description", pl.col("_repeated")),
        ("introduced with its noun", pl.col("_introduced")),
        ("role", pl.col("_role")),
        ("subject antecedent", pl.col("_subject")),
        ("description of the previous subject", pl.col("_described")),
        ("role of the headline's person", pl.col("_headline_person")),
        ("noun before the relative", pl.col("_noun_before")),
        ("pronoun to a description", pl.col("_pronoun_described")),
        ("as written", pl.col("_mention")),
    ]


def resolve_speakers(rows: pl.DataFrame, words: pl.DataFrame, everywhere: pl.DataFrame, tree: Tree,
                     texts: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame,
                     quotes: pl.DataFrame, names: pl.DataFrame | None = None,
                     pars: pl.DataFrame | None = None) -> pl.DataFrame:
    """``source`` (the mention as written) and ``speaker``, with the resolver of the quotation speakers
    (:mod:`corpusling.markers.speakers`): a relative "qui" is its antecedent in the tree; a pronoun the most
    salient compatible name before it (paragraph first, subjects and speakers first, gender agreeing); a
    mention holding a proper name is that name; a name is written in one form per document. ``words``: the words
    of the rows' sentences (a source lies in its content's sentence); ``everywhere``: every word of the corpus;
    ``names``: the corpus's :func:`~corpusling.markers.speakers.proper_names` (computed here when not given);
    ``pars`` the :func:`~corpusling.markers.speakers.paragraphs` of its every document (computed here for the
    documents read when not given)."""
    from corpusling.markers.speakers import (
        _ACRONYM,
        DEMONSTRATIVES,
        PLURAL_PRONOUNS,
        PRONOUNS,
        _role_words,
        apposed_name,
        canonical_names,
        last_mentioned,
        name_of,
        named_mentions,
        paragraphs_of,
        pronoun_descriptions,
        resolve_pronouns,
        with_paragraph,
    )

    source = words.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                          pl.col("feats").alias("_src_feats"), pl.col("lemma").alias("_src_lemma"),
                          pl.col("form").alias("_src_form"))
    rows = attach(rows, source, on=["doc_id", "sent_id", "source_word"]).join(texts, on="doc_id", how="left")

    def cut(start: str, end: str) -> pl.Expr:
        return pl.col("_text").str.slice(pl.col(start), pl.col(end) - pl.col(start))

    # (an inverted clitic without its hyphens: "-t-il" → "il")
    # (a span of the euphonic "-t" alone, "ajoute-t-il": the clitic after it)
    written = cut("source_start", "source_end")
    clitic = pl.col("_text").str.slice(pl.col("source_start"), 10).str.extract(r"^-?[tT]-(\w+)")
    rows = rows.with_columns(pl.when(written.str.to_lowercase().is_in(EUPHONIC) & clitic.is_not_null()).then(clitic)
                             .otherwise(written.str.replace(r"^-(?:t-)?", "")).alias("source"))
    relative = pl.col("_src_feats").fill_null("").str.contains("PronType=Rel")
    # the antecedent of a relative: the noun the relative clause hangs on
    antecedent = (rows.filter(relative)
                  .join(words.select(*WORD, pl.col("head").alias("_clause_head"), pl.col("deprel").alias("_crel")),
                        left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
                  .filter(pl.col("_crel") == "acl:relcl")
                  .select("_item", "doc_id", "sent_id", pl.col("_clause_head").alias("head")))
    # ... else, where the parser hung the relative clause elsewhere, the noun right before the relative pronoun
    # ("l'organisation islamique, qui affirme…"), adjectives, a comma and the relative's own preposition between
    # ("la théorie selon laquelle …", "la rumeur selon laquelle …": the noun the relative clause qualifies)
    nouns = words.filter(pl.col("upos").is_in(["NOUN", "PROPN"])).select("doc_id", "sent_id",
                                                                        pl.col("word_id").alias("head"))
    in_order = (rows.filter(relative).join(antecedent.select("_item"), on="_item", how="anti")
                .select("_item", "doc_id", "sent_id", "source_word")
                .join(words.filter(~pl.col("upos").is_in(["ADJ", "PUNCT"]))
                      .select("doc_id", "sent_id", pl.col("word_id").alias("_before"),
                              pl.when(pl.col("deprel") == "case").then(pl.col("head")).alias("_case_of")),
                      on=["doc_id", "sent_id"])
                .filter((pl.col("_before") < pl.col("source_word"))
                        & (pl.col("_case_of") != pl.col("source_word")).fill_null(True))
                .sort("_before", descending=True).group_by("_item", maintain_order=True).first()
                .join(nouns, left_on=["doc_id", "sent_id", "_before"], right_on=["doc_id", "sent_id", "head"])
                .select("_item", "doc_id", "sent_id", pl.col("_before").alias("head")))
    antecedent = (noun_phrases(antecedent, tree).join(rows.select("_item", "_text"), on="_item")
                  .select("_item", cut("source_start", "source_end").alias("_antecedent")))
    in_order = (noun_phrases(in_order, tree).join(rows.select("_item", "_text"), on="_item")
                .select("_item", cut("source_start", "source_end").alias("_noun_before")))
    # (a relative after its preposition, "selon lequel", "d'après laquelle", is no personal pronoun: the noun it
    # follows is the mention, "un scandale, selon lequel il aurait …"; "qui" keeps the resolver's name first)
    governed = (words.filter(pl.col("deprel") == "case")
                .select("doc_id", "sent_id", pl.col("head").alias("source_word"), pl.lit(True).alias("_governed"))
                .unique())
    after_preposition = (pl.when(pl.col("_antecedent").is_null() & pl.col("_governed").fill_null(False)
                                 & ~pl.col("source").str.to_lowercase().str.strip_chars()
                                 .is_in(speaker_words("relative_pronoun")))
                         .then("_noun_before"))
    rows = (attach(rows.join(antecedent, on="_item", how="left").join(in_order, on="_item", how="left"), governed,
                   on=["doc_id", "sent_id", "source_word"])
            .with_columns(after_preposition.alias("_relative_noun")).drop("_governed")
            .with_columns(pl.coalesce("_antecedent", "_relative_noun", "source").alias("_mention")))
    rows = rows.join(_apposed_to_relative(rows, words), on="_item", how="left")
    # pronouns: the speakers module's salience over the document's named mentions; a definite description of a
    # person's role ("le chercheur", "l'ex-Président sénégalais") is read as a pronoun of its gender, over the
    # names of persons only
    lowered = pl.col("_mention").str.to_lowercase().str.strip_chars()
    # (the nouns of a role: person_role_noun of reported_cues.tsv and person_noun of speaker_words.tsv, as the
    # quotations' descriptions read them)
    roles, complement = _role_words()
    roles = roles.implode()
    definite = "|".join(re.escape(d) for d in reported_cues("definite_determiner"))
    role = (lowered.str.contains(rf"^(?:{definite})\b\s*\S") & ~pl.col("_src_feats").fill_null("").str.contains("Plur")
            & ~lowered.str.contains(complement)
            & (pl.col("_src_lemma").str.replace(r"^ex-", "").is_in(roles)
               | pl.col("_src_form").str.to_lowercase().str.replace(r"^ex-", "").is_in(roles)))
    role_pronoun = pl.when(pl.col("_src_feats").fill_null("").str.contains("Gender=Fem")).then(pl.lit("elle")) \
        .otherwise(pl.lit("il"))
    rows = rows.with_columns(pl.when(role & pl.col("_antecedent").is_null()).then(role_pronoun)
                             .alias("_role_pronoun"))
    q = (rows.select(pl.col("_item").alias("_q"), "doc_id", pl.col("cue_start").alias("start_char"),
                     "source_start",
                     pl.when(lowered.is_in([*PRONOUNS, *PLURAL_PRONOUNS])).then(lowered).alias("_pronoun"))
         .filter(pl.col("_pronoun").is_not_null()))
    resolved = pl.DataFrame(schema={"_item": pl.Int64, "_resolved": pl.String})
    # once, for pronouns and for anaphors; every document's names ("named_mentions" reads only the documents of
    # the quotations it is given: an empty span at -1 stands for each document, outside any text)
    # (of the documents with reported speech)
    here = rows.select("doc_id").unique()
    outside = here.with_columns(pl.lit(-1, pl.Int64).alias("start_char"), pl.lit(-1, pl.Int64).alias("end_char"))
    marks = quotes.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").cast(pl.Int64),
                          pl.col("end_char").cast(pl.Int64)) if quotes.height else outside.clear()
    # (the token columns the speakers module reads, of these documents, named as text once: not a cast and a copy
    # of every column of the whole table by each function)
    read = [c for c in TOKEN_COLUMNS if c in tokens.columns]
    doc_tokens = (tokens.select(pl.col("doc_id").cast(pl.String), *read)
                  .filter(pl.col("doc_id").is_in(here["doc_id"].implode())))
    mentions = named_mentions(doc_tokens, documents, pl.concat([marks, outside]),
                              names=None if names is None else names.join(here, on="doc_id", how="semi"))
    # the paragraphs of these documents, and the mentions located in them: once, for pronouns, demonstratives and
    # descriptions
    pars = paragraphs_of(documents, here["doc_id"], pars)
    mentions_here = with_paragraph(mentions, pars, "m_start", "m_")
    if q.height:
        resolved = (resolve_pronouns(with_paragraph(q, pars, "start_char"), mentions_here)
                    .select(pl.col("_q").cast(pl.Int64).alias("_item"), "_resolved"))
    rows = rows.join(resolved, on="_item", how="left")
    # a demonstrative pronoun ("cette dernière a affirmé"): the last name of its gender before it
    demonstrative = (rows.filter(lowered.is_in(list(DEMONSTRATIVES)))
                     .select(pl.col("_item").alias("_q"), pl.col("doc_id").cast(pl.String), "source_start",
                             lowered.alias("_demonstrative")))
    if demonstrative.height:
        found = last_mentioned(with_paragraph(demonstrative, pars, "source_start"), mentions_here)
        rows = rows.join(found.select(pl.col("_q").cast(pl.Int64).alias("_item"), "_last_mentioned"), on="_item",
                         how="left")
    else:
        rows = rows.with_columns(pl.lit(None, pl.String).alias("_last_mentioned"))
    # the name a mention holds, read with its appositions ("La première ministre du Québec, Pauline Marois")
    rows = rows.with_columns(pl.when(pl.col("_antecedent").is_null() & pl.col("_full_start").is_not_null())
                             .then(cut("_full_start", "_full_end")).otherwise(pl.col("_mention")).alias("_full"))
    # (each distinct mention read once)
    names_of = {m: name_of(m) for m in set(rows["_full"].to_list()) if m}
    named = [names_of[m] if m else None for m in rows["_full"].to_list()]
    rows = rows.with_columns(pl.Series("_named", named, dtype=pl.String))
    # a description: a name in apposition to it ("Le président de PSA, Philippe Varin,"), else the nearest
    # name before it that the text introduced with the same noun ("l'ONG" → "l'ONG Human Rights Watch")
    before = rows.select(pl.col("_text").str.slice((pl.col("source_start") - 80).clip(lower_bound=0),
                                                   pl.min_horizontal(pl.col("source_start"), 80)))[:, 0]
    after = rows.select(pl.col("_text").str.slice(pl.col("source_end"), 80))[:, 0]
    # (an acronym is a name, no description: "affirme le PAM")
    plain = [n is None and r is None and m is not None and m.strip().lower() not in PRONOUNS
             and m.strip().lower() not in PLURAL_PRONOUNS and not _ACRONYM.match(m.strip())
             for n, r, m in zip(rows["_named"], rows["_resolved"], rows["_mention"], strict=True)]
    # (a one-word name opening a sentence counts when the parser made it a proper name: "Barroso, le président …")
    known = dict(mentions.group_by("doc_id").agg(pl.col("name").unique()).iter_rows())
    apposed = [apposed_name(b, a, known.get(d, ())) if keep else None
               for keep, b, a, d in zip(plain, before.to_list(), after.to_list(), rows["doc_id"], strict=True)]
    rows = rows.with_columns(pl.Series("_apposed", apposed, dtype=pl.String))
    # ... or in apposition to the same description elsewhere in the text ("L'ancien porte-parole de la mission,
    # Timor Goksel, …" … "l'ancien porte-parole de la mission fait remarquer")
    repeated = [apposed_elsewhere(text, mention) if keep and a is None else None
                for keep, a, text, mention in zip(plain, apposed, rows["_text"], rows["_mention"], strict=True)]
    rows = rows.with_columns(pl.Series("_repeated", repeated, dtype=pl.String))
    rows = rows.join(_introduced_with(rows, words, documents, mentions), on="_item", how="left")
    rows = rows.join(_described_before(rows, words, everywhere, mentions, quotes, mentions_here), on="_item",
                     how="left")
    # a pronoun no name is found for: the description of the subject it takes up, as the quotations read it
    pronouns = rows.select(pl.col("_item").alias("_q"), pl.col("doc_id").cast(pl.String),
                           pl.col("cue_start").alias("start_char"), "source_start", "_resolved", "_last_mentioned",
                           "_text", lowered.alias("_pronoun"))
    rows = rows.join(pronoun_descriptions(pronouns, doc_tokens, quotes).rename({"_q": "_item"}), on="_item", how="left")
    rules = speaker_rules()
    late = ("_last", "_previous_subject", "_subject", "_role")
    rows = rows.with_columns(pl.lit(None, pl.String).alias(c) for c in late)
    rows = rows.with_columns(pl.coalesce([value for _, value in rules]).alias("speaker"))
    rows = _last_speaker(rows.drop(late), everywhere, quotes, mentions)
    rows = rows.with_columns(pl.lit(None, pl.String).alias(c) for c in late if c not in rows.columns)
    rows = rows.with_columns(pl.coalesce([value for _, value in rules]).alias("speaker"),
                             pl.coalesce([pl.when(value.is_not_null()).then(pl.lit(name)) for name, value in rules])
                             .alias("_speaker_rule"))
    # one written form per name in a document ("Obama" → "Barack Obama")
    names = rows.filter(pl.col("speaker").is_not_null()).group_by("doc_id").agg("speaker")
    # (the text of the documents with an acronym among their speakers only)
    acronyms = names.filter(pl.col("speaker").list.eval(pl.element().str.contains(_ACRONYM.pattern)).list.any())
    text_by_doc = dict(texts.select("doc_id", pl.col(texts.columns[1])).join(acronyms.select("doc_id"), on="doc_id",
                                                                           how="semi").iter_rows())
    lookup = [(doc, name, canon) for doc, found in names.iter_rows()
              for name, canon in canonical_names(found, found, text_by_doc.get(doc)).items()]
    canon = pl.DataFrame(lookup, schema={"doc_id": pl.String, "speaker": pl.String, "_c": pl.String}, orient="row")
    return (rows.join(canon, on=["doc_id", "speaker"], how="left")
            .with_columns(pl.coalesce("_c", "speaker").alias("speaker")).drop("_c"))

"""The attribution of quotations as a linguist reads it: the French words its rules read and the two ordered
tables of named rules that decide (:func:`kind_rules`, :func:`source_rules`).

The words are the lists of ``lexicons/attribution_words.tsv`` (:func:`corpusling.lexicons.attribution_words`:
determiners, auxiliaries, clitics, particles of names…) and ``lexicons/quote_kind_words.tsv`` (what names a
title or a term, nouns of utterance…); the regular expressions below are built from them, in the files' order.
The conditions of the tables read the evidence :func:`corpusling.markers.attribution.attribute` builds from
the text and the tokens (columns whose names start with ``_``); each table is tried in order and the first row
that holds decides, as :func:`corpusling.markers.conditional.rules` does. :func:`kind_features` gives the same
conditions, and general cues, as the features of the learned classifier of kinds
(:mod:`corpusling.markers.quote_kind_model`).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from corpusling.lexicons import HERE, attribution_words, load_word_lists

#: The source rule of an inverted incise whatever its verb (:func:`source_rules`).
OPEN_INCISE = "incise_open"
#: Longest quotation (in words of its text) that can be a scare quote.
SCARE_MAX_WORDS = 5
#: Longest capitalised quotation without a verb taken for a name or a title ("« Les revenus et le patrimoine des
#: ménages »").
TITLE_MAX_WORDS = 12
#: The word lists of ``quote_kind_words.tsv``: what names a quoted title or term before it.
QUOTE_KIND_ROLES = ("naming_noun", "naming_participle", "naming_pronominal", "reflexive_clitic", "example_marker",
                    "active_auxiliary", "agent_preposition", "writer_imperative_ending", "utterance_noun",
                    "speaker_preposition", "qualifying_verb", "qualifying_participle", "qualifying_link",
                    "coordinator", "generic_subject", "alias_word",
                    "voice_phrase", "update_banner", "pronominal_auxiliary", "designation_preposition",
                    "reading_verb", "reading_place")


def words(role: str) -> tuple[str, ...]:
    """The words of one role of ``attribution_words.tsv``, in the file's order."""
    return attribution_words()[role]


def kind_words(role: str) -> tuple[str, ...]:
    """The words of one role of ``quote_kind_words.tsv`` (what names a quoted title or term), in the file's order."""
    return load_word_lists(HERE / "quote_kind_words.tsv", QUOTE_KIND_ROLES)[role]


def _alternation(items: tuple[str, ...] | list[str], space: str = r"\s+", then: str = "") -> str:
    """``a|b|c`` of words for a regular expression, in their order: an apostrophe matches ' and ’, a space
    ``space``; ``then`` follows each word that does not end with an apostrophe ("la\\s+", but "l['’]")."""
    def one(word: str) -> str:
        pattern = word.replace("'", "['’]").replace(" ", space)
        return pattern if word.endswith("'") else pattern + then
    return "|".join(one(word) for word in items)


def _capitalised(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word[:1].upper() + word[1:] for word in items)


#: What a noun phrase after an incise verb starts with: a capital or a determiner ("l'universitaire", not "que").
_NP_START = rf"^(?:\p{{Lu}}|(?:{_alternation(words('noun_phrase_determiner'), ' ')})\b)"
#: An infinitive with its clitics ("Pour s'en sortir,": "pour" then states a purpose, not a view).
_SPACE = r"\s+"
_WORD_END = r"\b"
_INFINITIVE_START = rf"^(?:{_alternation(words('preverbal_clitic'), then=_SPACE)})?\p{{Ll}}+(?:er|ir|re|oir)\b"

#: A proper name as written: capitalised words ("V. Sapounov", "Rami Abd al-Rahman", "Valéry Giscard d'Estaing"),
#: with the particles of names between them.
_NAME_WORD = (rf"(?:\p{{Lu}}\.|(?:(?:{_alternation(words('name_prefix'))})-)?"
              r"\p{Lu}[\p{L}\p{M}'’-]*[\p{L}\p{M}]|\p{Lu})")
_SPACED_PARTICLES = tuple(w for w in words("name_particle") if not w.endswith("'"))
_ELIDED_PARTICLES = tuple(w for w in words("name_particle") if w.endswith("'"))
NAME = (rf"{_NAME_WORD}(?:\s+(?:(?:{_alternation(_SPACED_PARTICLES)})\s+)?"
        rf"{_NAME_WORD}|\s+{_alternation(_ELIDED_PARTICLES)}{_NAME_WORD})*")
#: An elided article before a name ("l'April").
_ELIDED_ARTICLE = _alternation(tuple(w for w in words("definite_article") if w.endswith("'")))
#: Auxiliaries and adverbs an inverted incise may open with ("a ensuite précisé", "s'est pour sa part réjoui").
_INCISE_AUX = rf"(?:{_alternation(words('incise_auxiliary'))})"
_INCISE_ADV = rf"(?:\p{{Ll}}+ment|{_alternation(words('incise_adverb'), ' ')})"
_CLITICS = _alternation(words("inverted_clitic"))
_CLITIC = rf"(?:-t)?-(?:{_CLITICS})"
#: What may stand between an inverted verb and its subject: adverbs, times, a short prepositional phrase
#: ("a déclaré jeudi à l'AFP le ministre", "a indiqué dans un communiqué l'association").
_DAY = rf"(?:{_alternation(words('weekday'))})"
#: Degree adverbs before an adverb in -ment ("conclut tout simplement Joji Otaki").
_MODIFIERS = load_word_lists(HERE / "incise_modifiers.tsv", ("degree_adverb", "semi_auxiliary"))
_DEGREE = _alternation(_MODIFIERS["degree_adverb"])
#: A verb before the infinitive of an incise's verb of saying ("», préférait rectifier l'intéressé").
INCISE_SEMI_AUX = rf"(?:{_alternation(_MODIFIERS['semi_auxiliary'])})"
#: (an incise's adverbial phrase too: "», témoigne pour sa part un lycéen", "se défend pour sa part le groupe")
_SKIP = (rf"(?:(?:(?:(?:{_DEGREE})\s+)?\p{{Ll}}+ment|{_alternation(words('time_adverb'))}"
         rf"|(?:{_alternation(words('incise_adverb'))})"
         rf"|{_DAY}(?:\s+(?:{_alternation(words('time_after_weekday'))}))?"
         rf"|ce\s+(?:{_alternation(words('time_after_ce'))}))\s+"
         rf"|(?:{_alternation(words('place_preposition'), then=_SPACE)})\s*"
         rf"(?:{_alternation(words('skip_determiner'), then=_SPACE)})?[^\s,.;:]+"
         rf"(?:\s+(?:{_alternation(words('of_preposition'))})\s*"
         rf"(?:{_alternation(words('definite_article'), then=_SPACE)})?[^\s,.;:]+)?\s+)")
#: What an inverted subject starts with: a capital or a determiner.
_SUBJECT_START = rf"(?:\p{{Lu}}|(?:{_alternation(words('subject_determiner'), ' ')})\b)"
#: Where the noun phrase of an inverted subject found in the text ends: a preposition, a time, a relative.
_NP_END = _alternation(words("noun_phrase_end") + words("weekday"))
#: The relative pronouns that, as subject, stand for their antecedent.
_RELATIVE = list(words("relative_pronoun"))


def _qualifying_words() -> pl.Expr:
    """The sentence so far ends with a verb by which its subject qualifies something, then "de" / "comme": the
    quoted words are that qualification, unless the subject is generic ("a qualifié mardi cette décision
    d'« absurde »", "décrit sa fille, Marine Le Pen, comme « petite-bourgeoise »", "comme « tremblants » et
    « dégoûtés »"; ``quote_kind_words.tsv``)."""
    # (a past participle after a form of avoir only: alone it is passive, "Malik Hammami, qualifié de « mentor »";
    # up to two adverbs between them: "avait alors notamment parlé du « procès de la trahison »", set8)
    verb = (rf"{_alternation(kind_words('qualifying_verb'))}|(?:{_alternation(kind_words('active_auxiliary'))})"
            rf"\s+(?:\S+\s+){{0,2}}(?:{_alternation(kind_words('qualifying_participle'))})")
    link = _alternation(kind_words("qualifying_link"))
    coordinator = _alternation(kind_words("coordinator"), then=r"\s*")
    generic = _alternation(kind_words("generic_subject"))
    # (not after a generic subject: "On pourra toujours parler … de « décentrement du Sujet »" uses a term)
    return pl.col("_left").str.contains(
        rf"(?i:\b(?:{verb})\b[^.;:!?«»]{{0,60}}(?:^|[\s'’])(?:{link})\s*(?:«[^»]*»\s*(?:{coordinator}))?)$") \
        & ~pl.col("_left").str.contains(rf"(?i:\b(?:{generic})\s+(?:\S+\s+){{0,2}}(?:{verb})\b[^.;:!?«»]{{0,60}})$")


def _since(verb_start: pl.Expr) -> pl.Expr:
    """The text from a verb to the quotation."""
    return pl.col("text").str.slice(verb_start, pl.col("start_char") - verb_start)


def _nothing_quoted_since(verb_start: pl.Expr) -> pl.Expr:
    """No other quotation stands between a verb and the quotation."""
    return ~_since(verb_start).str.contains(r"[«»“”\"]")


def _que_clause_since(verb_start: pl.Expr) -> pl.Expr:
    """The text from a verb to the quotation opens a completive ("que", "qu'") and holds no other quotation: the
    quoted words stand in what the verb reports (Riegel et al. 2018, ch. XVII: the completive in "que")."""
    que = _alternation(words("complementizer"), then=_WORD_END)
    return _since(verb_start).str.contains(rf"(?i:(?:^|\s)(?:{que}))") & _nothing_quoted_since(verb_start)


# --------------------------------------------------------------------------- the rule tables

def kind_rules() -> list[tuple[str, pl.Expr, str]]:
    """How the kind of a quotation is decided: ``(name, condition, kind)``, tried in this order.

    Conditions read the columns :func:`~corpusling.markers.attribution.attribute` builds from the text before the
    quotation (``_left``, the sentence so far, and ``_named_before``: a word that names what the marks enclose), the
    quotation itself and the tree (``_embedded_attributed``: a reporting verb governs it). The guide's tests (§2): a
    reported utterance presented as such is ``direct``; a title, a name or a term, with no speaker, ``scare``; words
    of an identifiable speaker woven into the writer's syntax, ``mixed``.
    """
    embedded = pl.col("_embedded_attributed")
    no_attribution = (pl.col("_incise_word").is_null() & pl.col("_text_incise_end").is_null()
                      & pl.col("_tail_src").is_null() & pl.col("_agent_src").is_null())
    name_like = pl.col("_capital") & ~pl.col("_has_verb") & (pl.col("_n_words") <= TITLE_MAX_WORDS) & no_attribution
    banner = _alternation(kind_words("update_banner"))
    return [
        # "Page actualisée : 7 mai 2017 — « Québec : le maire … décrète l'état d'urgence »": the title of the later
        # article a Wikinews banner announces, after its date and dash (set6, set7, set9)
        ("update_banner", pl.col("_left").str.contains(rf"(?i:\b(?:{banner})\s*:[^«»]{{0,60}}[—–-]\s*)$"),
         "scare"),
        # "précise que : « … »": the colon does not undo the "que" that integrates the words
        ("que_colon", pl.col("_left").str.contains(rf"\b(?i:{_alternation(words('complementizer'))})\s*:\s*$"),
         "mixed"),
        # (not a phrase without a verb, one sentence at most, after a clause that is not one of saying: "interrogés
        # pour le motif suivant : « tentative de destruction des preuves »", "ont créé un groupe : « Les stylos
        # rouges en colère »" are the words or the name the clause announces, mixed or scare by the rules below;
        # set6, set8)
        # (a name alone before the colon stays its speaker: "Barack Obama : « … »"; and so does a topic without a
        # verb, a headline's: "Banques belges : « Le parquet exagère »")
        ("colon", pl.col("_after_colon") & ~(~pl.col("_has_verb") & pl.col("_colon_word").is_not_null()
                                             & ~pl.col("_colon_rv").fill_null(False)
                                             & pl.col("_colon_name").is_null()
                                             & ~pl.col("_quote").str.contains(r"[.!?…]\s+\S")), "direct"),
        # a name or a title opening the writer's sentence as its subject ("« St. Anger » est le premier single")
        # (its head is a subject, or the writer's sentence goes on after it: "« Pérouse amitié », qui utilise …")
        ("subject_name", pl.col("_sentence_start") & name_like
         & (pl.col("_head_rel").fill_null("").str.starts_with("nsubj")
            | pl.col("_right").str.contains(rf"^\s+\p{{Ll}}|^\s*,\s*(?:{_alternation(_RELATIVE)})\b")), "scare"),
        ("slogan", pl.col("_sentence_start") & name_like & (pl.col("_right").str.strip_chars(" .!?…") == "")
         & pl.col("_previous_word").is_null(), "scare"),
        # a name or a term opening a headline as its topic, a colon after it ("« Gilets jaunes » : troisième
        # week-end de mobilisation")
        ("headline_topic", pl.col("_sentence_start") & name_like & pl.col("_right").str.contains(r"^\s*:"),
         "scare"),
        ("sentence", pl.col("_sentence_start"), "direct"),
        # the rest of a quotation the writer interrupted with an incise ("« Tout simplement », a précisé X, « … »")
        ("resumed", pl.col("_resumed"), "direct"),
        # "Selon X, « … »", not "Selon X, cette période sera …, « … »": the clause's verb integrates the words
        ("selon", pl.col("_selon_start") & ~pl.col("_finite_before"), "direct"),
        # "…, pour le président de la Commission X, « il y aura … »", "Selon un haut responsable « il s'agit … »":
        # a clause of its own right after "selon X" / "pour X" is X's utterance
        # (not in the completive of a verb of saying, "Il a expliqué que, selon lui, « de très grandes sociétés
        # … »": the "que" integrates the words, mixed; set7, set10)
        ("selon_clause", pl.col("_adjacent_src").is_not_null() & pl.col("_has_finite_verb")
         & ~(pl.col("_near_speaks").fill_null(False) & _que_clause_since(pl.col("_near_start"))), "direct"),
        # (its indirect object or a time may stand between: "a dit au président de la région Alain Rousset « Il y
        # en a certains … »", "avant de poursuivre « Vous êtes … »": a clause of its own, capitalised, after a
        # speaking verb of its sentence with no "que", no determiner and no naming noun before it, set4 and set7)
        # (no naming participle before it, even one the lexicon also lists as a verb of saying: "La tempête Thomas,
        # aussi appelée « Doris » en Grande-Bretagne" is a name, set10; as "appelée « les Petits Tigres »", set3)
        # (right after the verb, a clause of its own in lower case too, its head a finite verb and no "que" opening
        # it: "a déclaré « sur Libreville, il y a entre 600 et 800 interpellations … »", "s'interrogeait « pourquoi
        # y a-t-il tant de billets … »", set9, set11)
        ("verb_object", ~pl.col("_named_before") & (
            pl.col("_capital") & pl.col("_prev_rv")
            | pl.col("_prev_rv") & pl.col("_head_finite")
            & ~pl.col("_quote").str.contains(rf"^\W*(?i:{_alternation(words('complementizer'), then=_WORD_END)})")
            | pl.col("_capital") & (
            pl.col("_has_finite_verb") & (pl.col("level") == 0) & pl.col("_near_speaks")
            & _nothing_quoted_since(pl.col("_near_start")) & ~_que_clause_since(pl.col("_near_start"))
            & ~pl.col("_left").str.contains(rf"(?i:(?:^|\s)(?:{_alternation(words('noun_phrase_determiner'))})\s*)$")
            & ~pl.col("_left").str.contains(r"(?i:\b(?:l|d|qu)['’]\s*)$"))), "direct"),
        # "… la matière ; « ce boson est un laboratoire … » indique X": a clause of its own after a semicolon,
        # or after a comma and a coordinating conjunction ("« … », mais « nous avons appris la leçon », a affirmé
        # X"), with its incise
        ("clause_incise", pl.col("_left").str.contains(
            rf"(?:;|,\s*(?i:{_alternation(words('leading_conjunction'))}))\s*$")
         & pl.col("_has_verb") & ~no_attribution, "direct"),
        # a clause of its own, its incise after it, after a comma or capitalised: "J'ai vu des « corps voler … »,
        # « c'était un carnage sur le trottoir », ont affirmé des témoins", "a atteint un degré jamais connu « On a
        # atteint une escalade … » a-t-il ajouté" (set9)
        ("clause_before_incise", pl.col("_has_finite_verb") & (pl.col("level") == 0)
         & pl.col("_incise_word").is_not_null()
         & (pl.col("_capital") | pl.col("_left").str.contains(r",\s*$"))
         & ~pl.col("_left").str.contains(rf"(?i:(?:^|\s)(?:{_alternation(words('complementizer'))})\s*)$"), "direct"),
        # "le thème « … »", "une comédie nommée « … »", "des pages telles que « … »": a title, a name, a term
        # a speaker's qualification of something, the quoted words after its "de" / "comme" (guide §2, mixed: "a
        # qualifié cette décision d'« absurde »", "décrit les voyageurs comme « tremblants »", "parlant d'un « effort
        # de transparence »", "fait état de « blessures légères »")
        ("qualifying_words", (pl.col("_n_words") <= SCARE_MAX_WORDS) & ~pl.col("_has_finite_verb") & no_attribution
         & (pl.col("level") == 0) & _qualifying_words(), "mixed"),
        ("named", pl.col("_named_before") & no_attribution, "scare"),
        # a capitalised phrase without a verb inside the sentence: a name or a title ("la sculpture « La Petite
        # danseuse de quatorze ans »", "choisir un « Congrès national général »")
        ("title", name_like, "scare"),
        # a noun without determiner after "pour" names the category of an act or a case, the charge of an
        # indictment above all ("mis en examen pour « recel de détournements de fonds publics »", "placé en
        # détention pour « association de malfaiteurs … »", "appelée pour « différend familial »", "en vigilance
        # orange pour « vents violents »"): the official designation, a term (guide §2, scare), even under a verb
        # of saying ("menacent de porter plainte … pour « non-assistance à personne en danger »"); with a
        # determiner or a verb they are words of the speaker's ("pour « un moment d'échange »", "pour « protéger
        # la révolution »"; set10, set11)
        ("designation", pl.col("_left").str.contains(
            rf"(?i:(?:^|\s)(?:{_alternation(kind_words('designation_preposition'))})\s*)$")
         & (pl.col("_first_upos") == "NOUN") & ~pl.col("_has_verb") & no_attribution & (pl.col("level") == 0),
         "scare"),
        # words in a clause that "selon X," opens after the sentence's start are X's ("car selon eux, il était le
        # siège de « fêtes sauvages »")
        ("selon_inside", pl.col("_inner_src").is_not_null() & no_attribution & ~pl.col("_sentence_start"), "mixed"),
        # short words under a verb of saying earlier in their clause, not right before them, are that speaker's
        # words woven into the report (guide §2, mixed: "Trump a annoncé que cette réforme comprendra des baisses
        # d'impôts « massives »", "en expliquant que le passager était devenu « turbulent et agressif »"); a verb
        # right before is a term it names ("se déclarer « transgenre »"), a negated one or the writer's imperative
        # reports nothing ("ne signe pas « le premier ministre »", "Rappelons que … pour « homicide involontaire »");
        # marks inside a quotation are its speaker's distance ("« On a constaté … 261 cas de « réelle » fraude »")
        ("reported_words", (pl.col("_n_words") <= SCARE_MAX_WORDS) & ~pl.col("_has_finite_verb") & no_attribution
         & (pl.col("level") == 0) & ~embedded & pl.col("_near_speaks") & pl.col("_saying_above").is_not_null()
         & ~pl.col("_prev_rv"),
         "mixed"),
        # the same when the tree missed the link but the text shows it: a verb of saying earlier in the sentence,
        # then its "que", then the words, no other quotation between (guide §2, mixed: "a déclaré lors d'une
        # conférence de presse que les caisses étaient « intactes »", "a avancé que les trous noirs « dévoreraient »")
        ("reported_clause", (pl.col("_n_words") <= SCARE_MAX_WORDS) & ~pl.col("_has_finite_verb") & no_attribution
         & (pl.col("level") == 0) & ~embedded & pl.col("_near_speaks") & ~pl.col("_prev_rv")
         & _que_clause_since(pl.col("_near_start")), "mixed"),
        # (not in a sentence that "Selon X," attributes: the words are X's; an infinitive alone is a word held at a
        # distance: "ils avaient décidé de « réquisitionner »")
        ("short", (pl.col("_n_words") <= SCARE_MAX_WORDS) & ~pl.col("_has_finite_verb") & ~embedded & no_attribution
         & pl.col("_lead_src").is_null(), "scare"),
        ("embedded", pl.lit(True), "mixed"),
    ]


#: Bins of the number of words quoted (upper bounds, inclusive) for :func:`kind_features`.
WORD_BINS = (1, 3, SCARE_MAX_WORDS, TITLE_MAX_WORDS)
#: Parts of speech of the first word of a quotation, and of the word before it, made features.
FEATURE_UPOS = ("NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV", "PRON", "DET", "ADP", "SCONJ", "CCONJ", "PUNCT", "NUM")
#: Relations of a quotation's head to the writer's sentence made features.
FEATURE_RELATIONS = ("nsubj", "obj", "obl", "nmod", "amod", "appos", "ccomp", "xcomp", "conj", "root", "parataxis",
                     "advcl", "acl")


def kind_features() -> list[tuple[str, pl.Expr]]:
    """The evidence of a quotation's kind as named boolean features, for the learned classifier
    (:mod:`corpusling.markers.quote_kind_model`): the condition of every row of :func:`kind_rules` (``rule_<name>``,
    whether or not an earlier row holds: the rules as features, their order no longer deciding) and general cues
    over the same evidence columns (the quotation's length, shape, parts of speech, place in its sentence, the
    attributions found around it, its depth)."""
    no_attribution = (pl.col("_incise_word").is_null() & pl.col("_text_incise_end").is_null()
                      & pl.col("_tail_src").is_null() & pl.col("_agent_src").is_null())
    n = pl.col("_n_words")
    bins = [("words_1", n <= WORD_BINS[0])]
    bins += [(f"words_{lo + 1}_{hi}", (n > lo) & (n <= hi)) for lo, hi in zip(WORD_BINS, WORD_BINS[1:], strict=False)]
    bins.append((f"words_over_{WORD_BINS[-1]}", n > WORD_BINS[-1]))
    determiner = _alternation(words("noun_phrase_determiner"))
    general = [
        *bins,
        ("capital", pl.col("_capital")),
        ("ends_with_stop", pl.col("_quote").str.contains(r"[.!?…]\s*\W?$")),
        ("several_sentences", pl.col("_quote").str.contains(r"[.!?…]\s+\S")),
        ("has_verb", pl.col("_has_verb")),
        ("has_finite_verb", pl.col("_has_finite_verb")),
        ("head_finite", pl.col("_head_finite")),
        *((f"first_{upos.lower()}", pl.col("_first_upos") == upos) for upos in FEATURE_UPOS),
        *((f"head_{rel}", pl.col("_head_rel").fill_null("").str.split(":").list.first() == rel)
          for rel in FEATURE_RELATIONS),
        ("in_quotation", pl.col("level") > 0),
        ("sentence_start", pl.col("_sentence_start")),
        ("paragraph_start", pl.col("_paragraph_start")),
        ("after_colon", pl.col("_after_colon")),
        ("after_comma", pl.col("_left").str.contains(r",\s*$")),
        ("after_determiner", pl.col("_left").str.contains(
            rf"(?i:(?:^|\s)(?:{determiner})\s*$|\b(?:l|d)['’]\s*$)")),
        ("after_que", pl.col("_left").str.contains(
            rf"(?i:(?:^|\s)(?:{_alternation(words('complementizer'))})\s*)$")),
        *((f"before_{upos.lower()}", pl.col("_prev_upos") == upos) for upos in FEATURE_UPOS),
        ("sentence_ends_after", pl.col("_right").str.strip_chars(" .!?…»”\"") == ""),
        ("comma_after", pl.col("_right").str.contains(r"^\s*,")),
        ("colon_after", pl.col("_right").str.contains(r"^\s*:")),
        ("no_attribution", no_attribution),
        ("incise_after", pl.col("_incise_word").is_not_null() | pl.col("_text_incise_end").is_not_null()),
        ("selon_after", pl.col("_tail_src").is_not_null()),
        ("agent_after", pl.col("_agent_src").is_not_null()),
        ("selon_before", pl.col("_lead_src").is_not_null()),
        ("selon_adjacent", pl.col("_adjacent_src").is_not_null()),
        ("selon_in_clause", pl.col("_inner_src").is_not_null()),
        ("colon_verb_of_saying", pl.col("_colon_rv").fill_null(False)),
        ("colon_name", pl.col("_colon_name").is_not_null()),
        ("named_before", pl.col("_named_before")),
        ("naming_participle", pl.col("_naming_participle")),
        ("resumed", pl.col("_resumed")),
        ("verb_of_saying_before", pl.col("_prev_rv")),
        ("verb_of_saying_in_sentence", pl.col("_near_speaks").fill_null(False)),
        ("que_since_verb_of_saying", pl.col("_near_speaks").fill_null(False)
         & _que_clause_since(pl.col("_near_start"))),
        ("saying_above", pl.col("_saying_above").is_not_null()),
        ("governed_by_verb_of_saying", pl.col("_embedded_attributed")),
        ("finite_verb_before", pl.col("_finite_before")),
        ("speaker_in_sentence_before", pl.col("_previous_word").is_not_null()
         & pl.col("_ps_same_paragraph").fill_null(False)),
        ("incise_inside", pl.col("_inside_incise_end").is_not_null()),
        ("incise_final", pl.col("_final_incise_end").is_not_null()),
        ("signature", pl.col("_signature").is_not_null()),
        ("name_then_verb_after", pl.col("_name_incise_src").is_not_null()),
    ]
    rules = [(f"rule_{name}", condition) for name, condition, _ in kind_rules() if name != "embedded"]
    return [(name, expr.fill_null(False).alias(name)) for name, expr in [*rules, *general]]


@dataclass(frozen=True)
class SourceRule:
    """One row of :func:`source_rules`: when it holds, where the reporting verb is and how the source is found.

    ``verb``: the reporting verb is a token, the candidate of that name (columns ``_<verb>_sent``,
    ``_<verb>_word``); ``text_verb``: a verb read in the text, the tagger having missed it (columns
    ``_<text_verb>_end``, ``_<text_verb>_form``). ``source``: ``subject`` (the verb's subject in the tree),
    ``colon_subject`` (the last subject of the clause before a colon), ``preposition_before`` /
    ``colon_noun`` (the "de X" of a noun of utterance before a colon), ``voice`` (the "par la voix de X" before a
    colon), ``reading_place`` (the document in which "on lit" the quotation), ``preposition_after`` (the noun phrase of
    "selon X"), ``signature_after`` (the line "— X" after a quotation alone in its paragraph), ``name_before_verb``
    (the name before a verb of saying that is not inverted, "», May a dit"), ``agent_after``
    (the agent of a naming participle, "par X" after the quotation), ``colon_name`` (a name before a colon).
    ``clitic``: where an inverted clitic or noun phrase may stand for a subject the tree lacks:
    ``after_quote`` (between the closing mark and the verb's end), ``inside_quote`` (the incise between
    the marks), ``rest_of_text`` (the first inverted clitic after the quotation), or None (never).
    """

    name: str
    condition: pl.Expr
    example: str
    verb: str | None = None
    text_verb: str | None = None
    source: str = "subject"
    clitic: str | None = None


def source_rules() -> list[SourceRule]:
    """How the source and reporting verb of a (direct or mixed) quotation are found, tried in this order; the
    first that holds names the quotation's attribution (the second part of its ``rule``).

    Conditions read the candidates :func:`~corpusling.markers.attribution.attribute` builds: the incise found on the
    tokens (``_incise_word``) or in the text (``_text_incise_end``, the tagger having missed the verb), ", selon X"
    after the quotation (``_tail_src``), the agent of a naming participle ("surnommé « … » par X": ``_agent_src``),
    the verb (``_colon_word``, ``_colon_rv`` when it is one of saying), the "de X" of a noun of utterance that is
    its subject (``_colon_noun_word``), a name alone (``_colon_name``) or the last subject (``_colon_subject_word``)
    of the clause before a colon, "Selon X," at the start of the sentence (``_lead_src``), a reporting verb just
    before the quotation (``_prev_rv``, ``_near_word``), the reporting verb governing it in the tree
    (``_embedded_attributed``), the nearest reporting verb of the sentence for a mixed quotation, an incise between
    the marks (``_inside_incise_end``) or ending the sentence after the writer's own words (``_final_incise_end``),
    and for a quotation opening its sentence the reporting verb and subject of the sentence before it in the
    paragraph (``_previous_word``), when that sentence holds no quotation (a quotation continuing another is the
    speakers' business).
    """
    colon, direct = pl.col("_after_colon"), pl.col("kind") == "direct"
    return [
        # (a text read in a document by the impersonal "on": the document is the source, set11, set14)
        SourceRule("reading", direct & pl.col("_reading_src").is_not_null(), "Sur la page Twitter de Pixar, on "
                   "pouvait lire : « … » / « … » peut-on y lire (y: the document of the sentence before)",
                   source="reading_place"),
        SourceRule("incise", pl.col("_incise_word").is_not_null(), "« … », a déclaré le ministre / a-t-il dit",
                   verb="incise", clitic="after_quote"),
        SourceRule("incise_text", pl.col("_text_incise_end").is_not_null(), "« … », juge le ministère (a noun to the "
                   "tagger)", text_verb="text_incise", clitic="after_quote"),
        # whatever its verb, an inverted verb right after the closing mark of a quotation that opens its sentence, and
        # its subject after it, is an incise (Riegel et al. 2018, ch. XXIII: the inversion marks it): "», s'est défendu
        # Bruno Le Roux", "», a cependant tenu à tempérer Jean-François Martins" (set15, set6)
        SourceRule(OPEN_INCISE, direct & (pl.col("_sentence_start") | pl.col("_resumed"))
                   & pl.col("_open_incise_end").is_not_null(), "« … », s'enthousiasme X (a verb of no lexicon)",
                   text_verb="open_incise", clitic="after_quote"),
        SourceRule("selon_after", pl.col("_tail_src").is_not_null(), "« … », selon l'AFP",
                   source="preposition_after"),
        SourceRule("incise_name_first", direct & pl.col("_sentence_start") & pl.col("_name_incise_src").is_not_null(),
                   "« … », May a dit aux députés (a name, then its verb)", text_verb="name_incise",
                   source="name_before_verb"),
        SourceRule("signature", direct & pl.col("_signature").is_not_null(), "« … » ¶ — Service de presse du festival "
                   "(a quotation alone in its paragraph, signed on the next line)", source="signature_after"),
        SourceRule("agent", pl.col("_agent_src").is_not_null(), "surnommé « Le furet des comètes » par Louis XV",
                   source="agent_after"),
        SourceRule("voice", colon & pl.col("_voice_src").is_not_null(), "Le Rwanda a répondu par la voix de son "
                   "porte-parole : « … »", source="voice"),
        SourceRule("colon_noun", colon & pl.col("_colon_noun_word").is_not_null()
                   & ~pl.col("_colon_rv").fill_null(False),
                   "La réaction du ministre ne s'est pas fait attendre : « … »", source="colon_noun"),
        SourceRule("colon_verb", colon & pl.col("_colon_word").is_not_null(), "Le ministre a déclaré : « … »",
                   verb="colon"),
        SourceRule("colon_name", pl.col("_colon_name").is_not_null(), "Barack Obama : « … » (a headline)",
                   source="colon_name"),
        # (not when a verb of saying of the sentence governs the words or stands right before them: its subject
        # speaks, "Selon les policiers du RAID, le meurtrier aurait crié « Allah Akbar »", "Pour le journal Le
        # Monde, …, Louis Dreyfus … estime qu'il s'agit d'« … »"; set8, set9)
        SourceRule("selon_before", pl.col("_lead_src").is_not_null()
                   & ~((pl.col("_prev_rv") & pl.col("_near_word").is_not_null()) | pl.col("_embedded_attributed")),
                   "Selon l'AFP, « … »",
                   source="preposition_before"),
        SourceRule("selon_clause", direct & pl.col("_adjacent_src").is_not_null(), "…, pour le président X, « il y "
                   "aura … » (inside the sentence)", source="preposition_before"),
        SourceRule("colon_subject", colon & pl.col("_colon_subject_word").is_not_null(), "Pierre Moscovici, a pour "
                   "sa part ajouté : « … » (the verb mistagged)", source="colon_subject"),
        SourceRule("verb_before", pl.col("_prev_rv") & pl.col("_near_word").is_not_null(), "il a crié « Allah »",
                   verb="near"),
        SourceRule("governing_verb", pl.col("_embedded_attributed"), "a estimé qu'il s'agissait d'un « triste "
                   "rappel »", verb="governing", clitic="rest_of_text"),
        SourceRule("selon_inside", (pl.col("kind") == "mixed") & pl.col("_inner_src").is_not_null(),
                   "car selon eux, il était le siège de « fêtes sauvages »", source="preposition_inside"),
        SourceRule("verb_in_sentence", (pl.col("kind") == "mixed") & pl.col("_near_word").is_not_null(),
                   "a promis, lors de sa visite, un « nouveau départ »", verb="near", clitic="rest_of_text"),
        SourceRule("incise_inside", direct & pl.col("_inside_incise_end").is_not_null(), "« Nous partons, a "
                   "déclaré le ministre, et nous reviendrons »", text_verb="inside_incise", clitic="inside_quote"),
        SourceRule("incise_final", direct & pl.col("_final_incise_end").is_not_null(), "« … », y compris le "
                   "montant de l'aide, commente X", text_verb="final_incise", clitic="after_quote"),
        # (", selon X" ending the sentence, past more of the writer's words or another quotation: it attributes
        # the whole sentence when nothing nearer does; set12, set13)
        SourceRule("selon_end", pl.col("_end_src").is_not_null(), "« … », dans le 9e arrondissement, selon cette "
                   "source.", source="preposition_end"),
        SourceRule("previous_sentence", direct & pl.col("_previous_word").is_not_null()
                   & pl.col("_ps_same_paragraph"), "La porte-parole a nuancé les chiffres. « On a constaté … »",
                   verb="previous"),
    ]

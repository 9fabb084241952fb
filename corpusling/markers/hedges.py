"""Hedges, source markers and boosters: lexicon entries and syntactic rules on the token table.

Categories follow Hyland's hedges and boosters (Hyland 1998, 2005), Prince, Frader &
Bosk's approximators and shields (1982), and French work on evidentiality and
reported information (Dendale & Tasmowski 2001; Charaudeau 1997); the unit and the
spans follow the project's annotation guide (§3): see ``corpusling/lexicons/README.md``
for the definitions and the pattern notation.

Two kinds of evidence, one table:

* **Lexicon entries** (``hedges.tsv``). Matching is a join, not a loop: every word gets
  its keys (lemma, form, part of speech, "is a numeral"); every position of every
  pattern variant gets the keys it accepts; joining the two and counting, per (variant,
  start word), the positions satisfied finds all matches of all entries in one pass.
  Context conditions (``@speaker``, ``@viewpoint``) are polars expressions over shifted
  columns of the sentence. Overlapping matches keep the longest; ``exclude`` entries
  (false friends such as "selon que", "selon une division du travail") win their
  overlaps and are then dropped.
* **Syntactic rules** over the dependency parse and the word lists of
  ``hedge_context.tsv``: epistemic *pouvoir* / *devoir* told from their root readings by
  the ordered rows of :data:`MODAL_RULES` (tense, subject, infinitive, condition; after
  Kronning 1996 and Gosselin 2010); attribution incises in the writer's text ("qui
  abrite, dit le Pentagone, environ 5 000 militaires"); vague noun phrases that are the
  subject of a verb of saying (unnamed sources, "des témoins racontent…").

Then, as the guide has it: a source marker spans its object noun phrase ("selon l'AFP"),
so that "selon un collectif" is one source and not also an unnamed source; a source
marker or incise that attributes a quotation in quotation marks is the quotation's
attribution, not a hedge; an adjectival booster under negation ("rien ne peut être sûr")
is not a booster.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import polars as pl

from corpusling import tokens as tok
from corpusling.errors import LexiconError
from corpusling.lexicons import load_hedge_context, load_lexicon
from corpusling.lexicons.notation import CLITICS, PatternError, parse_pattern

#: Columns of the result, in order (DESIGN.md's hedges.csv plus ``in_quote``).
RESULT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "sent_id": pl.Int32(), "start_char": pl.Int64(), "end_char": pl.Int64(),
    "match": pl.String(), "category": pl.String(), "entry": pl.String(), "in_quote": pl.Boolean(),
}

#: How far after a vague noun phrase its verb of saying may come ("De nombreux habitants, témoins de la
#: scène, ont déclaré"), and the punctuation that stops the search.
SPEECH_REACH = 8
STOPS: frozenset[str] = frozenset({".", ";", ":", "«", "»", "!", "?", "(", ")"})

#: How far after "pour" the comma of a viewpoint ("Pour le procureur fédéral, …") may come.
VIEWPOINT_REACH = 10

_VERBAL = ["VERB", "AUX", "SCONJ"]

#: Punctuation after which "pour X," can open a clause ("(pour les régions X, Y)" is an enumeration).
CLAUSE_PUNCTUATION: frozenset[str] = frozenset({",", ".", ";", ":", "!", "?", "«", "»", '"', "—", "–", "..."})

#: Quotation marks. A straight double quote glued to the next word opens, to the previous one closes; otherwise
#: they open and close by turns within a sentence.
OPENING_MARKS: frozenset[str] = frozenset({"«", "“", "„", "‹"})
CLOSING_MARKS: frozenset[str] = frozenset({"»", "”", "›"})
STRAIGHT_MARKS: frozenset[str] = frozenset({'"'})

#: Punctuation before an attribution incise (", a indiqué la police", "(dit le Pentagone)") and dashes that
#: may open a sentence before its first quotation mark ("- « … »").
INCISE_OPENERS: frozenset[str] = frozenset({",", "(", "—", "–"})
DASHES: frozenset[str] = frozenset({"-", "—", "–"})

#: How many words an incise's auxiliary, inverted clitic and adverbs may put between the comma and the verb
#: (", a-t-il également précisé"), and how far after the verb the head of its inverted subject may come
#: (", a annoncé à l'agence RIA Novosti Valentine Sapounov").
INCISE_BACK = 4
INCISE_REACH = 6

#: Parts of speech allowed between an incise verb and the head of its subject (adverbs, "à l'AFP").
INCISE_BETWEEN: frozenset[str] = frozenset({"ADV", "DET", "ADJ", "ADP", "NUM"})

#: Relations that end a phrase's span: punctuation, a relative or parenthetical clause. The span of a noun
#: phrase ("selon un sondage publié dans le quotidien El Pais") is its head's contiguous dependents.
PHRASE_BREAKS: frozenset[str] = frozenset({"punct", "acl:relcl", "parataxis"})
PHRASE_DEPTH = 8

#: How far after a source marker the head of its object may come ("selon les tout derniers chiffres").
OBJECT_REACH = 4

#: How many numeral words an approximator's span takes after it ("environ 5 000" in two words).
NUMERAL_REACH = 3

#: How many words before an adjectival booster a negation may come ("rien ne peut être sûr").
NEGATION_REACH = 4


def _normal(expr: pl.Expr) -> pl.Expr:
    """Polars version of :func:`corpusling.lexicons.notation.normal_word`."""
    low = expr.cast(pl.String).str.to_lowercase().str.replace_all("\u2019", "'", literal=True)
    low = (pl.when(low.str.ends_with("'") & (low.str.len_chars() > 1))
           .then(low.str.strip_suffix("'") + "e").otherwise(low))
    low = low.str.replace(r"^-t-", "")
    return pl.when(low.str.starts_with("-") & low.str.strip_prefix("-").is_in(list(CLITICS))).then(
        low.str.strip_prefix("-")).otherwise(low)


def _words(tokens: pl.DataFrame) -> pl.DataFrame:
    """The token table reduced to what matching needs, one running index ``_i`` in reading order.

    Each sentence's words are contiguous and in ``word_id`` order; ``_s`` numbers the sentences,
    ``_hi`` is the index of the word's head (null for the root) and ``_head_lemma`` its lemma.
    The table is sorted (by ``doc_id``, ``sent_id``, ``word_id``) only when it is not already
    in that shape (a parsed corpus is: in document order).
    """
    features = [(pl.col(c).cast(pl.String) if c in tokens.columns else pl.lit(None, dtype=pl.String)).alias(c)
                for c in ("mood", "verbform", "number")]
    words = tokens.select(
        "doc_id", "sent_id", "word_id", "start_char", "end_char", "head",
        pl.col("upos").cast(pl.String).fill_null("X"), pl.col("deprel").cast(pl.String).fill_null(""),
        pl.col("lemma").fill_null(pl.col("form")).cast(pl.String).alias("_lemma"),
        pl.col("form").cast(pl.String).alias("_raw"), *features)
    # normalised once per distinct spelling (the vocabulary), not once per word
    vocabulary = pl.concat([words["_lemma"], words["_raw"]]).unique().to_frame("_spelling")
    vocabulary = vocabulary.with_columns(_normal(pl.col("_spelling")).alias("_normal"))
    normal = {"old": vocabulary["_spelling"], "new": vocabulary["_normal"]}
    words = words.with_columns(pl.col("_lemma").replace(**normal), pl.col("_raw").replace(**normal).alias("_form"))
    if not _in_sentence_order(words):
        words = words.sort(pl.col("doc_id").cast(pl.String), "sent_id", "word_id", maintain_order=True)
    words = (words.with_row_index("_i")
             .with_columns(pl.col("_i").cast(pl.Int64), tok.sentence_starts().cum_sum().alias("_s")))
    # the head's row: when every sentence numbers its words 1, 2, 3… in its rows (a parsed corpus
    # does), the head of word w is w's row moved by head − word_id; otherwise a join on the head
    first = pl.when(tok.sentence_starts()).then(pl.col("_i")).forward_fill()
    last = max(words.height - 1, 0)
    if words.select((pl.col("word_id") - 1 == pl.col("_i") - first).all()).item():
        head_row = pl.when(pl.col("head") > 0).then(pl.col("_i") + pl.col("head") - pl.col("word_id"))
        inside = (head_row >= 0) & (head_row <= last)
        same = pl.col("_s").gather(head_row.clip(0, last)) == pl.col("_s")
        words = words.with_columns(pl.when(inside & same).then(head_row).alias("_hi"))
    else:
        heads = words.select("_s", pl.col("word_id").alias("head"), pl.col("_i").alias("_hi"))
        words = words.join(heads, on=["_s", "head"], how="left", maintain_order="left")
    head = pl.col("_hi").fill_null(0).clip(0, last)
    return words.with_columns(pl.when(pl.col("_hi").is_not_null()).then(pl.col("_lemma").gather(head))
                              .alias("_head_lemma"),
                              pl.when(pl.col("_hi").is_not_null()).then(pl.col("_form").gather(head))
                              .alias("_head_form"))


def _in_sentence_order(words: pl.DataFrame) -> bool:
    """Each sentence in one run of rows, its words in increasing ``word_id`` order.

    Checked without hashing sentences: each document is one run of rows, and within it
    ``sent_id`` never decreases and ``word_id`` rises inside a sentence.
    """
    if words["doc_id"].null_count() or words["sent_id"].null_count() or words["word_id"].null_count():
        return False
    same_doc = (pl.col("doc_id") == pl.col("doc_id").shift()).fill_null(False)
    same_sent = same_doc & (pl.col("sent_id") == pl.col("sent_id").shift())
    check = words.select(
        (~same_doc).sum().alias("runs"), pl.col("doc_id").n_unique().alias("docs"),
        (same_doc & (pl.col("sent_id") < pl.col("sent_id").shift())).any().alias("sent_back"),
        (same_sent & (pl.col("word_id") <= pl.col("word_id").shift())).any().alias("word_back"))
    runs, docs, sent_back, word_back = check.row(0)
    return runs == docs and not sent_back and not word_back


def _keys(words: pl.DataFrame, wanted: pl.Series | None = None) -> pl.DataFrame:
    """``_i, key``: every key a word satisfies (w: lemma or form, f: exact form, u: UPOS, num).

    A noun or adjective also offers its form less a final -s / -x, so that a plural the
    lemmatiser left alone ("leaders") still meets its entry ("leader"). ``wanted``: only
    these keys (those of a lexicon), each kind filtered on its value before the key is built.
    """
    def only(kind: str, value: pl.Expr) -> pl.Expr:
        if wanted is None:
            return pl.lit(True)
        values = wanted.filter(wanted.str.starts_with(kind)).str.strip_prefix(kind)
        return value.is_in(values.implode())

    is_number = ((pl.col("upos") == "NUM") | pl.col("_raw").str.contains(r"^\d")
                 | _in_list("_lemma", load_hedge_context()["number_word"]))
    plural = pl.col("_form").str.slice(0, pl.col("_form").str.len_chars() - 1)
    # the parts are disjoint (a form equal to the lemma, a plural stem equal to the lemma, gives no second key)
    parts = [
        words.filter(only("w:", pl.col("_lemma"))).select("_i", ("w:" + pl.col("_lemma")).alias("key")),
        words.filter(only("w:", pl.col("_form")) & (pl.col("_form") != pl.col("_lemma")))
        .select("_i", ("w:" + pl.col("_form")).alias("key")),
        words.filter(pl.col("upos").is_in(["NOUN", "ADJ"]) & pl.col("_form").str.contains(r"..[sx]$")
                     & only("w:", plural) & (plural != pl.col("_lemma")))
        .select("_i", ("w:" + plural).alias("key")),
        words.filter(only("f:", pl.col("_form"))).select("_i", ("f:" + pl.col("_form")).alias("key")),
        words.filter(only("u:", pl.col("upos"))).select("_i", ("u:" + pl.col("upos")).alias("key")),
    ]
    if wanted is None or (wanted == "num").any():
        parts.append(words.filter(is_number).select("_i", pl.lit("num").alias("key")))
    return pl.concat(parts)


def compile_lexicon(lexicon: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Lexicon → (variants, positions).

    ``variants``: one row per fixed-length variant (``_v, _entry, length, first, last, required,
    wildcards, conditions``); ``positions``: the keys each non-wildcard position accepts
    (``_v, pos, key, upos_filter``).
    """
    variants: dict[str, list] = {c: [] for c in ("_v", "_entry", "length", "first", "last", "required",
                                                 "wildcards", "conditions")}
    positions: dict[str, list] = {c: [] for c in ("_v", "pos", "key", "upos_filter")}
    prefix = {"word": "w:", "form": "f:", "upos": "u:"}
    missing = [c for c in ("pattern", "category") if c not in lexicon.columns]
    if missing:
        raise LexiconError(f"a lexicon table needs the columns pattern and category (missing: {', '.join(missing)})")
    for entry, text in enumerate(lexicon["pattern"].to_list()):
        try:
            pattern = parse_pattern(text)
        except PatternError as err:
            raise LexiconError(f"lexicon entry {entry + 1}, column {err.position + 1} of {text!r}: {err}") from None
        for variant in pattern.variants:
            v = len(variants["_v"])
            marked = [p for p, e in enumerate(variant) if not e.context]
            wild = [p for p, e in enumerate(variant) if e.wildcard]
            for p, element in enumerate(variant):
                if element.wildcard:
                    continue
                for alt in element.alternatives:
                    positions["_v"].append(v)
                    positions["pos"].append(p)
                    positions["key"].append("num" if alt.kind == "num" else prefix[alt.kind] + alt.value)
                    positions["upos_filter"].append(sorted(alt.upos) if alt.upos else None)
            for name, value in (("_v", v), ("_entry", entry), ("length", len(variant)), ("first", marked[0]),
                                ("last", marked[-1]), ("required", len(variant) - len(wild)), ("wildcards", wild),
                                ("conditions", sorted(pattern.conditions))):
                variants[name].append(value)
    return (pl.DataFrame(variants, schema={"_v": pl.Int64, "_entry": pl.Int64, "length": pl.Int64,
                                           "first": pl.Int64, "last": pl.Int64, "required": pl.Int64,
                                           "wildcards": pl.List(pl.Int64), "conditions": pl.List(pl.String)}),
            pl.DataFrame(positions, schema={"_v": pl.Int64, "pos": pl.Int64, "key": pl.String,
                                            "upos_filter": pl.List(pl.String)}))


def _conditions(words: pl.DataFrame) -> pl.DataFrame:
    """``_i`` plus the context conditions a word satisfies (speaker noun, source before, viewpoint "pour")."""
    lists = load_hedge_context()

    def at(column: str, k: int) -> pl.Expr:
        """The value ``k`` words further on (before, if negative) in the same sentence, else null."""
        return pl.when(pl.col("_s").shift(-k) == pl.col("_s")).then(pl.col(column).shift(-k))

    previous_lemma = at("_lemma", -1)
    # a vague noun phrase is a source after "selon", "d'après", after "pour" only when it opens a point of view
    # ("Pour certains analystes, …", not "payé 60 € pour un spécialiste"), after "de l'avis de", "aux dires de";
    # a verb of saying in an incise before it makes it one too ("», constate un analyste")
    after_source = (previous_lemma.is_in(sorted(lists["source_preposition"]))
                    | (previous_lemma.is_in(sorted(lists["viewpoint_preposition"])) & at("_viewpoint", -1))
                    | ((previous_lemma == "de") & at("_lemma", -2).is_in(sorted(lists["source_noun_before_de"]))))
    speech = list(lists["speech_verb"])
    subject_of_speech = (pl.col("deprel").str.starts_with("nsubj") & ~pl.col("deprel").str.ends_with(":pass")
                         & pl.col("_hi").is_in(_saying_words(words, lists).implode()))
    # the same without the tree, for parses that miss the subject: a verb of saying follows within
    # SPEECH_REACH words, with no other verb and no sentence-internal stop in between
    before_speech = pl.lit(False)
    for k in range(1, SPEECH_REACH + 1):
        clear = pl.all_horizontal([(at("upos", j) != "VERB") & ~at("_form", j).is_in(list(STOPS))
                                   for j in range(1, k)]) if k > 1 else pl.lit(True)
        before_speech = before_speech | ((at("upos", k) == "VERB") & at("_lemma", k).is_in(speech)
                                         & clear.fill_null(False))
    inverted_after_speech = (previous_lemma.is_in(list(lists["speech_verb"]))
                             & (at("upos", -2) == "PUNCT"))  # « … », constate un analyste
    clause_start = (at("upos", -1).is_null() | (at("upos", -1) == "CCONJ")
                    | at("_form", -1).is_in(list(CLAUSE_PUNCTUATION)))
    # "pour X, …": a comma within VIEWPOINT_REACH words, no verb or other comma before it, and the head of X (its
    # first noun, proper noun or pronoun, past determiners, adjectives, "plus de") names a person, an institution
    # or a holder of a view ("Pour le procureur fédéral,", "Pour moi,"), not a time, a purpose or a topic ("Pour ce
    # premier rendez-vous,", "Pour la maladie de Paget,"); found with the next comma, verb and noun of each word
    holders = sorted(lists["viewpoint_noun"] | lists["person_noun"] | lists["informant_noun"])
    nominal = pl.col("upos").is_in(["NOUN", "PROPN", "PRON", "X"])
    holder = pl.col("upos").is_in(["PROPN", "PRON", "X"]) | pl.col("_lemma").is_in(holders) | pl.col("_form").is_in(
        holders)

    def after(flag: pl.Expr) -> pl.Expr:
        """Index of the next word (after this one, in the sentence) where ``flag`` holds."""
        return pl.when(flag).then(pl.col("_i")).backward_fill().shift(-1).over("_s")

    words = words.with_columns(after(pl.col("_form") == ",").alias("_comma"),
                               after(pl.col("upos").is_in(_VERBAL)).alias("_verbal"),
                               after(nominal).alias("_noun"), holder.alias("_holder"))
    noun_holder = pl.col("_holder").gather(pl.col("_noun").fill_null(pl.col("_i")) - pl.col("_i").first()).over("_s")
    viewpoint = ((pl.col("_comma") - pl.col("_i") <= VIEWPOINT_REACH) & (pl.col("_comma") - pl.col("_i") >= 2)
                 & (pl.col("_verbal").is_null() | (pl.col("_verbal") > pl.col("_comma")))
                 & (pl.col("_noun") < pl.col("_comma")) & noun_holder)
    words = words.with_columns((_in_list("_lemma", lists["viewpoint_preposition"]) & clause_start & viewpoint)
                               .fill_null(False)
                               .alias("_viewpoint"))
    return words.select(
        "_i",
        ((subject_of_speech | before_speech).fill_null(False)).alias("_speaker_noun"),
        ((after_source | inverted_after_speech).fill_null(False)).alias("_after_source"),
        "_viewpoint",
    )


def _candidates(words: pl.DataFrame, variants: pl.DataFrame, positions: pl.DataFrame) -> pl.DataFrame:
    """Every match of every variant: ``_v, start`` (index of its first word) plus the variant's columns.

    Each variant is anchored on its rarest position in this corpus: the words that satisfy
    the anchor give the candidate starts, and the other positions are checked by a join
    of (word index, key) pairs, so frequent words ("de", any determiner) are never
    expanded against every pattern.
    """
    keys = _keys(words, positions["key"].unique()).join(words.select("_i", "upos"), on="_i")
    frequency = keys.group_by("key").len("n")
    weight = (positions.join(frequency, on="key", how="left").with_columns(pl.col("n").fill_null(0))
              .group_by("_v", "pos").agg(pl.col("n").sum()))
    anchors = weight.sort("n", "pos").group_by("_v").first().select("_v", pl.col("pos").alias("_anchor"))
    allowed = pl.col("upos_filter").is_null() | pl.col("upos_filter").list.contains(pl.col("upos"))
    starts = (positions.join(anchors, on="_v").filter(pl.col("pos") == pl.col("_anchor"))
              .join(keys, on="key").filter(allowed)
              .select("_v", (pl.col("_i") - pl.col("pos")).alias("start")).unique())
    others = positions.join(anchors, on="_v").filter(pl.col("pos") != pl.col("_anchor"))
    checked = (starts.join(others, on="_v")
               .with_columns((pl.col("start") + pl.col("pos")).alias("_i"))
               .join(keys, on=["_i", "key"]).filter(allowed)
               .group_by("_v", "start").agg(pl.col("pos").n_unique().alias("n")))
    found = (starts.join(checked, on=["_v", "start"], how="left").with_columns(pl.col("n").fill_null(0) + 1)
             .join(variants, on="_v")
             .filter(pl.col("n") == pl.col("required")))
    place = words.select("_i", "doc_id", "sent_id", "_s")
    found = (found.with_columns((pl.col("start") + pl.col("length") - 1).alias("_end_i"))
             .join(place.rename({"_i": "start"}), on="start")
             .join(place.select(pl.col("_i").alias("_end_i"), pl.col("_s").alias("_s_end")), on="_end_i")
             .filter(pl.col("_s") == pl.col("_s_end"))
             .with_row_index("_c"))
    wild = (found.select("_c", "start", "wildcards").explode("wildcards").drop_nulls("wildcards")
            .with_columns((pl.col("start") + pl.col("wildcards")).alias("_i"))
            .join(words.select("_i", "upos"), on="_i")
            .filter(pl.col("upos") == "PUNCT"))
    return found.join(wild.select("_c").unique(), on="_c", how="anti")


@dataclass(frozen=True)
class ModalRule:
    """One row of :data:`MODAL_RULES`: conditions on a modal's features (None: any) and the reading.

    ``tenses``: conditional, past_conditional, future, imperfect, present, participle (pouvant),
    other (infinitive, passé composé, subjunctive); ``subjects``: speaker (je, tu, nous, vous, on),
    impersonal (il + s'agir, y avoir…), thing (a noun that names no person, institution or
    document; cela), agent (a person, an institution, a proper noun), pronoun (il, elle…:
    unknown), none; ``complements`` (the infinitive): passive, perfect (avoir/être + participle),
    copula (être + attribute), active; ``condition``: an explicit condition in the sentence.
    """

    name: str
    epistemic: bool
    example: str
    lemma: str | None = None
    tenses: frozenset[str] | None = None
    subjects: frozenset[str] | None = None
    complements: frozenset[str] | None = None
    condition: bool | None = None


def _rule(name: str, epistemic: bool, example: str, lemma: str | None = None, tenses: str | None = None,
          subjects: str | None = None, complements: str | None = None, condition: bool | None = None) -> ModalRule:
    def values(text: str | None) -> frozenset[str] | None:
        return frozenset(text.split()) if text else None

    return ModalRule(name, epistemic, example, lemma, values(tenses), values(subjects), values(complements), condition)


#: Epistemic (possibility, probability) or root (ability, permission, obligation, advice) reading of
#: pouvoir / devoir + infinitive: the first row whose conditions hold decides. The conditional of a third
#: person states a probability (the guide's "le bilan pourrait s'alourdir", "il devrait être élu"; Kronning
#: 1996, Gosselin 2010); other tenses are root unless the subject cannot act (a thing, an impersonal il) or
#: the infinitive is perfect ("il doit avoir oublié"); a past conditional with an agent's action is a
#: counterfactual ("aurait pu s'interroger", guide §1); an explicit condition turns devoir into necessity.
MODAL_RULES: tuple[ModalRule, ...] = (
    _rule("speaker_subject", False, "je pourrais, vous devriez partir, on peut noter", subjects="speaker"),
    _rule("devoir_under_condition", False, "à défaut, il devrait enlever tous les autres Etats", lemma="devoir",
          condition=True),
    _rule("pouvoir_under_condition", False, "si tout se passe comme prévu, les tests pourront démarrer",
          lemma="pouvoir", tenses="future present imperfect", condition=True),
    _rule("devoir_counterfactual", False, "cette demande aurait dû être introduite, ils auraient dû s'inquiéter",
          lemma="devoir", tenses="past_conditional"),
    _rule("counterfactual", False, "ce documentaire aurait pu s'interroger", tenses="past_conditional",
          subjects="speaker agent pronoun thing none", complements="active"),
    _rule("past_conditional", True, "l'incendie aurait pu être causé par…; il aurait pu s'agir de…",
          tenses="past_conditional"),
    _rule("conditional", True, "le bilan pourrait s'alourdir, il devrait être élu", tenses="conditional"),
    _rule("devoir_future", False, "l'hébergeur devra retirer la page", lemma="devoir", tenses="future"),
    _rule("devoir_imperfect", False, "28 personnes devaient participer, il devait y avoir un débat (a plan)",
          lemma="devoir", tenses="imperfect other"),
    _rule("agentless_passive", False, "une attention doit être apportée, ils pourront être échangés, des scripts "
          "pouvant être utilisés", tenses="future present imperfect participle", complements="passive"),
    _rule("impersonal", True, "il peut s'agir de, il peut y avoir", subjects="impersonal"),
    _rule("devoir_perfect", True, "il doit avoir oublié", lemma="devoir", tenses="present", complements="perfect"),
    _rule("pouvoir_thing", True, "le bilan pouvait s'alourdir, une brise pourra rafraîchir l'atmosphère, "
          "des territoires pouvant basculer", lemma="pouvoir", tenses="future imperfect participle", subjects="thing"),
    _rule("root", False, "les daltoniens peuvent distinguer, le gouvernement doit utiliser"),
)


def _at(column: str, k: int) -> pl.Expr:
    """The value ``k`` words further on (before, if negative) in the same sentence, else null."""
    return pl.when(pl.col("_s").shift(-k) == pl.col("_s")).then(pl.col(column).shift(-k))


def _positioned(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (whole sentences of the word table) with its row number ``_r`` and each sentence's first and last
    word (``_first``, ``_last``), which :func:`_next_where`, :func:`_previous_where` and :func:`_value_at` use
    instead of a window per sentence."""
    return frame.with_row_index("_r").with_columns(
        pl.col("_r").cast(pl.Int64),
        pl.when((pl.col("_s") != pl.col("_s").shift()).fill_null(True)).then(pl.col("_i")).forward_fill()
        .alias("_first"),
        pl.when((pl.col("_s") != pl.col("_s").shift(-1)).fill_null(True)).then(pl.col("_i")).backward_fill()
        .alias("_last"))


def _next_where(flag: pl.Expr) -> pl.Expr:
    """Index of the next word (after this one, in its sentence) where ``flag`` holds, else null."""
    found = pl.when(flag).then(pl.col("_i")).backward_fill().shift(-1)
    return pl.when(found <= pl.col("_last")).then(found)


def _previous_where(flag: pl.Expr) -> pl.Expr:
    """Index of the previous word (before this one, in its sentence) where ``flag`` holds, else null."""
    found = pl.when(flag).then(pl.col("_i")).forward_fill().shift(1)
    return pl.when(found >= pl.col("_first")).then(found)


def _value_at(column: str, index: pl.Expr) -> pl.Expr:
    """``column`` at word ``index`` of the same sentence (null where ``index`` is null)."""
    row = (pl.col("_r") + index - pl.col("_i")).fill_null(pl.col("_r"))
    return pl.when(index.is_not_null()).then(pl.col(column).gather(row))


def _in_list(column: str, words: frozenset[str] | set[str]) -> pl.Expr:
    return pl.col(column).is_in(sorted(words))


@cache
def _speech_forms(incise: bool = False) -> frozenset[str]:
    """Inflected forms of the verbs of saying (``speech_verb``; with ``incise``, ``incise_verb`` too): regular ones
    by rule, irregular ones from ``reporting_verb_forms.tsv``
    (:func:`corpusling.markers.attribution.reporting_verb_forms`), so that a verb the lemmatiser got wrong is
    still known by its form ("disent" given *devoir*, "craignent" *craigner*)."""
    from corpusling.markers.attribution import reporting_verb_forms

    lists = load_hedge_context()
    lemmas = sorted(lists["speech_verb"] | (lists["incise_verb"] if incise else frozenset()))
    verbs = pl.DataFrame({"lemma": lemmas, "type": [""] * len(lemmas), "use": ["any"] * len(lemmas)})
    return frozenset(reporting_verb_forms(verbs)["form"].to_list())


def _saying_words(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.Series:
    """``_i`` of the words whose subject holds a view: verbs of saying, thinking and evaluating (by lemma, or by form
    when the lemmatiser erred), adjectives of stance as the head of a copula ("les experts sont sceptiques") or as the
    attribute of a verb ("de nombreux experts restent sceptiques")."""
    said = (((pl.col("upos") == "VERB") & (_in_list("_lemma", lists["speech_verb"])
                                          | _in_list("_form", _speech_forms())))
            | ((pl.col("upos") == "ADJ") & _in_list("_lemma", lists["attitude_adjective"])))
    attribute = (pl.col("deprel") == "xcomp") & _in_list("_lemma", lists["attitude_adjective"])
    return pl.concat([words.filter(said)["_i"], words.filter(attribute)["_hi"].drop_nulls()]).unique()


def _agentive(lists: dict[str, frozenset[str]]) -> frozenset[str]:
    """Nouns that name a person or an institution: an agent (the subject of a root pouvoir / devoir)."""
    return lists["person_noun"] | lists["viewpoint_noun"] | lists["informant_noun"]


def _speaking(lists: dict[str, frozenset[str]]) -> frozenset[str]:
    """Nouns that can be the subject of an attribution: agents and documents ("indique une analyse")."""
    return _agentive(lists) | lists["document_noun"]


def _noun_in(words: frozenset[str]) -> pl.Expr:
    """The word's lemma, form or form less a plural -s/-x is in ``words``, the same less a prefix of ``noun_prefix``
    ("l'ex-Président")."""
    prefixes = "|".join(sorted(load_hedge_context()["noun_prefix"]))
    plain = pl.col("_form").str.replace(rf"^(?:{prefixes})-", "")
    return pl.any_horizontal(form.is_in(sorted(words)) for form in (
        pl.col("_lemma"), pl.col("_form"), pl.col("_form").str.replace(r"(..)[sx]$", "$1"),
        plain, plain.str.replace(r"(..)[sx]$", "$1")))


def _sentences_of(words: pl.DataFrame, indices: pl.Series) -> pl.DataFrame:
    """The words of the sentences that hold the given word indices."""
    return words.join(words.filter(pl.col("_i").is_in(indices.implode())).select("_s").unique(), on="_s",
                      how="semi")


def _right_edge(words: pl.DataFrame, heads: pl.Series) -> pl.DataFrame:
    """``_i, _edge``: the last word of each head's phrase: its contiguous dependents to the right.

    The phrase stops at punctuation and at relative or parenthetical clauses (:data:`PHRASE_BREAKS`);
    dependency chains are followed :data:`PHRASE_DEPTH` levels up, in a few vectorised gathers.
    """
    heads = heads.unique()
    if heads.len() == 0:
        return pl.DataFrame(schema={"_i": pl.Int64, "_edge": pl.Int64})
    w = _sentences_of(words, heads).select("_i", "_s", "_hi", "deprel").with_row_index("_r")
    w = w.join(w.select(pl.col("_i").alias("_hi"), pl.col("_r").alias("_hr")), on="_hi", how="left",
               maintain_order="left")
    chain = ["_a1"]
    w = w.with_columns(pl.when(~pl.col("deprel").is_in(sorted(PHRASE_BREAKS))).then(pl.col("_hr")).alias("_a1"))
    for depth in range(2, PHRASE_DEPTH + 1):
        previous = pl.col(chain[-1])
        w = w.with_columns(pl.when(previous.is_not_null()).then(
            pl.col("_a1").gather(previous.fill_null(0).cast(pl.Int64))).alias(f"_a{depth}"))
        chain.append(f"_a{depth}")
    tops = w.filter(pl.col("_i").is_in(heads.implode())).select(pl.col("_i").alias("_h"), "_s",
                                                                  pl.col("_r").alias("_h_r"))
    after = tops.join(w.select("_s", "_i", *chain), on="_s").filter(pl.col("_i") > pl.col("_h"))
    member = pl.any_horizontal([pl.col(c) == pl.col("_h_r") for c in chain]).fill_null(False)
    out = after.filter(~member).group_by("_h").agg((pl.col("_i").min() - 1).alias("_out"))
    ends = w.group_by("_s").agg(pl.col("_i").max().alias("_last"))
    return (tops.join(out, on="_h", how="left").join(ends, on="_s")
            .select(pl.col("_h").alias("_i"), pl.coalesce("_out", "_last").alias("_edge")))


def _span_rows(frame: pl.DataFrame, words: pl.DataFrame, category: str, entry: pl.Expr) -> pl.DataFrame:
    """Rule matches (``_first_i``, ``_last_i``) as rows of the span table."""
    place = words.select(pl.col("_i").alias("_first_i"), "doc_id", "sent_id", "_s")
    return (frame.select(pl.col("_first_i").cast(pl.Int64), pl.col("_last_i").cast(pl.Int64), entry.alias("entry"))
            .join(place, on="_first_i")
            .select(pl.col("doc_id").cast(pl.String), "sent_id", "_s", "_first_i", "_last_i",
                    pl.lit(category).alias("category"), "entry"))


def _condition_sentences(scope: pl.DataFrame, cues: frozenset[str]) -> pl.Series:
    """The sentences (``_s``) of ``scope`` that hold one of the ``condition_cue`` phrases ("si/SCONJ", "à défaut").

    Each phrase is looked for from the words that match its first word, its other words checked by a join.
    """
    def matches(word: str, upos: str) -> pl.Expr:
        test = (pl.col("_form") == word) | (pl.col("_lemma") == word)  # lemma: "A défaut" (accentless capital)
        return test & (pl.col("upos") == upos.upper()) if upos else test

    found = [pl.Series("_s", [], dtype=scope["_s"].dtype)]
    for cue in sorted(cues):
        parts = [item.partition("/")[::2] for item in cue.split()]
        hits = scope.filter(matches(*parts[0])).select("_i", "_s")
        for k, (word, upos) in enumerate(parts[1:], start=1):
            later = scope.filter(matches(word, upos)).select((pl.col("_i") - k).alias("_i"), "_s")
            hits = hits.join(later, on=["_i", "_s"], how="semi")
        found.append(hits["_s"])
    return pl.concat(found).unique()


def _modal_features(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """One row per pouvoir / devoir with an infinitive: ``_i, _first_i, lemma, tense, subject, complement, condition``.

    Read from the dependency tree: the complement is the modal's first xcomp / cop / infinitive
    dependent to its right (or its head when the parser made the modal an auxiliary); the
    subject its nsubj or expl:subj (a relative "qui" stands for the noun the clause modifies).
    """
    modal = _in_list("_lemma", lists["epistemic_modal"]) & pl.col("upos").is_in(["VERB", "AUX"])
    candidates = words.filter(modal)
    if candidates.height == 0:
        return pl.DataFrame()
    scope = _sentences_of(words, candidates["_i"])
    scope = scope.with_columns(pl.col("_s").is_in(_condition_sentences(scope, lists["condition_cue"]).implode())
                               .alias("_condition"))
    modals = scope.filter(modal)
    kids = scope.filter(pl.col("_hi").is_in(modals["_i"].implode()))
    as_aux = modals.filter(pl.col("deprel").str.starts_with("aux")).select("_i", pl.col("_hi").alias("_c"))
    complement = (kids.filter((pl.col("_i") > pl.col("_hi"))
                              & (pl.col("deprel").is_in(["xcomp", "cop"]) | (pl.col("verbform") == "Inf")))
                  .sort("_i").group_by("_hi").first().select(pl.col("_hi").alias("_i"), pl.col("_i").alias("_c")))
    complement = pl.concat([complement, as_aux.join(complement, on="_i", how="anti")])
    attrs = scope.select(pl.col("_i").alias("_c"), pl.col("upos").alias("_c_upos"),
                         pl.col("_lemma").alias("_c_lemma"), pl.col("deprel").alias("_c_deprel"))
    c_kids = scope.filter(pl.col("_hi").is_in(complement["_c"].implode())).group_by(pl.col("_hi").alias("_c")).agg(
        ((pl.col("deprel") == "aux:pass")).any().alias("_passive"),
        ((pl.col("deprel") == "aux:tense") & (pl.col("verbform") == "Inf")).any().alias("_perfect"),
        pl.col("_form").alias("_c_kid_forms"))
    m_kids = kids.group_by(pl.col("_hi").alias("_i")).agg(
        (pl.col("deprel") == "cop").any().alias("_cop"),
        pl.col("_i").filter(pl.col("deprel").str.starts_with("aux") & (pl.col("mood") == "Cnd")).first()
        .alias("_cnd_aux"),
        pl.col("_form").alias("_m_kid_forms"))
    # the subject: of the modal, or of its complement when the modal is an auxiliary
    owners = pl.concat([modals.select("_i", pl.col("_i").alias("_o")), as_aux.select("_i", pl.col("_c").alias("_o"))])
    is_subject = pl.col("deprel").str.starts_with("nsubj") | (pl.col("deprel") == "expl:subj")
    subjects = (owners.join(scope.filter(is_subject).select(pl.col("_hi").alias("_o"), pl.col("_i").alias("_subj"),
                                                           pl.col("_form").alias("_subj_form")), on="_o")
                .with_columns(_in_list("_subj_form", lists["relative_pronoun"]).alias("_relative"))
                .sort("_relative", "_subj").group_by("_i").first().select("_i", "_subj", "_relative"))
    antecedent = modals.filter(pl.col("deprel").is_in(["acl:relcl", "acl"])).select("_i", pl.col("_hi").alias("_ante"))
    features = (modals.select("_i", "_s", "_form", "_lemma", "mood", "verbform", "_hi", "_condition")
                .join(complement, on="_i", how="inner")
                .join(attrs, on="_c", how="left").join(c_kids, on="_c", how="left")
                .join(m_kids, on="_i", how="left").join(subjects, on="_i", how="left")
                .join(antecedent, on="_i", how="left"))
    # a relative "qui" (or no subject at all in a relative clause) stands for the noun the clause modifies
    chosen = pl.when(pl.col("_subj").is_null() | pl.col("_relative").fill_null(False)).then(
        pl.coalesce("_ante", "_subj")).otherwise("_subj")
    who = scope.select(pl.col("_i").alias("_w"), pl.col("_form").alias("_w_form"), pl.col("upos").alias("_w_upos"),
                       pl.col("_lemma").alias("_w_lemma"))
    # the parser may miss a pronoun subject: the word before the modal (past "ne"), or an inverted clitic after it
    speaker = lists["speaker_pronoun"]
    pronoun = _in_list("_form", speaker) & (pl.col("upos") == "PRON")
    inverted = pl.col("_raw").str.starts_with("-") & pl.col("_raw").str.strip_prefix("-").str.to_lowercase().is_in(
        sorted(speaker))
    near = scope.with_columns(pronoun.alias("_sp"), inverted.alias("_sp_inv")).select(
        "_i", (_at("_sp", -1) | (_at("_form", -1).is_in(sorted(lists["negation"])) & _at("_sp", -2))
               | _at("_sp_inv", 1))
        .fill_null(False).alias("_speaker_near"))
    features = (features.join(near, on="_i", how="left").with_columns(chosen.alias("_w")).join(who, on="_w", how="left")
                .with_columns(pl.col(c).fill_null(False) for c in ("_passive", "_perfect", "_cop")))
    agentive = _agentive(lists)
    noun_agent = (_in_list("_w_lemma", agentive) | _in_list("_w_form", agentive)
                  | pl.col("_w_form").str.replace(r"(..)[sx]$", "$1").is_in(sorted(agentive)))
    # "s'agir", "falloir"; "y avoir": the verb with its clitic among the complement's or the modal's dependents
    verbs = [entry.split() for entry in sorted(lists["impersonal_verb"])]
    with_clitic = [(pl.col("_c_lemma") == verb) & (pl.col("_c_kid_forms").list.contains(clitic).fill_null(False)
                                                   | pl.col("_m_kid_forms").list.contains(clitic).fill_null(False))
                   for clitic, verb in (v for v in verbs if len(v) == 2)]
    impersonal = (_in_list("_w_form", lists["impersonal_pronoun"])
                  & (pl.col("_c_lemma").is_in([v[0] for v in verbs if len(v) == 1]) | pl.any_horizontal(with_clitic)))
    subject = (pl.when(_in_list("_w_form", lists["speaker_pronoun"]) | pl.col("_speaker_near").fill_null(False))
               .then(pl.lit("speaker"))
               .when(pl.col("_w").is_null()).then(pl.lit("none"))
               .when(impersonal).then(pl.lit("impersonal"))
               .when(_in_list("_w_form", lists["thing_pronoun"])).then(pl.lit("thing"))
               .when(pl.col("_w_upos") == "PROPN").then(pl.lit("agent"))
               .when(pl.col("_w_upos") == "NOUN").then(pl.when(noun_agent).then(pl.lit("agent"))
                                                      .otherwise(pl.lit("thing")))
               .otherwise(pl.lit("pronoun")))
    tense = (pl.when(_in_list("_form", lists["modal_conditional"]) | (pl.col("mood") == "Cnd"))
             .then(pl.lit("conditional"))
             .when((pl.col("verbform") == "Part") & pl.col("_cnd_aux").is_not_null()).then(pl.lit("past_conditional"))
             .when(_in_list("_form", lists["modal_future"])).then(pl.lit("future"))
             .when(_in_list("_form", lists["modal_imperfect"])).then(pl.lit("imperfect"))
             .when(_in_list("_form", lists["modal_present"])).then(pl.lit("present"))
             .when((pl.col("verbform") == "Part") & pl.col("_form").str.ends_with("ant")).then(pl.lit("participle"))
             .otherwise(pl.lit("other")))
    complement_kind = (pl.when(pl.col("_passive") | (pl.col("_c_deprel") == "aux:pass")).then(pl.lit("passive"))
                       .when(pl.col("_perfect")).then(pl.lit("perfect"))
                       .when(pl.col("_cop") | (pl.col("_c_deprel") == "cop")
                             | pl.col("_c_upos").is_in(["ADJ", "NOUN", "PRON", "PROPN", "NUM", "ADV"]))
                       .then(pl.lit("copula"))
                       .otherwise(pl.lit("active")))
    return features.sort("_i").select(
        "_i", pl.coalesce(pl.when(pl.col("verbform") == "Part").then("_cnd_aux"), "_i").alias("_first_i"),
        pl.col("_lemma").alias("lemma"), tense.alias("tense"), subject.alias("subject"),
        complement_kind.alias("complement"), pl.col("_condition").alias("condition"))


def modal_readings(tokens: pl.DataFrame) -> pl.DataFrame:
    """Each pouvoir / devoir + infinitive of a token table with its features, the :data:`MODAL_RULES` row that
    decides and its reading, for auditing: ``doc_id, sent_id, start_char, end_char, form, lemma, tense, subject,
    complement, condition, rule, epistemic``."""
    words = _words(tokens)
    readings = _modal_readings(words, load_hedge_context())
    if readings.height == 0:
        return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "start_char": pl.Int64,
                                    "end_char": pl.Int64, "form": pl.String, "lemma": pl.String, "tense": pl.String,
                                    "subject": pl.String, "complement": pl.String, "condition": pl.Boolean,
                                    "rule": pl.String, "epistemic": pl.Boolean})
    place = words.select("_i", pl.col("doc_id").cast(pl.String), pl.col("sent_id").cast(pl.Int32), "start_char",
                         "end_char", pl.col("_raw").alias("form"))
    return readings.join(place, on="_i").sort("_i").select(
        "doc_id", "sent_id", "start_char", "end_char", "form", "lemma", "tense", "subject", "complement",
        "condition", "rule", "epistemic")


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
                                ("complement", rule.complements)):
            if allowed is not None:
                test = test & pl.col(column).is_in(sorted(allowed))
        if rule.condition is not None:
            test = test & (pl.col("condition") == rule.condition)
        name.append(pl.when(test).then(pl.lit(rule.name)))
        reading.append(pl.when(test).then(pl.lit(rule.epistemic)))
    return features.with_columns(pl.coalesce(name).alias("rule"), pl.coalesce(reading).alias("epistemic"))


def _modal_spans(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """Epistemic pouvoir / devoir as ``epistemic_verb`` spans (the auxiliary too in "aurait pu")."""
    readings = _modal_readings(words, lists)
    if readings.height == 0:
        return _no_spans()
    chosen = readings.filter(pl.col("epistemic")).select("_first_i", pl.col("_i").alias("_last_i"), "rule")
    return _span_rows(chosen, words, "epistemic_verb", pl.lit("rule: epistemic modal (") + pl.col("rule") + ")")


def _inverted_verb(lists: dict[str, frozenset[str]]) -> tuple[pl.Expr, pl.Expr]:
    """(a one-token verb + inverted clitic of saying: "dit-il", "précise-t-elle"; an auxiliary one: "a-t-il")."""
    # the verb, then "-" (or "-t-") and a subject clitic of hedge_context.tsv, in one token
    clitics = "|".join(sorted(lists["subject_clitic"]))
    stem = pl.col("_form").str.extract(rf"^(.+?)-(?:t-)?(?:{clitics})$", 1)
    regular = {lemma[:-2] + ending for lemma in lists["speech_verb"] | lists["incise_verb"] if lemma.endswith("er")
               for ending in sorted(lists["er_ending"])}
    return (stem.is_in(sorted(regular | lists["speech_verb_form"])).fill_null(False),
            stem.is_in(sorted(lists["auxiliary_form"])).fill_null(False))


def _incises(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """Attribution incises: ``_first_i, _last_i`` of the incise, ``_subj`` the head of its inverted subject.

    A verb of saying right after a comma, parenthesis or dash (past its auxiliary, an inverted
    clitic and adverbs: ", a-t-il précisé", ", a également indiqué", the tokeniser's "a-t" "-il"), or
    after "comme" and the neuter clitic ("comme le précise l'ambassadeur": an attribution clause),
    whose subject follows it: a clitic ("dit-il", "a-t-il dit") or, within :data:`INCISE_REACH` words
    and past adverbs and an addressee ("à l'AFP") only, a proper noun, a pronoun or a noun of a
    person, an institution or a document ("a indiqué la direction", "indique une analyse de l'ADN").
    The subject test keeps out a coordinated verb with its object (", a annoncé la fermeture de
    l'usine"). A verb of saying is known by its lemma or, when the lemmatiser erred, by its form
    ("disent-ils" lemmatised *devoir*); any other verb with an inverted clitic between punctuation is
    an incise too (", appuie-t-il,"), unless it is one of ``not_incise_verb`` (", semble-t-il,").
    ``_clause``: the incise is such an attribution clause.
    """
    speech_form, aux_form = _inverted_verb(lists)
    # finite, or a past participle after its auxiliary (", a indiqué"): not a participle alone (", confié aux
    # juges", ", demandant aux clients de…"); the tagger may call "dit" a participle
    participle = (pl.col("verbform") == "Part") | pl.col("_form").str.ends_with("ant")
    split_aux = _in_list("_form", frozenset(f"{form}-t" for form in lists["auxiliary_form"]))  # "a-t" "-il"
    with_aux = pl.any_horizontal([(_at("upos", -k) == "AUX") | _at("_form", -k).is_in(sorted(
        f"{form}-t" for form in lists["auxiliary_form"])) for k in range(1, INCISE_BACK)]).fill_null(False)
    subject_clitic = sorted(lists["subject_clitic"])
    # the inverted clitic in the next token, or after a euphonic "-t" token ("appuie" "-t" "-il")
    euphonic = _at("_raw", 1).is_in(["-t", "-t-"])
    clitic_after = ((_at("upos", 1).eq("PRON") & _at("_raw", 1).str.starts_with("-")
                     & _at("_form", 1).is_in(subject_clitic))
                    | (euphonic & _at("_form", 2).is_in(subject_clitic)))
    clitic_end = pl.when(euphonic).then(pl.col("_i") + 2).otherwise(pl.col("_i") + 1)
    inverted_any = (clitic_after & (pl.when(euphonic).then(_at("upos", 3)).otherwise(_at("upos", 2)) == "PUNCT")
                    & ~_in_list("_lemma", lists["not_incise_verb"]))
    said = (_in_list("_lemma", lists["speech_verb"] | lists["incise_verb"])
            | _in_list("_form", _speech_forms(incise=True)))
    speech = ((said & (pl.col("upos") == "VERB")
               & (~participle.fill_null(False) | (with_aux & ~pl.col("_form").str.ends_with("ant"))
                  | _in_list("_form", lists["speech_verb_form"])))
              | speech_form | ((pl.col("upos") == "VERB") & inverted_any).fill_null(False))
    clitic = (pl.col("upos") == "PRON") & (pl.col("_raw").str.starts_with("-") | pl.col("_raw").str.starts_with("t-"))
    # an auxiliary with its euphonic t split off by the tokeniser ("a-t" "-il")
    aux_form = aux_form | split_aux
    neuter = (pl.col("upos") == "PRON") & _in_list("_form", lists["neuter_clitic"])
    skippable = ((pl.col("upos") == "AUX") | clitic
                 | (pl.col("upos") == "ADV") | aux_form | neuter)
    candidates = words.filter(speech)
    if candidates.height == 0:
        return pl.DataFrame(schema={"_first_i": pl.Int64, "_last_i": pl.Int64, "_subj": pl.Int64,
                                    "_clause": pl.Boolean})
    scope = _positioned(_sentences_of(words, candidates["_i"])).with_columns(
        skippable.alias("_skip"), clitic.alias("_clitic"), aux_form.alias("_aux_form"))
    nominal_ok = ((pl.col("upos") == "PROPN")
                  | ((pl.col("upos") == "PRON") & ~_in_list("_form", lists["relative_pronoun"])
                     & (~pl.col("_raw").str.starts_with("-") | _in_list("_form", lists["subject_clitic"])))
                  | ((pl.col("upos") == "NOUN") & _noun_in(_speaking(lists))))
    nominal = pl.col("upos").is_in(["NOUN", "PROPN", "PRON"])
    # a nominal with a preposition ("à l'AFP", "au gouvernement") is an addressee or a complement, not the subject
    in_phrase = scope.filter(pl.col("deprel") == "case").select(pl.col("_hi").alias("_i")).unique().with_columns(
        pl.lit(True).alias("_in_pp"))
    scope = (scope.join(in_phrase, on="_i", how="left", maintain_order="left")
             .with_columns(pl.col("_in_pp").fill_null(False))
             .with_columns(nominal_ok.alias("_nominal_ok"), (nominal & ~pl.col("_in_pp")).alias("_nominal"),
                           (pl.col("upos").is_in(sorted(INCISE_BETWEEN)) | (nominal & pl.col("_in_pp")))
                           .alias("_between")))
    # back from the verb past auxiliaries, clitics and adverbs to the opening punctuation (INCISE_BACK words
    # at most); forward past adverbs and an addressee to the subject's head (INCISE_REACH words at most)
    stop = _previous_where(~pl.col("_skip"))
    carried = (pl.col("_clitic") | pl.col("_aux_form")).cast(pl.Int32).cum_sum()
    scope = scope.with_columns(stop.alias("_stop"), carried.alias("_carried"),
                               _next_where(~pl.col("_between")).alias("_next"))
    near = pl.col("_i") - pl.col("_stop") <= INCISE_BACK
    by_clause = _value_at("_form", pl.col("_stop")).is_in(sorted(lists["incise_conjunction"])) & near
    opened = (_value_at("_form", pl.col("_stop")).is_in(sorted(INCISE_OPENERS)) & near) | by_clause
    reached = _value_at("_nominal", pl.col("_next")) & (pl.col("_next") - pl.col("_i") <= INCISE_REACH)
    found = scope.with_columns(
        pl.when(by_clause).then(pl.col("_stop")).when(opened).then(pl.col("_stop") + 1).alias("_first_i"),
        by_clause.fill_null(False).alias("_clause"), clitic_end.alias("_clitic_end"),
        (pl.col("_carried") - (pl.col("_clitic") | pl.col("_aux_form")).cast(pl.Int32)
         > _value_at("_carried", pl.col("_stop"))).fill_null(False).alias("_clitic_before"),
        clitic_after.fill_null(False).alias("_clitic_after"), speech_form.alias("_one_token"),
        pl.when(reached).then(pl.col("_next")).alias("_subj"),
        pl.when(reached).then(_value_at("_nominal_ok", pl.col("_next"))).fill_null(False).alias("_subj_ok"),
        speech.alias("_speech")).filter(pl.col("_speech"))
    by_clitic = pl.col("_clitic_before") | pl.col("_clitic_after") | pl.col("_one_token")
    found = found.filter(pl.col("_first_i").is_not_null() & (by_clitic | pl.col("_subj_ok")))
    found = found.with_columns(pl.when(by_clitic).then(None).otherwise(pl.col("_subj")).alias("_subj"))
    edges = _right_edge(words, found["_subj"].drop_nulls())
    # the incise ends with its subject: only a complement of the verb ("à l'AFP") or a relative clause may follow
    # before the next punctuation, no conjunction or other finite verb (", écrit un journal et fait part de…" is a
    # verb and its object)
    finite_verb = ((pl.col("verbform") == "Fin") & ~pl.col("deprel").is_in(["acl:relcl", "cop"])
                   & ~pl.col("deprel").str.starts_with("aux"))
    scope = scope.with_columns((pl.col("upos").is_in(["CCONJ", "SCONJ"]) | finite_verb.fill_null(False))
                               .cast(pl.Int32).cum_sum().alias("_blocking"))
    ahead = scope.select(pl.col("_i").alias("_edge"), pl.col("_blocking").alias("_b_edge"),
                         pl.coalesce(_value_at("_blocking", _next_where(pl.col("upos") == "PUNCT")),
                                     _value_at("_blocking", pl.col("_last"))).alias("_b_punct"))
    ends = (edges.rename({"_i": "_subj"}).join(ahead, on="_edge", how="left")
            .with_columns((pl.col("_b_punct") == pl.col("_b_edge")).alias("_closed")))
    found = found.join(ends.select("_subj", "_edge", "_closed"), on="_subj", how="left").filter(
        pl.col("_subj").is_null() | pl.col("_closed").fill_null(False))
    return (found
            .select("_first_i",
                    pl.coalesce("_edge", pl.when(pl.col("_clitic_after")).then(pl.col("_clitic_end")), "_i")
                    .alias("_last_i"),
                    pl.col("_subj").cast(pl.Int64), "_clause"))


def _vague_phrases(words: pl.DataFrame, nouns: pl.Series, lists: dict[str, frozenset[str]],
                   any_noun: pl.Series | None = None) -> pl.DataFrame:
    """``_i, _first_i, _last_i, _informant`` for the nouns that head a vague noun phrase.

    Vague: a determiner or adjective of ``vague_determiner`` ("des", "certains", "plusieurs", "de
    nombreux") among the noun's dependents before it, or a definite plural of an ``informant_noun``
    ("les experts"). Numeral nouns ("des milliers de…") are approximators, and documents ("une
    étude", "une analyse") sources that do not speak: neither is an unnamed speaker.
    """
    nouns = nouns.unique()
    heads = words.filter(pl.col("_i").is_in(nouns.implode()) & (pl.col("upos") == "NOUN")
                         & ~_in_list("_lemma", lists["number_word"]) & ~_noun_in(lists["document_noun"]))
    if heads.height == 0:
        return pl.DataFrame(schema={"_i": pl.Int64, "_first_i": pl.Int64, "_last_i": pl.Int64,
                                    "_informant": pl.Boolean})
    informant = lists["informant_noun"]
    heads = heads.with_columns(_noun_in(informant).alias("_informant"),
                               ((pl.col("number") == "Plur") | pl.col("_raw").str.contains(r"[sx]$"))
                               .alias("_plural"))
    before = words.filter(pl.col("_hi").is_in(heads["_i"].implode()) & (pl.col("_i") < pl.col("_hi"))
                          & pl.col("deprel").is_in(["det", "amod", "nummod"]))
    vague = before.filter(_in_list("_lemma", lists["vague_determiner"])).group_by(
        pl.col("_hi").alias("_i")).agg(pl.col("_i").min().alias("_det"))
    definite = before.filter((pl.col("deprel") == "det") & _in_list("_lemma", lists["definite_determiner"])).group_by(
        pl.col("_hi").alias("_i")).agg(pl.col("_i").min().alias("_def"))
    first = before.group_by(pl.col("_hi").alias("_i")).agg(pl.col("_i").min().alias("_left"))
    heads = (heads.join(vague, on="_i", how="left").join(definite, on="_i", how="left")
             .join(first, on="_i", how="left")
             .filter(pl.col("_det").is_not_null()
                     | (pl.col("_def").is_not_null() & pl.col("_plural") & pl.col("_informant"))))
    edges = _right_edge(words, heads["_i"])
    return heads.join(edges, on="_i").select("_i", pl.col("_left").alias("_first_i"),
                                             pl.col("_edge").alias("_last_i"), "_informant")


def _speaking_subjects(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """Unnamed sources: vague noun phrases that are the (preverbal) subject of a verb of saying.

    An informant noun qualifies with any verb of saying ("les experts expliquent ce facteur par…");
    another noun only when the verb reports a clause (a que-clause, an infinitive, a colon or a
    quotation after it: "certains wikipédiens estiment que…", "des scientifiques affirment avoir…"),
    and in the singular only a noun of a person or an institution ("un ancien guide a indiqué :", not
    "une comparaison des études a révélé que…").
    """
    saying = _saying_words(words, lists).implode()
    subjects = words.filter(pl.col("deprel").is_in(["nsubj"]) & (pl.col("upos") == "NOUN")
                            & pl.col("_hi").is_in(saying) & (pl.col("_i") < pl.col("_hi")))
    if subjects.height == 0:
        return _no_spans()
    phrases = _vague_phrases(words, subjects["_i"], lists)
    verbs = subjects.join(phrases, on="_i").select("_i", "_first_i", "_last_i", "_informant", "_hi")
    scope = _sentences_of(words, verbs["_hi"])
    clausal_kid = (scope.filter(pl.col("_hi").is_in(verbs["_hi"].implode()) & (pl.col("_i") > pl.col("_hi"))
                                & pl.col("deprel").is_in(["ccomp", "xcomp", "parataxis"]))
                   .select(pl.col("_hi")).unique().with_columns(pl.lit(True).alias("_clausal")))
    then = scope.with_columns(pl.any_horizontal([(_at("_form", k) == ":") | (_at("upos", k) == "SCONJ")
                                                 | _at("_form", k).is_in(sorted(OPENING_MARKS))
                                                 for k in (1, 2)]).fill_null(False).alias("_then"))
    people = sorted(lists["person_noun"] | lists["viewpoint_noun"])
    kind = words.select("_i", ((pl.col("number") == "Plur") | pl.col("_raw").str.contains(r"[sx]$")).alias("_plural"),
                        (_in_list("_lemma", frozenset(people)) | _in_list("_form", frozenset(people))).alias("_person"))
    reports = pl.col("_clausal").fill_null(False) | pl.col("_then").fill_null(False)
    verbs = (verbs.join(clausal_kid, on="_hi", how="left")
             .join(then.select(pl.col("_i").alias("_hi"), "_then"), on="_hi", how="left").join(kind, on="_i")
             .filter(pl.col("_informant") | (reports & (pl.col("_plural") | pl.col("_person")))))
    return _span_rows(verbs, words, "unnamed_source", pl.lit("rule: unnamed subject of a verb of saying"))


def _no_spans() -> pl.DataFrame:
    return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "_s": pl.UInt32, "_first_i": pl.Int64,
                                "_last_i": pl.Int64, "category": pl.String, "entry": pl.String})


def hedges(tokens: pl.DataFrame, documents: pl.DataFrame, lexicon: pl.DataFrame | None = None,
           quotes: pl.DataFrame | None = None, rules: bool = True) -> pl.DataFrame:
    """Hedges, source markers, unnamed sources and boosters in a parsed corpus.

    One row per occurrence: ``doc_id, sent_id, start_char, end_char, match, category,
    entry, in_quote``. ``match`` is the document text at the offsets: the marker's words, a
    source marker with its object ("selon l'AFP", "a indiqué la direction"), an approximator
    with its numeral where the lexicon includes it ("une dizaine"). ``entry`` is the lexicon
    pattern that matched, or ``rule: …`` for the syntactic rules (epistemic modals, incises,
    unnamed subjects of verbs of saying), which ``rules=False`` turns off. ``lexicon``
    defaults to the bundled one (:func:`corpusling.lexicons.load_lexicon`). ``in_quote`` is
    null unless ``quotes`` (a quotation table) is given, then whether the match lies inside
    a direct or mixed quotation (:func:`corpusling.markers.voice.add_in_quote`).
    """
    lexicon = load_lexicon() if lexicon is None else lexicon
    if tokens.height == 0 or lexicon.height == 0:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    words = _words(tokens)
    lists = load_hedge_context()
    spans = _extend_numerals(_extend_sources(_lexicon_spans(words, lexicon), words), words)
    if rules:
        incises = _incises(words, lists)
        spans = pl.concat([
            spans, _modal_spans(words, lists),
            _span_rows(incises, words, "source_marker",
                       pl.when(pl.col("_clause")).then(pl.lit("rule: attribution clause"))
                       .otherwise(pl.lit("rule: attribution incise"))),
            _span_rows(_vague_phrases(words, incises["_subj"].drop_nulls(), lists), words, "unnamed_source",
                       pl.lit("rule: unnamed subject of an incise")),
            _speaking_subjects(words, lists)], how="diagonal_relaxed")
    spans = _drop_named(_drop_negated(_drop_quotation_attributions(spans, words), words, lists), words)
    located = (spans.join(words.select(pl.col("_i").alias("_first_i"), "start_char"), on="_first_i")
               .join(words.select(pl.col("_i").alias("_last_i"), "end_char"), on="_last_i"))
    kept = _resolve(located)
    texts = documents.select(pl.col("doc_id").cast(pl.String), "text")
    rows = (kept.join(texts, on="doc_id", how="left")
            .with_columns(pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
                          .alias("match"))
            .sort("doc_id", "start_char")
            .select("doc_id", pl.col("sent_id").cast(pl.Int32), "start_char", "end_char", "match", "category",
                    "entry"))
    rows = _document_order(rows, tokens)
    if quotes is None:
        return rows.with_columns(pl.lit(None, dtype=pl.Boolean).alias("in_quote"))
    from corpusling.markers.voice import add_in_quote

    return add_in_quote(rows, quotes).with_columns(pl.col("in_quote").cast(pl.Boolean))


def _lexicon_spans(words: pl.DataFrame, lexicon: pl.DataFrame) -> pl.DataFrame:
    """The lexicon's matches after its own overlaps are settled (longest; exclude entries win, then go).

    Rows ``doc_id, sent_id, _s, _first_i, _last_i, category, entry, _rank`` (``_rank``: the
    entry's line in the lexicon, for ties).
    """
    variants, positions = compile_lexicon(lexicon)
    found = _candidates(words, variants, positions)
    # conditions look at most VIEWPOINT_REACH words away in the sentence: only the sentences of
    # candidates whose entry has a condition
    conditional = found.filter(pl.col("conditions").list.len() > 0)
    conditions = _conditions(words.join(words.filter(pl.col("_i").is_in(conditional["start"].implode()))
                                        .select("_s").unique(), on="_s", how="semi"))
    found = (found.with_columns((pl.col("start") + pl.col("first")).alias("_first_i"),
                                (pl.col("start") + pl.col("last")).alias("_last_i"))
             .join(conditions.select("_i", "_after_source", "_viewpoint").rename({"_i": "_first_i"}), on="_first_i",
                   how="left")
             .join(conditions.select("_i", "_speaker_noun").rename({"_i": "_last_i"}), on="_last_i", how="left")
             .with_columns(pl.col("_after_source", "_viewpoint", "_speaker_noun").fill_null(False))
             .filter(~pl.col("conditions").list.contains("speaker") | pl.col("_speaker_noun")
                     | pl.col("_after_source"))
             .filter(~pl.col("conditions").list.contains("viewpoint") | pl.col("_viewpoint")))
    entries = lexicon.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("_entry"), "pattern", "category")
    spans = (found
             .join(words.select(pl.col("_i").alias("_first_i"), "start_char"), on="_first_i")
             .join(words.select(pl.col("_i").alias("_last_i"), "end_char"), on="_last_i")
             .join(entries, on="_entry")
             .select(pl.col("doc_id").cast(pl.String), "sent_id", "_s", "_first_i", "_last_i", "start_char",
                     "end_char", "category", "_entry", pl.col("pattern").alias("entry"))
             .unique(["doc_id", "start_char", "end_char", "_entry"])
             .with_columns((pl.col("end_char") - pl.col("start_char")).alias("_len"),
                           (pl.col("category") == "exclude").alias("_exclude"))
             .with_row_index("_k"))
    return (_longest(spans).filter(~pl.col("_exclude"))
            .select("doc_id", "sent_id", "_s", "_first_i", "_last_i", "category", "entry",
                    pl.col("_entry").alias("_rank")))


def _extend_sources(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """A source marker's span runs on over its object noun phrase ("selon" → "selon le bilan le plus récent").

    The object's head is the first noun, proper noun, pronoun or numeral within
    :data:`OBJECT_REACH` words after the marker, past determiners, adjectives and adverbs only;
    its phrase ends where :func:`_right_edge` says.
    """
    sources = spans.filter(pl.col("category") == "source_marker")
    if sources.height == 0:
        return spans
    scope = _sentences_of(words, sources["_last_i"])
    head = []
    for k in range(1, OBJECT_REACH + 1):
        between = (pl.all_horizontal([_at("upos", j).is_in(["DET", "ADJ", "ADV"]) for j in range(1, k)])
                   if k > 1 else pl.lit(True))
        head.append(pl.when(between & _at("upos", k).is_in(["NOUN", "PROPN", "PRON", "NUM"])).then(pl.col("_i") + k))
    objects = scope.select(pl.col("_i").alias("_last_i"), pl.coalesce(head).alias("_object")).join(
        sources.select("_last_i").unique(), on="_last_i", how="semi").drop_nulls("_object")
    edges = _right_edge(words, objects["_object"]).rename({"_i": "_object"})
    ends = objects.join(edges, on="_object").select("_last_i", "_edge")
    return (spans.join(ends, on="_last_i", how="left")
            .with_columns(pl.when(pl.col("category") == "source_marker").then(pl.coalesce("_edge", "_last_i"))
                          .otherwise("_last_i").alias("_last_i"))
            .drop("_edge"))


def _extend_numerals(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """An approximator's span runs on over the numeral right after it ("environ" → "environ 5 000", guide §3)."""
    rounders = spans.filter(pl.col("category") == "approximator")
    if rounders.height == 0:
        return spans
    numeral = (pl.col("upos") == "NUM") | pl.col("_raw").str.contains(r"^\d")
    scope = _sentences_of(words, rounders["_last_i"]).with_columns(numeral.alias("_num"))
    reach = pl.lit(0)
    for k in range(1, NUMERAL_REACH + 1):
        run = pl.all_horizontal([_at("_num", j) for j in range(1, k + 1)]).fill_null(False)
        reach = pl.when(run).then(k).otherwise(reach)
    ends = scope.select(pl.col("_i").alias("_last_i"), (pl.col("_i") + reach).alias("_numeral_end"))
    return (spans.join(ends, on="_last_i", how="left")
            .with_columns(pl.when(pl.col("category") == "approximator").then(pl.coalesce("_numeral_end", "_last_i"))
                          .otherwise("_last_i").alias("_last_i"))
            .drop("_numeral_end"))


def _quotation_marks(scope: pl.DataFrame) -> pl.DataFrame:
    """Per word of the given sentences: opening / closing quotation mark, and what the sentence starts with."""
    # a straight mark glued to the word after it opens, to the word before it closes; else by turns
    straight = pl.col("_form").is_in(sorted(STRAIGHT_MARKS))
    glued_right = (pl.col("end_char") == _at("start_char", 1)).fill_null(False)
    glued_left = (pl.col("start_char") == _at("end_char", -1)).fill_null(False)
    turn = straight.cast(pl.Int32).cum_sum().over("_s")
    straight_open = (pl.when(glued_right & ~glued_left).then(True).when(glued_left & ~glued_right).then(False)
                     .otherwise(turn % 2 == 1))
    opening = pl.col("_form").is_in(sorted(OPENING_MARKS)) | (straight & straight_open)
    closing = pl.col("_form").is_in(sorted(CLOSING_MARKS)) | (straight & ~straight_open)
    marks = scope.with_columns(opening.alias("_open"), closing.alias("_close"))
    lead = pl.col("_form").is_in(sorted(DASHES))
    first_word = pl.col("_i").filter(~lead).min().over("_s")
    first_mark = pl.col("_i").filter(pl.col("_open") | pl.col("_close")).min().over("_s")
    return marks.with_columns(
        # the sentence is (or ends) a quotation: it opens with a quotation mark, or its first mark closes a
        # quotation that began in an earlier sentence
        ((pl.col("_open") & (pl.col("_i") == first_word)).any().over("_s")
         | (pl.col("_close") & (pl.col("_i") == first_mark)).any().over("_s")).alias("_quoted_start"),
        # the last mark at or before this word closes, with only punctuation after it ("« … », a déclaré X")
        (pl.when(pl.col("_open") | pl.col("_close")).then(pl.col("_close")).forward_fill().over("_s").fill_null(False)
         & (pl.when(pl.col("_open") | pl.col("_close")).then(pl.col("_i")).forward_fill().over("_s")
            >= pl.when(pl.col("upos") != "PUNCT").then(pl.col("_i")).forward_fill().over("_s").fill_null(-1)))
        .alias("_after_close"),
        # inside a quotation: more marks opened than closed before it, or before a first mark that closes
        ((pl.col("_open").cast(pl.Int32).cum_sum() - pl.col("_close").cast(pl.Int32).cum_sum()).over("_s") > 0)
        .alias("_opened"),
        (pl.col("_i") < pl.col("_i").filter(pl.col("_close")).min().over("_s")).fill_null(False).alias("_before_close"),
        # the last quotation opened so far was opened after a colon ("… : « … », déclare X")
        pl.when(pl.col("_open")).then(_at("_form", -1) == ":").forward_fill().over("_s").fill_null(False)
        .alias("_opened_after_colon"),
        pl.when(pl.col("_open")).then(pl.col("_i")).backward_fill().over("_s").alias("_next_open"),
        pl.when(pl.col("_close")).then(pl.col("_i")).backward_fill().over("_s").alias("_next_close"),
        (pl.col("verbform") == "Fin").fill_null(False).cast(pl.Int32).cum_sum().over("_s").alias("_finite"),
        pl.col("_i").filter(pl.col("upos") != "PUNCT").max().over("_s").alias("_last_word"))


def _drop_quotation_attributions(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Source markers that attribute a quotation in quotation marks are its attribution, not hedges (guide §3).

    After the quotation: the marker comes right after a closing mark (punctuation between) in a
    sentence that opens with the quotation ("« … », a déclaré X", "« … », selon X"), or of a quotation
    opened after a colon ("la population se sent lâchée : « … », déclare X"); unquoted words
    between them ("« … », y compris le montant…, commente X") are the writer's and keep the marker.
    Before it: a colon or comma then an opening mark follow the marker's phrase, with no finite verb
    in between, and the quotation ends the clause (the sentence, or punctuation after its closing
    mark: "Selon Météo France, « L'épisode … »"). Inside it: an incise between the marks ("« Nous
    sommes, a-t-il dit, inquiets »"). A quotation woven into the writer's
    sentence ("Pour le collectif, il s'agit d'« un pas vers le franquisme »") leaves the marker.
    """
    sources = spans.filter(pl.col("category") == "source_marker")
    if sources.height == 0:
        return spans
    marks = _quotation_marks(_sentences_of(words, sources["_first_i"]))
    first_close_opens = (pl.col("_i").filter(pl.col("_close")).min().over("_s")
                         < pl.col("_i").filter(pl.col("_open")).min().over("_s").fill_null(1 << 40))
    before = marks.select(pl.col("_i").alias("_first_i"), pl.col("_quoted_start"),
                          pl.col("_opened_after_colon").shift(1).over("_s").fill_null(False).alias("_after_colon"),
                          pl.col("_after_close").shift(1).over("_s").fill_null(False).alias("_after_close"),
                          (pl.col("_opened") | (pl.col("_before_close") & first_close_opens)).fill_null(False)
                          .alias("_inside"))
    at_end = marks.select(pl.col("_i").alias("_last_i"), "_finite", "_last_word",
                          pl.col("_next_open").shift(-1).over("_s").alias("_q"))
    at_open = marks.select(pl.col("_i").alias("_q"), pl.col("_finite").alias("_finite_q"),
                           pl.col("_next_close").alias("_q_close"),
                           pl.col("_form").shift(1).over("_s").alias("_q_prev"))
    at_close = marks.select(pl.col("_i").alias("_q_close"),
                            pl.col("_raw").shift(-1).over("_s").str.contains(r"^[.,;:!?]").alias("_q_ends"))
    flagged = (sources.join(before, on="_first_i", how="left").join(at_end, on="_last_i", how="left")
               .join(at_open, on="_q", how="left").join(at_close, on="_q_close", how="left"))
    after_quote = (pl.col("_quoted_start") | pl.col("_after_colon")) & pl.col("_after_close")
    # (an attribution clause before a colon, "… comme le précise X : « … »", attributes the writer's assertion
    # before it; before a comma, "bien que, comme le rappelle HRW, « … »", the quotation)
    clause_then_colon = pl.col("entry").str.starts_with("rule: attribution clause") & (pl.col("_q_prev") == ":")
    before_quote = (pl.col("_q").is_not_null() & pl.col("_q_prev").is_in([",", ":"]) & ~clause_then_colon
                    & (pl.col("_finite_q") == pl.col("_finite"))
                    & (pl.col("_q_close").is_null() | (pl.col("_last_word") < pl.col("_q_close"))
                       | pl.col("_q_ends").fill_null(False)))
    # an incise inside quotation marks ("« Nous sommes, a-t-il dit, inquiets »") attributes the quotation;
    # "selon X" inside them is the speaker's own hedge
    incise_inside = pl.col("entry").str.starts_with("rule:") & pl.col("_inside")
    dropped = (flagged.filter((after_quote | before_quote | incise_inside).fill_null(False))
               .select("_first_i", "_last_i", "entry"))
    return spans.join(dropped.with_columns(pl.lit("source_marker").alias("category")),
                      on=["_first_i", "_last_i", "entry", "category"], how="anti")


def _drop_negated(spans: pl.DataFrame, words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """Markers under a negation shortly before them (:data:`NEGATION_REACH` words, no punctuation between).

    An adjectival booster ("rien ne peut être sûr", "il n'est pas certain") asserts no certainty; an
    unnamed source ("n'a pas été confirmée de source indépendante") is the source of nothing reported.
    """
    boosters = spans.filter(pl.col("category").is_in(["booster", "unnamed_source"]))
    if boosters.height == 0:
        return spans
    scope = _sentences_of(words, boosters["_first_i"])
    negated = pl.lit(False)
    for k in range(1, NEGATION_REACH + 1):
        clear = (pl.all_horizontal([_at("upos", -j) != "PUNCT" for j in range(1, k)]) if k > 1 else pl.lit(True))
        negated = negated | (_at("_form", -k).is_in(sorted(lists["negation"])) & clear).fill_null(False)
    flags = scope.select(pl.col("_i").alias("_first_i"), negated.alias("_negated"))
    adjectival = (boosters.select("_first_i", "_last_i").unique()
                  .with_columns(pl.int_ranges("_first_i", pl.col("_last_i") + 1).alias("_i")).explode("_i")
                  .join(words.select("_i", "upos"), on="_i").group_by("_first_i", "_last_i")
                  .agg((pl.col("upos") == "ADJ").any().alias("_adjective")))
    dropped = (boosters.select("_first_i", "_last_i", "category").unique()
               .join(adjectival, on=["_first_i", "_last_i"]).join(flags, on="_first_i")
               .filter(pl.col("_negated") & (pl.col("_adjective") | (pl.col("category") == "unnamed_source")))
               .select("_first_i", "_last_i", "category"))
    return spans.join(dropped, on=["_first_i", "_last_i", "category"], how="anti")


def _drop_named(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Unnamed sources that are named right after all: a proper noun follows the phrase, in apposition after a
    comma or not ("affirme un jeune manifestant, Abdel Nasser"; guide §3: a speaker left unnamed)."""
    unnamed = spans.filter(pl.col("category") == "unnamed_source")
    if unnamed.height == 0:
        return spans
    scope = _sentences_of(words, unnamed["_last_i"])
    named = scope.select(pl.col("_i").alias("_last_i"),
                         ((_at("upos", 1) == "PROPN") | ((_at("_form", 1) == ",") & (_at("upos", 2) == "PROPN")))
                         .fill_null(False).alias("_named"))
    dropped = unnamed.join(named, on="_last_i").filter(pl.col("_named")).select("_first_i", "_last_i", "category")
    return spans.join(dropped, on=["_first_i", "_last_i", "category"], how="anti")


def _resolve(spans: pl.DataFrame) -> pl.DataFrame:
    """One row per marker and category: of overlapping spans of one category the longest (then the lexicon's
    order) stays. Categories may overlap: "selon un collectif de défense" is a source marker whose object is an
    unnamed source, one row each (the adjudicated gold annotates both; tests/gold/ADJUDICATION.md)."""
    spans = (spans.with_columns(pl.col("_rank").fill_null(1 << 40), (pl.col("end_char") - pl.col("start_char"))
                                .alias("_len"))
             .unique(["doc_id", "start_char", "end_char", "category"], keep="first", maintain_order=True)
             .with_row_index("_k"))
    other = spans.select("doc_id", "sent_id", *[pl.col(c).alias(c + "_o") for c in
                                                ("_k", "start_char", "end_char", "_len", "_rank", "category")])
    better = (pl.col("_len_o") > pl.col("_len")) | (
        (pl.col("_len_o") == pl.col("_len")) & (
            (pl.col("_rank_o") < pl.col("_rank"))
            | ((pl.col("_rank_o") == pl.col("_rank")) & (pl.col("start_char_o") < pl.col("start_char")))))
    losers = (spans.join(other, on=["doc_id", "sent_id"])
              .filter((pl.col("_k_o") != pl.col("_k")) & (pl.col("start_char_o") < pl.col("end_char"))
                      & (pl.col("start_char") < pl.col("end_char_o")) & (pl.col("category_o") == pl.col("category"))
                      & better)
              .select("_k").unique())
    return spans.join(losers, on="_k", how="anti")


def _longest(spans: pl.DataFrame) -> pl.DataFrame:
    """Drop every span that overlaps a better one: longer, else an exclude entry, else earlier in the lexicon."""
    other = spans.select("doc_id", "sent_id", *[pl.col(c).alias(c + "_o") for c in
                                                ("_k", "start_char", "end_char", "_len", "_exclude", "_entry")])
    better = (pl.col("_len_o") > pl.col("_len")) | (
        (pl.col("_len_o") == pl.col("_len")) & (
            (pl.col("_exclude_o") & ~pl.col("_exclude")) | (
                (pl.col("_exclude_o") == pl.col("_exclude")) & (
                    (pl.col("_entry_o") < pl.col("_entry"))
                    | ((pl.col("_entry_o") == pl.col("_entry")) & (pl.col("start_char_o") < pl.col("start_char")))))))
    losers = (spans.join(other, on=["doc_id", "sent_id"])
              .filter((pl.col("_k_o") != pl.col("_k")) & (pl.col("start_char_o") < pl.col("end_char"))
                      & (pl.col("start_char") < pl.col("end_char_o")) & better)
              .select("_k").unique())
    return spans.join(losers, on="_k", how="anti")


def _document_order(rows: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Rows in the order documents appear in the token table, then by offset."""
    order = (tokens.select("doc_id").unique(maintain_order=True).select(pl.col("doc_id").cast(pl.String))
             .with_row_index("_doc_order"))
    return rows.join(order, on="doc_id", how="left").sort("_doc_order", "start_char").drop("_doc_order")

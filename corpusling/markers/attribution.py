"""Who speaks in a quotation: its kind, its source and its reporting verb, from the context.

Rules over the text around each span and over the token table (joins on offsets and
on ``head``, no loop over words), in the spirit of the rule-based attribution of the
Gender Gap Tracker (Asr et al. 2021) and of its French adaptation, the Radar de Parité.
Two ordered tables of named rules decide, as :func:`corpusling.markers.conditional.rules` does;
the names of the two deciding rules make the ``rule`` column ("sentence+incise"):

* **kind** (:func:`kind_rules`) comes from the left context. ``direct`` when the quotation opens
  a sentence (possibly after "Selon X," / "D'après X," / "Pour <Named source>,"; not a name that is the
  writer's subject, "« St. Anger » est le premier single", nor a verbless sentence nobody says), resumes
  after its incise ("« … », a précisé X, « … »"), follows a colon (but not "que :", which integrates the
  words: ``mixed``), or is the object of a reporting verb and starts with a capital ("crier « Liberté »");
  otherwise it is woven into the writer's sentence: ``scare`` when a word before names it ("intitulée",
  "dite", "s'appela") or when it is short (at most :data:`SCARE_MAX_WORDS` words), has no finite verb and no
  reporting verb governs it in the dependency tree, else ``mixed``. By default (:data:`DEFAULT_KINDS`, the
  hybrid) the rules' ``direct`` stands and a learned classifier over :func:`kind_features` (every rule's
  condition and general cues; :mod:`corpusling.markers.quote_kind_model`) chooses between ``mixed`` and
  ``scare`` where they say one of them: it met the criterion of ``lexicons/quote_kind_weights.md``
  (leave-one-set-out accuracy at least the rules'), the ordered rules having been written on those very sets.
* **reporting verb and source** (:func:`source_rules`, for direct and mixed quotations): the first
  row that holds says where the verb is (an incise right after the closing mark, the clause before
  a colon, the tree, the sentence before…) and how the source is found (the verb's subject, an
  inverted clitic or noun phrase, the noun phrase of "selon X", a name before a colon). Reporting
  verbs are lemmas of ``reporting_verbs.tsv`` or, where the tagger may have erred, inflected forms
  (:func:`reporting_verb_forms`).
* **source**: the subject (``nsubj``) of that verb as written, with its appositions and
  without its relative or participial clauses ("Gilles-Éric Séralini, professeur à
  l'université de Caen"); the noun a participle or a relative "qui" depends on; the
  subject of the governing verb for an infinitive ("avant de souligner :"); the
  inverted clitic ("a-t-il dit" → "il") or the noun phrase after an inverted verb
  ("a déclaré jeudi à l'AFP le ministre"); or the noun phrase of "selon X". Who the
  source stands for (the ``speaker``) is :mod:`corpusling.markers.speakers`' business.

This module builds the evidence the rules read (from the text around each quotation and from the tokens) and
applies them. The rule tables and the French words they read are :mod:`corpusling.markers.attribution_rules`;
the verbs of saying and their forms, :mod:`corpusling.markers.reporting_verbs`. Their public names are
importable from here too.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import reduce

import polars as pl

from corpusling.lexicons import INTERCEPT
from corpusling.markers.attribution_rules import (
    _CLITIC,
    _CLITICS,
    _ELIDED_ARTICLE,
    _INCISE_ADV,
    _INCISE_AUX,
    _INFINITIVE_START,
    _NP_END,
    _NP_START,
    _RELATIVE,
    _SKIP,
    _SPACE,
    _SUBJECT_START,
    INCISE_SEMI_AUX,
    NAME,
    OPEN_INCISE,
    QUOTE_KIND_ROLES,
    SCARE_MAX_WORDS,
    TITLE_MAX_WORDS,
    SourceRule,
    _alternation,
    _capitalised,
    kind_features,
    kind_rules,
    kind_words,
    source_rules,
    words,
)
from corpusling.markers.reported_tree import reported_cues
from corpusling.markers.reporting_verbs import (
    _verb_lemmas,
    default_reporting_verbs,
    load_reporting_verbs,
    reporting_verb_forms,
)
from corpusling.markers.text_index import TextIndex, locate, position, sentence_rows, text_index
from corpusling.nlp.lexicon_check import lexicon_form, third_person_verb_forms
from corpusling.registry import KIND_DECIDERS
from corpusling.token_index import sentence_numbers

__all__ = ["CLIMB_BLOCKERS", "DEFAULT_KINDS", "KIND_DECIDERS", "NAME", "QUOTE_KIND_ROLES", "SCARE_MAX_WORDS",
           "SOURCE_EXCLUDED", "TITLE_MAX_WORDS", "SourceRule", "ancestors", "attribute", "decider", "source_spans",
           "default_reporting_verbs", "kind_evidence", "kind_features", "kind_rules", "kind_words",
           "load_reporting_verbs", "quote_depth", "reporting_verb_forms", "source_rules", "words"]

#: Relations a search for the governing reporting verb does not climb across.
CLIMB_BLOCKERS = ("conj", "parataxis", "acl", "acl:relcl", "advcl", "root", "reparandum", "list")
#: Branches left out of a source noun phrase.
SOURCE_EXCLUDED = ("acl", "acl:relcl", "parataxis", "advcl")
#: Words allowed between a closing mark and the verb of an incise (", a ensuite précisé").
_INCISE_GLUE = ("AUX", "ADV", "PRON", "PART")
_MAX_DEPTH = 40
#: How many tokens before a quotation its clause is looked for in, and after it an incise.
_BACK, _AHEAD = 80, 9
#: A finite verb or an infinitive (a participle, "inopinée", is not; a word without features counts).
_clause_form = (pl.col("verbform").is_in(["Fin", "Inf"])
                | (pl.col("verbform").is_null() & (pl.col("mood").is_not_null() | pl.col("feats").fill_null("_")
                                                   .is_in(["_", ""]))))
#: How many characters before a quotation the words that name it are looked for in.
_NAMING_WINDOW = 80
#: In a text whose paragraphs are separated by blank lines, a single line break is a mere wrap.
_WRAPPED = pl.col("text").str.contains(r"\n[ \t]*\n")

_TOKEN_COLUMNS = ["doc_id", "sent_id", "word_id", "head", "deprel", "upos", "lemma", "form", "start_char", "end_char",
                  "verbform", "mood", "feats"]


def _char_find(haystack: pl.Expr, needle: pl.Expr) -> pl.Expr:
    """Character (not byte) index of the first occurrence of ``needle`` in ``haystack``; null if absent."""
    found = haystack.str.contains(needle, literal=True)
    return pl.when(found).then(haystack.str.split(needle).list.first().str.len_chars().cast(pl.Int64))


def _inverted_verb(form: str) -> str:
    """The verb of an inverted incise, its word matched by ``form`` (group ``form``, then ``clitic``): its auxiliary
    with adverbs after it, a reflexive clitic, a semi-auxiliary before the infinitive ("», préférait rectifier
    l'intéressé"), an inverted clitic after it or after its auxiliary (group ``aux_clitic``: "», a-t-il tempêté")."""
    reflexive = rf"(?:(?:{_alternation(kind_words('reflexive_clitic'), then=_SPACE)})\s*)?"
    return (rf"(?:{reflexive}{_INCISE_AUX}(?P<aux_clitic>{_CLITIC})?\s+(?:{_INCISE_ADV},?\s+){{0,3}})?"
            rf"(?:{INCISE_SEMI_AUX}(?:{_CLITIC})?\s+)?{reflexive}(?P<form>{form})(?P<clitic>{_CLITIC})?")


def _right_after(verb: str) -> str:
    """An inverted incise right after a closing mark (groups ``upto``, the verb's, ``rest``); a footnote call may
    stand between the mark and the incise ("» [1], explique-t-il")."""
    return rf"^(?P<upto>\s*(?:\[\d+\]\s*)?,?\s*(?:[-–—]\s*)?(?:{_INCISE_ADV},?\s+)?{verb})(?P<rest>.*)$"


def _incise_patterns(forms: pl.DataFrame) -> tuple[str, str, str, str]:
    """Regexes with groups ``upto`` (the text up to the end of the verb), ``form`` and ``clitic``: over the rest
    of the sentence after a closing mark, an inverted incise right after the mark ("», juge le ministère", "»
    s'est réjoui le président Obama", ", a-t-il ajouté") and one ending the sentence after the writer's own
    words ("», y compris le montant …, commente Song Myung-Sup, analyste"); over the quotation itself, an
    incise the quotation marks enclose (« Nous partons, a déclaré le ministre, et nous reviendrons »)."""
    alternation = "|".join(re.escape(f) for f in sorted(set(forms["form"].to_list()), key=lambda f: (-len(f), f)))
    verb = _inverted_verb(alternation)
    right_after = _right_after(verb)
    # (an adverbial phrase may stand between the verb and its subject, and a parenthesis after the subject: "» cette
    # décision, a répondu pour sa part le groupe", "» mardi, …, a déclaré le maire Gaël Perdriau (Les Républicains)")
    final = (rf"^(?P<upto>.*,\s*{verb})(?P<rest>\s+{_SKIP}{{0,3}}{_SUBJECT_START}[^;:()«»]*"
             rf"(?:\([^;:()«»]*\)[^;:()«»]*)*)$")
    inside = rf"^(?P<upto>[«“„\"‹]?[^«»“”„]*?,\s*{verb})(?P<rest>.*)$"
    # a name then its verb, not inverted ("», May a dit aux députés britanniques", the order of a translation),
    # then nothing or a short phrase of place or audience: no object, no "que"
    name_first = (rf"^(?P<before>\s*,\s*)(?P<name>{NAME})(?P<space>\s+)"
                  rf"(?P<upto>(?:{_INCISE_AUX}\s+)?(?P<form>{alternation}))"
                  rf"(?P<rest>(?:\s+(?:{_alternation(words('place_preposition'))})\s*[^;:«»]*)?\s*)$")
    return right_after, final, inside, name_first


def _open_incise_pattern() -> str:
    """The inverted incise right after the closing mark whatever its verb ("», s'enthousiasme Federico Garcia", "», a
    cependant tenu à tempérer Jean-François Martins"): the pattern of :func:`_incise_patterns` with any word in lower
    case for the verb (groups ``upto``, ``form``, ``clitic``, ``rest``). In French the inversion marks the incise
    (Riegel, Pellat & Rioul 2018, ch. XXIII): :func:`_token_evidence` keeps the match only when the word is a verb
    followed by its subject (an inverted clitic or a noun phrase)."""
    return _right_after(_inverted_verb(r"\p{Ll}[\p{Ll}\p{M}]*"))


def _tokens(tokens: pl.DataFrame, lemmas: list[str], incise_lemmas: list[str],
            forms: pl.DataFrame | None = None) -> pl.DataFrame:
    """Rows of a :class:`~corpusling.markers.text_index.TextIndex` (with ``_doc`` and ``_row``) reduced to what
    attribution needs: ``doc_id`` is the document number, ``rank`` the row in text order (ranks compare within
    a document), plus reporting-verb flags (and ``_sent``, the index's sentence number, when the rows carry it)."""
    cols = {c: (pl.col(c) if c in tokens.columns else pl.lit(None)) for c in _TOKEN_COLUMNS}
    tok = tokens.select(
        pl.col("_doc").alias("doc_id"), cols["sent_id"].cast(pl.Int64).alias("sent_id"),
        cols["word_id"].cast(pl.Int64).alias("word_id"), cols["head"].cast(pl.Int64).alias("head"),
        cols["deprel"].cast(pl.String).alias("deprel"), cols["upos"].cast(pl.String).alias("upos"),
        cols["lemma"].cast(pl.String).str.to_lowercase().alias("lemma"), cols["form"].cast(pl.String).alias("form"),
        cols["start_char"].cast(pl.Int64).alias("start_char"), cols["end_char"].cast(pl.Int64).alias("end_char"),
        cols["verbform"].cast(pl.String).alias("verbform"), cols["mood"].cast(pl.String).alias("mood"),
        cols["feats"].cast(pl.String).alias("feats"), pl.col("_row").alias("rank"),
        *([pl.col("_sent")] if "_sent" in tokens.columns else []),
    )
    if forms is None or forms.height == 0:
        return tok.with_columns(((pl.col("upos") == "VERB") & pl.col("lemma").is_in(lemmas)).alias("is_rv"),
                                ((pl.col("upos") == "VERB") & pl.col("lemma").is_in(incise_lemmas))
                                .alias("is_rv_incise"), pl.lit(None, dtype=pl.String).alias("form_lemma"))
    # the lemma a form stands for when the tagger missed it ("juge"/NOUN, "réjoui" → *réjouire)
    by_form = forms.group_by("form").agg(pl.col("lemma").first().alias("form_lemma"),
                                         (pl.col("use") != "incise").any().alias("_form_any"))
    form = pl.col("form").str.to_lowercase().str.replace(rf"-t?-?(?:{_CLITICS})$", "")
    # (the spellings of the rows that stand for a form of the lexicon, found once per distinct spelling, not by a join
    # of every word on its lower-cased form)
    # (present participles that are mostly nouns or adjectives, "croyant", "intervenant", are never verbs)
    spelt = (tok.select(pl.col("form").unique().drop_nulls()).with_columns(form.alias("_lform"))
             .join(by_form, left_on="_lform", right_on="form")
             .with_columns((pl.col("_lform").str.ends_with("ant") & pl.col("_form_any")
                            & ~pl.col("_lform").is_in(words("participle_not_verb"))).alias("_ant")))
    participle = (pl.col("form").is_in(spelt.filter(pl.col("_ant"))["form"].implode()).fill_null(False)
                  & ~pl.col("upos").is_in(["NOUN", "PROPN", "DET", "ADP", "PRON"]))
    tok = tok.with_columns(pl.col("form").replace_strict(spelt["form"], spelt["form_lemma"], default=None,
                                                         return_dtype=by_form.schema["form_lemma"]).alias("form_lemma"))
    # "la loi dite « Sur l'information »": a participle of dire right after a noun names, it does not report
    so_called = (pl.col("form").str.to_lowercase().is_in(words("so_called_participle"))
                 & pl.col("upos").shift(1).over("doc_id").is_in(["NOUN", "PROPN"]))
    return tok.with_columns(
        ((((pl.col("upos") == "VERB") & pl.col("lemma").is_in(lemmas)) | participle) & ~so_called).alias("is_rv"),
        (((pl.col("upos") == "VERB") & pl.col("lemma").is_in(incise_lemmas)) | pl.col("form_lemma").is_not_null()
         | participle).alias("is_rv_incise"),
    )


def _context_rows(index: TextIndex, q: pl.DataFrame) -> pl.DataFrame:
    """The index's tokens that attribution can look at, with ``_doc`` and ``_row``: the whole sentences
    around each quotation, from the start of its clause (at most 80 tokens back) to 6 tokens after it."""
    found = q.filter(pl.col("_first").is_not_null())
    left_row = index.key.search_sorted(found.select(position(pl.col("_doc"), pl.col("_left_start")))[:, 0],
                                       side="left").cast(pl.Int64)
    bounds = found.with_columns(left_row.alias("_left_row")).select(
        pl.min_horizontal(pl.max_horizontal(pl.col("_first") - _BACK, "_doc_first", "_left_row"),
                          pl.max_horizontal(pl.col("_first") - 1, "_doc_first")).alias("lo"),
        pl.min_horizontal(pl.coalesce(pl.col("_last") + _AHEAD, "_first"), "_doc_last").alias("hi"))
    rows = sentence_rows(index, bounds["lo"], bounds["hi"])
    if rows is None:
        return index.tokens.with_columns(index.doc.alias("_doc"), pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"))
    needed = index.tokens.select([c for c in _TOKEN_COLUMNS if c in index.tokens.columns])
    sentence = index.sentence_of(rows)  # (rows is not None: the index's sentences are runs)
    return needed[rows].with_columns(index.doc.gather(rows).alias("_doc"), rows.alias("_row"),
                                     *([] if sentence is None else [sentence]))


def ancestors(tok: pl.DataFrame, sentences: pl.DataFrame | None = None,
              words: pl.DataFrame | None = None, across: tuple[str, ...] = ()) -> pl.DataFrame:
    """Every (word, ancestor) pair of the dependency trees: ``doc_id, sent_id, word_id, anc, depth, blocked, cut``.

    ``blocked``: the path climbs across one of :data:`CLIMB_BLOCKERS`; ``cut``: it leaves a
    branch that a source noun phrase leaves out (relative, participial, adverbial clause).
    ``sentences`` (``doc_id, sent_id``): only the trees of these sentences (a tree never
    leaves its sentence); ``words`` (``doc_id, sent_id, word_id``): only the ancestors of these
    words; ``across``: relations whose crossing is flagged in a column ``crossed`` (none: no such column).
    Computed by repeated joins on ``head`` (one join per level of the deepest tree), on
    an integer sentence number: the index's, when ``tok`` carries it (``_sent``, :func:`_context_rows`), else
    :func:`corpusling.token_index.sentence_numbers`'s.
    """
    carried = [c for c in ("_sent",) if c in tok.columns]  # (the index's sentence numbers, when tok carries them)
    nodes = tok.filter(pl.col("head").is_not_null()).select("doc_id", "sent_id", "word_id", "head", "deprel", *carried)
    if words is not None:
        sentences = words
    if sentences is not None:
        nodes = nodes.join(sentences.select("doc_id", "sent_id").unique(), on=["doc_id", "sent_id"], how="semi")
    schema = {"doc_id": tok.schema["doc_id"], "sent_id": pl.Int64, "word_id": pl.Int64, "anc": pl.Int64,
              "depth": pl.Int64, "blocked": pl.Boolean, "cut": pl.Boolean,
              **({"crossed": pl.Boolean} if across else {})}
    if nodes.height == 0:
        return pl.DataFrame(schema=schema)
    numbers = sentence_numbers(nodes)
    nodes = nodes.join(numbers, on=["doc_id", "sent_id"]).select("_sn", "word_id", "head", "deprel")
    start = nodes
    if words is not None:
        start = nodes.join(words.select("doc_id", "sent_id", "word_id").join(numbers, on=["doc_id", "sent_id"]),
                           on=["_sn", "word_id"], how="semi")
    step = start.select(
        "_sn", "word_id", pl.col("head").alias("anc"), pl.lit(1, dtype=pl.Int64).alias("depth"),
        pl.col("deprel").is_in(CLIMB_BLOCKERS).alias("blocked"),
        pl.col("deprel").is_in(SOURCE_EXCLUDED).alias("cut"),
        *([pl.col("deprel").is_in(across).alias("crossed")] if across else [])).filter(pl.col("anc") > 0)
    parts = [step]
    up = nodes.select("_sn", pl.col("word_id").alias("anc"), pl.col("head").alias("_next"),
                      pl.col("deprel").alias("_rel"))
    for _ in range(_MAX_DEPTH):
        step = (step.join(up, on=["_sn", "anc"])
                .filter(pl.col("_next") > 0)
                .select("_sn", "word_id", pl.col("_next").alias("anc"), pl.col("depth") + 1,
                        pl.col("blocked") | pl.col("_rel").is_in(CLIMB_BLOCKERS),
                        pl.col("cut") | pl.col("_rel").is_in(SOURCE_EXCLUDED),
                        *([pl.col("crossed") | pl.col("_rel").is_in(across)] if across else [])))
        if step.height == 0:
            break
        parts.append(step)
    return pl.concat(parts).join(numbers, on="_sn").select([*schema]).cast(schema)


def source_spans(heads: pl.DataFrame, tok: pl.DataFrame, anc: pl.DataFrame) -> pl.DataFrame:
    """``_q, source_start, source_end`` of the noun phrase headed by ``(doc_id, sent_id, src_word)`` per quotation,
    and ``_src_head_start``, where its head starts."""
    edge = tok.select("doc_id", "sent_id", "word_id", pl.col("deprel").alias("_rel"))
    members = (heads.join(anc.filter(~pl.col("cut")).select("doc_id", "sent_id", "word_id", "anc", "depth"),
                          left_on=["doc_id", "sent_id", "src_word"], right_on=["doc_id", "sent_id", "anc"])
               .join(edge, on=["doc_id", "sent_id", "word_id"], how="left")
               # the head's own preposition or conjunction ("de l'organisation") is not part of the source
               .filter(~((pl.col("depth") == 1) & pl.col("_rel").is_in(["case", "mark", "cc", "advmod"])))
               .select("_q", "doc_id", "sent_id", "word_id", pl.lit(False).alias("_head")))
    members = pl.concat([heads.select("_q", "doc_id", "sent_id", pl.col("src_word").alias("word_id"),
                                      pl.lit(True).alias("_head")), members])
    spans = (members.join(tok.select("doc_id", "sent_id", "word_id", "start_char", "end_char", "upos"),
                          on=["doc_id", "sent_id", "word_id"])
             .filter(pl.col("upos") != "PUNCT")
             .group_by("_q").agg(pl.col("start_char").min().alias("source_start"),
                                 pl.col("end_char").max().alias("source_end"),
                                 pl.col("start_char").filter(pl.col("_head")).first().alias("_src_head_start")))
    return spans


def _doc_key(dtype: pl.DataType) -> pl.Expr:
    """``doc_id`` as a join key: document numbers stay integers, names become strings."""
    return pl.col("doc_id") if dtype.is_integer() else pl.col("doc_id").cast(pl.String)


def quote_depth(tok: pl.DataFrame, spans: pl.DataFrame) -> pl.DataFrame:
    """``tok`` plus ``_depth``: how many quotations contain each token's start (0 outside any).

    A running sum of +1 at each quotation start and -1 at each end, read with an asof join.
    """
    doc = _doc_key(tok.schema["doc_id"])
    events = (pl.concat([
        spans.select(doc, pl.col("start_char").alias("_pos"), pl.lit(1).alias("_d")),
        spans.select(doc, pl.col("end_char").alias("_pos"), pl.lit(-1).alias("_d"))])
        .group_by("doc_id", "_pos").agg(pl.col("_d").sum())
        .sort("doc_id", "_pos")
        .with_columns(pl.col("_d").cum_sum().over("doc_id").alias("_run"))
        .select("doc_id", "_pos", "_run"))
    if events.height == 0:
        return tok.with_columns(pl.lit(0, dtype=pl.Int64).alias("_depth"))
    # sorted and joined on the two key columns only, then put back in the table's row order
    depth = (tok.select(doc, "start_char").with_row_index("_row")
             .sort("doc_id", "start_char")
             .join_asof(events, left_on="start_char", right_on="_pos", by="doc_id", strategy="backward",
                        check_sortedness=False)
             .sort("_row").select(pl.col("_run").fill_null(0).cast(pl.Int64).alias("_depth")))
    return tok.with_columns(depth["_depth"])


# --------------------------------------------------------------------------- evidence in the text

def _text_context(spans: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """The quotations with their document's text, the sentence so far before them (``_left``, from
    ``_left_start``), the rest of the sentence after them (``_right``), their text (``_quote``) and flags."""
    texts = documents.select(pl.col("doc_id").cast(pl.String), "text")
    q = (spans.with_row_index("_q").with_columns(pl.col("doc_id").cast(pl.String))
         .join(texts, on="doc_id", how="left"))
    window = 400
    left_raw = pl.col("text").str.slice((pl.col("start_char") - window).clip(lower_bound=0),
                                        pl.min_horizontal(pl.col("start_char"), pl.lit(window)))
    right_raw = pl.col("text").str.slice(pl.col("end_char"), window)

    def unwrap(raw: pl.Expr) -> pl.Expr:
        joined = (raw.str.replace_all(r"([^\n])\n([^\n])", "$1 $2").str.replace(r"([^\n])\n$", "$1 ")
                  .str.replace(r"^\n([^\n])", " $1"))
        return pl.when(_WRAPPED).then(joined).otherwise(raw)

    # (each window unwrapped once: the sentence so far and the paragraph start both read the left one)
    q = q.with_columns(unwrap(left_raw).alias("_left_unwrapped"), right_raw.alias("_right_raw"))
    right_raw = pl.col("_right_raw")
    return q.with_columns(
        # the sentence so far: after the last sentence end (., !, ? followed by a space, or a line break)
        # (a sentinel « stands for the quotation mark itself, which may open the sentence)
        # (a paragraph ending with a colon announces the quotation that makes up the next one: "La ministre a
        # commenté ainsi ce vote : ¶ « … »")
        (pl.col("_left_unwrapped").str.replace(r":[ \t\u00a0]*(?:\n[ \t\u00a0]*)+$", ": ") + pl.lit("«"))
        .str.replace(r"(?s)^.*\n", "")
        # (a stop inside a closing mark ends the sentence too: "… aujourd'hui. » « Il y a là …")
        # (French spacing puts a space before "?" and "!": "Pourquoi ce thème ? « … »")
        # (a unit after a degree sign ends a sentence like a word: "… était de -6,3°C. « La météo … »")
        .str.replace(r"(?s)^.*(?:(?:\w\w|°\w|[\d»”)\"])[.!?…]|\w\s[!?]|[.!?…]\s*[»”])\s+([\p{Lu}«“\"])", "$1")
        .str.strip_suffix("«").alias("_left"),
        unwrap(right_raw).str.extract(r"^([^\n]*?)(?:[.!?…](?:\s|$)|\n|$)", 1).fill_null("").alias("_right"),
        pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")).alias("_quote"),
        # the quotation opens its paragraph (whatever the paragraph before announces)
        pl.col("_left_unwrapped").str.contains(r"(?:^|\n)[ \t\u00a0]*$").alias("_paragraph_start"),
    ).with_columns(
        (pl.col("start_char") - pl.col("_left").str.len_chars()).alias("_left_start"),
        pl.col("_left").str.contains(r":\s*$").alias("_after_colon"),
        # (a straight quote left over from an earlier quotation does not open the sentence: ". " « … »")
        (pl.col("_left").str.strip_chars(' \t\n\u00a0\u202f"') == "").alias("_sentence_start"),
        pl.col("_quote").str.replace(r"^\W+", "").str.contains(r"^[[:upper:]]").alias("_capital"),
        pl.col("_quote").str.count_matches(r"\w+").alias("_n_words"),
        # (the words that name a quotation stand right before it: they are looked for in the last characters)
        pl.col("_left").str.slice(-_NAMING_WINDOW).str.to_lowercase().alias("_left_end"),
    ).with_columns(
        _naming_participle_before(pl.col("_left_end")).alias("_naming_participle"),
    ).with_columns(
        _named_before(pl.col("_left_end"), pl.col("_naming_participle")).alias("_named_before"),
    )


def _named_before(lowered: pl.Expr, participle: pl.Expr) -> pl.Expr:
    """The words before the quotation (``lowered``: in lower case) name what it encloses (``quote_kind_words.tsv``):
    a naming noun, with "de" or a determiner between ("le thème du « changement »", "la sculpture « … »"), a naming
    participle (``participle``, :func:`_naming_participle_before`), a pronominal naming verb ("il s'appela
    désormais « … »") or "tel que" before examples."""
    of = _alternation(("de", "du", "des", "d'", "de la", "de l'"), then=_SPACE)
    noun = rf"(?:^|[^\p{{L}}])(?:{_alternation(kind_words('naming_noun'))})\s+(?:{of})?$"
    example = rf"(?:^|[^\p{{L}}])(?:{_alternation(kind_words('example_marker'))})\s+$"
    clitic = _alternation(kind_words("reflexive_clitic"), then=_SPACE)
    pronominal = (rf"(?:^|[^\p{{L}}])(?:{clitic})\s*(?:{_alternation(kind_words('naming_pronominal'))})"
                  rf"(?:\s+\p{{L}}+)?\s+$")
    return lowered.str.contains(noun) | lowered.str.contains(example) | lowered.str.contains(pronominal) | participle


def _naming_participle_before(lowered: pl.Expr) -> pl.Expr:
    """A naming participle right before the quotation (``lowered``: the words before it in lower case), not after a
    form of avoir ("une comédie nommée « … »", "la sphère, dite « … »"; not "l'a nommé « … »") nor in a compound
    tense of a pronominal verb ("s'est dite « très honorée »": "se dire", to declare oneself, the subject's words)."""
    participles = _alternation(kind_words("naming_participle"))
    found = lowered.str.extract(rf"(?:^|[^\p{{L}}])(?:(\p{{L}}+)\s+)?(?:{participles})\s+$", 1)
    participle = lowered.str.contains(rf"(?:^|[^\p{{L}}])(?:{participles})\s+$")
    clitic = _alternation(kind_words("reflexive_clitic"), then=_SPACE)
    pronominal = lowered.str.contains(
        rf"(?:^|[^\p{{L}}])(?:{clitic})\s*(?:{_alternation(kind_words('pronominal_auxiliary'))})\s+(?:{participles})\s+$")
    return participle & ~found.fill_null("").is_in(list(kind_words("active_auxiliary"))) & ~pronominal


def _preposition_sources(q: pl.DataFrame) -> pl.DataFrame:
    """"Selon X, «…»" / "Pour X, «…»" at the start of the sentence (``_lead_src``, ``_lead_prep``), the same
    right before the opening mark anywhere in it (``_adjacent_src``, ``_adjacent_prep``) and ", selon X" after
    the quotation (``_tail_src``, ``_tail_prep``)."""
    conjunction = rf"(?:(?:{_alternation(_capitalised(words('leading_conjunction')))})\s+)?"
    lead = rf"^\s*{conjunction}((?i:{_alternation(words('attributing_preposition'))}))"
    tail = rf"^\s*,?\s*((?i:{_alternation(words('attributing_preposition_after'))}))"
    end = rf",\s*(?P<prep>(?i:{_alternation(words('attributing_preposition_after'))}))"
    pronoun = _alternation(words("viewpoint_pronoun"))
    q = q.with_columns(
        # (the writer may close "Selon X" with a semicolon: "Selon Jean-Pierre Cabestan, de l'Université baptiste
        # de Hong Kong ; « … »")
        pl.col("_left").str.extract(rf"{lead}\s+(.+?)\s*[,;]\s*$", 2).alias("_lead_src_whole"),
        pl.col("_left").str.extract(rf"{lead}\s+([^,]+?)\s*,", 2).alias("_lead_src"),
        pl.col("_left").str.extract(rf"{lead}\s", 1).str.to_lowercase().str.replace("’", "'").alias("_lead_prep"),
        pl.col("_right").str.extract(rf"{tail}\s+([^,;:()]+)", 2).alias("_tail_src"),
        pl.col("_right").str.extract(rf"{tail}\s", 1).str.to_lowercase().str.replace("’", "'").alias("_tail_prep"),
        # ", selon X" ending the sentence after more of the writer's words or quotations ("« … », dans le 9e
        # arrondissement, selon cette source."; "« … » de sa voiture, « … », selon le parquet.")
        # (one pattern, read once, its two groups below)
        pl.col("_right").str.extract_groups(rf"{end}\s+(?P<src>[^,;:()«»“”\"]+?)\s*$").alias("_end"),
    ).with_columns(
        pl.col("_end").struct.field("src").alias("_end_src"),
        pl.col("_end").struct.field("prep").str.to_lowercase().str.replace("’", "'").alias("_end_prep"),
    ).drop("_end")
    # "pour X" attributes a point of view only to a named source (a capital after its first word) or a
    # person's pronoun ("Pour lui, "), never to an infinitive ("Pour avoir participé…, ", "Pour terminer, ");
    # a "Selon X," that opens an earlier clause (before a ";") does not attribute this quotation
    def named(source: str) -> pl.Expr:
        return (pl.col(source).str.contains(rf"^\S+\s.*[[:upper:]]|^[[:upper:]]|^(?:{pronoun})$")
                & ~pl.col(source).str.contains(_INFINITIVE_START))

    lead_src = (pl.when(pl.col("_left").str.contains(r";.*\S")).then(None)
                .when(pl.col("_lead_prep").is_in(words("viewpoint_preposition")))
                .then(pl.when(named("_lead_src")).then(pl.col("_lead_src")))
                .otherwise(pl.col("_lead_src")))
    # "…, pour le président de la Commission Jean-Claude Juncker, « … »", "Selon un haut responsable « … »": the
    # preposition and its noun phrase right before the opening mark, at the start of the sentence, after a comma
    # or after "que" (the comma after the noun phrase may be missing)
    adjacent = pl.col("_left").str.extract_groups(
        rf"(?:^\s*|[,;]\s*|\b(?i:{_alternation(words('complementizer'))})\s*,?\s*){conjunction}"
        rf"(?P<prep>(?i:{_alternation(words('attributing_preposition'))}))\s+(?P<src>[^,;:«»“”„\"()]+?)\s*,?\s*$")
    # "car selon eux, il était le siège de « … »", "annonce que, selon ses sources, … « … »": "selon X," opening a
    # clause after the sentence's start, before the quotation (the last one; "pour", often a purpose, is left out)
    inner = pl.col("_left").str.extract_groups(
        rf"(?:[,;:]\s*|\b(?i:{_alternation(words('complementizer') + words('leading_conjunction'))})\s*,?\s*)"
        rf"(?P<prep>(?i:{_alternation(words('attributing_preposition_after'))}))\s+(?P<src>[^,;:«»“”„\"()]+?)(?P<after>\s*,"
        rf"[^;:«»“”„\"]*)$")
    # (each pattern read once, in a column of its own, then its groups)
    q = q.with_columns(adjacent.alias("_adjacent"), inner.alias("_inner"))
    adjacent, inner = pl.col("_adjacent"), pl.col("_inner")
    q = q.with_columns(adjacent.struct.field("src").alias("_adjacent_src"),
                       adjacent.struct.field("prep").str.to_lowercase().str.replace("’", "'").alias("_adjacent_prep"),
                       inner.struct.field("src").alias("_inner_src"),
                       (pl.col("_left").str.len_chars() - inner.struct.field("src").str.len_chars()
                        - inner.struct.field("after").str.len_chars()).alias("_inner_at"),
                       inner.struct.field("prep").str.to_lowercase().str.replace("’", "'").alias("_inner_prep"),
                       ).drop("_adjacent", "_inner")
    adjacent_src = (pl.when(pl.col("_adjacent_prep").is_in(words("viewpoint_preposition")))
                    .then(pl.when(named("_adjacent_src")).then(pl.col("_adjacent_src")))
                    .otherwise(pl.col("_adjacent_src")))
    return q.with_columns(lead_src.alias("_lead_src"), adjacent_src.alias("_adjacent_src")).with_columns(
        pl.when(pl.col("_lead_src").is_not_null()).then(pl.col("_lead_src_whole")).alias("_lead_src_whole"),
    ).with_columns(pl.col("_lead_src_whole").is_not_null().alias("_selon_start"))


def _text_incises(q: pl.DataFrame, forms: pl.DataFrame) -> pl.DataFrame:
    """Verbs of saying read in the text where the tagger may have missed them: an inverted incise right after
    the closing mark ("», juge le ministère", "» s'est réjoui le président": ``_text_incise_end``, ``_form``),
    one closing the sentence after the writer's words (``_final_incise_*``), one between the marks
    (``_inside_incise_*``, with its clitic); "X : « … »", a name alone before the colon (``_colon_name``); a
    quotation resumed after the incise that interrupts it ("« Tout simplement », a précisé X, « parce que … »":
    ``_resumed``); and the agent of a naming participle ("surnommé « … » par Louis XV": ``_agent_src``)."""
    right_after, final, inside, name_first = _incise_patterns(forms)
    name_at = pl.col("_name_at")
    # (each pattern read once, in a column of its own, whose groups the expressions below read)
    after_first = pl.col("_left").str.extract(r"^\s*[«“„\"][^«»“”„\"]*[»”\"]([^«»“”„\"]*,\s*)$", 1)
    q = q.with_columns(pl.col("_right").str.extract_groups(name_first).alias("_name_at"),
                       pl.col("_right").str.extract_groups(right_after).alias("_incise_at"),
                       pl.col("_right").str.extract_groups(final).alias("_final_at"),
                       pl.col("_quote").str.extract_groups(inside).alias("_inside_at"),
                       after_first.str.extract_groups(right_after).alias("_resumed_at"),
                       pl.col("_right").str.extract_groups(_open_incise_pattern()).alias("_open_at"))
    incise_at, final_at, inside_at = pl.col("_incise_at"), pl.col("_final_at"), pl.col("_inside_at")
    open_at = pl.col("_open_at")

    def incise_ok(found: pl.Expr) -> pl.Expr:
        """After the mark: the verb then an inverted clitic, the end of the sentence, a comma or a subject."""
        return (found.struct.field("clitic").is_not_null() | found.struct.field("aux_clitic").is_not_null()
                | found.struct.field("rest").str.contains(rf"^(?:\s*$|\s*[,;]|\s+{_SKIP}{{0,3}}{_SUBJECT_START})"))

    # the sentence opened on a quotation whose incise ends with a comma right before this one
    resumed_at = pl.col("_resumed_at")
    word = r"(?:\p{Lu}\.|[^\s,.;:()!?«»]+)"
    agent = (rf"^\s*(?:{_alternation(kind_words('agent_preposition'))})\s+({word}(?:\s+{word})*?)"
             rf"(?:\s+(?:{_NP_END})\s|\s*[,.;:()!?]|\s*$)")
    agent_src = pl.col("_right").str.extract(agent, 1)
    # inside the marks, the incise is closed by a comma or a stop after its clitic or its subject ("dit-on" inside
    # a quotation is the speaker's hedge, not an incise)
    inside_clitic = pl.coalesce(inside_at.struct.field("clitic"), inside_at.struct.field("aux_clitic"))
    inside_ok = (inside_clitic.is_not_null() & ~inside_clitic.str.ends_with("on")
                 & inside_at.struct.field("rest").str.contains(r"^\s*[,.;!?…]")
                 | inside_at.struct.field("rest").str.contains(
                     rf"^\s+{_SKIP}{{0,3}}{_SUBJECT_START}[^\s,.;:!?«»]*(?:\s+[^\s,.;:!?«»]+){{0,6}}\s*[,.;!?…]"))
    # whatever the verb, the inversion shows the incise: an inverted clitic or a subject after the verb, not the end
    # of the sentence nor a comma ("», a salué pour sa part le Premier ministre", "», s'emporte-t-il")
    open_ok = (open_at.struct.field("clitic").is_not_null() | open_at.struct.field("aux_clitic").is_not_null()
               | open_at.struct.field("rest").str.contains(rf"^\s+{_SKIP}{{0,3}}{_SUBJECT_START}"))
    return q.with_columns(
        pl.when(open_ok).then(pl.col("end_char") + open_at.struct.field("upto").str.len_chars())
        .alias("_open_incise_end"),
        pl.when(open_ok).then(open_at.struct.field("form")).alias("_open_incise_form"),
        pl.when(open_ok).then(pl.col("end_char") + open_at.struct.field("upto").str.len_chars()
                              - open_at.struct.field("clitic").str.len_chars().fill_null(0))
        .alias("_open_form_end"),
        pl.when(incise_ok(incise_at)).then(pl.col("end_char") + incise_at.struct.field("upto").str.len_chars())
        .alias("_text_incise_end"),
        pl.when(incise_ok(incise_at)).then(incise_at.struct.field("form")).alias("_text_incise_form"),
        (pl.col("end_char") + final_at.struct.field("upto").str.len_chars()).alias("_final_incise_end"),
        final_at.struct.field("form").alias("_final_incise_form"),
        pl.when(inside_ok).then(pl.col("start_char") + inside_at.struct.field("upto").str.len_chars())
        .alias("_inside_incise_end"),
        pl.when(inside_ok).then(inside_at.struct.field("form")).alias("_inside_incise_form"),
        pl.when(inside_ok).then(inside_clitic).alias("_inside_incise_clitic"),
        pl.when(pl.col("_after_colon"))
        # (alone, or after a fronted adjunct and its comma: "Pour la principale association …, l'April : « … »")
        .then(pl.col("_left").str.extract(rf"(?:^|,)\s*(?:{_ELIDED_ARTICLE})?({NAME})\s*:\s*$", 1))
        .alias("_colon_name"),
        # "le Rwanda a répondu par la voix du lieutenant-colonel X, porte-parole de l'armée : « … »": the person
        pl.when(pl.col("_after_colon"))
        .then(pl.col("_left").str.extract(
            rf"(?i:{_alternation(kind_words('voice_phrase'), then=_SPACE)})([^,:;«»]+?)\s*(?:,[^:;«»]*)?:\s*$", 1))
        .alias("_voice_src"),
        incise_ok(resumed_at).fill_null(False).alias("_resumed"),
        name_at.struct.field("name").alias("_name_incise_src"),
        (pl.col("end_char") + name_at.struct.field("before").str.len_chars()).alias("_name_incise_at"),
        (pl.col("end_char") + pl.sum_horizontal(name_at.struct.field(group).str.len_chars()
                                                for group in ("before", "name", "space", "upto")))
        .alias("_name_incise_end"),
        name_at.struct.field("form").alias("_name_incise_form"),
        # a quotation alone in its paragraph signed on the next line by a dash ("« … »\n\n— Service de presse du
        # festival"): the signature, its first 80 characters up to a comma, the shortest phrase naming the speaker
        # (guide §2), whatever description follows ("— Robert Kopp, professeur adjoint au département des sciences
        # de la Terre de l'université Rutgers"; set14)
        pl.when((pl.col("_sentence_start") | pl.col("_paragraph_start"))
                & (pl.col("_right").str.strip_chars(" \t.") == ""))
        .then(pl.col("_right_raw").str.extract_groups(
            r"^(?P<before>[ \t.]*\n[ \t]*\n?[ \t]*[—–][ \t]*)(?P<signature>\p{Lu}[^\n«»“”,]{1,79}?)[ \t.]*"
            r"(?:,[^\n«»“”]{1,240})?(?:\n|$)"))
        .alias("_signed"),
        pl.when(pl.col("_naming_participle") & agent_src.str.contains(_NP_START)).then(agent_src).alias("_agent_src"),
        *_reading(),
    ).with_columns(
        pl.col("_signed").struct.field("signature").alias("_signature"),
        (pl.col("end_char") + pl.col("_signed").struct.field("before").str.len_chars()).alias("_signature_at"),
    ).with_columns(
        pl.coalesce(pl.col("_read_before").struct.field("src"), pl.col("_read_after").struct.field("src"),
                    pl.col("_read_at").struct.field("src"),
                    pl.when(pl.coalesce(pl.col("_read_at").struct.field("y"), pl.col("_read_at").struct.field("y2"))
                            .is_not_null())
                    .then(pl.col("_read_there").struct.field("src"))).alias("_reading_src"),
        pl.coalesce(*(pl.col(found).struct.field("verb") for found in ("_read_before", "_read_after", "_read_at")),
                    pl.col("_read_at").struct.field("verb2")).str.to_lowercase().alias("_reading_verb"),
        pl.coalesce(pl.col("_left_start") + _char_find(pl.col("_left"), pl.col("_read_before").struct.field("src")),
                    pl.col("_left_start") + _char_find(pl.col("_left"), pl.col("_read_after").struct.field("src")),
                    pl.col("end_char") + _char_find(pl.col("_right"), pl.col("_read_at").struct.field("src")),
                    pl.col("start_char") - _sentence_before().str.len_chars()
                    + pl.col("_read_there").struct.field("pre").str.len_chars()).alias("_reading_at"),
    ).drop("_signed", "_name_at", "_incise_at", "_final_at", "_inside_at", "_resumed_at", "_open_at", "_read_before",
           "_read_after", "_read_at", "_read_there")


def _reading() -> list[pl.Expr]:
    """A text read in a document by the impersonal "on" (``quote_kind_words.tsv``: ``reading_verb``,
    ``reading_place``): the document before a colon, fronted ("Sur la page Twitter officielle de Pixar, on pouvait
    lire :", ``_read_before``) or after the verb ("on peut lire sur son site :", ``_read_after``); after the
    quotation, in its incise ("« … » peut-on lire dans le communiqué", ``_read_at``) or taken up by "y" from the
    sentence before ("Dans un communiqué de l'aéroport …, on apprend que … « … » peut-on y lire", ``_read_there``:
    the last document named in that sentence or before the quotation in its own, never farther). Riegel et al.
    2018, ch. VII (the indefinite "on", the adverbial clitic "y")."""
    verb, place = _alternation(kind_words("reading_verb")), _alternation(kind_words("reading_place"))
    document = r"[^,:;.«»“”()]+?"
    on = r"(?i:\bon)\s+(?:\S+\s+){0,2}?"
    return [
        pl.when(pl.col("_after_colon")).then(pl.col("_left").str.extract_groups(
            rf"(?:^|,)\s*(?i:{place})\s+(?P<src>{document})\s*,\s*{on}(?P<verb>(?i:{verb}))\s*:\s*$"))
        .alias("_read_before"),
        pl.when(pl.col("_after_colon")).then(pl.col("_left").str.extract_groups(
            rf"{on}(?P<verb>(?i:{verb}))\s+(?i:{place})\s+(?P<src>{document})\s*:\s*$")).alias("_read_after"),
        # "peut-on (y) lire", "on (y) lit", or the verb carrying the inverted "on" itself: "lit-on", "lisait-on"
        pl.col("_right").str.extract_groups(
            rf"^\s*,?\s*(?:(?:\p{{L}}+-(?:t-)?(?i:on)\s+|{on})(?P<y>(?i:y)\s+)?(?P<verb>(?i:{verb}))\b"
            rf"|(?P<y2>(?i:y)\s+)?(?P<verb2>(?i:{verb}))-(?:t-)?(?i:on)\b)"
            rf"(?:\s+(?i:{place})\s+(?P<src>{document})(?:\s*[,.;:]|\s*$))?").alias("_read_at"),
        _sentence_before().str.extract_groups(
            rf"(?s)^(?P<pre>.*(?:^|[^\p{{L}}])(?i:{place})\s+)(?P<src>{document})\s*,").alias("_read_there"),
    ]


def _sentence_before() -> pl.Expr:
    """The text before a quotation from the start of the sentence before its own (a paragraph break ends a sentence
    too; an abbreviation's stop may cut it shorter, never longer): where "y" looks for the document it takes up."""
    return pl.col("_left_unwrapped").str.extract(r"((?:[^.!?\n]*(?:[.!?]+|\n)\s*)?[^.!?\n]*)$", 1)


# --------------------------------------------------------------------------- evidence in the tokens

def _quote_tokens(q: pl.DataFrame, tok_keyed: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(``q`` with ``_has_verb`` (a finite verb or an infinitive), ``_has_finite_verb``, ``_head_rel``,
    ``_first_upos`` (the part of speech of its first word) and ``_head_finite`` (a finite verb among its words whose
    head lies outside it); the head of each quotation: ``_q, doc_id, sent_id, _head_word``): its first token whose
    head lies outside it."""
    inside = (q.select("_q", "doc_id", "_first", "_last").drop_nulls(["_first", "_last"])
              .with_columns(pl.int_ranges("_first", pl.col("_last") + 1).alias("rank")).explode("rank")
              .join(tok_keyed, on=["doc_id", "rank"]))
    qbounds = q.select("_q", pl.col("start_char").alias("_qs"), pl.col("end_char").alias("_qe"))
    heads_pos = tok_keyed.select("doc_id", "sent_id", pl.col("word_id").alias("head"),
                                 pl.col("start_char").alias("_hs"))
    inside = (inside.join(qbounds, on="_q")
              .join(heads_pos, on=["doc_id", "sent_id", "head"], how="left")
              .with_columns(((pl.col("head") == 0) | (pl.col("_hs") < pl.col("_qs")) | (pl.col("_hs") >= pl.col("_qe")))
                            .fill_null(False).alias("_is_head")))
    # a finite verb or an infinitive makes a clause; a participle alone («inopinée») does not
    clause_verb = pl.col("upos").is_in(["VERB", "AUX"]) & _clause_form
    # (in the same pass) the part of speech of its first word ("homicide" in « homicide involontaire »: a noun
    # without determiner), and whether one of the words whose head lies outside it is a finite verb, none an
    # infinitive: a clause of its own, even after a fronted adjunct ("« sur Libreville, il y a … »", whose first
    # such word is "Libreville"), not an infinitive's complement ("indique « constater et déplorer que … »")
    head_form = pl.col("verbform").filter(pl.col("_is_head") & pl.col("upos").is_in(["VERB", "AUX"]))
    has_verb = inside.group_by("_q").agg(clause_verb.any().alias("_has_verb"),
                                         (clause_verb & (pl.col("verbform") != "Inf").fill_null(True)).any()
                                         .alias("_has_finite_verb"),
                                         pl.col("upos").filter(pl.col("upos") != "PUNCT").sort_by(
                                             pl.col("rank").filter(pl.col("upos") != "PUNCT")).first()
                                         .alias("_first_upos"),
                                         ((head_form == "Fin").any() & ~(head_form == "Inf").any())
                                         .alias("_head_finite"))
    quote_head = (inside.filter(pl.col("_is_head") & (pl.col("upos") != "PUNCT"))
                  .sort("_q", "rank").group_by("_q").first()
                  .select("_q", "doc_id", "sent_id", pl.col("word_id").alias("_head_word"),
                          pl.col("deprel").alias("_head_rel")))
    pronoun = _alternation(words("subject_pronoun"))
    q = (q.join(has_verb, on="_q", how="left").join(quote_head.select("_q", "_head_rel"), on="_q", how="left")
         # a quotation opening on a subject pronoun is a clause even when the tagger saw no verb
         .with_columns(pl.col("_has_verb", "_has_finite_verb").fill_null(False)
                       | pl.col("_quote").str.contains(rf"^\W*(?i:{pronoun})\b")))
    return q.with_columns(pl.col("_head_finite").fill_null(False)), quote_head.drop("_head_rel")


def _incise_after(q: pl.DataFrame, tok_keyed: pl.DataFrame) -> pl.DataFrame:
    """``_q, _incise_sent, _incise_word``: a reporting verb right after the closing mark, past glue words
    (commas, dashes, auxiliaries, adverbs, clitics: "», a ensuite précisé")."""
    after = (q.select("_q", "doc_id", "_last").drop_nulls()
             .with_columns(pl.int_ranges(pl.col("_last") + 1, pl.col("_last") + 1 + _AHEAD).alias("rank"),
                           pl.int_ranges(0, _AHEAD).alias("_k"))
             .explode("rank", "_k")
             .join(tok_keyed, on=["doc_id", "rank"])
             .sort("_q", "_k")
             # (a footnote call "[1]" is glue too: "» [1], a-t-il expliqué")
             .with_columns((pl.col("upos").is_in(_INCISE_GLUE) | pl.col("form").is_in([",", "-", "[", "]"])
                            | (pl.col("form").str.contains(r"^\d+$")
                               & (pl.col("form").shift(1).over("_q") == "[")))
                           .alias("_glue"))
             .with_columns(pl.col("_glue").cast(pl.Int8).cum_min().shift(1, fill_value=1).over("_q").alias("_open")))
    return (after.filter(pl.col("is_rv_incise") & (pl.col("_open") == 1))
            .group_by("_q").agg(pl.all().sort_by("_k").first())
            .select("_q", pl.col("sent_id").alias("_incise_sent"), pl.col("word_id").alias("_incise_word")))


def _clause_before(q: pl.DataFrame, tok: pl.DataFrame, tok_keyed: pl.DataFrame, free: pl.DataFrame,
                   qlevel: pl.DataFrame) -> list[pl.DataFrame]:
    """Candidates in the clause before the quotation (its tokens at the quotation's own depth): the verb of the
    clause before a colon (``_colon_*``), the "de X" of a noun of utterance that is its subject (``_colon_noun_*``),
    the last subject of a clause of saying before it (``_colon_subject_*``),
    the nearest reporting verb (``_near_*``), whether the token just before is one (``_prev_rv``) and whether a
    finite verb stands between the sentence's start and the quotation (``_finite_before``)."""
    key = ["doc_id", "sent_id", "word_id"]
    before = (q.select("_q", "doc_id", "_first", "_left_start", "_after_colon").drop_nulls()
              .with_columns(pl.int_ranges((pl.col("_first") - _BACK).clip(lower_bound=0), "_first").alias("rank"))
              .explode("rank")
              .join(free.select("doc_id", "rank", "start_char", "_depth", *key[1:], "upos", "is_rv", "deprel",
                                "verbform", "mood", "feats", "form_lemma", "lemma"),
                    on=["doc_id", "rank"])
              .join(qlevel, on="_q")
              .filter((pl.col("start_char") >= pl.col("_left_start")) & (pl.col("_depth") == pl.col("_level"))))
    with_aux = (tok.filter(pl.col("deprel").fill_null("").str.contains(r"^(?:aux|cop)"))
                .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.lit(True).alias("_has_aux")).unique())
    finite_or_infinitive = (pl.col("upos") == "VERB") & (_clause_form | (
        pl.col("_has_aux").fill_null(False) & ~pl.col("deprel").fill_null("").is_in(["acl", "amod"])))
    # a verb whose subject is a relative pronoun heads a relative clause, whatever the parser attached it as
    relative_clause = (tok.filter(pl.col("deprel").fill_null("").str.starts_with("nsubj")
                              & pl.col("lemma").is_in(_RELATIVE))
                       .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.lit(True).alias("_relative"))
                       .unique())
    colon_verb = (before.join(with_aux, on=key, how="left")
                  # (not a participle or adjective attached to a noun: "le raisonnement suivant :")
                  .filter(finite_or_infinitive
                          & (pl.col("is_rv") | ~pl.col("deprel").fill_null("").is_in(["acl", "amod"])))
                  # (a reporting verb first, then the main clause's verb rather than a relative's: "il se rangea au
                  # souhait du joueur qui en souhaitait deux :")
                  .join(relative_clause, on=key, how="left")
                  .with_columns(((pl.col("deprel").fill_null("") != "acl:relcl") & pl.col("_relative").is_null())
                                .alias("_main_clause")))
    # (then, before a colon and with no verb of saying, a verb that is not an infinitive nor inside an infinitive, a
    # gerund or a participle: such a verb's subject is the main clause's (Riegel et al. 2018, ch. XIII, the
    # control of non-finite forms), whose clause announces the quotation, "Il a publié un communiqué …, tout en
    # précisant qu'elles figuraient … :", "Elle se présente comme … capable de lui tenir tête :"; set13, set14)
    plain = pl.col("_after_colon") & ~pl.col("is_rv")
    colon_words = colon_verb.filter(plain).select(*key)
    non_finite = (tok.join(with_aux, on=key, how="left")
                  .filter((pl.col("upos") == "VERB") & pl.col("_has_aux").is_null()
                          & pl.col("verbform").is_in(["Inf", "Part"]))
                  .select("doc_id", "sent_id", pl.col("word_id").alias("anc"), pl.lit(True).alias("_non_finite")))
    nested = (ancestors(tok, words=colon_words).join(non_finite, on=["doc_id", "sent_id", "anc"])
              .select(*key, pl.lit(True).alias("_nested")).unique())
    colon_verb = (colon_verb.join(nested, on=key, how="left")
                  .with_columns(pl.when(plain).then(~(pl.col("_nested").fill_null(False)
                                                      | (pl.col("verbform") == "Inf")))
                                .otherwise(True).alias("_announcing"))
                  .sort("_q", "is_rv", "_main_clause", "_announcing", "rank").group_by("_q").last()
                  .select("_q", pl.col("sent_id").alias("_colon_sent"), pl.col("word_id").alias("_colon_word"),
                          pl.col("is_rv").alias("_colon_rv")))
    # "Le bilan de l'entraîneur était assez mitigé :": a noun of utterance as the subject, its "de X" the speaker;
    # or as the predicate of a copula ("Ce n'est pas l'avis de Fottorino :", set18)
    nouns = before.filter(pl.col("_after_colon") & (pl.col("upos") == "NOUN")
                          & pl.col("lemma").is_in(kind_words("utterance_noun")))
    predicates = (tok.join(nouns.select("doc_id", "sent_id").unique(), on=["doc_id", "sent_id"], how="semi")
                  .filter(pl.col("deprel") == "cop")
                  .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.lit(True).alias("_predicate"))
                  .unique())
    nouns = (nouns.join(predicates, on=key, how="left")
             .filter(pl.col("deprel").fill_null("").str.starts_with("nsubj") | pl.col("_predicate").fill_null(False))
             .drop("_predicate"))
    sentences = nouns.select("doc_id", "sent_id").unique()
    of = (tok.join(sentences, on=["doc_id", "sent_id"], how="semi")
          .filter((pl.col("deprel") == "case") & pl.col("lemma").is_in(kind_words("speaker_preposition")))
          .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    speakers_of = (tok.join(sentences, on=["doc_id", "sent_id"], how="semi")
                   .filter((pl.col("deprel") == "nmod") & pl.col("upos").is_in(["NOUN", "PROPN"]))
                   .join(of, on=key, how="semi")
                   .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.col("word_id").alias("_of_word"))
                   .group_by("doc_id", "sent_id", "word_id").agg(pl.col("_of_word").min()))
    colon_noun = (nouns.join(speakers_of, on=key)
                  .sort("_q", "rank").group_by("_q").last()
                  .select("_q", pl.col("sent_id").alias("_colon_noun_sent"),
                          pl.col("_of_word").alias("_colon_noun_word")))
    # (only in a clause whose last verb is one of saying, whatever its tag: "Pierre Moscovici, a pour sa part
    # ajouté :", not "les sites observés … étaient les suivants :")
    saying = pl.col("form_lemma").is_not_null() | pl.col("is_rv")
    saying_clause = (before.filter(saying | pl.col("upos").is_in(["VERB", "AUX"]))
                     .sort("_q", "rank").group_by("_q").last().filter(saying).select("_q"))
    colon_subject = (before.join(saying_clause, on="_q", how="semi")
                     .join(tok_keyed.select("doc_id", "rank", "lemma", "form"), on=["doc_id", "rank"])
                     .filter(pl.col("deprel").fill_null("").str.starts_with("nsubj")
                             & ~pl.col("lemma").is_in(_RELATIVE + list(words("relative_pronoun_other")))
                             & ~pl.col("form").str.to_lowercase().is_in(words("object_clitic")))
                     .sort("_q", "rank").group_by("_q").last()
                     .select("_q", pl.col("sent_id").alias("_colon_subject_sent"),
                             pl.col("word_id").alias("_colon_subject_word")))
    # (whether that verb speaks for someone: not negated, "ne signe pas « … »", nor passive, "est considéré comme
    # un accord « historique »" (by nobody named), nor the writer's imperative with no subject, "Rappelons que …",
    # as in :func:`_governing_verb`)
    near_rv = before.filter(pl.col("is_rv")).sort("_q", "rank").group_by("_q").last()
    # (the dependents of those verbs only: their negation, passive auxiliary and subject)
    dependents = (tok.select("doc_id", "sent_id", pl.col("head").alias("word_id"), "deprel", "feats")
                  .join(near_rv.select(*key).unique(), on=key, how="semi")
                  .group_by(key).agg(
                      (pl.col("feats").cast(pl.String).fill_null("").str.contains("Polarity=Neg")
                       | (pl.col("deprel") == "aux:pass")).any().alias("_negated"),
                      pl.col("deprel").cast(pl.String).fill_null("").str.starts_with("nsubj").any().alias("_subject")))
    ending = _alternation(kind_words("writer_imperative_ending"))
    writer = (pl.col("form").str.to_lowercase().str.contains(rf"(?:{ending})$")
              & ~pl.col("_subject").fill_null(False))
    near_rv = (near_rv.join(tok_keyed.select(*key, "form"), on=key, how="left")
               .join(dependents, on=key, how="left")
               .select("_q", pl.col("sent_id").alias("_near_sent"), pl.col("word_id").alias("_near_word"),
                       pl.col("start_char").alias("_near_start"),
                       (~pl.col("_negated").fill_null(False) & ~writer).alias("_near_speaks")))
    # a finite verb between the start of the sentence and the quotation ("Selon lui, cette période sera …, « … »")
    finite_before = (before.filter(pl.col("upos").is_in(["VERB", "AUX"]) & (pl.col("verbform") == "Fin"))
                     .select("_q").unique().with_columns(pl.lit(True).alias("_finite_before")))
    prev_tok = (q.select("_q", "doc_id", (pl.col("_first") - 1).alias("rank")).drop_nulls()
                .join(tok_keyed.select("doc_id", "rank", "is_rv"), on=["doc_id", "rank"])
                .select("_q", pl.col("is_rv").alias("_prev_rv")))
    return [colon_verb, colon_noun, colon_subject, near_rv, prev_tok, finite_before]


def _governing_verb(q: pl.DataFrame, tok: pl.DataFrame, free: pl.DataFrame, qlevel: pl.DataFrame,
                    quote_head: pl.DataFrame) -> pl.DataFrame:
    """``_q, _governing_sent, _governing_word``: the nearest reporting verb above the quotation's head in the
    tree, outside it and at its depth, not across a coordination, a parataxis, an adverbial or relative clause
    (trees of the quotations' sentences only). Quoted words of more than one word that modify a noun ("déplora
    un discours « truffé d'incantations »") climb from that noun. A verb in the first person plural with no
    subject ("Rappelons que …", "Notons que …") is the writer's imperative, not a speaker's verb (Riegel et al.
    2018, ch. X, the imperative)."""
    qbounds = q.select("_q", pl.col("start_char").alias("_qs"), pl.col("end_char").alias("_qe"))
    key = ["doc_id", "sent_id"]
    head_edge = tok.select(*key, pl.col("word_id").alias("_head_word"), pl.col("head").alias("_noun"),
                           pl.col("deprel").alias("_rel"))
    modifier = pl.col("_rel").is_in(["acl", "acl:relcl", "amod"]) & (pl.col("_n_words") > 1) & (pl.col("_noun") > 0)
    heads = (quote_head.join(head_edge, on=[*key, "_head_word"], how="left")
             .join(q.select("_q", "_n_words"), on="_q", how="left"))
    start = (heads.with_columns(pl.when(modifier).then(pl.col("_noun")).otherwise(pl.col("_head_word")).alias("_start"))
             .select("_q", *key, "_start"))
    # a coordination of noun phrases or of subjectless non-finite verbs stays in the clause of the first
    # conjunct ("des « mensonges » et des « manipulations »", "un discours « truffé d'incantations » et
    # manquant « de courage politique »", where quoted words modifying a noun climb from that noun as above); a
    # conjoined clause with a finite verb or a subject of its own is another clause, which blocks the climb
    tok = tok.join(start.select(*key).unique(), on=key, how="semi")  # (the quotations' sentences only)
    own_subject = (tok.filter(pl.col("deprel").fill_null("").str.starts_with("nsubj"))
                   .select(*key, pl.col("head").alias("word_id"), pl.lit(True).alias("_own_subject")).unique())
    quoted_modifier = (heads.filter(modifier).select(*key, pl.col("_head_word").alias("word_id"),
                                                     pl.lit(True).alias("_quoted_modifier")).unique())
    # an "adverbial" clause opened by "que" is the content clause of the verb above it, which the parser
    # mislabelled ("le FBI pensait que le suspect aurait « des sympathies »": aurait advcl of pensait); it does
    # not block the climb (Riegel et al. 2018, ch. XVII: the completive in "que")
    completive = (tok.filter((pl.col("deprel") == "mark")
                             & pl.col("form").str.to_lowercase().is_in(words("complementizer")))
                  .select(*key, pl.col("head").alias("word_id"), pl.lit(True).alias("_completive")).unique())
    clause = (pl.col("upos").is_in(["VERB", "AUX"]) & (pl.col("verbform") == "Fin")) | pl.col("_own_subject")
    climbing = (tok.join(own_subject, on=[*key, "word_id"], how="left")
                .join(quoted_modifier, on=[*key, "word_id"], how="left")
                .join(completive, on=[*key, "word_id"], how="left")
                .with_columns(pl.col("_own_subject").fill_null(False))
                .with_columns(pl.when((pl.col("deprel") == "conj") & ~clause.fill_null(False))
                              .then(pl.lit("conj:phrase"))
                              .when(pl.col("_quoted_modifier").fill_null(False)).then(pl.lit("acl:quoted"))
                              .when((pl.col("deprel") == "advcl") & pl.col("_completive").fill_null(False))
                              .then(pl.lit("ccomp"))
                              .otherwise(pl.col("deprel")).alias("deprel")))
    anc = ancestors(climbing, words=start.select(*key, pl.col("_start").alias("word_id")),
                    across=("conj", "parataxis"))
    with_subject = (tok.filter(pl.col("deprel").fill_null("").str.starts_with("nsubj"))
                    .select(*key, pl.col("head").alias("anc"), pl.lit(True).alias("_has_subject")).unique())
    ending = _alternation(kind_words("writer_imperative_ending"))
    writer = pl.col("_form").str.to_lowercase().str.contains(rf"(?:{ending})$") & pl.col("_has_subject").is_null()
    verbs = (start.join(anc, left_on=[*key, "_start"], right_on=[*key, "word_id"])
             .join(free.select(*key, pl.col("word_id").alias("anc"), "is_rv", "_depth",
                               pl.col("start_char").alias("_as"), pl.col("form").alias("_form")),
                   on=[*key, "anc"])
             .join(with_subject, on=[*key, "anc"], how="left")
             .join(qbounds, on="_q").join(qlevel, on="_q")
             .filter(pl.col("is_rv") & ~writer & (pl.col("_depth") == pl.col("_level"))
                     & ((pl.col("_as") < pl.col("_qs")) | (pl.col("_as") >= pl.col("_qe"))))
             .sort("_q", "depth"))
    # (the nearest reporting verb above, whatever subordinate clause it climbs from, not from a clause of its own
    # joined by a conjunction or set beside: the verb of saying under which the writer reports the words, "en
    # expliquant que le passager était devenu « turbulent »", not "Jospin répond … et ne signe pas « … »")
    above = (verbs.filter(~pl.col("crossed")).group_by("_q").first()
             .select("_q", pl.col("anc").alias("_saying_above")))
    return (verbs.filter(~pl.col("blocked")).group_by("_q").first()
            .select("_q", pl.col("sent_id").alias("_governing_sent"), pl.col("anc").alias("_governing_word"))
            .join(above, on="_q", how="full", coalesce=True))


def _previous_sentence(q: pl.DataFrame, tok: pl.DataFrame, tok_keyed: pl.DataFrame,
                       free: pl.DataFrame) -> pl.DataFrame:
    """``_q, _previous_sent, _previous_word, _ps_end``: for a quotation opening its sentence, the reporting verb
    with a subject of the sentence before it, when that sentence has no quotation ("La porte-parole a nuancé
    les chiffres. « On a constaté … »"); the root may be a verb the tagger missed ("a nuancé" as an adjective)."""
    # (a pronoun the parser calls expletive is a subject too, but for a passive: "Il a souhaité faire un rappel au
    # règlement." / "Il a été annoncé que …")
    subject = ((pl.col("deprel").fill_null("").str.starts_with("nsubj")
                | (pl.col("deprel") == "expl:subj") & (pl.col("upos") == "PRON"))
               & ~pl.col("lemma").is_in(_RELATIVE))
    passive = tok.filter(pl.col("deprel") == "aux:pass").select("doc_id", "sent_id", pl.col("head").alias("word_id"))
    subject_of = (tok.filter(subject)
                  .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique()
                  .join(passive, on=["doc_id", "sent_id", "word_id"], how="anti"))
    prev_sentence = (q.filter(pl.col("_sentence_start")).select("_q", "doc_id", (pl.col("_first") - 1).alias("rank"))
                     .join(tok_keyed.select("doc_id", "rank", pl.col("sent_id").alias("_previous_sent"),
                                            pl.col("end_char").alias("_ps_end")), on=["doc_id", "rank"])
                     .drop("rank"))
    quoted_sentences = free.filter(pl.col("_depth") > 0).select("doc_id", pl.col("sent_id").alias("_previous_sent"))
    saying_root = ((pl.col("is_rv") | pl.col("form_lemma").is_not_null() & (pl.col("deprel") == "root"))
                   & (pl.col("_depth") == 0))
    return (prev_sentence.join(free.filter(saying_root).select("doc_id", pl.col("sent_id").alias("_previous_sent"),
                                                               "word_id", "rank"),
                               on=["doc_id", "_previous_sent"])
            .join(subject_of.rename({"sent_id": "_previous_sent"}), on=["doc_id", "_previous_sent", "word_id"],
                  how="semi")
            .join(quoted_sentences.unique(), on=["doc_id", "_previous_sent"], how="anti")
            .sort("_q", "rank").group_by("_q").first()
            .select("_q", "_previous_sent", pl.col("word_id").alias("_previous_word"), "_ps_end"))


def _open_incise_verb(q: pl.DataFrame, tok_keyed: pl.DataFrame) -> pl.DataFrame:
    """``_q, _open_incise_lemma``: the word :func:`_open_incise_pattern` read as the incise's verb is a verb to the
    tagger (not "selon", "dont", an adverb), or a noun or adjective to the tagger that the Lefff lists as a verb in
    the third person of the indicative ("», tempête X", "», peste X": the tagger's noun), and its lemma (the
    Lefff's, for those)."""
    at = (q.select("_q", "doc_id", pl.col("_open_form_end").alias("end_char")).drop_nulls()
          .join(tok_keyed.select("doc_id", "end_char", "upos", "lemma", "form"), on=["doc_id", "end_char"])
          .with_columns(lexicon_form(pl.col("form")).alias("_lower")))
    verbs = third_person_verb_forms().rename({"form": "_lower", "lemma": "_verb_lemma"})
    return (at.join(verbs, on="_lower", how="left")
            .filter((pl.col("upos") == "VERB") | pl.col("upos").is_in(["NOUN", "ADJ"]) & pl.col("_verb_lemma")
                    .is_not_null())
            .group_by("_q").agg(pl.when(pl.col("upos") == "VERB").then(pl.col("lemma"))
                                .otherwise(pl.col("_verb_lemma")).first().alias("_open_incise_lemma")))


def _token_evidence(q: pl.DataFrame, tok: pl.DataFrame) -> pl.DataFrame:
    """``q`` with every candidate the rules read from the tokens (see :func:`source_rules`)."""
    key = ["doc_id", "sent_id", "word_id"]
    tok_keyed = tok.select(*key, "rank", "start_char", "end_char", "upos", "lemma", "is_rv", "is_rv_incise", "deprel",
                           "head", "form", "verbform", "mood", "feats", "form_lemma")
    q, quote_head = _quote_tokens(q, tok_keyed)
    # quotation depth of every token: a verb is a candidate for a quotation of the same level only
    free = quote_depth(tok, q.select("doc_id", "start_char", "end_char"))
    qlevel = q.select("_q", pl.col("level").cast(pl.Int64).alias("_level"))
    candidates = [_incise_after(q, tok_keyed), _previous_sentence(q, tok, tok_keyed, free),
                  *_clause_before(q, tok, tok_keyed, free, qlevel), _governing_verb(q, tok, free, qlevel, quote_head)]
    # the part of speech of the word before the quotation's first token (its opening mark): a feature of its kind
    before = (q.select("_q", "doc_id", (pl.col("_first") - 1).alias("rank")).drop_nulls()
              .join(tok_keyed.select("doc_id", "rank", pl.col("upos").alias("_prev_upos")), on=["doc_id", "rank"])
              .select("_q", "_prev_upos"))
    for frame in [*candidates, before, _open_incise_verb(q, tok_keyed)]:
        q = q.join(frame, on="_q", how="left")
    between = pl.col("text").str.slice(pl.col("_ps_end"), pl.col("start_char") - pl.col("_ps_end"))
    return q.with_columns(
        pl.col("_prev_rv", "_finite_before").fill_null(False),
        pl.when(pl.col("_open_incise_lemma").is_not_null()).then(pl.col("_open_incise_end"))
        .alias("_open_incise_end"),
        # the sentence before is in the same paragraph (no blank line; no line break when lines are paragraphs)
        pl.when(pl.col("_previous_word").is_not_null())
        .then(~between.str.contains(r"\n[ \t]*\n") & (_WRAPPED | ~between.str.contains("\n")))
        .alias("_ps_same_paragraph"),
        # a quoted adjective modifying a noun («réelle» fraude) keeps its distance even under a reporting verb;
        # a phrase does not ("un discours « truffé d'incantations »")
        (pl.col("_governing_word").is_not_null()
         & ((pl.col("_head_rel").fill_null("") != "amod") | (pl.col("_n_words") > 1)))
        .alias("_embedded_attributed"))


# --------------------------------------------------------------------------- decisions

def _first_rule(table: list[tuple[str, pl.Expr]], otherwise: pl.Expr | None = None) -> pl.Expr:
    """The name of the first rule of ``table`` whose condition holds (a null condition does not)."""
    chosen = pl.when(otherwise).then(None) if otherwise is not None else None
    for name, condition in table:
        chosen = (pl.when(condition.fill_null(False)) if chosen is None
                  else chosen.when(condition.fill_null(False))).then(pl.lit(name))
    return chosen


def _rule_kinds(q: pl.DataFrame) -> pl.DataFrame:
    """``_kind_rule`` and ``kind`` by :func:`kind_rules` (the first row that holds)."""
    kinds = kind_rules()
    q = q.with_columns(_first_rule([(name, condition) for name, condition, _ in kinds]).alias("_kind_rule"))
    return q.with_columns(pl.col("_kind_rule").replace_strict({name: kind for name, _, kind in kinds},
                                                              return_dtype=pl.String).alias("kind"))


#: The default decider of :data:`~corpusling.registry.KIND_DECIDERS` (the ordered rules, the learned model, or the
#: hybrid: the rules' ``direct`` stands, the model chooses between ``mixed`` and ``scare``): the hybrid met the
#: criterion fixed before the experiment (pooled leave-one-set-out accuracy at least the rules', on set5-set11,
#: again on set5-set13 and, a tie of 790 items each, on set5-set14), the model alone did not
#: (``quote_kind_weights.md``).
DEFAULT_KINDS = "hybrid"


def decider(kinds: str | None) -> str:
    """``kinds`` checked against :data:`~corpusling.registry.KIND_DECIDERS` (None: :data:`DEFAULT_KINDS`)."""
    if kinds is None:
        return DEFAULT_KINDS
    if kinds not in KIND_DECIDERS:
        raise ValueError(f"kinds must be one of {', '.join(KIND_DECIDERS)}, not {kinds!r}")
    return kinds


def _model_kinds(q: pl.DataFrame, kinds: str) -> pl.DataFrame:
    """``_kind_rule`` ("model:<top feature>") and ``kind`` by the learned classifier over :func:`kind_features`
    (:mod:`corpusling.markers.quote_kind_model`): for every quotation (``kinds="model"``) or, for ``"hybrid"``,
    between ``mixed`` and ``scare`` where the rules do not say ``direct`` (their rule kept where they do)."""
    from corpusling.markers.quote_kind_model import decide

    features = kind_features()
    q = _rule_kinds(q).with_columns(expr for _, expr in features)
    chosen = decide(q, among=("mixed", "scare") if kinds == "hybrid" else None)
    by_model = pl.lit(kinds == "model") | (pl.col("kind") != "direct")
    return q.drop([name for name, _ in features]).with_columns(
        chosen["kind"].alias("_model_kind"), chosen["top_feature"].alias("_model_feature")).with_columns(
        pl.when(by_model).then(pl.col("_model_kind")).otherwise(pl.col("kind")).alias("kind"),
        pl.when(by_model).then("model:" + pl.col("_model_feature").fill_null(INTERCEPT))
        .otherwise(pl.col("_kind_rule")).alias("_kind_rule")).drop("_model_kind", "_model_feature")


def _enumerated(q: pl.DataFrame) -> pl.DataFrame:
    """A quotation that follows another in an enumeration, nothing but a comma, "et" or "ou" (and a parenthesis)
    between them, is ``direct`` when the first of the enumeration is, announced by a colon after a clause: the
    chants or cries of one voice ("ont clamé : « Menteur », « Misogyne », « Not my president »"), each an utterance
    presented as such (the guide §2); not a list of words opening a sentence ("« Scandaleuse », « atteinte à la
    démocratie »… Tels sont les mots employés") nor of names ("appelés « Liberté », « Égalité » et « Fraternité »");
    ``_kind_rule`` ``enumeration``."""
    follows = pl.col("_left").str.contains(r"[»”\"]\s*\)?\s*(?:,|\bet\b|\bou\b)\s*\(?\s*$").fill_null(False)
    q = q.with_row_index("_e").sort("doc_id", "start_char")
    chain = (~follows).cast(pl.Int32).cum_sum().over("doc_id")
    first_rule = pl.col("_kind_rule").first().over("doc_id", chain)
    enumerated = follows & (first_rule == "colon") & (pl.col("kind") != "direct")
    return (q.with_columns(pl.when(enumerated).then(pl.lit("enumeration")).otherwise(pl.col("_kind_rule"))
                           .alias("_kind_rule"),
                           pl.when(enumerated).then(pl.lit("direct")).otherwise(pl.col("kind")).alias("kind"))
            .sort("_e").drop("_e"))


def _decide(q: pl.DataFrame, kinds: str = DEFAULT_KINDS) -> pl.DataFrame:
    """``_kind_rule`` and ``kind`` by :func:`kind_rules` (``kinds="rules"``), the learned classifier (``"model"``)
    or both (``"hybrid"``: :func:`_model_kinds`), then ``_src_rule`` by :func:`source_rules` (none for a scare
    quote) with the verb it points to: a token (``_v_sent``, ``_v_word``) or a place in the text (``_t_end``,
    ``_t_form``)."""
    q = _enumerated(_rule_kinds(q) if kinds == "rules" else _model_kinds(q, kinds))
    table = source_rules()
    q = q.with_columns(_first_rule([(r.name, r.condition) for r in table], otherwise=pl.col("kind") == "scare")
                       .alias("_src_rule"))
    rule = pl.col("_src_rule")
    def pick(field: str, column: str) -> pl.Expr:
        """``_<candidate>_<column>`` of the candidate the deciding rule names in ``field``."""
        return pl.coalesce([pl.when(rule == r.name).then(pl.col(f"_{getattr(r, field)}_{column}"))
                            for r in table if getattr(r, field)])

    return q.with_columns(pick("verb", "sent").alias("_v_sent"), pick("verb", "word").alias("_v_word"),
                          pick("text_verb", "end").alias("_t_end"), pick("text_verb", "form").alias("_t_form"))


def _rule_is(table: list[SourceRule], **wanted: str | None) -> pl.Expr:
    """The deciding source rule is one whose fields have the given values."""
    names = [r.name for r in table if all(getattr(r, field) == value for field, value in wanted.items())]
    return pl.col("_src_rule").is_in(names)


def _verb(q: pl.DataFrame, tok: pl.DataFrame, lexicon: pl.DataFrame, forms: pl.DataFrame) -> pl.DataFrame:
    """What the deciding rule's verb is: ``_v_lemma``, ``_v_rv`` / ``_v_rv_incise`` (a reporting verb), ``_v_end``,
    and in the tree ``_v_head``, ``_v_rel``, ``_v_inf`` (an infinitive); a verb found in the text only has its
    end and the lemma of its form."""
    verb_info = tok.select("doc_id", pl.col("sent_id").alias("_v_sent"), pl.col("word_id").alias("_v_word"),
                           pl.when(pl.col("lemma").is_in(_verb_lemmas(lexicon, incise=True))).then(pl.col("lemma"))
                           .otherwise(pl.coalesce("form_lemma", "lemma")).alias("_v_lemma"),
                           pl.col("is_rv").alias("_v_rv"),
                           pl.col("is_rv_incise").alias("_v_rv_incise"),
                           pl.col("head").alias("_v_head"), pl.col("deprel").alias("_v_rel"),
                           pl.col("end_char").alias("_v_end"),
                           ((pl.col("verbform") == "Inf") | (pl.col("form").str.to_lowercase() == pl.col("lemma"))
                            & pl.col("lemma").str.contains(r"(?:er|ir|re)$")).fill_null(False).alias("_v_inf"))
    by_form = forms.group_by("form").agg(pl.col("lemma").first().alias("_t_lemma")).rename({"form": "_t_form"})
    return (q.join(verb_info, on=["doc_id", "_v_sent", "_v_word"], how="left")
            .join(by_form, on="_t_form", how="left")
            .with_columns(pl.coalesce("_t_lemma", pl.when(pl.col("_src_rule") == OPEN_INCISE)
                                      .then(pl.col("_open_incise_lemma"))).alias("_t_lemma"))
            .with_columns(pl.coalesce("_v_end", "_t_end").alias("_v_end"),
                          pl.coalesce("_v_lemma", "_t_lemma").alias("_v_lemma"),
                          (pl.col("_v_rv_incise") | pl.col("_t_lemma").is_not_null()).alias("_v_rv_incise")))


def _subject_source(q: pl.DataFrame, tok: pl.DataFrame, table: list[SourceRule]) -> pl.DataFrame:
    """``source_start, source_end`` of the noun phrase the tree gives: the verb's subject, the noun a participle or
    a relative depends on, the governing verb's subject for an infinitive, or the subject found before a colon."""
    # a subject is never a clitic object and never has a preposition ("a de son côté dénoncé": no subject "côté")
    object_clitic = pl.col("form").str.to_lowercase().is_in(words("object_clitic"))
    with_case = (tok.filter(pl.col("deprel") == "case")
                 .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    # of several subjects ("L'un des porte-parole …, Joe Incandela, a annoncé", a description and its name both
    # tagged subjects), the proper name nearest the verb
    # (an "il" the parser calls expletive, "Il a estimé que", is the subject of an active reporting verb: below)
    passive = (tok.filter(pl.col("deprel") == "aux:pass")
               .select("doc_id", "sent_id", "head", pl.lit(True).alias("_passive")).unique())
    expletive = (pl.col("deprel") == "expl:subj") & (pl.col("upos") == "PRON")
    # "alias" and the name after it are a nickname, not the subject ("Maxime Nicolle, alias Fly Rider, commente :",
    # where the parser makes "alias" a second subject)
    alias = tok.filter(pl.col("form").str.to_lowercase().is_in(kind_words("alias_word")))
    nickname = pl.concat([alias.select("doc_id", "sent_id", "word_id"),
                          alias.select("doc_id", "sent_id", pl.col("word_id") + 1)])
    # a fronted time adverbial the parser makes a second subject ("Ce matin, …, l'afficheur Michel-Ange Flori a
    # affiché … :") is no speaker, as in the speakers of reported speech (``time_noun`` of reported_cues.tsv)
    subj = (tok.join(with_case, on=["doc_id", "sent_id", "word_id"], how="anti")
            .join(nickname, on=["doc_id", "sent_id", "word_id"], how="anti")
            .filter(~pl.col("lemma").str.to_lowercase().is_in(reported_cues("time_noun")))
            .join(passive, on=["doc_id", "sent_id", "head"], how="left")
            .filter((pl.col("deprel").str.starts_with("nsubj") | expletive & pl.col("_passive").is_null())
                    & ~object_clitic)
            .sort("doc_id", "sent_id", "head", expletive, pl.col("upos") != "PROPN",
                  pl.when(pl.col("upos") == "PROPN").then(-pl.col("word_id")).otherwise(pl.col("word_id")))
            .select("doc_id", "sent_id", pl.col("head").alias("_gov"), pl.col("word_id").alias("_subj"),
                    pl.col("lemma").alias("_subj_lemma"), expletive.alias("_subj_expletive"),
                    pl.col("form").str.to_lowercase().alias("_subj_form"))
            .group_by("doc_id", "sent_id", "_gov", maintain_order=True).first())
    first_before = (tok.filter(pl.col("deprel").str.starts_with("nsubj") & (pl.col("word_id") < pl.col("head"))
                               & ~object_clitic)
                    .group_by("doc_id", pl.col("sent_id").alias("_v_sent"), pl.col("head").alias("_v_word"))
                    .agg(pl.col("word_id").min().alias("_subj_first")))
    # "comme le précise l'ambassadeur": a verb with an object clitic before it has its inverted subject after it,
    # which the parser takes for a second object
    clitic_before = (tok.filter((pl.col("deprel") == "obj") & object_clitic & (pl.col("word_id") < pl.col("head")))
                     .select("doc_id", "sent_id", pl.col("head").alias("_gov")).unique())
    # (not a time noun the parser made an object: "a noté un jour le chef animateur"; lemmas lower-cased on the
    # nouns after their verb only)
    after_verb = (tok.filter(pl.col("deprel").is_in(["obj", "nsubj"]) & pl.col("upos").is_in(["NOUN", "PROPN"])
                             & (pl.col("word_id") > pl.col("head")))
                  .filter(~pl.col("lemma").str.to_lowercase().is_in(reported_cues("time_noun")))
                  .select("doc_id", "sent_id", pl.col("head").alias("_gov"), pl.col("word_id").alias("_inv"),
                          (pl.col("deprel") == "obj").alias("_is_obj")))
    inverted = (after_verb.join(clitic_before, on=["doc_id", "sent_id", "_gov"], how="semi")
                .group_by("doc_id", "sent_id", "_gov").agg(pl.col("_inv").min()))
    # an incise's verb has the quotation for its object: a noun after it that the parser calls its object is its
    # inverted subject, and a subject after that noun an apposition to it ("« … », écrivent les parents de Quentin
    # Roy, jeune homme de 23 ans tué en Syrie": the parser's subject is "homme")
    incise_object = (after_verb.filter(pl.col("_is_obj"))
                     .group_by("doc_id", "sent_id", "_gov").agg(pl.col("_inv").min().alias("_incise_obj")))
    # a present participle right after a noun speaks for that noun even when the tree says otherwise
    # ("un message disant « … »", the participle tagged as an adverb)
    noun_before = tok.select("doc_id", pl.col("sent_id").alias("_v_sent"), (pl.col("word_id") + 1).alias("_v_word"),
                             pl.col("upos").is_in(["NOUN", "PROPN"]).alias("_noun_before"))
    verb_form = tok.select("doc_id", pl.col("sent_id").alias("_v_sent"), pl.col("word_id").alias("_v_word"),
                           pl.col("form").str.ends_with("ant").alias("_v_participle"))
    q = (q.join(subj.rename({"sent_id": "_v_sent", "_gov": "_v_word"}), on=["doc_id", "_v_sent", "_v_word"],
                how="left")
         .join(subj.rename({"sent_id": "_v_sent", "_gov": "_v_head", "_subj": "_subj2"})
               .drop("_subj_lemma", "_subj_expletive", "_subj_form"),
               on=["doc_id", "_v_sent", "_v_head"], how="left")
         .join(inverted.rename({"sent_id": "_v_sent", "_gov": "_v_word"}), on=["doc_id", "_v_sent", "_v_word"],
               how="left")
         .join(incise_object.rename({"sent_id": "_v_sent", "_gov": "_v_word"}), on=["doc_id", "_v_sent", "_v_word"],
               how="left")
         .join(first_before, on=["doc_id", "_v_sent", "_v_word"], how="left")
         .join(noun_before, on=["doc_id", "_v_sent", "_v_word"], how="left")
         .join(verb_form, on=["doc_id", "_v_sent", "_v_word"], how="left"))
    colon_subject, colon_noun = _rule_is(table, source="colon_subject"), _rule_is(table, source="colon_noun")
    relative_subject = pl.col("_subj_lemma").is_in(_RELATIVE)
    q = q.with_columns(
        pl.when(colon_subject).then(pl.col("_colon_subject_word"))
        .when(colon_noun).then(pl.col("_colon_noun_word"))
        .when(pl.col("_v_word").is_null()).then(None)
        # a verb before a colon whose tree subject follows it took a word of the quotation ("Mark Lavelle, PDG de
        # Magento, a déclaré : « Adobe et Magento partage … »"): the last subject before the colon speaks
        # (of the subjects before the verb, the first: the name an apposition follows)
        .when(_rule_is(table, verb="colon") & (pl.col("_subj") > pl.col("_v_word"))
              & pl.col("_subj_first").is_not_null())
        .then(pl.col("_subj_first"))
        .when(_rule_is(table, verb="incise") & (pl.col("_subj") > pl.col("_incise_obj"))
              & (pl.col("_incise_obj") > pl.col("_v_word")))
        .then(pl.col("_incise_obj"))
        # an incise inverts its subject: "nous" or "vous" before its verb is its indirect object ("« … », nous a
        # confié le maire", "nous explique-t-il"), the subject the noun after the verb or its inverted clitic
        .when(_rule_is(table, verb="incise") & (pl.col("_subj") < pl.col("_v_word"))
              & pl.col("_subj_form").is_in(words("incise_object_clitic")))
        .then(pl.col("_incise_obj"))
        .when(pl.col("_subj").is_not_null() & ~(relative_subject & (pl.col("_v_rel") == "acl:relcl"))
              & (~pl.col("_subj_expletive") | pl.col("_v_rv") | pl.col("_v_rv_incise")))
        .then(pl.col("_subj"))
        .when(pl.col("_inv").is_not_null()).then(pl.col("_inv"))
        # ... and, the tree giving it no subject at all, the noun after an incise's verb that the parser calls its
        # object ("« … » a déclaré maître Bauer après la victoire": "maître" obj; set18)
        .when(_rule_is(table, verb="incise") & pl.col("_incise_obj").is_not_null()).then(pl.col("_incise_obj"))
        # the noun a participle or a relative depends on ("un communiqué affirmant"), not the noun an infinitive
        # was misattached to ("…, avant de souligner :", whose subject is the main clause's)
        .when(pl.col("_v_rel").is_in(["acl", "acl:relcl"]) & ~pl.col("_v_inf")).then(pl.col("_v_head"))
        .when(pl.col("_v_participle") & pl.col("_noun_before")).then(pl.col("_v_word") - 1)
        .when(pl.col("_v_rel").is_in(["xcomp", "advcl", "conj", "ccomp", "obl", "advcl:cleft"])
              & pl.col("_subj2").is_not_null())
        .then(pl.col("_subj2"))
        .alias("src_word"))
    heads = q.filter(pl.col("src_word").is_not_null()).select(
        "_q", "doc_id", pl.coalesce(pl.when(colon_subject).then(pl.col("_colon_subject_sent")),
                                    pl.when(colon_noun).then(pl.col("_colon_noun_sent")), "_v_sent")
        .alias("sent_id"), "src_word")
    q = q.join(source_spans(heads, tok, ancestors(tok, heads)), on="_q", how="left")
    # a source stands at its quotation's depth: never inside it, nor inside another quotation ("« Tout simplement »,
    # a précisé X, « parce que l'histoire … »", where the tree makes the next quotation the subject)
    # (a quotation the parser hung on the source's head, "une pancarte « je suis partout », Karim Hacène, journaliste
    # a twitté : « … »", is left out: the source then starts at its head)
    spans = q.select("doc_id", "start_char", "end_char")
    # (the depths of the span's start and of its head, read in one pass)
    both = quote_depth(pl.concat([q.select("doc_id", pl.col("source_start").fill_null(-1).alias("start_char")),
                                  q.select("doc_id", pl.col("_src_head_start").fill_null(-1).alias("start_char"))]),
                       spans)["_depth"]
    start_depth, head_depth = both.head(q.height), both.tail(q.height)
    level = pl.col("level").cast(pl.Int64)
    from_head = (start_depth != level) & (head_depth == level)
    q = q.with_columns(pl.when(from_head).then(pl.col("_src_head_start")).otherwise(pl.col("source_start"))
                       .alias("source_start"))
    depth = pl.when(from_head).then(head_depth).otherwise(start_depth)
    inside = (pl.col("source_start") < pl.col("end_char")) & (pl.col("source_end") > pl.col("start_char"))
    q = q.with_columns(pl.when(inside | (depth != pl.col("level").cast(pl.Int64))).then(None)
                       .otherwise(pl.col("source_start")).alias("source_start"))
    return q.with_columns(pl.when(pl.col("source_start").is_null()).then(None).otherwise(pl.col("source_end"))
                          .alias("source_end"))


def _inverted_source(q: pl.DataFrame, tok: pl.DataFrame, table: list[SourceRule]) -> pl.DataFrame:
    """Where the tree gives no subject, for the rules that allow it: the inverted clitic ("a-t-il précisé",
    "dit-elle"), else the noun phrase after the verb, up to a comma, a stop, a preposition of place or time, a
    relative or a verb (a participial clause, left out as from the tree's sources: "s'est défendu Bruno Le Roux
    concernant …") ("a déclaré jeudi à l'AFP le ministre"; "comme le rappelle HRW": an inverted subject the parser
    missed)."""
    after_quote = _rule_is(table, clitic="after_quote")
    # the clitic after the quotation, up to 12 characters past the verb (a verb elsewhere: the rest of the text)
    clitic_text = pl.col("text").str.slice(
        pl.col("end_char"), (pl.when(after_quote).then(pl.col("_v_end")) + 12 - pl.col("end_char")).clip(lower_bound=0))
    np_text = pl.col("text").str.slice(pl.col("_v_end"), 200)
    word = r"(?:\p{Lu}\.|[^\s,.;:()!?«»]+)"
    np_pattern = rf"^\s+{_SKIP}{{0,3}}({word}(?:\s+{word})*?)(?:\s+(?:{_NP_END})\s|\s*[,.;:()!?]|\s*$)"
    clitic = rf"((?i:{_CLITICS}))"
    inside_quote = _rule_is(table, clitic="inside_quote")
    q = q.with_columns(
        # (an incise inside the marks has its clitic at the end of the verb: "…, dit-il, …")
        pl.when(inside_quote).then(pl.col("_inside_incise_clitic").str.extract(rf"{clitic}$", 1))
        .otherwise(clitic_text.str.extract(rf"-(?:t-)?{clitic}\b", 1)).alias("_clitic"),
        # a noun phrase: a name or a determiner first ("l'universitaire", "V. Sapounov", not "que")
        np_text.str.extract(np_pattern, 1).alias("_np"),
    ).with_columns(
        pl.when(pl.col("_np").str.contains(_NP_START)).then(pl.col("_np")).alias("_np"),
        # (the last inverted clitic of the incise, after its verb or its auxiliary: "…, a-t-il déclaré, …")
        pl.when(inside_quote & pl.col("_clitic").is_not_null())
        .then(pl.col("start_char") + pl.col("text").str.slice(pl.col("start_char"),
                                                              pl.col("_inside_incise_end") - pl.col("start_char"))
              .str.extract(rf"^(.*-(?:t-)?){clitic}\b", 1).str.len_chars())
        .when(pl.col("_clitic").is_not_null())
        .then(pl.col("end_char") + clitic_text.str.extract(rf"^(.*?-(?:t-)?){clitic}\b", 1).str.len_chars())
        .alias("_cl_pos"),
    )
    no_tree_subject = _rule_is(table, clitic=None).not_() & pl.col("source_start").is_null()
    clitic_found = no_tree_subject & pl.col("_clitic").is_not_null()
    np_found = no_tree_subject & pl.col("_np").is_not_null()
    np_pos = pl.col("_v_end") + _char_find(np_text, pl.col("_np"))
    q = q.with_columns(
        pl.when(clitic_found).then(pl.col("_cl_pos")).when(np_found).then(np_pos).alias("_found_start"),
        pl.when(clitic_found).then(pl.col("_cl_pos") + pl.col("_clitic").str.len_chars())
        .when(np_found).then(np_pos + pl.col("_np").str.len_chars()).alias("_found_end"),
    )
    # the noun phrase ends where a participial, relative or adverbial clause in it starts (the first word of its verb
    # and of the verb's dependents), left out as from the tree's sources (:data:`SOURCE_EXCLUDED`); a capitalised
    # participle belongs to a title ("Professeur Associé de Psychiatrie")
    inside = (q.filter(np_found & ~clitic_found).select("_q", "doc_id", "_found_start", "_found_end")
              .join(tok.select("doc_id", "sent_id", "word_id", "head", "deprel", "upos", "form", "start_char"),
                    on="doc_id")
              .filter((pl.col("start_char") > pl.col("_found_start")) & (pl.col("start_char") < pl.col("_found_end"))))
    verbs = inside.filter((pl.col("upos") == "VERB") & pl.col("deprel").is_in(SOURCE_EXCLUDED)
                          & ~pl.col("form").str.contains(r"^\p{Lu}")).select("_q", "sent_id", "word_id", "start_char")
    dependents = inside.select("_q", "sent_id", pl.col("head").alias("word_id"), "start_char").join(
        verbs.select("_q", "sent_id", "word_id"), on=["_q", "sent_id", "word_id"])
    cut = pl.concat([verbs.drop("word_id", "sent_id"), dependents.drop("word_id", "sent_id")]).group_by("_q").agg(
        pl.col("start_char").min().alias("_cut"))
    kept = pl.col("text").str.slice(pl.col("_found_start"), pl.col("_cut") - pl.col("_found_start"))
    q = q.join(cut, on="_q", how="left").with_columns(
        pl.when(pl.col("_cut").is_not_null()).then(pl.col("_found_start") + kept.str.strip_chars_end().str.len_chars())
        .otherwise(pl.col("_found_end")).alias("_found_end")).drop("_cut")
    # a source read in the text after the quotation stands at its depth, as one the tree gives
    # (:func:`_subject_source`): never inside another quotation ("« … » poursuivant par « On dit que c'est le
    # gouvernement … »", whose second quotation is no noun phrase after the verb; set13); an incise between the
    # marks has its own inside them
    depth = quote_depth(q.select("doc_id", pl.col("_found_start").fill_null(-1).alias("start_char")),
                        q.select("doc_id", "start_char", "end_char"))["_depth"]
    found = pl.col("_found_start").is_not_null() & (inside_quote | (depth == pl.col("level").cast(pl.Int64)))
    return q.with_columns(
        pl.when(found).then(pl.col("_found_start")).otherwise(pl.col("source_start")).alias("source_start"),
        pl.when(found).then(pl.col("_found_end")).otherwise(pl.col("source_end")).alias("source_end"),
    ).drop("_found_start", "_found_end")


@dataclass(frozen=True)
class _TextSource:
    """One kind of source read in the text (a ``SourceRule.source``): the expressions of the source's ``text``, of its
    ``start`` offset in the document and, where the kind gives one, of its ``verb`` (the preposition, the verb read)."""

    source: str
    text: pl.Expr
    start: pl.Expr
    verb: pl.Expr | None = None


def _text_sources() -> list[_TextSource]:
    """The kinds of source read in the text, in the order :func:`_text_source` tries them: the noun phrase of
    "selon X" inside, before or after the quotation, a name before a colon, an agent, a signature, a name before its
    verb, "par la voix de X", the document read."""
    def in_left(found: pl.Expr) -> pl.Expr:
        return pl.col("_left_start") + _char_find(pl.col("_left"), found)

    def in_right(found: pl.Expr) -> pl.Expr:
        return pl.col("end_char") + _char_find(pl.col("_right"), found)

    lead = pl.coalesce("_lead_src_whole", "_lead_src", "_adjacent_src")
    lead_prep = pl.when(pl.col("_lead_src").is_null()).then(pl.col("_adjacent_prep")).otherwise(pl.col("_lead_prep"))
    col = pl.col
    return [
        _TextSource("preposition_inside", col("_inner_src"), col("_left_start") + col("_inner_at"), col("_inner_prep")),
        _TextSource("preposition_before", lead, in_left(lead), lead_prep),
        _TextSource("colon_name", col("_colon_name"), in_left(col("_colon_name"))),
        _TextSource("preposition_after", col("_tail_src"), in_right(col("_tail_src")), col("_tail_prep")),
        _TextSource("agent_after", col("_agent_src"), in_right(col("_agent_src"))),
        _TextSource("preposition_end", col("_end_src"), in_right(col("_end_src")), col("_end_prep")),
        _TextSource("signature_after", col("_signature"), col("_signature_at")),
        _TextSource("name_before_verb", col("_name_incise_src"), col("_name_incise_at")),
        _TextSource("voice", col("_voice_src"), in_left(col("_voice_src"))),
        _TextSource("reading_place", col("_reading_src"), col("_reading_at"), col("_reading_verb")),
    ]


def _first_value(cases: list[tuple[pl.Expr, pl.Expr]]) -> pl.Expr:
    """The value of the first case whose condition holds (a null condition does not); null when none does."""
    chosen = None
    for condition, value in cases:
        chosen = (pl.when(condition) if chosen is None else chosen.when(condition)).then(value)
    return chosen


def _text_source(q: pl.DataFrame, table: list[SourceRule]) -> pl.DataFrame:
    """The sources found in the text (:func:`_text_sources`, the kind the deciding rule names); then ``source`` (the
    text at the offsets) and ``reporting_verb`` (the kind's preposition or verb, else the verb's lemma)."""
    kinds = [(_rule_is(table, source=kind.source), kind) for kind in _text_sources()]
    found_at = _first_value([(held, kind.start) for held, kind in kinds])
    found = _first_value([(held, kind.text) for held, kind in kinds])
    in_text = reduce(operator.or_, [held for held, _ in kinds])
    verb = _first_value([*((held, kind.verb) for held, kind in kinds if kind.verb is not None),
                         (pl.col("_v_rv") | pl.col("_v_rv_incise"), pl.col("_v_lemma"))])
    q = q.with_columns(pl.when(in_text).then(found_at).otherwise(pl.col("source_start")).alias("source_start"),
                       pl.when(in_text).then(found_at + found.str.len_chars()).otherwise(pl.col("source_end"))
                       .alias("source_end"))
    q = q.with_columns(
        pl.col("text").str.slice(pl.col("source_start"), pl.col("source_end") - pl.col("source_start"))
        .str.strip_chars(" ,;:-").str.replace(r"^-?t-", "").alias("source"),
        verb.alias("reporting_verb"),
        pl.concat_str(pl.col("_kind_rule"), pl.col("_src_rule").fill_null("none"), separator="+").alias("rule"),
    )
    # an inverted incise the tokenizer left in one piece ("a-t-elle", a pronoun to the tagger): its clitic only
    glued = pl.col("source").str.extract(rf"^(\p{{Ll}}+-t-)(?i:{_CLITICS})$", 1).str.len_chars()
    return q.with_columns(
        (pl.col("source_start") + glued.fill_null(0)).alias("source_start"),
        pl.when(glued.is_not_null()).then(pl.col("source").str.slice(glued)).otherwise(pl.col("source")).alias("source"),
    )


# --------------------------------------------------------------------------- public

def _evidence(spans: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame, lexicon: pl.DataFrame,
              forms: pl.DataFrame, index: TextIndex | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the quotations with every evidence column the rules read, keyed by document number; the context tokens)."""
    q = _text_incises(_preposition_sources(_text_context(spans, documents)), forms)
    # rows of the text index: the tokens from the quotation's start (_first) to its end (_last);
    # from here on doc_id is the document's number and rank a row in text order
    index = text_index(tokens) if index is None else index
    q = locate(index, q).drop("_from", "_to")
    tok = _tokens(_context_rows(index, q), _verb_lemmas(lexicon), _verb_lemmas(lexicon, incise=True), forms)
    q = q.rename({"doc_id": "_doc_name"}).rename({"_doc": "doc_id"})
    return _token_evidence(q, tok), tok


def kind_evidence(spans: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame,
                  reporting_verbs: pl.DataFrame | None = None, index: TextIndex | None = None) -> pl.DataFrame:
    """The spans with the rules' ``kind`` and ``kind_rule`` and every feature of :func:`kind_features` (booleans):
    what the learned classifier of kinds is trained on (``tests/gold/train_quote_kinds.py``) and applied to."""
    lexicon = default_reporting_verbs() if reporting_verbs is None else reporting_verbs
    q, _ = _evidence(spans, tokens, documents, lexicon, reporting_verb_forms(lexicon), index)
    features = kind_features()
    q = _rule_kinds(q).with_columns(expr for _, expr in features)
    q = q.drop("doc_id").rename({"_doc_name": "doc_id", "_kind_rule": "kind_rule"})
    return q.sort("_q").select(*spans.columns, "kind", "kind_rule", *(name for name, _ in features))


def attribute(spans: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame,
              reporting_verbs: pl.DataFrame | None = None, index: TextIndex | None = None,
              kinds: str = DEFAULT_KINDS) -> pl.DataFrame:
    """Add ``kind, source, reporting_verb, source_start, source_end, rule`` to quotation spans.

    ``spans`` has ``doc_id, start_char, end_char, level``; ``tokens`` is the token table
    (lemmas, UPOS and, when the model provides them, ``head``/``deprel``); ``documents``
    has ``doc_id`` and ``text``; ``index``: the tokens' :func:`~corpusling.markers.text_index.text_index`,
    when the caller has it already. ``kinds``: who decides the kind, the ordered ``"rules"`` (:func:`kind_rules`),
    the learned ``"model"`` (:mod:`corpusling.markers.quote_kind_model`) or the default ``"hybrid"`` (the rules'
    ``direct`` stands, the model chooses between ``mixed`` and ``scare`` elsewhere). ``rule`` is "<kind
    rule>+<source rule>" (the kind rule ``model:<top feature>`` where the model decided; :func:`source_rules`;
    ``none`` when no source rule holds or the quotation is a scare quote).
    """
    kinds = decider(kinds)
    lexicon = default_reporting_verbs() if reporting_verbs is None else reporting_verbs
    forms = reporting_verb_forms(lexicon)
    q, tok = _evidence(spans, tokens, documents, lexicon, forms, index)
    table = source_rules()
    q = _decide(q, kinds)
    q = _text_source(_inverted_source(_subject_source(_verb(q, tok, lexicon, forms), tok, table), tok, table),
                     table)
    keep = [*spans.columns, "kind", "source", "reporting_verb", "source_start", "source_end", "rule"]
    q = q.drop("doc_id").rename({"_doc_name": "doc_id"})
    return q.sort("_q").select([c for c in keep if c in q.columns])

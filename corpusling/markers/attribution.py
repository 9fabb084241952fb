"""Who speaks in a quotation: its kind, its source and its reporting verb, from the context.

Rules over the text around each span and over the token table (joins on offsets and
on ``head``, no loop over words), in the spirit of the rule-based attribution of the
Gender Gap Tracker (Asr et al. 2021) and of its French adaptation, the Radar de Parité:

* **kind** comes from the left context. ``direct`` when the quotation opens a sentence
  (possibly after "Selon X," / "D'après X," / "Pour <Named source>,"), follows a colon
  (but not "que :", which integrates the words: ``mixed``), or is the object of a
  reporting verb and starts with a capital ("crier 'Allah'"); otherwise it is woven into
  the writer's sentence: ``scare`` when it is short (at most :data:`SCARE_MAX_WORDS`
  words), has no verb and no reporting verb governs it in the dependency tree, else
  ``mixed``.
* **reporting verb and source**: the first rule of the ordered table :func:`source_rules`
  that holds — an incise right after the closing mark (", a déclaré X", "indique le
  quotidien", "a-t-il précisé"; read in the text when the tagger missed the verb: "»,
  juge le ministère"), ", selon X" after it, the verb, a name alone or the subject of
  the clause before a colon, "Selon / D'après / Pour X," at the start of the sentence,
  the reporting verb just before or governing the quotation in the tree (not across a
  coordination, a parataxis, an adverbial or relative clause), for mixed quotations
  the nearest reporting verb before it in the sentence, an incise closing the sentence,
  and the reporting verb of the previous sentence. Its name is the second part of
  ``rule``. Reporting verbs are lemmas of ``reporting_verbs.tsv`` or, where the tagger
  may have erred, inflected forms (:func:`reporting_verb_forms`).
* **source**: the subject (``nsubj``) of that verb as written, with its appositions and
  without its relative or participial clauses ("Gilles-Éric Séralini, professeur à
  l'université de Caen"); the noun a participle or a relative "qui" depends on; the
  subject of the governing verb for an infinitive ("avant de souligner :"); the
  inverted clitic ("a-t-il dit" → "il") or the noun phrase after an inverted verb
  ("a déclaré jeudi à l'AFP le ministre"); or the noun phrase of "selon X". Who the
  source stands for (the ``speaker``) is :mod:`corpusling.markers.speakers`' business.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import polars as pl

from corpusling.errors import LexiconError
from corpusling.markers.text_index import TextIndex, locate, position, sentence_rows, text_index

#: Longest quotation (in words of its text) that can be a scare quote.
SCARE_MAX_WORDS = 5
#: Relations a search for the governing reporting verb does not climb across.
CLIMB_BLOCKERS = ("conj", "parataxis", "acl", "acl:relcl", "advcl", "root", "reparandum", "list")
#: Branches left out of a source noun phrase.
SOURCE_EXCLUDED = ("acl", "acl:relcl", "parataxis", "advcl")
#: Words allowed between a closing mark and the verb of an incise (", a ensuite précisé").
_INCISE_GLUE = ("AUX", "ADV", "PRON", "PART")
_MAX_DEPTH = 40
#: A finite verb or an infinitive (a participle, "inopinée", is not; a word without features counts).
_clause_form = (pl.col("verbform").is_in(["Fin", "Inf"])
                | (pl.col("verbform").is_null() & (pl.col("mood").is_not_null() | pl.col("feats").fill_null("_")
                                                   .is_in(["_", ""]))))
_NP_START = (r"^(?:\p{Lu}|(?:le|la|les|l['’]|un|une|des|du|ce|cet|cette|son|sa|ses|leur|leurs|certains|certaines"
             r"|plusieurs|de nombreux|de nombreuses)\b)")
_INFINITIVE_START = r"^(?:ne\s+|n['’]|se\s+|s['’]|en\s+|y\s+)?\p{Ll}+(?:er|ir|re|oir)\b"

#: A proper name as written: capitalised words ("V. Sapounov", "Rami Abd al-Rahman", "Valéry Giscard d'Estaing"),
#: with the particles of names between them.
_NAME_WORD = r"(?:\p{Lu}\.|(?:(?:al|el|ad|ben|bin|ibn|abu|abou)-)?\p{Lu}[\p{L}\p{M}'’-]*[\p{L}\p{M}]|\p{Lu})"
NAME = (rf"{_NAME_WORD}(?:\s+(?:(?:de|du|des|van|von|der|den|da|di|del|della|dos|das|al|el|ben|bin|ibn|abu|y)\s+)?"
        rf"{_NAME_WORD}|\s+d['’]{_NAME_WORD})*")
#: Auxiliaries and adverbs an inverted incise may open with ("a ensuite précisé", "s'est pour sa part réjoui").
_INCISE_AUX = r"(?:a|ont|avait|avaient|aura|auront|aurait|auraient|eut|est|sont|était|étaient)"
_INCISE_ADV = (r"(?:\p{Ll}+ment|encore|ensuite|aussi|alors|également|déjà|enfin|même|bien|toutefois|cependant"
               r"|pourtant|néanmoins|d['’]ailleurs|pour (?:sa|leur) part|de (?:son|leur) côté|à (?:son|leur) tour"
               r"|plus tard|hier|aussitôt|lui-même|elle-même)")
_CLITIC = r"(?:-t)?-(?:il|elle|ils|elles|on)"
#: What may stand between an inverted verb and its subject: adverbs, times, a short prepositional phrase
#: ("a déclaré jeudi à l'AFP le ministre", "a indiqué dans un communiqué l'association").
_DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_SKIP = (rf"(?:(?:\p{{Ll}}+ment|encore|également|aussi|ensuite|alors|hier|aujourd['’]hui|{_DAY}(?:\s+(?:soir|matin"
         r"|midi|dernier))?|ce\s+(?:matin|soir|midi|week-end))\s+"
         r"|(?:à|au|aux|dans|sur|devant|lors\s+d['’]|lors\s+de|auprès\s+d['’]|auprès\s+de|auprès\s+du|par)\s*"
         r"(?:l['’]|la\s+|le\s+|les\s+|un\s+|une\s+|son\s+|sa\s+|ses\s+|leur\s+)?[^\s,.;:]+"
         r"(?:\s+(?:de|du|des|d['’])\s*(?:l['’]|la\s+|le\s+|les\s+)?[^\s,.;:]+)?\s+)")
#: What an inverted subject starts with: a capital or a determiner.
_SUBJECT_START = (r"(?:\p{Lu}|(?:le|la|les|l['’]|un|une|des|du|son|sa|ses|leur|leurs|ce|cet|cette|notre|nos"
                  r"|plusieurs|certains|certaines)\b)")

_TOKEN_COLUMNS = ["doc_id", "sent_id", "word_id", "head", "deprel", "upos", "lemma", "form", "start_char", "end_char",
                  "verbform", "mood", "feats"]


def load_reporting_verbs(path: str | Path | None = None) -> pl.DataFrame:
    """The reporting-verb lexicon (``lemma, type, notes``); the bundled one when ``path`` is None."""
    if path is None:
        text = resources.files("corpusling.lexicons").joinpath("reporting_verbs.tsv").read_text(encoding="utf-8")
        name = "reporting_verbs.tsv"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as err:
            raise LexiconError(f"cannot read the reporting-verb lexicon {path}: {err}") from err
        name = str(path)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines or lines[0].split("\t")[0] != "lemma":
        raise LexiconError(f"{name}: the first line must be a header starting with 'lemma' (tab-separated)")
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if not cells[0].strip() or len(cells) > len(header):
            raise LexiconError(f"{name}, line {number}: expected {len(header)} tab-separated cells, got {line!r}")
        rows.append(cells + [""] * (len(header) - len(cells)))
    table = pl.DataFrame(rows, schema=header, orient="row")
    for column, default in (("type", ""), ("use", "any")):
        if column not in table.columns:
            table = table.with_columns(pl.lit(default).alias(column))
    return table.with_columns(pl.col("lemma").str.strip_chars().str.to_lowercase())


def default_reporting_verbs() -> pl.DataFrame:
    """What attribution uses when given no lexicon: ``reporting_verbs.tsv`` and the verbs of
    ``incise_verbs.tsv`` (``use=incise``: looked for right after a closing mark only; kept apart so that
    "continuer de", "avancer de 3 %" are no cue of reported speech for the analyses reading the first file)."""
    bundled = resources.files("corpusling.lexicons").joinpath("incise_verbs.tsv")
    incise = load_reporting_verbs(Path(str(bundled))).with_columns(pl.lit("incise").alias("use"))
    return pl.concat([load_reporting_verbs(), incise.select("lemma", "type", "use", "notes")], how="diagonal_relaxed")


def _char_find(haystack: pl.Expr, needle: pl.Expr) -> pl.Expr:
    """Character (not byte) index of the first occurrence of ``needle`` in ``haystack``; null if absent."""
    found = haystack.str.contains(needle, literal=True)
    return pl.when(found).then(haystack.str.split(needle).list.first().str.len_chars().cast(pl.Int64))


def _verb_lemmas(lexicon: pl.DataFrame, incise: bool = False) -> list[str]:
    """Verb lemmas of the lexicon; those marked ``use=incise`` only when ``incise`` is true."""
    verbs = lexicon.filter(pl.col("type") != "preposition")
    if "use" in verbs.columns and not incise:
        verbs = verbs.filter(pl.col("use").fill_null("any") != "incise")
    return verbs["lemma"].to_list()


#: Present participles of reporting verbs that are mostly nouns or adjectives, never taken as verbs by form.
_ANT_NOT_VERBS = frozenset({"croyant", "plaignant", "répondant", "prévenant", "poursuivant", "intervenant",
                            "questionnant", "étonnant", "inquiétant", "alarmant", "rassurant", "tonnant"})


def _conjugate(lemma: str) -> list[str]:
    """Third-person, participle and infinitive forms of a regular -er or -ir (2nd group) verb.

    -er: stem + e, ent, a, èrent, ait, aient, ant, é(e)(s), with c → ç and g → ge before a, and e / é → è
    before a final single consonant of the stem (relève, révèle, considère); appeler doubles its l.
    -ir: stem + it, issent, irent, issait, issaient, issant, i(e)(s). (Bescherelle, tables of the 1st and
    2nd groups.) Other verbs: the lemma alone (their forms are listed in ``reporting_verb_forms.tsv``).
    """
    if lemma.endswith("er") and len(lemma) > 3:
        stem = lemma[:-2]
        soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
        present = stem
        if stem.endswith(("appel", "jet")):
            present = stem + stem[-1]
        elif len(stem) > 2 and stem[-2] in "eé" and stem[-1] in "bcdfgjklmnpqrstvz" and stem[-3] not in "aeiouy":
            present = stem[:-2] + "è" + stem[-1]
        return [present + "e", present + "ent", soft + "a", stem + "èrent", soft + "ait", soft + "aient",
                soft + "ant", stem + "é", stem + "ée", stem + "és", stem + "ées", lemma]
    if lemma.endswith("ir") and len(lemma) > 3:
        stem = lemma[:-2]
        return [stem + "it", stem + "issent", stem + "irent", stem + "issait", stem + "issaient", stem + "issant",
                stem + "i", stem + "ie", stem + "is", stem + "ies", lemma]
    return [lemma]


def reporting_verb_forms(lexicon: pl.DataFrame | None = None) -> pl.DataFrame:
    """``form, lemma, use`` for every verb of the reporting-verb lexicon: regular forms by :func:`_conjugate`,
    irregular ones from ``reporting_verb_forms.tsv`` (a form is looked for only where the tagger may have
    missed the verb: right after a closing mark, or as a present participle "disant")."""
    lexicon = default_reporting_verbs() if lexicon is None else lexicon
    text = resources.files("corpusling.lexicons").joinpath("reporting_verb_forms.tsv").read_text(encoding="utf-8")
    lines = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")][1:]
    irregular = {cells[0]: cells[1].split() + [cells[0]] for cells in lines}
    verbs = lexicon.filter(pl.col("type") != "preposition")
    use = verbs["use"] if "use" in verbs.columns else pl.Series(["any"] * verbs.height)
    rows = [(form, lemma, kind or "any") for lemma, kind in zip(verbs["lemma"], use, strict=True)
            for form in irregular.get(lemma) or _conjugate(lemma)]
    return pl.DataFrame(rows, schema=["form", "lemma", "use"], orient="row").unique(["form", "lemma"],
                                                                                    maintain_order=True)


def _incise_patterns(forms: pl.DataFrame) -> tuple[str, str, str]:
    """Regexes with groups ``upto`` (the text up to the end of the verb), ``form`` and ``clitic``: over the rest
    of the sentence after a closing mark, an inverted incise right after the mark ("», juge le ministère", "»
    s'est réjoui le président Obama", ", a-t-il ajouté") and one ending the sentence after the writer's own
    words ("», y compris le montant …, commente Song Myung-Sup, analyste"); over the quotation itself, an
    incise the quotation marks enclose (« Nous partons, a déclaré le ministre, et nous reviendrons »)."""
    alternation = "|".join(re.escape(f) for f in sorted(set(forms["form"].to_list()), key=len, reverse=True))
    reflexive = r"(?:se\s+|s['’]\s*)?"
    verb = (rf"(?:{reflexive}{_INCISE_AUX}(?:{_CLITIC})?\s+(?:{_INCISE_ADV},?\s+){{0,3}})?{reflexive}"
            rf"(?P<form>{alternation})(?P<clitic>{_CLITIC})?")
    right_after = rf"^(?P<upto>\s*,?\s*(?:[-–—]\s*)?(?:{_INCISE_ADV},?\s+)?{verb})(?P<rest>.*)$"
    final = rf"^(?P<upto>.*,\s*{verb})(?P<rest>\s+{_SUBJECT_START}[^;:()«»]*)$"
    inside = rf"^(?P<upto>[«“„\"‹]?[^«»“”„]*?,\s*{verb})(?P<rest>.*)$"
    return right_after, final, inside


def _tokens(tokens: pl.DataFrame, lemmas: list[str], incise_lemmas: list[str],
            forms: pl.DataFrame | None = None) -> pl.DataFrame:
    """Rows of a :class:`~corpusling.markers.text_index.TextIndex` (with ``_doc`` and ``_row``) reduced to what
    attribution needs: ``doc_id`` is the document number, ``rank`` the row in text order (ranks compare within
    a document), plus reporting-verb flags."""
    cols = {c: (pl.col(c) if c in tokens.columns else pl.lit(None)) for c in _TOKEN_COLUMNS}
    tok = tokens.select(
        pl.col("_doc").alias("doc_id"), cols["sent_id"].cast(pl.Int64).alias("sent_id"),
        cols["word_id"].cast(pl.Int64).alias("word_id"), cols["head"].cast(pl.Int64).alias("head"),
        cols["deprel"].cast(pl.String).alias("deprel"), cols["upos"].cast(pl.String).alias("upos"),
        cols["lemma"].cast(pl.String).str.to_lowercase().alias("lemma"), cols["form"].cast(pl.String).alias("form"),
        cols["start_char"].cast(pl.Int64).alias("start_char"), cols["end_char"].cast(pl.Int64).alias("end_char"),
        cols["verbform"].cast(pl.String).alias("verbform"), cols["mood"].cast(pl.String).alias("mood"),
        cols["feats"].cast(pl.String).alias("feats"), pl.col("_row").alias("rank"),
    )
    if forms is None or forms.height == 0:
        return tok.with_columns(((pl.col("upos") == "VERB") & pl.col("lemma").is_in(lemmas)).alias("is_rv"),
                                ((pl.col("upos") == "VERB") & pl.col("lemma").is_in(incise_lemmas))
                                .alias("is_rv_incise"), pl.lit(None, dtype=pl.String).alias("form_lemma"))
    # the lemma a form stands for when the tagger missed it ("juge"/NOUN, "réjoui" → *réjouire)
    by_form = forms.group_by("form").agg(pl.col("lemma").first().alias("form_lemma"),
                                         (pl.col("use") != "incise").any().alias("_form_any"))
    form = pl.col("form").str.to_lowercase().str.replace(r"-t?-?(?:il|elle|ils|elles|on)$", "")
    participle = (form.str.ends_with("ant") & ~form.is_in(list(_ANT_NOT_VERBS)) & pl.col("_form_any")
                  & ~pl.col("upos").is_in(["NOUN", "PROPN", "DET", "ADP", "PRON"]))
    tok = (tok.with_columns(form.alias("_lform")).join(by_form, left_on="_lform", right_on="form", how="left",
                                                       maintain_order="left")
           .with_columns(pl.col("_form_any").fill_null(False)))
    # "la loi dite « Sur l'information »": a participle of dire right after a noun names, it does not report
    so_called = (pl.col("form").str.to_lowercase().is_in(["dit", "dite", "dits", "dites"])
                 & pl.col("upos").shift(1).over("doc_id").is_in(["NOUN", "PROPN"]))
    return tok.with_columns(
        ((((pl.col("upos") == "VERB") & pl.col("lemma").is_in(lemmas)) | participle) & ~so_called).alias("is_rv"),
        (((pl.col("upos") == "VERB") & pl.col("lemma").is_in(incise_lemmas)) | pl.col("form_lemma").is_not_null()
         | participle).alias("is_rv_incise"),
    ).drop("_lform", "_form_any")


def _context_rows(index: TextIndex, q: pl.DataFrame) -> pl.DataFrame:
    """The index's tokens that attribution can look at, with ``_doc`` and ``_row``: the whole sentences
    around each quotation, from the start of its clause (at most 80 tokens back) to 6 tokens after it."""
    found = q.filter(pl.col("_first").is_not_null())
    left_row = index.key.search_sorted(found.select(position(pl.col("_doc"), pl.col("_left_start")))[:, 0],
                                       side="left").cast(pl.Int64)
    bounds = found.with_columns(left_row.alias("_left_row")).select(
        pl.min_horizontal(pl.max_horizontal(pl.col("_first") - 80, "_doc_first", "_left_row"),
                          pl.max_horizontal(pl.col("_first") - 1, "_doc_first")).alias("lo"),
        pl.min_horizontal(pl.coalesce(pl.col("_last") + 6, "_first"), "_doc_last").alias("hi"))
    rows = sentence_rows(index, bounds["lo"], bounds["hi"])
    if rows is None:
        return index.tokens.with_columns(index.doc.alias("_doc"), pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"))
    needed = index.tokens.select([c for c in _TOKEN_COLUMNS if c in index.tokens.columns])
    return needed[rows].with_columns(index.doc.gather(rows).alias("_doc"), rows.alias("_row"))


def ancestors(tok: pl.DataFrame, sentences: pl.DataFrame | None = None,
              words: pl.DataFrame | None = None) -> pl.DataFrame:
    """Every (word, ancestor) pair of the dependency trees: ``doc_id, sent_id, word_id, anc, depth, blocked, cut``.

    ``blocked``: the path climbs across one of :data:`CLIMB_BLOCKERS`; ``cut``: it leaves a
    branch that a source noun phrase leaves out (relative, participial, adverbial clause).
    ``sentences`` (``doc_id, sent_id``): only the trees of these sentences (a tree never
    leaves its sentence); ``words`` (``doc_id, sent_id, word_id``): only the ancestors of these
    words. Computed by repeated joins on ``head`` (one join per level of the deepest tree), on
    an integer sentence number.
    """
    nodes = tok.filter(pl.col("head").is_not_null()).select("doc_id", "sent_id", "word_id", "head", "deprel")
    if words is not None:
        sentences = words
    if sentences is not None:
        nodes = nodes.join(sentences.select("doc_id", "sent_id").unique(), on=["doc_id", "sent_id"], how="semi")
    schema = {"doc_id": tok.schema["doc_id"], "sent_id": pl.Int64, "word_id": pl.Int64, "anc": pl.Int64,
              "depth": pl.Int64, "blocked": pl.Boolean, "cut": pl.Boolean}
    if nodes.height == 0:
        return pl.DataFrame(schema=schema)
    numbers = nodes.select("doc_id", "sent_id").unique().with_row_index("_sn")
    nodes = nodes.join(numbers, on=["doc_id", "sent_id"]).select("_sn", "word_id", "head", "deprel")
    start = nodes
    if words is not None:
        start = nodes.join(words.select("doc_id", "sent_id", "word_id").join(numbers, on=["doc_id", "sent_id"]),
                           on=["_sn", "word_id"], how="semi")
    step = start.select(
        "_sn", "word_id", pl.col("head").alias("anc"), pl.lit(1, dtype=pl.Int64).alias("depth"),
        pl.col("deprel").is_in(CLIMB_BLOCKERS).alias("blocked"),
        pl.col("deprel").is_in(SOURCE_EXCLUDED).alias("cut")).filter(pl.col("anc") > 0)
    parts = [step]
    up = nodes.select("_sn", pl.col("word_id").alias("anc"), pl.col("head").alias("_next"),
                      pl.col("deprel").alias("_rel"))
    for _ in range(_MAX_DEPTH):
        step = (step.join(up, on=["_sn", "anc"])
                .filter(pl.col("_next") > 0)
                .select("_sn", "word_id", pl.col("_next").alias("anc"), pl.col("depth") + 1,
                        pl.col("blocked") | pl.col("_rel").is_in(CLIMB_BLOCKERS),
                        pl.col("cut") | pl.col("_rel").is_in(SOURCE_EXCLUDED)))
        if step.height == 0:
            break
        parts.append(step)
    return (pl.concat(parts).join(numbers, on="_sn")
            .select("doc_id", "sent_id", "word_id", "anc", "depth", "blocked", "cut").cast(schema))


def _source_spans(heads: pl.DataFrame, tok: pl.DataFrame, anc: pl.DataFrame) -> pl.DataFrame:
    """``_q, source_start, source_end`` of the noun phrase headed by ``(doc_id, sent_id, src_word)`` per quotation."""
    edge = tok.select("doc_id", "sent_id", "word_id", pl.col("deprel").alias("_rel"))
    members = (heads.join(anc.filter(~pl.col("cut")).select("doc_id", "sent_id", "word_id", "anc", "depth"),
                          left_on=["doc_id", "sent_id", "src_word"], right_on=["doc_id", "sent_id", "anc"])
               .join(edge, on=["doc_id", "sent_id", "word_id"], how="left")
               # the head's own preposition or conjunction ("de l'organisation") is not part of the source
               .filter(~((pl.col("depth") == 1) & pl.col("_rel").is_in(["case", "mark", "cc", "advmod"])))
               .select("_q", "doc_id", "sent_id", "word_id"))
    members = pl.concat([heads.select("_q", "doc_id", "sent_id", pl.col("src_word").alias("word_id")), members])
    spans = (members.join(tok.select("doc_id", "sent_id", "word_id", "start_char", "end_char", "upos"),
                          on=["doc_id", "sent_id", "word_id"])
             .filter(pl.col("upos") != "PUNCT")
             .group_by("_q").agg(pl.col("start_char").min().alias("source_start"),
                                 pl.col("end_char").max().alias("source_end")))
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


def source_rules() -> list[tuple[str, pl.Expr]]:
    """How the source and reporting verb of a (direct or mixed) quotation are found: ``(name, condition)``, tried
    in this order; the first that holds names the quotation's attribution (the second part of its ``rule``).

    Conditions read the columns :func:`attribute` builds: the incise found on the tokens (``inc_word``) or in
    the text (``_tinc_end``, the tagger having missed the verb), ", selon X" after the quotation
    (``_tail_src``), the verb (``col_word``), a name alone (``_colon_name``, "Barack Obama : « … »") or the last
    subject (``cs_word``) of the clause before a colon, "Selon X," at the start of the sentence (``_lead_src``),
    a reporting verb just before the quotation (``_prev_rv``, ``near_word``), the reporting verb governing it
    in the tree (``_embedded_attributed``), the nearest reporting verb of the sentence for a mixed quotation,
    an incise that ends the sentence after the writer's own words (``_finc_end``), and for a quotation opening
    its sentence the reporting verb and subject of the sentence before it in the paragraph (``ps_word``), when
    that sentence holds no quotation (a quotation continuing another is the speakers' business).
    """
    colon = pl.col("_after_colon")
    return [
        ("incise", pl.col("inc_word").is_not_null()),
        ("incise_text", pl.col("_tinc_end").is_not_null()),
        ("selon_after", pl.col("_tail_src").is_not_null()),
        ("colon_verb", colon & pl.col("col_word").is_not_null()),
        ("colon_name", pl.col("_colon_name").is_not_null()),
        ("selon_before", pl.col("_lead_src").is_not_null()),
        ("colon_subject", colon & pl.col("cs_word").is_not_null()),
        ("verb_before", pl.col("_prev_rv") & pl.col("near_word").is_not_null()),
        ("governing_verb", pl.col("_embedded_attributed")),
        ("verb_in_sentence", (pl.col("kind") == "mixed") & pl.col("near_word").is_not_null()),
        ("incise_inside", (pl.col("kind") == "direct") & pl.col("_iinc_end").is_not_null()),
        ("incise_final", (pl.col("kind") == "direct") & pl.col("_finc_end").is_not_null()),
        ("previous_sentence", (pl.col("kind") == "direct") & pl.col("ps_word").is_not_null()
         & pl.col("_ps_same_paragraph")),
    ]


def attribute(spans: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame,
              reporting_verbs: pl.DataFrame | None = None, index: TextIndex | None = None) -> pl.DataFrame:
    """Add ``kind, source, reporting_verb, source_start, source_end, rule`` to quotation spans.

    ``spans`` has ``doc_id, start_char, end_char, level``; ``tokens`` is the token table
    (lemmas, UPOS and, when the model provides them, ``head``/``deprel``); ``documents``
    has ``doc_id`` and ``text``; ``index``: the tokens' :func:`~corpusling.markers.text_index.text_index`,
    when the caller has it already.
    """
    lexicon = default_reporting_verbs() if reporting_verbs is None else reporting_verbs
    texts = documents.select(pl.col("doc_id").cast(pl.String), "text")
    q = (spans.with_row_index("_q").with_columns(pl.col("doc_id").cast(pl.String))
         .join(texts, on="doc_id", how="left"))

    # --- text context: the clause before the quotation and what follows it ------------------
    window = 400
    left_raw = pl.col("text").str.slice((pl.col("start_char") - window).clip(lower_bound=0),
                                        pl.min_horizontal(pl.col("start_char"), pl.lit(window)))
    right_raw = pl.col("text").str.slice(pl.col("end_char"), window)
    # in a text whose paragraphs are separated by blank lines, a single line break is a mere wrap
    wrapped = pl.col("text").str.contains(r"\n[ \t]*\n")

    def unwrap(raw: pl.Expr) -> pl.Expr:
        joined = (raw.str.replace_all(r"([^\n])\n([^\n])", "$1 $2").str.replace(r"([^\n])\n$", "$1 ")
                  .str.replace(r"^\n([^\n])", " $1"))
        return pl.when(wrapped).then(joined).otherwise(raw)

    q = q.with_columns(unwrap(left_raw).alias("_left_raw"), unwrap(right_raw).alias("_right_raw"))
    q = q.with_columns(
        # the sentence so far: after the last sentence end (., !, ? followed by a space, or a line break)
        # (a sentinel « stands for the quotation mark itself, which may open the sentence)
        (pl.col("_left_raw") + pl.lit("«")).str.replace(r"(?s)^.*\n", "")
        .str.replace(r"(?s)^.*(?:\w\w|[\d»”)\"])[.!?…]\s+([\p{Lu}«“\"])", "$1")
        .str.strip_suffix("«").alias("_left"),
        pl.col("_right_raw").str.extract(r"^([^\n]*?)(?:[.!?…](?:\s|$)|\n|$)", 1).fill_null("").alias("_right"),
        pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")).alias("_quote"),
    ).with_columns(
        (pl.col("start_char") - pl.col("_left").str.len_chars()).alias("_left_start"),
        pl.col("_left").str.contains(r":\s*$").alias("_after_colon"),
        (pl.col("_left").str.strip_chars() == "").alias("_sentence_start"),
        pl.col("_quote").str.replace(r"^\W+", "").str.contains(r"^[[:upper:]]").alias("_capital"),
        pl.col("_quote").str.count_matches(r"\w+").alias("_n_words"),
    )
    # "Selon X, «…»" / "Pour X, «…»" at the start of the sentence; ", selon X" after the quotation
    attrib = r"(?i:selon|d['’]après|pour)"
    q = q.with_columns(
        pl.col("_left").str.extract(rf"^\s*(?:(?:Mais|Et|Or|Car)\s+)?({attrib})\s+(.+?)\s*,\s*$", 2)
        .alias("_lead_src_whole"),
        pl.col("_left").str.extract(rf"^\s*(?:(?:Mais|Et|Or|Car)\s+)?({attrib})\s+([^,]+?)\s*,", 2)
        .alias("_lead_src"),
        pl.col("_left").str.extract(rf"^\s*(?:(?:Mais|Et|Or|Car)\s+)?({attrib})\s", 1).str.to_lowercase()
        .str.replace("’", "'").alias("_lead_prep"),
        pl.col("_right").str.extract(r"^\s*,?\s*((?i:selon|d['’]après))\s+([^,;:()]+)", 2).alias("_tail_src"),
        pl.col("_right").str.extract(r"^\s*,?\s*((?i:selon|d['’]après))\s", 1).str.to_lowercase()
        .str.replace("’", "'").alias("_tail_prep"),
    ).with_columns(
        # "pour X" attributes a point of view only to a named source (a capital after its first word) or a
        # person's pronoun ("Pour lui, "), never to an infinitive ("Pour avoir participé…, ", "Pour terminer, ")
        pl.when(pl.col("_lead_prep") == "pour")
        .then(pl.when(pl.col("_lead_src").str.contains(r"^\S+\s.*[[:upper:]]|^[[:upper:]]|^(?:lui|elle|eux|elles)$")
                      & ~pl.col("_lead_src").str.contains(_INFINITIVE_START))
              .then(pl.col("_lead_src")))
        .otherwise(pl.col("_lead_src")).alias("_lead_src"),
    ).with_columns(
        # a "Selon X," that opens an earlier clause (before a ";") does not attribute this quotation
        pl.when(pl.col("_left").str.contains(";")).then(None).otherwise(pl.col("_lead_src")).alias("_lead_src"),
    ).with_columns(
        pl.when(pl.col("_lead_src").is_null()).then(None).otherwise(pl.col("_lead_src_whole")).alias("_lead_src_whole"),
    ).with_columns(
        (pl.col("_lead_src_whole").is_not_null()).alias("_selon_start"),
    )

    forms = reporting_verb_forms(lexicon)
    right_after, final, inside = _incise_patterns(forms)
    incise_at = pl.col("_right").str.extract_groups(right_after)
    final_at = pl.col("_right").str.extract_groups(final)
    inside_at = pl.col("_quote").str.extract_groups(inside)
    # an inverted incise found in the text ("», juge le ministère", "» s'est réjoui le président"): the verb then
    # an inverted clitic, the end of the sentence, a comma or a subject; and one closing the sentence after the
    # writer's own words ("», y compris …, commente X")
    incise_ok = (incise_at.struct.field("clitic").is_not_null()
                 | incise_at.struct.field("rest").str.contains(rf"^(?:\s*$|\s*[,;]|\s+{_SKIP}{{0,3}}{_SUBJECT_START})"))
    # inside the marks, the incise is closed by a comma or a stop after its clitic or its subject ("dit-on" inside
    # a quotation is the speaker's hedge, not an incise)
    inside_ok = (inside_at.struct.field("clitic").is_not_null() & ~inside_at.struct.field("clitic").str.ends_with("on")
                 & inside_at.struct.field("rest").str.contains(r"^\s*[,.;!?…]")
                 | inside_at.struct.field("rest").str.contains(
                     rf"^\s+{_SKIP}{{0,3}}{_SUBJECT_START}[^\s,.;:!?«»]*(?:\s+[^\s,.;:!?«»]+){{0,6}}\s*[,.;!?…]"))
    q = q.with_columns(
        pl.when(incise_ok).then(pl.col("end_char") + incise_at.struct.field("upto").str.len_chars())
        .alias("_tinc_end"),
        pl.when(incise_ok).then(incise_at.struct.field("form")).alias("_tinc_form"),
        (pl.col("end_char") + final_at.struct.field("upto").str.len_chars()).alias("_finc_end"),
        final_at.struct.field("form").alias("_finc_form"),
        pl.when(inside_ok).then(pl.col("start_char") + inside_at.struct.field("upto").str.len_chars())
        .alias("_iinc_end"),
        pl.when(inside_ok).then(inside_at.struct.field("form")).alias("_iinc_form"),
        pl.when(inside_ok).then(inside_at.struct.field("clitic")).alias("_iinc_clitic"),
        # "X : « … »": the clause before the colon is a name and nothing else (headlines)
        pl.when(pl.col("_after_colon"))
        .then(pl.col("_left").str.extract(rf"^\s*({NAME})\s*:\s*$", 1)).alias("_colon_name"),
    )

    # --- token context ------------------------------------------------------------------------
    # rows of the text index: the tokens from the quotation's start (_first) to its end (_last);
    # from here on doc_id is the document's number and rank a row in text order
    index = text_index(tokens) if index is None else index
    q = locate(index, q).drop("_from", "_to")
    tok = _tokens(_context_rows(index, q), _verb_lemmas(lexicon), _verb_lemmas(lexicon, incise=True), forms)
    q = q.rename({"doc_id": "_doc_name"}).rename({"_doc": "doc_id"})
    key = ["doc_id", "sent_id", "word_id"]
    tok_keyed = tok.select(*key, "rank", "start_char", "end_char", "upos", "lemma", "is_rv", "is_rv_incise", "deprel",
                           "head", "form", "verbform", "mood", "feats", "form_lemma")

    inside = (q.select("_q", "doc_id", "start_char", "end_char", "_first", "_last").drop_nulls(["_first", "_last"])
              .with_columns(pl.int_ranges("_first", pl.col("_last") + 1).alias("rank")).explode("rank")
              .drop("start_char", "end_char")
              .join(tok_keyed, on=["doc_id", "rank"]))
    qbounds = q.select("_q", pl.col("start_char").alias("_qs"), pl.col("end_char").alias("_qe"))
    heads_pos = tok.select("doc_id", "sent_id", pl.col("word_id").alias("head"), pl.col("start_char").alias("_hs"))
    inside = (inside.join(qbounds, on="_q")
              .join(heads_pos, on=["doc_id", "sent_id", "head"], how="left")
              .with_columns(((pl.col("head") == 0) | (pl.col("_hs") < pl.col("_qs")) | (pl.col("_hs") >= pl.col("_qe")))
                            .fill_null(False).alias("_is_head")))
    # a finite verb or an infinitive makes a clause; a participle alone («inopinée») does not
    clause_verb = pl.col("upos").is_in(["VERB", "AUX"]) & _clause_form
    has_verb = inside.group_by("_q").agg(clause_verb.any().alias("_has_verb"))
    quote_head = (inside.filter(pl.col("_is_head") & (pl.col("upos") != "PUNCT"))
                  .sort("_q", "rank").group_by("_q").first()
                  .select("_q", "doc_id", "sent_id", pl.col("word_id").alias("_head_word"),
                          pl.col("deprel").alias("_head_rel")))
    q = (q.join(has_verb, on="_q", how="left").join(quote_head.select("_q", "_head_rel"), on="_q", how="left")
         # a quotation opening on a subject pronoun is a clause even when the tagger saw no verb
         .with_columns(pl.col("_has_verb").fill_null(False)
                       | pl.col("_quote").str.contains(r"^\W*(?i:je|j['’]|tu|il|elle|on|nous|vous|ils|elles|c['’])\b")))

    # quotation depth of every token: a verb is a candidate for a quotation of the same level only
    free = quote_depth(tok, q.select("doc_id", "start_char", "end_char"))
    qlevel = q.select("_q", pl.col("level").cast(pl.Int64).alias("_level"))

    # (1) incise after the closing mark: glue words then a reporting verb
    after = (q.select("_q", "doc_id", "_last").drop_nulls()
             .with_columns(pl.int_ranges(pl.col("_last") + 1, pl.col("_last") + 7).alias("rank"),
                           pl.int_ranges(0, 6).alias("_k"))
             .explode("rank", "_k")
             .join(tok_keyed, on=["doc_id", "rank"])
             .sort("_q", "_k")
             .with_columns((pl.col("upos").is_in(_INCISE_GLUE) | pl.col("form").is_in([",", "-"]))
                           .alias("_glue"))
             .with_columns(pl.col("_glue").cast(pl.Int8).cum_min().shift(1, fill_value=1).over("_q").alias("_open")))
    incise = (after.filter(pl.col("is_rv_incise") & (pl.col("_open") == 1))
              .group_by("_q").agg(pl.all().sort_by("_k").first())
              .select("_q", pl.col("sent_id").alias("inc_sent"), pl.col("word_id").alias("inc_word"),
                      pl.col("end_char").alias("_inc_end")))
    # (2) verb of the clause before a colon; (3) verb just before the quotation
    before = (q.select("_q", "doc_id", "_first", "_left_start").drop_nulls()
              .with_columns(pl.int_ranges((pl.col("_first") - 80).clip(lower_bound=0), "_first").alias("rank"))
              .explode("rank")
              .join(free.select("doc_id", "rank", "start_char", "_depth", *key[1:], "upos", "is_rv", "deprel",
                                "verbform", "mood", "feats", "form_lemma"),
                    on=["doc_id", "rank"])
              .join(qlevel, on="_q")
              .filter((pl.col("start_char") >= pl.col("_left_start")) & (pl.col("_depth") == pl.col("_level"))))
    with_aux = (tok.filter(pl.col("deprel").fill_null("").str.contains(r"^(?:aux|cop)"))
                .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.lit(True).alias("_has_aux")).unique())
    finite_or_infinitive = (pl.col("upos") == "VERB") & (_clause_form | (
        pl.col("_has_aux").fill_null(False) & ~pl.col("deprel").fill_null("").is_in(["acl", "amod"])))
    colon_verb = (before.join(with_aux, on=key, how="left")
                  # (not a participle or adjective attached to a noun: "le raisonnement suivant :")
                  .filter(finite_or_infinitive
                          & (pl.col("is_rv") | ~pl.col("deprel").fill_null("").is_in(["acl", "amod"])))
                  .sort("_q", "is_rv", "rank").group_by("_q").last()
                  .select("_q", pl.col("sent_id").alias("col_sent"), pl.col("word_id").alias("col_word")))
    # (only in a clause whose last verb is one of saying, whatever its tag: "Pierre Moscovici, a pour sa part
    # ajouté :", not "les sites observés … étaient les suivants :")
    saying = pl.col("form_lemma").is_not_null() | pl.col("is_rv")
    saying_clause = (before.filter(saying | pl.col("upos").is_in(["VERB", "AUX"]))
                     .sort("_q", "rank").group_by("_q").last().filter(saying).select("_q"))
    colon_subject = (before.join(saying_clause, on="_q", how="semi")
                     .join(tok_keyed.select("doc_id", "rank", "lemma", "form"), on=["doc_id", "rank"])
                     .filter(pl.col("deprel").fill_null("").str.starts_with("nsubj")
                             & ~pl.col("lemma").is_in(["qui", "que", "lequel", "laquelle", "lesquels", "dont"])
                             & ~pl.col("form").str.to_lowercase().is_in(["se", "s'", "s’", "le", "la", "l'", "l’"]))
                     .sort("_q", "rank").group_by("_q").last()
                     .select("_q", pl.col("sent_id").alias("cs_sent"), pl.col("word_id").alias("cs_word")))
    near_rv = (before.filter(pl.col("is_rv")).sort("_q", "rank").group_by("_q").last()
               .select("_q", pl.col("sent_id").alias("near_sent"), pl.col("word_id").alias("near_word")))
    prev_tok = (q.select("_q", "doc_id", (pl.col("_first") - 1).alias("rank")).drop_nulls()
                .join(tok_keyed.select("doc_id", "rank", "is_rv"), on=["doc_id", "rank"])
                .select("_q", pl.col("is_rv").alias("_prev_rv")))

    # (4) reporting verb governing the quotation in the tree (trees of the quotations' sentences only)
    anc = ancestors(tok, words=quote_head.select("doc_id", "sent_id", pl.col("_head_word").alias("word_id")))
    governing = (quote_head.join(anc, left_on=["doc_id", "sent_id", "_head_word"],
                                 right_on=["doc_id", "sent_id", "word_id"])
                 .filter(~pl.col("blocked"))
                 .join(free.select("doc_id", "sent_id", pl.col("word_id").alias("anc"), "is_rv", "_depth",
                                   pl.col("start_char").alias("_as")),
                       on=["doc_id", "sent_id", "anc"])
                 .join(qbounds, on="_q").join(qlevel, on="_q")
                 .filter(pl.col("is_rv") & (pl.col("_depth") == pl.col("_level"))
                         & ((pl.col("_as") < pl.col("_qs")) | (pl.col("_as") >= pl.col("_qe"))))
                 .sort("_q", "depth").group_by("_q").first()
                 .select("_q", pl.col("sent_id").alias("gov_sent"), pl.col("anc").alias("gov_word")))

    # (5) a quotation opening its sentence, after a sentence of the same paragraph that has no quotation and
    # whose reporting verb has a subject ("La porte-parole a nuancé les chiffres. « On a constaté … »")
    subject_of = (tok.filter(pl.col("deprel").fill_null("").str.starts_with("nsubj")
                             & ~pl.col("lemma").is_in(["qui", "que", "lequel", "laquelle"]))
                  .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    prev_sentence = (q.filter(pl.col("_sentence_start")).select("_q", "doc_id", "start_char",
                                                                (pl.col("_first") - 1).alias("rank"))
                     .join(tok_keyed.select("doc_id", "rank", pl.col("sent_id").alias("ps_sent"),
                                            pl.col("end_char").alias("_ps_end")), on=["doc_id", "rank"])
                     .drop("rank"))
    quoted_sentences = free.filter(pl.col("_depth") > 0).select("doc_id", "sent_id").unique()
    # (the root may be a reporting verb the tagger missed: "a nuancé" as an adjective)
    prev_verb = (prev_sentence.join(free.filter((pl.col("is_rv") | pl.col("form_lemma").is_not_null()
                                                 & (pl.col("deprel") == "root")) & (pl.col("_depth") == 0))
                                    .select("doc_id", pl.col("sent_id").alias("ps_sent"), "word_id", "rank"),
                                    on=["doc_id", "ps_sent"])
                 .join(subject_of.rename({"sent_id": "ps_sent"}), on=["doc_id", "ps_sent", "word_id"], how="semi")
                 .join(quoted_sentences.rename({"sent_id": "ps_sent"}), on=["doc_id", "ps_sent"], how="anti")
                 .sort("_q", "rank").group_by("_q").first()
                 .select("_q", "ps_sent", pl.col("word_id").alias("ps_word"), "_ps_end"))
    between = pl.col("text").str.slice(pl.col("_ps_end"), pl.col("start_char") - pl.col("_ps_end"))

    q = (q.join(incise, on="_q", how="left").join(prev_verb, on="_q", how="left")
         .join(colon_verb, on="_q", how="left").join(colon_subject, on="_q", how="left")
         .join(near_rv, on="_q", how="left")
         .join(prev_tok, on="_q", how="left").join(governing, on="_q", how="left")
         .with_columns(pl.col("_prev_rv").fill_null(False),
                       # the sentence before is in the same paragraph (no blank line; no line break when lines are
                       # paragraphs)
                       pl.when(pl.col("ps_word").is_not_null())
                       .then(~between.str.contains(r"\n[ \t]*\n") & (wrapped | ~between.str.contains("\n")))
                       .alias("_ps_same_paragraph")))

    # --- kind -----------------------------------------------------------------------------------
    # a quoted adjective modifying a noun («réelle» fraude) keeps its distance even under a reporting verb
    embedded_attributed = pl.col("gov_word").is_not_null() & (pl.col("_head_rel").fill_null("") != "amod")
    q = q.with_columns(embedded_attributed.alias("_embedded_attributed"))
    q = q.with_columns(
        # "précise que : « … »": the colon does not undo the "que" that integrates the words
        pl.when(pl.col("_left").str.contains(r"\b(?i:que|qu['’])\s*:\s*$")).then(pl.lit("que_colon"))
        .when(pl.col("_after_colon")).then(pl.lit("colon"))
        .when(pl.col("_sentence_start")).then(pl.lit("sentence"))
        .when(pl.col("_selon_start")).then(pl.lit("selon"))
        .when(pl.col("_prev_rv") & pl.col("_capital")).then(pl.lit("verb_object"))
        .when((pl.col("_n_words") <= SCARE_MAX_WORDS) & ~pl.col("_has_verb") & ~embedded_attributed
              & pl.col("inc_word").is_null() & pl.col("_tinc_end").is_null() & pl.col("_tail_src").is_null())
        .then(pl.lit("short"))
        .otherwise(pl.lit("embedded")).alias("_kind_rule"))
    q = q.with_columns(
        pl.when(pl.col("_kind_rule").is_in(["colon", "sentence", "selon", "verb_object"])).then(pl.lit("direct"))
        .when(pl.col("_kind_rule") == "short").then(pl.lit("scare"))
        .otherwise(pl.lit("mixed")).alias("kind"))

    # --- reporting verb (a token) or attributing preposition (text): the first rule of source_rules() that holds
    scare = pl.col("kind") == "scare"
    table = source_rules()
    chosen = pl.when(scare).then(None)
    for name, condition in table:
        chosen = chosen.when(condition.fill_null(False)).then(pl.lit(name))
    q = q.with_columns(chosen.alias("_src_rule"))
    rule = pl.col("_src_rule")
    q = q.with_columns(
        pl.when(rule == "incise").then(pl.struct(s=pl.col("inc_sent"), w=pl.col("inc_word")))
        .when(rule == "colon_verb").then(pl.struct(s=pl.col("col_sent"), w=pl.col("col_word")))
        .when(rule.is_in(["verb_before", "verb_in_sentence"]))
        .then(pl.struct(s=pl.col("near_sent"), w=pl.col("near_word")))
        .when(rule == "governing_verb").then(pl.struct(s=pl.col("gov_sent"), w=pl.col("gov_word")))
        .when(rule == "previous_sentence").then(pl.struct(s=pl.col("ps_sent"), w=pl.col("ps_word")))
        .alias("_verb")).unnest("_verb").rename({"s": "_v_sent", "w": "_v_word"})
    verb_info = tok.select("doc_id", pl.col("sent_id").alias("_v_sent"), pl.col("word_id").alias("_v_word"),
                           pl.when(pl.col("lemma").is_in(_verb_lemmas(lexicon, incise=True))).then(pl.col("lemma"))
                           .otherwise(pl.coalesce("form_lemma", "lemma")).alias("_v_lemma"),
                           pl.col("is_rv").alias("_v_rv"),
                           pl.col("is_rv_incise").alias("_v_rv_incise"),
                           pl.col("head").alias("_v_head"), pl.col("deprel").alias("_v_rel"),
                           pl.col("end_char").alias("_v_end"),
                           ((pl.col("verbform") == "Inf") | (pl.col("form").str.to_lowercase() == pl.col("lemma"))
                            & pl.col("lemma").str.contains(r"(?:er|ir|re)$")).fill_null(False).alias("_v_inf"))
    q = q.join(verb_info, on=["doc_id", "_v_sent", "_v_word"], how="left")
    # a verb found in the text only (the tagger missed it): its end and its lemma from the form
    by_form = forms.group_by("form").agg(pl.col("lemma").first())
    text_verb = pl.when(rule == "incise_text").then(pl.struct(e=pl.col("_tinc_end"), f=pl.col("_tinc_form"))) \
        .when(rule == "incise_final").then(pl.struct(e=pl.col("_finc_end"), f=pl.col("_finc_form"))) \
        .when(rule == "incise_inside").then(pl.struct(e=pl.col("_iinc_end"), f=pl.col("_iinc_form")))
    q = (q.with_columns(text_verb.struct.field("e").alias("_t_end"), text_verb.struct.field("f").alias("_t_form"))
         .join(by_form.rename({"form": "_t_form", "lemma": "_t_lemma"}), on="_t_form", how="left")
         .with_columns(pl.coalesce("_v_end", "_t_end").alias("_v_end"),
                       pl.coalesce("_inc_end", pl.when(rule != "incise_inside").then(pl.col("_t_end")))
                       .alias("_inc_end"),
                       pl.coalesce("_v_lemma", "_t_lemma").alias("_v_lemma"),
                       (pl.col("_v_rv_incise") | pl.col("_t_lemma").is_not_null()).alias("_v_rv_incise")))

    # --- source: subject of the verb, the noun a participle / relative depends on, or the governing verb's
    object_clitic = pl.col("form").str.to_lowercase().is_in(["le", "la", "l'", "l’", "les", "se", "s'", "s’", "lui",
                                                              "leur", "y", "en", "-t", "-t-", "t"])
    # a subject never has a preposition ("a de son côté dénoncé": "côté" is no subject)
    with_case = (tok.filter(pl.col("deprel") == "case")
                 .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    subj = (tok.join(with_case, on=["doc_id", "sent_id", "word_id"], how="anti")
            .filter(pl.col("deprel").str.starts_with("nsubj") & ~object_clitic)
            .select("doc_id", "sent_id", pl.col("head").alias("_gov"), pl.col("word_id").alias("_subj"),
                    pl.col("lemma").alias("_subj_lemma"), pl.col("upos").alias("_subj_upos"))
            .group_by("doc_id", "sent_id", "_gov").first())
    q = (q.join(subj.rename({"sent_id": "_v_sent", "_gov": "_v_word"}), on=["doc_id", "_v_sent", "_v_word"],
                how="left")
         .join(subj.rename({"sent_id": "_v_sent", "_gov": "_v_head", "_subj": "_subj2", "_subj_lemma": "_subj2_lemma",
                            "_subj_upos": "_subj2_upos"}), on=["doc_id", "_v_sent", "_v_head"], how="left"))
    relative_subject = pl.col("_subj_lemma").is_in(["qui", "que", "lequel", "laquelle"])
    # a present participle right after a noun speaks for that noun even when the tree says otherwise
    # ("un message disant « … »", the participle tagged as an adverb)
    noun_before = tok.select("doc_id", pl.col("sent_id").alias("_v_sent"), (pl.col("word_id") + 1).alias("_v_word"),
                             pl.col("upos").is_in(["NOUN", "PROPN"]).alias("_noun_before"))
    verb_form = tok.select("doc_id", pl.col("sent_id").alias("_v_sent"), pl.col("word_id").alias("_v_word"),
                           pl.col("form").str.ends_with("ant").alias("_v_participle"))
    q = (q.join(noun_before, on=["doc_id", "_v_sent", "_v_word"], how="left")
         .join(verb_form, on=["doc_id", "_v_sent", "_v_word"], how="left"))
    q = q.with_columns(
        pl.when(rule == "colon_subject").then(pl.col("cs_word"))
        .when(pl.col("_v_word").is_null()).then(None)
        .when(pl.col("_subj").is_not_null() & ~(relative_subject & (pl.col("_v_rel") == "acl:relcl")))
        .then(pl.col("_subj"))
        # the noun a participle or a relative depends on ("un communiqué affirmant"), not the noun an infinitive
        # was misattached to ("…, avant de souligner :", whose subject is the main clause's)
        .when(pl.col("_v_rel").is_in(["acl", "acl:relcl"]) & ~pl.col("_v_inf")).then(pl.col("_v_head"))
        .when(pl.col("_v_participle") & pl.col("_noun_before")).then(pl.col("_v_word") - 1)
        .when(pl.col("_v_rel").is_in(["xcomp", "advcl", "conj", "ccomp", "obl", "advcl:cleft"])
              & pl.col("_subj2").is_not_null())
        .then(pl.col("_subj2"))
        .alias("src_word"))
    heads = q.filter(pl.col("src_word").is_not_null()).select(
        "_q", "doc_id",
        pl.coalesce(pl.when(rule == "colon_subject").then(pl.col("cs_sent")), "_v_sent").alias("sent_id"),
        "src_word")
    src = _source_spans(heads, tok, ancestors(tok, heads))
    q = q.join(src, on="_q", how="left")
    # an incise without a subject in the tree: the inverted clitic ("a-t-il précisé", "dit-elle"),
    # else the noun phrase after the verb, up to a comma, a stop or a preposition of place or time
    incise_text = pl.col("text").str.slice(pl.col("end_char"),
                                           (pl.col("_inc_end") + 12 - pl.col("end_char")).clip(lower_bound=0))
    np_text = pl.col("text").str.slice(pl.col("_v_end"), 200)
    word = r"(?:\p{Lu}\.|[^\s,.;:()!?«»]+)"
    np_pattern = (rf"^\s+{_SKIP}{{0,3}}"
                  rf"({word}(?:\s+{word})*?)"
                  r"(?:\s+(?:à|au|aux|dans|sur|en|lors|après|avant|depuis|pendant|devant|qui|lundi|mardi|mercredi"
                  r"|jeudi|vendredi|samedi|dimanche|hier|aujourd['’]hui|ce|cette|citant)\s|\s*[,.;:()!?]|\s*$)")
    q = q.with_columns(
        incise_text.str.extract(r"-(?:t-)?((?i:il|elle|ils|elles|on))\b", 1).alias("_clitic"),
        np_text.str.extract(np_pattern, 1).alias("_np"),
    ).with_columns(
        # a noun phrase: a name or a determiner first ("l'universitaire", "V. Sapounov", not "que")
        pl.when(pl.col("_np").str.contains(_NP_START)).then(pl.col("_np")).alias("_np"),
    ).with_columns(
        # (an incise inside the marks has its clitic at the end of the verb: "…, dit-il, …")
        pl.when(rule == "incise_inside")
        .then(pl.col("_iinc_clitic").str.extract(r"((?i:il|elle|ils|elles|on))$", 1))
        .otherwise(pl.col("_clitic")).alias("_clitic"),
    ).with_columns(
        pl.when((rule == "incise_inside") & pl.col("_clitic").is_not_null())
        .then(pl.col("_iinc_end") - pl.col("_clitic").str.len_chars())
        .when(pl.col("_clitic").is_not_null())
        .then(pl.col("end_char")
              + incise_text.str.extract(r"^(.*?-(?:t-)?)(?i:il|elle|ils|elles|on)\b", 1).str.len_chars())
        .alias("_cl_pos"),
        (pl.col("_v_end") + _char_find(np_text, pl.col("_np"))).alias("_np_pos"),
    )
    q = q.with_columns(
        # a source never lies inside its own quotation
        pl.when((pl.col("source_start") < pl.col("end_char")) & (pl.col("source_end") > pl.col("start_char")))
        .then(None).otherwise(pl.col("source_start")).alias("source_start"),
    ).with_columns(pl.when(pl.col("source_start").is_null()).then(None).otherwise(pl.col("source_end"))
                   .alias("source_end"))
    # (the noun phrase after the verb also serves an inverted subject the parser missed: "comme le rappelle HRW")
    no_tree_subject = (rule.is_in(["incise", "incise_text", "incise_final", "incise_inside", "verb_in_sentence",
                                   "governing_verb"])
                       & pl.col("source_start").is_null())
    q = q.with_columns(
        pl.when(no_tree_subject & pl.col("_clitic").is_not_null()).then(pl.col("_cl_pos"))
        .when(no_tree_subject & pl.col("_np").is_not_null()).then(pl.col("_np_pos"))
        .otherwise(pl.col("source_start")).alias("source_start"),
        pl.when(no_tree_subject & pl.col("_clitic").is_not_null())
        .then(pl.col("_cl_pos") + pl.col("_clitic").str.len_chars())
        .when(no_tree_subject & pl.col("_np").is_not_null()).then(pl.col("_np_pos") + pl.col("_np").str.len_chars())
        .otherwise(pl.col("source_end")).alias("source_end"),
    )
    # preposition sources ("selon X"): found in the text, offsets from the clause / tail start
    lead = pl.coalesce("_lead_src_whole", "_lead_src")
    q = q.with_columns(
        pl.when(pl.col("_src_rule") == "selon_before")
        .then(pl.col("_left_start") + _char_find(pl.col("_left"), lead))
        .when(rule == "colon_name").then(pl.col("_left_start") + _char_find(pl.col("_left"), pl.col("_colon_name")))
        .when(pl.col("_src_rule") == "selon_after")
        .then(pl.col("end_char") + _char_find(pl.col("_right"), pl.col("_tail_src")))
        .otherwise(pl.col("source_start")).alias("source_start"),
    ).with_columns(
        pl.when(pl.col("_src_rule") == "selon_before").then(pl.col("source_start") + lead.str.len_chars())
        .when(rule == "colon_name").then(pl.col("source_start") + pl.col("_colon_name").str.len_chars())
        .when(pl.col("_src_rule") == "selon_after").then(pl.col("source_start") + pl.col("_tail_src").str.len_chars())
        .otherwise(pl.col("source_end")).alias("source_end"),
    )
    q = q.with_columns(
        pl.col("text").str.slice(pl.col("source_start"), pl.col("source_end") - pl.col("source_start"))
        .str.strip_chars(" ,;:-").str.replace(r"^-?t-", "").alias("source"),
        pl.when(pl.col("_src_rule") == "selon_before").then(pl.col("_lead_prep"))
        .when(pl.col("_src_rule") == "selon_after").then(pl.col("_tail_prep"))
        .when(pl.col("_v_rv") | pl.col("_v_rv_incise")).then(pl.col("_v_lemma"))
        .alias("reporting_verb"),
        pl.concat_str(pl.col("_kind_rule"), pl.col("_src_rule").fill_null("none"), separator="+").alias("rule"),
    )
    keep = [c for c in spans.columns] + ["kind", "source", "reporting_verb", "source_start", "source_end", "rule"]
    q = q.drop("doc_id").rename({"_doc_name": "doc_id"})
    return q.sort("_q").select([c for c in keep if c in q.columns])

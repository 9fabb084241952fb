"""Hedges, source markers and boosters: the guide's §3 on the token table.

Categories follow Hyland's hedges and boosters (Hyland 1998, 2005), Prince, Frader &
Bosk's approximators and shields (1982), and French work on evidentiality and
reported information (Dendale & Tasmowski 2001; Charaudeau 1997); the unit and the
spans follow the project's annotation guide (§3): see ``corpusling/lexicons/README.md``
for the definitions and the pattern notation.

The evidence, one module each, all polars expressions over one word table
(:mod:`corpusling.markers.hedge_words`):

* **lexicon entries** (``hedges.tsv``), matched as a join by :mod:`corpusling.markers.hedge_lexicon`;
* **epistemic pouvoir / devoir**, told from their root readings by the ordered, named rows of
  :data:`MODAL_RULES` (:mod:`corpusling.markers.hedge_modals`);
* **who is speaking**: attribution incises in the writer's text and vague noun phrases that are
  the subject of a verb of saying or of an incise, or the agent of its passive ("décrit … par un ami
  d'enfance") (:mod:`corpusling.markers.hedge_sources`), or the object of a source marker ("selon ces
  témoins").

This module puts them together and applies the guide's span and scope rules: a source marker
spans its object noun phrase ("selon l'AFP") and an approximator its numeral; "selon" of variation
("varie … selon les sous-espèces") and a point of view nobody holds ("aux yeux de l'histoire") are no
source markers; a source marker or incise that attributes a quotation in quotation marks is the
quotation's attribution, not a hedge;
an adjectival booster under negation ("ce n'est pas incontestable") is not a booster; an unnamed source
named right after ("un manifestant, Abdel Nasser") is not unnamed; overlapping spans of one
category keep the longest, while categories may overlap ("selon un collectif de défense": a source
marker whose object is an unnamed source). Each row's ``entry`` names the lexicon pattern or the
rule that found it.
"""

from __future__ import annotations

import polars as pl

from corpusling.lexicons import load_hedge_context, load_lexicon
from corpusling.markers.hedge_lexicon import compile_lexicon, lexicon_spans
from corpusling.markers.hedge_modals import MODAL_RULES, ModalRule, modal_readings, modal_spans
from corpusling.markers.hedge_sources import (
    CLOSING_MARKS,
    DASHES,
    OPENING_MARKS,
    STRAIGHT_MARKS,
    incises,
    indefinite_speakers,
    indefinite_subjects,
    speaking_agents,
    speaking_subjects,
    vague_phrases,
)
from corpusling.markers.hedge_words import (
    agentive_nouns,
    at,
    holder_of_a_view,
    in_list,
    positioned,
    previous_where,
    right_edge,
    rule_words,
    sentences_of,
    span_rows,
    value_at,
    word_table,
)

__all__ = ["MODAL_RULES", "RESULT_SCHEMA", "ModalRule", "compile_lexicon", "hedges", "modal_readings"]

#: Columns of the result, in order (DESIGN.md's hedges.csv plus ``in_quote``).
RESULT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "sent_id": pl.Int32(), "start_char": pl.Int64(), "end_char": pl.Int64(),
    "match": pl.String(), "category": pl.String(), "entry": pl.String(), "in_quote": pl.Boolean(),
}

#: How far after a source marker the head of its object may come ("selon les tout derniers chiffres").
OBJECT_REACH = 4

#: How many numeral words an approximator's span takes after it ("environ 5 000" in two words).
NUMERAL_REACH = 3

#: How many words before an adjectival booster a negation may come ("ce n'est pas incontestable").
NEGATION_REACH = 4


def hedges(tokens: pl.DataFrame, documents: pl.DataFrame, lexicon: pl.DataFrame | None = None,
           quotes: pl.DataFrame | None = None, rules: bool = True) -> pl.DataFrame:
    """Hedges, source markers, unnamed sources and boosters in a parsed corpus.

    One row per occurrence: ``doc_id, sent_id, start_char, end_char, match, category,
    entry, in_quote``. ``match`` is the document text at the offsets: the marker's words, a
    source marker with its object ("selon l'AFP", "a indiqué la direction"), an approximator
    with its numeral where the lexicon includes it ("une dizaine"). ``entry`` is the lexicon
    pattern that matched, or ``rule: …`` for the syntactic rules (epistemic modals, incises,
    unnamed subjects and agents of verbs of saying, unnamed objects of source markers), which ``rules=False``
    turns off. ``lexicon``
    defaults to the bundled one (:func:`corpusling.lexicons.load_lexicon`). ``in_quote`` is
    null unless ``quotes`` (a quotation table) is given, then whether the match lies inside
    a direct or mixed quotation (:func:`corpusling.markers.voice.add_in_quote`).
    """
    lexicon = load_lexicon() if lexicon is None else lexicon
    if tokens.height == 0 or lexicon.height == 0:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    words = word_table(tokens)
    lists = load_hedge_context()
    spans = _extend_numerals(_extend_sources(lexicon_spans(words, lexicon), words), words)
    spans = _drop_viewless(_drop_variation(spans, words), words, lists)
    if rules:
        found_incises = incises(words, lists)
        subjects = found_incises["_subj"].drop_nulls()
        objects = _speaker_objects(spans, words, lists)
        # (the bare indefinite pronouns of people, read by four of the rules below: found once)
        indefinite = indefinite_speakers(words)
        # the vague subjects of incises and objects of source markers, their phrases found at once (the definite
        # plural of a speaking group too: "selon les médias locaux", ", ont affirmé les détracteurs du projet")
        vague = vague_phrases(words, pl.concat([subjects, objects]), lists, rule_words()["speaking_group"],
                              indefinite)
        spans = pl.concat([
            spans, modal_spans(words, lists),
            span_rows(found_incises, words, "source_marker",
                      pl.when(pl.col("_clause")).then(pl.lit("rule: attribution clause"))
                      .otherwise(pl.lit("rule: attribution incise"))),
            span_rows(vague.filter(pl.col("_i").is_in(subjects.implode())), words, "unnamed_source",
                      pl.lit("rule: unnamed subject of an incise")),
            span_rows(vague.filter(pl.col("_i").is_in(objects.implode())), words, "unnamed_source",
                      pl.lit("rule: unnamed object of a source marker")),
            speaking_subjects(words, lists, indefinite), indefinite_subjects(words, lists, indefinite),
            speaking_agents(words, lists, indefinite)],
            how="diagonal_relaxed")
    spans = _drop_named(_drop_negated(_drop_quotation_attributions(spans, words), words, lists), words)
    spans = _drop_denied_possibility(spans, words, lists)
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


def _speaker_objects(spans: pl.DataFrame, words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.Series:
    """The heads of source markers' objects that can be a speaker: a noun of a person, an institution or an
    informant, or a pronoun ("selon un diplomate", "selon ces témoins", "selon l'un d'eux"). The guide's unnamed
    source is a speaker left unnamed; a report, a study or its conclusions ("selon un reportage", "selon des
    conclusions d'analyses") are sources that speak for no one (§3), and a testimony (``testimony_noun``) speaks
    for its witnesses only when it names them. Coordinated objects are objects too ("selon le Comité international
    de la Croix-Rouge et un responsable rebelle"), and an object that cannot speak speaks for the speaker its
    complement names ("d'après les informations des médias américains": the media)."""
    heads = spans.filter(pl.col("category") == "source_marker")["_object"].drop_nulls()
    speakers = agentive_nouns(lists)

    def named(column: str, nouns: frozenset[str]) -> pl.Expr:
        return (in_list(f"_lemma{column}", nouns) | in_list(f"_form{column}", nouns)
                | pl.col(f"_form{column}").str.to_lowercase().str.replace(r"(..)[sx]$", "$1").is_in(sorted(nouns)))

    # (the parser may hang the conjunct on the object's complement: "le Comité … de la Croix-Rouge et un responsable")
    their_complements = words.filter(pl.col("_hi").is_in(heads.implode()) & pl.col("deprel").str.starts_with("nmod"))
    coordinated = words.filter((pl.col("deprel") == "conj") & pl.col("upos").is_in(["NOUN", "PRON"])
                               & pl.col("_hi").is_in(pl.concat([heads, their_complements["_i"]]).implode()))["_i"]
    objects = words.filter(pl.col("_i").is_in(heads.implode()))
    speechless = objects.filter((pl.col("upos") == "NOUN") & ~named("", speakers))["_i"]
    # (the names tested on the few nominal complements of those heads only, not on every word)
    speaking_complements = words.filter(pl.col("_hi").is_in(speechless.implode())
                                        & pl.col("deprel").str.starts_with("nmod") & (pl.col("upos") == "NOUN")
                                        ).filter(named("", speakers))["_i"]
    candidates = words.filter(pl.col("_i").is_in(pl.concat([heads, coordinated, speaking_complements]).implode()))
    # a testimony speaks for its witnesses only when it names them ("selon des témoignages de réfugiés"; not
    # "selon d'autres témoignages"): a complement in "de" that names a speaker
    complements = words.filter(pl.col("_hi").is_in(candidates["_i"].implode())
                               & pl.col("deprel").str.starts_with("nmod"))
    witnesses = (complements.select(pl.col("_hi").alias("_i"), pl.col("_lemma").alias("_lemma_w"),
                                    pl.col("_form").alias("_form_w"), pl.col("upos").alias("_upos_w"))
                 .filter(named("_w", speakers) | pl.col("_upos_w").is_in(["PROPN", "PRON"]))["_i"])
    testimony = rule_words()["testimony_noun"]
    return candidates.filter(
        (pl.col("upos") == "PRON")
        | (named("", speakers) & (~named("", testimony) | pl.col("_i").is_in(witnesses.implode()))))["_i"]


def _extend_sources(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """A source marker's span runs on over its object noun phrase ("selon" → "selon le bilan le plus récent").

    The object's head is the first noun, proper noun, pronoun or numeral within
    :data:`OBJECT_REACH` words after the marker, past determiners, adjectives and adverbs only (and the "de" of
    an indefinite "des" the tokeniser split into "de les");
    its phrase ends where :func:`right_edge` says. A marker that ends with a pronoun has its object
    already ("le Medef, pour qui seule une hausse…"). ``_object`` keeps the head (null for other markers).
    """
    sources = spans.filter(pl.col("category") == "source_marker")
    if sources.height == 0:
        return spans.with_columns(pl.lit(None, pl.Int64).alias("_object"))
    scope = sentences_of(words, sources["_last_i"])
    def determiner_like(j: int) -> pl.Expr:
        # the tokeniser may split the indefinite "des" after the marker into "de les" ("selon des riverains")
        # and a numeral hung on the noun right after it is that noun's ("Pour 63 % des Français": the noun "%")
        return at("upos", j).is_in(["DET", "ADJ", "ADV"]) | (
            (at("upos", j) == "ADP") & (at("_lemma", j) == "de") & (at("_form", j + 1) == "les")) | (
            (at("upos", j) == "NUM") & (at("_hi", j) == pl.col("_i") + j + 1) & (at("upos", j + 1) == "NOUN"))

    head = []
    for k in range(1, OBJECT_REACH + 1):
        between = (pl.all_horizontal([determiner_like(j) for j in range(1, k)]) if k > 1 else pl.lit(True))
        numeral_of_noun = (at("upos", k) == "NUM") & (at("_hi", k) == pl.col("_i") + k + 1) & (
            at("upos", k + 1) == "NOUN")
        head.append(pl.when(between & at("upos", k).is_in(["NOUN", "PROPN", "PRON", "NUM"])
                            & ~numeral_of_noun.fill_null(False)).then(pl.col("_i") + k))
    objects = (scope.select(pl.col("_i").alias("_last_i"), pl.when(pl.col("upos") != "PRON")
                            .then(pl.coalesce(head)).alias("_object"))
               .join(sources.select("_last_i").unique(), on="_last_i", how="semi").drop_nulls("_object"))
    edges = right_edge(words, objects["_object"]).rename({"_i": "_object"})
    ends = objects.join(edges, on="_object").select("_last_i", "_object", "_edge")
    source = pl.col("category") == "source_marker"
    return (spans.join(ends, on="_last_i", how="left")
            .with_columns(pl.when(source).then(pl.coalesce("_edge", "_last_i")).otherwise("_last_i").alias("_last_i"),
                          pl.when(source).then(pl.col("_object")).alias("_object"))
            .drop("_edge"))


def _drop_variation(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """"selon" after a word of variation is "depending on", not a source: "le dessous des ailes varie du blanc au
    gris selon les sous-espèces", "des tarifs variables selon l'âge" (the guide's §3: not "selon" of manner or
    arrangement). The word (``variation_word`` of ``hedge_rule_words.tsv``) comes before the marker in its clause,
    with no punctuation between, or is the word the marker's object hangs on. A word that applies a criterion
    (``criterion_word``: "Ne me jugez pas d'après les actes", "la persécution d'individus selon leur orientation
    sexuelle") makes it the criterion applied, in the same way."""
    markers = spans.filter((pl.col("category") == "source_marker") & pl.col("_object").is_not_null())
    if markers.height == 0:
        return spans
    criterion = rule_words()["variation_word"] | rule_words()["criterion_word"]
    varying = in_list("_lemma", criterion)
    scope = positioned(sentences_of(words, markers["_first_i"]))
    scope = scope.with_columns(
        previous_where(varying).alias("_varying"), previous_where(pl.col("upos") == "PUNCT").alias("_punct"))
    before = scope.select(pl.col("_i").alias("_first_i"), (pl.col("_varying").is_not_null() & (
        pl.col("_punct").is_null() | (pl.col("_punct") < pl.col("_varying")))).alias("_after_variation"))
    heads = scope.select(pl.col("_i").alias("_object"), value_at("_lemma", pl.col("_hi")).alias("_object_head"))
    dropped = (markers.join(before, on="_first_i").join(heads, on="_object", how="left")
               .filter(pl.col("_after_variation")
                       | pl.col("_object_head").is_in(sorted(criterion)).fill_null(False))
               .select("_first_i", "_last_i", "category"))
    return spans.join(dropped, on=["_first_i", "_last_i", "category"], how="anti")


def _drop_viewless(spans: pl.DataFrame, words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """A point of view needs someone to hold it: "aux yeux du ministre", "du point de vue des habitants" are source
    markers, "aux yeux de l'histoire et de la morale", "du point de vue du territoire" are not. The markers are the
    lexicon entries listed as ``viewpoint_marker`` in ``hedge_rule_words.tsv``; their object must be a holder of a
    view (:func:`corpusling.markers.hedge_words.holder_of_a_view`)."""
    markers = spans.filter((pl.col("category") == "source_marker")
                           & pl.col("entry").is_in(sorted(rule_words()["viewpoint_marker"])))
    if markers.height == 0:
        return spans
    holders = words.filter(pl.col("_i").is_in(markers["_object"].drop_nulls().implode())).select(
        pl.col("_i").alias("_object"), holder_of_a_view(lists).alias("_holder"))
    dropped = (markers.join(holders, on="_object", how="left").filter(~pl.col("_holder").fill_null(False))
               .select("_first_i", "_last_i", "category"))
    return spans.join(dropped, on=["_first_i", "_last_i", "category"], how="anti")


def _extend_numerals(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """An approximator's span runs on over the numeral right after it ("environ" → "environ 5 000", guide §3)."""
    rounders = spans.filter(pl.col("category") == "approximator")
    if rounders.height == 0:
        return spans
    numeral = (pl.col("upos") == "NUM") | pl.col("_raw").str.contains(r"^\d")
    scope = sentences_of(words, rounders["_last_i"]).with_columns(numeral.alias("_num"))
    reach = pl.lit(0)
    for k in range(1, NUMERAL_REACH + 1):
        run = pl.all_horizontal([at("_num", j) for j in range(1, k + 1)]).fill_null(False)
        reach = pl.when(run).then(k).otherwise(reach)
    ends = scope.select(pl.col("_i").alias("_last_i"), (pl.col("_i") + reach).alias("_numeral_end"))
    return (spans.join(ends, on="_last_i", how="left")
            .with_columns(pl.when(pl.col("category") == "approximator").then(pl.coalesce("_numeral_end", "_last_i"))
                          .otherwise("_last_i").alias("_last_i"))
            .drop("_numeral_end"))


def _stray_closings(words: pl.DataFrame) -> pl.Series:
    """``_i`` of the closing guillemets and curly marks that close nothing: no quotation is open before them in their
    document. The marks open and close a running count per document that never goes below zero (a closing mark at
    zero is a stray and leaves it there: the count less the lowest it has been, when that is below zero). A stray
    closing mark gives no quotation, and the writer's words before it are read as printed (set21, set22 and set23's
    adjudications, recurring decision 1: "L'équipe a fait un boulot exceptionnel », a déclaré Hamilton" is the
    writer's assertion with an attribution incise, a source hedge; guide §2 and §3). Straight marks, which open and
    close alike, are left out. Only in the first sentence of its paragraph (where the table gives paragraphs): in a
    later one the sentences before it in the paragraph may be the quotation whose opening mark was lost (set3's
    treebank excerpt "Ce dimanche 30, à Pleumeur-Bodou, sur le site de Cosmopolis. Là, on saura qui est le coupable
    … », a prévenu le patron de la FAF", a quotation of two sentences in its gold), while the translated news of
    set21 to set23 put each sentence on a line of its own."""
    change = (pl.col("_form").is_in(sorted(OPENING_MARKS)).cast(pl.Int32)
              - pl.col("_form").is_in(sorted(CLOSING_MARKS)).cast(pl.Int32))
    # (read on the marks only: the count changes nowhere else, and the lowest it has been is compared with zero)
    running = (words.select("_i", "_form", "doc_id", change.alias("_change")).filter(pl.col("_change") != 0)
               .with_columns(pl.col("_change").cum_sum().over("doc_id").alias("_sum")))
    lowest_before = pl.col("_sum").cum_min().shift(1).over("doc_id").fill_null(0)
    open_before = (pl.col("_sum") - pl.col("_change")) - pl.min_horizontal(lowest_before, pl.lit(0))
    stray = running.filter(pl.col("_form").is_in(sorted(CLOSING_MARKS)) & (open_before <= 0))
    if stray.height == 0:
        return stray["_i"]
    # (the word before the sentence's first word lies in another paragraph or document, or there is none)
    firsts = positioned(sentences_of(words, stray["_i"])).select("_i", "_first", "_par", "doc_id")
    before = words.select((pl.col("_i") + 1).alias("_first"), pl.col("_par").alias("_par_before"),
                          pl.col("doc_id").alias("_doc_before"))
    opening = (firsts.filter(pl.col("_i").is_in(stray["_i"].implode())).join(before, on="_first", how="left")
               .filter(((pl.col("_par") != pl.col("_par_before")) | (pl.col("doc_id") != pl.col("_doc_before")))
                       .fill_null(True)))
    return opening["_i"]


def _quotation_marks(scope: pl.DataFrame, stray: pl.Series | None = None) -> pl.DataFrame:
    """Per word of the given sentences: opening / closing quotation mark, and what the sentence starts with. A
    ``stray`` closing mark (:func:`_stray_closings`) is no mark."""
    # a straight mark glued to the word after it opens, to the word before it closes; else by turns
    straight = pl.col("_form").is_in(sorted(STRAIGHT_MARKS))
    glued_right = (pl.col("end_char") == at("start_char", 1)).fill_null(False)
    glued_left = (pl.col("start_char") == at("end_char", -1)).fill_null(False)
    turn = straight.cast(pl.Int32).cum_sum().over("_s")
    straight_open = (pl.when(glued_right & ~glued_left).then(True).when(glued_left & ~glued_right).then(False)
                     .otherwise(turn % 2 == 1))
    opening = pl.col("_form").is_in(sorted(OPENING_MARKS)) | (straight & straight_open)
    closing = pl.col("_form").is_in(sorted(CLOSING_MARKS)) | (straight & ~straight_open)
    if stray is not None:
        closing = closing & ~pl.col("_i").is_in(stray.implode())
    marks = scope.with_columns(opening.alias("_open"), closing.alias("_close"))
    lead = pl.col("_form").is_in(sorted(DASHES))
    first_word = pl.col("_i").filter(~lead).min().over("_s")
    first_mark = pl.col("_i").filter(pl.col("_open") | pl.col("_close")).min().over("_s")
    # a footnote call between the closing mark and the incise is glue, as punctuation ("« … » [1], explique-t-il")
    footnote = pl.col("_raw").str.contains(r"^\d{1,3}$") & (at("_form", -1) == "[") & (at("_form", 1) == "]")
    word = (pl.col("upos") != "PUNCT") & ~footnote.fill_null(False)
    return marks.with_columns(
        # the sentence is (or ends) a quotation: it opens with a quotation mark, or its first mark closes a
        # quotation that began in an earlier sentence
        ((pl.col("_open") & (pl.col("_i") == first_word)).any().over("_s")
         | (pl.col("_close") & (pl.col("_i") == first_mark)).any().over("_s")).alias("_quoted_start"),
        # the last mark at or before this word closes, with only punctuation after it ("« … », a déclaré X")
        (pl.when(pl.col("_open") | pl.col("_close")).then(pl.col("_close")).forward_fill().over("_s").fill_null(False)
         & (pl.when(pl.col("_open") | pl.col("_close")).then(pl.col("_i")).forward_fill().over("_s")
            >= pl.when(word).then(pl.col("_i")).forward_fill().over("_s").fill_null(-1)))
        .alias("_after_close"),
        # the last mark at or before this word closes, whatever words come after it
        pl.when(pl.col("_open") | pl.col("_close")).then(pl.col("_close")).forward_fill().over("_s").fill_null(False)
        .alias("_last_mark_closes"),
        # inside a quotation: more marks opened than closed before it, or before a first mark that closes
        ((pl.col("_open").cast(pl.Int32).cum_sum() - pl.col("_close").cast(pl.Int32).cum_sum()).over("_s") > 0)
        .alias("_opened"),
        (pl.col("_i") < pl.col("_i").filter(pl.col("_close")).min().over("_s")).fill_null(False).alias("_before_close"),
        # the last quotation opened so far was opened after a colon ("… : « … », déclare X")
        pl.when(pl.col("_open")).then(at("_form", -1) == ":").forward_fill().over("_s").fill_null(False)
        .alias("_opened_after_colon"),
        pl.when(pl.col("_open")).then(pl.col("_i")).backward_fill().over("_s").alias("_next_open"),
        pl.when(pl.col("_close")).then(pl.col("_i")).backward_fill().over("_s").alias("_next_close"),
        (pl.col("verbform") == "Fin").fill_null(False).cast(pl.Int32).cum_sum().over("_s").alias("_finite"),
        pl.col("_i").filter(pl.col("upos") != "PUNCT").max().over("_s").alias("_last_word"))


def _drop_quotation_attributions(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Source markers that attribute a quotation in quotation marks are its attribution, not hedges (guide §3).

    After the quotation: the marker comes right after a closing mark (punctuation between) in a
    sentence that opens with the quotation ("« … », a déclaré X", "« … », selon X"), or of a quotation
    opened after a colon ("la population se sent lâchée : « … », déclare X"), or of one that holds the
    sentence's root, its main predicate ('Paris est "préoccupé par les violations…", a déclaré X'; but "selon X" after
    a clause whose subject stands outside the marks hedges the writer's partly quoted clause: "Les causes de
    l'accident « restent encore à déterminer », selon la CFL"); unquoted words
    between them ("« … », y compris le montant…, commente X") are the writer's and keep the marker,
    except before a relay of the quotation (``relay_marker``: "« … », écrit l'ONG, citée par l'agence").
    Before it: a colon or comma then an opening mark follow the marker's phrase, with no finite verb
    in between, and the quotation ends the clause (the sentence, or punctuation after its closing
    mark: "Selon Météo France, « L'épisode … »"). Inside it: an incise between the marks ("« Nous
    sommes, a-t-il dit, inquiets »"). A quotation woven into the writer's
    sentence ("Pour le collectif, il s'agit d'« un pas vers le franquisme »") leaves the marker.
    """
    sources = spans.filter(pl.col("category") == "source_marker")
    if sources.height == 0:
        return spans
    marks = _quotation_marks(sentences_of(words, sources["_first_i"]), _stray_closings(words))
    first_close_opens = (pl.col("_i").filter(pl.col("_close")).min().over("_s")
                         < pl.col("_i").filter(pl.col("_open")).min().over("_s").fill_null(1 << 40))
    # the sentence's main predicate stands inside quotation marks: the writer's words around the quotation only frame
    # it ('Paris est "préoccupé par les violations…", a déclaré le porte-parole'); the predicate is the root, or,
    # where the parser made the incise's verb the root, the clause before it that hangs on it
    root = pl.col("_i").filter(pl.col("deprel") == "root").first().over("_s")
    opened = pl.col("_opened").fill_null(False)
    content = (pl.col("_hi") == root) & (pl.col("_i") < root) & pl.col("deprel").is_in(
        ["ccomp", "advcl", "parataxis", "conj", "xcomp", "csubj"])
    root_quoted = (((pl.col("deprel") == "root") | content) & opened).any().over("_s")
    # ... but a clause whose subject the writer wrote outside the marks is the writer's, partly quoted ("Les causes de
    # l'accident « restent encore à déterminer », selon la CFL"): "selon X" hedges it (set15, set17, set18's gold)
    subject_outside = ((pl.col("deprel").str.starts_with("nsubj") & (pl.col("_hi") == root) & ~opened)
                       .any().over("_s"))
    before = marks.select(pl.col("_i").alias("_first_i"), pl.col("_quoted_start"), root_quoted.alias("_root_quoted"),
                          subject_outside.alias("_subject_outside"),
                          pl.col("_opened_after_colon").shift(1).over("_s").fill_null(False).alias("_after_colon"),
                          pl.col("_after_close").shift(1).over("_s").fill_null(False).alias("_after_close"),
                          pl.col("_last_mark_closes").shift(1).over("_s").fill_null(False).alias("_closed_before"),
                          (pl.col("_opened") | (pl.col("_before_close") & first_close_opens)).fill_null(False)
                          .alias("_inside"))
    at_end = marks.select(pl.col("_i").alias("_last_i"), "_finite", "_last_word",
                          pl.col("_next_open").shift(-1).over("_s").alias("_q"))
    at_open = marks.select(pl.col("_i").alias("_q"), pl.col("_finite").alias("_finite_q"),
                           pl.col("_finite").max().over("_s").alias("_finite_last"),
                           pl.col("_next_close").alias("_q_close"),
                           pl.col("_form").shift(1).over("_s").alias("_q_prev"))
    at_close = marks.select(pl.col("_i").alias("_q_close"), pl.col("_finite").alias("_finite_close"),
                            pl.col("_raw").shift(-1).over("_s").str.contains(r"^[.,;:!?]").alias("_q_ends"))
    flagged = (sources.join(before, on="_first_i", how="left").join(at_end, on="_last_i", how="left")
               .join(at_open, on="_q", how="left").join(at_close, on="_q_close", how="left"))
    # a relay ("« … », écrit l'ONG, citée par l'agence de presse") attributes the quotation wherever it stands after it
    relayed = pl.col("entry").is_in(sorted(rule_words()["relay_marker"])) & pl.col("_closed_before")
    lexical = ~pl.col("entry").str.starts_with("rule:")
    framed = pl.col("_root_quoted") & ~(lexical & pl.col("_subject_outside").fill_null(False))
    after_quote = ((pl.col("_quoted_start") | pl.col("_after_colon") | framed)
                   & (pl.col("_after_close") | relayed))
    # (an attribution clause before a colon, "… comme le précise X : « … »", attributes the writer's assertion
    # before it; before a comma, "bien que, comme le rappelle HRW, « … »", the quotation)
    clause_then_colon = pl.col("entry").str.starts_with("rule: attribution clause") & (pl.col("_q_prev") == ":")
    # (the opening mark may follow the marker's phrase with no comma when the quotation is a clause, with a finite
    # verb: "Selon un haut responsable « il s'agit … »"; not a title or a phrase woven into the writer's clause,
    # "selon un rapport … sur « Les revenus et le patrimoine des ménages »")
    glued_clause = ((pl.col("_q") == pl.col("_last_i") + 1)
                    & (pl.coalesce("_finite_close", "_finite_last") > pl.col("_finite_q")))
    before_quote = (pl.col("_q").is_not_null()
                    & (pl.col("_q_prev").is_in([",", ":"]) | glued_clause.fill_null(False))
                    & ~clause_then_colon
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

    An adjectival booster ("ce n'est pas incontestable", "il n'est pas certain que") asserts no certainty; an
    unnamed source ("n'a pas été confirmée de source indépendante") is the source of nothing reported.
    """
    boosters = spans.filter(pl.col("category").is_in(["booster", "unnamed_source"]))
    if boosters.height == 0:
        return spans
    scope = sentences_of(words, boosters["_first_i"])
    negated = pl.lit(False)
    for k in range(1, NEGATION_REACH + 1):
        clear = (pl.all_horizontal([at("upos", -j) != "PUNCT" for j in range(1, k)]) if k > 1 else pl.lit(True))
        negated = negated | (at("_form", -k).is_in(sorted(lists["negation"])) & clear).fill_null(False)
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


def _drop_denied_possibility(spans: pl.DataFrame, words: pl.DataFrame,
                             lists: dict[str, frozenset[str]]) -> pl.DataFrame:
    """An epistemic adjective after its noun in a noun phrase that a negation denies: "pas d'alliance possible",
    "pas de retour en arrière possible", "aucune issue possible" assert that no such thing can be, and hedge
    nothing (guide §3: the possibility that the writer leaves open; Gosselin 2010 on the negated modal).

    The denied phrase is the adjective's noun, or the noun it complements (one step up): it has a determiner of
    the negation list ("aucun"), or the "de" of the negated indefinite right after a negation ("pas de",
    "jamais de")."""
    single = spans.filter((pl.col("category") == "epistemic_adverb") & (pl.col("_first_i") == pl.col("_last_i")))
    if single.height == 0:
        return spans
    negation = sorted(lists["negation"])
    adjectives = (words.filter(pl.col("_i").is_in(single["_first_i"].implode()) & (pl.col("upos") == "ADJ")
                               & (pl.col("_hi") < pl.col("_i")))
                  .select("_i", "_hi").join(words.select(pl.col("_i").alias("_hi"), pl.col("_hi").alias("_hhi"),
                                                         pl.col("upos").alias("_head_upos"),
                                                         pl.col("deprel").alias("_head_deprel")), on="_hi")
                  .filter(pl.col("_head_upos") == "NOUN"))
    if adjectives.height == 0:
        return spans
    nouns = pl.concat([adjectives.select("_i", pl.col("_hi").alias("_noun")),
                       adjectives.filter(pl.col("_head_deprel").str.starts_with("nmod"))
                       .select("_i", pl.col("_hhi").alias("_noun"))]).drop_nulls()
    previous = words.select(pl.col("_i") + 1, pl.col("_lemma").alias("_before"), pl.col("_s").alias("_s_before"))
    # (the parser reads that "de" as a determiner or, in a headline's verbless phrase, as a preposition)
    denying = (words.filter(pl.col("deprel").is_in(["det", "case"]) & pl.col("_hi").is_in(nouns["_noun"].implode()))
               .join(previous, on="_i", how="left")
               .filter(((pl.col("deprel") == "det") & pl.col("_lemma").is_in(negation))
                       | (pl.col("_raw").str.to_lowercase().is_in(["de", "d'", "d’"])
                          & pl.col("_before").is_in(negation) & (pl.col("_s_before") == pl.col("_s"))))
               .select(pl.col("_hi").alias("_noun")).unique())
    dropped = nouns.join(denying, on="_noun").select(pl.col("_i").alias("_first_i")).unique()
    return spans.join(dropped.with_columns(pl.lit("epistemic_adverb").alias("category")),
                      on=["_first_i", "category"], how="anti")


def _drop_named(spans: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Unnamed sources that are named after all (guide §3: a speaker left unnamed). Rule 'named after': a proper
    noun follows the phrase, in apposition after a comma or not ("affirme un jeune manifestant, Abdel Nasser").
    Rule 'named in quotation marks': an opening quotation mark within the phrase gives a group the name it calls
    itself ("Benjamin Cauchy, des « Gilets jaunes libres », estime…": a movement named, no speaker left
    unnamed; set5, set9). Rule 'named in apposition': the phrase and a proper noun with a comma between
    them and no verb, as the subjects of one verb (the parser's reading of an apposition): "France 2, l'une des chaînes
    du service télévisuel public français, a confirmé…" (set11), "un porte-parole d'A. Barrow, Halifa Sannah, a
    déclaré…" (set8); a proper noun in a prepositional phrase is no such name ("Sur LCI, des voisins décrivent…").
    Ninth round: 'named after' takes the names of examples after "comme" ("diverses personnalités politiques comme
    François Fillon, …", set10), and rule 'named before': the phrase in apposition right after a proper noun and a
    comma and closed by punctuation ("d'après les informations fournies par Regina Mossotti, une des responsables du
    centre, …", set12), not a fronted adjunct before its subject ("Sur LCI, des voisins affirment"). Fourteenth session:
    the punctuation may close the noun phrase the span heads, past the modifiers a lexicon span leaves out ("Stu
    Rothenberg, un analyste politique non partisan.", set23; "Nordahl Lelandais, un ancien militaire de 34 ans, a
    avoué", set19)."""
    unnamed = spans.filter(pl.col("category") == "unnamed_source")
    if unnamed.height == 0:
        return spans
    scope = sentences_of(words, unnamed["_last_i"])
    # (or after "comme", the names of examples: "diverses personnalités politiques comme François Fillon, …")
    named = scope.select(pl.col("_i").alias("_last_i"),
                         ((at("upos", 1) == "PROPN")
                          | (at("_form", 1).is_in([",", "comme"]) & (at("upos", 2) == "PROPN")))
                         .fill_null(False).alias("_named"))
    # rule 'named before': the phrase in apposition right after a proper noun and its comma, closed by punctuation
    # ("par Regina Mossotti, une des responsables du centre, …"; not a fronted adjunct before a subject, "Sur LCI, des
    # voisins affirment…")
    named_before = scope.select(pl.col("_i").alias("_first_i"),
                                ((at("_form", -1) == ",") & (at("upos", -2) == "PROPN")).fill_null(False)
                                .alias("_named_before"))
    closed = scope.select(pl.col("_i").alias("_last_i"), (at("upos", 1) == "PUNCT").fill_null(True).alias("_closed"))
    # (or closed after the noun phrase the span heads: a lexicon span stops at its noun, its modifiers follow it:
    # "Stu Rothenberg, un analyste politique non partisan.", "Nordahl Lelandais, un ancien militaire de 34 ans, a
    # avoué"; fourteenth session, set19, set23)
    after_edge = scope.select(pl.col("_i").alias("_edge"), (at("upos", 1) == "PUNCT").fill_null(True)
                              .alias("_closed_edge"))
    closed = (closed.join(right_edge(words, unnamed["_last_i"]).rename({"_i": "_last_i"}), on="_last_i", how="left")
              .join(after_edge, on="_edge", how="left")
              .select("_last_i", (pl.col("_closed") | pl.col("_closed_edge").fill_null(False)).alias("_closed")))
    # opening marks counted up to each word (the word table's rows are its indices ``_i``): one within the span
    opened = words["_form"].is_in(["«", "“"]).cast(pl.Int32).cum_sum()
    quoted_name = (opened.gather(unnamed["_last_i"]) - opened.gather(unnamed["_first_i"])
                   + words["_form"].gather(unnamed["_first_i"]).is_in(["«", "“"]).cast(pl.Int32)) > 0
    # (the names of examples may fall inside the phrase the parser made: "diverses personnalités comme François Fillon")
    examples = ((words["_form"] == "comme") & (words["upos"].shift(-1) == "PROPN").fill_null(False)
                ).cast(pl.Int32).cum_sum()
    with_examples = (examples.gather(unnamed["_last_i"]) - examples.gather(unnamed["_first_i"])) > 0
    # the phrase's subject word and a proper noun subject of the same verb, a comma and no verb between them
    subjects = scope.filter(pl.col("deprel") == "nsubj")
    in_phrase = scope.filter(pl.col("deprel") == "case")["_hi"].implode()
    names = subjects.filter((pl.col("upos") == "PROPN") & ~pl.col("_i").is_in(in_phrase)).select(
        pl.col("_i").alias("_name"), "_hi")
    commas = (words["_form"] == ",").cast(pl.Int32).cum_sum()
    verbs = words["upos"].is_in(["VERB", "AUX"]).cast(pl.Int32).cum_sum()
    beside = (unnamed.select("_first_i", "_last_i").unique()
              .with_columns(pl.int_ranges("_first_i", pl.col("_last_i") + 1).alias("_i")).explode("_i")
              .join(subjects.select("_i", "_hi"), on="_i").join(names, on="_hi")
              .with_columns(pl.min_horizontal("_i", "_name").alias("_lo"),
                            pl.max_horizontal("_i", "_name").alias("_hi_end"))
              .filter(pl.col("_lo") < pl.col("_hi_end")))
    beside = beside.filter(
        (commas.gather(beside["_hi_end"] - 1) - commas.gather(beside["_lo"]) > 0)
        & (verbs.gather(beside["_hi_end"] - 1) == verbs.gather(beside["_lo"])))
    dropped = pl.concat([
        unnamed.join(named, on="_last_i").filter(pl.col("_named")).select("_first_i", "_last_i", "category"),
        unnamed.join(named_before, on="_first_i").join(closed, on="_last_i")
        .filter(pl.col("_named_before") & pl.col("_closed")).select("_first_i", "_last_i", "category"),
        unnamed.filter(quoted_name).select("_first_i", "_last_i", "category"),
        unnamed.filter(with_examples).select("_first_i", "_last_i", "category"),
        unnamed.join(beside.select("_first_i", "_last_i").unique(), on=["_first_i", "_last_i"], how="semi")
        .select("_first_i", "_last_i", "category")])
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


def _document_order(rows: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Rows in the order documents appear in the token table, then by offset."""
    order = (tokens.select("doc_id").unique(maintain_order=True).select(pl.col("doc_id").cast(pl.String))
             .with_row_index("_doc_order"))
    return rows.join(order, on="doc_id", how="left").sort("_doc_order", "start_char").drop("_doc_order")

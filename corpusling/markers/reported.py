"""Reported speech without quotation marks: what the writer attributes to someone in their own words.

The definitions are those of §4 of the annotation guide (``tests/gold/README.md``), after the
"indirect" quotations of PARC 3.0 (Pareti 2016) and FRACAS (Richard et al. 2024), plus the
attributions that carry no verb of saying:

* ``indirect``: a verb of saying, thinking, announcing, asking… (the reporting-verb lexicon shared
  with the quotation analysis) and its content clause: a que- or si-clause (``ccomp``), a subject
  clause of a passive or impersonal ("il a été annoncé que"), or an infinitive of the same subject
  ("il affirme avoir…"), the attribute of a reflexive verb of saying ("s'est dit prêt à…") and an estimate
  ("X estime à 75 000 le nombre de…"). Two contents joined by "et que" are two rows;
* ``according_to``: a clause attributed by "selon X", "d'après X", "pour X,"…: the source markers that
  the hedge analysis finds (so "selon les cas" and other uses of manner are left out by the same rule);
* ``incise``: an unquoted clause with an attribution incise after or inside it ("Le bilan est de dix
  morts, a indiqué la police"; "qui abrite, dit le Pentagone, environ 5 000 militaires"; "…, comme le
  précise X"), or attributed after it ("…, ce que soulignent X"; "C'est la remarque de X.").

Each row gives the content span (``start_char, end_char``, final punctuation left out), the ``cue``
(the verb's lemma, the locution or the marker) and its span, the ``source`` as written (the subject of
the verb, the agent of a passive, the noun phrase of "selon") and the ``speaker`` it names (by the
ordered rules of :func:`corpusling.markers.reported_speakers.speaker_rules`: a pronoun continuing the last
speaker, a relative its antecedent, a description the person it refers back to…), and the ``rule``: the
rule that found the content, then the speaker rule ("que-clause+pronoun"). Content lying wholly inside
quotation marks is a quotation, not reported speech, and is left out; "X a affirmé que « … »" is both.
Everything is computed on the dependency parse, with tables and joins (no loop over words). The module
reads, in order: :mod:`corpusling.markers.reported_contents` (the cues and the contents they open),
:mod:`corpusling.markers.reported_incises` (the incises),
:mod:`corpusling.markers.reported_speakers` (who speaks) and :mod:`corpusling.markers.reported_tree` (the
lexicons and the tree); this one assembles the rows and leaves out what is no one's reported speech
(:func:`exclusion_rules`).
"""

from __future__ import annotations

import re

import polars as pl

from corpusling.markers.attribution import load_reporting_verbs
from corpusling.markers.reported_contents import (
    according_to,
    admissible,
    cue_words,
    text_contents,
    tree_contents,
    writers_own,
)
from corpusling.markers.reported_incises import attributions_after, clitic_incises, comme_incises, incises
from corpusling.markers.reported_speakers import resolve_speakers, sources
from corpusling.markers.reported_tree import (
    NP_NAME_EXCLUDED,
    WORD,
    attach,
    content_verbs,
    dependency_tree,
    having,
    noun_phrases,
    reported_cues,
    subtrees,
    word_spans,
    words_of,
)
from corpusling.markers.voice import add_in_quote

#: Output columns, in order.
COLUMNS = ["doc_id", "sent_id", "start_char", "end_char", "text", "kind", "cue", "cue_start", "cue_end", "source",
           "speaker", "rule", "in_quote"]


#: Share of a content's words inside quotation marks from which an "according to" or incise content is
#: the quotation's own attribution ("Selon X, « … »"), not reported speech.
QUOTED_SHARE = 0.8


#: Most words of the writer's own in such a clause: more make it the writer's syntax around quoted words ("« Avec
#: une augmentation … », la question est de savoir « si nous allons … » affirme-t-il").
UNQUOTED_WORDS = 3


def _within(rows: pl.DataFrame, spans: pl.DataFrame, start: str, end: str, name: str) -> pl.DataFrame:
    """``rows`` plus a boolean ``name``: the span ``start``–``end`` lies inside one of ``spans``."""
    inside = (rows.select("_item", "doc_id", start, end)
              .join(spans.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").alias("_qs"),
                                 pl.col("end_char").alias("_qe")), on="doc_id")
              .filter((pl.col("_qs") <= pl.col(start)) & (pl.col(end) <= pl.col("_qe")))
              .select("_item").unique().with_columns(pl.lit(True).alias(name)))
    return rows.join(inside, on="_item", how="left").with_columns(pl.col(name).fill_null(False))


def _ends_with_its_quotation(rows: pl.DataFrame, marks: pl.DataFrame) -> pl.DataFrame:
    """A content whose cue lies in a quotation ends at that quotation's end (the tree may run on past it)."""
    spans = (marks.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").alias("_qs"),
                          pl.col("end_char").alias("_qe")))
    holding = (rows.select("_item", "doc_id", "cue_start", "start_char").join(spans, on="doc_id")
               .filter((pl.col("_qs") <= pl.col("cue_start")) & (pl.col("cue_start") < pl.col("_qe"))
                       & (pl.col("_qs") <= pl.col("start_char")))
               .group_by("_item").agg(pl.col("_qe").min()))
    return (rows.join(holding, on="_item", how="left")
            .with_columns(pl.min_horizontal("end_char", pl.col("_qe").fill_null(pl.col("end_char"))).alias("end_char"))
            .drop("_qe"))


def _closing_mark(rows: pl.DataFrame) -> pl.DataFrame:
    """A content that opens a quotation mark ends after its closing mark ("que « rien ne changera »"),
    which the punctuation trimmed at its edge had left out."""
    span = pl.col("_text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
    next_chars = pl.col("_text").str.slice(pl.col("end_char"), 3)
    close = next_chars.str.extract(r"^(\s*[»”])", 1)
    opened = (span.str.count_matches("[«“]") > span.str.count_matches("[»”]"))
    return rows.with_columns(pl.when(opened & close.is_not_null())
                             .then(pl.col("end_char") + close.str.len_chars()).otherwise(pl.col("end_char"))
                             .alias("end_char"))


def _quoted_share(members: pl.DataFrame, words: pl.DataFrame, marks: pl.DataFrame) -> pl.DataFrame:
    """``_item, _quoted_share, _unquoted_words, _opens_quoted``: the share of each item's words (punctuation aside)
    inside quotation marks, the number outside them, and whether its first word is inside."""
    located = (members.join(words.select(*WORD, "start_char", "upos"), on=WORD)
               .filter(pl.col("upos") != "PUNCT"))
    return (add_in_quote(located, marks, kinds=None, column="_in").sort("start_char").group_by("_item")
            .agg(pl.col("_in").cast(pl.Float64).mean().alias("_quoted_share"),
                 (~pl.col("_in")).sum().alias("_unquoted_words"),
                 pl.col("_in").first().alias("_opens_quoted")))


def reported(tokens: pl.DataFrame, documents: pl.DataFrame, quotes: pl.DataFrame | None = None,
             hedges: pl.DataFrame | None = None, reporting_verbs: pl.DataFrame | None = None,
             proper_names: pl.DataFrame | None = None, paragraphs: pl.DataFrame | None = None) -> pl.DataFrame:
    """Reported speech of the writer's text: one row per reported content (the columns of :data:`COLUMNS`).

    ``quotes`` (from :func:`corpusling.markers.quotes.quotes`) and ``hedges`` (from
    :func:`corpusling.markers.hedges.hedges`) are computed when not given; ``reporting_verbs`` is the
    lexicon shared with the quotation analysis (``corpusling/lexicons/reporting_verbs.tsv``);
    ``proper_names`` the corpus's (:func:`corpusling.markers.speakers.proper_names`, with the default reporting
    verbs), which the speakers read instead of computing them for the documents with reported speech; ``paragraphs``
    the paragraphs of the corpus's every document (:func:`corpusling.markers.speakers.paragraphs`), likewise.
    """
    if quotes is None:
        from corpusling.markers.quotes import quotes as find_quotes

        quotes = find_quotes(tokens, documents)
    if hedges is None:
        from corpusling.markers.hedges import hedges as find_hedges

        hedges = find_hedges(tokens, documents, quotes=quotes)
    lexicon = load_reporting_verbs() if reporting_verbs is None else reporting_verbs
    if tokens.height == 0 or "head" not in tokens.columns:
        return empty()
    from corpusling.markers.attribution import default_reporting_verbs, reporting_verb_forms

    everywhere = words_of(tokens).filter(pl.col("head").is_not_null())
    # incises: the verbs of the lexicon and those that report only in an incise ("poursuit l'ex-président")
    incise_lexicon = (default_reporting_verbs() if reporting_verbs is None
                      else lexicon.with_columns(pl.lit("any").alias("use")))
    cues, incise_cues = cue_words(everywhere, lexicon, incise_lexicon.select("lemma", "type"))
    markers = according_to(everywhere, hedges)
    texts = documents.select(pl.col("doc_id").cast(pl.String), pl.col("text").alias("_text"))
    in_text_incises = clitic_incises(everywhere, texts, reporting_verb_forms(incise_lexicon))
    after = attributions_after(everywhere, incise_cues)
    # the other rules read the sentences that hold a cue or a content (a content lies in its cue's sentence, but
    # for one attributed after it: "C'est la remarque de X")
    holding = [frame.select("doc_id", "sent_id")
               for frame in (cues, incise_cues, markers, in_text_incises, after) if frame.height]
    if not holding:  # (no cue anywhere: no reported speech)
        return empty()
    here = pl.concat(holding).unique()
    words = having(everywhere, here, ["doc_id", "sent_id"])
    reporting = cues.join(writers_own(words, cues), on=WORD, how="anti")
    in_tree = admissible(tree_contents(words, reporting), words, reporting)
    in_text = admissible(text_contents(words, reporting.join(in_tree.select("doc_id", "sent_id",
                                                                        pl.col("cue_word").alias("word_id")),
                                                         on=WORD, how="anti")), words, reporting)
    in_tree_incises = incises(words, incise_cues)
    if in_text_incises.height:  # (the text reads an inverted clitic better than the tree: "Il est, disent-ils, …")
        in_tree_incises = in_tree_incises.join(in_text_incises.select("doc_id", "sent_id").unique(),
                                               on=["doc_id", "sent_id"], how="anti")
    found = pl.concat([
        in_tree,
        in_text,
        markers,
        in_tree_incises,
        in_text_incises,
        comme_incises(words, incise_cues),
        after,
    ], how="diagonal_relaxed")
    found = found.with_columns([pl.lit(None, pl.Int64).alias(c) for c in
                                ("_range_start", "_range_end", "_marker_end", "_source_start", "_source_end",
                                 "_given_cue_start")
                                if c not in found.columns])
    found = found.unique(["doc_id", "sent_id", "cue_word", "head", "_range_start"], keep="first",
                         maintain_order=True)
    cues = pl.concat([cues, incise_cues], how="diagonal_relaxed").unique(WORD, keep="first")
    if found.height == 0:
        return empty()
    found = found.with_row_index("_item").with_columns(pl.col("_item").cast(pl.Int64))
    # (from here on the rules read the words of the contents' own sentences only, not those of every cue)
    words = having(words, found, ["doc_id", "sent_id"])
    tree = dependency_tree(words)
    # the content: the clause under its head (and, for an incise inside a clause, the branch after it),
    # without the cue's own subtree (an incise inside it is kept)
    # (and the complementizer of an indirect content, wherever the parser hung it)
    content = pl.concat([subtrees(found.select("_item", "doc_id", "sent_id", "head"), tree),
                         subtrees(found.filter(pl.col("head2").is_not_null())
                                   .select("_item", "doc_id", "sent_id", pl.col("head2").alias("head")), tree),
                         found.filter((pl.col("kind") == "indirect") & pl.col("_opener").is_not_null())
                         .select("_item", "doc_id", "sent_id", pl.col("_opener").alias("word_id"))]
                        ).unique()
    # the rest of a clause an incise interrupts, up to the next punctuation (whatever the parser hung it on)
    rest = (found.filter(pl.col("_range_start").is_not_null())
            .select("_item", "doc_id", "sent_id", "_range_start",
                    pl.coalesce("_range_end", pl.lit(2**62)).alias("_range_end"))
            .join(words.select(*WORD, "start_char"), on=["doc_id", "sent_id"])
            .filter((pl.col("start_char") >= pl.col("_range_start")) & (pl.col("start_char") < pl.col("_range_end")))
            .select("_item", *WORD))
    cue_tree = subtrees(found.filter((pl.col("kind") != "indirect") & (pl.col("cue_word") != pl.col("head")))
                         .select("_item", "doc_id", "sent_id", pl.col("cue_word").alias("head")), tree)
    # (but for the parts of an interrupted clause the parser hung on the incise verb: "Le gouvernement, a précisé
    # le porte-parole, n'a pas l'intention de céder", "gouvernement" the subject of "précisé")
    parts = pl.concat([found.filter(pl.col("_range_start").is_not_null() & (pl.col("kind") == "incise"))
                       .select("_item", "doc_id", "sent_id", pl.col(part).alias("word_id"))
                       for part in ("head", "head2")]).filter(pl.col("word_id").is_not_null())
    hung_parts = parts.join(cue_tree, on=["_item", *WORD], how="semi").rename({"word_id": "head"})
    cue_tree = cue_tree.join(subtrees(hung_parts, tree), on=["_item", *WORD], how="anti")
    # an incise parsed as the root: its clause is what hangs on it before it
    after_root = (found.filter((pl.col("kind") == "incise") & (pl.col("cue_word") == pl.col("head")))
                  .select("_item", pl.col("boundary").alias("_cue_start")))
    content = (content.join(after_root, on="_item", how="left")
               .join(words.select(*WORD, "start_char"), on=WORD)
               .filter(pl.col("_cue_start").is_null() | (pl.col("start_char") < pl.col("_cue_start")))
               .select("_item", *WORD))
    # (an attributed clause leaves out every source marker of its sentence with its source: "pour qui, selon ses
    # propres sources, les États-Unis ont…")
    markers_here = found.filter(pl.col("kind") == "according_to")
    marker_words = pl.concat([subtrees(markers_here.select("_item", "doc_id", "sent_id",
                                                           pl.col(word).alias("head")), tree)
                              for word in ("source_word", "cue_word")]).select(WORD).unique()
    source_tree = (markers_here.select("_item", "doc_id", "sent_id").join(marker_words, on=["doc_id", "sent_id"])
                   .select("_item", *WORD))
    content = pl.concat([content.join(pl.concat([cue_tree, source_tree]), on=["_item", *WORD], how="anti"),
                         rest]).unique()
    # a content coordinated after it ("et que …") is not part of it
    nested = (found.select("_item", "doc_id", "sent_id", "head")
              .join(found.select("doc_id", "sent_id", pl.col("head").alias("_other"), pl.col("_item").alias("_o")),
                    on=["doc_id", "sent_id"])
              .filter(pl.col("_o") != pl.col("_item"))
              .join(words.select(*WORD, pl.col("head").alias("_up"), pl.col("deprel").alias("_rel")),
                    left_on=["doc_id", "sent_id", "_other"], right_on=WORD)
              .filter((pl.col("_up") == pl.col("head")) & (pl.col("_rel") == "conj")))
    content = content.join(subtrees(nested.select("_item", "doc_id", "sent_id", pl.col("_other").alias("head")),
                                     tree), on=["_item", *WORD], how="anti")
    # an attributed clause ends before a clause coordinated to it by a conjunction with a subject of its own: another
    # assertion, not the marker's ("Pour 63 % des Français, la France accueille trop de migrants et 48 % veulent
    # que…", "Trois personnes y sont décédées selon le journal, mais des témoins affirment que…"; not a clause the
    # parser made a conjunct after a comma only)
    subjects = (words.filter(pl.col("deprel").str.starts_with("nsubj"))
                .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    conjunctions = (words.filter(pl.col("deprel") == "cc")
                    .select("doc_id", "sent_id", pl.col("head").alias("word_id")).unique())
    other_clauses = (found.filter(pl.col("kind") == "according_to").select("_item", "doc_id", "sent_id", "head")
                     .join(words.filter(pl.col("deprel") == "conj")
                           .select("doc_id", "sent_id", pl.col("head"), "word_id"), on=["doc_id", "sent_id", "head"])
                     .join(subjects, on=WORD, how="semi").join(conjunctions, on=WORD, how="semi"))
    content = content.join(subtrees(other_clauses.select("_item", "doc_id", "sent_id", pl.col("word_id").alias("head")),
                                    tree), on=["_item", *WORD], how="anti")
    # an incise attributes an assertion: a clause with a verb, not a noun phrase the parser hung on a verb
    # of saying ("La procureure …, Mme Fatou Bensouda, a déclaré : «…»")
    verbal = (content.join(words.filter(pl.col("upos").is_in(["VERB", "AUX"])).select(WORD), on=WORD)
              .select("_item").unique())
    found = found.join(found.filter(pl.col("kind") == "incise").join(verbal, on="_item", how="anti")
                       .select("_item"), on="_item", how="anti")
    content = content.join(found.select("_item"), on="_item", how="semi")
    # an indirect content comes after its verb: not the verb nor what precedes it, which a wrong tree may hang
    # under the clause ("Mais à souligner que …", "En espérant que …")
    # ... and opens on its complementizer ("et à devenir chrétienne": "à devenir chrétienne")
    # (not for an infinitive without a mark, which opens on its auxiliary: "affirme avoir respecté la loi")
    content = (content.join(found.select("_item", "kind", "cue_word", "_opener", "_complement"), on="_item")
               .filter((pl.col("kind") != "indirect")
                       | ((pl.col("word_id") > pl.col("cue_word"))
                          & ((pl.col("_complement") == "inf").fill_null(True)
                             | (pl.col("word_id") >= pl.col("_opener").fill_null(0)))))
               .select("_item", *WORD))
    spans = word_spans(content, tree)
    cue_spans = (attach(found, words.select(*WORD, "start_char", "end_char", "lemma"),
                        left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
                 .join(cues.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"),
                                   pl.col("lemma").alias("_cue_lemma"), "_cue_start"),
                       on=["doc_id", "sent_id", "cue_word"], how="left")
                 .select("_item", pl.coalesce("_given_cue_start", "_cue_start", "start_char").alias("cue_start"),
                         pl.coalesce("_marker_end", "end_char").alias("cue_end"),
                         pl.coalesce("cue", "_cue_lemma", "lemma").alias("cue")))
    rows = (found.drop("cue").join(spans, on="_item").join(cue_spans, on="_item"))
    # where an incise or a marker stands before the clause, the content starts after it
    rows = rows.with_columns(
        pl.when((pl.col("kind") != "indirect") & (pl.col("cue_start") <= pl.col("start_char")))
        .then(pl.max_horizontal("start_char", "cue_end")).otherwise(pl.col("start_char")).alias("start_char"))
    rows = sources(rows.select("_item", "doc_id", "sent_id", "cue_word", "head", "kind", "rule", "start_char",
                                "end_char", "cue", "cue_start", "cue_end", "source_word", "_source_start",
                                "_source_end")
                    .rename({"source_word": "_given_source"}), words)
    rows = rows.with_columns(pl.coalesce("_given_source", "source_word").alias("source_word"))
    source_spans = noun_phrases(rows.filter(pl.col("source_word").is_not_null())
                                 .select("_item", "doc_id", "sent_id", pl.col("source_word").alias("head")),
                                 tree)
    name_spans = noun_phrases(rows.filter(pl.col("source_word").is_not_null())
                               .select("_item", "doc_id", "sent_id", pl.col("source_word").alias("head")),
                               tree, NP_NAME_EXCLUDED).rename({"source_start": "_full_start",
                                                                       "source_end": "_full_end"})
    rows = (rows.join(source_spans, on="_item", how="left").join(name_spans, on="_item", how="left")
            .with_columns(pl.coalesce("_source_start", "source_start").alias("source_start"),
                          pl.coalesce("_source_end", "source_end").alias("source_end"))
            .with_columns(pl.when(pl.col("_source_start").is_not_null()).then(None).otherwise(pl.col("source_word"))
                          .alias("source_word")))
    rows = resolve_speakers(rows, words, everywhere, tree, texts, tokens, documents, quotes, proper_names,
                            paragraphs)
    rows = rows.with_columns(pl.concat_str(["rule", pl.col("_speaker_rule").fill_null("none")], separator="+")
                             .alias("rule"))
    # content wholly inside quotation marks is a quotation, not reported speech; so is a clause quoted
    # but for a word or two, attributed by "selon X" or an incise (the quotation's own attribution)
    marks = quotes.filter(pl.col("nested").not_()) if "nested" in quotes.columns else quotes
    # (a quotation the text never closes ends with its sentence: it does not make what follows it a quotation)
    if "unbalanced" in marks.columns and marks["unbalanced"].any():
        sentence_ends = (everywhere.group_by("doc_id", "sent_id")
                         .agg(pl.col("start_char").min().alias("_s_start"), pl.col("end_char").max().alias("_s_end"))
                         .sort("doc_id", "_s_start"))
        marks = (marks.with_columns(pl.col("doc_id").cast(pl.String)).sort("doc_id", "start_char")
                 .join_asof(sentence_ends.select("doc_id", "_s_start", "_s_end"), left_on="start_char",
                            right_on="_s_start", by="doc_id", strategy="backward", check_sortedness=False)
                 .with_columns(pl.when(pl.col("unbalanced") & pl.col("_s_end").is_not_null())
                               .then(pl.min_horizontal("end_char", "_s_end")).otherwise(pl.col("end_char"))
                               .alias("end_char"))
                 .drop("_s_start", "_s_end"))
    # (a content whose verb stands in a quotation ends with it: « Les analyses indiquent que Jacquier a été tué … »
    # indique le quotidien)
    rows = _ends_with_its_quotation(rows, marks)
    rows = _within(rows, marks, "start_char", "end_char", "_quoted_content").filter(~pl.col("_quoted_content"))
    # (a clause that opens on the writer's words, its subject outside the marks, is reported with the words it
    # quotes: "Paris est « préoccupé par les violations … »", a déclaré le porte-parole)
    rows = rows.join(_quoted_share(content, words, marks), on="_item", how="left").filter(
        (pl.col("kind") == "indirect") | (pl.col("_quoted_share").fill_null(0.0) < QUOTED_SHARE)
        | (pl.col("_unquoted_words").fill_null(0) > UNQUOTED_WORDS)
        | ~pl.col("_opens_quoted").fill_null(True))
    # in_quote: the cue stands in a direct or mixed quotation (the quoted voice of every analysis)
    rows = add_in_quote(rows.with_columns(pl.col("cue_start").alias("start_char"), pl.col("start_char").alias("_s")),
                        quotes).with_columns(pl.col("_s").alias("start_char"))
    rows = _closing_mark(rows)
    # what the writer says in their own voice ("je pense que", "on peut dire que") is no one's reported speech
    cue_word = words.select("doc_id", "sent_id", pl.col("word_id").alias("cue_word"),
                            pl.col("feats").alias("_cue_feats"), pl.col("deprel").alias("_cue_deprel"),
                            pl.col("lower_form").alias("_cue_form"),
                            pl.col("head").alias("_cue_head"))
    above = words.select("doc_id", "sent_id", pl.col("word_id").alias("_cue_head"), pl.col("lemma").alias("_above"))
    # (the subjects of the cue and of the verb above it: the parser may give a verb two, "Voilà, j'espère que")
    subjects = (words.filter(pl.col("deprel").str.starts_with("nsubj") | (pl.col("deprel") == "expl:subj"))
                .group_by("doc_id", "sent_id", pl.col("head").alias("_v"))
                .agg(pl.col("lower_form").alias("_subjects")))
    # (the verb above in the past conditional: "aurait pu s'interroger si …"; a dative of the cue: "nous apprend que")
    conditional = (words.filter(pl.col("deprel").str.starts_with("aux")
                                & pl.col("feats").fill_null("").str.contains("Mood=Cnd"))
                   .select("doc_id", "sent_id", pl.col("head").alias("_cue_head")).unique()
                   .with_columns(pl.lit(True).alias("_above_conditional")))
    to_whom = (words.filter((pl.col("deprel") == "case") & (pl.col("lemma") == "à"))
               .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.lit(True).alias("_to")).unique())
    dative = (words.join(to_whom, on=WORD, how="left")
              .filter(pl.col("lower_form").is_in(reported_cues("dative_clitic"))
                      | (pl.col("deprel") == "iobj")
                      | (pl.col("deprel").str.starts_with("obl") & pl.col("_to").fill_null(False)))
              .select("doc_id", "sent_id", pl.col("head").alias("cue_word")).unique()
              .with_columns(pl.lit(True).alias("_dative")))
    # (a request addressed to the reader: "vous" or "nous" hanging on the cue, as subject of its passive or object)
    to_reader = (words.filter(pl.col("lower_form").is_in(reported_cues("reader_addressee"))
                              & (pl.col("upos") == "PRON"))
                 .select("doc_id", "sent_id", pl.col("head").alias("cue_word")).unique()
                 .with_columns(pl.lit(True).alias("_to_reader")))
    # (the addressee of a request as the cue's direct object or its passive subject: "invite les Français à…",
    # "les compagnies ont été appelées à…")
    # (a date is no addressee: "appelle cet après-midi à voter")
    addressed = (words.filter(((pl.col("deprel") == "obj")
                               & ~pl.col("lemma").str.to_lowercase().is_in(reported_cues("time_noun")))
                              | (pl.col("deprel") == "aux:pass"))
                 .select("doc_id", "sent_id", pl.col("head").alias("cue_word")).unique()
                 .with_columns(pl.lit(True).alias("_addressed")))
    rows = attach(rows, cue_word, on=["doc_id", "sent_id", "cue_word"])
    rows = attach(rows.join(to_reader, on=["doc_id", "sent_id", "cue_word"], how="left")
                  .join(addressed, on=["doc_id", "sent_id", "cue_word"], how="left"),
                  above, on=["doc_id", "sent_id", "_cue_head"])
    rows = attach(rows, subjects.rename({"_v": "cue_word"}), on=["doc_id", "sent_id", "cue_word"])
    rows = (attach(rows, subjects.rename({"_v": "_cue_head", "_subjects": "_above_subjects"}),
                   on=["doc_id", "sent_id", "_cue_head"])
            .join(conditional, on=["doc_id", "sent_id", "_cue_head"], how="left")
            .join(dative, on=["doc_id", "sent_id", "cue_word"], how="left")
            .with_columns(pl.col("_above_conditional", "_dative", "_to_reader", "_addressed").fill_null(False)))
    for _name, condition in exclusion_rules():
        rows = rows.filter(~condition.fill_null(False))
    # an incise right after a closing quotation mark attributes the quotation ("« … », ajoute Hassan"), whatever
    # the parser hung it on, unless the writer's words before the quotation belong to the clause ("X est mort
    # « des suites d'une longue maladie », a révélé son avocate")
    after_mark = pl.col("_text").str.slice((pl.col("cue_start") - 40).clip(lower_bound=0),
                                           pl.min_horizontal(pl.col("cue_start"), 40)).str.contains(
        r"[»”\"]\s*,?\s*(?:[^\s,.;:«»]+\s+){0,2}$")
    opened = (marks.select(pl.col("doc_id").cast(pl.String), pl.col("start_char").alias("_q_start"),
                           pl.col("end_char").alias("_q_end")).sort("doc_id", "_q_end"))
    rows = (rows.sort("doc_id", "cue_start")
            .join_asof(opened, left_on="cue_start", right_on="_q_end", by="doc_id", strategy="backward",
                       check_sortedness=False)
            .filter(~((pl.col("kind") == "incise") & after_mark & (pl.col("_q_start") <= pl.col("start_char"))
                      .fill_null(False))))
    # (a marker inside an indirect content attributes that content only, from the word after its complementizer:
    # "X précise que le polonium est, selon lui, une substance…", however high the parser hung the marker)
    opened = (rows.filter(pl.col("kind") == "indirect")
              .select("doc_id", "sent_id", pl.col("start_char").alias("_o_start"), pl.col("end_char").alias("_o_end"))
              .join(words.select("doc_id", "sent_id", pl.col("start_char").alias("_o_start"),
                                 pl.col("end_char").alias("_opener_end")), on=["doc_id", "sent_id", "_o_start"]))
    inside = (rows.filter(pl.col("kind") == "according_to").select("doc_id", "sent_id", "start_char", "cue_start")
              .join(opened, on=["doc_id", "sent_id"])
              .filter((pl.col("_o_start") < pl.col("cue_start")) & (pl.col("cue_start") < pl.col("_o_end"))
                      & (pl.col("start_char") <= pl.col("_o_start")))
              .group_by("doc_id", "sent_id", "cue_start").agg(pl.col("_opener_end").max()))
    rows = (rows.join(inside, on=["doc_id", "sent_id", "cue_start"], how="left")
            .with_columns(pl.when((pl.col("kind") == "according_to") & pl.col("_opener_end").is_not_null())
                          .then(pl.col("_opener_end")).otherwise(pl.col("start_char")).alias("start_char"))
            .drop("_opener_end"))
    # (nor does it reach back across a colon or semicolon before the marker: "France : pour Montebourg, le
    # nucléaire est…", a headline's topic)
    cut = (rows.filter(pl.col("kind") == "according_to").select("doc_id", "sent_id", "start_char", "cue_start")
           .join(words.filter(pl.col("form").is_in([":", ";"]))
                 .select("doc_id", "sent_id", (pl.col("word_id") + 1).alias("word_id"))
                 .join(words.select(*WORD, pl.col("start_char").alias("_cut")), on=WORD)
                 .drop("word_id"), on=["doc_id", "sent_id"])
           .filter((pl.col("_cut") > pl.col("start_char")) & (pl.col("_cut") <= pl.col("cue_start")))
           .group_by("doc_id", "sent_id", "cue_start").agg(pl.col("_cut").max()))
    rows = (rows.join(cut, on=["doc_id", "sent_id", "cue_start"], how="left")
            .with_columns(pl.when(pl.col("kind") == "according_to")
                          .then(pl.max_horizontal("start_char", pl.col("_cut").fill_null(0)))
                          .otherwise(pl.col("start_char")).alias("start_char"))
            .drop("_cut")
            # (the marker then opens the content: it starts after it)
            .with_columns(pl.when((pl.col("kind") == "according_to") & (pl.col("cue_start") <= pl.col("start_char")))
                          .then(pl.max_horizontal("start_char", "cue_end")).otherwise(pl.col("start_char"))
                          .alias("start_char")))
    # (a content cut after its marker or incise starts on its next word, not on the comma after the marker: "À en
    # croire le ministre, la crise est terminée"; a cut may leave nothing, the start after the end: "étaient inquiets :
    # « Selon mon expérience, …", whose content before the colon ends before the cut: the row goes, below)
    length = (pl.col("end_char") - pl.col("start_char")).clip(lower_bound=0)
    leading = (pl.col("_text").str.slice(pl.col("start_char"), length)
               .str.extract(r"^([\s,;:]*)", 1).str.len_chars())
    rows = rows.with_columns((pl.col("start_char") + leading.fill_null(0)).alias("start_char"))
    rows = rows.with_columns(pl.col("_text").str.slice(pl.col("start_char"), length).alias("text"))
    return (rows.filter(pl.col("end_char") > pl.col("start_char"))
            .sort("doc_id", "start_char", "cue_start")
            .select(pl.col("doc_id"), pl.col("sent_id").cast(pl.Int32), "start_char", "end_char", "text", "kind",
                    "cue", "cue_start", "cue_end", "source", "speaker", "rule", "in_quote"))


def exclusion_rules() -> list[tuple[str, pl.Expr]]:
    """Contents found by the rules above that are not reported speech: ``(name, condition)``, tried in this order.

    Conditions read the row (``kind``, ``in_quote``) and its cue's form, features, relation, subjects and governing
    verb with its subjects (``_cue_form``, ``_cue_feats``, ``_cue_deprel``, ``_subjects``, ``_above``,
    ``_above_subjects``). The
    writer's own voice reports no one
    (annotation guide §4: "verbs … used as the writer's own assertion"): outside quotation marks, a verb of
    opinion or saying with a first- or second-person subject in the present or future ("je pense que", "vous
    observerez que"; "je croyais que", a past self, stays), "on peut dire que", a possibility of saying
    offered by the writer, and "il faut noter que", a necessity the writer states. Nor is a report that did
    not happen ("ce documentaire aurait pu s'interroger si …"), nor what someone learnt rather than was told
    ("le visiteur apprend que …"; "on apprend que", "l'exposition nous apprend que" report), nor a request the
    writer addresses to the reader ("il vous est demandé de…", "vous êtes invités à…", "il nous invite à…",
    ``_to_reader``), nor a request to another to do something ("invite les habitants à boire", "a demandé aux
    riverains de rester", "ont été appelées à réduire": the infinitive's subject is the addressee, a direct or
    dative object or the passive subject, not the speaker; the guide's §4 reports "an infinitive clause with the
    same subject"; "demande à être baptisée", "appelle à voter" stay), nor a relative clause on the clause before
    (", ce que proscrit le droit français": the
    relative pronoun after the neuter antecedent "ce"; Riegel, Pellat & Rioul 2018, ch. XVI), nor a gloss ("…
    c'est-à-dire que le Burundi ne reconnaîtra plus…", a reformulating connective, ch. XXIII); the last two
    also read ``_text``.
    """
    feats = pl.col("_cue_feats").fill_null("")
    writer = ~pl.col("in_quote") & (pl.col("kind") != "according_to")
    # (", ce que …": "que" after the neuter antecedent "ce" and a comma is a relative pronoun on the clause before,
    # "pouvant obliger Benalla à s'accuser, ce que proscrit le droit français", never a complementizer)
    before = pl.col("_text").str.slice((pl.col("start_char") - 8).clip(lower_bound=0),
                                       pl.min_horizontal(pl.col("start_char"), 8))
    relative_on_clause = (before.str.contains(r",\s*ce\s*$")
                          & pl.col("_text").str.slice(pl.col("start_char"), 3).str.to_lowercase().str.starts_with("qu"))
    # ("c'est-à-dire que …": a gloss of the words before, whatever verb the parser hung the que-clause on)
    glossed = pl.col("_text").str.slice((pl.col("start_char") - 16).clip(lower_bound=0),
                                        pl.min_horizontal(pl.col("start_char"), 16)).str.to_lowercase().str.contains(
        "(?:" + "|".join(re.escape(w) for w in reported_cues("gloss_connective")) + r")\s*$")
    # (an infinitive content: "de", "d'" or "à" opening it, not "à ce que")
    opening = pl.col("_text").str.slice(pl.col("start_char"), 10).str.to_lowercase()
    infinitive_content = opening.str.contains(r"^(?:de\s|d'|d’|à\s)") & ~opening.str.contains(r"^à\s+ce\s+qu")
    # (an imperfect the tagger took for a present: "je pensais que")
    form = pl.col("_cue_form")
    imperfect = (form.str.contains("(?:" + "|".join(reported_cues("imperfect_ending")) + ")$")
                 & ~form.str.contains("(?:" + "|".join(reported_cues("conditional_ending")) + ")$"))
    present = (feats.str.contains("Tense=(?:Pres|Fut)") & ~imperfect) | feats.str.contains("VerbForm=Inf")
    controlled = pl.col("_cue_deprel").is_in(["xcomp", "advcl"]) & ~feats.str.contains("VerbForm=Fin")

    def subject_in(kinds: list[str]) -> pl.Expr:
        """A subject of the cue (or of the verb controlling it) among the words of ``kinds``: "je", or "nous"
        when it is the only subject (a clitic object the parser took for a subject: "l'exposition nous apprend")."""
        words = [w for kind in kinds for w in reported_cues(kind)]
        clitic = reported_cues("object_clitic")

        def found(column: str) -> pl.Expr:
            subjects = pl.col(column)
            return ((subjects.list.eval(pl.element().is_in(words) & ~pl.element().is_in(clitic)).list.any()
                     | ((subjects.list.len() == 1) & subjects.list.first().is_in(words))).fill_null(False))

        return found("_subjects") | (controlled & found("_above_subjects"))

    return [
        ("writer's present opinion", writer & subject_in(["writer_subject"]) & present),
        ("writer's possibility of saying", writer & (pl.col("_cue_deprel") == "xcomp")
         & pl.col("_above").is_in(reported_cues("writer_modal")) & subject_in(["writer_subject", "generic_subject"])),
        ("writer's necessity of saying", writer & (pl.col("_cue_deprel") == "xcomp")
         & pl.col("_above").is_in(reported_cues("impersonal_modal"))),
        ("unrealised report", (pl.col("_cue_deprel") == "xcomp") & pl.col("_above_conditional")
         & pl.col("_above").is_in(reported_cues("counterfactual_modal"))),
        ("learning, not told", pl.col("cue").is_in(reported_cues("learning_verb")) & ~pl.col("_dative")
         & ~subject_in(["generic_subject"])),
        ("request to the reader", writer & pl.col("cue").is_in(reported_cues("request_verb")) & pl.col("_to_reader")),
        ("request to another, to do", (pl.col("kind") == "indirect")
         & pl.col("cue").is_in(reported_cues("request_verb")) & (pl.col("_dative") | pl.col("_addressed"))
         & infinitive_content),
        ("relative on the clause before", (pl.col("kind") == "indirect") & relative_on_clause),
        ("gloss, not a content", (pl.col("kind") == "indirect") & glossed),
    ]


def empty() -> pl.DataFrame:
    """The result with no row."""
    return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "start_char": pl.Int64,
                                "end_char": pl.Int64, "text": pl.String, "kind": pl.String, "cue": pl.String,
                                "cue_start": pl.Int64, "cue_end": pl.Int64, "source": pl.String,
                                "speaker": pl.String, "rule": pl.String, "in_quote": pl.Boolean})


__all__ = ["COLUMNS", "content_verbs", "empty", "exclusion_rules", "reported", "reported_cues"]

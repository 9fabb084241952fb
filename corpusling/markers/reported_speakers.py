"""Who speaks in reported speech: the source of each content as written, and the speaker it names.

:func:`sources` finds the source word of each cue (its subject or agent, a document before a participle, a
subject inherited through coordination or control, the nearest subject-like noun); :func:`resolve_speakers`
reads the mention and names the speaker with the quotation speakers' resolver
(:mod:`corpusling.markers.speakers`) and the rules proper to reported speech (a pronoun continuing the last
speaker who agrees with it, a description naming the person it refers back to).
"""

from __future__ import annotations

import polars as pl

from corpusling.markers.attribution import ancestors
from corpusling.markers.reported_tree import WORD, children, noun_phrases, reported_cues

#: Relations of the speaker to a reporting verb, in order of preference.
SOURCE_RELATIONS = ("nsubj", "obl:agent")


def sources(items: pl.DataFrame, words: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
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
    * for an active verb still without one, the nearest noun before it in the sentence that stands as a
      subject, an apposition or the root (``subject_like_relation``), not in a prepositional phrase: the
      parser hung the subject elsewhere ("De son côté, B. Obama, …, fait savoir que").
    """
    passive = words.filter(pl.col("deprel") == "aux:pass").select("doc_id", "sent_id",
                                                                   pl.col("head").alias("word_id")).unique()
    relations = (*SOURCE_RELATIONS, "expl:subj")
    # a subject has no preposition ("a pour sa part indiqué": "part" is none); of two subjects the parser gives
    # a verb ("Le président du club, Joey Saputo s'est dit"), the name
    with_case = words.filter(pl.col("deprel") == "case").select("doc_id", "sent_id",
                                                                 pl.col("head").alias("word_id")).unique()

    def subject_of(frame: pl.DataFrame, verb: str, nearest: bool = False) -> pl.DataFrame:
        found = (children(words, frame.select("_item", "doc_id", "sent_id", "_cue_at",
                                               pl.col(verb).alias("word_id")), relations, "s")
                 .join(passive.with_columns(pl.lit(True).alias("_passive")), on=WORD, how="left")
                 .filter(~((pl.col("s_deprel") == "expl:subj") & pl.col("_passive").fill_null(False)))
                 .join(with_case, left_on=["doc_id", "sent_id", "s_word_id"], right_on=WORD, how="anti")
                 .with_columns(pl.col("s_deprel").replace_strict({r: i for i, r in enumerate(relations)},
                                                                 default=9).alias("_rank"),
                               (pl.col("s_upos") != "PROPN").alias("_not_name"),
                               # (for an inherited subject: those before the cue, the nearest first)
                               pl.when(pl.lit(nearest) & (pl.col("s_start_char") < pl.col("_cue_at")))
                               .then(pl.col("_cue_at") - pl.col("s_start_char")).alias("_distance"))
                 .sort("_item", "_distance", "_rank", "_not_name", "s_start_char", nulls_last=True)
                 .group_by("_item", maintain_order=True).first())
        return found.select("_item", pl.col("s_word_id").alias("source_word"))

    items = items.join(words.select(*WORD, pl.col("start_char").alias("_cue_at")),
                       left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD, how="left")
    found = [subject_of(items, "cue_word")]
    up = words.select(*WORD, pl.col("head").alias("_up"), pl.col("deprel").alias("_rel"),
                      pl.col("feats").fill_null("").alias("_feats"))
    parent = items.join(up, left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
    non_finite = pl.col("_feats").str.contains("VerbForm=(?:Part|Ger|Inf)")
    # a present participle right after a noun of speech or writing, adjectives and object clitics between
    present_participle = (parent.join(words.select(*WORD, pl.col("form").str.to_lowercase().alias("_form")),
                                      left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
                          .filter(pl.col("_feats").str.contains("VerbForm=Part")
                                  & pl.col("_feats").str.contains("Tense=Pres")
                                  | pl.col("_form").str.ends_with("ant")))  # (the tagger's "informant": finite)
    # (between them: adjectives, object clitics, a complement of the noun, "un communiqué de presse affirmant")
    between = (pl.col("upos").is_in(["ADJ", "DET", "NOUN", "ADP"])
               | pl.col("form").str.to_lowercase().is_in(reported_cues("infinitive_clitic")))
    window = (present_participle.select("_item", "doc_id", "sent_id", "cue_word")
              .join(words.select("doc_id", "sent_id", "word_id", "upos", "form", "lemma"), on=["doc_id", "sent_id"])
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
                 .filter(pl.col("_nu").is_in(["NOUN", "PROPN"])).select("_item", pl.col("_up").alias("source_word")))
    found.append(qualified)
    # the subject of the verb above, up to three links
    pending = parent
    for _ in range(3):
        step = pending.filter(pl.col("_rel").is_in(["conj", "xcomp"]) | ((pl.col("_rel") == "advcl") & non_finite))
        if step.height == 0:
            break
        found.append(subject_of(step, "_up", nearest=True))
        pending = (step.select("_item", "doc_id", "sent_id", "_cue_at", pl.col("_up").alias("cue_word"))
                   .join(up, left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD))
    # none of these: the nearest subject-like noun before the cue in the sentence, not in a prepositional phrase
    # (the parser having hung it elsewhere: "De son côté, B. Obama, …, fait savoir que"; not for a passive)
    subject_like = (words.filter(pl.col("upos").is_in(["NOUN", "PROPN"])
                                 & pl.col("deprel").is_in(reported_cues("subject_like_relation")))
                    .join(with_case, on=WORD, how="anti")
                    .select("doc_id", "sent_id", pl.col("word_id").alias("source_word")))
    nearest = (items.join(pl.concat([f.select("_item") for f in found]), on="_item", how="anti")
               .join(passive, left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD, how="anti")
               .join(subject_like, on=["doc_id", "sent_id"])
               .filter(pl.col("source_word") < pl.col("cue_word"))
               .sort("source_word", descending=True).group_by("_item", maintain_order=True).first()
               .select("_item", "source_word"))
    found.append(nearest)
    sources = pl.concat(found).unique("_item", keep="first", maintain_order=True)
    return items.drop("_cue_at").join(sources, on="_item", how="left")


def _introduced_with(rows: pl.DataFrame, words: pl.DataFrame, documents: pl.DataFrame,
                     mentions: pl.DataFrame) -> pl.DataFrame:
    """``_item, _introduced``: for a definite description without a name ("l'ONG", "le chercheur"), the
    nearest proper name before it that the text introduced with the description's noun just before it
    ("l'ONG Human Rights Watch", "le chercheur Michel Mayor"), not in a prepositional phrase: the anaphor's
    antecedent. ``mentions``: the documents' named mentions (:func:`corpusling.markers.speakers.named_mentions`)."""
    wanted = (rows.filter(pl.col("_named").is_null() & pl.col("_resolved").is_null() & pl.col("_apposed").is_null()
                          & pl.col("_mention").str.contains(r"(?i)^(?:l['’]|le |la |les |ce |cet |cette |son |sa )"))
              .join(words.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                                 pl.col("form").str.to_lowercase().alias("_noun"), pl.col("upos").alias("_nu")),
                    on=["doc_id", "sent_id", "source_word"])
              .filter((pl.col("_nu") == "NOUN") & (pl.col("_noun").str.len_chars() >= 3))
              .select("_item", "doc_id", "source_start", "_noun"))
    if wanted.height == 0:
        return pl.DataFrame(schema={"_item": pl.Int64, "_introduced": pl.String})
    texts = documents.select(pl.col("doc_id").cast(pl.String), pl.col("text").alias("_t"))
    names = (mentions.join(wanted.select("doc_id").unique(), on="doc_id", how="semi")
             .join(texts, on="doc_id")
             .filter(pl.col("role") != "oblique")  # "à Alep", "en Syrie": places, not antecedents
             .with_columns(pl.col("_t").str.slice((pl.col("m_start") - 16).clip(lower_bound=0),
                                                  pl.col("m_end") - (pl.col("m_start") - 16).clip(lower_bound=0))
                           .str.to_lowercase().alias("_around"))  # the name's own words too: "ONG Human Rights…"
             .select("doc_id", "m_start", "m_end", "name", "_around"))
    found = (wanted.join(names, on="doc_id")
             .filter((pl.col("m_end") <= pl.col("source_start"))
                     & pl.col("_around").str.contains(pl.col("_noun"), literal=True))
             .sort("_item", "m_start", descending=[False, True])
             .group_by("_item", maintain_order=True).first()
             .select("_item", pl.col("name").alias("_introduced")))
    return found


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
             .sort("doc_id", "_w"))
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
    it in its paragraph who agrees with it in gender and number: the source of a reported content or of a
    quotation (the press convention of a continued attribution, Rosier 2008), which the name-only resolver does
    not see when it is a description ("a indiqué un porte-parole de la police. …, a-t-il précisé") or a name
    in an inverted subject. A pronoun still unresolved is the nearest subject noun phrase before it, in its
    paragraph or the one before, that agrees with it ("Des analystes jugent… Ils estiment que"). ``rows`` gain
    it as ``speaker``."""
    from corpusling.markers.speakers import name_of

    lowered = pl.col("_mention").str.to_lowercase().str.strip_chars()
    pronouns = (rows.select("_item", "doc_id", pl.col("cue_start").alias("_at"), lowered.alias("_pronoun"))
                .join(_pronoun_features(), on="_pronoun"))
    if pronouns.height == 0:
        return rows
    docs = pronouns.select("doc_id").unique()
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
    if said.height == 0:
        return rows
    said = _mention_features(said.unique(["doc_id", "_s"]).with_row_index("_k"), words, mentions)
    paragraph = (words.select("doc_id", pl.col("start_char").alias("_p_at"), "par_id").sort("doc_id", "_p_at"))

    def located(frame: pl.DataFrame, at: str) -> pl.DataFrame:
        return (frame.sort("doc_id", at).join_asof(paragraph, left_on=at, right_on="_p_at", by="doc_id",
                                                   strategy="backward", check_sortedness=False).drop("_p_at"))

    agrees = ((pl.col("_plural") == pl.col("_p_plural"))
              & (pl.col("_gender").is_null() | (pl.col("_gender") == pl.col("_p_gender"))))
    found = (located(pronouns, "_at").join(located(said, "_s"), on=["doc_id", "par_id"])
             .filter((pl.col("_s") < pl.col("_at")) & agrees)
             .sort("_s", descending=True).group_by("_item", maintain_order=True).first()
             .select("_item", "_last"))
    rows = (rows.join(found, on="_item", how="left")
            .with_columns(pl.coalesce("_last", "speaker").alias("speaker")).drop("_last"))
    # a pronoun neither a speaker nor a name resolves ("Des analystes jugent… Ils estiment", "Elle a promis"):
    # the nearest subject noun before it in its paragraph or the one before, agreeing with it
    left = (pronouns.join(rows.filter(pl.col("speaker").str.to_lowercase().str.strip_chars()
                                      .is_in(_pronoun_features()["_pronoun"].to_list())).select("_item"), on="_item")
            .pipe(located, "_at"))
    if left.height == 0:
        return rows
    subjects = (words.join(left.select("doc_id").unique(), on="doc_id", how="semi")
                .filter(pl.col("deprel").is_in(["nsubj", "nsubj:pass"]) & pl.col("upos").is_in(["NOUN", "PROPN"])))
    tree = ancestors(words, sentences=subjects.select("doc_id", "sent_id").unique())
    heads = subjects.with_row_index("_item").select(pl.col("_item").cast(pl.Int64), "doc_id", "sent_id",
                                                     pl.col("word_id").alias("head"))
    phrases = (noun_phrases(heads, tree, words).join(heads, on="_item")
               .join(rows.select("doc_id", "_text").unique("doc_id"), on="doc_id")
               .select("doc_id", pl.col("source_start").alias("_s"), pl.col("source_end").alias("_e"),
                       pl.col("_text").str.slice(pl.col("source_start"), pl.col("source_end") - pl.col("source_start"))
                       .alias("_text_span")))
    phrases = _mention_features(phrases.with_row_index("_k"), words, mentions).pipe(located, "_s")
    nearest = (left.join(phrases, on="doc_id")
               .filter((pl.col("_s") < pl.col("_at")) & (pl.col("par_id") - pl.col("par_id_right") <= 1) & agrees)
               .sort("_s", descending=True).group_by("_item", maintain_order=True).first())
    named = [name_of(t) or t for t in nearest["_text_span"].to_list()]
    nearest = nearest.select("_item").with_columns(pl.Series("_subject", named, dtype=pl.String))
    return (rows.join(nearest, on="_item", how="left")
            .with_columns(pl.coalesce("_subject", "speaker").alias("speaker")).drop("_subject"))


def resolve_speakers(rows: pl.DataFrame, words: pl.DataFrame, pairs: pl.DataFrame, texts: pl.DataFrame,
              tokens: pl.DataFrame, documents: pl.DataFrame, quotes: pl.DataFrame) -> pl.DataFrame:
    """``source`` (the mention as written) and ``speaker``, with the resolver of the quotation speakers
    (:mod:`corpusling.markers.speakers`): a relative "qui" is its antecedent in the tree; a pronoun the most
    salient compatible name before it (paragraph first, subjects and speakers first, gender agreeing); a
    mention holding a proper name is that name; a name is written in one form per document."""
    from corpusling.markers.speakers import (
        PRONOUNS,
        apposed_name,
        canonical_names,
        name_of,
        named_mentions,
        paragraphs,
        resolve_pronouns,
        with_paragraph,
    )

    source = words.select("doc_id", "sent_id", pl.col("word_id").alias("source_word"),
                          pl.col("feats").alias("_src_feats"))
    rows = rows.join(source, on=["doc_id", "sent_id", "source_word"], how="left").join(texts, on="doc_id", how="left")

    def cut(start: str, end: str) -> pl.Expr:
        return pl.col("_text").str.slice(pl.col(start), pl.col(end) - pl.col(start))

    # (an inverted clitic without its hyphens: "-t-il" → "il")
    rows = rows.with_columns(cut("source_start", "source_end").str.replace(r"^-(?:t-)?", "").alias("source"))
    relative = pl.col("_src_feats").fill_null("").str.contains("PronType=Rel")
    # the antecedent of a relative: the noun the relative clause hangs on
    antecedent = (rows.filter(relative)
                  .join(words.select(*WORD, pl.col("head").alias("_clause_head"), pl.col("deprel").alias("_crel")),
                        left_on=["doc_id", "sent_id", "cue_word"], right_on=WORD)
                  .filter(pl.col("_crel") == "acl:relcl")
                  .select("_item", "doc_id", "sent_id", pl.col("_clause_head").alias("head")))
    antecedent = (noun_phrases(antecedent, pairs, words).join(rows.select("_item", "_text"), on="_item")
                  .select("_item", cut("source_start", "source_end").alias("_antecedent")))
    rows = rows.join(antecedent, on="_item", how="left").with_columns(
        pl.coalesce("_antecedent", "source").alias("_mention"))
    # pronouns: the speakers module's salience over the document's named mentions
    lowered = pl.col("_mention").str.to_lowercase().str.strip_chars()
    q = (rows.select(pl.col("_item").alias("_q"), "doc_id", pl.col("cue_start").alias("start_char"),
                     "source_start", pl.when(lowered.is_in(list(PRONOUNS))).then(lowered).alias("_pronoun"))
         .filter(pl.col("_pronoun").is_not_null()))
    resolved = pl.DataFrame(schema={"_item": pl.Int64, "_resolved": pl.String})
    mentions = named_mentions(tokens, documents, quotes)  # once, for pronouns and for anaphors
    if q.height:
        pars = paragraphs(documents.join(q.select(pl.col("doc_id").cast(documents.schema["doc_id"])).unique(),
                                         on="doc_id", how="semi"))
        mentions_here = with_paragraph(mentions, pars, "m_start", "m_")
        resolved = (resolve_pronouns(with_paragraph(q, pars, "start_char"), mentions_here)
                    .select(pl.col("_q").cast(pl.Int64).alias("_item"), "_resolved"))
    rows = rows.join(resolved, on="_item", how="left")
    # the name a mention holds, read with its appositions ("La première ministre du Québec, Pauline Marois")
    rows = rows.with_columns(pl.when(pl.col("_antecedent").is_null() & pl.col("_full_start").is_not_null())
                             .then(cut("_full_start", "_full_end")).otherwise(pl.col("_mention")).alias("_full"))
    named = [name_of(m) if m else None for m in rows["_full"].to_list()]
    rows = rows.with_columns(pl.Series("_named", named, dtype=pl.String))
    # a description: a name in apposition to it ("Le président de PSA, Philippe Varin,"), else the nearest
    # name before it that the text introduced with the same noun ("l'ONG" → "l'ONG Human Rights Watch")
    before = rows.select(pl.col("_text").str.slice((pl.col("source_start") - 80).clip(lower_bound=0),
                                                   pl.min_horizontal(pl.col("source_start"), 80)))[:, 0]
    after = rows.select(pl.col("_text").str.slice(pl.col("source_end"), 80))[:, 0]
    plain = [n is None and r is None and m is not None and m.strip().lower() not in PRONOUNS
             for n, r, m in zip(rows["_named"], rows["_resolved"], rows["_mention"], strict=True)]
    apposed = [apposed_name(b, a) if keep else None
               for keep, b, a in zip(plain, before.to_list(), after.to_list(), strict=True)]
    rows = rows.with_columns(pl.Series("_apposed", apposed, dtype=pl.String))
    rows = rows.join(_introduced_with(rows, words, documents, mentions), on="_item", how="left")
    rows = rows.with_columns(pl.coalesce("_resolved", "_named", "_apposed", "_introduced", "_mention")
                             .alias("speaker"))
    rows = _last_speaker(rows, words, quotes, mentions)
    # one written form per name in a document ("Obama" → "Barack Obama")
    names = rows.filter(pl.col("speaker").is_not_null()).group_by("doc_id").agg("speaker")
    lookup = [(doc, name, canon) for doc, found in names.iter_rows()
              for name, canon in canonical_names(found, found).items()]
    canon = pl.DataFrame(lookup, schema={"doc_id": pl.String, "speaker": pl.String, "_c": pl.String}, orient="row")
    return (rows.join(canon, on=["doc_id", "speaker"], how="left")
            .with_columns(pl.coalesce("_c", "speaker").alias("speaker")).drop("_c"))

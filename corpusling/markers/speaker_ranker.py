"""A learned speaker ranker: the candidates a quotation's or a reported content's speaker may be, and their scores.

For each item (a quotation or a reported content with its ``source`` as written), :func:`candidates` lists the
names it may stand for: every named mention of the document (:func:`corpusling.markers.speakers.named_mentions`,
one candidate per name in its document's longest form, :func:`~corpusling.markers.speakers.canonical_names`)
before the item or in its source, and the source itself when it names nobody ("la police", "le ministre"). The
features (:data:`BASE_FEATURES`) are what the rules already compute, never the rules' own choice: the kind of
mention the source is (a pronoun, a name, a description, none), whether the candidate is in the source, its
distance in characters, sentences, paragraphs and candidates, whether it is in the same sentence or paragraph,
the grammatical role of its nearest mention (subject, speaker of a reporting verb, agent, oblique, …), how often
it was named before, whether it was the last speaker named, its gender and number against the source pronoun's.
Each base feature is also crossed with the kind of source (``f@pronoun``…), so that one linear score ranks the
candidates of every kind of item (a mention-ranking model: Denis & Baldridge 2008; Jurafsky & Martin,
*Speech and Language Processing*, 3rd ed. draft, ch. 5 and 23).

:func:`rank` applies the weights of ``lexicons/speaker_ranker_weights.tsv`` (written with its card
``speaker_ranker_weights.md`` by ``tests/gold/train_speaker_ranker.py``): a dot product per candidate in polars and
the highest-scoring candidate per item (:mod:`corpusling.markers.linear_model`); scikit-learn is never imported here.
``speaker_rule`` reads ``ranker: `` and the feature of largest positive contribution to the chosen candidate's score.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from corpusling.errors import LexiconError
from corpusling.lexicons import HERE, INTERCEPT, read_weights
from corpusling.markers.attribution import quote_depth
from corpusling.markers.linear_model import check_features, decided_by, scores
from corpusling.markers.speakers import (
    PLURAL_PRONOUNS,
    PRONOUNS,
    _role_words,
    canonical_names,
    name_of,
    named_mentions,
    paragraphs,
    with_paragraph,
)

__all__ = ["BASE_FEATURES", "FEATURES", "ITEM_KINDS", "SOURCE_KINDS", "WEIGHTS", "candidates", "items_of", "rank",
           "weights"]

#: The weights file.
WEIGHTS = HERE / "speaker_ranker_weights.tsv"
#: The kinds of source an item may have, each crossing every base feature.
SOURCE_KINDS = ("pronoun", "name", "description", "none")
#: Grammatical roles of a named mention (:func:`~corpusling.markers.speakers.named_mentions`).
ROLES = ("subject", "speaker", "agent", "oblique", "parenthetical", "other")
#: The candidate's features before crossing.
BASE_FEATURES: tuple[str, ...] = (
    "bias", "in_source", "is_source_text", "same_sentence", "same_paragraph", "previous_paragraph",
    "log_chars", "log_sentences", "paragraphs", "recency_rank", "nearest", "log_times_named",
    *(f"role_{r}" for r in ROLES), "ever_speaker", "ever_subject", "last_speaker", "in_title", "first_named",
    "determined", "plural", "embedded", "gender_agrees", "gender_clashes", "number_agrees", "number_clashes",
    "after_item", "inside_content", "apposed_before", "apposed_after", "person_name", "only_oblique",
    "role_noun_source", "own_definite", "own_indefinite", "own_role_noun", "earlier_source", "in_source_oblique",
    "salient_same_paragraph", "salient_previous_paragraph", "salient_same_sentence", "person_rank",
    "nearest_person")
#: Every feature the weights name: each base feature crossed with each source kind.
FEATURES: tuple[str, ...] = tuple(f"{f}@{k}" for k in SOURCE_KINDS for f in BASE_FEATURES)


def _pronoun_table() -> pl.DataFrame:
    rows = [(p, g, False) for p, g in PRONOUNS.items()] + [(p, g, True) for p, g in PLURAL_PRONOUNS.items()]
    return pl.DataFrame(rows, schema={"_pronoun": pl.String, "_p_gender": pl.String, "_p_plural": pl.Boolean},
                        orient="row")


def items_of(quotes: pl.DataFrame | None, reported: pl.DataFrame | None, documents: pl.DataFrame) -> pl.DataFrame:
    """``_item, item_kind, doc_id, start_char, end_char, source, source_start, source_end``: the direct outer
    quotations and the reported contents (writer's text) to rank for. A reported content's source is located as
    the occurrence of its text nearest before its cue (the table keeps the mention, not its offsets)."""
    frames = []
    if quotes is not None and quotes.height:
        frames.append(quotes.select(pl.lit("quote").alias("item_kind"), pl.col("doc_id").cast(pl.String),
                                    "start_char", "end_char", "source", "source_start", "source_end"))
    if reported is not None and reported.height:
        texts = documents.select(pl.col("doc_id").cast(pl.String), pl.col("text").alias("_t"))
        window = 300
        r = (reported.select(pl.col("doc_id").cast(pl.String), "start_char", "end_char", "source", "cue_start",
                             "cue_end")
             .join(texts, on="doc_id", how="left")
             .with_columns((pl.col("cue_start") - window).clip(lower_bound=0).alias("_w0"))
             .with_columns(pl.col("_t").str.slice(pl.col("_w0"), pl.col("cue_end") + window - pl.col("_w0"))
                           .str.find(pl.col("source").str.replace(r"^-(?:t-)?", ""), literal=True).alias("_f"))
             .with_columns((pl.col("_w0") + pl.col("_f")).alias("source_start"))
             .with_columns((pl.col("source_start") + pl.col("source").str.replace(r"^-(?:t-)?", "").str.len_chars())
                           .alias("source_end")))
        frames.append(r.select(pl.lit("reported").alias("item_kind"), "doc_id", "start_char", "end_char", "source",
                               "source_start", "source_end"))
    if not frames:
        return pl.DataFrame(schema={"_item": pl.UInt32, "item_kind": pl.String, "doc_id": pl.String,
                                    "start_char": pl.Int64, "end_char": pl.Int64, "source": pl.String,
                                    "source_start": pl.Int64, "source_end": pl.Int64})
    return pl.concat(frames, how="vertical_relaxed").with_row_index("_item")


def _sentence_of(frame: pl.DataFrame, sentences: pl.DataFrame, at: str, alias: str) -> pl.DataFrame:
    """``frame`` plus ``alias``: the ordinal of the sentence holding character ``at``."""
    located = (frame.with_row_index("_r").select("_r", "doc_id", pl.col(at).alias("_at")).drop_nulls("_at")
               .sort("doc_id", "_at")
               .join_asof(sentences, left_on="_at", right_on="_s_start", by="doc_id", strategy="backward",
                          check_sortedness=False)
               .select("_r", pl.col("_s_no").alias(alias)))
    return frame.with_row_index("_r").join(located, on="_r", how="left").drop("_r")


def candidates(items: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame,
               quotes: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per (item, candidate name): ``_item, candidate`` and the :data:`FEATURES` (floats)."""
    docs = items["doc_id"].unique().implode()
    # (the tables keep their own doc_id type: named_mentions joins them with the quotations')
    documents = documents.filter(pl.col("doc_id").cast(pl.String).is_in(docs))
    tokens = tokens.filter(pl.col("doc_id").cast(pl.String).is_in(docs))
    pars = paragraphs(documents)
    sentences = (tokens.group_by(pl.col("doc_id").cast(pl.String), "sent_id")
                 .agg(pl.col("start_char").min().alias("_s_start"))
                 .sort("doc_id", "_s_start").with_columns(pl.int_range(pl.len()).over("doc_id").alias("_s_no"))
                 .select("doc_id", "_s_start", "_s_no"))
    # (every document's names; those inside a quotation dropped, as named_mentions drops them for a quotation's
    # speaker: it reads only the documents with quotations when given them)
    mentions = named_mentions(tokens, documents).with_columns(pl.col("doc_id").cast(pl.String))
    if quotes is not None and quotes.height:
        mentions = quote_depth(mentions.with_columns(pl.col("m_start").alias("start_char")),
                               quotes.select(pl.col("doc_id").cast(pl.String), "start_char", "end_char"))
        mentions = mentions.filter(pl.col("_depth") == 0).drop("start_char", "_depth")
    mentions = with_paragraph(mentions.with_columns(pl.col("doc_id").cast(pl.String)), pars, "m_start", "m_")
    mentions = _sentence_of(mentions, sentences, "m_start", "m_s_no")

    lowered = pl.col("source").str.to_lowercase().str.strip_chars().str.replace(r"^-(?:t-)?", "")
    pronouns = _pronoun_table()
    it = (items.with_columns(pl.coalesce("source_start", "start_char").alias("_anchor"),
                             pl.max_horizontal(pl.col("source_end").fill_null(0), pl.col("start_char"))
                             .alias("_limit"), lowered.alias("_pronoun"))
          .join(pronouns, on="_pronoun", how="left"))
    named = [name_of(s) if s is not None else None for s in it["source"]]
    it = it.with_columns(pl.Series("_named", named, dtype=pl.String)).with_columns(
        pl.when(pl.col("source").is_null()).then(pl.lit("none"))
        .when(pl.col("_p_plural").is_not_null()).then(pl.lit("pronoun"))
        .when(pl.col("_named").is_not_null()).then(pl.lit("name"))
        .otherwise(pl.lit("description")).alias("source_kind"))
    roles, _ = _role_words()
    head = pl.col("source").str.extract(r"(?i)^(?:le|la|les|l['’]|un|une|des|ce|cette|ces)\s*"
                                        r"(?:ex-|même\s+|nouvel(?:le)?\s+)?([\p{L}-]+)", 1)
    it = it.with_columns(pl.col("source").str.contains(r"(?i)^(?:le|la|les|l['’])\s*").fill_null(False)
                         .alias("_definite"),
                         pl.col("source").str.contains(r"(?i)^(?:un|une|des)\s").fill_null(False).alias("_indefinite"),
                         head.str.to_lowercase().is_in(roles.implode()).fill_null(False).alias("_role_noun"))
    it = with_paragraph(it, pars, "_anchor")
    it = _sentence_of(it, sentences, "_anchor", "_s_no")

    # the source as written, when it names nobody: a candidate of its own
    # (and the name a source holds, where the parse found no name there: "Libération", "TF1")
    own = (it.filter(pl.col("source_kind").is_in(["description", "name"]))
           .select("doc_id", pl.col("source_start").alias("m_start"), pl.col("source_end").alias("m_end"),
                   pl.coalesce("_named", pl.col("source").str.strip_chars()).alias("name"),
                   pl.lit("speaker").alias("role"),
                   pl.lit(None, pl.String).alias("gender"), pl.lit(False).alias("plural"),
                   pl.lit(False).alias("determined"), pl.lit(False).alias("embedded"),
                   pl.col("par_no").alias("m_par_no"), pl.col("title").alias("m_title"),
                   pl.col("_s_no").alias("m_s_no"), pl.lit(True).alias("_own"))
           .drop_nulls("m_start").sort("doc_id", "m_start", "m_end", "name")
           .unique(["doc_id", "m_start", "m_end"], keep="first", maintain_order=True))
    every = pl.concat([mentions.select(*own.columns[:-1]).with_columns(pl.lit(False).alias("_own")), own],
                      how="vertical_relaxed")

    # one written form per name and document
    lookup = [(doc, n, c) for doc, names in every.group_by("doc_id").agg(pl.col("name").unique()).iter_rows()
              for n, c in canonical_names(sorted(x for x in names if x)).items()]
    canon = pl.DataFrame(lookup, schema={"doc_id": pl.String, "name": pl.String, "candidate": pl.String},
                         orient="row")
    every = every.join(canon, on=["doc_id", "name"], how="left").with_columns(
        pl.coalesce("candidate", "name").alias("candidate"))
    firsts = (every.filter(~pl.col("_own")).sort("m_start").group_by("doc_id")
              .agg(pl.col("candidate").first().alias("_first")))
    last_speakers = every.filter(pl.col("role") == "speaker").select("doc_id", "m_start",
                                                                     pl.col("candidate").alias("_last_sp"))

    pairs = (it.select("_item", "doc_id", "source_kind", "source_start", "source_end", "start_char", "end_char",
                       "_anchor", "_limit", "_p_gender", "_p_plural", pl.col("par_no").alias("_par"),
                       "_definite", "_indefinite", "_role_noun",
                       pl.col("_s_no").alias("_sent"), "item_kind")
             .join(every, on="doc_id")
             .with_columns((pl.col("source_start").is_not_null() & (pl.col("m_start") < pl.col("source_end"))
                            & (pl.col("source_start") < pl.col("m_end"))).fill_null(False).alias("_in_source"))
             .filter((pl.col("m_start") < pl.col("_limit")) | pl.col("_in_source"))
             )
    # the last speaker named before the item's anchor
    last = (it.select("_item", "doc_id", "_anchor").sort("_anchor")
            .join_asof(last_speakers.sort("m_start"), left_on="_anchor", right_on="m_start", by="doc_id",
                       strategy="backward", allow_exact_matches=False, check_sortedness=False)
            .select("_item", "_last_sp"))
    dist = (pl.col("_anchor") - pl.col("m_end")).clip(lower_bound=0)
    _salient = pl.col("role").is_in(["subject", "speaker", "agent"]) & ~pl.col("embedded").fill_null(False)
    per = (pairs.with_columns(dist.alias("_d"),
                              ((pl.col("m_start") >= pl.col("start_char")) & (pl.col("m_end") <= pl.col("end_char")))
                              .alias("_inside"))
           .sort("_item", "_d", "m_start", "m_end", "candidate")
           .group_by("_item", "candidate", maintain_order=True)
           .agg(pl.col("source_kind").first(), pl.col("item_kind").first(), pl.col("_p_gender").first(),
                pl.col("_p_plural").first(), pl.col("_par").first(), pl.col("_sent").first(),
                pl.col("_in_source").any().alias("in_source"), pl.col("_own").any().alias("is_source_text"),
                pl.col("_d").min().alias("_d"), pl.col("m_par_no").first().alias("_m_par"),
                pl.col("m_s_no").first().alias("_m_sent"), pl.col("role").first().alias("_role"),
                (pl.col("role") == "speaker").any().alias("ever_speaker"),
                (pl.col("role") == "subject").any().alias("ever_subject"),
                pl.len().alias("_times"), pl.col("m_title").fill_null(False).any().alias("in_title"),
                pl.col("gender").drop_nulls().first().alias("_gender"), pl.col("plural").fill_null(False).any()
                .alias("plural"), pl.col("determined").fill_null(False).all().alias("determined"),
                pl.col("embedded").fill_null(False).first().alias("embedded"),
                (pl.col("m_start") >= pl.col("_anchor")).all().alias("after_item"),
                pl.col("_inside").all().alias("inside_content"),
                pl.col("_definite").first(), pl.col("_indefinite").first(), pl.col("_role_noun").first(),
                (pl.col("_own") & pl.col("_in_source")).any().alias("_own_here"),
                (pl.col("_own") & ~pl.col("_in_source")).any().alias("earlier_source"),
                pl.col("role").is_in(["oblique", "parenthetical"]).all().alias("only_oblique"),
                (pl.col("source_start") - pl.col("m_end")).is_between(0, 3).any().alias("apposed_before"),
                (pl.col("m_start") - pl.col("source_end")).is_between(0, 3).any().alias("apposed_after"),
                (pl.col("_in_source") & pl.col("role").is_in(["oblique", "parenthetical"])).any()
                .alias("in_source_oblique"),
                (_salient & (pl.col("m_par_no") == pl.col("_par"))).any().alias("salient_same_paragraph"),
                (_salient & (pl.col("m_par_no") == pl.col("_par") - 1)).any().alias("salient_previous_paragraph"),
                (_salient & (pl.col("m_s_no") == pl.col("_sent"))).any().alias("salient_same_sentence"))
           .join(last, on="_item", how="left")
           .join(items.select("_item", "doc_id"), on="_item", how="left")
           .join(firsts, on="doc_id", how="left")
           .with_columns(pl.col("_d").rank("dense").over("_item").cast(pl.Float64).alias("recency_rank"))
           .with_columns((~pl.col("determined") & ~pl.col("_own_here") & ~pl.col("earlier_source")
                          & (pl.col("candidate").str.contains(r"\s") | pl.col("_gender").is_not_null()))
                         .alias("_person"))
           .with_columns(pl.when(pl.col("_person")).then(pl.col("_d")).rank("dense").over("_item")
                         .cast(pl.Float64).alias("_person_rank")))
    f = {
        "bias": pl.lit(1.0),
        "in_source": pl.col("in_source"),
        "is_source_text": pl.col("_own_here"),
        "same_sentence": pl.col("_m_sent") == pl.col("_sent"),
        "same_paragraph": pl.col("_m_par") == pl.col("_par"),
        "previous_paragraph": pl.col("_m_par") == pl.col("_par") - 1,
        "log_chars": pl.col("_d").cast(pl.Float64).log1p(),
        "log_sentences": (pl.col("_sent") - pl.col("_m_sent")).abs().cast(pl.Float64).log1p(),
        "paragraphs": (pl.col("_par") - pl.col("_m_par")).abs().clip(upper_bound=5).cast(pl.Float64),
        "recency_rank": (pl.col("recency_rank") - 1).clip(upper_bound=10),
        "nearest": pl.col("recency_rank") == 1,
        "log_times_named": pl.col("_times").cast(pl.Float64).log1p(),
        **{f"role_{r}": pl.col("_role") == r for r in ROLES},
        "ever_speaker": pl.col("ever_speaker"),
        "ever_subject": pl.col("ever_subject"),
        "last_speaker": pl.col("candidate") == pl.col("_last_sp"),
        "in_title": pl.col("in_title"),
        "first_named": pl.col("candidate") == pl.col("_first"),
        "determined": pl.col("determined"),
        "plural": pl.col("plural"),
        "embedded": pl.col("embedded"),
        "gender_agrees": pl.col("_p_gender").is_not_null() & (pl.col("_gender") == pl.col("_p_gender")),
        "gender_clashes": pl.col("_p_gender").is_not_null() & pl.col("_gender").is_not_null()
        & (pl.col("_gender") != pl.col("_p_gender")),
        "number_agrees": pl.col("_p_plural").is_not_null() & (pl.col("plural") == pl.col("_p_plural")),
        "number_clashes": pl.col("_p_plural").is_not_null() & (pl.col("plural") != pl.col("_p_plural")),
        "after_item": pl.col("after_item"),
        "inside_content": pl.col("inside_content"),
        "apposed_before": pl.col("apposed_before") & ~pl.col("_own_here"),
        "apposed_after": pl.col("apposed_after") & ~pl.col("_own_here"),
        "person_name": pl.col("_person"),
        "in_source_oblique": pl.col("in_source_oblique"),
        "salient_same_paragraph": pl.col("salient_same_paragraph"),
        "salient_previous_paragraph": pl.col("salient_previous_paragraph"),
        "salient_same_sentence": pl.col("salient_same_sentence"),
        "person_rank": (pl.col("_person_rank") - 1).clip(upper_bound=5),
        "nearest_person": pl.col("_person_rank") == 1,
        "only_oblique": pl.col("only_oblique"),
        "role_noun_source": pl.col("_role_noun") & ~pl.col("_own_here"),
        "own_definite": pl.col("_own_here") & pl.col("_definite"),
        "own_indefinite": pl.col("_own_here") & pl.col("_indefinite"),
        "own_role_noun": pl.col("_own_here") & pl.col("_role_noun"),
        "earlier_source": pl.col("earlier_source"),
    }
    base = per.select("_item", "candidate", "source_kind", "item_kind",
                      *(e.fill_null(False).cast(pl.Float64).alias(n) for n, e in f.items()))
    return base.select("_item", "candidate", "source_kind", "item_kind",
                       *(pl.when(pl.col("source_kind") == k).then(pl.col(b)).otherwise(0.0).alias(f"{b}@{k}")
                         for k in SOURCE_KINDS for b in BASE_FEATURES))


#: The kinds of item with weights of their own (one column each in :data:`WEIGHTS`).
ITEM_KINDS = ("quote", "reported")


@cache
def weights() -> dict[str, dict[str, float]]:
    """item kind (:data:`ITEM_KINDS`) → feature → weight, from :data:`WEIGHTS`."""
    kinds, table = read_weights(WEIGHTS, intercept=False)
    if kinds != ITEM_KINDS:
        raise LexiconError(f"{WEIGHTS.name}: a header 'feature<TAB>{'<TAB>'.join(ITEM_KINDS)}' is expected")
    return {kind: {feature: row[kind] for feature, row in table.items()} for kind in ITEM_KINDS}


def rank(table: pl.DataFrame, weight: dict[str, dict[str, float]] | None = None) -> pl.DataFrame:
    """``_item, speaker, speaker_rule, speaker_score``: the highest-scoring candidate of each item of a
    :func:`candidates` table (a dot product of its features and the weights of its ``item_kind``, :func:`weights`);
    ``speaker_rule`` is ``ranker: `` and the feature of largest positive contribution to the chosen candidate's
    score (``(intercept)`` when no feature contributes positively)."""
    weight = weights() if weight is None else weight
    features = [f for f in FEATURES if any(f in w for w in weight.values())]
    check_features(WEIGHTS.name, features, table.columns)
    kinds = list(weight)
    table_by_feature = {f: {k: weight[k].get(f, 0.0) for k in kinds} for f in (*features, INTERCEPT)}
    chosen = pl.col("item_kind").replace_strict({k: i for i, k in enumerate(kinds)}, default=None,
                                                return_dtype=pl.Int64)
    score = pl.concat_list(scores(features, table_by_feature, kinds)).list.get(chosen, null_on_oob=True)
    top = decided_by(chosen, features, table_by_feature, kinds).list.first()
    return (table.with_columns(score.alias("_score"), top.alias("_top"))
            .sort(["_item", "_score", "candidate"], descending=[False, True, False], nulls_last=True)
            .group_by("_item", maintain_order=True).first()
            .select("_item", pl.col("candidate").alias("speaker"), (pl.lit("ranker: ") + pl.col("_top"))
                    .alias("speaker_rule"), pl.col("_score").alias("speaker_score")))

"""Matching the hedge lexicon (``hedges.tsv``) on the word table: a join, not a loop.

Every word gets its keys (lemma, form, part of speech, "is a numeral"); every position of every pattern
variant gets the keys it accepts; joining the two and counting, per (variant, start word), the positions
satisfied finds all matches of all entries in one pass. Context conditions (``@speaker``, ``@viewpoint``)
are polars expressions over shifted columns of the sentence. Overlapping matches keep the longest;
``exclude`` entries (false friends such as "selon que") win their overlaps and are then dropped.
"""

from __future__ import annotations

import polars as pl

from corpusling.errors import LexiconError
from corpusling.lexicons import load_hedge_context
from corpusling.lexicons.notation import PatternError, parse_pattern
from corpusling.markers.hedge_words import (
    holder_of_a_view,
    in_list,
    indexed_by_row,
    next_where,
    positioned,
    previous_where,
    rule_words,
    saying_words,
    value_at,
)

#: How far after a vague noun phrase its verb of saying may come ("De nombreux habitants, témoins de la
#: scène, ont déclaré"), and the punctuation that stops the search.
SPEECH_REACH = 8
STOPS: frozenset[str] = frozenset({".", ";", ":", "«", "»", "!", "?", "(", ")"})

#: How far after "pour" the comma of a viewpoint ("Pour le procureur fédéral, …") may come.
VIEWPOINT_REACH = 10

_VERBAL = ["VERB", "AUX", "SCONJ"]

#: Punctuation after which "pour X," can open a clause ("(pour les régions X, Y)" is an enumeration).
CLAUSE_PUNCTUATION: frozenset[str] = frozenset({",", ".", ";", ":", "!", "?", "«", "»", '"', "—", "–", "..."})


def word_keys(words: pl.DataFrame, wanted: pl.Series | None = None) -> pl.DataFrame:
    """``_i, key``: every key a word satisfies (w: lemma or form, f: exact form, u: UPOS, num).

    A noun or adjective also offers its form less a final -s / -x, so that a plural the
    lemmatiser left alone ("leaders") still meets its entry ("leader"); a word with a hyphen
    offers its first part with the hyphen ("quasi-absent": "quasi-"), so that an entry written
    as a prefix takes every compound. ``wanted``: only these keys (those of a lexicon), each
    kind filtered on its value before the key is built.
    """
    def only(kind: str, value: pl.Expr) -> pl.Expr:
        if wanted is None:
            return pl.lit(True)
        values = wanted.filter(wanted.str.starts_with(kind)).str.strip_prefix(kind)
        return value.is_in(values.implode())

    is_number = ((pl.col("upos") == "NUM") | pl.col("_raw").str.contains(r"^\d")
                 | in_list("_lemma", load_hedge_context()["number_word"]))
    plural = pl.col("_form").str.slice(0, pl.col("_form").str.len_chars() - 1)
    # (the columns read, the only ones each part's filter copies)
    words = words.select("_i", "_lemma", "_form", "_raw", "upos")
    # the parts are disjoint (a form equal to the lemma, a plural stem equal to the lemma, gives no second key)
    parts = [
        words.filter(only("w:", pl.col("_lemma"))).select("_i", ("w:" + pl.col("_lemma")).alias("key")),
        words.filter(only("w:", pl.col("_form")) & (pl.col("_form") != pl.col("_lemma")))
        .select("_i", ("w:" + pl.col("_form")).alias("key")),
        words.filter(pl.col("upos").is_in(["NOUN", "ADJ"]))  # (the pattern run on nouns and adjectives only)
        .filter(pl.col("_form").str.contains(r"..[sx]$") & only("w:", plural) & (plural != pl.col("_lemma")))
        .select("_i", ("w:" + plural).alias("key")),
        words.filter(only("f:", pl.col("_form"))).select("_i", ("f:" + pl.col("_form")).alias("key")),
        words.filter(only("u:", pl.col("upos"))).select("_i", ("u:" + pl.col("upos")).alias("key")),
    ]
    if wanted is None or wanted.str.ends_with("-").any():
        prefix = pl.col("_form").str.extract(r"^([^-]+-)[^-]", 1)
        hyphenated = words.filter(pl.col("_form").str.contains("-", literal=True))
        parts.append(hyphenated.filter(prefix.is_not_null() & only("w:", prefix))
                     .select("_i", ("w:" + prefix).alias("key")))
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


def context_conditions(words: pl.DataFrame) -> pl.DataFrame:
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
    saying = saying_words(words, lists).implode()
    subject_of_speech = (pl.col("deprel").str.starts_with("nsubj") & ~pl.col("deprel").str.ends_with(":pass")
                         & pl.col("_hi").is_in(saying))
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
    # ("Pour cela," is a cause: a neuter pronoun holds no view); and the clause after the comma does not name its
    # own holder, a subject of a verb of saying or thinking ("Pour lui, je crois que…", "Pour cela, ils affirment
    # que…": "pour" then introduces a topic or a cause)
    nominal = pl.col("upos").is_in(["NOUN", "PROPN", "PRON", "X"])
    subject = pl.col("deprel").str.starts_with("nsubj")

    # (the next comma, verb, noun, subject of each word, in its sentence)
    words = positioned(words).with_columns(
        next_where(pl.col("_form") == ",").alias("_comma"), next_where(pl.col("upos").is_in(_VERBAL)).alias("_verbal"),
        next_where(nominal).alias("_noun"), next_where(subject).alias("_next_subject"),
        holder_of_a_view(lists).alias("_holder"),
        # (a passive subject holds no view: "pour Laurent Lenoble, il avait été estimé que…", ninth round, set12)
        (subject & ~pl.col("deprel").str.ends_with(":pass") & pl.col("_hi").is_in(saying)).alias("_says"),
        next_where(pl.col("verbform") == "Fin").alias("_next_finite"),
        previous_where(pl.col("upos").is_in(["VERB", "AUX"])).alias("_verb_before"))
    words = words.with_columns(value_at("_next_subject", pl.col("_comma")).alias("_clause_subject"))
    own_holder = value_at("_says", pl.col("_clause_subject")).fill_null(False)
    # a share of a group ("Pour 63 % des Français,", "pour la majorité des experts,") holds the view of the group
    # its complement names: the noun after the share then decides; a definite numeral share ("Pour les 10 % de la
    # population la plus aisée, la baisse est de 1,2 %") names a segment of a distribution, not people asked
    segment = ((pl.col("_i") > 1) & (pl.col("upos").shift(1) == "NUM")
               & in_list("_lemma", lists["definite_determiner"]).shift(2)
               & (pl.col("_s").shift(2) == pl.col("_s")))
    share = ((pl.col("upos") == "NOUN") & ~segment.fill_null(False)
             & (in_list("_lemma", rule_words()["share_noun"] | lists["number_word"])
                | in_list("_form", rule_words()["share_noun"])))
    words = words.with_columns(share.fill_null(False).alias("_share"))
    group = value_at("_noun", pl.col("_noun"))
    of_group = (value_at("_share", pl.col("_noun")) & (group < pl.col("_comma")) & value_at("_holder", group))
    # (a title the lists do not know before a person's full name, first name and surname: "Pour le
    # journaliste-économiste Christian Chavagneux,"; not "Pour la saison Ligue 1,")
    # (the name's words read up to the comma only, which stands in the sentence)
    def name_word(k: int) -> pl.Expr:
        return value_at("upos", pl.min_horizontal(pl.col("_noun") + k, pl.col("_comma").fill_null(pl.col("_noun"))))

    titled = ((value_at("upos", pl.col("_noun")) == "NOUN") & (name_word(1) == "PROPN") & (name_word(2) == "PROPN")
              & (pl.col("_noun") + 2 < pl.col("_comma")))
    # (after the sentence's predicate, with no finite verb after its comma, "pour X," frames no clause: it is a
    # destination or a beneficiary of the predicate before, "est parti, le 21 janvier, pour la Guinée équatoriale,
    # après avoir refusé…"; a viewpoint frames a clause after it, "et pour certains analystes, ces chiffres
    # pourraient…", or opens a verbless headline; read without the tree, which hangs the phrase either way)
    finite_after = value_at("_next_finite", pl.col("_comma")).is_not_null()
    of_verb_before = (pl.col("_verb_before").is_not_null() & ~finite_after).fill_null(False)
    viewpoint = ((pl.col("_comma") - pl.col("_i") <= VIEWPOINT_REACH) & (pl.col("_comma") - pl.col("_i") >= 2)
                 & (pl.col("_verbal").is_null() | (pl.col("_verbal") > pl.col("_comma"))) & ~of_verb_before
                 & (pl.col("_noun") < pl.col("_comma"))
                 & (value_at("_holder", pl.col("_noun")) | of_group.fill_null(False) | titled.fill_null(False))
                 & ~own_holder)
    words = words.with_columns((in_list("_lemma", lists["viewpoint_preposition"]) & clause_start & viewpoint)
                               .fill_null(False)
                               .alias("_viewpoint"))
    return words.select(
        "_i",
        ((subject_of_speech | before_speech).fill_null(False)).alias("_speaker_noun"),
        ((after_source | inverted_after_speech).fill_null(False)).alias("_after_source"),
        "_viewpoint",
    )


def candidates(words: pl.DataFrame, variants: pl.DataFrame, positions: pl.DataFrame) -> pl.DataFrame:
    """Every match of every variant: ``_v, start`` (index of its first word) plus the variant's columns.

    Each variant is anchored on its rarest position in this corpus: the words that satisfy
    the anchor give the candidate starts, and the other positions are checked by a join
    of (word index, key) pairs, so frequent words ("de", any determiner) are never
    expanded against every pattern.
    """
    by_row = indexed_by_row(words)
    keys = word_keys(words, positions["key"].unique())
    # (the word's UPOS read at its row when ``_i`` is the row number, as in the word table; else by a join)
    keys = (keys.with_columns(words["upos"].gather(keys["_i"])) if by_row
            else keys.join(words.select("_i", "upos"), on="_i"))
    frequency = keys.group_by("key").len("n")
    weight = (positions.join(frequency, on="key", how="left").with_columns(pl.col("n").fill_null(0))
              .group_by("_v", "pos").agg(pl.col("n").sum()))
    anchors = weight.sort("n", "pos").group_by("_v").first().select("_v", pl.col("pos").alias("_anchor"))
    allowed = pl.col("upos_filter").is_null() | pl.col("upos_filter").list.contains(pl.col("upos"))
    starts = (positions.join(anchors, on="_v").filter(pl.col("pos") == pl.col("_anchor"))
              .join(keys, on="key").filter(allowed)
              .select("_v", (pl.col("_i") - pl.col("pos")).alias("start")).unique())
    others = positions.join(anchors, on="_v").filter(pl.col("pos") != pl.col("_anchor"))
    # (a word and a key as one integer, the word's index times the number of keys plus the key's rank: a join on
    # it is several times faster than on the index and the key's text)
    rank = {key: r for r, key in enumerate(positions["key"].unique().sort().to_list())}

    def word_key(index: pl.Expr) -> pl.Expr:
        return index * len(rank) + pl.col("key").replace_strict(rank, default=None, return_dtype=pl.Int64)

    checked = (starts.join(others, on="_v")
               .select("_v", "start", "pos", "upos_filter", word_key(pl.col("start") + pl.col("pos")).alias("_ik"))
               .join(keys.select(word_key(pl.col("_i")).alias("_ik"), "upos"), on="_ik").filter(allowed)
               .group_by("_v", "start").agg(pl.col("pos").n_unique().alias("n")))
    found = (starts.join(checked, on=["_v", "start"], how="left").with_columns(pl.col("n").fill_null(0) + 1)
             .join(variants, on="_v")
             .filter(pl.col("n") == pl.col("required")))
    found = found.with_columns((pl.col("start") + pl.col("length") - 1).alias("_end_i"))
    if by_row:  # the first and last word's sentence read at their rows (a match leaving the table has none)
        found = found.filter((pl.col("start") >= 0) & (pl.col("_end_i") < words.height))
        found = found.with_columns(words.select("doc_id", "sent_id", "_s").to_series(i).gather(found["start"])
                                   for i in range(3)).with_columns(
            words["_s"].gather(found["_end_i"]).alias("_s_end"))
    else:
        place = words.select("_i", "doc_id", "sent_id", "_s")
        found = (found.join(place.rename({"_i": "start"}), on="start")
                 .join(place.select(pl.col("_i").alias("_end_i"), pl.col("_s").alias("_s_end")), on="_end_i"))
    found = found.filter(pl.col("_s") == pl.col("_s_end")).with_row_index("_c")
    wild = (found.select("_c", "start", "wildcards").explode("wildcards").drop_nulls("wildcards")
            .with_columns((pl.col("start") + pl.col("wildcards")).alias("_i")))
    wild = (wild.filter(words["upos"].gather(wild["_i"]) == "PUNCT") if by_row
            else wild.join(words.select("_i", "upos"), on="_i").filter(pl.col("upos") == "PUNCT"))
    return found.join(wild.select("_c").unique(), on="_c", how="anti")


def lexicon_spans(words: pl.DataFrame, lexicon: pl.DataFrame) -> pl.DataFrame:
    """The lexicon's matches after its own overlaps are settled (longest; exclude entries win, then go).

    Rows ``doc_id, sent_id, _s, _first_i, _last_i, category, entry, _rank`` (``_rank``: the
    entry's line in the lexicon, for ties).
    """
    variants, positions = compile_lexicon(lexicon)
    found = candidates(words, variants, positions)
    # conditions look at most VIEWPOINT_REACH words away in the sentence: only the sentences of
    # candidates whose entry has a condition
    conditional = found.filter(pl.col("conditions").list.len() > 0)
    conditions = context_conditions(words.join(words.filter(pl.col("_i").is_in(conditional["start"].implode()))
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
    if indexed_by_row(words):  # (the offsets read at the rows of the first and last word)
        found = found.with_columns(words["start_char"].gather(found["_first_i"]),
                                   words["end_char"].gather(found["_last_i"]))
    else:
        found = (found.join(words.select(pl.col("_i").alias("_first_i"), "start_char"), on="_first_i")
                 .join(words.select(pl.col("_i").alias("_last_i"), "end_char"), on="_last_i"))
    spans = (found
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

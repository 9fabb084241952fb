"""The word table the hedge rules read, and look-ups within a sentence as polars expressions.

One row per syntactic word in reading order, with a running index ``_i``, the sentence number ``_s``, the
head's index ``_hi``, the lemma and form normalised as the lexicon writes them (``_lemma``, ``_form``), and
the raw form (``_raw``). Everything here is vectorised: a look-up ``k`` words away is a shift within the
sentence, a phrase is found by following head indices a fixed number of levels up.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from corpusling import tokens as tok
from corpusling.lexicons import HERE, load_hedge_context, load_word_lists
from corpusling.lexicons.notation import CLITICS
from corpusling.token_index import sentence_ordered

#: Relations that end a phrase's span: punctuation, a relative or parenthetical clause. The span of a noun
#: phrase ("selon un sondage publié dans le quotidien El Pais") is its head's contiguous dependents.
PHRASE_BREAKS: frozenset[str] = frozenset({"punct", "acl:relcl", "parataxis"})
PHRASE_DEPTH = 8

#: Word lists of ``hedge_rule_words.tsv``, the closed classes of the rules of 2026-12 (what each is for: its
#: first note in the file).
RULE_ROLES: tuple[str, ...] = ("protasis_cue", "people_phrase", "variation_word", "viewpoint_marker",
                               "attribution_relative", "partitive_pronoun", "speech_locution", "relay_marker",
                               "wish_verb", "testimony_noun", "share_noun",
                               "criterion_word", "opinion_verb", "complement_mark", "condition_mark",
                               "speaking_group", "authorship_verb", "anonymous_noun", "indefinite_speaker")


@cache
def rule_words() -> dict[str, frozenset[str]]:
    """The word lists of ``hedge_rule_words.tsv``: role → words (as :func:`corpusling.lexicons.load_hedge_context`
    gives those of ``hedge_context.tsv``)."""
    return {role: frozenset(words) for role, words in load_word_lists(HERE / "hedge_rule_words.tsv",
                                                                       RULE_ROLES).items()}


def _normal(expr: pl.Expr) -> pl.Expr:
    """Polars version of :func:`corpusling.lexicons.notation.normal_word`."""
    low = expr.cast(pl.String).str.to_lowercase().str.replace_all("\u2019", "'", literal=True)
    low = (pl.when(low.str.ends_with("'") & (low.str.len_chars() > 1))
           .then(low.str.strip_suffix("'") + "e").otherwise(low))
    low = low.str.replace(r"^-t-", "")
    return pl.when(low.str.starts_with("-") & low.str.strip_prefix("-").is_in(list(CLITICS))).then(
        low.str.strip_prefix("-")).otherwise(low)


def word_table(tokens: pl.DataFrame) -> pl.DataFrame:
    """The token table reduced to what matching needs, one running index ``_i`` in reading order.

    Each sentence's words are contiguous and in ``word_id`` order; ``_s`` numbers the sentences,
    ``_hi`` is the index of the word's head (null for the root) and ``_head_lemma`` its lemma.
    The table is sorted (by ``doc_id``, ``sent_id``, ``word_id``) only when it is not already
    in that shape (a parsed corpus is: in document order). When the table has its index
    (:func:`corpusling.token_index.sentence_ordered`: a parsed corpus's, once a query or the
    quotations opened it), the order, ``_s`` and each sentence's first row are the index's.
    """
    features = [(pl.col(c).cast(pl.String) if c in tokens.columns else pl.lit(None, dtype=pl.String)).alias(c)
                for c in ("mood", "verbform", "number")]
    # (the paragraph, where the table has one: a parsed corpus's ``par_id``)
    paragraph = (pl.col("par_id") if "par_id" in tokens.columns else pl.lit(None, dtype=pl.Int64)).alias("_par")
    words = tokens.select(
        "doc_id", "sent_id", "word_id", "start_char", "end_char", "head", paragraph,
        pl.col("upos").cast(pl.String).fill_null("X"), pl.col("deprel").cast(pl.String).fill_null(""),
        pl.col("lemma").fill_null(pl.col("form")).cast(pl.String).alias("_lemma"),
        pl.col("form").cast(pl.String).alias("_raw"), *features)
    # normalised once per distinct spelling (the vocabulary), not once per word
    vocabulary = pl.concat([words["_lemma"], words["_raw"]]).unique().to_frame("_spelling")
    # the typographic hyphens U+2010 and U+2011 (non-breaking: "peut‑être", "porte‑parole") are read as the ASCII
    # hyphen the lexicons are written with (a column of its own: computed once, not in each branch of _normal)
    vocabulary = (vocabulary.with_columns(pl.col("_spelling").str.replace_many(["\u2010", "\u2011"], ["-", "-"])
                                          .alias("_hyphens"))
                  .with_columns(_normal(pl.col("_hyphens")).alias("_normal")))
    normal = {"old": vocabulary["_spelling"], "new": vocabulary["_normal"]}
    words = words.with_columns(pl.col("_lemma").replace(**normal), pl.col("_raw").replace(**normal).alias("_form"))
    # the corpus's index, when the table has one and is in sentence order (a parsed corpus): its rows are the words'
    # rows, its sentence numbers and bounds theirs; a bare table is checked, sorted if need be, and numbered here
    own = sentence_ordered(tokens)
    if own is None and not _in_sentence_order(words):
        words = words.sort(pl.col("doc_id").cast(pl.String), "sent_id", "word_id", maintain_order=True)
    words = words.with_row_index("_i").with_columns(pl.col("_i").cast(pl.Int64))
    if own is not None:
        words = words.with_columns(pl.Series("_s", own.sentence[:-1]).cast(pl.UInt32))
    else:
        words = words.with_columns(tok.sentence_starts().cum_sum().alias("_s"))
    # the head's row: when every sentence numbers its words 1, 2, 3… in its rows (a parsed corpus
    # does), the head of word w is w's row moved by head − word_id; otherwise a join on the head
    first = (pl.lit(own.sent_first) if own is not None and own.sent_first is not None
             else pl.when(tok.sentence_starts()).then(pl.col("_i")).forward_fill())
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



def at(column: str, k: int) -> pl.Expr:
    """The value ``k`` words further on (before, if negative) in the same sentence, else null."""
    return pl.when(pl.col("_s").shift(-k) == pl.col("_s")).then(pl.col(column).shift(-k))


def positioned(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (whole sentences of the word table) with its row number ``_r`` and each sentence's first and last
    word (``_first``, ``_last``), which :func:`next_where`, :func:`previous_where` and :func:`value_at` use
    instead of a window per sentence."""
    return frame.with_row_index("_r").with_columns(
        pl.col("_r").cast(pl.Int64),
        pl.when((pl.col("_s") != pl.col("_s").shift()).fill_null(True)).then(pl.col("_i")).forward_fill()
        .alias("_first"),
        pl.when((pl.col("_s") != pl.col("_s").shift(-1)).fill_null(True)).then(pl.col("_i")).backward_fill()
        .alias("_last"))


def next_where(flag: pl.Expr) -> pl.Expr:
    """Index of the next word (after this one, in its sentence) where ``flag`` holds, else null."""
    found = pl.when(flag).then(pl.col("_i")).backward_fill().shift(-1)
    return pl.when(found <= pl.col("_last")).then(found)


def previous_where(flag: pl.Expr) -> pl.Expr:
    """Index of the previous word (before this one, in its sentence) where ``flag`` holds, else null."""
    found = pl.when(flag).then(pl.col("_i")).forward_fill().shift(1)
    return pl.when(found >= pl.col("_first")).then(found)


def value_at(column: str, index: pl.Expr) -> pl.Expr:
    """``column`` at word ``index`` of the same sentence (null where ``index`` is null)."""
    row = (pl.col("_r") + index - pl.col("_i")).fill_null(pl.col("_r"))
    return pl.when(index.is_not_null()).then(pl.col(column).gather(row))


def in_list(column: str, words: frozenset[str] | set[str]) -> pl.Expr:
    return pl.col(column).is_in(sorted(words))



@cache
def speech_forms(incise: bool = False) -> frozenset[str]:
    """Inflected forms of the verbs of saying (``speech_verb``; with ``incise``, ``incise_verb`` too): regular ones
    by rule, irregular ones from ``reporting_verb_forms.tsv``
    (:func:`corpusling.markers.attribution.reporting_verb_forms`), so that a verb the lemmatiser got wrong is
    still known by its form ("disent" given *devoir*, "craignent" *craigner*)."""
    from corpusling.markers.attribution import reporting_verb_forms

    lists = load_hedge_context()
    lemmas = sorted(lists["speech_verb"] | (lists["incise_verb"] if incise else frozenset()))
    verbs = pl.DataFrame({"lemma": lemmas, "type": [""] * len(lemmas), "use": ["any"] * len(lemmas)})
    return frozenset(reporting_verb_forms(verbs)["form"].to_list())


def saying_words(words: pl.DataFrame, lists: dict[str, frozenset[str]]) -> pl.Series:
    """``_i`` of the words whose subject holds a view: verbs of saying, thinking and evaluating (by lemma, or by form
    when the lemmatiser erred), the verb of a locution of saying ("font état de", ``speech_locution`` of
    ``hedge_rule_words.tsv``), adjectives of stance as the head of a copula ("les experts sont sceptiques") or as the
    attribute of a verb ("de nombreux experts restent sceptiques")."""
    locution = pl.any_horizontal([(pl.col("_lemma") == verb) & (at("_lemma", 1) == noun) for verb, noun in (
        phrase.split() for phrase in sorted(rule_words()["speech_locution"]))]).fill_null(False)
    said = (((pl.col("upos") == "VERB") & (in_list("_lemma", lists["speech_verb"])
                                           | in_list("_form", speech_forms()) | locution))
            | ((pl.col("upos") == "ADJ") & in_list("_lemma", lists["attitude_adjective"])))
    attribute = (pl.col("deprel") == "xcomp") & in_list("_lemma", lists["attitude_adjective"])
    return pl.concat([words.filter(said)["_i"], words.filter(attribute)["_hi"].drop_nulls()]).unique()


def holder_of_a_view(lists: dict[str, frozenset[str]]) -> pl.Expr:
    """The word can hold a view ("Pour le procureur,", "aux yeux du ministre"): a proper noun, a pronoun other than a
    neuter one ("cela", "ce"), or a noun of a person, an institution or an informant; a common noun written with a
    capital names people as a proper noun does (the demonyms and movements "les Français", "les Gilets jaunes":
    French capitalises the noun of a people, not its adjective; Riegel, Pellat & Rioul 2018, ch. IV)."""
    holders = sorted(lists["viewpoint_noun"] | lists["person_noun"] | lists["informant_noun"])
    # (written with a capital: the raw form differs from its lower-case normal form)
    capitalised = (pl.col("upos") == "NOUN") & (pl.col("_raw") != pl.col("_form"))
    return (pl.col("upos").is_in(["PROPN", "X"]) | capitalised
            | ((pl.col("upos") == "PRON") & ~in_list("_form", lists["thing_pronoun"]))
            | pl.col("_lemma").is_in(holders) | pl.col("_form").is_in(holders)
            # (and with a prefix of ``noun_prefix``: "pour le vice-procureur,"; one anchored pattern on every word)
            | pl.col("_form").str.replace(rf"^(?:{'|'.join(sorted(lists['noun_prefix']))})-", "").is_in(holders))


def agentive_nouns(lists: dict[str, frozenset[str]]) -> frozenset[str]:
    """Nouns that name a person or an institution: an agent (the subject of a root pouvoir / devoir)."""
    return lists["person_noun"] | lists["viewpoint_noun"] | lists["informant_noun"]


def speaking_nouns(lists: dict[str, frozenset[str]]) -> frozenset[str]:
    """Nouns that can be the subject of an attribution: agents and documents ("indique une analyse")."""
    return agentive_nouns(lists) | lists["document_noun"]


def agentive_by_suffix(lists: dict[str, frozenset[str]]) -> pl.Expr:
    """The noun's lemma ends with a suffix of agent nouns (``agentive_suffix``: "créateur", "sénatrice", "juriste",
    "politologue"), the derivational morphology of French person nouns (Riegel et al. 2018, la dérivation
    suffixale): a speaker the closed lists do not name."""
    suffixes = "|".join(sorted(lists["agentive_suffix"]))
    return pl.col("_lemma").str.contains(rf"\w\w\w(?:{suffixes})$").fill_null(False)


def noun_in(words: frozenset[str]) -> pl.Expr:
    """The word's lemma, form or form less a plural -s/-x is in ``words``, the same less a prefix of ``noun_prefix``
    ("l'ex-Président")."""
    prefixes = "|".join(sorted(load_hedge_context()["noun_prefix"]))
    plain = pl.col("_form").str.replace(rf"^(?:{prefixes})-", "")
    return pl.any_horizontal(form.is_in(sorted(words)) for form in (
        pl.col("_lemma"), pl.col("_form"), pl.col("_form").str.replace(r"(..)[sx]$", "$1"),
        plain, plain.str.replace(r"(..)[sx]$", "$1")))


def indexed_by_row(words: pl.DataFrame) -> bool:
    """Whether ``_i`` is the row number (0, 1, 2…), as in :func:`word_table`: a word's columns are then read at its
    row (a gather) instead of by a join or a membership test on ``_i``."""
    index = words["_i"]
    return words.height == 0 or (index[0] == 0 and index[-1] == words.height - 1
                                 and bool((index.diff().drop_nulls() == 1).all()))


def sentences_of(words: pl.DataFrame, indices: pl.Series) -> pl.DataFrame:
    """The words of the sentences that hold the given word indices (their sentences read at their rows when ``_i``
    is the row number, as in :func:`word_table`, else by a membership test; no join: the rows kept are copied
    once)."""
    if words.height and indexed_by_row(words):
        rows = indices.drop_nulls()
        held = words["_s"].gather(rows.filter((rows >= 0) & (rows < words.height))).unique()
    else:
        held = words.filter(pl.col("_i").is_in(indices.implode()))["_s"].unique()
    return words.filter(pl.col("_s").is_in(held.implode()))


def right_edge(words: pl.DataFrame, heads: pl.Series) -> pl.DataFrame:
    """``_i, _edge``: the last word of each head's phrase: its contiguous dependents to the right.

    The phrase stops at punctuation and at relative or parenthetical clauses (:data:`PHRASE_BREAKS`);
    dependency chains are followed :data:`PHRASE_DEPTH` levels up, in a few vectorised gathers.
    """
    heads = heads.unique()
    if heads.len() == 0:
        return pl.DataFrame(schema={"_i": pl.Int64, "_edge": pl.Int64})
    w = sentences_of(words, heads).select("_i", "_s", "_hi", "deprel").with_row_index("_r")
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


def span_rows(frame: pl.DataFrame, words: pl.DataFrame, category: str, entry: pl.Expr) -> pl.DataFrame:
    """Rule matches (``_first_i``, ``_last_i``) as rows of the span table."""
    place = words.select(pl.col("_i").alias("_first_i"), "doc_id", "sent_id", "_s")
    return (frame.select(pl.col("_first_i").cast(pl.Int64), pl.col("_last_i").cast(pl.Int64), entry.alias("entry"))
            .join(place, on="_first_i")
            .select(pl.col("doc_id").cast(pl.String), "sent_id", "_s", "_first_i", "_last_i",
                    pl.lit(category).alias("category"), "entry"))




def no_spans() -> pl.DataFrame:
    return pl.DataFrame(schema={"doc_id": pl.String, "sent_id": pl.Int32, "_s": pl.UInt32, "_first_i": pl.Int64,
                                "_last_i": pl.Int64, "category": pl.String, "entry": pl.String})


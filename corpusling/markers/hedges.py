"""Hedges, source markers and boosters: lexicon entries matched on the token table.

Categories follow Hyland's hedges and boosters (Hyland 1998, 2005), Prince, Frader &
Bosk's approximators and shields (1982), and French work on evidentiality and
reported information (Dendale & Tasmowski 2001; Charaudeau 1997); see
``corpusling/lexicons/README.md`` for the definitions and the pattern notation.

Matching is a join, not a loop: every word gets its keys (lemma, form, part of
speech, "is a numeral"); every position of every pattern variant gets the keys it
accepts; joining the two and counting, per (variant, start word), the positions
satisfied finds all matches of all entries in one pass. Context conditions
(``@speaker``, ``@viewpoint``) are polars expressions over shifted columns of the
sentence. Overlapping matches keep the longest; ``exclude`` entries (false friends
such as "selon que", "selon une division du travail") win their overlaps and are
then dropped.
"""

from __future__ import annotations

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

#: Lemmas that count as numerals in a [NUM] slot besides UPOS NUM and digits ("près de la moitié").
NUMBER_WORDS: frozenset[str] = frozenset(
    "deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente "
    "quarante cinquante soixante cent mille million milliard moitié tiers quart dizaine douzaine vingtaine "
    "trentaine quarantaine cinquantaine soixantaine centaine millier".split())

#: Words before a vague noun phrase that make it a source ("selon des experts", "pour certains analystes");
#: a verb of saying in an incise before it does too ("», constate un analyste").
SOURCE_PREPOSITIONS: frozenset[str] = frozenset({"selon", "pour", "après"})

#: How far after a vague noun phrase its verb of saying may come ("De nombreux habitants, témoins de la
#: scène, ont déclaré"), and the punctuation that stops the search.
SPEECH_REACH = 8
STOPS: frozenset[str] = frozenset({".", ";", ":", "«", "»", "!", "?", "(", ")"})

#: How far after "pour" the comma of a viewpoint ("Pour le procureur fédéral, …") may come.
VIEWPOINT_REACH = 10

_VERBAL = ["VERB", "AUX", "SCONJ"]

#: Punctuation after which "pour X," can open a clause ("(pour les régions X, Y)" is an enumeration).
CLAUSE_PUNCTUATION: frozenset[str] = frozenset({",", ".", ";", ":", "!", "?", "«", "»", '"', "—", "–", "..."})


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

    Each sentence's words are contiguous and in ``word_id`` order; ``_s`` numbers the sentences.
    The table is sorted (by ``doc_id``, ``sent_id``, ``word_id``) only when it is not already
    in that shape (a parsed corpus is: in document order).
    """
    words = tokens.select(
        "doc_id", "sent_id", "word_id", "start_char", "end_char", "head",
        pl.col("upos").cast(pl.String).fill_null("X"), pl.col("deprel").cast(pl.String).fill_null(""),
        pl.col("lemma").fill_null(pl.col("form")).cast(pl.String).alias("_lemma"),
        pl.col("form").cast(pl.String).alias("_raw"))
    # normalised once per distinct spelling (the vocabulary), not once per word
    vocabulary = pl.concat([words["_lemma"], words["_raw"]]).unique().to_frame("_spelling")
    vocabulary = vocabulary.with_columns(_normal(pl.col("_spelling")).alias("_normal"))
    normal = {"old": vocabulary["_spelling"], "new": vocabulary["_normal"]}
    words = words.with_columns(pl.col("_lemma").replace(**normal), pl.col("_raw").replace(**normal).alias("_form"))
    if not _in_sentence_order(words):
        words = words.sort(pl.col("doc_id").cast(pl.String), "sent_id", "word_id", maintain_order=True)
    words = (words.with_row_index("_i")
             .with_columns(pl.col("_i").cast(pl.Int64), tok.sentence_starts().cum_sum().alias("_s")))
    # the head's lemma: when every sentence numbers its words 1, 2, 3… in its rows (a parsed corpus
    # does), the head of word w is w's row moved by head − word_id; otherwise a join on the head
    first = pl.when(tok.sentence_starts()).then(pl.col("_i")).forward_fill()
    if words.select((pl.col("word_id") - 1 == pl.col("_i") - first).all()).item():
        head_row = pl.when(pl.col("head") > 0).then(pl.col("_i") + pl.col("head") - pl.col("word_id"))
        inside = (head_row >= 0) & (head_row < words.height)
        lemma_at = pl.col("_lemma").gather(head_row.clip(0, max(words.height - 1, 0)))
        same = pl.col("_s").gather(head_row.clip(0, max(words.height - 1, 0))) == pl.col("_s")
        return words.with_columns(pl.when(inside & same).then(lemma_at).alias("_head_lemma"))
    heads = words.select("_s", pl.col("word_id").alias("head"), pl.col("_lemma").alias("_head_lemma"))
    return words.join(heads, on=["_s", "head"], how="left", maintain_order="left")


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
                 | pl.col("_lemma").is_in(list(NUMBER_WORDS)))
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
    after_source = previous_lemma.is_in(list(SOURCE_PREPOSITIONS)) | (
        (previous_lemma == "de") & at("_lemma", -2).is_in(["avis", "œil", "oeil", "dire", "aveu"]))
    speech = list(lists["speech_verb"])
    subject_of_speech = pl.col("deprel").str.starts_with("nsubj") & pl.col("_head_lemma").is_in(speech)
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
    viewpoint = pl.lit(False)
    viewpoint_nouns = list(lists["viewpoint_noun"])
    for k in range(2, VIEWPOINT_REACH + 1):  # comma at word k after "pour", words 1..k-1 in between
        between = range(1, k)
        no_verb = pl.all_horizontal([~at("upos", j).is_in(_VERBAL) & (at("_form", j) != ",") for j in between])
        personal = pl.any_horizontal([at("upos", j).is_in(["PROPN", "PRON", "X"])
                                      | at("_lemma", j).is_in(viewpoint_nouns) for j in between])
        viewpoint = viewpoint | ((at("_form", k) == ",") & no_verb.fill_null(False) & personal.fill_null(False))
    return words.select(
        "_i",
        ((subject_of_speech | before_speech).fill_null(False)).alias("_speaker_noun"),
        ((after_source | inverted_after_speech).fill_null(False)).alias("_after_source"),
        ((pl.col("_lemma") == "pour") & clause_start & viewpoint).fill_null(False).alias("_viewpoint"),
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


def hedges(tokens: pl.DataFrame, documents: pl.DataFrame, lexicon: pl.DataFrame | None = None,
           quotes: pl.DataFrame | None = None) -> pl.DataFrame:
    """Hedges, source markers, unnamed sources and boosters in a parsed corpus.

    One row per occurrence: ``doc_id, sent_id, start_char, end_char, match, category,
    entry, in_quote``. ``match`` is the document text at the offsets (the marker's own
    words: "selon", "près de", "une dizaine", "il semble que"); ``entry`` is the lexicon
    pattern that matched. ``lexicon`` defaults to the bundled one
    (:func:`corpusling.lexicons.load_lexicon`). ``in_quote`` is null unless ``quotes``
    (a quotation table) is given, then whether the match lies inside a direct or mixed
    quotation (:func:`corpusling.markers.voice.add_in_quote`).
    """
    lexicon = load_lexicon() if lexicon is None else lexicon
    if tokens.height == 0 or lexicon.height == 0:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    words = _words(tokens)
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
             .select(pl.col("doc_id").cast(pl.String), "sent_id", "start_char", "end_char", "category", "_entry",
                     pl.col("pattern").alias("entry"))
             .unique(["doc_id", "start_char", "end_char", "_entry"])
             .with_columns((pl.col("end_char") - pl.col("start_char")).alias("_len"),
                           (pl.col("category") == "exclude").alias("_exclude"))
             .with_row_index("_k"))
    kept = _longest(spans).filter(~pl.col("_exclude"))
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

"""Who speaks in a quotation: its kind, its source and its reporting verb, from the context.

Rules over the text around each span and over the token table (joins on offsets and
on ``head``, no loop over words), in the spirit of the rule-based attribution of the
Gender Gap Tracker (Asr et al. 2021) and of its French adaptation, the Radar de Parité:

* **kind** comes from the left context. ``direct`` when the quotation opens a sentence
  (possibly after "Selon X," / "D'après X," / "Pour <Named source>,"), follows a colon,
  or is the object of a reporting verb and starts with a capital ("crier 'Allah'");
  otherwise it is woven into the writer's sentence: ``scare`` when it is short (at most
  :data:`SCARE_MAX_WORDS` words), has no verb and no reporting verb governs it in the
  dependency tree, else ``mixed``.
* **reporting verb**, in this order: an incise right after the closing mark
  (", a déclaré X", "indique le quotidien", "a-t-il précisé"), ", selon X" after it,
  the verb before a colon, "Selon / D'après / Pour X," at the start of the sentence,
  the nearest reporting verb that governs the quotation in the tree (not across a
  coordination, a parataxis, an adverbial or relative clause), and for mixed quotations
  the nearest reporting verb before it in the sentence.
* **source**: the subject (``nsubj``) of that verb as written, with its appositions and
  without its relative or participial clauses ("Gilles-Éric Séralini, professeur à
  l'université de Caen"); the noun a participle or a relative "qui" depends on; the
  subject of the governing verb for an infinitive ("avant de souligner :"); the
  inverted clitic ("a-t-il dit" → "il"); or the noun phrase of "selon X".
"""

from __future__ import annotations

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


def _tokens(tokens: pl.DataFrame, lemmas: list[str], incise_lemmas: list[str]) -> pl.DataFrame:
    """Rows of a :class:`~corpusling.markers.text_index.TextIndex` (with ``_doc`` and ``_row``) reduced to what
    attribution needs: ``doc_id`` is the document number, ``rank`` the row in text order (ranks compare within
    a document), plus reporting-verb flags."""
    cols = {c: (pl.col(c) if c in tokens.columns else pl.lit(None)) for c in _TOKEN_COLUMNS}
    return tokens.select(
        pl.col("_doc").alias("doc_id"), cols["sent_id"].cast(pl.Int64).alias("sent_id"),
        cols["word_id"].cast(pl.Int64).alias("word_id"), cols["head"].cast(pl.Int64).alias("head"),
        cols["deprel"].cast(pl.String).alias("deprel"), cols["upos"].cast(pl.String).alias("upos"),
        cols["lemma"].cast(pl.String).str.to_lowercase().alias("lemma"), cols["form"].cast(pl.String).alias("form"),
        cols["start_char"].cast(pl.Int64).alias("start_char"), cols["end_char"].cast(pl.Int64).alias("end_char"),
        cols["verbform"].cast(pl.String).alias("verbform"), cols["mood"].cast(pl.String).alias("mood"),
        cols["feats"].cast(pl.String).alias("feats"), pl.col("_row").alias("rank"),
    ).with_columns(((pl.col("upos") == "VERB") & pl.col("lemma").is_in(lemmas)).alias("is_rv"),
                   ((pl.col("upos") == "VERB") & pl.col("lemma").is_in(incise_lemmas)).alias("is_rv_incise"))


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


def attribute(spans: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame,
              reporting_verbs: pl.DataFrame | None = None, index: TextIndex | None = None) -> pl.DataFrame:
    """Add ``kind, source, reporting_verb, source_start, source_end, rule`` to quotation spans.

    ``spans`` has ``doc_id, start_char, end_char, level``; ``tokens`` is the token table
    (lemmas, UPOS and, when the model provides them, ``head``/``deprel``); ``documents``
    has ``doc_id`` and ``text``; ``index``: the tokens' :func:`~corpusling.markers.text_index.text_index`,
    when the caller has it already.
    """
    lexicon = load_reporting_verbs() if reporting_verbs is None else reporting_verbs
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
        # "pour X" attributes a point of view only to a named source (a capital after its first word)
        # and never to an infinitive ("Pour avoir participé…, ", "Pour terminer, ")
        pl.when(pl.col("_lead_prep") == "pour")
        .then(pl.when(pl.col("_lead_src").str.contains(r"^\S+\s.*[[:upper:]]|^[[:upper:]]")
                      & ~pl.col("_lead_src").str.contains(_INFINITIVE_START))
              .then(pl.col("_lead_src")))
        .otherwise(pl.col("_lead_src")).alias("_lead_src"),
    ).with_columns(
        pl.when(pl.col("_lead_src").is_null()).then(None).otherwise(pl.col("_lead_src_whole")).alias("_lead_src_whole"),
    ).with_columns(
        (pl.col("_lead_src_whole").is_not_null()).alias("_selon_start"),
    )

    # --- token context ------------------------------------------------------------------------
    # rows of the text index: the tokens from the quotation's start (_first) to its end (_last);
    # from here on doc_id is the document's number and rank a row in text order
    index = text_index(tokens) if index is None else index
    q = locate(index, q).drop("_from", "_to")
    tok = _tokens(_context_rows(index, q), _verb_lemmas(lexicon), _verb_lemmas(lexicon, incise=True))
    q = q.rename({"doc_id": "_doc_name"}).rename({"_doc": "doc_id"})
    key = ["doc_id", "sent_id", "word_id"]
    tok_keyed = tok.select(*key, "rank", "start_char", "end_char", "upos", "lemma", "is_rv", "is_rv_incise", "deprel",
                           "head", "form", "verbform", "mood", "feats")

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
                                "verbform", "mood", "feats"),
                    on=["doc_id", "rank"])
              .join(qlevel, on="_q")
              .filter((pl.col("start_char") >= pl.col("_left_start")) & (pl.col("_depth") == pl.col("_level"))))
    with_aux = (tok.filter(pl.col("deprel").fill_null("").str.contains(r"^(?:aux|cop)"))
                .select("doc_id", "sent_id", pl.col("head").alias("word_id"), pl.lit(True).alias("_has_aux")).unique())
    finite_or_infinitive = (pl.col("upos") == "VERB") & (_clause_form | (
        pl.col("_has_aux").fill_null(False) & ~pl.col("deprel").fill_null("").is_in(["acl", "amod"])))
    colon_verb = (before.join(with_aux, on=key, how="left").filter(finite_or_infinitive)
                  .sort("_q", "is_rv", "rank").group_by("_q").last()
                  .select("_q", pl.col("sent_id").alias("col_sent"), pl.col("word_id").alias("col_word")))
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

    q = (q.join(incise, on="_q", how="left")
         .join(colon_verb, on="_q", how="left").join(near_rv, on="_q", how="left")
         .join(prev_tok, on="_q", how="left").join(governing, on="_q", how="left")
         .with_columns(pl.col("_prev_rv").fill_null(False)))

    # --- kind -----------------------------------------------------------------------------------
    # a quoted adjective modifying a noun («réelle» fraude) keeps its distance even under a reporting verb
    embedded_attributed = pl.col("gov_word").is_not_null() & (pl.col("_head_rel").fill_null("") != "amod")
    q = q.with_columns(
        pl.when(pl.col("_after_colon")).then(pl.lit("colon"))
        .when(pl.col("_sentence_start")).then(pl.lit("sentence"))
        .when(pl.col("_selon_start")).then(pl.lit("selon"))
        .when(pl.col("_prev_rv") & pl.col("_capital")).then(pl.lit("verb_object"))
        .when((pl.col("_n_words") <= SCARE_MAX_WORDS) & ~pl.col("_has_verb") & ~embedded_attributed
              & pl.col("inc_word").is_null() & pl.col("_tail_src").is_null()).then(pl.lit("short"))
        .otherwise(pl.lit("embedded")).alias("_kind_rule"))
    q = q.with_columns(
        pl.when(pl.col("_kind_rule").is_in(["colon", "sentence", "selon", "verb_object"])).then(pl.lit("direct"))
        .when(pl.col("_kind_rule") == "short").then(pl.lit("scare"))
        .otherwise(pl.lit("mixed")).alias("kind"))

    # --- reporting verb (a token) or attributing preposition (text) ---------------------------------
    scare = pl.col("kind") == "scare"
    q = q.with_columns(
        pl.when(scare).then(None)
        .when(pl.col("inc_word").is_not_null()).then(pl.lit("incise"))
        .when(pl.col("_tail_src").is_not_null()).then(pl.lit("selon_after"))
        .when(pl.col("_after_colon") & pl.col("col_word").is_not_null()).then(pl.lit("colon_verb"))
        .when(pl.col("_lead_src").is_not_null()).then(pl.lit("selon_before"))
        .when(pl.col("_prev_rv") & pl.col("near_word").is_not_null()).then(pl.lit("verb_before"))
        .when(embedded_attributed).then(pl.lit("governing_verb"))
        .when((pl.col("kind") == "mixed") & pl.col("near_word").is_not_null()).then(pl.lit("verb_in_sentence"))
        .alias("_src_rule"))
    q = q.with_columns(
        pl.when(pl.col("_src_rule") == "incise").then(pl.struct(s=pl.col("inc_sent"), w=pl.col("inc_word")))
        .when(pl.col("_src_rule") == "colon_verb").then(pl.struct(s=pl.col("col_sent"), w=pl.col("col_word")))
        .when(pl.col("_src_rule").is_in(["verb_before", "verb_in_sentence"]))
        .then(pl.struct(s=pl.col("near_sent"), w=pl.col("near_word")))
        .when(pl.col("_src_rule") == "governing_verb").then(pl.struct(s=pl.col("gov_sent"), w=pl.col("gov_word")))
        .alias("_verb")).unnest("_verb").rename({"s": "_v_sent", "w": "_v_word"})
    verb_info = tok.select("doc_id", pl.col("sent_id").alias("_v_sent"), pl.col("word_id").alias("_v_word"),
                           pl.col("lemma").alias("_v_lemma"), pl.col("is_rv").alias("_v_rv"),
                           pl.col("is_rv_incise").alias("_v_rv_incise"),
                           pl.col("head").alias("_v_head"), pl.col("deprel").alias("_v_rel"),
                           pl.col("end_char").alias("_v_end"))
    q = q.join(verb_info, on=["doc_id", "_v_sent", "_v_word"], how="left")

    # --- source: subject of the verb, the noun a participle / relative depends on, or the governing verb's
    object_clitic = pl.col("form").str.to_lowercase().is_in(["le", "la", "l'", "l’", "les", "se", "s'", "s’", "lui",
                                                              "leur", "y", "en", "-t", "-t-", "t"])
    subj = (tok.filter(pl.col("deprel").str.starts_with("nsubj") & ~object_clitic)
            .select("doc_id", "sent_id", pl.col("head").alias("_gov"), pl.col("word_id").alias("_subj"),
                    pl.col("lemma").alias("_subj_lemma"), pl.col("upos").alias("_subj_upos"))
            .group_by("doc_id", "sent_id", "_gov").first())
    q = (q.join(subj.rename({"sent_id": "_v_sent", "_gov": "_v_word"}), on=["doc_id", "_v_sent", "_v_word"],
                how="left")
         .join(subj.rename({"sent_id": "_v_sent", "_gov": "_v_head", "_subj": "_subj2", "_subj_lemma": "_subj2_lemma",
                            "_subj_upos": "_subj2_upos"}), on=["doc_id", "_v_sent", "_v_head"], how="left"))
    relative_subject = pl.col("_subj_lemma").is_in(["qui", "que", "lequel", "laquelle"])
    q = q.with_columns(
        pl.when(pl.col("_v_word").is_null()).then(None)
        .when(pl.col("_subj").is_not_null() & ~(relative_subject & (pl.col("_v_rel") == "acl:relcl")))
        .then(pl.col("_subj"))
        .when(pl.col("_v_rel").is_in(["acl", "acl:relcl"])).then(pl.col("_v_head"))
        .when(pl.col("_v_rel").is_in(["xcomp", "advcl", "conj", "ccomp", "obl", "advcl:cleft"])
              & pl.col("_subj2").is_not_null())
        .then(pl.col("_subj2"))
        .alias("src_word"))
    heads = q.filter(pl.col("src_word").is_not_null()).select("_q", "doc_id", pl.col("_v_sent").alias("sent_id"),
                                                              "src_word")
    src = _source_spans(heads, tok, ancestors(tok, heads))
    q = q.join(src, on="_q", how="left")
    # an incise without a subject in the tree: the inverted clitic ("a-t-il précisé", "dit-elle"),
    # else the noun phrase after the verb, up to a comma, a stop or a preposition of place or time
    incise_text = pl.col("text").str.slice(pl.col("end_char"), pl.col("_inc_end") + 12 - pl.col("end_char"))
    np_text = pl.col("text").str.slice(pl.col("_v_end"), 200)
    word = r"(?:\p{Lu}\.|[^\s,.;:()!?«»]+)"
    np_pattern = (r"^\s+(?:\p{Ll}+ment\s+)?(?:(?:à|au|aux)\s+(?:l['’]|la\s+|le\s+|les\s+)?\S+\s+)?"
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
        pl.when(pl.col("_clitic").is_not_null())
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
    no_tree_subject = (pl.col("_src_rule").is_in(["incise", "verb_in_sentence", "governing_verb"])
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
        .when(pl.col("_src_rule") == "selon_after")
        .then(pl.col("end_char") + _char_find(pl.col("_right"), pl.col("_tail_src")))
        .otherwise(pl.col("source_start")).alias("source_start"),
    ).with_columns(
        pl.when(pl.col("_src_rule") == "selon_before").then(pl.col("source_start") + lead.str.len_chars())
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

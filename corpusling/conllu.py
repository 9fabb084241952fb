"""CoNLL-U ↔ token table (UD format: https://universaldependencies.org/format.html).

:func:`from_conllu` reads already-annotated text: each word line becomes a row of the
token table, multi-word tokens (``3-4 du``) give ``token_text`` to the words they cover,
``# newdoc id`` starts a document and ``# newpar`` a paragraph. The document text is
rebuilt from the surface tokens: a space after each token unless its MISC says
``SpaceAfter=No``, sentences of a paragraph joined by a space, paragraphs by a blank line,
so that ``text[start_char:end_char] == token_text`` for every word. Lines are read as
polars expressions (no Python loop over words).

:func:`to_conllu` writes a token table back. Columns are written as they are stored
(null → ``_``), so a UD file read and written again keeps its ten columns byte for byte.
FORM carries the document's characters (a typographic apostrophe stays ’ although the parser saw ').
Where ``misc`` is null (a parse), ``SpaceAfter=No`` is derived from the offsets; the
MISC of a multi-word token's range line is always derived that way. Comment lines
(``# sent_id``, ``# text``) are regenerated; empty nodes (``8.1``) are not kept.
"""

from __future__ import annotations

import re
from typing import Literal

import polars as pl

from corpusling import tokens as tok
from corpusling.errors import DocumentError
from corpusling.layout import CLEAN_SURFACE, lay_out
from corpusling.normalise import PARSER_MAP

#: The ten CoNLL-U columns, as token-table columns.
CONLLU_COLUMNS = ["word_id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc"]

_NEWDOC = r"^#\s*newdoc(?:\s|$)"
_NEWDOC_ID = r"^#\s*newdoc\s+id\s*=\s*(.*\S)\s*$"
_NEWPAR = r"^#\s*newpar(?:\s|$)"
_SENT_ID = r"^#\s*sent_id\s*=\s*(.*\S)\s*$"
_WORD_ID = r"^[1-9][0-9]{0,8}$"  # at most 9 digits: a sentence has fewer than a billion words (Int32)
_RANGE_ID = r"^[1-9][0-9]{0,8}-[1-9][0-9]{0,8}$"
_EMPTY_ID = r"^[0-9]{1,9}\.[1-9][0-9]{0,8}$"
_NO_SPACE = r"(?:^|\|)SpaceAfter=No(?:\||$)"


def _fail(source: str, line: int, message: str) -> DocumentError:
    where = f"{source}: " if source else ""
    return DocumentError(f"{where}line {line}: {message}; fix the CoNLL-U file (format: "
                         "https://universaldependencies.org/format.html)")


_TREE_ADVICE = ("fix the HEAD column of the CoNLL-U file (each word's head is the number of another word of "
                "its sentence, 0 for the root, and following heads must lead to the root)")


def _bad_tree(source: str, line: int, problem: str) -> DocumentError:
    where = f"{source}: " if source else ""
    return DocumentError(f"{where}line {line}: {problem}; {_TREE_ADVICE}")


def _first(frame: pl.DataFrame, condition: pl.Expr) -> dict | None:
    rows = frame.filter(condition).head(1)
    return rows.row(0, named=True) if rows.height else None


def _tree_problems(words: pl.DataFrame, sent_ids: pl.DataFrame) -> pl.DataFrame:
    """The first fault of each document's dependency trees: ``_doc``, ``number`` (its line) and ``problem``.

    Checked where HEAD is given (``_`` is no annotation): a HEAD out of the sentence, a word that is its
    own head, a word whose heads never reach the root (a cycle), a sentence without a word of HEAD 0.
    Several roots are accepted (a forest), as most tools write none.
    """
    head = pl.col("head")
    w = words.select("number", "_doc", "_block", "word_id", "form", pl.col("head").alias("_head_text"),
                     pl.when((head == "_") | (head.str.len_chars() > 9)).then(None).otherwise(head)
                     .cast(pl.Int64).alias("_head"))
    if not (w["_head_text"] != "_").any():
        return w.select("_doc", "number", pl.lit(None, pl.String).alias("problem")).clear()
    size = pl.len().over("_block")
    given = pl.col("_head_text") != "_"
    w = w.with_columns(size.alias("_size"),
                       (given & (pl.col("_head").is_null() | (pl.col("_head") > size))).alias("_out"))
    # follow the heads by pointer doubling: after 2^k >= sentence length steps, a word not at 0 is in a cycle
    w = w.with_columns(pl.when(pl.col("_out")).then(None).otherwise(pl.col("_head")).alias("_up"))
    steps = 1
    while steps < max(2, int(w["_size"].max() or 1)):
        w = (w.join(w.select("_block", pl.col("word_id").cast(pl.Int64).alias("_up"), pl.col("_up").alias("_up2")),
                    on=["_block", "_up"], how="left", maintain_order="left")
             .with_columns(pl.when(pl.col("_up") == 0).then(0).otherwise(pl.col("_up2")).alias("_up")).drop("_up2"))
        steps *= 2
    cycle = pl.col("_up").is_not_null() & (pl.col("_up") != 0)  # a missing or bad head ends the walk (null)
    no_root = given.all().over("_block") & ~(pl.col("_head") == 0).any().over("_block")
    w = w.with_columns(cycle.alias("_cycle"), no_root.alias("_no_root"),
                       pl.col("_block").rank("dense").over("_doc").alias("_sentence"))
    w = w.join(sent_ids, on="_block", how="left")
    where = pl.format("sentence {}{}, word {} '{}'", "_sentence",
                      pl.when(pl.col("_sent_id").is_null()).then(pl.lit(""))
                      .otherwise(pl.format(" (# sent_id = {})", "_sent_id")), "word_id", "form")
    problem = (pl.when(pl.col("_out")).then(pl.format("{}: HEAD {} is out of range (the sentence has {} words)",
                                                      where, "_head_text", "_size"))
               .when(pl.col("_head") == pl.col("word_id")).then(pl.format("{} is its own head (HEAD {})", where,
                                                                           "_head_text"))
               .when(pl.col("_cycle") & pl.col("_no_root"))
               .then(pl.format("{}: the sentence has no root (no word with HEAD 0); its heads go round in a cycle",
                               where))
               .when(pl.col("_cycle")).then(pl.format("{}: its heads go round in a cycle and never reach the root",
                                                      where)))
    rank = pl.when(pl.col("_out") | (pl.col("_head") == pl.col("word_id"))).then(0).otherwise(1)
    return (w.with_columns(problem.alias("problem"), rank.alias("_rank")).filter(pl.col("problem").is_not_null())
            .sort("_rank", "number").group_by("_doc", maintain_order=True).first()
            .sort("number").select("_doc", "number", "problem"))


def _document_ids(docs: pl.DataFrame, default: str) -> list[str]:
    """Ids of the documents that have words: ``# newdoc id``, else ``default``, ``default-2``…"""
    ids: list[str] = []
    for n, given in enumerate(docs["_doc_id"].to_list(), start=1):
        doc_id = given or (default if n == 1 else f"{default}-{n}")
        ids.append(f"{doc_id}-{n}" if doc_id in ids else doc_id)
    return ids


def from_conllu(content: str, doc_id: str = "doc", source: str = "",
                bad_trees: Literal["raise", "skip"] = "raise") -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(tokens, documents)`` of CoNLL-U text: the token table and a table ``doc_id, text``.

    Documents are split at ``# newdoc`` (id from ``# newdoc id = …``, else ``doc_id``,
    ``doc_id-2``…). Raises :class:`DocumentError` naming the line of malformed input.
    A dependency tree with a cycle, a self-loop, a head out of range or no root (see
    :func:`_tree_problems`) raises too, or with ``bad_trees="skip"`` gives its document a
    column ``error`` saying why (null for the others) so that a reader can skip it.
    """
    line = pl.col("line")
    lines = (pl.DataFrame({"line": content.split("\n")}, schema={"line": pl.String})
             .with_row_index("number", offset=1).with_columns(line.str.strip_suffix("\r")))
    blank = line.str.strip_chars() == ""
    comment = line.str.starts_with("#")
    lines = lines.with_columns(
        blank.cum_sum().alias("_block"),  # sentences are separated by blank lines
        line.str.contains(_NEWDOC).cum_sum().alias("_doc"),
        line.str.contains(_NEWPAR).cum_sum().alias("_par"),
        pl.when(blank).then(pl.lit("blank")).when(comment).then(pl.lit("comment")).otherwise(pl.lit("word"))
        .alias("kind"))
    lines = lines.with_columns((pl.col("kind") == "word").cum_sum().over("_block").alias("_words_before"))
    if bad := _first(lines, (pl.col("kind") == "comment") & (pl.col("_words_before") > 0)):
        raise _fail(source, bad["number"], "comment line inside a sentence (a blank line must end each sentence)")
    doc_ids = (lines.filter(line.str.contains(_NEWDOC))
               .select("_doc", line.str.extract(_NEWDOC_ID, 1).alias("_doc_id")))
    sent_ids = (lines.filter(line.str.contains(_SENT_ID)).select("_block", line.str.extract(_SENT_ID, 1)
                                                                 .alias("_sent_id"))
                .unique("_block", keep="first"))

    rows = lines.filter(pl.col("kind") == "word").drop("kind", "_words_before")
    if rows.is_empty():
        raise DocumentError(f"{source + ': ' if source else ''}no token lines: this is not a CoNLL-U file, "
                            "or it is empty")
    rows = rows.with_columns(line.str.split("\t").alias("_fields"))  # split once, then take the columns
    fields = pl.col("_fields")
    rows = rows.with_columns(fields.list.len().alias("_n"))
    if bad := _first(rows, pl.col("_n") != 10):
        raise _fail(source, bad["number"], f"expected 10 tab-separated columns, found {bad['_n']}")
    rows = rows.with_columns(fields.list.get(i).alias(c) for i, c in enumerate(["_id", *CONLLU_COLUMNS[1:]]))
    rows = rows.drop("_fields", "line")
    ident = pl.col("_id")
    rows = rows.with_columns(pl.when(ident.str.contains(_WORD_ID)).then(pl.lit("word"))
                             .when(ident.str.contains(_RANGE_ID)).then(pl.lit("range"))
                             .when(ident.str.contains(_EMPTY_ID)).then(pl.lit("empty")).alias("_type"))
    if bad := _first(rows, pl.col("_type").is_null()):
        raise _fail(source, bad["number"], f"bad ID {bad['_id']!r} (expected 1, 2, … or a range such as 3-4)")
    empty_docs = set(rows.filter(pl.col("_type") == "empty")["_doc"].to_list())
    rows = rows.filter(pl.col("_type") != "empty")

    # words: ids run 1, 2, … in each sentence
    is_word = pl.col("_type") == "word"
    rows = rows.with_columns(is_word.cast(pl.Int32).cum_sum().over("_block").alias("_position"))
    words = rows.filter(is_word).with_columns(pl.col("_id").cast(pl.Int32).alias("word_id"))
    if bad := _first(words, pl.col("word_id") != pl.col("_position")):
        raise _fail(source, bad["number"], f"word id {bad['word_id']} out of order (expected {bad['_position']})")
    if bad := _first(words, (pl.col("head") != "_") & ~pl.col("head").str.contains(r"^[0-9]+$")):
        raise _fail(source, bad["number"], f"HEAD {bad['head']!r} is not a number")
    trees = _tree_problems(words, sent_ids)
    if bad_trees == "raise" and trees.height:
        raise _bad_tree(source, trees["number"][0], trees["problem"][0])
    sizes = words.group_by("_block").agg(pl.len().alias("_size"))

    # multi-word tokens: a range line covers the next words of its sentence
    ranges = (rows.filter(pl.col("_type") == "range")
              .with_columns(pl.col("_id").str.split("-").list.get(0).cast(pl.Int32).alias("_first"),
                            pl.col("_id").str.split("-").list.get(1).cast(pl.Int32).alias("_last"))
              .join(sizes, on="_block", how="left"))
    if bad := _first(ranges, (pl.col("_first") != pl.col("_position") + 1) | (pl.col("_last") <= pl.col("_first"))):
        raise _fail(source, bad["number"], f"multi-word token range {bad['_id']} does not cover the next words")
    if bad := _first(ranges, pl.col("_last") > pl.col("_size").fill_null(0)):
        raise _fail(source, bad["number"], f"multi-word token {bad['_id']} runs past the sentence")
    covering = (ranges.select("_block", pl.col("_first").alias("word_id"), "_first", "_last",
                              pl.col("form").alias("_range_form"), pl.col("misc").alias("_range_misc"))
                .sort("_block", "word_id"))
    words = (words.sort("_block", "word_id")
             .join_asof(covering, on="word_id", by="_block", strategy="backward", check_sortedness=False)
             .with_columns((pl.col("_last").is_not_null() & (pl.col("word_id") <= pl.col("_last"))).alias("_in_mwt"))
             .sort("number"))
    words = words.with_columns(
        pl.when(pl.col("_in_mwt")).then(pl.col("_first")).otherwise(pl.col("word_id")).alias("_token_start"),
        pl.when(pl.col("_in_mwt")).then(pl.col("_range_form")).otherwise(pl.col("form")).alias("token_text"),
        pl.when(pl.col("_in_mwt")).then(pl.col("_range_misc")).otherwise(pl.col("misc")).alias("_token_misc"))
    words = words.with_columns(pl.col("_token_start").rank("dense").over("_block").cast(pl.Int32).alias("token_id"),
                               pl.col("_par").rank("dense").over("_doc").cast(pl.Int32).alias("par_id"),
                               pl.col("_block").rank("dense").over("_doc").cast(pl.Int32).alias("sent_id"))

    # the text: tokens joined with the spacing of SpaceAfter, sentences by a space, paragraphs by a blank line
    token_rows = (words.group_by("_doc", "sent_id", "token_id", maintain_order=True)
                  .agg(pl.col("par_id").first(), pl.col("token_text").first(), pl.col("_token_misc").first())
                  .with_columns(CLEAN_SURFACE.alias("_surface")))
    first = pl.int_range(pl.len()).over("_doc") == 0
    previous_space = ~pl.col("_token_misc").shift(1).over("_doc").fill_null("").str.contains(_NO_SPACE)
    separator = (pl.when(first).then(pl.lit(""))
                 .when(pl.col("par_id") != pl.col("par_id").shift(1).over("_doc")).then(pl.lit("\n\n"))
                 .when(pl.col("sent_id") != pl.col("sent_id").shift(1).over("_doc")).then(pl.lit(" "))
                 .when(previous_space).then(pl.lit(" ")).otherwise(pl.lit("")))
    token_rows, texts = lay_out(token_rows, separator)
    changed = token_rows.filter(pl.col("_surface") != pl.col("token_text"))["_doc"].unique().to_list()
    words = (words.drop("token_text")
             .join(token_rows.select("_doc", "sent_id", "token_id", pl.col("_surface").alias("token_text"),
                                     "start_char", "end_char"),
                   on=["_doc", "sent_id", "token_id"], how="left", maintain_order="left"))

    docs = texts.join(doc_ids, on="_doc", how="left", maintain_order="left")
    docs = docs.with_columns(pl.Series("doc_id", _document_ids(docs, doc_id), dtype=pl.String))
    notes = {d: "; ".join(n for n, present in [("empty nodes (enhanced dependencies) not kept", d in empty_docs),
                                                ("token texts normalised to NFC, soft hyphens removed", d in changed)]
                          if present) or None for d in docs["_doc"].to_list()}
    docs = docs.with_columns(pl.col("_doc").replace_strict(notes, default=None, return_dtype=pl.String)
                             .alias("notes"))
    words = words.join(docs.select("_doc", "doc_id"), on="_doc", how="left", maintain_order="left")
    nulls = [pl.when(pl.col(c) == "_").then(None).otherwise(pl.col(c)).alias(c)
             for c in ("lemma", "upos", "xpos", "feats", "deprel", "deps", "misc", "head")]
    words = words.with_columns(nulls).with_columns(pl.col("head").cast(pl.Int32, strict=False))  # bad: skipped
    tokens = tok.from_rows(words.select([c for c in tok.COLUMNS if c in words.columns]))
    documents = docs.select("doc_id", "text", *(["notes"] if any(notes.values()) else []))
    if trees.height:
        where = pl.lit(f"{source}: " if source else "")
        errors = (trees.join(docs.select("_doc", "doc_id"), on="_doc")
                  .select("doc_id", pl.format("{}document '{}', line {}: {}; {}", where, "doc_id", "number", "problem",
                                              pl.lit(_TREE_ADVICE)).alias("error")))
        documents = documents.join(errors, on="doc_id", how="left", maintain_order="left")
    return tokens, documents


def _as_text(column: str) -> pl.Expr:
    """A column as CoNLL-U field text: null → ``_``; tabs and line breaks (never allowed) → spaces."""
    return pl.col(column).cast(pl.String).fill_null("_").str.replace_all(r"[\t\r\n]", " ")


def document_form() -> pl.Expr:
    """FORM as the document writes it: the parser saw typographic apostrophes and special spaces as plain ones
    (:func:`corpusling.normalise.for_parser`), so a one-word token whose form is its text seen that way is
    written with the text's own characters ("l’", not "l'"); syntactic words of a contraction keep their form.
    Needs ``_n_words``, the number of words of the row's token."""
    seen = pl.col("token_text").cast(pl.String)
    for code, plain in PARSER_MAP.items():
        seen = seen.str.replace_all(chr(code), plain, literal=True)
    same = (pl.col("_n_words") == 1) & (seen == pl.col("form").cast(pl.String))
    return pl.when(same.fill_null(False)).then(pl.col("token_text")).otherwise(pl.col("form"))


def to_conllu(tokens: pl.DataFrame, documents: pl.DataFrame | None = None) -> str:
    """CoNLL-U text of a token table, with ``# newdoc id``, ``# newpar``, ``# sent_id``, ``# text``.

    ``documents`` (``doc_id``, ``text``) gives each sentence's ``# text``; without it the
    sentence text is rebuilt from the tokens. Rows are written in table order.
    """
    if tokens.is_empty():
        return ""
    sentence_keys = ["doc_id", "sent_id"]
    frame = tokens.with_columns(pl.col("doc_id").cast(pl.String), pl.int_range(pl.len()).alias("_row"))
    token_level = (frame.group_by([*sentence_keys, "token_id"], maintain_order=True)
                   .agg(pl.col("word_id").min().alias("_first"), pl.col("word_id").max().alias("_last"),
                        pl.len().alias("_n_words"), pl.col("start_char").first(), pl.col("end_char").first(),
                        pl.col("token_text").first())
                   .with_columns(pl.col("start_char").shift(-1).over(sentence_keys).alias("_next_start")))
    token_level = token_level.with_columns(
        pl.when(pl.col("_next_start") == pl.col("end_char")).then(pl.lit("SpaceAfter=No"))
        .otherwise(pl.lit("_")).alias("_derived"))
    frame = frame.join(token_level.select([*sentence_keys, "token_id", "_first", "_last", "_n_words", "_derived"]),
                       on=[*sentence_keys, "token_id"], how="left").sort("_row")
    misc = (pl.when(pl.col("misc").is_not_null()).then(pl.col("misc").cast(pl.String))
            .when(pl.col("_n_words") == 1).then(pl.col("_derived")).otherwise(pl.lit("_")))
    frame = frame.with_columns(document_form().alias("_form"))
    word_line = pl.concat_str([_as_text("word_id"), _as_text("_form"), _as_text("lemma"), _as_text("upos"),
                               _as_text("xpos"), _as_text("feats"), _as_text("head"), _as_text("deprel"),
                               _as_text("deps"), misc], separator="\t")
    range_line = pl.concat_str([pl.col("_first").cast(pl.String), pl.lit("-"), pl.col("_last").cast(pl.String),
                                pl.lit("\t"), _as_text("token_text"),
                                pl.lit("\t_" * 7 + "\t"), pl.col("_derived"), pl.lit("\n")])
    line = (pl.when((pl.col("_n_words") > 1) & (pl.col("word_id") == pl.col("_first")))
            .then(pl.concat_str([range_line, word_line])).otherwise(word_line))
    first_word = pl.col("word_id") == pl.col("_first")
    sentences = (frame.with_columns(line.alias("_line"))
                 .group_by(sentence_keys, maintain_order=True)
                 .agg(pl.col("par_id").first(), pl.col("start_char").min(), pl.col("end_char").max(),
                      pl.col("_line").str.join("\n"), pl.col("token_text").filter(first_word),
                      pl.col("_derived").filter(first_word)))
    texts: dict[str, str] = {}
    if documents is not None and "text" in documents.columns:
        texts = dict(zip(documents["doc_id"].cast(pl.String).to_list(), documents["text"].to_list(), strict=True))
    out: list[str] = []
    previous_doc, previous_par = None, None
    for doc_id, sent_id, par_id, start, end, lines, surfaces, spacing in sentences.iter_rows():
        if doc_id != previous_doc:
            out.append(f"# newdoc id = {doc_id}")
            previous_par = None
        if par_id != previous_par or par_id is None:
            out.append("# newpar")
        previous_doc, previous_par = doc_id, par_id
        if doc_id in texts and start is not None and end is not None:
            sentence = texts[doc_id][start:end]
        else:
            sentence = "".join(s + ("" if d == "SpaceAfter=No" else " ") for s, d in zip(surfaces, spacing,
                                                                                          strict=True)).rstrip()
        out.append(f"# sent_id = {doc_id}-{sent_id}")
        out.append("# text = " + re.sub(r"\s+", " ", sentence).strip())
        out.append(lines)
        out.append("")
    return "\n".join(out) + "\n"

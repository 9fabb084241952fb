"""CoNLL-U ↔ token table (UD format: https://universaldependencies.org/format.html).

:func:`from_conllu` reads already-annotated text: each word line becomes a row of the
token table, multi-word tokens (``3-4 du``) give ``token_text`` to the words they cover,
``# newdoc id`` starts a document and ``# newpar`` a paragraph. The document text is
rebuilt from the surface tokens: a space after each token unless its MISC says
``SpaceAfter=No``, sentences of a paragraph joined by a space, paragraphs by a blank line,
so that ``text[start_char:end_char] == token_text`` for every word.

:func:`to_conllu` writes a token table back. Columns are written as they are stored
(null → ``_``), so a UD file read and written again keeps its ten columns byte for byte.
Where ``misc`` is null (a parse), ``SpaceAfter=No`` is derived from the offsets; the
MISC of a multi-word token's range line is always derived that way. Comment lines
(``# sent_id``, ``# text``) are regenerated; empty nodes (``8.1``) are not kept.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from corpusling import tokens as tok
from corpusling.errors import DocumentError
from corpusling.normalise import clean_text

#: The ten CoNLL-U columns, as token-table columns.
CONLLU_COLUMNS = ["word_id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc"]

_NEWDOC = re.compile(r"^#\s*newdoc(?:\s+id\s*=\s*(.*\S))?\s*$")
_NEWPAR = re.compile(r"^#\s*newpar\b")
_WORD_ID = re.compile(r"^[1-9][0-9]*$")
_RANGE_ID = re.compile(r"^([1-9][0-9]*)-([1-9][0-9]*)$")
_EMPTY_ID = re.compile(r"^[0-9]+\.[1-9][0-9]*$")


def _value(field: str) -> str | None:
    return None if field == "_" else field


def _space_after(misc: str | None) -> bool:
    return not (misc and "SpaceAfter=No" in misc.split("|"))


class _Builder:
    """Accumulates the rows and texts of the documents of one CoNLL-U file."""

    COLUMNS = ["doc_id", "par_id", "sent_id", "word_id", "token_id", "token_text", "form", "lemma", "upos",
               "xpos", "feats", "head", "deprel", "deps", "misc", "start_char", "end_char"]

    def __init__(self, default_id: str, source: str) -> None:
        self.default_id = default_id
        self.source = source
        self.cols: dict[str, list[Any]] = {c: [] for c in self.COLUMNS}
        self.documents: list[dict[str, Any]] = []
        self.notes: dict[str, list[str]] = {}
        self.doc_id: str | None = None
        self.pieces: list[str] = []
        self.offset = 0
        self.par = 0
        self.sent = 0
        self.new_par = False
        self.sentence: list[tuple[int, list[str]]] = []

    def fail(self, line: int, message: str) -> DocumentError:
        where = f"{self.source}: " if self.source else ""
        return DocumentError(f"{where}line {line}: {message}; fix the CoNLL-U file (format: "
                             "https://universaldependencies.org/format.html)")

    def start_document(self, doc_id: str | None) -> None:
        self.finish_document()
        n = len(self.documents) + 1
        self.doc_id = doc_id or (self.default_id if n == 1 else f"{self.default_id}-{n}")
        if any(d["doc_id"] == self.doc_id for d in self.documents):
            self.doc_id = f"{self.doc_id}-{n}"
        self.pieces, self.offset, self.par, self.sent, self.new_par = [], 0, 0, 0, False

    def finish_document(self) -> None:
        if self.doc_id is not None and self.sent:
            self.documents.append({"doc_id": self.doc_id, "text": "".join(self.pieces)})
        self.doc_id = None

    def _append(self, piece: str) -> None:
        self.pieces.append(piece)
        self.offset += len(piece)

    def finish_sentence(self) -> None:
        """Turn the buffered lines of a sentence into rows and text."""
        if not self.sentence:
            return
        if self.doc_id is None:
            self.start_document(None)
        if self.par == 0 or self.new_par:
            if self.sent:
                self._append("\n\n")
            self.par += 1
        elif self.sent:
            self._append(" ")
        self.sent += 1
        self.new_par = False
        words: list[tuple[int, list[str]]] = []
        ranges: dict[int, tuple[int, int, list[str]]] = {}
        for number, fields in self.sentence:
            ident = fields[0]
            if _WORD_ID.match(ident):
                if int(ident) != len(words) + 1:
                    raise self.fail(number, f"word id {ident} out of order (expected {len(words) + 1})")
                words.append((number, fields))
            elif match := _RANGE_ID.match(ident):
                first, last = int(match[1]), int(match[2])
                if first != len(words) + 1 or last <= first:
                    raise self.fail(number, f"multi-word token range {ident} does not cover the next words")
                ranges[first] = (first, last, fields)
            elif _EMPTY_ID.match(ident):
                self.notes.setdefault(self.doc_id, ["empty nodes (enhanced dependencies) not kept"])
            else:
                raise self.fail(number, f"bad ID {ident!r} (expected 1, 2, … or a range such as 3-4)")
        for first, (_, last, _) in ranges.items():
            if last > len(words):
                raise self.fail(self.sentence[0][0], f"multi-word token {first}-{last} runs past the sentence")
        n_words = len(words)
        token_id = 0
        index = 0
        while index < n_words:
            word_id = index + 1
            if word_id in ranges:
                first, last, fields = ranges[word_id]
                covered = list(range(first, last + 1))
                surface, misc = fields[1], _value(fields[9])
            else:
                covered = [word_id]
                surface, misc = words[index][1][1], _value(words[index][1][9])
            token_id += 1
            surface, changed = clean_text(surface)
            if changed:
                self.notes.setdefault(self.doc_id, []).extend(n for n in changed if n not in
                                                               self.notes.get(self.doc_id, []))
            start = self.offset
            self._append(surface)
            end = self.offset
            for w in covered:
                number, fields = words[w - 1]
                head = fields[6]
                if head != "_" and not head.isdigit():
                    raise self.fail(number, f"HEAD {head!r} is not a number")
                self.cols["doc_id"].append(self.doc_id)
                self.cols["par_id"].append(self.par)
                self.cols["sent_id"].append(self.sent)
                self.cols["word_id"].append(w)
                self.cols["token_id"].append(token_id)
                self.cols["token_text"].append(surface)
                self.cols["form"].append(fields[1])
                for name, value in zip(("lemma", "upos", "xpos", "feats"), fields[2:6], strict=True):
                    self.cols[name].append(_value(value))
                self.cols["head"].append(None if head == "_" else int(head))
                self.cols["deprel"].append(_value(fields[7]))
                self.cols["deps"].append(_value(fields[8]))
                self.cols["misc"].append(_value(fields[9]))
                self.cols["start_char"].append(start)
                self.cols["end_char"].append(end)
            index = covered[-1]
            if index < n_words and _space_after(misc):
                self._append(" ")
        self.sentence = []


def from_conllu(content: str, doc_id: str = "doc", source: str = "") -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(tokens, documents)`` of CoNLL-U text: the token table and a table ``doc_id, text``.

    Documents are split at ``# newdoc`` (id from ``# newdoc id = …``, else ``doc_id``,
    ``doc_id-2``…). Raises :class:`DocumentError` naming the line of malformed input.
    """
    builder = _Builder(doc_id, source)
    for number, line in enumerate(content.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            builder.finish_sentence()
        elif line.startswith("#"):
            if builder.sentence:  # comments belong before the words of a sentence
                raise builder.fail(number, "comment line inside a sentence (a blank line must end each sentence)")
            if match := _NEWDOC.match(line):
                builder.start_document(match[1])
            elif _NEWPAR.match(line):
                builder.new_par = True
        else:
            fields = line.split("\t")
            if len(fields) != 10:
                raise builder.fail(number, f"expected 10 tab-separated columns, found {len(fields)}")
            builder.sentence.append((number, fields))
    builder.finish_sentence()
    builder.finish_document()
    if not builder.cols["doc_id"]:
        raise DocumentError(f"{source + ': ' if source else ''}no token lines: this is not a CoNLL-U file, or it "
                            "is empty")
    frame = pl.DataFrame(builder.cols, schema={
        "doc_id": pl.String, "par_id": pl.Int32, "sent_id": pl.Int32, "word_id": pl.Int32, "token_id": pl.Int32,
        "token_text": pl.String, "form": pl.String, "lemma": pl.String, "upos": pl.String, "xpos": pl.String,
        "feats": pl.String, "head": pl.Int32, "deprel": pl.String, "deps": pl.String, "misc": pl.String,
        "start_char": pl.Int64, "end_char": pl.Int64})
    documents = pl.DataFrame(builder.documents, schema={"doc_id": pl.String, "text": pl.String})
    if builder.notes:
        documents = documents.with_columns(
            pl.col("doc_id").replace_strict({k: "; ".join(v) for k, v in builder.notes.items()}, default=None,
                                            return_dtype=pl.String).alias("notes"))
    return tok.from_rows(frame), documents


def _as_text(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.String).fill_null("_")


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
    word_line = pl.concat_str([_as_text("word_id"), _as_text("form"), _as_text("lemma"), _as_text("upos"),
                               _as_text("xpos"), _as_text("feats"), _as_text("head"), _as_text("deprel"),
                               _as_text("deps"), misc], separator="\t")
    range_line = pl.concat_str([pl.col("_first").cast(pl.String), pl.lit("-"), pl.col("_last").cast(pl.String),
                                pl.lit("\t"), pl.col("token_text").fill_null("_"),
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

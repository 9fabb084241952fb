"""Corpus Workbench vertical files (VRT) ↔ token table.

A VRT file has one word a line, its positional attributes separated by tabs, and XML
tags on lines of their own for the structures (CWB Encoding Tutorial, Evert & Hardie
2011, https://cwb.sourceforge.io/documentation.php). corpusling writes

* positional attributes ``word lemma pos feats`` (``pos`` is the UPOS), then
  ``deprel head`` when the table is parsed for dependencies, then ``token_id
  token_text start_char end_char``, which tie the syntactic words to the surface tokens
  and to the document text (so a corpus read back has the same offsets);
* structural attributes ``<text id=… + every metadata column>``, ``<p>``, ``<s id=…>``
  (``id`` is the sentence number in the document);
* a comment header with the attribute names and the ``cwb-encode`` command that loads
  the file (``-x`` makes cwb-encode skip comments and decode XML entities).

Reading accepts VRT from elsewhere (CQPweb, TXM exports) with any number of positional
attributes (the word alone is enough): the columns are named by a corpusling header, else
taken as ``word lemma pos feats deprel head`` in that order, further columns kept as
``attr_7``, ``attr_8``… (a header name that would clash with a token-table column is kept
as ``attr_N`` too); attributes a file lacks are null. Without offsets the text is rebuilt
with French spacing (no space before ``, . ) ]``, none after ``( [`` or an elided
``l'``). Bad input — unbalanced tags, a wrong number of columns, a bad XML escape — raises
:class:`DocumentError` with the line number.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from corpusling import tokens as tok
from corpusling.errors import DocumentError
from corpusling.layout import CLEAN_SURFACE, lay_out
from corpusling.normalise import clean_text

#: Positional attributes: the core ones, the dependency ones, and the alignment ones.
CORE = ["word", "lemma", "pos", "feats"]
DEPENDENCY = ["deprel", "head"]
ALIGNMENT = ["token_id", "token_text", "start_char", "end_char"]
#: VRT attribute → token-table column.
COLUMN_OF = {"word": "form", "lemma": "lemma", "pos": "upos", "feats": "feats", "deprel": "deprel", "head": "head",
             "token_id": "token_id", "token_text": "token_text", "start_char": "start_char", "end_char": "end_char"}

_HEADER = re.compile(r"positional attributes:\s*([\w\s]+?)\s*-->")
_TAG = re.compile(r"^<(/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>$")
_ATTRIBUTE = re.compile(r"([A-Za-z_][\w.:-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_NO_SPACE_BEFORE = re.compile(r"^[,.)\]…]|^\.\.\.$")
_NO_SPACE_AFTER = re.compile(r"(?:['’(\[]|^-)$")


def escape(value: str) -> str:
    """XML-escape a value for a VRT line or attribute (each tab or line break becomes a space)."""
    value = re.sub(r"[\t\r\n]", " ", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def unescape(value: str, line: int, fail: Any) -> str:
    """Undo XML escapes; a ``&`` that starts no valid entity is an error at ``line``."""
    if "&" not in value:
        return value
    out, position = [], 0
    for match in _ENTITY.finditer(value):
        chunk = value[position:match.start()]
        if "&" in chunk:
            break
        out.append(chunk)
        named, decimal, hexadecimal = match.groups()
        out.append(_NAMED[named] if named else chr(int(decimal) if decimal else int(hexadecimal, 16)))
        position = match.end()
    rest = value[position:]
    if "&" in rest:
        bad = rest[rest.index("&"):][:12]
        raise fail(line, f"bad XML escape {bad!r} (write & as &amp;, < as &lt;, > as &gt;)")
    out.append(rest)
    return "".join(out)


def _attribute_name(name: str) -> str:
    """A CWB attribute name: lower case letters, digits and underscores, starting with a letter."""
    cleaned = re.sub(r"[^a-z0-9_]", "_", name.lower())
    return cleaned if re.match(r"^[a-z]", cleaned) else f"a_{cleaned}"


def cwb_encode_command(path: str, attributes: list[str], text_attributes: list[str], name: str = "corpus") -> str:
    """The ``cwb-encode`` and ``cwb-makeall`` command lines that load a VRT file written by :func:`to_vrt`."""
    corpus = _attribute_name(name)
    p_attributes = " ".join(f"-P {a}" for a in attributes[1:])
    text = "+".join(["text:0", *text_attributes])
    return (f"mkdir -p {corpus}-data registry && cwb-encode -x -c utf8 -d {corpus}-data -f {path} "
            f"-R registry/{corpus} {p_attributes} -S {text} -S p:0 -S s:0+id && "
            f"cwb-makeall -r registry -V {corpus.upper()}")


def to_vrt(tokens: pl.DataFrame, documents: pl.DataFrame | None = None, path: str = "corpus.vrt",
           name: str = "corpus") -> str:
    """VRT text of a token table; ``documents`` (``doc_id`` + metadata) gives the ``<text>`` attributes.

    Rows are written in table order. ``path`` and ``name`` only fill the ``cwb-encode``
    command printed in the header.
    """
    parsed = "deprel" in tokens.columns and tokens["deprel"].null_count() < tokens.height
    attributes = CORE + (DEPENDENCY if parsed else []) + ALIGNMENT
    meta_columns = [c for c in (documents.columns if documents is not None else [])
                    if c not in {"doc_id", "text"}]
    names = {c: _attribute_name(c) for c in meta_columns}
    names = {c: n for c, n in names.items() if n != "id"}
    header = [
        f"<!-- corpusling VRT: positional attributes: {' '.join(attributes)} -->",
        f"<!-- load into CWB: {cwb_encode_command(path, attributes, ['id', *names.values()], name)} -->",
    ]
    if tokens.is_empty():
        return "\n".join(header) + "\n"

    def field(column: str) -> pl.Expr:
        value = pl.col(COLUMN_OF[column]).cast(pl.String).fill_null("_").str.replace_all(r"[\t\r\n]", " ")
        return (value.str.replace_all("&", "&amp;", literal=True).str.replace_all("<", "&lt;", literal=True)
                .str.replace_all(">", "&gt;", literal=True).str.replace_all('"', "&quot;", literal=True))

    if "token_text" in tokens.columns and "token_id" in tokens.columns:  # the document's ’, not the parser's '
        from corpusling.conllu import document_form

        tokens = (tokens.with_columns(pl.len().over("doc_id", "sent_id", "token_id").alias("_n_words"))
                  .with_columns(document_form().alias("form")).drop("_n_words"))
    lines = (tokens.with_columns(pl.col("doc_id").cast(pl.String))
             .select("doc_id", "par_id", "sent_id",
                     pl.concat_str([field(a) for a in attributes], separator="\t").alias("_line"))
             .group_by("doc_id", "par_id", "sent_id", maintain_order=True)
             .agg(pl.col("_line").str.join("\n")))
    metadata: dict[str, dict[str, Any]] = {}
    if documents is not None:
        for row in documents.with_columns(pl.col("doc_id").cast(pl.String)).iter_rows(named=True):
            metadata[row["doc_id"]] = {names[c]: row[c] for c in names}
    out = header
    previous_doc: str | None = None
    previous_par: Any = object()
    for doc_id, par_id, sent_id, words in lines.iter_rows():
        if doc_id != previous_doc:
            if previous_doc is not None:
                out += ["</p>", "</text>"]
            values = metadata.get(doc_id, {})
            attrs = "".join(f' {k}="{escape("" if v is None else str(v))}"' for k, v in values.items())
            out.append(f'<text id="{escape(doc_id)}"{attrs}>')
            out.append("<p>")
        elif par_id != previous_par:
            out += ["</p>", "<p>"]
        previous_doc, previous_par = doc_id, par_id
        out.append(f'<s id="{sent_id}">')
        out.append(words)
        out.append("</s>")
    out += ["</p>", "</text>"]
    return "\n".join(out) + "\n"


class _Structure:
    """The structural tags of a VRT file, read in order: documents, paragraphs, sentences.

    Only tag lines go through Python; each yields the state that the word lines after it
    take (document, paragraph count, sentence key).
    """

    def __init__(self, default_id: str, source: str) -> None:
        self.default_id, self.source = default_id, source
        self.documents: list[dict[str, Any]] = []
        self.stack: list[tuple[str, int]] = []
        self.doc = -1
        self.par = 0
        self.in_sentence = False
        self.sentence_key = 0
        self.loose_key = 0

    def fail(self, line: int, message: str) -> DocumentError:
        where = f"{self.source}: " if self.source else ""
        return DocumentError(f"{where}line {line}: {message}; fix the VRT file")

    def open_document(self, attrs: dict[str, str], line: int) -> None:
        n = len(self.documents) + 1
        doc_id = attrs.pop("id", None) or (self.default_id if n == 1 else f"{self.default_id}-{n}")
        if any(d["doc_id"] == doc_id for d in self.documents):
            doc_id = f"{doc_id}-{n}"
        self.documents.append({"doc_id": doc_id, "meta": attrs})
        self.doc = len(self.documents) - 1
        self.par = 0
        self.loose_key = line

    def tag(self, line: int, text: str, words_follow: bool) -> tuple[int, int, int]:
        """Apply one tag line; the state ``(document, paragraph count, sentence key)`` of the words after it."""
        if text:
            match = _TAG.match(text.strip())
            if match is None:
                raise self.fail(line, f"malformed tag {text.strip()[:40]!r} (a word '<' must be written &lt;)")
            closing, name, raw_attrs, empty = match.groups()
            if not empty:
                attrs = {m[1]: unescape(m[2] if m[2] is not None else m[3], line, self.fail)
                         for m in _ATTRIBUTE.finditer(raw_attrs)}
                self._apply(line, bool(closing), name, attrs)
        if self.doc < 0 and words_follow:
            self.open_document({}, line)
        return self.doc, self.par, self.sentence_key if self.in_sentence else self.loose_key

    def _apply(self, line: int, closing: bool, name: str, attrs: dict[str, str]) -> None:
        if not closing:
            if name == "text":
                if any(t == "text" for t, _ in self.stack):
                    raise self.fail(line, "<text> inside another <text> (close it first with </text>)")
                self.open_document(attrs, line)
            elif name in {"p", "s"} and self.doc < 0:
                self.open_document({}, line)
            if name == "p":
                self.par += 1
            elif name == "s":
                if self.in_sentence:
                    raise self.fail(line, "<s> inside another <s> (close it first with </s>)")
                self.in_sentence = True
                self.sentence_key = self.loose_key = line
            self.stack.append((name, line))
            return
        if not self.stack:
            raise self.fail(line, f"</{name}> closes nothing (no <{name}> is open)")
        opened, opened_line = self.stack.pop()
        if opened != name:
            raise self.fail(line, f"</{name}> closes <{opened}> opened at line {opened_line} (unbalanced tags)")
        if name == "s":
            self.in_sentence = False
            self.loose_key = line
        elif name == "p":
            self.loose_key = line
        elif name == "text":
            self.doc = -1
            self.loose_key = line


def _column_names(attributes: list[str], fail: Any, line: int) -> list[str]:
    """Column names of the positional attributes: a name that is not a VRT attribute corpusling knows but
    would clash with a token-table or internal column, or comes twice, becomes ``attr_N`` (its position)."""
    names: list[str] = []
    for position, attribute in enumerate(attributes, start=1):
        known = attribute in COLUMN_OF or not (attribute.startswith("_") or attribute in tok.SCHEMA)
        name = attribute if known and attribute not in names else f"attr_{position}"
        if name in names:
            raise fail(line, f"the header names the positional attribute {name!r} twice")
        names.append(name)
    if "word" not in names:
        raise fail(line, f"the header names no 'word' attribute ({' '.join(attributes)}); "
                         "the word must be one of the positional attributes")
    return names


def _null(name: str) -> pl.Expr:
    return pl.when(pl.col(name) == "_").then(None).otherwise(pl.col(name)).alias(name)


def _unescaped(name: str) -> pl.Expr:
    """Undo the XML escapes of a column (numeric references are rare: decoded in Python)."""
    value = pl.col(name)
    named = (value.str.replace_all("&lt;", "<", literal=True).str.replace_all("&gt;", ">", literal=True)
             .str.replace_all("&quot;", '"', literal=True).str.replace_all("&apos;", "'", literal=True)
             .str.replace_all("&amp;", "&", literal=True))
    numeric = value.map_elements(lambda v: unescape(v, 0, None), return_dtype=pl.String)
    return (pl.when(value.str.contains("&#", literal=True)).then(numeric)
            .when(value.str.contains("&", literal=True)).then(named).otherwise(value).alias(name))


def _rebuild_text(words: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Offsets of the words and the text of each document, rebuilt from the surface tokens.

    Where every token of a document has ``start_char``/``end_char`` consistent with its
    text, the offsets are kept and the gaps filled with spaces (a line break between
    paragraphs); otherwise tokens are joined with French spacing rules.
    """
    keys = ["_doc", "sent_id", "token_id"]
    tokens = (words.group_by(keys, maintain_order=True)
              .agg(pl.col("par_id").first(), CLEAN_SURFACE.first().alias("_surface"), pl.col("_start").first(),
                   pl.col("_end").first()))
    previous_end = pl.col("_end").shift(1).over("_doc")
    consistent = (pl.col("_start").is_not_null() & pl.col("_end").is_not_null()
                  & (pl.col("_end") - pl.col("_start") == pl.col("_surface").str.len_chars())
                  & (pl.col("_start") >= previous_end.fill_null(0)))
    first = pl.int_range(pl.len()).over("_doc") == 0
    new_par = pl.col("par_id") != pl.col("par_id").shift(1).over("_doc")
    new_sentence = pl.col("sent_id") != pl.col("sent_id").shift(1).over("_doc")
    previous = pl.col("_surface").shift(1).over("_doc")
    gap = (pl.col("_start") - previous_end).clip(0)  # clipped: both branches are computed, used only if consistent
    break_ = pl.when(gap >= 2).then(pl.lit("\n\n")).otherwise(pl.lit("\n"))
    given_separator = (pl.when(first).then(pl.lit("").str.pad_end(pl.col("_start").clip(0)))
                       .when(new_par).then(break_.str.pad_end(gap))
                       .otherwise(pl.lit("").str.pad_end(gap)))
    tight = pl.col("_surface").str.contains(_NO_SPACE_BEFORE.pattern) | previous.str.contains(_NO_SPACE_AFTER.pattern)
    rebuilt_separator = (pl.when(first).then(pl.lit("")).when(new_par).then(pl.lit("\n\n"))
                         .when(new_sentence).then(pl.lit(" ")).when(tight).then(pl.lit("")).otherwise(pl.lit(" ")))
    tokens = tokens.with_columns(consistent.all().over("_doc").alias("_given"))
    tokens, texts = lay_out(tokens, pl.when(pl.col("_given")).then(given_separator).otherwise(rebuilt_separator))
    texts = texts.join(tokens.group_by("_doc").agg(pl.col("_given").first()), on="_doc", how="left",
                       maintain_order="left")
    words = (words.drop("_start", "_end", "token_text")
             .join(tokens.select(*keys, pl.col("_surface").alias("token_text"), "start_char", "end_char"),
                   on=keys, how="left", maintain_order="left"))
    return words, texts


def from_vrt(content: str, doc_id: str = "doc", source: str = "") -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(tokens, documents)`` of VRT text: the token table and ``doc_id``, ``<text>`` attributes, ``text``.

    Raises :class:`DocumentError` naming the line of malformed input.
    """
    where = f"{source}: " if source else ""
    lines = (pl.DataFrame({"line": content.split("\n")}, schema={"line": pl.String})
             .with_row_index("_line_no", offset=1)
             .with_columns(pl.col("line").str.strip_suffix("\r"))
             .filter(pl.col("line").str.strip_chars() != ""))
    is_comment = pl.col("line").str.starts_with("<!--") | pl.col("line").str.starts_with("<?")
    is_tag = pl.col("line").str.starts_with("<") & ~pl.col("line").str.starts_with("<\t")
    lines = lines.with_columns(pl.when(is_comment).then(pl.lit("comment")).when(is_tag).then(pl.lit("tag"))
                               .otherwise(pl.lit("word")).alias("kind"))
    comments = lines.filter(pl.col("kind") == "comment")
    lines = lines.filter(pl.col("kind") != "comment")
    word_rows = lines.filter(pl.col("kind") == "word")
    if word_rows.is_empty():
        raise DocumentError(f"{where}no word lines: this is not a VRT file, or it is empty")
    attributes: list[str] | None = None
    first_word = header_line = word_rows["_line_no"][0]
    for number, line in comments.select("_line_no", "line").iter_rows():
        if number < first_word and (match := _HEADER.search(line)):
            attributes, header_line = match[1].split(), number
    n_fields = word_rows["line"].head(1).str.count_matches("\t")[0] + 1
    if attributes is None:
        attributes = [*CORE, *DEPENDENCY][:n_fields] + [f"attr_{i}" for i in range(7, n_fields + 1)]

    # structure: tag lines only, in Python; word lines take the state of the tag line before them
    structure = _Structure(doc_id, source)
    lines = lines.with_columns((pl.col("kind").shift(-1) == "word").fill_null(False).alias("_words_follow"))
    tags = lines.filter(pl.col("kind") == "tag").select("_line_no", "line", "_words_follow")
    states = [structure.tag(0, "", bool(lines["kind"][0] == "word"))]
    numbers = [0]
    for number, line, words_follow in tags.iter_rows():
        states.append(structure.tag(number, line, words_follow))
        numbers.append(number)
    if structure.stack:
        name, line = structure.stack[-1]
        raise structure.fail(line, f"<{name}> is never closed (add </{name}>)")
    state = pl.DataFrame({"_line_no": numbers, "_doc": [s[0] for s in states], "_par": [s[1] for s in states],
                          "_sentence": [s[2] for s in states]},
                         schema={"_line_no": pl.UInt32, "_doc": pl.Int32, "_par": pl.Int32, "_sentence": pl.Int64})
    words = (word_rows.select("_line_no", pl.col("line").alias("_line"))
             .join_asof(state, on="_line_no", strategy="backward"))

    words = words.with_columns(pl.col("_line").str.split("\t").alias("_fields"))  # split once
    fields = pl.col("_fields")
    words = words.with_columns(fields.list.len().alias("_n"))
    bad = words.filter(pl.col("_n") != len(attributes))
    if not bad.is_empty():
        number, found = bad["_line_no"][0], bad["_n"][0]
        raise structure.fail(number, f"{found} tab-separated columns where {len(attributes)} are expected "
                                     f"({' '.join(attributes)})")
    attributes = _column_names(attributes, structure.fail, header_line)
    words = words.with_columns(fields.list.get(i).alias(a) for i, a in enumerate(attributes))
    words = words.drop("_fields", "_line")
    if not (empty := words.filter(pl.col("word") == "")).is_empty():
        raise structure.fail(empty["_line_no"][0], "empty word (the first column holds the word, the line "
                                                   "must not begin with a tab)")
    valid = r"&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);"
    for attribute in attributes:
        broken = words.filter(pl.col(attribute).str.replace_all(valid, "").str.contains("&", literal=True))
        if not broken.is_empty():
            value = broken[attribute][0]
            rest = re.sub(valid, "", value)
            raise structure.fail(broken["_line_no"][0], f"bad XML escape {rest[rest.index('&'):][:12]!r} "
                                                      "(write & as &amp;, < as &lt;, > as &gt;)")
    words = words.with_columns(_unescaped(a) for a in attributes)
    words = words.with_columns(
        pl.col("_par").rank("dense").over("_doc").cast(pl.Int32).alias("par_id"),
        pl.col("_sentence").rank("dense").over("_doc").cast(pl.Int32).alias("sent_id"))
    words = words.with_columns(pl.int_range(1, pl.len() + 1).over("_doc", "sent_id").cast(pl.Int32).alias("word_id"))

    renamed = {a: COLUMN_OF[a] for a in attributes if a in COLUMN_OF}
    words = words.rename(renamed).with_columns(
        _null(c) for c in ("lemma", "upos", "feats", "deprel", "head") if c in renamed.values())
    if "head" in words.columns:
        bad = words.filter(pl.col("head").is_not_null() & ~pl.col("head").str.contains(r"^[0-9]{1,9}$"))
        if not bad.is_empty():
            raise structure.fail(bad["_line_no"][0], f"head {bad['head'][0]!r} is not a word number (the head "
                                                   "column holds the number of the governor in its sentence, 0 for "
                                                   "the root)")
    if "token_id" not in words.columns:
        words = words.with_columns(pl.col("word_id").alias("token_id"))
    if "token_text" not in words.columns:
        words = words.with_columns(pl.col("form").alias("token_text"))
    words = words.with_columns(
        pl.col("token_id").cast(pl.Int32, strict=False),
        (pl.col("start_char").cast(pl.Int64, strict=False) if "start_char" in words.columns
         else pl.lit(None, pl.Int64)).alias("_start"),
        (pl.col("end_char").cast(pl.Int64, strict=False) if "end_char" in words.columns
         else pl.lit(None, pl.Int64)).alias("_end"),
    ).drop("start_char", "end_char", strict=False)
    if words["token_id"].null_count():
        bad_line = words.filter(pl.col("token_id").is_null())["_line_no"][0]
        raise structure.fail(bad_line, "the token_id column must hold numbers")

    words, texts = _rebuild_text(words)
    ids = pl.DataFrame({"_doc": list(range(len(structure.documents))),
                        "doc_id": [d["doc_id"] for d in structure.documents]}, schema={"_doc": pl.Int32,
                                                                                        "doc_id": pl.String})
    words = words.join(ids, on="_doc", how="left", maintain_order="left")
    extra = [c for c in words.columns if c.startswith("attr_") or (c in attributes and c not in COLUMN_OF)]
    tokens = tok.from_rows(words.select([c for c in tok.COLUMNS if c in words.columns] + extra))
    documents = []
    for index, text, given in texts.iter_rows():
        doc = structure.documents[index]
        notes = [] if given else ["text rebuilt from the tokens (no consistent start_char/end_char attributes)"]
        cleaned, changes = clean_text(text)
        if cleaned != text:  # only combining marks at token boundaries can do this; offsets stay on `text`
            notes.append(f"text not normalised ({'; '.join(changes)}) to keep offsets")
        note = "; ".join(notes) or None
        documents.append({"doc_id": doc["doc_id"], **doc["meta"], "text": text, "notes": note})
    return tokens, pl.DataFrame(documents, infer_schema_length=None)

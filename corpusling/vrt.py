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

Reading accepts VRT from elsewhere (CQPweb, TXM exports): the columns are named by a
corpusling header, else taken as ``word lemma pos feats deprel head`` in that order,
further columns kept as ``attr_7``, ``attr_8``… Without offsets the text is rebuilt
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
    """XML-escape a value for a VRT line or attribute."""
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
        value = pl.col(COLUMN_OF[column]).cast(pl.String).fill_null("_")
        return (value.str.replace_all("&", "&amp;", literal=True).str.replace_all("<", "&lt;", literal=True)
                .str.replace_all(">", "&gt;", literal=True).str.replace_all('"', "&quot;", literal=True))

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


class _Reader:
    """State of reading one VRT file."""

    def __init__(self, default_id: str, source: str) -> None:
        self.default_id, self.source = default_id, source
        self.attributes: list[str] | None = None
        self.rows: dict[str, list[Any]] = {}
        self.documents: list[dict[str, Any]] = []
        self.stack: list[tuple[str, int]] = []
        self.doc: dict[str, Any] | None = None
        self.par = self.sent = self.word = 0
        self.in_sentence = False
        self.par_open = False
        self.loose = False  # words outside any <s>
        self.doc_start = 0

    def fail(self, line: int, message: str) -> DocumentError:
        where = f"{self.source}: " if self.source else ""
        return DocumentError(f"{where}line {line}: {message}; fix the VRT file")

    def open_document(self, attrs: dict[str, str], line: int) -> None:
        n = len(self.documents) + 1
        doc_id = attrs.pop("id", None) or (self.default_id if n == 1 else f"{self.default_id}-{n}")
        if any(d["doc_id"] == doc_id for d in self.documents):
            doc_id = f"{doc_id}-{n}"
        self.doc = {"doc_id": doc_id, "meta": attrs, "line": line}
        self.documents.append(self.doc)
        self.par = self.sent = 0
        self.doc_start = len(self.rows.get("form", []))

    def new_sentence(self) -> None:
        if self.par == 0:
            self.par = 1
        self.sent += 1
        self.word = 0

    def tag(self, line: int, closing: bool, name: str, raw_attrs: str) -> None:
        attrs = {m[1]: unescape(m[2] if m[2] is not None else m[3], line, self.fail)
                 for m in _ATTRIBUTE.finditer(raw_attrs)}
        if not closing:
            if name == "text":
                if any(t == "text" for t, _ in self.stack):
                    raise self.fail(line, "<text> inside another <text> (close it first with </text>)")
                self.open_document(attrs, line)
            elif name == "p":
                if self.doc is None:
                    self.open_document({}, line)
                self.par += 1
                self.par_open = True
            elif name == "s":
                if self.in_sentence:
                    raise self.fail(line, "<s> inside another <s> (close it first with </s>)")
                if self.doc is None:
                    self.open_document({}, line)
                if not self.par_open and self.par == 0:
                    self.par = 1
                self.sent += 1
                self.word = 0
                self.in_sentence = True
                self.loose = False
            self.stack.append((name, line))
            return
        if not self.stack:
            raise self.fail(line, f"</{name}> closes nothing (no <{name}> is open)")
        opened, opened_line = self.stack.pop()
        if opened != name:
            raise self.fail(line, f"</{name}> closes <{opened}> opened at line {opened_line} (unbalanced tags)")
        if name == "s":
            self.in_sentence = False
        elif name == "p":
            self.par_open = False
            self.loose = False
        elif name == "text":
            self.doc = None
            self.loose = False

    def word_line(self, line: int, text: str) -> None:
        fields = text.split("\t")
        if self.attributes is None:
            self.attributes = [*CORE, *DEPENDENCY][:len(fields)] + [f"attr_{i}" for i in range(7, len(fields) + 1)]
            self.rows = {c: [] for c in ["doc_id", "par_id", "sent_id", "word_id", *self.attributes]}
        if len(fields) != len(self.attributes):
            raise self.fail(line, f"{len(fields)} tab-separated columns where {len(self.attributes)} are expected "
                                  f"({' '.join(self.attributes)})")
        if self.doc is None:
            self.open_document({}, line)
        if not self.in_sentence and not self.loose:
            self.new_sentence()
            self.loose = True
        self.word += 1
        self.rows["doc_id"].append(self.doc["doc_id"])
        self.rows["par_id"].append(self.par or 1)
        self.rows["sent_id"].append(self.sent)
        self.rows["word_id"].append(self.word)
        for name, value in zip(self.attributes, fields, strict=True):
            self.rows[name].append(unescape(value, line, self.fail))


def _null(name: str) -> pl.Expr:
    return pl.when(pl.col(name) == "_").then(None).otherwise(pl.col(name)).alias(name)


def _rebuild_text(frame: pl.DataFrame) -> tuple[pl.DataFrame, str, list[str]]:
    """Offsets and text of one document's words (``token_id``/``token_text`` already filled)."""
    notes: list[str] = []
    tokens = frame.group_by("sent_id", "token_id", maintain_order=True).agg(
        pl.col("par_id").first(), pl.col("token_text").first(), pl.col("_start").first(), pl.col("_end").first())
    surfaces = [clean_text(t)[0] for t in tokens["token_text"].to_list()]
    pars, sents = tokens["par_id"].to_list(), tokens["sent_id"].to_list()
    starts, ends = tokens["_start"].to_list(), tokens["_end"].to_list()
    given = all(s is not None and e is not None for s, e in zip(starts, ends, strict=True))
    if given:
        position = 0
        for surface, start, end in zip(surfaces, starts, ends, strict=True):
            if start < position or end - start != len(surface):
                given = False
                notes.append("start_char/end_char do not match the tokens: text rebuilt from the tokens")
                break
            position = end
    pieces: list[str] = []
    new_starts, new_ends = [], []
    position = 0
    for index, surface in enumerate(surfaces):
        if index:
            new_par = pars[index] != pars[index - 1]
            if given:
                gap = starts[index] - position
                separator = ("\n\n" if gap >= 2 else "\n") + " " * max(0, gap - 2) if new_par else " " * gap
            elif new_par:
                separator = "\n\n"
            elif sents[index] != sents[index - 1]:
                separator = " "
            else:
                separator = "" if (_NO_SPACE_BEFORE.search(surface) or _NO_SPACE_AFTER.search(surfaces[index - 1])) \
                    else " "
            pieces.append(separator)
            position += len(separator)
        elif given and starts[0] > 0:
            pieces.append(" " * starts[0])
            position = starts[0]
        new_starts.append(position)
        pieces.append(surface)
        position += len(surface)
        new_ends.append(position)
    offsets = tokens.select("sent_id", "token_id").with_columns(
        pl.Series("start_char", new_starts, dtype=pl.Int64), pl.Series("end_char", new_ends, dtype=pl.Int64),
        pl.Series("_surface", surfaces, dtype=pl.String))
    frame = (frame.drop("_start", "_end").join(offsets, on=["sent_id", "token_id"], how="left", maintain_order="left")
             .with_columns(pl.col("_surface").alias("token_text")).drop("_surface"))
    return frame, "".join(pieces), notes


def from_vrt(content: str, doc_id: str = "doc", source: str = "") -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(tokens, documents)`` of VRT text: the token table and ``doc_id``, ``<text>`` attributes, ``text``."""
    reader = _Reader(doc_id, source)
    for number, raw in enumerate(content.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("<!--") or line.startswith("<?"):
            if match := _HEADER.search(line):
                if reader.rows and any(reader.rows.values()):
                    continue
                reader.attributes = match[1].split()
                reader.rows = {c: [] for c in ["doc_id", "par_id", "sent_id", "word_id", *reader.attributes]}
            continue
        if line.startswith("<") and not line.startswith("<\t"):
            match = _TAG.match(line.strip())
            if match is None:
                raise reader.fail(number, f"malformed tag {line.strip()[:40]!r} (a word '<' must be written &lt;)")
            closing, name, attrs, empty = match.groups()
            if not empty:
                reader.tag(number, bool(closing), name, attrs)
            continue
        reader.word_line(number, line)
    if reader.stack:
        name, line = reader.stack[-1]
        raise reader.fail(line, f"<{name}> is never closed (add </{name}>)")
    if not reader.rows or not reader.rows.get("doc_id"):
        raise DocumentError(f"{source + ': ' if source else ''}no word lines: this is not a VRT file, or it is empty")
    attributes = reader.attributes or []
    frame = pl.DataFrame(reader.rows, schema={c: pl.Int32 if c in {"par_id", "sent_id", "word_id"} else pl.String
                                              for c in reader.rows})
    renamed = {a: COLUMN_OF[a] for a in attributes if a in COLUMN_OF}
    frame = frame.rename(renamed).with_columns(
        _null(c) for c in ("lemma", "upos", "feats", "deprel", "head") if c in renamed.values())
    if "head" in frame.columns:
        bad = frame.filter(pl.col("head").is_not_null() & ~pl.col("head").str.contains(r"^[0-9]+$"))
        if not bad.is_empty():
            raise DocumentError(f"{source + ': ' if source else ''}head {bad['head'][0]!r} is not a number "
                                "(the head column holds the word number of the governor, 0 for the root)")
    if "token_id" not in frame.columns:
        frame = frame.with_columns(pl.col("word_id").alias("token_id"))
    if "token_text" not in frame.columns:
        frame = frame.with_columns(pl.col("form").alias("token_text"))
    frame = frame.with_columns(
        pl.col("token_id").cast(pl.Int32, strict=False),
        (pl.col("start_char").cast(pl.Int64, strict=False) if "start_char" in frame.columns
         else pl.lit(None, pl.Int64)).alias("_start"),
        (pl.col("end_char").cast(pl.Int64, strict=False) if "end_char" in frame.columns
         else pl.lit(None, pl.Int64)).alias("_end"),
    ).drop("start_char", "end_char", strict=False)
    if frame["token_id"].null_count():
        raise DocumentError(f"{source + ': ' if source else ''}the token_id column must hold numbers")
    tables, documents = [], []
    by_doc = {str(k[0]): t for k, t in frame.partition_by("doc_id", maintain_order=True, as_dict=True).items()}
    for doc in reader.documents:
        if doc["doc_id"] not in by_doc:
            continue
        table, text, notes = _rebuild_text(by_doc[doc["doc_id"]])
        tables.append(table)
        documents.append({"doc_id": doc["doc_id"], **doc["meta"], "text": text, "notes": "; ".join(notes) or None})
    tokens = tok.from_rows(pl.concat(tables, how="vertical_relaxed"))
    return tokens, pl.DataFrame(documents, infer_schema_length=None)

r"""Token-pattern queries in the spirit of CQP (Corpus Workbench) over the token table.

The language
------------
A query is a sequence of token patterns, matched within one sentence::

    [lemma="avoir" & mood="Cnd"] [verbform="Part"]
    [form="selon"] []{0,3} [upos="PROPN"]
    lemma:sembler [upos="VERB"]
    "selon" [upos="PROPN"]+

Token patterns
    ``[CONDITION]``  one word satisfying the condition; ``[]`` is any word.
    ``"pouvait"``    shorthand for ``[form="pouvait"]`` (a bare word ``pouvait`` too).
    ``lemma:sembler`` shorthand for ``[lemma="sembler"]`` (any attribute, ``ATTR:VALUE``).

Conditions
    ``ATTR="value"``: as in CQP, a quoted value is a regular expression that must match the whole
    value (``[lemma="dire|déclarer"]``, ``[word=".*ment"]``, ``[pos="N.*"]``; Rust ``regex`` syntax,
    as in polars; write ``\.`` for a full stop); ``ATTR!="value"`` its negation; ``/regex/`` is the
    same as ``"regex"``. Flags after a value: ``%l`` takes it literally (``[word="."%l]``), ``%c``
    ignores case, ``%d`` ignores diacritics (accents), ``%cd`` both, as in CQP. A bare word
    (``lemma:sembler``, ``pouvait``) is literal. Combine with ``&`` (and), ``|`` (or), ``!`` (not)
    and parentheses; ``&`` binds tighter than ``|``.

Regions and global constraints (after the token patterns)
    ``within s`` (the default: a match lies in one sentence), ``within p`` (one paragraph) or
    ``within text`` (one document). ``:: match.text_COL="regex"`` keeps the matches in documents whose
    metadata column ``COL`` matches (CQP's structural attribute ``text_COL``; ``&`` joins several), e.g.
    ``[lemma="selon"] [] :: match.text_date="2012.*"``. CQP's target marker ``@`` and labels
    (``a:[…]``) are refused with a message: they are not supported.

Attributes
    ``form`` (alias ``word``), ``lemma``, ``upos`` (alias ``pos``), ``xpos``, ``deprel``, the
    feature columns (``mood``, ``tense``, ``verbform``, ``person``, ``number``) and any other
    column of the table (``in_quote``, ``category``, ``class``…). Any other Universal Dependencies
    feature is read from ``feats`` (``gender="Fem"``, ``polarity="Neg"``). A missing value is the
    empty string, so ``[mood!="Cnd"]`` also matches words without a mood.

Quantifiers after a token pattern
    ``?`` (0 or 1), ``*`` (0 or more), ``+`` (1 or more), ``{n}``, ``{n,m}``, ``{n,}``, ``{,m}``.

Matches follow CQP's default ("standard") matching strategy: of the matches starting at
one word the shortest is kept, then of those ending at one word the longest (Evert & the
CWB Development Team, *The IMS Open Corpus Workbench (CWB) CQP Query Language Tutorial*).

How it runs
-----------
Each attribute is dictionary-encoded once per table (:class:`TokenIndex`, cached): a string
condition is evaluated on the few thousand distinct values, never on the millions of words,
and becomes an integer comparison (``code == k`` or ``code in {k…}``) in a polars expression
over the code columns. The first token pattern is scanned once over the whole table; the
following ones are tested only at the candidate rows by row-index arithmetic (``row + 1``),
with a sentence-number check, so a sequence costs one scan plus work proportional to the
number of candidates. The table must be in document order (as parsers and readers give it).
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from corpusling.errors import QueryError

#: Attribute names accepted for CQP compatibility.
ALIASES: dict[str, str] = {"word": "form", "pos": "upos"}

_BARE = re.compile(r"[^\s\[\]{}()\"/=!&|?*+%:,]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_QUANT = re.compile(r"\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}")
_UNBOUNDED = 1 << 30
#: Characters that make a quoted value a regular expression rather than a plain word.
_REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")


# --------------------------------------------------------------------------- syntax tree

@dataclass(frozen=True)
class Test:
    """``attr OP value``: ``op`` is ``=`` or ``!=``; ``regex`` when the value was ``/…/``."""

    attr: str
    op: str
    value: str
    regex: bool = False
    flags: str = ""
    position: int = 0


@dataclass(frozen=True)
class Not:
    """Negation of a condition."""

    operand: Condition


@dataclass(frozen=True)
class And:
    """Conjunction of conditions."""

    operands: tuple[Condition, ...]


@dataclass(frozen=True)
class Or:
    """Disjunction of conditions."""

    operands: tuple[Condition, ...]


Condition = Test | Not | And | Or


@dataclass(frozen=True)
class Element:
    """One token pattern with its repetition bounds; ``condition`` None is ``[]`` (any word)."""

    condition: Condition | None
    low: int = 1
    high: int = 1
    position: int = 0


@dataclass
class Pattern:
    """A parsed query: the sequence of token patterns."""

    query: str
    elements: list[Element] = field(default_factory=list)
    #: Region a match must lie in: ``s`` (sentence), ``p`` (paragraph) or ``text`` (document).
    within: str = "s"
    #: ``:: match.text_COL="regex"`` constraints: (metadata column, regex, flags).
    metadata: list[tuple[str, str, str]] = field(default_factory=list)

    def attributes(self) -> set[str]:
        """The attributes the query reads."""
        found: set[str] = set()

        def walk(cond: Condition) -> None:
            if isinstance(cond, Test):
                found.add(cond.attr)
            elif isinstance(cond, Not):
                walk(cond.operand)
            else:
                for op in cond.operands:
                    walk(op)

        for el in self.elements:
            if el.condition is not None:
                walk(el.condition)
        return found


# --------------------------------------------------------------------------- parser

class _Parser:
    def __init__(self, query: str) -> None:
        self.q = query
        self.i = 0

    def error(self, message: str, position: int | None = None) -> QueryError:
        return QueryError(f"query syntax: {message}", self.q, self.i if position is None else position)

    def skip(self) -> None:
        while self.i < len(self.q) and self.q[self.i].isspace():
            self.i += 1

    def peek(self) -> str:
        self.skip()
        return self.q[self.i] if self.i < len(self.q) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = repr(self.q[self.i]) if self.i < len(self.q) else "the end of the query"
            raise self.error(f"expected {char!r}, found {found}")
        self.i += 1

    # sequence -------------------------------------------------------------
    def parse(self) -> Pattern:
        pattern = Pattern(self.q)
        if not self.q.strip():
            raise QueryError("empty query: give at least one token pattern, e.g. [lemma=\"dire\"]", self.q, 0)
        while self.peek():
            if self.q.startswith("::", self.i):
                pattern.metadata = self.global_constraints()
                break
            if re.match(r"within\b", self.q[self.i:]):
                pattern.within = self.region()
                continue
            pattern.elements.append(self.element())
        if not pattern.elements:
            raise QueryError("the query has no token pattern before 'within' or '::'", self.q, 0)
        if all(el.condition is None for el in pattern.elements) or all(el.high == 0 for el in pattern.elements):
            raise QueryError("the query must constrain at least one word (it only has [] patterns)", self.q, 0)
        return pattern

    def region(self) -> str:
        """``within s|p|text`` (CQP's ``within`` a structural attribute; sentence, paragraph, document)."""
        start = self.i
        self.i += len("within")
        self.skip()
        match = re.match(r"[A-Za-z_]+", self.q[self.i:])
        name = match.group() if match else ""
        regions = {"s": "s", "sentence": "s", "p": "p", "paragraph": "p", "text": "text", "doc": "text"}
        if name not in regions:
            raise self.error("within takes s (sentence), p (paragraph) or text (document)", start)
        self.i += len(name)
        return regions[name]

    def global_constraints(self) -> list[tuple[str, str, str]]:
        """``:: match.text_COL="regex" & …``: document metadata constraints (CQP's global constraints)."""
        self.i += 2
        found = []
        while True:
            self.skip()
            start = self.i
            match = re.match(r"match\.text_([A-Za-z_][A-Za-z0-9_]*)\s*=\s*", self.q[self.i:])
            if not match:
                raise self.error("after '::' write match.text_COL=\"regex\" (a document metadata column); "
                                 "labels and other global constraints are not supported", start)
            self.i += match.end()
            if self.peek() != '"':
                raise self.error('expected a quoted value: match.text_COL="regex"')
            value, _ = self.quoted('"')
            found.append((match.group(1), value, self.flags()))
            if self.peek() == "&":
                self.i += 1
                continue
            if self.peek():
                raise self.error("unexpected text after the global constraint")
            return found

    def element(self) -> Element:
        start = self.i
        char = self.peek()
        start = self.i
        if char == "@":
            raise self.error("the target marker @ is not supported: put the word you want in the match and "
                             "sort or count by its position (L1, R1…)")
        if char == "<":
            raise self.error("XML region tags (<s>, </s>) are not supported in a query; use 'within s|p|text'")
        if char == "[":
            self.i += 1
            cond = None if self.peek() == "]" else self.disjunction()
            self.expect("]")
        elif char == '"':
            value, _ = self.quoted('"')
            flags = self.flags()
            cond = Test("form", "=", value, "l" not in flags, flags.replace("l", ""), start)
        elif char == "/":
            value, _ = self.quoted("/")
            cond = Test("form", "=", value, True, self.flags(), start)
        else:
            match = _BARE.match(self.q, self.i)
            if not match:
                raise self.error(f"unexpected {char!r}: a token pattern starts with '[', '\"' or a word")
            self.i = match.end()
            if self.q.startswith(":[", self.i):
                raise self.error("labels (a:[…]) are not supported", start)
            if self.i < len(self.q) and self.q[self.i] == ":":
                attr = self.attribute_name(match.group(), start)
                self.i += 1
                value, regex, flags = self.value()
                cond = Test(attr, "=", value, regex, flags, start)
            else:
                cond = Test("form", "=", match.group(), False, self.flags(), start)
        low, high = self.quantifier()
        return Element(cond, low, high, start)

    def quantifier(self) -> tuple[int, int]:
        char = self.peek()  # a quantifier may follow its pattern after a space: [] {0,3}
        if char == "?":
            self.i += 1
            return 0, 1
        if char == "*":
            self.i += 1
            return 0, _UNBOUNDED
        if char == "+":
            self.i += 1
            return 1, _UNBOUNDED
        if char == "{":
            match = _QUANT.match(self.q, self.i)
            if not match or (not match.group(1) and not match.group(3) and match.group(2)) or \
                    (not match.group(1) and not match.group(2)):
                raise self.error("a repetition is written {n}, {n,m}, {n,} or {,m}")
            low = int(match.group(1) or 0)
            high = low if not match.group(2) else (int(match.group(3)) if match.group(3) else _UNBOUNDED)
            if high < low:
                raise self.error(f"repetition {{{low},{high}}}: the maximum is below the minimum")
            self.i = match.end()
            return low, high
        return 1, 1

    # conditions -----------------------------------------------------------
    def disjunction(self) -> Condition:
        items = [self.conjunction()]
        while self.peek() == "|":
            self.i += 1
            items.append(self.conjunction())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def conjunction(self) -> Condition:
        items = [self.negation()]
        while self.peek() == "&":
            self.i += 1
            items.append(self.negation())
        return items[0] if len(items) == 1 else And(tuple(items))

    def negation(self) -> Condition:
        if self.peek() == "!":
            self.i += 1
            return Not(self.negation())
        if self.peek() == "(":
            self.i += 1
            cond = self.disjunction()
            self.expect(")")
            return cond
        return self.test()

    def attribute_name(self, name: str, position: int) -> str:
        if not _NAME.fullmatch(name):
            raise self.error(f"{name!r} is not an attribute name", position)
        return ALIASES.get(name, name)

    def test(self) -> Test:
        self.skip()
        start = self.i
        match = _NAME.match(self.q, self.i)
        if not match:
            char = self.q[self.i] if self.i < len(self.q) else "the end of the query"
            raise self.error(f"expected an attribute name (form, lemma, upos…), found {char!r}")
        attr = self.attribute_name(match.group(), start)
        self.i = match.end()
        self.skip()
        if self.q.startswith("!=", self.i):
            op = "!="
            self.i += 2
        elif self.q.startswith("=", self.i):
            op = "="
            self.i += 1
        else:
            raise self.error(f"expected = or != after the attribute {attr!r}")
        value, regex, flags = self.value()
        return Test(attr, op, value, regex, flags, start)

    def value(self) -> tuple[str, bool, str]:
        char = self.peek()
        if char == '"':  # a regular expression, as in CQP, unless %l
            value, _ = self.quoted('"')
            flags = self.flags()
            return value, "l" not in flags, flags.replace("l", "")
        if char == "/":
            value, _ = self.quoted("/")
            return value, True, self.flags()
        match = _BARE.match(self.q, self.i)
        if not match:
            raise self.error('expected a value: "text", /regex/ or a word')
        self.i = match.end()
        return match.group(), False, self.flags()

    def quoted(self, quote: str) -> tuple[str, int]:
        start = self.i
        self.i += 1
        out: list[str] = []
        while self.i < len(self.q):
            char = self.q[self.i]
            if char == "\\" and self.i + 1 < len(self.q):
                nxt = self.q[self.i + 1]
                # \" inside "…" and \/ inside /…/ are the delimiter; other escapes stay for the regex
                out.append(nxt if nxt == quote else char + nxt)
                self.i += 2
                continue
            if char == quote:
                self.i += 1
                return "".join(out), start
            out.append(char)
            self.i += 1
        raise self.error(f"unclosed {quote}…{quote}", start)

    def flags(self) -> str:
        if self.i < len(self.q) and self.q[self.i] == "%":
            start = self.i
            self.i += 1
            match = re.match(r"[a-z]*", self.q[self.i:])
            flags = match.group() if match else ""
            bad = [f for f in flags if f not in "cdl"]
            if not flags or bad:
                raise self.error("flags are %l (literal), %c (ignore case), %d (ignore accents) or %cd", start)
            self.i += len(flags)
            return flags
        return ""


def parse(query: str) -> Pattern:
    """Parse a query; a syntax error raises :class:`QueryError` with the position of the bad character."""
    return _Parser(query).parse()


# --------------------------------------------------------------------------- index

class TokenIndex:
    """Dictionary-encoded view of a token table, built once and reused by every query.

    For each attribute a query reads: ``codes`` (dense UInt16 or UInt32, one per word) and ``lexicon``
    (``code``, ``value``: the distinct values). Also the sentence number of each row
    (running through the corpus) used to keep sequences inside one sentence.
    """

    def __init__(self, tokens: pl.DataFrame, weak: bool = False) -> None:
        self._strong = None if weak else tokens  # the cache of :func:`index` must not keep tables alive
        self._ref = weakref.ref(tokens)
        self.n = tokens.height
        self._codes: dict[str, pl.Series] = {}
        self._lexicon: dict[str, pl.DataFrame] = {}
        self._texts: tuple | None = None
        self._offsets: tuple[np.ndarray, np.ndarray] | None = None
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._arrays: dict[str, np.ndarray] = {}
        self._lookup: dict[str, dict[str, int]] = {}
        doc = tokens["doc_id"].cast(pl.Categorical).to_physical().to_numpy() if self.n else np.zeros(0)
        sent = tokens["sent_id"].to_numpy() if self.n else np.zeros(0)
        change = np.ones(self.n, dtype=bool)
        if self.n:
            change[1:] = (doc[1:] != doc[:-1]) | (sent[1:] != sent[:-1])
        #: sentence number per row, with a sentinel -1 after the last row
        self.sentence = np.append(np.cumsum(change, dtype=np.int64), -1)
        new_doc = np.ones(self.n, dtype=bool)
        if self.n:
            new_doc[1:] = doc[1:] != doc[:-1]
        #: document number per row (0-based, in table order); first and last row of each document
        self.document = np.cumsum(new_doc, dtype=np.int64) - 1
        self.doc_first = np.flatnonzero(new_doc)
        self.doc_last = np.append(self.doc_first[1:] - 1, self.n - 1) if self.n else np.zeros(0, np.int64)
        #: doc_id of each document, in table order
        self.doc_names = (tokens["doc_id"].gather(pl.Series(self.doc_first, dtype=pl.Int64)).cast(pl.String)
                          if self.n else pl.Series("doc_id", [], dtype=pl.String))

    def region(self, kind: str) -> np.ndarray:
        """Region number per row (with a sentinel -1 after the last row) for ``within``: ``s`` sentences,
        ``p`` paragraphs (``par_id``), ``text`` documents."""
        if kind == "s":
            return self.sentence
        if kind == "text":
            return np.append(self.document, -1)
        if "paragraph" not in self._arrays:
            par = self.tokens["par_id"].to_numpy() if "par_id" in self.tokens.columns else np.zeros(self.n)
            change = np.ones(self.n, dtype=bool)
            if self.n:
                change[1:] = (self.document[1:] != self.document[:-1]) | (par[1:] != par[:-1])
            self._arrays["paragraph"] = np.append(np.cumsum(change, dtype=np.int64), -1)
        return self._arrays["paragraph"]

    @property
    def tokens(self) -> pl.DataFrame:
        """The token table this index describes."""
        table = self._strong if self._strong is not None else self._ref()
        if table is None:
            raise QueryError("the token table of this index no longer exists")
        return table

    def offsets(self) -> tuple[np.ndarray, np.ndarray]:
        """``start_char`` and ``end_char`` of every word as numpy arrays (converted once)."""
        if self._offsets is None:
            self._offsets = (self.tokens["start_char"].cast(pl.Int64).to_numpy(),
                             self.tokens["end_char"].cast(pl.Int64).to_numpy())
        return self._offsets

    def texts(self, documents: pl.DataFrame) -> tuple[pl.Series, np.ndarray, np.ndarray]:
        """Document texts as UTF-8 bytes (one per document, in table order; newlines and tabs as spaces)
        and each word's byte offsets.

        Built once per documents table: concordances then cut contexts with byte slices, whose cost
        does not grow with the position in a long document, as character slicing does.
        """
        cached = self._texts
        if cached is not None and cached[0]() is documents:
            return cached[1], cached[2], cached[3]
        ids = self.doc_names
        texts = (pl.DataFrame({"doc_id": ids})
                 .join(documents.select(pl.col("doc_id").cast(pl.String), "text"), on="doc_id", how="left",
                       maintain_order="left"))["text"]
        if texts.null_count():
            bad = ids.filter(texts.is_null())[0]
            raise QueryError(f"document {bad!r} of the token table is not in the documents table")
        # one pass over all the texts: the byte position of every character, then of every word
        lengths = texts.str.len_chars().to_numpy().astype(np.int64)
        char_base = np.concatenate([[0], np.cumsum(lengths)])
        raw = np.frombuffer("".join(texts.to_list()).encode("utf-8"), dtype=np.uint8)
        char_to_byte = np.append(np.flatnonzero((raw & 0xC0) != 0x80), raw.size)
        byte_base = char_to_byte[char_base]
        doc = self.document
        limit = lengths[doc]
        starts, ends = self.offsets()
        start_byte = char_to_byte[char_base[doc] + np.minimum(starts, limit)] - byte_base[doc]
        end_byte = char_to_byte[char_base[doc] + np.minimum(ends, limit)] - byte_base[doc]
        del raw, char_to_byte
        # newlines and tabs become spaces once here (one byte each way: offsets stay valid), so that
        # every KWIC line is one line
        binary = texts.str.replace_all(r"[\r\n\t]", " ").cast(pl.Binary)
        self._texts = (weakref.ref(documents), binary, start_byte, end_byte)
        return binary, start_byte, end_byte

    def available(self) -> list[str]:
        """Attributes a query can use on this table."""
        return sorted(set(self.tokens.columns) | set(ALIASES))

    def _column(self, attr: str) -> pl.Series:
        if attr in self.tokens.columns:
            return self.tokens[attr]
        name = attr[:1].upper() + attr[1:]
        if "feats" in self.tokens.columns:  # a UD feature without a column of its own: read from feats
            values = self.tokens["feats"].cast(pl.String).str.extract(rf"(?:^|\|){re.escape(name)}=([^|]+)", 1)
            if values.null_count() < values.len():
                return values
        raise KeyError(attr)

    def encode(self, attr: str) -> None:
        """Dictionary-encode one attribute (once)."""
        if attr in self._codes:
            return
        column = self._column(attr)
        if column.dtype != pl.String and not isinstance(column.dtype, pl.Categorical | pl.Enum):
            column = column.cast(pl.String)
        cat = column.cast(pl.Categorical) if column.dtype == pl.String else column
        distinct = cat.unique().drop_nulls()
        k = distinct.len()
        # dense codes 0..k-1 in the order of the distinct values (k: missing value); 16 bits when they fit,
        # which also lets numpy sort them by radix when the postings are built
        ids = distinct.to_physical().cast(pl.Int64).to_numpy()
        physical = cat.to_physical().cast(pl.Int64)
        top = int(max(ids.max() if k else 0, physical.max() or 0))
        dense = np.full(top + 2, k, dtype=np.uint16 if k < 65535 else np.uint32)
        dense[ids] = np.arange(k)
        codes = dense[physical.fill_null(top + 1).to_numpy()]
        lexicon = pl.DataFrame({"code": np.arange(k, dtype=np.uint32), "value": distinct.cast(pl.String)})
        if physical.null_count():
            lexicon = pl.concat([lexicon, pl.DataFrame({"code": [k], "value": [""]},
                                                       schema={"code": pl.UInt32, "value": pl.String})])
        self._codes[attr] = pl.Series(attr, codes)
        self._lexicon[attr] = lexicon

    def postings(self, attr: str) -> tuple[np.ndarray, np.ndarray]:
        """Inverted index of an attribute: rows sorted by code (``order``) and where each code starts.

        The rows of code ``k`` are ``order[starts[k]:starts[k + 1]]``, in corpus order (as CWB's
        reverse index): a rare value is found without scanning the table.
        """
        if attr not in self._postings:
            codes = self.array(attr)
            order = np.argsort(codes, kind="stable")
            counts = np.bincount(codes, minlength=self.size(attr))
            self._postings[attr] = (order, np.concatenate([[0], np.cumsum(counts)]))
        return self._postings[attr]

    def rows_with(self, attr: str, codes: np.ndarray) -> np.ndarray:
        """Rows (sorted) whose ``attr`` has one of ``codes``, read from the postings."""
        order, starts = self.postings(attr)
        low, high = starts[codes], starts[codes + 1]
        if codes.size == 1:
            return order[low[0]:high[0]]
        lengths = high - low
        total = int(lengths.sum())
        shift = np.repeat(low - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        return np.sort(order[shift + np.arange(total)])

    def size(self, attr: str) -> int:
        """One more than the largest code of ``attr``."""
        return int(self.lexicon(attr)["code"].max() or 0) + 1

    def frequency(self, attr: str, codes: np.ndarray) -> int:
        """Number of words with one of ``codes``."""
        _, starts = self.postings(attr)
        return int((starts[codes + 1] - starts[codes]).sum())

    def array(self, attr: str) -> np.ndarray:
        """Integer codes of ``attr`` as a numpy array (no copy)."""
        if attr not in self._arrays:
            self._arrays[attr] = self.codes(attr).to_numpy()
        return self._arrays[attr]

    def code_of(self, attr: str, value: str) -> int | None:
        """The code of one value of ``attr`` (None when the value never occurs)."""
        if attr not in self._lookup:
            lexicon = self.lexicon(attr)
            self._lookup[attr] = dict(zip(lexicon["value"].to_list(), lexicon["code"].to_list(), strict=True))
        return self._lookup[attr].get(value)

    def codes(self, attr: str) -> pl.Series:
        """Integer code of ``attr`` for each word."""
        self.encode(attr)
        return self._codes[attr]

    def lexicon(self, attr: str) -> pl.DataFrame:
        """Distinct values of ``attr`` with their codes."""
        self.encode(attr)
        return self._lexicon[attr]


_INDEXES: dict[int, tuple[weakref.ref, TokenIndex]] = {}


def index(tokens: pl.DataFrame | TokenIndex) -> TokenIndex:
    """The :class:`TokenIndex` of a table, built on first use and kept while the table lives."""
    if isinstance(tokens, TokenIndex):
        return tokens
    key = id(tokens)
    cached = _INDEXES.get(key)
    if cached is not None and cached[0]() is tokens:
        return cached[1]
    built = TokenIndex(tokens, weak=True)
    _INDEXES[key] = (weakref.ref(tokens, lambda _ref, key=key: _INDEXES.pop(key, None)), built)
    return built


# --------------------------------------------------------------------------- compiling conditions

def _fold(expr: pl.Expr, flags: str) -> pl.Expr:
    if "d" in flags:
        expr = expr.str.normalize("NFD").str.replace_all(r"\p{M}", "")
    if "c" in flags:
        expr = expr.str.to_lowercase()
    return expr


def _fold_text(value: str, flags: str) -> str:
    if "d" in flags:
        value = "".join(c for c in unicodedata.normalize("NFD", value) if not unicodedata.combining(c))
    if "c" in flags:
        value = value.lower()
    return value


def _matching_codes(idx: TokenIndex, test: Test, query: str) -> pl.Series:
    """Codes of the distinct values that satisfy ``attr = value`` (the positive test)."""
    try:
        lexicon = idx.lexicon(test.attr)
    except KeyError:
        raise QueryError(f"unknown attribute {test.attr!r}; available: {', '.join(idx.available())}",
                         query, test.position) from None
    value = _fold(pl.col("value"), test.flags)
    if test.regex and not _REGEX_SYNTAX.search(test.value):  # "selon": a plain word, looked up directly
        test = Test(test.attr, test.op, test.value, False, test.flags, test.position)
    if test.regex:
        pattern = f"^(?:{test.value})$"
        if "c" in test.flags:
            pattern = "(?i)" + pattern
        if "d" in test.flags:
            pattern = _fold_text(pattern, "d")
        try:
            return lexicon.filter(value.str.contains(pattern))["code"]
        except pl.exceptions.PolarsError as err:
            lines = [line.strip() for line in str(err).splitlines() if line.strip()]
            detail = next((line for line in lines if line.startswith("error:")), lines[-1] if lines else "")
            at = query.find(test.value, test.position)
            raise QueryError(f"bad regular expression \"{test.value}\": {detail.removeprefix('error:').strip()}",
                             query, at if at >= 0 else test.position) from None
    if not test.flags:
        code = idx.code_of(test.attr, test.value)
        return pl.Series("code", [] if code is None else [code], dtype=pl.UInt32)
    return lexicon.filter(value == _fold_text(test.value, test.flags))["code"]


def _compile(cond: Condition, idx: TokenIndex, query: str, found: dict[Test, pl.Series]) -> pl.Expr:
    """A boolean polars expression over the code columns (``found`` collects each test's codes)."""
    if isinstance(cond, Test):
        codes = found[cond] if cond in found else _matching_codes(idx, cond, query)
        column = pl.col(cond.attr)
        if codes.len() == 0:
            expr = pl.lit(False)
        elif codes.len() == 1:
            expr = column == codes[0]
        else:
            expr = column.is_in(codes.implode())
        return ~expr if cond.op == "!=" else expr
    if isinstance(cond, Not):
        return ~_compile(cond.operand, idx, query, found)
    parts = [_compile(op, idx, query, found) for op in cond.operands]
    out = parts[0]
    for part in parts[1:]:
        out = (out & part) if isinstance(cond, And) else (out | part)
    return out


# --------------------------------------------------------------------------- matching

#: a condition is looked up in the postings when it selects fewer than this share of the words
SELECTIVE = 1 / 20


def _attributes(cond: Condition | None) -> list[str]:
    if cond is None:
        return []
    if isinstance(cond, Test):
        return [cond.attr]
    if isinstance(cond, Not):
        return _attributes(cond.operand)
    return [a for op in cond.operands for a in _attributes(op)]


class _Evaluator:
    """Evaluates each element's condition over the whole table, at given rows, or from the postings."""

    def __init__(self, idx: TokenIndex, pattern: Pattern) -> None:
        self.idx = idx
        self.region = idx.region(pattern.within)
        self.found: dict[Test, pl.Series] = {}
        self.query = pattern.query
        self.conditions = [el.condition for el in pattern.elements]
        for el in pattern.elements:  # look every value up once, in the lexicons (also reports bad attributes)
            self._lookup(el.condition)
        self.columns = [sorted(set(_attributes(el.condition))) for el in pattern.elements]
        self.tables: dict[Test, np.ndarray] = {}

    def _lookup(self, cond: Condition | None) -> None:
        if isinstance(cond, Test):
            self.found[cond] = _matching_codes(self.idx, cond, self.query)
        elif isinstance(cond, Not):
            self._lookup(cond.operand)
        elif cond is not None:
            for op in cond.operands:
                self._lookup(op)

    def scan(self, k: int) -> np.ndarray:
        """Rows of the whole table where element ``k`` holds: one polars expression over the code columns."""
        if self.conditions[k] is None:
            return np.arange(self.idx.n, dtype=np.int64)
        expr = _compile(self.conditions[k], self.idx, self.query, self.found)
        frame = pl.DataFrame([self.idx.codes(a) for a in self.columns[k]])
        return frame.select(expr.arg_true()).to_series().to_numpy().astype(np.int64)

    def test(self, k: int, rows: np.ndarray) -> np.ndarray:
        """Whether element ``k`` holds at each of ``rows`` (all < n): integer lookups at those rows only."""
        cond = self.conditions[k]
        return np.ones(rows.size, dtype=bool) if cond is None else self._holds(cond, rows)

    def _holds(self, cond: Condition, rows: np.ndarray) -> np.ndarray:
        if isinstance(cond, Test):
            codes = self.idx.array(cond.attr)[rows]
            wanted = self.found[cond]
            if wanted.len() == 1:
                hit = codes == wanted[0]
            else:
                if cond not in self.tables:
                    table = np.zeros(self.idx.size(cond.attr) + 1, dtype=bool)
                    table[wanted.to_numpy()] = True
                    self.tables[cond] = table
                hit = self.tables[cond][codes]
            return ~hit if cond.op == "!=" else hit
        if isinstance(cond, Not):
            return ~self._holds(cond.operand, rows)
        parts = [self._holds(op, rows) for op in cond.operands]
        return np.logical_and.reduce(parts) if isinstance(cond, And) else np.logical_or.reduce(parts)

    def estimate(self, cond: Condition | None) -> tuple[int, Test | Or | None]:
        """How many words at most satisfy ``cond``, and the (positive) part to read from the postings."""
        if isinstance(cond, Test) and cond.op == "=":
            codes = self.found[cond].to_numpy()
            return self.idx.frequency(cond.attr, codes), cond
        if isinstance(cond, And):
            return min((self.estimate(op) for op in cond.operands), key=lambda e: e[0])
        if isinstance(cond, Or):
            parts = [self.estimate(op) for op in cond.operands]
            if all(p[1] is not None for p in parts):
                return sum(p[0] for p in parts), cond
        return self.idx.n, None

    def rows(self, part: Test | Or) -> np.ndarray:
        """Rows satisfying the positive part chosen by :meth:`estimate` (a superset of the condition's)."""
        if isinstance(part, Test):
            return self.idx.rows_with(part.attr, self.found[part].to_numpy())
        return np.unique(np.concatenate([self.rows(self.estimate(op)[1]) for op in part.operands]))


def _advance(ev: _Evaluator, k: int, start: np.ndarray, cur: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keep the partial matches whose next word (``cur``) satisfies element ``k``; move on by one."""
    region = ev.region
    inside = region[cur] == region[start]  # the sentinel -1 after the last row is never equal
    start, cur = start[inside], cur[inside]
    ok = ev.test(k, cur)
    return start[ok], cur[ok] + 1


def _anchor(ev: _Evaluator, elements: list[Element]) -> np.ndarray | None:
    """Possible start rows read from the postings of the most selective word of the pattern.

    Only elements at a fixed distance from the start (every element before them has a fixed
    length) can anchor; None when no such element selects fewer than :data:`SELECTIVE` words.
    """
    best: tuple[int, int, Test | Or] | None = None
    offset = 0
    for el in elements:
        if el.low >= 1 and el.condition is not None:
            size, part = ev.estimate(el.condition)
            if part is not None and size < ev.idx.n * SELECTIVE and (best is None or size < best[0]):
                best = (size, offset, part)
        if el.low != el.high:
            break
        offset += el.low
    if best is None:
        return None
    _, offset, part = best
    rows = ev.rows(part)
    start = rows - offset
    keep = start >= 0
    start, rows = start[keep], rows[keep]
    return start[ev.region[start] == ev.region[rows]]


def _match(idx: TokenIndex, pattern: Pattern) -> tuple[np.ndarray, np.ndarray]:
    """First and last row of every match, CQP standard strategy."""
    ev = _Evaluator(idx, pattern)
    elements = pattern.elements
    first = elements[0]
    anchored = _anchor(ev, elements)
    remaining = [(k, el.low, el.high) for k, el in enumerate(elements) if k > 0]
    if anchored is not None:  # candidate starts; every element is then tested at its rows
        start, cur = anchored, anchored.copy()
        remaining = [(0, first.low, first.high), *remaining]
    elif first.low >= 1:
        start = ev.scan(0)
        cur = start + 1
        remaining = [(0, first.low - 1, first.high - 1), *remaining]
    else:
        start = np.arange(idx.n, dtype=np.int64)
        cur = start.copy()
        remaining = [(0, first.low, first.high), *remaining]
    for k, low, high in remaining:
        kept_start, kept_cur = [], []
        s, c = start, cur
        step = 0
        while True:
            if step >= low:
                kept_start.append(s)
                kept_cur.append(c)
            if step >= high or s.size == 0:
                break
            s, c = _advance(ev, k, s, c)
            step += 1
        start = np.concatenate(kept_start) if kept_start else np.zeros(0, np.int64)
        cur = np.concatenate(kept_cur) if kept_cur else np.zeros(0, np.int64)
        if start.size == 0:
            break
    end = cur - 1
    keep = end >= start
    start, end = start[keep], end[keep]
    if start.size == 0:
        return start, end
    if all(el.low == el.high for el in elements):  # fixed length: one match per start, none nested
        order = np.argsort(start, kind="stable")
        return start[order], end[order]
    order = np.lexsort((end, start))  # shortest match from each start…
    start, end = start[order], end[order]
    first = np.concatenate([[True], start[1:] != start[:-1]])
    start, end = start[first], end[first]
    order = np.lexsort((start, end))  # …then, of those ending at one word, the longest
    start, end = start[order], end[order]
    first = np.concatenate([[True], end[1:] != end[:-1]])
    start, end = start[first], end[first]
    order = np.argsort(start, kind="stable")
    return start[order], end[order]


MATCH_SCHEMA: dict[str, pl.DataType] = {
    "match_id": pl.UInt32(), "doc_id": pl.String(), "sent_id": pl.Int32(), "first_row": pl.Int64(),
    "last_row": pl.Int64(), "start_char": pl.Int64(), "end_char": pl.Int64(),
}


def matches(idx: TokenIndex, pattern: Pattern, documents: pl.DataFrame | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
    """First and last row of every match, after the ``::`` metadata constraints (which need ``documents``)."""
    first, last = _match(idx, pattern)
    if not pattern.metadata or first.size == 0:
        return first, last
    if documents is None:
        raise QueryError("a '::' constraint on document metadata needs the documents table: use "
                         "cl.concordance(corpus, …) or cl.query(corpus, …)", pattern.query, 0)
    keep = pl.DataFrame({"doc_id": idx.doc_names}).join(
        documents.with_columns(pl.col("doc_id").cast(pl.String)), on="doc_id", how="left", maintain_order="left")
    wanted = pl.lit(True)
    for column, value, flags in pattern.metadata:
        if column not in keep.columns:
            have = ", ".join(c for c in keep.columns if c not in ("doc_id", "text")) or "none"
            raise QueryError(f"match.text_{column}: no metadata column {column!r}; the documents have: {have}",
                             pattern.query, 0)
        regex = f"^(?:{value})$" if "l" not in flags else f"^{re.escape(value)}$"
        wanted = wanted & _fold(pl.col(column).cast(pl.String).fill_null(""), flags.replace("l", "")).str.contains(
            ("(?i)" if "c" in flags else "") + _fold_text(regex, flags.replace("c", "").replace("l", "")))
    try:
        ok = keep.select(wanted.alias("ok"))["ok"].to_numpy()
    except pl.exceptions.PolarsError as err:
        raise QueryError(f"bad regular expression after '::': {str(err).splitlines()[0]}", pattern.query, 0) from None
    chosen = ok[idx.document[first]]
    return first[chosen], last[chosen]


def query(tokens: pl.DataFrame | TokenIndex, pattern: str | Pattern,
          documents: pl.DataFrame | None = None) -> pl.DataFrame:
    """Matches of a token pattern: ``match_id, doc_id, sent_id, first_row, last_row, start_char, end_char``.

    ``first_row``/``last_row`` are row numbers in the token table (the first and last word of the
    match); ``start_char``/``end_char`` are offsets in the document text, so
    ``text[start_char:end_char]`` is the match. See the module docstring for the language;
    ``documents`` is needed by ``:: match.text_COL=…`` constraints.
    """
    idx = index(tokens)
    parsed = parse(pattern) if isinstance(pattern, str) else pattern
    if idx.n == 0:
        return pl.DataFrame(schema=MATCH_SCHEMA)
    first, last = matches(idx, parsed, documents)
    starts, ends = idx.offsets()
    return pl.DataFrame([
        pl.Series("match_id", np.arange(first.size), dtype=pl.UInt32),
        idx.doc_names.gather(pl.Series(idx.document[first], dtype=pl.Int64)).alias("doc_id"),
        idx.tokens["sent_id"].gather(pl.Series(first, dtype=pl.Int64)).cast(pl.Int32),
        pl.Series("first_row", first, dtype=pl.Int64),
        pl.Series("last_row", last, dtype=pl.Int64),
        pl.Series("start_char", starts[first], dtype=pl.Int64),
        pl.Series("end_char", ends[last], dtype=pl.Int64),
    ])


def count(tokens: pl.DataFrame | TokenIndex, pattern: str | Pattern, documents: pl.DataFrame | None = None) -> int:
    """Number of matches of a pattern (no result table)."""
    idx = index(tokens)
    parsed = parse(pattern) if isinstance(pattern, str) else pattern
    return 0 if idx.n == 0 else int(matches(idx, parsed, documents)[0].size)

r"""Token-pattern queries in the spirit of CQP (Corpus Workbench) over the token table.

The language
------------
A query is a sequence of token patterns, matched within one sentence::

    [lemma="avoir" & mood="Cnd"] [verbform="Part"]
    [form="selon"] []{0,3} [upos="PROPN"]
    lemma:sembler [upos="VERB"]
    "selon" [upos="PROPN"]+
    @[lemma="pouvoir" & mood="Cnd"] [pos="VERB"]
    a:[pos="NOUN"] [pos="ADP"] b:[pos="NOUN"] :: a.lemma = b.lemma

Token patterns
    ``[CONDITION]``  one word satisfying the condition; ``[]`` is any word (alone, every word).
    ``"pouvait"``    shorthand for ``[form="pouvait"]`` (a bare word ``pouvait`` too).
    ``lemma:sembler`` shorthand for ``[lemma="sembler"]`` (any attribute, ``ATTR:VALUE``).
    ``( … )``        a group of patterns, with ``|`` between alternatives:
    ``("le" | "la") [pos="NOUN"]``, ``([pos="ADJ"] ",")+``; ``|`` outside parentheses separates
    alternatives of the whole query (``"selon" [] | "d'après" []``).

Conditions
    ``ATTR="value"``: as in CQP, a quoted value is a regular expression that must match the whole
    value (``[lemma="dire|déclarer"]``, ``[word=".*ment"]``, ``[pos="N.*"]``; Rust ``regex`` syntax,
    as in polars; write ``\.`` for a full stop); ``ATTR!="value"`` its negation; ``/regex/`` is the
    same as ``"regex"``. Flags after a value: ``%l`` takes it literally (``[word="."%l]``), ``%c``
    ignores case, ``%d`` ignores diacritics (accents), ``%cd`` both, as in CQP. A bare word
    (``lemma:sembler``, ``pouvait``) is literal. Combine with ``&`` (and), ``|`` (or), ``!`` (not)
    and parentheses; ``&`` binds tighter than ``|``.

Quantifiers after a token pattern or a group
    ``?`` (0 or 1), ``*`` (0 or more), ``+`` (1 or more), ``{n}``, ``{n,m}``, ``{n,}``, ``{,m}``.
    A query that could match no word at all (``[]?``, ``"a"*``) is refused, as CQP refuses it.

Target and labels
    ``@`` before a token pattern marks the target, the word the hit is about
    (``@[lemma="pouvoir" & mood="Cnd"] [pos="VERB"]``): the result table gives its row and
    offsets, concordance lines are centred on it and counts are keyed on it. ``NAME:`` before a
    token pattern labels its word (``a:[pos="NOUN"]``) for the ``::`` constraints. On a repeated
    pattern both stand for its last word; on an optional pattern that matched no word they are
    unset (the target row is null, a comparison on the label is false, as in CQP). Written on
    several patterns (``(a:[…] | a:[…])``, ``@[…] @[…]``) they stand for the last word set.

Global constraints, region, cut (after the token patterns, in any order)
    ``:: CONSTRAINT`` keeps the matches that satisfy it, with ``LABEL.ATTR = "regex"`` (flags as
    above), ``LABEL.ATTR = LABEL.ATTR`` (the two words' values are equal; ``!=`` for different),
    a bare ``LABEL`` (the label is set), combined with ``&``, ``|``, ``!`` and parentheses.
    ``LABEL`` is a label of the query, ``match`` (the first word) or ``matchend`` (the last);
    ``ATTR`` a token attribute or ``text_COL``, the metadata column ``COL`` of the document
    (CQP's structural attribute ``text_COL``): ``[lemma="selon"] [] :: match.text_date="2012.*"``.
    As in CQP, constraints choose among the ways a query can match before the matching strategy
    does. ``within s`` (the default: a match lies in one sentence), ``within p`` (one paragraph) or
    ``within text`` (one document). ``cut N`` keeps the first N matches.

Refused with a message (not supported): XML tags (``<s>``), label references inside a token
pattern (``[lemma = a.lemma]``: compare after ``::``), ``_`` (the current word), numeric
comparisons and functions (``distabs``…) in constraints, ``contains``/``matches``, ``target`` as a
label, ``@`` or a label before a group, ``expand``, ``MU``/``meet`` and ``TAB`` queries.

Attributes
    ``form`` (alias ``word``), ``lemma``, ``upos`` (alias ``pos``), ``xpos``, ``deprel``, the
    feature columns (``mood``, ``tense``, ``verbform``, ``person``, ``number``) and any other
    column of the table (``in_quote``, ``category``, ``class``…). Any other Universal Dependencies
    feature is read from ``feats`` (``gender="Fem"``, ``polarity="Neg"``). A missing value is the
    empty string, so ``[mood!="Cnd"]`` also matches words without a mood.

Matches follow CQP's default ("standard") matching strategy: of the matches starting at
one word the shortest is kept, then of those ending at one word the longest (Evert & the
CWB Development Team, *The IMS Open Corpus Workbench (CWB) CQP Query Language Tutorial*).
Where one match can be read in several ways that place a label or the target differently
(``[]* @[]? []*``), the earlier patterns take as many words as they can; CQP leaves this case
to its automaton and may place them otherwise.

How it runs
-----------
Each attribute is dictionary-encoded once per table (:class:`TokenIndex`, cached): a string
condition is evaluated on the few thousand distinct values, never on the millions of words,
and becomes an integer comparison (``code == k`` or ``code in {k…}``) in a polars expression
over the code columns. The first token pattern is scanned once over the whole table (or its
rows read from the postings of its rarest word); the following ones are tested only at the
candidate rows by row-index arithmetic (``row + 1``), with a region-number check, so a sequence
costs one scan plus work proportional to the number of partial matches, each carried with the
row where every labelled word lies. The table must be in document order (as parsers and
readers give it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from corpusling.errors import InputError, QueryError
from corpusling.groups import check_group_by
from corpusling.token_index import ALIASES, TokenIndex, index, keep_index, open_on_first_use

__all__ = ["ALIASES", "Matches", "Pattern", "TokenIndex", "count", "index", "keep_index", "match_rows", "matches",
           "open_on_first_use", "parse", "query"]

_BARE = re.compile(r"[^\s\[\]{}()\"/=!&|?*+%:,@]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_LABEL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?=\[)")
_REF = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?")
_QUANT = re.compile(r"\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}")
_UNBOUNDED = 1 << 30
#: Characters that make a quoted value a regular expression rather than a plain word.
_REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")
#: Names CQP gives to positions of a match: not available as labels.
_RESERVED = {"match", "matchend", "target", "keyword", "_"}


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
    """One token pattern with its repetition bounds; ``condition`` None is ``[]`` (any word).

    ``slot`` numbers the token patterns of the query from left to right (groups included): the
    matcher records there the last word each one matched. ``label`` (``a:[…]``) and ``target``
    (``@[…]``) name that word.
    """

    condition: Condition | None
    low: int = 1
    high: int = 1
    position: int = 0
    slot: int = 0
    label: str | None = None
    target: bool = False


@dataclass(frozen=True)
class Group:
    """``( … | … )`` with its repetition bounds: alternatives, each a sequence of patterns and groups."""

    alternatives: tuple[tuple[Item, ...], ...]
    low: int = 1
    high: int = 1
    position: int = 0


Item = Element | Group


@dataclass(frozen=True)
class Ref:
    """``label.attr`` in a ``::`` constraint: ``label`` is a query label, ``match`` or ``matchend``;
    ``attr`` a token attribute, ``text_COL`` (document metadata) or None (the bare label: is it set?)."""

    label: str
    attr: str | None
    position: int = 0


@dataclass(frozen=True)
class Compare:
    """``ref OP "value"`` (``value``, ``regex``, ``flags`` as in :class:`Test`) or ``ref OP ref`` (``other``)."""

    ref: Ref
    op: str
    value: str = ""
    regex: bool = False
    flags: str = ""
    other: Ref | None = None


Constraint = Compare | Ref | Not | And | Or


def _items(items: tuple[Item, ...] | list[Item]) -> list[Element]:
    """The token patterns of a sequence, groups opened, left to right."""
    out: list[Element] = []
    for item in items:
        if isinstance(item, Element):
            out.append(item)
        else:
            for alternative in item.alternatives:
                out += _items(alternative)
    return out


def _min_length(items: tuple[Item, ...] | list[Item]) -> int:
    """The fewest words a sequence can match."""
    return sum(it.low if isinstance(it, Element) else it.low * min(_min_length(a) for a in it.alternatives)
               for it in items)


def _fixed_length(items: tuple[Item, ...] | list[Item]) -> int | None:
    """The number of words every match of a sequence has, or None when it varies."""
    total = 0
    for it in items:
        if it.low != it.high:
            return None
        if isinstance(it, Element):
            total += it.low
            continue
        lengths = {_fixed_length(a) for a in it.alternatives}
        if len(lengths) != 1 or None in lengths:
            return None
        total += it.low * lengths.pop()
    return total


@dataclass
class Pattern:
    """A parsed query: the sequence of token patterns and groups, the region, the ``::`` constraint."""

    query: str
    elements: list[Item] = field(default_factory=list)
    #: Region a match must lie in: ``s`` (sentence), ``p`` (paragraph) or ``text`` (document).
    within: str = "s"
    #: The ``::`` global constraint, if any.
    constraint: Constraint | None = None
    #: ``cut N``: keep the first N matches.
    cut: int | None = None

    def tokens(self) -> list[Element]:
        """Every token pattern, in slot order."""
        return _items(self.elements)

    @property
    def labels(self) -> dict[str, tuple[int, ...]]:
        """Label → slots of the token patterns it labels (several in alternatives: ``(a:[…] | a:[…])``)."""
        found: dict[str, tuple[int, ...]] = {}
        for el in self.tokens():
            if el.label:
                found[el.label] = (*found.get(el.label, ()), el.slot)
        return found

    @property
    def target(self) -> tuple[int, ...] | None:
        """Slots of the ``@`` token patterns (several in alternatives), or None without a target."""
        return tuple(el.slot for el in self.tokens() if el.target) or None

    @property
    def metadata(self) -> list[tuple[str, str, str]]:
        """The ``LABEL.text_COL = "regex"`` comparisons of the constraint: (column, regex, flags)."""
        found: list[tuple[str, str, str]] = []

        def walk(node: Constraint | None) -> None:
            if isinstance(node, Compare) and node.other is None and (node.ref.attr or "").startswith("text_"):
                found.append((node.ref.attr.removeprefix("text_"), node.value, node.flags))
            elif isinstance(node, Not):
                walk(node.operand)
            elif isinstance(node, And | Or):
                for op in node.operands:
                    walk(op)

        walk(self.constraint)
        return found

    def attributes(self) -> set[str]:
        """The attributes the token patterns read."""
        return {a for el in self.tokens() for a in _attributes(el.condition)}


# --------------------------------------------------------------------------- parser

class _Parser:
    def __init__(self, query: str) -> None:
        self.q = query
        self.i = 0
        self.slots = 0
        self.labels: set[str] = set()

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

    def keyword(self) -> str | None:
        """The clause that starts here after the token patterns (``::``, ``within``, ``cut N``), if any."""
        self.skip()
        rest = self.q[self.i:]
        if rest.startswith("::"):
            return "::"
        if re.match(r"within\b", rest):
            return "within"
        if re.match(r"cut\s+\d", rest):
            return "cut"
        return None

    # sequence -------------------------------------------------------------
    def parse(self) -> Pattern:
        pattern = Pattern(self.q)
        if not self.q.strip():
            raise QueryError("empty query: give at least one token pattern, e.g. [lemma=\"dire\"]", self.q, 0)
        if self.keyword():
            raise QueryError("the query has no token pattern before 'within', '::' or 'cut'", self.q, 0)
        self.refuse_commands()
        alternatives = self.alternatives()
        pattern.elements = list(alternatives[0]) if len(alternatives) == 1 else [Group(tuple(alternatives))]
        seen: set[str] = set()
        while self.peek():
            start = self.i
            clause = self.keyword()
            if clause is None:
                raise self.error(f"unexpected {self.q[self.i]!r}")
            if clause in seen:
                raise self.error(f"'{clause}' appears twice", start)
            seen.add(clause)
            if clause == "::":
                self.i += 2
                pattern.constraint = self.constraint()
            elif clause == "within":
                pattern.within = self.region()
            else:
                self.i += len("cut")
                self.skip()
                number = re.match(r"\d+", self.q[self.i:]).group()
                self.i += len(number)
                pattern.cut = int(number)
        if _min_length(pattern.elements) == 0:
            raise QueryError("the query can match no word at all (every pattern is optional); CQP refuses it "
                             "too: make one pattern required (drop its ?, * or {0,…})", self.q, 0)
        return pattern

    def refuse_commands(self) -> None:
        """CQP's query forms and commands that are not token patterns: refused by name."""
        self.skip()
        rest = self.q[self.i:]
        for word, what in (("MU", "MU(meet …) queries"), ("meet", "meet queries"), ("TAB", "TAB queries")):
            if re.match(rf"{word}\b\s*[(\[\"]", rest):
                raise self.error(f"{what} are not supported; write the words as a sequence with gaps "
                                 "([] or []{0,5}) or use collocates")

    def alternatives(self) -> list[tuple[Item, ...]]:
        """Sequences separated by ``|``."""
        found = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            found.append(self.sequence())
        return found

    def sequence(self) -> tuple[Item, ...]:
        items: list[Item] = []
        while True:
            char = self.peek()
            if not char or char in "|)" or self.keyword():
                break
            if re.match(r"expand\b", self.q[self.i:]):
                raise self.error("'expand' is not supported: widen the concordance with --width")
            items.append(self.item())
        if not items:
            found = repr(self.q[self.i]) if self.i < len(self.q) else "the end of the query"
            raise self.error(f"expected a token pattern, found {found}")
        return tuple(items)

    def item(self) -> Item:
        self.skip()
        start = self.i
        target = False
        if self.peek() == "@":
            target = True
            self.i += 1
            self.skip()
        label = None
        if re.match(r"[A-Za-z_][A-Za-z0-9_]*:\s*\(", self.q[self.i:]):
            raise self.error("@ and labels go before a token pattern [...], not before a group ( … )", start)
        named = _LABEL.match(self.q, self.i)
        if named:
            label = named.group(1)
            if label in _RESERVED:
                raise self.error(f"{label!r} cannot be a label: CQP reserves it (match, matchend, target, keyword)")
            self.labels.add(label)
            self.i = named.end()
        if self.peek() == "(":
            if target or label:
                raise self.error("@ and labels go before a token pattern [...], not before a group ( … )", start)
            self.i += 1
            alternatives = self.alternatives()
            self.expect(")")
            low, high = self.quantifier()
            if high == _UNBOUNDED and any(_min_length(a) == 0 for a in alternatives):
                raise self.error("a group repeated without limit must match at least one word each time", start)
            return Group(tuple(alternatives), low, high, start)
        if (target or label) and not (self.peek() and (self.peek() in '["/' or _BARE.match(self.q, self.i))):
            raise self.error("@ and labels go before a token pattern: @[…], a:[…]", start)
        cond = self.token()
        low, high = self.quantifier()
        slot = self.slots
        self.slots += 1
        return Element(cond, low, high, start, slot, label, target)

    def token(self) -> Condition | None:
        """One token pattern: ``[…]``, ``"…"``, ``/…/``, ``ATTR:VALUE`` or a bare word."""
        char = self.peek()
        start = self.i
        if char == "<":
            raise self.error("XML region tags (<s>, </s>) are not supported in a query; use 'within s|p|text'")
        if char == "[":
            self.i += 1
            cond = None if self.peek() == "]" else self.disjunction()
            self.expect("]")
            return cond
        if char == '"':
            value, _ = self.quoted('"')
            flags = self.flags()
            return Test("form", "=", value, "l" not in flags, flags.replace("l", ""), start)
        if char == "/":
            value, _ = self.quoted("/")
            return Test("form", "=", value, True, self.flags(), start)
        match = _BARE.match(self.q, self.i)
        if not match:
            raise self.error(f"unexpected {char!r}: a token pattern starts with '[', '\"', '(' or a word")
        self.i = match.end()
        if self.i < len(self.q) and self.q[self.i] == ":":
            attr = self.attribute_name(match.group(), start)
            self.i += 1
            value, regex, flags = self.value()
            return Test(attr, "=", value, regex, flags, start)
        return Test("form", "=", match.group(), False, self.flags(), start)

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
        if name.startswith("_."):
            raise self.error("'_' (the current word) is not supported: write the attribute alone ([lemma=…])",
                             position)
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
            self.refuse_operator(f"after the attribute {attr!r}")
        value, regex, flags = self.value()
        return Test(attr, op, value, regex, flags, start)

    def refuse_operator(self, where: str) -> None:
        """No ``=`` or ``!=`` here: name what was written if CQP has it, else say what is expected."""
        rest = self.q[self.i:]
        other = re.match(r"(<=|>=|<|>|contains\b|matches\b)", rest)
        if other:
            raise self.error(f"the operator {other.group(1)!r} is not supported: use = or != (a regular "
                             "expression: \".*Mood=Cnd.*\" for a feature, \"1[0-9]\" for numbers)")
        raise self.error(f"expected = or != {where}")

    def value(self) -> tuple[str, bool, str]:
        char = self.peek()
        if char == '"':  # a regular expression, as in CQP, unless %l
            value, _ = self.quoted('"')
            flags = self.flags()
            return value, "l" not in flags, flags.replace("l", "")
        if char == "/":
            value, _ = self.quoted("/")
            return value, True, self.flags()
        start = self.i
        match = _BARE.match(self.q, self.i)
        if not match:
            raise self.error('expected a value: "text", /regex/ or a word')
        reference = re.fullmatch(r"([A-Za-z_]\w*)\.\w+", match.group())
        if reference and reference.group(1) in self.labels | _RESERVED:
            raise self.error(f"a label inside a token pattern ({match.group()}) is not supported: label this "
                             f"word too and compare after '::' (… b:[] :: b.ATTR = {match.group()})", start)
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

    # global constraints, region ---------------------------------------------
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

    def constraint(self) -> Constraint:
        """``::`` global constraint: comparisons on labels combined with ``|``, ``&``, ``!`` and parentheses."""
        if not self.peek():
            raise self.error("expected a constraint after '::', e.g. a.lemma = b.lemma or match.text_date=\"2012.*\"")
        items = [self.constraint_and()]
        while self.peek() == "|":
            self.i += 1
            items.append(self.constraint_and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def constraint_and(self) -> Constraint:
        items = [self.constraint_not()]
        while self.peek() == "&":
            self.i += 1
            items.append(self.constraint_not())
        return items[0] if len(items) == 1 else And(tuple(items))

    def constraint_not(self) -> Constraint:
        if self.peek() == "!":
            self.i += 1
            return Not(self.constraint_not())
        if self.peek() == "(":
            self.i += 1
            found = self.constraint()
            self.expect(")")
            return found
        return self.comparison()

    def reference(self) -> Ref:
        """``label.attr`` or a bare ``label``."""
        self.skip()
        start = self.i
        match = _REF.match(self.q, self.i)
        if not match:
            char = self.q[self.i] if self.i < len(self.q) else "the end of the query"
            raise self.error(f"expected a label (a.lemma, match.text_date…), found {char!r}")
        label, attr = match.group(1), match.group(2)
        after = self.q[match.end():].lstrip()
        if after.startswith("("):
            raise self.error(f"functions in '::' constraints ({label}(…)) are not supported", start)
        if label == "_":
            raise self.error("'_' (the current word) is not supported in '::' constraints", start)
        if label in ("target", "keyword"):
            raise self.error(f"{label!r} cannot be used in a '::' constraint (CQP sets it after them); "
                             "give the word a label: @a:[…] … :: a.lemma = …", start)
        if label not in self.labels and label not in ("match", "matchend"):
            known = ", ".join(sorted(self.labels)) or "none"
            raise self.error(f"the label {label!r} is not defined: label a word with {label}:[…] "
                             f"(labels of this query: {known}; also match and matchend)", start)
        self.i = match.end()
        if attr and not attr.startswith("text_"):
            attr = ALIASES.get(attr, attr)
        return Ref(label, attr, start)

    def comparison(self) -> Constraint:
        ref = self.reference()
        self.skip()
        if self.q.startswith("!=", self.i):
            op, self.i = "!=", self.i + 2
        elif self.q.startswith("=", self.i):
            op, self.i = "=", self.i + 1
        elif ref.attr is None:
            return ref  # a bare label: true where it is set
        elif re.match(r"(<=|>=|<|>|contains\b|matches\b)", self.q[self.i:]):
            self.refuse_operator(f"after {ref.label}.{ref.attr}")
        else:
            raise self.error(f"compare {ref.label}.{ref.attr} with = or != (e.g. {ref.label}.{ref.attr}=\"…\")")
        if ref.attr is None:
            raise self.error(f"compare an attribute of {ref.label!r}: {ref.label}.lemma = …", ref.position)
        if self.peek() in ('"', "/"):
            value, regex, flags = self.value()
            return Compare(ref, op, value, regex, flags)
        other = self.reference()
        if other.attr is None:
            raise self.error(f"compare an attribute of {other.label!r}: … = {other.label}.lemma", other.position)
        if self.peek() == "%":
            raise self.error("flags (%c, %d) go after a quoted value, not after a label's attribute")
        return Compare(ref, op, other=other)


def parse(query: str) -> Pattern:
    """Parse a query; a syntax error raises :class:`QueryError` with the position of the bad character."""
    return _Parser(query).parse()


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


def _regex_problem(err: Exception) -> str:
    """The line of a polars regex error that says what is wrong ("unclosed group")."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    detail = next((line for line in lines if line.startswith("error:")), lines[-1] if lines else "")
    return detail.removeprefix("error:").strip()


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
            at = query.find(test.value, test.position)
            raise QueryError(f"bad regular expression \"{test.value}\": {_regex_problem(err)}",
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
    """Evaluates each token pattern's condition over the whole table, at given rows, or from the postings."""

    def __init__(self, idx: TokenIndex, pattern: Pattern) -> None:
        self.idx = idx
        self.region = idx.region(pattern.within)
        self.found: dict[Test, pl.Series] = {}
        self.query = pattern.query
        elements = pattern.tokens()
        self.conditions = [el.condition for el in elements]  # by slot
        for el in elements:  # look every value up once, in the lexicons (also reports bad attributes)
            self._lookup(el.condition)
        self.columns = [sorted(set(_attributes(el.condition))) for el in elements]
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
        """Rows of the whole table where pattern ``k`` holds: one polars expression over the code columns."""
        if self.conditions[k] is None:
            return np.arange(self.idx.n, dtype=np.int64)
        expr = _compile(self.conditions[k], self.idx, self.query, self.found)
        frame = pl.DataFrame([self.idx.codes(a) for a in self.columns[k]])
        return frame.select(expr.arg_true()).to_series().to_numpy().astype(np.int64)

    def test(self, k: int, rows: np.ndarray) -> np.ndarray:
        """Whether pattern ``k`` holds at each of ``rows`` (all < n): integer lookups at those rows only."""
        cond = self.conditions[k]
        return np.ones(rows.size, dtype=bool) if cond is None else self._holds(cond, rows)

    def table(self, test: Test) -> np.ndarray:
        """Whether each code of ``test.attr`` satisfies ``test`` (positive form), as a lookup table."""
        if test not in self.tables:
            table = np.zeros(self.idx.size(test.attr) + 1, dtype=bool)
            table[self.found[test].to_numpy()] = True
            self.tables[test] = table
        return self.tables[test]

    def _holds(self, cond: Condition, rows: np.ndarray) -> np.ndarray:
        if isinstance(cond, Test):
            codes = self.idx.array(cond.attr)[rows]
            wanted = self.found[cond]
            hit = codes == wanted[0] if wanted.len() == 1 else self.table(cond)[codes]
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


def _anchor(ev: _Evaluator, items: list[Item] | tuple[Item, ...]) -> np.ndarray | None:
    """Possible start rows read from the postings of the most selective word of the sequence.

    Only token patterns at a fixed distance from the start (every pattern before them has a
    fixed length, no group) can anchor; None when no such pattern selects fewer than
    :data:`SELECTIVE` words.
    """
    best: tuple[int, int, Test | Or] | None = None
    offset = 0
    for el in items:
        if isinstance(el, Group):
            break
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


#: Partial matches, one per row of each array: first row, next row to test, and the last row that
#: some token patterns matched (a column per carried slot, -1 where it matched none; see :class:`_Slots`).
Paths = tuple[np.ndarray, np.ndarray, np.ndarray]


class _Slots:
    """Where the last word of each labelled token pattern (or the target) is found in a match.

    A pattern of fixed length with only fixed-length patterns before it (or after it) sits at a
    fixed distance from the match's first (last) word: its row is computed, not carried. The
    others are carried along the partial matches, one column each, with the patterns of variable
    length (and in groups) before them, which decide between two readings of one match
    (:func:`_standard_strategy`); a fixed pattern after those adds nothing to that choice.
    """

    def __init__(self, pattern: Pattern) -> None:
        items = pattern.elements
        #: slot → ("start", k): row start + k; ("end", k): row end − k; ("unset", 0): never a word
        self.fixed: dict[int, tuple[str, int]] = {}
        for side, sequence in (("start", items), ("end", list(reversed(items)))):
            offset = 0
            for it in sequence:
                if not isinstance(it, Element) or it.low != it.high:
                    break
                if it.slot not in self.fixed:
                    place = offset + it.low - 1 if side == "start" else offset
                    self.fixed[it.slot] = (side, place) if it.low else ("unset", 0)
                offset += it.low
        top = {it.slot for it in items if isinstance(it, Element)}
        marked = {el.slot for el in pattern.tokens() if el.label or el.target} - self.fixed.keys()
        last = max(marked, default=-1)
        choosing = {el.slot for el in pattern.tokens() if el.slot < last and el.slot not in self.fixed
                    and (el.low != el.high or el.slot not in top)}
        #: slot → column of the carried slots, in slot order
        self.column = {slot: k for k, slot in enumerate(sorted(marked | choosing))}

    def rows(self, slots: tuple[int, ...], start: np.ndarray, end: np.ndarray, marks: np.ndarray) -> np.ndarray:
        """The row of a label (or the target) in each match: its last word; when it names several patterns
        (a label or @ written twice, in alternatives) the later word, as in CQP; -1 where unset."""
        found = []
        for slot in slots:
            if slot in self.column:
                found.append(marks[:, self.column[slot]])
                continue
            side, k = self.fixed[slot]
            found.append(start + k if side == "start" else end - k if side == "end" else np.full(start.size, -1))
        return found[0] if len(found) == 1 else np.maximum.reduce(found)


class _Matcher:
    """Extends partial matches pattern by pattern: every way a query can match, as :data:`Paths`."""

    def __init__(self, idx: TokenIndex, pattern: Pattern, slots: _Slots) -> None:
        self.ev = _Evaluator(idx, pattern)
        self.n = idx.n
        self.column = slots.column
        self.width = len(self.column)

    def begin(self, start: np.ndarray) -> Paths:
        return start, start.copy(), np.full((start.size, self.width), -1, dtype=np.int64)

    @staticmethod
    def concat(parts: list[Paths]) -> Paths:
        return tuple(np.concatenate([p[k] for p in parts]) for k in range(3))  # type: ignore[return-value]

    def unique(self, paths: Paths) -> Paths:
        """The same partial match reached in several ways is kept once."""
        start, cur, marks = paths
        rows = np.unique(np.column_stack([start, cur, marks]), axis=0)
        return rows[:, 0].copy(), rows[:, 1].copy(), rows[:, 2:].copy()

    def word(self, el: Element, paths: Paths) -> Paths:
        """Keep the partial matches whose next word satisfies ``el`` (inside the region); move on by one."""
        start, cur, marks = paths
        region = self.ev.region
        inside = region[cur] == region[start]  # the sentinel -1 after the last row is never equal
        start, cur = start[inside], cur[inside]
        ok = self.ev.test(el.slot, cur)
        start, cur = start[ok], cur[ok]
        if not self.width:
            return start, cur + 1, np.empty((start.size, 0), dtype=np.int64)
        marks = marks[inside][ok]  # a fresh array (boolean indexing copies)
        if el.slot in self.column:
            marks[:, self.column[el.slot]] = cur
        return start, cur + 1, marks

    def repeat(self, paths: Paths, low: int, high: int, once: Callable[[Paths], Paths], merge: bool) -> Paths:
        """``once`` applied ``low`` to ``high`` times: every partial match after each count in the bounds."""
        kept = []
        step = 0
        while True:
            if step >= low:
                kept.append(paths)
            if step >= high or paths[0].size == 0:
                break
            paths = once(paths)
            step += 1
        out = self.concat(kept) if len(kept) > 1 else kept[0] if kept else self.begin(np.zeros(0, np.int64))
        return self.unique(out) if merge and len(kept) > 1 else out

    def item(self, it: Item, paths: Paths) -> Paths:
        if isinstance(it, Element):
            if it.low == it.high == 1:
                return self.word(it, paths)
            return self.repeat(paths, it.low, it.high, lambda p: self.word(it, p), merge=False)
        if it.low == it.high == 1:
            return self.group(it, paths)
        return self.repeat(paths, it.low, it.high, lambda p: self.group(it, p), merge=True)

    def group(self, group: Group, paths: Paths) -> Paths:
        found = [self.sequence(alternative, paths) for alternative in group.alternatives]
        return found[0] if len(found) == 1 else self.unique(self.concat(found))

    def sequence(self, items: tuple[Item, ...] | list[Item], paths: Paths) -> Paths:
        for it in items:
            if paths[0].size == 0:
                break
            paths = self.item(it, paths)
        return paths

    def run(self, items: list[Item] | tuple[Item, ...]) -> Paths:
        """Every way the query matches: from its rarest word's postings, a scan of its first word, or every row."""
        if len(items) == 1 and isinstance(items[0], Group) and items[0].low == items[0].high == 1:
            return self.concat([self.run(alternative) for alternative in items[0].alternatives])
        anchored = _anchor(self.ev, items)
        if anchored is not None:
            return self.sequence(items, self.begin(anchored))
        first = items[0]
        if isinstance(first, Element) and first.low >= 1:
            start = self.ev.scan(first.slot)
            paths = self.begin(start)
            paths = paths[0], paths[1] + 1, paths[2]
            if first.slot in self.column:
                paths[2][:, self.column[first.slot]] = start
            if first.high > 1:
                paths = self.repeat(paths, first.low - 1, first.high - 1, lambda p: self.word(first, p), merge=False)
            return self.sequence(items[1:], paths)
        return self.sequence(items, self.begin(np.arange(self.n, dtype=np.int64)))


class _Constraints:
    """Evaluates a ``::`` constraint on every way of matching: a boolean per partial match."""

    def __init__(self, idx: TokenIndex, pattern: Pattern, documents: pl.DataFrame | None, slots: _Slots) -> None:
        self.idx = idx
        self.pattern = pattern
        self.documents = documents
        self.labels = pattern.labels
        self.slots = slots
        self._metadata: dict[str, pl.Series] = {}

    def holds(self, node: Constraint, start: np.ndarray, end: np.ndarray, marks: np.ndarray) -> np.ndarray:
        if isinstance(node, Not):
            return ~self.holds(node.operand, start, end, marks)
        if isinstance(node, And | Or):
            parts = [self.holds(op, start, end, marks) for op in node.operands]
            return np.logical_and.reduce(parts) if isinstance(node, And) else np.logical_or.reduce(parts)
        if isinstance(node, Ref):
            return self.rows(node, start, end, marks) >= 0
        rows = self.rows(node.ref, start, end, marks)
        known = rows >= 0  # an unset label makes any comparison false, as in CQP
        at = np.where(known, rows, 0)
        if node.other is None:
            same = self.matches_value(node, at)
        else:
            other = self.rows(node.other, start, end, marks)
            known &= other >= 0
            same = self.equal(node.ref, at, node.other, np.where(other >= 0, other, 0))
        return known & (~same if node.op == "!=" else same)

    def rows(self, ref: Ref, start: np.ndarray, end: np.ndarray, marks: np.ndarray) -> np.ndarray:
        if ref.label == "match":
            return start
        if ref.label == "matchend":
            return end
        return self.slots.rows(self.labels[ref.label], start, end, marks)

    def metadata(self, column: str, position: int) -> pl.Series:
        """A metadata column's value (a string, "" when missing) for each document, in table order."""
        if column not in self._metadata:
            if self.documents is None:
                raise QueryError("a '::' constraint on document metadata needs the documents table: use "
                                 "cl.concordance(corpus, …) or cl.query(corpus, …)", self.pattern.query, position)
            try:
                check_group_by(self.documents, column, option="metadata")
            except InputError as err:  # the one check and message (corpusling.groups), pointed at in the query
                raise QueryError(str(err), self.pattern.query, position) from None
            names, values = self.documents["doc_id"].cast(pl.String), self.documents[column].cast(pl.String)
            if not names.equals(self.idx.doc_names, check_names=False):  # not in table order: look each one up
                values = (pl.DataFrame({"doc_id": self.idx.doc_names})
                          .join(pl.DataFrame({"doc_id": names, column: values}), on="doc_id", how="left",
                                maintain_order="left"))[column]
            values = values.fill_null("")
            self._metadata[column] = values
        return self._metadata[column]

    def values(self, ref: Ref, rows: np.ndarray) -> pl.Series:
        """The value of ``ref`` at each row, as strings."""
        if ref.attr.startswith("text_"):
            documents = pl.Series(self.idx.document[rows], dtype=pl.Int64)
            return self.metadata(ref.attr.removeprefix("text_"), ref.position).gather(documents)
        codes = self.codes(ref, rows)
        return self.idx.lexicon(ref.attr)["value"].gather(pl.Series(codes, dtype=pl.Int64))

    def codes(self, ref: Ref, rows: np.ndarray) -> np.ndarray:
        try:
            return self.idx.array(ref.attr)[rows]
        except KeyError:
            raise QueryError(f"unknown attribute {ref.attr!r}; available: {', '.join(self.idx.available())}",
                             self.pattern.query, ref.position) from None

    def matches_value(self, node: Compare, rows: np.ndarray) -> np.ndarray:
        """Whether the value of ``node.ref`` at each row matches ``node.value`` (a regex unless literal)."""
        attr = node.ref.attr
        if attr.startswith("text_"):
            values = self.metadata(attr.removeprefix("text_"), node.ref.position)
            regex = f"^(?:{node.value})$" if node.regex else f"^{re.escape(node.value)}$"
            pattern = ("(?i)" if "c" in node.flags else "") + _fold_text(regex, node.flags.replace("c", ""))
            if node.flags:
                values = values.to_frame("value").select(_fold(pl.col("value"), node.flags)).to_series()
            try:
                ok = values.str.contains(pattern)
            except pl.exceptions.PolarsError as err:
                raise QueryError(f"bad regular expression \"{node.value}\": {_regex_problem(err)}",
                                 self.pattern.query, node.ref.position) from None
            return ok.to_numpy()[self.idx.document[rows]]
        test = Test(attr, "=", node.value, node.regex, node.flags, node.ref.position)
        wanted = _matching_codes(self.idx, test, self.pattern.query).to_numpy()
        table = np.zeros(self.idx.size(attr) + 1, dtype=bool)
        table[wanted] = True
        return table[self.codes(node.ref, rows)]

    def equal(self, left: Ref, left_rows: np.ndarray, right: Ref, right_rows: np.ndarray) -> np.ndarray:
        """Whether the two values are the same string (the same code when the attribute is the same)."""
        if left.attr == right.attr and not left.attr.startswith("text_"):
            return self.codes(left, left_rows) == self.codes(right, right_rows)
        return (self.values(left, left_rows) == self.values(right, right_rows)).fill_null(False).to_numpy()


@dataclass
class Matches:
    """The matches of a query: first and last row of each, the target's row (None when the query has no
    ``@``; -1 where the target pattern matched no word) and each label's row (-1 where unset)."""

    first: np.ndarray
    last: np.ndarray
    target: np.ndarray | None = None
    labels: dict[str, np.ndarray] = field(default_factory=dict)


def _standard_strategy(start: np.ndarray, end: np.ndarray, marks: np.ndarray) -> np.ndarray:
    """Which of the ways of matching are kept, in corpus order: CQP's standard strategy.

    Of the matches starting at one word the shortest, then of those ending at one word the longest;
    of the ways of reading one match, the one whose earlier patterns take the most words (the
    largest rows recorded in slot order).
    """
    keys = [-marks[:, k] for k in reversed(range(marks.shape[1]))]
    order = np.lexsort([*keys, end, start])  # by start, end, then slot rows descending
    start, end = start[order], end[order]
    first = np.concatenate([[True], start[1:] != start[:-1]])  # shortest from each start…
    order, start, end = order[first], start[first], end[first]
    by_end = np.lexsort((start, end))  # …then, of those ending at one word, the longest
    order, start, end = order[by_end], start[by_end], end[by_end]
    first = np.concatenate([[True], end[1:] != end[:-1]])
    order, start = order[first], start[first]
    return order[np.argsort(start, kind="stable")]


def match_rows(idx: TokenIndex, pattern: Pattern, documents: pl.DataFrame | None = None) -> Matches:
    """Every match of a parsed query, its target and its labels (``documents``: for ``text_COL`` constraints)."""
    slots = _Slots(pattern)
    start, cur, marks = _Matcher(idx, pattern, slots).run(pattern.elements)
    end = cur - 1
    keep = end >= start
    start, end, marks = start[keep], end[keep], marks[keep]
    if pattern.constraint is not None and start.size:
        keep = _Constraints(idx, pattern, documents, slots).holds(pattern.constraint, start, end, marks)
        start, end, marks = start[keep], end[keep], marks[keep]
    elif pattern.constraint is not None:  # no match: still check the constraint's columns and labels
        _Constraints(idx, pattern, documents, slots).holds(pattern.constraint, start, end, marks)
    if start.size and _fixed_length(pattern.elements) is not None and not any(
            isinstance(it, Group) for it in pattern.elements):  # one match per start, none nested
        order = np.argsort(start, kind="stable")
    else:
        order = _standard_strategy(start, end, marks) if start.size else np.zeros(0, np.int64)
    if pattern.cut is not None:
        order = order[:pattern.cut]
    start, end, marks = start[order], end[order], marks[order]
    target = pattern.target
    return Matches(start, end, None if target is None else slots.rows(target, start, end, marks),
                   {label: slots.rows(where, start, end, marks) for label, where in pattern.labels.items()})


MATCH_SCHEMA: dict[str, pl.DataType] = {
    "match_id": pl.UInt32(), "doc_id": pl.String(), "sent_id": pl.Int32(), "first_row": pl.Int64(),
    "last_row": pl.Int64(), "start_char": pl.Int64(), "end_char": pl.Int64(),
}
#: Columns added when the query has a target (``@``); null where the target pattern matched no word.
TARGET_SCHEMA: dict[str, pl.DataType] = {
    "target_row": pl.Int64(), "target_start_char": pl.Int64(), "target_end_char": pl.Int64(),
}


def matches(idx: TokenIndex, pattern: Pattern, documents: pl.DataFrame | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
    """First and last row of every match, after the ``::`` constraints (those on metadata need ``documents``)."""
    found = match_rows(idx, pattern, documents)
    return found.first, found.last


def query(tokens: pl.DataFrame | TokenIndex, pattern: str | Pattern,
          documents: pl.DataFrame | None = None) -> pl.DataFrame:
    """Matches of a token pattern: ``match_id, doc_id, sent_id, first_row, last_row, start_char, end_char``.

    ``first_row``/``last_row`` are row numbers in the token table (the first and last word of the
    match); ``start_char``/``end_char`` are offsets in the document text, so
    ``text[start_char:end_char]`` is the match. With a target (``@``) the table also has
    ``target_row, target_start_char, target_end_char`` (null where the target pattern matched no
    word). See the module docstring for the language; ``documents`` is needed by
    ``:: match.text_COL=…`` constraints.
    """
    idx = index(tokens)
    parsed = parse(pattern) if isinstance(pattern, str) else pattern
    schema = {**MATCH_SCHEMA, **(TARGET_SCHEMA if parsed.target is not None else {})}
    if idx.n == 0:
        return pl.DataFrame(schema=schema)
    found = match_rows(idx, parsed, documents)
    first, last = found.first, found.last
    starts, ends = idx.offsets()
    columns = [
        pl.Series("match_id", np.arange(first.size), dtype=pl.UInt32),
        idx.doc_names.gather(pl.Series(idx.document[first], dtype=pl.Int64)).alias("doc_id"),
        idx.column("sent_id").gather(pl.Series(first, dtype=pl.Int64)).cast(pl.Int32),
        pl.Series("first_row", first, dtype=pl.Int64),
        pl.Series("last_row", last, dtype=pl.Int64),
        pl.Series("start_char", starts[first], dtype=pl.Int64),
        pl.Series("end_char", ends[last], dtype=pl.Int64),
    ]
    if found.target is not None:
        target = found.target
        unset = target < 0
        at = np.where(unset, 0, target)
        for name, values in (("target_row", target), ("target_start_char", starts[at] if at.size else at),
                             ("target_end_char", ends[at] if at.size else at)):
            columns.append(pl.Series(name, values, dtype=pl.Int64).scatter(np.flatnonzero(unset), None))
    return pl.DataFrame(columns)


def count(tokens: pl.DataFrame | TokenIndex, pattern: str | Pattern, documents: pl.DataFrame | None = None) -> int:
    """Number of matches of a pattern (no result table)."""
    idx = index(tokens)
    parsed = parse(pattern) if isinstance(pattern, str) else pattern
    return 0 if idx.n == 0 else int(match_rows(idx, parsed, documents).first.size)

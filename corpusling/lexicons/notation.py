"""The pattern notation of lexicon entries (see ``corpusling/lexicons/README.md``).

A pattern is a sequence of elements separated by spaces, matched on consecutive
words of one sentence::

    selon _                      a word, then any word that is not punctuation
    près de ([DET]) [NUM]        optional element in (…); [UPOS] slots; [NUM] a numeral
    un|plusieurs dizaine|centaine   alternatives with |
    "environ"                    the exact form only (not the lemma)
    quasi/ADV                    a word restricted to a part of speech
    <être> ([ADV]) sûr|certain   <…> a word that must be there but is not part of the match
    pour @viewpoint              a context condition checked by the matcher

A bare word matches a word whose lowercased lemma *or* form is that word. The match
(its offsets) runs from the first to the last element that is neither a slot, ``_``
nor ``<…>``. Elided words are split off (``d'après`` → ``d'`` ``après``) and the
contractions au, aux, du are written as their syntactic words (à le, à le, de le).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

#: Universal POS tags a slot or a restriction may name ([NUM] also takes digits and number words).
UPOS_TAGS: frozenset[str] = frozenset(
    "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split())

#: Conditions a pattern may end with; the matcher knows how to check them.
CONDITIONS: frozenset[str] = frozenset({"speaker", "viewpoint"})

#: Contractions written as the syntactic words the parser splits them into.
CONTRACTIONS: dict[str, tuple[str, ...]] = {"au": ("à", "le"), "aux": ("à", "le"), "du": ("de", "le")}

#: Pronouns written after a hyphen in inversions ("dit-on", "semble-t-il"); the hyphen is dropped.
CLITICS: frozenset[str] = frozenset("je tu il elle on nous vous ils elles ce le la les lui leur moi toi y en".split())

_ELIDED = re.compile(r"^([a-zà-ÿ]+')(.+)$")


class PatternError(ValueError):
    """A pattern that does not follow the notation; ``position`` is a 0-based column."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


def normal_word(word: str) -> str:
    """Lowercased, typographic apostrophe → ', elision restored (d' → de), hyphen of a clitic dropped (-t-il → il)."""
    word = word.lower().replace("\u2019", "'")
    if len(word) > 1 and word.endswith("'"):
        word = word[:-1] + "e"
    if word.startswith("-t-"):
        word = word[3:]
    elif word.startswith("-") and word[1:] in CLITICS:
        word = word[1:]
    return word


@dataclass(frozen=True)
class Alternative:
    """One way an element can be satisfied: ``kind`` is word, form, upos, num or any."""

    kind: str
    value: str = ""
    upos: frozenset[str] | None = None


@dataclass(frozen=True)
class Element:
    """A position of the pattern: its alternatives, and whether it is context (outside the match)."""

    alternatives: tuple[Alternative, ...]
    optional: bool = False
    context: bool = False

    @property
    def wildcard(self) -> bool:
        return any(a.kind == "any" for a in self.alternatives)


@dataclass(frozen=True)
class Pattern:
    """A parsed pattern: the fixed-length variants its optional elements expand into."""

    text: str
    variants: tuple[tuple[Element, ...], ...]
    conditions: frozenset[str]


def _wrap(token: str, optional: bool, context: bool) -> str:
    token = f"<{token}>" if context else token
    return f"({token})" if optional else token


def _unit(token: str, offset: int) -> list[Element]:
    """One space-separated unit of the pattern → one element (two for an elided word)."""
    optional = token.startswith("(") and token.endswith(")")
    if optional:
        token, offset = token[1:-1], offset + 1
    if not token:
        raise PatternError("empty element", offset)
    if token.count("(") or token.count(")"):
        raise PatternError("parentheses must enclose one whole element, e.g. (le)", offset)
    context = token.startswith("<") and token.endswith(">")
    if context:
        token, offset = token[1:-1], offset + 1
    if "<" in token or ">" in token:
        raise PatternError("<…> must enclose one whole element, e.g. <être>", offset)
    if token == "_":
        return [Element((Alternative("any"),), optional, True)]
    if token.startswith("[") or token.endswith("]"):
        if not (token.startswith("[") and token.endswith("]")) or len(token) < 3:
            raise PatternError("a slot is written [UPOS] or [UPOS|UPOS], e.g. [NUM]", offset)
        tags = token[1:-1].split("|")
        for tag in tags:
            if tag not in UPOS_TAGS:
                raise PatternError(f"unknown part of speech {tag!r} in slot (use one of {' '.join(sorted(UPOS_TAGS))})",
                                   offset + 1)
        alts = tuple(Alternative("num") if t == "NUM" else Alternative("upos", t) for t in tags)
        return [Element(alts, optional, True)]
    if "|" not in token and '"' not in token and "/" not in token:
        lowered = token.lower().replace("\u2019", "'")
        if lowered in CONTRACTIONS:
            return [Element((Alternative("word", w),), optional, context) for w in CONTRACTIONS[lowered]]
        elided = _ELIDED.match(lowered)
        if elided:
            return [Element((Alternative("word", normal_word(elided.group(1))),), optional, context),
                    *_unit(_wrap(elided.group(2), optional, context), offset + len(elided.group(1)))]
    alts = []
    position = offset
    for raw in token.split("|"):
        if not raw:
            raise PatternError("empty alternative (two | in a row, or | at an edge)", position)
        word, _, tags = raw.partition("/")
        upos = None
        if tags:
            upos = frozenset(tags.split(","))
            bad = sorted(upos - UPOS_TAGS)
            if bad:
                raise PatternError(f"unknown part of speech {bad[0]!r} after /", position + len(word) + 1)
        if word.startswith('"') or word.endswith('"'):
            if not (len(word) > 2 and word.startswith('"') and word.endswith('"')):
                raise PatternError('an exact form is written between two double quotes, e.g. "environ"', position)
            alts.append(Alternative("form", normal_word(word[1:-1]), upos))
        elif word:
            if any(c in word for c in '[]"'):
                raise PatternError(f"unexpected character in word {word!r}", position)
            if "'" in word.rstrip("'"):
                raise PatternError("write an elided word as an element of its own: d' après", position)
            alts.append(Alternative("word", normal_word(word), upos))
        else:
            raise PatternError("a restriction needs a word before it, e.g. quasi/ADV", position)
        position += len(raw) + 1
    return [Element(tuple(alts), optional, context)]


def parse_pattern(text: str) -> Pattern:
    """Parse a pattern; raise :class:`PatternError` with the column of the first problem."""
    if not text.strip():
        raise PatternError("empty pattern", 0)
    elements: list[Element] = []
    conditions: set[str] = set()
    for match in re.finditer(r"\S+", text):
        token, offset = match.group(), match.start()
        if token.startswith("@"):
            if token[1:] not in CONDITIONS:
                raise PatternError(f"unknown condition {token!r} (known: "
                                   + ", ".join("@" + c for c in sorted(CONDITIONS)) + ")", offset)
            conditions.add(token[1:])
            continue
        if conditions:
            raise PatternError("conditions (@…) come after all the words of the pattern", offset)
        elements.extend(_unit(token, offset))
    variants = []
    optional = [i for i, e in enumerate(elements) if e.optional]
    for keep in product((True, False), repeat=len(optional)):
        dropped = {i for i, k in zip(optional, keep, strict=True) if not k}
        variant = tuple(e for i, e in enumerate(elements) if i not in dropped)
        if variant and any(not e.context for e in variant):
            variants.append(variant)
    if not any(not e.context for e in elements if not e.optional):
        raise PatternError("the pattern has no word that is part of the match "
                           "(slots, _ and <…> are only context)", 0)
    return Pattern(text, tuple(dict.fromkeys(variants)), frozenset(conditions))

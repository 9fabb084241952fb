"""Lexicons: the bundled TSV files and the loaders that validate a user's own.

The hedging lexicon (``hedges.tsv``) has one entry per line with the columns
``pattern, category, notes, source``; ``pattern`` follows the notation of
:mod:`corpusling.lexicons.notation` and the categories are :data:`HEDGE_CATEGORIES`.
Lines starting with ``#`` and blank lines are ignored.

Every other bundled TSV file is read here too, by :func:`read_rows` (a header, then one
row per line, each checked; :func:`bundled_rows` for a file of this folder): this is the
one reader of lexicon files, the parsing layer's (``future_stems.tsv``, ``re_verb_stems.tsv``)
as well as the analyses'. The word lists the rules use (``word, role, notes``:
``hedge_context.tsv``, ``attribution_words.tsv``) are read by :func:`load_word_lists`, in the
order of the file, so that a regular expression built from a list is always the same. The weights of
the learned models (``*_weights.tsv``: a ``feature`` column, then one column per class) are read by
:func:`read_weights` and written, by the training scripts of ``tests/gold/``, by :func:`write_weights`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path

import polars as pl

from corpusling.atomic import write_text
from corpusling.errors import LexiconError
from corpusling.lexicons.notation import PatternError, parse_pattern
from corpusling.registry import DEFAULT_LEXICON_MODE, LEXICON_MODES

HERE = Path(__file__).resolve().parent
HEDGES = HERE / "hedges.tsv"
HEDGE_CONTEXT = HERE / "hedge_context.tsv"
ATTRIBUTION_WORDS = HERE / "attribution_words.tsv"
REPORTING_VERBS = HERE / "reporting_verbs.tsv"
INCISE_VERBS = HERE / "incise_verbs.tsv"

#: Categories of the hedging lexicon; ``exclude`` entries remove false friends and are not reported.
HEDGE_CATEGORIES: tuple[str, ...] = (
    "approximator", "epistemic_adverb", "epistemic_verb", "source_marker", "unnamed_source", "booster", "exclude")

COLUMNS: tuple[str, ...] = ("pattern", "category", "notes", "source")
#: Word lists of ``hedge_context.tsv`` (what each is for: its first note in the file).
CONTEXT_ROLES: tuple[str, ...] = (
    "speech_verb", "viewpoint_noun", "informant_noun", "person_noun", "vague_determiner", "epistemic_modal",
    "modal_conditional", "modal_future", "modal_imperfect", "modal_present", "speaker_pronoun", "thing_pronoun",
    "impersonal_verb", "condition_cue", "negation", "auxiliary_form", "speech_verb_form", "document_noun",
    "subject_clitic", "impersonal_pronoun", "relative_pronoun", "definite_determiner", "incise_verb",
    "number_word", "source_preposition", "viewpoint_preposition", "source_noun_before_de", "er_ending",
    "attitude_adjective", "neuter_clitic", "incise_conjunction", "noun_prefix", "not_incise_verb", "causative_verb",
    "causative_speech_verb", "agentive_suffix")
#: Word lists of ``attribution_words.tsv``: the closed classes the attribution of quotations reads
#: (:mod:`corpusling.markers.attribution`; what each is for: its first note in the file).
ATTRIBUTION_ROLES: tuple[str, ...] = (
    "noun_phrase_determiner", "subject_determiner", "incise_auxiliary", "incise_adverb", "inverted_clitic",
    "weekday", "time_after_weekday", "time_after_ce", "time_adverb", "place_preposition", "skip_determiner",
    "of_preposition", "definite_article", "noun_phrase_end", "name_prefix", "name_particle",
    "participle_not_verb", "object_clitic", "incise_object_clitic", "relative_pronoun", "relative_pronoun_other",
    "attributing_preposition",
    "viewpoint_preposition", "attributing_preposition_after", "leading_conjunction", "viewpoint_pronoun",
    "preverbal_clitic", "complementizer", "subject_pronoun", "so_called_participle")


def _lines(path: Path) -> list[tuple[int, str]]:
    """``(line number, line)`` of a UTF-8 text file, comments and blank lines left out."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(f"{path}: no such lexicon file") from None
    except OSError as err:
        raise LexiconError(f"{path}: cannot read the lexicon ({err.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise LexiconError(f"{path}, line {line}: not UTF-8 text; save the lexicon as UTF-8") from None
    return [(n, line.rstrip("\r")) for n, line in enumerate(text.split("\n"), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


#: The row of a weights file that holds each class's intercept (:func:`read_weights`).
INTERCEPT = "(intercept)"


def read_weights(path: Path, intercept: bool = True) -> tuple[tuple[str, ...], dict[str, dict[str, float]]]:
    """(classes, feature → class → weight) of a learned model's weights file: a header ``feature<TAB>class…``,
    then one row per feature (and, with ``intercept``, a row :data:`INTERCEPT`), each with one number per class.
    Written by the training scripts of ``tests/gold/``; every row checked."""
    lines = _lines(path)
    if not lines or lines[0][1].split("\t")[0] != "feature" or len(lines) < 2:
        raise LexiconError(f"{path.name}: a header 'feature<TAB>class…' and weight rows are expected")
    classes = tuple(lines[0][1].split("\t")[1:])
    if not classes:
        raise LexiconError(f"{path.name}, line {lines[0][0]}: the header names no class after 'feature'")
    table: dict[str, dict[str, float]] = {}
    for number, line in lines[1:]:
        row = line.split("\t")
        if row[0] in table:
            raise LexiconError(f"{path.name}, line {number}: {row[0]!r} is given twice")
        if len(row) != len(classes) + 1:
            raise LexiconError(f"{path.name}, line {number}: {row[0]!r} has {len(row) - 1} weights for "
                               f"{len(classes)} classes")
        try:
            table[row[0]] = dict(zip(classes, map(float, row[1:]), strict=True))
        except ValueError:
            raise LexiconError(f"{path.name}, line {number}: {row[0]!r} has a weight that is not a number") from None
    if intercept and INTERCEPT not in table:
        raise LexiconError(f"{path.name} has no {INTERCEPT} row")
    return classes, table


def write_weights(path: Path, classes: Sequence[str], table: Mapping[str, Mapping[str, float]]) -> None:
    """Write a learned model's weights, in the shape :func:`read_weights` returns (feature → class → weight, the
    intercept under :data:`INTERCEPT` where the model has one), as the file it reads: six decimals, atomically (a
    training run killed midway leaves the shipped file as it was)."""
    rows = ["feature\t" + "\t".join(classes)]
    for feature, weights in table.items():
        if set(weights) != set(classes):
            raise ValueError(f"{feature!r} has weights for {sorted(weights)}, not for the classes {list(classes)}")
        rows.append(f"{feature}\t" + "\t".join(f"{weights[c]:.6f}" for c in classes))
    write_text(path, "\n".join(rows) + "\n")


def _header(path: Path, lines: list[tuple[int, str]], required: tuple[str, ...],
            optional: tuple[str, ...]) -> tuple[int, list[str]]:
    if not lines:
        raise LexiconError(f"{path}: the lexicon is empty; it needs a header line "
                           f"({chr(9).join(required + optional)}) and one entry per line")
    number, line = lines[0]
    names = [c.strip().lower() for c in line.split("\t")]
    missing = [c for c in required if c not in names]
    if missing:
        hint = " (is the file tab-separated?)" if len(names) == 1 else ""
        raise LexiconError(f"{path}, line {number}: the header lacks column {missing[0]!r}{hint}; "
                           f"expected the columns {', '.join(required + optional)}")
    unknown = [c for c in names if c not in required + optional]
    if unknown:
        raise LexiconError(f"{path}, line {number}: unknown column {unknown[0]!r}; "
                           f"expected the columns {', '.join(required + optional)}")
    return number, names


def read_hedge_lexicon(path: Path | str) -> pl.DataFrame:
    """Read and validate one hedging lexicon file → ``pattern, category, notes, source, line, file``.

    Every problem raises :class:`~corpusling.errors.LexiconError` naming the file, the
    line and what is wrong (a bad pattern also gets the column of the problem).
    """
    path = Path(path)
    lines = _lines(path)
    _, names = _header(path, lines, ("pattern", "category"), ("notes", "source"))
    rows: dict[str, list] = {c: [] for c in (*COLUMNS, "line")}
    seen: dict[tuple[str, str], int] = {}
    for number, line in lines[1:]:
        fields = line.split("\t")
        if len(fields) > len(names):
            raise LexiconError(f"{path}, line {number}: {len(fields)} tab-separated fields but the header "
                               f"has {len(names)}; a pattern or a note contains a tab?")
        record = dict(zip(names, (f.strip() for f in fields), strict=False))
        pattern, category = record.get("pattern", ""), record.get("category", "")
        if not pattern:
            raise LexiconError(f"{path}, line {number}: empty pattern")
        if category not in HEDGE_CATEGORIES:
            shown = repr(category) if category else "no category"
            raise LexiconError(f"{path}, line {number}: {shown} is not a category; "
                               f"use one of {', '.join(HEDGE_CATEGORIES)}")
        try:
            parse_pattern(pattern)
        except PatternError as err:
            raise LexiconError(f"{path}, line {number}, column {err.position + 1} of the pattern: {err}\n"
                               f"  {pattern}\n  {' ' * err.position}^") from None
        key = (" ".join(pattern.split()), category)
        if key in seen:
            raise LexiconError(f"{path}, line {number}: duplicate of line {seen[key]} ({pattern!r}, {category})")
        seen[key] = number
        rows["pattern"].append(" ".join(pattern.split()))
        rows["category"].append(category)
        rows["notes"].append(record.get("notes", ""))
        rows["source"].append(record.get("source", ""))
        rows["line"].append(number)
    if not rows["pattern"]:
        raise LexiconError(f"{path}: the lexicon has a header but no entries")
    return pl.DataFrame(rows, schema={**{c: pl.String for c in COLUMNS}, "line": pl.Int64}).with_columns(
        pl.lit(str(path)).alias("file"))


@lru_cache(maxsize=1)
def _bundled() -> pl.DataFrame:
    return read_hedge_lexicon(HEDGES)


def load_lexicon(path: Path | str | None = None, mode: str = DEFAULT_LEXICON_MODE) -> pl.DataFrame:
    """The hedging lexicon: the bundled entries, or with a user's file (validated).

    ``mode="add"`` (the default) appends its entries to the bundled ones (an entry of the
    user's file with the same pattern as a bundled one replaces it, so a category can be
    changed); ``mode="replace"`` uses ``path`` alone.
    """
    if mode not in LEXICON_MODES:
        raise LexiconError(f"lexicon mode {mode!r}: use 'add' or 'replace'")
    if path is None:
        return _bundled()
    user = read_hedge_lexicon(path)
    if mode == "replace":
        return user
    bundled = _bundled().filter(~pl.col("pattern").is_in(user["pattern"].implode()))
    return pl.concat([bundled, user])


def read_rows(path: Path | str, required: tuple[str, ...], optional: tuple[str, ...] = (),
              values: dict[str, tuple[str, ...]] | None = None) -> list[dict[str, str]]:
    """The rows of a tab-separated lexicon file as dictionaries (header first), each checked.

    Comments (``#``) and blank lines are skipped; a missing or unknown column, a row with more
    fields than the header, an empty required cell or a cell of a column of ``values`` that is
    not one of its values raises :class:`~corpusling.errors.LexiconError` naming the file and the
    line. Missing optional cells are empty strings.
    """
    path = Path(path)
    lines = _lines(path)
    _, names = _header(path, lines, required, optional)
    rows = []
    for number, line in lines[1:]:
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) > len(names):
            raise LexiconError(f"{path}, line {number}: {len(fields)} tab-separated fields but the header "
                               f"has {len(names)}; a cell contains a tab?")
        record = dict(zip(names, fields + [""] * (len(names) - len(fields)), strict=True))
        for column in optional:
            record.setdefault(column, "")
        empty = [c for c in required if not record.get(c)]
        if empty:
            raise LexiconError(f"{path}, line {number}: empty {empty[0]!r}")
        for column, allowed in (values or {}).items():
            if record.get(column) not in allowed:
                raise LexiconError(f"{path}, line {number}: {column} {record.get(column)!r} is not one of "
                                   f"{', '.join(allowed)}")
        rows.append(record)
    if not rows:
        raise LexiconError(f"{path}: the lexicon has a header but no entries")
    return rows


def bundled_rows(name: str, required: tuple[str, ...], optional: tuple[str, ...] = (),
                 values: dict[str, tuple[str, ...]] | None = None) -> list[dict[str, str]]:
    """:func:`read_rows` of a bundled file of ``corpusling/lexicons`` (``name``: its file name)."""
    return read_rows(HERE / name, required, optional, values)


@cache
def cue_lists(name: str) -> dict[str, tuple[str, ...]]:
    """kind → its words, in the file's order, of a bundled cue file (columns ``kind, cue, note``:
    ``conditional_cues.tsv``, ``implicit_conditions.tsv``, ``reported_cues.tsv``), read once."""
    lists: dict[str, list[str]] = {}
    for row in bundled_rows(name, ("kind", "cue"), ("note",)):
        lists.setdefault(row["kind"], []).append(row["cue"])
    return {kind: tuple(words) for kind, words in lists.items()}


def cue_words(name: str, kind: str) -> list[str]:
    """The words of one ``kind`` of the bundled cue file ``name`` (:func:`cue_lists`); an unknown kind is an error."""
    if kind not in cue_lists(name):
        raise LexiconError(f"{name} has no cue of kind {kind!r}")
    return list(cue_lists(name)[kind])


def entry_count(path: Path | str) -> int:
    """How many entries a lexicon file has: its lines less the header, comments and blank lines."""
    return max(len(_lines(Path(path))) - 1, 0)


def reporting_verbs(path: Path | str | None = None) -> pl.DataFrame:
    """A reporting-verb lexicon as ``lemma, type, use, notes`` (``reporting_verbs.tsv`` when ``path`` is None;
    ``incise_verbs.tsv`` is read the same way): lemmas lower-cased, ``use`` "any" where the file leaves it out.

    ``use`` is ``any`` or ``incise`` (a verb looked for right after a closing quotation mark only).
    """
    rows = read_rows(REPORTING_VERBS if path is None else path, ("lemma",), ("type", "use", "notes"),
                     values={"use": ("any", "incise", "")})
    columns = ("lemma", "type", "use", "notes")
    table = pl.DataFrame({c: [row[c] for row in rows] for c in columns}, schema=dict.fromkeys(columns, pl.String))
    return table.with_columns(pl.col("lemma").str.to_lowercase(),
                              pl.when(pl.col("use") == "").then(pl.lit("any")).otherwise(pl.col("use")).alias("use"))


@cache
def load_word_lists(path: Path, roles: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The word lists of a ``word, role, notes`` file: role → words (lower-cased), in the file's order.

    Every role of ``roles`` must have at least one word, and every row one of those roles.
    """
    lists: dict[str, list[str]] = {role: [] for role in roles}
    for number, record in enumerate(read_rows(path, ("word", "role"), ("notes",)), start=1):
        if record["role"] not in lists:
            raise LexiconError(f"{path}, entry {number} ({record['word']!r}): unknown role {record['role']!r}; "
                               f"use one of {', '.join(roles)}")
        word = record["word"].lower()
        if word not in lists[record["role"]]:
            lists[record["role"]].append(word)
    empty = [role for role, words in lists.items() if not words]
    if empty:
        raise LexiconError(f"{path}: no word for the role {empty[0]!r}")
    return {role: tuple(words) for role, words in lists.items()}


@lru_cache(maxsize=1)
def first_name_genders() -> pl.DataFrame:
    """``name, gender`` (``Masc`` or ``Fem``) of ``first_names.tsv``: first names of one gender in Jörg Michael's
    ``nam_dict.txt`` (GNU FDL 1.2+, ``LICENSE-GFDL-1.2.txt``; built by ``make_first_names.py``)."""
    rows = bundled_rows("first_names.tsv", ("name", "gender"), values={"gender": ("Masc", "Fem")})
    return pl.DataFrame(rows, schema={"name": pl.String, "gender": pl.String})


@lru_cache(maxsize=1)
def load_hedge_context() -> dict[str, frozenset[str]]:
    """The word lists the hedge conditions use (``hedge_context.tsv``): role → lemmas."""
    return {role: frozenset(words) for role, words in load_word_lists(HEDGE_CONTEXT, CONTEXT_ROLES).items()}


def attribution_words() -> dict[str, tuple[str, ...]]:
    """The word lists the attribution of quotations reads (``attribution_words.tsv``): role → words, in order."""
    return load_word_lists(ATTRIBUTION_WORDS, ATTRIBUTION_ROLES)

"""The index of a token table: one per table, shared by the queries and the analyses.

A token table is read two ways. Queries (:mod:`corpusling.query`, concordances, counts) read it as CWB
does: each attribute dictionary-encoded, its rows listed per value (postings), the sentence and
document runs numbered. The analyses (:mod:`corpusling.markers`) read it in text order: a
quotation's words are a range of rows found by binary search on ``document number × 2³² +
start_char``, and the whole sentences around it are ranges of rows. Both views are parts of one
:class:`TokenIndex`, each built on first use, the runs and offsets shared (and, for a parsed folder,
stored beside it: :mod:`corpusling.index_store`). :func:`index` gives the index of a table, kept
while the table lives; :func:`corpusling.markers.text_index.text_index` the same one (its parts shared)
when the table is in text order (a parsed corpus always is) and indexed already. Tables are read-only:
an index describes its table as it was when the index was built.
"""

from __future__ import annotations

import copy
import re
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from corpusling.errors import QueryError

if TYPE_CHECKING:
    from corpusling.index_store import IndexStore

#: Attribute names accepted for CQP compatibility.
ALIASES: dict[str, str] = {"word": "form", "pos": "upos"}

#: The text-order key of a row: ``document number × SHIFT + start_char``.
SHIFT = 2**32


class TokenIndex:
    """Dictionary-encoded view of a token table, built once and reused by every query.

    For each attribute a query reads: ``codes`` (dense UInt16 or UInt32, one per word) and ``lexicon``
    (``code``, ``value``: the distinct values). Also the sentence number of each row
    (running through the corpus) used to keep sequences inside one sentence, and, for the
    analyses, the text-order view of the same runs: :attr:`key`, :attr:`documents`,
    :attr:`sent_first` and :attr:`sent_last`.

    Each part (the sentence and document runs, the offsets, one attribute's codes, its postings…)
    is built on first use. With a ``store`` (:class:`corpusling.index_store.IndexStore`, the index
    kept in a parsed folder) a part is read from the folder when it is there and written there when
    it is built, so that the next process opens it instead of building it again; the token table
    may then be absent (``tokens=None``): its columns are read from the folder one at a time.
    """

    def __init__(self, tokens: pl.DataFrame | None, weak: bool = False, store: IndexStore | None = None) -> None:
        if tokens is None and store is None:
            raise ValueError("a TokenIndex needs a token table or a stored index")
        self._strong = None if weak else tokens  # the cache of :func:`index` must not keep tables alive
        self._ref = None if tokens is None else weakref.ref(tokens)
        self.store = store
        self.n = tokens.height if tokens is not None else store.n  # type: ignore[union-attr]
        self._codes: dict[str, pl.Series] = {}
        self._lexicon: dict[str, pl.DataFrame] = {}
        self._texts: tuple | None = None
        self._offsets: tuple[np.ndarray, np.ndarray] | None = None
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._starts: dict[str, np.ndarray] = {}
        self._arrays: dict[str, np.ndarray] = {}
        self._lookup: dict[str, dict[str, int]] = {}
        self._series: dict[str, pl.Series] = {}
        self._documents: pl.DataFrame | None = None
        self._kept: dict[str, Any] = {}
        runs = self._part("runs", self._runs)
        #: sentence number per row, with a sentinel -1 after the last row
        self.sentence: np.ndarray = runs["sentence"]
        #: document number per row (0-based, in table order); first and last row of each document
        self.document: np.ndarray = runs["document"]
        self.doc_first: np.ndarray = np.asarray(runs["doc_first"], dtype=np.int64)
        self.doc_last: np.ndarray = np.asarray(runs["doc_last"], dtype=np.int64)
        #: doc_id of each document, in table order
        self.doc_names: pl.Series = runs["doc_names"]["doc_id"]

    def _part(self, name: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """A part of the index: read from the stored index when it holds it, else built (and stored)."""
        if self.store is not None:
            kept = self.store.read(name)
            if kept is not None:
                return kept
        built = build()
        if self.store is not None:
            self.store.write(name, built)
        return built

    def _runs(self) -> dict[str, Any]:
        """Sentence and document numbers of every row, from ``doc_id`` and ``sent_id``."""
        n = self.n
        ids = self.column("doc_id") if n else None
        if ids is not None and not isinstance(ids.dtype, pl.String | pl.Categorical | pl.Enum):
            ids = ids.cast(pl.String)  # (a hand-made table may number its documents)
        doc = ids.cast(pl.Categorical).to_physical().to_numpy() if ids is not None else np.zeros(0)
        # (a table without sentence numbers: each document one run)
        sent = self.column("sent_id").to_numpy() if n and "sent_id" in self.columns else np.zeros(n)
        change = np.ones(n, dtype=bool)
        if n:
            change[1:] = (doc[1:] != doc[:-1]) | (sent[1:] != sent[:-1])
        new_doc = np.ones(n, dtype=bool)
        if n:
            new_doc[1:] = doc[1:] != doc[:-1]
        doc_first = np.flatnonzero(new_doc)
        names = (self.column("doc_id").gather(pl.Series(doc_first, dtype=pl.Int64)).cast(pl.String)
                 if n else pl.Series("doc_id", [], dtype=pl.String))
        return {"sentence": np.append(np.cumsum(change, dtype=np.int64), -1),
                "document": np.cumsum(new_doc, dtype=np.int64) - 1,
                "doc_first": doc_first,
                "doc_last": np.append(doc_first[1:] - 1, n - 1) if n else np.zeros(0, np.int64),
                "doc_names": pl.DataFrame({"doc_id": names.alias("doc_id")})}

    def region(self, kind: str) -> np.ndarray:
        """Region number per row (with a sentinel -1 after the last row) for ``within``: ``s`` sentences,
        ``p`` paragraphs (``par_id``), ``text`` documents."""
        if kind == "s":
            return self.sentence
        if kind == "text":
            return np.append(self.document, -1)
        if "paragraph" not in self._arrays:
            self._arrays["paragraph"] = self._part("paragraphs", self._paragraphs)["paragraph"]
        return self._arrays["paragraph"]

    def _paragraphs(self) -> dict[str, np.ndarray]:
        # a missing par_id (CoNLL-U without paragraphs, a hand-made table) is one paragraph per document
        par = self.column("par_id").fill_null(0).to_numpy() if "par_id" in self.columns else np.zeros(self.n)
        change = np.ones(self.n, dtype=bool)
        if self.n:
            change[1:] = (self.document[1:] != self.document[:-1]) | (par[1:] != par[:-1])
        return {"paragraph": np.append(np.cumsum(change, dtype=np.int64), -1)}

    @property
    def tokens(self) -> pl.DataFrame:
        """The token table this index describes (of a stored index without a table: the folder's table, read
        a column at a time, :class:`corpusling.index_store.FolderTable`)."""
        if self._ref is None:
            return self.store.table  # type: ignore[union-attr,return-value]
        table = self._strong if self._strong is not None else self._ref()
        if table is None:
            raise QueryError("the token table of this index no longer exists")
        return table

    @property
    def columns(self) -> list[str]:
        """The columns of the token table."""
        return list(self.tokens.columns)

    def column(self, name: str) -> pl.Series:
        """One column of the token table (read from the folder when the index has no table in memory)."""
        return self.tokens[name]

    def offsets(self) -> tuple[np.ndarray, np.ndarray]:
        """``start_char`` and ``end_char`` of every word as numpy arrays (converted once)."""
        if self._offsets is None:
            part = self._part("offsets", lambda: {"start_char": self.column("start_char").cast(pl.Int64).to_numpy(),
                                                  "end_char": self.column("end_char").cast(pl.Int64).to_numpy()})
            self._offsets = (np.asarray(part["start_char"], dtype=np.int64),
                             np.asarray(part["end_char"], dtype=np.int64))
        return self._offsets

    def texts(self, documents: pl.DataFrame) -> tuple[pl.Series, np.ndarray, np.ndarray]:
        """Document texts as UTF-8 bytes (one per document, in table order; newlines and tabs as spaces)
        and each word's byte offsets.

        Built once per documents table: concordances then cut contexts with byte slices, whose cost
        does not grow with the position in a long document, as character slicing does. Stored with
        the index when ``documents`` is the stored folder's own documents table.
        """
        cached = self._texts
        if cached is not None and cached[0]() is documents:
            return cached[1], cached[2], cached[3]
        if self.store is not None and documents is self.store.documents:
            part = self._part("texts", lambda: self._text_bytes(documents))
        else:
            part = self._text_bytes(documents)
        binary, start_byte, end_byte = part["texts"]["text"], part["start_byte"], part["end_byte"]
        self._texts = (weakref.ref(documents), binary, start_byte, end_byte)
        return binary, start_byte, end_byte

    def _text_bytes(self, documents: pl.DataFrame) -> dict[str, Any]:
        """The texts of ``documents`` in table order as UTF-8 bytes (``texts``, a table of one Binary column
        ``text``), newlines and tabs as spaces, and each word's byte offsets in its text."""
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
        return {"texts": binary.alias("text").to_frame(), "start_byte": start_byte, "end_byte": end_byte}

    def available(self) -> list[str]:
        """Attributes a query can use on this table."""
        return sorted(set(self.columns) | set(ALIASES))

    def _column(self, attr: str) -> pl.Series:
        if attr in self.columns:
            return self.column(attr)
        name = attr[:1].upper() + attr[1:]
        if "feats" in self.columns:  # a UD feature without a column of its own: read from feats
            values = self.column("feats").cast(pl.String).str.extract(rf"(?:^|\|){re.escape(name)}=([^|]+)", 1)
            if values.null_count() < values.len():
                return values
        raise KeyError(attr)

    def encode(self, attr: str) -> None:
        """Dictionary-encode one attribute (once)."""
        if attr in self._codes:
            return
        part = self._part(f"attribute-{attr}", lambda: self._encoded(attr))
        self._arrays[attr] = part["codes"]
        self._codes[attr] = pl.Series(attr, part["codes"])
        self._lexicon[attr] = part["lexicon"]
        self._starts[attr] = part["starts"]

    def _encoded(self, attr: str) -> dict[str, Any]:
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
        # where each code's rows start in the postings: a value's frequency without the postings
        counts = np.bincount(codes, minlength=lexicon.height)
        return {"codes": codes, "lexicon": lexicon, "starts": np.concatenate([[0], np.cumsum(counts)])}

    def postings(self, attr: str) -> tuple[np.ndarray, np.ndarray]:
        """Inverted index of an attribute: rows sorted by code (``order``) and where each code starts.

        The rows of code ``k`` are ``order[starts[k]:starts[k + 1]]``, in corpus order (as CWB's
        reverse index): a rare value is found without scanning the table.
        """
        if attr not in self._postings:
            codes = self.array(attr)
            order = self._part(f"postings-{attr}", lambda: {"order": np.argsort(codes, kind="stable")})["order"]
            self._postings[attr] = (order, self._starts[attr])
        return self._postings[attr]

    def rows_with(self, attr: str, codes: np.ndarray) -> np.ndarray:
        """Rows (sorted) whose ``attr`` has one of ``codes``, read from the postings."""
        order, starts = self.postings(attr)
        low, high = starts[codes], starts[codes + 1]
        if codes.size == 1:
            return np.asarray(order[low[0]:high[0]], dtype=np.int64)
        lengths = high - low
        total = int(lengths.sum())
        shift = np.repeat(low - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        return np.sort(np.asarray(order[shift + np.arange(total)], dtype=np.int64))

    def size(self, attr: str) -> int:
        """One more than the largest code of ``attr``."""
        return int(self.lexicon(attr)["code"].max() or 0) + 1

    def frequency(self, attr: str, codes: np.ndarray) -> int:
        """Number of words with one of ``codes``."""
        self.encode(attr)
        starts = self._starts[attr]
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

    # ------------------------------------------------------------------ text order (the analyses' view)

    def holding(self, tokens: pl.DataFrame) -> TokenIndex:
        """This index (its parts shared, built once) holding its table ``tokens``: what a caller keeps while the
        index :func:`index` caches holds its table only weakly."""
        if self._strong is tokens:
            return self
        view = copy.copy(self)
        view._strong = tokens
        return view

    @property
    def doc(self) -> pl.Series:
        """The document number of each row (``_doc``, 0-based, in table order)."""
        if "doc" not in self._series:
            self._series["doc"] = pl.Series("_doc", self.document, dtype=pl.Int64)
        return self._series["doc"]

    @property
    def documents(self) -> pl.DataFrame:
        """One row per document: ``doc_id`` (String), ``_doc`` (its number), ``_doc_first`` and ``_doc_last``
        (its first and last row)."""
        if self._documents is None:
            self._documents = pl.DataFrame({
                "doc_id": self.doc_names.cast(pl.String),
                "_doc": np.arange(len(self.doc_first), dtype=np.int64),
                "_doc_first": self.doc_first, "_doc_last": self.doc_last},
                schema={"doc_id": pl.String, "_doc": pl.Int64, "_doc_first": pl.Int64, "_doc_last": pl.Int64})
        return self._documents

    @property
    def key(self) -> pl.Series:
        """``document number × 2³² + start_char`` of each row: non-decreasing when the table is in text order
        (:func:`corpusling.markers.text_index.in_text_order`), so that the rows of a span of a text are found by
        binary search (:func:`corpusling.markers.text_index.locate`)."""
        if "key" not in self._series:
            # (the offsets converted for the queries when there are, else the one column: a table reduced to its
            # keys has no end_char)
            column = self.column("start_char")
            if column.null_count():  # (a word without an offset has no key)
                key = pl.Series(self.document, dtype=pl.Int64) * SHIFT + column.cast(pl.Int64)
            else:
                starts = (self.offsets()[0] if self._offsets is not None or self.store is not None
                          else column.cast(pl.Int64).to_numpy())
                key = pl.Series(self.document.astype(np.int64) * SHIFT + starts, dtype=pl.Int64)
            self._series["key"] = key.alias("_key")
        return self._series["key"]

    def _sentence_bounds(self) -> tuple[pl.Series, pl.Series] | None:
        """First and last row of each row's sentence; None when sentences are not runs of rows in order (no
        ``sent_id``, a missing one, or ids going back inside a document)."""
        if "sent_id" not in self.columns or self.n == 0:
            return None
        sent = self.column("sent_id")
        if sent.null_count():
            return None
        values = sent.cast(pl.Int64).to_numpy()
        same_doc = self.document[1:] == self.document[:-1]
        if np.any(same_doc & (values[1:] < values[:-1])):
            return None
        number = self.sentence[:-1]
        new = np.ones(self.n, dtype=bool)
        new[1:] = number[1:] != number[:-1]
        first_rows = np.flatnonzero(new)
        last_rows = np.append(first_rows[1:] - 1, self.n - 1)
        run = np.cumsum(new) - 1
        return (pl.Series("first", first_rows[run], dtype=pl.Int64),
                pl.Series("last", last_rows[run], dtype=pl.Int64))

    @property
    def sent_first(self) -> pl.Series | None:
        """The first row of each row's sentence (None: see :meth:`_sentence_bounds`)."""
        if "sent_bounds" not in self._kept:
            self._kept["sent_bounds"] = self._sentence_bounds()
        bounds = self._kept["sent_bounds"]
        return None if bounds is None else bounds[0]

    @property
    def sent_last(self) -> pl.Series | None:
        """The last row of each row's sentence (None: see :meth:`_sentence_bounds`)."""
        if "sent_bounds" not in self._kept:
            self._kept["sent_bounds"] = self._sentence_bounds()
        bounds = self._kept["sent_bounds"]
        return None if bounds is None else bounds[1]

    def sentence_of(self, rows: pl.Series) -> pl.Series | None:
        """The sentence number (:attr:`sentence`) of each of ``rows``, as ``_sent``, for a frame cut from this index to
        carry (read by :func:`sentence_numbers`); None when sentences are not runs of rows (:meth:`_sentence_bounds`),
        where a number would not name one sentence."""
        if self.sent_first is None:
            return None
        return pl.Series("_sent", self.sentence[:-1]).gather(rows)

    def in_text_order(self) -> bool:
        """Whether the table is in text order (:func:`text_ordered`: each document one run of rows, in
        ``start_char, word_id`` order), checked once per index: the analyses then read the text-order view of this
        index (:func:`corpusling.markers.text_index.text_index`) without checking the table again."""
        if "text_order" not in self._kept:
            self._kept["text_order"] = text_ordered(self.tokens)
        return self._kept["text_order"]

    def in_sentence_order(self) -> bool:
        """Whether each document is one run of rows, its ``sent_id`` never decreasing and each sentence's
        ``word_id`` rising, no id missing: the order ``doc_id, sent_id, word_id`` the analyses' word tables read
        (a parsed corpus is in it), in which :attr:`sentence` numbers the sentences as they would. Checked once
        per index."""
        if "sentence_order" not in self._kept:
            self._kept["sentence_order"] = self._sentence_order()
        return self._kept["sentence_order"]

    def _sentence_order(self) -> bool:
        if self.n == 0:
            return True
        if any(c not in self.columns for c in ("doc_id", "sent_id", "word_id")):
            return False
        sent, word = self.column("sent_id"), self.column("word_id")
        if self.column("doc_id").null_count() or sent.null_count() or word.null_count():
            return False
        if self.doc_names.n_unique() != len(self.doc_first):  # a document in several runs
            return False
        s, w = sent.to_numpy(), word.to_numpy()
        same_doc = self.document[1:] == self.document[:-1]
        same_sent = same_doc & (s[1:] == s[:-1])
        return not (np.any(same_doc & (s[1:] < s[:-1])) or np.any(same_sent & (w[1:] <= w[:-1])))


def text_ordered(tokens: pl.DataFrame) -> bool:
    """Whether ``tokens`` is in text order: each document one run of rows, in ``start_char, word_id`` order, no key
    missing (a table with none of the key columns is; an empty one with them is not, as
    :func:`corpusling.markers.text_index.in_text_order`, which sorts it, has it)."""
    key = [c for c in ("doc_id", "start_char", "word_id") if c in tokens.columns]
    if not key:  # (nothing to order by: an empty table with no columns, as a corpus of skipped documents gives)
        return True
    if tokens.height == 0 or any(tokens[c].null_count() for c in key):
        return False
    same_doc = pl.col("doc_id") == pl.col("doc_id").shift()
    start = pl.col("start_char").diff()
    word = pl.col("word_id").diff() if "word_id" in tokens.columns else pl.lit(0)
    check = tokens.select(
        (~same_doc).fill_null(True).sum().alias("runs"),
        (same_doc & ((start < 0) | ((start == 0) & (word < 0)))).fill_null(False).any().alias("disorder"),
        pl.col("doc_id").n_unique().alias("docs"))
    return not (check["disorder"][0] or check["runs"][0] != check["docs"][0])


def sentence_numbers(rows: pl.DataFrame) -> pl.DataFrame:
    """``doc_id, sent_id, _sn`` (Int64): one number per sentence of ``rows`` (a frame with ``doc_id, sent_id``) to key
    its trees by: the index's (:meth:`TokenIndex.sentence_of`) when the frame carries them in ``_sent``, else, for a
    frame without an index, its distinct pairs numbered 0, 1, … (the one numbering of sentences outside the index)."""
    if "_sent" in rows.columns:
        return rows.select("doc_id", "sent_id", pl.col("_sent").cast(pl.Int64).alias("_sn")).unique()
    return rows.select("doc_id", "sent_id").unique().with_row_index("_sn").with_columns(pl.col("_sn").cast(pl.Int64))


_INDEXES: dict[int, tuple[weakref.ref, TokenIndex]] = {}
#: Tables whose index is to be opened from a stored index on first use (:func:`corpusling.index_store.attach`).
_STORED: dict[int, tuple[weakref.ref, Callable[[pl.DataFrame], TokenIndex]]] = {}


def index(tokens: pl.DataFrame | TokenIndex) -> TokenIndex:
    """The :class:`TokenIndex` of a table, built on first use and kept while the table lives (opened from the
    index stored in its folder when :func:`corpusling.index_store.attach` named one)."""
    if isinstance(tokens, TokenIndex):
        return tokens
    key = id(tokens)
    kept = _INDEXES.get(key)
    if kept is not None and kept[0]() is tokens and kept[1].n == tokens.height:  # (tables are read-only: a
        return kept[1]                                                             # length changed is a new one)
    stored = _STORED.pop(key, None)
    if stored is not None and stored[0]() is tokens:
        return keep_index(tokens, stored[1](tokens))
    return keep_index(tokens, TokenIndex(tokens, weak=True))


def cached(tokens: pl.DataFrame) -> TokenIndex | None:
    """The index :func:`index` keeps for ``tokens`` (or would open from its folder), None when it has none yet."""
    kept = _INDEXES.get(id(tokens))
    if kept is not None and kept[0]() is tokens and kept[1].n == tokens.height:
        return kept[1]
    stored = _STORED.get(id(tokens))
    if stored is not None and stored[0]() is tokens:
        return index(tokens)
    return None


def sentence_ordered(tokens: pl.DataFrame) -> TokenIndex | None:
    """The table's own index (:func:`cached`: one it has already, or one stored with its folder) when the table is
    in sentence order (:meth:`TokenIndex.in_sentence_order`), else None: the analyses' word tables then read the
    sentence numbers and bounds from it instead of numbering the sentences again, and a bare table is numbered
    by the caller."""
    kept = cached(tokens)
    return kept.holding(tokens) if kept is not None and kept.in_sentence_order() else None


def keep_index(tokens: pl.DataFrame, built: TokenIndex) -> TokenIndex:
    """Make ``built`` the index :func:`index` gives for ``tokens``, while the table lives."""
    key = id(tokens)
    _INDEXES[key] = (weakref.ref(tokens, lambda _ref, key=key: _INDEXES.pop(key, None)), built)
    return built


def open_on_first_use(tokens: pl.DataFrame, opener: Callable[[pl.DataFrame], TokenIndex]) -> None:
    """Let :func:`index` get the index of ``tokens`` from ``opener(tokens)`` (a stored index) when a query first
    needs it; ``opener`` must not hold the table (the table is forgotten when it is no longer used)."""
    key = id(tokens)
    _INDEXES.pop(key, None)
    _STORED[key] = (weakref.ref(tokens, lambda _ref, key=key: _STORED.pop(key, None)), opener)


__all__ = ["ALIASES", "SHIFT", "TokenIndex", "cached", "index", "keep_index", "open_on_first_use",
           "sentence_numbers", "sentence_ordered", "text_ordered"]

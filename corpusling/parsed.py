"""A parsed corpus: the token table, the documents table and the model that produced them.

Saved as a folder: ``tokens.parquet`` (or a folder ``tokens/`` of Parquet parts),
``documents.parquet`` (or ``documents/``, with the ``text`` every offset points into), and
``model.json``. :func:`load` reads it back without parsing.

:meth:`ParsedCorpus.save` writes either layout: without ``shard`` the three files, with ``shard`` the parts
``corpusling parse`` writes (it saves each chunk it parses through :meth:`ParsedCorpus.save` too).
Parts are written by :class:`ShardWriter`: each run of each shard names its parts
with a run id (``part-0003of0010-r…-c0000-00001.parquet``) and, once every part is written,
publishes ``manifest-<shard>.json`` listing them, in one atomic rename. Readers take the parts
the manifests list (and parts of the older layout, which have no run id), so a run killed at
any instant leaves the previous complete parse readable; the next run of the shard clears what
the killed one left. ``model.json`` records the model of all shards (see :func:`folder_model`).
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from corpusling import tokens as tok
from corpusling.atomic import replacing, write_text
from corpusling.errors import InputError

if TYPE_CHECKING:
    from corpusling.token_index import TokenIndex


@dataclass
class ParsedCorpus:
    """Token table + documents table (``doc_id``, metadata, ``text``) + model record."""

    tokens: pl.DataFrame
    documents: pl.DataFrame
    model: dict[str, Any] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)
    #: What the corpus computes once and keeps (its tables are treated as read-only).
    _kept: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def index(self) -> TokenIndex:
        """The corpus's one index (:mod:`corpusling.token_index`): the runs of its documents and sentences, the
        offsets of its words, the dictionary codes and postings of the queries and the text-order keys of the
        analyses, each part built on first use (opened from the folder a loaded corpus came from)."""
        from corpusling.token_index import index

        return index(self.tokens)

    def proper_names(self) -> pl.DataFrame:
        """The proper names of every document with their clues (:func:`corpusling.markers.speakers.proper_names`),
        computed on first use and kept: the speakers of the quotations and of reported speech read them."""
        if "proper_names" not in self._kept:
            from corpusling.markers.speakers import proper_names

            self._kept["proper_names"] = proper_names(self.tokens, self.documents)
        return self._kept["proper_names"]

    def paragraphs(self) -> pl.DataFrame:
        """The paragraphs of every document (:func:`corpusling.markers.speakers.paragraphs`), computed on first use
        and kept: the speakers of the quotations and of reported speech read them."""
        if "paragraphs" not in self._kept:
            from corpusling.markers.speakers import paragraphs

            self._kept["paragraphs"] = paragraphs(self.documents)
        return self._kept["paragraphs"]

    def quotes(self) -> pl.DataFrame:
        """The quotation table, computed on first use and kept: every marker's voice (``in_quote``) comes from it."""
        if "quotes" not in self._kept:
            from corpusling.markers.quotes import quotes

            self.index()  # (the quotations locate their words with the corpus's index when its table is in order)
            self._kept["quotes"] = quotes(self.tokens, self.documents, proper_names=self.proper_names(),
                                          paragraphs=self.paragraphs())
        return self._kept["quotes"]

    def hedges(self) -> pl.DataFrame:
        """Hedges with the bundled lexicon (:func:`corpusling.markers.hedges.hedges`), computed on first use and
        kept: reported speech reads its source markers."""
        if "hedges" not in self._kept:
            from corpusling.markers.hedges import hedges

            self._kept["hedges"] = hedges(self.tokens, self.documents, quotes=self.quotes())
        return self._kept["hedges"]

    def reported(self) -> pl.DataFrame:
        """Reported speech (:func:`corpusling.markers.reported.reported`), computed on first use and kept: the
        third voice of every marker."""
        if "reported" not in self._kept:
            from corpusling.markers.reported import reported

            self._kept["reported"] = reported(self.tokens, self.documents, quotes=self.quotes(),
                                              hedges=self.hedges(), proper_names=self.proper_names(),
                                              paragraphs=self.paragraphs())
        return self._kept["reported"]

    def sizes(self) -> pl.DataFrame:
        """Words per document (``doc_id, n_words``), computed once: the denominators of every rate."""
        if "sizes" not in self._kept:
            from corpusling.rates import document_sizes

            self._kept["sizes"] = document_sizes(self.tokens)
        return self._kept["sizes"]

    def groups(self, group_by: str | None) -> pl.DataFrame:
        """``doc_id`` → ``group`` for a metadata column (checked: :func:`corpusling.groups.group_column`)."""
        from corpusling.groups import group_column

        return group_column(self.documents, group_by)

    @property
    def n_words(self) -> int:
        return self.tokens.height

    def text(self, doc_id: str) -> str:
        """The text of one document."""
        row = self.documents.filter(pl.col("doc_id") == doc_id)
        if row.is_empty():
            raise InputError(f"no document with doc_id {doc_id!r}")
        return row["text"][0]

    def metadata(self) -> pl.DataFrame:
        """The documents table without the texts."""
        return self.documents.drop("text", strict=False)

    def save(self, folder: Path | str, shard: str | tuple[int, int] | ShardWriter | None = None, chunk: int = 0,
             part_rows: int | None = None) -> Path:
        """Write the corpus into ``folder``.

        Without ``shard``: ``tokens.parquet``, ``documents.parquet`` and ``model.json`` (atomically, file by file).

        With ``shard``, the folder of ``corpusling parse`` (the layout of the module docstring): ``"all"`` (the
        whole corpus, as a parse without ``--shard``), or ``"I/N"`` / ``(I, N)``, the documents of shard I of N
        (:func:`corpusling.api.shard_of`; a corpus parsed from that shard's documents is written whole). The token
        table goes in parts of ``part_rows`` rows (:data:`PART_ROWS`), published with the shard's manifest in one
        rename (:class:`ShardWriter`), with ``skipped-<shard>.csv`` when documents were skipped; the shard's
        previous run is replaced, other shards are kept, and a parser model other than theirs is refused.

        ``shard`` may also be the :class:`ShardWriter` of a run in progress: the corpus is then written as its
        chunk number ``chunk``, published with the run by :meth:`ShardWriter.publish` (how ``corpusling parse``
        writes a corpus parsed a chunk at a time).
        """
        folder = Path(folder)
        rows = part_rows or PART_ROWS
        if isinstance(shard, ShardWriter):
            if shard.folder != folder:
                raise ValueError(f"the shard writer writes into {shard.folder}, not {folder}")
            shard.write(self.tokens, self.documents, chunk, rows)
            return folder
        if shard is not None:
            tag, corpus = self._shard(shard)
            writer = ShardWriter(folder, tag)
            writer.check_model(corpus.model)
            corpus.save(folder, shard=writer, part_rows=rows)
            writer.publish(corpus.model, corpus.counts(), skipped=corpus.skipped)
            return folder
        folder.mkdir(parents=True, exist_ok=True)
        write_parquet(self.tokens, folder / "tokens.parquet")
        write_parquet(self.documents, folder / "documents.parquet")
        write_text(folder / "model.json", json.dumps(self.model, indent=2, ensure_ascii=False) + "\n")
        return folder

    def counts(self) -> dict[str, int]:
        """What a shard's manifest records of it: documents, sentences, words (rows of the token table), skipped."""
        sentences = self.tokens.select("doc_id", "sent_id").n_unique() if self.tokens.height else 0
        return {"documents": self.documents.height, "sentences": sentences, "words": self.tokens.height,
                "skipped": len(self.skipped)}

    def _shard(self, shard: str | tuple[int, int]) -> tuple[str, ParsedCorpus]:
        """The tag of ``shard`` and the part of the corpus it holds."""
        if shard == "all":
            return "all", self
        index, total = parse_shard(shard) if isinstance(shard, str) else parse_shard(f"{shard[0]}/{shard[1]}")
        from corpusling.api import shard_of

        ids = self.documents["doc_id"].cast(pl.String)
        keep = ids.filter(ids.map_elements(lambda d: shard_of(d, total) == index, return_dtype=pl.Boolean))
        if keep.len() == ids.len():
            return shard_tag(index, total), self
        tokens = self.tokens.filter(pl.col("doc_id").cast(pl.String).is_in(keep.implode()))
        documents = self.documents.filter(pl.col("doc_id").cast(pl.String).is_in(keep.implode()))
        return shard_tag(index, total), ParsedCorpus(tokens, documents, self.model, self.skipped)


#: Rows of the token table per Parquet part of a folder written by shards (``corpusling parse``).
PART_ROWS = 1_000_000


def parse_shard(value: str, option: str = "shard") -> tuple[int, int]:
    """``"3/10"`` → ``(3, 10)``, checked (``option`` names it in the message)."""
    try:
        index, total = (int(x) for x in value.split("/"))
    except ValueError:
        raise InputError(f"{option} {value!r}: expected I/N, e.g. 3/10") from None
    if not (total >= 1 and 1 <= index <= total):
        raise InputError(f"{option} {value!r}: I must be between 1 and N")
    return index, total


def shard_tag(index: int, total: int) -> str:
    """The name of shard ``index`` of ``total`` in a folder's parts and manifests: ``0003of0010``."""
    return f"{index:04d}of{total:04d}"


def write_parquet(frame: pl.DataFrame, path: Path) -> None:
    """Write Parquet atomically (see :mod:`corpusling.atomic`): a killed run never leaves half a file."""
    with replacing(path) as tmp:
        frame.write_parquet(tmp)


class ParquetStream:
    """Write one table piece by piece into a Parquet file whose bytes depend on its rows only (``empty``: the
    columns to write when no piece comes).

    Rows go out in row groups of ``row_group_rows`` whatever the pieces they came in (a corpus read
    batch by batch, shards merged, or a whole table), with Categorical columns as plain strings (their
    dictionaries would differ from piece to piece): the report of a corpus read in batches, merged from
    shards or held in memory writes the same bytes. Atomic: the file appears when :meth:`close` is called.
    """

    def __init__(self, path: Path, row_group_rows: int = 262_144, empty: pl.DataFrame | None = None) -> None:
        from contextlib import ExitStack

        self.path, self.rows, self.empty = path, row_group_rows, empty
        self._stack = ExitStack()
        self._tmp = self._stack.enter_context(replacing(path))
        self._writer: Any = None
        self._pending: list[Any] = []
        self._n_pending = 0
        self.n_rows = 0

    def write(self, frame: pl.DataFrame) -> None:
        """Append ``frame`` (same columns and types every time)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        plain = frame.with_columns(pl.col(pl.Categorical).cast(pl.String)).to_arrow()
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._tmp, plain.schema, compression="zstd")
        self._pending.append(plain)
        self._n_pending += plain.num_rows
        self.n_rows += plain.num_rows
        while self._n_pending >= self.rows:
            table = pa.concat_tables(self._pending)
            self._writer.write_table(table.slice(0, self.rows), row_group_size=self.rows)
            rest = table.slice(self.rows)
            self._pending, self._n_pending = [rest], rest.num_rows

    def close(self) -> None:
        """Write the last rows and publish the file."""
        import pyarrow as pa

        if self._writer is None and self.empty is not None:  # no rows came: an empty table of the right columns
            self.write(self.empty.clear())
        if self._writer is not None:
            if self._n_pending:
                self._writer.write_table(pa.concat_tables(self._pending), row_group_size=self.rows)
            self._writer.close()
        self._stack.close()

    def abandon(self) -> None:
        """Give up: the temporary file is removed, nothing is published."""
        if self._writer is not None:
            self._writer.close()
        self._stack.__exit__(RuntimeError, RuntimeError("abandoned"), None)


MANIFEST_PREFIX = "manifest-"
#: A part written by a run that publishes a manifest: ``part-<shard>-r<12 hex>-…``.
RUN_PART = re.compile(r"^part-(?P<shard>.+?)-(?P<run>r[0-9a-f]{12})-")
#: The model record of documents that came annotated (CoNLL-U, VRT) rather than parsed.
ANNOTATED = "annotated input"


def is_parsed_folder(path: Path) -> bool:
    """True when ``path`` is a folder written by :meth:`ParsedCorpus.save` or ``corpusling parse``."""
    has_documents = (path / "documents.parquet").exists() or (path / "documents").is_dir()
    has_tokens = (path / "tokens.parquet").exists() or (path / "tokens").is_dir()
    return path.is_dir() and has_documents and has_tokens


def manifests(folder: Path) -> list[dict[str, Any]]:
    """The published manifests of a folder's shards, in shard order."""
    found = []
    for path in sorted(folder.glob(f"{MANIFEST_PREFIX}*.json")):
        try:
            found.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as err:
            raise InputError(f"{path}: unreadable manifest ({err}); parse that shard again") from None
    return found


def part_files(folder: Path, table: str) -> list[Path]:
    """The Parquet parts of ``table`` (``tokens`` or ``documents``) that belong to complete runs, in order.

    Parts listed by a manifest, then parts of the older layout (no run id); parts of a run that
    never published its manifest (killed) are not read.
    """
    listed = [folder / table / name for manifest in manifests(folder) for name in manifest[table]]
    legacy = sorted(p for p in (folder / table).glob("part-*.parquet") if not RUN_PART.match(p.name))
    missing = [p for p in listed if not p.exists()]
    if missing:
        raise InputError(f"{folder}: {missing[0].name} is listed by a manifest but missing; parse again")
    return listed + legacy


def folder_model(folder: Path) -> dict[str, Any]:
    """The model record of a folder: the parser model of its shards (they must agree), else ``model.json``."""
    records = [m["model"] for m in manifests(folder) if m.get("model")]
    parsers = [r for r in records if r.get("name") != ANNOTATED]
    if parsers:
        return parsers[0]
    if records:
        return records[0]
    path = folder / "model.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def same_model(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two parser records name the same model (name, Stanza version, processors, file hashes; not the folder)."""
    def key(record: dict[str, Any]) -> str:
        return json.dumps({k: v for k, v in record.items() if k != "directory"}, sort_keys=True)
    return key(a) == key(b)


class ShardWriter:
    """Writes one shard of ``corpusling parse`` into a folder, chunk by chunk, published at the end.

    Checks that the folder is writable before anything is parsed, clears what a killed run of
    the same shard left, refuses a model other than the one the folder's other shards used, and
    publishes the new parts with the shard's manifest (the previous parts stay readable until then).
    """

    def __init__(self, folder: Path, shard: str) -> None:
        from corpusling.atomic import check_writable, temporary_leftovers

        self.folder, self.shard = folder, shard
        self.run = "r" + secrets.token_hex(6)
        check_writable(folder, "--out")
        for leftover in temporary_leftovers(folder):
            if leftover.name.startswith((f".part-{shard}-", f".{MANIFEST_PREFIX}{shard}.")):
                leftover.unlink(missing_ok=True)
        self.tokens: list[str] = []
        self.documents: list[str] = []

    @property
    def manifest_path(self) -> Path:
        return self.folder / f"{MANIFEST_PREFIX}{self.shard}.json"

    def check_model(self, record: dict[str, Any]) -> None:
        """Refuse a parser model other than the one of the folder's other shards."""
        if record.get("name") == ANNOTATED:
            return
        for manifest in manifests(self.folder):
            other = manifest.get("model") or {}
            if manifest["shard"] != self.shard and other and other.get("name") != ANNOTATED \
                    and not same_model(other, record):
                raise InputError(f"{self.folder}: shard {manifest['shard']} was parsed with another model "
                                 f"({other.get('name')!r}, Stanza {other.get('stanza')}) than this run's "
                                 f"({record.get('name')!r}, Stanza {record.get('stanza')}): parse every shard "
                                 "with the same --model, or write to another folder")

    def write(self, tokens: pl.DataFrame, documents: pl.DataFrame, chunk: int, part_rows: int) -> None:
        """Write one chunk's tables as parts (not yet published)."""
        stem = f"part-{self.shard}-{self.run}-c{chunk:04d}"
        for number, start in enumerate(range(0, max(tokens.height, 1), part_rows), start=1):
            name = f"{stem}-{number:05d}.parquet"
            write_parquet(tokens.slice(start, part_rows), self.folder / "tokens" / name)
            self.tokens.append(name)
        write_parquet(documents, self.folder / "documents" / f"{stem}.parquet")
        self.documents.append(f"{stem}.parquet")

    def publish(self, model: dict[str, Any], counts: dict[str, int], skipped: list[dict[str, str]] | None = None,
                raw_csv: bool = False) -> None:
        """Publish the manifest (one rename), then merge ``model.json`` and remove the shard's old parts.

        ``skipped`` (``source``, ``reason`` of each document left out), first written to ``skipped-<shard>.csv``
        (:func:`corpusling.tables.write_table`, ``raw_csv``), or the shard's old list removed when it is empty;
        None leaves the file as it is."""
        from corpusling.atomic import write_text

        if skipped:
            from corpusling.tables import write_table

            write_table(pl.DataFrame(skipped), self.folder / f"skipped-{self.shard}.csv", raw_csv=raw_csv)
        elif skipped is not None:
            (self.folder / f"skipped-{self.shard}.csv").unlink(missing_ok=True)
        manifest = {"shard": self.shard, "run": self.run, "model": model if counts.get("documents") else None,
                    **counts, "tokens": self.tokens, "documents": self.documents}
        write_text(self.manifest_path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        keep = set(self.tokens) | set(self.documents)
        for table in ("tokens", "documents"):
            for old in (self.folder / table).glob(f"part-{self.shard}-*.parquet"):
                if old.name not in keep:
                    old.unlink(missing_ok=True)
        merged = folder_model(self.folder)
        if merged:
            write_text(self.folder / "model.json", json.dumps(merged, indent=2, ensure_ascii=False) + "\n")


def scan_tokens(folder: Path | str) -> pl.LazyFrame:
    """Lazy token table of a parsed folder (one file or a folder of parts): for corpora larger than memory."""
    folder = Path(folder)
    if (folder / "tokens").is_dir():
        parts = part_files(folder, "tokens")
        if not parts:
            raise InputError(f"{folder} holds no complete parse (an interrupted first run?); run "
                             "`corpusling parse` again: the parse cache makes it quick")
        return pl.scan_parquet(parts)
    return pl.scan_parquet(folder / "tokens.parquet")


def documents_table(folder: Path) -> pl.DataFrame:
    """The documents table of a parsed folder (``doc_id``, metadata, ``text``)."""
    if (folder / "documents").is_dir():
        parts = part_files(folder, "documents")
        if not parts:
            raise InputError(f"{folder} holds no complete parse (an interrupted first run?); run "
                             "`corpusling parse` again: the parse cache makes it quick")
        return pl.concat([pl.read_parquet(p) for p in parts], how="diagonal_relaxed")
    return pl.read_parquet(folder / "documents.parquet")


def load(folder: Path | str) -> ParsedCorpus:
    """Read a parsed corpus folder back (no parsing)."""
    folder = Path(folder)
    if not is_parsed_folder(folder):
        raise InputError(f"{folder} is not a parsed corpus folder (no tokens.parquet / documents.parquet); "
                         "create one with `corpusling parse INPUT --out FOLDER`")
    from corpusling.index_store import attach, fingerprint

    read_as = fingerprint(folder)  # (before the tables are read: a parse that replaces them after is seen)
    tokens = tok.from_rows(scan_tokens(folder).collect())
    corpus = ParsedCorpus(tokens=tokens, documents=documents_table(folder), model=folder_model(folder))
    attach(folder, corpus.tokens, corpus.documents, read_as)  # the stored index, opened (or built) on first use
    return corpus

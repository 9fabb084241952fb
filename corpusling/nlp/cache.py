"""The parse cache: one Parquet file per (document text, model, processors).

The key is the sha256 of the document text and the model's key (its name,
Stanza version, processors and the sha256 of every model file), so any change of
text or model parses again and nothing else does. When checks run after parsing
(:data:`corpusling.nlp.morphology.CHECKS`: the lexicon check, the GSD conventions),
the key also names each with its version, so parses made with and without them
never share a folder (with none, the folder is the one it always was). Each entry is written to a
temporary file and renamed, so a run killed at any moment leaves only whole
entries, and the next run resumes from them.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from corpusling.parsed import write_parquet

#: Bump when the conversion from Stanza output to the token table changes (3: sentence breaks inside a phrase
#: joined, :mod:`corpusling.nlp.sentences`; 4: parts of speech checked against the lexicon before parsing,
#: :mod:`corpusling.nlp.lexicon_tags`).
TABLE_VERSION = "4"


def default_dir() -> Path:
    """``$CORPUSLING_CACHE``, else ``$XDG_CACHE_HOME/corpusling``, else ``~/.cache/corpusling``."""
    if "CORPUSLING_CACHE" in os.environ:
        return Path(os.environ["CORPUSLING_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "corpusling"


def checks_key(checks: tuple[str, ...] | None = None) -> str:
    """The part of the key that names the checks run after parsing (``checks``, by default the
    pipeline's :data:`~corpusling.nlp.morphology.CHECKS`) with the version of each: empty when none run."""
    from corpusling.nlp.conventions import VERSION as CONVENTIONS_VERSION
    from corpusling.nlp.lexicon_check import TABLE_VERSION as LEXICON_VERSION
    from corpusling.nlp.morphology import checks_on

    versions = {"lexicon": LEXICON_VERSION, "gsd": CONVENTIONS_VERSION}
    return "".join(f"-{versions[check]}" for check in checks_on(checks))


class ParseCache:
    """Token tables keyed by document text hash, under ``root/<model key>/``."""

    def __init__(self, root: Path | None, model_key: str, checks: tuple[str, ...] | None = None) -> None:
        self.folder = (root or default_dir()) / f"{model_key}-t{TABLE_VERSION}{checks_key(checks)}"

    def path(self, text_sha: str) -> Path:
        return self.folder / text_sha[:2] / f"{text_sha}.parquet"

    def get(self, text_sha: str, doc_id: str) -> pl.DataFrame | None:
        """The cached table of a text, relabelled with ``doc_id``; None on a miss or a damaged entry."""
        path = self.path(text_sha)
        if not path.exists():
            return None
        try:
            table = pl.read_parquet(path)
        except Exception:  # a damaged entry is a miss; it will be rewritten
            return None
        return table.with_columns(pl.lit(doc_id).cast(table.schema["doc_id"]).alias("doc_id"))

    def put(self, text_sha: str, table: pl.DataFrame) -> None:
        write_parquet(table, self.path(text_sha))

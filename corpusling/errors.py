"""Errors a user can cause. The CLI prints their message and exits with status 2."""

from __future__ import annotations


class CorpuslingError(Exception):
    """Base class: the message says what went wrong and what to do."""


class InputError(CorpuslingError):
    """A path, file or corpus that cannot be read as asked."""


class DocumentError(InputError):
    """One document cannot be read; in a corpus it is reported and skipped."""


class ModelError(CorpuslingError):
    """A parsing model that cannot be found or loaded."""


class QueryError(CorpuslingError):
    """A token-pattern query with a syntax error; ``position`` points at the offending character."""

    def __init__(self, message: str, query: str = "", position: int | None = None) -> None:
        if query and position is not None:
            message = f"{message}\n  {query}\n  {' ' * position}^"
        super().__init__(message)
        self.query = query
        self.position = position


class LexiconError(CorpuslingError):
    """A lexicon file with a bad line."""

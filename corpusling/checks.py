"""Checks of the options a user gives, shared by the Python API and the command line.

One function per kind of value, raising :class:`~corpusling.errors.InputError` (exit status 2
on the command line) with a message that names the option. The command line uses the same
checks as argparse types (:func:`count_type`), so a bad value is refused where it is parsed,
before any work.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from corpusling.errors import InputError


def check_count(value: int | None, option: str, minimum: int = 0) -> None:
    """``value`` is None or an integer of at least ``minimum``."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(f"{option} must be an integer of {minimum} or more, not {value!r}")


def count_type(option: str, minimum: int = 0) -> Callable[[str], int]:
    """An argparse ``type`` for an integer option of at least ``minimum`` (argparse exits 2 with the message)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} takes an integer, not {text!r}") from None
        try:
            check_count(value, option, minimum)
        except InputError as err:
            raise argparse.ArgumentTypeError(str(err)) from None
        return value
    parse.__name__ = option  # argparse names the type in its messages
    return parse

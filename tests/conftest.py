"""Shared fixtures. The seed is parsed once per test session with the bundled model."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e14371d8171e9155.txt"
WIKINEWS = ROOT / "corpora" / "wikinews-fr-2012"

# Every test gets a private parse cache: no test reads a cache another run left behind.
os.environ["CORPUSLING_CACHE"] = tempfile.mkdtemp(prefix="corpusling-test-cache-")


@pytest.fixture(scope="session")
def seed_parsed():
    """The seed article parsed for real with the bundled compact model (a ParsedCorpus)."""
    from corpusling.api import parse, read

    return parse(read([SEED]), model="compact")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")

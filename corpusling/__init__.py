"""corpusling: French corpus linguistics for press discourse.

Parse a corpus once with Stanza into a token table, then measure how texts
hedge, attribute and keep their distance: conditionals, hedges, quotations,
concordances and corpus statistics. The Python API and the command line share
their verbs::

    import corpusling as cl
    corpus = cl.parse(cl.read("seeds/"))            # corpusling parse seeds/ --out …
    cl.conditionals(corpus)                         # corpusling conditionals seeds/
    cl.concordance(corpus, '[lemma="avoir" & mood="Cnd"]')

Every verb takes the corpus first (:mod:`corpusling.verbs`); the older form with the token and
documents tables first still works.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

#: Public names and the module each comes from (imported on first use, so that
#: ``import corpusling`` stays fast and does not load Stanza).
_API: dict[str, str] = {
    "read": "corpusling.api", "parse": "corpusling.api", "load": "corpusling.folder",
    "load_or_parse": "corpusling.api", "ParsedCorpus": "corpusling.parsed", "FolderCorpus": "corpusling.folder",
    "Corpus": "corpusling.corpus", "Document": "corpusling.corpus",
    "conditionals": "corpusling.verbs", "hedges": "corpusling.verbs", "quotes": "corpusling.verbs",
    "reported": "corpusling.verbs", "speakers": "corpusling.verbs", "density": "corpusling.verbs",
    "query": "corpusling.verbs",
    "concordance": "corpusling.verbs", "count": "corpusling.verbs", "freq": "corpusling.verbs",
    "ngrams": "corpusling.verbs",
    "collocates": "corpusling.verbs", "keyness": "corpusling.verbs", "dispersion": "corpusling.verbs",
    "positions": "corpusling.verbs",
    "rates": "corpusling.verbs", "compare": "corpusling.verbs", "write_table": "corpusling.tables",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        verb = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = verb  # later lookups do not come here
        return verb
    raise AttributeError(f"module 'corpusling' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


class _Package(types.ModuleType):
    """The package module: a verb's name always means the verb.

    Importing a submodule sets it as an attribute of its package, so after
    ``corpusling.concordance`` (the module) is imported, ``cl.concordance`` would be the
    module, not the function. The import system's ``setattr`` of a submodule whose name
    is a verb is ignored here; the module stays in ``sys.modules`` (import it with
    ``importlib.import_module("corpusling.query")`` or ``from corpusling.query import …``).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _API and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

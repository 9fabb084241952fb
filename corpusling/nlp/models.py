"""Which parsing model to use, and what exactly it is.

* ``compact``: the model bundled in ``corpusling/models/fr_compact/`` (see its MODEL.md);
* ``official``: Stanza's own French package, when it is installed locally
  (``corpusling models download`` installs it where there is internet access);
* a folder of Stanza model files (``tokenize.pt``, ``mwt.pt``, ``pos.pt``,
  ``lemma.pt``, optionally ``depparse.pt`` and ``pretrain.pt``).

With no choice, the official model is used when installed, else the compact one.
The identity recorded with results is the name, the Stanza version and the sha256
of every model file.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from corpusling.errors import ModelError

BUNDLED = Path(__file__).resolve().parent.parent / "models" / "fr_compact"
REQUIRED = ("tokenize", "mwt", "pos", "lemma")
OPTIONAL = ("depparse",)


@dataclass(frozen=True)
class Model:
    """A resolved model: where its files are and how to build the Stanza pipeline."""

    name: str
    directory: Path
    files: dict[str, Path] = field(default_factory=dict)   # processor (or "pretrain") -> file
    official: bool = False

    @property
    def processors(self) -> list[str]:
        return [p for p in (*REQUIRED, *OPTIONAL) if p in self.files or self.official]

    def pipeline_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``stanza.Pipeline`` that load this model without any download."""
        if self.official:
            return {"lang": "fr", "dir": str(self.directory), "download_method": None,
                    "processors": ",".join(self.processors)}
        kwargs: dict[str, Any] = {"lang": "fr", "processors": ",".join(self.processors), "download_method": None,
                                  "resources_filepath": str(self.directory / "resources.json")}
        for proc in self.processors:
            kwargs[f"{proc}_model_path"] = str(self.files[proc])
        if "pretrain" in self.files:
            for proc in ("pos", "depparse"):
                if proc in self.files:
                    kwargs[f"{proc}_pretrain_path"] = str(self.files["pretrain"])
        return kwargs

    def identity(self) -> dict[str, Any]:
        """Name, Stanza version and sha256 of each file: recorded with every result."""
        files = {name: _sha256(path) for name, path in sorted(self.files.items())}
        return {"name": self.name, "directory": str(self.directory), "stanza": version("stanza"),
                "processors": self.processors, "sha256": files}

    def key(self) -> str:
        """Short digest of the identity: the model part of the parse-cache key."""
        ident = self.identity()
        ident.pop("directory")
        return hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()[:16]


@lru_cache(maxsize=64)
def _sha256_cached(path: str, size: int, mtime: float) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    stat = path.stat()
    return _sha256_cached(str(path), stat.st_size, stat.st_mtime)


def _folder_model(name: str, folder: Path) -> Model:
    missing = [p for p in REQUIRED if not (folder / f"{p}.pt").exists()]
    if missing:
        raise ModelError(f"{folder} is not a Stanza model folder: missing {', '.join(p + '.pt' for p in missing)}")
    files = {p: folder / f"{p}.pt" for p in (*REQUIRED, *OPTIONAL) if (folder / f"{p}.pt").exists()}
    if (folder / "pretrain.pt").exists():
        files["pretrain"] = folder / "pretrain.pt"
    if not (folder / "resources.json").exists():
        raise ModelError(f"{folder} has no resources.json; write one containing "
                         '{"fr": {"lang_name": "French"}}')
    return Model(name=name, directory=folder, files=files)


def stanza_resources_dir() -> Path:
    """Where Stanza keeps downloaded models (``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``)."""
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def official_installed() -> bool:
    root = stanza_resources_dir()
    return (root / "resources.json").exists() and (root / "fr").is_dir()


def resolve(model: str | Path | None = None) -> Model:
    """The model named by ``--model`` (``compact``, ``official``, a folder) or the default."""
    if model is None:
        model = "official" if official_installed() else "compact"
    if str(model) == "compact":
        if not (BUNDLED / "tokenize.pt").exists():
            raise ModelError(f"the bundled compact model is missing from {BUNDLED}; reinstall corpusling "
                             "or train it with `corpusling models train`")
        return _folder_model("compact", BUNDLED)
    if str(model) == "official":
        if not official_installed():
            raise ModelError("Stanza's official French model is not installed; run `corpusling models download` "
                             "on a machine with internet access, or use --model compact")
        root = stanza_resources_dir()
        files = {p.stem + ":" + p.parent.name: p for p in sorted((root / "fr").glob("*/*.pt"))}
        return Model(name="official", directory=root, files=files, official=True)
    folder = Path(model)
    if not folder.is_dir():
        raise ModelError(f"--model {model}: expected 'compact', 'official' or a folder of Stanza model files")
    return _folder_model(str(folder.resolve()), folder.resolve())

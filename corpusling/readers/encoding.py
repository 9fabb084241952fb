"""Decoding files: UTF-8 with or without BOM, UTF-16 with BOM, else cp1252 / latin-1 detected.

French press text that is not UTF-8 is nearly always Windows-1252 or ISO-8859-1/15;
``charset-normalizer`` proposes an encoding and we accept it only among those Western
codecs, falling back to cp1252 then latin-1. A decoding that yields control
characters means the file is binary or in another encoding: the document is refused.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from corpusling.errors import DocumentError

#: Encodings accepted from the detector (normalised codec names).
WESTERN = {"cp1252", "latin_1", "iso8859_15"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _codec(name: str) -> str:
    return codecs.lookup(name).name.replace("-", "_")


def _plausible(text: str) -> bool:
    """Few control characters: the text is not binary or mis-decoded."""
    return len(_CONTROL.findall(text)) <= max(0, len(text) // 1000)


def decode(data: bytes, source: str = "") -> tuple[str, list[str]]:
    """Text of a file's bytes and notes on the encoding used.

    Raises :class:`DocumentError` for an empty, binary or undecodable file. A UTF-8
    BOM is kept in the text: :func:`corpusling.normalise.clean_text` removes and notes it.
    """
    where = f"{source}: " if source else ""
    if not data.strip():
        raise DocumentError(f"{where}the file is empty; remove it or put text in it")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError as err:
            raise DocumentError(f"{where}invalid UTF-16 at byte {err.start}; save the file as UTF-8") from err
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{where}this is a binary file, not text; remove it from the corpus")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _plausible(text):
            raise DocumentError(f"{where}this looks like a binary file, not text; remove it from the corpus")
        return text, []
    candidates: list[str] = []
    best = from_bytes(data).best()
    if best is not None and _codec(best.encoding) in WESTERN:
        candidates.append(_codec(best.encoding))
    candidates += ["cp1252", "latin_1"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, [f"not UTF-8: decoded as {encoding} (detected)"]
    raise DocumentError(f"{where}the text cannot be decoded (neither UTF-8 nor cp1252/latin-1); "
                        "convert the file to UTF-8, e.g. `iconv -f ENCODING -t UTF-8`")

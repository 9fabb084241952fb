"""Decoding files: UTF-8 with or without BOM, UTF-16 with BOM or recognised without one, else
cp1252 / latin-1 detected.

French press text that is not UTF-8 is nearly always Windows-1252 or ISO-8859-1/15;
``charset-normalizer`` proposes an encoding and we accept it only among those Western
codecs, falling back to cp1252 then latin-1. UTF-16 without a byte-order mark is
recognised by its zero bytes: Latin text has one in every other byte (the odd ones in
little-endian, the even ones in big-endian). A decoding that yields control characters
means the file is binary or in another encoding: the document is refused. Every note on
a decoding other than UTF-8 begins with :data:`NOT_UTF8` (the readers report it).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from corpusling.errors import DocumentError

#: Encodings accepted from the detector (normalised codec names).
WESTERN = {"cp1252", "latin_1", "iso8859_15"}

#: The beginning of every note on a file decoded from another encoding than UTF-8.
NOT_UTF8 = "not UTF-8: decoded as"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _codec(name: str) -> str:
    return codecs.lookup(name).name.replace("-", "_")


def _plausible(text: str) -> bool:
    """Few control characters: the text is not binary or mis-decoded."""
    return len(_CONTROL.findall(text)) <= max(0, len(text) // 1000)


def _utf16_order(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the bytes look like UTF-16 without a byte-order mark: zero
    bytes in at least half of one parity of positions and in almost none of the other."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2:
        return None
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros >= 0.5 and even_zeros <= 0.05:
        return "utf-16-le"
    if even_zeros >= 0.5 and odd_zeros <= 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, source: str = "") -> tuple[str, list[str]]:
    """Text of a file's bytes and notes on the encoding used.

    Raises :class:`DocumentError` for an empty, binary or undecodable file. A UTF-8
    BOM is kept in the text: :func:`corpusling.normalise.clean_text` removes and notes it.
    """
    where = f"{source}: " if source else ""
    if not data.strip():
        raise DocumentError(f"{where}the file is empty; remove it or put text in it")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (order := _utf16_order(data)):
        marked = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        how = "byte-order mark" if marked else "no byte-order mark: recognised by its zero bytes"
        try:
            text = data.decode("utf-16" if marked else order)
        except UnicodeDecodeError as err:
            raise DocumentError(f"{where}UTF-16 ({how}) but invalid at byte {err.start} ({err.reason}); "
                                "save the file as UTF-8") from err
        if not text.strip() or not _plausible(text):
            raise DocumentError(f"{where}decoded as UTF-16 ({how}) this is not text (control characters); "
                                "save the file as UTF-8, or remove it if it is binary")
        return text, [f"{NOT_UTF8} UTF-16 ({how})"]
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{where}this is a binary file, not text (zero bytes); remove it from the corpus, "
                            "or save it as UTF-8 if it is text in another encoding")
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
            return text, [f"{NOT_UTF8} {encoding} (detected); check that accented letters read right, or "
                          "convert the file to UTF-8"]
    raise DocumentError(f"{where}the text cannot be decoded (neither UTF-8 nor cp1252/latin-1); "
                        "convert the file to UTF-8, e.g. `iconv -f ENCODING -t UTF-8`")

"""The search of an acronym's definition ("words (ACR)") starts late, and finds what searching from the start finds."""

from __future__ import annotations

import random
import re

from corpusling.markers.speakers import _defined_acronym, _definition


def _from_start(letters: str, text: str) -> re.Match[str] | None:
    """The search as it was: the whole text, from its first character."""
    return re.search(rf"([^,;:()«»\n]{{1,150}}?)\s*\(\s*({re.escape(letters)})\s*\)", text)


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a.span() == b.span()
                                         and a.span(1) == b.span(1) and a.span(2) == b.span(2))


def test_definition_as_from_the_start() -> None:
    texts = [
        "l'Autorité des technologies de Communication et d'Information (BTK) a bloqué le site",
        "selon la CGT, rien. La Confédération générale du travail (CGT) proteste",
        "la Commission (BTK" + " " * 200 + "(BTK) plus tard",
        "un très long nom " + "x" * 300 + " \n\t  (BTK)",
        "a, b; c: d (e) « f » (BTK) (BTK)",
        "(BTK) d'abord, puis l'Office (BTK)",
        "",
    ]
    rng = random.Random(7)
    alphabet = list("ab C,;:()«»\n\t\u00a0") + ["BTK", "(BTK)", "( BTK )", " " * 40]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(2000)]
    for text in texts:
        for letters in ("BTK", "C"):
            assert _same(_definition(letters, text), _from_start(letters, text)), (letters, text)


def test_defined_acronym() -> None:
    text = "l'Autorité des technologies de Communication et d'Information (BTK) a bloqué le site. La BTK dit"
    assert _defined_acronym("BTK", text) == "Autorité des technologies de Communication et d'Information"

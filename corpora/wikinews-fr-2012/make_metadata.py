"""Write metadata.csv for the Wikinews sample: file, doc_id, title, date, outlet, licence.

The title and the first paragraph come from corpusling's own HTML reader, so the
metadata describe the texts the package analyses. Each article's first paragraph
starts with its publication date ("22 mai 2012. - …", "1er août 2012. - …").

    python corpora/wikinews-fr-2012/make_metadata.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polars as pl

from corpusling.readers.html import read_html

HERE = Path(__file__).resolve().parent
MONTHS = {name: number for number, name in enumerate(
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
     "novembre", "décembre"], start=1)}
DATE = re.compile(r"^(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)


def article_date(paragraph: str) -> str:
    """ISO date (YYYY-MM-DD) at the start of a paragraph such as "1er août 2012. - …"."""
    match = DATE.match(paragraph)
    if match is None:
        raise ValueError(f"no date at the start of: {paragraph[:60]!r}")
    day, month, year = match.groups()
    return f"{int(year):04d}-{MONTHS[month.lower()]:02d}-{int(day):02d}"


def main() -> int:
    rows = []
    for file in sorted((HERE / "documents").glob("*.html")):
        doc = read_html(file, file.stem)
        dated = [p for p in doc.text.split("\n\n") if DATE.match(p)]
        if not dated:
            print(f"{file.name}: no dated paragraph", file=sys.stderr)
            return 1
        rows.append({"file": file.name, "doc_id": file.stem, "title": doc.meta.get("title", ""),
                     "date": article_date(dated[0]), "outlet": "Wikinews", "licence": "CC BY 2.5"})
    pl.DataFrame(rows).write_csv(HERE / "metadata.csv")
    print(f"{len(rows)} articles → {HERE / 'metadata.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

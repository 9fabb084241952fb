"""Draw a fresh set of NTREX-128 French news documents before anyone reads them (see ``set21/LICENSE.md``).

Run from the project root, with a clone of NTREX (https://github.com/MicrosoftTranslator/NTREX)::

    python tests/gold/draw_ntrex.py --ntrex /path/to/NTREX --name set21 --salt corpusling-set21-2026-12-07-s11

NTREX-128 (Federmann, Kocmi & Xin 2022) holds 123 English news articles of 2019 (WMT19's test set: BBC, Reuters,
CNN, The Guardian…) translated by professional translators into 128 languages, one sentence a line, the article of
each line in ``DOCUMENT_IDS.tsv``; the first line of an article is its headline. Among the French (``fra``) articles of
150-800 whitespace-separated words, the ``--size`` with the smallest sha1 of ``<salt>:<document id>`` are written to
``tests/gold/<name>/documents/<id>.html``: the headline as ``<h1>``, every other line a ``<p>`` (the translation keeps
sentences, not paragraphs; news agencies write paragraphs of one or two sentences), text unchanged otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import subprocess
from itertools import groupby
from pathlib import Path

GOLD = Path(__file__).resolve().parent
TEXT = "NTREX-128/newstest2019-ref.fra.txt"


def _show(repo: Path, path: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True,
                          check=True).stdout


def articles(ntrex: Path) -> dict[str, list[str]]:
    """Each document id with its French lines, in order."""
    ids = _show(ntrex, "DOCUMENT_IDS.tsv").splitlines()
    lines = _show(ntrex, TEXT).splitlines()
    if len(ids) != len(lines):
        raise SystemExit(f"{len(ids)} document ids for {len(lines)} lines of {TEXT}")
    pairs = zip(ids, lines, strict=True)
    return {doc: [line for _, line in group] for doc, group in groupby(pairs, key=lambda p: p[0])}


def as_html(lines: list[str]) -> str:
    """The article as the HTML the reader takes: headline in ``<title>`` and ``<h1>``, one ``<p>`` per line."""
    title = html.escape(lines[0].strip(), quote=False)
    body = "".join(f"\t<p>{html.escape(p.strip(), quote=False)}</p>\n\n" for p in lines[1:] if p.strip())
    return (f"<!DOCTYPE html>\n<html>\n<head>\n\t<meta charset=\"utf-8\">\n\t<title>{title}</title>\n</head>\n"
            f"<body>\n\t<h1>{title}</h1>\n\n{body}</body>\n</html>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ntrex", type=Path, required=True, help="a git clone of NTREX")
    parser.add_argument("--name", required=True, help="the new set, e.g. set21")
    parser.add_argument("--salt", required=True, help="the hash's salt, written in the set's LICENSE.md")
    parser.add_argument("--size", type=int, default=28)
    args = parser.parse_args()
    # (the documents of the other sets: with this one's own, the draw gives the same documents again)
    held = {doc.stem for folder in GOLD.glob("set*") if folder.name != args.name
            for doc in (folder / "documents").glob("*.html")}
    texts = articles(args.ntrex)
    eligible = [doc for doc, lines in texts.items() if 150 <= len(" ".join(lines).split()) <= 800 and doc not in held]
    chosen = sorted(eligible, key=lambda d: hashlib.sha1(f"{args.salt}:{d}".encode()).hexdigest())[:args.size]
    out = GOLD / args.name / "documents"
    out.mkdir(parents=True, exist_ok=True)
    for doc in chosen:
        (out / f"{doc}.html").write_text(as_html(texts[doc]), encoding="utf-8")
    words = sum(len(" ".join(texts[d]).split()) for d in chosen)
    print(f"{len(chosen)} of {len(eligible)} eligible articles ({words} words) written to {out}")


if __name__ == "__main__":
    main()

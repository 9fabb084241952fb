"""Draw a fresh set of 40 WiNER-fr articles before anyone reads them (the procedure of ``setN/LICENSE.md``).

Run from the project root, with a clone of WiNER-fr (https://github.com/YoannDupont/WiNER-fr, commit 0fe35f0)::

    python tests/gold/draw_winer.py --winer /path/to/WiNER-fr --name set17 \\
        --salt corpusling-set17-2026-12-07-s9

Among the articles (files named ``YYYY_MM_DD-NNN.txt``) of 150-800 whitespace-separated words (``--min-words``,
``--max-words``) that no earlier set (``tests/gold/set5`` onwards) holds, the 40 (``--size``) with the smallest sha1
of ``<salt>:<path in WiNER-fr>`` are written to ``tests/gold/<name>/documents/<id>.html``. WiNER-fr puts spaces
around its entity boundaries ("l' affaire", "( LR )", "2017 ."): the spaces after an elided word before a word,
before ``,`` ``.`` ``)`` and after ``(`` are removed, nothing else; the title becomes ``<h1>``, each paragraph a
``<p>``, so that corpusling's HTML reader gives the annotators' text. With the salts of the ``LICENSE.md`` files
this script gives set16 and set17 byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import subprocess
from pathlib import Path

GOLD = Path(__file__).resolve().parent
ARTICLE = re.compile(r"\d{4}_\d{2}_\d{2}-\d{3}\.txt")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def tidy(text: str) -> str:
    """Undo WiNER-fr's spaces around entity boundaries (and nothing else)."""
    text = re.sub(r"(\b\w*['’]) +(?=\w)", r"\1", text)
    text = re.sub(r" +([,.)])", r"\1", text)
    return re.sub(r"\( +", "(", text)


def as_html(text: str) -> str:
    """The article as the HTML the reader takes: title in ``<title>`` and ``<h1>``, one ``<p>`` per paragraph."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    title = html.escape(paragraphs[0], quote=False)
    body = "".join(f"\t<p>{html.escape(p, quote=False)}</p>\n\n" for p in paragraphs[1:])
    return (f"<!DOCTYPE html>\n<html>\n<head>\n\t<meta charset=\"utf-8\">\n\t<title>{title}</title>\n</head>\n"
            f"<body>\n\t<h1>{title}</h1>\n\n{body}</body>\n</html>\n")


def draw(winer: Path, salt: str, held: set[str], size: int = 40,
         words: tuple[int, int] = (150, 800)) -> tuple[list[str], int]:
    """The paths drawn and the number of eligible articles (of ``words`` whitespace-separated words, bounds
    included)."""
    eligible = []
    for path in _git(winer, "ls-tree", "-r", "--name-only", "HEAD").split():
        name = path.rsplit("/", 1)[-1]
        if ARTICLE.fullmatch(name) and name[:-4] not in held:
            if words[0] <= len(_git(winer, "show", f"HEAD:{path}").split()) <= words[1]:
                eligible.append(path)
    ranked = sorted(eligible, key=lambda p: hashlib.sha1(f"{salt}:{p}".encode()).hexdigest())
    return ranked[:size], len(eligible)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--winer", type=Path, required=True, help="a git clone of WiNER-fr")
    parser.add_argument("--name", required=True, help="the new set, e.g. set18")
    parser.add_argument("--salt", required=True, help="the hash's salt, written in the set's LICENSE.md")
    parser.add_argument("--size", type=int, default=40, help="how many articles to draw (default 40)")
    parser.add_argument("--min-words", type=int, default=150, help="the shortest eligible article (default 150)")
    parser.add_argument("--max-words", type=int, default=800, help="the longest eligible article (default 800)")
    args = parser.parse_args()
    number = int(args.name.removeprefix("set"))
    earlier = [GOLD / f"set{n}" for n in range(5, number)]
    held = {doc.stem for folder in earlier for doc in (folder / "documents").glob("*.html")}
    chosen, eligible = draw(args.winer, args.salt, held, args.size, (args.min_words, args.max_words))
    out = GOLD / args.name / "documents"
    out.mkdir(parents=True, exist_ok=True)
    for path in chosen:
        text = tidy(_git(args.winer, "show", f"HEAD:{path}"))
        (out / f"{Path(path).stem}.html").write_text(as_html(text), encoding="utf-8")
    print(f"{len(chosen)} of {eligible} eligible articles written to {out} ({eligible - len(chosen)} left)")


if __name__ == "__main__":
    main()

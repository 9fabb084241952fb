"""corpusling and CQP (Corpus Workbench) return the same hits on the same corpus.

The corpus goes to CWB the way a user sends it: `corpusling.vrt.to_vrt` and the cwb-encode
command printed in its header. Skipped unless CWB is installed: set CWB_PREFIX to its install
prefix (built as ../shared/notes/cwb.md describes) or put `cqp` on the PATH.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest
from test_query import build

from corpusling import tokens as tok
from corpusling.query import count

PREFIX = os.environ.get("CWB_PREFIX")
BIN = Path(PREFIX) / "bin" if PREFIX else (Path(shutil.which("cqp")).parent if shutil.which("cqp") else None)
pytestmark = pytest.mark.skipif(BIN is None or not (BIN / "cqp").exists() or not (BIN / "cwb-encode").exists(),
                                reason="CWB not installed (set CWB_PREFIX); see ../shared/notes/cwb.md")

#: (corpusling query, CQP query)
PAIRS = [
    ('[lemma="avoir" & pos="AUX"] [pos="VERB"]', '[lemma="avoir" & pos="AUX"] [pos="VERB"]'),
    ('[lemma="selon"] []{0,3} [pos="PROPN"]', '[lemma="selon"] []{0,3} [pos="PROPN"]'),
    ('[word="s.*"%c]', '[word="s.*"%c]'),
    ('[lemma="dire|déclarer"] []{0,3} [word="que"]', '[lemma="dire|déclarer"] []{0,3} [word="que"]'),
    ('[word=".*ment"%c]', '[word=".*ment"%c]'),
    ('[word="selon"] [pos="DET"]? [pos="PROPN"]+ within s', '[word="selon"] [pos="DET"]? [pos="PROPN"]+ within s'),
    ('[word="elevee"%d]', '[word="elevee"%d]'),
    ('[pos="PROPN"]+', '[pos="PROPN"]+'),
    ('[pos="PROPN"]+ [pos="PUNCT"]', '[pos="PROPN"]+ [pos="PUNCT"]'),
    ('[pos!="PUNCT"] [pos="PUNCT"]', '[pos!="PUNCT"] [pos="PUNCT"]'),
    ('[pos="PRON"] [lemma="avoir" | lemma="sembler"]', '[pos="PRON"] [lemma="avoir" | lemma="sembler"]'),
    ('[pos="DET"] [pos="ADJ"]{0,2} [pos="NOUN"]', '[pos="DET"] [pos="ADJ"]{0,2} [pos="NOUN"]'),
    ('[pos="NOUN"]+ [pos="VERB"]', '[pos="NOUN"]+ [pos="VERB"]'),
    ('[pos="DET"]? [pos="NOUN"] [pos="ADJ"]*', '[pos="DET"]? [pos="NOUN"] [pos="ADJ"]*'),
    ('[] [pos="ADJ"]', '[] [pos="ADJ"]'),
    ('[pos="VERB"] []{1,2} [pos="NOUN" & !lemma="NOUN1"]', '[pos="VERB"] []{1,2} [pos="NOUN" & !lemma="NOUN1"]'),
]


def random_corpus(n: int = 4000, seed: int = 5) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = random.Random(seed)
    upos = [rng.choice(["DET", "NOUN", "ADJ", "VERB", "PROPN", "PUNCT"]) for _ in range(n)]
    forms = [f"{u.lower()}{i % 4}" for i, u in enumerate(upos)]
    sent, doc, word, starts, ends, texts = [], [], [], [], [], {}
    pos, s, w = 0, 1, 1
    for i in range(n):
        d = f"r{i // 1000}"
        if i % 1000 == 0:
            pos, s, w = 0, 1, 1
        elif rng.random() < 0.08:
            s, w = s + 1, 1
        texts[d] = texts.get(d, "") + ("" if pos == 0 else " ") + forms[i]
        pos = len(texts[d])
        starts.append(pos - len(forms[i]))
        ends.append(pos)
        sent.append(s)
        doc.append(d)
        word.append(w)
        w += 1
    tokens = tok.from_rows({"doc_id": doc, "sent_id": sent, "word_id": word, "form": forms,
                            "lemma": [f"{u}{i % 2}" for i, u in enumerate(upos)], "upos": upos,
                            "start_char": starts, "end_char": ends})
    return tokens, pl.DataFrame({"doc_id": list(texts), "text": list(texts.values())})


def cqp_counts(tokens: pl.DataFrame, documents: pl.DataFrame, folder: Path, queries: list[str]) -> list[int]:
    from corpusling.vrt import to_vrt

    vrt = to_vrt(tokens, documents.drop("text"), path="corpus.vrt", name="agree")
    (folder / "corpus.vrt").write_text(vrt, encoding="utf-8")
    command = re.search(r"<!-- load into CWB: (.*?) -->", vrt).group(1)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", "-c", command], cwd=folder, env=env, check=True, capture_output=True)
    script = "AGREE;\n" + "".join(f"A = {q} within s;\nsize A;\n" for q in queries)
    done = subprocess.run([str(BIN / "cqp"), "-r", "registry", "-c"], input=script, text=True, cwd=folder,
                          capture_output=True, check=True)
    return [int(line) for line in done.stdout.split("\n") if line.strip().isdigit()]


@pytest.mark.parametrize("make", [build, random_corpus], ids=["hand-built", "random"])
def test_same_hits_as_cqp(tmp_path, make):
    tokens, documents = make()
    theirs = cqp_counts(tokens, documents, tmp_path, [c for _, c in PAIRS])
    ours = [count(tokens, q) for q, _ in PAIRS]
    assert len(theirs) == len(PAIRS)
    assert ours == theirs
    assert sum(ours) > 0

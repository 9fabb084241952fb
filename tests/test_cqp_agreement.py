"""corpusling and CQP (Corpus Workbench) return the same hits on the same words (issue 17, item 7).

Every query is written once, in CQP's syntax, and given unchanged to both tools (each says
``within s``: CQP's default region is the whole corpus, corpusling's the sentence). The hits
must be identical: the same first and last word of every match and, with ``@``, the same target
word (CQP's ``dump``). The corpus goes to CWB the way a user sends it, `corpusling.vrt.to_vrt`
and the cwb-encode command printed in its header, with one more positional attribute, ``mood``,
so that a feature is the same attribute on both sides.

Three corpora: the hand-built one of test_query, a random one (tags only), and UD French-Sequoia
(train and dev, 60,000 words; documents of 30 sentences with a made-up ``date``) where the
five queries of the issue's "Done when" have hits. Skipped unless CWB is installed: set
CWB_PREFIX to its install prefix (built as ../shared/notes/cwb.md describes) or put ``cqp`` on
the PATH.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from test_query import build

from corpusling import tokens as tok
from corpusling.query import query

PREFIX = os.environ.get("CWB_PREFIX")
BIN = Path(PREFIX) / "bin" if PREFIX else (Path(shutil.which("cqp")).parent if shutil.which("cqp") else None)
pytestmark = pytest.mark.skipif(BIN is None or not (BIN / "cqp").exists() or not (BIN / "cwb-encode").exists(),
                                reason="CWB not installed (set CWB_PREFIX); see ../shared/notes/cwb.md")
SEQUOIA = [Path(__file__).resolve().parents[2] / "shared" / "ud" / f"fr_sequoia-ud-{part}.conllu"
           for part in ("train", "dev")]

#: The five queries of issue 17's "Done when", as a CQP user types them.
DONE_WHEN = [
    '[lemma="dire|déclarer"] []{0,3} "que" within s',
    '[word=".*ment"%c] within s',
    '"selon" [pos="DET"]? [pos="PROPN"]+ within s',
    '@[lemma="pouvoir" & mood="Cnd"] [pos="VERB"] within s',
    '[lemma="selon"] [] :: match.text_date="2012.*" within s',
]

#: Everything else: values, quantifiers, regions, target, labels and '::', groups, [] alone, cut.
QUERIES = DONE_WHEN + [
    # values and quantifiers
    '[lemma="avoir" & pos="AUX"] [pos="VERB"] within s',
    '[lemma="selon"] []{0,3} [pos="PROPN"] within s',
    '[word="s.*"%c] within s',
    '[word="elevee"%d] within s',
    '[word="."%l] within s',
    '[pos="PROPN"]+ within s',
    '[pos="PROPN"]+ [pos="PUNCT"] within s',
    '[pos!="PUNCT"] [pos="PUNCT"] within s',
    '[pos="PRON"] [lemma="avoir" | lemma="sembler"] within s',
    '[pos="DET"] [pos="ADJ"]{0,2} [pos="NOUN"] within s',
    '[pos="NOUN"]+ [pos="VERB"] within s',
    '[pos="DET"]? [pos="NOUN"] [pos="ADJ"]* within s',
    '[] [pos="ADJ"] within s',
    '[pos="VERB"] []{1,2} [pos="NOUN" & !lemma="NOUN1"] within s',
    '[pos="ADJ"]{2,} within s',
    '[pos="DET"] []{,2} [pos="NOUN"] within s',
    '[pos="ADP"]{2} [pos="DET"] within s',
    # regions
    '[pos="VERB"] []* [pos="PROPN"] within p',
    '[lemma="selon"] []* [pos="PROPN"] within text',
    '[pos="PUNCT"] [pos="DET"] within text',
    # the target
    '[pos="DET"] @[pos="ADJ"]? [pos="NOUN"] within s',
    '[pos="PROPN"]+ @[pos="PUNCT"] within s',
    '@[pos="PROPN"]? [pos="PUNCT"] within s',
    '[pos="ADP"] []{0,3} @[pos="PROPN"] within s',
    '[pos="PRON"] (@[pos="AUX"] [pos="VERB"] | @[pos="VERB"]) within s',
    # labels and '::'
    'a:[pos="NOUN"] [pos="ADP"] []? b:[pos="NOUN"] :: a.lemma = b.lemma within s',
    'a:[pos="NOUN"] []{0,3} b:[pos="NOUN"] :: a.word = b.word within s',
    'a:[pos="DET"] b:[pos="NOUN"] :: a.word = "l.*"%c & b.lemma != "an" within s',
    'a:[pos="ADP"] []{0,2} b:[pos="NOUN"] :: !(b.lemma = "jour") | a.word = "de" within s',
    'a:[pos="ADJ"]+ [pos="NOUN"] :: a.word = ".*s" within s',
    '[pos="DET"] a:[pos="ADJ"]? [pos="NOUN"] :: !(a.word = ".*e") within s',
    '[pos="DET"] a:[pos="ADJ"]? [pos="NOUN"] :: a within s',
    'a:[pos="PROPN"] :: a.text_date = "2013.*" within s',
    'a:[pos="VERB"] []{0,2} b:[pos="VERB"] :: a.lemma = b.lemma & a.word != b.word within s',
    '[lemma="selon"] []{0,4} a:[pos="PROPN"] :: a.word = "[A-Z].*[a-z]" within s',
    '(a:[pos="PRON"] | a:[pos="DET"]) [pos="NOUN"] :: a.word = "l.*" within s',
    # groups, [] alone, cut
    '([pos="DET"] | [pos="ADP"]) [pos="NOUN"] within s',
    '[pos="ADP"] ([pos="DET"] [pos="ADJ"]?)? [pos="NOUN"] within s',
    '([pos="NOUN"] [pos="ADP"]){2,} [pos="NOUN"] within s',
    '([pos="ADJ"] | [pos="NOUN"] [pos="ADJ"]){1,2} [pos="PUNCT"] within s',
    '"selon" [] | [lemma="affirmer"] [] within s',
    '[] within s',
    '[]{2} within s',
    '[pos="NOUN"] within s cut 7',
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
    tokens = tok.from_rows({"doc_id": doc, "par_id": [1 + s // 4 for s in sent], "sent_id": sent, "word_id": word,
                            "form": forms, "lemma": [f"{u}{i % 2}" for i, u in enumerate(upos)], "upos": upos,
                            "start_char": starts, "end_char": ends})
    return tokens, pl.DataFrame({"doc_id": list(texts), "text": list(texts.values()),
                                 "date": [f"201{k % 4}-01-01" for k in range(len(texts))]})


def hand_built() -> tuple[pl.DataFrame, pl.DataFrame]:
    tokens, documents = build()
    return tokens, documents.with_columns(pl.col("year").cast(pl.String).alias("date") + "-05-01")


def sequoia() -> tuple[pl.DataFrame, pl.DataFrame]:
    if not all(path.exists() for path in SEQUOIA):
        pytest.skip("UD French-Sequoia is not in ../shared/ud")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from corpus import from_conllu

    tokens, documents = from_conllu(SEQUOIA)
    dates = [f"{2010 + k % 5}-{1 + k % 12:02d}-01" for k in range(documents.height)]
    return tokens, documents.with_columns(pl.Series("date", dates))


def cqp_hits(tokens: pl.DataFrame, documents: pl.DataFrame, folder: Path, queries: list[str]
             ) -> list[list[tuple[int, int, int]]]:
    """Every query's hits in CQP: (match, matchend, target) corpus positions (= token-table rows)."""
    from corpusling.vrt import to_vrt

    vrt = to_vrt(tokens, documents.drop("text"), path="corpus.vrt", name="agree")
    moods = iter(tokens["mood"].fill_null("_").to_list() if "mood" in tokens.columns else ["_"] * tokens.height)
    lines = [line if line.startswith("<") or not line else f"{line}\t{next(moods)}" for line in vrt.split("\n")]
    (folder / "corpus.vrt").write_text("\n".join(lines), encoding="utf-8")
    command = re.search(r"<!-- load into CWB: (.*?) -->", vrt).group(1).replace(" -S text", " -P mood -S text")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", "-c", command], cwd=folder, env=env, check=True, capture_output=True)
    script = "AGREE;\n" + "".join(f"A = {q};\ndump A;\n.EOL.;\n" for q in queries)
    done = subprocess.run([str(BIN / "cqp"), "-r", "registry", "-c"], input=script, text=True, cwd=folder,
                          capture_output=True, check=True)
    assert "Error" not in done.stderr + done.stdout, done.stderr + done.stdout
    blocks = done.stdout.split("-::-EOL-::-")[:len(queries)]
    return [[tuple(int(x) for x in line.split("\t")[:3]) for line in block.splitlines() if line[:1].isdigit()]
            for block in blocks]


def our_hits(tokens: pl.DataFrame, documents: pl.DataFrame, pattern: str) -> list[tuple[int, int, int]]:
    found = query(tokens, pattern, documents)
    target = found["target_row"].fill_null(-1) if "target_row" in found.columns else pl.repeat(-1, found.height,
                                                                                               eager=True)
    return list(zip(found["first_row"].to_list(), found["last_row"].to_list(), target.to_list(), strict=True))


@pytest.mark.parametrize("make", [hand_built, random_corpus, sequoia], ids=["hand-built", "random", "sequoia"])
def test_same_hits_as_cqp(tmp_path, make):
    tokens, documents = make()
    theirs = cqp_hits(tokens, documents, tmp_path, QUERIES)
    assert len(theirs) == len(QUERIES)
    different = {q: (len(mine), len(cqp)) for q, cqp in zip(QUERIES, theirs, strict=True)
                 if (mine := our_hits(tokens, documents, q)) != cqp}
    assert not different, different  # query: (hits corpusling, hits CQP)
    assert sum(len(t) for t in theirs) > 0
    if make is sequoia:  # the five queries all have hits on real French
        assert all(len(t) > 0 for t in theirs[:len(DONE_WHEN)]), [len(t) for t in theirs[:len(DONE_WHEN)]]

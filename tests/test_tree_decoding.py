"""The decoding shortcut gives Stanza's trees (issue 19, item 2): on random scores, and on real parses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpusling.nlp.tree_decoding import greedy_tree

WIKINEWS = Path(__file__).resolve().parent.parent / "corpora" / "wikinews-fr-2012" / "documents"


def test_greedy_tree_is_stanzas_tree_whenever_it_answers() -> None:
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    rng = np.random.default_rng(0)
    answered = 0
    for n in [*range(2, 40)] * 20:
        scores = rng.normal(size=(n, n)).astype(np.float32)
        if rng.random() < 0.7:  # a parser's scores: one clear head per word
            for i in range(1, n):
                scores[i, i - 1] += 5
            scores[1, 0] += 10
        tree = greedy_tree(scores.copy())
        if tree is not None:
            answered += 1
            assert (tree == chuliu_edmonds_one_root(scores.copy())).all()
    assert answered > 20


def test_cycles_and_several_roots_go_to_stanzas_decoder() -> None:
    two_roots = np.full((4, 4), -5.0)
    two_roots[1:, 0] = 50.0  # every word prefers the root: not one root
    assert greedy_tree(two_roots) is None
    cycle = np.full((4, 4), -5.0)
    cycle[1, 2], cycle[2, 1], cycle[3, 0] = 9.0, 9.0, 9.0
    assert greedy_tree(cycle) is None


def test_parses_are_identical_with_and_without_the_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    from stanza.models.depparse import model

    from corpusling.api import parse, read
    from corpusling.nlp import tree_decoding

    corpus = read([WIKINEWS / f"{doc}.html" for doc in ("44672", "45619", "45070", "44960")])
    fast = parse(corpus, model="compact", use_cache=False)
    assert hasattr(model.chuliu_edmonds_one_root, "__wrapped__")
    monkeypatch.setattr(model, "chuliu_edmonds_one_root", model.chuliu_edmonds_one_root.__wrapped__)
    monkeypatch.setattr(tree_decoding, "install", lambda: None)
    slow = parse(corpus, model="compact", use_cache=False)
    assert fast.tokens.equals(slow.tokens)

"""corpusling's tree decoding gives Stanza's trees (issue 19, item 2): on random scores, ties included, and on
real parses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpusling.nlp.tree_decoding import _cycle_to_contract, chuliu_edmonds_one_root, decode, greedy_tree

WIKINEWS = Path(__file__).resolve().parent.parent / "corpora" / "wikinews-fr-2012" / "documents"


def _random_scores(rng: np.random.Generator, n: int, kind: int) -> np.ndarray:
    """Scores[word, head] of four kinds: normal, small integers (many ties), log-probabilities as Stanza's
    parser gives them (float32), and a parser-like matrix with one clear head per word."""
    if kind == 0:
        return rng.normal(size=(n, n))
    if kind == 1:
        return rng.integers(-3, 1, size=(n, n)).astype(np.float64)
    if kind == 2:
        return np.log(rng.dirichlet(np.full(n, 0.3), size=n)).astype(np.float32)
    scores = rng.normal(size=(n, n)).astype(np.float32)
    for word in range(1, n):
        scores[word, max(0, word - 1 - int(rng.integers(0, 3)))] += 6
    return scores


def _stanza(scores: np.ndarray) -> np.ndarray | None:
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root as stanza_decoder

    try:
        return stanza_decoder(scores.copy())
    except AssertionError:  # Stanza's "multiple root edges" check
        return None


def _ours(decoder, scores: np.ndarray) -> np.ndarray | None:
    try:
        return decoder(scores.copy())
    except AssertionError:
        return None


def test_decoders_give_stanzas_heads_on_thousands_of_random_matrices() -> None:
    rng = np.random.default_rng(19)
    sizes = [*range(2, 41)] * 60 + [*range(41, 121)]
    compared = shortcut_answers = 0
    for number, n in enumerate(sizes):
        scores = _random_scores(rng, n, number % 4)
        before = scores.copy()
        expected = _stanza(scores)
        for decoder in (chuliu_edmonds_one_root, decode):
            got = _ours(decoder, scores)
            assert (got is None) == (expected is None), (number, n)
            if expected is not None:
                assert got is not None and got.dtype.kind == "i" and (got == expected).all(), (number, n)
        assert np.array_equal(scores, before)  # the caller's scores are left as they were
        shortcut_answers += greedy_tree(scores) is not None
        compared += 1
    assert compared == 2420
    assert 100 < shortcut_answers < compared  # both paths of decode() were exercised


def test_shortcut_declines_ties_where_stanzas_tie_breaking_decides() -> None:
    # word 4 scores heads 2 and 3 alike (0): both trees score the same, and Stanza's decoder, through its
    # contractions, gives word 4 the head 3 where the first best head would be 2
    scores = np.array([[-2.0, -3.0, 0.0, -2.0, 0.0],
                       [1.0, -2.0, 0.0, -1.0, -3.0],
                       [-2.0, 1.0, -3.0, 0.0, 0.0],
                       [-1.0, 0.0, 1.0, -3.0, -1.0],
                       [-3.0, -2.0, 0.0, 0.0, -3.0]])
    assert greedy_tree(scores) is None
    assert (_stanza(scores) == [0, 0, 1, 2, 3]).all()
    assert (decode(scores) == [0, 0, 1, 2, 3]).all()
    assert (chuliu_edmonds_one_root(scores) == [0, 0, 1, 2, 3]).all()


def test_greedy_tree_when_it_is_the_answer_and_not_otherwise() -> None:
    chain = np.full((4, 4), -5.0)
    chain[1, 0], chain[2, 1], chain[3, 2] = 9.0, 9.0, 9.0
    assert (greedy_tree(chain) == [0, 0, 1, 2]).all()
    two_roots = np.full((4, 4), -5.0)
    two_roots[1:, 0] = 50.0  # every word prefers the root: not one root
    assert greedy_tree(two_roots) is None
    cycle = np.full((4, 4), -5.0)
    cycle[1, 2], cycle[2, 1], cycle[3, 0] = 9.0, 9.0, 9.0
    assert greedy_tree(cycle) is None


def test_the_cycle_contracted_first_is_stanzas() -> None:
    # cycles {1, 2} and {3, 4}; Stanza's Tarjan search lists {1, 2} first and contracts the last one listed
    assert _cycle_to_contract([0, 2, 1, 4, 3]) == [3, 4]
    assert _cycle_to_contract([0, 4, 3, 2, 1, 0]) == [2, 3]  # {1, 4} and {2, 3}: the larger smallest word
    assert _cycle_to_contract([0, 0, 1, 2]) is None
    assert _cycle_to_contract([0, 3, 1, 2, 3]) == [1, 2, 3]  # word 4 hangs from the cycle, not in it


@pytest.mark.slow
def test_parses_are_identical_with_and_without_corpusling_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
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

"""A shortcut for Stanza's dependency-tree decoding: the greedy tree when it already is the answer.

Stanza's parser scores every head for every word, then decodes the highest-scoring tree with exactly one
root (``chuliu_edmonds_one_root``: every root arc is lowered by one large amount so that a second root never
pays, then Chu-Liu/Edmonds with its Python search for cycles, the slowest part of decoding on a CPU). When
each word's best head already gives a tree with one root, that tree is the answer: it is checked here with
numpy (every word reaches the root by pointer doubling, log n vectorised lookups) and returned; otherwise
Stanza's decoder runs as before. The trees, hence the token tables, are identical (tested on a corpus).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def greedy_tree(scores: np.ndarray) -> np.ndarray | None:
    """Each word's best head (no self-loops), or None when those heads do not form a tree with one root.

    When they do, it is the best tree of all, so the best tree with one root, which is what Stanza's
    decoder finds: it lowers every root arc by the same amount, which leaves the order of one-root trees
    unchanged (Stanojević & Cohen 2021). Ties between scores aside, the trees are the same.
    """
    weighted = scores.astype(np.float64)  # a copy, as Stanza makes one
    np.fill_diagonal(weighted, -np.inf)
    weighted[0] = -np.inf
    weighted[0, 0] = 0
    tree = np.argmax(weighted, axis=1)
    if np.count_nonzero(tree[1:] == 0) != 1:
        return None
    reach = tree.copy()
    for _ in range(max(1, int(np.ceil(np.log2(max(len(tree), 2)))) + 1)):
        reach = reach[reach]
    return tree if not reach.any() else None


def with_shortcut(decode: Callable[[np.ndarray], Any]) -> Callable[[np.ndarray], Any]:
    """``decode`` (Stanza's ``chuliu_edmonds_one_root``), answering from :func:`greedy_tree` when it can."""
    def decode_tree(scores: np.ndarray) -> Any:
        tree = greedy_tree(scores)
        return tree if tree is not None else decode(scores)
    decode_tree.__wrapped__ = decode  # type: ignore[attr-defined]
    return decode_tree


def install() -> None:
    """Use the shortcut in Stanza's dependency parser (once per process)."""
    from stanza.models.depparse import model

    if not hasattr(model.chuliu_edmonds_one_root, "__wrapped__"):
        model.chuliu_edmonds_one_root = with_shortcut(model.chuliu_edmonds_one_root)

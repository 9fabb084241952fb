"""Stanza's dependency-tree decoding, same trees, less time.

Stanza's parser scores every head for every word, then decodes the highest-scoring tree with exactly one
root (``chuliu_edmonds_one_root``): every root arc is lowered by one large amount (the lowest score times
the sentence length) so that a second root never pays (Stanojević & Cohen 2021), then Chu-Liu/Edmonds
(Chu & Liu 1965, Edmonds 1967): each word takes its best head; while those heads hold a cycle, the cycle is
contracted into one node and the smaller problem solved, then expanded. Stanza looks for cycles with
Tarjan's algorithm written in Python, called once per contraction, and lowering the root arcs makes the
root word join a cycle that grows one word per contraction: most of its time on a CPU.

Two things here give Stanza's trees faster:

- :func:`greedy_tree`: when each word's best head, before any lowering, already gives a tree with one root
  and no word hesitates between two heads, that tree is the answer (no contraction at all);
- :func:`chuliu_edmonds_one_root`: the same steps as Stanza's decoder (same lowering, same argmax, same
  cycle contracted first, same arithmetic in the same order, so the same heads even when scores tie),
  with the cycles found by walking each word's head pointers (a few microseconds) instead of Tarjan's
  search, and the contracted problem built with fewer array copies.

:func:`decode` tries the first, then the second; :func:`install` puts it into Stanza's parser. Tested
equal to Stanza's decoder on thousands of random score matrices (ties included) and on parsed text.
Stanza's decoder (Apache-2.0, after Dozat's Parser-v3) was read to follow its order of operations.
"""

from __future__ import annotations

import numpy as np


def _prepare(scores: np.ndarray) -> None:
    """No word heads itself; the root (row 0) has no head but itself (in place, as Stanza's ``prepare_scores``)."""
    np.fill_diagonal(scores, -np.inf)
    scores[0] = -np.inf
    scores[0, 0] = 0


def greedy_tree(scores: np.ndarray) -> np.ndarray | None:
    """Each word's best head, or None unless those heads form a tree with one root and each best is strict.

    Such a tree is the best tree of all, so the best tree with one root, and the only one: every other tree
    gives some word a head that scores strictly less. Lowering every root arc by the same amount, as
    Stanza does, moves every one-root tree by that amount and leaves it the only best, which is what
    Stanza's decoder finds. A word whose two best heads tie sends the sentence to the full decoder, whose
    tie-breaking is then Stanza's own.
    """
    weighted = scores.astype(np.float64)  # a copy, as Stanza makes one
    if weighted[np.isfinite(weighted)].min() > 0:  # Stanza would raise root arcs, not lower them
        return None
    _prepare(weighted)
    tree = np.argmax(weighted, axis=1)
    if np.count_nonzero(tree[1:] == 0) != 1:
        return None
    reach = tree.copy()
    for _ in range(max(1, int(np.ceil(np.log2(max(len(tree), 2)))) + 1)):
        reach = reach[reach]
    if reach.any():
        return None
    rows = np.arange(1, len(tree))
    best = weighted[rows, tree[1:]]
    weighted[rows, tree[1:]] = -np.inf
    if (weighted[1:].max(axis=1) >= best).any():  # a tie for some word's best head
        return None
    return tree


def _cycle_to_contract(heads: list[int]) -> list[int] | None:
    """The words, in order, of the cycle Stanza contracts first; None when the heads have no cycle.

    ``heads[i]`` is word i's head, ``heads[0] == 0``. Stanza's Tarjan search, run from word 0, 1, 2, …
    along head-to-dependent arcs, can enter a cycle only from the cycle itself, so it lists each cycle when
    it reaches the cycle's smallest word; Stanza contracts the last one listed: the cycle whose smallest
    word is the largest.
    """
    walk_of = [0] * len(heads)  # 0: not walked yet; else the number of the walk that passed there
    walk_of[0] = -1
    chosen: list[int] | None = None
    chosen_smallest = -1
    for start in range(1, len(heads)):
        if walk_of[start]:
            continue
        walk = start
        path = []
        word = start
        while not walk_of[word]:
            walk_of[word] = walk
            path.append(word)
            word = heads[word]
        if walk_of[word] == walk:  # this walk came back on itself: path from `word` on is a cycle
            cycle = path[path.index(word):]
            smallest = min(cycle)
            if smallest > chosen_smallest:
                chosen, chosen_smallest = cycle, smallest
    return sorted(chosen) if chosen is not None else None


def _chuliu_edmonds(scores: np.ndarray) -> np.ndarray:
    """Best tree of ``scores`` (float64, changed in place), by Stanza's steps in Stanza's order."""
    contractions = []
    while True:
        _prepare(scores)
        tree = scores.argmax(axis=1)
        cycle = _cycle_to_contract(tree.tolist())
        if cycle is None:
            break
        members = set(cycle)
        cycle_locs = np.array(cycle)
        noncycle_locs = np.array([word for word in range(len(tree)) if word not in members])
        outside = len(noncycle_locs)
        cycle_scores = scores[cycle_locs, tree[cycle_locs]]
        cycle_score = cycle_scores.sum()
        # a cycle word taking an outside head instead of its cycle head: the cycle's score changes by this
        head_scores = scores[cycle_locs[:, None], noncycle_locs] - cycle_scores[:, None] + cycle_score
        dep_scores = scores[noncycle_locs[:, None], cycle_locs]
        metanode_heads = head_scores.argmax(axis=0)  # for each outside head, the cycle word it would take
        metanode_deps = dep_scores.argmax(axis=1)  # for each outside word, its best head in the cycle
        columns = np.arange(outside)
        contracted = np.empty((outside + 1, outside + 1))
        contracted[:outside, :outside] = scores[noncycle_locs[:, None], noncycle_locs]
        contracted[outside, :outside] = head_scores[metanode_heads, columns]
        contracted[:outside, outside] = dep_scores[columns, metanode_deps]
        contracted[outside, outside] = 0  # (set to -inf by _prepare)
        contractions.append((tree, cycle_locs, noncycle_locs, metanode_heads, metanode_deps))
        scores = contracted
    while contractions:
        contracted_tree = tree
        tree, cycle_locs, noncycle_locs, metanode_heads, metanode_deps = contractions.pop()
        cycle_head = contracted_tree[-1]  # the outside word the whole cycle hangs from
        outer = contracted_tree[:-1]
        expanded = np.empty_like(tree)
        from_outside = outer < len(outer)
        expanded[noncycle_locs[from_outside]] = noncycle_locs[outer[from_outside]]
        from_cycle = ~from_outside
        expanded[noncycle_locs[from_cycle]] = cycle_locs[metanode_deps[from_cycle]]
        expanded[cycle_locs] = tree[cycle_locs]
        expanded[cycle_locs[metanode_heads[cycle_head]]] = noncycle_locs[cycle_head]
        tree = expanded
    return tree


def chuliu_edmonds_one_root(scores: np.ndarray) -> np.ndarray:
    """The heads Stanza's ``chuliu_edmonds_one_root`` gives for ``scores`` (scores[word, head]; 0 is the root)."""
    weighted = scores.astype(np.float64)  # a copy: the caller's scores stay as they are
    lowest = weighted[np.isfinite(weighted)].min()
    weighted[:, 0] = weighted[:, 0] + (lowest * weighted.shape[0])
    tree = _chuliu_edmonds(weighted)
    if np.count_nonzero(tree[1:] == 0) != 1:
        raise AssertionError("Rescaling by the lowest score should have prevented using multiple root edges")
    return tree


def decode(scores: np.ndarray) -> np.ndarray:
    """Stanza's tree for ``scores``: the greedy tree when it is the answer, else the full decoder."""
    tree = greedy_tree(scores)
    return tree if tree is not None else chuliu_edmonds_one_root(scores)


def install() -> None:
    """Decode trees with :func:`decode` in Stanza's dependency parser (once per process).

    Stanza's own decoder stays reachable as ``stanza.models.depparse.model.chuliu_edmonds_one_root.__wrapped__``.
    """
    from stanza.models.depparse import model

    if not hasattr(model.chuliu_edmonds_one_root, "__wrapped__"):
        def stanza_tree(scores: np.ndarray) -> np.ndarray:
            return decode(scores)
        stanza_tree.__wrapped__ = model.chuliu_edmonds_one_root  # type: ignore[attr-defined]
        model.chuliu_edmonds_one_root = stanza_tree

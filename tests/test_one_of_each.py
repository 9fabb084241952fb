"""One ``group_by`` check (issue 15): no copy of it elsewhere in the package.

Read from the source with ``ast``, as tests/test_import_graph.py reads the imports. A module that needs
to check a metadata column calls :func:`corpusling.groups.check_group_by` (and translates its
``InputError`` where its layer answers otherwise).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "corpusling"

#: The wording of a missing metadata column, which only corpusling.groups may write.
GROUP_MESSAGE = re.compile(r"no (such )?metadata column|the documents have")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def group_messages(path: Path) -> list[str]:
    """String constants (f-string parts included) that word a missing metadata column, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [f"{node.lineno}: {node.value[:60]!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and GROUP_MESSAGE.search(node.value)]


def offenders(scan, allowed: str) -> dict[str, list[str]]:
    bad = {}
    for path in modules():
        name = str(path.relative_to(PACKAGE))
        if name != allowed and (hits := scan(path)):
            bad[name] = hits
    return bad


def test_only_groups_words_a_missing_metadata_column() -> None:
    assert group_messages(PACKAGE / "groups.py")  # the scan sees the one message
    assert offenders(group_messages, "groups.py") == {}


def test_the_scan_sees_a_copy(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""Checks a metadata column."""\n'
                      "def check(col):\n"
                      "    raise ValueError(f'{col!r}: no metadata column; the documents have: x')\n",
                      encoding="utf-8")
    assert len(group_messages(module)) == 1

"""One ``group_by`` check and one atomic writer (issue 15): no copy of either elsewhere in the package.

Read from the source with ``ast``, as tests/test_import_graph.py reads the imports. A module that needs
to check a metadata column calls :func:`corpusling.groups.check_group_by` (and translates its
``InputError`` where its layer answers otherwise); a module that publishes a file or a folder calls
:mod:`corpusling.atomic`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "corpusling"

#: Calls that publish or fix up files by hand: ``os.rename(…)``, ``tempfile.mkdtemp(…)``, ``os.chmod(…)``…
#: (``tempfile.TemporaryDirectory`` stays allowed: a scratch folder that is thrown away, never published.)
PUBLISHING = {"os": {"rename", "replace", "renames", "chmod", "umask"},
              "tempfile": {"mkdtemp", "mkstemp", "NamedTemporaryFile"},
              "shutil": {"move"}}
#: The wording of a missing metadata column, which only corpusling.groups may write.
GROUP_MESSAGE = re.compile(r"no (such )?metadata column|the documents have")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def publishing_calls(path: Path) -> list[str]:
    """``module.name`` of every call (or ``from module import name``) of :data:`PUBLISHING` in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.attr in PUBLISHING.get(node.value.id, ()):
                found.append(f"{node.value.id}.{node.attr}:{node.lineno}")
        elif isinstance(node, ast.ImportFrom) and node.module in PUBLISHING:
            found.extend(f"{node.module}.{alias.name}:{node.lineno}" for alias in node.names
                         if alias.name in PUBLISHING[node.module])
    return found


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


def test_only_atomic_renames_makes_temporaries_or_sets_permissions() -> None:
    assert publishing_calls(PACKAGE / "atomic.py")  # the scan sees the one writer
    assert offenders(publishing_calls, "atomic.py") == {}


def test_only_groups_words_a_missing_metadata_column() -> None:
    assert group_messages(PACKAGE / "groups.py")  # the scan sees the one message
    assert offenders(group_messages, "groups.py") == {}


def test_the_scans_see_a_copy(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""Checks a metadata column."""\n'
                      "import os\nfrom tempfile import mkdtemp\n\n"
                      "def publish(a, b, col):\n"
                      "    os.rename(a, b)\n"
                      "    raise ValueError(f'{col!r}: no metadata column; the documents have: x')\n",
                      encoding="utf-8")
    assert publishing_calls(module) == ["tempfile.mkdtemp:3", "os.rename:6"]
    assert len(group_messages(module)) == 1

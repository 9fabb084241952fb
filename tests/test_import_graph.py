"""The arrows between layers point one way: parsing knows nothing of analyses, analyses nothing of the
command line or the report (DESIGN.md). Read from the source with ``ast``: imports inside functions count."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "corpusling"


def imports(path: Path) -> set[str]:
    """Every module a file imports (``from corpusling import x`` counts as ``corpusling.x``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules(folder: str = "") -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def offenders(paths: list[Path], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    bad = {}
    for path in paths:
        hits = sorted(m for m in imports(path) if m.startswith(forbidden))
        if hits:
            bad[str(path.relative_to(PACKAGE))] = hits
    return bad


def test_parsing_does_not_import_analyses_or_the_api() -> None:
    assert offenders(modules("nlp"), ("corpusling.markers", "corpusling.api", "corpusling.report",
                                      "corpusling.cli", "corpusling.verbs")) == {}


#: The layers with side effects (command line, report, web workbench), which may import the analyses.
SIDE_EFFECTS = ("cli", "web", "report")
REPORT = ("__main__.py",)


def test_analyses_do_not_import_the_command_line_or_the_report() -> None:
    analyses = [p for p in modules() if not set(SIDE_EFFECTS) & set(p.relative_to(PACKAGE).parts)
                and p.name not in REPORT]
    assert len(analyses) > 30
    assert offenders(analyses, ("corpusling.cli", "corpusling.report", "corpusling.web")) == {}


def test_the_graph_test_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from corpusling.markers.conditional import detect\n", encoding="utf-8")
    assert "corpusling.markers.conditional" in imports(module)


def test_every_registered_analysis_can_be_loaded_and_runs_after_what_it_needs() -> None:
    from corpusling.registry import ANALYSES

    seen: list[str] = []
    for name, analysis in ANALYSES.items():
        assert callable(analysis.load()), name
        assert set(analysis.requires) | set(analysis.uses) <= set(seen), name
        seen.append(name)

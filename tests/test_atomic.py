"""corpusling.atomic.publishing_folder: a folder built aside appears whole, with the usual mode, or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from corpusling import atomic


def hidden(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_a_folder_is_published_whole_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "index"
    old = os.umask(0o022)
    try:
        with atomic.publishing_folder(target) as staging:
            assert staging.parent == tmp_path and staging.name.startswith(".index.building-")
            (staging / "a.txt").write_text("a", encoding="utf-8")
            assert not target.exists()  # nothing visible before the block ends
    finally:
        os.umask(old)
    assert (target / "a.txt").read_text(encoding="utf-8") == "a"
    assert stat.S_IMODE(target.stat().st_mode) == 0o755
    assert hidden(tmp_path) == []


def test_a_failing_build_leaves_nothing_and_keeps_the_old_folder(tmp_path: Path) -> None:
    target = tmp_path / "report"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.publishing_folder(target, replace=True) as staging:
        (staging / "new.txt").write_text("new", encoding="utf-8")
        raise RuntimeError("killed halfway")
    assert [p.name for p in target.iterdir()] == ["old.txt"] and hidden(tmp_path) == []


def test_replace_or_keep_what_is_there(tmp_path: Path) -> None:
    target = tmp_path / "part"
    target.mkdir()
    (target / "theirs.txt").write_text("theirs", encoding="utf-8")
    with atomic.publishing_folder(target) as staging:  # another process published first: theirs is kept
        (staging / "ours.txt").write_text("ours", encoding="utf-8")
    assert [p.name for p in target.iterdir()] == ["theirs.txt"] and hidden(tmp_path) == []
    with atomic.publishing_folder(target, replace=lambda: False) as staging:
        (staging / "ours.txt").write_text("ours", encoding="utf-8")
    assert [p.name for p in target.iterdir()] == ["theirs.txt"] and hidden(tmp_path) == []
    with atomic.publishing_folder(target, replace=True) as staging:
        (staging / "ours.txt").write_text("ours", encoding="utf-8")
    assert [p.name for p in target.iterdir()] == ["ours.txt"] and hidden(tmp_path) == []


def test_a_failed_rename_puts_the_previous_folder_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    real = os.rename

    def rename(src: Path, dst: Path) -> None:
        if Path(dst) == target and ".staging-" in str(src):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="No space"), \
            atomic.publishing_folder(target, replace=True, staging="staging", aside="previous") as staging:
        (staging / "new.txt").write_text("new", encoding="utf-8")
    assert [p.name for p in target.iterdir()] == ["old.txt"] and hidden(tmp_path) == []

"""Writing files so that a killed or failing run never leaves half a file.

Every file corpusling writes goes through :func:`replacing`: the content is written to a
hidden temporary file in the destination folder, given the permissions of an ordinary file
(``0666`` less the umask, where ``mkstemp`` would leave it private), then renamed over the
destination, which is atomic on POSIX file systems. On any error the temporary file is
removed and the destination is left as it was. :func:`temporary_leftovers` finds what a
run killed with ``SIGKILL`` (no ``finally``) left behind, so the next run can clear it.

Every folder is published the same way, by :func:`publishing_folder`: built aside under a hidden
name, given an ordinary folder's permissions, then renamed into place in one step (a report folder
by :func:`staged_folder`, the query index and its parts by :mod:`corpusling.index_store`).
``tests/test_one_of_each.py`` fails if a module other than this one creates temporary files or
folders to publish, renames, or changes permissions.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: Suffix of every temporary file (``.NAME.XXXX.tmp``).
TMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def replacing(path: Path | str, suffix: str = TMP_SUFFIX) -> Iterator[str]:
    """Yield a temporary path beside ``path``; when the block ends without error it becomes ``path``.

    ``suffix`` is the temporary file's extension, for writers that choose a format from it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(handle)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


@contextmanager
def publishing_folder(target: Path | str, replace: bool | Callable[[], bool] = False, staging: str = "building",
                      aside: str = "stale") -> Iterator[Path]:
    """Yield an empty hidden folder beside ``target``; when the block ends without error it becomes ``target``.

    The folder, ``.NAME.<staging>-XXXX`` in ``target``'s parent, has an ordinary folder's permissions
    (``0777`` less the umask, where ``mkdtemp`` would leave it private) and is published with one
    rename, atomic on POSIX file systems: a run killed at any instant leaves ``target`` whole or absent
    (and a hidden leftover for the next run to clear). When ``target`` exists already and ``replace`` is
    true (or, a callable, returns true then), it is first renamed aside to ``.NAME.<aside>-PID-NS`` and
    deleted once the new folder is in place. Otherwise the rename fails, and where ``target`` is a
    folder by then (another process published the same folder first) the new one is dropped, quietly:
    theirs is kept. On any error the hidden folder is removed, a folder renamed aside is put back, and
    the error is raised.
    """
    target = Path(target)
    building = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.{staging}-"))
    moved: Path | None = None
    try:
        os.chmod(building, 0o777 & ~_umask())
        yield building
        if target.exists() and (replace() if callable(replace) else replace):
            moved = target.parent / f".{target.name}.{aside}-{os.getpid()}-{time.time_ns()}"
            os.rename(target, moved)
        try:
            os.rename(building, target)
        except OSError:
            if not target.is_dir():
                if moved is not None:
                    os.rename(moved, target)  # the previous folder back where it was
                    moved = None
                raise
        if moved is not None:
            shutil.rmtree(moved, ignore_errors=True)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with replacing(path) as tmp, open(tmp, "wb") as out:
        out.write(data)


def write_text(path: Path | str, content: str) -> None:
    """Write UTF-8 text to ``path`` atomically."""
    write_bytes(path, content.encode("utf-8"))


def temporary_leftovers(folder: Path) -> list[Path]:
    """Temporary files (``.NAME.XXXX.tmp`` and the like) that a killed run left under ``folder``."""
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob(".*") if p.is_file() and p.name.count(".") >= 3]


def check_writable(folder: Path, what: str) -> None:
    """Create ``folder`` if needed and prove a file can be written there, before any long work.

    Raises :class:`~corpusling.errors.InputError` (exit status 2) with the reason.
    """
    from corpusling.errors import InputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".write-test.", suffix=TMP_SUFFIX)
        os.close(handle)
        os.remove(probe)
    except OSError as err:
        raise InputError(f"{what} {folder}: cannot write there ({err.strerror or err}); choose a folder you can "
                         "write to") from None


#: A folder that a report may replace: absent, empty, or holding a report (this file marks it).
REPORT_MARK = "provenance.json"


@contextmanager
def staged_folder(folder: Path, mark: str = REPORT_MARK) -> Iterator[Path]:
    """Yield an empty hidden sibling of ``folder``; when the block succeeds it replaces ``folder`` whole.

    A run killed at any instant leaves either the previous folder or the new one, complete:
    the new one is built aside, then two renames swap it in (``folder`` → ``.NAME.previous-…``,
    staging → ``folder``) and the previous one is deleted. A kill between the two renames is
    repaired by the next run, which puts the previous folder back before anything else. Only a
    folder that is absent, empty or holds ``mark`` (a report of corpusling's) is replaced;
    anything else is refused, so that no file of the user's is ever deleted.
    """
    folder = Path(os.path.abspath(folder))
    check_replaceable(folder, mark)
    stem = f".{folder.name}."
    for sibling in sorted(folder.parent.glob(f"{stem}previous-*")):
        if not folder.exists():
            os.rename(sibling, folder)  # a kill between the two renames of the swap
        else:
            shutil.rmtree(sibling, ignore_errors=True)
    for sibling in folder.parent.glob(f"{stem}staging-*"):
        shutil.rmtree(sibling, ignore_errors=True)
    with publishing_folder(folder, replace=True, staging="staging", aside="previous") as staging:
        yield staging


def check_replaceable(folder: Path, mark: str = REPORT_MARK) -> None:
    """Raise :class:`~corpusling.errors.InputError` unless :func:`staged_folder` may replace ``folder``."""
    from corpusling.errors import InputError

    folder = Path(os.path.abspath(folder))
    check_writable(folder.parent, "--out: the folder of")
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not (folder / mark).exists())):
        raise InputError(f"--out {folder}: holds files that are not a corpusling report; a report replaces "
                         "its folder as a whole, so give a new or empty folder (or an earlier report's)")

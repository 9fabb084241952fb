"""Writing files so that a killed or failing run never leaves half a file.

Every file corpusling writes goes through :func:`replacing`: the content is written to a
hidden temporary file in the destination folder, given the permissions of an ordinary file
(``0666`` less the umask, where ``mkstemp`` would leave it private), then renamed over the
destination, which is atomic on POSIX file systems. On any error the temporary file is
removed and the destination is left as it was. :func:`temporary_leftovers` finds what a
run killed with ``SIGKILL`` (no ``finally``) left behind, so the next run can clear it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
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
    import shutil

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
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f"{stem}staging-"))
    try:
        os.chmod(staging, 0o777 & ~_umask())
        yield staging
        if folder.exists():
            previous = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f"{stem}previous-"))
            os.rmdir(previous)
            os.rename(folder, previous)
            os.rename(staging, folder)
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.rename(staging, folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def check_replaceable(folder: Path, mark: str = REPORT_MARK) -> None:
    """Raise :class:`~corpusling.errors.InputError` unless :func:`staged_folder` may replace ``folder``."""
    from corpusling.errors import InputError

    folder = Path(os.path.abspath(folder))
    check_writable(folder.parent, "--out: the folder of")
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not (folder / mark).exists())):
        raise InputError(f"--out {folder}: holds files that are not a corpusling report; a report replaces "
                         "its folder as a whole, so give a new or empty folder (or an earlier report's)")

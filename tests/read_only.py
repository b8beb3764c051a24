"""A data directory a process may not write to, the way this machine allows it (issue 12: the web server runs as
a less privileged user than the importer, so reading must never write).

- In this process (unit tests): :func:`refuse_writes_under` turns every write Python makes under a directory
  (open for writing, mkdir, rename, remove, utime, rmtree ...) into ``PermissionError`` through an audit hook
  (PEP 578), whoever runs the tests: root included, whom ``chmod`` does not stop.
- For a command in a subprocess (integration tests): :func:`read_only_command`. Not root: the directory is made
  read-only with ``chmod -R a-w`` while the test runs. Root (``chmod`` stops nothing): the command runs in a
  private mount namespace where the directory is a read-only bind mount (``unshare -m``), so the kernel refuses
  every write with EROFS. Neither possible: the test is skipped and says why.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
WRITE_EVENTS = {
    "os.mkdir": 1,  # event -> how many leading path arguments it writes to
    "os.rename": 2,  # os.replace raises this event too
    "os.remove": 1,
    "os.rmdir": 1,
    "os.utime": 1,
    "os.chmod": 1,
    "os.chown": 1,
    "os.truncate": 1,
    "os.link": 2,
    "os.symlink": 2,
}  # not shutil.rmtree: its own os.remove/os.rmdir events are refused, and ignore_errors=True ignores them
CREATING = {"os.mkdir", "os.link", "os.symlink"}  # events whose path need not exist (nor an open with O_CREAT)
_refused: list[Path] = []  # directories writes are refused under (the hook, once installed, stays)
_hook_installed = False


def _under_refused(path: object) -> Path | None:
    if isinstance(path, int) or path is None:
        return None
    try:
        resolved = Path(os.fsdecode(path)).resolve()
    except (TypeError, ValueError):
        return None
    return next((root for root in _refused if resolved == root or root in resolved.parents), None)


def _hook(event: str, args: tuple) -> None:
    if not _refused:
        return
    if event == "open":
        path, _mode, flags = args
        writes = isinstance(flags, int) and flags & WRITE_FLAGS
        targets = [path] if writes and (flags & os.O_CREAT or os.path.lexists(path)) else []
    else:
        paths = list(args[: WRITE_EVENTS.get(event, 0)])
        # what is not there gives the operating system's own error (ENOENT), as in a real read-only directory
        targets = [p for i, p in enumerate(paths) if event in CREATING or i > 0 or os.path.lexists(p)]
    for target in targets:
        if _under_refused(target) is not None:
            raise PermissionError(errno.EACCES, "Permission denied (read-only in this test)", os.fsdecode(target))


@contextlib.contextmanager
def refuse_writes_under(root: Path) -> Iterator[None]:
    """Every write this process makes under ``root`` fails with PermissionError(EACCES) while inside."""
    global _hook_installed
    if not _hook_installed:
        sys.addaudithook(_hook)
        _hook_installed = True
    resolved = root.resolve()
    _refused.append(resolved)
    try:
        yield
    finally:
        _refused.remove(resolved)


# ------------------------------------------------------------------------------------------- subprocesses

_BIND_READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'


def _can_bind_read_only() -> bool:
    """Whether a private mount namespace with a read-only bind mount works here (tried on a scratch folder)."""
    if shutil.which("unshare") is None:
        return False
    with tempfile.TemporaryDirectory(prefix="read-only-probe-") as scratch:
        wrapped = ["unshare", "-m", "sh", "-c", _BIND_READ_ONLY, scratch, "sh", "-c", 'touch "$0/x"', scratch]
        result = subprocess.run(wrapped, capture_output=True, timeout=30)
        return result.returncode != 0 and b"Read-only file system" in result.stderr


def _set_writable(root: Path, writable: bool) -> None:
    for path in [root, *root.rglob("*")]:
        mode = path.stat().st_mode
        bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~bits)


@contextlib.contextmanager
def read_only_command(data_dir: Path) -> Iterator[tuple[str, Callable[[Sequence[str]], list[str]]]]:
    """``(how, wrap)``: ``wrap(argv)`` is the command line that runs ``argv`` with ``data_dir`` read-only;
    ``how`` says which way ("chmod" or "read-only bind mount")."""
    if os.geteuid() != 0:
        _set_writable(data_dir, False)
        try:
            yield "chmod -R a-w", list
        finally:
            _set_writable(data_dir, True)
        return
    if not _can_bind_read_only():
        pytest.skip(
            "running as root, where chmod does not stop writes, and no private mount namespace for a read-only "
            "bind mount (unshare -m) is allowed here"
        )
    yield "read-only bind mount", lambda argv: ["unshare", "-m", "sh", "-c", _BIND_READ_ONLY, str(data_dir), *argv]

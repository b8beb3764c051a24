"""Uploaded files written to disk safely, before any reader opens them (issue 10).

Every way data comes in through the web (the Data page, ``POST /api/v1/imports``, submissions) hands the
``(name, bytes)`` it received to :func:`save_uploads`, then reads the saved paths like any other file. A name
comes from the client and is never trusted:

- only its last part is kept (``../../etc/passwd`` → ``passwd``, ``a/b.csv`` and ``C:\\\\x\\\\b.csv`` → ``b.csv``);
  control characters and the characters Windows forbids become ``_``; leading dots go (no hidden files);
- a name that is empty, or only dots, is refused; a long name is cut, its extension kept;
- two files of the same name (case aside) get distinct names: ``a.csv``, ``a-2.csv``;
- the number of files, each file's size and the total are bounded (``UploadLimits`` in ``limits.py``).

Everything is checked before anything is written: a refused upload (:class:`UploadRefused`, in Chinese and
English) writes nothing. Files are created new (``O_EXCL``, mode 0600) in a folder only this user can open
(:func:`upload_folder` makes one and removes it afterwards).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from chuangye.data.limits import UPLOAD_LIMITS, UploadLimits, size_text
from chuangye.strings.i18n import t

UPLOAD_PREFIX = "chuangye-upload-"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')  # control characters and what Windows forbids in a name
_SHOWN_NAME_CHARS = 60  # a refusal quotes at most this much of a hostile name


class UploadRefused(Exception):
    """An upload refused before anything was written: ``check`` names the problem, the message is zh + en."""

    def __init__(self, check: str, **values: object) -> None:
        self.check = check
        self.values = values
        self.message_zh = t(f"upl_{check}", "zh", **values)
        self.message_en = t(f"upl_{check}", "en", **values)
        super().__init__(f"{self.message_zh} / {self.message_en}")


def _shown(name: str) -> str:
    printable = _UNSAFE.sub("?", name)
    return printable if len(printable) <= _SHOWN_NAME_CHARS else printable[:_SHOWN_NAME_CHARS] + "…"


def safe_name(name: str, limits: UploadLimits = UPLOAD_LIMITS) -> str:
    """The last part of ``name``, without characters a file name must not hold; raises UploadRefused when
    nothing usable is left."""
    text = unicodedata.normalize("NFC", str(name)).replace("\\", "/")
    last = PurePosixPath(text).name if text.strip("/") else ""
    cleaned = _UNSAFE.sub("_", last).strip().lstrip(".").strip()
    if not cleaned or cleaned.strip("._ ") == "":
        raise UploadRefused("bad_name", name=_shown(str(name)))
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot or not stem:
        stem, suffix = cleaned, ""
    suffix = suffix[:16]
    room = max(limits.max_name_chars - len(suffix) - 1, 1)
    return f"{stem[:room]}.{suffix}" if suffix else cleaned[: limits.max_name_chars]


def _distinct(names: Iterable[str], existing: Iterable[str] = ()) -> list[str]:
    """``a.csv``, ``a.csv`` → ``a.csv``, ``a-2.csv``, none of them one of ``existing`` (compared without case:
    some file systems ignore it)."""
    taken = {name.casefold() for name in existing}
    out = []
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}"
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def _checked(files: list[tuple[str, bytes]], limits: UploadLimits, existing: Iterable[str]) -> list[str]:
    """The safe names of ``files`` (none of them one of ``existing``), after every limit is checked."""
    if not files:
        raise UploadRefused("no_files")
    if len(files) > limits.max_files:
        raise UploadRefused("too_many_files", count=len(files), limit=limits.max_files)
    names = [safe_name(name, limits) for name, _ in files]
    for (_, data), kept in zip(files, names, strict=True):
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError(f"the content of {kept!r} must be bytes")
        if len(data) > limits.max_file_bytes:
            raise UploadRefused(
                "file_too_large", name=_shown(kept), size=size_text(len(data)), limit=size_text(limits.max_file_bytes)
            )
    total = sum(len(data) for _, data in files)
    if total > limits.max_total_bytes:
        raise UploadRefused("total_too_large", size=size_text(total), limit=size_text(limits.max_total_bytes))
    return _distinct(names, existing)


def save_uploads(files: Iterable[tuple[str, bytes]], into: Path, limits: UploadLimits = UPLOAD_LIMITS) -> list[Path]:
    """Write each ``(name, bytes)`` into the folder ``into`` (created private if missing) under a safe name, in
    the order given; raises :class:`UploadRefused` (nothing written) when a name or a limit does not hold."""
    files = list(files)
    into = Path(into)
    names = _checked(files, limits, (p.name for p in into.iterdir()) if into.is_dir() else ())
    into.mkdir(mode=0o700, parents=True, exist_ok=True)
    paths = []
    for name, (_, data) in zip(names, files, strict=True):
        path = into / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        paths.append(path)
    return paths


@contextlib.contextmanager
def upload_folder() -> Iterator[Path]:
    """A new private temporary folder (mode 0700) for one upload, removed with everything in it afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["UPLOAD_PREFIX", "UploadRefused", "safe_name", "save_uploads", "upload_folder"]

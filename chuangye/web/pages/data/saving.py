"""Uploaded files written to disk under safe names (the Data page's own until ``chuangye/data/uploads.py`` of the
import core is there; same contract: ``save_uploads(files, into) -> list[Path]``, ``UploadRefused`` zh + en).

A name keeps only its last path part (no folder, no ``..``), loses control characters, and keeps its extension;
a name that is empty or only dots is refused; two files of one name get distinct names. The number of files and
their total size are limited (``MAX_FILES``, ``MAX_TOTAL_BYTES``); each file is still read within the readers'
own limits (``chuangye/data/limits.py``) afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from chuangye.data.limits import MIB, size_text
from chuangye.strings.i18n import t

MAX_FILES = 20
MAX_TOTAL_BYTES = 64 * MIB  # through the browser; the whole of Jiangsu is about 10 MB of CSV
MAX_NAME_CHARS = 120
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadRefused(ValueError):
    """An upload that is not saved; the message says why, in Chinese and English."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        self.message_zh, self.message_en = message_zh, message_en
        super().__init__(f"{message_zh} / {message_en}")

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh


def _refused(key: str, **values: object) -> UploadRefused:
    return UploadRefused(t(key, "zh", **values), t(key, "en", **values))


def safe_name(name: str) -> str:
    """The file's own name: its last part after any ``/`` or ``\\``, without control characters, at most
    ``MAX_NAME_CHARS`` long (the extension kept); refused when nothing usable is left."""
    last = re.split(r"[/\\]", name or "")[-1]
    cleaned = _CONTROL.sub("", last).strip()
    if not cleaned.strip("."):
        raise _refused("dp_upload_bad_name", file=name)
    if len(cleaned) > MAX_NAME_CHARS:
        stem, dot, suffix = cleaned.rpartition(".")
        keep = f".{suffix}" if dot and len(suffix) <= 10 else ""
        cleaned = (stem if keep else cleaned)[: MAX_NAME_CHARS - len(keep)] + keep
    return cleaned


def _distinct(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}).{suffix}" if suffix else f"{stem} ({n})"
    taken.add(candidate.lower())
    return candidate


def save_uploads(files: Iterable[tuple[str, bytes]], into: Path) -> list[Path]:
    """Write each (name, bytes) into the folder ``into`` under a safe, distinct name; nothing is written when any
    file or the whole upload is refused."""
    files = list(files)
    if len(files) > MAX_FILES:
        raise _refused("dp_upload_too_many", count=len(files), limit=MAX_FILES)
    total = sum(len(content) for _, content in files)
    if total > MAX_TOTAL_BYTES:
        raise _refused("dp_upload_too_large", size=size_text(total), limit=size_text(MAX_TOTAL_BYTES))
    taken: set[str] = set()
    names = [_distinct(safe_name(name), taken) for name, _ in files]
    paths = []
    for name, (_, content) in zip(names, files, strict=True):
        path = into / name
        with path.open("xb") as out:  # never over a file, never through a link
            out.write(content)
        paths.append(path)
    return paths


__all__ = ["MAX_FILES", "MAX_TOTAL_BYTES", "UploadRefused", "safe_name", "save_uploads"]

"""The uploaded files between the Data page's steps (validate, report, import).

An upload's files are written under safe names into a private folder of their own by the one saving path every
way in shares (``chuangye.data.uploads.save_uploads``, within its ``UploadLimits``) and found again by a random
token, which only the admin who uploaded may use. What was computed from them (the preview of
each consent against each active version) is kept with them, so the report and the import do not read the files
again. An upload is forgotten (its folder removed) after its import, when the same admin uploads again, or an
hour after it came.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chuangye.data.limits import UPLOAD_LIMITS, UploadLimits
from chuangye.data.uploads import UploadRefused, save_uploads
from chuangye.strings.i18n import t

TTL_SECONDS = 60 * 60
# what the boundary reader takes (chuangye/geo/user_files.py), and the parts of a Shapefile uploaded loose
BOUNDARY_SUFFIXES = (".zip", ".geojson", ".json", ".gpkg", ".shp")
SHAPEFILE_PARTS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


class Undecodable(ValueError):
    """What the browser sent is not a file's data (or comes without its name): refused, in Chinese and English."""

    def __init__(self, name: str) -> None:
        self.message_zh = t("dp_upload_undecodable", "zh", file=name)
        self.message_en = t("dp_upload_undecodable", "en", file=name)
        super().__init__(f"{self.message_zh} / {self.message_en}")


Refused = UploadRefused | Undecodable  # every refusal of an upload, each with message_zh and message_en


def refusal_message(exc: Refused, lang: str) -> str:
    return exc.message_en if lang == "en" else exc.message_zh


def undecodable(name: str) -> Undecodable:
    return Undecodable(name)


def decode_contents(names: object, contents: object) -> list[tuple[str, bytes]]:
    """dcc.Upload's ``data:<type>;base64,<data>`` strings (one, or a list) and their names as (name, bytes); a
    content that is not one, or that comes without its name, is refused."""
    names = names if isinstance(names, list) else [names]
    contents = contents if isinstance(contents, list) else [contents]
    if len(names) != len(contents):
        raise undecodable(", ".join(map(str, names)))
    files = []
    for name, content in zip(map(str, names), contents, strict=True):
        head, comma, data = (content if isinstance(content, str) else "").partition(",")
        if not comma or not head.startswith("data:") or not head.endswith(";base64"):
            raise undecodable(name)
        try:
            files.append((name, base64.b64decode(data, validate=True)))
        except (binascii.Error, ValueError):
            raise undecodable(name) from None
    return files


@dataclass
class Upload:
    token: str
    owner: str  # the admin who uploaded: nobody else may use the token
    folder: Path
    files: tuple[Path, ...]
    created: float
    previews: dict[Any, Any] = field(default_factory=dict)  # what the page computed, by what it depends on
    impacts: dict[Any, Any] = field(default_factory=dict)  # coverage before/after, by preview and language

    @property
    def boundary_files(self) -> list[Path]:
        return [p for p in self.files if p.suffix.lower() in BOUNDARY_SUFFIXES]

    @property
    def table_files(self) -> list[Path]:
        """Everything else but a Shapefile's parts: the table reader reads CSV and XLSX and names the rest."""
        return [p for p in self.files if p.suffix.lower() not in BOUNDARY_SUFFIXES + SHAPEFILE_PARTS]

    def describe(self) -> dict[str, Any]:
        """What the page keeps in the browser: the token and the file names (nothing of their contents)."""
        return {"token": self.token, "files": [p.name for p in self.files]}


class Workspaces:
    """The uploads of one app, each in its own folder under one private temporary folder."""

    def __init__(
        self,
        root: Path | None = None,
        ttl: float = TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        limits: UploadLimits = UPLOAD_LIMITS,
    ):
        self._root = root
        self.limits = limits
        self.ttl = ttl
        self._clock = clock
        self._uploads: dict[str, Upload] = {}
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="chuangye-uploads-"))  # mode 0700: this process's alone
        return self._root

    def add(self, owner: str, files: Sequence[tuple[str, bytes]]) -> Upload:
        """Save ``files`` as a new upload of ``owner`` (whose earlier upload is forgotten) through the one saving
        path every way in shares (``chuangye.data.uploads.save_uploads``, its ``UploadLimits``); raises its
        UploadRefused."""
        self.expire()
        folder = Path(tempfile.mkdtemp(prefix="upload-", dir=self.root))
        try:
            saved = save_uploads(files, folder, self.limits)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        upload = Upload(secrets.token_urlsafe(24), owner, folder, tuple(saved), self._clock())
        with self._lock:
            earlier = [token for token, u in self._uploads.items() if u.owner == owner]
            self._uploads[upload.token] = upload
        for token in earlier:
            self.discard(token)
        return upload

    def get(self, token: object, owner: str) -> Upload | None:
        """The upload of ``token`` if ``owner`` made it and it has not expired."""
        self.expire()
        upload = self._uploads.get(token) if isinstance(token, str) else None
        return upload if upload is not None and secrets.compare_digest(upload.owner, owner) else None

    def discard(self, token: str) -> None:
        with self._lock:
            upload = self._uploads.pop(token, None)
        if upload is not None:
            shutil.rmtree(upload.folder, ignore_errors=True)

    def expire(self) -> None:
        now = self._clock()
        for token in [token for token, u in self._uploads.items() if now - u.created > self.ttl]:
            self.discard(token)


__all__ = [
    "TTL_SECONDS",
    "Refused",
    "Undecodable",
    "Upload",
    "UploadRefused",
    "Workspaces",
    "decode_contents",
    "refusal_message",
]

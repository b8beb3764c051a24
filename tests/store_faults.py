"""Faults put into a real data directory for the store's tests and corpus cases: a damaged file, an older copy of
the active version (so that something intact is left to fall back to), a pin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path


def active_version(data_dir: Path) -> Path:
    return data_dir / "versions" / (data_dir / "ACTIVE").read_text(encoding="utf-8").strip()


def damage(path: Path) -> None:
    """The file's last bytes overwritten, its size unchanged (as a bad sector or a stray write leaves it)."""
    data = path.read_bytes()
    path.write_bytes(data[:-10] + bytes(b ^ 0xFF for b in data[-10:]))


def copy_as_older(data_dir: Path, version_id: str) -> Path:
    """An intact copy of the active version under ``version_id`` (which must sort before it)."""
    copy = data_dir / "versions" / version_id
    shutil.copytree(active_version(data_dir), copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["version_id"] = version_id
    (copy / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return copy

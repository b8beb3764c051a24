"""Is a stored version intact? Every file its manifest lists is checked against the sha256 the manifest holds.

What is wrong is data (:class:`Damage`: a version id, a file, a kind code); :func:`damage_text` puts it into
words for the command line, the dashboard's notice and ``chuangye check``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chuangye.strings.i18n import t

MANIFEST = "manifest.json"
ACTIVE = "ACTIVE"
DAMAGE_KINDS = (
    "version_missing",  # ACTIVE (or a rollback) names a version whose directory is not there
    "manifest_missing",
    "manifest_unreadable",  # not JSON, or without the keys every manifest has
    "file_missing",
    "checksum_mismatch",
    "no_active",  # versions exist but no ACTIVE file names one
)
_MANIFEST_KEYS = ("version_id", "created_at", "tables", "sha256")


@dataclass(frozen=True)
class Damage:
    version_id: str  # "" when the damage is not of one version (no ACTIVE file)
    file: str  # relative to the version's directory ("units.parquet", "boundaries/township.parquet"), or ACTIVE
    kind: str  # one of DAMAGE_KINDS


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(version_dir: Path) -> tuple[dict[str, Any] | None, Damage | None]:
    """The version's manifest, or None and what is wrong with it."""
    version_id = version_dir.name
    if not version_dir.is_dir():
        return None, Damage(version_id, "", "version_missing")
    try:
        manifest = json.loads((version_dir / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, Damage(version_id, MANIFEST, "manifest_missing")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None, Damage(version_id, MANIFEST, "manifest_unreadable")
    if not isinstance(manifest, dict) or any(key not in manifest for key in _MANIFEST_KEYS):
        return None, Damage(version_id, MANIFEST, "manifest_unreadable")
    return manifest, None


def damage_of(version_dir: Path, manifest: dict[str, Any]) -> list[Damage]:
    """Every file of the manifest that is missing or whose bytes no longer match its checksum."""
    found = []
    for rel, expected in manifest["sha256"].items():
        path = version_dir / rel
        if not path.is_file():
            found.append(Damage(version_dir.name, rel, "file_missing"))
        elif sha256_of(path) != expected:
            found.append(Damage(version_dir.name, rel, "checksum_mismatch"))
    return found


def verify_version(version_dir: Path) -> tuple[Damage, ...]:
    """Nothing when the version at ``version_dir`` is intact, else everything wrong with it."""
    manifest, damage = read_manifest(version_dir)
    if damage is not None:
        return (damage,)
    return tuple(damage_of(version_dir, manifest))


def damage_text(damage: Damage, lang: str, *, short: bool = False) -> str:
    """What is wrong, naming the version; ``short``: without it, for a sentence that already names it."""
    key = f"store_damage_{damage.kind}{'_short' if short else ''}"
    return t(key, lang, version=damage.version_id, file=damage.file or ACTIVE)


def damage_list(damage: Iterable[Damage], lang: str, *, short: bool = False) -> str:
    """Several damages in one clause: "…；…" / "…; …"."""
    return ("；" if lang == "zh" else "; ").join(damage_text(d, lang, short=short) for d in damage)

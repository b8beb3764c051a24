"""Which versions a store keeps: the newest ``keep`` (``[store] keep_versions`` in the configuration), every
pinned one (``data/PINNED``, one id a line; ``chuangye versions --pin ID``) and always the active one."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

PINNED = "PINNED"


def read_pins(data_dir: Path) -> set[str]:
    try:
        text = (data_dir / PINNED).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {line.strip() for line in text.splitlines() if line.strip()}


def pins_text(pins: Collection[str]) -> str:
    return "".join(f"{version_id}\n" for version_id in sorted(pins))


def versions_to_prune(version_ids: Sequence[str], keep: int, pinned: Collection[str], active: str | None) -> list[str]:
    """The versions beyond the newest ``keep`` (ids sort in creation order) that are neither pinned nor active."""
    newest = set(sorted(version_ids)[-keep:]) if keep > 0 else set()
    return [v for v in sorted(version_ids) if v not in newest and v not in pinned and v != active]

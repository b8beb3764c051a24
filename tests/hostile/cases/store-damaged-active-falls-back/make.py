"""The active version's units.parquet damaged; an intact older copy of it is there to fall back to."""

from pathlib import Path

from tests.store_faults import active_version, copy_as_older, damage


def prepare(data_dir: Path) -> None:
    damaged = active_version(data_dir)
    copy_as_older(data_dir, "20000101T000000-0000")
    damage(damaged / "units.parquet")

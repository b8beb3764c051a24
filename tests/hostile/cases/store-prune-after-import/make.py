"""Eleven older copies of the active version (the oldest pinned), then quotas.csv imported: 13 versions, and the
configuration keeps the newest 10 plus the pinned one."""

import shutil
from pathlib import Path

from tests.store_faults import copy_as_older


def prepare(data_dir: Path) -> None:
    for second in range(11):
        copy_as_older(data_dir, f"20000101T0000{second:02d}-0000")
    (data_dir / "PINNED").write_text("20000101T000000-0000\n", encoding="utf-8")


def make(inputs: Path, sample: Path) -> None:
    shutil.copy(sample / "quotas.csv", inputs / "quotas.csv")

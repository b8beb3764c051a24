"""The sample's five tables as the user's own files (no sample marker beside them)."""

import shutil
from pathlib import Path

TABLES = ("regions", "units", "indicator_inputs", "certifications", "quotas")


def make(inputs: Path, sample: Path) -> None:
    for name in TABLES:
        shutil.copy(sample / f"{name}.csv", inputs / f"{name}.csv")

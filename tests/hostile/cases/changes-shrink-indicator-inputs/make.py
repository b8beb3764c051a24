"""The user's own five tables (no sample marker) in own/, and in few/ an indicator_inputs.csv keeping only its
first quarter of rows: a truncated export that would delete most of the table."""

import shutil
from pathlib import Path

TABLES = ("regions", "units", "indicator_inputs", "certifications", "quotas")


def make(inputs: Path, sample: Path) -> None:
    own, few = inputs / "own", inputs / "few"
    own.mkdir()
    few.mkdir()
    for name in TABLES:
        shutil.copy(sample / f"{name}.csv", own / f"{name}.csv")
    lines = (sample / "indicator_inputs.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (few / "indicator_inputs.csv").write_text("".join(lines[: len(lines) // 4]), encoding="utf-8")

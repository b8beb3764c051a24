"""A quotas.csv whose first target count is one higher than the sample's: one changed row."""

import csv
from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    with (sample / "quotas.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][3] = str(int(rows[1][3]) + 1)  # target_count of the first quota
    with (inputs / "quotas.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)

"""indicator_inputs.csv: the sample's, with 320102002's 2019 trainees (row 5) typed as 10700 instead of 107."""

from pathlib import Path

KEY = "320102002,2019,"


def make(inputs: Path, sample: Path) -> None:
    header, *rows = (sample / "indicator_inputs.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [row.replace(",107,", ",10700,", 1) if row.startswith(KEY) else row for row in rows]
    assert changed != rows
    (inputs / "indicator_inputs.csv").write_text("".join([header, *changed]), encoding="utf-8")

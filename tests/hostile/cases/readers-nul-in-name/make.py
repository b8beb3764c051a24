"""units.csv whose first unit's name has a NUL character in the middle."""

from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    text = (sample / "units.csv").read_text(encoding="utf-8")
    text = text.replace("320102002,梅园新村街道,", "320102002,梅园新村\x00街道,", 1)
    (inputs / "units.csv").write_text(text, encoding="utf-8")

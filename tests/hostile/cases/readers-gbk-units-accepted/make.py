"""units.csv in GB18030 with one street renamed; the registry's names hold characters outside GB2312 (㳇, 甪 ...)."""

from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    text = (sample / "units.csv").read_text(encoding="utf-8")
    text = text.replace("320102002,梅园新村街道,", "320102002,梅园新村街道（更名）,", 1)
    (inputs / "units.csv").write_bytes(text.encode("gb18030"))

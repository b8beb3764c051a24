"""units.csv whose second unit (row 3) has a name of five million characters."""

from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    lines = (sample / "units.csv").read_text(encoding="utf-8").split("\n")
    code, _name, rest = lines[2].split(",", 2)
    lines[2] = f"{code},{'玄' * 5_000_000},{rest}"
    (inputs / "units.csv").write_text("\n".join(lines), encoding="utf-8")

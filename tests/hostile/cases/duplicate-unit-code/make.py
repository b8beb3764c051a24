"""units.csv with one street's row twice."""

from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    lines = (sample / "units.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (inputs / "units.csv").write_text("".join([*lines, lines[1]]), encoding="utf-8")

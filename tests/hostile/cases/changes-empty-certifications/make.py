"""certifications.csv with its header and no rows: importing it would empty the table."""

from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    header = (sample / "certifications.csv").read_text(encoding="utf-8").splitlines()[0]
    (inputs / "certifications.csv").write_text(header + "\n", encoding="utf-8")

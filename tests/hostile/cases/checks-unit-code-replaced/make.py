"""units.csv with one community's code (梅园新村社区居委会 320102002001) changed to one no other table names
(320102002099); that row is moved up to row 2."""

from pathlib import Path

OLD, NEW = "320102002001,", "320102002099,"


def make(inputs: Path, sample: Path) -> None:
    header, *rows = (sample / "units.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed,) = [row for row in rows if row.startswith(OLD)]
    rest = [row for row in rows if row is not changed]
    (inputs / "units.csv").write_text("".join([header, changed.replace(OLD, NEW, 1), *rest]), encoding="utf-8")

"""regions.csv with one county's code (玄武区 320102) replaced by a code nothing else knows (320199); that row
is moved up to row 2 so the case does not depend on the registry's order."""

from pathlib import Path

OLD, NEW = "320102,玄武区,", "320199,玄武区,"


def make(inputs: Path, sample: Path) -> None:
    header, *rows = (sample / "regions.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed,) = [row for row in rows if row.startswith(OLD)]
    rest = [row for row in rows if row is not changed]
    (inputs / "regions.csv").write_text("".join([header, changed.replace(OLD, NEW, 1), *rest]), encoding="utf-8")

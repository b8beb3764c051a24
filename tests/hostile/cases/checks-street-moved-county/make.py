"""units.csv with the street 梅园新村街道 320102002 moved to the county 秦淮区 320104 (its communities stay in
320102); that row is moved up to row 2."""

from pathlib import Path

CODE = "320102002,"


def make(inputs: Path, sample: Path) -> None:
    header, *rows = (sample / "units.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed,) = [row for row in rows if row.startswith(CODE)]
    rest = [row for row in rows if row is not changed]
    moved = changed.replace(",320100,320102,", ",320100,320104,", 1)
    assert moved != changed, "the sample's row of 320102002 no longer reads city, county as expected"
    (inputs / "units.csv").write_text("".join([header, moved, *rest]), encoding="utf-8")

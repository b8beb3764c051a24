"""units.csv with the community 320102002001 (of 玄武区 320102) filed under the county 秦淮区 320104; that row is
moved up to row 2."""

from pathlib import Path

CODE = "320102002001,"


def make(inputs: Path, sample: Path) -> None:
    header, *rows = (sample / "units.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed,) = [row for row in rows if row.startswith(CODE)]
    rest = [row for row in rows if row is not changed]
    filed = changed.replace(",320100,320102,320102002,", ",320100,320104,320102002,", 1)
    assert filed != changed, "the sample's row of 320102002001 no longer reads city, county, township as expected"
    (inputs / "units.csv").write_text("".join([header, filed, *rest]), encoding="utf-8")

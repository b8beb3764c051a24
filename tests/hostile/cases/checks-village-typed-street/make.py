"""units.csv with the 12-digit community 320102002001 typed as a street/town; that row is moved up to row 2."""

from pathlib import Path

CODE = "320102002001,"


def make(inputs: Path, sample: Path) -> None:
    header, *rows = (sample / "units.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed,) = [row for row in rows if row.startswith(CODE)]
    rest = [row for row in rows if row is not changed]
    typed = changed.replace(",community_village,", ",street_town,", 1)
    assert typed != changed, "the sample's row of 320102002001 is no longer a community_village"
    (inputs / "units.csv").write_text("".join([header, typed, *rest]), encoding="utf-8")

"""certifications.csv whose 2017 decision for 320102002 is dated 30 October 2017, five months after the round's
31 May deadline (inside the round's window); that row is moved up to row 2."""

from pathlib import Path

KEY = "320102002,2017,"


def make(inputs: Path, sample: Path) -> None:
    header, *rows = (sample / "certifications.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed,) = [row for row in rows if row.startswith(KEY)]
    rest = [row for row in rows if row is not changed]
    cells = changed.rstrip("\r\n").split(",")
    cells[2], cells[-1] = "certified", "2017-10-30"
    (inputs / "certifications.csv").write_text("".join([header, ",".join(cells) + "\n", *rest]), encoding="utf-8")

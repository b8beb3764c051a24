"""units.csv where two names start with a stray double quote, 200 lines apart: the first quote swallows the
lines up to the second, and 200 units vanish from the table; certifications.csv as it is, naming them."""

from pathlib import Path


def _quote_name(line: str) -> str:
    code, name, rest = line.split(",", 2)
    return f'{code},"{name},{rest}'


def make(inputs: Path, sample: Path) -> None:
    lines = (sample / "units.csv").read_text(encoding="utf-8").split("\n")
    for number in (101, 301):  # line numbers: the header is line 1
        lines[number - 1] = _quote_name(lines[number - 1])
    (inputs / "units.csv").write_text("\n".join(lines), encoding="utf-8")
    (inputs / "certifications.csv").write_bytes((sample / "certifications.csv").read_bytes())

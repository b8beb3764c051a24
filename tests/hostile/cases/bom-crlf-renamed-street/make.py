"""units.csv saved by Excel on Windows (UTF-8 with a BOM, CRLF line ends) with one street renamed."""

from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    text = (sample / "units.csv").read_text(encoding="utf-8")
    text = text.replace("320102002,梅园新村街道,", "320102002,梅园新村街道（更名）,", 1)
    (inputs / "units.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))

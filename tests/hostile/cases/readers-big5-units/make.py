"""units.csv saved in Big5 (Traditional Chinese), as Excel on a Taiwan or Hong Kong Windows saves "CSV".

Big5 has no simplified characters: the common ones are written in their traditional form first, the rest
become "?", as Windows' Big5 code page does."""

from pathlib import Path

TRADITIONAL = str.maketrans("园区门东阳乡镇办处县苏无锡连云盐开发经济术", "園區門東陽鄉鎮辦處縣蘇無錫連雲鹽開發經濟術")


def make(inputs: Path, sample: Path) -> None:
    text = (sample / "units.csv").read_text(encoding="utf-8").translate(TRADITIONAL)
    (inputs / "units.csv").write_bytes(text.encode("big5", errors="replace"))

"""indicator_inputs.csv of 200 MB (about 4.9 million rows): the sample's rows written over and over."""

from pathlib import Path

TARGET_BYTES = 200 * 1000 * 1000


def make(inputs: Path, sample: Path) -> None:
    header, body = (sample / "indicator_inputs.csv").read_bytes().split(b"\n", 1)
    with (inputs / "indicator_inputs.csv").open("wb") as out:
        written = out.write(header + b"\n")
        while written < TARGET_BYTES:
            written += out.write(body)

"""The README's command-line examples: they parse, the files they name exist, the exit codes are the real ones."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from chuangye.cli import exit_codes
from chuangye.cli.main import build_parser

REPO = Path(__file__).resolve().parents[4]
README = (REPO / "README.md").read_text(encoding="utf-8")


def example_commands() -> list[list[str]]:
    """Every ``chuangye …`` line of the README's bash blocks, without its comment."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "chuangye":
                commands.append([w for w in words[1:] if w != ">" and not w.endswith(".csv")])  # drop redirection
    return commands


def test_there_are_examples_and_they_say_how_to_reach_the_command():
    assert len(example_commands()) >= 4
    assert "source .venv/bin/activate" in README and ".venv/bin/chuangye" in README


@pytest.mark.parametrize("words", example_commands(), ids=" ".join)
def test_each_example_parses_and_names_files_that_exist(words):
    args = build_parser().parse_args(words)
    for path in getattr(args, "paths", None) or []:
        assert (REPO / path).exists(), path


def test_the_exit_codes_table_lists_the_real_codes():
    table = README.split("### 退出码 / Exit codes", 1)[1].split("\n\n", 2)[1]
    listed = [int(code) for code in re.findall(r"^\| (\d) \|", table, flags=re.M)]
    codes = sorted(v for k, v in vars(exit_codes).items() if k.startswith("EXIT_"))
    assert listed == codes


def test_the_licence_is_mit_and_referenced():
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "[`LICENSE`](LICENSE)" in README

"""Validating a small synthetic dataset (``tests.synthetic.small_tables``) read from CSV files, as the CLI does."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chuangye.config.loader import load_config
from chuangye.data.problems import Problem
from chuangye.data.tables import read_inputs
from chuangye.data.validation import validate
from tests.synthetic import write_csv_dir


def validate_tables(tmp_path: Path, tables: dict[str, pd.DataFrame], **kwargs: object) -> list[Problem]:
    """Every problem of ``tables`` written as CSV files and read back, with the packaged configuration."""
    loaded, read_problems = read_inputs([write_csv_dir(tmp_path / "in", tables)])
    return validate(loaded, load_config(), require_all=True, extra_problems=read_problems, **kwargs)


def excel_row(frame: pd.DataFrame, mask: pd.Series) -> int:
    """The row a user sees in Excel/WPS (header = row 1) of the one row where ``mask`` holds."""
    (position,) = [i for i, hit in enumerate(mask.to_numpy()) if hit]
    return position + 2


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]

"""Figures far from the same unit's previous year (issue 10: a warning, never blocking).

A typed-in figure ten times (or a tenth of) what the unit reported the year before is most often a slip: an extra
or a missing digit, thousands for units, a figure in the wrong column. Each row of an uploaded indicator_inputs
file is compared, column by column, with the unit's latest earlier year: from the same file when it holds that
year, else from the active version (a city's submission of one year has its history there). The limits are the
configuration's (``[imports] far_from_previous_factor`` and ``far_from_previous_min_difference``): both must be
passed, so that small counts (3 trainees after 0) are not flagged.

The configuration is duck-typed (``chuangye.config`` sits above this layer): no ``imports`` section, no check.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from chuangye.data.checks.base import Collector, has
from chuangye.data.schema import TABLES
from chuangye.data.tables import LoadedTable

KEY = ["unit_code", "year"]
FIGURES: tuple[str, ...] = tuple(c.name for c in TABLES["indicator_inputs"].columns if c.name not in KEY)


def _limits(cfg: Any) -> tuple[float, float] | None:
    rules = getattr(cfg, "imports", None)
    factor = getattr(rules, "far_from_previous_factor", None)
    difference = getattr(rules, "far_from_previous_min_difference", None)
    return None if factor is None or difference is None else (float(factor), float(difference))


def _history(given: pd.DataFrame, active: pd.DataFrame | None, figures: list[str]) -> pd.DataFrame:
    """Every (unit, year) the comparison may look back to: the file's rows, and the active version's others."""
    own = given[KEY + figures].dropna(subset=KEY)
    if active is None or active.empty or not set(KEY + figures) <= set(active.columns):
        return own
    older = active[KEY + figures]
    known = pd.MultiIndex.from_frame(own[KEY].astype({"unit_code": "str", "year": "int64"}))
    keys = pd.MultiIndex.from_frame(older[KEY].astype({"unit_code": "str", "year": "int64"}))
    return pd.concat([own, older[~keys.isin(known)]], ignore_index=True)


def _previous(given: pd.DataFrame, history: pd.DataFrame, figures: list[str]) -> pd.DataFrame:
    """For each row of ``given`` (same index), the unit's latest earlier year and its figures (NaN: none)."""
    left = given[KEY].astype({"unit_code": "str"}).assign(_row=given.index.to_numpy())
    left = left.dropna(subset=["year"]).astype({"year": "int64"}).sort_values("year")
    right = history.astype({"unit_code": "str"}).astype({"year": "int64"}).sort_values("year")
    right = right.rename(columns={"year": "previous_year"}).assign(year=lambda f: f["previous_year"])
    found = pd.merge_asof(left, right, on="year", by="unit_code", allow_exact_matches=False, direction="backward")
    return found.set_index("_row").reindex(given.index)


def check_far_from_previous(t: LoadedTable, active: pd.DataFrame | None, cfg: Any, out: Collector) -> None:
    """Warn on each figure of ``t`` at least ``factor`` times above or below the unit's previous year and at
    least ``min_difference`` apart from it."""
    limits = _limits(cfg)
    figures = [c for c in FIGURES if has(t, c)]
    if limits is None or not figures or not has(t, *KEY) or t.frame.empty:
        return
    factor, min_difference = limits
    frame = t.frame
    previous = _previous(frame, _history(frame, active, figures), figures)
    for column in figures:
        now = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        before = pd.to_numeric(previous[column], errors="coerce").astype("float64")
        high, low = np.fmax(now, before), np.fmin(now, before)
        far = (high >= factor * np.maximum(low, 1)) & ((now - before).abs() >= min_difference)
        far = far.fillna(False).astype(bool)
        if not far.any():
            continue
        spec = TABLES["indicator_inputs"].column(column)
        ratio = (high / np.maximum(low, 1))[far]
        out.add_mask(
            "far_from_previous",
            t,
            column,
            far,
            column_zh=spec.zh,
            row_params={
                "previous_year": previous.loc[far.to_numpy(), "previous_year"].tolist(),
                "previous_value": before[far].tolist(),
                "ratio": [f"{r:,.0f}" if r >= 10 else f"{r:,.1f}" for r in ratio],
            },
        )

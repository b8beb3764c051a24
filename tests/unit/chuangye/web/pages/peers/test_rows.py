"""The peer-comparison grid's rows and columns: counties of a city, or the lagging units of a county."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.web.grid import KINDS
from chuangye.web.pages.peers.layout import (
    COUNTY_COLUMNS,
    UNIT_COLUMNS,
    county_columns,
    county_rows,
    unit_columns,
    unit_rows,
)

NAMES = {"320102": ("玄武区", "Xuanwu District"), "320104": ("秦淮区", "Qinhuai District")}


@pytest.fixture(scope="module")
def an():
    """What the rows read from an Analytics: region names and the indicator configuration."""
    return SimpleNamespace(
        cfg=load_config(), region_name=lambda code, lang: NAMES[code][lang == "en"] if code in NAMES else code
    )


def test_county_rows_round_and_keep_missing_values_missing(an):
    counties = pd.DataFrame(
        {
            "region_code": ["320104", "320102"],
            "coverage": [0.754321, float("nan")],
            "goal": [0.8, 0.8],
            "gap_points": [4.5679, float("nan")],
            "gap_units": [1.0, float("nan")],
            "status": ["acceleration_needed", "no_data"],
            "rank": [71.0, float("nan")],
            "n_peers": [104, 104],
            "units_in_scope": [12, 0],
        }
    )
    first, second = county_rows(counties, an, "en")
    assert first == {
        "code": "320104",
        "name": "Qinhuai District",
        "coverage": 0.7543,
        "goal": 0.8,
        "gap_points": 4.6,
        "gap_units": 1,
        "status": "! Acceleration needed",
        "rank": 71,
        "n_peers": 104,
        "units": 12,
    }
    assert (second["coverage"], second["gap_points"], second["gap_units"], second["rank"]) == (None,) * 4


def test_unit_rows_name_the_failing_indicators_and_the_core_count(an):
    units = pd.DataFrame(
        {
            "unit_code": ["320102001", "320102002"],
            "name": ["玄武门街道", "梅园新村街道"],
            "name_en": ["Xuanwumen Subdistrict", None],
            "state": ["below", "no_data"],
            "n_core_passed": [2, 3],
            "n_core_no_data": [0, 1],
            "gap_score": [0.1234, float("nan")],
            "failing": [["participation_rate", "success_rate"], []],
            "shortfall_zh": ["还需…", ""],
            "shortfall_en": ["needs…", ""],
        }
    )
    english = unit_rows(units, an, "en")
    assert english[0]["failing"] == "Entrepreneurship participation rate; Success rate after training"
    assert (english[0]["passed"], english[0]["gap"], english[0]["state"]) == ("2/4", 12.3, "▼ Below the standard")
    assert (english[1]["name"], english[1]["passed"], english[1]["gap"]) == ("梅园新村街道", "—", None)
    assert unit_rows(units, an, "zh")[0]["failing"] == "创业参与率、创业成功率"


def test_every_row_field_has_a_column_and_numbers_a_numeric_kind(an):
    for columns, defs in ((COUNTY_COLUMNS, county_columns("zh")), (UNIT_COLUMNS, unit_columns("en"))):
        assert all(c.kind in KINDS for c in columns)
        assert [d["type"] for d in defs] == [c.kind for c in columns]
        assert not any("params.value" in str(d) for d in defs)  # formatters are named functions of grid.js
    kinds = {c.field: c.kind for c in COUNTY_COLUMNS}
    assert (kinds["coverage"], kinds["goal"], kinds["gap_points"], kinds["gap_units"]) == (
        "percent",
        "percent",
        "points",
        "int",
    )
    assert kinds["rank"] == "text"  # "71 / 104": the grid's text is exported

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
        "coverage": 0.754,  # rounded as shown (75.4 %): the grid prints it rather than rounds it
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


# ------------------------------------------------------------------------------- one rounding, on rounding ties


def test_grid_rows_carry_ties_rounded_half_up(an):
    counties = pd.DataFrame(
        {
            "region_code": ["320104"],
            "coverage": [0.7665],  # grid.js would print 76.6% of the raw share (0.7665 * 100 = 76.6499…)
            "goal": [0.8],
            "gap_points": [3.25],  # round(3.25, 1) == 3.2
            "gap_units": [1.0],
            "status": ["acceleration_needed"],
            "rank": [71.0],
            "n_peers": [104],
            "units_in_scope": [12],
        }
    )
    [row] = county_rows(counties, an, "zh")
    assert (row["coverage"], row["gap_points"]) == (0.767, 3.3)
    units = pd.DataFrame(
        {
            "unit_code": ["320102001"],
            "name": ["玄武门街道"],
            "name_en": [None],
            "state": ["below"],
            "n_core_passed": [2],
            "n_core_no_data": [0],
            "gap_score": [0.0125],  # round(1.25, 1) == 1.2
            "failing": [[]],
            "shortfall_zh": [""],
            "shortfall_en": [""],
        }
    )
    assert unit_rows(units, an, "zh")[0]["gap"] == 1.3


def test_the_standing_card_rounds_half_up_once(an):
    from chuangye.strings.i18n import t
    from chuangye.web.pages.peers.layout import rank_card
    from tests.unit.chuangye.web.test_status_links import text_of

    row = pd.Series(
        {
            "coverage": 0.7665,  # f"{x * 100:.1f}" says 76.6
            "goal": 0.8,
            "status": "acceleration_needed",
            "rank": 9,
            "n_peers": 13,
            "percentile": 62.5,  # f"{62.5:.0f}" says 62
            "to_province_points": 3.25,
            "province_coverage": 0.7335,
            "to_best_points": -1.25,
            "best_code": "320102",
            "best_name_en": None,
            "best_coverage": 0.779,
        }
    )
    text = text_of(rank_card(row, "street_town", "city", "南京市", an, "zh"))
    assert "76.7%" in text and "76.6%" not in text
    assert t("peers_percentile", "zh", pct="63") in text
    assert t("peers_to_province_above", "zh", prov="73.4%", points="3.3") in text
    assert t("peers_to_best", "zh", best="玄武区", value="77.9%", points="1.3") in text


def test_a_distance_that_rounds_to_zero_reads_as_equal(an):
    from chuangye.strings.i18n import t
    from chuangye.web.pages.peers.layout import rank_card
    from tests.unit.chuangye.web.test_status_links import text_of

    row = pd.Series(
        {
            "coverage": 0.7665,
            "goal": 0.8,
            "status": "acceleration_needed",
            "rank": 1,
            "n_peers": 13,
            "percentile": 100.0,
            "to_province_points": 0.04,
            "province_coverage": 0.7661,
            "to_best_points": -0.04,
            "best_code": "320102",
            "best_name_en": None,
            "best_coverage": 0.7669,
        }
    )
    text = text_of(rank_card(row, "street_town", "city", "南京市", an, "zh"))
    assert t("peers_to_province_equal", "zh", prov="76.6%") in text
    assert t("peers_is_best", "zh", value="76.7%") in text


def test_the_indicator_table_rounds_half_up_once():
    from chuangye.web.pages.peers.layout import indicator_table
    from tests.unit.chuangye.web.test_status_links import text_of

    comparison = pd.DataFrame(
        {
            "name_zh": ["创业成功率"],
            "name_en": ["Success rate after training"],
            "format": ["percent"],
            "digits": [1],
            "value": [0.7665],
            "threshold": [0.5],
            "province_value": [0.6915],
            "pass_share": [0.445],  # f"{44.5:.0f}" says 44
            "province_pass_share": [0.625],
            "reaches": [True],
        }
    )
    text = text_of(indicator_table(comparison, "zh"))
    assert "76.7%" in text and "69.2%" in text and "≥ 50.0%" in text
    assert "45%" in text and "63%" in text

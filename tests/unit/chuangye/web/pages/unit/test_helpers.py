"""The unit scorecard's pure helpers: which county the empty page suggests units from, and the grid's rows,
columns and context."""

from __future__ import annotations

import pandas as pd

from chuangye.engine.regions import RegionTree
from chuangye.web.pages.unit.callbacks import suggestion_county
from chuangye.web.pages.unit.layout import (
    GRID_COLUMNS,
    PASS_STATES,
    grid_columns,
    grid_context,
    grid_rows,
)

REGIONS = RegionTree.from_frame(
    pd.DataFrame(
        [
            ("320000", "province", None, "江苏省"),
            ("320100", "city", "320000", "南京市"),
            ("320102", "county", "320100", "玄武区"),
            ("320104", "county", "320100", "秦淮区"),
            ("320500", "city", "320000", "苏州市"),
            ("320505", "county", "320500", "虎丘区"),
            ("320506", "county", "320500", "吴中区"),
        ],
        columns=["region_code", "level", "parent_code", "name"],
    ).assign(name_en=None)
)


def test_the_province_and_unknown_codes_suggest_from_the_default_county():
    first_county = "320102"  # 玄武区, the first county of the first city (南京市)
    assert first_county in REGIONS
    for region in ("", "320000", "999999", "999999001"):
        assert suggestion_county(REGIONS, region) == first_county


def test_a_county_or_unit_suggests_from_its_county_and_a_city_from_its_first_county():
    assert suggestion_county(REGIONS, "320506") == "320506"
    assert suggestion_county(REGIONS, "320506003") == "320506"  # a township code stands for its county
    assert suggestion_county(REGIONS, "320500") == "320505"


def history() -> pd.DataFrame:
    nan = float("nan")
    return pd.DataFrame(
        {
            "year": [2019, 2019, 2020, 2020, 2020],
            "indicator": ["success_rate", "participation_rate", "success_rate", "participation_rate", "jobs"],
            "core": [True, True, True, True, False],
            "name_zh": ["创业成功率", "创业参与率", "创业成功率", "创业参与率", "带动就业"],
            "name_en": ["Success", "Participation", "Success", "Participation", "Jobs"],
            "value": [0.4, 0.0123456, nan, 0.02, 3.0],
            "digits": [1, 2, 1, 2, 2],  # the config's decimals: participation 2 (0.5 % threshold), a ratio 2
            "threshold": [0.45, 0.015, 0.45, 0.015, nan],
            "pass": [False, False, pd.NA, True, pd.NA],
            "shortfall_zh": ["还需 5 名", "还需 33 名", "", "", ""],
            "shortfall_en": ["5 more", "33 more", "", "", ""],
            "numerator": [9, 47, nan, 80, 3],
            "denominator": [20, 4124, nan, 4000, 1],
        }
    )


def test_grid_rows_newest_year_first_core_only_in_the_data_order():
    rows = grid_rows(history(), "en")
    assert [(r["year"], r["indicator"]) for r in rows] == [
        (2020, "Success"),
        (2020, "Participation"),
        (2019, "Success"),
        (2019, "Participation"),
    ]
    assert [r["pass"] for r in rows] == ["nodata", "pass", "fail", "fail"]
    assert rows[0]["value"] is None and rows[0]["numerator"] is None and rows[0]["shortfall"] == ""
    # rounded as the grid shows it (1.23 %, the indicator's two decimals): grid.js prints the value, no rounding
    assert (rows[3]["value"], rows[3]["denominator"], rows[3]["shortfall"]) == (0.0123, 4124, "33 more")
    assert (rows[3]["digits"], rows[2]["digits"]) == (2, 1)


def test_the_pass_states_words_and_colours_come_with_the_grid_context():
    context = grid_context("zh")
    assert context["labels"]["pass"] == {"pass": "✔ 达标", "fail": "✘ 未达标", "nodata": "– 无数据"}
    assert set(context["styles"]["pass"]) == {"pass", "fail"}  # no data: no colour
    assert set(PASS_STATES.values()) == set(context["labels"]["pass"])
    columns = {d["field"]: d for d in grid_columns("en")}
    assert columns["pass"]["valueFormatter"] == {"function": "chuangyeLabel(params, 'pass')"}
    assert columns["value"]["valueFormatter"] == {"function": "chuangyeIndicator(params)"}  # the row's digits
    kinds = {c.field: c.kind for c in GRID_COLUMNS}
    assert [kinds[f] for f in ("year", "value", "threshold", "numerator")] == ["int", "percent", "percent", "int"]


# ------------------------------------------------------------------------------- one rounding, on rounding ties


def _history(value: float, threshold: float, fmt: str = "percent") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["success_rate"],
            "name_zh": ["创业成功率"],
            "name_en": ["Success rate after training"],
            "core": [True],
            "format": [fmt],
            "digits": [1 if fmt == "percent" else 2],
            "numerator": [1533],
            "denominator": [2000],
            "value": [value],
            "threshold": [threshold],
            "pass": [True],
            "shortfall_zh": [""],
            "shortfall_en": [""],
            "year": [2020],
        }
    )


def test_grid_values_reach_the_grid_rounded_as_shown():
    [row] = grid_rows(_history(0.7665, 0.5), "zh")  # grid.js would print 76.6% of the raw share
    assert (row["value"], row["threshold"]) == (0.767, 0.5)


def test_the_charts_get_the_grids_numbers():
    from chuangye.web.pages.unit.layout import shown_history

    assert shown_history(_history(0.7665, 0.015))[["value", "threshold"]].iloc[0].tolist() == [0.767, 0.015]
    assert shown_history(_history(2.675, float("nan"), "ratio"))["value"].iloc[0] == 2.68


def test_the_areas_coverage_rounds_half_up_once():
    from chuangye.web.pages.unit.layout import context_view
    from chuangye.web.viewstate import ViewState
    from tests.unit.chuangye.web.test_status_links import text_of

    row = pd.Series({"coverage": 0.7665, "goal": 0.8, "gap_units": 3, "status": "acceleration_needed"})
    text = text_of(context_view([("unit_county", "320102", "玄武区", row)], ViewState(page="unit")))
    assert "76.7%" in text and "76.6%" not in text and "80%" in text

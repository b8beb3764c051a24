"""The story of the bundled sample, as the engine tells it (coverage on the certified basis, the dashboard's
default): which unit types and cities meet or miss their 2020 goals, and certifications growing by round.

Expectations come from the story's own knobs (chuangye/sample/story.py), never from the sample's figures.
"""

from __future__ import annotations

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.sample.story import JIANGSU_CITY_OFFSETS, PROVINCE_COVERAGE_2020

TARGET_YEAR = 2020


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("store"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def _gaps(an: Analytics, level: str) -> pd.DataFrame:
    """Gap to goal in points (negative: above the goal) per region and unit type, 2020, certified basis."""
    rows = an.coverage(basis="certified", level=level, year=TARGET_YEAR)
    return rows.pivot(index="region_code", columns="unit_type", values="gap_points")


def test_one_unit_type_misses_its_goal_province_wide(an: Analytics) -> None:
    gaps = _gaps(an, "province").iloc[0]
    goals = an.cfg.goals
    planned_miss = {t for t, share in PROVINCE_COVERAGE_2020.items() if share < goals[t]}
    assert planned_miss == {"community_village"}
    assert {t for t in goals if gaps[t] > 0} == planned_miss
    province = an.coverage(basis="certified", level="province", year=TARGET_YEAR).set_index("unit_type")
    assert (province.loc[list(goals), "status"] != "on_track").all()  # at the deadline: no pace statuses
    assert (province.loc[[t for t in goals if t not in planned_miss], "status"] == "achieved").all()


def test_strong_cities_exceed_every_goal_and_weak_ones_miss_every_goal(an: Analytics) -> None:
    gaps = _gaps(an, "city")
    ahead = [c for c, offset in JIANGSU_CITY_OFFSETS.items() if offset >= 0.07]  # 南京 无锡 常州 苏州
    behind = [c for c, offset in JIANGSU_CITY_OFFSETS.items() if offset <= -0.05]  # 徐州 连云港 淮安 盐城 宿迁
    assert len(ahead) >= 3 and len(behind) >= 4
    assert (gaps.loc[ahead] <= 0).all().all()
    assert (gaps.loc[behind] > 0).all().all()
    mixed = gaps.drop(index=ahead + behind)
    assert ((mixed > 0).any(axis=1) & (mixed <= 0).any(axis=1)).any()  # and some cities in between


def test_certifications_grow_round_by_round(an: Analytics) -> None:
    rounds = an.coverage(basis="certified", level="province").pivot(
        index="year", columns="unit_type", values="certified_in_year"
    )
    rounds = rounds.loc[2017:TARGET_YEAR]
    assert (rounds > 0).all().all()
    assert (rounds.diff().iloc[1:] > 0).all().all(), rounds

"""The certification page's pure helpers: the per-area table (cities, or a city's counties under its own row),
the summary sentence and the span of round years."""

from __future__ import annotations

import pytest

from chuangye.data.store import Store
from chuangye.engine.manager import DataManager
from chuangye.engine.pipeline import pipeline_for
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.pages.certification.rows import area_table, round_span, summary_text

ROUND = 2019


@pytest.fixture(scope="module")
def pipe(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("cert-rows-store"))
    store.ensure_initialised(SAMPLE_DIR)
    return pipeline_for(DataManager(store).current())


def test_the_province_lists_its_cities_with_nothing_pinned(pipe):
    rows, pinned, level = area_table(pipe, ROUND, "street_town", None, "zh")
    assert level == "city" and pinned == []
    assert [r["code"] for r in rows] == pipe.cities["region_code"].tolist()


def test_a_city_lists_its_counties_under_its_own_row(pipe):
    city = "320700"
    rows, pinned, level = area_table(pipe, ROUND, "community_village", city, "en")
    assert level == "county"
    assert [r["code"] for r in rows] == pipe.county_table(ROUND, "community_village", city)["region_code"].tolist()
    assert all(r["code"].startswith("3207") for r in rows)
    assert [(r["code"], r["selected"]) for r in pinned] == [(city, True)]
    assert pinned[0]["area"] == pipe.cities.set_index("region_code").at[city, "name_en"]


def test_summary_counts_share_and_missing_values():
    totals = {"target_count": 200, "evaluation_quota": 260, "certified": 150, "rejected": 12}
    assert summary_text("江苏省", totals, 1234, "zh") == (
        "江苏省：目标任务数 200，申报评估数 260，已认定 150（完成目标 75.0%），未通过 12；迟报或缺失 1,234 项。"
    )
    english = summary_text("Suzhou", {"target_count": None, "certified": None}, 0, "en")
    assert english == (
        "Suzhou: target —, evaluation quota —, certified 0 (— of target), rejected —; 0 late or missing item(s)."
    )


def test_round_span():
    assert round_span([2017, 2018, 2019, 2020], "zh") == "2017—2020"
    assert round_span([2017, 2020], "en") == "2017–2020"
    assert round_span([], "zh") == "—"


# ------------------------------------------------------------------------------- one rounding, on rounding ties


def test_the_summary_and_the_grid_round_half_up_once(pipe):
    from chuangye.web.pages.certification.rows import city_rows

    totals = {"target_count": 2000, "evaluation_quota": 2400, "certified": 1533, "rejected": 10}
    assert "76.7%" in summary_text("江苏省", totals, 0, "zh")  # 1533 / 2000 = 0.7665: f"{x * 100:.1f}" says 76.6
    table = pipe.city_table(ROUND, "street_town").head(1).assign(pct_target=0.7665)
    assert city_rows(table, "zh")[0]["pct_target"] == 0.767  # the grid prints 76.7%

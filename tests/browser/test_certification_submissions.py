"""认定进度 shows, in a real browser, the year's submission deadlines and per region the open and late
submissions of cities and counties (issue 10), in Chinese and English; the late flags follow the configuration's
deadlines (engine/deadlines.py), the counts the app's database (data/db/submissions.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from chuangye.data.db import Actor, Database
from chuangye.data.db.submissions import CITY_REVIEWER, Submissions
from tests.browser.conftest import assert_clean_console, open_path, snap, wait_for, wait_idle

UTC = dt.UTC
XUZHOU, GULOU_XZ, TONGSHAN = "320300", "320302", "320312"
NANJING, XUANWU = "320100", "320102"
CSV = b"unit_code,year\n"


def deliver(data_dir, region: str, level: str, table: str, year: int, at: dt.datetime) -> int:
    """A submission made at ``at`` (the database's clock set to then) in the app's own database."""
    db = Database.open(data_dir, clock=lambda: at, environ={})
    try:
        made = Submissions(db).submit(region=region, level=level, tables=[table], year=year,
                                      files=[(f"{table}.csv", CSV)], by=Actor(f"u{region}", level))  # fmt: skip
        return made.id
    finally:
        db.close()


def review(data_dir, submission_id: int, action: str, at: dt.datetime) -> None:
    db = Database.open(data_dir, clock=lambda: at, environ={})
    try:
        Submissions(db).review(submission_id, action, tier=CITY_REVIEWER, by=Actor("city", "city"), comment="退回补正")
    finally:
        db.close()


@pytest.fixture(scope="module")
def dash_app(data_dir):
    """The module's app over a database holding these submissions (deadlines of the packaged configuration:
    round 2019's lists by 31 Dec 2018, 2019's figures by 31 May 2020, 2018's by 31 May 2019)."""
    from chuangye.web.app import create_app

    deliver(data_dir, GULOU_XZ, "county", "certifications", 2019, dt.datetime(2019, 1, 5, 2, tzinfo=UTC))  # late
    forwarded = deliver(data_dir, TONGSHAN, "county", "indicator_inputs", 2019, dt.datetime(2019, 6, 1, tzinfo=UTC))
    review(data_dir, forwarded, "forward", dt.datetime(2019, 6, 2, tzinfo=UTC))  # still open, at the province
    deliver(data_dir, XUZHOU, "city", "certifications", 2019, dt.datetime(2018, 12, 20, tzinfo=UTC))  # on time
    returned = deliver(data_dir, XUANWU, "county", "certifications", 2019, dt.datetime(2019, 2, 1, tzinfo=UTC))
    review(data_dir, returned, "return", dt.datetime(2019, 2, 2, tzinfo=UTC))  # closed, but it came late
    deliver(data_dir, NANJING, "city", "indicator_inputs", 2018, dt.datetime(2019, 3, 1, tzinfo=UTC))  # on time
    return create_app(data_dir=data_dir)


def block_text(dash_duo, contains: str) -> str:
    return wait_for(
        lambda: (text := dash_duo.find_element("#cert-submissions").text) and contains in text and text,
        20,
        lambda: f"#cert-submissions never showed {contains!r}: {dash_duo.find_element('#cert-submissions').text!r}",
    )


def test_open_and_late_submissions_per_city_then_per_county_in_both_languages(dash_duo):
    open_path(dash_duo, "/certification?year=2019&type=street_town", "#cert-table .ag-row")
    text = block_text(dash_duo, "数据报送")
    assert "2019年数据报送截止：目标任务 2018年6月30日；认定进程 2018年12月31日；指标基础数据 2020年5月31日" in text
    # cities in code order: 南京市's returned submission came late; 徐州市 has three open, 鼓楼区's late
    assert "数据报送：南京市 ◷ 逾期 1；徐州市 待审 3 ◷ 逾期 1" in text
    hint = dash_duo.find_element("#cert-hint").text
    assert "2018年12月31日前完成县级评估和市级审核" in hint and "2019年5月31日前省级认定" in hint
    assert_clean_console(dash_duo)
    snap(dash_duo, "certification-submissions-zh")

    open_path(dash_duo, f"/certification?year=2019&type=street_town&region={XUZHOU}", "#cert-table .ag-row")
    text = block_text(dash_duo, "鼓楼区")
    assert "数据报送：徐州市 待审 1；鼓楼区 待审 1 ◷ 逾期 1；铜山区 待审 1" in text
    assert "南京市" not in text

    open_path(dash_duo, "/certification?year=2019&type=street_town&lang=en", "#cert-table .ag-row")
    text = block_text(dash_duo, "Data submissions")
    assert "Figures for 2019 are due: Quotas by 30 Jun 2018; Certifications by 31 Dec 2018;" in text
    assert "Data submissions: Nanjing City ◷ 1 late; Xuzhou City 3 open ◷ 1 late" in text
    assert "by 31 Dec 2018" in dash_duo.find_element("#cert-hint").text
    assert_clean_console(dash_duo)
    snap(dash_duo, "certification-submissions-en")


def test_another_year_counts_its_own_figures_and_a_year_without_a_round_still_shows_them(dash_duo):
    open_path(dash_duo, "/certification?year=2018&type=park", "#cert-table .ag-row")
    assert "数据报送：南京市 待审 1" in block_text(dash_duo, "南京市")  # 2018's figures, due 31 May 2019: on time
    open_path(dash_duo, "/certification?year=2016&type=park")
    wait_idle(dash_duo)
    text = block_text(dash_duo, "2016年数据报送截止")
    assert "数据报送：没有待审或逾期的报送" in text
    assert dash_duo.find_element("#cert-empty").is_displayed()  # the page's own empty state stays

"""The certification page's dates and submissions in words: the round's hint and the year's submission
deadlines come from ``[certification_cycle]`` (a province's copy moves them), open and late submissions per region
are marks and words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chuangye.config.loader import load_config, packaged_config_path
from chuangye.web.pages.certification.rows import day_text, deadline_text, round_hint, submission_items


def province_cycle(tmp_path: Path):
    """A province's copy: city review (and county evaluation) by 30 November, decisions by 30 April."""
    text = packaged_config_path().read_text(encoding="utf-8")
    for old, new in (
        (
            "county_evaluated = { year = -1, month = 12, day = 31 }",
            "county_evaluated = { year = -1, month = 11, day = 30 }",
        ),
        ("city_reviewed = { year = -1, month = 12, day = 31 }", "city_reviewed = { year = -1, month = 11, day = 30 }"),
        ("decided = { year = 0, month = 5, day = 31 }", "decided = { year = 0, month = 4, day = 30 }"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "province.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path).certification_cycle


def test_the_rounds_hint_reads_the_configured_deadlines(tmp_path):
    packaged = load_config().certification_cycle
    assert round_hint(packaged, 2019, "zh") == (
        "第2019轮：2018年12月31日前完成县级评估和市级审核（上报省厅），2019年5月31日前省级认定。"
    )
    assert "by 31 Dec 2018" in round_hint(packaged, 2019, "en") and "by 31 May 2019" in round_hint(packaged, 2019, "en")
    moved = province_cycle(tmp_path)
    assert "2018年11月30日前" in round_hint(moved, 2019, "zh") and "2019年4月30日前" in round_hint(moved, 2019, "zh")
    assert "by 30 Nov 2018" in round_hint(moved, 2019, "en")


def test_the_years_submission_deadlines_in_the_order_they_fall(tmp_path):
    packaged = load_config().certification_cycle
    assert deadline_text(packaged, 2019, "zh") == (
        "2019年数据报送截止：目标任务 2018年6月30日；认定进程 2018年12月31日；指标基础数据 2020年5月31日"
    )
    assert deadline_text(packaged, 2019, "en") == (
        "Figures for 2019 are due: Quotas by 30 Jun 2018; Certifications by 31 Dec 2018; "
        "Indicator inputs by 31 May 2020"
    )
    assert "认定进程 2018年11月30日" in deadline_text(province_cycle(tmp_path), 2019, "zh")


def test_open_and_late_submissions_per_region_in_words():
    counts = pd.DataFrame({"region_code": ["320300", "320100"], "open": [2, 0], "late": [1, 1]})
    names = {"320300": "徐州市", "320100": "南京市"}
    assert submission_items(counts, names, "zh") == [
        {"code": "320300", "name": "徐州市", "open": "待审 2", "late": "◷ 逾期 1"},
        {"code": "320100", "name": "南京市", "open": None, "late": "◷ 逾期 1"},
    ]
    assert [(i["open"], i["late"]) for i in submission_items(counts, names, "en")] == [
        ("2 open", "◷ 1 late"),
        (None, "◷ 1 late"),
    ]


def test_days_are_written_the_way_each_language_writes_them():
    import datetime as dt

    assert day_text(dt.date(2018, 6, 30), "zh") == "2018年6月30日"
    assert day_text(dt.date(2018, 6, 30), "en") == "30 Jun 2018"

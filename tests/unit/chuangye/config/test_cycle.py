"""``[certification_cycle]``: the notice's yearly cycle as configuration, and bilingual errors naming the key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chuangye.config.loader import CYCLE_STEPS, ConfigError, load_config, packaged_config_path

PACKAGED_TEXT = packaged_config_path().read_text(encoding="utf-8")


def test_the_packaged_cycle_follows_the_notice() -> None:
    cycle = load_config().certification_cycle
    # 认定程序: county evaluation and city review by the end of December, the province's decision by the end of May
    # of the next year; round Y is the year the results are published
    assert cycle.deadline("county_evaluated", 2017) == dt.date(2016, 12, 31)
    assert cycle.deadline("city_reviewed", 2017) == dt.date(2016, 12, 31)
    assert cycle.deadline("decided", 2017) == dt.date(2017, 5, 31)
    assert cycle.deadline("declared", 2017) is None  # self-declaration has no deadline of its own
    opens, closes = cycle.window(2017)
    assert opens.year == 2016 and closes.year == 2017 and opens < closes
    assert cycle.late_warning_days > 0 and "认定程序" in cycle.source


def _error_of(tmp_path: Path, old: str, new: str) -> ConfigError:
    assert old in PACKAGED_TEXT, old
    path = tmp_path / "province.toml"
    path.write_text(PACKAGED_TEXT.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value


@pytest.mark.parametrize(
    ("old", "new", "key", "zh", "en"),
    [
        (
            "decided = { year = 0, month = 5, day = 31 }",
            "decided = { year = 0, month = 2, day = 30 }",
            "certification_cycle.deadlines.decided",
            "没有这一天",
            "no such day",
        ),
        (
            "closes = { year = 0, month = 12, day = 31 }",
            "closes = { year = -1, month = 1, day = 1 }",
            "certification_cycle.closes",
            "结束（closes）必须晚于开始（opens）",
            "close (closes) after it opens",
        ),
        (
            "decided = { year = 0, month = 5, day = 31 }",
            "decided = { year = 1, month = 5, day = 31 }",
            "certification_cycle.deadlines.decided",
            "必须在时间窗",
            "within the window",
        ),
        (
            "decided = { year = 0, month = 5, day = 31 }",
            "decided = { year = -1, month = 11, day = 30 }",
            "certification_cycle.deadlines.decided",
            "不能早于前一环节 city_reviewed",
            "before that of the step before it, city_reviewed",
        ),
        (
            "decided = { year = 0, month = 5, day = 31 }",
            "published = { year = 0, month = 5, day = 31 }",
            "certification_cycle.deadlines.published",
            "未知的认定环节",
            "unknown certification step",
        ),
        (
            "decided = { year = 0, month = 5, day = 31 }",
            "",
            "certification_cycle.deadlines.decided",
            "缺少这一环节的截止日期",
            "deadline is missing",
        ),
        ("late_warning_days = 90", "late_warning_days = -1", "certification_cycle.late_warning_days", "数值过小", "0"),
    ],
)
def test_bad_cycle_settings_are_reported_bilingually(tmp_path: Path, old: str, new: str, key: str, zh: str, en: str):
    error = _error_of(tmp_path, old, new)
    message = str(error)
    assert key in {p.key for p in error.problems}
    assert f"[{key}]" in message and zh in message and en in message


def test_a_file_without_the_cycle_is_refused_naming_the_section(tmp_path: Path) -> None:
    start = PACKAGED_TEXT.index("[certification_cycle]")
    end = PACKAGED_TEXT.index("[status]")
    path = tmp_path / "old.toml"
    path.write_text(PACKAGED_TEXT[:start] + PACKAGED_TEXT[end:], encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert [p.key for p in info.value.problems] == ["certification_cycle"]
    assert "缺少必填项" in str(info.value)


def test_every_step_of_the_table_is_a_step_of_the_cycle() -> None:
    from chuangye.data.checks.cycle import CERT_DATE_COLUMNS

    assert tuple(f"{step}_date" for step in CYCLE_STEPS) == CERT_DATE_COLUMNS

"""The report's status words after the deadline, the base year it measures the pace from, the year before any
certification round and the active cut-off preset (issue 8). Expected words come from the engine's output."""

from __future__ import annotations

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.engine.progress import first_round_year
from chuangye.exports.report.build import build_report
from chuangye.exports.report.narrative import coverage_sentences
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.numbers import percent_text


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("status-report"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def row(**values) -> pd.Series:
    base = {
        "unit_type": "street_town",
        "year": 2020,
        "units_in_scope": 101,
        "certified_cumulative": 75,
        "meets_standard": 80,
        "coverage": 75 / 101,
        "goal": 0.8,
        "gap_points": (0.8 - 75 / 101) * 100,
        "gap_units": 6,
        "observed_pace": 18.6,
        "required_pace": 20.0,
        "required_pace_from_now": float("nan"),
        "projected_coverage_target": 75 / 101,
        "units_needed_per_year": pd.NA,
        "pace_base_year": 2016,
        "status": "missed",
    }
    return pd.Series({**base, **values})


def say(r: pd.Series, lang: str = "zh") -> dict[str, str]:
    return coverage_sentences(r, "南京市" if lang == "zh" else "Nanjing", basis="certified", base_year=2016,
                              target_year=2020, lang=lang)  # fmt: skip


def test_below_the_goal_in_the_target_year_reads_goal_missed():
    zh, en = say(row()), say(row(), "en")
    assert zh["status"] == "进度状态：未达目标。" and en["status"] == "Status: Goal missed."
    assert zh["needed"] == "目标年份已到，仍需6个街道(乡镇)才能达到目标。"
    assert "需要加速" not in "".join(zh.values()) and "cceleration" not in "".join(en.values())


def test_the_pace_sentence_names_the_base_year_used():
    r = row(year=2019, status="acceleration_needed", pace_base_year=2017, units_needed_per_year=3,
            required_pace_from_now=6.0, projected_coverage_target=0.9)  # fmt: skip
    zh, en = say(r), say(r, "en")
    assert zh["pace"].startswith("2016年无覆盖率数据，速度以2017年为基期计算。2017年以来年均提高18.6个百分点")
    assert en["pace"].startswith("With no coverage in 2016, the pace is measured from 2017. Since 2017 it has risen")
    on_time = say(row(year=2019, status="acceleration_needed", units_needed_per_year=3, required_pace_from_now=6.0))
    assert on_time["pace"].startswith("2016年以来")  # no note when the configured base year was used


def test_the_report_says_goal_missed_wherever_the_engine_says_missed(an):
    target = an.cfg.target_year
    cities = an.coverage(basis="certified", level="city", year=target)
    missed = cities[cities["status"] == "missed"]
    assert not missed.empty, "the sample has cities below a goal in the target year"
    city, unit_type = missed.iloc[0]["region_code"], missed.iloc[0]["unit_type"]
    for lang, words, old in (("zh", "未达目标", "需要加速"), ("en", "Goal missed", "Acceleration needed")):
        content = build_report(an, city, target, lang, charts=False)
        summary = content.summary[an.cfg.unit_types.index(unit_type)]
        assert words in summary and old not in summary
        table = content.headline.frame.set_index("unit_type")
        assert table.at[unit_type, "status_label"].endswith(words)
        assert any(words in note for note in content.notes)  # the legend lists every status


def test_the_notes_name_the_active_preset_and_its_cut_offs(an):
    st = an.cfg.status
    for lang, name in (("zh", st.name_zh), ("en", st.name_en)):
        note = next(n for n in build_report(an, an.regions.root, an.years[-1], lang, charts=False).notes if name in n)
        for cut in (st.on_track, st.acceleration_needed, st.limited_progress):
            assert percent_text(cut, 0) in note
        assert st.citation in note


def test_before_any_round_the_report_gives_the_baseline_meeting_the_standard(an):
    first = first_round_year(an.dataset.certifications)
    year = an.years[0]
    assert first is not None and year < first, "the sample's first year precedes the first certification round"
    root = an.regions.root
    meets = an.coverage(basis="meets", region=root, year=year).set_index("unit_type")
    content = build_report(an, root, year, "zh", charts=False)
    for n, unit_type in enumerate(an.cfg.unit_types):
        r = meets.loc[unit_type]
        baseline = (
            f"按指标达标的基线为{percent_text(r['coverage'])}（{int(r['meets_standard'])}/{int(r['units_in_scope'])}）"
        )
        assert f"{year}年尚未开展认定" in content.summary[n] and baseline in content.summary[n]
        assert "进度状态：基期" in content.summary[n]
    later = build_report(an, root, first, "zh", charts=False)
    assert not any("尚未开展认定" in s for s in later.summary)

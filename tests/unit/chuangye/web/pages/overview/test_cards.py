"""The overview's headline cards: the year before any certification round shows the baseline meeting the
standard, never a bare 0.0 %; the target year says "goal missed" below the goal (issue 8). Numbers are the
engine's, formatted as every screen formats them."""

from __future__ import annotations

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.numbers import percent_text
from chuangye.web.pages.overview.callbacks import headline_card, no_round_yet
from chuangye.web.viewstate import ViewState
from tests.unit.chuangye.web.test_status_links import text_of


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("overview-cards"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def card_text(an: Analytics, state: ViewState, unit_type: str) -> str:
    root = an.regions.root
    row = an.coverage(basis=state.basis, region=root, year=state.year, unit_type=unit_type).iloc[0]
    before, first = no_round_yet(state, an)
    baseline = None
    if before:
        baseline = {"first": first, "meets": an.coverage(basis="meets", region=root, year=state.year,
                                                         unit_type=unit_type).iloc[0]}  # fmt: skip
    series = an.coverage(basis="meets" if before else state.basis, region=root, unit_type=unit_type)
    return text_of(headline_card(row, series[series["year"] <= state.year], state, an.cfg, baseline))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_before_the_first_round_the_card_shows_the_baseline_meeting_the_standard(an, lang):
    year = an.years[0]
    state = ViewState(year=year, lang=lang)
    before, first = no_round_yet(state, an)
    assert before and first is not None and first > year
    for unit_type in an.cfg.unit_types:
        meets = an.coverage(basis="meets", region=an.regions.root, year=year, unit_type=unit_type).iloc[0]
        text = card_text(an, state, unit_type)
        assert percent_text(meets["coverage"]) in text
        assert "0.0%" not in text
        words = ("按指标达标的基线", f"{year}年尚无认定轮次") if lang == "zh" else ("Baseline", "No certification")
        assert all(w in text for w in words)
        assert ("基期" if lang == "zh" else "Base year") in text  # the status of a base year, not "no data"
        assert ("无数据" if lang == "zh" else "No data") not in text


def test_on_the_meets_basis_or_after_the_first_round_the_card_is_as_before(an):
    year = an.years[0]
    assert not no_round_yet(ViewState(year=year, basis="meets"), an)[0]
    assert not no_round_yet(ViewState(year=an.years[-1]), an)[0]


def test_in_the_target_year_a_card_below_the_goal_reads_goal_missed(an):
    target = an.cfg.target_year
    rows = an.coverage(basis="certified", region=an.regions.root, year=target)
    missed = rows.loc[rows["status"] == "missed", "unit_type"].tolist()
    achieved = rows.loc[rows["status"] == "achieved", "unit_type"].tolist()
    assert missed, "the sample misses one goal province-wide"
    for unit_type in missed:
        zh = card_text(an, ViewState(year=target), unit_type)
        assert "未达目标" in zh and "需要加速" not in zh
        assert "Goal missed" in card_text(an, ViewState(year=target, lang="en"), unit_type)
    for unit_type in achieved:
        assert "已达目标" in card_text(an, ViewState(year=target), unit_type)


# ------------------------------------------------------------------------------- one rounding, on rounding ties


def tie_card_text(**row) -> str:
    import pandas as pd

    base = {
        "unit_type": "street_town",
        "coverage": 0.7665,  # 76.65 %: f"{x * 100:.1f}" says 76.6, the decimal value rounds to 76.7
        "goal": 0.8,
        "gap_points": 3.25,  # f"{3.25:.1f}" says 3.2
        "gap_units": 4,
        "certified_cumulative": 1533,
        "meets_standard": 1600,
        "units_in_scope": 2000,
        "units_needed_per_year": 2,
        "status": "acceleration_needed",
    }
    series = pd.DataFrame({"year": [2019, 2020], "coverage": [0.7, 0.7665]})
    return text_of(headline_card(base | row, series, ViewState(year=2019), load_config()))


def test_the_card_rounds_ties_half_up_once():
    text = tie_card_text()
    assert "76.7%" in text and "76.6%" not in text
    assert "3.3 个百分点" in text and "3.2" not in text
    assert "目标 80%" in text
    assert "已超目标 1.3 个百分点" in tie_card_text(coverage=0.8125, gap_points=-1.25)

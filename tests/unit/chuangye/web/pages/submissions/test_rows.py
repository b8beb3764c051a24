"""The Submissions page's rows and lines: a submission's state, waiting reviewer, deadline and late flag in words,
its history with the reviewers' comments (a returned one says why), the year's deadlines and template links of
the user's own region, and the filters' values read defensively."""

from __future__ import annotations

import datetime as dt

from chuangye.config.loader import load_config
from chuangye.data.db.submissions import Step, Submission
from chuangye.web.pages.submissions.rows import (
    change_lines,
    deadline_lines,
    history_lines,
    returned_reason,
    selected_ids,
    states_of,
    submission_row,
    template_links,
    year_of,
)

CYCLE = load_config().certification_cycle
UTC = dt.UTC


def step(action: str, to: str, comment: str | None = None, day: int = 2) -> Step:
    return Step(dt.datetime(2020, 6, day, tzinfo=UTC), "xuzhou", "city", action, None, to, comment, None)


def made(state: str = "submitted", level: str = "county", history: tuple[Step, ...] = ()) -> Submission:
    at = dt.datetime(2020, 6, 10, 2, tzinfo=UTC)  # 2019's indicator inputs were due by 31 May 2020: 10 days late
    return Submission(7, "320302", level, ("indicator_inputs",), 2019, "gulou", "county", at, state, at, None, None,
                      0, 1, {"changes": {"indicator_inputs": {"before": 10, "after": 12, "added": 2, "changed": 0,
                                                               "removed": 0}}}, (), history)  # fmt: skip


def test_a_row_says_state_reviewer_deadline_and_lateness_in_each_language():
    row = submission_row(made(), "zh", {"320302": "鼓楼区"}.get, CYCLE)
    assert row["region"] == "鼓楼区" and row["tables"] == "指标基础数据" and row["state"] == "已提交"
    assert row["waiting"] == "设区市审核" and row["deadline"] == "2020年5月31日" and row["late"] == "◷ 逾期 10 天"
    english = submission_row(made("city_accepted"), "en", {"320302": "Gulou"}.get, CYCLE)
    assert english["waiting"] == "the province" and english["late"] == "◷ 10 day(s) late"
    assert english["deadline"] == "31 May 2020"


def test_a_returned_submission_says_why_and_its_history_carries_the_comments():
    returned = made("returned", history=(step("submit", "submitted", day=1), step("return", "returned", "缺社区数据")))
    assert returned_reason(returned) == "缺社区数据"
    assert returned_reason(made()) is None
    lines = history_lines(returned.history, "zh")
    assert lines[1].endswith("xuzhou：退回（已退回） 意见：缺社区数据")
    assert submission_row(returned, "zh", str, CYCLE)["comment"] == "缺社区数据"
    assert "Returned" in history_lines(returned.history, "en")[1]


def test_changes_deadlines_and_templates_are_the_users_own():
    assert change_lines(made().summary["changes"], "zh") == ["指标基础数据：10 → 12 行（新增 2，修改 0，删除 0）"]
    assert deadline_lines(CYCLE, 2019, "zh") == ["目标任务 2018年6月30日", "认定进程 2018年12月31日",
                                                 "指标基础数据 2020年5月31日"]  # fmt: skip
    links = dict(template_links("320302", 2019, "en"))
    assert links["Indicator inputs"] == "/api/v1/templates/indicator_inputs.xlsx?region=320302&year=2019&lang=en"


def test_filter_values_and_selections_from_the_browser_are_read_defensively():
    assert states_of("open") == {"submitted", "city_accepted"} and states_of("returned") == {"returned"}
    assert states_of("<script>") is None and states_of(None) is None
    assert year_of("2019") == 2019 and year_of("19999") is None and year_of(None) is None
    assert selected_ids([{"id": 3}, {"id": "4"}, {"id": "x"}, "5", None]) == [3, 4]
    assert selected_ids("3") == []

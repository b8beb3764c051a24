"""The Data page's rows and lines: problems with the column's Chinese header, the change per table, coverage
before and after in one sentence, versions newest first with who, status and the as-of link."""

from __future__ import annotations

import dataclasses

import pandas as pd

from chuangye.config.loader import load_config
from chuangye.data.changes import ChangeSummary
from chuangye.data.integrity import Damage
from chuangye.data.problems import make_problem
from chuangye.data.store import Store, VersionInfo
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.pages.data.rows import (
    change_rows,
    counts_text,
    coverage_rows,
    problem_rows,
    shown_note,
    template_href,
    template_is_slow,
    template_region_options,
    version_rows,
)


def test_a_problem_row_names_file_row_column_with_its_chinese_header_value_and_message():
    problem = make_problem("not_integer", file="任务数.xlsx[quotas]", row=5, column="target_count", value="abc")
    (zh,) = problem_rows([problem], "zh", {"任务数.xlsx[quotas]": "quotas"})
    assert (zh["file"], zh["row"], zh["column"], zh["value"]) == (
        "任务数.xlsx[quotas]",
        5,
        "target_count（目标任务数）",
        "abc",
    )
    assert (zh["message"], zh["check"], zh["severity"]) == ("不是整数", "不是整数", "错误")
    (en,) = problem_rows([problem], "en", {})
    assert (en["column"], en["message"], en["severity"]) == ("target_count (目标任务数)", "Not a whole number", "Error")


def test_the_grid_takes_part_of_many_problems_and_says_so():
    many = [make_problem("not_integer", file="a.csv", row=n, column="year", value="x") for n in range(2, 30)]
    assert len(problem_rows(many, "zh", {}, limit=10)) == 10
    assert shown_note(28, 0, "zh", limit=10) == "表格显示前 10 条，共 28 条；下载报告可查看全部。"
    assert shown_note(3, 2, "en", limit=10) == ""


def test_counts_say_whether_the_import_is_blocked():
    assert counts_text(2, 1, "zh") == "发现 2 个错误、1 个警告。有错误时不能导入；警告不妨碍导入。"
    assert counts_text(0, 3, "en") == "No errors; 3 warnings (they do not block the import)."
    assert counts_text(0, 0, "zh") == "没有发现问题。"


def test_change_rows_say_where_each_table_comes_from_and_what_it_loses():
    changes = (
        ChangeSummary("units", "carried", "units（当前版本…）", True, 100, 100, 0, 0, 0, True),
        ChangeSummary("quotas", "file", "任务数.xlsx[quotas]", False, 156, 100, 0, 1, 56, True),
    )
    quotas, carried = change_rows(changes, "zh")  # the tables the files bring come first
    assert (carried["table"], carried["source"], carried["note"]) == (
        "单位名录（units）",
        "沿用当前版本",
        "合成示例数据",
    )
    assert (quotas["source"], quotas["before"], quotas["after"], quotas["removed"]) == (
        "任务数.xlsx[quotas]",
        156,
        100,
        56,
    )
    assert quotas["note"] == "删除原有行的 35.9%"


def test_coverage_rows_read_as_the_issue_says():
    """The names come with the frame (import_impact's region_name); the count is certified/units on each side
    (it was the certified alone) and the change says its direction."""
    frame = pd.DataFrame(
        {
            "region_code": ["320300", "320000", "320000", "320100"],
            "region_name": ["徐州市", "江苏省", "江苏省", "南京市"],
            "unit_type": ["community_village", "park", "street_town", "park"],
            "year": [2019, 2020, 2020, 2021],
            "before_coverage": [0.6, 0.5, 0.8, float("nan")],
            "after_coverage": [0.61325, 0.49, 0.8, 0.25],
            "before_certified": [1200, 10, 80, pd.NA],
            "after_certified": [1226, 10, 80, 1],
            "before_total": [2000, 20, 100, pd.NA],
            "after_total": [2000, 20, 100, 4],
        }
    )
    xuzhou, park, level, new = coverage_rows(frame, "zh")
    assert xuzhou["line"] == "徐州市 社区(村) 2019：60.0% → 61.3%"
    assert (xuzhou["region"], xuzhou["type"], xuzhou["before"], xuzhou["after"]) == (
        "徐州市",
        "社区(村)",
        "60.0%",
        "61.3%",
    )
    assert (xuzhou["change"], xuzhou["certified"]) == ("▲ 上升 +1.3", "1,200/2,000 → 1,226/2,000")
    assert park["change"] == "▼ 下降 -1.0" and level["change"].startswith("＝")
    assert (new["change"], new["certified"], new["before"]) == ("新增", "—/— → 1/4", "—")
    english = coverage_rows(frame, "en")[0]
    assert english["line"] == "徐州市 Communities/villages 2019: 60.0% → 61.3%" and english["change"] == "▲ up +1.3"


def test_versions_newest_first_with_status_and_the_as_of_link():
    damage = (Damage("20261203T000000-cccc", "x", "missing"),)
    infos = [
        VersionInfo("20261201T000000-aaaa", "2026-12-01T08:00:00+08:00", {"units": "units.csv"}, {"units": 5}, False),
        VersionInfo("20261202T000000-bbbb", "2026-12-02T08:00:00+08:00", {"quotas": "q.xlsx"}, {"quotas": 3}, True,
                    pinned=True),
        VersionInfo("20261203T000000-cccc", "", {}, {}, False, damage=damage),
    ]  # fmt: skip
    rows = version_rows(infos, "en")
    assert [r["id"] for r in rows] == ["20261203T000000-cccc", "20261202T000000-bbbb", "20261201T000000-aaaa"]
    assert [r["status"] for r in rows] == ["damaged", "active · pinned", ""]
    assert rows[0]["damaged"] and rows[1]["active"] and not rows[2]["active"]
    assert rows[1]["files"] == "q.xlsx" and rows[1]["rows"] == "quotas 3"
    assert rows[2]["view"] == "[View as of this version](/overview?version=20261201T000000-aaaa&lang=en)"
    assert version_rows(infos, "zh")[2]["rows"] == "单位名录 5"


def test_a_version_row_says_who_the_change_summary_and_the_note():
    """Who from the manifest (VersionInfo.by) before the audit trail's guess; the note (new) as typed."""
    changes = ({"table": "quotas", "before": 3, "after": 3, "added": 0, "changed": 1, "removed": 0},)
    info = VersionInfo("20261204T000000-dddd", "2026-12-04T08:00:00+08:00", {"quotas": "q.xlsx"}, {"quotas": 3}, True,
                       by="web:root", note="徐州市目标任务更正", changes=changes)  # fmt: skip
    (row,) = version_rows([info], "zh", {"20261204T000000-dddd": "someone-else"})
    assert (row["by"], row["note"]) == ("web:root", "徐州市目标任务更正")
    assert row["changes"] == "目标任务：+0 / ~1 / −0"
    unchanged = ({"table": "units", "before": 3, "after": 3, "added": 0, "changed": 0, "removed": 0},)
    both = dataclasses.replace(info, changes=changes + unchanged)
    assert version_rows([both], "zh")[0]["changes"] == "目标任务：+0 / ~1 / −0"  # a table with no change is left out
    assert version_rows([dataclasses.replace(info, changes=unchanged)], "en")[0]["changes"] == "no rows changed"
    many = ({"table": "units", "before": 0, "after": 23454, "added": 23454, "changed": 0, "removed": 0},)
    assert version_rows([dataclasses.replace(info, changes=many)], "en")[0]["changes"] == "units: +23,454 / ~0 / −0"
    (unknown,) = version_rows([VersionInfo("v", "", {}, {}, False)], "en")
    assert (unknown["by"], unknown["note"]) == ("(not recorded)", "")


def test_the_template_regions_are_blank_the_province_then_each_city_and_its_counties(tmp_path):
    store = Store(tmp_path)
    store.ensure_initialised(SAMPLE_DIR)
    tree = Analytics(store.active(), load_config()).regions
    options = template_region_options(tree, "zh")
    assert options[:3] == [
        {"label": "空白模板（不预填）", "value": "blank"},
        {"label": "江苏省（全省预填）", "value": "320000"},
        {"label": "南京市", "value": "320100"},
    ]
    assert options[3]["label"].startswith("\u3000") and tree.parent_of(options[3]["value"]) == "320100"
    values = [o["value"] for o in options]
    assert len(values) == len(set(values)) == 2 + len(tree.codes("city")) + len(tree.codes("county"))
    assert template_region_options(tree, "en")[1]["label"].endswith("(the whole province filled in)")
    assert template_href("all", None, 2020, "en") == "/api/v1/templates/all.xlsx?year=2020&lang=en"
    assert template_is_slow("all", "320000", "320000") and not template_is_slow("quotas", "320000", "320000")
    assert not template_is_slow("all", "320300", "320000")

"""The audit page's rows and filters: dates in local days, outcome, words for codes, the count line, the files."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from chuangye.data.db import Actor, AuditTrail, Database
from chuangye.exports.tables import CSV_BOM
from chuangye.web.pages.audit.rows import Filters, count_text, csv_bytes, local_iso, matching, rows, total, xlsx_bytes

START = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
NAMES = {"320100": "南京市"}


@pytest.fixture
def trail(tmp_path):
    now = {"at": START}
    trail = AuditTrail(Database.open(tmp_path, clock=lambda: now["at"]))
    events = [
        (Actor("admin", "admin", "10.0.0.1"), "login", "ok", None, None),
        (Actor("nj", "city", "10.0.0.7"), "unit_view", "ok", "320102001001", "320100"),
        (Actor("nj", "city", "10.0.0.7"), "export", "denied", '=HYPERLINK("x")', "320200"),
        (Actor("wx", "city", "10.0.0.8"), "login_failed", "failed", None, None),
    ]
    for actor, action, outcome, obj, region in events:
        trail.record(action, actor=actor, outcome=outcome, object=obj, region=region, detail={"page": "map"})
        now["at"] += dt.timedelta(days=1)
    return trail


def test_filters_by_user_action_and_outcome_newest_first(trail):
    assert [r.action for r in matching(trail, Filters(user="nj"))] == ["export", "unit_view"]
    assert [r.username for r in matching(trail, Filters(outcome="denied"))] == ["nj"]
    assert [r.username for r in matching(trail, Filters(action="login_failed", outcome="failed"))] == ["wx"]
    assert matching(trail, Filters(action="login", outcome="failed")) == []


def test_the_grid_reads_only_the_newest_it_shows_and_counts_the_rest_in_the_database(trail):
    assert [r.username for r in matching(trail, Filters(), limit=1)] == ["wx"]
    assert total(trail, Filters()) == len(matching(trail, Filters())) == 4
    assert total(trail, Filters(user="nj", outcome="denied")) == 1


def test_date_range_is_local_days_both_ends_included(trail):
    local_day = START.astimezone().date()  # the first record's day where the server is
    both = matching(trail, Filters(start=local_day + dt.timedelta(days=1), end=local_day + dt.timedelta(days=2)))
    assert [r.action for r in both] == ["export", "unit_view"]


def test_malformed_controls_are_no_filter():
    assert Filters.parse("not a date", None, "  ", "looked_around", "maybe") == Filters()
    parsed = Filters.parse("2026-12-01T00:00:00", "2026-12-03", " nj ", "export", "denied")
    assert parsed == Filters(dt.date(2026, 12, 1), dt.date(2026, 12, 3), "nj", "export", "denied")


def test_rows_show_words_local_time_and_region_names(trail):
    records = matching(trail, Filters(user="nj"))
    zh = rows(records, "zh", NAMES.get)
    assert [r["action"] for r in zh] == ["导出", "查看单位成绩单"]
    assert (zh[0]["outcome"], zh[0]["role"], zh[0]["region_name"]) == ("拒绝", "市局", "")  # 320200 unknown here
    assert (zh[1]["region"], zh[1]["region_name"]) == ("320100", "南京市")
    en = rows(records, "en", NAMES.get)
    assert (en[0]["action"], en[0]["outcome"], en[0]["role"]) == ("Export", "Denied", "City bureau")
    assert zh[0]["at"] == local_iso(records[0].at) == records[0].at.astimezone().isoformat(timespec="seconds")
    assert zh[0]["detail"] == '{"page": "map"}'


def test_the_grid_is_capped_and_says_so(trail):
    records = matching(trail, Filters())
    assert len(rows(records, "zh", NAMES.get, limit=2)) == 2
    assert count_text(2, 4, "zh") == "共 4 条记录，显示最新的 2 条"
    assert count_text(2, 4, "en") == "Showing the newest 2 of 4 records"
    assert count_text(4, 4, "en") == "4 records"


def test_csv_like_the_cli_bom_and_neutralised_cells(trail):
    content = csv_bytes(matching(trail, Filters(user="nj")), "zh", NAMES.get)
    assert content.startswith(CSV_BOM)
    text = content[len(CSV_BOM) :].decode("utf-8")
    assert text.splitlines()[0].startswith("时间,用户,角色,来源地址,动作,对象")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert "\r\n" in text


def test_xlsx_has_a_header_row_in_the_language(trail):
    content = xlsx_bytes(matching(trail, Filters()), "en", NAMES.get, Filters(user="nj"))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Time", "User", "Role", "Source address", "Action"]
    assert sheet.max_row == 5  # the header and four records
    assert any(str(c.value).startswith("'=HYPERLINK") for c in sheet[3] + sheet[4] + sheet[2] + sheet[5])

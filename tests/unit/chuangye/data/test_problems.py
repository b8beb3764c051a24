"""How problems are listed: a file that could not be read first, a cell the reader refused reported once, and
values quoted safely."""

from __future__ import annotations

from chuangye.data.problems import cap_problems, format_problem, make_problem


def test_a_file_that_could_not_be_read_is_listed_before_every_other_error() -> None:
    consequences = [
        make_problem("unknown_unit", file="certifications.csv", row=row, column="unit_code", value="320102002")
        for row in range(2, 5)
    ]
    cause = make_problem(
        "csv_unclosed_quote",
        file="units.csv",
        row=101,
        column="name",
        value='320104003017,"汇景和园社区居委会',
        position=2,
        lines_zh="第 101–301 行",
        lines_en="lines 101–301",
    )
    listed = cap_problems([*consequences, cause])
    assert listed[0] == cause  # "certifications.csv" sorts before "units.csv", the cause still comes first
    assert listed[1:] == consequences


def test_what_checks_say_about_a_cell_the_reader_refused_is_left_out() -> None:
    code, cell = "3" * 25, {"file": "units.csv", "row": 3, "column": "unit_code"}
    too_long = make_problem("text_too_long", **cell, value=code, length=25, limit=20)
    malformed_there = make_problem("code_format", **cell, value=code, lengths="9")
    malformed_elsewhere = make_problem("code_format", **{**cell, "row": 4}, value="1", lengths="9")
    assert cap_problems([malformed_there, too_long, malformed_elsewhere]) == [too_long, malformed_elsewhere]


def test_a_value_is_quoted_short_and_without_invisible_characters() -> None:
    name = "玄" * 1000
    long = make_problem("text_too_long", file="units.csv", row=2, column="name", value=name, length=1000, limit=60)
    assert long.value == "玄" * 40 + "…"
    hidden = make_problem("code_format", file="units.csv", row=3, column="unit_code", value="3201\u202e02", lengths="9")
    assert hidden.value == "3201⟨U+202E⟩02"
    assert "\u202e" not in format_problem(hidden, "zh") + format_problem(hidden, "en")

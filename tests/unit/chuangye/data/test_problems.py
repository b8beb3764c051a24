"""How problems are listed: a file that could not be read comes first."""

from __future__ import annotations

from chuangye.data.problems import cap_problems, make_problem


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

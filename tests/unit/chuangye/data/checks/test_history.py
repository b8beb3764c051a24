"""A figure far from the same unit's previous year is a warning (issue 10), from the file or the active version."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuangye.config.loader import config_from_mapping, packaged_config_path
from chuangye.data.tables import read_inputs
from chuangye.data.validation import validate
from tests.synthetic import small_tables, write_csv_dir
from tests.unit.chuangye.data.checks.helpers import validate_tables

# small_tables: rows 2-5 of indicator_inputs.csv are 320102001's 2016-2019, trainees 100 in each year


def _far(problems):
    return [p for p in problems if p.check == "far_from_previous"]


def test_a_figure_with_two_zeros_too_many_is_warned_about_naming_the_year_before(tmp_path: Path) -> None:
    t = small_tables()
    t["indicator_inputs"].loc[3, "trainees"] = "10000"  # 320102001's 2019: 100 the year before
    problems = validate_tables(tmp_path, t)
    (problem,) = _far(problems)
    assert (problem.file, problem.row, problem.column, problem.value, problem.severity) == (
        "indicator_inputs.csv",
        5,
        "trainees",
        "10000",
        "warning",
    )
    assert "创业培训人数为 10000，与该单位 2018 年的 100 相差约 100 倍" in problem.message_zh
    assert "trainees is 10000, about 100 times apart from the unit's 2018 figure (100)" in problem.message_en
    assert not [p for p in problems if p.is_error]  # a warning: nothing blocks the import


def test_a_figure_that_drops_to_a_tenth_is_warned_about_too(tmp_path: Path) -> None:
    t = small_tables()
    t["indicator_inputs"].loc[3, "working_age_population"] = "2040"  # 20,400 the year before: a digit lost
    (problem,) = _far(validate_tables(tmp_path, t))
    assert (problem.row, problem.column, problem.value) == (5, "working_age_population", "2040")


@pytest.mark.parametrize(("value", "flagged"), [(900, False), (1050, True)])  # 9 times 100; 10.5 times
def test_the_factor_decides(tmp_path: Path, value: int, flagged: bool) -> None:
    t = small_tables()
    t["indicator_inputs"].loc[3, "trainees"] = str(value)
    assert bool(_far(validate_tables(tmp_path, t))) == flagged


def test_small_counts_that_jump_are_not_flagged(tmp_path: Path) -> None:
    t = small_tables()
    frame = t["indicator_inputs"]
    frame.loc[2, "trainees_started"] = "1"
    frame.loc[3, "trainees_started"] = "40"  # forty times 2018's 1, but only 39 apart: under the least difference
    assert _far(validate_tables(tmp_path, t)) == []


def test_a_file_of_one_year_is_compared_with_the_active_versions_earlier_years(tmp_path: Path) -> None:
    t = small_tables()
    whole, _ = read_inputs([write_csv_dir(tmp_path / "active", {"indicator_inputs": t["indicator_inputs"]})])
    history = whole["indicator_inputs"].frame  # typed, as the active version's table is
    given = t["indicator_inputs"][t["indicator_inputs"]["year"] == "2019"].copy()
    given.loc[3, "new_jobs_total"] = "20600"  # 2018's 204 in the active version: about 101 times
    loaded, _ = read_inputs([write_csv_dir(tmp_path / "in", {"indicator_inputs": given})])
    problems = _far(validate(loaded, config_from_mapping(_packaged()), history={"indicator_inputs": history}))
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "new_jobs_total", "20600")]
    assert "2018 年的 204" in problems[0].message_zh
    assert _far(validate(loaded, config_from_mapping(_packaged()))) == []  # nothing earlier to compare with


def test_the_limits_come_from_the_configuration(tmp_path: Path) -> None:
    data = _packaged()
    data["imports"]["far_from_previous_factor"] = 2
    data["imports"]["far_from_previous_min_difference"] = 50
    t = small_tables()
    t["indicator_inputs"].loc[3, "trainees"] = "250"  # 2.5 times 2018's 100 and 150 apart
    loaded, read_problems = read_inputs([write_csv_dir(tmp_path / "in", t)])
    problems = validate(loaded, config_from_mapping(data), require_all=True, extra_problems=read_problems)
    assert [(p.row, p.column) for p in _far(problems)] == [(5, "trainees")]
    assert _far(validate_tables(tmp_path / "packaged", t)) == []  # the packaged 10 times does not flag it


def _packaged() -> dict:
    import tomllib

    return tomllib.loads(packaged_config_path().read_text(encoding="utf-8"))

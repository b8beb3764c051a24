"""The change summary of an import and the rules that need the user's say-so (chuangye/data/changes.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from chuangye.config.loader import load_config, packaged_config_path
from chuangye.data.changes import (
    SYNTHETIC_MARKER,
    ChangePolicy,
    ChangeSummary,
    Consent,
    change_problems,
    compare_table,
    share_text,
    summarise_table,
    table_is_marked_synthetic,
    write_synthetic_marker,
)
from chuangye.data.dataset import conform
from chuangye.data.tables import read_table
from tests.synthetic import small_tables, write_csv_dir


def typed(tmp_path: Path, name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (text cells) as the reader and the store type it."""
    folder = write_csv_dir(tmp_path / f"{name}-{len(list(tmp_path.iterdir()))}", {name: frame})
    return conform(name, read_table(folder / f"{name}.csv", name).frame)


def summary(**values) -> ChangeSummary:
    base = {
        "table": "certifications",
        "origin": "file",
        "source": "certifications.csv",
        "synthetic": False,
        "before": 100,
        "after": 100,
        "added": 0,
        "changed": 0,
        "removed": 0,
    }
    return ChangeSummary(**{**base, **values})


def test_rows_are_matched_on_the_tables_key(tmp_path: Path) -> None:
    old = small_tables()["quotas"]  # 12 rows: 2 cities x 2 years x 3 types
    new = old.copy()
    new.loc[0, "target_count"] = "9"  # changed: same key, another value
    new = new.drop(index=[1, 2])  # removed
    new = pd.concat([new, old.iloc[[0]].assign(year="2020")])  # added: a key the old table does not have
    new = new.iloc[::-1]  # row order does not matter
    added, changed, removed = compare_table("quotas", typed(tmp_path, "quotas", new), typed(tmp_path, "quotas", old))
    assert (added, changed, removed) == (1, 1, 2)


def test_identical_tables_change_nothing_and_a_repeated_key_is_counted_once_per_row(tmp_path: Path) -> None:
    old = typed(tmp_path, "quotas", small_tables()["quotas"])
    assert compare_table("quotas", old, old.copy()) == (0, 0, 0)
    twice = pd.concat([old, old.iloc[[0]]], ignore_index=True)
    assert compare_table("quotas", twice, old) == (1, 0, 0)
    assert compare_table("quotas", old, twice) == (0, 0, 1)


def test_a_summary_is_data_a_page_can_show() -> None:
    s = summarise_table(
        "quotas",
        pd.DataFrame({"city_code": ["320100"], "year": [2019], "unit_type": ["park"]}).pipe(
            lambda f: conform("quotas", f)
        ),
        conform("quotas", pd.DataFrame({"city_code": ["320100", "320200"], "year": [2019, 2019]})),
        origin="file",
        source="quotas.csv",
        synthetic=False,
    )
    record = s.as_dict()
    assert record["before"] == 2 and record["after"] == 1 and record["removed"] == 2 and record["added"] == 1
    assert record["removed_share"] == 1.0 and record["unchanged"] == 0 and record["source"] == "quotas.csv"


def test_without_an_active_version_every_row_is_new_and_nothing_can_be_lost() -> None:
    new = conform("quotas", pd.DataFrame({"city_code": ["320100"], "year": [2019]}))
    s = summarise_table("quotas", new, None, origin="file", source="quotas.csv", synthetic=False)
    assert (s.before, s.after, s.added, s.removed, s.removed_share) == (None, 1, 1, 0, None)


POLICY = ChangePolicy(max_removed_share=0.5)


def test_a_table_given_with_no_rows_is_an_error_unless_allowed() -> None:
    emptied = summary(after=0, removed=100)
    [problem] = change_problems([emptied], POLICY, Consent())
    assert problem.is_error and problem.check == "table_emptied" and problem.file == "certifications.csv"
    assert "（当前版本有 100 行）" in problem.message_zh and "--allow-empty" in problem.message_zh
    assert "the active version has 100 rows" in problem.message_en and "--allow-empty" in problem.message_en
    assert change_problems([emptied], POLICY, Consent(allow_empty=True)) == []
    # emptying is its own confirmation, not also a shrink
    assert change_problems([emptied], POLICY, Consent(allow_empty=True, allow_shrink=False)) == []
    first = summary(before=None, after=0)
    assert [p.check for p in change_problems([first], POLICY, Consent())] == ["table_emptied"]


def test_losing_more_than_the_configured_share_is_an_error_unless_allowed() -> None:
    shrinking = summary(after=40, removed=60)
    [problem] = change_problems([shrinking], POLICY, Consent())
    assert problem.check == "table_shrinks" and problem.is_error
    assert "100 行中的 60 行（60%" in problem.message_zh and "50%" in problem.message_zh
    assert "--allow-shrink" in problem.message_zh and "--allow-shrink" in problem.message_en
    assert "delete 60 of the 100 rows" in problem.message_en
    assert change_problems([shrinking], POLICY, Consent(allow_shrink=True)) == []
    assert change_problems([summary(after=50, removed=50)], POLICY, Consent()) == []  # at the limit: allowed
    assert change_problems([shrinking], ChangePolicy(max_removed_share=None), Consent()) == []


def test_only_the_users_files_are_held_to_the_rules() -> None:
    assert change_problems([summary(origin="carried", after=0, removed=100)], POLICY, Consent()) == []
    assert change_problems([summary(origin="sample", after=0, removed=100)], POLICY, Consent()) == []


def test_replacing_synthetic_sample_rows_is_no_loss() -> None:
    assert change_problems([summary(after=10, removed=90, before_synthetic=True)], POLICY, Consent()) == []
    assert change_problems([summary(after=0, removed=100, before_synthetic=True)], POLICY, Consent()) != []


def test_the_limit_comes_from_the_configuration() -> None:
    packaged = tomllib.loads(packaged_config_path().read_text(encoding="utf-8"))["imports"]["max_removed_share"]
    assert ChangePolicy.from_config(load_config()).max_removed_share == packaged
    assert ChangePolicy.from_config(None).max_removed_share is None


@pytest.mark.parametrize(("share", "text"), [(0.5, "50%"), (2 / 3, "66.7%"), (1.0, "100%"), (0.004, "0.4%")])
def test_share_text(share: float, text: str) -> None:
    assert share_text(share) == text


def test_the_marker_makes_the_files_beside_it_synthetic(tmp_path: Path) -> None:
    folder = write_csv_dir(tmp_path / "generated", {"quotas": small_tables()["quotas"]})
    assert not table_is_marked_synthetic(folder / "quotas.csv")
    marker = write_synthetic_marker(folder)
    assert marker.name == SYNTHETIC_MARKER
    text = marker.read_text(encoding="utf-8")
    assert "合成数据" in text and "synthetic" in text
    assert table_is_marked_synthetic(folder / "quotas.csv")
    assert not table_is_marked_synthetic("quotas.csv（当前版本/active version x）")  # a carried table's name

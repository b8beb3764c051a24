"""What ``chuangye import`` prints about its changes: a line per table in Chinese with its English under it, the
rows that disappear, carried-over and synthetic tables said as such."""

from __future__ import annotations

from chuangye.cli.import_summary import audit_detail, change_lines, provenance_line
from chuangye.data.changes import ChangeSummary


def change(table: str, origin: str = "file", **values) -> ChangeSummary:
    base = {"source": f"{table}.csv", "synthetic": False, "before": 10, "after": 10, "added": 0, "changed": 0}
    return ChangeSummary(table=table, origin=origin, **{**base, "removed": 0, **values})


def test_each_table_gets_a_chinese_line_and_its_english_under_it():
    lines = change_lines(
        [
            change("certifications", before=20, after=5, added=1, changed=2, removed=16),
            change("units", origin="carried", source="units.csv", synthetic=True, after=9),
        ],
        "20261205T120000-abcd",
    )
    assert lines[0] == (
        "变更摘要（与当前版本 20261205T120000-abcd 相比）： / Changes against the active version 20261205T120000-abcd:"
    )
    assert lines[1] == (
        "  certifications（认定进程）← certifications.csv："
        "原 20 行，现 5 行；新增 1，修改 2，删除 16（删除原有行的 80%）"
    )
    assert lines[2] == (
        "      certifications (认定进程) ← certifications.csv: 20 rows before, 5 now; 1 added, 2 changed, 16 removed "
        "(80% of the rows before)"
    )
    assert lines[3] == "  units（单位名录）：沿用当前版本，9 行不变 [合成示例数据]"
    assert lines[4] == (
        "      units (单位名录): carried over from the active version, 9 rows unchanged [synthetic sample data]"
    )


def test_a_first_import_and_a_refused_one_say_so():
    first = change_lines([change("quotas", before=None, after=156, added=156)], None)
    assert first == [
        "变更摘要（数据目录中还没有数据）： / Changes (the data directory holds no data yet):",
        "  quotas（目标任务）← quotas.csv：156 行",
        "      quotas (目标任务) ← quotas.csv: 156 rows",
    ]
    refused = change_lines([change("quotas")], "v1", refused=True)
    assert refused[0].startswith("如果导入，变更将是（与当前版本 v1 相比）：") and "would be:" in refused[0]
    assert "（删除原有行的" not in refused[1] and change_lines([], "v1") == []


def test_the_version_says_whether_it_holds_synthetic_data_and_the_audit_keeps_the_counts():
    assert provenance_line(()) == "新版本不含合成示例数据。 / The new version holds no synthetic sample data."
    assert "（regions, units）" in provenance_line(("regions", "units"))
    detail = audit_detail([change("quotas", removed=3, after=7), change("units", origin="carried")])
    assert detail == {"quotas": {"before": 10, "after": 7, "added": 0, "changed": 0, "removed": 3}}


def test_a_versions_line_says_who_where_what_and_why():
    from chuangye.cli.import_summary import version_provenance

    changes = [
        {"table": "units", "before": 9, "after": 9, "added": 0, "changed": 0, "removed": 0},
        {"table": "quotas", "before": 12, "after": 11, "added": 0, "changed": 1, "removed": 1},
    ]
    text = version_provenance("api:admin1", "更正", changes, ("320300",))
    assert text == (
        "导入者 / by: api:admin1  区域 / region: 320300  "
        "变更（+新增 ~修改 -删除） / changes (+added ~changed -removed): quotas +0 ~1 -1  说明 / note: 更正"
    )
    first = [{"table": "units", "before": None, "after": 9, "added": 9, "changed": 0, "removed": 0}]
    assert version_provenance("cli:root", None, first) == "导入者 / by: cli:root"  # a first version adds all
    assert version_provenance(None, None, ()) == ""  # a manifest from before provenance

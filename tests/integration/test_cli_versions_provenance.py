"""``chuangye import`` records who imported each version (``cli:<login>``) and ``chuangye versions`` says it with
what the version changed (issue 10), on the version's one line."""

from __future__ import annotations

import getpass

import pandas as pd

from chuangye.sample.bundled import SAMPLE_DIR
from tests.integration.test_cli import run


def test_versions_says_who_imported_and_what_changed(tmp_path):
    data_dir = tmp_path / "data"
    assert run("versions", data_dir=data_dir).returncode == 0  # the bundled sample, imported by nobody
    quotas = pd.read_csv(SAMPLE_DIR / "quotas.csv", dtype=str)
    quotas.loc[0, "target_count"] = str(int(quotas.loc[0, "target_count"]) + 1)
    quotas.to_csv(tmp_path / "quotas.csv", index=False)
    assert run("import", str(tmp_path / "quotas.csv"), data_dir=data_dir).returncode == 0
    first, second = run("versions", data_dir=data_dir).stdout.strip().splitlines()
    assert "by:" not in first and "changes" not in first
    assert second.startswith("*") and f"导入者 / by: cli:{getpass.getuser()}" in second
    assert second.endswith("changes (+added ~changed -removed): quotas +0 ~1 -0")

"""The bundled sample with HTML in a few names, imported through the real ``chuangye import`` (issue 9).

A county (玄武区), a street, two communities and a park under it get names carrying markup, an entity, an
ampersand and a leading ``=``; every page, chart, grid, export and report must show them as the literal text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from chuangye.sample.bundled import SAMPLE_DIR

CHUANGYE = Path(sys.executable).with_name("chuangye")

COUNTY = "320102"
CITY = "320100"
STREET = "320102002"
COMMUNITY = "320102002001"
ESCAPED_COMMUNITY = "320102002002"
FORMULA_COMMUNITY = "320102002005"
PARK = "320102400"

# code -> (name, name_en)
REGION_NAMES: dict[str, tuple[str, str]] = {
    COUNTY: ("<img src=x onerror=alert(1)>玄武区", "<img src=x onerror=alert(1)> Xuanwu"),
}
UNIT_NAMES: dict[str, tuple[str, str]] = {
    STREET: ("<b>粗体</b>街道", "<b>Bold</b> Subdistrict"),
    COMMUNITY: ('<a href="http://example.com">链接</a>社区', '<a href="http://example.com">Link</a> Community'),
    ESCAPED_COMMUNITY: ("&lt;已转义&gt;A&B社区", "&lt;escaped&gt; A&B Community"),
    FORMULA_COMMUNITY: ("=1+2<br>公式社区", "=1+2<br>Formula Community"),
    PARK: ("<script>alert(2)</script>园区", "<script>alert(2)</script> Park"),
}
ALL_NAMES: tuple[str, ...] = tuple(n for pair in (*REGION_NAMES.values(), *UNIT_NAMES.values()) for n in pair)

# What must never appear as an element made from a name (CSS selectors).
INJECTED_SELECTORS = ("img[src='x']", "a[href='http://example.com']", "script:not([src])")


def _rename(frame: pd.DataFrame, key: str, names: dict[str, tuple[str, str]]) -> pd.DataFrame:
    for code, (zh, en) in names.items():
        hit = frame[key] == code
        assert hit.sum() == 1, f"{code} not in the sample"
        frame.loc[hit, "name"] = zh
        frame.loc[hit, "name_en"] = en
    return frame


def write_marked_up_files(out: Path) -> list[Path]:
    """regions.csv and units.csv of the bundled sample with the names above; returns the two files."""
    out.mkdir(parents=True, exist_ok=True)
    regions = pd.read_csv(SAMPLE_DIR / "regions.csv", dtype=str, keep_default_na=False)
    units = pd.read_csv(SAMPLE_DIR / "units.csv", dtype=str, keep_default_na=False)
    paths = [out / "regions.csv", out / "units.csv"]
    _rename(regions, "region_code", REGION_NAMES).to_csv(paths[0], index=False)
    _rename(units, "unit_code", UNIT_NAMES).to_csv(paths[1], index=False)
    return paths


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHUANGYE_DATA_DIR": str(data_dir)}
    return subprocess.run([str(CHUANGYE), *args], capture_output=True, text=True, env=env, timeout=300)


def import_marked_up_sample(data_dir: Path, work: Path) -> Path:
    """A data directory holding the bundled sample, then the marked-up names imported by ``chuangye import``."""
    first = run_cli("versions", data_dir=data_dir)  # first use imports the bundled sample
    assert first.returncode == 0, first.stdout + first.stderr
    imported = run_cli("import", *map(str, write_marked_up_files(work)), data_dir=data_dir)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    return data_dir

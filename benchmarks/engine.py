"""How long the engine's heavy steps take at national size: the figures the tests used to assert.

Tests check what these steps compute; how fast they are depends on the machine, so it is measured here and
printed, never asserted:

- ``coverage``: ``coverage_all_levels`` on ~600,000 synthetic units × 5 years (province, city and county rows
  in one pass; the engine is vectorised, so this takes seconds, not minutes);
- ``place_points``: synthetic locations for ~22,000 villages (232 per county in the 95 regular counties);
- ``validate``: validating a national-size input set (22,500 units, 112,500 indicator rows; the same tables
  as the validation tests, ``tests/synthetic.py``).

    .venv/bin/python -m benchmarks.engine                  # every step, 3 repetitions, full size
    .venv/bin/python -m benchmarks.engine --only coverage --reps 5
    .venv/bin/python -m benchmarks.engine --scale 0.05     # a twentieth of the size (a quick look)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Measurement:
    step: str
    size: str
    reps: int
    median_s: float
    max_s: float


def _timed(run: Callable[[], object], reps: int) -> list[float]:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


# ---------------------------------------------------------------------------------------------- the steps


def coverage_step(scale: float) -> tuple[str, Callable[[], object]]:
    """``coverage_all_levels`` on synthetic national-size frames (2,800 counties × 215 units at scale 1)."""
    from chuangye.config.loader import load_config
    from chuangye.data.schema import INDICATOR_INPUTS
    from chuangye.engine.coverage import coverage_all_levels

    cfg = load_config()
    counts = [c for c in INDICATOR_INPUTS.column_names if c not in ("unit_code", "year")]
    rng = np.random.default_rng(1)
    n_counties, per_county = max(10, round(2_800 * scale)), 215
    county = np.array([f"{11 + i // 300:02d}{(i // 10) % 30 + 1:02d}{i % 10 + 1:02d}" for i in range(n_counties)])
    unit_county = np.repeat(county, per_county)
    n = len(unit_county)
    serial = np.char.zfill(np.tile(np.arange(per_county), n_counties).astype(str), 6)
    codes = np.char.add(unit_county.astype(str), serial)
    units = pd.DataFrame(
        {
            "unit_code": codes,
            "unit_type": np.where(np.arange(n) % 15 == 0, "street_town", "community_village"),
            "in_scope": True,
            "city_code": [c[:4] + "00" for c in unit_county],
            "county_code": unit_county,
        }
    )
    years = np.arange(2016, 2021)
    inputs = pd.DataFrame({"unit_code": np.repeat(codes, len(years)), "year": np.tile(years, n)})
    for c in counts:
        inputs[c] = pd.array(rng.integers(0, 1000, len(inputs)), dtype="Int64")
    certs = pd.DataFrame(
        {"unit_code": codes[::3], "round_year": rng.integers(2017, 2021, len(codes[::3])), "stage": "certified"}
    )
    quotas = pd.DataFrame(columns=["city_code", "year", "unit_type", "target_count", "evaluation_quota"])
    regions = pd.DataFrame(columns=["region_code", "name", "level", "parent_code"])

    def run() -> None:
        both = coverage_all_levels(units, inputs, certs, quotas, regions, cfg)
        assert both[both.level == "province"].units_in_scope.sum() == n * len(years)  # measured the real thing

    return f"{n:,} units × {len(years)} years", run


def place_points_step(scale: float) -> tuple[str, Callable[[], object]]:
    """Synthetic unit locations: 232 points in each regular county (≈ the village registry at scale 1)."""
    from chuangye.geo.boundaries import load_boundaries, place_points

    counties = load_boundaries("county")
    regular = counties[~counties["is_stat_zone"]]
    per_county = max(1, round(232 * scale))
    keys = {row.code: [f"{row.code}{i:06d}" for i in range(per_county)] for row in regular.itertuples()}

    def run() -> None:
        total = sum(len(place_points(row.geometry, keys[row.code])) for row in regular.itertuples())
        assert total == len(regular) * per_county

    return f"{len(regular)} counties × {per_county} points", run


def validate_step(scale: float) -> tuple[str, Callable[[], object]]:
    """``validate`` on the national-size tables of the validation tests, read back from CSV."""
    from chuangye.data.tables import read_inputs
    from chuangye.data.validation import validate
    from tests.synthetic import large_tables, write_csv_dir

    tables = large_tables(n_counties=max(2, round(100 * scale)))
    with tempfile.TemporaryDirectory() as tmp:
        loaded, problems = read_inputs([write_csv_dir(Path(tmp) / "in", tables)])
    assert problems == []
    rows = len(loaded["indicator_inputs"].frame)

    def run() -> None:
        assert validate(loaded, require_all=True) == []

    return f"{len(loaded['units'].frame):,} units, {rows:,} indicator rows", run


STEPS: dict[str, Callable[[float], tuple[str, Callable[[], object]]]] = {
    "coverage": coverage_step,
    "place_points": place_points_step,
    "validate": validate_step,
}


# ----------------------------------------------------------------------------------------------- running


def measure(
    steps: list[str], scale: float = 1.0, reps: int = 3, log: Callable[[str], None] = print
) -> list[Measurement]:
    results = []
    for name in steps:
        log(f"==> {name}: preparing (scale {scale:g})")
        size, run = STEPS[name](scale)
        times = _timed(run, reps)
        results.append(Measurement(name, size, reps, statistics.median(times), max(times)))
    return results


def markdown_table(results: list[Measurement]) -> str:
    lines = ["| step | size | reps | median s | max s |", "| --- | --- | ---: | ---: | ---: |"]
    lines += [f"| {m.step} | {m.size} | {m.reps} | {m.median_s:.2f} | {m.max_s:.2f} |" for m in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(STEPS), help="one step (repeatable)")
    parser.add_argument("--scale", type=float, default=1.0, help="data size, 0 < s <= 1 (1 = national)")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1 or args.reps < 1:
        parser.error("--scale must be in (0, 1] and --reps at least 1")
    results = measure(args.only or list(STEPS), args.scale, args.reps, log=lambda line: print(line, file=sys.stderr))
    print(markdown_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write the sample datasets: ``generate_jiangsu`` and ``generate_national``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from chuangye.sample.locations import place_units
from chuangye.sample.pipeline import build_figures, write_dataset
from chuangye.sample.registry import REGISTRY_DIR, load_registry
from chuangye.sample.rng import stream
from chuangye.sample.story import JIANGSU_CITY_OFFSETS, PROVINCE_COVERAGE_2020, StoryKnobs
from chuangye.sample.thresholds import load_targets
from chuangye.sample.units import with_lifecycle

__all__ = ["DEFAULT_SEED", "generate_jiangsu", "generate_national"]

DEFAULT_SEED = 2016


def generate_jiangsu(
    out_dir: str | Path,
    seed: int = DEFAULT_SEED,
    cities: Sequence[str] | None = None,
    registry_dir: str | Path = REGISTRY_DIR,
) -> dict[str, Path]:
    """Write the Jiangsu sample dataset into ``out_dir``; returns {table name: path}.

    ``cities`` (6-digit city codes) restricts the dataset to those cities, for quick tests.
    """
    registry = load_registry(Path(registry_dir), list(cities) if cities is not None else None)
    units = place_units(with_lifecycle(registry.units, stream(seed, "lifecycle")))
    knobs = StoryKnobs(province_coverage=PROVINCE_COVERAGE_2020, city_offsets=JIANGSU_CITY_OFFSETS)
    tables = {"regions": registry.regions, "units": units, **build_figures(units, knobs, load_targets(), seed)}
    return write_dataset(tables, out_dir)


def generate_national(out_dir: str | Path, seed: int = DEFAULT_SEED, scale: float = 1.0) -> dict[str, Path]:
    """Write a synthetic nationwide dataset (31 provinces, about 600,000 villages at ``scale`` 1.0) into
    ``out_dir``: the five tables plus counties.geojson with schematic county squares. For benchmarks only."""
    from chuangye.sample.national import generate

    return generate(Path(out_dir), seed, scale)

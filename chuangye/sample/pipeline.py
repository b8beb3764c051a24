"""From a unit list to the figures: plan the story, then draw indicators, certifications and quotas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chuangye.data.changes import write_synthetic_marker
from chuangye.sample.certification import generate_certifications
from chuangye.sample.indicators import generate_indicators, unit_years
from chuangye.sample.output import write_table
from chuangye.sample.population import working_age_population
from chuangye.sample.quotas import generate_quotas
from chuangye.sample.rng import stream
from chuangye.sample.story import StoryKnobs, plan
from chuangye.sample.thresholds import Targets


def build_figures(units: pd.DataFrame, knobs: StoryKnobs, targets: Targets, seed: int) -> dict[str, pd.DataFrame]:
    """``units`` as units.csv (with active_from/active_to); returns indicator_inputs, certifications, quotas."""
    in_scope = units[units["in_scope"]].reset_index(drop=True)
    offsets = in_scope["city_code"].map(knobs.city_offsets).fillna(0.0).to_numpy()
    story = plan(in_scope, knobs, stream(seed, "story"))
    uy = unit_years(in_scope)
    population = working_age_population(
        in_scope,
        uy["row"].to_numpy(),
        uy["year"].to_numpy(),
        offsets,
        stream(seed, "population"),
        knobs.population_scale,
    )
    indicators = generate_indicators(in_scope, story, population, targets, stream(seed, "indicators"))
    certifications = generate_certifications(in_scope, story, offsets, stream(seed, "certifications"))
    quotas = generate_quotas(in_scope, certifications, targets.goals)
    return {"indicator_inputs": indicators, "certifications": certifications, "quotas": quotas}


def write_dataset(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> dict[str, Path]:
    """The tables as CSV files, with the marker that has an import label them synthetic (data/changes.py)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: write_table(df, name, out) for name, df in tables.items()}
    write_synthetic_marker(out)
    return paths

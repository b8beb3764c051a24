"""Goals and thresholds the generator aims at, read from the dashboard's indicator configuration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chuangye.config.loader import load_config
from chuangye.data.schema import UNIT_TYPES

# The generator writes the raw counts behind these four indicators; their formulas are fixed here.
CORE_INDICATORS: dict[str, tuple[str, str]] = {
    "participation_rate": ("new_entrepreneurs", "working_age_population"),
    "success_rate": ("trainees_started", "trainees"),
    "survival_rate": ("entities_surviving", "entities_prev_year"),
    "employment_contribution": ("jobs_by_entrepreneurship", "new_jobs_total"),
}


@dataclass(frozen=True)
class Targets:
    goals: dict[str, float]  # unit_type -> share meeting the standard by the target year
    thresholds: dict[str, dict[str, float]]  # unit_type -> indicator code -> threshold


def load_targets(config_path: str | Path | None = None) -> Targets:
    """Goals and the core thresholds of the configuration (the packaged one unless a path is given)."""
    config = load_config(config_path)
    thresholds = {t: {code: float(config.thresholds[t][code]) for code in CORE_INDICATORS} for t in UNIT_TYPES}
    return Targets(goals={t: float(config.goals[t]) for t in UNIT_TYPES}, thresholds=thresholds)

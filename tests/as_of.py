"""Two data versions with a known difference, for the tests of viewing an older version read-only ("as of" it,
``?version=``): the bundled sample, then an import of its certifications in which every park certified in the
2020 round is rejected instead. The older version therefore counts ``parks_certified_in_2020()`` more certified
parks in 2020 than the newer (active) one, at the province and in every city that has such a park."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR

ROUND = "2020"


def _sample(name: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def _parks_in_scope() -> set[str]:
    units = _sample("units")
    return set(units.loc[(units["unit_type"] == "park") & (units["in_scope"] == "true"), "unit_code"])


def parks_certified_in_2020() -> list[str]:
    """The in-scope parks the sample certifies in the 2020 round (and the newer version rejects), by code."""
    certifications = _sample("certifications")
    rows = certifications[(certifications["round_year"] == ROUND) & (certifications["stage"] == "certified")]
    return sorted(set(rows["unit_code"]) & _parks_in_scope())


def parks_in_scope() -> int:
    return len(_parks_in_scope())


def rejected_certifications(into: Path) -> Path:
    """The sample's certifications with the 2020 round's certified parks rejected, as a CSV under ``into``."""
    certifications = _sample("certifications")
    parks = certifications["unit_code"].isin(parks_certified_in_2020()) & (certifications["round_year"] == ROUND)
    certifications.loc[parks, "stage"] = "rejected"
    into.mkdir(parents=True, exist_ok=True)
    path = into / "certifications.csv"
    certifications.to_csv(path, index=False)
    return path


def two_sample_versions(data_dir: Path, work: Path) -> tuple[str, str]:
    """The sample (the older version) and the sample with 2020's certified parks rejected (the active one) in
    ``data_dir``; their ids, older first."""
    store = Store(data_dir)
    store.ensure_initialised(SAMPLE_DIR)
    older = store.active_version_id()
    newer = store.import_paths([rejected_certifications(work)]).version_id
    assert older and newer != older
    return older, newer

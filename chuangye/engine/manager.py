"""The data manager: one data version + one configuration → every number the CLI and the dashboard show.

Unit indicators and the coverage of every region × unit type × year (both bases, with progress status)
are computed once per (version, config) and kept; callers then only filter. ``for_store`` hands out the
instance for the store's active version, so an import or rollback is picked up on the next request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from chuangye.data.dataset import Dataset
from chuangye.data.schema import REGION_LEVELS
from chuangye.data.store import Store
from chuangye.engine.config import Config, load_config
from chuangye.engine.coverage import PreparedCoverage, prepare_coverage, rank_regions
from chuangye.engine.indicators import compute_unit_indicators, unit_scorecard
from chuangye.engine.progress import add_progress

PROVINCE_CODE = "320000"


@dataclass
class Analytics:
    dataset: Dataset
    cfg: Config
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def version_id(self) -> str:
        return self.dataset.version_id or "unversioned"

    @cached_property
    def unit_indicators(self) -> pd.DataFrame:
        return compute_unit_indicators(self.dataset.indicator_inputs, self.dataset.units, self.cfg)

    @cached_property
    def prepared(self) -> PreparedCoverage:
        d = self.dataset
        return prepare_coverage(d.units, self.unit_indicators, d.certifications, d.quotas, d.regions, self.cfg)

    @cached_property
    def years(self) -> list[int]:
        return [int(y) for y in self.prepared.years]

    @cached_property
    def _coverage_by_basis(self) -> dict[str, pd.DataFrame]:
        out = {}
        for basis in ("certified", "meets"):
            levels = [self.prepared.coverage(level, None, basis) for level in REGION_LEVELS]
            frame = pd.concat(levels, ignore_index=True)
            out[basis] = _plain_strings(add_progress(frame, self.cfg))
        return out

    def coverage(
        self,
        *,
        basis: str = "certified",
        level: str | None = None,
        year: int | None = None,
        unit_type: str | None = None,
        parent: str | None = None,
        region: str | None = None,
    ) -> pd.DataFrame:
        frame = self._coverage_by_basis[basis]
        mask = pd.Series(True, index=frame.index)
        if level is not None:
            mask &= frame["level"] == level
        if year is not None:
            mask &= frame["year"] == year
        if unit_type is not None:
            mask &= frame["unit_type"] == unit_type
        if parent is not None:
            mask &= frame["parent_code"] == parent
        if region is not None:
            mask &= frame["region_code"] == region
        return frame[mask].reset_index(drop=True)

    def ranked(self, *, basis: str, level: str, year: int, column: str = "coverage") -> pd.DataFrame:
        """Coverage at one level and year with rank and percentile among peers per unit type."""
        return rank_regions(self.coverage(basis=basis, level=level, year=year), column=column)

    def scorecard(self, unit_code: str, year: int) -> dict:
        return unit_scorecard(unit_code, year, self.unit_indicators, self.cfg, self.dataset.units)

    @cached_property
    def region_names(self) -> pd.DataFrame:
        return self.dataset.regions.set_index("region_code")[["name", "name_en", "level", "parent_code"]]

    @cached_property
    def _name_lookup(self) -> dict[str, dict[str, str]]:
        names = self.region_names
        zh = dict(zip(names.index, names["name"], strict=True))
        en = {c: e if isinstance(e, str) and e else zh[c] for c, e in zip(names.index, names["name_en"], strict=True)}
        return {"zh": zh, "en": en}

    def region_names_for(self, codes: pd.Series, lang: str = "zh") -> pd.Series:
        """Names for a column of codes, as plain objects (see ``_plain_strings``)."""
        lookup = self._name_lookup["en" if lang == "en" else "zh"]
        return pd.Series([lookup.get(c, c) for c in codes], index=codes.index, dtype=object)

    def region_name(self, code: str, lang: str = "zh") -> str:
        return self._name_lookup["en" if lang == "en" else "zh"].get(code, code)

    def unit_row(self, unit_code: str) -> pd.Series | None:
        units = self.dataset.units
        hit = units[units["unit_code"] == unit_code]
        return None if hit.empty else hit.iloc[0]


def _plain_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns (and the column labels) as plain Python objects: every filter in a callback takes rows or
    columns, and pandas' Arrow-backed strings pay milliseconds of overhead per take, which dominated the
    callbacks' time."""
    text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) and frame[c].dtype != object]
    out = frame.astype({c: object for c in text}).copy()  # copy(): one block per dtype, fewer takes
    out.columns = out.columns.astype(object)  # selecting columns takes from this index too
    return out


_cache: dict[tuple[str, str], Analytics] = {}
_cache_lock = threading.Lock()


def for_store(store: Store, cfg: Config | None = None) -> Analytics:
    """The Analytics of the store's active version (built on first use, kept for the latest two)."""
    cfg = cfg or load_config()
    version = store.active_version_id() or ""
    key = (version, cfg.source)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is None:
            hit = Analytics(store.active(), cfg)
            _cache[key] = hit
            while len(_cache) > 2:
                _cache.pop(next(iter(_cache)))
    return hit

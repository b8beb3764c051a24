"""The data manager: one data version + one configuration → every number the CLI and the dashboard show.

``Analytics`` is one version: unit indicators, the coverage of every region × unit type × year (per basis,
with progress status), the region hierarchy, and every other per-version artefact a page or export builds
(``artefact``), each computed once on first use; callers then only filter. ``DataManager`` hands out the
``Analytics`` of the store's active version, so an import or rollback is picked up on the next request, and
``clear()`` forgets every artefact at once. When the active version is damaged it hands out the newest intact
version instead and says so in ``fallback`` (data: ids and damage codes; the CLI and the web put it in words).
``version(id)`` hands out any other stored version, read-only ("as of" it), verified when first built and kept
in a small LRU; one that is not there or is damaged is a ``VersionUnavailable`` naming why (a code).
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import pandas as pd

from chuangye.config.loader import Config, load_config
from chuangye.data.dataset import Dataset
from chuangye.data.integrity import Damage
from chuangye.data.schema import REGION_LEVELS
from chuangye.data.scope import without_placeholders
from chuangye.data.store import CorruptVersion, Fallback, Store, StoreError
from chuangye.engine.coverage import PreparedCoverage, prepare_coverage, rank_regions
from chuangye.engine.indicators import compute_unit_indicators, unit_scorecard
from chuangye.engine.progress import add_progress, first_round_year
from chuangye.engine.regions import RegionTree

T = TypeVar("T")
BASES = ("certified", "meets")
# A version id names a directory under versions/: letters, digits, "-" and "_" only (the store's ids are
# 20261205T182858-bbd4), never a path.
_VERSION_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")
# Versions other than the served one kept built (each holds a whole version's frames and artefacts); viewing
# an older version is an administrator's occasional look, not a path every user takes.
OLDER_VERSIONS_KEPT = 2
UNAVAILABLE_REASONS = ("unknown", "damaged")


def is_version_id(text: str) -> bool:
    """Whether ``text`` can name a stored version (a plain name, never a path: no dot, no slash)."""
    return bool(_VERSION_ID.fullmatch(text))


class VersionUnavailable(LookupError):
    """A stored version that cannot be shown: ``reason`` is ``unknown`` (there is no such version, or it has
    been pruned) or ``damaged`` (its files do not match its manifest: ``damage`` says how)."""

    def __init__(self, version_id: str, reason: str, damage: tuple[Damage, ...] = ()) -> None:
        super().__init__(f"{reason}: {version_id!r}")
        self.version_id, self.reason, self.damage = version_id, reason, damage


@dataclass
class Analytics:
    dataset: Dataset
    cfg: Config
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _artefacts: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Scope is decided here, once, for every number of the version: NBS placeholders (虚拟社区 ...) are never
        # units, whatever the data's in_scope says (chuangye/data/scope.py).
        units = without_placeholders(self.dataset.units)
        if units is not self.dataset.units:
            self.dataset = dataclasses.replace(self.dataset, units=units)

    def artefact(self, key: str, build: Callable[[], T]) -> T:
        """``build()`` once per key for this version (thread-safe: concurrent first calls build it once)."""
        try:
            return self._artefacts[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._artefacts:
                self._artefacts[key] = build()
            return self._artefacts[key]

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
    def first_round(self) -> int | None:
        """The year of the version's first certification round (None without one): before it, nothing could
        be certified, so certified coverage is 0 by construction."""
        return first_round_year(self.dataset.certifications)

    @cached_property
    def regions(self) -> RegionTree:
        return RegionTree.from_frame(self.dataset.regions)

    def _coverage_of(self, basis: str) -> pd.DataFrame:
        """Every region × type × year of one basis, with progress (built on first use: a CLI read-out on one
        basis never pays for the other)."""

        def build() -> pd.DataFrame:
            levels = [self.prepared.coverage(level, None, basis) for level in REGION_LEVELS]
            return _plain_strings(add_progress(pd.concat(levels, ignore_index=True), self.cfg))

        if basis not in BASES:
            raise KeyError(basis)
        return self.artefact(f"coverage:{basis}", build)

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
        frame = self._coverage_of(basis)
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

    def region_names_for(self, codes: pd.Series, lang: str = "zh") -> pd.Series:
        """Names for a column of codes, as plain objects (see ``_plain_strings``)."""
        lookup = self.regions.names["en" if lang == "en" else "zh"]
        return pd.Series([lookup.get(c, c) for c in codes], index=codes.index, dtype=object)

    def region_name(self, code: str, lang: str = "zh") -> str:
        return self.regions.name(code, lang)

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


@dataclass(frozen=True)
class _Served:
    active: str  # what ACTIVE named when this was built: a new id there means a version switch
    analytics: Analytics
    fallback: Fallback | None


class DataManager:
    """The Analytics of a store's active version: built when the version changes, forgotten by ``clear()``.

    Each switch (start-up included) verifies the version's checksums (``Store.serving``); a damaged active
    version is replaced by the newest intact one until ACTIVE names another version, and ``fallback`` says so."""

    def __init__(self, store: Store, cfg: Config | None = None) -> None:
        self.store = store
        self.cfg = cfg or load_config()
        self._served: _Served | None = None
        self._lock = threading.Lock()
        self._older: OrderedDict[str, Analytics] = OrderedDict()  # least recently used first
        self._older_lock = threading.Lock()  # held while one is built: a version is loaded once, not per request

    def _current_served(self) -> _Served:
        version = self.store.active_version_id() or ""
        hit = self._served
        if hit is not None and hit.active == version:
            return hit
        with self._lock:
            hit = self._served
            if hit is None or hit.active != version:
                serving = self.store.serving()
                hit = self._served = _Served(version, Analytics(serving.dataset, self.cfg), serving.fallback)
        return hit

    def current(self) -> Analytics:
        return self._current_served().analytics

    @property
    def fallback(self) -> Fallback | None:
        """Why the version served is not the active one (it is damaged), or None when it is."""
        return self._current_served().fallback

    def version(self, version_id: str) -> Analytics:
        """The Analytics of stored version ``version_id``: the served one itself when it is that one, else an
        older (or, after a rollback, newer) version, read-only, its checksums verified when it is first built
        and kept among the ``OLDER_VERSIONS_KEPT`` most recently asked. ``VersionUnavailable`` when there is no
        such version (never was, or pruned since) or it is damaged."""
        served = self.current()
        if version_id == served.dataset.version_id:
            return served
        if not is_version_id(version_id):
            raise VersionUnavailable(version_id, "unknown")
        with self._older_lock:
            hit = self._older.pop(version_id, None)
            if not self._still_stored(version_id):  # pruned since: not even the store's cache may answer
                raise VersionUnavailable(version_id, "unknown")
            if hit is None:
                hit = Analytics(self._load(version_id), self.cfg)
            self._older[version_id] = hit
            while len(self._older) > OLDER_VERSIONS_KEPT:
                self._older.popitem(last=False)
            return hit

    def _still_stored(self, version_id: str) -> bool:
        """Whether the version's directory is still there (pruning removes old versions after an import)."""
        return (self.store.versions_dir / version_id).is_dir()

    def _load(self, version_id: str) -> Dataset:
        try:
            return self.store.load(version_id)  # verified against its manifest's checksums
        except CorruptVersion as exc:
            raise VersionUnavailable(version_id, "damaged", exc.damage) from exc
        except StoreError as exc:  # no such version
            raise VersionUnavailable(version_id, "unknown") from exc
        except (OSError, ValueError) as exc:  # a file that verified but cannot be read
            raise VersionUnavailable(version_id, "damaged") from exc

    def clear(self) -> None:
        """Forget every per-version artefact (the next request rebuilds what it needs)."""
        with self._lock:
            self._served = None
        with self._older_lock:
            self._older.clear()

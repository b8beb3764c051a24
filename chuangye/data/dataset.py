"""The Dataset: the five typed tables of one data version, optional user boundaries, and where it came from.

Column dtypes follow the schema: codes, text and categories ``str``; ints ``Int64``; floats ``float64``;
booleans ``boolean``; dates ``datetime64[us]``. Every frame has exactly the schema's columns, in order, with
a fresh RangeIndex, so code downstream can rely on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from chuangye.data.schema import TABLES
from chuangye.data.tables import column_dtype

if TYPE_CHECKING:
    import geopandas as gpd

TABLE_NAMES: tuple[str, ...] = tuple(TABLES)


@dataclass(frozen=True)
class DatasetMeta:
    version_id: str
    created_at: str  # ISO 8601 with the local UTC offset
    source_files: dict[str, str] = field(default_factory=dict)  # table (or "boundaries:<level>") -> file name
    row_counts: dict[str, int] = field(default_factory=dict)
    carried_over: tuple[str, ...] = ()  # tables taken unchanged from the previous active version
    synthetic_tables: tuple[str, ...] = ()  # tables that are synthetic sample data (the manifest says which)

    @property
    def synthetic(self) -> bool:
        return bool(self.synthetic_tables)


@dataclass(frozen=True)
class Dataset:
    regions: pd.DataFrame
    units: pd.DataFrame
    indicator_inputs: pd.DataFrame
    certifications: pd.DataFrame
    quotas: pd.DataFrame
    boundaries: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)  # level (e.g. "township") -> shapes
    meta: DatasetMeta | None = None

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(name)
        return getattr(self, name)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_NAMES}

    @property
    def version_id(self) -> str | None:
        return self.meta.version_id if self.meta else None

    @property
    def synthetic(self) -> bool:
        """Any table is synthetic sample data; a dataset not read from the store (no manifest) cannot say it is
        not, so it counts as synthetic."""
        return self.meta is None or self.meta.synthetic

    @classmethod
    def from_tables(
        cls,
        tables: Mapping[str, pd.DataFrame],
        boundaries: Mapping[str, gpd.GeoDataFrame] | None = None,
        meta: DatasetMeta | None = None,
    ) -> Dataset:
        """Conform each given frame to the schema; tables not given are empty."""
        frames = {name: conform(name, tables.get(name)) for name in TABLE_NAMES}
        return cls(**frames, boundaries=dict(boundaries or {}), meta=meta)

    @classmethod
    def empty(cls) -> Dataset:
        return cls.from_tables({})


def conform(table: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    """``frame`` with exactly the schema's columns (missing optional ones empty) and dtypes, index 0..n-1."""
    spec = TABLES[table]
    frame = pd.DataFrame() if frame is None else frame
    n = len(frame)
    out = {}
    for col in spec.columns:
        dtype = column_dtype(col)
        if col.name in frame.columns:
            values = frame[col.name].reset_index(drop=True)
            out[col.name] = values if str(values.dtype) == dtype else values.astype(dtype)
        else:
            out[col.name] = pd.Series([None] * n, dtype=dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(n))

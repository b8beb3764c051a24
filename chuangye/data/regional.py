"""A region's ("merge") import: a city's or a county's figures merged into the active version (issue 10).

``Store.import_paths(paths, region="320300")`` (and ``preview_import``): the files are one region's figures, a
city's or a county's submission. Each given table's rows of the units inside the region (in ``quotas``: of the
cities inside it) replace the active version's rows of that region **for the years the files hold**
(``certifications``: ``round_year``; ``indicator_inputs`` and ``quotas``: ``year``); every other row of the
active version stays exactly as it was, and tables not given are carried over whole.

- **Only figures.** A region may send ``indicator_inputs``, ``certifications`` and ``quotas``. The registry
  (``regions``, ``units``) is the province's: which units exist, their type and whether they count
  (``in_scope``) decide every coverage figure of every region, so a region import holding either table is
  refused (``registry_table_in_region_import``); the province imports them as whole tables.
- **Only its own rows.** A row of a unit (in ``quotas``: of a city) outside the region is an error on its own
  row, naming the file, row, column, value, where the unit belongs and the region (``row_outside_region``), and
  nothing is stored. A unit the registry does not know is the validation's ``unknown_unit``, not this.
- **Several regions at once** (``region=("320300", "320321")``, the province accepting several submissions into
  one version): each path is read on its own (one submission's files), so two paths may hold the same table.
  Each file replaces, for the years it holds, the rows of the smallest given region that contains all of its
  rows (when none does: of the given regions its rows fall in). A row given by two files is an error
  (``region_key_in_two_files``).
- **No empty files.** A table with no rows would replace nothing and is refused (``region_table_empty``).
- Each file is validated as it was given, against the active version's registry, so every problem names the
  row the user sees; the change summary and the empty/shrink safeguards (``chuangye/data/changes.py``) apply
  to the merged table, the share of rows lost being of the rows the files replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from chuangye.data.dataset import conform
from chuangye.data.problems import Problem, make_problem
from chuangye.data.schema import TABLES
from chuangye.data.tables import LoadedTable, read_inputs

REGISTRY_TABLES: tuple[str, ...] = ("regions", "units")
FIGURE_TABLES: tuple[str, ...] = ("indicator_inputs", "certifications", "quotas")
YEAR_COLUMN: dict[str, str] = {"indicator_inputs": "year", "certifications": "round_year", "quotas": "year"}
# the column that places a row in a region: a unit (looked up in the registry) or, for quotas, a city
PLACE_COLUMN: dict[str, str] = {"indicator_inputs": "unit_code", "certifications": "unit_code", "quotas": "city_code"}
_MAX_DEPTH = 10  # a parent chain longer than this is a loop in the regions table (reported by its own checks)

Part = dict[str, LoadedTable]  # the tables read from one of the given paths


def region_codes(region: str | Iterable[str]) -> tuple[str, ...]:
    """``"320300"`` or several codes as a tuple of distinct codes, in the order given."""
    codes = (region,) if isinstance(region, str) else tuple(region)
    return tuple(dict.fromkeys(str(code).strip() for code in codes))


def read_parts(paths: Sequence[str | Path]) -> tuple[list[Part], list[list[Problem]]]:
    """Each path's tables and reading problems on their own (two submissions may hold the same table)."""
    if not paths:
        tables, problems = read_inputs([])
        return [tables], [problems]
    read = [read_inputs([path]) for path in paths]
    return [tables for tables, _ in read], [problems for _, problems in read]


@dataclass(frozen=True)
class Merged:
    """One table of the new version: the active rows kept plus every file's rows."""

    frame: pd.DataFrame
    replaced: int  # rows of the active version the files replace
    years: tuple[int, ...]
    source: str  # the files it comes from


class RegionScope:
    """The given regions within the active version's registry: which rows lie inside which of them."""

    def __init__(self, codes: Sequence[str], regions: pd.DataFrame, units: pd.DataFrame) -> None:
        parent = regions.drop_duplicates("region_code").set_index("region_code")["parent_code"]
        self._parent = {code: (p if isinstance(p, str) and p else None) for code, p in parent.items()}
        known = set(self._parent)
        self.unknown = tuple(code for code in codes if code not in known)
        chains = {code: self._chain(code) for code in known}
        # deepest first: where regions nest (a city and one of its counties), a row belongs to the county
        self.codes = tuple(sorted((c for c in codes if c in known), key=lambda c: -len(chains[c])))
        self._inside = {g: frozenset(code for code, chain in chains.items() if g in chain) for g in self.codes}
        names = regions.drop_duplicates("region_code").set_index("region_code")
        self._names = {
            code: (str(row["name"]), _text(row.get("name_en")) or str(row["name"])) for code, row in names.iterrows()
        }
        self._units = units.drop_duplicates("unit_code").set_index("unit_code")[["name", "city_code", "county_code"]]

    def _chain(self, code: str) -> tuple[str, ...]:
        """``code`` and its ancestors, nearest first."""
        chain = [code]
        while (up := self._parent.get(chain[-1])) is not None and up not in chain and len(chain) < _MAX_DEPTH:
            chain.append(up)
        return tuple(chain)

    # ---- words

    def name(self, code: str, lang: str) -> str:
        zh, en = self._names.get(code, (code, code))
        return en if lang == "en" else zh

    def label(self, lang: str) -> str:
        """The given regions in words: 徐州市（320300） / Xuzhou City (320300)."""
        if lang == "en":
            return ", ".join(f"{self.name(code, 'en')} ({code})" for code in self.codes)
        return "、".join(f"{self.name(code, 'zh')}（{code}）" for code in self.codes)

    # ---- where rows lie

    def _places(self, table: str, frame: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
        """Each row's (county, city) codes and whether its unit or city is known at all."""
        values = frame[PLACE_COLUMN[table]]
        if table == "quotas":
            city = values.astype(object)
            county = pd.Series(None, index=frame.index, dtype=object)
            known = values.isin(list(self._parent)).fillna(False).astype(bool)
            return county, city, known
        lookup = self._units.reindex(values.to_numpy())
        county = pd.Series(lookup["county_code"].to_numpy(dtype=object), index=frame.index)
        city = pd.Series(lookup["city_code"].to_numpy(dtype=object), index=frame.index)
        known = values.isin(self._units.index).fillna(False).astype(bool)
        return county, city, known

    def _within(self, county: pd.Series, city: pd.Series, codes: Iterable[str]) -> pd.Series:
        below = set().union(*(self._inside[code] for code in codes)) if codes else set()
        return (county.isin(below) | city.isin(below)).fillna(False).astype(bool)

    def homes(self, table: str, frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        """Per row the deepest given region it lies in (None outside them all), and whether its unit (or city)
        is known."""
        county, city, known = self._places(table, frame)
        home = pd.Series(None, index=frame.index, dtype=object)
        for code in self.codes:
            home = home.where(home.notna() | ~self._within(county, city, [code]), code)
        return home, known

    def slice_of(self, table: str, frame: pd.DataFrame) -> tuple[str, ...]:
        """The given regions a file speaks for: the smallest that holds all its rows, else those it touches."""
        home, _ = self.homes(table, frame)
        inside = home.dropna()
        if inside.empty:
            return ()
        county, city, _ = self._places(table, frame.loc[inside.index])
        for code in self.codes:
            if self._within(county, city, [code]).all():
                return (code,)
        return tuple(dict.fromkeys(inside))

    def covers(self, table: str, frame: pd.DataFrame, codes: Sequence[str]) -> pd.Series:
        """Rows of ``frame`` (the active version's table) inside any of ``codes``."""
        county, city, _ = self._places(table, frame)
        return self._within(county, city, codes)

    # ---- problems

    def outside_rows(self, table: str, loaded: LoadedTable) -> list[Problem]:
        """A problem on every row of a known unit (or city) outside the given regions."""
        column = PLACE_COLUMN[table]
        frame = loaded.frame
        if column not in frame.columns:
            return []
        home, known = self.homes(table, frame)
        outside = known & home.isna() & frame[column].notna()
        region_zh, region_en = self.label("zh"), self.label("en")
        return [
            make_problem(
                "row_outside_region",
                file=loaded.source,
                row=int(row),
                column=column,
                value=code,
                region_zh=region_zh,
                region_en=region_en,
                **self._subject(table, str(code)),
            )
            for row, code in frame.loc[outside.to_numpy(), column].items()
        ]

    def _subject(self, table: str, code: str) -> dict[str, str]:
        """What a refused row is named by. A unit by its code alone: the user typed it, while its name and county
        belong to another area the submitting city or county may not see (a region import is a submission)."""
        if table == "quotas":
            return {
                "subject_zh": f"设区市 {code}（{self.name(code, 'zh')}）",
                "subject_en": f"City {code} ({self.name(code, 'en')})",
            }
        return {"subject_zh": f"单位 {code} ", "subject_en": f"Unit {code}"}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def part_problems(part: Mapping[str, LoadedTable], scope: RegionScope) -> list[Problem]:
    """What a region import refuses in one path's tables: the registry, empty tables, rows outside the region."""
    problems: list[Problem] = []
    for name, loaded in part.items():
        if name in REGISTRY_TABLES:
            problems.append(
                make_problem(
                    "registry_table_in_region_import", file=loaded.source, table=name, table_zh=TABLES[name].zh
                )
            )
        elif loaded.unreadable:
            continue  # its refusal is said by the reader
        elif loaded.frame.empty:
            problems.append(make_problem("region_table_empty", file=loaded.source))
        else:
            problems.extend(scope.outside_rows(name, loaded))
    return problems


def rows_in_two_files(table: str, given: Sequence[LoadedTable]) -> dict[int, list[Problem]]:
    """A row (its key) given by two files: an error on the later one, naming the first; by the position of the
    later file in ``given`` (two submissions' files may bear the same name)."""
    key = list(TABLES[table].key)
    frames = [
        loaded.frame[key].assign(_part=i, _file=loaded.source, _row=loaded.frame.index.to_numpy())
        for i, loaded in enumerate(given)
        if set(key) <= set(loaded.frame.columns)
    ]
    if len(frames) < 2:
        return {}
    rows = pd.concat(frames, ignore_index=True).dropna(subset=key)
    grouped = rows.groupby(key, sort=False, dropna=True)
    first_part = grouped["_part"].transform("first")
    first_file, first_row = grouped["_file"].transform("first"), grouped["_row"].transform("first")
    found: dict[int, list[Problem]] = {}
    for i, row in rows[first_part != rows["_part"]].iterrows():
        problem = make_problem(
            "region_key_in_two_files",
            file=row["_file"],
            row=int(row["_row"]),
            column=key[0],
            value=row[key[0]],
            key=", ".join(f"{k}={row[k]}" for k in key),
            other=first_file[i],
            other_row=int(first_row[i]),
        )
        found.setdefault(int(row["_part"]), []).append(problem)
    return found


def merge_table(table: str, active: pd.DataFrame, given: Sequence[LoadedTable], scope: RegionScope) -> Merged:
    """The active version's ``table`` with the rows the files speak for (their regions, their years) replaced by
    the files' rows; every other row kept as it was, in its order, the files' rows after them."""
    year_column = YEAR_COLUMN[table]
    replaced = pd.Series(False, index=active.index)
    years: set[int] = set()
    new_rows = []
    for loaded in given:
        frame = conform(table, loaded.frame)
        frame.index = loaded.frame.index
        if frame.empty:
            continue
        file_years = {int(y) for y in frame[year_column].dropna()}
        years |= file_years
        slice_codes = scope.slice_of(table, frame)
        in_years = active[year_column].isin(sorted(file_years)).fillna(False).astype(bool)
        replaced |= scope.covers(table, active, slice_codes) & in_years
        new_rows.append(frame.reset_index(drop=True))
    kept = active[~replaced.to_numpy()]
    merged = pd.concat([kept, *new_rows], ignore_index=True) if new_rows else kept.reset_index(drop=True)
    return Merged(
        frame=conform(table, merged),
        replaced=int(replaced.sum()),
        years=tuple(sorted(years)),
        source=", ".join(dict.fromkeys(loaded.source for loaded in given)),
    )


__all__ = [
    "FIGURE_TABLES",
    "REGISTRY_TABLES",
    "YEAR_COLUMN",
    "Merged",
    "RegionScope",
    "merge_table",
    "part_problems",
    "read_parts",
    "region_codes",
    "rows_in_two_files",
]

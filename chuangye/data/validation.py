"""Check a dataset's tables, alone and against each other, and report every problem at once.

All checks work on whole columns (pandas masks and joins), so a national-size dataset (100k+ input rows)
is checked in about a second. Problem objects are only built for the rows that get listed: at most
``per_group`` per (file, check); the rest are counted in a summary line.
Errors block an import, warnings do not.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from chuangye.data.checks import folding
from chuangye.data.checks.base import Collector, as_loaded, has, isin, text_of
from chuangye.data.checks.codes import region_code_checks, unit_code_checks
from chuangye.data.checks.cycle import CERT_DATE_COLUMNS, check_cycle
from chuangye.data.checks.history import check_far_from_previous
from chuangye.data.checks.replaced import replaced_codes
from chuangye.data.problems import LIST_PER_GROUP, LIST_TOTAL, Problem, cap_problems, make_problem
from chuangye.data.schema import TABLES, Column
from chuangye.data.scope import placeholders_in_scope
from chuangye.data.tables import LoadedTable

# (numerator, denominator) columns of indicator_inputs whose ratio cannot exceed 1; used when no config is given.
DEFAULT_RATE_PAIRS: tuple[tuple[str, str], ...] = (
    ("new_entrepreneurs", "working_age_population"),
    ("trainees_started", "trainees"),
    ("entities_surviving", "entities_prev_year"),
    ("jobs_by_entrepreneurship", "new_jobs_total"),
)
# The step each stage has reached, as an index into CERT_DATE_COLUMNS; "rejected" can happen at any step.
STAGE_STEP: dict[str, int] = {"declared": 0, "county_evaluated": 1, "city_reviewed": 2, "certified": 3}
STAGE_ZH: dict[str, str] = {
    "declared": "自主申报",
    "county_evaluated": "县级评估",
    "city_reviewed": "市级审核",
    "certified": "省级认定",
    "rejected": "未通过",
}
LEVEL_ZH: dict[str, str] = {"province": "省", "city": "设区市", "county": "县级区域"}
# The code that names a row of regions or units: a malformed one explains why rows naming the old code fail.
OWN_CODES: dict[tuple[str, str], tuple[str, str]] = {
    ("regions", "region_code"): ("region", "region_code"),
    ("units", "unit_code"): ("unit", "unit_code"),
}
# Checks that find a row naming a code its table lacks.
MISSING_CODE_CHECKS: frozenset[str] = frozenset(
    {"unknown_region_parent", "unknown_county", "unknown_city", "unknown_unit", "unknown_township"}
)
PARENT_LEVEL: dict[str, str] = {"city": "province", "county": "city"}


# ------------------------------------------------------------------------------------------- per table


def _check_columns(t: LoadedTable, out: Collector) -> None:
    spec = TABLES[t.table]
    frame = t.frame
    for col in spec.columns:
        if not has(t, col.name):
            continue
        values = frame[col.name]
        if col.required:
            empty = (t.raw[col.name] == "") if t.raw is not None else values.isna()
            out.add_mask("required_empty", t, col.name, empty)
        if col.choices:
            out.add_mask(
                "invalid_choice",
                t,
                col.name,
                values.notna() & ~isin(values, col.choices),
                choices=", ".join(col.choices),
            )
        if col.type == "code" and col.code_length:
            _check_code_format(t, col, out)
        if col.type in ("int", "float") and (col.min_value is not None or col.max_value is not None):
            _check_range(t, col, out)


def _check_code_format(t: LoadedTable, col: Column, out: Collector) -> None:
    codes = t.frame[col.name]
    ok = codes.str.fullmatch(r"\d+").fillna(False).astype(bool) & codes.str.len().isin(col.code_length)
    out.add_mask(
        "code_format",
        t,
        col.name,
        codes.notna() & ~ok,
        explains=OWN_CODES.get((t.table, col.name)),
        lengths="/".join(map(str, col.code_length)),
    )


def _check_range(t: LoadedTable, col: Column, out: Collector) -> None:
    values = t.frame[col.name].astype("float64")
    bad = pd.Series(False, index=values.index)
    if col.min_value is not None:
        bad |= values < col.min_value
    if col.max_value is not None:
        bad |= values > col.max_value
    lo = "" if col.min_value is None else text_of(col.min_value)
    hi = "" if col.max_value is None else text_of(col.max_value)
    bounds = f"≥ {lo}" if not hi else (f"≤ {hi}" if not lo else f"{lo}–{hi}")
    out.add_mask("out_of_range", t, col.name, bad, bounds=bounds)


def _check_duplicate_keys(t: LoadedTable, out: Collector) -> None:
    key = list(TABLES[t.table].key)
    if not has(t, *key):
        return
    keys = t.frame[key]
    complete = keys.notna().all(axis=1)
    dup = keys.duplicated(keep="first") & complete
    if not dup.any():
        return
    rows = pd.Series(t.frame.index, index=t.frame.index)
    first_rows = rows[complete].groupby([keys.loc[complete, k] for k in key], sort=False).transform("first")
    dup_rows = t.frame.index[dup.to_numpy()]
    key_text = [
        ", ".join(f"{k}={text_of(v)}" for k, v in zip(key, vals, strict=True))
        for vals in keys.loc[dup].head(out.per_group).itertuples(index=False)
    ]
    key_text += [""] * (len(dup_rows) - len(key_text))
    out.add(
        "duplicate_key",
        t.source,
        dup_rows,
        column=key[0],
        values=keys.loc[dup, key[0]].tolist(),
        row_params={"first_row": first_rows.loc[dup_rows].tolist(), "key": key_text},
    )


# ------------------------------------------------------------------------------------------ regions


def _check_regions(r: LoadedTable, out: Collector) -> None:
    region_code_checks(r, out)
    if not has(r, "region_code", "level", "parent_code"):
        return
    f = r.frame
    level_of = f.drop_duplicates("region_code").set_index("region_code")["level"]
    parent = f["parent_code"]
    out.add_mask(
        "unknown_region_parent",
        r,
        "parent_code",
        parent.notna() & ~isin(parent, level_of.index),
        depends_on=("region", "parent_code"),
    )
    for level, parent_level in PARENT_LEVEL.items():
        is_level = f["level"] == level
        out.add_mask(
            "missing_region_parent", r, "parent_code", is_level & parent.isna(), level=level, level_zh=LEVEL_ZH[level]
        )
        actual = parent.map(level_of)
        wrong = is_level & parent.notna() & actual.notna() & (actual != parent_level)
        if wrong.any():
            out.add_mask(
                "bad_region_parent",
                r,
                "parent_code",
                wrong,
                depends_on=("region", "parent_code"),
                level=level,
                level_zh=LEVEL_ZH[level],
                parent_level=parent_level,
                parent_level_zh=LEVEL_ZH[parent_level],
                row_params={
                    "actual": actual[wrong].tolist(),
                    "actual_zh": actual[wrong].map(LEVEL_ZH).fillna(actual[wrong]).tolist(),
                },
            )


def _codes_of_level(r: LoadedTable | None, level: str) -> pd.Index | None:
    if not has(r, "region_code", "level"):
        return None
    f = r.frame  # type: ignore[union-attr]
    return pd.Index(f.loc[f["level"] == level, "region_code"].dropna().unique())


# -------------------------------------------------------------------------------------------- units


def _check_units(u: LoadedTable, r: LoadedTable | None, out: Collector) -> None:
    f = u.frame
    counties = _codes_of_level(r, "county")
    cities = _codes_of_level(r, "city")
    if counties is not None and has(u, "county_code"):
        unknown = f["county_code"].notna() & ~isin(f["county_code"], counties)
        out.add_mask("unknown_county", u, "county_code", unknown, depends_on=("region", "county_code"))
    if cities is not None and has(u, "city_code"):
        unknown = f["city_code"].notna() & ~isin(f["city_code"], cities)
        out.add_mask("unknown_city", u, "city_code", unknown, depends_on=("region", "city_code"))
    if counties is not None and has(u, "county_code", "city_code") and has(r, "parent_code"):
        regions = r.frame  # type: ignore[union-attr]
        parent_of = regions.drop_duplicates("region_code").set_index("region_code")["parent_code"]
        actual_city = f["county_code"].map(parent_of)
        # a county whose own parent is not a city is reported on the regions table, not on every unit
        wrong = (
            isin(f["county_code"], counties)
            & f["city_code"].notna()
            & isin(actual_city, cities)
            & (actual_city != f["city_code"])
        )
        wrong = wrong.fillna(False).astype(bool)
        out.add_mask(
            "county_not_in_city",
            u,
            "county_code",
            wrong,
            depends_on=("region", "county_code"),
            row_params={"city_code": f.loc[wrong, "city_code"].tolist(), "actual_city": actual_city[wrong].tolist()},
        )
    misfiled = unit_code_checks(u, counties, out)
    if has(u, "township_code", "county_code", "unit_code"):
        _check_townships(u, counties, misfiled, out)
    if has(u, "in_scope", "unit_type"):
        out.add_mask("in_scope_without_type", u, "unit_type", f["in_scope"].fillna(False) & f["unit_type"].isna())
    if has(u, "in_scope", "unit_code", "name"):
        placeholder = pd.Series(placeholders_in_scope(f), index=f.index)
        out.add_mask(
            "placeholder_in_scope",
            u,
            "in_scope",
            placeholder,
            row_params={"code": f.loc[placeholder, "unit_code"].tolist(), "name": f.loc[placeholder, "name"].tolist()},
        )
    if has(u, "active_from", "active_to"):
        reversed_years = (f["active_from"] > f["active_to"]).fillna(False).astype(bool)
        out.add_mask(
            "years_reversed",
            u,
            "active_from",
            reversed_years,
            row_params={
                "active_from": f.loc[reversed_years, "active_from"].tolist(),
                "active_to": f.loc[reversed_years, "active_to"].tolist(),
            },
        )


def _check_townships(u: LoadedTable, counties: pd.Index | None, misfiled: pd.Series, out: Collector) -> None:
    """A village's township must be a unit in the same county, or at least carry that county's code prefix.

    A township whose own county is unknown is reported on its own row, not again on each of its villages; a
    village whose own code does not fit its county or township (``misfiled``) is reported as that.
    """
    f = u.frame
    township = f["township_code"]
    county = f["county_code"]
    county_of_unit = f.drop_duplicates("unit_code").set_index("unit_code")["county_code"]
    township_county = township.map(county_of_unit)
    listed = isin(township, county_of_unit.index)
    given = township.notna() & county.notna() & ~misfiled
    wrong_listed = given & listed & township_county.notna() & (township_county != county)
    if counties is not None:
        wrong_listed &= isin(township_county, counties)
    wrong_prefix = given & ~listed & (township.str[:6] != county)
    wrong = (wrong_listed | wrong_prefix).fillna(False).astype(bool)
    out.add_mask(
        "township_not_in_county",
        u,
        "township_code",
        wrong,
        depends_on=("unit", "township_code"),
        row_params={"county_code": county[wrong].tolist()},
    )
    out.add_mask("unknown_township", u, "township_code", given & ~listed & ~wrong, depends_on=("unit", "township_code"))


# --------------------------------------------------------------------------------- indicator inputs


def _check_unit_refs(t: LoadedTable, u: LoadedTable | None, out: Collector) -> None:
    if not (has(u, "unit_code") and has(t, "unit_code")):
        return
    codes = t.frame["unit_code"]
    known = u.frame["unit_code"]  # type: ignore[union-attr]
    out.add_mask("unknown_unit", t, "unit_code", codes.notna() & ~isin(codes, known), depends_on=("unit", "unit_code"))


def _rate_pairs(cfg: Any) -> list[tuple[str, str]]:
    indicators = getattr(cfg, "indicators", None)
    if not indicators:
        return list(DEFAULT_RATE_PAIRS)
    return [(d.numerator, d.denominator) for d in indicators.values() if getattr(d, "core", False)]


def _check_rates(t: LoadedTable, cfg: Any, out: Collector) -> None:
    f = t.frame
    for numerator, denominator in _rate_pairs(cfg):
        if not has(t, numerator, denominator):
            continue
        above = (f[numerator] > f[denominator]).fillna(False).astype(bool)
        num_col, den_col = TABLES["indicator_inputs"].column(numerator), TABLES["indicator_inputs"].column(denominator)
        out.add_mask(
            "numerator_above_denominator",
            t,
            numerator,
            above,
            numerator=numerator,
            denominator=denominator,
            numerator_zh=num_col.zh,
            denominator_zh=den_col.zh,
            row_params={"denominator_value": f.loc[above, denominator].tolist()},
        )


def _check_missing_years(t: LoadedTable, u: LoadedTable | None, out: Collector) -> None:
    """An in-scope unit reported in some years of the data's range but not in others it existed in."""
    if not (has(t, "unit_code", "year") and has(u, "unit_code", "in_scope")):
        return
    reported = t.frame[["unit_code", "year"]].dropna().drop_duplicates()
    year_spec = TABLES["indicator_inputs"].column("year")
    # out-of-range years are reported as errors already; they must not stretch the expected span
    reported = reported[reported["year"].between(year_spec.min_value, year_spec.max_value)]
    if reported.empty:
        return
    first, last = int(reported["year"].min()), int(reported["year"].max())
    if first == last:
        return
    units = u.frame.drop_duplicates("unit_code")  # type: ignore[union-attr]
    units = units[units["in_scope"].fillna(False).astype(bool) & isin(units["unit_code"], reported["unit_code"])]
    cols = ["unit_code", "name", "active_from", "active_to"]
    units = units[[c for c in cols if c in units.columns]]
    years = pd.DataFrame({"year": pd.array(range(first, last + 1), dtype="Int64")})
    expected = units.merge(years, how="cross")
    if "active_from" in expected.columns:
        expected = expected[~(expected["year"] < expected["active_from"]).fillna(False).astype(bool)]
    if "active_to" in expected.columns:
        expected = expected[~(expected["year"] > expected["active_to"]).fillna(False).astype(bool)]
    merged = expected.merge(reported.assign(_reported=True), on=["unit_code", "year"], how="left")
    missing = merged[merged["_reported"].isna()]
    if missing.empty:
        return
    # only the units that get listed need their years spelled out; the rest are counted
    unit_codes = np.sort(missing["unit_code"].unique())
    listed_codes = unit_codes[: out.per_group]
    listed = missing[isin(missing["unit_code"], listed_codes)].sort_values(["unit_code", "year"])
    names = listed.groupby("unit_code")["name"].first() if "name" in listed.columns else None
    years = listed.groupby("unit_code")["year"].agg(_year_ranges)
    # the problem points at the unit's first row in the file: its code, where the user finds the unit's figures
    codes = t.frame["unit_code"]
    in_listed = isin(codes, listed_codes).to_numpy()
    first_row = pd.Series(t.frame.index[in_listed], index=codes[in_listed].to_numpy()).groupby(level=0).min()
    padding = [""] * (len(unit_codes) - len(years))
    out.add(
        "missing_years",
        t.source,
        first_row.reindex(listed_codes).tolist() + [None] * (len(unit_codes) - len(listed_codes)),
        column="unit_code",
        values=unit_codes.tolist(),
        row_params={
            "name": (names.tolist() if names is not None else years.index.tolist()) + padding,
            "years": years.tolist() + padding,
        },
        first=first,
        last=last,
    )


def _year_ranges(years: pd.Series) -> str:
    """2016, 2017, 2018, 2020 → "2016–2018, 2020"."""
    spans: list[list[int]] = []
    for year in sorted(int(y) for y in years):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


# ---------------------------------------------------------------------------------- certifications


def _check_certifications(c: LoadedTable, cfg: Any, out: Collector) -> None:
    f = c.frame
    spec = TABLES["certifications"]
    present = [col for col in CERT_DATE_COLUMNS if has(c, col)]
    outside = check_cycle(c, cfg, out)
    # a date outside its round's cycle is reported as that, not again as out of order with its neighbours
    dates = {col: f[col].where(~outside[col]) if col in outside else f[col] for col in present}
    for i, col in enumerate(present[1:], start=1):
        previous = pd.Series(pd.NaT, index=f.index, dtype=f[col].dtype)
        previous_name = pd.Series("", index=f.index, dtype="str")
        for earlier in reversed(present[:i]):  # nearest earlier step that has a date
            fill = previous.isna() & dates[earlier].notna()
            previous = previous.where(~fill, dates[earlier])
            previous_name = previous_name.where(~fill, earlier)
        bad = (dates[col] < previous).fillna(False).astype(bool)
        if bad.any():
            names = previous_name[bad]
            out.add_mask(
                "cert_dates_order",
                c,
                col,
                bad,
                column_zh=spec.column(col).zh,
                row_params={
                    "previous": names.tolist(),
                    "previous_zh": [spec.column(n).zh for n in names],
                    "previous_value": previous[bad].tolist(),
                },
            )
    if not has(c, "stage"):
        return
    step = f["stage"].map(STAGE_STEP)
    for k, col in enumerate(CERT_DATE_COLUMNS):
        if col not in present:
            continue
        beyond = (f[col].notna() & step.notna() & (step < k)).fillna(False).astype(bool)
        if beyond.any():
            stages = f.loc[beyond, "stage"]
            out.add_mask(
                "stage_date_mismatch",
                c,
                col,
                beyond,
                column_zh=spec.column(col).zh,
                row_params={"stage": stages.tolist(), "stage_zh": stages.map(STAGE_ZH).tolist()},
            )


# ------------------------------------------------------------------------------------------- quotas


def _check_quotas(q: LoadedTable, r: LoadedTable | None, out: Collector) -> None:
    f = q.frame
    cities = _codes_of_level(r, "city")
    if cities is not None and has(q, "city_code"):
        unknown = f["city_code"].notna() & ~isin(f["city_code"], cities)
        out.add_mask("unknown_city", q, "city_code", unknown, depends_on=("region", "city_code"))
    if has(q, "evaluation_quota", "target_count"):
        below = (f["evaluation_quota"] < f["target_count"]).fillna(False).astype(bool)
        out.add_mask(
            "quota_below_target",
            q,
            "evaluation_quota",
            below,
            row_params={"target": f.loc[below, "target_count"].tolist()},
        )


# -------------------------------------------------------------------------------------------- entry


def validate(
    tables: Mapping[str, LoadedTable | pd.DataFrame],
    cfg: Any = None,
    *,
    require_all: bool = False,
    extra_problems: Iterable[Problem] = (),
    per_group: int | None = LIST_PER_GROUP,
    total: int | None = LIST_TOTAL,
    history: Mapping[str, pd.DataFrame] | None = None,
) -> list[Problem]:
    """Every problem in ``tables`` (keyed by table name), capped, errors first (``None``: no cap, list them all).

    Root causes come first, each with the problems that follow from it folded under it: counted in its message,
    and listed right after it only when nothing is capped (``per_group=None``; see ``chuangye.data.checks.folding``).
    Tables may be :class:`LoadedTable` (their reading problems are included) or typed DataFrames
    (``df.attrs["source"]`` names them in problems, rows count from 2 as in an exported file).
    Cross-table checks run when the tables they need are present; ``require_all`` reports absent tables.
    ``cfg`` (a chuangye.config.loader.Config) supplies which numerator/denominator pairs are rates and the
    certification cycle that certification dates must fit, and how far a figure may be from the unit's previous
    year; ``history`` (table name -> the active version's frame) holds the earlier years a file may lack.
    """
    list_all = per_group is None
    per_group = sys.maxsize if per_group is None else per_group
    total = sys.maxsize if total is None else total
    loaded = {name: as_loaded(name, t) for name, t in tables.items() if name in TABLES}
    out = Collector(per_group)
    reading_problems: list[Problem] = list(extra_problems)
    for t in loaded.values():
        reading_problems.extend(t.problems)
    if require_all:
        for name, spec in TABLES.items():
            if name not in loaded:
                reading_problems.append(make_problem("missing_table", file=name, table=name, table_zh=spec.zh))

    for t in loaded.values():
        _check_columns(t, out)
        _check_duplicate_keys(t, out)
    r, u = loaded.get("regions"), loaded.get("units")
    if r is not None:
        _check_regions(r, out)
    if u is not None:
        _check_units(u, r, out)
    if (i := loaded.get("indicator_inputs")) is not None:
        _check_unit_refs(i, u, out)
        _check_rates(i, cfg, out)
        _check_missing_years(i, u, out)
        check_far_from_previous(i, (history or {}).get("indicator_inputs"), cfg, out)
    if (c := loaded.get("certifications")) is not None:
        _check_unit_refs(c, u, out)
        _check_certifications(c, cfg, out)
    if (q := loaded.get("quotas")) is not None:
        _check_quotas(q, r, out)
    replacements = replaced_codes(loaded, folding.rows_with_errors(out.findings)) if _names_missing(out) else []
    built = folding.build(out.findings, replacements, per_group=per_group, list_all=list_all)
    capped = cap_problems(
        reading_problems + built.problems, per_group=per_group, total=total, not_listed=built.not_listed
    )
    return built.listed_in_order(capped)


def _names_missing(out: Collector) -> bool:
    """Whether some row names a code its table lacks (only then is a changed code worth looking for)."""
    return any(f.check in MISSING_CODE_CHECKS for f in out.findings)

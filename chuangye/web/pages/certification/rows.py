"""The certification page's words and rows: the engine's pipeline tables with names localised, flags in
words, the round's summary line. Pure: frames and dicts in, rows and text out (no Dash)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from chuangye.config.loader import SUBMISSION_TABLES, CertificationCycle
from chuangye.engine import deadlines
from chuangye.engine.pipeline import COUNT_COLUMNS, CertificationPipeline
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_text
from chuangye.web import shown


def _name(row, lang: str) -> str:
    english = row.get("name_en")
    return english if lang == "en" and isinstance(english, str) and english else row["name"]


def _count(value) -> int | None:
    return None if pd.isna(value) else int(value)


def flag_text(row: dict, lang: str) -> str:
    """The city's flags as marks + words (never colour alone); ``✔`` and "none" when nothing is flagged."""
    amounts = {
        "late_submission": row["late_submissions"],
        "late_decision": row["late_decisions"],
        "missing_date": row["missing_dates"],
        "no_decision": row["no_decision"],
        "declared_below_quota": row["declared_shortfall"],
        "certified_below_target": row["certified_shortfall"],
    }
    if not row["flags"]:
        return "✔ " + t("cert_flag_none", lang)
    return " · ".join(t(f"cert_flag_{flag}", lang, n=int(amounts[flag])) for flag in row["flags"])


def city_rows(table: pd.DataFrame, lang: str) -> list[dict]:
    """Rows for the per-area grid: names localised, flags as text, numbers as plain ints/floats."""
    rows = []
    for row in table.to_dict("records"):
        rows.append(
            {
                "code": row["region_code"],
                "area": _name(row, lang),
                **{column: _count(row[column]) for column in COUNT_COLUMNS},
                "pct_target": shown.share(row["pct_target"]),  # rounded as shown: the grid prints it
                "late": int(row["late_submissions"]),
                "flags": flag_text(row, lang),
            }
        )
    return rows


def issue_rows(issues: pd.DataFrame, area_names: dict[str, str], lang: str, by: str = "city_code") -> list[dict]:
    """Rows for the late/missing list; ``area`` names the unit's city (``by="city_code"``) or county."""
    step_key = {"decided": "cert_step_decided"}
    rows = []
    for row in issues.to_dict("records"):
        kind = row["kind"]
        rows.append(
            {
                "unit": f"{_name(row, lang)} ({row['unit_code']})",
                "area": area_names.get(row[by], row[by]),
                "step": t(step_key.get(row["step"], f"stage_{row['step']}"), lang),
                "kind": t(f"cert_kind_{kind}", lang),
                "date": None if pd.isna(row["date"]) else pd.Timestamp(row["date"]).strftime("%Y-%m-%d"),
                "deadline": None if pd.isna(row["deadline"]) else pd.Timestamp(row["deadline"]).strftime("%Y-%m-%d"),
                "days_late": _count(row["days_late"]),
            }
        )
    return rows


def area_table(
    pipe: CertificationPipeline, year: int, unit_type: str, city: str | None, lang: str
) -> tuple[list[dict], list[dict], str]:
    """Rows, pinned top rows and level of the per-area grid: the cities for the province (``city`` None), or
    the chosen city's counties with the city's own row pinned on top (marked ``selected``)."""
    if city is None:
        return city_rows(pipe.city_table(year, unit_type), lang), [], "city"
    counties = city_rows(pipe.county_table(year, unit_type, city), lang)
    cities = pipe.city_table(year, unit_type)
    total = city_rows(cities[cities["region_code"] == city], lang)
    return counties, [row | {"selected": True} for row in total], "county"


def summary_text(scope: str, totals: Mapping[str, int | None], issues: int, lang: str) -> str:
    """The round in one sentence: target, quota, certified (and its share of the target), rejected, issues;
    "—" for a count the data does not have."""

    def count(key: str) -> str:
        value = totals.get(key)
        return "—" if value is None else f"{value:,}"

    target, certified = totals.get("target_count"), totals.get("certified") or 0
    return t(
        "cert_summary",
        lang,
        scope=scope,
        target=count("target_count"),
        quota=count("evaluation_quota"),
        certified=f"{certified:,}",
        pct=percent_text(certified / target) if target else "—",
        rejected=count("rejected"),
        issues=f"{issues:,}",
    )


def round_span(rounds: Sequence[int], lang: str) -> str:
    """The years that have a round, first to last (``2017—2020``); "—" when there is none."""
    return t("cert_year_span", lang, first=rounds[0], last=rounds[-1]) if rounds else "—"


# ------------------------------------------------------------------------- the cycle's dates and submissions


def day_text(day: dt.date, lang: str) -> str:
    """A deadline as people write it: 2018年12月31日 / 31 Dec 2018."""
    return t("sub_day", lang, y=day.year, m=day.month, d=day.day, month=t(f"sub_month_{day.month}", lang))


def round_hint(cycle: CertificationCycle, year: int, lang: str) -> str:
    """The round's two deadlines, from the configuration: the city's submission and the decision."""
    review = deadlines.step_deadline("city_reviewed", year, cycle)
    decided = deadlines.step_deadline("decided", year, cycle)
    return t("cert_round_hint", lang, year=year, review=day_text(review, lang), decided=day_text(decided, lang))


def deadline_text(cycle: CertificationCycle, year: int, lang: str) -> str:
    """When cities and counties must deliver each table's figures for ``year`` (in the cycle's order)."""
    due = [(table, deadlines.table_deadline(table, year, cycle)) for table in SUBMISSION_TABLES]
    items = [
        t("sub_cert_deadline_item", lang, table=t(f"sub_table_{table}", lang), day=day_text(day, lang))
        for table, day in sorted((item for item in due if item[1] is not None), key=lambda item: item[1])
    ]
    return t("sub_cert_deadlines", lang, year=year, items=t("sub_list_sep", lang).join(items))


def submission_items(counts: pd.DataFrame, names: Mapping[str, str], lang: str) -> list[dict]:
    """Per area with open or late submissions: its name and the counts in words (marks and words, never
    colour alone)."""
    return [
        {
            "code": row["region_code"],
            "name": names.get(row["region_code"], row["region_code"]),
            "open": t("sub_cert_open", lang, n=int(row["open"])) if row["open"] else None,
            "late": t("sub_cert_late", lang, n=int(row["late"])) if row["late"] else None,
        }
        for row in counts.to_dict("records")
    ]

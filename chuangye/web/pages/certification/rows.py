"""The certification grids' rows: the engine's pipeline tables with names localised and flags in words."""

from __future__ import annotations

import pandas as pd

from chuangye.engine.pipeline import COUNT_COLUMNS
from chuangye.strings.i18n import t


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
                "pct_target": None if pd.isna(row["pct_target"]) else round(float(row["pct_target"]), 4),
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

"""The report's prose, written from the numbers: which sentence is used depends on them.

Above or below the goal; the pace since the base year against the pace required; the units needed per
year until the target year (or "the target year has come"); the best and worst child region; the rank
among peers; the unit closest to the standard.
"""

from __future__ import annotations

import math

import pandas as pd

from chuangye.engine.indicators import FLOAT_GUARD
from chuangye.strings.i18n import status_label, t
from chuangye.strings.numbers import percent_text, points_text


def pct(value: float | None, digits: int = 1) -> str:
    return percent_text(value, digits)


def points(value: float | None) -> str:
    return points_text(None if value is None or _na(value) else abs(float(value)))


def _na(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def coverage_sentences(
    row: pd.Series,
    region_name: str,
    *,
    basis: str,
    base_year: int,
    target_year: int,
    lang: str,
) -> dict[str, str]:
    """Where one region stands for one unit type and year, as named sentences chosen by the numbers.

    ``level`` (coverage against the goal, always), ``pace`` (observed against required pace, below the goal
    before the target year), ``needed`` (units per year still to certify, or "the target year has come")
    and ``status`` (the progress label). A sentence that does not apply is absent.
    """
    unit_type = row["unit_type"]
    names = {
        "region": region_name,
        "type": t(f"type_{unit_type}", lang),
        "type_lower": t(f"exp_type_lower_{unit_type}", lang),
        "unit_word": t(f"exp_unit_word_{unit_type}", lang),
    }
    if _na(row["coverage"]):
        return {"level": t("exp_nar_no_data", lang, **names)}
    year = int(row["year"])
    reached = row["certified_cumulative"] if basis == "certified" else row["meets_standard"]
    goal = float(row["goal"])
    coverage = float(row["coverage"])
    level = t(
        "exp_nar_level",
        lang,
        year=year,
        coverage=pct(coverage),
        reached=int(reached),
        total=int(row["units_in_scope"]),
        **names,
    )
    out = {"status": t("exp_nar_status", lang, status=status_label(row.get("status") or "no_data", lang))}
    if coverage >= goal - FLOAT_GUARD:
        key = "exp_nar_at" if abs(coverage - goal) < 0.0005 else "exp_nar_above"
        return {"level": level + t(key, lang, goal=pct(goal, 0)), **out}
    gap_units = int(row["gap_units"]) if not _na(row["gap_units"]) else 0
    out["level"] = level + t(
        "exp_nar_below", lang, goal=pct(goal, 0), points=points(row["gap_points"]), units=gap_units, **names
    )
    if year >= target_year:
        out["needed"] = t("exp_nar_overdue", lang, units=gap_units, **names)
        return out
    observed, required = row.get("observed_pace"), row.get("required_pace")
    used = base_year_used(row, base_year)
    if not _na(observed) and not _na(required):
        values = {
            "base": used,
            "target": target_year,
            "observed": f"{float(observed):.1f}",
            "required": f"{float(required):.1f}",
            "projected": pct(row.get("projected_coverage_target")),
        }
        if float(observed) < 0:
            out["pace"] = t("exp_nar_pace_down", lang, **values)
        elif float(observed) >= float(required) - FLOAT_GUARD:
            out["pace"] = t("exp_nar_pace_ok", lang, **values)
        else:
            out["pace"] = t("exp_nar_pace_slow", lang, **values)
        if used != base_year:  # Open SDG's fallback: say which base the pace is measured from
            fallback = t("rep_nar_base_fallback", lang, base=base_year, used=used)
            out["pace"] = join_sentences([fallback, out["pace"]], lang)
    per_year = row.get("units_needed_per_year")
    if not _na(per_year) and int(per_year) != gap_units:  # with one year left the level sentence says it all
        out["needed"] = t(
            "exp_nar_needed",
            lang,
            target=target_year,
            per_year=int(per_year),
            from_now=f"{float(row['required_pace_from_now']):.1f}",
            **names,
        )
    return out


def base_year_used(row: pd.Series, base_year: int) -> int:
    """The year the row's pace is measured from (``pace_base_year``), the configured base year without one."""
    used = row.get("pace_base_year")
    return base_year if _na(used) else int(used)


def join_sentences(sentences: list[str | None], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(s for s in sentences if s)


def children_sentence(children: pd.DataFrame, level: str, lang: str) -> str | None:
    """``11个县(市、区)中3个已达到目标；玄武区最高（100.0%），江宁区最低（40.0%）。``

    ``children``: coverage rows of one unit type and year with ``region_name`` in ``lang``.
    """
    rows = children.dropna(subset=["coverage"]).sort_values(["coverage", "region_code"], ascending=[False, True])
    if len(rows) < 2:
        return None
    reached = int((rows["coverage"] >= rows["goal"] - FLOAT_GUARD).sum())
    best, worst = rows.iloc[0], rows.iloc[-1]
    return t(
        "exp_nar_children" if reached else "exp_nar_children_none",
        lang,
        n=len(rows),
        k=reached,
        level=t(f"exp_level_{level}", lang),
        level_lower=t(f"exp_level_{level}", lang).lower(),
        best=best["region_name"],
        best_value=pct(best["coverage"]),
        worst=worst["region_name"],
        worst_value=pct(worst["coverage"]),
    )


def rank_sentence(rank: int, n: int, parent_name: str, level: str, lang: str) -> str:
    ordinal = str(rank) if lang == "zh" else _ordinal(rank)
    return t(
        "exp_nar_rank",
        lang,
        rank=ordinal,
        n=n,
        parent=parent_name,
        level=t(f"exp_level_{level}", lang),
        level_lower=t(f"exp_level_{level}", lang).lower(),
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def closest_unit_sentence(closest: pd.DataFrame, lang: str) -> str | None:
    if closest.empty:
        return None
    first = closest.iloc[0]
    return t("exp_nar_units_close", lang, name=first["name"], needed=first["needed"])


__all__ = [
    "base_year_used",
    "children_sentence",
    "closest_unit_sentence",
    "coverage_sentences",
    "join_sentences",
    "pct",
    "points",
    "rank_sentence",
]

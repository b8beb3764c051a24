"""The Data page's rows and lines: problems, table changes, coverage before/after and versions turned into the
grids' cells and the page's sentences. Pure functions of data and a language (no Dash, no request)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from chuangye.data.changes import ChangeSummary, share_text
from chuangye.data.problems import Problem, problem_title
from chuangye.data.schema import TABLES
from chuangye.data.store import VersionInfo
from chuangye.engine.regions import RegionTree
from chuangye.exports.problem_report import column_label, severity_label
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_text, points_text
from chuangye.web.pages.audit.rows import local_iso

SHOWN_MAX = 1000  # problems per grid (errors, warnings); the report holds every one


# ------------------------------------------------------------------------------------------ problems


def problem_rows(problems: Sequence[Problem], lang: str, tables: Mapping[str, str], limit: int = SHOWN_MAX) -> list:
    """Grid rows: file, Excel row, column with its Chinese header, value, message in ``lang``, check."""
    return [
        {
            "id": str(number),
            "severity": severity_label(p, lang),
            "file": p.file,
            "row": p.row,
            "column": column_label(p.column, tables.get(p.file), lang),
            "value": p.value if p.value is not None and p.check != "more_problems" else "",
            "message": p.message(lang),
            "check": problem_title(p.check, lang),
        }
        for number, p in enumerate(problems[:limit])
    ]


def counts_text(errors: int, warnings: int, lang: str) -> str:
    if errors:
        return t("dp_report_counts", lang, errors=f"{errors:,}", warnings=f"{warnings:,}")
    if warnings:
        return t("dp_report_warnings_only", lang, warnings=f"{warnings:,}")
    return t("dp_report_clean", lang)


def shown_note(errors: int, warnings: int, lang: str, limit: int = SHOWN_MAX) -> str:
    """Said when a grid shows only part of its problems."""
    cut = [n for n in (errors, warnings) if n > limit]
    return t("dp_shown_part", lang, shown=f"{limit:,}", total=f"{max(cut):,}") if cut else ""


# ------------------------------------------------------------------------------------------ changes


def table_label(table: str, lang: str) -> str:
    zh = TABLES[table].zh
    return f"{table} ({zh})" if lang == "en" else f"{zh}（{table}）"


def change_rows(changes: Sequence[ChangeSummary], lang: str) -> list[dict]:
    """One row per table of the new version: where it comes from, rows before and after, added, changed, removed."""
    rows = []
    for c in sorted(changes, key=lambda c: c.origin != "file"):  # the tables the files bring first
        source = {"file": c.source, "carried": t("dp_origin_carried", lang), "sample": t("dp_origin_sample", lang)}
        notes = []
        if c.removed and c.removed_share is not None:
            notes.append(t("dp_note_removed_share", lang, share=share_text(c.removed_share)))
        if c.synthetic:
            notes.append(t("dp_note_synthetic", lang))
        rows.append(
            {
                "id": c.table,
                "table": table_label(c.table, lang),
                "source": source[c.origin],
                "before": c.before,
                "after": c.after,
                "added": c.added,
                "changed": c.changed,
                "removed": c.removed,
                "note": "；".join(notes) if lang == "zh" else "; ".join(notes),
            }
        )
    return rows


def coverage_rows(frame: pd.DataFrame, lang: str) -> list[dict]:
    """Coverage before and after per region, unit type and year (``engine.impact.import_impact``: its names in
    ``region_name``), with the direction of the change marked and the sentence a user reads:
    "徐州市 社区(村) 2019：60.0% → 61.3%"."""
    rows = []
    for number, r in enumerate(frame.itertuples(index=False)):
        region, kind = str(r.region_name), t(f"type_{r.unit_type}", lang)
        if getattr(r, "basis", "certified") != "certified":  # the standard's coverage is named as such
            kind = f"{kind} · {t(f'basis_{r.basis}', lang)}"
        before, after = percent_text(r.before_coverage), percent_text(r.after_coverage)
        counts = f"{_share(r.before_certified, r.before_total)} → {_share(r.after_certified, r.after_total)}"
        rows.append(
            {
                "id": str(number),
                "region": region,
                "type": kind,
                "year": int(r.year),
                "before": before,
                "after": after,
                "change": change_text(r.before_coverage, r.after_coverage, lang),
                "certified": counts,
                "line": t(
                    "dp_coverage_line", lang, region=region, type=kind, year=int(r.year), before=before, after=after
                ),
            }
        )
    return rows


def change_text(before: Any, after: Any, lang: str) -> str:
    """The change in percentage points with its direction marked (up, down, or level: the counts moved)."""
    if pd.isna(before) or pd.isna(after):
        return t("dp_direction_new" if pd.isna(before) else "dp_direction_gone", lang)
    points = (after - before) * 100
    shown = points_text(points, signed=True)
    direction = "up" if shown.startswith("+") and shown != "+0.0" else "down" if shown.startswith("-") else "level"
    return t(f"dp_direction_{direction}", lang, points=shown)


def _share(certified: Any, total: Any) -> str:
    return f"{_count(certified)}/{_count(total)}"


def _count(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(value):,}"


# ------------------------------------------------------------------------------------------ templates

TEMPLATE_PATH = "/api/v1/templates/{table}.xlsx"  # the audited templates path (web/api/templates.py)
BLANK_TEMPLATE = "blank"  # the region choice of a blank template (a select's "" is its placeholder)


def template_href(table: str, region: str | None, year: int | str | None, lang: str) -> str:
    """The API's template of ``table`` (or ``all``) for ``region`` (None, "" or BLANK_TEMPLATE: blank) and
    ``year``."""
    query = {"region": None if region in (None, "", BLANK_TEMPLATE) else region, "year": year or None, "lang": lang}
    return TEMPLATE_PATH.format(table=table) + "?" + urlencode({k: v for k, v in query.items() if v is not None})


def template_region_options(regions: RegionTree, lang: str) -> list[dict[str, str]]:
    """Blank, the province, then each city followed by its county-level areas (indented)."""
    root = regions.root
    options = [
        {"label": t("dp_template_blank", lang), "value": BLANK_TEMPLATE},
        {"label": t("dp_template_whole", lang, region=regions.name(root, lang)), "value": root},
    ]
    for city in regions.children(root):
        options.append({"label": regions.name(city, lang), "value": city})
        options += [
            {"label": f"\u3000{regions.name(county, lang)}", "value": county}
            for county in regions.children(city)
            if regions.level_of(county) == "county"
        ]
    return options


def template_is_slow(table: str, region: str | None, root: str) -> bool:
    """The province-wide workbook of every table (about half a minute to build)."""
    return table == "all" and region == root


# ------------------------------------------------------------------------------------------ versions


def shown_time(created_at: str) -> str:
    """A manifest's creation time in the server's local zone, to the second: ``2026-12-05 18:28:58``."""
    try:
        return local_iso(dt.datetime.fromisoformat(created_at)).replace("T", " ")[:19]
    except (TypeError, ValueError):
        return created_at or ""


def _list_sep(lang: str) -> str:
    return ", " if lang == "en" else "、"


def _table_name(table: str, lang: str) -> str:
    return TABLES[table].zh if lang == "zh" and table in TABLES else table


def rows_text(rows: Mapping[str, int], lang: str) -> str:
    return _list_sep(lang).join(
        t("dp_rows_text", lang, table=_table_name(name, lang), rows=f"{count:,}") for name, count in rows.items()
    )


def changes_text(changes: Sequence[Mapping[str, Any]], lang: str) -> str:
    """A version's change summary (the manifest's, per table read from a file) in one line: the tables that
    changed ("no rows changed" when none did)."""
    parts = [
        t(
            "dp_change_text",
            lang,
            table=_table_name(str(c.get("table")), lang),
            added=f"{c.get('added') or 0:,}",
            changed=f"{c.get('changed') or 0:,}",
            removed=f"{c.get('removed') or 0:,}",
        )
        for c in changes
        if any(c.get(count) for count in ("added", "changed", "removed"))
    ]
    return _list_sep(lang).join(parts) if parts or not changes else t("dp_change_none", lang)


def status_text(info: VersionInfo, lang: str) -> str:
    marks = [("active", info.active), ("pinned", info.pinned), ("damaged", bool(info.damage))]
    return " · ".join(t(f"dp_status_{mark}", lang) for mark, on in marks if on)


def as_of_href(version_id: str, lang: str) -> str:
    """The overview as of a version (the view state's ``version``), in the page's language."""
    return "/overview?" + urlencode({"version": version_id, "lang": lang})


def version_rows(infos: Sequence[VersionInfo], lang: str, importers: Mapping[str, str] | None = None) -> list[dict]:
    """Newest first: id, when, who (the manifest's, else ``importers``: the audit trail's), source files, row
    counts, the change summary, the note, status, a link to view it."""
    rows = []
    for info in reversed(infos):
        files = list(dict.fromkeys(str(name) for name in info.files.values()))
        by = getattr(info, "by", None) or (importers or {}).get(info.id)
        rows.append(
            {
                "id": info.id,
                "created": shown_time(info.created_at),
                "by": by or t("dp_by_unknown", lang),
                "files": _list_sep(lang).join(files),
                "rows": rows_text(info.rows, lang),
                "changes": changes_text(getattr(info, "changes", ()) or (), lang),
                "status": status_text(info, lang),
                "note": info.note or "",
                "view": f"[{t('dp_view_as_of', lang)}]({as_of_href(info.id, lang)})",
                "active": info.active,
                "damaged": bool(info.damage),
            }
        )
    return rows


__all__ = [
    "BLANK_TEMPLATE",
    "SHOWN_MAX",
    "as_of_href",
    "change_rows",
    "change_text",
    "changes_text",
    "counts_text",
    "coverage_rows",
    "problem_rows",
    "rows_text",
    "shown_note",
    "shown_time",
    "status_text",
    "table_label",
    "template_href",
    "template_is_slow",
    "template_region_options",
    "version_rows",
]

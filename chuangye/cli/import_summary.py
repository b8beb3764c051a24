"""What ``chuangye import`` prints about the change it makes (or would have made): one line per table in Chinese,
then in English, and whether the new version holds synthetic sample data."""

from __future__ import annotations

from collections.abc import Iterable

from chuangye.data.changes import ChangeSummary, share_text
from chuangye.data.schema import TABLES
from chuangye.strings.i18n import bilingual, t


def change_lines(changes: Iterable[ChangeSummary], active_version: str | None, *, refused: bool = False) -> list[str]:
    """The heading, then per table a Chinese line and its English line indented under it."""
    changes = list(changes)
    if not changes:
        return []
    key = "chg_heading_refused" if refused else "chg_heading"
    heading = bilingual(key, version=active_version) if active_version else bilingual(f"{key}_first")
    lines = [heading]
    for change in changes:
        lines.append("  " + table_line(change, "zh"))
        lines.append("      " + table_line(change, "en"))
    return lines


def table_line(change: ChangeSummary, lang: str) -> str:
    values = {
        "table": change.table,
        "table_zh": TABLES[change.table].zh,
        "source": change.source,
        "before": change.before,
        "after": change.after,
        "added": change.added,
        "changed": change.changed,
        "removed": change.removed,
    }
    if change.origin == "carried":
        line = t("chg_line_carried", lang, **values)
    elif change.before is None:
        line = t("chg_line_first", lang, **values)
    else:
        share = change.removed_share
        values["share"] = t("chg_removed_share", lang, share=share_text(share)) if change.removed else ""
        line = t("chg_line", lang, **values)
    return line + (t("chg_synthetic_tag", lang) if change.synthetic else "")


def provenance_line(synthetic_tables: tuple[str, ...]) -> str:
    """Whether the new version is labelled "sample data is synthetic", and for which tables."""
    if not synthetic_tables:
        return bilingual("chg_version_real")
    return bilingual("chg_version_synthetic", tables=", ".join(synthetic_tables))


def audit_detail(changes: Iterable[ChangeSummary]) -> dict[str, dict[str, int | None]]:
    """The counts of each table read from a file, for the audit trail."""
    return {
        c.table: {"before": c.before, "after": c.after, "added": c.added, "changed": c.changed, "removed": c.removed}
        for c in changes
        if c.origin == "file"
    }


def version_provenance(by: str | None, note: str | None, changes: Iterable[dict], region: Iterable[str] = ()) -> str:
    """What ``chuangye versions`` adds to a version's line: who imported it, its region, the tables it changed
    since the version before (``+added ~changed -removed``) and its note; empty for a version whose manifest
    records none of it."""
    parts = []
    if by:
        parts.append(f"{bilingual('imp_cli_versions_by')}: {by}")
    if codes := list(region):
        parts.append(f"{bilingual('imp_cli_versions_region')}: {', '.join(codes)}")
    changed = [
        f"{c['table']} +{c['added']} ~{c['changed']} -{c['removed']}"
        for c in changes
        if c.get("before") is not None and any(c.get(count) for count in ("added", "changed", "removed"))
    ]  # a first version adds every row: nothing to say
    if changed:
        parts.append(f"{bilingual('imp_cli_versions_changes')}: {'; '.join(changed)}")
    if note:
        parts.append(f"{bilingual('imp_cli_versions_note')}: {note}")
    return "  ".join(parts)

"""All UI strings (zh/en), one module per area; ``collect_strings`` merges them and refuses duplicate keys."""

from __future__ import annotations

from importlib import import_module

AREAS = (
    "common",
    "pages",
    "drilldown",
    "peers",
    "unit",
    "certification",
    "exports",
    "geo",
    "config",
    "cli",
    "notfound",
    "method",
    "maps",
    "grid",
    "accounts",
    "access",
    "api",
    "auth",
    "audit",
    "store",
    "changes",
    "imports",
    "templates",
    "asof",
    "submissions",
    "datapage",
    "submissionpage",
)


def collect_strings() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for area in AREAS:
        module = import_module(f"chuangye.strings.{area}")
        for name in dir(module):
            table = getattr(module, name)
            if not (name.isupper() and isinstance(table, dict)):
                continue
            for key, entry in table.items():
                if key in merged:
                    raise KeyError(f"UI string {key!r} defined twice (chuangye/strings/{area}.py)")
                if set(entry) != {"zh", "en"}:
                    raise ValueError(f"UI string {key!r} needs exactly zh and en")
                merged[key] = entry
    return merged

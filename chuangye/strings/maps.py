"""Strings drawn on the maps and charts themselves: legend entries, colour bar, hover lines."""

MAPS: dict[str, dict[str, str]] = {
    "map_no_units": {"zh": "无此类单位", "en": "No units of this type"},
    "map_colorbar_title": {"zh": "覆盖率 (%)", "en": "Coverage (%)"},
}

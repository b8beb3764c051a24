"""Strings of an import's change summary, its safeguards (empty or shrinking tables, an empty data directory) and
the "sample data is synthetic" label that follows the data version's manifest."""

PROVENANCE: dict[str, dict[str, str]] = {
    # the label every footer, export, report and the CLI add when the data version holds synthetic sample data
    "data_source_synthetic": {
        "zh": "{source}（示例数据为合成数据）",
        "en": "{source} (sample data is synthetic)",
    },
    "synthetic_label": {"zh": "示例数据为合成数据", "en": "sample data is synthetic"},
    # the note `chuangye sample` leaves beside the files it writes (chuangye/data/changes.py SYNTHETIC_MARKER)
    "synthetic_marker_text": {
        "zh": "本文件夹中的表由 `chuangye sample` 生成，是示例数据：指标、认定和任务数等为合成数据"
        "（江苏示例的区划名录取自真实名录）。\n"
        "从本文件夹导入的表，看板、导出和报告都会注明“示例数据为合成数据”。\n"
        "若把这里的表换成了真实数据，请删除本文件。\n",
        "en": "The tables in this folder were written by `chuangye sample` and are sample data: the figures "
        "(indicators, certifications, quotas) are synthetic (the Jiangsu sample keeps the real division registry).\n"
        'Tables imported from this folder are labelled "sample data is synthetic" in the dashboard, its '
        "exports and reports.\n"
        "Delete this file if you replace the tables here with real data.\n",
    },
}

CHANGES: dict[str, dict[str, str]] = {
    "chg_heading": {
        "zh": "变更摘要（与当前版本 {version} 相比）：",
        "en": "Changes against the active version {version}:",
    },
    "chg_heading_first": {
        "zh": "变更摘要（数据目录中还没有数据）：",
        "en": "Changes (the data directory holds no data yet):",
    },
    "chg_heading_refused": {
        "zh": "如果导入，变更将是（与当前版本 {version} 相比）：",
        "en": "Had it been imported, the changes against the active version {version} would be:",
    },
    "chg_heading_refused_first": {
        "zh": "如果导入，变更将是（数据目录中还没有数据）：",
        "en": "Had it been imported, the changes (the data directory holds no data yet) would be:",
    },
    "chg_line": {
        "zh": "{table}（{table_zh}）← {source}：原 {before} 行，现 {after} 行；新增 {added}，修改 {changed}，"
        "删除 {removed}{share}",
        "en": "{table} ({table_zh}) ← {source}: {before} rows before, {after} now; {added} added, {changed} changed, "
        "{removed} removed{share}",
    },
    "chg_line_first": {
        "zh": "{table}（{table_zh}）← {source}：{after} 行",
        "en": "{table} ({table_zh}) ← {source}: {after} rows",
    },
    "chg_line_carried": {
        "zh": "{table}（{table_zh}）：沿用当前版本，{after} 行不变",
        "en": "{table} ({table_zh}): carried over from the active version, {after} rows unchanged",
    },
    "chg_emptied_before": {"zh": "（当前版本有 {before} 行）", "en": " (the active version has {before} rows)"},
    "chg_removed_share": {"zh": "（删除原有行的 {share}）", "en": " ({share} of the rows before)"},
    "chg_synthetic_tag": {"zh": " [合成示例数据]", "en": " [synthetic sample data]"},
    "chg_from_sample": {"zh": "内置示例数据", "en": "the bundled sample"},
    "chg_version_synthetic": {
        "zh": "注意：新版本含合成示例数据（{tables}），看板、导出和报告都会注明“示例数据为合成数据”。",
        "en": "Note: the new version holds synthetic sample data ({tables}); the dashboard, exports and reports say "
        '"sample data is synthetic".',
    },
    "chg_version_real": {
        "zh": "新版本不含合成示例数据。",
        "en": "The new version holds no synthetic sample data.",
    },
    # command line
    "cli_help_allow_empty": {
        "zh": "确认导入没有数据行的表（该表将被清空）",
        "en": "confirm importing a table with no rows (that table is emptied)",
    },
    "cli_help_note": {
        "zh": "随新版本保存的说明（谁要求的、为什么导入，最多 500 个字符），chuangye versions 和数据管理页面会显示",
        "en": "a note kept with the new version (who asked for it, why; at most 500 characters), shown by chuangye "
        "versions and on the Data page",
    },
    "cli_bad_note": {
        "zh": "说明最多 {limit} 个字符（现为 {length} 个）",
        "en": "a note has at most {limit} characters (this one has {length})",
    },
    "cli_help_allow_shrink": {
        "zh": "确认导入会删除某表当前大部分行的文件（上限见配置 [imports] max_removed_share）",
        "en": "confirm an import that deletes most of a table's current rows (the limit is [imports] "
        "max_removed_share in the configuration)",
    },
    "cli_help_with_sample": {
        "zh": "数据目录还没有数据时，未提供的表用内置示例（合成）数据补齐，并注明为合成数据",
        "en": "into a data directory with no data yet: take the tables not given from the bundled (synthetic) "
        "sample, labelled as synthetic",
    },
    "cli_with_sample_has_data": {
        "zh": "--with-sample 只用于还没有数据的数据目录；{path} 已有当前版本 {version}，未提供的表沿用该版本",
        "en": "--with-sample is only for a data directory with no data yet; {path} has the active version "
        "{version}, whose tables are carried over for those not given",
    },
    "cli_boundaries_need_data": {
        "zh": "数据目录 {path} 中还没有数据：请先导入五张表（或加 --with-sample 导入示例数据），再导入边界",
        "en": "The data directory {path} holds no data yet: import the five tables first (or the sample with "
        "--with-sample), then the boundaries",
    },
}

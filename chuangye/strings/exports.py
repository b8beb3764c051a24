"""Strings of the exports: chart subtitles, tables, the region report and its narrative."""

EXPORTS: dict[str, dict[str, str]] = {
    # chart chrome
    "exp_data_stamp": {"zh": "数据版本 {version}（{date}）", "en": "Data version {version} ({date})"},
    "exp_year": {"zh": "{year}年", "en": "{year}"},
    "exp_basis_is": {"zh": "口径：{basis}", "en": "Basis: {basis}"},
    "exp_source_exported": {"zh": "{source}；导出日期 {date}", "en": "{source}; exported {date}"},
    # workbook
    "exp_sheet_about": {"zh": "说明", "en": "About"},
    "exp_sheet_units_below": {"zh": "未达标单位", "en": "Units below standard"},
    "exp_meta_region": {"zh": "地区", "en": "Region"},
    "exp_meta_year": {"zh": "年度", "en": "Year"},
    "exp_meta_basis": {"zh": "口径", "en": "Basis"},
    "exp_meta_version": {"zh": "数据版本", "en": "Data version"},
    "exp_meta_imported": {"zh": "数据导入时间", "en": "Data imported"},
    "exp_meta_exported": {"zh": "导出日期", "en": "Exported"},
    "exp_meta_source": {"zh": "数据来源", "en": "Source"},
    # column headers
    "exp_col_code": {"zh": "代码", "en": "Code"},
    "exp_col_name": {"zh": "名称", "en": "Name"},
    "exp_col_type": {"zh": "单位类型", "en": "Unit type"},
    "exp_col_county": {"zh": "所属县(市、区)", "en": "County"},
    "exp_col_units": {"zh": "纳入统计单位数", "en": "Units in scope"},
    "exp_col_reached_certified": {"zh": "已认定", "en": "Certified"},
    "exp_col_reached_meets": {"zh": "指标达标", "en": "Meeting the standard"},
    "exp_col_coverage": {"zh": "覆盖率", "en": "Coverage"},
    "exp_col_goal": {"zh": "目标", "en": "Goal"},
    "exp_col_gap_points": {"zh": "差距（百分点）", "en": "Gap (points)"},
    "exp_col_gap_units": {"zh": "尚差单位数", "en": "Units short"},
    "exp_col_per_year": {"zh": "每年需新增", "en": "Needed per year"},
    "exp_col_status": {"zh": "进度状态", "en": "Status"},
    "exp_col_failing": {"zh": "未达标指标", "en": "Indicators below threshold"},
    "exp_col_n_failing": {"zh": "未达标项数", "en": "Indicators failed"},
    "exp_col_worst": {"zh": "差距最大的指标", "en": "Largest shortfall"},
    "exp_col_needed": {"zh": "达标还需", "en": "Still needed"},
    "exp_col_year": {"zh": "年度", "en": "Year"},
    # report
    "exp_report_title": {
        "zh": "{region}创业型单位建设进度报告（{year}年）",
        "en": "{region}: entrepreneurship-type units, progress report {year}",
    },
    "exp_report_subtitle": {
        "zh": "口径：{basis} · {stamp} · 生成日期 {date}",
        "en": "Basis: {basis} · {stamp} · generated {date}",
    },
    "exp_report_header": {"zh": "{region} · {year}年 · {stamp}", "en": "{region} · {year} · {stamp}"},
    "exp_report_page": {"zh": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"},
    "exp_h_summary": {"zh": "一、总体情况", "en": "1. Summary"},
    "exp_h_headline": {"zh": "目标完成情况", "en": "Progress against the goals"},
    "exp_h_type": {"zh": "{n}、{type}", "en": "{n}. {type}"},
    "exp_h_notes": {"zh": "说明", "en": "Notes"},
    "exp_fig_trend": {
        "zh": "{region}{type}覆盖率走势（{base}—{target}年）",
        "en": "{region}: coverage of {type_lower}, {base}–{target}",
    },
    "exp_fig_map": {
        "zh": "{year}年{parent}各{level}{type}覆盖率",
        "en": "Coverage of {type_lower} by {level_lower}, {parent}, {year}",
    },
    "exp_fig_ranking": {
        "zh": "{year}年{parent}各{level}{type}覆盖率排名",
        "en": "{level} ranked by coverage of {type_lower}, {parent}, {year}",
    },
    "exp_fig_map_base": {
        "zh": "{year}年{parent}各{level}{type}按指标达标的基线（尚无认定轮次）",
        "en": "Baseline share of {type_lower} meeting the standard by {level_lower}, {parent}, {year} "
        "(no certification round yet)",
    },
    "exp_fig_ranking_base": {
        "zh": "{year}年{parent}各{level}{type}按指标达标的基线排名（尚无认定轮次）",
        "en": "{level} ranked by baseline share of {type_lower} meeting the standard, {parent}, {year} "
        "(no certification round yet)",
    },
    "exp_tab_children": {
        "zh": "{year}年{parent}各{level}{type}覆盖率",
        "en": "Coverage of {type_lower} by {level_lower}, {parent}, {year}",
    },
    "exp_tab_closest": {
        "zh": "最接近达标的{type}（差距最小）",
        "en": "{type} closest to the standard (smallest shortfall)",
    },
    "exp_tab_furthest": {"zh": "差距最大的{type}", "en": "{type} furthest behind the standard"},
    "exp_tab_none": {"zh": "无未达标单位。", "en": "No unit below the standard."},
    "exp_this_region": {"zh": "{name}（本地区）", "en": "{name} (this region)"},
    "exp_status_legend": {"zh": "进度状态：{items}", "en": "Status: {items}"},
    "exp_note_basis_certified": {
        "zh": "覆盖率 = 累计已获省级认定的单位数 ÷ 纳入统计的单位数。",
        "en": "Coverage = units certified by the province so far ÷ units in scope.",
    },
    "exp_note_basis_meets": {
        "zh": "覆盖率 = 当年四项核心指标均达标的单位数 ÷ 纳入统计的单位数。",
        "en": "Coverage = units meeting all four core indicators that year ÷ units in scope.",
    },
    "exp_note_goals": {
        "zh": "{target}年目标：街道(乡镇) {street_town}、社区(村) {community_village}、园区 {park}。",
        "en": "Goals for {target}: streets/towns {street_town}, communities/villages {community_village}, "
        "parks {park}.",
    },
    "exp_note_status": {
        "zh": "进度状态比较{base}年以来的实际年均增幅与如期达标所需的年均增幅（参照 Open SDG 进度评估方法）。",
        "en": "Status compares the yearly gain since {base} with the gain needed to reach the goal on time "
        "(after the Open SDG progress measure).",
    },
    "exp_note_units": {
        "zh": "“最接近达标”按未达标指标项数和相对差距排序；“达标还需”按当年分母计算。",
        "en": "“Closest to the standard” is ordered by the number of failing indicators, then the relative "
        "shortfall; “still needed” is computed at that year's denominators.",
    },
    "exp_level_city": {"zh": "设区市", "en": "Cities"},
    "exp_level_county": {"zh": "县(市、区)", "en": "Counties"},
    "exp_type_lower_street_town": {"zh": "街道(乡镇)", "en": "streets/towns"},
    "exp_type_lower_community_village": {"zh": "社区(村)", "en": "communities/villages"},
    "exp_type_lower_park": {"zh": "园区", "en": "development parks"},
    "exp_unit_word_street_town": {"zh": "个街道(乡镇)", "en": "streets/towns"},
    "exp_unit_word_community_village": {"zh": "个社区(村)", "en": "communities/villages"},
    "exp_unit_word_park": {"zh": "个园区", "en": "parks"},
    # narrative
    "exp_nar_no_data": {
        "zh": "{region}{type}暂无覆盖率数据。",
        "en": "There are no coverage figures for {type_lower} in {region}.",
    },
    "exp_nar_level": {
        "zh": "截至{year}年底，{region}{type}覆盖率为{coverage}（{reached}/{total}），",
        "en": "By the end of {year}, coverage of {type_lower} in {region} was {coverage} ({reached} of {total}), ",
    },
    "exp_nar_above": {"zh": "已超过{goal}的目标。", "en": "above the {goal} goal."},
    "exp_nar_at": {"zh": "已达到{goal}的目标。", "en": "meeting the {goal} goal."},
    "exp_nar_below": {
        "zh": "距{goal}的目标还差{points}个百分点（尚差{units}{unit_word}）。",
        "en": "{points} points short of the {goal} goal ({units} more {unit_word} needed).",
    },
    "exp_nar_pace_ok": {
        "zh": "{base}年以来年均提高{observed}个百分点，快于如期达标所需的{required}个百分点，"
        "按此速度{target}年可达{projected}。",
        "en": "Since {base} it has risen {observed} points a year, faster than the {required} points needed, "
        "and would reach {projected} by {target} at that pace.",
    },
    "exp_nar_pace_slow": {
        "zh": "{base}年以来年均提高{observed}个百分点，低于如期达标所需的{required}个百分点，"
        "按此速度{target}年仅能达到{projected}。",
        "en": "Since {base} it has risen {observed} points a year, short of the {required} points needed, "
        "and would reach only {projected} by {target} at that pace.",
    },
    "exp_nar_pace_down": {
        "zh": "与{base}年相比覆盖率不升反降（年均{observed}个百分点）。",
        "en": "Coverage has fallen since {base} ({observed} points a year).",
    },
    "exp_nar_needed": {
        "zh": "要在{target}年底达到目标，今后每年需新增{per_year}{unit_word}（年均提高{from_now}个百分点）。",
        "en": "To reach the goal by the end of {target}, {per_year} more {unit_word} are needed each year "
        "({from_now} points a year).",
    },
    "exp_nar_overdue": {
        "zh": "目标年份已到，仍需{units}{unit_word}才能达到目标。",
        "en": "The target year has come; {units} more {unit_word} are still needed to reach the goal.",
    },
    "exp_nar_status": {"zh": "进度状态：{status}。", "en": "Status: {status}."},
    "exp_nar_children": {
        "zh": "{n}个{level}中{k}个已达到目标；{best}最高（{best_value}），{worst}最低（{worst_value}）。",
        "en": "Of {n} {level_lower}, {k} have reached the goal; {best} is highest ({best_value}) and "
        "{worst} lowest ({worst_value}).",
    },
    "exp_nar_children_none": {
        "zh": "{n}个{level}均未达到目标；{best}最高（{best_value}），{worst}最低（{worst_value}）。",
        "en": "None of the {n} {level_lower} has reached the goal yet; {best} is highest ({best_value}) and "
        "{worst} lowest ({worst_value}).",
    },
    "exp_nar_rank": {
        "zh": "在{parent}{n}个{level}中位列第{rank}。",
        "en": "It ranks {rank} of {n} {level_lower} in {parent}.",
    },
    "exp_nar_units_close": {
        "zh": "尚未达标的单位中，{name}最接近标准（{needed}）。",
        "en": "Among the units below the standard, {name} is the closest ({needed}).",
    },
}

# The export controls of the dashboard pages (chart menus, table buttons, the region report).
EXPORT_UI: dict[str, dict[str, str]] = {
    "ex_download": {"zh": "下载", "en": "Download"},
    "ex_preset_a4": {"zh": "A4 页面（16 cm 宽）", "en": "A4 page (16 cm wide)"},
    "ex_preset_slide": {"zh": "幻灯片（16:9）", "en": "Slide (16:9)"},
    "ex_fmt_png": {"zh": "PNG 图片", "en": "PNG image"},
    "ex_fmt_png_a4": {"zh": "PNG 图片（2 倍清晰度）", "en": "PNG image (2× resolution)"},
    "ex_fmt_svg": {"zh": "SVG 矢量图", "en": "SVG vector image"},
    "ex_fmt_pdf": {"zh": "PDF 文档", "en": "PDF document"},
    "ex_table_group": {"zh": "下载表格", "en": "Download the table"},
    "ex_table_xlsx_title": {
        "zh": "下载表格为 Excel 工作簿（按当前筛选和排序）",
        "en": "Download the table as an Excel workbook (as filtered and sorted)",
    },
    "ex_table_csv_title": {
        "zh": "下载表格为 CSV（UTF-8，Excel/WPS 可直接打开）",
        "en": "Download the table as CSV (UTF-8, opens in Excel/WPS)",
    },
    "ex_table_sheet": {"zh": "表格", "en": "Table"},
    "ex_region_heading": {"zh": "区域报告与数据", "en": "Region report and data"},
    "ex_region_hint": {
        "zh": "按当前地区、年度和口径生成",
        "en": "For the region, year and basis shown",
    },
    "ex_report_pdf": {"zh": "区域报告 PDF", "en": "Region report PDF"},
    "ex_report_docx": {"zh": "区域报告 DOCX", "en": "Region report DOCX"},
    "ex_region_xlsx": {"zh": "整个区域 XLSX", "en": "Whole region XLSX"},
    "ex_report_pdf_title": {
        "zh": "生成本地区的进度报告（PDF，A4，含图表）",
        "en": "Write this region's progress report (PDF, A4, with charts)",
    },
    "ex_report_docx_title": {
        "zh": "生成本地区的进度报告（Word，可编辑）",
        "en": "Write this region's progress report (Word, editable)",
    },
    "ex_region_xlsx_title": {
        "zh": "本地区及下级地区的覆盖率和未达标单位（Excel 工作簿）",
        "en": "Coverage of the region and its parts, and the units below the standard (Excel workbook)",
    },
    "ex_report_running": {"zh": "正在生成报告…", "en": "Generating the report…"},
    "ex_outside_area": {
        "zh": "本区域的报告和数据不在您的导出范围内；在地图钻取中打开您所在的地区即可导出其报告",
        "en": "This area's reports and data are outside what you may export; open your own area on the "
        "drill-down map to export its report",
    },
    "ex_failed": {"zh": "导出失败：{error}", "en": "Export failed: {error}"},
    "ex_meta_type": {"zh": "单位类型", "en": "Unit type"},
    "ex_meta_page": {"zh": "页面", "en": "Page"},
    "ex_meta_unit": {"zh": "单位", "en": "Unit"},
    "ex_meta_rows": {"zh": "行数", "en": "Rows"},
    "ex_unit_in_county": {"zh": "{name}（{county}）", "en": "{name} ({county})"},
    # requests from the page that cannot be exported (raised as ExportRequestError, both languages)
    "ex_bad_chart_format": {"zh": "不支持的格式 {fmt}/{preset}", "en": "unsupported format {fmt}/{preset}"},
    "ex_chart_empty": {"zh": "当前视图中没有这张图表", "en": "the view has no such chart to export"},
    "ex_request_shape": {"zh": "导出请求格式不正确", "en": "the export request is malformed"},
    "ex_request_unknown_keys": {
        "zh": "导出请求含有不接受的字段：{keys}（图表由服务器按当前视图生成，请求只需指明图表、格式和尺寸）",
        "en": "the export request carries fields the server does not accept: {keys} (the server draws the chart "
        "for the view; a request names only the chart, the format and the size)",
    },
    "ex_unknown_chart": {"zh": "页面 {page} 没有图表 {graph}", "en": "the {page} page has no chart {graph}"},
    "ex_unknown_grid": {"zh": "页面 {page} 没有表格 {grid}", "en": "the {page} page has no table {grid}"},
    "ex_request_too_large": {
        "zh": "导出请求超过 {limit} MB 上限",
        "en": "the export request is larger than the {limit} MB limit",
    },
    "ex_table_too_large": {
        "zh": "表格请求为 {rows} 行 {columns} 列，超过该表格在当前视图中的 {most_rows} 行 {most_columns} 列",
        "en": "the table request has {rows} rows and {columns} columns, more than the {most_rows} rows and "
        "{most_columns} columns this table holds for the view",
    },
    "ex_table_no_columns": {"zh": "表格没有可导出的列", "en": "the table has no columns to export"},
    "ex_bad_table_format": {"zh": "不支持的表格格式 {fmt}", "en": "unsupported table format {fmt}"},
    "ex_bad_region_format": {"zh": "不支持的格式 {fmt}", "en": "unsupported format {fmt}"},
    # under ex_outside_area: the way to the user's own area, whose files they may have
    "ex_open_home": {"zh": "打开{region}", "en": "Open {region}"},
}

# The export browser (chuangye/exports/browser.py): what it refuses and why a job failed (ExportError, zh + en).
EXPORT_BROWSER: dict[str, dict[str, str]] = {
    "ex_no_browser": {
        "zh": "未找到 Chromium 浏览器，无法导出图片或 PDF；请安装 chromium（Debian/Ubuntu：apt-get install chromium）"
        "或用环境变量 CHUANGYE_BROWSER 指定其路径。",
        "en": "No Chromium browser found, so images and PDFs cannot be exported; install chromium "
        "(Debian/Ubuntu: apt-get install chromium) or set CHUANGYE_BROWSER to its path.",
    },
    "ex_browser_failed": {
        "zh": "Chromium 浏览器（{path}）无法启动：{error}",
        "en": "The Chromium browser at {path} failed to start: {error}",
    },
    "ex_browser_command": {"zh": "浏览器命令失败：{error}", "en": "Browser command failed: {error}"},
    "ex_render_failed": {
        "zh": "浏览器无法生成该图表：{error}",
        "en": "The browser could not render the chart: {error}",
    },
    "ex_browser_busy": {
        "zh": "导出服务繁忙，请稍后再试。",
        "en": "The export service is busy; please try again in a moment.",
    },
    "ex_render_timeout": {
        "zh": "导出超时（超过 {seconds} 秒），已中止。",
        "en": "The export took longer than {seconds} s and was stopped.",
    },
    "ex_limit_shape": {
        "zh": "图表数据格式不正确，无法导出。",
        "en": "The chart's data is malformed and cannot be exported.",
    },
    "ex_limit_traces": {
        "zh": "图表过大：{n} 个数据系列，超过上限 {limit}。",
        "en": "The chart is too large: {n} traces (limit {limit}).",
    },
    "ex_limit_values": {
        "zh": "图表过大：{n} 个数据点，超过上限 {limit}。",
        "en": "The chart is too large: {n} data values (limit {limit}).",
    },
    "ex_limit_subplots": {
        "zh": "图表过大：{n} 个子图，超过上限 {limit}。",
        "en": "The chart is too large: {n} subplots (limit {limit}).",
    },
    "ex_limit_bytes": {
        "zh": "图表过大：{n} MB，超过上限 {limit} MB。",
        "en": "The chart is too large: {n} MB (limit {limit} MB).",
    },
    "ex_limit_page": {
        "zh": "要打印的页面超过 {limit} MB 上限。",
        "en": "The page to print is larger than the {limit} MB limit.",
    },
}

# App-level errors (chuangye/web/errors.py): the JSON answer to a refused or failed request, the page's alert.
APP_ERRORS: dict[str, dict[str, str]] = {
    "err_http": {"zh": "请求无法处理", "en": "The request cannot be served"},
    "err_http_400": {"zh": "请求格式不正确", "en": "The request is malformed"},
    "err_http_404": {"zh": "没有这个地址", "en": "There is nothing at this address"},
    "err_http_405": {"zh": "该地址不接受这种请求方法", "en": "This address does not accept that request method"},
    "err_http_413": {"zh": "请求过大", "en": "The request is too large"},
    "err_internal": {
        "zh": "服务器内部错误，已记录在服务器日志中",
        "en": "Internal server error; it has been written to the server's log",
    },
    "err_bad_callback_request": {
        "zh": "回调请求格式不正确（需要 JSON，且指明本应用的回调、输入和状态）",
        "en": "The callback request is malformed (JSON naming one of this app's callbacks, its inputs and states)",
    },
    "err_alert_title": {"zh": "出错了", "en": "Something went wrong"},
    "err_callback_failed": {
        "zh": "页面的这部分未能更新，显示的可能是之前的内容。请重试；"
        "如仍失败，请联系管理员（错误已记录在服务器日志中）。",
        "en": "This part of the page could not be updated and may show what it showed before. Please try again; "
        "if it fails again, tell your administrator (the error is in the server's log).",
    },
    "ex_alert_title": {"zh": "导出失败", "en": "Export failed"},
}

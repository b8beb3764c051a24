"""Reading a user's boundary file (chuangye.geo.user_files): errors, warnings and report lines.

Errors are ``geo_file_error`` around one of the ``geo_err_*`` texts; warnings and report lines name the file
themselves. Templates use str.format fields.
"""

GEO: dict[str, dict[str, str]] = {
    # parts of messages
    "geo_list_sep": {"zh": "、", "en": ", "},
    "geo_code_with_name": {"zh": "{code}（{name}）", "en": "{code} ({name})"},
    "geo_feature_ref": {"zh": "第{number}个（{code}）", "en": "#{number} ({code})"},
    # the level in "...与县级区划代码相符" / "...match the county division codes"
    "geo_level_province": {"zh": "省级", "en": "province"},
    "geo_level_city": {"zh": "市级", "en": "city"},
    "geo_level_county": {"zh": "县级", "en": "county"},
    "geo_level_township": {"zh": "乡级", "en": "township"},
    "geo_level_village": {"zh": "村级", "en": "village"},
    # errors: the file cannot be used
    "geo_file_error": {"zh": "边界文件“{file}”：{message}", "en": "Boundary file '{file}': {message}"},
    "geo_err_not_found": {"zh": "文件不存在", "en": "the file does not exist"},
    "geo_err_sidecar_missing": {
        "zh": "缺少配套文件 {sidecar}（Shapefile 需要 .shp、.shx、.dbf 放在一起）",
        "en": "the sidecar {sidecar} is missing (a Shapefile needs .shp, .shx and .dbf side by side)",
    },
    "geo_err_unsupported_format": {
        "zh": "不支持的格式“{suffix}”（支持 Shapefile：.shp 及配套文件或其 .zip 压缩包、GeoJSON、GeoPackage）",
        "en": "unsupported format '{suffix}' (use a Shapefile: .shp with its sidecars or "
        "a .zip of them, GeoJSON or GeoPackage)",
    },
    "geo_err_bad_zip": {"zh": "不是有效的 zip 压缩包（{reason}）", "en": "not a valid zip archive ({reason})"},
    "geo_err_zip_sidecar_missing": {
        "zh": "压缩包内的 {member} 缺少配套文件 {missing}",
        "en": "{member} inside the archive lacks its sidecar(s) {missing}",
    },
    "geo_err_zip_empty": {
        "zh": "压缩包中没有 Shapefile（.shp）、GeoJSON 或 GeoPackage 文件",
        "en": "the archive holds no Shapefile (.shp), GeoJSON or GeoPackage",
    },
    "geo_err_unreadable": {
        "zh": "无法读取 {layer}，文件可能已损坏或格式不对（{reason}）",
        "en": "cannot read {layer}; the file may be damaged or not in that format ({reason})",
    },
    "geo_err_damaged": {
        "zh": "文件已损坏或不是有效的 {kind} 文件，无法打开（{reason}）",
        "en": "the file is damaged or not a valid {kind} and cannot be opened ({reason})",
    },
    "geo_err_zip_encrypted": {
        "zh": "压缩包中的 {member} 设有密码（已加密），无法读取；请去掉密码后重新打包上传",
        "en": "{member} inside the archive is password-protected (encrypted) and cannot be read; pack it again "
        "without a password and upload it",
    },
    "geo_err_zip_too_large": {
        "zh": "压缩包解压后共 {size}，超过 {limit} 的上限（可能是“压缩炸弹”），未读取",
        "en": "the archive unpacks to {size}, over the limit of {limit} (possibly a zip bomb); it was not read",
    },
    "geo_err_zip_ratio": {
        "zh": "压缩包中的 {member} 解压后为 {size}，压缩比 {ratio}:1，超过 {limit}:1 的上限"
        "（可能是“压缩炸弹”），未读取",
        "en": "{member} inside the archive unpacks to {size}, a ratio of {ratio}:1, over the limit of {limit}:1 "
        "(possibly a zip bomb); it was not read",
    },
    "geo_err_geometries_missing": {
        "zh": "{count} 个要素都没有几何图形：文件（如 .shp）可能已损坏或被截断",
        "en": "none of the {count} features has a geometry: the file (e.g. the .shp) may be damaged or truncated",
    },
    "geo_err_no_crs": {
        "zh": "没有坐标系信息（如缺少 .prj 文件），且坐标不是经纬度（范围 {extent}）；请附上 .prj "
        "或导出为 WGS 84 / CGCS2000 经纬度",
        "en": "has no coordinate reference system (e.g. no .prj file) and the coordinates are not "
        "lon/lat (extent {extent}); add the .prj or export as WGS 84 / CGCS2000 lon/lat",
    },
    "geo_err_crs_out_of_range": {
        "zh": "坐标系 {crs} 为经纬度，但坐标超出经纬度范围（{extent}）；坐标系声明可能有误",
        "en": "the CRS {crs} is geographic but the coordinates are outside lon/lat range ({extent}); "
        "the declared CRS is probably wrong",
    },
    "geo_err_transform": {
        "zh": "无法从坐标系 {crs} 转换到 WGS 84（{reason}）",
        "en": "cannot transform from {crs} to WGS 84 ({reason})",
    },
    "geo_err_no_polygons": {"zh": "没有可用的面要素", "en": "holds no usable polygon features"},
    "geo_err_no_geometry_layer": {"zh": "没有包含几何图形的图层", "en": "holds no layer with geometries"},
    "geo_err_no_such_column": {
        "zh": "没有名为“{column}”的列（现有列：{columns}）",
        "en": "has no column '{column}' (columns: {columns})",
    },
    "geo_err_no_layer_has_column": {
        "zh": "所有图层都没有名为“{column}”的列",
        "en": "no layer has a column '{column}'",
    },
    "geo_err_no_code_column": {
        "zh": "找不到区划代码列：没有任何列的值与{level}区划代码（如 {examples}）相符；现有列：{columns}",
        "en": "no code column found: no column's values match the {level} division codes "
        "(e.g. {examples}); columns: {columns}",
    },
    "geo_err_no_code_matches": {
        "zh": "列“{column}”中没有任何代码与{level}区划代码相符（文件中的值如 {sample}；应为 {examples} 这类代码）",
        "en": "no value in column '{column}' matches a {level} division code (file values such as "
        "{sample}; expected codes like {examples})",
    },
    # report lines
    "geo_report_summary": {
        "zh": "文件“{file}”：代码列“{code_column}”，{features} 个要素，{matched} 个区域匹配成功",
        "en": "File '{file}': code column '{code_column}', {features} features, {matched} regions matched",
    },
    "geo_report_unknown_codes": {
        "zh": "文件“{file}”：{count} 个代码不在区划名录中，已忽略：{codes}",
        "en": "File '{file}': {count} codes are not in the registry and were ignored: {codes}",
    },
    "geo_report_missing_codes": {
        "zh": "文件“{file}”：缺少 {count} 个区域的边界：{codes}",
        "en": "File '{file}': no boundary for {count} regions: {codes}",
    },
    # warnings: read, with something repaired or dropped
    "geo_warn_gb18030": {
        "zh": "文件“{file}”：{layer} 没有 .cpg 编码文件，属性表按 GB18030（GBK）读取",
        "en": "File '{file}': {layer} has no .cpg encoding file; attributes were read as GB18030 (GBK)",
    },
    "geo_warn_no_crs_lonlat": {
        "zh": "文件“{file}”：没有坐标系信息，坐标看起来是经纬度，按 WGS 84 处理",
        "en": "File '{file}': no coordinate reference system; the coordinates look like lon/lat "
        "and were read as WGS 84",
    },
    "geo_warn_no_geometry": {
        "zh": "文件“{file}”：{count} 个要素没有几何图形，已忽略（要素序号及代码：{rows}）",
        "en": "File '{file}': {count} features have no geometry and were dropped (feature number and code: {rows})",
    },
    "geo_warn_not_polygons": {
        "zh": "文件“{file}”：{count} 个要素不是面（点或线），已忽略：{rows}",
        "en": "File '{file}': {count} features are not polygons (points or lines) and were dropped: {rows}",
    },
    "geo_warn_repaired": {
        "zh": "文件“{file}”：{count} 个无效几何（自相交等）已自动修复：{rows}",
        "en": "File '{file}': {count} invalid geometries (self-intersections etc.) were repaired: {rows}",
    },
    "geo_warn_several_layers": {
        "zh": "文件“{file}”：包含多个图层，使用代码匹配最多的 {layer}（其余：{others}）",
        "en": "File '{file}': several layers; used {layer}, which matches most codes (others: {others})",
    },
    "geo_warn_empty_codes": {
        "zh": "文件“{file}”：{count} 个要素的“{column}”列为空，已忽略",
        "en": "File '{file}': {count} features have an empty '{column}' and were dropped",
    },
    "geo_warn_duplicate_codes": {
        "zh": "文件“{file}”：{count} 个代码有多个要素，已合并：{codes}",
        "en": "File '{file}': {count} codes have several features, which were merged: {codes}",
    },
}

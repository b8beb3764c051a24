"""Strings of the import core every way in shares (issue 10): region imports, saving uploaded files, the
imports API (``POST /api/v1/imports``, ``POST /api/v1/versions/<id>/activate``) and who made each version."""

STORE_IMPORTS: dict[str, dict[str, str]] = {
    "imp_unknown_region": {
        "zh": "区域导入的区划代码 {codes} 不在当前数据版本的行政区划表中",
        "en": "The region import's code {codes} is not in the active version's regions table",
    },
    "imp_region_no_boundaries": {
        "zh": "区域导入不接受边界文件：乡镇边界由省级整层导入",
        "en": "A region import takes no boundary files: the province imports township boundaries as a whole layer",
    },
}

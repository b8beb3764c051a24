"""The part of docs/data-format.md that says how files are read: encodings, quotes, limits, cells, XLSX.

Written from the limits themselves (``chuangye.data.limits``, ``chuangye.data.schema``), so that the document
and the code never disagree; ``chuangye.data.format_doc`` puts it in the "Files and encodings" section.
"""

from __future__ import annotations

from chuangye.data.limits import ENCODING_RULES, READ_LIMITS, size_text
from chuangye.data.schema import CELL_MAX_CHARS

_TYPE_WORDS = {
    "code": "代码 / code",
    "text": "文本 / text",
    "int": "整数 / integer",
    "float": "小数 / number",
    "bool": "是/否 / yes-no",
    "date": "日期 / date",
    "category": "枚举 / choice",
}


def _encoding() -> list[str]:
    share = f"{ENCODING_RULES.max_rare_share:.0%}"
    return [
        "- **编码的判断 / Telling the encoding**：合法的 UTF-8 按 UTF-8 读取。其他文件按 GB18030 读取，"
        "但读出的文字必须像中文：除汉字和中文标点外没有假名、希腊字母、制表符号、私用区字符等；"
        f"GB2312 以外的生僻字最多占非 ASCII 字符的 {share}，且有生僻字时编码检测（charset-normalizer）"
        "也须判为 GB 编码。否则拒绝，并说明检测到的编码和第一处可疑的行。繁体中文 Big5 编码的文件"
        "按 GB18030 读出来是乱码，而且 Big5 写不出大陆名称的简化字，所以不转换、请另存为“CSV UTF-8”。",
        "  Valid UTF-8 is read as UTF-8. Any other file is read as GB18030 only when what it says reads as "
        "Chinese: besides ideographs and Chinese punctuation no kana, Greek, box drawing or private-use "
        f"characters; ideographs outside GB2312 at most {share} of the non-ASCII characters, and when there "
        "are any, the detector (charset-normalizer) must name a GB encoding too. Otherwise the file is refused, "
        "naming the encoding detected and the first doubtful line. A Big5 (Traditional Chinese) file read as "
        "GB18030 is garbled, and Big5 cannot write the simplified characters of mainland names, so it is not "
        "converted: save it as CSV UTF-8.",
    ]


def _quotes() -> list[str]:
    return [
        "- **引号 / Quotes**：一条记录不得跨行。以英文双引号开头、却没有在本行闭合的单元格（多余的引号）"
        "会把后面的行吞进一个单元格：报告引号所在的行和列，整张表不读取，其他表中依赖它的交叉检查跳过并说明一次。",
        "  A record may not run over several lines: a cell that opens with a double quote not closed on its "
        "line (a stray quote) would swallow the lines after it. The line and column of the quote are reported, "
        "the table is not read, and the checks of other tables against it are skipped (said once).",
    ]


def _limits() -> list[str]:
    lim = READ_LIMITS
    file_bytes, unzipped, floor = (
        size_text(n) for n in (lim.max_file_bytes, lim.max_unzipped_bytes, lim.zip_ratio_floor_bytes)
    )
    return [
        f"- **上限 / Limits**：每个文件最大 {file_bytes}、最多 {lim.max_rows:,} 行（CSV 的行、工作表的行，"
        f"含表头和空行）、每行最多 {lim.max_columns} 列；XLSX 解压后合计最多 {unzipped}，单个成员解压后"
        f"超过 {floor} 时压缩比最多 {lim.max_zip_ratio}:1（按压缩包目录判断，“压缩炸弹”在解压前即被拒绝）。"
        "超过上限的文件在读取前（或读到上限时）即被拒绝，并说明上限。",
        f"  A file is at most {file_bytes}, {lim.max_rows:,} rows (lines of a CSV, rows of a sheet, header and "
        f"blank rows included) and {lim.max_columns} columns a row; an XLSX unpacks to at most {unzipped} in all, "
        f"and a member unpacking to more than {floor} may not exceed a ratio of {lim.max_zip_ratio}:1 (judged "
        "from the archive's directory, so a zip bomb is refused before anything is inflated). A file over a "
        "limit is refused before it is read, or when the limit is reached, and the message names the limit.",
    ]


def _cells() -> list[str]:
    per_type = "，".join(f"{_TYPE_WORDS[kind]} {n}" for kind, n in CELL_MAX_CHARS.items())
    return [
        "- **单元格 / Cells**：每列有字符数上限，见下面各表的“取值”列（未单独规定的列按类型："
        f"{per_type}），超过即报错。文本列不得含控制字符（NUL、制表符、换行等）、不可见的格式字符"
        "（零宽空格、文字方向控制符等）、私用区字符和替换字符 U+FFFD。",
        "  Each column has a length limit, in the values column of the tables below (by type unless the column "
        "sets one, as listed); a longer cell is an error. Text columns may not hold control characters (NUL, "
        "tab, line breaks ...), invisible format characters (zero-width spaces, direction overrides ...), "
        "private-use characters or U+FFFD.",
    ]


def _xlsx() -> list[str]:
    return [
        "- **XLSX 的隐藏、合并与公式 / Hidden, merged and formula cells in XLSX**：隐藏的工作表和隐藏的行照常读取，"
        "并给出警告（工作表名和行号）；数据中的合并单元格（只有左上角有值）和没有计算结果的公式报错，"
        "说明与哪个单元格合并、是什么公式。",
        "  Hidden sheets and hidden rows are read, with a warning naming the sheet and the rows; merged cells in "
        "the data (only the top-left one holds the value) and formulas without a cached value are errors that "
        "say which cell they are merged with and what the formula is.",
    ]


def reading_rules_md() -> list[str]:
    """Markdown list items, Chinese then English."""
    return _encoding() + _quotes() + _limits() + _cells() + _xlsx()

"""``chuangye``: the command-line tool (sample, validate, import, versions, rollback, coverage, unit, report, serve)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from chuangye.data.schema import UNIT_TYPES
from chuangye.strings.i18n import bilingual


def _help(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def build_parser() -> argparse.ArgumentParser:
    # Options every sub-command shares, written after it: "chuangye coverage ... --lang en".
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=None,
        help=_help(
            "数据目录（默认 $CHUANGYE_DATA_DIR 或 ./data）", "data directory (default $CHUANGYE_DATA_DIR or ./data)"
        ),
    )
    common.add_argument(
        "--config",
        default=None,
        help=_help(
            "指标配置文件（默认内置 indicators.toml）",
            "indicator configuration file (default: the packaged indicators.toml)",
        ),
    )
    common.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help=_help("输出语言（默认中文）", "output language (default Chinese)"),
    )
    parser = argparse.ArgumentParser(prog="chuangye", description=bilingual("cli_description"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("sample", parents=[common], help=_help("生成示例数据", "generate sample data"))
    p.add_argument(
        "--scale",
        choices=("jiangsu", "national"),
        default="jiangsu",
        help=_help("江苏真实区划或全国合成规模", "real Jiangsu registry or synthetic national scale"),
    )
    p.add_argument("--out", help=_help("输出目录", "output directory"))
    p.add_argument("--seed", type=int, default=None, help=_help("随机种子", "random seed"))

    p = sub.add_parser(
        "validate", parents=[common], help=_help("校验输入文件（不改动数据）", "validate input files (changes nothing)")
    )
    p.add_argument("paths", nargs="+", help=_help("CSV/XLSX 文件或目录", "CSV/XLSX files or directories"))

    p = sub.add_parser(
        "import",
        parents=[common],
        help=_help("校验并导入数据（原子切换版本）", "validate and import data (atomic version switch)"),
    )
    p.add_argument(
        "paths",
        nargs="*",
        help=_help(
            "CSV/XLSX 文件或目录（只导入边界时可省略）；边界文件另用 --boundaries",
            "CSV/XLSX files or directories (none when importing only boundaries); boundaries go in --boundaries",
        ),
    )
    p.add_argument(
        "--boundaries",
        help=_help(
            "乡镇边界文件（Shapefile/zip/GeoJSON/GeoPackage）",
            "township boundary file (Shapefile/zip/GeoJSON/GeoPackage)",
        ),
    )
    p.add_argument("--code-column", help=_help("边界文件中的代码列", "code column of the boundary file"))

    sub.add_parser("versions", parents=[common], help=_help("列出数据版本", "list data versions"))
    p = sub.add_parser(
        "rollback",
        parents=[common],
        help=_help("回滚到上一版本或指定版本", "roll back to the previous or a given version"),
    )
    p.add_argument("version", nargs="?", help=_help("版本号", "version id"))

    p = sub.add_parser(
        "coverage", parents=[common], help=_help("覆盖率、差距与进度状态", "coverage, gap and progress status")
    )
    p.add_argument("--year", type=int, required=True, help=_help("年度", "year"))
    p.add_argument("--level", choices=("province", "city", "county"), default="province", help=_help("层级", "level"))
    p.add_argument("--type", choices=UNIT_TYPES, dest="unit_type", help=_help("单位类型", "unit type"))
    p.add_argument("--parent", help=_help("上级区划代码，如 320100", "parent region code, e.g. 320100"))
    p.add_argument(
        "--basis",
        choices=("certified", "meets"),
        default="certified",
        help=_help("口径：已认定或指标达标", "basis: certified or meets the standard"),
    )
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        dest="fmt",
        help=_help("输出格式", "output format"),
    )

    p = sub.add_parser("unit", parents=[common], help=_help("单位成绩单", "unit scorecard"))
    p.add_argument("code", help=_help("单位代码", "unit code"))
    p.add_argument("--year", type=int, required=True, help=_help("年度", "year"))
    p.add_argument(
        "--format", choices=("table", "json"), default="table", dest="fmt", help=_help("输出格式", "output format")
    )

    p = sub.add_parser(
        "report",
        parents=[common],
        help=_help("生成地区进度报告（PDF 或 Word）", "write a region progress report (PDF or Word)"),
    )
    p.add_argument(
        "--region",
        required=True,
        help=_help("省、市或县区划代码，如 320000、320100、320102", "province, city or county code, e.g. 320100"),
    )
    p.add_argument("--year", type=int, required=True, help=_help("年度", "year"))
    p.add_argument(
        "--format", choices=("pdf", "docx"), default="pdf", dest="fmt", help=_help("文件格式", "file format")
    )
    p.add_argument("--out", required=True, help=_help("输出文件路径", "output file path"))
    p.add_argument(
        "--basis",
        choices=("certified", "meets"),
        default="certified",
        help=_help("口径：已认定或指标达标", "basis: certified or meets the standard"),
    )

    p = sub.add_parser("serve", parents=[common], help=_help("启动看板", "start the dashboard"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--debug", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from chuangye.cli import commands  # heavy imports only once the arguments are known

    handler = getattr(commands, f"cmd_{args.command}")
    try:
        return int(handler(args) or 0)
    except commands.CliError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0

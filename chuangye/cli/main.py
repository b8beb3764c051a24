"""``chuangye``: the command-line tool (sample, validate, import, versions, rollback, coverage, unit, report, serve)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from chuangye.data.schema import UNIT_TYPES
from chuangye.strings.i18n import bilingual


def build_parser() -> argparse.ArgumentParser:
    # Options every sub-command shares, written after it: "chuangye coverage ... --lang en".
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=None,
        help=bilingual("cli_help_data_dir"),
    )
    common.add_argument(
        "--config",
        default=None,
        help=bilingual("cli_help_config"),
    )
    common.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help=bilingual("cli_help_lang"),
    )
    parser = argparse.ArgumentParser(prog="chuangye", description=bilingual("cli_description"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("sample", parents=[common], help=bilingual("cli_help_sample"))
    p.add_argument(
        "--scale",
        choices=("jiangsu", "national"),
        default="jiangsu",
        help=bilingual("cli_help_scale"),
    )
    p.add_argument("--out", help=bilingual("cli_help_out_dir"))
    p.add_argument("--seed", type=int, default=None, help=bilingual("cli_help_seed"))

    p = sub.add_parser("validate", parents=[common], help=bilingual("cli_help_validate"))
    p.add_argument("paths", nargs="+", help=bilingual("cli_help_validate_paths"))

    p = sub.add_parser(
        "import",
        parents=[common],
        help=bilingual("cli_help_import"),
    )
    p.add_argument(
        "paths",
        nargs="*",
        help=bilingual("cli_help_import_paths"),
    )
    p.add_argument(
        "--boundaries",
        help=bilingual("cli_help_boundaries"),
    )
    p.add_argument("--code-column", help=bilingual("cli_help_code_column"))

    sub.add_parser("versions", parents=[common], help=bilingual("cli_help_versions"))
    p = sub.add_parser(
        "rollback",
        parents=[common],
        help=bilingual("cli_help_rollback"),
    )
    p.add_argument("version", nargs="?", help=bilingual("cli_help_version"))

    p = sub.add_parser("coverage", parents=[common], help=bilingual("cli_help_coverage"))
    p.add_argument("--year", type=int, required=True, help=bilingual("cli_help_year"))
    p.add_argument(
        "--level", choices=("province", "city", "county"), default="province", help=bilingual("cli_help_level")
    )
    p.add_argument("--type", choices=UNIT_TYPES, dest="unit_type", help=bilingual("cli_help_unit_type"))
    p.add_argument("--parent", help=bilingual("cli_help_parent"))
    p.add_argument(
        "--basis",
        choices=("certified", "meets"),
        default="certified",
        help=bilingual("cli_help_basis"),
    )
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        dest="fmt",
        help=bilingual("cli_help_output_format"),
    )

    p = sub.add_parser("unit", parents=[common], help=bilingual("cli_help_unit"))
    p.add_argument("code", help=bilingual("cli_help_unit_code"))
    p.add_argument("--year", type=int, required=True, help=bilingual("cli_help_year"))
    p.add_argument(
        "--format", choices=("table", "json"), default="table", dest="fmt", help=bilingual("cli_help_output_format")
    )

    p = sub.add_parser(
        "report",
        parents=[common],
        help=bilingual("cli_help_report"),
    )
    p.add_argument(
        "--region",
        required=True,
        help=bilingual("cli_help_region"),
    )
    p.add_argument("--year", type=int, required=True, help=bilingual("cli_help_year"))
    p.add_argument(
        "--format", choices=("pdf", "docx"), default="pdf", dest="fmt", help=bilingual("cli_help_file_format")
    )
    p.add_argument("--out", required=True, help=bilingual("cli_help_out_file"))
    p.add_argument(
        "--basis",
        choices=("certified", "meets"),
        default="certified",
        help=bilingual("cli_help_basis"),
    )

    p = sub.add_parser("serve", parents=[common], help=bilingual("cli_help_serve"))
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

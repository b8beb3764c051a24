"""``chuangye``: the command-line tool (sample, validate, import, versions, check, rollback, coverage, unit, report,
serve, template, users, audit).

The language (``--lang`` or ``$CHUANGYE_LANG``, Chinese by default) is decided before parsing, so usage, help
and argparse's errors are in it. Exit codes (the README lists them): 0 success, 1 the data has errors
(validate, import), 2 wrong command line or input (unknown region, unit or year ...), 3 nothing matches,
4 the dashboard server could not start, 5 the accounts database cannot be opened or written (users, audit),
6 the data store is damaged (check) or cannot be written (a full disk, a read-only data directory).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence

from chuangye.cli import template_command
from chuangye.cli.account_parsers import add_account_commands
from chuangye.cli.exit_codes import EXIT_OK, EXIT_STORE
from chuangye.cli.language import LANGS, TranslatedParser, requested_lang
from chuangye.data.headers import CHOICE_ALIASES, normalise_header
from chuangye.data.problems import LIST_PER_GROUP, LIST_TOTAL
from chuangye.data.schema import REGION_LEVELS, UNIT_TYPES
from chuangye.strings.i18n import t


def _alias_type(
    name: str, aliases: Mapping[str, str], codes: Sequence[str], message: str, choices: str, lang: str
) -> Callable[[str], str]:
    """An argparse ``type`` that turns any accepted spelling (code, Chinese name, alias) into the code."""
    lookup = {normalise_header(code): code for code in codes}
    lookup.update({normalise_header(spelling): code for spelling, code in aliases.items() if code in codes})

    def convert(text: str) -> str:
        code = lookup.get(normalise_header(text))
        if code is None:
            raise argparse.ArgumentTypeError(t(message, lang, value=text, choices=choices))
        return code

    convert.__name__ = name
    return convert


def unit_type_arg(lang: str) -> Callable[[str], str]:
    """``street_town``, ``街道(乡镇)``, ``街道``, ``乡镇``, ``社区(村)``, ``村``, ``园区`` ... → the unit type code."""
    if lang == "en":
        choices = ", ".join(f"{code} ({t(f'type_{code}', 'zh')})" for code in UNIT_TYPES)
    else:
        choices = "、".join(f"{t(f'type_{code}', 'zh')}（{code}）" for code in UNIT_TYPES)
    return _alias_type("unit_type", CHOICE_ALIASES["unit_type"], UNIT_TYPES, "cli_bad_unit_type", choices, lang)


def level_arg(lang: str) -> Callable[[str], str]:
    separator = ", " if lang == "en" else "、"
    choices = separator.join(f"{code} ({t(f'level_{code}', lang)})" for code in REGION_LEVELS)
    return _alias_type("level", CHOICE_ALIASES["level"], REGION_LEVELS, "cli_bad_level", choices, lang)


def year_arg(lang: str) -> Callable[[str], int]:
    def year(text: str) -> int:
        value = text.strip()
        if not (value.isdigit() and len(value) == 4):
            raise argparse.ArgumentTypeError(t("cli_bad_year", lang, value=text))
        return int(value)

    return year


def note_arg(lang: str) -> Callable[[str], str]:
    from chuangye.data.store import NOTE_MAX_CHARS

    def note(text: str) -> str:
        if len(text) > NOTE_MAX_CHARS:
            raise argparse.ArgumentTypeError(t("cli_bad_note", lang, limit=NOTE_MAX_CHARS, length=len(text)))
        return text.strip()

    return note


def add_consent_flags(p: argparse.ArgumentParser, help_text: Callable[[str], str]) -> None:
    """What an import may do only when the user says so (chuangye/data/changes.py); validate takes them too, so
    that it says what the import would say."""
    p.add_argument("--allow-empty", action="store_true", help=help_text("cli_help_allow_empty"))
    p.add_argument("--allow-shrink", action="store_true", help=help_text("cli_help_allow_shrink"))
    p.add_argument("--with-sample", action="store_true", help=help_text("cli_help_with_sample"))


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The parser, its usage, help and errors in ``lang``; ``--lang`` defaults to ``lang``."""

    def help_text(key: str, **values: object) -> str:
        return t(key, lang, **values)

    # Options every sub-command shares, written after it: "chuangye coverage ... --lang en".
    common = TranslatedParser(add_help=False, lang=lang)
    common.add_argument("--data-dir", default=None, metavar="DIR", help=help_text("cli_help_data_dir"))
    common.add_argument("--config", default=None, metavar="FILE", help=help_text("cli_help_config"))
    parser = TranslatedParser(
        prog="chuangye", description=help_text("cli_description"), epilog=help_text("cli_usage_hint"), lang=lang
    )
    parser.add_argument("--lang", choices=LANGS, default=lang, help=help_text("cli_help_lang"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_key: str, lang_help: str = "cli_help_lang") -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text(help_key), description=help_text(help_key))
        p.add_argument("--lang", choices=LANGS, default=lang, help=help_text(lang_help))
        return p

    year = year_arg(lang)
    p = command("sample", "cli_help_sample")
    p.add_argument("--scale", choices=("jiangsu", "national"), default="jiangsu", help=help_text("cli_help_scale"))
    p.add_argument("--out", metavar="DIR", help=help_text("cli_help_out_dir"))
    p.add_argument("--seed", type=int, default=None, help=help_text("cli_help_seed"))

    p = command("validate", "cli_help_validate")
    p.add_argument("paths", nargs="+", metavar="PATH", help=help_text("cli_help_validate_paths"))
    p.add_argument(
        "--all",
        action="store_true",
        dest="list_all",
        help=help_text("cli_help_all", per_group=LIST_PER_GROUP, total=LIST_TOTAL),
    )
    add_consent_flags(p, help_text)

    p = command("import", "cli_help_import")
    p.add_argument("paths", nargs="*", metavar="PATH", help=help_text("cli_help_import_paths"))
    p.add_argument("--boundaries", metavar="FILE", help=help_text("cli_help_boundaries"))
    p.add_argument("--code-column", metavar="COLUMN", help=help_text("cli_help_code_column"))
    p.add_argument("--note", metavar="TEXT", type=note_arg(lang), help=help_text("cli_help_note"))
    add_consent_flags(p, help_text)

    p = command("versions", "cli_help_versions")
    pins = p.add_mutually_exclusive_group()
    pins.add_argument("--pin", metavar="ID", help=help_text("cli_help_pin"))
    pins.add_argument("--unpin", metavar="ID", help=help_text("cli_help_unpin"))
    command("check", "cli_help_check")
    p = command("rollback", "cli_help_rollback")
    p.add_argument("version", nargs="?", help=help_text("cli_help_version"))

    p = command("coverage", "cli_help_coverage")
    p.add_argument("--year", type=year, required=True, help=help_text("cli_help_year"))
    p.add_argument("--level", type=level_arg(lang), default="province", help=help_text("cli_help_level"))
    p.add_argument("--type", type=unit_type_arg(lang), dest="unit_type", help=help_text("cli_help_unit_type"))
    p.add_argument("--parent", metavar="CODE", help=help_text("cli_help_parent"))
    p.add_argument("--basis", choices=("certified", "meets"), default="certified", help=help_text("cli_help_basis"))
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        dest="fmt",
        help=help_text("cli_help_output_format"),
    )

    p = command("unit", "cli_help_unit")
    p.add_argument("code", help=help_text("cli_help_unit_code"))
    p.add_argument("--year", type=year, required=True, help=help_text("cli_help_year"))
    p.add_argument(
        "--format", choices=("table", "json"), default="table", dest="fmt", help=help_text("cli_help_output_format")
    )

    p = command("report", "cli_help_report")
    p.add_argument("--region", required=True, metavar="CODE", help=help_text("cli_help_region"))
    p.add_argument("--year", type=year, required=True, help=help_text("cli_help_year"))
    p.add_argument(
        "--format", choices=("pdf", "docx"), default="pdf", dest="fmt", help=help_text("cli_help_file_format")
    )
    p.add_argument("--out", required=True, metavar="FILE", help=help_text("cli_help_out_file"))
    p.add_argument("--basis", choices=("certified", "meets"), default="certified", help=help_text("cli_help_basis"))

    p = command("serve", "cli_help_serve", lang_help="cli_help_serve_lang")
    p.add_argument("--host", default="127.0.0.1", help=help_text("cli_help_host"))
    p.add_argument("--port", type=int, default=8050, help=help_text("cli_help_port"))
    p.add_argument("--no-auth", action="store_true", help=help_text("cli_help_no_auth"))
    p.add_argument("--workers", type=int, default=1, metavar="N", help=help_text("cli_help_workers"))

    template_command.add_template_command(sub, common, lang)  # template
    add_account_commands(sub, common, lang)  # users …, audit
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(requested_lang(arguments, os.environ)).parse_args(arguments)
    from chuangye.cli import account_commands, commands  # heavy imports only once the arguments are known
    from chuangye.data.store import StoreError

    handler = (
        getattr(commands, f"cmd_{args.command}", None)
        or getattr(template_command, f"cmd_{args.command}", None)
        or getattr(account_commands, f"cmd_{args.command}")
    )
    try:
        return int(handler(args) or EXIT_OK)
    except commands.CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except StoreError as exc:  # a damaged version, a full disk, a read-only directory: in words, no traceback
        print(str(exc), file=sys.stderr)
        return EXIT_STORE
    except BrokenPipeError:
        return EXIT_OK

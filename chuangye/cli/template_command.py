"""``chuangye template TABLE|all [--region CODE] [--year Y] --out FILE [--lang zh|en]``: an XLSX template to fill in
(``docs/templates.md``), pre-filled for a region as its city or county user would get it from the API."""

from __future__ import annotations

import argparse
import errno
from pathlib import Path

from chuangye.cli.exit_codes import EXIT_OK, EXIT_USAGE
from chuangye.cli.language import LANGS
from chuangye.strings.i18n import bilingual, t

TEMPLATE_SUFFIX = ".xlsx"


def add_template_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:
    """The ``template`` sub-command on the top-level sub-parsers ``sub``."""

    def help_text(key: str) -> str:
        return t(key, lang)

    p = sub.add_parser(
        "template", parents=[common], help=help_text("tpl_cli_help"), description=help_text("tpl_cli_help")
    )
    p.add_argument("--lang", choices=LANGS, default=lang, help=help_text("tpl_cli_help_lang"))
    p.add_argument("table", metavar="TABLE", help=help_text("tpl_cli_help_table"))
    p.add_argument("--region", metavar="CODE", help=help_text("tpl_cli_help_region"))
    p.add_argument("--year", metavar="Y", help=help_text("tpl_cli_help_year"))
    p.add_argument("--out", required=True, metavar="FILE", help=help_text("tpl_cli_help_out"))


def cmd_template(args: argparse.Namespace) -> int:
    from chuangye.cli.commands import CliError, _analytics, audit_change
    from chuangye.engine.scope import scoped
    from chuangye.exports.templates import (
        TemplateError,
        build_template,
        checked_region,
        checked_year,
        region_scope,
        table_of,
    )

    out = Path(args.out)
    if out.suffix.lower() != TEMPLATE_SUFFIX:
        raise CliError(bilingual("tpl_err_out_suffix", path=out))
    try:
        table = table_of(args.table)
        whole = _analytics(args)
        year = checked_year(whole, args.year)
        region = checked_region(whole.regions, args.region.strip()) if args.region else None
    except TemplateError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    an = scoped(whole, region_scope(whole.regions, region)) if region else whole
    template = build_template(an, table, region=region, year=year, lang=args.lang)
    _write(out, template.content, CliError)
    detail = {"table": table, "year": year, "lang": args.lang, "rows": template.prefilled, "via": "cli"}
    audit_change(args, "template", table, "ok", detail, region=region)  # as the API's: who took which area's units
    size = f"{len(template.content) / 1024:,.0f}"
    print(bilingual("tpl_cli_done", path=out, size=size, rows=f"{template.prefilled:,}"))
    return EXIT_OK


def _write(out: Path, content: bytes, error: type[Exception]) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as exc:
        reason = exc.strerror or errno.errorcode.get(exc.errno or 0, type(exc).__name__)
        raise error(bilingual("tpl_err_write", path=out, reason=reason)) from None


__all__ = ["add_template_command", "cmd_template"]

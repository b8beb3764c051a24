"""The parsers of ``chuangye users …`` and ``chuangye audit`` (their work is in ``account_commands.py``).

Kept apart from ``main.py`` so that this module stays light: it imports argparse and strings only.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from chuangye.cli.language import LANGS
from chuangye.data.db.codes import ACTIONS, ROLES
from chuangye.data.headers import normalise_header
from chuangye.strings.i18n import t

ROLE_ALIASES = {
    "管理员": "admin",
    "省厅管理员": "admin",
    "省厅": "province",
    "省": "province",
    "市局": "city",
    "市": "city",
    "县区": "county",
    "县": "county",
    "区": "county",
}
USER_ACTIONS = ("add", "list", "disable", "enable", "reset-password", "token")
FORMATS = ("table", "csv", "json")


def role_arg(lang: str) -> Callable[[str], str]:
    """``admin``, ``city`` … or the Chinese ``省厅管理员``, ``市局`` … → the role code."""
    lookup = {normalise_header(code): code for code in ROLES}
    lookup.update({normalise_header(alias): code for alias, code in ROLE_ALIASES.items()})
    separator = ", " if lang == "en" else "、"
    choices = separator.join(f"{code} ({t(f'acct_role_{code}', lang)})" for code in ROLES)

    def role(text: str) -> str:
        code = lookup.get(normalise_header(text))
        if code is None:
            raise argparse.ArgumentTypeError(t("acct_cli_bad_role", lang, value=text, choices=choices))
        return code

    return role


def moment_arg(lang: str, *, end_of_day: bool) -> Callable[[str], dt.datetime]:
    """``2026-12-01`` (a whole day: from its start, or up to its end with ``end_of_day``) or an ISO date and time;
    read as UTC unless it carries an offset (``2026-12-01T08:00+08:00``)."""

    def moment(text: str) -> dt.datetime:
        value = text.strip()
        try:
            if len(value) == 10:
                day = dt.date.fromisoformat(value)
                start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
                return start + dt.timedelta(days=1) if end_of_day else start
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise argparse.ArgumentTypeError(t("acct_cli_bad_date", lang, value=text)) from None
        return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)

    return moment


def action_arg(lang: str, actions: tuple[str, ...]) -> Callable[[str], str]:
    def action(text: str) -> str:
        if text.strip() not in actions:
            raise argparse.ArgumentTypeError(t("acct_cli_bad_action", lang, value=text, choices=", ".join(actions)))
        return text.strip()

    return action


def add_account_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:
    """``users`` (with its own sub-commands) and ``audit``, on the top-level sub-parsers ``sub``."""

    def help_text(key: str, **values: object) -> str:
        return t(key, lang, **values)

    def leaf(parent: argparse._SubParsersAction, name: str, help_key: str) -> argparse.ArgumentParser:
        # the shared options (--data-dir, --config, --lang) go on the leaves only: argparse lets a sub-parser's
        # defaults overwrite what its parent parsed
        p = parent.add_parser(name, parents=[common], help=help_text(help_key), description=help_text(help_key))
        p.add_argument("--lang", choices=LANGS, default=lang, help=help_text("cli_help_lang"))
        return p

    users = sub.add_parser("users", help=help_text("acct_cli_help_users"), description=help_text("acct_cli_help_users"))
    actions_sub = users.add_subparsers(dest="users_action", required=True, metavar="ACTION")

    p = leaf(actions_sub, "add", "acct_cli_help_add")
    p.add_argument("username", metavar="USERNAME", help=help_text("acct_cli_help_username"))
    p.add_argument("--role", type=role_arg(lang), required=True, help=help_text("acct_cli_help_role"))
    p.add_argument("--region", metavar="CODE", help=help_text("acct_cli_help_region"))
    p.add_argument("--name", default="", dest="display_name", help=help_text("acct_cli_help_display_name"))
    p.add_argument("--password", metavar="PW", help=help_text("acct_cli_help_password"))
    p.add_argument("--sso", action="store_true", help=help_text("acct_cli_help_sso"))

    p = leaf(actions_sub, "list", "acct_cli_help_list")
    p.add_argument("--format", choices=FORMATS, default="table", dest="fmt", help=help_text("cli_help_output_format"))

    for name in ("disable", "enable", "token"):
        p = leaf(actions_sub, name, f"acct_cli_help_{name}")
        p.add_argument("username", metavar="USERNAME", help=help_text("acct_cli_help_username"))
    p = leaf(actions_sub, "reset-password", "acct_cli_help_reset")
    p.add_argument("username", metavar="USERNAME", help=help_text("acct_cli_help_username"))
    p.add_argument("--password", metavar="PW", help=help_text("acct_cli_help_password"))

    p = leaf(sub, "audit", "acct_cli_help_audit")
    p.add_argument(
        "--since", type=moment_arg(lang, end_of_day=False), metavar="DATE", help=help_text("acct_cli_help_since")
    )
    p.add_argument(
        "--until", type=moment_arg(lang, end_of_day=True), metavar="DATE", help=help_text("acct_cli_help_until")
    )
    p.add_argument("--user", metavar="USERNAME", help=help_text("acct_cli_help_audit_user"))
    p.add_argument(
        "--action",
        type=action_arg(lang, ACTIONS),
        metavar="ACTION",
        help=help_text("acct_cli_help_audit_action", actions=", ".join(ACTIONS)),
    )
    p.add_argument("--limit", type=int, default=None, metavar="N", help=help_text("acct_cli_help_limit"))
    p.add_argument("--format", choices=FORMATS, default="table", dest="fmt", help=help_text("cli_help_output_format"))

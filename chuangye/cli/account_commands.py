"""``chuangye users …`` and ``chuangye audit``: accounts and the audit trail from the command line.

Every change is made through ``chuangye.data.db.Accounts`` and so lands in the audit trail, under the user
``cli:<OS login>``. The database is the one ``--data-dir`` / ``$CHUANGYE_DATA_DIR`` or ``$CHUANGYE_DATABASE_URL``
names, as for every other command.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from chuangye.cli.actor import cli_actor
from chuangye.cli.commands import CliError, open_store
from chuangye.cli.exit_codes import EXIT_DATABASE, EXIT_EMPTY, EXIT_OK, EXIT_USAGE
from chuangye.data.db import (
    AccountError,
    Accounts,
    AuditRecord,
    AuditTrail,
    Database,
    DatabaseError,
    PolicyError,
    User,
)
from chuangye.exports.tables import neutralise
from chuangye.strings.i18n import bilingual, t

REGION_ROLES = ("city", "county")


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Database]:
    """The database of ``--data-dir`` (or ``$CHUANGYE_DATABASE_URL``); its failures as one bilingual line."""
    try:
        db = Database.open(args.data_dir)
    except PolicyError as exc:
        raise CliError(str(exc)) from None
    except DatabaseError as exc:
        raise CliError(str(exc), EXIT_DATABASE) from None
    try:
        yield db
    except AccountError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except DatabaseError as exc:  # ReadOnlyDatabase included
        raise CliError(str(exc), EXIT_DATABASE) from None
    finally:
        db.close()


# ------------------------------------------------------------------------------------------------ users


def cmd_users(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "add": users_add,
        "list": users_list,
        "disable": lambda a: users_set_disabled(a, True),
        "enable": lambda a: users_set_disabled(a, False),
        "reset-password": users_reset_password,
        "token": users_token,
    }
    return handlers[args.users_action](args)


def users_add(args: argparse.Namespace) -> int:
    from chuangye.data.db.accounts import check_role_region

    with opened(args) as db:
        db.require_writable()  # before asking for a password that could not be saved
        check_role_region(args.role, args.region)  # the region's shape first: no data needed to say it is missing
        regions = _regions(args) if args.role in REGION_ROLES else {}
        password = None if args.sso else (args.password or ask_password(args.lang))
        user = Accounts(db).add_user(
            args.username,
            args.role,
            region=args.region,
            display_name=args.display_name,
            password=password,
            sso=args.sso,
            by=cli_actor(),
            level_of=lambda code: regions[code][0] if code in regions else None,
        )
    words = {"username": user.username}
    for lang in ("zh", "en"):
        role = t(f"acct_role_{user.role}", lang)
        if user.region:
            name = regions[user.region][1 if lang == "zh" else 2]
            role += f"{'，' if lang == 'zh' else ', '}{user.region} {name}"
        words[f"role_{lang}"] = role
    print(bilingual("acct_cli_added_sso" if args.sso else "acct_cli_added", **words))
    return EXIT_OK


def _regions(args: argparse.Namespace) -> dict[str, tuple[str, str, str]]:
    """Region code → (level, Chinese name, English name) in the active dataset (what every other command reads)."""
    regions = open_store(args).active().regions
    return {
        str(row["region_code"]): (str(row["level"]), str(row["name"]), str(row.get("name_en") or row["name"]))
        for row in regions.to_dict("records")
    }


def ask_password(lang: str, *, stdin=None) -> str:
    """The password, asked twice: with getpass on a terminal, else the first two lines of standard input (so
    that a script can pipe it in without it showing in the process list)."""
    stdin = stdin or sys.stdin
    first_prompt, second_prompt = t("acct_cli_prompt_password", lang), t("acct_cli_prompt_again", lang)
    if stdin.isatty():
        first, second = getpass.getpass(first_prompt), getpass.getpass(second_prompt)
    else:
        first, second = stdin.readline().rstrip("\r\n"), stdin.readline().rstrip("\r\n")
    if not first:
        raise CliError(bilingual("acct_cli_no_password"))
    if first != second:
        raise CliError(bilingual("acct_cli_passwords_differ"))
    return first


def users_list(args: argparse.Namespace) -> int:
    with opened(args) as db:
        users = Accounts(db).list_users()
        now = db.clock()
    rows = [_user_row(user, now) for user in users]
    if args.fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.fmt == "csv":
        _write_csv(rows, USER_COLUMNS)
    elif rows:
        print(_table(rows, USER_COLUMNS, args.lang, _user_cell))
    if not rows:
        raise CliError(bilingual("acct_cli_no_users"), EXIT_EMPTY)
    return EXIT_OK


USER_COLUMNS = (
    "username",
    "role",
    "region",
    "display_name",
    "auth_source",
    "state",
    "must_change_password",
    "locked_until",
    "created_at",
    "last_login_at",
)


def _user_row(user: User, now) -> dict[str, object]:
    state = "disabled" if user.disabled else "locked" if user.locked_at(now) else "enabled"
    return {
        "username": user.username,
        "role": user.role,
        "region": user.region,
        "display_name": user.display_name,
        "auth_source": user.auth_source,
        "state": state,
        "must_change_password": user.must_change_password,
        "locked_until": _iso(user.locked_until) if state == "locked" else None,
        "created_at": _iso(user.created_at),
        "last_login_at": _iso(user.last_login_at),
    }


def _user_cell(column: str, value: object, lang: str) -> str:
    if column == "role":
        return t(f"acct_role_{value}", lang)
    if column in ("state", "auth_source"):
        return t(f"acct_cli_{column}_{value}", lang)
    if column == "must_change_password":
        return t("acct_cli_yes" if value else "acct_cli_no", lang)
    return "—" if value in (None, "") else str(value)


def users_set_disabled(args: argparse.Namespace, disabled: bool) -> int:
    with opened(args) as db:
        user = Accounts(db).set_disabled(args.username, disabled, by=cli_actor())
    print(bilingual("acct_cli_disabled" if disabled else "acct_cli_enabled", username=user.username))
    return EXIT_OK


def users_reset_password(args: argparse.Namespace) -> int:
    with opened(args) as db:
        db.require_writable()
        accounts = Accounts(db)
        if accounts.get(args.username) is None:  # say so before asking for a password
            raise AccountError("no_such_user", {"username": args.username})
        password = args.password or ask_password(args.lang)
        user = accounts.reset_password(args.username, password, by=cli_actor())
    print(bilingual("acct_cli_reset", username=user.username))
    return EXIT_OK


def users_token(args: argparse.Namespace) -> int:
    with opened(args) as db:
        token = Accounts(db).issue_token(args.username, by=cli_actor())
    print(token)  # alone on standard output, for a script to capture
    print(bilingual("acct_cli_token_once", username=args.username), file=sys.stderr)
    return EXIT_OK


# ------------------------------------------------------------------------------------------------ audit

AUDIT_COLUMNS = ("at", "username", "role", "address", "action", "object", "region", "outcome", "detail")


def cmd_audit(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise CliError(bilingual("acct_cli_bad_limit", value=args.limit))
    with opened(args) as db:
        records = AuditTrail(db).search(
            since=args.since, until=args.until, user=args.user, action=args.action, limit=args.limit
        )
    rows = [_audit_row(record) for record in records]
    if args.fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.fmt == "csv":
        _write_csv([{**row, "detail": _detail_text(row["detail"])} for row in rows], AUDIT_COLUMNS)
    elif rows:
        print(_table(rows, AUDIT_COLUMNS, args.lang, _audit_cell))
    if not rows:
        raise CliError(bilingual("acct_cli_no_records"), EXIT_EMPTY)
    return EXIT_OK


def _audit_row(record: AuditRecord) -> dict[str, object]:
    return {
        "at": _iso(record.at),
        "username": record.username,
        "role": record.role,
        "address": record.address,
        "action": record.action,
        "object": record.object,
        "region": record.region,
        "outcome": record.outcome,
        "detail": record.detail,
    }


def _audit_cell(column: str, value: object, lang: str) -> str:
    if value in (None, "", {}):
        return "—"
    if column == "action":
        return t(f"audit_action_{value}", lang)
    if column == "outcome":
        return t(f"audit_outcome_{value}", lang)
    if column == "role":
        return t(f"acct_role_{value}", lang)
    if column == "detail":
        return _detail_text(value)
    return str(value)


def _detail_text(detail: object) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""


# ------------------------------------------------------------------------------------------------ output


def _iso(moment) -> str | None:
    """UTC, ISO 8601 to the second: ``2026-12-01T08:00:00+00:00``."""
    return None if moment is None else moment.isoformat(timespec="seconds")


def _write_csv(rows: Sequence[dict[str, object]], columns: Sequence[str]) -> None:
    """UTF-8 with a BOM (Excel and WPS keep the Chinese), CRLF rows, no cell a spreadsheet would run as a
    formula (a username or object could begin with ``=``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(_csv_value(row[column])) for column in columns])
    sys.stdout.flush()
    sys.stdout.buffer.write(buffer.getvalue().encode("utf-8-sig"))
    sys.stdout.buffer.flush()


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _table(
    rows: Sequence[dict[str, object]], columns: Sequence[str], lang: str, cell: Callable[[str, object, str], str]
) -> str:
    """A plain text table, headings in ``lang``, Chinese characters counted two columns wide."""
    import pandas as pd

    frame = pd.DataFrame(
        {t(f"acct_cli_col_{column}", lang): [cell(column, row[column], lang) for row in rows] for column in columns},
        dtype=object,
    )
    with pd.option_context("display.unicode.east_asian_width", True, "display.max_colwidth", 80):
        return frame.to_string(index=False)

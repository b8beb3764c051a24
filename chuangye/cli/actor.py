"""Who a command-line change is by, in the audit trail: ``cli:<OS login>`` from this machine."""

from __future__ import annotations

import getpass

from chuangye.data.db.audit import Actor


def cli_actor() -> Actor:
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        login = "unknown"
    return Actor(f"cli:{login}", None, "local")


__all__ = ["cli_actor"]

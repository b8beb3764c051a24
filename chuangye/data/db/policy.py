"""The security settings of accounts and the audit trail, with their defaults, in one place.

Each can be overridden by an environment variable (documented in docs/configuration.md, "账户与审计 / Accounts
and audit"); a value that is not a whole number in its range is refused with a bilingual message.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass

from argon2 import profiles

from chuangye.strings.i18n import bilingual

_ARGON2 = profiles.RFC_9106_LOW_MEMORY  # argon2-cffi's default profile: 3 passes, 64 MiB, 4 lanes


class PolicyError(ValueError):
    """An environment variable with a value the policy cannot take; the message is ``中文 / English``."""


@dataclass(frozen=True)
class SecurityPolicy:
    lockout_failures: int = 5  # wrong passwords in a row that lock an account
    lockout_minutes: int = 15  # how long a locked account stays locked
    idle_timeout_minutes: int = 30  # a web session ends after this long without a request
    audit_retention_days: int = 180  # audit records older than this are purged (等保: at least six months)
    password_min_length: int = 10
    password_min_classes: int = 3  # of: lower-case, upper-case, digit, symbol
    argon2_time_cost: int = _ARGON2.time_cost
    argon2_memory_kib: int = _ARGON2.memory_cost
    argon2_parallelism: int = _ARGON2.parallelism

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SecurityPolicy:
        """The defaults, with every ``CHUANGYE_…`` variable of ``ENV_VARS`` that is set in ``environ`` applied."""
        env = os.environ if environ is None else environ
        changes: dict[str, int] = {}
        for field_name, (variable, lowest, highest) in ENV_VARS.items():
            text = env.get(variable, "").strip()
            if text:
                changes[field_name] = _whole_number(variable, text, lowest, highest)
        return dataclasses.replace(cls(), **changes)


# field -> (environment variable, lowest, highest accepted value)
ENV_VARS: dict[str, tuple[str, int, int]] = {
    "lockout_failures": ("CHUANGYE_LOCKOUT_FAILURES", 1, 100),
    "lockout_minutes": ("CHUANGYE_LOCKOUT_MINUTES", 1, 24 * 60),
    "idle_timeout_minutes": ("CHUANGYE_IDLE_TIMEOUT_MINUTES", 1, 24 * 60),
    "audit_retention_days": ("CHUANGYE_AUDIT_RETENTION_DAYS", 180, 100 * 365),
    "password_min_length": ("CHUANGYE_PASSWORD_MIN_LENGTH", 8, 128),
    "password_min_classes": ("CHUANGYE_PASSWORD_MIN_CLASSES", 1, 4),
    "argon2_time_cost": ("CHUANGYE_ARGON2_TIME_COST", 1, 20),
    "argon2_memory_kib": ("CHUANGYE_ARGON2_MEMORY_KIB", 8 * 1024, 4 * 1024 * 1024),
    "argon2_parallelism": ("CHUANGYE_ARGON2_PARALLELISM", 1, 64),
}


def _whole_number(variable: str, text: str, lowest: int, highest: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not lowest <= value <= highest:
        raise PolicyError(bilingual("acct_policy_bad_env", variable=variable, value=text, low=lowest, high=highest))
    return value

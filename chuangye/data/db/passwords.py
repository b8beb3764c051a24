"""Passwords: the complexity rules, and hashing with argon2 (argon2-cffi's ``PasswordHasher``).

``password_problems`` returns problem codes (words in ``chuangye/strings/accounts.py``, ``acct_pw_<code>``).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from argon2 import PasswordHasher

from chuangye.data.db.policy import SecurityPolicy

CHARACTER_CLASSES = ("lower", "upper", "digit", "symbol")


@dataclass(frozen=True)
class PasswordProblem:
    code: str  # too_short, too_few_classes, contains_username, same_as_old
    values: dict[str, object]


def character_classes(password: str) -> set[str]:
    found = set()
    for char in password:
        if char.islower():
            found.add("lower")
        elif char.isupper():
            found.add("upper")
        elif char.isdigit():
            found.add("digit")
        elif char in string.punctuation or char.isprintable():  # spaces, CJK and other symbols count as symbols
            found.add("symbol")
    return found


def password_problems(password: str, username: str, policy: SecurityPolicy) -> list[PasswordProblem]:
    """What keeps ``password`` from being accepted for ``username`` (empty when it is accepted)."""
    problems = []
    if len(password) < policy.password_min_length:
        problems.append(PasswordProblem("too_short", {"minimum": policy.password_min_length}))
    classes = character_classes(password)
    if len(classes) < policy.password_min_classes:
        problems.append(PasswordProblem("too_few_classes", {"minimum": policy.password_min_classes}))
    if username and username.casefold() in password.casefold():
        problems.append(PasswordProblem("contains_username", {}))
    return problems


def hasher_for(policy: SecurityPolicy) -> PasswordHasher:
    return PasswordHasher(
        time_cost=policy.argon2_time_cost,
        memory_cost=policy.argon2_memory_kib,
        parallelism=policy.argon2_parallelism,
    )

"""The password rules: at least 10 characters, 3 of 4 kinds of character, not the username."""

from __future__ import annotations

import pytest

from chuangye.data.db import SecurityPolicy
from chuangye.data.db.passwords import character_classes, password_problems

POLICY = SecurityPolicy()


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("Kaifa-2016!", []),
        ("kaifa2016xy", ["too_few_classes"]),  # lower + digit only
        ("KAIFA-2016", []),  # upper, symbol, digit
        ("Ab1!", ["too_short"]),
        ("abcdefghij", ["too_few_classes"]),
        ("Nanjing-2016", ["contains_username"]),
        ("创业型单位建设Ab12", []),  # Chinese characters count as symbols
        ("aaaaaaaaa", ["too_short", "too_few_classes"]),
    ],
)
def test_password_rules(password, codes):
    assert [p.code for p in password_problems(password, "nanjing", POLICY)] == codes


def test_character_classes():
    assert character_classes("aB3 ") == {"lower", "upper", "digit", "symbol"}


def test_the_rules_follow_the_policy():
    relaxed = SecurityPolicy(password_min_length=8, password_min_classes=2)
    assert password_problems("kaifa201", "nanjing", relaxed) == []

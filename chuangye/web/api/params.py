"""Reading an API request's query parameters: each is checked, and a bad one is refused (400) by name.

Unit types and levels take the same spellings as the command line (code, Chinese name or alias:
``street_town`` = ``街道(乡镇)`` = ``街道``), through ``data/headers.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from flask import request

from chuangye.data.headers import CHOICE_ALIASES, normalise_header
from chuangye.data.schema import REGION_LEVELS
from chuangye.engine.manager import BASES
from chuangye.web.api.errors import ApiError, Words

LANGS = ("zh", "en")


def query(allowed: Collection[str]) -> Mapping[str, str]:
    """The request's parameters (the last value of each), refusing any the route does not take: a misspelt
    ``yaer=`` must not silently give the default year."""
    args = request.args
    for name in args:
        if name not in allowed:
            raise ApiError(400, "unknown_parameter", "api_unknown_parameter", parameter=name, name=name,
                           allowed=", ".join(sorted(allowed)))  # fmt: skip
    return {name: args.getlist(name)[-1].strip() for name in args}


def bad(name: str, value: str, expected_key: str, **values: object) -> ApiError:
    """A 400 naming the parameter, the value given (its start) and what it should have been."""
    expected = Words(expected_key, values)
    return ApiError(400, "bad_parameter", "api_bad_parameter", parameter=name, name=name, value=value[:60],
                    expected=expected)  # fmt: skip


def year_of(args: Mapping[str, str], years: list[int], name: str = "year") -> int:
    """``year=`` as one of the data's years; the latest when absent."""
    text = args.get(name, "")
    if not text:
        return max(years)
    if not (text.isdigit() and int(text) in years):
        raise bad(name, text, "api_expected_year", first=min(years), last=max(years))
    return int(text)


def choice_of(args: Mapping[str, str], name: str, codes: Iterable[str], default: str | None,
              aliases: Mapping[str, str] | None = None) -> str | None:  # fmt: skip
    """A code among ``codes`` (or an alias of one); ``default`` when absent."""
    codes = tuple(codes)
    text = args.get(name, "")
    if not text:
        return default
    lookup = {normalise_header(code): code for code in codes}
    lookup.update({normalise_header(k): v for k, v in (aliases or {}).items() if v in codes})
    code = lookup.get(normalise_header(text))
    if code is None:
        raise bad(name, text, "api_expected_choice", choices="|".join(codes))
    return code


def level_of(args: Mapping[str, str], default: str = "province") -> str:
    return choice_of(args, "level", REGION_LEVELS, default, CHOICE_ALIASES.get("level")) or default


def unit_type_of(args: Mapping[str, str], unit_types: Iterable[str]) -> str | None:
    return choice_of(args, "type", unit_types, None, CHOICE_ALIASES.get("unit_type"))


def basis_of(args: Mapping[str, str]) -> str:
    return choice_of(args, "basis", BASES, "certified") or "certified"


def lang_of(args: Mapping[str, str]) -> str:
    return choice_of(args, "lang", LANGS, "zh") or "zh"


def code_of(args: Mapping[str, str], name: str, expected_key: str, *, required: bool) -> str | None:
    """A region code: digits only (a code is text, never a number, so leading zeros would survive)."""
    text = args.get(name, "")
    if not text:
        if required:
            raise ApiError(400, "missing_parameter", "api_missing_parameter", parameter=name, name=name,
                           expected=Words(expected_key))  # fmt: skip
        return None
    if not (text.isdigit() and len(text) <= 12):
        raise bad(name, text, expected_key)
    return text


__all__ = ["LANGS", "basis_of", "choice_of", "code_of", "lang_of", "level_of", "query", "unit_type_of", "year_of"]

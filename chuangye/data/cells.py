"""Characters no cell may hold, and how a problem quotes a cell's value safely.

Refused everywhere: control characters (NUL, tab, line breaks and the rest of C0/C1), invisible format
characters (zero-width spaces, byte order marks inside text, the bidirectional overrides that make a name
display reversed), private-use characters (made-up glyphs, or what a broken GB to Unicode conversion leaves)
and U+FFFD, the replacement character an earlier lossy conversion put where a character was lost.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import chain

import pandas as pd

from chuangye.data.limits import SHOWN_VALUE_CHARS

_CONTROL = "\x00-\x1f\x7f-\x9f"
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U0010ffff"
_REPLACEMENT = "\ufffd\ufffe\uffff"
# where Unicode has format characters (category Cf): Latin-1 to the SMP, and the tags of plane 14
_FORMAT_SEARCH = chain(range(0xA0, 0x20000), range(0xE0000, 0xE1000))


@cache
def forbidden_class() -> str:
    """A regular-expression character class of every forbidden character (for pandas and for re)."""
    formats = "".join(chr(i) for i in _FORMAT_SEARCH if unicodedata.category(chr(i)) == "Cf")
    return f"[{_CONTROL}{formats}{_PRIVATE_USE}{_REPLACEMENT}]"


@cache
def _forbidden_re() -> re.Pattern[str]:
    return re.compile(forbidden_class())


def first_forbidden(text: pd.Series) -> pd.Series:
    """Per cell, its first forbidden character, or NA."""
    if text.empty:
        return pd.Series(pd.NA, index=text.index, dtype="object")
    return text.str.extract(f"({forbidden_class()})", expand=False)


def kind_of(char: str) -> str:
    """control, format, private_use or replacement."""
    category = unicodedata.category(char)
    if category == "Cc":
        return "control"
    if category == "Cf":
        return "format"
    if category == "Co":
        return "private_use"
    return "replacement"


def char_label(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE; U+0000 for a control character, which has no name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def shown_value(value: str, limit: int = SHOWN_VALUE_CHARS) -> str:
    """The value as a message may quote it: forbidden characters as ⟨U+0000⟩, at most ``limit`` characters
    (then an ellipsis)."""
    visible = _forbidden_re().sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", value[:limit])
    return visible if len(value) <= limit else visible + "…"

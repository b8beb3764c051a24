"""The command line's language: chosen before parsing, so usage, help and argparse's own errors speak it.

``--lang zh|en`` anywhere on the command line wins, then ``$CHUANGYE_LANG``, then Chinese. argparse marks its
words for translation with gettext (its module-level ``_`` and ``ngettext``); ``TranslatedParser`` puts the
translations of ``strings/cli.py`` in their place while it builds, parses and formats, and restores them after.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from chuangye.strings.cli import ARGPARSE

LANG_ENV_VAR = "CHUANGYE_LANG"
LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def requested_lang(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language asked for: the last valid ``--lang X`` / ``--lang=X`` in ``argv``, else ``$CHUANGYE_LANG``,
    else Chinese. An invalid value is left for argparse to report (in the language found otherwise)."""
    asked: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        if value in LANGS:
            asked = value
    if asked is not None:
        return asked
    env = environ.get(LANG_ENV_VAR, "").strip().lower()
    return env if env in LANGS else DEFAULT_LANG


def argparse_catalogue(lang: str) -> dict[str, str]:
    """argparse's message → its text in ``lang`` (empty for English: argparse already speaks it)."""
    if lang == "en":
        return {}
    return {entry["en"]: entry[lang] for entry in ARGPARSE.values()}


@contextmanager
def argparse_speaking(lang: str) -> Iterator[None]:
    """argparse's messages in ``lang`` inside the block."""
    catalogue = argparse_catalogue(lang)
    saved: tuple[Callable[[str], str], Callable[[str, str, int], str]] = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return catalogue.get(message, saved[0](message))

    def ngettext(singular: str, plural: str, n: int) -> str:
        english = saved[1](singular, plural, n)
        return catalogue.get(english, english)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class TranslatedParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage, help and errors are in ``lang``; its sub-parsers inherit it."""

    def __init__(self, *args: Any, lang: str = DEFAULT_LANG, **kwargs: Any) -> None:
        self.lang = lang
        with argparse_speaking(lang):  # the "options" heading and -h's help are written here
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any):  # type: ignore[override]
        kwargs.setdefault("parser_class", _parser_class(self.lang))
        return super().add_subparsers(**kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        with argparse_speaking(self.lang):
            return super().parse_known_args(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        # parse_args words "unrecognized arguments" itself, after parse_known_args has returned
        with argparse_speaking(self.lang):
            return super().parse_args(*args, **kwargs)

    def format_usage(self) -> str:
        with argparse_speaking(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with argparse_speaking(self.lang):
            return super().format_help()

    def error(self, message: str):  # type: ignore[override]
        with argparse_speaking(self.lang):
            super().error(message)


def _parser_class(lang: str) -> Callable[..., TranslatedParser]:
    def make(**kwargs: Any) -> TranslatedParser:
        return TranslatedParser(lang=lang, **kwargs)

    return make

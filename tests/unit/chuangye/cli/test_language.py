"""The command line's language is decided before parsing; argparse's own words follow it."""

from __future__ import annotations

import argparse
import gettext

import pytest

from chuangye.cli.language import argparse_catalogue, requested_lang
from chuangye.cli.main import build_parser, level_arg, unit_type_arg
from chuangye.strings.cli import ARGPARSE


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {}, "zh"),
        (["coverage", "--lang", "en"], {}, "en"),
        (["coverage", "--lang=en"], {}, "en"),
        (["coverage"], {"CHUANGYE_LANG": "en"}, "en"),
        (["coverage", "--lang", "zh"], {"CHUANGYE_LANG": "en"}, "zh"),  # the option wins
        (["coverage", "--lang", "fr"], {"CHUANGYE_LANG": "EN"}, "en"),  # argparse reports "fr", in English
        (["validate", "--", "--lang", "en"], {}, "zh"),  # after "--" it is a file name
    ],
)
def test_requested_lang(argv, env, expected):
    assert requested_lang(argv, env) == expected


def test_parse_errors_are_in_chinese_and_argparse_is_left_as_it_was(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser("zh").parse_args(["coverage", "--level", "城市", "--year", "2020"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：chuangye coverage")
    assert "chuangye coverage：错误：参数 --level：无法识别的层级“城市”" in err
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext  # nothing leaks out


def test_an_unrecognized_argument_is_reported_in_chinese(capsys):
    with pytest.raises(SystemExit):
        build_parser("zh").parse_args(["serve", "--no-such-option"])
    assert "无法识别的参数：--no-such-option" in capsys.readouterr().err


def test_help_headings_are_translated():
    text = build_parser("zh").format_help()
    assert "选项:" in text and "位置参数:" in text and "显示本帮助并退出" in text
    english = build_parser("en").format_help()
    assert "options:" in english and "show this help message and exit" in english


def test_every_argparse_message_has_a_translation_keyed_by_its_english():
    catalogue = argparse_catalogue("zh")
    assert len(catalogue) == len(ARGPARSE)
    assert catalogue["usage: "] == "用法：" and argparse_catalogue("en") == {}


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("街道", "street_town"),
        ("乡镇", "street_town"),
        ("街道(乡镇)", "street_town"),
        ("街道（乡镇）", "street_town"),
        ("Street_Town", "street_town"),
        ("社区", "community_village"),
        ("村", "community_village"),
        ("社区(村)", "community_village"),
        ("园区", "park"),
        ("park", "park"),
    ],
)
def test_unit_types_by_chinese_name_alias_or_code(spelling, code):
    assert unit_type_arg("zh")(spelling) == code


def test_unknown_type_and_level_name_what_is_accepted():
    with pytest.raises(argparse.ArgumentTypeError, match=r"无法识别的单位类型“街区”.*园区（park）"):
        unit_type_arg("zh")("街区")
    with pytest.raises(argparse.ArgumentTypeError, match=r"unknown unit type 'x'.*park"):
        unit_type_arg("en")("x")
    assert level_arg("zh")("市") == "city" and level_arg("en")("county") == "county"

"""The parsers of ``chuangye users …`` and ``chuangye audit``: roles in Chinese or as codes, dates as whole
days, audit actions from the list, shared options on every leaf."""

from __future__ import annotations

import datetime as dt

import pytest

from chuangye.cli.main import build_parser


def parse(*words: str, lang: str = "zh"):
    return build_parser(lang).parse_args(list(words))


@pytest.mark.parametrize(
    ("spelling", "role"),
    [("city", "city"), ("市局", "city"), ("省厅管理员", "admin"), ("县区", "county"), ("Province", "province")],
)
def test_a_role_is_its_code_or_its_chinese_name(spelling, role):
    assert parse("users", "add", "someone", "--role", spelling).role == role


def test_a_date_is_a_whole_utc_day_and_a_time_keeps_its_offset():
    args = parse("audit", "--since", "2026-12-01", "--until", "2026-12-01")
    assert args.since == dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    assert args.until == dt.datetime(2026, 12, 2, tzinfo=dt.UTC)  # the whole day included
    shifted = parse("audit", "--since", "2026-12-01T08:00+08:00").since
    assert shifted == dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("lang", "words"), [("zh", "无效的日期“12/01/2026”"), ("en", "invalid date '12/01/2026'")])
def test_a_bad_date_is_refused_in_the_language_asked(capsys, lang, words):
    with pytest.raises(SystemExit) as caught:
        parse("audit", "--since", "12/01/2026", lang=lang)
    assert caught.value.code == 2 and words in capsys.readouterr().err


def test_audit_actions_come_from_the_list(capsys):
    assert parse("audit", "--action", "lockout").action == "lockout"
    with pytest.raises(SystemExit):
        parse("audit", "--action", "peeked")
    assert "无效的动作“peeked”" in capsys.readouterr().err


def test_the_shared_options_sit_on_every_leaf():
    for words in (["users", "list"], ["users", "disable", "x"], ["users", "token", "x"], ["audit"]):
        args = parse(*words, "--data-dir", "/srv/data", "--lang", "en")
        assert (args.data_dir, args.lang) == ("/srv/data", "en")

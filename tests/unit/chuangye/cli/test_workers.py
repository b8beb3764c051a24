"""``chuangye serve --workers N``: where gunicorn cannot run, it says so in both languages and exits non-zero
before loading anything; the options gunicorn is given keep one worker from blocking on a long export."""

from __future__ import annotations

import sys

import pytest

from chuangye.cli import workers
from chuangye.cli.main import build_parser, main

EXIT_USAGE, EXIT_SERVER = 2, 4


def _serve(tmp_path, *extra: str) -> int:
    return main(["serve", "--no-auth", "--port", "1", "--data-dir", str(tmp_path / "data"), *extra])


def test_on_windows_more_than_one_worker_is_refused_in_both_languages(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "win32")
    assert _serve(tmp_path, "--workers", "2") == EXIT_SERVER
    err = capsys.readouterr().err
    assert "--workers 2 需要 Linux 上的 gunicorn（Windows 上没有 gunicorn）" in err
    assert "--workers 2 needs gunicorn on Linux (gunicorn does not run on Windows)" in err
    assert "--workers 1" in err and "Traceback" not in err
    assert not (tmp_path / "data").exists(), "refused before the store was touched"


def test_without_gunicorn_more_than_one_worker_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "gunicorn.app.base", None)  # import raises ImportError
    assert _serve(tmp_path, "--workers", "3") == EXIT_SERVER
    err = capsys.readouterr().err
    assert "gunicorn 未安装或无法加载" in err and "gunicorn is not installed or cannot load" in err


def test_zero_workers_is_a_usage_error(tmp_path, capsys):
    assert _serve(tmp_path, "--workers", "0") == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--workers 至少为 1" in err and "--workers must be at least 1" in err


def test_gunicorn_is_available_here():
    assert workers.unavailable_reason() is None


@pytest.mark.parametrize(("lang", "words"), [("zh", "工作进程数"), ("en", "worker processes")])
def test_help_names_the_option_in_the_language_asked(lang, words):
    help_text = build_parser(lang)._subparsers._group_actions[0].choices["serve"].format_help()
    assert "--workers N" in help_text and words in help_text


@pytest.mark.parametrize(
    ("host", "bind"), [("127.0.0.1", "127.0.0.1:8050"), ("0.0.0.0", "0.0.0.0:8050"), ("::1", "[::1]:8050")]
)
def test_bind_address(host, bind):
    assert workers.bind_address(host, 8050) == bind

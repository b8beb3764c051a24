"""The shell names its component ids from ids.py only, and so do the modules that reach its URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuangye.web.shell import ids
from tests.unit.chuangye.web.pages import id_literals

WEB = Path(ids.__file__).parents[1]


@pytest.mark.parametrize(
    "module",
    [
        "shell/layout.py",
        "shell/callbacks.py",
        "callbacks.py",
        "app.py",
        "pages/overview/layout.py",
        "pages/overview/callbacks.py",
        "pages/drilldown/layout.py",
        "pages/drilldown/callbacks.py",
    ],
)
def test_no_shell_id_is_spelled_outside_ids_py(module):
    assert id_literals(WEB / module, ids) == []

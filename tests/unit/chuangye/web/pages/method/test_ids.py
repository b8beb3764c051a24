"""The Method page names its component ids from ids.py only."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuangye.web.pages.method import ids
from tests.unit.chuangye.web.pages import id_literals

PAGE = Path(ids.__file__).parent


@pytest.mark.parametrize("module", ["layout.py", "callbacks.py"])
def test_no_id_is_spelled_outside_ids_py(module):
    assert id_literals(PAGE / module, ids) == []

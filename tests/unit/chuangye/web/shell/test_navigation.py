"""Who sees which page in the top navigation (web/shell/layout.nav_hidden)."""

from __future__ import annotations

import pytest
from flask import Flask

from chuangye.web.access import Principal, set_principal
from chuangye.web.shell.layout import nav_hidden
from chuangye.web.viewstate import PAGES


@pytest.mark.parametrize(
    ("principal", "hidden"),
    [
        (None, {"audit", "data", "submissions"}),
        (Principal("local", "province", via="local"), {"audit", "data", "submissions"}),  # serve --no-auth
        (Principal("xz", "city", "320300"), {"audit", "data"}),
        (Principal("sheng", "province"), {"audit", "data"}),
        (Principal("root", "admin"), set()),
    ],
)
def test_the_navigation_leaves_out_what_the_user_cannot_use(principal: Principal | None, hidden: set[str]) -> None:
    """数据报送 was in the no-auth user's navigation (seven tabs where the header has room for six), though
    submissions come only from accounts."""
    with Flask(__name__).test_request_context("/"):
        if principal is not None:
            set_principal(principal)
        assert {page for page in PAGES if nav_hidden(page)} == hidden

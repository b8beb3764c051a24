"""web/shown.py: what a page sends to a grid or a chart is rounded once, half up on the decimal value."""

from __future__ import annotations

import pytest

from chuangye.strings.numbers import percent_text, points_text
from chuangye.web import shown


@pytest.mark.parametrize(
    ("share", "sent"), [(0.7665, 0.767), (0.6915, 0.692), (0.76647, 0.766), (1.0, 1.0), (None, None)]
)
def test_a_share_goes_out_rounded_to_the_percentage_shown(share, sent):
    assert shown.share(share) == sent
    if share is not None:
        # whoever prints the rounded share (grid.js: x*100 toFixed(1), plotly's .1f) prints the card's text
        assert f"{sent * 100:.1f}%" == percent_text(share)


@pytest.mark.parametrize(("points", "sent"), [(3.25, 3.3), (-3.25, -3.3), (0.04, 0.0), (float("nan"), None)])
def test_points_go_out_rounded_half_up(points, sent):
    assert shown.points(points) == sent
    if sent is not None:
        assert f"{sent:.1f}" == points_text(points)

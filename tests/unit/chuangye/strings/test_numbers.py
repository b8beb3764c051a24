import math

import pandas as pd
import pytest

from chuangye.strings.numbers import percent_points, percent_text, points_text, rounded


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0.7665, "76.7%"),  # f"{0.7665 * 100:.1f}" gives 76.6: the float 76.64999… rounds down
        (0.7664999, "76.6%"),
        (0.80, "80.0%"),
        (1.0, "100.0%"),
        (0.0, "0.0%"),
        (102 / 133, "76.7%"),
    ],
)
def test_percent_text_rounds_half_up_on_the_decimal_value(share: float, text: str) -> None:
    assert percent_text(share) == text


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA, float("inf"), "x"])
def test_missing_values_read_as_a_dash_and_round_to_none(missing: object) -> None:
    assert percent_text(missing) == "—"
    assert points_text(missing) == "—"
    assert percent_points(missing) is None
    assert rounded(missing) is None


def test_points_text_signs_and_never_shows_minus_zero() -> None:
    assert points_text(3.25, signed=True) == "+3.3"
    assert points_text(-3.25, signed=True) == "-3.3"  # half away from zero, like the positive side
    assert points_text(-0.04) == "0.0"
    assert points_text(2.345, digits=2) == "2.35"


def test_one_value_reads_the_same_as_text_and_as_a_number() -> None:
    share = 0.766549999
    assert percent_text(share) == f"{percent_points(share):.1f}%"


def test_an_indicator_shows_its_own_decimals_rounded_half_up_once():
    from chuangye.strings.numbers import indicator_text

    assert indicator_text(0.7665, "percent", 1) == "76.7%"
    assert indicator_text(0.00456, "percent", 2) == "0.46%"  # one decimal would read 0.5% beside "≥ 0.5%"
    assert indicator_text(2.675, "ratio", 2) == "2.68"  # f"{2.675:.2f}" says 2.67
    assert indicator_text(None, "percent", 2) == indicator_text(float("nan"), "ratio", 2) == "—"

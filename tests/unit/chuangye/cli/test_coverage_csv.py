import csv
import io

import pandas as pd

from chuangye.cli.commands import coverage_csv


def test_coverage_csv_neither_runs_a_formula_nor_turns_numbers_into_text() -> None:
    frame = pd.DataFrame(
        {
            "region_code": ["320100", "320200"],
            "region_name": ['=HYPERLINK("http://x","南京")', "@SUM(1)"],
            "coverage": [0.8765, 0.5],
            "gap_points": [-13.14, 2.0],
        }
    )
    rows = list(csv.DictReader(io.StringIO(coverage_csv(frame).decode("utf-8-sig"))))
    assert [r["region_name"] for r in rows] == ['\'=HYPERLINK("http://x","南京")', "'@SUM(1)"]
    assert [r["region_code"] for r in rows] == ["320100", "320200"]
    assert rows[0]["gap_points"] == "-13.1"  # a negative number stays a number

"""The live benchmarks run end to end against a real ``chuangye serve``: the browser benchmark measures page loads
and interactions in headless Chromium, the load benchmark replays the captured requests for signed-in users and
checks every map-table answer's version across an import.

Behaviour and structure only; the timings themselves are not asserted (they depend on the machine).
"""

from __future__ import annotations

import json

import pytest

from benchmarks import browser, load
from benchmarks.live import percentile


@pytest.mark.browser
def test_browser_benchmark_measures_loads_and_interactions(tmp_path, capsys):
    out = tmp_path / "browser.json"
    assert browser.main(["--pages", "overview", "method", "--reps", "1", "--settle", "0.5", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Load average" in text and "| overview | cold |" in text and "| method | warm |" in text
    assert "cards" in text and "aim <= 1500" in text and "aim <= 500" in text
    report = json.loads(out.read_text(encoding="utf-8"))
    loads = {(x["page"], x["cache"]): x for x in report["loads"]}
    assert set(loads) == {("overview", "cold"), ("overview", "warm"), ("method", "cold"), ("method", "warm")}
    cold, warm = loads["overview", "cold"], loads["overview", "warm"]
    for measured in (cold, warm):
        assert not measured["timed_out"]
        assert 0 < measured["headline_ms"] <= measured["graphs_ms"]
        assert measured["graphs"] >= 1 and measured["requests"] > 0
        assert measured["encoded"]["callbacks"] > 0 and measured["decoded"]["js"] > 0
        assert measured["browser_ms"]["TaskDuration"] > 0
    assert cold["encoded"]["js"] > warm["encoded"]["js"]  # the warm load takes its JavaScript from the cache
    assert loads["method", "warm"]["graphs_ms"] is None  # a page without graphs has no "graphs drawn" time
    changes = {(x["page"], x["control"]): x for x in report["interactions"]}
    assert set(changes) == {("overview", "year"), ("overview", "type")}
    assert all(x["ms"] > 0 and x["figures_updated"] and 0 < x["plot_ms"] <= x["ms"] for x in changes.values())


def test_load_benchmark_replays_signed_in_users_across_an_import(tmp_path, capsys):
    out = tmp_path / "load.json"
    argv = ["--users", "3", "--duration", "15", "--think", "0.2", "--import-at", "1", "--workers", "0"]
    argv += ["--json", str(out)]
    assert load.main(argv) == 0
    text = capsys.readouterr().out
    assert "## steady: 3 users" in text and "## import mid-run: 3 users" in text and "| callback |" in text
    report = json.loads(out.read_text(encoding="utf-8"))
    steady, flipped = report["runs"]
    for run in (steady, flipped):
        assert run["sign_in_failures"] == 0 and run["requests"] > 0 and run["throughput_rps"] > 0
        kinds = {row["kind"]: row for row in run["kinds"]}
        assert {"page", "layout", "dependencies", "callback", "all"} <= set(kinds)
        assert kinds["all"]["requests"] == run["requests"] == sum(kinds[k]["requests"] for k in kinds if k != "all")
        assert 0 < kinds["all"]["p50_ms"] <= kinds["all"]["p95_ms"] <= kinds["all"]["p99_ms"]
        assert kinds["all"]["non_2xx"] == 0 and kinds["all"]["refused_callbacks"] == 0
    assert steady["import_window_s"] is None and len(steady["versions_seen"]) == 1
    assert not flipped["import_error"] and flipped["import_window_s"][0] < flipped["import_window_s"][1]
    assert flipped["rows_differ_between_versions"] is True  # the added certification shows in the map table
    assert len(flipped["versions_seen"]) == 2 and flipped["version_checked_responses"] > 0
    assert flipped["mixed_responses"] == 0


def test_a_table_answer_under_one_version_with_another_versions_rows_is_mixed():
    check = load.VersionCheck()

    def answer(version: str, certified: int) -> dict:
        rows = [{"code": "320100", "certified": certified}]
        return {"response": {"dd-table-drawn": {"data": {"key": f"{version}|320000|street_town|zh"}},
                             "dd-grid": {"rowData": rows}}}  # fmt: skip

    assert check.learn("open map#3", answer("A", 10)) == "A" and check.learn("open map#3", answer("B", 11)) == "B"
    sent = {name: load.Sent("callback", "open map", 200, 5.0, 1.0, False, *check.table_of(body), step="open map#3")
            for name, body in {"same": answer("B", 11), "mixed": answer("A", 11)}.items()}  # fmt: skip
    assert not check.mixed(sent["same"]) and check.mixed(sent["mixed"])
    patch = {"response": {"dd-table-drawn": {"data": {"key": "A|x"}}, "dd-grid": {"rowData": {"__patch": []}}}}
    assert check.table_of(patch) is None  # a Patch of the rows cannot be judged


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50 and percentile(values, 0.95) == 95 and percentile(values, 0.99) == 99
    assert percentile([7.0], 0.95) == 7.0

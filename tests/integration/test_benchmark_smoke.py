"""The benchmarks run end to end: every measured callback answers HTTP 200 with a body on the Jiangsu sample, and
the engine benchmark measures each of its steps on a small dataset.

Behaviour only; the timings themselves are not asserted (they depend on the machine).
"""

from __future__ import annotations

import base64
import json

import numpy as np

from benchmarks.callbacks import (
    SCENARIOS,
    RawFrames,
    build_payload,
    find_callback,
    jiangsu_target,
    markdown_table,
    run_target,
    textbook_choropleth_json,
)


def test_benchmark_measures_every_registered_scenario_on_the_sample(tmp_path):
    target = jiangsu_target(tmp_path)
    skipped: list[str] = []
    results = run_target(target, reps=2, log=skipped.append)
    assert results, "no scenario measured"
    measured = {m.scenario for m in results}
    # every scenario is either measured or reported as skipped, none silently lost
    assert measured | {s.name for s in SCENARIOS if any(s.name in line for line in skipped)} == {
        s.name for s in SCENARIOS
    }
    for m in results:
        assert m.status == 200, (m.scenario, m.status)
        assert m.bytes > 0 and m.gzip_bytes > 0, m.scenario
        assert m.reps == 2 and m.median_ms > 0 and m.p95_ms >= m.median_ms
        if m.baseline_median_ms is not None:
            assert m.baseline_bytes and m.speedup
    certification = [m for m in results if m.scenario.startswith("certification")]
    assert certification and all(m.callback == "update_certification" for m in certification)
    table = markdown_table(results, [target])
    assert table.count("\n| jiangsu |") == len(results)


def test_payloads_follow_the_callback_map(tmp_path):
    from chuangye.web import app as webapp

    target = jiangsu_target(tmp_path)
    dash_app = webapp.create_app(data_dir=target.data_dir)
    callback_id = find_callback(dash_app, "cert-title.children")
    assert callback_id is not None and find_callback(dash_app, "no-such-component.children") is None
    search = "?year=2019&type=park&basis=certified&lang=en"
    payload = build_payload(
        dash_app, callback_id, {"url.search": search, "url.pathname": "/certification"}, ["url.search"]
    )
    assert payload["changedPropIds"] == ["url.search"]
    assert {"id": "url", "property": "search", "value": search} in payload["inputs"]
    assert {"id": "cert-city", "property": "value", "value": None} in payload["state"]
    response = dash_app.server.test_client().post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = json.loads(response.data)["response"]
    assert body["cert-title"]["children"] == "Development parks: certification round 2019"


def test_textbook_baseline_draws_the_whole_boundary_file():
    from benchmarks.callbacks import GEODATA, SAMPLE_DIR

    raw = RawFrames.read(SAMPLE_DIR)
    geojson = json.loads(GEODATA["county"].read_text(encoding="utf-8"))
    figure = json.loads(textbook_choropleth_json(raw, geojson, "county", 2020, "street_town", "320100"))
    trace = figure["data"][0]
    assert trace["type"] == "choroplethmap"
    assert len(trace["geojson"]["features"]) == len(geojson["features"])  # all counties of the province
    assert set(trace["locations"]) <= {f["properties"]["code"] for f in geojson["features"]}
    assert all(code.startswith("3201") for code in trace["locations"])  # coverage of Nanjing's counties
    z = np.frombuffer(base64.b64decode(trace["z"]["bdata"]), dtype=trace["z"]["dtype"])  # plotly's typed array
    assert len(z) == len(trace["locations"]) and ((z >= 0) & (z <= 100)).all()


def test_engine_benchmark_measures_every_step_at_a_small_scale(capsys):
    from benchmarks import engine

    assert engine.main(["--scale", "0.02", "--reps", "1"]) == 0
    table = capsys.readouterr().out
    for step in engine.STEPS:
        assert f"\n| {step} |" in table, table

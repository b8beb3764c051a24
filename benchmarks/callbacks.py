"""Round-trip time of every dashboard callback, next to the textbook way of drawing the same map.

Each scenario names one interaction (a URL the browser moves to) and the callback that answers it. The
request is exactly what the Dash renderer POSTs to ``/_dash-update-component``: ``output`` (the callback
id of ``app.callback_map``), ``outputs``, ``inputs`` and ``state`` with ids, props and values, and
``changedPropIds``. State the browser would already hold (the "geometry drawn" stores, the grid columns)
comes from running the same callback once for the URL *before* the interaction, as the browser did.
Requests go through Flask's test client: routing, the callback, Dash's JSON encoding, no network.

The textbook baseline is what a first Dash map usually looks like: the unit-level frames read once at
start-up (``pd.read_csv``), and in the callback a filter and ``groupby`` to coverage, then
``plotly.express.choropleth_map`` with the whole boundary file, serialised to JSON by Dash (the same
encoder as ``fig.to_json``). It runs in its own small Dash app and is timed the same way.

Scales: the bundled Jiangsu sample, and a synthetic national dataset (``generate_national``; 31 provinces,
~640,000 units at scale 1.0) generated once into ``artifacts/benchmark-cache/`` and imported into a
temporary store. The app still draws the bundled Jiangsu boundaries; the data volume behind every number is
national. Scenarios whose callback is not registered (pages being built) are skipped with a message.

    .venv/bin/python -m benchmarks.callbacks                       # Jiangsu and national, 30 repetitions
    .venv/bin/python -m benchmarks.callbacks --scale jiangsu --reps 10
    .venv/bin/python -m benchmarks.callbacks --scale national --scale-fraction 0.1 --json out.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import numpy as np
import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

from chuangye.geo.boundaries import GEODATA_DIR
from chuangye.sample.bundled import SAMPLE_DIR

REPO = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO / "artifacts" / "benchmark-cache"
GEODATA = {"city": GEODATA_DIR / "jiangsu_cities.geojson", "county": GEODATA_DIR / "jiangsu_counties.geojson"}
PROVINCE = "320000"
UPDATE_URL = "/_dash-update-component"
TABLES = ("regions", "units", "indicator_inputs", "certifications", "quotas")


# ------------------------------------------------------------------------------------------------ scenarios


def query(year: int, unit_type: str = "street_town", **extra: str) -> str:
    """A page's URL query; ``{city}``/``{unit}`` placeholders stay literal for ``str.format``."""
    params = {"year": year, "type": unit_type, "basis": "certified", "lang": "zh", **extra}
    return "?" + urlencode(params, safe="{}")


@dataclass(frozen=True)
class Scenario:
    """One interaction: the page, the URL after it (and before it), and the callback output that answers it.

    ``search`` and ``before`` may hold ``{city}`` and ``{unit}``: a city of the province and a unit in it,
    filled in from the dataset. ``baseline`` is (level, parent) of the textbook map of the same view.
    """

    name: str
    output: str  # "component-id.property" among the callback's outputs
    pathname: str
    search: str
    before: str | None = None
    baseline: tuple[str, str | None] | None = None


CITY = {"region": "{city}"}
SCENARIOS: tuple[Scenario, ...] = (
    Scenario("overview update (year change)", "ov-cards-title.children", "/overview", query(2020), query(2019)),
    Scenario("overview map recolour (Patch)", "ov-map.figure", "/overview", query(2020), query(2019), ("city", None)),
    Scenario("overview map first draw", "ov-map.figure", "/overview", query(2020), None, ("city", None)),
    Scenario("map page recolour, province level", "dd-map.figure", "/map", query(2020), query(2019), ("city", None)),
    Scenario("map page recolour, city level", "dd-map.figure", "/map", query(2020, **CITY), query(2019, **CITY),
             ("county", "{city}")),
    Scenario("drill to a city (new geometry)", "dd-map.figure", "/map", query(2020, **CITY), query(2020),
             ("county", "{city}")),
    Scenario("map page table update", "dd-grid.rowData", "/map", query(2020, **CITY), query(2019, **CITY)),
    Scenario("peers update: standing", "peers-heading.children", "/peers", query(2020, **CITY), query(2019, **CITY)),
    Scenario("peers update: charts", "peers-chart-street_town.figure", "/peers", query(2020, **CITY),
             query(2019, **CITY)),
    Scenario("peers update: children table", "peers-grid.rowData", "/peers", query(2020, **CITY),
             query(2019, **CITY)),
    Scenario("unit scorecard", "unit-header.children", "/unit", query(2020, unit="{unit}"), query(2020)),
    Scenario("unit scorecard figures", "unit-fig-participation_rate.figure", "/unit", query(2020, unit="{unit}"),
             query(2020)),
    Scenario("certification update (year change)", "cert-title.children", "/certification", query(2019),
             query(2020)),
    Scenario("certification city filter", "cert-title.children", "/certification", query(2019, **CITY),
             query(2019)),
)  # fmt: skip


# ---------------------------------------------------------------------------------------- request payloads


def dependency_key(dep: dict) -> str:
    return f"{dep['id']}.{dep['property']}"


def callback_outputs(entry: dict) -> list[dict]:
    """The outputs as the renderer names them: a dict id (a chart's 下载 menu) as the dict, not its JSON text."""
    output = entry["output"]
    found = []
    for o in output if isinstance(output, list | tuple) else [output]:
        spec = o.to_dict()
        if isinstance(spec["id"], str) and spec["id"].startswith("{"):
            spec["id"] = json.loads(spec["id"])
        found.append(spec)
    return found


def find_callback(app: Dash, output: str) -> str | None:
    """The callback id (key of ``app.callback_map``) of the server callback that writes ``output``."""
    for key, entry in app.callback_map.items():
        if entry.get("callback") is None:  # clientside: no round trip
            continue
        if output in {dependency_key(o) for o in callback_outputs(entry)}:
            return key
    return None


def build_payload(app: Dash, callback_id: str, values: dict[str, object], changed: Iterable[str]) -> dict:
    """The body the renderer POSTs for ``callback_id`` with the given prop values (missing ones None)."""
    entry = app.callback_map[callback_id]
    outputs = callback_outputs(entry)
    return {
        "output": callback_id,
        "outputs": outputs if isinstance(entry["output"], list | tuple) else outputs[0],
        "inputs": [{**dep, "value": values.get(dependency_key(dep))} for dep in entry["inputs"]],
        "state": [{**dep, "value": values.get(dependency_key(dep))} for dep in entry["state"]],
        "changedPropIds": list(changed),
    }


def response_values(body: bytes) -> dict[str, object]:
    """``{"id.prop": value}`` of a callback response (Patch objects included as sent)."""
    data = json.loads(body)
    return {f"{cid}.{prop}": value for cid, props in data.get("response", {}).items() for prop, value in props.items()}


# ----------------------------------------------------------------------------------------------- measuring


@dataclass
class Measurement:
    scale: str
    scenario: str
    callback: str
    reps: int
    status: int
    median_ms: float
    p95_ms: float
    bytes: int
    gzip_bytes: int
    patch: bool
    baseline_median_ms: float | None = None
    baseline_p95_ms: float | None = None
    baseline_bytes: int | None = None
    speedup: float | None = None
    notes: list[str] = field(default_factory=list)


def _time_posts(client, payload: dict, reps: int) -> tuple[list[float], object]:
    client.post(UPDATE_URL, json=payload)  # warm-up: caches, lazy imports, first computation of a view
    times, response = [], None
    for _ in range(reps):
        start = time.perf_counter()
        response = client.post(UPDATE_URL, json=payload)
        times.append((time.perf_counter() - start) * 1000)
    return times, response


def _summary(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), float(np.percentile(times, 95))


def measure_scenario(app: Dash, scenario: Scenario, reps: int, fill: dict[str, str]) -> Measurement | None:
    """Time the scenario's callback; None when the callback is not registered."""
    callback_id = find_callback(app, scenario.output)
    if callback_id is None:
        return None
    client = app.server.test_client()
    entry = app.callback_map[callback_id]
    held: dict[str, object] = {}
    if scenario.before is not None:  # what the browser holds after showing the previous view
        before = {"url.pathname": scenario.pathname, "url.search": scenario.before.format(**fill)}
        primed = client.post(UPDATE_URL, json=build_payload(app, callback_id, before, ["url.search"]))
        if primed.status_code == 200:
            states = {dependency_key(dep) for dep in entry["state"]}
            held = {k: v for k, v in response_values(primed.data).items() if k in states}
    values = {**held, "url.pathname": scenario.pathname, "url.search": scenario.search.format(**fill)}
    payload = build_payload(app, callback_id, values, ["url.search"])
    times, response = _time_posts(client, payload, reps)
    median, p95 = _summary(times)
    body = response.data
    return Measurement(
        scale="",
        scenario=scenario.name,
        callback=getattr(entry["callback"], "__name__", callback_id),
        reps=reps,
        status=response.status_code,
        median_ms=round(median, 2),
        p95_ms=round(p95, 2),
        bytes=len(body),
        gzip_bytes=len(gzip.compress(body)),
        patch=b'"__dash_patch_update"' in body,
    )


# ------------------------------------------------------------------------------------- textbook baseline


@dataclass
class RawFrames:
    """The unit-level tables as a textbook app keeps them: read once, plain pandas."""

    units: pd.DataFrame
    certifications: pd.DataFrame
    regions: pd.DataFrame

    @classmethod
    def read(cls, data_dir: Path) -> RawFrames:
        text = {"unit_code": str, "city_code": str, "county_code": str, "region_code": str, "parent_code": str}
        return cls(
            units=pd.read_csv(
                data_dir / "units.csv",
                dtype=text,
                usecols=["unit_code", "unit_type", "in_scope", "city_code", "county_code", "active_from", "active_to"],
            ),
            certifications=pd.read_csv(
                data_dir / "certifications.csv", dtype=text, usecols=["unit_code", "round_year", "stage"]
            ),
            regions=pd.read_csv(data_dir / "regions.csv", dtype=text, usecols=["region_code", "name"]),
        )


def textbook_choropleth(
    raw: RawFrames, geojson: dict, level: str, year: int, unit_type: str, parent: str | None = None
):
    """Coverage by city (or by county of ``parent``) recomputed from the raw frames, drawn with plotly express
    over the whole boundary file: the baseline, deliberately without caching or pre-aggregation."""
    units = raw.units
    active = (units["active_from"].isna() | (units["active_from"] <= year)) & (
        units["active_to"].isna() | (units["active_to"] >= year)
    )
    in_scope = units["in_scope"].astype(str).str.lower().eq("true")
    chosen = units[(units["unit_type"] == unit_type) & in_scope & active]
    if parent is not None:
        chosen = chosen[chosen["city_code"] == parent]
    elif level == "city":
        chosen = chosen[chosen["city_code"].str[:2] == PROVINCE[:2]]
    cert = raw.certifications
    certified = cert[(cert["stage"] == "certified") & (cert["round_year"].astype(int) <= year)]["unit_code"]
    chosen = chosen.assign(certified=chosen["unit_code"].isin(set(certified)))
    key = f"{level}_code"
    frame = chosen.groupby(key).agg(units=("unit_code", "size"), certified=("certified", "sum")).reset_index()
    frame["coverage"] = (frame["certified"] / frame["units"] * 100).round(1)
    frame = frame.merge(raw.regions, left_on=key, right_on="region_code", how="left")
    fig = px.choropleth_map(
        frame,
        geojson=geojson,
        locations=key,
        featureidkey="properties.code",
        color="coverage",
        hover_name="name",
        hover_data={"units": True, "certified": True},
        color_continuous_scale="PuOr",
        range_color=(0, 100),
        map_style="white-bg",
        center={"lon": 119.4, "lat": 32.9},
        zoom=5.5,
        height=520,
    )
    return fig


def textbook_choropleth_json(raw: RawFrames, geojson: dict, level: str, year: int, unit_type: str, parent=None) -> str:
    return textbook_choropleth(raw, geojson, level, year, unit_type, parent).to_json()


def textbook_app(raw: RawFrames) -> Dash:
    """A one-graph Dash app whose callback is the textbook map; the view comes from the URL query."""
    geojson = {level: json.loads(path.read_text(encoding="utf-8")) for level, path in GEODATA.items()}
    app = Dash(__name__, serve_locally=True)
    app.layout = html.Div([dcc.Location(id="url"), dcc.Graph(id="textbook-map")])

    @app.callback(Output("textbook-map", "figure"), Input("url", "search"))
    def textbook_map(search):
        q = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
        level = q.get("level", "city")
        return textbook_choropleth(raw, geojson[level], level, int(q["year"]), q["type"], q.get("parent") or None)

    return app


def measure_baseline(app: Dash, scenario: Scenario, reps: int, fill: dict[str, str]) -> tuple[float, float, int]:
    level, parent = scenario.baseline
    q = {k: v[-1] for k, v in parse_qs(scenario.search.format(**fill).lstrip("?")).items()}
    view = {"year": q["year"], "type": q["type"], "level": level, "parent": (parent or "").format(**fill)}
    search = "?" + urlencode(view)
    callback_id = find_callback(app, "textbook-map.figure")
    payload = build_payload(app, callback_id, {"url.search": search}, ["url.search"])
    times, response = _time_posts(app.server.test_client(), payload, reps)
    median, p95 = _summary(times)
    assert response.status_code == 200, response.data[:500]
    return round(median, 2), round(p95, 2), len(response.data)


# ------------------------------------------------------------------------------------------------- datasets


@dataclass
class Target:
    """One dataset to benchmark: the dashboard on a store holding it, and its raw CSV directory."""

    scale: str
    data_dir: Path  # the store
    csv_dir: Path  # the raw tables, for the textbook baseline
    setup_seconds: dict[str, float] = field(default_factory=dict)


def jiangsu_target(work: Path) -> Target:
    from chuangye.data.store import Store

    start = time.perf_counter()
    store = Store(work / "jiangsu-store")
    store.ensure_initialised(SAMPLE_DIR)
    return Target("jiangsu", store.data_dir, SAMPLE_DIR, {"import_s": round(time.perf_counter() - start, 1)})


def national_target(work: Path, fraction: float, log: Callable[[str], None] = print) -> Target:
    """Generate (once, cached under artifacts/) and import the national dataset at ``fraction`` of full size."""
    from chuangye.data.store import Store
    from chuangye.sample.generate import generate_national

    csv_dir = CACHE_DIR / f"national-{fraction:g}"
    timings: dict[str, float] = {}
    if not all((csv_dir / f"{name}.csv").exists() for name in TABLES):
        log(f"generating the national dataset (scale {fraction:g}) into {csv_dir} …")
        start = time.perf_counter()
        generate_national(csv_dir, scale=fraction)
        timings["generate_s"] = round(time.perf_counter() - start, 1)
    log("importing it into a temporary store …")
    start = time.perf_counter()
    store = Store(work / f"national-{fraction:g}-store")
    store.import_paths([csv_dir / f"{name}.csv" for name in TABLES])
    timings["import_s"] = round(time.perf_counter() - start, 1)
    return Target(f"national ×{fraction:g}" if fraction < 1 else "national", store.data_dir, csv_dir, timings)


def fill_values(app_services) -> dict[str, str]:
    """A city of the province and an in-scope street/town in it, for the {city} and {unit} placeholders."""
    an = app_services.analytics()
    regions = an.dataset.regions
    cities = sorted(regions.loc[(regions["level"] == "city") & (regions["parent_code"] == PROVINCE), "region_code"])
    city = cities[0]
    units = an.dataset.units
    in_scope = units["in_scope"].fillna(False).astype(bool)
    in_city = units[(units["city_code"] == city) & (units["unit_type"] == "street_town") & in_scope]
    return {"city": city, "unit": str(in_city["unit_code"].iloc[0])}


# ---------------------------------------------------------------------------------------------------- runs


def run_target(
    target: Target,
    reps: int,
    scenarios: Iterable[Scenario] = SCENARIOS,
    *,
    baseline: bool = True,
    log: Callable[[str], None] = print,
) -> list[Measurement]:
    from chuangye.web import app as webapp
    from chuangye.web.services import Services

    start = time.perf_counter()
    dash_app = webapp.create_app(data_dir=target.data_dir, auth=False)  # the callbacks, not the sign-in
    target.setup_seconds["app_start_s"] = round(time.perf_counter() - start, 1)
    from chuangye.config.loader import load_config
    from chuangye.data.store import Store

    fill = fill_values(Services(Store(target.data_dir), load_config()))
    raw_app = None
    if baseline:
        start = time.perf_counter()
        raw_app = textbook_app(RawFrames.read(target.csv_dir))
        target.setup_seconds["textbook_read_s"] = round(time.perf_counter() - start, 1)
    results = []
    for scenario in scenarios:
        measured = measure_scenario(dash_app, scenario, reps, fill)
        if measured is None:
            log(f"[{target.scale}] skipped {scenario.name!r}: no callback writes {scenario.output} yet")
            continue
        measured.scale = target.scale
        if raw_app is not None and scenario.baseline is not None:
            b_median, b_p95, b_bytes = measure_baseline(raw_app, scenario, reps, fill)
            measured.baseline_median_ms, measured.baseline_p95_ms, measured.baseline_bytes = b_median, b_p95, b_bytes
            measured.speedup = round(b_median / measured.median_ms, 1) if measured.median_ms else None
        log(
            f"[{target.scale}] {scenario.name}: {measured.median_ms:.1f} ms median, {measured.p95_ms:.1f} ms p95, "
            f"{measured.bytes / 1024:.1f} KB (HTTP {measured.status})"
        )
        results.append(measured)
    return results


def markdown_table(results: list[Measurement], targets: list[Target]) -> str:
    lines = [
        "| scale | interaction | callback | median ms | p95 ms | response KB (gzip) | textbook median ms | "
        "textbook KB | speed-up |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in results:
        kind = " (Patch)" if m.patch else ""
        textbook = "—" if m.baseline_median_ms is None else f"{m.baseline_median_ms:.1f}"
        textbook_kb = "—" if m.baseline_bytes is None else f"{m.baseline_bytes / 1024:.0f}"
        speedup = "—" if m.speedup is None else f"{m.speedup:.1f}×"
        lines.append(
            f"| {m.scale} | {m.scenario} | `{m.callback}`{kind} | {m.median_ms:.1f} | {m.p95_ms:.1f} | "
            f"{m.bytes / 1024:.1f} ({m.gzip_bytes / 1024:.1f}) | {textbook} | {textbook_kb} | {speedup} |"
        )
    setup = "; ".join(f"{t.scale}: " + ", ".join(f"{k} {v}" for k, v in t.setup_seconds.items()) for t in targets)
    reps = results[0].reps if results else 0
    lines += ["", f"{reps} repetitions after one warm-up request each; Flask test client, no network. Setup: {setup}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=("jiangsu", "national", "both"), default="both")
    parser.add_argument("--scale-fraction", type=float, default=1.0, help="national dataset size, 0 < f <= 1")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--only", action="append", default=[], help="scenario name substring (repeatable)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the textbook choropleth")
    parser.add_argument("--json", type=Path, help="also write the measurements as JSON to this file")
    args = parser.parse_args(argv)
    if not 0 < args.scale_fraction <= 1:
        parser.error("--scale-fraction must be in (0, 1]")
    scenarios = [s for s in SCENARIOS if not args.only or any(o in s.name for o in args.only)]

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    results: list[Measurement] = []
    targets: list[Target] = []
    with tempfile.TemporaryDirectory(dir=CACHE_DIR, prefix="stores-") as tmp:
        work = Path(tmp)
        if args.scale in ("jiangsu", "both"):
            targets.append(jiangsu_target(work))
        if args.scale in ("national", "both"):
            targets.append(national_target(work, args.scale_fraction, log))
        for target in targets:
            results += run_target(target, args.reps, scenarios, baseline=not args.no_baseline, log=log)
    print(markdown_table(results, targets))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"results": [asdict(m) for m in results], "setup": {t.scale: t.setup_seconds for t in targets}},
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What an export costs, and what a hostile export request costs: status code and milliseconds.

Every request is what the Dash renderer POSTs to ``/_dash-update-component`` for a chart's or a grid's download
callback, sent through Flask's test client (routing, the checks, the callback, Dash's JSON encoding; no
network). The export browser is the server's own (started once before the timings).

- legitimate: the overview's city map, a trend and the certification funnel in PNG, SVG and PDF, and the
  certification grid as XLSX and CSV, as the page asks for them (graph id, format, preset; the grid's rows);
- hostile: what the old client could send and the old server rendered (60-110 s, 3.8 GB): a figure of 10^6
  points, 900 subplots, layout images on 127.0.0.1 and ``file:///``, a request for another page's chart,
  malformed JSON, a 200,000-row table and a table longer than its grid;
- the renderer's own limits: ``export_figure`` handed the 10^6-point and 900-subplot figures directly.

Tests never assert speed; this prints it.

    .venv/bin/python -m benchmarks.exports                 # 3 repetitions each
    .venv/bin/python -m benchmarks.exports --reps 5 --json exports.json
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from chuangye.data.store import Store
from chuangye.exports.browser import export_browser
from chuangye.exports.figures import export_figure
from chuangye.exports.limits import ExportError
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import create_app

UPDATE_URL = "/_dash-update-component"
CHART_CALLBACK = '..{"graph":["MATCH"],"type":"chart-export-download"}.data..'
TABLE_CALLBACK = '..{"grid":["MATCH"],"type":"table-export-download"}.data..'


@dataclass
class Measurement:
    group: str
    request: str
    status: int | str
    median_ms: float
    max_ms: float
    response_bytes: int
    reps: int


def _key(component_id: dict) -> str:
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def download_payload(kind: str, name: str, value: object, page: str, search: str = "?year=2019") -> dict:
    """The renderer's request for the download callback of a chart (``kind`` "graph") or a grid ("grid")."""
    prefix = "chart" if kind == "graph" else "table"
    request_id = {"type": f"{prefix}-export-request", kind: name}
    return {
        "output": CHART_CALLBACK if kind == "graph" else TABLE_CALLBACK,
        "outputs": [{"id": {"type": f"{prefix}-export-download", kind: name}, "property": "data"}],
        "inputs": [{"id": request_id, "property": "data", "value": value}],
        "state": [
            {"id": "url", "property": "search", "value": search},
            {"id": "url", "property": "pathname", "value": f"/{page}"},
        ],
        "changedPropIds": [f"{_key(request_id)}.data"],
    }


def chart_request(graph: str, fmt: str, page: str = "overview", **extra: object) -> bytes:
    value = {"graph": graph, "fmt": fmt, "preset": "a4", "nonce": 1, **extra}
    return json.dumps(download_payload("graph", graph, value, page)).encode()


@cache
def huge_figure(points: int) -> dict:
    return {"data": [{"type": "scattergl", "x": list(range(points)), "y": list(range(points))}], "layout": {}}


@cache
def subplot_figure(rows: int, columns: int) -> dict:
    from plotly.subplots import make_subplots

    figure = make_subplots(rows=rows, cols=columns)
    for i in range(rows * columns):
        figure.add_scatter(x=[0, 1], y=[1, 0], row=i // columns + 1, col=i % columns + 1)
    return figure.to_dict()


def image_figure() -> dict:
    sources = ["http://127.0.0.1:9/secret.png", "file:///etc/passwd"]
    images = [{"source": s, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "sizex": 1, "sizey": 1} for s in sources]
    return {"data": [{"type": "bar", "y": [1, 2]}], "layout": {"images": images}}


def table_request(rows: int, page: str = "certification", grid: str = "cert-table", fmt: str = "csv") -> bytes:
    columns = [
        {"id": "area", "field": "area", "header": "设区市", "type": "text"},
        {"id": "certified", "field": "certified", "header": "省级认定", "type": "int"},
    ]
    value = {"grid": grid, "fmt": fmt, "title": "各设区市认定情况", "columns": columns, "nonce": 1,
             "rows": [[f"城市{i}", i] for i in range(rows)]}  # fmt: skip
    return json.dumps(download_payload("grid", grid, value, page)).encode()


def requests() -> list[tuple[str, str, bytes]]:
    """(group, name, body) of every request timed."""
    out: list[tuple[str, str, bytes]] = []
    for graph, page, label in (("ov-map", "overview", "city map"), ("ov-trend-park", "overview", "trend"),
                               ("cert-funnel", "certification", "funnel")):  # fmt: skip
        for fmt in ("png", "svg", "pdf"):
            out.append(("legitimate", f"{label} {fmt.upper()}", chart_request(graph, fmt, page)))
    out.append(("legitimate", "grid XLSX (13 rows)", table_request(13, fmt="xlsx")))
    out.append(("legitimate", "grid CSV (13 rows)", table_request(13)))
    out += [
        ("hostile", "figure of 10^6 points", chart_request("ov-map", "png", figure=json.dumps(huge_figure(10**6)))),
        ("hostile", "figure of 10^5 points", chart_request("ov-map", "png", figure=json.dumps(huge_figure(10**5)))),
        ("hostile", "900 subplots", chart_request("ov-map", "png", figure=json.dumps(subplot_figure(30, 30)))),
        ("hostile", "image URLs (127.0.0.1, file:///)", chart_request("ov-map", "png", figure=image_figure())),
        ("hostile", "another page's chart", chart_request("dd-map", "png")),
        ("hostile", "malformed JSON", b'{"output": "..{\\"graph\\"'),
        ("hostile", "table of 200,000 rows", table_request(200_000)),
        ("hostile", "table of 5,000 rows (grid: 13)", table_request(5_000)),
    ]
    return out


def time_request(client, body: bytes, reps: int) -> tuple[int, list[float], int]:
    times, status, size = [], 0, 0
    for _ in range(reps):
        start = time.perf_counter()
        response = client.post(UPDATE_URL, data=body, content_type="application/json")
        times.append((time.perf_counter() - start) * 1000)
        status, size = response.status_code, len(response.data)
    return status, times, size


def time_renderer_limit(figure: dict, reps: int) -> tuple[str, list[float]]:
    times, outcome = [], ""
    for _ in range(reps):
        start = time.perf_counter()
        try:
            export_figure(figure, "png", title="benchmark")
            outcome = "rendered"
        except ExportError as exc:
            outcome = "refused: " + str(exc).split(" / ")[-1]
        times.append((time.perf_counter() - start) * 1000)
    return outcome, times


def run(reps: int, log: Callable[[str], None] = print) -> list[Measurement]:
    work = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    Store(work).ensure_initialised(SAMPLE_DIR)
    app = create_app(work, warm=False, auth=False)  # the exports, not the sign-in
    client = app.server.test_client()
    log("starting the export browser …")
    export_browser().start()
    client.post(UPDATE_URL, data=chart_request("ov-map", "png"), content_type="application/json")  # warm-up
    results = []
    for group, name, body in requests():
        status, times, size = time_request(client, body, reps)
        results.append(Measurement(group, name, status, statistics.median(times), max(times), size, reps))
        log(f"{group:12} {name:36} {status}  {statistics.median(times):9.1f} ms")
    for name, figure in (("export_figure, 10^6 points", huge_figure(10**6)),
                         ("export_figure, 900 subplots", subplot_figure(30, 30))):  # fmt: skip
        outcome, times = time_renderer_limit(figure, reps)
        results.append(Measurement("renderer", name, outcome, statistics.median(times), max(times), 0, reps))
        log(f"{'renderer':12} {name:36} {outcome}  {statistics.median(times):9.1f} ms")
    return results


def markdown_table(results: list[Measurement]) -> str:
    lines = [
        "| group | request | status | median ms | max ms | response bytes |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r.group} | {r.request} | {r.status} | {r.median_ms:.1f} | {r.max_ms:.1f} | {r.response_bytes:,} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="repetitions of each request (default 3)")
    parser.add_argument("--json", type=Path, help="also write the measurements to this JSON file")
    args = parser.parse_args(argv)
    results = run(args.reps, log=lambda line: print(line, file=sys.stderr))
    print(markdown_table(results))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process (the server and the benchmark's own hostile figures): {peak_mb:,.0f} MB")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

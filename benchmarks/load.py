"""Many signed-in users at once: ``chuangye serve`` (``--workers 2`` when the CLI has it) on 127.0.0.1 answering
simulated users who replay what the real pages send.

What a user sends was captured once from the real pages in headless Chromium (the CDP performance log): for each
page, the page itself, ``/_dash-layout``, ``/_dash-dependencies`` and the ``_dash-update-component`` POST bodies
of opening it; for the overview and the map page, the POSTs of a year change. The capture lives in
``benchmarks/load_capture.json`` (``--recapture`` makes it again from this checkout). Static assets are not
replayed: a browser holds them after its first visit.

Each simulated user has its own account (made in the temporary data directory's accounts database) and signs in
through the login form, then repeats: pick an action (open a page, or a year change on the overview or the map),
send its requests in order, think (``--think`` seconds, ±50 %). The client is ``requests`` (one ``Session`` per
user: its cookie, keep-alive) on a thread pool: already pinned in this project, no new dependency, and a
user that waits on each answer before its next request is what a browser tab does. (``locust`` is in the registry
but brings gevent and its own runner and report; the mixed-version check below needs every response body.)

Two runs on one server: a steady one, and one during which ``chuangye import`` switches the active version
mid-run (the sample's certifications with one more certified street). Every map-table response carries its
version in ``dd-table-drawn.key`` (as in ``tests/integration/test_version_flip.py``); a response is *mixed* when
its rows are not the rows that version gives for the same request (both probed before and after the switch).

    .venv/bin/python -m benchmarks.load                                   # 50 users, 60 s, think 3 s
    .venv/bin/python -m benchmarks.load --users 20 --duration 30 --json artifacts/load.json
    .venv/bin/python -m benchmarks.load --recapture                       # capture the pages' requests again
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
import requests

from benchmarks.live import (
    CHUANGYE,
    Server,
    clean_environment,
    load_average,
    percentile,
    running_server,
    serve_supports_workers,
    sign_in,
)
from chuangye.sample.bundled import SAMPLE_DIR

CAPTURE = Path(__file__).with_name("load_capture.json")
UPDATE_PATH = "/_dash-update-component"
DASH_GETS = (("layout", "/_dash-layout"), ("dependencies", "/_dash-dependencies"))
# how often a user does each thing: opening the overview or the map is the most common, the admin pages rare
PAGE_WEIGHTS = {"overview": 3, "map": 3, "peers": 2, "unit": 1, "certification": 1, "method": 0.5, "audit": 0.25,
                "data": 0.25}  # fmt: skip
YEAR_CHANGE_WEIGHT = 2.0  # per interactive page
TABLE = ("dd-table-drawn", "dd-grid")  # the map table's version key and its rows


# ------------------------------------------------------------------------------------------------ capture


def capture(server: Server, lang: str = "zh", log: Callable[[str], None] = print) -> dict[str, Any]:
    """The requests the real pages send, recorded from headless Chromium's performance log."""
    from benchmarks import browser

    driver = browser.make_driver()
    found: dict[str, Any] = {"lang": lang, "pages": {}, "year_changes": {}}
    try:
        if server.auth:
            browser.sign_in_browser(driver, server, lang)
        for page in browser.PAGES:
            url = browser.page_url(server, page, lang)
            browser.network_events(driver)
            driver.get(url)
            browser.settle(driver, quiet=1.0, timeout=60.0)
            posts = _bodies(browser.traffic_of(browser.network_events(driver), driver).posts)
            found["pages"][page.name] = {"path": url.removeprefix(server.base), "posts": posts}
            log(f"captured {page.name}: {len(posts)} callback requests")
            if page.name in browser.INTERACTIVE:
                browser.choose_control(driver, "year", 0)
                browser.settle(driver, quiet=1.0, timeout=60.0)
                posts = _bodies(browser.traffic_of(browser.network_events(driver), driver).posts)
                found["year_changes"][page.name] = {"posts": posts}
                log(f"captured {page.name} year change: {len(posts)} callback requests")
    finally:
        driver.quit()
    return found


def _bodies(posts: list[dict]) -> list[Any]:
    return [json.loads(p["body"]) for p in posts if p.get("body")]


# ------------------------------------------------------------------------------------------------- replay


@dataclass(frozen=True)
class Sent:
    """One request a user sent and what came back."""

    kind: str  # page | layout | dependencies | callback
    action: str
    status: int  # 0: no answer (connection refused, timeout)
    ms: float
    at: float  # seconds since the run started
    refused: bool  # a callback answered without a Dash response body
    version: str | None = None  # the map table's version key, when the answer carries one
    rows: str | None = None  # a digest of that answer's table rows
    step: str = ""  # which captured request: "<action>#<index>"


@dataclass
class Actions:
    """What a user can do: each action a list of (kind, method, path, body) requests."""

    names: list[str]
    weights: list[float]
    requests: dict[str, list[tuple[str, str, str, Any]]]

    @classmethod
    def from_capture(cls, found: dict[str, Any]) -> Actions:
        names, weights, steps = [], [], {}
        for page, seen in found["pages"].items():
            opened = [("page", "GET", seen["path"], None)] + [(kind, "GET", path, None) for kind, path in DASH_GETS]
            steps[f"open {page}"] = opened + [("callback", "POST", UPDATE_PATH, body) for body in seen["posts"]]
            names.append(f"open {page}")
            weights.append(PAGE_WEIGHTS.get(page, 1.0))
        for page, seen in found["year_changes"].items():
            steps[f"{page} year change"] = [("callback", "POST", UPDATE_PATH, body) for body in seen["posts"]]
            names.append(f"{page} year change")
            weights.append(YEAR_CHANGE_WEIGHT)
        return cls(names, weights, steps)


class VersionCheck:
    """The rows each version gives for the map table; an answer with other rows under its key is mixed."""

    def __init__(self) -> None:
        self.expected: dict[tuple[str, str], str] = {}  # (captured request, version) -> rows digest

    @staticmethod
    def table_of(answer: dict) -> tuple[str, str] | None:
        """(version, rows as text) of a full map-table answer, None for any other answer (or a Patch)."""
        response = answer.get("response") or {}
        drawn, grid = (response.get(name) for name in TABLE)
        rows = (grid or {}).get("rowData")
        key = ((drawn or {}).get("data") or {}).get("key")
        if not key or not isinstance(rows, list):
            return None
        text = json.dumps(rows, sort_keys=True, ensure_ascii=False)
        return key.split("|")[0], hashlib.sha256(text.encode()).hexdigest()

    def learn(self, step: str, answer: dict) -> str | None:
        found = self.table_of(answer)
        if found:
            self.expected[(step, found[0])] = found[1]
        return found[0] if found else None

    def checkable(self, sent: Sent) -> bool:
        return sent.version is not None and (sent.step, sent.version) in self.expected

    def mixed(self, sent: Sent) -> bool:
        """Judged after the run, when the rows of every version are known: the same request answered under
        the same version key must carry the same rows."""
        return self.checkable(sent) and self.expected[(sent.step, sent.version)] != sent.rows  # type: ignore[index]


def stale_outputs(server: Server, found: dict[str, Any]) -> list[str]:
    """The captured callbacks this server no longer has (the pages changed since the capture: ``--recapture``)."""
    session = requests.Session()
    if server.auth:
        sign_in(session, server.base, server.users[0])
    known = {dep["output"] for dep in session.get(f"{server.base}/_dash-dependencies", timeout=60).json()}
    captured = [body for seen in (*found["pages"].values(), *found["year_changes"].values()) for body in seen["posts"]]
    return sorted({body["output"] for body in captured} - known)


def send(session: requests.Session, base: str, method: str, path: str, body: Any) -> requests.Response:
    if method == "GET":
        return session.get(base + path, timeout=120)
    headers = {"Origin": base, "Content-Type": "application/json"}
    return session.post(base + path, data=json.dumps(body), headers=headers, timeout=120)


@dataclass
class Run:
    users: int
    seconds: float
    think: float
    label: str
    sent: list[Sent] = field(default_factory=list)
    sign_in_failures: int = 0
    sign_in_ms: list[float] = field(default_factory=list)  # all users signing in at once, before the run
    import_window: tuple[float, float] | None = None  # seconds since start: the import's start and end
    import_error: str = ""
    versions_expected: int = 0  # versions whose table rows are known (2 when the import ran)
    checked: int = 0  # answers carrying a version key whose rows for that request and version are known
    mixed: int = 0  # answers whose table rows are not those of the version their key names
    rows_differ: bool | None = None  # whether the two versions' table rows differ (else mixing is invisible)
    load_before: tuple[float, ...] = ()
    load_after: tuple[float, ...] = ()


def signed_in_session(server: Server, name: str) -> tuple[requests.Session | None, float]:
    """A user's session after the login form (None when the sign-in failed), and the sign-in's milliseconds."""
    session = requests.Session()
    begun = time.monotonic()
    try:
        if server.auth:
            sign_in(session, server.base, name)
    except (RuntimeError, requests.RequestException):
        return None, 1000 * (time.monotonic() - begun)
    return session, 1000 * (time.monotonic() - begun)


def one_user(
    session: requests.Session, server: Server, actions: Actions, run: Run, check: VersionCheck, started: float,
    seed: int,
) -> None:  # fmt: skip
    rng = random.Random(seed)
    end = started + run.seconds
    time.sleep(rng.uniform(0, min(run.think, run.seconds / 4)))  # users do not all arrive in the same instant
    while time.monotonic() < end:
        action = rng.choices(actions.names, actions.weights)[0]
        for index, (kind, method, path, body) in enumerate(actions.requests[action]):
            sent = _timed(session, server.base, kind, action, method, path, body, check, started)
            run.sent.append(replace(sent, step=f"{action}#{index}"))
            if time.monotonic() >= end:
                return
        time.sleep(min(max(0.0, end - time.monotonic()), run.think * rng.uniform(0.5, 1.5)))


def _timed(session, base, kind, action, method, path, body, check: VersionCheck, started: float) -> Sent:
    begun = time.monotonic()
    try:
        answer = send(session, base, method, path, body)
    except requests.RequestException:
        return Sent(kind, action, 0, 1000 * (time.monotonic() - begun), begun - started, kind == "callback")
    ms = 1000 * (time.monotonic() - begun)
    version, rows, refused = None, None, False
    if kind == "callback" and answer.status_code == 200:
        try:
            parsed = answer.json()
            refused = "response" not in parsed
            version, rows = check.table_of(parsed) or (None, None)
        except ValueError:
            refused = True
    elif kind == "callback":
        refused = answer.status_code != 204  # 204: the callback had nothing new (PreventUpdate)
    return Sent(kind, action, answer.status_code, ms, begun - started, refused, version, rows)


def probe_table(server: Server, actions: Actions, check: VersionCheck, user: str | None) -> str | None:
    """Send every captured callback once and learn the map-table rows of the version that answers; that
    version."""
    session = requests.Session()
    if user:
        sign_in(session, server.base, user)
    version = None
    for action, steps in actions.requests.items():
        for index, (_kind, method, path, body) in enumerate(steps):
            if method == "POST":
                answer = send(session, server.base, method, path, body)
                if answer.status_code == 200:
                    version = check.learn(f"{action}#{index}", answer.json()) or version
    return version


def one_more_certified(folder: Path) -> Path:
    """The sample's certifications with one more certified street (one that never declared) in the latest round."""
    units = pd.read_csv(SAMPLE_DIR / "units.csv", dtype=str)
    certs = pd.read_csv(SAMPLE_DIR / "certifications.csv", dtype=str)
    latest = certs["round_year"].max()
    streets = units[(units["unit_type"] == "street_town") & (units["in_scope"] == "true") & units["active_to"].isna()]
    newcomer = streets[~streets["unit_code"].isin(certs["unit_code"])]["unit_code"].iloc[0]
    model = certs[(certs["round_year"] == latest) & (certs["stage"] == "certified")].iloc[0].copy()
    model["unit_code"] = newcomer
    path = folder / "certifications.csv"
    pd.concat([certs, model.to_frame().T], ignore_index=True).to_csv(path, index=False)
    return path


def import_later(server: Server, path: Path, delay: float, run: Run, started: float) -> threading.Thread:
    def work() -> None:
        time.sleep(delay)
        begun = time.monotonic() - started
        result = subprocess.run(
            [str(CHUANGYE), "import", str(path), "--data-dir", str(server.data_dir)],
            env=clean_environment(server.data_dir), capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        run.import_window = (round(begun, 1), round(time.monotonic() - started, 1))
        if result.returncode != 0:
            run.import_error = result.stderr.strip()[-500:]

    thread = threading.Thread(target=work, name="benchmark-import", daemon=True)
    thread.start()
    return thread


def replay(
    server: Server, actions: Actions, run: Run, *, import_file: Path | None = None, import_at: float | None = None
) -> Run:
    check = VersionCheck()
    first_user = server.users[0] if server.auth else None
    before = probe_table(server, actions, check, first_user)
    names = server.users[: run.users] if server.auth else [f"local{n}" for n in range(run.users)]
    with ThreadPoolExecutor(max_workers=run.users, thread_name_prefix="user") as pool:
        # everyone signs in first (each sign-in checks a slow password hash on purpose): timed on its own, so
        # that the burst of 50 sign-ins does not pass for slow pages
        signed = list(pool.map(lambda name: signed_in_session(server, name), names))
        run.sign_in_ms = [round(ms, 1) for _, ms in signed]
        run.sign_in_failures = sum(session is None for session, _ in signed)
        run.load_before = load_average()
        started = time.monotonic()
        delay = run.seconds / 2 if import_at is None else import_at
        importer = import_later(server, import_file, delay, run, started) if import_file else None
        for n, (session, _) in enumerate(signed):
            if session is not None:
                pool.submit(one_user, session, server, actions, run, check, started, n)
    run.load_after = load_average()
    if importer is not None:
        importer.join()
        after = probe_table(server, actions, check, first_user)
        run.rows_differ = before != after and any(
            check.expected.get((step, before)) != check.expected.get((step, after)) for step, _ in check.expected
        )
    run.versions_expected = len({version for _, version in check.expected})
    run.checked = sum(check.checkable(s) for s in run.sent)
    run.mixed = sum(check.mixed(s) for s in run.sent)
    return run


# ------------------------------------------------------------------------------------------------- report


def kind_rows(run: Run) -> list[dict[str, Any]]:
    rows = []
    for kind in ("page", "layout", "dependencies", "callback", "all"):
        group = [s for s in run.sent if kind in ("all", s.kind)]
        if not group:
            continue
        answered = [s.ms for s in group if s.status]
        rows.append({
            "kind": kind, "requests": len(group),
            "p50_ms": round(percentile(answered, 0.50), 1) if answered else None,
            "p95_ms": round(percentile(answered, 0.95), 1) if answered else None,
            "p99_ms": round(percentile(answered, 0.99), 1) if answered else None,
            "non_2xx": sum(not 200 <= s.status < 300 for s in group),
            "refused_callbacks": sum(s.refused for s in group),
        })  # fmt: skip
    return rows


def run_summary(run: Run) -> dict[str, Any]:
    checked = [s for s in run.sent if s.version]
    return {
        "label": run.label, "users": run.users, "seconds": run.seconds, "think_s": run.think,
        "requests": len(run.sent), "throughput_rps": round(len(run.sent) / run.seconds, 1),
        "sign_in_failures": run.sign_in_failures, "kinds": kind_rows(run),
        "sign_in_p50_ms": round(percentile(run.sign_in_ms, 0.5), 1) if run.sign_in_ms else None,
        "sign_in_max_ms": max(run.sign_in_ms, default=None),
        "import_window_s": run.import_window, "import_error": run.import_error,
        "versions_seen": sorted({s.version for s in checked if s.version}),
        "version_checked_responses": run.checked, "mixed_responses": run.mixed,
        "rows_differ_between_versions": run.rows_differ,
        "load_before": run.load_before, "load_after": run.load_after,
    }  # fmt: skip


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def text_report(header: list[str], runs: list[Run]) -> str:
    lines = list(header)
    for run in runs:
        s = run_summary(run)
        lines += [
            "",
            f"## {s['label']}: {s['users']} users, {s['seconds']:.0f} s, think {s['think_s']} s ±50 %",
            f"{s['users']} sign-ins at once before the run: median {_ms(s['sign_in_p50_ms'])} ms, slowest "
            f"{_ms(s['sign_in_max_ms'])} ms, {s['sign_in_failures']} failed",
            f"{s['requests']} requests, {s['throughput_rps']} requests/s; "
            f"load average before {s['load_before']}, after {s['load_after']}",
            "",
            "| kind | requests | p50 ms | p95 ms | p99 ms | non-2xx | refused callbacks |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in s["kinds"]:
            lines.append(
                f"| {row['kind']} | {row['requests']} | {_ms(row['p50_ms'])} | {_ms(row['p95_ms'])} "
                f"| {_ms(row['p99_ms'])} | {row['non_2xx']} | {row['refused_callbacks']} |"
            )
        if run.import_window is not None or run.import_error:
            lines.append(
                f"Import: from {s['import_window_s'][0] if s['import_window_s'] else '?'} s to "
                f"{s['import_window_s'][1] if s['import_window_s'] else '?'} s"
                + (f", FAILED: {run.import_error}" if run.import_error else "")
                + f"; versions seen in map-table answers {s['versions_seen']}; "
                f"{s['mixed_responses']} mixed of {s['version_checked_responses']} checked"
                + ("" if run.rows_differ else " (the two versions' rows did not differ: mixing could not show)")
            )
    lines += ["", "Aims (issue 11): 0 errors, p95 under 300 ms on 2 cores, no mixed-version response."]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--think", type=float, default=3.0, help="seconds between a user's actions (±50 %%)")
    parser.add_argument("--workers", type=int, default=2, help="serve --workers N when the CLI has it; 0: never")
    parser.add_argument("--no-auth", action="store_true", help="serve with --no-auth (users share one identity)")
    parser.add_argument("--no-import-run", action="store_true", help="skip the run with an import mid-way")
    parser.add_argument("--import-at", type=float, default=None, help="seconds into the second run (default: half)")
    parser.add_argument("--recapture", action="store_true", help=f"capture the pages' requests again ({CAPTURE.name})")
    parser.add_argument("--capture-file", type=Path, default=CAPTURE)
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    workers = args.workers if args.workers and serve_supports_workers() else None
    if args.workers and not workers:
        say("chuangye serve has no --workers here: the single-process server (waitress, 8 threads) is measured")
    with running_server(users=args.users, auth=not args.no_auth, workers=workers) as server:
        if args.recapture or not args.capture_file.exists():
            found = capture(server, log=say)
            args.capture_file.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        found = json.loads(args.capture_file.read_text(encoding="utf-8"))
        if stale := stale_outputs(server, found):
            say(
                f"{args.capture_file.name} names {len(stale)} callbacks this app does not have ({stale[0]}, …): "
                "capturing afresh for this run; --recapture saves a new capture"
            )
            found = capture(server, log=say)
        actions = Actions.from_capture(found)
        header = [
            "# Load benchmark",
            f"Server: {' '.join(server.command()[1:]).replace(str(server.data_dir), '<tmp>')} (bundled sample)",
            f"Client: requests, one Session per user on a thread pool; {len(actions.names)} actions from "
            f"{args.capture_file.name}: {', '.join(actions.names)}",
        ]
        runs = [Run(args.users, args.duration, args.think, "steady")]
        say(f"steady run: {args.users} users for {args.duration:.0f} s")
        replay(server, actions, runs[0])
        if not args.no_import_run:
            with_import = Run(args.users, args.duration, args.think, "import mid-run")
            import_at = args.duration / 2 if args.import_at is None else args.import_at
            say(f"run with chuangye import at {import_at:.0f} s")
            changed = one_more_certified(server.data_dir.parent)
            replay(server, actions, with_import, import_file=changed, import_at=import_at)
            runs.append(with_import)
    print(text_report(header, runs))
    if args.json:
        payload = {"header": header, "runs": [run_summary(r) for r in runs], "sent": [[asdict(s) for s in r.sent]
                                                                                     for r in runs]}  # fmt: skip
        Path(args.json).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

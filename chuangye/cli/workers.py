"""``chuangye serve --workers N`` (N > 1): the dashboard in N gunicorn worker processes on Linux.

The app is built once in the master process, before forking (gunicorn's ``preload_app``): the active version's
frames, the region tree and the registered callbacks are then shared copy-on-write by every worker, a start-up
pays the version's load once instead of N times on the same cores, and a worker that dies is replaced by a fork
that serves at once (docs/deployment.md has the figures). Threads do not survive a fork, so the warm-up thread
starts in each worker after the fork (``post_fork``), and each worker opens its own database connections.

Each worker reads the store's ``ACTIVE`` pointer on every request (``DataManager``), so an import or rollback
through any worker, the CLI or another machine reaches every worker at its next request.
"""

from __future__ import annotations

import signal
import sys
from dataclasses import dataclass

from dash import Dash

from chuangye.strings.i18n import t
from chuangye.web import app as webapp

THREADS = 8  # per worker, as waitress's single process: a long export holds one thread, not the worker
# a worker's main loop answers the master while its threads work, so this only catches a stuck process
TIMEOUT_SECONDS = 120
GRACEFUL_SECONDS = 25  # in-flight requests may finish after SIGTERM; below systemd's TimeoutStopSec=30
# one line a request on stderr, with the worker's pid: which process answered is visible in the log
ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms worker %(p)s'


@dataclass(frozen=True)
class WorkerOptions:
    host: str
    port: int
    workers: int
    threads: int = THREADS


def unavailable_reason() -> str | None:
    """Why gunicorn cannot serve here (a ``cli_workers_reason_*`` code), or None when it can."""
    if sys.platform.startswith("win"):
        return "windows"
    try:
        import gunicorn.app.base  # noqa: F401  only whether it imports
    except ImportError:
        return "missing"
    return None


def unavailable_text(workers: int, reason: str) -> str:
    return " / ".join(
        t("cli_workers_unavailable", lang, workers=workers, reason=t(f"cli_workers_reason_{reason}", lang))
        for lang in ("zh", "en")
    )


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def after_fork(dash_app: Dash) -> None:
    """In a new worker: fresh database connections (a pooled SQLite or PostgreSQL connection must not be shared
    with the master or a sibling) and this worker's own warm-up thread."""
    extension = dash_app.server.extensions[webapp.EXTENSION]
    services = extension["services"]
    if services.database is not None:
        services.database.engine.dispose(close=False)  # SQLAlchemy's recipe for a forked child
    extension["warm_up"] = webapp.start_warm_up(services)


def serve_with_workers(dash_app: Dash, options: WorkerOptions) -> None:
    """Run gunicorn's master loop until SIGTERM or Ctrl+C (both graceful); returns only through ``SystemExit``."""
    from gunicorn.app.base import BaseApplication
    from gunicorn.arbiter import Arbiter

    class GracefulArbiter(Arbiter):
        # gunicorn stops at once on SIGINT; Ctrl+C lets the requests in flight finish, as SIGTERM does
        def handle_int(self):
            self.handle_term()

    class DashboardApplication(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": [bind_address(options.host, options.port)],
                "workers": options.workers,
                "worker_class": "gthread",
                "threads": options.threads,
                "preload_app": True,  # the app below was built before the fork
                "timeout": TIMEOUT_SECONDS,
                "graceful_timeout": GRACEFUL_SECONDS,
                "proc_name": "chuangye",
                "accesslog": "-",
                "access_log_format": ACCESS_LOG_FORMAT,
                "errorlog": "-",
                "control_socket_disable": True,  # no gunicorn.ctl file in the working directory
                "post_fork": lambda _server, _worker: after_fork(dash_app),
                "post_worker_init": graceful_interrupt,
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            return dash_app.server

        def run(self) -> None:
            GracefulArbiter(self).run()

    DashboardApplication().run()


def graceful_interrupt(worker) -> None:
    """A worker finishes its requests on Ctrl+C (the terminal sends SIGINT to every process of the group)."""
    signal.signal(signal.SIGINT, worker.handle_exit)

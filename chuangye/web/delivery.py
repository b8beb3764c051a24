"""How responses travel: compressed (br, else gzip) and cached by the browser only where that is safe.

- **Compression** (flask-compress): pages, callback and API JSON, JavaScript, CSS, SVG and fonts, brotli when
  the browser offers it, gzip otherwise. Not compressed: responses that carry the session's CSRF token (the
  sign-in and password pages, ``/_dash-layout`` with the account menu's sign-out form), so that their size
  never hints at the token (BREACH). A fingerprinted or package file is compressed once per process and kept.
- **Caching**: Dash's fingerprinted component files (``name.v4_4_1m1712345678.js``) and the app's ``assets/``
  asked with Dash's ``?m=<modified>`` are the same bytes for as long as that URL exists: a year, immutable.
  Other static files (the Plotly bundle Dash loads by its plain name, the icon font the CSS names) are
  revalidated (ETag / Last-Modified). Everything else, pages, callbacks, API and downloads, carries data of
  the signed-in user: ``no-store`` unless the route chose its own header.
"""

from __future__ import annotations

from dash import Dash
from dash.fingerprint import check_fingerprint
from flask import Request, Response, request
from flask_compress import Compress

from chuangye.web.auth.guard import LOGIN_PATH, PASSWORD_PATH

COMPONENT_PREFIX = "/_dash-component-suites/"
ASSETS_PREFIX = "/assets/"
FAVICON = "/_favicon.ico"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
PRIVATE = "no-store"
# responses holding the session's CSRF token: never compressed (their length must not depend on the secret)
NOT_COMPRESSED = frozenset({LOGIN_PATH, PASSWORD_PATH, "/_dash-layout"})
COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "image/svg+xml",
    "font/ttf",
    "font/otf",
]
BROTLI_LEVEL = 5  # 4.8 MB plotly.min.js: 1.29 MB in 0.2 s here (level 11 takes seconds); gzip level 6: 1.47 MB


def is_fingerprinted(req: Request) -> bool:
    """The URL names one version of the file: its bytes never change under it."""
    if req.path.startswith(COMPONENT_PREFIX):
        return check_fingerprint(req.path)[1]
    return req.path.startswith(ASSETS_PREFIX) and "m" in req.args


def cache_control(req: Request) -> str:
    if is_fingerprinted(req):
        return IMMUTABLE
    if req.path.startswith((COMPONENT_PREFIX, ASSETS_PREFIX)) or req.path == FAVICON:
        return REVALIDATE
    return PRIVATE


class PackageFileCache:
    """Compressed bodies of the component files (flask-compress's cache backend): keyed by the file, not the
    URL, so that made-up fingerprints cannot grow it; other responses are never kept (empty key part)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.kept.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):
            self.kept[key] = value


def package_file_key(req: Request) -> str:
    """``<file>`` for a component file (a known package file: Dash refuses others before this runs), else ""."""
    if req.method == "GET" and req.path.startswith(COMPONENT_PREFIX):
        return check_fingerprint(req.path)[0]
    return ""


class SelectiveCompress(Compress):
    def after_request(self, response: Response | None) -> Response:
        if response is not None and request.path in NOT_COMPRESSED:
            return response
        return super().after_request(response)


def install_delivery(app: Dash) -> None:
    server = app.server
    server.config.update(
        COMPRESS_MIMETYPES=COMPRESSED_TYPES,
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br", "gzip"],  # the assets folder's files are sent as streams
        COMPRESS_BR_LEVEL=BROTLI_LEVEL,
        COMPRESS_CACHE_BACKEND=PackageFileCache,
        COMPRESS_CACHE_KEY=package_file_key,
    )

    def add_cache_control(response: Response) -> Response:
        wanted = cache_control(request) if response.status_code < 400 else PRIVATE
        if wanted == IMMUTABLE:  # over Dash's own "max-age=31536000", which lets a browser ask again
            response.headers["Cache-Control"] = IMMUTABLE
        else:
            response.headers.setdefault("Cache-Control", wanted)
        return response

    server.after_request(add_cache_control)  # registered first, so it runs after compression (reverse order)
    SelectiveCompress(server)

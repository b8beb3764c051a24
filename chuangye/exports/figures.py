"""Export one chart as PNG, SVG or PDF for a Word page, a slide or the screen.

PNG: rendered by Chromium with the system's Noto Sans CJK. SVG: the CJK font subset is embedded, so the
file shows Chinese on a computer without the font. PDF: the SVG inlined in a page of exactly the chart's
size, printed by the same Chromium (its PDF carries the glyphs it uses; text stays selectable).
"""

from __future__ import annotations

import html
import io

import plotly.graph_objects as go
from PIL import Image

from chuangye.exports.browser import ExportBrowser, export_browser
from chuangye.exports.chrome import FORMATS, Preset, decorate
from chuangye.exports.fonts import embed_font_in_svg
from chuangye.exports.limits import check_figure
from chuangye.exports.pdf import finish_pdf

MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def export_figure(
    fig: go.Figure | dict,
    fmt: str,
    *,
    title: str,
    subtitle: str = "",
    source: str = "",
    preset: str = "a4",
    height: int | None = None,
    lang: str = "zh",
    browser: ExportBrowser | None = None,
) -> bytes:
    """``fig`` with title, subtitle, legend and source line, as ``fmt`` ("png" | "svg" | "pdf") bytes.

    ``preset``: "a4" (605 × 380 CSS px = 16 cm wide; PNG at 2×), "slide" (1280 × 720) or "screen"
    (960 × 540); ``height`` overrides the preset's height (e.g. a ranking of many regions). A figure beyond the
    browser's limits is refused first (``ExportLimitError``).
    """
    if fmt not in FORMATS:
        raise ValueError(f"未知格式 {fmt!r}（可选 png、svg、pdf） / unknown format {fmt!r} (png, svg or pdf)")
    # measured before anything copies or validates it (the browser measures the decorated figure again)
    check_figure(fig if isinstance(fig, dict) else fig.to_plotly_json(), (browser or export_browser()).limits)
    figure, p = decorate(fig, title=title, subtitle=subtitle, source=source, preset_name=preset, height=height)
    return render_decorated(figure, p, fmt, title=title, lang=lang, browser=browser)


def render_decorated(
    figure: go.Figure,
    p: Preset,
    fmt: str,
    *,
    title: str = "",
    lang: str = "zh",
    browser: ExportBrowser | None = None,
) -> bytes:
    browser = browser or export_browser()
    spec = figure.to_dict()
    if fmt == "png":
        return browser.render(spec, "png", p.width, p.height, p.png_scale)
    svg = browser.render(spec, "svg", p.width, p.height, 1).decode("utf-8")
    if fmt == "svg":
        return embed_font_in_svg(svg).encode("utf-8")
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>"
        f"@page {{ size: {p.width}px {p.height}px; margin: 0; }}"
        f"html, body {{ margin: 0; padding: 0; width: {p.width}px; height: {p.height}px; overflow: hidden; }}"
        "svg { display: block; }"
        f"</style></head><body>{svg}</body></html>"
    )
    pdf = browser.print_pdf(page, {"pageRanges": "1"})
    return finish_pdf(pdf, title=title, lang=lang)


def compact_png(png: bytes, colors: int = 256) -> bytes:
    """The PNG reduced to a palette of ``colors`` (no dithering): a chart's flat colours and anti-aliased
    text survive, and the file is about a third of the size, which matters for a report with nine charts."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, "PNG", optimize=True)
    return out.getvalue()


__all__ = ["MIME_TYPES", "compact_png", "export_figure", "render_decorated"]

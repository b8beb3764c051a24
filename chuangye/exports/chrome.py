"""What turns a dashboard figure into a figure for a report: size preset, title, subtitle, legend, source.

The dashboard's figures are sized by the page and titled by the card around them; an exported chart has
to stand alone: a title, a subtitle naming region, year, unit type, basis and data version, the legend
above the plot (the bottom strip holds the source line), and a fixed size for a Word page or a slide.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go

from chuangye.engine.manager import Analytics
from chuangye.figures.maps import geojson_bounds
from chuangye.figures.style import FONT_FAMILY, plain_text
from chuangye.strings.i18n import data_source, t


@dataclass(frozen=True)
class Preset:
    name: str
    width: int  # CSS px
    height: int
    png_scale: float  # device pixels per CSS px for PNG
    font_size: int
    title_size: int


PRESETS: dict[str, Preset] = {
    # 16 cm (the text width of an A4 page with 2.5 cm margins) at 96 dpi; PNG at 2× for print (≈190 dpi)
    "a4": Preset("a4", 605, 380, 2, 11, 14),
    "slide": Preset("slide", 1280, 720, 1, 20, 28),  # 16:9
    "screen": Preset("screen", 960, 540, 1, 13, 17),
}
FORMATS = ("png", "svg", "pdf")
SOURCE_COLOR = "#555"
COLORBAR_PX = 96
# A map on the "a4" preset is as tall as it needs to fill the text width (its shape decides), between these
# shares of the width: a flat region is not drawn in a tall box, a tall one stops at about 20 cm on the page.
MAP_ASPECT_RANGE = (0.55, 1.0)
PAGE_FONT_PX = 13  # the dashboard's text size, which the figures' own fixed sizes go with


def preset(name: str) -> Preset:
    if name not in PRESETS:
        raise ValueError(f"未知尺寸预设 {name!r}（可选 {', '.join(PRESETS)}） / unknown size preset {name!r}")
    return PRESETS[name]


def _legend_shown(fig: go.Figure) -> bool:
    named = [tr for tr in fig.data if tr.showlegend is not False and getattr(tr, "name", None)]
    if fig.layout.showlegend is False:
        return False
    return bool(named) and (fig.layout.showlegend is True or len(named) > 1)


def decorate(
    fig: go.Figure | dict,
    *,
    title: str,
    subtitle: str = "",
    source: str = "",
    preset_name: str = "a4",
    height: int | None = None,
) -> tuple[go.Figure, Preset]:
    """A copy of ``fig`` laid out for export (the original is not changed).

    ``height`` overrides the preset's; without it a map on the "a4" preset gets the height that lets it fill
    the page's text width (``map_height``).
    """
    p = preset(preset_name)
    out = go.Figure(copy.deepcopy(fig if isinstance(fig, dict) else fig.to_dict()))
    if p.font_size > PAGE_FONT_PX:  # a slide: the labels a figure sizes itself grow with the text
        scale_fixed_sizes(out, p.font_size / PAGE_FONT_PX)
    size = p.font_size
    legend = _legend_shown(out)

    title_h = round(p.title_size * 1.35)
    subtitle_h = round(size * 1.9) if subtitle else 0
    legend_h = round(size * 2.0) if legend else 0
    above = round(size * 1.6) if _labels_above_plot(out) else 0
    top = 8 + title_h + subtitle_h + legend_h + 8 + above
    source_h = round(size * 1.6) if source else 0
    margin = out.layout.margin
    left = max(margin.l or 0, 10)
    right = max(margin.r or 0, 10)
    bottom = max(margin.b or 0, 10) + source_h + (size * 2 if _has_cartesian_x(out) else 0)
    if height is None and p.name == "a4" and (aspect := map_aspect(out)) is not None:
        height = map_height(aspect, p.width - left - right, top + bottom)
    if height is not None:
        p = Preset(p.name, p.width, height, p.png_scale, p.font_size, p.title_size)

    out.update_layout(
        width=p.width,
        height=p.height,
        autosize=False,
        font={"family": FONT_FAMILY, "size": size},
        title={
            "text": f"<b>{plain_text(title)}</b>",  # title, subtitle and source are plain text
            "font": {"size": p.title_size, "family": FONT_FAMILY, "color": "#111"},
            "x": left / p.width,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - 8 / p.height,
            "yanchor": "top",
            "yref": "container",
            "subtitle": {"text": plain_text(subtitle), "font": {"size": round(size * 0.95), "color": "#444"}},
        },
        margin={"l": left, "r": right, "t": top, "b": bottom, "autoexpand": True},
        showlegend=legend,
        paper_bgcolor="white",
    )
    if legend:
        out.update_layout(
            legend={
                "orientation": "h",
                "xref": "container",
                "x": left / p.width,
                "xanchor": "left",
                "yref": "container",
                "y": 1 - (8 + title_h + subtitle_h + 4) / p.height,
                "yanchor": "top",
                "font": {"size": size},
                "bgcolor": "rgba(0,0,0,0)",
            }
        )
    if source:
        plot_h = max(p.height - top - bottom, 1)
        out.add_annotation(
            text=plain_text(source),
            xref="paper",
            yref="paper",
            x=0,
            xanchor="left",
            y=-(bottom - 4) / plot_h,
            yanchor="bottom",
            showarrow=False,
            align="left",
            font={"size": max(round(size * 0.85), 8), "color": SOURCE_COLOR},
        )
    _fit_maps(out, p.width - left - right, p.height - top - bottom)
    return out, p


def scale_fixed_sizes(fig: go.Figure, factor: float) -> None:
    """Multiply the text sizes a figure sets itself (annotations, trace texts, colour bars, map names) and what
    holds them (a colour bar's thickness, the bottom margin under it) by ``factor``: the global font of a
    preset reaches only text without a size of its own."""

    def grow(font) -> None:
        if font is not None and font.size is not None:
            font.size = round(font.size * factor, 1)

    for note in fig.layout.annotations:
        grow(note.font)
    for trace in fig.data:
        grow(getattr(trace, "textfont", None))
        grow(getattr(trace, "insidetextfont", None))
    for bar in _colorbars(fig):
        grow(bar.tickfont)
        grow(bar.title.font)
        if bar.thickness is not None:
            bar.thickness = round(bar.thickness * factor)
    style = fig.layout.map.style
    if isinstance(style, dict):  # the map's names are MapLibre symbol layers
        for layer in style.get("layers", []):
            text_size = (layer.get("layout") or {}).get("text-size")
            if isinstance(text_size, int | float):
                layer["layout"]["text-size"] = round(text_size * factor, 1)
        fig.layout.map.style = style
    if fig.layout.margin.b is not None:
        fig.layout.margin.b = round(fig.layout.margin.b * factor)


def _labels_above_plot(fig: go.Figure) -> bool:
    """An annotation drawn at or above the top of the plot (e.g. the goal label of a vertical line)."""
    for a in fig.layout.annotations:
        yref = a.yref or "y"
        if (yref == "paper" or yref.endswith("domain")) and a.y is not None and a.y >= 1 and a.yanchor != "top":
            return True
    return False


def _has_cartesian_x(fig: go.Figure) -> bool:
    """Tick labels under the plot need room above the source line."""
    return fig.layout.xaxis.visible is not False and any(tr.type in ("scatter", "bar") for tr in fig.data)


def _mercator(lat: float) -> float:
    """Web-Mercator northing in the units of longitude degrees."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def map_aspect(fig: go.Figure) -> float | None:
    """Height over width of what a map figure draws: the regions of a ``choroplethmap`` (Web Mercator), or the
    data of a print map whose y axis is tied to its x axis (``exports.maps``: x longitude, y Mercator northing).
    None for any other figure."""
    for trace in fig.data:
        if trace.type == "choroplethmap" and isinstance(trace.geojson, dict) and trace.geojson.get("features"):
            x0, y0, x1, y1 = geojson_bounds(trace.geojson)
            return (_mercator(y1) - _mercator(y0)) / max(x1 - x0, 1e-6)
    if fig.layout.yaxis.scaleanchor != "x":
        return None
    xs = [v for tr in fig.data if tr.type == "scatter" and tr.x is not None for v in tr.x if v is not None]
    ys = [v for tr in fig.data if tr.type == "scatter" and tr.y is not None for v in tr.y if v is not None]
    if not xs or not ys:
        return None
    return (max(ys) - min(ys)) / max(max(xs) - min(xs), 1e-6) * (fig.layout.yaxis.scaleratio or 1)


def map_height(aspect: float, plot_width: int, chrome_height: int) -> int:
    """The figure height at which a map of ``aspect`` (height / width) fills ``plot_width``, within
    ``MAP_ASPECT_RANGE``, plus the title, legend, colour bar and source around it."""
    low, high = MAP_ASPECT_RANGE
    return chrome_height + round(plot_width * min(max(aspect, low), high))


def map_view(geojson: dict, width: int, height: int, padding: float = 0.06) -> dict:
    """Centre and zoom (Web Mercator, 512 px tiles) that fit the features into ``width`` × ``height`` px."""
    x0, y0, x1, y1 = geojson_bounds(geojson)
    lon_span = max(x1 - x0, 1e-3) / 360  # share of the world's width
    lat_span = max(_mercator(y1) - _mercator(y0), 1e-5) / 360
    usable = 1 - 2 * padding
    zoom = min(math.log2(width * usable / (512 * lon_span)), math.log2(height * usable / (512 * lat_span)))
    centre = math.radians((_mercator(y0) + _mercator(y1)) / 2)
    centre_lat = math.degrees(2 * math.atan(math.exp(centre)) - math.pi / 2)
    return {"center": {"lon": (x0 + x1) / 2, "lat": centre_lat}, "zoom": round(zoom, 2)}


def _fit_maps(fig: go.Figure, width: int, height: int) -> None:
    """Centre and zoom the map subplot on its regions for the export size (it was fitted for the page)."""
    for trace in fig.data:
        if trace.type == "choroplethmap" and isinstance(trace.geojson, dict) and trace.geojson.get("features"):
            # a colour bar at the right edge takes width from the map; one under it (the dashboard's) none
            at_right = _colorbar_at_right(fig)
            share = 1 - min(COLORBAR_PX / max(width, 1), 0.4) if at_right else 1.0
            if not at_right:  # centred under the map, which now spans the whole width
                for bar in _colorbars(fig):
                    bar.update(x=0.5, xanchor="center")
            view = map_view(trace.geojson, max(int(width * share), 50), max(height, 50))
            fig.update_layout(map={**view, "domain": {"x": [0, share], "y": [0, 1]}})
            return


def _colorbars(fig: go.Figure) -> list:
    """The colour bars the figure draws (of a trace or of its markers' scale)."""
    return [
        owner.colorbar
        for trace in fig.data
        for owner in (trace, getattr(trace, "marker", None))
        if owner is not None and getattr(owner, "showscale", None) is True
    ]


def _colorbar_at_right(fig: go.Figure) -> bool:
    """Whether the figure draws a vertical colour bar (plotly's default place: right of the plot)."""
    return any(bar.orientation != "h" for bar in _colorbars(fig))


def data_stamp(an: Analytics, lang: str) -> str:
    """Data version and the date it was imported, e.g. ``数据版本 20261125T172016-236b（2026-11-25）``."""
    meta = an.dataset.meta
    when = meta.created_at[:10] if meta and meta.created_at else ""
    return (
        t("exp_data_stamp", lang, version=an.version_id, date=when)
        if when
        else (f"{t('data_version', lang)} {an.version_id}")
    )


def chart_subtitle(
    an: Analytics,
    region: str,
    year: int,
    lang: str,
    *,
    unit_type: str | None = None,
    basis: str = "certified",
) -> str:
    """``南京市 · 2019年 · 街道(乡镇) · 口径：已认定 · 数据版本 …（日期）`` for a chart about one region."""
    parts = [an.region_name(region, lang), t("exp_year", lang, year=year)]
    if unit_type:
        parts.append(t(f"type_{unit_type}", lang))
    parts.append(t("exp_basis_is", lang, basis=t(f"basis_{basis}", lang)))
    parts.append(data_stamp(an, lang))
    return " · ".join(parts)


def source_line(lang: str, exported: date | None = None, *, synthetic: bool = True) -> str:
    """The source and export date under a chart; the synthetic label only on synthetic data (``Dataset.synthetic``)."""
    when = (exported or date.today()).isoformat()
    return t("exp_source_exported", lang, source=data_source(lang, synthetic), date=when)


__all__ = [
    "FORMATS",
    "PRESETS",
    "Preset",
    "chart_subtitle",
    "data_stamp",
    "decorate",
    "map_aspect",
    "map_height",
    "preset",
    "source_line",
]

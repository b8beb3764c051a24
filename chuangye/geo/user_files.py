"""Read a user's own boundary file (Shapefile, zipped Shapefile, GeoJSON, GeoPackage) and match it to known codes.

The result is WGS 84 lon/lat polygons keyed by division code, plus a :class:`BoundaryReport` of what matched,
what did not and what was repaired. Every message is in Chinese and English and names the file; the texts are
in :mod:`chuangye.strings.geo`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from chuangye.data.limits import ReadRefused, check_zip_archive
from chuangye.strings.i18n import STRINGS, t

LEVEL_CODE_LENGTH: dict[str, int] = {"province": 6, "city": 6, "county": 6, "township": 9, "village": 12}
SUPPORTED_SUFFIXES = (".shp", ".zip", ".geojson", ".json", ".gpkg")
_INNER_SUFFIXES = (".shp", ".geojson", ".json", ".gpkg")
_NAME_HINTS = ("name", "名称", "名", "mc", "xzqmc")
_FLOAT_INT = re.compile(r"^(\d+)\.0*$")
_LIST_LIMIT = 20
_LANGS = ("zh", "en")
_KINDS = {".shp": "Shapefile", ".zip": "zip", ".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage"}


class BoundaryFileError(ValueError):
    """A boundary file that cannot be used; the message names the file, in Chinese and English."""

    def __init__(self, file: str, message_zh: str, message_en: str) -> None:
        self.file = file
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(f"{message_zh}\n{message_en}")


@dataclass(frozen=True)
class BoundaryMessage:
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def _texts(key: str, **values: object) -> tuple[str, str]:
    """The Chinese and the English text of ``key``; a callable value is called with the language first."""
    zh, en = (t(key, lang, **{name: v(lang) if callable(v) else v for name, v in values.items()}) for lang in _LANGS)
    return zh, en


def _message(key: str, **values: object) -> BoundaryMessage:
    return BoundaryMessage(*_texts(key, **values))


@dataclass
class BoundaryReport:
    """What reading one boundary file found. Codes are strings normalised to the level's length."""

    file: str
    level: str
    code_column: str
    name_column: str | None
    source_crs: str | None
    feature_count: int
    matched: int
    # in the file but not known: (code, the file's name for it); known but not in the file: (code, name)
    unknown_codes: list[tuple[str, str | None]] = field(default_factory=list)
    missing_codes: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[BoundaryMessage] = field(default_factory=list)

    def messages(self) -> list[BoundaryMessage]:
        """Summary, unmatched and missing codes, then the warnings; each line names the file."""
        f = self.file
        out = [
            _message(
                "geo_report_summary",
                file=f,
                code_column=self.code_column,
                features=self.feature_count,
                matched=self.matched,
            )
        ]
        if self.unknown_codes:
            out.append(
                _message(
                    "geo_report_unknown_codes",
                    file=f,
                    count=len(self.unknown_codes),
                    codes=lambda lang: _join((_code_with_name(c, n, lang) for c, n in self.unknown_codes), lang),
                )
            )
        if self.missing_codes:
            out.append(
                _message(
                    "geo_report_missing_codes",
                    file=f,
                    count=len(self.missing_codes),
                    codes=lambda lang: _join(
                        (t("geo_code_with_name", lang, code=c, name=n) for c, n in self.missing_codes), lang
                    ),
                )
            )
        return out + list(self.warnings)


def _code_with_name(code: str, name: str | None, lang: str) -> str:
    return t("geo_code_with_name", lang, code=code, name=name) if name else code


def _join(items: Iterable[str], lang: str = "zh") -> str:
    """At most ``_LIST_LIMIT`` items, with the language's list separator, then how many more."""
    items = list(items)
    head = t("geo_list_sep", lang).join(items[:_LIST_LIMIT])
    return head + (f" …(+{len(items) - _LIST_LIMIT})" if len(items) > _LIST_LIMIT else "")


def _joiner(items: Iterable[object]) -> Callable[[str], str]:
    """All ``items`` (as text) with the separator of the language it is called with."""
    texts = [str(item) for item in items]
    return lambda lang: t("geo_list_sep", lang).join(texts)


def normalise_code(value: object, length: int) -> str | None:
    """A division code as a string of ``length`` digits where possible: 320102.0 -> '320102',
    '320102000000' -> '320102' (for length 6). Other values are returned stripped, unchanged."""
    if value is None or isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            return None
        text = str(int(value)) if float(value).is_integer() else str(value)
    elif isinstance(value, int | np.integer):
        text = str(int(value))
    else:
        text = str(value).strip()
        if not text or text.lower() in ("nan", "none", "null"):
            return None
        match = _FLOAT_INT.match(text)
        if match:
            text = match.group(1)
    if text.isdigit() and len(text) > length and set(text[length:]) == {"0"}:
        text = text[:length]
    return text


@dataclass
class _Layer:
    source: str  # what pyogrio opens
    layer: str | None
    label: str  # what the user sees
    is_shapefile: bool
    has_cpg: bool = False


def _error(file: str, key: str, **values: object) -> BoundaryFileError:
    zh, en = _texts(key, **values)
    return BoundaryFileError(
        file, t("geo_file_error", "zh", file=file, message=zh), t("geo_file_error", "en", file=file, message=en)
    )


def _sidecar(path: Path, suffix: str) -> Path | None:
    for candidate in path.parent.glob(path.stem + ".*"):
        if candidate.suffix.lower() == suffix:
            return candidate
    return None


def _geometry_layers(source: str, file: str) -> list[str]:
    try:
        layers = pyogrio.list_layers(source)
    except Exception as exc:  # GDAL cannot open it: a damaged or truncated file, or not that format at all
        raise _error(file, "geo_err_damaged", kind=_KINDS[Path(source).suffix.lower()], reason=exc) from exc
    return [str(name) for name, geom_type in layers if geom_type is not None]


def _candidate_layers(path: Path) -> list[_Layer]:
    file = path.name
    if not path.exists():
        raise _error(file, "geo_err_not_found")
    suffix = path.suffix.lower()
    if suffix == ".shp":
        for needed in (".shx", ".dbf"):
            if _sidecar(path, needed) is None:
                raise _error(file, "geo_err_sidecar_missing", sidecar=f"{path.stem}{needed}")
        return [_Layer(str(path), None, file, True, _sidecar(path, ".cpg") is not None)]
    if suffix in (".geojson", ".json"):
        return [_Layer(str(path), None, file, False)]
    if suffix == ".gpkg":
        return [_Layer(str(path), name, f"{file}:{name}", False) for name in _geometry_layers(str(path), file)]
    if suffix == ".zip":
        return _zip_layers(path)
    raise _error(file, "geo_err_unsupported_format", suffix=path.suffix)


def _zip_layers(path: Path) -> list[_Layer]:
    file = path.name
    try:
        check_zip_archive(path)  # from the archive's directory alone, before GDAL inflates anything
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.startswith("__MACOSX/") and not m.endswith("/")]
    except ReadRefused as refusal:
        raise _error(file, f"geo_err_{refusal.check}", **refusal.params) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise _error(file, "geo_err_bad_zip", reason=exc) from exc
    lower = {m.lower() for m in members}
    layers: list[_Layer] = []
    for member in members:
        suffix = Path(member).suffix.lower()
        stem = member[: -len(suffix)] if suffix else member
        if suffix not in _INNER_SUFFIXES:
            continue
        source = f"/vsizip/{path}/{member}"
        label = f"{file}/{member}"
        if suffix == ".shp":
            missing = [s for s in (".shx", ".dbf") if f"{stem}{s}".lower() not in lower]
            if missing:
                raise _error(file, "geo_err_zip_sidecar_missing", member=member, missing=_joiner(missing))
            layers.append(_Layer(source, None, label, True, f"{stem}.cpg".lower() in lower))
        elif suffix == ".gpkg":
            layers.extend(_Layer(source, name, f"{label}:{name}", False) for name in _geometry_layers(source, file))
        else:
            layers.append(_Layer(source, None, label, False))
    if not layers:
        raise _error(file, "geo_err_zip_empty")
    return layers


def _read(layer: _Layer, file: str, encoding: str | None = None) -> gpd.GeoDataFrame:
    try:
        return pyogrio.read_dataframe(layer.source, layer=layer.layer, encoding=encoding)
    except Exception as exc:  # pyogrio raises several error types for unreadable data
        raise _error(file, "geo_err_unreadable", layer=layer.label, reason=exc) from exc


def _text_columns(gdf: gpd.GeoDataFrame) -> list[str]:
    return [
        c
        for c in gdf.columns
        if c != gdf.geometry.name and (pd.api.types.is_object_dtype(gdf[c]) or pd.api.types.is_string_dtype(gdf[c]))
    ]


def _looks_misdecoded(gdf: gpd.GeoDataFrame) -> bool:
    """Chinese DBF text read as Latin-1 shows up as accented Latin letters and no CJK characters."""
    for column in _text_columns(gdf):
        text = "".join(str(v) for v in gdf[column].dropna().head(200))
        if re.search(r"[\x80-\xff]", text) and not re.search(r"[\u4e00-\u9fff]", text):
            return True
    return False


def _read_layer(layer: _Layer, file: str, warnings: list[BoundaryMessage]) -> gpd.GeoDataFrame:
    gdf = _read(layer, file)
    if layer.is_shapefile and not layer.has_cpg and _looks_misdecoded(gdf):
        retry = _read(layer, file, encoding="GB18030")
        if not _looks_misdecoded(retry):
            warnings.append(_message("geo_warn_gb18030", file=file, layer=layer.label))
            return retry
    return gdf


@dataclass
class _CodeMatch:
    column: str
    codes: pd.Series  # normalised, aligned with the frame
    score: int
    unmatched: int


def _match_column(gdf: gpd.GeoDataFrame, column: str, known: set[str], length: int) -> _CodeMatch:
    codes = gdf[column].map(lambda v: normalise_code(v, length))
    distinct = set(codes.dropna())
    score = len(distinct & known)
    return _CodeMatch(column, codes, score, len(distinct) - score)


def _detect_code_column(gdf: gpd.GeoDataFrame, known: set[str], length: int) -> _CodeMatch | None:
    candidates = [_match_column(gdf, c, known, length) for c in gdf.columns if c != gdf.geometry.name]
    candidates = [c for c in candidates if c.score > 0]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.score, -c.unmatched))


def _detect_name_column(gdf: gpd.GeoDataFrame, code_column: str, known_names: set[str]) -> str | None:
    columns = [c for c in _text_columns(gdf) if c != code_column]
    scores = {c: len(set(gdf[c].dropna().astype(str).str.strip()) & known_names) for c in columns}
    best = max(scores, key=lambda c: scores[c], default=None)
    if best is not None and scores[best] > 0:
        return best
    for column in columns:
        if any(hint in str(column).lower() for hint in _NAME_HINTS):
            return column
    return None


def _looks_lonlat(bounds: np.ndarray) -> bool:
    min_x, min_y, max_x, max_y = bounds
    return bool(np.isfinite(bounds).all() and -180 <= min_x <= max_x <= 180 and -90 <= min_y <= max_y <= 90)


def _to_wgs84(gdf: gpd.GeoDataFrame, file: str, warnings: list[BoundaryMessage]) -> tuple[gpd.GeoDataFrame, str | None]:
    bounds = np.asarray(gdf.total_bounds, dtype=float)
    extent = f"x {bounds[0]:.6g}…{bounds[2]:.6g}, y {bounds[1]:.6g}…{bounds[3]:.6g}"
    if gdf.crs is None:
        if not _looks_lonlat(bounds):
            raise _error(file, "geo_err_no_crs", extent=extent)
        warnings.append(_message("geo_warn_no_crs_lonlat", file=file))
        return gdf.set_crs("EPSG:4326"), None
    source_crs = gdf.crs.to_string()
    if gdf.crs.is_geographic and not _looks_lonlat(bounds):
        raise _error(file, "geo_err_crs_out_of_range", crs=source_crs, extent=extent)
    try:
        return gdf.to_crs("EPSG:4326"), source_crs
    except Exception as exc:  # pyproj raises several error types
        raise _error(file, "geo_err_transform", crs=source_crs, reason=exc) from exc


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry | None:
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    return shapely.union_all(parts) if parts else None


def _clean_geometries(
    gdf: gpd.GeoDataFrame, file: str, code_column: str, warnings: list[BoundaryMessage]
) -> gpd.GeoDataFrame:
    geoms = shapely.force_2d(gdf.geometry.values)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    invalid = ~empty & ~shapely.is_valid(geoms)
    fixed = np.where(invalid, shapely.make_valid(geoms), geoms)
    polygonal = np.array([_polygonal(g) if not e else None for g, e in zip(fixed, empty, strict=True)], dtype=object)
    not_polygon = ~empty & pd.isna(pd.Series(polygonal)).to_numpy()

    def rows(mask: np.ndarray) -> Callable[[str], str]:
        """The features of ``mask`` by number and code, in the language the message asks for."""
        return lambda lang: _join(
            (t("geo_feature_ref", lang, number=i + 1, code=gdf[code_column].iloc[i]) for i in np.flatnonzero(mask)),
            lang,
        )

    if len(empty) and empty.all():
        raise _error(file, "geo_err_geometries_missing", count=len(empty))
    for key, mask in (
        ("geo_warn_no_geometry", empty),
        ("geo_warn_not_polygons", not_polygon),
        ("geo_warn_repaired", invalid),
    ):
        if mask.any():
            warnings.append(_message(key, file=file, count=int(mask.sum()), rows=rows(mask)))
    keep = ~empty & ~not_polygon
    out = gdf.loc[keep].copy()
    out = out.set_geometry(gpd.GeoSeries(polygonal[keep], index=out.index, crs=gdf.crs))
    if out.empty:
        raise _error(file, "geo_err_no_polygons")
    return out


def _known_frame(known: pd.DataFrame) -> pd.DataFrame:
    if "code" not in known.columns and "region_code" in known.columns:
        known = known.rename(columns={"region_code": "code"})
    frame = pd.DataFrame(
        {
            "code": known["code"].astype(str).str.strip(),
            "name": known["name"].astype(str) if "name" in known.columns else "",
        }
    )
    return frame.drop_duplicates("code")


def _code_length(level: str, known_codes: pd.Series) -> int:
    if level in LEVEL_CODE_LENGTH:
        return LEVEL_CODE_LENGTH[level]
    lengths = known_codes.str.len()
    return int(lengths.mode().iloc[0]) if len(lengths) else 6


def read_user_boundaries(
    path: str | Path,
    level: str,
    known: pd.DataFrame,
    code_column: str | None = None,
) -> tuple[gpd.GeoDataFrame, BoundaryReport]:
    """Read a boundary file and match its features to the ``known`` regions (columns code, name) of ``level``.

    Formats: Shapefile (loose .shp with .shx/.dbf[/.prj/.cpg], or a .zip holding one), GeoJSON, GeoPackage.
    Any declared CRS is transformed to EPSG:4326; a file without CRS is accepted only if its coordinates look
    like lon/lat. The code column is ``code_column`` or the column whose values match most known codes
    (ints, floats like 320102.0 and zero-padded 12-digit codes are normalised to the level's length).
    Invalid geometries are repaired, empty ones dropped, features sharing a code dissolved.

    Returns the matched regions (code, name from ``known``, geometry), sorted by code, and a report.
    Raises :class:`BoundaryFileError` when the file is unreadable, has no code column, or nothing matches.
    """
    try:
        return _read_user_boundaries(Path(path), level, known, code_column)
    except BoundaryFileError:
        raise
    except Exception as exc:  # GDAL, pyproj or shapely failing on a file past the checks: still the user's file
        file = Path(path).name
        raise _error(file, "geo_err_unreadable", layer=file, reason=f"{type(exc).__name__}: {exc}") from exc


def _read_user_boundaries(
    path: Path, level: str, known: pd.DataFrame, code_column: str | None
) -> tuple[gpd.GeoDataFrame, BoundaryReport]:
    file = path.name
    known_frame = _known_frame(known)
    known_codes = set(known_frame["code"])
    known_names = dict(zip(known_frame["code"], known_frame["name"], strict=True))
    length = _code_length(level, known_frame["code"])
    warnings: list[BoundaryMessage] = []

    best: tuple[_Layer, gpd.GeoDataFrame, _CodeMatch | None] | None = None
    layers = _candidate_layers(path)
    if not layers:
        raise _error(file, "geo_err_no_geometry_layer")
    for layer in layers:
        gdf = _read_layer(layer, file, warnings)
        if code_column is not None:
            if code_column not in gdf.columns:
                if len(layers) == 1:
                    raise _error(file, "geo_err_no_such_column", column=code_column, columns=_joiner(gdf.columns))
                continue
            match = _match_column(gdf, code_column, known_codes, length)
        else:
            match = _detect_code_column(gdf, known_codes, length)
        if best is None or (match is not None and (best[2] is None or match.score > best[2].score)):
            best = (layer, gdf, match)
    if best is None:
        raise _error(file, "geo_err_no_layer_has_column", column=code_column)
    layer, gdf, match = best
    if len(layers) > 1:
        others = ", ".join(other.label for other in layers if other is not layer)
        warnings.append(_message("geo_warn_several_layers", file=file, layer=layer.label, others=others))

    columns = [str(c) for c in gdf.columns if c != gdf.geometry.name]
    # The example codes are listed with the Chinese separator in both languages.
    examples_known = t("geo_list_sep", "zh").join(sorted(known_codes)[:3])

    def level_label(lang: str) -> str:
        return t(f"geo_level_{level}", lang) if f"geo_level_{level}" in STRINGS else level

    if match is None:
        raise _error(
            file,
            "geo_err_no_code_column",
            level=level_label,
            examples=examples_known,
            columns=_joiner(columns),
        )
    if match.score == 0:
        sample = t("geo_list_sep", "zh").join(match.codes.dropna().astype(str).unique()[:3])
        raise _error(
            file,
            "geo_err_no_code_matches",
            column=match.column,
            level=level_label,
            sample=sample,
            examples=examples_known,
        )

    gdf = gdf.assign(_code=match.codes)
    no_code = gdf["_code"].isna()
    if no_code.any():
        warnings.append(_message("geo_warn_empty_codes", file=file, count=int(no_code.sum()), column=match.column))
        gdf = gdf.loc[~no_code]
    gdf = _clean_geometries(gdf, file, match.column, warnings)
    gdf, source_crs = _to_wgs84(gdf, file, warnings)
    still_invalid = ~gdf.is_valid
    if still_invalid.any():  # reprojection can fold a sliver onto itself
        gdf.loc[still_invalid, gdf.geometry.name] = [
            _polygonal(g) for g in shapely.make_valid(gdf.geometry[still_invalid].values)
        ]

    name_column = _detect_name_column(gdf, match.column, set(known_frame["name"]))
    file_names = gdf[name_column].astype(str) if name_column else pd.Series(None, index=gdf.index, dtype=object)
    in_known = gdf["_code"].isin(known_codes)

    unknown = (
        pd.DataFrame({"code": gdf.loc[~in_known, "_code"], "name": file_names[~in_known]})
        .drop_duplicates("code")
        .sort_values("code")
    )
    matched = gdf.loc[in_known]
    duplicated = sorted(matched.loc[matched["_code"].duplicated(), "_code"].unique())
    if duplicated:
        # listed with the Chinese separator in both languages
        warnings.append(_message("geo_warn_duplicate_codes", file=file, count=len(duplicated), codes=_join(duplicated)))
    dissolved = {
        str(code): group.geometry.iloc[0] if len(group) == 1 else shapely.union_all(group.geometry.values)
        for code, group in matched.groupby("_code", sort=True)
    }
    result = gpd.GeoDataFrame(
        {"code": list(dissolved), "name": [known_names[c] for c in dissolved]},
        geometry=gpd.GeoSeries(list(dissolved.values()), crs="EPSG:4326"),
        crs="EPSG:4326",
    )
    missing = known_frame.loc[~known_frame["code"].isin(set(result["code"]))].sort_values("code")
    report = BoundaryReport(
        file=file,
        level=level,
        code_column=str(match.column),
        name_column=None if name_column is None else str(name_column),
        source_crs=source_crs,
        feature_count=len(gdf),
        matched=len(result),
        unknown_codes=[
            (c, None if pd.isna(n) else str(n)) for c, n in zip(unknown["code"], unknown["name"], strict=True)
        ],
        missing_codes=list(zip(missing["code"], missing["name"], strict=True)),
        warnings=warnings,
    )
    return result, report

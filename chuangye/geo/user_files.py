"""Read a user's own boundary file (Shapefile, zipped Shapefile, GeoJSON, GeoPackage) and match it to known codes.

The result is WGS 84 lon/lat polygons keyed by division code, plus a :class:`BoundaryReport` of what matched,
what did not and what was repaired. Every message is in Chinese and English and names the file.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

LEVEL_CODE_LENGTH: dict[str, int] = {"province": 6, "city": 6, "county": 6, "township": 9, "village": 12}
_LEVEL_ZH = {"province": "省级", "city": "市级", "county": "县级", "township": "乡级", "village": "村级"}
SUPPORTED_SUFFIXES = (".shp", ".zip", ".geojson", ".json", ".gpkg")
_INNER_SUFFIXES = (".shp", ".geojson", ".json", ".gpkg")
_NAME_HINTS = ("name", "名称", "名", "mc", "xzqmc")
_FLOAT_INT = re.compile(r"^(\d+)\.0*$")
_LIST_LIMIT = 20


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
            BoundaryMessage(
                f"文件“{f}”：代码列“{self.code_column}”，{self.feature_count} 个要素，{self.matched} 个区域匹配成功",
                f"File '{f}': code column '{self.code_column}', {self.feature_count} features, "
                f"{self.matched} regions matched",
            )
        ]
        if self.unknown_codes:
            listed = _join(f"{code}（{name}）" if name else code for code, name in self.unknown_codes)
            listed_en = _join((f"{code} ({name})" if name else code for code, name in self.unknown_codes), ", ")
            out.append(
                BoundaryMessage(
                    f"文件“{f}”：{len(self.unknown_codes)} 个代码不在区划名录中，已忽略：{listed}",
                    f"File '{f}': {len(self.unknown_codes)} codes are not in the registry and were ignored: "
                    f"{listed_en}",
                )
            )
        if self.missing_codes:
            listed = _join(f"{code}（{name}）" for code, name in self.missing_codes)
            listed_en = _join((f"{code} ({name})" for code, name in self.missing_codes), ", ")
            out.append(
                BoundaryMessage(
                    f"文件“{f}”：缺少 {len(self.missing_codes)} 个区域的边界：{listed}",
                    f"File '{f}': no boundary for {len(self.missing_codes)} regions: {listed_en}",
                )
            )
        return out + list(self.warnings)


def _join(items: Iterable[str], sep: str = "、") -> str:
    items = list(items)
    head = sep.join(items[:_LIST_LIMIT])
    return head + (f" …(+{len(items) - _LIST_LIMIT})" if len(items) > _LIST_LIMIT else "")


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


def _error(file: str, zh: str, en: str) -> BoundaryFileError:
    return BoundaryFileError(file, f"边界文件“{file}”：{zh}", f"Boundary file '{file}': {en}")


def _sidecar(path: Path, suffix: str) -> Path | None:
    for candidate in path.parent.glob(path.stem + ".*"):
        if candidate.suffix.lower() == suffix:
            return candidate
    return None


def _geometry_layers(source: str) -> list[str]:
    return [str(name) for name, geom_type in pyogrio.list_layers(source) if geom_type is not None]


def _candidate_layers(path: Path) -> list[_Layer]:
    file = path.name
    if not path.exists():
        raise _error(file, "文件不存在", "the file does not exist")
    suffix = path.suffix.lower()
    if suffix == ".shp":
        for needed in (".shx", ".dbf"):
            if _sidecar(path, needed) is None:
                raise _error(
                    file,
                    f"缺少配套文件 {path.stem}{needed}（Shapefile 需要 .shp、.shx、.dbf 放在一起）",
                    f"the sidecar {path.stem}{needed} is missing (a Shapefile needs .shp, .shx and .dbf side by side)",
                )
        return [_Layer(str(path), None, file, True, _sidecar(path, ".cpg") is not None)]
    if suffix in (".geojson", ".json"):
        return [_Layer(str(path), None, file, False)]
    if suffix == ".gpkg":
        return [_Layer(str(path), name, f"{file}:{name}", False) for name in _geometry_layers(str(path))]
    if suffix == ".zip":
        return _zip_layers(path)
    raise _error(
        file,
        f"不支持的格式“{path.suffix}”（支持 Shapefile：.shp 及配套文件或其 .zip 压缩包、GeoJSON、GeoPackage）",
        f"unsupported format '{path.suffix}' (use a Shapefile: .shp with its sidecars or "
        "a .zip of them, GeoJSON or GeoPackage)",
    )


def _zip_layers(path: Path) -> list[_Layer]:
    file = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.startswith("__MACOSX/") and not m.endswith("/")]
    except zipfile.BadZipFile as exc:
        raise _error(file, f"不是有效的 zip 压缩包（{exc}）", f"not a valid zip archive ({exc})") from exc
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
                raise _error(
                    file,
                    f"压缩包内的 {member} 缺少配套文件 {'、'.join(missing)}",
                    f"{member} inside the archive lacks its sidecar(s) {', '.join(missing)}",
                )
            layers.append(_Layer(source, None, label, True, f"{stem}.cpg".lower() in lower))
        elif suffix == ".gpkg":
            layers.extend(_Layer(source, name, f"{label}:{name}", False) for name in _geometry_layers(source))
        else:
            layers.append(_Layer(source, None, label, False))
    if not layers:
        raise _error(
            file,
            "压缩包中没有 Shapefile（.shp）、GeoJSON 或 GeoPackage 文件",
            "the archive holds no Shapefile (.shp), GeoJSON or GeoPackage",
        )
    return layers


def _read(layer: _Layer, file: str, encoding: str | None = None) -> gpd.GeoDataFrame:
    try:
        return pyogrio.read_dataframe(layer.source, layer=layer.layer, encoding=encoding)
    except Exception as exc:  # pyogrio raises several error types for unreadable data
        raise _error(file, f"无法读取 {layer.label}（{exc}）", f"cannot read {layer.label} ({exc})") from exc


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
            warnings.append(
                BoundaryMessage(
                    f"文件“{file}”：{layer.label} 没有 .cpg 编码文件，属性表按 GB18030（GBK）读取",
                    f"File '{file}': {layer.label} has no .cpg encoding file; attributes were read as GB18030 (GBK)",
                )
            )
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
            raise _error(
                file,
                f"没有坐标系信息（如缺少 .prj 文件），且坐标不是经纬度（范围 {extent}）；请附上 .prj "
                "或导出为 WGS 84 / CGCS2000 经纬度",
                f"has no coordinate reference system (e.g. no .prj file) and the coordinates are not "
                f"lon/lat (extent {extent}); add the .prj or export as WGS 84 / CGCS2000 lon/lat",
            )
        warnings.append(
            BoundaryMessage(
                f"文件“{file}”：没有坐标系信息，坐标看起来是经纬度，按 WGS 84 处理",
                f"File '{file}': no coordinate reference system; the coordinates look like lon/lat "
                "and were read as WGS 84",
            )
        )
        return gdf.set_crs("EPSG:4326"), None
    source_crs = gdf.crs.to_string()
    if gdf.crs.is_geographic and not _looks_lonlat(bounds):
        raise _error(
            file,
            f"坐标系 {source_crs} 为经纬度，但坐标超出经纬度范围（{extent}）；坐标系声明可能有误",
            f"the CRS {source_crs} is geographic but the coordinates are outside lon/lat range ({extent}); "
            "the declared CRS is probably wrong",
        )
    try:
        return gdf.to_crs("EPSG:4326"), source_crs
    except Exception as exc:  # pyproj raises several error types
        raise _error(
            file,
            f"无法从坐标系 {source_crs} 转换到 WGS 84（{exc}）",
            f"cannot transform from {source_crs} to WGS 84 ({exc})",
        ) from exc


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

    def rows(mask: np.ndarray, lang: str = "zh") -> str:
        if lang == "en":
            return _join((f"#{i + 1} ({gdf[code_column].iloc[i]})" for i in np.flatnonzero(mask)), ", ")
        return _join(f"第{i + 1}个（{gdf[code_column].iloc[i]}）" for i in np.flatnonzero(mask))

    if empty.any():
        warnings.append(
            BoundaryMessage(
                f"文件“{file}”：{int(empty.sum())} 个要素没有几何图形，已忽略（要素序号及代码：{rows(empty)}）",
                f"File '{file}': {int(empty.sum())} features have no geometry and were dropped "
                f"(feature number and code: {rows(empty, 'en')})",
            )
        )
    if not_polygon.any():
        warnings.append(
            BoundaryMessage(
                f"文件“{file}”：{int(not_polygon.sum())} 个要素不是面（点或线），已忽略：{rows(not_polygon)}",
                f"File '{file}': {int(not_polygon.sum())} features are not polygons (points or lines) "
                "and were dropped: "
                f"{rows(not_polygon, 'en')}",
            )
        )
    if invalid.any():
        warnings.append(
            BoundaryMessage(
                f"文件“{file}”：{int(invalid.sum())} 个无效几何（自相交等）已自动修复：{rows(invalid)}",
                f"File '{file}': {int(invalid.sum())} invalid geometries (self-intersections etc.) were repaired: "
                f"{rows(invalid, 'en')}",
            )
        )
    keep = ~empty & ~not_polygon
    out = gdf.loc[keep].copy()
    out = out.set_geometry(gpd.GeoSeries(polygonal[keep], index=out.index, crs=gdf.crs))
    if out.empty:
        raise _error(file, "没有可用的面要素", "holds no usable polygon features")
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
    path = Path(path)
    file = path.name
    known_frame = _known_frame(known)
    known_codes = set(known_frame["code"])
    known_names = dict(zip(known_frame["code"], known_frame["name"], strict=True))
    length = _code_length(level, known_frame["code"])
    warnings: list[BoundaryMessage] = []

    best: tuple[_Layer, gpd.GeoDataFrame, _CodeMatch | None] | None = None
    layers = _candidate_layers(path)
    if not layers:
        raise _error(file, "没有包含几何图形的图层", "holds no layer with geometries")
    for layer in layers:
        gdf = _read_layer(layer, file, warnings)
        if code_column is not None:
            if code_column not in gdf.columns:
                if len(layers) == 1:
                    raise _error(
                        file,
                        f"没有名为“{code_column}”的列（现有列：{'、'.join(map(str, gdf.columns))}）",
                        f"has no column '{code_column}' (columns: {', '.join(map(str, gdf.columns))})",
                    )
                continue
            match = _match_column(gdf, code_column, known_codes, length)
        else:
            match = _detect_code_column(gdf, known_codes, length)
        if best is None or (match is not None and (best[2] is None or match.score > best[2].score)):
            best = (layer, gdf, match)
    if best is None:
        raise _error(file, f"所有图层都没有名为“{code_column}”的列", f"no layer has a column '{code_column}'")
    layer, gdf, match = best
    if len(layers) > 1:
        others = ", ".join(other.label for other in layers if other is not layer)
        warnings.append(
            BoundaryMessage(
                f"文件“{file}”：包含多个图层，使用代码匹配最多的 {layer.label}（其余：{others}）",
                f"File '{file}': several layers; used {layer.label}, which matches most codes (others: {others})",
            )
        )

    columns = [str(c) for c in gdf.columns if c != gdf.geometry.name]
    examples_known = "、".join(sorted(known_codes)[:3])
    level_zh = _LEVEL_ZH.get(level, level)
    if match is None:
        raise _error(
            file,
            f"找不到区划代码列：没有任何列的值与{level_zh}区划代码（如 {examples_known}）相符；"
            f"现有列：{'、'.join(columns)}",
            f"no code column found: no column's values match the {level} division codes "
            f"(e.g. {examples_known}); columns: {', '.join(columns)}",
        )
    if match.score == 0:
        sample = "、".join(match.codes.dropna().astype(str).unique()[:3])
        raise _error(
            file,
            f"列“{match.column}”中没有任何代码与{level_zh}区划代码相符（文件中的值如 {sample}；"
            f"应为 {examples_known} 这类代码）",
            f"no value in column '{match.column}' matches a {level} division code (file values such as "
            f"{sample}; expected codes like {examples_known})",
        )

    gdf = gdf.assign(_code=match.codes)
    no_code = gdf["_code"].isna()
    if no_code.any():
        warnings.append(
            BoundaryMessage(
                f"文件“{file}”：{int(no_code.sum())} 个要素的“{match.column}”列为空，已忽略",
                f"File '{file}': {int(no_code.sum())} features have an empty '{match.column}' and were dropped",
            )
        )
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
        warnings.append(
            BoundaryMessage(
                f"文件“{file}”：{len(duplicated)} 个代码有多个要素，已合并：{_join(duplicated)}",
                f"File '{file}': {len(duplicated)} codes have several features, which were merged: {_join(duplicated)}",
            )
        )
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

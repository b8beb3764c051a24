"""GCJ-02 ("Mars coordinates", used by AMap/Gaode) to and from WGS 84, vectorised with numpy.

The forward offset is the widely published reconstruction of the GCJ-02 algorithm (Krasovsky 1940
ellipsoid constants, the sine series below). Its inverse has no closed form, so ``gcj02_to_wgs84``
iterates a fixed point: start at the GCJ-02 position, apply the forward offset, move by the residual,
repeat. It converges to below 1e-9 degrees (about 0.1 mm) of the forward formula within a few
iterations. The published formula itself reproduces the official offset to roughly 1 m, which is
therefore the accuracy of converted boundaries. Only valid inside mainland China; Jiangsu lies well
inside, so no "outside China" passthrough is applied here.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

_A = 6378245.0  # semi-major axis of the Krasovsky 1940 ellipsoid used by GCJ-02
_EE = 0.00669342162296594323  # its first eccentricity squared

_INVERSE_TOLERANCE_DEG = 1e-9
_INVERSE_MAX_ITERATIONS = 30


def _offset_lat(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _offset(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """GCJ-02 minus WGS 84, in degrees, at the WGS 84 position (lon, lat)."""
    x = lon - 105.0
    y = lat - 35.0
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = _offset_lat(x, y) * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = _offset_lon(x, y) * 180.0 / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return d_lon, d_lat


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Forward GCJ-02 offset: WGS 84 lon/lat (degrees) to GCJ-02 lon/lat."""
    lon_arr = np.asarray(lon, dtype=np.float64)
    lat_arr = np.asarray(lat, dtype=np.float64)
    d_lon, d_lat = _offset(lon_arr, lat_arr)
    return lon_arr + d_lon, lat_arr + d_lat


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Inverse offset by fixed-point iteration: GCJ-02 lon/lat (degrees) to WGS 84 lon/lat."""
    gcj_lon = np.asarray(lon, dtype=np.float64)
    gcj_lat = np.asarray(lat, dtype=np.float64)
    wgs_lon = gcj_lon.copy()
    wgs_lat = gcj_lat.copy()
    for _ in range(_INVERSE_MAX_ITERATIONS):
        fwd_lon, fwd_lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
        res_lon = fwd_lon - gcj_lon
        res_lat = fwd_lat - gcj_lat
        wgs_lon = wgs_lon - res_lon
        wgs_lat = wgs_lat - res_lat
        if max(np.max(np.abs(res_lon), initial=0.0), np.max(np.abs(res_lat), initial=0.0)) < _INVERSE_TOLERANCE_DEG:
            break
    return wgs_lon, wgs_lat


def gcj02_to_wgs84_coords(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    """(n, 2) lon/lat array in GCJ-02 to WGS 84; suits ``shapely.transform``."""
    lon, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
    return np.column_stack([lon, lat])

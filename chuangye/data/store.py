"""Versioned storage of datasets on disk, with atomic imports and rollback.

Layout of the data directory ($CHUANGYE_DATA_DIR, default ./data)::

    data/ACTIVE                         the active version id (replaced atomically)
    data/.lock                          locked (filelock) by imports and rollbacks so they cannot interleave
    data/versions/<version_id>/         one Parquet per table, boundaries/<level>.parquet (GeoParquet),
                                        manifest.json (source files, row counts, sha256 of every file)

An import reads and validates everything first; any error raises :class:`ImportRejected` and leaves the
directory untouched. A new version is written under ``versions/.staging-<id>``, fsynced, renamed into
place, and only then does ``ACTIVE`` switch (``os.replace``). A crash at any point leaves the previous
version active; leftover staging directories are removed the next time a store is opened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from filelock import FileLock, Timeout

from chuangye.data.changes import (
    NO_CONSENT,
    ChangePolicy,
    ChangeSummary,
    Consent,
    Origin,
    change_problems,
    first_import_problems,
    summarise_table,
    table_is_marked_synthetic,
)
from chuangye.data.dataset import TABLE_NAMES, Dataset, DatasetMeta, conform
from chuangye.data.problems import Problem, format_problem, has_errors, make_problem
from chuangye.data.tables import LoadedTable, read_inputs
from chuangye.data.validation import validate
from chuangye.strings.i18n import t

if TYPE_CHECKING:
    import geopandas as gpd

DATA_DIR_ENV_VAR = "CHUANGYE_DATA_DIR"
MANIFEST = "manifest.json"
ACTIVE = "ACTIVE"
LOCK = ".lock"
STAGING_PREFIX = ".staging-"
FORMAT_VERSION = 1
_VERSION_TS = "%Y%m%dT%H%M%S"


def default_data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV_VAR) or "data")


class StoreError(Exception):
    """A store operation that cannot be done; the message is in Chinese and English."""


class NoActiveVersion(StoreError):
    pass


class CorruptVersion(StoreError):
    pass


class ImportRejected(StoreError):
    """The input has errors; nothing was changed. ``problems`` holds every error and warning found, ``changes``
    what the import would have changed (empty when the files could not be read into tables)."""

    def __init__(self, problems: list[Problem], changes: tuple[ChangeSummary, ...] = ()):
        self.problems = problems
        self.changes = changes
        n_errors = sum(int(p.value or 0) if p.check == "more_problems" else 1 for p in problems if p.is_error)
        head = [f"导入被拒绝，数据未改动：发现 {n_errors} 个错误 / Import rejected, nothing changed: {n_errors} errors"]
        shown = [p for p in problems if p.is_error][:20]
        lines = [line for p in shown for line in (format_problem(p, "zh"), format_problem(p, "en"))]
        super().__init__("\n".join(head + lines))


@dataclass(frozen=True)
class ImportResult:
    version_id: str
    warnings: list[Problem]
    imported: tuple[str, ...]  # tables read from the given files
    carried_over: tuple[str, ...]  # tables taken from the previously active version
    rows: dict[str, int] = field(default_factory=dict)
    changes: tuple[ChangeSummary, ...] = ()  # every table of the new version against the previous one
    from_sample: tuple[str, ...] = ()  # tables filled from the bundled sample (``sample=``)
    synthetic: tuple[str, ...] = ()  # tables of the new version that are synthetic sample data


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, without doing it: every problem (errors refuse it) and every table's change."""

    problems: list[Problem]
    changes: tuple[ChangeSummary, ...]


@dataclass(frozen=True)
class VersionInfo:
    id: str
    created_at: str
    files: dict[str, str]  # table -> source file name
    rows: dict[str, int]
    active: bool


# ---------------------------------------------------------------------------------------- file helpers


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_text(path: Path, text: str) -> None:
    """Write ``text`` to a fsynced temporary file and move it over ``path`` in one step (os.replace)."""
    tmp = path.with_name(f".{path.name}.tmp-{secrets.token_hex(4)}")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _boundaries_frame(level: str, value: Any, file_name: str) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    """A user boundary layer as WGS 84 GeoDataFrame with a text ``code`` column, or problems."""
    import geopandas as gpd

    try:
        gdf = value if isinstance(value, gpd.GeoDataFrame) else gpd.read_file(value)
    except Exception as exc:  # the user's file, reported
        reason = f"{type(exc).__name__}: {exc}"
        return None, [make_problem("boundary_invalid", file=file_name, level=level, reason=reason)]
    problems = []
    if "code" not in gdf.columns:
        problems.append(
            make_problem("boundary_invalid", file=file_name, level=level, reason="缺少 code 列 / no 'code' column")
        )
    if gdf.empty or gdf.geometry.isna().all():
        problems.append(
            make_problem("boundary_invalid", file=file_name, level=level, reason="没有几何图形 / no geometries")
        )
    if problems:
        return None, problems
    gdf = gdf.copy()
    gdf["code"] = gdf["code"].astype("str").str.replace(r"\.0+$", "", regex=True)
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    elif gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs("EPSG:4326")
    return gdf.reset_index(drop=True), []


# ----------------------------------------------------------------------------------------------- store


class Store:
    """Data versions under ``data_dir``; see the module docstring for the layout."""

    def __init__(self, data_dir: str | Path | None = None, config: Any = None, cache_size: int = 2):
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.versions_dir = self.data_dir / "versions"
        self.config = config
        self._cache: dict[str, Dataset] = {}
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / LOCK).touch(exist_ok=True)
        with self._lock(blocking=False) as acquired:
            if acquired:
                self._remove_staging()

    # ---- locking and housekeeping

    @contextlib.contextmanager
    def _lock(self, blocking: bool = True) -> Iterator[bool]:
        # flock(2) on Unix, LockFileEx on Windows; the file is never unlinked nor written (preserve_lock_file)
        lock = FileLock(self.data_dir / LOCK, preserve_lock_file=True)
        try:
            lock.acquire(blocking=blocking)
        except Timeout:
            yield False
            return
        try:
            yield True
        finally:
            lock.release()

    def _remove_staging(self) -> None:
        """Leftovers of an import that was killed midway (only ever called under the lock)."""
        for path in self.versions_dir.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(path, ignore_errors=True)
        for path in self.data_dir.glob(f".{ACTIVE}.tmp-*"):
            path.unlink(missing_ok=True)

    # ---- reading

    def active_version_id(self) -> str | None:
        try:
            text = (self.data_dir / ACTIVE).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return text or None

    def _version_ids(self) -> list[str]:
        return sorted(
            p.name
            for p in self.versions_dir.iterdir()
            if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file()
        )

    def _manifest(self, version_id: str) -> dict[str, Any]:
        path = self.versions_dir / version_id / MANIFEST
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise StoreError(f"没有版本 {version_id} / no version {version_id}") from exc
        except json.JSONDecodeError as exc:
            raise CorruptVersion(f"版本 {version_id} 的清单已损坏 / manifest of {version_id} is damaged") from exc

    def _verify(self, version_id: str, manifest: dict[str, Any]) -> None:
        root = self.versions_dir / version_id
        for rel, expected in manifest["sha256"].items():
            path = root / rel
            if not path.is_file() or _sha256(path) != expected:
                raise CorruptVersion(
                    f"版本 {version_id} 的文件 {rel} 缺失或已损坏 / "
                    f"file {rel} of version {version_id} is missing or damaged"
                )

    def load(self, version_id: str) -> Dataset:
        """A stored version (checksums verified), cached."""
        with self._cache_lock:
            if version_id in self._cache:
                return self._cache[version_id]
        manifest = self._manifest(version_id)
        self._verify(version_id, manifest)
        root = self.versions_dir / version_id
        frames = {
            name: conform(name, pd.read_parquet(root / info["file"])) for name, info in manifest["tables"].items()
        }
        boundaries = {}
        if manifest.get("boundaries"):
            import geopandas as gpd

            boundaries = {
                level: gpd.read_parquet(root / info["file"]) for level, info in manifest["boundaries"].items()
            }
        dataset = Dataset.from_tables(frames, boundaries=boundaries, meta=_meta(manifest))
        with self._cache_lock:
            self._cache[version_id] = dataset
            while len(self._cache) > self._cache_size:
                self._cache.pop(next(iter(self._cache)))
        return dataset

    def active(self) -> Dataset:
        version_id = self.active_version_id()
        if version_id is None:
            raise NoActiveVersion(
                f"数据目录 {self.data_dir} 中还没有导入数据 / no data imported in {self.data_dir} yet"
            )
        return self.load(version_id)

    def versions(self) -> list[VersionInfo]:
        active = self.active_version_id()
        infos = []
        for version_id in self._version_ids():
            manifest = self._manifest(version_id)
            meta = _meta(manifest)
            infos.append(
                VersionInfo(
                    id=version_id,
                    created_at=meta.created_at,
                    files=meta.source_files,
                    rows=meta.row_counts,
                    active=version_id == active,
                )
            )
        return infos

    # ---- importing

    def validate_paths(
        self,
        paths: Iterable[str | Path],
        *,
        boundaries: Mapping[str, Any] | None = None,
        list_all: bool = False,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
    ) -> list[Problem]:
        """Every problem an import of ``paths`` would meet (with ``list_all`` none only counted); changes nothing."""
        preview = self.preview_import(paths, boundaries=boundaries, list_all=list_all, consent=consent, sample=sample)
        return preview.problems

    def preview_import(
        self,
        paths: Iterable[str | Path],
        *,
        boundaries: Mapping[str, Any] | None = None,
        list_all: bool = False,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
    ) -> ImportPreview:
        """What :meth:`import_paths` would do with the same arguments: its problems and its change summary
        (for a page that shows the summary and asks for the confirmation ``consent`` carries); changes nothing."""
        prepared = self._prepare(paths, boundaries, list_all=list_all, consent=consent, sample=sample)
        return ImportPreview(prepared.problems, tuple(prepared.changes.values()))

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        boundaries: Mapping[str, Any] | None = None,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
    ) -> ImportResult:
        """Validate and store ``paths`` as a new active version; tables (and boundary levels) not given are
        carried over from the active version. A store with no active version needs every table, or ``sample``
        (the bundled sample's folder) to take those not given from, marked synthetic. A table given with no rows,
        or one that would lose more than the configured share of its rows, needs ``consent``. Raises
        :class:`ImportRejected` when there is any error."""
        with self._lock():
            return self._import_locked(paths, boundaries, consent=consent, sample=sample)

    def ensure_initialised(self, sample_dir: str | Path) -> ImportResult | None:
        """Import ``sample_dir`` (the bundled sample: every table synthetic) if the store has no active version
        yet; None when it already has one."""
        with self._lock():
            if self.active_version_id() is not None:
                return None
            return self._import_locked([sample_dir], None, all_synthetic=True)

    def rollback(self, to: str | None = None) -> str:
        """Make ``to`` (default: the version before the active one) active again; returns its id."""
        with self._lock():
            ids = self._version_ids()
            current = self.active_version_id()
            if to is None:
                earlier = [v for v in ids if current is None or v < current]
                if not earlier:
                    raise StoreError("没有更早的版本可以回滚 / there is no earlier version to roll back to")
                to = earlier[-1]
            if to not in ids:
                raise StoreError(f"没有版本 {to} / no version {to}")
            self._verify(to, self._manifest(to))
            _replace_text(self.data_dir / ACTIVE, to + "\n")
            _fsync_dir(self.data_dir)
            return to

    def _prepare(
        self,
        paths: Iterable[str | Path],
        boundaries: Mapping[str, Any] | None,
        *,
        list_all: bool = False,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
        all_synthetic: bool = False,
    ) -> _Prepared:
        paths = list(paths)
        if paths or not (boundaries or sample):
            loaded, read_problems = read_inputs(paths)
        else:  # only boundaries are being replaced, or only the sample is asked for
            loaded, read_problems = {}, []
        active = self._active_or_none()
        combined: dict[str, LoadedTable] = dict(loaded)
        origins: dict[str, Origin] = dict.fromkeys(loaded, "file")
        if active is not None:
            for name in TABLE_NAMES:
                if name not in combined:
                    source = f"{name}（当前版本/active version {active.version_id}）"
                    combined[name] = LoadedTable.from_frame(name, active.table(name), source=source)
                    origins[name] = "carried"
        elif sample is not None:
            combined.update(self._sample_tables(sample, exclude=combined))
            origins.update(dict.fromkeys((n for n in combined if n not in origins), "sample"))
        layers: dict[str, tuple[gpd.GeoDataFrame, str]] = {}
        for level, value in (boundaries or {}).items():
            file_name = Path(value).name if isinstance(value, str | Path) else f"{level} (GeoDataFrame)"
            gdf, problems = _boundaries_frame(level, value, file_name)
            read_problems += problems
            if gdf is not None:
                layers[level] = (gdf, file_name)
        limits: dict[str, Any] = {"per_group": None, "total": None} if list_all else {}
        problems = validate(combined, self.config, require_all=True, extra_problems=read_problems, **limits)
        # Warnings about carried-over tables were reported when those tables were imported; errors still count.
        carried_sources = {t.source for name, t in combined.items() if name not in loaded}
        problems = [p for p in problems if p.is_error or p.file not in carried_sources]
        changes = _changes(combined, origins, active, all_synthetic)
        guarded = change_problems(changes.values(), ChangePolicy.from_config(self.config), consent)
        emptied = {p.file for p in guarded if p.check == "table_emptied"}
        problems = [p for p in problems if not (p.check == "empty_table" and p.file in emptied)]
        if active is None:  # a first import is of the user's data only: every table, or the sample asked for
            missing = [n for n in TABLE_NAMES if n not in combined]
            problems = first_import_problems(missing) + [p for p in problems if p.check != "missing_table"]
        return _Prepared(
            combined, guarded + problems, layers, tuple(n for n in TABLE_NAMES if n in loaded), active, changes
        )

    @staticmethod
    def _sample_tables(sample: str | Path, exclude: Mapping[str, LoadedTable]) -> dict[str, LoadedTable]:
        """The bundled sample's tables not in ``exclude``, named as coming from the sample."""
        tables, _ = read_inputs([sample])  # the bundled sample is checked by its own tests
        named = f"（{t('chg_from_sample', 'zh')}/{t('chg_from_sample', 'en')}）"
        for loaded in tables.values():
            loaded.path = f"{loaded.source}{named}"
        return {name: tables[name] for name in TABLE_NAMES if name in tables and name not in exclude}

    def _active_or_none(self) -> Dataset | None:
        return self.load(v) if (v := self.active_version_id()) is not None else None

    def _import_locked(
        self,
        paths: Iterable[str | Path],
        boundaries: Mapping[str, Any] | None,
        *,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
        all_synthetic: bool = False,
    ) -> ImportResult:
        self._remove_staging()
        prepared = self._prepare(list(paths), boundaries, consent=consent, sample=sample, all_synthetic=all_synthetic)
        if has_errors(prepared.problems):
            raise ImportRejected(prepared.problems, tuple(prepared.changes.values()))
        active = prepared.active
        previous = self._manifest(active.version_id) if active is not None and active.version_id else {}
        origins = {name: summary.origin for name, summary in prepared.changes.items()}
        carried = tuple(n for n in TABLE_NAMES if origins[n] == "carried")
        frames = {name: conform(name, prepared.tables[name].frame) for name in TABLE_NAMES}
        sources = {
            name: previous["tables"][name]["source"] if origins[name] == "carried" else prepared.tables[name].source
            for name in TABLE_NAMES
        }
        synthetic = {name: summary.synthetic for name, summary in prepared.changes.items()}
        layers: dict[str, tuple[gpd.GeoDataFrame, str]] = {}
        if active is not None:
            for level, gdf in active.boundaries.items():
                layers[level] = (gdf, previous["boundaries"][level]["source"])
        layers.update(prepared.layers)
        version_id = self._new_version_id()
        self._write_version(version_id, frames, sources, layers, carried, synthetic=synthetic)
        return ImportResult(
            version_id=version_id,
            warnings=[p for p in prepared.problems if not p.is_error],
            imported=prepared.imported,
            carried_over=carried,
            rows={n: len(f) for n, f in frames.items()},
            changes=tuple(prepared.changes.values()),
            from_sample=tuple(n for n in TABLE_NAMES if origins[n] == "sample"),
            synthetic=tuple(n for n in TABLE_NAMES if synthetic[n]),
        )

    def _new_version_id(self) -> str:
        now = dt.datetime.now().replace(microsecond=0)
        ids = self._version_ids()
        if ids:
            latest = dt.datetime.strptime(ids[-1][:15], _VERSION_TS)
            now = max(now, latest + dt.timedelta(seconds=1))  # ids must sort in creation order
        return f"{now.strftime(_VERSION_TS)}-{secrets.token_hex(2)}"

    def _write_version(
        self,
        version_id: str,
        frames: dict[str, pd.DataFrame],
        sources: dict[str, str],
        layers: dict[str, tuple[gpd.GeoDataFrame, str]],
        carried: tuple[str, ...],
        *,
        synthetic: Mapping[str, bool] | None = None,
    ) -> None:
        staging = self.versions_dir / f"{STAGING_PREFIX}{version_id}"
        final = self.versions_dir / version_id
        switched = False
        try:
            staging.mkdir()
            manifest: dict[str, Any] = {
                "format": FORMAT_VERSION,
                "version_id": version_id,
                "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "tables": {},
                "boundaries": {},
                "carried_over": list(carried),
                "synthetic": any((synthetic or {}).values()),  # any table is synthetic sample data
                "sha256": {},
            }
            for name, frame in frames.items():
                rel = f"{name}.parquet"
                frame.to_parquet(staging / rel, index=False)
                manifest["tables"][name] = {"file": rel, "rows": len(frame), "source": sources[name]}
                manifest["tables"][name]["synthetic"] = bool((synthetic or {}).get(name, False))
            if layers:
                (staging / "boundaries").mkdir()
            for level, (gdf, source) in layers.items():
                rel = f"boundaries/{level}.parquet"
                gdf.to_parquet(staging / rel, index=False)
                manifest["boundaries"][level] = {"file": rel, "rows": len(gdf), "source": source}
            for rel in [
                *(t["file"] for t in manifest["tables"].values()),
                *(b["file"] for b in manifest["boundaries"].values()),
            ]:
                _fsync_file(staging / rel)
                manifest["sha256"][rel] = _sha256(staging / rel)
            manifest_path = staging / MANIFEST
            with manifest_path.open("w", encoding="utf-8") as fh:
                json.dump(manifest, fh, ensure_ascii=False, indent=2)
                fh.flush()
                os.fsync(fh.fileno())
            if layers:
                _fsync_dir(staging / "boundaries")
            _fsync_dir(staging)
            os.rename(staging, final)
            _fsync_dir(self.versions_dir)
            _replace_text(self.data_dir / ACTIVE, version_id + "\n")
            switched = True
            _fsync_dir(self.data_dir)
        finally:
            if not switched:
                shutil.rmtree(staging, ignore_errors=True)
                shutil.rmtree(final, ignore_errors=True)
                with contextlib.suppress(OSError):
                    _fsync_dir(self.versions_dir)


@dataclass
class _Prepared:
    tables: dict[str, LoadedTable]  # what the new version would hold: given tables plus carried-over ones
    problems: list[Problem]
    layers: dict[str, tuple[gpd.GeoDataFrame, str]]  # new boundary layers and their source names
    imported: tuple[str, ...]
    active: Dataset | None
    changes: dict[str, ChangeSummary] = field(default_factory=dict)  # per table of the new version, in order


def _changes(
    tables: Mapping[str, LoadedTable], origins: Mapping[str, Origin], active: Dataset | None, all_synthetic: bool
) -> dict[str, ChangeSummary]:
    """Each table the new version would hold against the active version's; which of them are synthetic."""
    active_synthetic = set(active.meta.synthetic_tables) if active is not None and active.meta else set(TABLE_NAMES)
    out = {}
    for name in TABLE_NAMES:
        if name not in tables:
            continue
        loaded, origin = tables[name], origins[name]
        synthetic = {
            "file": all_synthetic or table_is_marked_synthetic(loaded.path),
            "carried": name in active_synthetic,
            "sample": True,
        }[origin]
        out[name] = summarise_table(
            name,
            conform(name, loaded.frame),
            None if active is None else active.table(name),
            origin=origin,
            source=loaded.source,
            synthetic=synthetic,
            before_synthetic=active is not None and name in active_synthetic,
        )
    return out


def _meta(manifest: dict[str, Any]) -> DatasetMeta:
    sources = {name: info["source"] for name, info in manifest["tables"].items()}
    sources.update({f"boundaries:{level}": info["source"] for level, info in manifest.get("boundaries", {}).items()})
    rows = {name: int(info["rows"]) for name, info in manifest["tables"].items()}
    return DatasetMeta(
        version_id=manifest["version_id"],
        created_at=manifest["created_at"],
        source_files=sources,
        row_counts=rows,
        carried_over=tuple(manifest.get("carried_over", ())),
        # a version written before tables were marked may hold the sample: unknown counts as synthetic
        synthetic_tables=tuple(name for name, info in manifest["tables"].items() if info.get("synthetic", True)),
    )

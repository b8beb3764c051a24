"""Versioned storage of datasets on disk, with atomic imports and rollback.

Layout of the data directory ($CHUANGYE_DATA_DIR, default ./data)::

    data/ACTIVE                         the active version id (replaced atomically)
    data/PINNED                         versions pruning always keeps, one id a line (chuangye versions --pin)
    data/.lock                          locked (filelock) by every writer (import, rollback, pin, pruning) so
                                        they cannot interleave; created by the first writer
    data/versions/<version_id>/         one Parquet per table, boundaries/<level>.parquet (GeoParquet),
                                        manifest.json (source files, row counts, sha256 of every file)

An import reads and validates everything first; any error raises :class:`ImportRejected` and leaves the
directory untouched. A new version is written under ``versions/.staging-<id>``, fsynced, renamed into
place, and only then does ``ACTIVE`` switch (``os.replace``). A crash at any point leaves the previous
version active; leftover staging directories are removed by the next writer. After each import the versions
beyond the newest ``[store] keep_versions`` are pruned, never a pinned one nor the active one.

Reading never writes: a data directory the reader may not write to (a web server running as a less privileged
user than the importer) serves every reading command and the dashboard. A version is verified against its
manifest's checksums when it becomes the one served (start-up, every version switch); a damaged active version
is reported as data (:class:`Fallback`) and the newest intact version is served instead until an import or a
rollback makes an intact version active. A full disk or a read-only directory is a :class:`StoreError` in
Chinese and English, the store left as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import json
import os
import secrets
import shutil
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from filelock import FileLock, Timeout

from chuangye.data import regional
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
from chuangye.data.integrity import ACTIVE, MANIFEST, Damage, damage_list, read_manifest, sha256_of, verify_version
from chuangye.data.problems import Problem, format_problem, has_errors, make_problem
from chuangye.data.retention import PINNED, pins_text, read_pins, versions_to_prune
from chuangye.data.tables import LoadedTable, read_inputs
from chuangye.data.validation import validate
from chuangye.strings.i18n import t
from chuangye.strings.numbers import byte_size_text

if TYPE_CHECKING:
    import geopandas as gpd

DATA_DIR_ENV_VAR = "CHUANGYE_DATA_DIR"
LOCK = ".lock"
STAGING_PREFIX = ".staging-"
TRASH_PREFIX = ".pruned-"  # a pruned version is renamed to this first, so a crash never leaves half a version
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
FORMAT_VERSION = 1
_VERSION_TS = "%Y%m%dT%H%M%S"


def default_data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV_VAR) or "data")


class StoreError(Exception):
    """A store operation that cannot be done; the message is in Chinese and English."""


class NoActiveVersion(StoreError):
    pass


def _no_version(version_id: str) -> StoreError:
    return StoreError(" / ".join(t("store_no_version", lang, version=version_id) for lang in ("zh", "en")))


def _in_both(key: str, damage: Sequence[Damage] = (), *, short: bool = False, **values: object) -> str:
    """``中文 / English`` of ``key`` with ``{damage}`` put into words in each language (``short``: without the
    version id, which the sentence names itself)."""
    return " / ".join(t(key, lang, damage=damage_list(damage, lang, short=short), **values) for lang in ("zh", "en"))


class CorruptVersion(StoreError):
    """A version whose files no longer match its manifest; ``damage`` says what, as data."""

    def __init__(self, damage: Sequence[Damage], message: str | None = None):
        self.damage = tuple(damage)
        super().__init__(message or _in_both("store_version_damaged", self.damage))


class StoreReadOnly(StoreError):
    """A writer (import, rollback, pin) on a data directory it may not write to; nothing was changed."""

    def __init__(self, where: Path, reason: str | None = None):
        self.where = where

        def because(lang: str) -> str:
            return t("store_read_only_reason", lang, reason=reason) if reason else ""

        super().__init__(
            " / ".join(t("store_read_only", lang, where=where, reason=because(lang)) for lang in ("zh", "en"))
        )


class StoreFull(StoreError):
    """The disk has no room for what a writer had to write; nothing was changed. Sizes in bytes."""

    def __init__(self, where: Path, needed: int, free: int):
        self.where, self.needed, self.free = where, needed, free
        needed_text, free_text = byte_size_text(needed), byte_size_text(free)
        if needed_text == free_text:  # "2.6 MB free, needs 2.6 MB" would read as no problem: say the bytes
            needed_text, free_text = f"{needed:,} B", f"{free:,} B"
        super().__init__(_in_both("store_disk_full", where=where, needed=needed_text, free=free_text))


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
    """What an import would do, without doing it: every problem (errors refuse it), every table's change, and
    the version it would store (``dataset``, e.g. for coverage before/after); None when errors prevent it."""

    problems: list[Problem]
    changes: tuple[ChangeSummary, ...]
    dataset: Dataset | None = None


# the counts of a version's change summary each manifest keeps, per table (VersionInfo.changes)
CHANGE_COUNTS: tuple[str, ...] = ("before", "after", "added", "changed", "removed")
NOTE_MAX_CHARS = 500  # a version's note (import_paths(note=)), as the command line, the API and the Data page take it
PREVIEW_VERSION = "preview"  # the version id of ImportPreview.dataset: a version not (yet) stored


@dataclass(frozen=True)
class VersionInfo:
    id: str
    created_at: str
    files: dict[str, str]  # table -> source file name
    rows: dict[str, int]
    active: bool
    pinned: bool = False
    damage: tuple[Damage, ...] = ()  # verified only when asked (Store.versions(verify=True)), except a manifest
    by: str | None = None  # who imported it: web:<user>, api:<user>, cli:<login> (None: not recorded)
    note: str | None = None
    changes: tuple[dict[str, Any], ...] = ()  # per table: table, before, after, added, changed, removed
    region: tuple[str, ...] = ()  # a region import's region codes; () for a whole import

    @property
    def sources(self) -> dict[str, str]:
        """Table -> the file it came from (the same as ``files``)."""
        return self.files


@dataclass(frozen=True)
class Fallback:
    """The active version is damaged: ``served`` (the newest intact version) is shown instead."""

    active: str
    served: str
    damage: tuple[Damage, ...]


def fallback_text(fallback: Fallback, lang: str) -> str:
    """The notice that a damaged active version is not what is shown (CLI stderr, the dashboard's alert)."""
    damage = damage_list(fallback.damage, lang, short=True)
    return t("store_fallback", lang, active=fallback.active, served=fallback.served, damage=damage)


@dataclass(frozen=True)
class Serving:
    """What the store serves now: the active version, or the fallback's version when the active one is damaged."""

    dataset: Dataset
    fallback: Fallback | None = None


@dataclass(frozen=True)
class StoreCheck:
    """``chuangye check``: every version verified, and whether ACTIVE names an intact one."""

    active: str | None
    versions: tuple[str, ...]
    damage: tuple[Damage, ...]
    served: str | None  # what a damaged active version falls back to (None: the active is intact, or nothing is)

    @property
    def active_damaged(self) -> bool:
        return self.active is not None and any(d.version_id == self.active for d in self.damage)


# ---------------------------------------------------------------------------------------- file helpers


_sha256 = sha256_of


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
        # Nothing is created or locked here: reading works in a directory this process may not write to.

    @property
    def keep_versions(self) -> int | None:
        """How many of the newest versions pruning keeps (``[store] keep_versions``); None without a
        configuration (a store opened by a library caller): nothing is pruned."""
        settings = getattr(self.config, "store", None)
        return getattr(settings, "keep_versions", None)

    # ---- locking and housekeeping

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """What every writer holds: the directory (created on the first write) and its lock; leftovers of a
        killed writer are removed first. A directory this process may not write to raises StoreReadOnly."""
        lock = self.data_dir / LOCK
        try:
            if not self.versions_dir.is_dir():
                self.versions_dir.mkdir(parents=True)
            if not lock.exists():
                lock.touch()
        except OSError as exc:
            raise self._write_error(exc, needed=0) from None
        if not all(os.access(path, os.W_OK) for path in (self.data_dir, self.versions_dir)):
            raise StoreReadOnly(self.data_dir)  # e.g. a read-only mount, or another user's directory
        with self._lock():
            self._remove_staging()
            yield

    def _write_error(self, exc: OSError, needed: int) -> StoreError:
        """An OSError of a write as the StoreError the user reads (a full disk, a read-only directory)."""
        if exc.errno in DISK_FULL_ERRNOS:
            on_disk = next(p for p in (self.data_dir, *self.data_dir.parents) if p.exists())
            block = os.statvfs(on_disk).f_frsize  # a new directory or an empty file still takes a block
            return StoreFull(self.data_dir, max(needed, block), shutil.disk_usage(on_disk).free)
        reason = exc.strerror or type(exc).__name__
        if exc.errno in READ_ONLY_ERRNOS:
            return StoreReadOnly(self.data_dir, reason)
        return StoreError(_in_both("store_write_failed", where=self.data_dir, reason=reason))

    def _require_space(self, needed: int) -> None:
        """Refuse before writing anything when the disk cannot hold ``needed`` more bytes."""
        free = shutil.disk_usage(self.versions_dir).free
        if needed > free:
            raise StoreFull(self.data_dir, needed, free)

    @contextlib.contextmanager
    def _lock(self, blocking: bool = True) -> Iterator[bool]:
        # flock(2) on Unix, LockFileEx on Windows; the file is never unlinked nor written (preserve_lock_file)
        lock = FileLock(self.data_dir / LOCK, preserve_lock_file=True)
        try:
            lock.acquire(blocking=blocking)
        except Timeout:
            yield False
            return
        except OSError as exc:  # the lock file cannot be opened for writing: a read-only directory
            raise self._write_error(exc, needed=0) from None
        try:
            yield True
        finally:
            lock.release()

    def _remove_staging(self) -> None:
        """Leftovers of an import or a pruning that was killed midway (only ever called under the lock)."""
        for prefix in (STAGING_PREFIX, TRASH_PREFIX):
            for path in self.versions_dir.glob(f"{prefix}*"):
                shutil.rmtree(path, ignore_errors=True)
        for name in (ACTIVE, PINNED):
            for path in self.data_dir.glob(f".{name}.tmp-*"):
                path.unlink(missing_ok=True)

    # ---- reading

    def active_version_id(self) -> str | None:
        try:
            text = (self.data_dir / ACTIVE).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return text or None

    def _version_dirs(self) -> list[str]:
        """Every version directory, those whose manifest is missing included (``chuangye check`` names them)."""
        if not self.versions_dir.is_dir():
            return []
        return sorted(p.name for p in self.versions_dir.iterdir() if p.is_dir() and not p.name.startswith("."))

    def _version_ids(self) -> list[str]:
        return [v for v in self._version_dirs() if (self.versions_dir / v / MANIFEST).is_file()]

    def _manifest(self, version_id: str) -> dict[str, Any]:
        manifest, damage = read_manifest(self.versions_dir / version_id)
        if damage is None:
            return manifest
        if damage.kind == "version_missing":
            raise _no_version(version_id)
        raise CorruptVersion([damage])

    def _verify(self, version_id: str, manifest: dict[str, Any]) -> None:
        if damage := self.damage(version_id):
            raise CorruptVersion(damage)

    def damage(self, version_id: str) -> tuple[Damage, ...]:
        """Nothing when ``version_id`` is intact (every file matches its manifest's sha256), else what is not."""
        return verify_version(self.versions_dir / version_id)

    def load(self, version_id: str) -> Dataset:
        """A stored version (checksums verified), cached."""
        return self._load(version_id)

    def _load(self, version_id: str, *, verified: bool = False) -> Dataset:
        with self._cache_lock:
            if version_id in self._cache:
                return self._cache[version_id]
        manifest = self._manifest(version_id)
        if not verified:
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

    def serving(self) -> Serving:
        """The dataset to show, its checksums verified now: the active version, or, when that is damaged, the
        newest intact version with a :class:`Fallback` saying so (until an import or a rollback makes an intact
        version active). Raises NoActiveVersion before the first import, CorruptVersion when nothing is intact."""
        active = self.active_version_id()
        if active is None:
            return Serving(self.active())  # raises NoActiveVersion
        damage = self.damage(active)
        if not damage:
            return Serving(self._load(active, verified=True))
        served = self._newest_intact(besides=active)
        if served is None:
            raise CorruptVersion(damage, _in_both("store_no_intact_version", damage, short=True, active=active))
        return Serving(self._load(served, verified=True), Fallback(active, served, damage))

    def _newest_intact(self, besides: str) -> str | None:
        return next((v for v in reversed(self._version_ids()) if v != besides and not self.damage(v)), None)

    def check(self) -> StoreCheck:
        """Every version verified against its manifest, and ACTIVE against the versions there are; changes
        nothing (``chuangye check``)."""
        ids = self._version_dirs()
        damage = [d for version_id in ids for d in self.damage(version_id)]
        active = self.active_version_id()
        if active is None and ids:
            damage.append(Damage("", ACTIVE, "no_active"))
        elif active is not None and active not in ids:
            damage.append(Damage(active, "", "version_missing"))
        served = None
        if active is not None and any(d.version_id == active for d in damage):
            served = self._newest_intact(besides=active)
        return StoreCheck(active, tuple(ids), tuple(damage), served)

    def versions(self, *, verify: bool = False) -> list[VersionInfo]:
        """Every version, oldest first; with ``verify`` each one's files checked against its manifest (a
        manifest that cannot be read is always reported)."""
        active = self.active_version_id()
        pinned = self.pinned()
        infos = []
        for version_id in self._version_dirs():
            manifest, broken = read_manifest(self.versions_dir / version_id)
            if manifest is None:
                infos.append(VersionInfo(version_id, "", {}, {}, version_id == active, version_id in pinned, (broken,)))
                continue
            meta = _meta(manifest)
            infos.append(
                VersionInfo(
                    id=version_id,
                    created_at=meta.created_at,
                    files=meta.source_files,
                    rows=meta.row_counts,
                    active=version_id == active,
                    pinned=version_id in pinned,
                    damage=self.damage(version_id) if verify else (),
                    **_provenance(manifest),
                )
            )
        return infos

    # ---- keeping versions

    def pinned(self) -> set[str]:
        return read_pins(self.data_dir)

    def pin(self, version_id: str) -> None:
        """Keep ``version_id`` whatever pruning would remove."""
        with self._writing():
            if version_id not in self._version_dirs():
                raise _no_version(version_id)
            self._write_pins(self.pinned() | {version_id})

    def unpin(self, version_id: str) -> bool:
        """Let pruning remove ``version_id`` again; False when it was not pinned."""
        with self._writing():
            pins = self.pinned()
            if version_id not in pins:
                return False
            self._write_pins(pins - {version_id})
            return True

    def _write_pins(self, pins: set[str]) -> None:
        text = pins_text(pins)
        try:
            _replace_text(self.data_dir / PINNED, text)
            _fsync_dir(self.data_dir)
        except OSError as exc:
            raise self._write_error(exc, needed=len(text.encode("utf-8"))) from None

    def _prune(self) -> list[str]:
        """Remove the versions ``keep_versions`` no longer keeps (never pinned, never active); under the lock,
        after an import. A version is renamed out of sight first, so a crash midway never leaves half of one."""
        if self.keep_versions is None:
            return []
        doomed = versions_to_prune(self._version_ids(), self.keep_versions, self.pinned(), self.active_version_id())
        for version_id in doomed:
            trash = self.versions_dir / f"{TRASH_PREFIX}{version_id}"
            try:
                os.rename(self.versions_dir / version_id, trash)
            except OSError:
                continue  # kept this time; the next import tries again
            shutil.rmtree(trash, ignore_errors=True)
            with self._cache_lock:
                self._cache.pop(version_id, None)
        return doomed

    # ---- importing

    def validate_paths(
        self,
        paths: Iterable[str | Path],
        *,
        boundaries: Mapping[str, Any] | None = None,
        list_all: bool = False,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
        region: str | Sequence[str] | None = None,
    ) -> list[Problem]:
        """Every problem an import of ``paths`` would meet (with ``list_all`` none only counted); changes nothing."""
        prepared = self._prepare(paths, boundaries, list_all=list_all, consent=consent, sample=sample, region=region)
        return prepared.problems

    def preview_import(
        self,
        paths: Iterable[str | Path],
        *,
        boundaries: Mapping[str, Any] | None = None,
        list_all: bool = False,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
        region: str | Sequence[str] | None = None,
    ) -> ImportPreview:
        """What :meth:`import_paths` would do with the same arguments: its problems, its change summary (for a
        page that shows the summary and asks for the confirmation ``consent`` carries) and, when nothing stands
        in the way, the dataset it would store (the same tables, built by the same code); changes nothing."""
        prepared = self._prepare(paths, boundaries, list_all=list_all, consent=consent, sample=sample, region=region)
        dataset = None if has_errors(prepared.problems) else prepared.dataset(PREVIEW_VERSION)
        return ImportPreview(prepared.problems, tuple(prepared.changes.values()), dataset)

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        boundaries: Mapping[str, Any] | None = None,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
        region: str | Sequence[str] | None = None,
        by: str | None = None,
        note: str | None = None,
    ) -> ImportResult:
        """Validate and store ``paths`` as a new active version; tables (and boundary levels) not given are
        carried over from the active version. A store with no active version needs every table, or ``sample``
        (the bundled sample's folder) to take those not given from, marked synthetic. A table given with no rows,
        or one that would lose more than the configured share of its rows, needs ``consent``. ``by``
        (``web:<user>``, ``api:<user>``, ``cli:<login>``) and ``note`` go into the version's manifest with its
        change summary. ``region`` (a code, or several): the files are that city's or county's figures, merged
        into the active version (``chuangye/data/regional.py``). Raises :class:`ImportRejected` when there is
        any error."""
        with self._writing():
            result = self._import_locked(
                paths, boundaries, consent=consent, sample=sample, region=region, by=by, note=note
            )
            self._prune()
            return result

    def ensure_initialised(self, sample_dir: str | Path) -> ImportResult | None:
        """Import ``sample_dir`` (the bundled sample: every table synthetic) if the store has no active version
        yet; None when it already has one (then nothing is written or locked: a reader may not be allowed to)."""
        if self.active_version_id() is not None:
            return None
        with self._writing():
            if self.active_version_id() is not None:
                return None
            return self._import_locked([sample_dir], None, all_synthetic=True)

    def rollback(self, to: str | None = None) -> str:
        """Make ``to`` (default: the version before the active one) active again; returns its id."""
        with self._writing():
            ids = self._version_ids()
            current = self.active_version_id()
            if to is None:
                earlier = [v for v in ids if current is None or v < current]
                if not earlier:
                    raise StoreError("没有更早的版本可以回滚 / there is no earlier version to roll back to")
                to = earlier[-1]
            if to not in ids:
                raise _no_version(to)
            self._verify(to, self._manifest(to))
            try:
                _replace_text(self.data_dir / ACTIVE, to + "\n")
                _fsync_dir(self.data_dir)
            except OSError as exc:
                raise self._write_error(exc, needed=len(to) + 1) from None
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
        region: str | Sequence[str] | None = None,
    ) -> _Prepared:
        """Everything an import of ``paths`` would store and every problem it meets; the one path preview,
        validation and import share."""
        paths = list(paths)
        if region is not None:
            return self._prepare_region(paths, boundaries, list_all=list_all, consent=consent, region=region)
        if paths or not (boundaries or sample):
            loaded, read_problems = read_inputs(paths)
        else:  # only boundaries are being replaced, or only the sample is asked for
            loaded, read_problems = {}, []
        active, inherited = self._carry_over_source(loaded)
        combined: dict[str, LoadedTable] = dict(loaded)
        origins: dict[str, Origin] = dict.fromkeys(loaded, "file")
        if active is not None:
            combined.update(self._carried(active, exclude=combined))
            origins.update(dict.fromkeys((n for n in combined if n not in origins), "carried"))
        elif sample is not None:
            combined.update(self._sample_tables(sample, exclude=combined))
            origins.update(dict.fromkeys((n for n in combined if n not in origins), "sample"))
        layers: dict[str, tuple[gpd.GeoDataFrame, str]] = dict(inherited)
        for level, value in (boundaries or {}).items():
            file_name = Path(value).name if isinstance(value, str | Path) else f"{level} (GeoDataFrame)"
            gdf, problems = _boundaries_frame(level, value, file_name)
            read_problems += problems
            if gdf is not None:
                layers[level] = (gdf, file_name)
        problems = self._validated(combined, loaded, read_problems, list_all, active)
        frames = {name: conform(name, combined[name].frame) for name in TABLE_NAMES if name in combined}
        sources = {name: combined[name].source for name in frames}
        if active is not None:
            sources.update({name: _source_of(active, name) for name, o in origins.items() if o == "carried"})
        changes = _changes(frames, combined, origins, active, all_synthetic)
        guarded = change_problems(changes.values(), ChangePolicy.from_config(self.config), consent)
        emptied = {p.file for p in guarded if p.check == "table_emptied"}
        problems = [p for p in problems if not (p.check == "empty_table" and p.file in emptied)]
        if active is None:  # a first import is of the user's data only: every table, or the sample asked for
            missing = [n for n in TABLE_NAMES if n not in combined]
            problems = first_import_problems(missing) + [p for p in problems if p.check != "missing_table"]
        return _Prepared(
            problems=guarded + problems,
            imported=tuple(n for n in TABLE_NAMES if n in loaded),
            active=active,
            changes=changes,
            frames=frames,
            sources=sources,
            layers=_all_layers(active, layers),
        )

    def _validated(
        self,
        combined: Mapping[str, LoadedTable],
        loaded: Mapping[str, LoadedTable],
        extra: list[Problem],
        list_all: bool,
        active: Dataset | None,
    ) -> list[Problem]:
        """The tables' problems; warnings about carried-over tables were reported when those tables were
        imported (errors still count). The active version's figures are the earlier years a file is compared
        with."""
        limits: dict[str, Any] = {"per_group": None, "total": None} if list_all else {}
        history = {} if active is None else {"indicator_inputs": active.table("indicator_inputs")}
        problems = validate(combined, self.config, require_all=True, extra_problems=extra, history=history, **limits)
        carried_sources = {t.source for name, t in combined.items() if name not in loaded}
        return [p for p in problems if p.is_error or p.file not in carried_sources]

    @staticmethod
    def _carried(active: Dataset, exclude: Mapping[str, LoadedTable]) -> dict[str, LoadedTable]:
        """The active version's tables not in ``exclude``, named as coming from it."""
        return {
            name: LoadedTable.from_frame(
                name, active.table(name), source=f"{name}（当前版本/active version {active.version_id}）"
            )
            for name in TABLE_NAMES
            if name not in exclude
        }

    def _prepare_region(
        self,
        paths: list[str | Path],
        boundaries: Mapping[str, Any] | None,
        *,
        list_all: bool,
        consent: Consent,
        region: str | Sequence[str],
    ) -> _Prepared:
        """A region's figures merged into the active version (``chuangye/data/regional.py``): each path's files
        validated as given against the active registry, the region's rows of the years they hold replaced."""
        codes = regional.region_codes(region)
        if boundaries:
            raise StoreError(_in_both("imp_region_no_boundaries"))
        parts, part_reading = regional.read_parts(paths)
        given = {name: table for part in parts for name, table in part.items()}
        active, _ = self._carry_over_source(given)
        if active is None:
            nothing = make_problem("region_import_without_data", file=", ".join(codes))
            return _Prepared(problems=[nothing, *(p for ps in part_reading for p in ps)], active=None)
        scope = regional.RegionScope(codes, active.regions, active.units)
        if scope.unknown or not codes:
            raise StoreError(_in_both("imp_unknown_region", codes=", ".join(scope.unknown) or "—"))
        figures = {name: [part[name] for part in parts if name in part] for name in regional.FIGURE_TABLES}
        problems = [
            p
            for part, reading in zip(parts, part_reading, strict=True)
            for p in self._region_part_problems(part, reading, figures, scope, active, list_all)
        ]
        merged = {
            name: regional.merge_table(name, active.table(name), tables, scope)
            for name, tables in figures.items()
            if tables
        }
        frames = {name: merged[name].frame if name in merged else active.table(name) for name in TABLE_NAMES}
        sources = {name: merged[name].source if name in merged else _source_of(active, name) for name in TABLE_NAMES}
        marked = {name for name, tables in figures.items() if any(table_is_marked_synthetic(t.path) for t in tables)}
        changes = _region_changes(frames, merged, active, sources, marked)
        label = (scope.label("zh"), scope.label("en"))
        guarded = change_problems(changes.values(), ChangePolicy.from_config(self.config), consent, region=label)
        return _Prepared(
            problems=guarded + list(dict.fromkeys(problems)),
            imported=tuple(n for n in TABLE_NAMES if n in merged),
            active=active,
            changes=changes,
            frames=frames,
            sources=sources,
            layers=_all_layers(active, {}),
            region=scope.codes,
        )

    def _region_part_problems(
        self,
        part: Mapping[str, LoadedTable],
        reading: list[Problem],
        figures: Mapping[str, list[LoadedTable]],
        scope: regional.RegionScope,
        active: Dataset,
        list_all: bool,
    ) -> list[Problem]:
        """One path's problems in a region import: its figure tables validated as given against the active
        registry, and what a region may not send (``regional.part_problems``, rows given by an earlier path)."""
        own = regional.part_problems(part, scope)
        own += [p for name in part if name in figures for p in _later_files(name, figures[name], part)]
        registry = {part[name].source for name in regional.REGISTRY_TABLES if name in part}
        reading = [p for p in reading if p.file not in registry]  # refused whole: not read further
        figures_only = {name: table for name, table in part.items() if name not in regional.REGISTRY_TABLES}
        combined = {**figures_only, **self._carried(active, exclude=figures_only)}
        empty = {p.file for p in own if p.check == "region_table_empty"}
        found = self._validated(combined, figures_only, reading + own, list_all, active)
        return [p for p in found if not (p.check == "empty_table" and p.file in empty)]

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

    def _carry_over_source(
        self, loaded: Mapping[str, LoadedTable]
    ) -> tuple[Dataset | None, dict[str, tuple[gpd.GeoDataFrame, str]]]:
        """The version tables not given are carried over from: the active one when it is intact. Over a
        damaged active version an import must give every table (nothing is taken from damaged files); its
        boundary layers whose files are intact come along (the second value), as they would have."""
        version_id = self.active_version_id()
        damage = self.damage(version_id) if version_id is not None else ()
        if not damage:
            return self._active_or_none(), {}
        missing = [name for name in TABLE_NAMES if name not in loaded]
        if missing:
            missing_tables = ", ".join(missing)
            words = _in_both(
                "store_partial_import_over_damage", damage, short=True, active=version_id, missing=missing_tables
            )
            raise CorruptVersion(damage, words)
        return None, self._intact_layers(version_id, damage)

    def _intact_layers(self, version_id: str, damage: Sequence[Damage]) -> dict[str, tuple[gpd.GeoDataFrame, str]]:
        manifest, _ = read_manifest(self.versions_dir / version_id)
        broken = {d.file for d in damage}
        if manifest is None:
            return {}
        import geopandas as gpd

        root = self.versions_dir / version_id
        return {
            level: (gpd.read_parquet(root / info["file"]), info["source"])
            for level, info in manifest.get("boundaries", {}).items()
            if info["file"] not in broken
        }

    def _import_locked(
        self,
        paths: Iterable[str | Path],
        boundaries: Mapping[str, Any] | None,
        *,
        consent: Consent = NO_CONSENT,
        sample: str | Path | None = None,
        all_synthetic: bool = False,
        region: str | Sequence[str] | None = None,
        by: str | None = None,
        note: str | None = None,
    ) -> ImportResult:
        self._remove_staging()
        prepared = self._prepare(
            list(paths), boundaries, consent=consent, sample=sample, all_synthetic=all_synthetic, region=region
        )
        if has_errors(prepared.problems):
            raise ImportRejected(prepared.problems, tuple(prepared.changes.values()))
        version_id = self._new_version_id()
        self._write_version(version_id, prepared, by=by, note=note)
        origins = {name: summary.origin for name, summary in prepared.changes.items()}
        return ImportResult(
            version_id=version_id,
            warnings=[p for p in prepared.problems if not p.is_error],
            imported=prepared.imported,
            carried_over=prepared.carried,
            rows={n: len(f) for n, f in prepared.frames.items()},
            changes=tuple(prepared.changes.values()),
            from_sample=tuple(n for n in TABLE_NAMES if origins[n] == "sample"),
            synthetic=tuple(n for n in TABLE_NAMES if prepared.synthetic[n]),
        )

    def _new_version_id(self) -> str:
        now = dt.datetime.now().replace(microsecond=0)
        ids = self._version_ids()
        if ids:
            latest = dt.datetime.strptime(ids[-1][:15], _VERSION_TS)
            now = max(now, latest + dt.timedelta(seconds=1))  # ids must sort in creation order
        return f"{now.strftime(_VERSION_TS)}-{secrets.token_hex(2)}"

    def _write_version(
        self, version_id: str, prepared: _Prepared, *, by: str | None = None, note: str | None = None
    ) -> None:
        staging = self.versions_dir / f"{STAGING_PREFIX}{version_id}"
        final = self.versions_dir / version_id
        frames, sources, layers, synthetic = prepared.frames, prepared.sources, prepared.layers, prepared.synthetic
        files = _parquet_files(frames, layers)  # every file's bytes, before anything touches the disk
        needed = sum(len(data) for data in files.values())
        self._require_space(needed)
        switched = False
        try:
            staging.mkdir()
            manifest: dict[str, Any] = {
                "format": FORMAT_VERSION,
                "version_id": version_id,
                "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "tables": {},
                "boundaries": {},
                "carried_over": list(prepared.carried),
                "synthetic": any(synthetic.values()),  # any table is synthetic sample data
                "sha256": {},
                **_provenance_record(prepared, by, note),
            }
            for name, frame in frames.items():
                rel = f"{name}.parquet"
                _write_new_file(staging / rel, files[rel])
                manifest["tables"][name] = {"file": rel, "rows": len(frame), "source": sources[name]}
                manifest["tables"][name]["synthetic"] = bool(synthetic.get(name, False))
            if layers:
                (staging / "boundaries").mkdir()
            for level, (gdf, source) in layers.items():
                rel = f"boundaries/{level}.parquet"
                _write_new_file(staging / rel, files[rel])
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
        except OSError as exc:  # raised after the cleanup below: a full disk or a read-only directory, in words
            raise self._write_error(exc, needed) from None
        finally:
            if not switched:
                shutil.rmtree(staging, ignore_errors=True)
                shutil.rmtree(final, ignore_errors=True)
                with contextlib.suppress(OSError):
                    _fsync_dir(self.versions_dir)


def _parquet_files(
    frames: Mapping[str, pd.DataFrame], layers: Mapping[str, tuple[gpd.GeoDataFrame, str]]
) -> dict[str, bytes]:
    """The Parquet bytes of every file of a version, by its path in the version directory: their sizes say how
    much room the version needs before any of it is written."""
    files = {}
    for rel, frame in [
        *((f"{name}.parquet", frame) for name, frame in frames.items()),
        *((f"boundaries/{level}.parquet", gdf) for level, (gdf, _) in layers.items()),
    ]:
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        files[rel] = buffer.getvalue()
    return files


def _write_new_file(path: Path, data: bytes) -> None:
    with path.open("xb") as fh:
        fh.write(data)


@dataclass
class _Prepared:
    """What an import would store, and every problem it meets (errors: it stores nothing)."""

    problems: list[Problem]
    active: Dataset | None
    imported: tuple[str, ...] = ()  # tables read from the given files
    changes: dict[str, ChangeSummary] = field(default_factory=dict)  # per table of the new version, in order
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)  # every table of the new version, conformed
    sources: dict[str, str] = field(default_factory=dict)  # table -> the file it comes from
    layers: dict[str, tuple[gpd.GeoDataFrame, str]] = field(default_factory=dict)  # every boundary layer, source
    region: tuple[str, ...] = ()  # a region import's regions

    @property
    def carried(self) -> tuple[str, ...]:
        return tuple(n for n in TABLE_NAMES if n in self.changes and self.changes[n].origin == "carried")

    @property
    def synthetic(self) -> dict[str, bool]:
        return {name: summary.synthetic for name, summary in self.changes.items()}

    def dataset(self, version_id: str) -> Dataset:
        """The new version as the store would load it back (only when there is no error)."""
        sources = dict(self.sources)
        sources.update({f"boundaries:{level}": source for level, (_, source) in self.layers.items()})
        meta = DatasetMeta(
            version_id=version_id,
            created_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            source_files=sources,
            row_counts={name: len(frame) for name, frame in self.frames.items()},
            carried_over=self.carried,
            synthetic_tables=tuple(name for name, synthetic in self.synthetic.items() if synthetic),
        )
        boundaries = {level: gdf for level, (gdf, _) in self.layers.items()}
        return Dataset.from_tables(self.frames, boundaries=boundaries, meta=meta)


def _source_of(active: Dataset, table: str) -> str:
    """Where the active version's ``table`` first came from (its manifest says)."""
    return active.meta.source_files[table] if active.meta is not None else table


def _all_layers(
    active: Dataset | None, layers: Mapping[str, tuple[gpd.GeoDataFrame, str]]
) -> dict[str, tuple[gpd.GeoDataFrame, str]]:
    """The new version's boundary layers: the active version's, replaced level by level by ``layers``."""
    out: dict[str, tuple[gpd.GeoDataFrame, str]] = {}
    if active is not None:
        for level, gdf in active.boundaries.items():
            out[level] = (gdf, _source_of(active, f"boundaries:{level}"))
    out.update(layers)
    return out


def _later_files(table: str, given: list[LoadedTable], part: Mapping[str, LoadedTable]) -> list[Problem]:
    """Rows of ``part``'s ``table`` that an earlier path's file gives too (said on this path's file only)."""
    position = next(i for i, loaded in enumerate(given) if loaded is part[table])
    return regional.rows_in_two_files(table, given).get(position, [])


def _changes(
    frames: Mapping[str, pd.DataFrame],
    tables: Mapping[str, LoadedTable],
    origins: Mapping[str, Origin],
    active: Dataset | None,
    all_synthetic: bool,
) -> dict[str, ChangeSummary]:
    """Each table the new version would hold against the active version's; which of them are synthetic."""
    active_synthetic = _synthetic_tables(active)
    out = {}
    for name in TABLE_NAMES:
        if name not in frames:
            continue
        origin = origins[name]
        synthetic = {
            "file": all_synthetic or table_is_marked_synthetic(tables[name].path),
            "carried": name in active_synthetic,
            "sample": True,
        }[origin]
        out[name] = summarise_table(
            name,
            frames[name],
            None if active is None else active.table(name),
            origin=origin,
            source=tables[name].source if origin != "carried" else _source_of(active, name),  # type: ignore[arg-type]
            synthetic=synthetic,
            before_synthetic=active is not None and name in active_synthetic,
        )
    return out


def _synthetic_tables(active: Dataset | None) -> set[str]:
    return set(active.meta.synthetic_tables) if active is not None and active.meta else set(TABLE_NAMES)


def _region_changes(
    frames: Mapping[str, pd.DataFrame],
    merged: Mapping[str, regional.Merged],
    active: Dataset,
    sources: Mapping[str, str],
    marked: set[str],
) -> dict[str, ChangeSummary]:
    """A region import's tables against the active version: a merged table keeps the active version's other
    rows, so it is synthetic when they were (or when its files are)."""
    active_synthetic = _synthetic_tables(active)
    out = {}
    for name in TABLE_NAMES:
        was_synthetic = name in active_synthetic
        if name not in merged:
            out[name] = summarise_table(
                name, frames[name], active.table(name), origin="carried", source=sources[name],
                synthetic=was_synthetic, before_synthetic=was_synthetic,
            )  # fmt: skip
            continue
        out[name] = summarise_table(
            name,
            frames[name],
            active.table(name),
            origin="file",
            source=sources[name],
            synthetic=was_synthetic or name in marked,
            before_synthetic=was_synthetic,
            region_before=merged[name].replaced,
        )
    return out


def _provenance_record(prepared: _Prepared, by: str | None, note: str | None) -> dict[str, Any]:
    """Who made a version, why, and what it changed: the manifest's ``by``, ``note``, ``changes``, ``region``."""
    record: dict[str, Any] = {
        "by": by,
        "note": note,
        "changes": [
            {"table": s.table, **{count: getattr(s, count) for count in CHANGE_COUNTS}}
            for s in prepared.changes.values()
        ],
    }
    if prepared.region:
        record["region"] = list(prepared.region)
    return record


def _provenance(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """VersionInfo's by, note, changes and region from a manifest; a manifest older than them has none."""
    changes = tuple(
        {"table": str(c.get("table")), **{count: c.get(count) for count in CHANGE_COUNTS}}
        for c in manifest.get("changes") or ()
        if isinstance(c, Mapping)
    )
    by, note = manifest.get("by"), manifest.get("note")
    return {
        "by": by if isinstance(by, str) else None,
        "note": note if isinstance(note, str) else None,
        "changes": changes,
        "region": tuple(str(code) for code in manifest.get("region") or ()),
    }


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

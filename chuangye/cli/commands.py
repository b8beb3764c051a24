"""What each ``chuangye`` sub-command does; ``chuangye.cli.main`` only parses arguments."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import math
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from chuangye.cli.actor import cli_actor
from chuangye.cli.exit_codes import (
    EXIT_DATA_ERRORS,
    EXIT_DATABASE,
    EXIT_EMPTY,
    EXIT_OK,
    EXIT_SERVER,
    EXIT_STORE,
    EXIT_USAGE,
)
from chuangye.cli.import_summary import audit_detail, change_lines, provenance_line, version_provenance
from chuangye.config.loader import ConfigError, load_config
from chuangye.data.changes import ChangeSummary, Consent
from chuangye.data.integrity import damage_text
from chuangye.data.problems import Problem, format_problem, has_errors, not_listed_count
from chuangye.data.schema import REGION_LEVELS
from chuangye.data.store import (
    CorruptVersion,
    ImportRejected,
    Store,
    StoreError,
    StoreFull,
    StoreReadOnly,
    default_data_dir,
    fallback_text,
)
from chuangye.engine.manager import Analytics, DataManager
from chuangye.exports.tables import neutralise
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import bilingual, status_label, t
from chuangye.strings.numbers import indicator_text, percent_text, points_text, rounded

LOCAL_HOST = "127.0.0.1"


class CliError(Exception):
    """A user-facing failure: printed (zh / en) without a traceback; ``exit_code`` (2 unless said) is returned."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def open_store(args: argparse.Namespace, *, initialise: bool = True) -> Store:
    store = Store(args.data_dir, config=_config(args))
    if initialise:
        store.ensure_initialised(SAMPLE_DIR)
    return store


def _config(args: argparse.Namespace):
    try:
        return load_config(args.config)
    except ConfigError as exc:
        raise CliError(str(exc)) from None


def _analytics(args: argparse.Namespace) -> Analytics:
    """The version the command reads; when the active one is damaged, the newest intact one, said on stderr."""
    manager = DataManager(open_store(args), _config(args))
    analytics = manager.current()
    if manager.fallback is not None:
        print(_both_languages(lambda lang: fallback_text(manager.fallback, lang)), file=sys.stderr)
    return analytics


def _both_languages(text: Callable[[str], str]) -> str:
    return f"{text('zh')}\n{text('en')}"


def print_problems(problems: list[Problem], out=sys.stdout) -> None:
    for p in problems:
        print(format_problem(p, "zh"), file=out)
        print("    " + format_problem(p, "en"), file=out)


def print_summary(problems: list[Problem], out=sys.stdout) -> None:
    """How many errors and warnings (those only counted included), and how to list the ones not listed."""
    print(bilingual("cli_validate_found", **_counts(problems)), file=out)
    if unlisted := not_listed_count(problems):
        print(bilingual("cli_validate_capped", count=unlisted), file=out)


def _counts(problems: list[Problem]) -> dict[str, int]:
    """Errors and warnings as the user should weigh them: a row listed under its root cause (``--all``) is part
    of that root's one error, as it is when only counted in the root's message, so both listings say the same."""

    def count(p: Problem) -> int:
        if p.cause is not None:
            return 0
        return int(p.value or 0) if p.check == "more_problems" else 1

    errors = sum(count(p) for p in problems if p.is_error)
    return {"errors": errors, "warnings": sum(count(p) for p in problems) - errors}


# ------------------------------------------------------------------------------------------ data commands


def cmd_sample(args: argparse.Namespace) -> int:
    from chuangye.sample.generate import generate_jiangsu, generate_national

    seed = 2016 if args.seed is None else args.seed
    out = Path(args.out) if args.out else new_directory(Path.cwd() / f"chuangye-sample-{args.scale}")
    if args.scale == "national":
        generate_national(out, seed=seed)
    else:
        generate_jiangsu(out, seed=seed)
    print(bilingual("cli_sample_done", path=out.resolve()))
    return EXIT_OK


def new_directory(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3`` ... : the first that does not exist yet (never someone's files)."""
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def cmd_validate(args: argparse.Namespace) -> int:
    """The problems ``chuangye import`` with the same arguments would meet; creates and changes nothing."""
    store = open_store(args, initialise=False)
    if store.active_version_id() is None:
        # Nothing imported yet: the import's own check in a throw-away store (every table, or --with-sample)
        with tempfile.TemporaryDirectory(prefix="chuangye-validate-") as scratch:
            sample = SAMPLE_DIR if args.with_sample else None
            reference = Store(scratch, config=store.config)
            problems = reference.validate_paths(
                args.paths, list_all=args.list_all, consent=_consent(args), sample=sample
            )
    else:
        problems = store.validate_paths(args.paths, list_all=args.list_all, consent=_consent(args))
    print_problems(problems)
    if not problems:
        print(bilingual("cli_validate_clean"))
        return EXIT_OK
    print_summary(problems)
    return EXIT_DATA_ERRORS if has_errors(problems) else EXIT_OK


def _consent(args: argparse.Namespace) -> Consent:
    return Consent(allow_empty=args.allow_empty, allow_shrink=args.allow_shrink)


def cmd_import(args: argparse.Namespace) -> int:
    """Only the user's data: an empty data directory gets the bundled sample only with ``--with-sample``."""
    if not args.paths and not args.boundaries and not args.with_sample:
        raise CliError(bilingual("cli_import_nothing"))
    consent, sample = _consent(args), SAMPLE_DIR if args.with_sample else None
    files = [Path(p).name for p in args.paths] + ([Path(args.boundaries).name] if args.boundaries else [])
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    if not data_dir.exists():
        if args.boundaries:
            raise CliError(bilingual("cli_boundaries_need_data", path=data_dir))
        # checked in a scratch directory first, so that a refused first import leaves no data directory behind
        with tempfile.TemporaryDirectory(prefix="chuangye-import-") as scratch:
            preview = Store(scratch, config=_config(args)).preview_import(args.paths, consent=consent, sample=sample)
        if has_errors(preview.problems):
            return _import_refused(args, files, ImportRejected(preview.problems, preview.changes), None)
    store = open_store(args, initialise=False)
    active = store.active_version_id()
    if args.with_sample and active is not None:
        raise CliError(bilingual("cli_with_sample_has_data", path=store.data_dir, version=active))
    boundaries = None
    if args.boundaries:
        if active is None:
            raise CliError(bilingual("cli_boundaries_need_data", path=store.data_dir))
        boundaries = {"township": _read_township_boundaries(store, args.boundaries, args.code_column)}
    try:
        result = store.import_paths(
            args.paths,
            boundaries=boundaries,
            consent=consent,
            sample=sample,
            by=cli_actor().username,
            note=args.note or None,
        )
    except ImportRejected as exc:
        return _import_refused(args, files, exc, active)
    print_problems(result.warnings)
    if not_listed_count(result.warnings):
        print_summary(result.warnings)
    print_changes(result.changes, active)
    print(provenance_line(result.synthetic))
    print(bilingual("cli_import_done", version=result.version_id))
    detail = {"files": files, "changes": audit_detail(result.changes), "synthetic": list(result.synthetic)}
    audit_change(args, "import", result.version_id, "ok", detail)
    return EXIT_OK


def _import_refused(args: argparse.Namespace, files: list[str], exc: ImportRejected, active: str | None) -> int:
    print_problems(exc.problems)
    print_summary(exc.problems)
    print_changes(exc.changes, active, refused=True)
    print(bilingual("cli_import_rejected"))
    detail = {"files": files, "problems": len(exc.problems), "changes": audit_detail(exc.changes)}
    audit_change(args, "import", None, "failed", detail)
    return EXIT_DATA_ERRORS


def print_changes(changes: tuple[ChangeSummary, ...], active: str | None, *, refused: bool = False) -> None:
    for line in change_lines(changes, active, refused=refused):
        print(line)


def audit_change(
    args: argparse.Namespace,
    action: str,
    version: str | None,
    outcome: str,
    detail: dict,
    *,
    region: str | None = None,
) -> None:
    """An import, rollback or template handed out in the audit trail (by ``cli:<login>``; ``version``: the object
    recorded); a trail that cannot be written is said, and what the command did stands."""
    from chuangye.data.db import AuditTrail, Database

    try:
        database = Database.open(args.data_dir)
        try:
            AuditTrail(database).record(
                action, actor=cli_actor(), object=version, region=region, outcome=outcome, detail=detail
            )
        finally:
            database.close()
    except Exception as exc:  # a read-only or unreachable database: the import itself is done
        print(bilingual("cli_audit_unwritable", error=type(exc).__name__), file=sys.stderr)


def _read_township_boundaries(store: Store, path: str, code_column: str | None):
    from chuangye.geo.boundaries import BoundaryFileError, read_user_boundaries

    units = store.active().units
    known = units.loc[units["unit_code"].str.len() == 9, ["unit_code", "name"]].rename(columns={"unit_code": "code"})
    try:
        shapes, report = read_user_boundaries(path, "township", known, code_column=code_column)
    except BoundaryFileError as exc:
        raise CliError(f"{exc.message_zh}\n{exc.message_en}") from None
    for message in report.messages():
        print(message.zh)
        print("    " + message.en)
    return shapes


def cmd_versions(args: argparse.Namespace) -> int:
    """Every version (``*`` the active one), each verified against its manifest; damaged and pinned ones
    marked. ``--pin`` / ``--unpin`` keep a version from pruning or let it go again."""
    if args.pin or args.unpin:
        return _pin(args)
    store = open_store(args)
    infos = store.versions(verify=True)
    for info in infos:
        mark = "*" if info.active else " "
        rows = ", ".join(f"{k}={v}" for k, v in info.rows.items())
        notes = [bilingual("cli_versions_pinned_mark")] if info.pinned else []
        if info.damage:
            notes.append(bilingual("cli_versions_damaged_mark"))
        made = version_provenance(info.by, info.note, info.changes, info.region)
        line = f"{mark} {info.id}  {info.created_at}  {rows}  {made}".rstrip()
        print(" ".join([line, *(f"[{note}]" for note in notes)]))
        for damage in info.damage:
            print(f"    ✘ {damage_text(damage, 'zh')} / {damage_text(damage, 'en')}")
    if store.keep_versions is not None:  # on stderr: stdout stays one line per version
        print(bilingual("cli_versions_keep", keep=store.keep_versions), file=sys.stderr)
    return EXIT_OK  # listing worked; chuangye check is the command whose exit code says "damaged"


def _pin(args: argparse.Namespace) -> int:
    """Pin or unpin a version; both go to the audit trail (a pin decides what pruning keeps)."""
    store = open_store(args, initialise=False)
    action, version = ("version_pin", args.pin) if args.pin else ("version_unpin", args.unpin)
    try:
        if args.pin:
            store.pin(args.pin)
            print(bilingual("cli_versions_pinned", version=args.pin))
        elif store.unpin(args.unpin):
            print(bilingual("cli_versions_unpinned", version=args.unpin))
        else:
            print(bilingual("cli_versions_not_pinned", version=args.unpin))
            return EXIT_OK  # nothing changed: nothing to record
    except StoreError as exc:
        audit_change(args, action, version, "failed", {})
        raise CliError(str(exc), _store_exit_code(exc)) from None
    audit_change(args, action, version, "ok", {})
    return EXIT_OK


def _store_exit_code(exc: StoreError) -> int:
    """A damaged version, a full disk or a read-only directory is the store's fault (6); an unknown version or
    nothing to roll back to is the command line's (2)."""
    return EXIT_STORE if isinstance(exc, CorruptVersion | StoreFull | StoreReadOnly) else EXIT_USAGE


def cmd_check(args: argparse.Namespace) -> int:
    """Verify every version's files against its manifest and that ACTIVE names an intact version; changes
    nothing. Exit 6 naming each damage, else 0."""
    store = Store(args.data_dir, config=_config(args))
    report = store.check()
    if report.active is None and not report.versions:
        print(bilingual("cli_check_empty", where=store.data_dir))
        return EXIT_OK
    if not report.damage:
        print(bilingual("cli_check_ok", count=len(report.versions), active=report.active))
        return EXIT_OK
    for damage in report.damage:
        print(f"✘ {damage_text(damage, 'zh')}")
        print(f"  {damage_text(damage, 'en')}")
    if report.active_damaged and report.served:
        print(bilingual("cli_check_active_damaged", active=report.active, served=report.served))
    elif report.active_damaged:
        print(bilingual("cli_check_active_lost", active=report.active))
    print(bilingual("cli_check_damage_found", count=len(report.damage), where=store.data_dir))
    return EXIT_STORE


def cmd_rollback(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        version = store.rollback(args.version)
    except StoreError as exc:
        audit_change(args, "rollback", args.version, "failed", {})
        raise CliError(str(exc), _store_exit_code(exc)) from None
    print(bilingual("cli_rollback_done", version=version))
    audit_change(args, "rollback", version, "ok", {"asked": args.version})
    return 0


# -------------------------------------------------------------------------------------------- read-outs

COVERAGE_COLUMNS = [
    "region_code", "region_name", "level", "parent_code", "unit_type", "year", "basis",
    "units_in_scope", "certified_cumulative", "meets_standard", "units_no_data", "coverage", "goal",
    "gap_points", "gap_units", "status", "status_label", "pace_base_year", "observed_pace", "required_pace",
    "required_pace_from_now", "units_needed_per_year", "projected_coverage_target",
    "target_count", "evaluation_quota", "declared", "county_evaluated", "city_reviewed", "certified", "rejected",
]  # fmt: skip
# How the CSV rounds, once, as the table shows them: shares to 0.1 percentage point, points to 0.1 point.
SHARE_COLUMNS = ("coverage", "goal", "projected_coverage_target")
POINTS_COLUMNS = ("gap_points", "observed_pace", "required_pace", "required_pace_from_now")
SHARE_DIGITS = 3  # 0.7665 → 0.767, i.e. 76.7 %
POINTS_DIGITS = 1


def require_year(an: Analytics, year: int) -> None:
    """A year the data has, or the same error for every command."""
    if year not in an.years:
        raise CliError(bilingual("cli_no_such_year", year=year, first=min(an.years), last=max(an.years)))


def _in_both(key: str, values: Callable[[str], dict[str, object]]) -> str:
    """``中文 / English`` of ``key`` where some values are words in each language."""
    return f"{t(key, 'zh', **values('zh'))} / {t(key, 'en', **values('en'))}"


def _level_word(level: str, lang: str) -> str:
    """A level inside a sentence: "设区市", "a city" (not "City")."""
    word = t(f"level_{level}", lang)
    return word.lower() if lang == "en" else word


def _check_parent(an: Analytics, level: str, parent: str | None) -> None:
    """``--parent`` must be a known region above ``--level``; else say which level to ask for instead."""
    if parent is None:
        return
    if level == "province":
        raise CliError(bilingual("cli_parent_at_province"))
    if parent not in an.regions:
        raise CliError(bilingual("cli_unknown_region", code=parent))
    levels = list(REGION_LEVELS)
    parent_level = an.regions.level_of(parent) or "county"
    if levels.index(parent_level) < levels.index(level):
        return
    below = levels[levels.index(parent_level) + 1] if parent_level != levels[-1] else None

    def values(lang: str) -> dict[str, object]:
        return {
            "code": parent,
            "name": an.region_name(parent, lang),
            "parent_level": _level_word(parent_level, lang),
            "level": _level_word(level, lang),
            "below": below,
        }

    raise CliError(_in_both("cli_parent_not_above" if below else "cli_parent_lowest", values))


def coverage_frame(an: Analytics, args: argparse.Namespace) -> pd.DataFrame:
    """The rows asked for, by region code, then unit type in the configuration's order."""
    require_year(an, args.year)
    _check_parent(an, args.level, args.parent)
    frame = an.coverage(basis=args.basis, level=args.level, year=args.year, unit_type=args.unit_type)
    if args.parent:
        under = [args.parent in an.regions.path(code)[:-1] for code in frame["region_code"]]
        frame = frame[pd.Series(under, index=frame.index, dtype=bool)]
    type_order = {unit_type: i for i, unit_type in enumerate(an.cfg.unit_types)}
    frame = frame.assign(
        basis=args.basis,
        region_name=[an.region_name(c, args.lang) for c in frame["region_code"]],
        status_label=[status_label(s, args.lang) for s in frame["status"]],
        _type_order=frame["unit_type"].map(type_order).fillna(len(type_order)),
    )
    frame = frame.sort_values(["region_code", "_type_order"], kind="stable")
    return frame[[c for c in COVERAGE_COLUMNS if c in frame]].reset_index(drop=True)


def _json_value(value):
    """A cell as JSON: full precision, missing values as null, dates as ISO dates, codes as they are (text)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    return value


def _json_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def coverage_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM (Excel and WPS open it with the Chinese intact), each number rounded once, no text a
    spreadsheet would run as a formula (a region name from the user's data may begin with ``=``)."""
    shown = frame.copy()
    for column in shown.columns[shown.dtypes.map(lambda d: not pd.api.types.is_numeric_dtype(d))]:
        shown[column] = shown[column].map(neutralise)
    for column in SHARE_COLUMNS:
        if column in shown:
            shown[column] = shown[column].map(lambda v: rounded(v, SHARE_DIGITS))
    for column in POINTS_COLUMNS:
        if column in shown:
            shown[column] = shown[column].map(lambda v: rounded(v, POINTS_DIGITS))
    return shown.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _empty_message(an: Analytics, args: argparse.Namespace) -> str:
    def values(lang: str) -> dict[str, object]:
        parent = t("cli_empty_parent", lang, name=an.region_name(args.parent, lang), code=args.parent)
        type_word = t(f"type_{args.unit_type}", lang)
        unit_type = t("cli_empty_type", lang, type=type_word.lower() if lang == "en" else type_word)
        what = t(
            "cli_empty_what",
            lang,
            level=_level_word(args.level, lang),
            parent=parent if args.parent else "",
            type=unit_type if args.unit_type else "",
        )
        return {"year": args.year, "what": what}

    return _in_both("cli_empty_result", values)


def cmd_coverage(args: argparse.Namespace) -> int:
    an = _analytics(args)
    frame = coverage_frame(an, args)
    if args.fmt == "json":
        print(json.dumps(_json_records(frame), ensure_ascii=False, indent=2))
    elif args.fmt == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(coverage_csv(frame))
        sys.stdout.buffer.flush()
    elif len(frame):
        print(_coverage_table(frame, args.lang))
    if frame.empty:
        raise CliError(_empty_message(an, args), EXIT_EMPTY)
    return EXIT_OK


def _count_text(value: object) -> str:
    return "—" if value is None or pd.isna(value) else str(int(value))


def _coverage_table(frame: pd.DataFrame, lang: str) -> str:
    columns = {
        "cli_col_code": frame["region_code"],
        "cli_col_name": frame["region_name"],
        "cli_col_type": [t(f"type_{u}", lang) for u in frame["unit_type"]],
        "cli_col_units": frame["units_in_scope"].map(_count_text),
        "cli_col_coverage": frame["coverage"].map(percent_text),
        "cli_col_goal": frame["goal"].map(percent_text),
        "cli_col_gap_points": frame["gap_points"].map(lambda v: points_text(v, signed=True)),
        "cli_col_gap_units": frame["gap_units"].map(_count_text),
        "cli_col_status": frame["status_label"],
        "cli_col_needed_per_year": frame["units_needed_per_year"].map(_count_text),
    }
    table = pd.DataFrame({t(key, lang): list(values) for key, values in columns.items()}, dtype=object)
    with pd.option_context("display.unicode.east_asian_width", True):  # Chinese characters are two columns wide
        return table.to_string(index=False)


def cmd_unit(args: argparse.Namespace) -> int:
    an = _analytics(args)
    unit = an.unit_row(args.code)
    if unit is None:
        raise CliError(bilingual("cli_unknown_unit", code=args.code))
    require_year(an, args.year)
    card = an.scorecard(args.code, args.year)
    certs = an.dataset.certifications
    history = certs[certs["unit_code"] == args.code].sort_values("round_year")
    active_from, active_to = _year_or_none(unit.get("active_from")), _year_or_none(unit.get("active_to"))
    if args.fmt == "json":
        payload = {
            "unit_code": args.code,
            "name": unit["name"],
            "unit_type": _json_value(unit["unit_type"]),
            "county": an.region_name(unit["county_code"], args.lang),
            "city": an.region_name(unit["city_code"], args.lang),
            "year": args.year,
            "active_from": active_from,
            "active_to": active_to,
            "active_in_year": _activity_note_key(args.year, active_from, active_to) is None,
            "meets_standard": _json_value(card["meets_standard"]),
            "indicators": _json_records(card["indicators"]),
            "certification": _json_records(history),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_scorecard_text(an, unit, card, history, args.lang))
    return EXIT_OK


def _year_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _activity_note_key(year: int, active_from: int | None, active_to: int | None) -> str | None:
    """Why the unit is not counted in ``year`` (not yet established, or abolished), or None when it existed."""
    if active_from is not None and year < active_from:
        return "cli_unit_established"
    if active_to is not None and year > active_to:
        return "cli_unit_abolished"
    return None


def _scorecard_text(an: Analytics, unit: pd.Series, card: dict, history: pd.DataFrame, lang: str) -> str:
    zh = lang == "zh"
    type_label = t(f"type_{unit['unit_type']}", lang) if isinstance(unit["unit_type"], str) else "—"
    place = f"{an.region_name(unit['city_code'], lang)} · {an.region_name(unit['county_code'], lang)}"
    lines = [f"{unit['name']} ({unit['unit_code']}) · {type_label} · {place} · {card['year']}"]
    active_from, active_to = _year_or_none(unit.get("active_from")), _year_or_none(unit.get("active_to"))
    note = _activity_note_key(card["year"], active_from, active_to)
    if note is not None:
        lines.append(t(note, lang, year=card["year"], start=active_from, end=active_to))
    meets = card["meets_standard"]
    verdict = {True: "cli_verdict_meets", False: "cli_verdict_below"}.get(
        None if meets is pd.NA else bool(meets), "cli_verdict_not_active" if note else "cli_verdict_no_data"
    )
    lines.append(t("cli_overall", lang, verdict=t(verdict, lang)))
    for r in card["indicators"].to_dict("records"):
        name = r["name_zh"] if zh else r["name_en"]
        value = indicator_text(r["value"], r["format"], r["digits"])
        has_threshold = r["threshold"] is not None and not pd.isna(r["threshold"])
        threshold = f" / ≥{indicator_text(r['threshold'], r['format'], r['digits'])}" if has_threshold else ""
        ok = {True: "✔", False: "✘"}.get(None if pd.isna(r["pass"]) or not has_threshold else bool(r["pass"]), "·")
        gap = r["shortfall_zh"] if zh else r["shortfall_en"]
        lines.append(f"  {ok} {name}: {value}{threshold} {gap}".rstrip())
    if len(history):
        lines.append(t("cli_certification_history", lang))
        for r in history.to_dict("records"):
            lines.append(f"  {r['round_year']}: {t('stage_' + r['stage'], lang)}")
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace) -> int:
    from chuangye.exports.browser import ExportError
    from chuangye.exports.report.build import build_report
    from chuangye.exports.report.docx import render_docx
    from chuangye.exports.report.model import ReportError
    from chuangye.exports.report.pdf import render_pdf

    an = _analytics(args)
    require_year(an, args.year)
    try:
        content = build_report(an, args.region, args.year, args.lang, args.basis)
        data = render_pdf(content) if args.fmt == "pdf" else render_docx(content)
    except (ReportError, ExportError) as exc:
        raise CliError(str(exc)) from None
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(bilingual("cli_report_done", path=out, size=f"{len(data) / 1024:.0f}"))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The dashboard, never in debug mode. With accounts (the default) it needs an enabled admin; ``--no-auth``
    is one local user on 127.0.0.1 only. ``--workers N`` (N > 1): N gunicorn processes on Linux
    (``cli/workers.py``), every check below done once, before the fork."""
    import logging

    from chuangye.cli import workers as worker_processes
    from chuangye.web import app as webapp

    if args.no_auth and args.host != LOCAL_HOST:
        raise CliError(bilingual("auth_serve_no_auth_host", host=args.host))
    if args.workers < 1:
        raise CliError(bilingual("cli_workers_at_least_one"))
    if args.workers > 1 and (reason := worker_processes.unavailable_reason()):
        raise CliError(worker_processes.unavailable_text(args.workers, reason), EXIT_SERVER)
    check_can_listen(args.host, args.port)  # before the start-up's tens of seconds, not after
    database = None if args.no_auth else accounts_database(args)
    # start-up steps (sample import, warm-up) say what they are doing
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    dash_app = webapp.create_app(
        data_dir=args.data_dir,
        config_path=args.config,
        default_lang=args.lang,
        auth=not args.no_auth,
        database=database,
        warm=args.workers == 1,  # with workers, each one warms up after the fork (threads do not survive it)
    )
    server = None
    if args.workers == 1:
        try:
            from waitress import create_server

            server = create_server(
                dash_app.server,
                host=args.host,
                port=args.port,
                threads=8,
                # behind an HTTPS proxy on this machine (docs/deployment.md): its X-Forwarded-Proto makes the page's
                # https:// Origin this site's, as gunicorn does by default; X-Forwarded-For stays for the audit
                trusted_proxy=LOCAL_HOST,
                trusted_proxy_headers={"x-forwarded-proto"},
                clear_untrusted_proxy_headers=False,
            )
        except OSError as exc:  # the port was taken during start-up
            raise CliError(listen_error(args.host, args.port, exc), EXIT_SERVER) from None
    if args.no_auth:
        print(bilingual("auth_serve_no_auth_note"), flush=True)
    if fallback := dash_app.server.extensions[webapp.EXTENSION]["services"].manager.fallback:
        print(_both_languages(lambda lang: fallback_text(fallback, lang)), file=sys.stderr, flush=True)
    print(bilingual("cli_serving", url=f"http://{args.host}:{args.port}/"), flush=True)
    if server is not None:
        server.run()  # returns on Ctrl+C
        return EXIT_OK
    print(bilingual("cli_serving_workers", workers=args.workers, threads=worker_processes.THREADS), flush=True)
    check_can_listen(args.host, args.port)  # gunicorn would retry a taken port for seconds, then exit 1
    worker_processes.serve_with_workers(
        dash_app, worker_processes.WorkerOptions(host=args.host, port=args.port, workers=args.workers)
    )
    return EXIT_OK


def accounts_database(args: argparse.Namespace):
    """The accounts database the dashboard signs users in against; it must hold an enabled admin."""
    from chuangye.data.db import Accounts, Database, DatabaseError, PolicyError

    try:
        database = Database.open(args.data_dir or None)
        has_admin = Accounts(database).has_admin()
    except (DatabaseError, PolicyError) as exc:
        raise CliError(str(exc), EXIT_DATABASE) from None
    if not has_admin:
        database.close()
        raise CliError(bilingual("auth_serve_no_admin", where=database.where), EXIT_SERVER)
    return database


def check_can_listen(host: str, port: int) -> None:
    """Bind ``host:port`` as the server will (address reuse on, as waitress sets it) and let go at once."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        raise CliError(listen_error(host, port, exc), EXIT_SERVER) from None


def listen_error(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return bilingual("cli_port_busy", host=host, port=port)
    return bilingual("cli_cannot_listen", host=host, port=port, reason=exc.strerror or exc)

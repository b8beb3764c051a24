"""What each ``chuangye`` sub-command does; ``chuangye.cli.main`` only parses arguments."""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

import pandas as pd

from chuangye.cli.exit_codes import EXIT_USAGE
from chuangye.config.loader import ConfigError, load_config
from chuangye.data.problems import Problem, format_problem, has_errors
from chuangye.data.store import ImportRejected, Store, StoreError
from chuangye.engine.manager import Analytics, DataManager
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import bilingual, t


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
    return DataManager(open_store(args), _config(args)).current()


def print_problems(problems: list[Problem], out=sys.stdout) -> None:
    for p in problems:
        print(format_problem(p, "zh"), file=out)
        print("    " + format_problem(p, "en"), file=out)


def _counts(problems: list[Problem]) -> dict[str, int]:
    errors = sum(p.is_error for p in problems)
    return {"errors": errors, "warnings": len(problems) - errors}


# ------------------------------------------------------------------------------------------ data commands


def cmd_sample(args: argparse.Namespace) -> int:
    from chuangye.sample.generate import generate_jiangsu, generate_national

    seed = 2016 if args.seed is None else args.seed
    if args.scale == "national":
        if not args.out:
            raise CliError("全国规模需要 --out 目录 / the national scale needs an --out directory")
        generate_national(Path(args.out), seed=seed)
    else:
        generate_jiangsu(Path(args.out) if args.out else SAMPLE_DIR, seed=seed)
    print(bilingual("cli_sample_done", path=args.out or SAMPLE_DIR))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    store = open_store(args, initialise=False)
    if store.active_version_id() is None:
        # Nothing imported yet: check against the bundled registry in a throw-away store, so that validating
        # never creates or changes the real data directory.
        with tempfile.TemporaryDirectory(prefix="chuangye-validate-") as scratch:
            reference = Store(scratch, config=store.config)
            reference.ensure_initialised(SAMPLE_DIR)
            problems = reference.validate_paths(args.paths)
    else:
        problems = store.validate_paths(args.paths)
    print_problems(problems)
    if not problems:
        print(bilingual("cli_validate_clean"))
        return 0
    print(bilingual("cli_validate_found", **_counts(problems)))
    return 1 if has_errors(problems) else 0


def cmd_import(args: argparse.Namespace) -> int:
    if not args.paths and not args.boundaries:
        raise CliError(bilingual("cli_import_nothing"))
    store = open_store(args)
    boundaries = None
    if args.boundaries:
        boundaries = {"township": _read_township_boundaries(store, args.boundaries, args.code_column)}
    try:
        result = store.import_paths(args.paths, boundaries=boundaries)
    except ImportRejected as exc:
        print_problems(exc.problems)
        print(bilingual("cli_validate_found", **_counts(exc.problems)))
        print(bilingual("cli_import_rejected"))
        return 1
    print_problems(result.warnings)
    print(bilingual("cli_import_done", version=result.version_id))
    return 0


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
    store = open_store(args)
    for info in store.versions():
        mark = "*" if info.active else " "
        rows = ", ".join(f"{k}={v}" for k, v in info.rows.items())
        print(f"{mark} {info.id}  {info.created_at}  {rows}")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        version = store.rollback(args.version)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    print(bilingual("cli_rollback_done", version=version))
    return 0


# -------------------------------------------------------------------------------------------- read-outs

COVERAGE_COLUMNS = [
    "region_code", "region_name", "level", "parent_code", "unit_type", "year", "basis",
    "units_in_scope", "certified_cumulative", "meets_standard", "units_no_data", "coverage", "goal",
    "gap_points", "gap_units", "status", "status_label", "observed_pace", "required_pace",
    "required_pace_from_now", "units_needed_per_year", "projected_coverage_target",
    "target_count", "evaluation_quota", "declared", "county_evaluated", "city_reviewed", "certified", "rejected",
]  # fmt: skip


def coverage_frame(an: Analytics, args: argparse.Namespace) -> pd.DataFrame:
    if args.year not in an.years:
        raise CliError(bilingual("cli_no_such_year", year=args.year, first=min(an.years), last=max(an.years)))
    if args.parent and args.parent not in an.regions:
        raise CliError(bilingual("cli_unknown_region", code=args.parent))
    frame = an.coverage(basis=args.basis, level=args.level, year=args.year, unit_type=args.unit_type,
                        parent=args.parent if args.level != "province" else None)  # fmt: skip
    frame = frame.assign(
        basis=args.basis,
        region_name=[an.region_name(c, args.lang) for c in frame["region_code"]],
        status_label=[t(f"status_{s}", args.lang) for s in frame["status"]],
    )
    return frame[[c for c in COVERAGE_COLUMNS if c in frame]].sort_values(["unit_type", "region_code"])


def _json_value(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return round(value, 6) if isinstance(value, float) else value


def cmd_coverage(args: argparse.Namespace) -> int:
    frame = coverage_frame(_analytics(args), args)
    if args.fmt == "json":
        records = [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif args.fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        print(_coverage_table(frame, args.lang))
    return 0


def _pct(value: float) -> str:
    return "—" if pd.isna(value) else f"{value * 100:.1f}%"


def _coverage_table(frame: pd.DataFrame, lang: str) -> str:
    columns = {
        "cli_col_code": frame["region_code"],
        "cli_col_name": frame["region_name"],
        "cli_col_type": [t(f"type_{u}", lang) for u in frame["unit_type"]],
        "cli_col_units": frame["units_in_scope"],
        "cli_col_coverage": frame["coverage"].map(_pct),
        "cli_col_goal": frame["goal"].map(_pct),
        "cli_col_gap_points": frame["gap_points"].map(lambda v: "—" if pd.isna(v) else f"{v:+.1f}"),
        "cli_col_gap_units": frame["gap_units"],
        "cli_col_status": frame["status_label"],
        "cli_col_needed_per_year": frame["units_needed_per_year"],
    }
    table = pd.DataFrame({t(key, lang): values for key, values in columns.items()})
    return table.to_string(index=False, na_rep="—")


def cmd_unit(args: argparse.Namespace) -> int:
    an = _analytics(args)
    unit = an.unit_row(args.code)
    if unit is None:
        raise CliError(bilingual("cli_unknown_unit", code=args.code))
    card = an.scorecard(args.code, args.year)
    certs = an.dataset.certifications
    history = certs[certs["unit_code"] == args.code].sort_values("round_year")
    if args.fmt == "json":
        payload = {
            "unit_code": args.code,
            "name": unit["name"],
            "unit_type": unit["unit_type"],
            "county": an.region_name(unit["county_code"], args.lang),
            "city": an.region_name(unit["city_code"], args.lang),
            "year": args.year,
            "meets_standard": _json_value(card["meets_standard"]),
            "indicators": [{k: _json_value(v) for k, v in r.items()} for r in card["indicators"].to_dict("records")],
            "certification": [{k: _json_value(v) for k, v in r.items()} for r in history.to_dict("records")],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        return 0
    print(_scorecard_text(an, unit, card, history, args.lang))
    return 0


def _scorecard_text(an: Analytics, unit: pd.Series, card: dict, history: pd.DataFrame, lang: str) -> str:
    zh = lang == "zh"
    type_label = t(f"type_{unit['unit_type']}", lang) if isinstance(unit["unit_type"], str) else "—"
    place = f"{an.region_name(unit['city_code'], lang)} · {an.region_name(unit['county_code'], lang)}"
    lines = [f"{unit['name']} ({unit['unit_code']}) · {type_label} · {place} · {card['year']}"]
    meets = card["meets_standard"]
    verdict = {True: "cli_verdict_meets", False: "cli_verdict_below"}.get(
        None if meets is pd.NA else bool(meets), "cli_verdict_no_data"
    )
    lines.append(t("cli_overall", lang, verdict=t(verdict, lang)))
    for r in card["indicators"].to_dict("records"):
        name = r["name_zh"] if zh else r["name_en"]
        value = "—" if pd.isna(r["value"]) else (f"{r['value'] * 100:.1f}%" if r["format"] == "percent" else
                                                  f"{r['value']:.2f}")  # fmt: skip
        has_threshold = r["threshold"] is not None and not pd.isna(r["threshold"])
        threshold = f" / ≥{r['threshold'] * 100:.1f}%" if has_threshold else ""
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
    import logging

    from chuangye.web import app as webapp

    # start-up steps (sample import, warm-up) say what they are doing
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    dash_app = webapp.create_app(data_dir=args.data_dir, config_path=args.config)
    if args.debug:
        dash_app.run(host=args.host, port=args.port, debug=True)
        return 0
    from waitress import serve

    print(f"http://{args.host}:{args.port}/")
    serve(dash_app.server, host=args.host, port=args.port, threads=8)
    return 0

"""The Data page's callbacks through the real callback endpoint, as the renderer calls them: a province or city
user, or nobody signed in, gets a 403 (zh + en) from every one of them and nothing is read or written; an admin
uploads a workbook with a bad cell and gets the error row naming file, row and column, and the marked copy;
uploads a good one, sees what changes, imports it (a new active version made by ``web:<admin>``), and rolls
back; each step is in the audit trail."""

from __future__ import annotations

import base64
import csv
import io
import json
import zipfile

import geopandas as gpd
import pytest
import shapely
from openpyxl import Workbook, load_workbook

from chuangye.exports.problem_report import FILLS
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.numbers import percent_text
from chuangye.web.access import Principal, set_principal
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.errors import MAX_REQUEST_BYTES
from chuangye.web.pages.data import ids
from tests.dash_requests import UPDATE, payload, server_callbacks
from tests.store_faults import active_version, copy_as_older, damage

URL = {"url.search": "?lang=zh", "url.pathname": "/data"}
ADMIN = Principal("root", "admin")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def quota_rows() -> list[list[object]]:
    with (SAMPLE_DIR / "quotas.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    return [[code, int(year), kind, int(target), int(quota)] for code, year, kind, target, quota in rows]


def quotas_xlsx(change: dict[str, object]) -> bytes:
    """The sample's quotas as a filled workbook (Chinese headers), with ``change`` (cell -> value) made."""
    wb = Workbook()
    ws = wb.active
    ws.title = "quotas"
    ws.append(["设区市代码", "年度", "单位类型", "目标任务数", "申报评估数"])
    for row in quota_rows():
        ws.append(row)
    for ref, value in change.items():
        ws[ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def data_url(content: bytes, kind: str = XLSX_TYPE) -> str:
    return f"data:{kind};base64,{base64.b64encode(content).decode()}"


def signing_in(app, signed_in: dict[str, Principal | None]):
    """``app`` whose requests are made by ``signed_in["as"]`` (test-only: the login layer's job in production)."""

    def sign_in_as_the_user_under_test() -> None:
        if signed_in["as"] is not None:
            set_principal(signed_in["as"])

    # where the sign-in layer runs: before the request checks of web/errors.py read the body
    hooks = app.server.before_request_funcs[None]
    checks = next(i for i, f in enumerate(hooks) if f.__name__ == "check_request")
    hooks.insert(checks, sign_in_as_the_user_under_test)
    app.signed_in = signed_in
    return app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return signing_in(create_app(tmp_path_factory.mktemp("data-page"), warm=False), {"as": None})


@pytest.fixture
def signed_in(app):
    def sign_in(principal: Principal | None) -> None:
        app.signed_in["as"] = principal

    yield sign_in
    app.signed_in["as"] = None


def services(app):
    return app.server.extensions[EXTENSION]["services"]


def callback(app, name: str) -> str:
    (found,) = [cid for cid, label in server_callbacks(app).items() if label.split(":")[0] == name]
    return found


def post(app, name: str, values: dict, changed: list[str]):
    body = payload(app, callback(app, name), {**URL, **values}, changed)
    return app.server.test_client().post(UPDATE, json=body)


def answer(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"]


def upload(app, files: dict[str, bytes]) -> dict:
    values = {f"{ids.UPLOAD}.contents": [data_url(c) for c in files.values()], f"{ids.UPLOAD}.filename": list(files)}
    return answer(post(app, "receive_upload", values, [f"{ids.UPLOAD}.contents"]))


def preview(app, session: dict, consent: list[str] | None = None, lang: str = "zh") -> dict:
    values = {f"{ids.SESSION}.data": session, f"{ids.CONSENT}.value": consent or [], "url.search": f"?lang={lang}"}
    return answer(post(app, "show_preview", values, [f"{ids.SESSION}.data"]))


DATA_CALLBACKS = {
    "receive_upload": ({f"{ids.UPLOAD}.contents": [data_url(b"x")], f"{ids.UPLOAD}.filename": ["a.csv"]},
                       f"{ids.UPLOAD}.contents"),
    "show_preview": ({f"{ids.SESSION}.data": {"token": "t"}}, f"{ids.SESSION}.data"),
    "download_report": ({f"{ids.REPORT_DOWNLOAD}.n_clicks": 1}, f"{ids.REPORT_DOWNLOAD}.n_clicks"),
    "filter_problems": ({f"{ids.FILTER}.value": "x"}, f"{ids.FILTER}.value"),
    "choose_template": ({f"{ids.TEMPLATE_TABLE}.value": "quotas"}, f"{ids.TEMPLATE_TABLE}.value"),
    "run_import": ({f"{ids.IMPORT}.n_clicks": 1}, f"{ids.IMPORT}.n_clicks"),
    "list_versions": ({f"{ids.VERSIONS_REV}.data": 0}, "url.search"),
    "choose_version": ({f"{ids.VERSION_GRID}.selectedRows": [{"id": "v"}]}, f"{ids.VERSION_GRID}.selectedRows"),
    "rollback": ({f"{ids.ROLLBACK_CONFIRM}.n_clicks": 1, f"{ids.VERSION_GRID}.selectedRows": [{"id": "v"}]},
                 f"{ids.ROLLBACK_CONFIRM}.n_clicks"),
}  # fmt: skip


def test_every_callback_of_the_page_is_listed_here(app):
    names = {label.split(":")[0] for cid, label in server_callbacks(app).items() if "dp-" in cid}
    assert names == set(DATA_CALLBACKS)


@pytest.mark.parametrize(
    "principal",
    [Principal("nj", "city", "320100"), Principal("sheng", "province"), None],
    ids=["city", "province", "nobody (--no-auth)"],
)
def test_anyone_but_an_admin_gets_a_403_from_every_callback(app, signed_in, principal):
    signed_in(principal)
    store = services(app).store
    before = (store.active_version_id(), [v.id for v in store.versions()])
    for name, (values, trigger) in DATA_CALLBACKS.items():
        response = post(app, name, values, [trigger])
        assert response.status_code == 403, name
        message = response.get_json()["error"]["message"]
        assert "数据管理只对省厅管理员开放" in message and "administrators only" in message
    assert (store.active_version_id(), [v.id for v in store.versions()]) == before


def test_an_admin_sees_the_bad_cell_named_and_downloads_the_marked_copy(app, signed_in):
    signed_in(ADMIN)
    session = upload(app, {"任务数.xlsx": quotas_xlsx({"D5": "abc"})})[ids.SESSION]["data"]
    assert session["files"] == ["任务数.xlsx"]
    shown = preview(app, session)
    (error,) = shown[ids.ERROR_GRID]["rowData"]
    assert (error["file"], error["row"], error["column"]) == ("任务数.xlsx[quotas]", 5, "target_count（目标任务数）")
    assert (error["value"], error["message"]) == ("abc", "不是整数")
    assert shown[ids.IMPORT]["disabled"] is True
    assert "1 个错误" in shown[ids.REPORT_SUMMARY]["children"]
    marked = [o["value"] for o in shown[ids.REPORT_CHOICE]["options"] if o["value"].startswith("marked:")]
    assert marked == ["marked:任务数.xlsx"]

    values = {f"{ids.REPORT_DOWNLOAD}.n_clicks": 1, f"{ids.SESSION}.data": session,
              f"{ids.REPORT_CHOICE}.value": marked[0], f"{ids.CONSENT}.value": []}  # fmt: skip
    file = answer(post(app, "download_report", values, [f"{ids.REPORT_DOWNLOAD}.n_clicks"]))[ids.REPORT_FILE]["data"]
    assert file["filename"] == "任务数-已标注问题.xlsx"
    wb = load_workbook(io.BytesIO(base64.b64decode(file["content"])))
    assert wb["quotas"]["D5"].fill.fgColor.rgb == FILLS["error"].fgColor.rgb
    assert "不是整数" in wb["quotas"]["D5"].comment.text

    trail = services(app).audit.trail()
    (checked,) = trail.search(user="root", action="import")
    assert checked.outcome == "failed" and checked.detail["dry_run"] and checked.detail["errors"] == 1
    assert trail.search(user="root", action="export")[0].object == "problem_report"


def test_an_admin_imports_a_good_file_and_rolls_back(app, signed_in):
    signed_in(ADMIN)
    store = services(app).store
    before = store.active_version_id()
    target = quota_rows()[0][3]
    session = upload(app, {"任务数.xlsx": quotas_xlsx({"D2": target + 5})})[ids.SESSION]["data"]
    shown = preview(app, session)
    assert shown[ids.ERROR_GRID]["rowData"] == [] and shown[ids.IMPORT]["disabled"] is False
    quotas = next(r for r in shown[ids.CHANGE_GRID]["rowData"] if r["id"] == "quotas")
    assert (quotas["added"], quotas["changed"], quotas["removed"]) == (0, 1, 0)
    assert before in shown[ids.CHANGES_AGAINST]["children"]

    values = {f"{ids.IMPORT}.n_clicks": 1, f"{ids.SESSION}.data": session, f"{ids.CONSENT}.value": [],
              f"{ids.VERSIONS_REV}.data": 0, f"{ids.NOTE}.value": "  徐州市目标任务更正  "}  # fmt: skip
    done = answer(post(app, "run_import", values, [f"{ids.IMPORT}.n_clicks"]))
    version = store.active_version_id()
    info = next(v for v in store.versions() if v.id == version)  # by and note kept in the version's manifest
    assert (info.by, info.note) == ("web:root", "徐州市目标任务更正") and done[ids.NOTE]["value"] == ""
    assert version != before and version in str(done[ids.RESULT]["children"])
    assert done[ids.SESSION]["data"] is None and done[ids.VERSIONS_REV]["data"] == 1
    assert int(store.active().quotas.loc[0, "target_count"]) == target + 5

    rows = answer(post(app, "list_versions", {f"{ids.VERSIONS_REV}.data": 1}, ["url.search"]))
    newest = rows[ids.VERSION_GRID]["rowData"][0]
    assert newest["id"] == version and newest["active"] and "当前版本" in newest["status"]
    assert (newest["by"], newest["note"]) == ("web:root", "徐州市目标任务更正") and "任务数.xlsx[quotas]" in newest[
        "files"
    ]
    assert "目标任务" in newest["changes"] and "~1" in newest["changes"] and "行" in newest["rows"]
    assert f"/overview?version={version}" in newest["view"]

    chosen = [{"id": before}]
    values = {f"{ids.ROLLBACK}.n_clicks": 1, f"{ids.VERSION_GRID}.selectedRows": chosen}
    asked = answer(post(app, "rollback", values, [f"{ids.ROLLBACK}.n_clicks"]))
    assert asked[ids.ROLLBACK_MODAL]["is_open"] is True
    assert before in asked[ids.ROLLBACK_QUESTION]["children"] and version in asked[ids.ROLLBACK_QUESTION]["children"]
    assert store.active_version_id() == version  # asking changes nothing
    values = {f"{ids.ROLLBACK_CONFIRM}.n_clicks": 1, f"{ids.VERSION_GRID}.selectedRows": chosen,
              f"{ids.VERSIONS_REV}.data": 1}  # fmt: skip
    answer(post(app, "rollback", values, [f"{ids.ROLLBACK_CONFIRM}.n_clicks"]))
    assert store.active_version_id() == before

    trail = services(app).audit.trail()
    imported = [r for r in trail.search(user="root", action="import") if r.object == version]
    assert (
        imported and imported[0].detail["by"] == "web:root" and imported[0].detail["changes"]["quotas"]["changed"] == 1
    )
    (rolled,) = trail.search(user="root", action="rollback")
    assert (rolled.object, rolled.detail["from"]) == (before, version)


def test_an_import_checked_against_another_version_is_checked_again_first(app, signed_in):
    signed_in(ADMIN)
    store = services(app).store
    session = upload(app, {"任务数.xlsx": quotas_xlsx({"E3": 999})})[ids.SESSION]["data"]
    checked = store.active_version_id()
    store.import_paths([SAMPLE_DIR / "quotas.csv"])  # meanwhile, someone else imports
    values = {f"{ids.IMPORT}.n_clicks": 1, f"{ids.SESSION}.data": session, f"{ids.CONSENT}.value": [],
              f"{ids.VERSIONS_REV}.data": 0}  # fmt: skip
    stale = answer(post(app, "run_import", values, [f"{ids.IMPORT}.n_clicks"]))
    assert checked in str(stale[ids.RESULT]["children"]) and store.active_version_id() in str(stale[ids.RESULT])
    assert stale[ids.SESSION]["data"]["token"] == session["token"]  # the preview is drawn again, nothing imported
    assert store.active_version_id() != checked


def test_a_token_is_its_admin_s_own(app, signed_in):
    signed_in(ADMIN)
    session = upload(app, {"任务数.xlsx": quotas_xlsx({})})[ids.SESSION]["data"]
    signed_in(Principal("other-admin", "admin"))
    shown = preview(app, session)
    assert shown[ids.SESSION]["data"] is None  # not found for another admin: the page starts again
    assert "请重新上传" in str(shown[ids.RESULT]["children"])


def test_a_refused_upload_says_why_and_keeps_nothing(app, signed_in):
    signed_in(ADMIN)
    values = {f"{ids.UPLOAD}.contents": ["data:text/csv;base64,@@not base64@@"], f"{ids.UPLOAD}.filename": ["a.csv"]}
    refused = answer(post(app, "receive_upload", values, [f"{ids.UPLOAD}.contents"]))
    assert ids.SESSION not in refused
    assert "a.csv" in str(refused[ids.RESULT]["children"]) and "无法解码" in str(refused[ids.RESULT]["children"])


def test_an_admin_s_upload_may_be_larger_than_other_requests(app, signed_in):
    big = {"报告.pdf": b"%PDF" + b"0" * (MAX_REQUEST_BYTES + 1024)}  # over the app's cap once in base64
    values = {f"{ids.UPLOAD}.contents": [data_url(c, "application/pdf") for c in big.values()],
              f"{ids.UPLOAD}.filename": list(big)}  # fmt: skip
    signed_in(Principal("sheng", "province"))
    refused = post(app, "receive_upload", values, [f"{ids.UPLOAD}.contents"])
    assert refused.status_code == 413 and refused.is_json
    signed_in(ADMIN)
    session = answer(post(app, "receive_upload", values, [f"{ids.UPLOAD}.contents"]))[ids.SESSION]["data"]
    assert session["files"] == ["报告.pdf"]
    (problem,) = preview(app, session)[ids.ERROR_GRID]["rowData"]
    assert problem["file"] == "报告.pdf" and problem["check"] == "文件格式不支持"


def hostile_files(tmp_path) -> dict[str, bytes]:
    """A zip bomb named .xlsx, a truncated GeoPackage, a zipped Shapefile whose members climb out with ../."""
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))  # 8 MiB of zeros: ratio ~1000
    shapes = gpd.GeoDataFrame(
        {"code": ["320102002"]}, geometry=[shapely.box(118.80, 32.07, 118.82, 32.09)], crs="EPSG:4326"
    )
    shapes.to_file(tmp_path / "whole.gpkg")
    shapes.to_file(tmp_path / "t.shp")
    climbing = io.BytesIO()
    with zipfile.ZipFile(climbing, "w") as archive:
        for part in tmp_path.glob("t.*"):
            archive.write(part, f"../../{part.name}")
    whole = (tmp_path / "whole.gpkg").read_bytes()
    return {"units.xlsx": bomb.getvalue(), "乡镇.gpkg": whole[: len(whole) // 3], "边界.zip": climbing.getvalue()}


@pytest.mark.parametrize("name", ["units.xlsx", "乡镇.gpkg", "边界.zip"])
def test_a_hostile_file_is_refused_with_the_reader_s_words_and_nothing_changes(app, signed_in, tmp_path, name):
    signed_in(ADMIN)
    store = services(app).store
    active, versions = store.active_version_id(), [v.id for v in store.versions()]
    session = upload(app, {name: hostile_files(tmp_path)[name]})[ids.SESSION]["data"]
    shown = preview(app, session)
    errors = shown[ids.ERROR_GRID]["rowData"]
    assert errors and all(row["file"].startswith(name) for row in errors)
    assert shown[ids.IMPORT]["disabled"] is True
    assert "Traceback" not in json.dumps(shown, ensure_ascii=False)
    english = preview(app, session, lang="en")["dp-error-grid"]["rowData"]  # the same upload, the English page
    assert [row["file"] for row in english] == [row["file"] for row in errors]
    assert all(en["message"] != zh["message"] for en, zh in zip(english, errors, strict=True))
    assert (store.active_version_id(), [v.id for v in store.versions()]) == (active, versions)


def test_an_upload_the_store_cannot_check_says_why(tmp_path, signed_in, app):
    """Over a damaged active version an import must bring every table: one table is refused with the store's
    words (zh / en), in the page, and the upload is forgotten."""
    damaged = signing_in(create_app(tmp_path / "data", warm=False), app.signed_in)
    store = services(damaged).store
    copy_as_older(store.data_dir, "20000101T000000-0000")
    damage(active_version(store.data_dir) / "quotas.parquet")
    signed_in(ADMIN)
    values = {f"{ids.UPLOAD}.contents": [data_url(quotas_xlsx({}))], f"{ids.UPLOAD}.filename": ["任务数.xlsx"]}
    body = payload(damaged, callback(damaged, "receive_upload"), {**URL, **values}, [f"{ids.UPLOAD}.contents"])
    refused = answer(damaged.server.test_client().post(UPDATE, json=body))
    assert refused[ids.SESSION]["data"] is None
    words = str(refused[ids.RESULT]["children"])
    assert "导入被拒绝，数据未改动" in words and "quotas.parquet" in words


def test_township_boundaries_are_read_reported_and_imported(app, signed_in, tmp_path):
    signed_in(ADMIN)
    store = services(app).store
    units = store.active().units
    townships = units.loc[units["unit_code"].str.len() == 9, "unit_code"].head(2).tolist()
    shapes = gpd.GeoDataFrame(
        {"code": townships},
        geometry=[shapely.box(118.80, 32.07, 118.82, 32.09), shapely.box(118.78, 32.07, 118.80, 32.09)],
        crs="EPSG:4326",
    )
    shapes.to_file(tmp_path / "乡镇.geojson", driver="GeoJSON")
    session = upload(app, {"乡镇.geojson": (tmp_path / "乡镇.geojson").read_bytes()})[ids.SESSION]["data"]
    shown = preview(app, session)
    assert "乡镇边界" in str(shown[ids.FILES]["children"])
    notes = str(shown[ids.BOUNDARY_NOTES]["children"])
    assert "文件“乡镇.geojson”：代码列“code”，2 个要素，2 个区域匹配成功" in notes
    assert shown[ids.ERROR_GRID]["rowData"] == [] and shown[ids.IMPORT]["disabled"] is False
    values = {f"{ids.IMPORT}.n_clicks": 1, f"{ids.SESSION}.data": session, f"{ids.CONSENT}.value": [],
              f"{ids.VERSIONS_REV}.data": 0}  # fmt: skip
    answer(post(app, "run_import", values, [f"{ids.IMPORT}.n_clicks"]))
    stored = store.active().boundaries["township"]
    assert sorted(stored["code"]) == sorted(townships)


def test_an_admin_s_upload_request_is_sized_from_the_core_s_upload_limits():
    """The request-size hook lets an admin's upload through as large as UploadLimits allows once base64-encoded
    (the page's own 64 MiB before it saved through chuangye.data.uploads)."""
    from chuangye.data.limits import UPLOAD_LIMITS
    from chuangye.web.pages.data.callbacks import UPLOAD_REQUEST_BYTES

    assert UPLOAD_LIMITS.max_total_bytes * 4 // 3 < UPLOAD_REQUEST_BYTES
    assert UPLOAD_REQUEST_BYTES - UPLOAD_LIMITS.max_total_bytes * 4 // 3 <= 1024 * 1024


def certified_more_csv(count: int, year: int = 2020) -> bytes:
    """The sample's certifications with ``count`` rejected community/village applications of ``year`` certified."""
    with (SAMPLE_DIR / "certifications.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    turned = 0
    for row in rows[1:]:
        if turned < count and row[1] == str(year) and row[2] == "rejected" and len(row[0]) == 12:
            row[2], turned = "certified", turned + 1
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def test_the_preview_shows_the_coverage_before_and_after_for_the_years_touched(app, signed_in):
    """Before: the preview's coverage said nothing (always None)."""
    signed_in(ADMIN)
    an = services(app).manager.current()
    session = upload(app, {"certifications.csv": certified_more_csv(50)})[ids.SESSION]["data"]
    shown = preview(app, session)
    rows = shown[ids.COVERAGE_GRID]["rowData"]
    touched = "、".join(str(y) for y in an.years if y >= 2017)  # the file brings every round: every year since
    assert shown[ids.COVERAGE_BOX]["className"] == "" and f"涉及的年度：{touched}）" in shown[ids.COVERAGE]["children"]
    province = next(r for r in rows if r["region"] == "江苏省" and r["type"] == "社区(村)")
    old = an.coverage(level="province", year=2020, unit_type="community_village").iloc[0]
    assert province["year"] == 2020 and province["before"] == percent_text(old["coverage"])
    assert province["change"].startswith("▲ 上升 +")
    assert province["certified"].startswith(f"{int(old['certified_cumulative']):,}/{int(old['units_in_scope']):,} → ")
    assert {r["year"] for r in rows} == {2020} and all(r["type"] == "社区(村)" for r in rows)
    assert rows[0] == province and any(r["region"].endswith("市") for r in rows[1:])  # then each city that changes
    english = preview(app, session, lang="en")[ids.COVERAGE_GRID]["rowData"][0]
    assert (english["region"], english["type"]) == (an.region_name("320000", "en"), "Communities/villages")
    assert english["change"].startswith("▲ up +")

    unchanged = upload(app, {"certifications.csv": certified_more_csv(0)})[ids.SESSION]["data"]
    nothing = preview(app, unchanged)
    assert nothing[ids.COVERAGE_GRID]["rowData"] == [] and "覆盖率没有变化" in nothing[ids.COVERAGE]["children"]
    assert nothing[ids.COVERAGE_BOX]["className"] == "d-none"


def test_the_template_link_is_the_audited_templates_api_for_the_choice(app, signed_in):
    signed_in(ADMIN)
    values = {f"{ids.TEMPLATE_TABLE}.value": "quotas", f"{ids.TEMPLATE_REGION}.value": "320300",
              f"{ids.TEMPLATE_YEAR}.value": "2020"}  # fmt: skip
    chosen = answer(post(app, "choose_template", values, [f"{ids.TEMPLATE_TABLE}.value"]))
    href = chosen[ids.TEMPLATE_LINK]["href"]
    assert href == "/api/v1/templates/quotas.xlsx?region=320300&year=2020&lang=zh"
    assert chosen[ids.TEMPLATE_HINT]["className"] == "d-none"
    workbook = app.server.test_client().get(href)
    assert workbook.status_code == 200 and workbook.data[:2] == b"PK"
    (record,) = services(app).audit.trail().search(user="root", action="template", limit=1)
    assert (record.object, record.region) == ("quotas", "320300")

    values = {f"{ids.TEMPLATE_TABLE}.value": "all", f"{ids.TEMPLATE_REGION}.value": "320000",
              f"{ids.TEMPLATE_YEAR}.value": "2020", "url.search": "?lang=en"}  # fmt: skip
    slow = answer(post(app, "choose_template", values, [f"{ids.TEMPLATE_REGION}.value"]))
    assert slow[ids.TEMPLATE_LINK]["href"] == "/api/v1/templates/all.xlsx?region=320000&year=2020&lang=en"
    assert "d-none" not in slow[ids.TEMPLATE_HINT]["className"]
    blank = {
        f"{ids.TEMPLATE_TABLE}.value": "units",
        f"{ids.TEMPLATE_REGION}.value": "",
        f"{ids.TEMPLATE_YEAR}.value": "2020",
    }
    assert answer(post(app, "choose_template", blank, [f"{ids.TEMPLATE_REGION}.value"]))[ids.TEMPLATE_LINK]["href"] == (
        "/api/v1/templates/units.xlsx?year=2020&lang=zh"
    )

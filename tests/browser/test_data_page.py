"""The 数据管理 / Data page in a real browser, signed in through the real form (issue 10): an admin uploads a
filled workbook with one bad cell and sees the error row naming the file, the Excel row and the column, and
downloads the workbook with that cell marked. Then the issue's "Done when" for the admin: downloads the
certifications template from the page (its link, with the browser's session), fills it with openpyxl, uploads it,
sees the report and the change preview with the province's coverage line before → after, imports it with a note,
sees the version (who, note, files, changes) and the overview's number change; rolls back (after a confirmation)
and the number is back. A city user has no tab for the page and gets the admins-only notice, which points to
数据报送. Every state is photographed in both languages and both sizes.

Sign-in is on for this module's own app (the other browser modules use the single local user).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import requests
from openpyxl import Workbook, load_workbook
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from chuangye.config.loader import load_config
from chuangye.data.db import Accounts, Actor, Database
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.exports.problem_report import FILLS
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.numbers import percent_text
from tests.browser.conftest import SHOTS, SIZES, free_port, wait_for
from tests.browser.signin import shown_text, submit

PASSWORD = "Dp9-start-pass"
CHANGED = "Dp9-changed-pass"
CLI = Actor("cli:tests", "admin")
CHANGED_BY: set[str] = set()  # the accounts whose first password this module has changed
TYPE = "community_village"
CERTIFIED_MORE = 300  # rejected 2020 community/village applications turned certified in the good file


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("data-downloads")


def _certified_more() -> list[list[str]]:
    """The sample's certifications (header first) with CERTIFIED_MORE rejected 2020 community/village
    applications certified."""
    with (SAMPLE_DIR / "certifications.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    turned = 0
    for row in rows[1:]:
        if turned < CERTIFIED_MORE and row[1] == "2020" and row[2] == "rejected" and len(row[0]) == 12:
            row[2], turned = "certified", turned + 1
    return rows


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """A quotas workbook with one bad cell (D5)."""
    folder = tmp_path_factory.mktemp("data-files")
    with (SAMPLE_DIR / "quotas.csv").open(encoding="utf-8") as fh:
        quotas = list(csv.reader(fh))[1:]
    wb = Workbook()
    ws = wb.active
    ws.title = "quotas"
    ws.append(["设区市代码", "年度", "单位类型", "目标任务数", "申报评估数"])
    for code, year, kind, target, quota in quotas:
        ws.append([code, int(year), kind, int(target), int(quota)])
    ws["D5"] = "abc"
    wb.save(folder / "任务数.xlsx")
    return {"bad": folder / "任务数.xlsx"}


@pytest.fixture(scope="module")
def site(data_dir):
    from dash.testing.application_runners import ThreadedRunner

    from chuangye.web.app import create_app

    accounts = Accounts(Database.open(data_dir))
    accounts.add_user("data-admin", "admin", password=PASSWORD, by=CLI)
    accounts.add_user("nanjing-reader", "city", region="320100", password=PASSWORD, by=CLI)
    app = create_app(data_dir, auth=True)
    with ThreadedRunner() as server:
        server.start(app, port=free_port(), start_timeout=30)
        yield server.url.rstrip("/")


@pytest.fixture(scope="module")
def browser(downloads):
    from tests.conftest import pytest_setup_options

    driver = webdriver.Chrome(options=pytest_setup_options())
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


def _sign_in(driver, site: str, username: str, next_path: str) -> None:
    """Sign in (changing the first password when asked) and arrive at ``next_path``."""
    driver.delete_all_cookies()
    driver.get(f"{site}/login?next={next_path}&lang=zh")
    submit(driver, username=username, password=CHANGED if username in CHANGED_BY else PASSWORD)
    if "/password" in driver.current_url:
        submit(driver, old_password=PASSWORD, new_password=CHANGED, new_again=CHANGED)
        CHANGED_BY.add(username)
    wait_for(lambda: next_path.split("?")[0] in driver.current_url and shown_text(driver, "#account-menu"), 30)


def _open(driver, site: str, path: str, ready: str) -> None:
    driver.get(f"{site}{path}")
    wait_for(lambda: shown_text(driver, ready), 60, f"{ready} never showed on {path}")


def _upload(driver, path: Path) -> None:
    """Choose one file in the page's file picker (a fresh choice: the input keeps no earlier file)."""
    picker = driver.find_element(By.CSS_SELECTOR, "#dp-upload input[type=file]")
    driver.execute_script("arguments[0].value = ''", picker)
    picker.send_keys(str(path))


def _rows(driver, grid: str) -> list[str]:
    """The grid's visible rows' text in the order shown (the DOM keeps rows in the order they came), read in one
    go (the grid replaces its rows while it redraws)."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0] + ' .ag-center-cols-container .ag-row')]"
        ".sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))"
        ".map(row => row.innerText.replace(/\\s+/g, ' '));",
        f"#{grid}",
    )


def _click(driver, selector: str) -> None:
    element = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def _snap(driver, name: str) -> None:
    """The whole page at both sizes, as a person would scroll through it."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        driver.set_window_size(width, height)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(height, min(full + 120, 6000)))
        driver.save_screenshot(str(SHOTS / f"{name}-{width}.png"))
    driver.set_window_size(*SIZES[0])


def _fresh_file(folder: Path, before: set[str], suffix: str) -> Path:
    def done() -> Path | None:
        for path in folder.glob(f"*{suffix}"):
            if path.name not in before and not path.with_name(path.name + ".crdownload").exists():
                return path if path.stat().st_size else None
        return None

    return wait_for(done, 60, f"no {suffix} download")


def _overview_coverage(driver, site: str) -> str:
    _open(driver, site, "/overview?lang=zh&year=2020", f"#ov-card-body-{TYPE}")
    return wait_for(
        lambda: "%" in shown_text(driver, f"#ov-card-body-{TYPE}") and shown_text(driver, f"#ov-card-body-{TYPE}"), 60
    )


def _expected(data_dir: Path) -> str:
    """The province's community/village coverage of 2020 in the active version, from the engine."""
    an = Analytics(Store(data_dir).active(), load_config())
    row = an.coverage(level="province", year=2020, unit_type=TYPE)
    return percent_text(row["coverage"].iloc[0])


def test_a_bad_cell_is_named_and_marked_in_the_downloaded_copy(site, browser, files, downloads):
    browser.set_window_size(*SIZES[0])
    _sign_in(browser, site, "data-admin", "/data?lang=zh")
    _open(browser, site, "/data?lang=zh", "#dp-title")
    assert "数据管理" in shown_text(browser, ".navbar")  # the tab is an admin's
    browser.execute_script("sessionStorage.clear()")
    _open(browser, site, "/data?lang=zh", "#dp-version-grid .ag-row")
    _snap(browser, "data-empty-zh")
    _open(browser, site, "/data?lang=en", "#dp-version-grid .ag-row")
    assert "Download the template" in shown_text(browser, "#dp-template-link")
    _snap(browser, "data-empty-en")
    _open(browser, site, "/data?lang=zh", "#dp-version-grid .ag-row")

    _upload(browser, files["bad"])
    wait_for(lambda: _rows(browser, "dp-error-grid"), 60, "no error row")
    (error,) = _rows(browser, "dp-error-grid")
    for shown in ("任务数.xlsx[quotas]", " 5 ", "target_count（目标任务数）", "abc", "不是整数"):
        assert shown in f" {error} ", (shown, error)
    assert "1 个错误" in shown_text(browser, "#dp-report-summary")
    assert not browser.find_element(By.ID, "dp-import").is_enabled()
    assert "还有错误" in shown_text(browser, "#dp-import-hint")
    _snap(browser, "data-bad-zh")

    choice = browser.find_element(By.ID, "dp-report-choice")
    choice.find_element(By.CSS_SELECTOR, "option[value='marked:任务数.xlsx']").click()
    before = {p.name for p in downloads.iterdir()}
    _click(browser, "#dp-report-download")
    marked = load_workbook(_fresh_file(downloads, before, ".xlsx"))
    assert marked.sheetnames[0] == "问题清单"
    assert marked["quotas"]["D5"].fill.fgColor.rgb == FILLS["error"].fgColor.rgb
    assert "不是整数" in marked["quotas"]["D5"].comment.text

    browser.get(f"{site}/data?lang=en")  # the upload is kept across the switch of language
    wait_for(lambda: "1 error" in " ".join(_rows(browser, "dp-error-grid")) or _rows(browser, "dp-error-grid"), 60)
    assert "Not a whole number" in " ".join(_rows(browser, "dp-error-grid"))
    assert "Errors: 1" in shown_text(browser, "#dp-report-summary")
    _snap(browser, "data-bad-en")


def _download_template(driver, folder: Path) -> Path:
    """Choose the certifications template (blank, 2020) on the page and fetch its link with the browser's own
    session cookie, as a click would."""
    Select(driver.find_element(By.ID, "dp-template-table")).select_by_value("certifications")
    Select(driver.find_element(By.ID, "dp-template-year")).select_by_value("2020")
    link = driver.find_element(By.ID, "dp-template-link")
    wait_for(lambda: "certifications.xlsx" in (link.get_attribute("href") or ""), 30, "the link never followed")
    href = link.get_attribute("href")
    assert href.endswith("/api/v1/templates/certifications.xlsx?year=2020&lang=zh"), href
    assert link.text.strip() == "下载模板"
    with requests.Session() as session:
        for cookie in driver.get_cookies():
            session.cookies.set(cookie["name"], cookie["value"])
        answer = session.get(href, timeout=60)
    assert answer.status_code == 200 and answer.content[:2] == b"PK", answer.text[:300]
    path = folder / "认定进程-填报.xlsx"
    path.write_bytes(answer.content)
    return path


def _fill(template: Path, rows: list[list[str]]) -> Path:
    """The template filled with openpyxl: every certification (a header row of codes, then the records), each
    value under its column's code (row 2), dates as dates; saved as it is, then uploaded."""
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    codes = [cell.value for cell in ws[2]]
    header, records = rows[0], rows[1:]
    for number, record in enumerate(records, start=3):
        values = dict(zip(header, record, strict=True))
        for column, code in enumerate(codes, start=1):
            value = values.get(code)
            if not value:
                continue
            if code.endswith("_date"):
                value = dt.date.fromisoformat(value)
            elif code == "round_year":
                value = int(value)
            ws.cell(row=number, column=column, value=value)
    wb.save(template)
    return template


def _coverage_row(driver, region: str, kind: str, year: int) -> str:
    """The coverage grid's visible row of a region, unit type and year (the grid may keep a row's cells in
    another order than shown)."""
    return next(
        (r for r in _rows(driver, "dp-coverage-grid") if r.startswith(f"{region} {kind} ") and f" {year}" in r), ""
    )


def test_an_admin_fills_a_downloaded_template_imports_it_and_rolls_back(site, browser, files, data_dir, downloads):
    """The issue's "Done when", the admin's part: the template from the page, filled with openpyxl, uploaded; the
    report and the change preview (the coverage line); the import; the overview's number; the rollback."""
    browser.set_window_size(*SIZES[0])
    _sign_in(browser, site, "data-admin", "/overview?lang=zh")
    before = _overview_coverage(browser, site)
    expected_before = _expected(data_dir)
    assert expected_before in before
    first = Store(data_dir).active_version_id()

    _open(browser, site, "/data?lang=zh", "#dp-template-link")
    filled = _fill(_download_template(browser, downloads), _certified_more())
    _upload(browser, filled)
    wait_for(lambda: browser.find_element(By.ID, "dp-import").is_enabled(), 120, "the import never became possible")
    assert "没有发现问题" in shown_text(browser, "#dp-report-summary") or "警告" in shown_text(
        browser, "#dp-report-summary"
    )
    certifications = next(r for r in _rows(browser, "dp-change-grid") if "certifications" in r)
    assert "认定进程（certifications）" in certifications and filled.name in certifications
    assert f" {CERTIFIED_MORE} " in f" {certifications} "  # changed rows
    assert first in shown_text(browser, "#dp-changes-against")

    preview = Store(data_dir).preview_import([filled]).dataset
    after_row = Analytics(preview, load_config()).coverage(level="province", year=2020, unit_type=TYPE)
    expected_after = percent_text(after_row["coverage"].iloc[0])
    line = wait_for(
        lambda: _coverage_row(browser, "江苏省", "社区(村)", 2020),
        60,
        lambda: f"no coverage line: {_rows(browser, 'dp-coverage-grid')} {shown_text(browser, '#dp-coverage')}",
    )
    assert f"{expected_before} {expected_after} ▲ 上升 +" in line, line  # before → after, the direction marked
    assert "2020" in shown_text(browser, "#dp-coverage")
    _snap(browser, "data-good-zh")
    browser.get(f"{site}/data?lang=en")  # the same upload, the English page
    line_en = wait_for(
        lambda: _coverage_row(browser, "Jiangsu Province", "Communities/villages", 2020),
        60,
        lambda: f"no English line: {_rows(browser, 'dp-coverage-grid')[:2]}",
    )
    assert f"{expected_before} {expected_after} ▲ up +" in line_en, line_en
    assert "years touched" in shown_text(browser, "#dp-coverage")
    _snap(browser, "data-good-en")

    _open(browser, site, "/data?lang=zh", "#dp-import")
    wait_for(lambda: browser.find_element(By.ID, "dp-import").is_enabled(), 120, "the import never came back")
    browser.find_element(By.ID, "dp-note").send_keys("2020 年认定名单补录")
    _click(browser, "#dp-import")
    wait_for(lambda: "已导入" in shown_text(browser, "#dp-result"), 120, "no word of the import")
    second = Store(data_dir).active_version_id()
    assert second != first and second in shown_text(browser, "#dp-result")
    wait_for(lambda: _rows(browser, "dp-version-grid") and second in _rows(browser, "dp-version-grid")[0], 30)
    newest = _rows(browser, "dp-version-grid")[0]
    assert "当前版本" in newest and "web:data-admin" in newest and "2020 年认定名单补录" in newest
    assert filled.name in newest and "认定进程：+0 / ~" in newest  # source file, change summary
    _snap(browser, "data-imported-zh")
    browser.get(f"{site}/data?lang=en")
    wait_for(lambda: _rows(browser, "dp-version-grid") and "active" in _rows(browser, "dp-version-grid")[0], 60)
    _snap(browser, "data-imported-en")

    after = _overview_coverage(browser, site)
    assert _expected(data_dir) == expected_after != expected_before
    assert expected_after in after and expected_before not in after

    _open(browser, site, "/data?lang=zh", "#dp-version-grid .ag-row")
    row = next(e for e in browser.find_elements(By.CSS_SELECTOR, "#dp-version-grid .ag-center-cols-container .ag-row")
               if first in e.text)  # fmt: skip
    cell = row.find_element(By.CSS_SELECTOR, "[col-id='created']")  # scrolled to: a taller header moves it down
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", cell)
    cell.click()
    wait_for(lambda: browser.find_element(By.ID, "dp-rollback").is_enabled(), 30, "the rollback stayed off")
    _click(browser, "#dp-rollback")
    question = wait_for(lambda: shown_text(browser, "#dp-rollback-question"), 30)
    assert first in question and second in question
    _snap(browser, "data-rollback-zh")
    _click(browser, "#dp-rollback-confirm")
    wait_for(lambda: "已回滚" in shown_text(browser, "#dp-result"), 60, "no word of the rollback")
    assert Store(data_dir).active_version_id() == first
    wait_for(lambda: "当前版本" in next(r for r in _rows(browser, "dp-version-grid") if first in r), 30)
    assert not browser.find_element(By.ID, "dp-rollback").is_enabled()  # the chosen version is the active one now
    assert expected_before in _overview_coverage(browser, site)


def test_a_city_user_has_no_tab_and_gets_the_admins_only_notice(site, browser):
    _sign_in(browser, site, "nanjing-reader", "/overview?lang=zh")
    assert "数据管理" not in shown_text(browser, ".navbar")
    for lang, words in (("zh", "管理员"), ("en", "administrators")):
        for width, height in SIZES:
            browser.set_window_size(width, height)
            browser.get(f"{site}/data?lang={lang}")
            notice = wait_for(lambda: shown_text(browser, "#dp-admin-only"), 30)
            assert words in notice and "数据报送" in notice
            link = browser.find_element(By.ID, "dp-submissions-link")
            assert link.is_displayed() and link.get_attribute("href").endswith(f"/submissions?lang={lang}")
            assert not browser.find_elements(By.ID, "dp-upload")
            browser.save_screenshot(str(SHOTS / f"data-city-notice-{lang}-{width}.png"))

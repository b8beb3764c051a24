"""``chuangye users …`` and ``chuangye audit`` run as an administrator runs them: real subprocesses, a real data
directory (the bundled sample, for region checks) and a real database (SQLite; PostgreSQL once)."""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chuangye.cli.exit_codes import EXIT_DATABASE, EXIT_EMPTY, EXIT_OK, EXIT_USAGE
from chuangye.data.db import Accounts, AuditTrail, Database

CHUANGYE = Path(sys.executable).with_name("chuangye")
PASSWORD = "Kaifa-2016!x"
CHEAP_ARGON2 = {
    "CHUANGYE_ARGON2_TIME_COST": "1",
    "CHUANGYE_ARGON2_MEMORY_KIB": "8192",
    "CHUANGYE_ARGON2_PARALLELISM": "1",
}
CLI_USER = f"cli:{getpass.getuser()}"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A data directory holding the bundled sample (the regions users are checked against)."""
    path = tmp_path_factory.mktemp("store")
    assert subprocess.run([str(CHUANGYE), "versions", "--data-dir", str(path)], capture_output=True).returncode == 0
    return path


@pytest.fixture
def data_dir(store, tmp_path) -> Path:
    """A fresh data directory with the sample's dataset and no database yet."""
    path = tmp_path / "data"
    shutil.copytree(store, path, ignore=shutil.ignore_patterns("chuangye.db*"))
    return path


def chuangye(*args: str, data_dir: Path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("CHUANGYE_DATABASE_URL", "CHUANGYE_LANG")}
    environ.update(CHEAP_ARGON2, CHUANGYE_DATA_DIR=str(data_dir), **env)
    return subprocess.run([str(CHUANGYE), *args], input=stdin, capture_output=True, text=True, env=environ, timeout=120)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == EXIT_OK, result.stderr
    return result


def users(data_dir: Path, **env: str) -> dict[str, dict]:
    return {
        u["username"]: u
        for u in json.loads(ok(chuangye("users", "list", "--format", "json", data_dir=data_dir, **env)).stdout)
    }


def test_add_list_disable_enable_reset_and_token(data_dir):
    added = ok(
        chuangye(
            "users",
            "add",
            "nanjing",
            "--role",
            "city",
            "--region",
            "320100",
            "--password",
            PASSWORD,
            "--name",
            "南京市人社局",
            data_dir=data_dir,
        )
    )
    assert "已添加用户 nanjing（市局，320100 南京市）" in added.stdout and "Added user nanjing" in added.stdout
    ok(chuangye("users", "add", "sheng", "--role", "省厅", "--password", PASSWORD, data_dir=data_dir))
    listed = users(data_dir)
    assert listed["nanjing"]["role"] == "city" and listed["nanjing"]["region"] == "320100"
    assert listed["nanjing"]["display_name"] == "南京市人社局" and listed["nanjing"]["must_change_password"] is True
    assert listed["sheng"]["role"] == "province" and listed["sheng"]["region"] is None
    table = ok(chuangye("users", "list", data_dir=data_dir)).stdout
    assert "用户名" in table and "南京市人社局" in table and "市局" in table and "启用" in table

    assert "已停用用户 nanjing" in ok(chuangye("users", "disable", "nanjing", data_dir=data_dir)).stdout
    assert users(data_dir)["nanjing"]["state"] == "disabled"
    assert "停用" in ok(chuangye("users", "list", data_dir=data_dir)).stdout
    ok(chuangye("users", "enable", "nanjing", data_dir=data_dir))
    assert users(data_dir)["nanjing"]["state"] == "enabled"

    reset = ok(chuangye("users", "reset-password", "nanjing", "--password", "Reset-pass-77", data_dir=data_dir))
    assert "已重置 nanjing 的密码" in reset.stdout
    token = ok(chuangye("users", "token", "nanjing", data_dir=data_dir))
    assert token.stdout.count("\n") == 1 and token.stdout.startswith("cy_")  # the token alone on stdout
    assert "只显示这一次" in token.stderr and "shown this once" in token.stderr
    db = Database.open(data_dir, environ={})
    try:
        accounts = Accounts(db)
        assert accounts.user_for_token(token.stdout.strip()).username == "nanjing"
        assert accounts.verify("nanjing", "Reset-pass-77").outcome == "must_change"
    finally:
        db.close()


def test_every_change_from_the_command_line_is_in_the_audit_trail(data_dir):
    ok(
        chuangye(
            "users", "add", "wuxi", "--role", "city", "--region", "320200", "--password", PASSWORD, data_dir=data_dir
        )
    )
    ok(chuangye("users", "disable", "wuxi", data_dir=data_dir))
    ok(chuangye("users", "enable", "wuxi", data_dir=data_dir))
    ok(chuangye("users", "reset-password", "wuxi", "--password", "Reset-pass-77", data_dir=data_dir))
    ok(chuangye("users", "token", "wuxi", data_dir=data_dir))
    records = json.loads(ok(chuangye("audit", "--format", "json", data_dir=data_dir)).stdout)
    assert [r["action"] for r in reversed(records)] == [
        "user_add",
        "user_disable",
        "user_enable",
        "password_reset",
        "token_issue",
    ]
    assert {r["username"] for r in records} == {CLI_USER} and {r["object"] for r in records} == {"wuxi"}
    assert all(dt.datetime.fromisoformat(r["at"]).utcoffset() == dt.timedelta(0) for r in records)
    table = ok(chuangye("audit", data_dir=data_dir)).stdout
    assert "时间（UTC）" in table and "添加用户" in table and "签发 API 令牌" in table and CLI_USER in table
    english = ok(chuangye("audit", "--lang", "en", data_dir=data_dir)).stdout
    assert "Time (UTC)" in english and "User added" in english and "API token issued" in english


def test_audit_filters(data_dir):
    for name, region in (("nanjing", "320100"), ("wuxi", "320200")):
        ok(
            chuangye(
                "users", "add", name, "--role", "city", "--region", region, "--password", PASSWORD, data_dir=data_dir
            )
        )
    ok(chuangye("users", "disable", "wuxi", data_dir=data_dir))

    def objects(*args: str) -> list[str]:
        result = chuangye("audit", "--format", "json", *args, data_dir=data_dir)
        assert result.returncode in (EXIT_OK, EXIT_EMPTY), result.stderr
        return [r["object"] for r in json.loads(result.stdout)]

    today = dt.datetime.now(dt.UTC).date()
    assert objects("--action", "user_add") == ["wuxi", "nanjing"]
    assert objects("--action", "user_disable") == ["wuxi"]
    assert objects("--user", CLI_USER, "--limit", "1") == ["wuxi"]
    assert objects("--user", "someone-else") == []
    assert objects("--since", today.isoformat(), "--until", today.isoformat()) == ["wuxi", "wuxi", "nanjing"]
    assert objects("--until", (today - dt.timedelta(days=1)).isoformat()) == []
    empty = chuangye("audit", "--since", (today + dt.timedelta(days=1)).isoformat(), data_dir=data_dir)
    assert empty.returncode == EXIT_EMPTY and "没有符合条件的审计记录 / No audit records match" in empty.stderr


def test_csv_has_a_bom_iso_times_and_no_formulas(data_dir):
    ok(
        chuangye(
            "users",
            "add",
            "nanjing",
            "--role",
            "city",
            "--region",
            "320100",
            "--password",
            PASSWORD,
            "--name",
            '=HYPERLINK("http://x")',
            data_dir=data_dir,
        )
    )
    raw = subprocess.run(
        [str(CHUANGYE), "users", "list", "--format", "csv"],
        capture_output=True,
        env={**os.environ, **CHEAP_ARGON2, "CHUANGYE_DATA_DIR": str(data_dir)},
    ).stdout
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["username"] == "nanjing" and rows[0]["display_name"] == '\'=HYPERLINK("http://x")'
    audit = ok(chuangye("audit", "--format", "csv", data_dir=data_dir)).stdout.lstrip("\ufeff")
    (record,) = list(csv.DictReader(io.StringIO(audit)))
    assert record["action"] == "user_add" and record["username"] == CLI_USER
    assert dt.datetime.fromisoformat(record["at"]).tzinfo is not None
    assert json.loads(record["detail"]) == {"auth_source": "local", "role": "city"}


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["--role", "city"], "须用 --region 指定一个设区市代码", "needs --region with a city code"),
        (["--role", "county", "--region", "320100"], "320100 不是县(市、区)代码", "320100 is not a county code"),
        (["--role", "city", "--region", "320102"], "320102 不是设区市代码", "320102 is not a city code"),
        (["--role", "city", "--region", "329999"], "当前数据中没有区划代码 329999", "no region with code 329999"),
        (["--role", "admin", "--region", "320100"], "不绑定区划", "not bound to a region"),
    ],
)
def test_a_role_needs_a_region_of_its_level_in_the_active_data(data_dir, args, zh, en):
    result = chuangye("users", "add", "someone", *args, "--password", PASSWORD, data_dir=data_dir)
    assert result.returncode == EXIT_USAGE
    assert zh in result.stderr and en in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1  # one line, 中文 / English


def test_a_bad_role_is_refused_in_the_language_asked(data_dir):
    zh = chuangye("users", "add", "someone", "--role", "mayor", data_dir=data_dir)
    en = chuangye("users", "add", "someone", "--role", "mayor", "--lang", "en", data_dir=data_dir)
    assert zh.returncode == en.returncode == EXIT_USAGE
    assert "用法" in zh.stderr and "无效的角色“mayor”" in zh.stderr and "市局" in zh.stderr
    assert "usage" in en.stderr and "invalid role 'mayor'" in en.stderr and "City bureau" in en.stderr


def test_help_is_chinese_first_and_english_on_request(data_dir):
    zh = ok(chuangye("users", "--help", data_dir=data_dir)).stdout
    en = ok(chuangye("audit", "--help", data_dir=data_dir, CHUANGYE_LANG="en")).stdout
    top = ok(chuangye("--help", data_dir=data_dir)).stdout
    assert "管理账户" in zh and "reset-password" in zh
    assert "search the audit trail" in en and "--since DATE" in en
    assert "users" in top and "查询审计记录" in top


def test_the_password_prompt_reads_it_twice(data_dir):
    added = chuangye(
        "users",
        "add",
        "nanjing",
        "--role",
        "city",
        "--region",
        "320100",
        data_dir=data_dir,
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert added.returncode == EXIT_OK, added.stderr
    assert PASSWORD not in added.stdout + added.stderr
    differ = chuangye(
        "users",
        "add",
        "wuxi",
        "--role",
        "city",
        "--region",
        "320200",
        data_dir=data_dir,
        stdin=f"{PASSWORD}\nsomething-Else1\n",
    )
    assert differ.returncode == EXIT_USAGE and "两次输入的密码不一致 / The two passwords differ" in differ.stderr
    weak = chuangye(
        "users", "add", "wuxi", "--role", "city", "--region", "320200", data_dir=data_dir, stdin="wuxi\nwuxi\n"
    )
    assert weak.returncode == EXIT_USAGE
    assert "至少 10 个字符" in weak.stderr and "must not contain the username" in weak.stderr
    reset = chuangye("users", "reset-password", "nanjing", data_dir=data_dir, stdin="Reset-pass-77\nReset-pass-77\n")
    assert reset.returncode == EXIT_OK, reset.stderr
    assert set(users(data_dir)) == {"nanjing"}


def test_the_last_admin_and_unknown_users(data_dir):
    ok(chuangye("users", "add", "root1", "--role", "admin", "--password", PASSWORD, data_dir=data_dir))
    last = chuangye("users", "disable", "root1", "--lang", "en", data_dir=data_dir)
    assert last.returncode == EXIT_USAGE and "last enabled administrator" in last.stderr
    for action in ("disable", "enable", "token", "reset-password"):
        ghost = chuangye("users", action, "ghost", data_dir=data_dir, stdin="")
        assert ghost.returncode == EXIT_USAGE and "没有用户 ghost / There is no user ghost" in ghost.stderr
    taken = chuangye("users", "add", "ROOT1", "--role", "admin", "--password", PASSWORD, data_dir=data_dir)
    assert taken.returncode == EXIT_USAGE and "已存在" in taken.stderr


def test_no_accounts_yet(data_dir):
    result = chuangye("users", "list", data_dir=data_dir)
    assert result.returncode == EXIT_EMPTY and "chuangye users add" in result.stderr and result.stdout == ""
    assert json.loads(chuangye("users", "list", "--format", "json", data_dir=data_dir).stdout) == []


def test_the_database_url_chooses_postgresql(data_dir, postgres_url):
    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")  # as an operator writes it
    ok(
        chuangye(
            "users",
            "add",
            "nanjing",
            "--role",
            "city",
            "--region",
            "320100",
            "--password",
            PASSWORD,
            data_dir=data_dir,
            CHUANGYE_DATABASE_URL=url,
        )
    )
    assert not (data_dir / "chuangye.db").exists()
    assert set(users(data_dir, CHUANGYE_DATABASE_URL=url)) == {"nanjing"}
    db = Database.open(url=postgres_url, environ={})
    try:
        assert [r.action for r in AuditTrail(db).search()] == ["user_add"]
    finally:
        db.close()


def test_an_unusable_database_is_one_line_and_its_own_exit_code(data_dir):
    url = "postgresql://chuangye:secret@127.0.0.1:1/chuangye"
    result = chuangye("users", "list", data_dir=data_dir, CHUANGYE_DATABASE_URL=url)
    assert result.returncode == EXIT_DATABASE and result.stderr.count("\n") == 1
    assert "无法使用账户数据库" in result.stderr and "secret" not in result.stderr and "Traceback" not in result.stderr
    bad_policy = chuangye("users", "list", data_dir=data_dir, CHUANGYE_LOCKOUT_FAILURES="many")
    assert bad_policy.returncode == EXIT_USAGE and "CHUANGYE_LOCKOUT_FAILURES" in bad_policy.stderr


def read_only(command: list[str], folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """``command`` with ``folder`` read-only: a read-only bind mount when root (root writes through file
    modes), else the folder's write bits removed."""
    if os.geteuid() == 0:
        script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
        command = ["unshare", "-m", "sh", "-c", script, "sh", str(folder), *command]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    folder.chmod(0o555)
    try:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    finally:
        folder.chmod(0o755)


def test_a_read_only_data_directory_can_be_read_and_says_writing_needs_access(data_dir, tmp_path):
    ok(
        chuangye(
            "users", "add", "nanjing", "--role", "city", "--region", "320100", "--password", PASSWORD, data_dir=data_dir
        )
    )
    env = {**os.environ, **CHEAP_ARGON2, "CHUANGYE_DATA_DIR": str(data_dir)}
    env.pop("CHUANGYE_DATABASE_URL", None)
    listed = read_only([str(CHUANGYE), "users", "list", "--format", "json"], data_dir, env)
    assert listed.returncode == EXIT_OK, listed.stderr
    assert [u["username"] for u in json.loads(listed.stdout)] == ["nanjing"]
    audit = read_only([str(CHUANGYE), "audit", "--format", "json"], data_dir, env)
    assert audit.returncode == EXIT_OK and json.loads(audit.stdout)[0]["action"] == "user_add"
    refused = read_only([str(CHUANGYE), "users", "disable", "nanjing"], data_dir, env)
    assert refused.returncode == EXIT_DATABASE and refused.stderr.count("\n") == 1
    assert "不可写" in refused.stderr and "needs write access" in refused.stderr and str(data_dir) in refused.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = read_only([str(CHUANGYE), "users", "list"], empty, {**env, "CHUANGYE_DATA_DIR": str(empty)})
    assert nothing.returncode == EXIT_EMPTY and "Traceback" not in nothing.stderr
    assert not (empty / "chuangye.db").exists()


def test_an_import_and_a_rollback_are_in_the_audit_trail_with_who_made_them(data_dir):
    """Every import (accepted or refused) and rollback names the version and the CLI user; the API's list of
    versions then says who made each one."""
    from chuangye.sample.bundled import SAMPLE_DIR

    made = ok(chuangye("import", str(SAMPLE_DIR / "quotas.csv"), data_dir=data_dir))
    version = made.stdout.strip().split()[-1].rstrip("）)")
    broken = data_dir.parent / "units.csv"
    broken.write_text("unit_code,name\n", encoding="utf-8")
    assert chuangye("import", str(broken), data_dir=data_dir).returncode == 1
    ok(chuangye("rollback", data_dir=data_dir))
    records = json.loads(ok(chuangye("audit", "--format", "json", data_dir=data_dir)).stdout)
    mine = [r for r in records if r["action"] in ("import", "rollback")]
    actions = [(r["action"], r["outcome"]) for r in mine]
    assert actions == [("rollback", "ok"), ("import", "failed"), ("import", "ok")]  # newest first
    assert mine[2]["object"] == version and mine[2]["detail"]["files"] == ["quotas.csv"]
    assert all(r["username"].startswith("cli:") for r in mine)

"""Accounts on SQLite and PostgreSQL: hashing, first-login change, lockout, reset, disable, tokens, roles."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from chuangye.data.db import AccountError, Accounts, AuditTrail
from chuangye.data.db.models import TokenRow, UserRow
from tests.unit.chuangye.data.db.conftest import CLI, GOOD_PASSWORD, cheap_hasher

LEVELS = {"320000": "province", "320100": "city", "320200": "city", "320102": "county"}


def level_of(code: str) -> str | None:
    return LEVELS.get(code)


def add(
    accounts: Accounts,
    username: str = "nanjing",
    role: str = "city",
    region: str | None = "320100",
    password: str = GOOD_PASSWORD,
):
    return accounts.add_user(username, role, region=region, password=password, by=CLI, level_of=level_of)


def signed_in(accounts: Accounts, username: str = "nanjing", password: str = GOOD_PASSWORD) -> None:
    """Past the first login: the password changed once, so the account signs in plainly."""
    accounts.change_password(username, password, password + "2")


def test_the_password_is_stored_as_an_argon2_hash_only(accounts, db):
    add(accounts)
    with db.session() as session:
        stored = session.scalar(select(UserRow.password_hash).where(UserRow.username == "nanjing"))
    assert stored.startswith("$argon2id$") and GOOD_PASSWORD not in stored


def test_a_new_account_must_change_its_password_at_first_login(accounts, clock):
    user = add(accounts)
    assert user.must_change_password and user.role == "city" and user.region == "320100"
    result = accounts.verify("nanjing", GOOD_PASSWORD, "10.0.0.7")
    assert result.ok and result.outcome == "must_change"
    assert "修改密码" in result.message("zh") and "change your password" in result.message("en")
    accounts.change_password("nanjing", GOOD_PASSWORD, "Another-pass9")
    clock.advance(minutes=1)
    again = accounts.verify("nanjing", "Another-pass9", "10.0.0.7")
    assert again.outcome == "ok" and again.user.last_login_at == clock.now


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(accounts, clock):
    add(accounts)
    signed_in(accounts)
    right = GOOD_PASSWORD + "2"
    outcomes = [accounts.verify("nanjing", "wrong-Pass-1", "10.0.0.7").outcome for _ in range(4)]
    assert outcomes == ["wrong_password"] * 4
    fifth = accounts.verify("nanjing", "wrong-Pass-1", "10.0.0.7")
    assert fifth.outcome == "locked" and fifth.locked_until == clock.now + dt.timedelta(minutes=15)
    clock.advance(minutes=14, seconds=59)
    refused = accounts.verify("nanjing", right, "10.0.0.7")
    assert refused.outcome == "locked" and refused.user is None
    local = refused.locked_until.astimezone()
    assert f"{local:%Y-%m-%d %H:%M}" in refused.message("zh") and "locked until" in refused.message("en")
    clock.advance(seconds=1)
    assert accounts.verify("nanjing", right, "10.0.0.7").outcome == "ok"


def test_a_good_login_resets_the_failure_count(accounts):
    add(accounts)
    signed_in(accounts)
    for _ in range(4):
        accounts.verify("nanjing", "wrong-Pass-1")
    assert accounts.verify("nanjing", GOOD_PASSWORD + "2").outcome == "ok"
    outcomes = [accounts.verify("nanjing", "wrong-Pass-1").outcome for _ in range(4)]
    assert outcomes == ["wrong_password"] * 4 and accounts.get("nanjing").failed_logins == 4


def test_the_lockout_follows_the_policy(open_db, clock):
    from chuangye.data.db import SecurityPolicy

    accounts = Accounts(open_db(SecurityPolicy(lockout_failures=2, lockout_minutes=1)), hasher=cheap_hasher())
    add(accounts)
    assert accounts.verify("nanjing", "x").outcome == "wrong_password"
    assert accounts.verify("nanjing", "x").locked_until == clock.now + dt.timedelta(minutes=1)


class CountingHasher(PasswordHasher):
    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8 * 1024, parallelism=1)
        self.verified = 0

    def verify(self, hash, password):  # type: ignore[override]
        self.verified += 1
        return super().verify(hash, password)


def test_an_unknown_user_reads_and_costs_exactly_as_a_wrong_password(db):
    hasher = CountingHasher()
    accounts = Accounts(db, hasher=hasher)
    add(accounts)
    before = hasher.verified
    wrong = accounts.verify("nanjing", "wrong-Pass-1")
    after_wrong = hasher.verified
    unknown = accounts.verify("nobody", "wrong-Pass-1")
    assert (after_wrong - before, hasher.verified - after_wrong) == (1, 1)  # one argon2 check on each path
    assert wrong.public_outcome == unknown.public_outcome == "wrong_password"
    assert wrong.message("zh") == unknown.message("zh") and wrong.message("en") == unknown.message("en")
    assert unknown.outcome == "unknown_user" and unknown.user is None and unknown.locked_until is None


def test_a_locked_account_still_costs_one_hash_check(db):
    hasher = CountingHasher()
    accounts = Accounts(db, hasher=hasher)
    add(accounts)
    for _ in range(5):
        accounts.verify("nanjing", "x")
    before = hasher.verified
    assert accounts.verify("nanjing", GOOD_PASSWORD).outcome == "locked" and hasher.verified == before + 1


def test_the_hash_is_renewed_when_the_parameters_change(db):
    add(Accounts(db, hasher=cheap_hasher(time_cost=1)))
    stronger = Accounts(db, hasher=cheap_hasher(time_cost=2))
    assert stronger.verify("nanjing", GOOD_PASSWORD).ok
    with db.session() as session:
        stored = session.scalar(select(UserRow.password_hash).where(UserRow.username == "nanjing"))
    assert ",t=2," in stored and not stronger.hasher.check_needs_rehash(stored)


@pytest.mark.parametrize(
    ("role", "region", "code"),
    [
        ("city", None, "region_required_city"),
        ("county", "", "region_required_county"),
        ("city", "320102", "region_not_city"),
        ("county", "320100", "region_not_county"),
        ("city", "329900", "unknown_region"),
        ("admin", "320100", "region_not_allowed"),
        ("province", "320000", "region_not_allowed"),
        ("mayor", None, "bad_role"),
    ],
)
def test_a_role_takes_only_a_region_of_its_level(accounts, role, region, code):
    with pytest.raises(AccountError) as caught:
        add(accounts, role=role, region=region)
    assert caught.value.code == code
    assert caught.value.message("zh") != caught.value.message("en")  # said in each language
    assert accounts.get("nanjing") is None


def test_a_county_account_is_bound_to_its_county(accounts):
    assert add(accounts, "xuanwu", "county", "320102").region == "320102"
    assert add(accounts, "sheng", "province", None).region is None


def test_a_weak_password_is_refused_with_every_reason(accounts):
    with pytest.raises(AccountError) as caught:
        add(accounts, password="nanjing")
    assert caught.value.code == "password_rejected"
    assert [p.code for p in caught.value.problems] == ["too_short", "too_few_classes", "contains_username"]
    assert "至少 10 个字符" in caught.value.message("zh") and "at least 10 characters" in caught.value.message("en")


def test_usernames_are_unique_whatever_the_case(accounts):
    add(accounts)
    with pytest.raises(AccountError) as caught:
        add(accounts, "NanJing")
    assert caught.value.code == "username_taken"


def test_change_password_needs_the_old_one_and_a_new_one_that_passes(accounts):
    add(accounts)
    with pytest.raises(AccountError) as wrong:
        accounts.change_password("nanjing", "not-it-At-all1", "Another-pass9")
    with pytest.raises(AccountError) as same:
        accounts.change_password("nanjing", GOOD_PASSWORD, GOOD_PASSWORD)
    with pytest.raises(AccountError) as weak:
        accounts.change_password("nanjing", GOOD_PASSWORD, "short")
    assert (wrong.value.code, same.value.code, weak.value.code) == (
        "wrong_old_password",
        "same_password",
        "password_rejected",
    )
    assert accounts.get("nanjing").must_change_password


def test_an_admin_reset_unlocks_and_forces_a_change(accounts):
    add(accounts)
    signed_in(accounts)
    for _ in range(5):
        accounts.verify("nanjing", "x")
    assert accounts.get("nanjing").locked_until is not None
    user = accounts.reset_password("nanjing", "Reset-pass-77", by=CLI)
    assert user.must_change_password and user.locked_until is None and user.failed_logins == 0
    assert accounts.verify("nanjing", "Reset-pass-77").outcome == "must_change"


def test_a_disabled_account_cannot_sign_in_and_its_tokens_stop(accounts):
    add(accounts)
    token = accounts.issue_token("nanjing", by=CLI)
    accounts.set_disabled("nanjing", True, by=CLI)
    result = accounts.verify("nanjing", GOOD_PASSWORD)
    assert result.outcome == "disabled" and not result.ok and "停用" in result.message("zh")
    assert accounts.user_for_token(token) is None
    accounts.set_disabled("nanjing", False, by=CLI)
    assert accounts.verify("nanjing", GOOD_PASSWORD).ok and accounts.user_for_token(token).username == "nanjing"


def test_a_disabled_account_with_a_wrong_password_reads_as_a_wrong_password(accounts):
    add(accounts)
    accounts.set_disabled("nanjing", True, by=CLI)
    assert accounts.verify("nanjing", "wrong-Pass-1").outcome == "wrong_password"


def test_the_last_enabled_admin_stays(accounts):
    add(accounts, "root1", "admin", None)
    with pytest.raises(AccountError) as caught:
        accounts.set_disabled("root1", True, by=CLI)
    assert caught.value.code == "last_admin"
    with pytest.raises(AccountError):
        accounts.change_user("root1", role="province", by=CLI)
    add(accounts, "root2", "admin", None)
    assert accounts.set_disabled("root1", True, by=CLI).disabled
    assert accounts.has_admin()


def test_an_sso_account_has_no_password(accounts, db):
    user = accounts.add_user("sso.user@js.gov.cn", "province", sso=True, by=CLI)
    assert user.auth_source == "sso" and not user.must_change_password
    with db.session() as session:
        assert session.scalar(select(UserRow.password_hash).where(UserRow.username == user.username)) is None
    assert accounts.verify(user.username, "").public_outcome == "wrong_password"
    with pytest.raises(AccountError) as caught:
        accounts.reset_password(user.username, "Reset-pass-77", by=CLI)
    assert caught.value.code == "sso_no_password"


def test_a_token_is_shown_once_and_only_its_hash_is_kept(accounts, db):
    add(accounts)
    token = accounts.issue_token("nanjing", by=CLI)
    assert token.startswith("cy_") and len(token) > 40
    with db.session() as session:
        stored = session.scalars(select(TokenRow)).one()
        assert token not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
    assert accounts.user_for_token(token).username == "nanjing"
    assert accounts.user_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert accounts.user_for_token("") is None
    assert accounts.revoke_token(token, by=CLI) and accounts.user_for_token(token) is None
    assert not accounts.revoke_token(token, by=CLI)


def test_revoking_every_token_of_a_user(accounts):
    add(accounts)
    tokens = [accounts.issue_token("nanjing", by=CLI) for _ in range(2)]
    assert accounts.revoke_tokens("nanjing", by=CLI) == 2
    assert all(accounts.user_for_token(token) is None for token in tokens)


def test_change_user_checks_role_and_region_together(accounts):
    add(accounts)
    moved = accounts.change_user("nanjing", region="320200", display_name="无锡市人社局", by=CLI, level_of=level_of)
    assert (moved.region, moved.display_name) == ("320200", "无锡市人社局")
    with pytest.raises(AccountError) as caught:
        accounts.change_user("nanjing", role="county", by=CLI, level_of=level_of)
    assert caught.value.code == "region_required_county"
    assert accounts.change_user("nanjing", role="province", by=CLI).region is None


def test_unknown_user_operations_say_so(accounts):
    for operation in (
        lambda: accounts.set_disabled("ghost", True, by=CLI),
        lambda: accounts.reset_password("ghost", "Reset-pass-77", by=CLI),
        lambda: accounts.issue_token("ghost", by=CLI),
    ):
        with pytest.raises(AccountError) as caught:
            operation()
        assert caught.value.code == "no_such_user" and "ghost" in str(caught.value)


def test_every_sign_in_and_change_is_in_the_audit_trail(accounts, db):
    add(accounts)
    accounts.verify("nanjing", GOOD_PASSWORD, "10.0.0.7")
    accounts.verify("nobody", "x", "10.0.0.8")
    for _ in range(5):
        accounts.verify("nanjing", "x", "10.0.0.9")
    accounts.reset_password("nanjing", "Reset-pass-77", by=CLI)
    accounts.set_disabled("nanjing", True, by=CLI)
    accounts.set_disabled("nanjing", False, by=CLI)
    accounts.issue_token("nanjing", by=CLI)
    accounts.change_password("nanjing", "Reset-pass-77", "Changed-pass-88", address="10.0.0.7")
    records = list(reversed(AuditTrail(db).search()))
    assert [r.action for r in records] == [
        "user_add",
        "login",
        "login_failed",
        *["login_failed"] * 5,
        "lockout",
        "password_reset",
        "user_disable",
        "user_enable",
        "token_issue",
        "password_change",
    ]
    first = records[1]
    assert (first.username, first.role, first.address, first.outcome) == ("nanjing", "city", "10.0.0.7", "ok")
    assert records[2].detail == {"reason": "unknown_user"} and records[2].address == "10.0.0.8"
    assert records[8].outcome == "denied" and records[8].username == "nanjing"
    assert {r.username for r in records if r.action in ("user_add", "password_reset", "token_issue")} == {CLI.username}
    assert records[0].object == "nanjing" and records[0].detail["role"] == "city"

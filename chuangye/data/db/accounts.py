"""Accounts: users, their passwords (argon2), lockout, forced password changes and API tokens.

The web layer signs users in with ``Accounts.verify``; the command line manages users with the other methods.
Every outcome is a code (``LoginResult.outcome``, ``AccountError.code``); the words are in
``chuangye/strings/accounts.py`` (``message(lang)``). Every change goes to the audit trail in the same
transaction as the change itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chuangye.data.db.audit import Actor, AuditTrail
from chuangye.data.db.codes import ROLES
from chuangye.data.db.database import Database
from chuangye.data.db.models import AUTH_LOCAL, AUTH_SSO, TokenRow, UserRow
from chuangye.data.db.passwords import PasswordProblem, hasher_for, password_problems
from chuangye.strings.i18n import t

USERNAME_PATTERN = re.compile(r"[\w.@-]{2,64}")  # letters (Chinese too), digits, _ . @ -
REGION_ROLES = {"city": "city", "county": "county"}  # role -> the level of the region it is bound to
TOKEN_PREFIX = "cy_"
LevelOf = Callable[[str], str | None]  # region code -> its level (province/city/county) or None when unknown

OK = "ok"
MUST_CHANGE = "must_change"
WRONG_PASSWORD = "wrong_password"
UNKNOWN_USER = "unknown_user"
LOCKED = "locked"
DISABLED = "disabled"


@dataclass(frozen=True)
class User:
    username: str
    role: str
    region: str | None
    display_name: str
    auth_source: str  # "local" (password here) or "sso"
    disabled: bool
    must_change_password: bool
    failed_logins: int
    locked_until: dt.datetime | None
    created_at: dt.datetime
    last_login_at: dt.datetime | None

    def locked_at(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True)
class LoginResult:
    """What ``verify`` found. ``outcome`` is for the audit trail and the code; a caller shows ``public_outcome``
    (an unknown user reads exactly as a wrong password, so that nobody can find out which accounts exist)."""

    outcome: str  # ok, must_change, wrong_password, unknown_user, locked, disabled
    user: User | None = None  # only when the password was right (ok, must_change)
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        """The password was right and the account may sign in (``must_change``: only to change its password)."""
        return self.outcome in (OK, MUST_CHANGE)

    @property
    def public_outcome(self) -> str:
        return WRONG_PASSWORD if self.outcome == UNKNOWN_USER else self.outcome

    def message(self, lang: str) -> str:
        until = _minute_text(self.locked_until) if self.locked_until else ""
        return t(f"acct_login_{self.public_outcome}", lang, until=until)


class AccountError(Exception):
    """A refused account operation: ``code`` (``acct_err_<code>`` in strings), the values its words need, and
    for a refused password the list of what is wrong with it."""

    def __init__(
        self, code: str, values: dict[str, object] | None = None, problems: list[PasswordProblem] | None = None
    ) -> None:
        self.code = code
        self.values = dict(values or {})
        self.problems = list(problems or [])
        super().__init__(code)

    def message(self, lang: str) -> str:
        text = t(f"acct_err_{self.code}", lang, **self.values)
        if self.problems:
            separator = "；" if lang == "zh" else "; "
            details = separator.join(t(f"acct_pw_{p.code}", lang, **p.values) for p in self.problems)
            text = f"{text}{'：' if lang == 'zh' else ': '}{details}"
        return text

    def __str__(self) -> str:
        return f"{self.message('zh')} / {self.message('en')}"


def check_role_region(role: str, region: str | None, level_of: LevelOf | None = None) -> None:
    """A role and the region it is bound to: a city code for ``city``, a county code for ``county``, none for
    ``admin`` and ``province``; with ``level_of`` the code must also be a region of that level in the data."""
    if role not in ROLES:
        raise AccountError("bad_role", {"role": role, "roles": ", ".join(ROLES)})
    level = REGION_ROLES.get(role)
    if level is None:
        if region:
            raise AccountError("region_not_allowed", {"role": role, "region": region})
        return
    if not region:
        raise AccountError(f"region_required_{level}", {"role": role})
    if level_of is None:
        return
    found = level_of(region)
    if found is None:
        raise AccountError("unknown_region", {"region": region})
    if found != level:
        raise AccountError(f"region_not_{level}", {"region": region, "role": role})


class Accounts:
    def __init__(self, db: Database, *, hasher: PasswordHasher | None = None) -> None:
        self.db = db
        self.audit = AuditTrail(db)
        self.hasher = hasher or hasher_for(db.policy)
        # checked against when there is no hash to check (unknown user, SSO account, locked account), so that
        # every refusal costs the same time as a wrong password
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    # ----------------------------------------------------------------------------------------- reading

    def get(self, username: str) -> User | None:
        with self.db.session() as session:
            row = self._row(session, username)
            return None if row is None else _user(row)

    def list_users(self) -> list[User]:
        with self.db.session() as session:
            return [_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.username))]

    def has_admin(self) -> bool:
        """Whether an enabled admin account exists (the dashboard needs one to be administered)."""
        return self._enabled_admins() > 0

    # ----------------------------------------------------------------------------------------- signing in

    def verify(self, username: str, password: str, address: str | None = None) -> LoginResult:
        """Check a password. Five wrong ones in a row (the policy's ``lockout_failures``) lock the account for
        the policy's ``lockout_minutes``; a locked account is refused even with the right password."""
        self.db.require_writable()
        now = self.db.clock()
        with self.db.session() as session:
            row = self._row(session, username, for_update=True)
            if row is None:
                self._check(self._dummy_hash, password)
                return self._refuse(session, UNKNOWN_USER, Actor(username[:64], None, address))
            actor = Actor(row.username, row.role, address)
            if row.locked_until is not None and row.locked_until > now:
                self._check(self._dummy_hash, password)
                return self._refuse(session, LOCKED, actor, locked_until=row.locked_until)
            if row.password_hash is None or not self._check(row.password_hash, password):
                return self._wrong_password(session, row, actor, now)
            row.failed_logins, row.locked_until = 0, None
            if row.disabled:
                return self._refuse(session, DISABLED, actor)
            if self.hasher.check_needs_rehash(row.password_hash):
                row.password_hash = self.hasher.hash(password)
            row.last_login_at = now
            outcome = MUST_CHANGE if row.must_change_password else OK
            self.audit.record(
                "login", actor=actor, detail={"must_change": True} if outcome == MUST_CHANGE else None, session=session
            )
            return LoginResult(outcome, user=_user(row))

    def _wrong_password(self, session: Session, row: UserRow, actor: Actor, now: dt.datetime) -> LoginResult:
        row.failed_logins += 1
        if row.failed_logins < self.db.policy.lockout_failures:
            return self._refuse(session, WRONG_PASSWORD, actor, failures=row.failed_logins)
        row.failed_logins = 0
        row.locked_until = now + dt.timedelta(minutes=self.db.policy.lockout_minutes)
        self._refuse(session, WRONG_PASSWORD, actor, failures=self.db.policy.lockout_failures)
        self.audit.record(
            "lockout",
            actor=actor,
            outcome="denied",
            session=session,
            detail={"until": row.locked_until.isoformat(), "minutes": self.db.policy.lockout_minutes},
        )
        return LoginResult(LOCKED, locked_until=row.locked_until)

    def _refuse(
        self,
        session: Session,
        outcome: str,
        actor: Actor,
        *,
        locked_until: dt.datetime | None = None,
        failures: int | None = None,
    ) -> LoginResult:
        detail: dict[str, object] = {"reason": outcome}
        if failures is not None:
            detail["failures"] = failures
        self.audit.record("login_failed", actor=actor, outcome="failed", detail=detail, session=session)
        return LoginResult(outcome, locked_until=locked_until)

    def _check(self, password_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    # ----------------------------------------------------------------------------------------- managing

    def add_user(
        self,
        username: str,
        role: str,
        *,
        by: Actor,
        region: str | None = None,
        display_name: str = "",
        password: str | None = None,
        sso: bool = False,
        level_of: LevelOf | None = None,
    ) -> User:
        """A new account. A local account needs a password meeting the rules and must change it at first
        login; an SSO account (``sso=True``) has none."""
        self.db.require_writable()
        if not USERNAME_PATTERN.fullmatch(username):
            raise AccountError("bad_username", {"username": username})
        region = region or None
        check_role_region(role, region, level_of)
        if sso and password is not None:
            raise AccountError("sso_no_password", {"username": username})
        if not sso:
            self._require_good_password(username, password)
        now = self.db.clock()
        with self.db.session() as session:
            if session.scalar(select(UserRow.id).where(func.lower(UserRow.username) == username.lower())):
                raise AccountError("username_taken", {"username": username})
            row = UserRow(
                username=username,
                role=role,
                region=region,
                display_name=display_name,
                auth_source=AUTH_SSO if sso else AUTH_LOCAL,
                password_hash=None if sso else self.hasher.hash(password or ""),
                must_change_password=not sso,
                disabled=False,
                failed_logins=0,
                created_at=now,
                password_changed_at=None if sso else now,
            )
            session.add(row)
            self.audit.record(
                "user_add",
                actor=by,
                object=username,
                region=region,
                session=session,
                detail={"role": role, "auth_source": row.auth_source},
            )
            session.flush()
            return _user(row)

    def change_user(
        self,
        username: str,
        *,
        by: Actor,
        role: str | None = None,
        region: str | None = None,
        display_name: str | None = None,
        level_of: LevelOf | None = None,
    ) -> User:
        """Change an account's role and region (checked together) or its display name."""
        self.db.require_writable()
        with self.db.session() as session:
            row = self._existing(session, username, for_update=True)
            new_role = role or row.role
            new_region = (region or None) if role is not None or region is not None else row.region
            check_role_region(new_role, new_region, level_of)
            if row.role == "admin" and new_role != "admin" and not row.disabled:
                self._keep_an_admin(session)
            before = {"role": row.role, "region": row.region, "display_name": row.display_name}
            row.role, row.region = new_role, new_region
            if display_name is not None:
                row.display_name = display_name
            after = {"role": row.role, "region": row.region, "display_name": row.display_name}
            changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
            self.audit.record(
                "user_change", actor=by, object=username, region=row.region, detail=changed, session=session
            )
            return _user(row)

    def set_disabled(self, username: str, disabled: bool, *, by: Actor) -> User:
        """Disable an account (it can no longer sign in; its tokens stop working) or enable it again. The last
        enabled admin cannot be disabled."""
        self.db.require_writable()
        with self.db.session() as session:
            row = self._existing(session, username, for_update=True)
            if disabled and row.role == "admin" and not row.disabled:
                self._keep_an_admin(session)
            row.disabled = disabled
            if not disabled:
                row.failed_logins, row.locked_until = 0, None
            action = "user_disable" if disabled else "user_enable"
            self.audit.record(action, actor=by, object=username, region=row.region, session=session)
            return _user(row)

    def change_password(
        self, username: str, old_password: str, new_password: str, *, address: str | None = None
    ) -> User:
        """The user changes their own password (at first login, after a reset, or at will)."""
        self.db.require_writable()
        with self.db.session() as session:
            row = self._existing(session, username, for_update=True)
            actor = Actor(row.username, row.role, address)
            if row.password_hash is None:
                raise AccountError("sso_no_password", {"username": username})
            if not self._check(row.password_hash, old_password):
                self.audit.record(
                    "password_change",
                    actor=actor,
                    object=username,
                    outcome="failed",
                    detail={"reason": "wrong_password"},
                    session=session,
                )
                raise AccountError("wrong_old_password")
            if new_password == old_password:
                raise AccountError("same_password")
            self._require_good_password(username, new_password)
            self._set_password(row, new_password, must_change=False)
            self.audit.record("password_change", actor=actor, object=username, session=session)
            return _user(row)

    def reset_password(self, username: str, new_password: str, *, by: Actor) -> User:
        """An admin sets a new password: the account is unlocked and must change it at its next login."""
        self.db.require_writable()
        with self.db.session() as session:
            row = self._existing(session, username, for_update=True)
            if row.auth_source == AUTH_SSO:
                raise AccountError("sso_no_password", {"username": username})
            self._require_good_password(username, new_password)
            self._set_password(row, new_password, must_change=True)
            row.failed_logins, row.locked_until = 0, None
            self.audit.record("password_reset", actor=by, object=username, region=row.region, session=session)
            return _user(row)

    # ----------------------------------------------------------------------------------------- API tokens

    def issue_token(self, username: str, *, by: Actor) -> str:
        """A new API token for ``username``: returned this once; only its SHA-256 is kept."""
        self.db.require_writable()
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.db.session() as session:
            row = self._existing(session, username)
            session.add(
                TokenRow(user_id=row.id, token_hash=_token_hash(token), prefix=token[:10], created_at=self.db.clock())
            )
            self.audit.record(
                "token_issue",
                actor=by,
                object=username,
                region=row.region,
                detail={"prefix": token[:10]},
                session=session,
            )
        return token

    def user_for_token(self, token: str) -> User | None:
        """The enabled account a token belongs to, or None (unknown, revoked, or its account disabled)."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        with self.db.session() as session:
            found = session.execute(
                select(TokenRow, UserRow)
                .join(UserRow, TokenRow.user_id == UserRow.id)
                .where(TokenRow.token_hash == _token_hash(token), TokenRow.revoked_at.is_(None))
            ).first()
            if found is None or found.UserRow.disabled:
                return None
            if self.db.writable:
                found.TokenRow.last_used_at = self.db.clock()
            return _user(found.UserRow)

    def revoke_token(self, token: str, *, by: Actor) -> bool:
        """Revoke one token; False when it was unknown or already revoked."""
        self.db.require_writable()
        with self.db.session() as session:
            row = session.scalar(select(TokenRow).where(TokenRow.token_hash == _token_hash(token)))
            if row is None or row.revoked_at is not None:
                return False
            row.revoked_at = self.db.clock()
            owner = session.get(UserRow, row.user_id)
            self.audit.record(
                "token_revoke",
                actor=by,
                object=owner.username if owner else None,
                detail={"prefix": row.prefix},
                session=session,
            )
            return True

    def revoke_tokens(self, username: str, *, by: Actor) -> int:
        """Revoke every token of ``username``; how many were live."""
        self.db.require_writable()
        with self.db.session() as session:
            user = self._existing(session, username)
            live = list(
                session.scalars(select(TokenRow).where(TokenRow.user_id == user.id, TokenRow.revoked_at.is_(None)))
            )
            for row in live:
                row.revoked_at = self.db.clock()
            if live:
                self.audit.record(
                    "token_revoke", actor=by, object=username, detail={"count": len(live)}, session=session
                )
            return len(live)

    # ----------------------------------------------------------------------------------------- helpers

    def _row(self, session: Session, username: str, *, for_update: bool = False) -> UserRow | None:
        query = select(UserRow).where(UserRow.username == username)
        return session.scalar(query.with_for_update() if for_update else query)

    def _existing(self, session: Session, username: str, *, for_update: bool = False) -> UserRow:
        row = self._row(session, username, for_update=for_update)
        if row is None:
            raise AccountError("no_such_user", {"username": username})
        return row

    def _enabled_admins(self, session: Session | None = None) -> int:
        query = select(func.count()).select_from(UserRow).where(UserRow.role == "admin", UserRow.disabled.is_(False))
        if session is not None:
            return int(session.scalar(query) or 0)
        with self.db.session() as own:
            return int(own.scalar(query) or 0)

    def _keep_an_admin(self, session: Session) -> None:
        if self._enabled_admins(session) <= 1:
            raise AccountError("last_admin")

    def _require_good_password(self, username: str, password: str | None) -> None:
        if password is None:
            raise AccountError("password_required", {"username": username})
        problems = password_problems(password, username, self.db.policy)
        if problems:
            raise AccountError("password_rejected", problems=problems)

    def _set_password(self, row: UserRow, password: str, *, must_change: bool) -> None:
        row.password_hash = self.hasher.hash(password)
        row.must_change_password = must_change
        row.password_changed_at = self.db.clock()


def _token_hash(token: str) -> str:
    # a token has 256 random bits: a plain SHA-256 is enough (and lets a request find its token by index)
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _minute_text(moment: dt.datetime) -> str:
    """A lock's end in the server's local time, to the minute, with its offset: ``2026-12-01 16:15 (UTC+08:00)``."""
    local = moment.astimezone()
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"


def _user(row: UserRow) -> User:
    return User(
        username=row.username,
        role=row.role,
        region=row.region,
        display_name=row.display_name or "",
        auth_source=row.auth_source,
        disabled=bool(row.disabled),
        must_change_password=bool(row.must_change_password),
        failed_logins=int(row.failed_logins or 0),
        locked_until=row.locked_until,
        created_at=row.created_at,
        last_login_at=row.last_login_at,
    )

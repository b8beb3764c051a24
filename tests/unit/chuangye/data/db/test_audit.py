"""The audit trail on SQLite and PostgreSQL: append, search, retention, no update, survives a restart."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from chuangye.data.db import Actor, AuditTrail, SecurityPolicy
from chuangye.data.db.database import LAST_PURGE_KEY

NANJING = Actor("nanjing", "city", "10.0.0.7")
WUXI = Actor("wuxi", "city", "10.0.0.8")


def test_a_record_keeps_what_it_was_given(audit, clock):
    audit.record("export", actor=NANJING, object="xlsx", region="320100", detail={"page": "drilldown", "rows": 11})
    (record,) = audit.search()
    assert record.at == clock.now and record.at.tzinfo is not None
    assert (record.username, record.role, record.address) == ("nanjing", "city", "10.0.0.7")
    assert (record.action, record.object, record.region, record.outcome) == ("export", "xlsx", "320100", "ok")
    assert record.detail == {"page": "drilldown", "rows": 11}


def test_search_filters_by_time_user_and_action_newest_first(audit, clock):
    start = clock.now
    for actor, action in [(NANJING, "login"), (WUXI, "login"), (NANJING, "unit_view"), (NANJING, "logout")]:
        audit.record(action, actor=actor, object="320102001" if action == "unit_view" else None)
        clock.advance(hours=1)
    assert [r.action for r in audit.search(user="nanjing")] == ["logout", "unit_view", "login"]
    assert [r.username for r in audit.search(action="login")] == ["wuxi", "nanjing"]
    window = audit.search(since=start + dt.timedelta(hours=1), until=start + dt.timedelta(hours=3))
    assert [(r.username, r.action) for r in window] == [("nanjing", "unit_view"), ("wuxi", "login")]
    assert len(audit.search(limit=2)) == 2
    naive = audit.search(since=(start + dt.timedelta(hours=3)).replace(tzinfo=None))  # naive reads as UTC
    assert [r.action for r in naive] == ["logout"]


def test_outcome_filters_and_count_agrees_with_search_without_a_limit(audit, clock):
    start = clock.now
    for actor, outcome in [(NANJING, "ok"), (WUXI, "failed"), (NANJING, "denied"), (WUXI, "failed")]:
        audit.record("login", actor=actor, outcome=outcome)
        clock.advance(hours=1)
    assert [r.username for r in audit.search(outcome="failed")] == ["wuxi", "wuxi"]
    assert [r.username for r in audit.search(outcome="denied", user="nanjing")] == ["nanjing"]
    filters = [{}, {"outcome": "failed"}, {"user": "nanjing"}, {"since": start + dt.timedelta(hours=2)},
               {"action": "logout"}, {"until": start + dt.timedelta(hours=1), "outcome": "ok"}]  # fmt: skip
    for given in filters:
        assert audit.count(**given) == len(audit.search(**given, limit=None)), given
    assert audit.count() == 4 and len(audit.search(limit=1)) == 1


def test_actions_and_outcomes_are_codes_from_the_list(audit):
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record("looked_around", actor=NANJING)
    with pytest.raises(ValueError, match="unknown audit outcome"):
        audit.record("login", actor=NANJING, outcome="maybe")
    with pytest.raises(ValueError, match="detail longer"):
        audit.record("export", actor=NANJING, detail={"rows": "x" * 5000})
    assert audit.search() == []


def test_every_action_has_words_in_both_languages():
    from chuangye.data.db import ACTIONS
    from chuangye.data.db.audit import OUTCOMES
    from chuangye.strings.i18n import STRINGS

    for code in ACTIONS:
        assert STRINGS[f"audit_action_{code}"]["zh"] and STRINGS[f"audit_action_{code}"]["en"]
    for code in OUTCOMES:
        assert STRINGS[f"audit_outcome_{code}"]["zh"]


def test_records_cannot_be_updated_even_in_sql(audit, db):
    audit.record("login", actor=NANJING)
    with pytest.raises(SQLAlchemyError, match="append-only"), db.session() as session:
        session.execute(text("UPDATE audit_records SET username = 'someone_else'"))
    assert audit.search()[0].username == "nanjing"


def test_records_survive_a_restart(open_db, audit):
    audit.record("import", actor=Actor("cli:ops"), object="versions/20261201T080000")
    audit.db.close()
    (again,) = AuditTrail(open_db()).search()
    assert (again.action, again.object) == ("import", "versions/20261201T080000")


def test_purge_deletes_only_what_is_past_retention(audit, clock):
    audit.record("login", actor=NANJING)
    clock.advance(days=100)
    audit.record("login", actor=WUXI)
    clock.advance(days=81)  # the first record is 181 days old, the second 81
    assert audit.purge(180) == 1
    assert [r.username for r in audit.search()] == ["wuxi"]


def test_opening_for_writing_purges_at_most_once_a_day(open_db, clock):
    policy = SecurityPolicy(audit_retention_days=180)
    first = AuditTrail(open_db(policy))
    assert first.db.meta(LAST_PURGE_KEY) == clock.now.date().isoformat()
    first.record("login", actor=NANJING)
    clock.advance(days=181)
    reopened = AuditTrail(open_db(policy))  # a new day: the old record goes
    assert reopened.search() == []
    reopened.record("login", actor=WUXI)
    clock.advance(days=180, hours=1)  # the second record is now past retention too
    with reopened.db.session() as session:  # as if another process had purged earlier today
        reopened.db.set_meta(LAST_PURGE_KEY, clock.now.date().isoformat(), session)
    assert [r.username for r in AuditTrail(open_db(policy)).search()] == ["wuxi"]  # no second purge today

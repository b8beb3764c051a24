"""Submissions on SQLite and PostgreSQL: the state machine (every allowed and every refused step), files kept
byte for byte, history, supersession, accepting several at once, limits, and the audit trail."""

from __future__ import annotations

import hashlib
import itertools

import pytest

from chuangye.data.db import Actor, AuditTrail, Submissions
from chuangye.data.db.submissions import (
    ACCEPTED,
    CITY_ACCEPTED,
    CITY_REVIEWER,
    LEVELS,
    PROVINCE_REVIEWER,
    RETURNED,
    REVIEW_ACTIONS,
    STATES,
    SUBMITTED,
    SUPERSEDED,
    SYSTEM,
    SubmissionError,
    SubmissionLimits,
    next_step,
)

XUZHOU = "320300"  # 徐州市
GULOU_XZ = "320302"  # 徐州市鼓楼区
TONGSHAN = "320312"  # 徐州市铜山区
NANJING = "320100"
COUNTY_USER = Actor("gulou", "county", "10.0.0.1")
CITY_USER = Actor("xuzhou", "city", "10.0.0.2")
PROVINCE_USER = Actor("sheng", "province", "10.0.0.3")
# bytes that no text decoding may alter: GBK Chinese, a BOM, CR LF, a NUL and every byte value
GBK_CSV = "unit_code,year,新增创业人数\r\n320302001,2019,17\r\n".encode("gb18030")
BINARY = b"PK\x03\x04" + bytes(range(256)) * 4 + b"\x00\xef\xbb\xbf"

# Every step the workflow allows: (state, submitter level, action) -> (who takes it, the state it leads to).
ALLOWED = {
    (SUBMITTED, "county", "forward"): (CITY_REVIEWER, CITY_ACCEPTED),
    (SUBMITTED, "county", "return"): (CITY_REVIEWER, RETURNED),
    (SUBMITTED, "city", "accept"): (PROVINCE_REVIEWER, ACCEPTED),
    (SUBMITTED, "city", "return"): (PROVINCE_REVIEWER, RETURNED),
    (CITY_ACCEPTED, "county", "accept"): (PROVINCE_REVIEWER, ACCEPTED),
    (CITY_ACCEPTED, "county", "return"): (PROVINCE_REVIEWER, RETURNED),
    (SUBMITTED, "county", "supersede"): (SYSTEM, SUPERSEDED),
    (SUBMITTED, "city", "supersede"): (SYSTEM, SUPERSEDED),
    (CITY_ACCEPTED, "county", "supersede"): (SYSTEM, SUPERSEDED),
}
TIERS = (CITY_REVIEWER, PROVINCE_REVIEWER, SYSTEM, None)


@pytest.fixture
def submissions(db) -> Submissions:
    return Submissions(db)


def submit(
    submissions: Submissions,
    region: str = GULOU_XZ,
    *,
    level: str = "county",
    tables=("indicator_inputs",),
    year: int | None = 2019,
    by: Actor = COUNTY_USER,
    files=None,
    **kwargs,
):
    files = files if files is not None else [("指标.csv", GBK_CSV)]
    return submissions.submit(region=region, level=level, tables=list(tables), year=year, files=files, by=by, **kwargs)


# ------------------------------------------------------------------------------------------ the state machine


@pytest.mark.parametrize(
    ("state", "level", "action", "tier"),
    list(itertools.product(STATES, LEVELS, (*REVIEW_ACTIONS, "supersede"), TIERS)),
)
def test_every_step_is_allowed_or_refused_by_the_state_machine(state, level, action, tier):
    allowed = ALLOWED.get((state, level, action))
    if allowed is not None and allowed[0] == tier:
        assert next_step(state, level, action, tier, 7).target == allowed[1]
        return
    with pytest.raises(SubmissionError) as refused:
        next_step(state, level, action, tier, 7)
    assert refused.value.message("zh") and refused.value.message("en")
    assert "{" not in str(refused.value)  # every placeholder filled in both languages


@pytest.mark.parametrize(
    ("state", "level", "action", "tier", "code"),
    [
        (SUBMITTED, "county", "accept", PROVINCE_REVIEWER, "awaits_city"),  # the province cannot skip the city
        (SUBMITTED, "county", "return", PROVINCE_REVIEWER, "awaits_city"),
        (CITY_ACCEPTED, "county", "return", CITY_REVIEWER, "awaits_province"),  # forwarded: out of the city's hands
        (SUBMITTED, "city", "accept", CITY_REVIEWER, "awaits_province"),  # a city cannot accept its own
        (SUBMITTED, "city", "forward", CITY_REVIEWER, "city_goes_to_province"),
        (CITY_ACCEPTED, "county", "forward", CITY_REVIEWER, "already_forwarded"),
        (ACCEPTED, "county", "return", PROVINCE_REVIEWER, "closed"),
        (RETURNED, "city", "accept", PROVINCE_REVIEWER, "closed"),
        (SUPERSEDED, "county", "forward", CITY_REVIEWER, "closed"),
        (SUBMITTED, "county", "forward", None, "not_reviewer"),  # a county user, or another city's
        (SUBMITTED, "county", "accept", CITY_REVIEWER, "city_forwards"),  # a city forwards, the province accepts
        (SUBMITTED, "county", "approve", CITY_REVIEWER, "unknown_action"),
    ],
)
def test_refused_steps_say_why(state, level, action, tier, code):
    with pytest.raises(SubmissionError) as refused:
        next_step(state, level, action, tier, 7)
    assert refused.value.code == code


# ------------------------------------------------------------------------------------------ storage


def test_files_are_kept_byte_for_byte_with_their_checksums(submissions):
    files = [("指标.csv", GBK_CSV), ("certifications.xlsx", BINARY)]
    made = submit(submissions, files=files, tables=("indicator_inputs", "certifications"))
    assert [(f.name, f.size) for f in made.files] == [("指标.csv", len(GBK_CSV)), ("certifications.xlsx", len(BINARY))]
    for name, content in files:
        info, kept = submissions.file(made.id, name)
        assert kept == content
        assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert submissions.contents(made.id) == files
    assert submissions.file(made.id, "other.csv") is None


def test_a_submission_keeps_who_what_when_and_its_summary(submissions, clock):
    summary = {"changes": [{"table": "indicator_inputs", "added": 0, "changed": 12, "removed": 0}]}
    made = submit(submissions, warnings=2, summary=summary, comment="2019 年数据")
    found = submissions.get(made.id)
    assert (found.region, found.level, found.tables, found.year) == (GULOU_XZ, "county", ("indicator_inputs",), 2019)
    assert (found.submitter, found.submitter_role, found.created_at) == ("gulou", "county", clock.now)
    assert (found.state, found.errors, found.warnings, found.summary) == (SUBMITTED, 0, 2, summary)
    assert found.reviewer == CITY_REVIEWER
    [step] = found.history
    assert (step.username, step.action, step.from_state, step.to_state, step.comment) == (
        "gulou",
        "submit",
        None,
        SUBMITTED,
        "2019 年数据",
    )


def test_a_county_submission_goes_through_its_city_to_the_province(submissions, db, clock):
    made = submit(submissions)
    submitted_at = clock.now
    clock.advance(hours=2)
    forwarded = submissions.review(made.id, "forward", tier=CITY_REVIEWER, by=CITY_USER, comment="已核")
    assert (forwarded.state, forwarded.reviewer) == (CITY_ACCEPTED, PROVINCE_REVIEWER)
    forwarded_at = clock.now
    clock.advance(days=1)
    [accepted] = submissions.accept([made.id], tier=PROVINCE_REVIEWER, by=PROVINCE_USER, version_id="20190601T0-ab")
    assert (accepted.state, accepted.version_id, accepted.reviewer) == (ACCEPTED, "20190601T0-ab", None)
    steps = [(s.username, s.action, s.from_state, s.to_state, s.at, s.comment, s.version_id) for s in accepted.history]
    assert steps == [
        ("gulou", "submit", None, SUBMITTED, submitted_at, None, None),
        ("xuzhou", "forward", SUBMITTED, CITY_ACCEPTED, forwarded_at, "已核", None),
        ("sheng", "accept", CITY_ACCEPTED, ACCEPTED, clock.now, None, "20190601T0-ab"),
    ]
    trail = AuditTrail(db).search()
    assert [(r.action, r.username, r.object, r.region) for r in trail] == [
        ("submission_accept", "sheng", str(made.id), GULOU_XZ),
        ("submission_forward", "xuzhou", str(made.id), GULOU_XZ),
        ("submission_submit", "gulou", str(made.id), GULOU_XZ),
    ]
    assert trail[0].detail["version"] == "20190601T0-ab"
    assert trail[1].detail == {"from": SUBMITTED, "to": CITY_ACCEPTED, "comment": "已核"}


def test_returning_needs_a_comment_and_closes_the_submission(submissions):
    made = submit(submissions, NANJING, level="city", by=Actor("nanjing", "city"))
    with pytest.raises(SubmissionError) as missing:
        submissions.review(made.id, "return", tier=PROVINCE_REVIEWER, by=PROVINCE_USER, comment="  ")
    assert missing.value.code == "comment_required"
    returned = submissions.review(made.id, "return", tier=PROVINCE_REVIEWER, by=PROVINCE_USER, comment="缺 12 月数据")
    assert returned.state == RETURNED and returned.history[-1].comment == "缺 12 月数据"
    with pytest.raises(SubmissionError) as closed:
        submissions.accept([made.id], tier=PROVINCE_REVIEWER, by=PROVINCE_USER, version_id="v")
    assert closed.value.code == "closed"
    assert submissions.get(made.id).state == RETURNED


def test_a_refused_step_changes_nothing_and_records_nothing(submissions, db):
    made = submit(submissions)
    before = AuditTrail(db).count()
    with pytest.raises(SubmissionError):
        submissions.accept([made.id], tier=PROVINCE_REVIEWER, by=PROVINCE_USER, version_id="v")  # city first
    assert submissions.get(made.id).state == SUBMITTED and len(submissions.get(made.id).history) == 1
    assert AuditTrail(db).count() == before
    with pytest.raises(SubmissionError) as unknown:
        submissions.review(9999, "forward", tier=CITY_REVIEWER, by=CITY_USER)
    assert unknown.value.code == "not_found"


def test_a_newer_submission_supersedes_the_open_older_one_and_says_so(submissions):
    older = submit(submissions)
    other_year = submit(submissions, year=2018)
    other_region = submit(submissions, TONGSHAN)
    broader = submit(submissions, tables=("indicator_inputs", "certifications"))  # covers ``older``
    narrower = submit(submissions)  # only indicator_inputs: it does not cover ``broader``'s certifications
    assert submissions.get(older.id).state == SUPERSEDED
    assert submissions.get(older.id).superseded_by == broader.id
    step = submissions.get(older.id).history[-1]
    assert (step.action, step.from_state, step.to_state) == ("supersede", SUBMITTED, SUPERSEDED)
    assert f"#{broader.id}" in step.comment and "取代" in step.comment and "Superseded" in step.comment
    for kept in (other_year, other_region, broader, narrower):
        assert submissions.get(kept.id).state == SUBMITTED


def test_a_forwarded_submission_is_superseded_but_an_accepted_one_stays(submissions):
    forwarded = submit(submissions)
    submissions.review(forwarded.id, "forward", tier=CITY_REVIEWER, by=CITY_USER)
    accepted = submit(submissions, TONGSHAN)
    submissions.review(accepted.id, "forward", tier=CITY_REVIEWER, by=CITY_USER)
    submissions.accept([accepted.id], tier=PROVINCE_REVIEWER, by=PROVINCE_USER, version_id="v1")
    submit(submissions)
    submit(submissions, TONGSHAN)
    assert submissions.get(forwarded.id).state == SUPERSEDED
    assert submissions.get(accepted.id).state == ACCEPTED


def test_several_are_accepted_into_one_version_all_or_none(submissions):
    city = submit(submissions, XUZHOU, level="city", by=CITY_USER)
    county = submit(submissions)
    waiting = submit(submissions, TONGSHAN)  # not yet reviewed by the city
    submissions.review(county.id, "forward", tier=CITY_REVIEWER, by=CITY_USER)
    with pytest.raises(SubmissionError) as refused:
        submissions.check_accept([city.id, county.id, waiting.id], tier=PROVINCE_REVIEWER)
    assert (refused.value.code, refused.value.values["id"]) == ("awaits_city", waiting.id)
    with pytest.raises(SubmissionError):
        submissions.accept([city.id, county.id, waiting.id], tier=PROVINCE_REVIEWER, by=PROVINCE_USER, version_id="v")
    assert [submissions.get(i).state for i in (city.id, county.id)] == [SUBMITTED, CITY_ACCEPTED]
    checked = submissions.check_accept([city.id, county.id, city.id], tier=PROVINCE_REVIEWER)
    assert [s.id for s in checked] == [city.id, county.id]
    accepted = submissions.accept([city.id, county.id], tier=PROVINCE_REVIEWER, by=PROVINCE_USER, version_id="v2")
    assert {(s.state, s.version_id) for s in accepted} == {(ACCEPTED, "v2")}


def test_two_submissions_of_the_same_region_table_and_year_cannot_share_a_version(submissions):
    first = submit(submissions, XUZHOU, level="city", by=CITY_USER, tables=("indicator_inputs", "certifications"))
    second = submit(submissions, XUZHOU, level="city", by=CITY_USER, tables=("certifications",))
    with pytest.raises(SubmissionError) as refused:
        submissions.check_accept([first.id, second.id], tier=PROVINCE_REVIEWER)
    assert refused.value.code == "overlap" and refused.value.values["table"] == "certifications"


def test_search_finds_a_regions_submissions_newest_first_without_their_bytes(submissions, clock):
    first = submit(submissions)
    clock.advance(minutes=5)
    second = submit(submissions, TONGSHAN, year=2018)
    clock.advance(minutes=5)
    third = submit(submissions, NANJING, level="city", by=Actor("nanjing", "city"))
    assert [s.id for s in submissions.search()] == [third.id, second.id, first.id]
    assert [s.id for s in submissions.search(regions={GULOU_XZ, TONGSHAN})] == [second.id, first.id]
    assert [s.id for s in submissions.search(regions={GULOU_XZ, TONGSHAN}, year=2019)] == [first.id]
    assert submissions.search(states={ACCEPTED}) == []
    assert submissions.search()[0].files[0].name == "指标.csv"


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ([], "no_files"),
        ([(f"f{i}.csv", b"x") for i in range(4)], "too_many_files"),
        ([("a.csv", b"x" * 101)], "file_too_large"),
        ([("a.csv", b"x" * 80), ("b.csv", b"x" * 80)], "files_too_large"),
        ([("../a.csv", b"x")], "bad_file_name"),
        ([("a\\b.csv", b"x")], "bad_file_name"),
        ([("a.csv", b"x"), ("a.csv", b"y")], "duplicate_file_name"),
    ],
)
def test_files_beyond_the_limits_are_refused(db, files, code):
    limited = Submissions(db, SubmissionLimits(max_files=3, max_file_bytes=100, max_total_bytes=150))
    with pytest.raises(SubmissionError) as refused:
        submit(limited, files=files)
    assert refused.value.code == code
    assert limited.search() == []


def test_only_a_clean_upload_becomes_a_submission(submissions):
    with pytest.raises(SubmissionError) as refused:
        submit(submissions, errors=3)
    assert refused.value.code == "has_errors" and "3" in refused.value.message("en")
    with pytest.raises(SubmissionError) as no_level:
        submit(submissions, level="province")
    assert no_level.value.code == "bad_level"
    assert submissions.search() == []


def test_a_database_made_before_submissions_gains_their_tables_when_opened(open_db):
    from sqlalchemy import inspect

    from chuangye.data.db.models import SubmissionFileRow, SubmissionRow, SubmissionStepRow

    older = open_db()
    with older.engine.begin() as connection:  # as a release before issue 10 left it: accounts and audit only
        for model in (SubmissionStepRow, SubmissionFileRow, SubmissionRow):
            model.__table__.drop(connection)
    assert "submissions" not in inspect(older.engine).get_table_names()
    reopened = open_db()
    assert {"submissions", "submission_files", "submission_steps"} <= set(inspect(reopened.engine).get_table_names())
    assert submit(Submissions(reopened)).state == SUBMITTED

"""Who sees and reviews which submission (the scope rule of engine/scope.py), and the late flags and per-region
counts the certification page shows, from the configured deadlines."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from chuangye.config.loader import load_config, packaged_config_path
from chuangye.data.db.submissions import (
    ACCEPTED,
    CITY_ACCEPTED,
    CITY_REVIEWER,
    PROVINCE_REVIEWER,
    RETURNED,
    SUBMITTED,
    SUPERSEDED,
    Submission,
)
from chuangye.data.store import Store
from chuangye.engine.regions import RegionTree
from chuangye.engine.scope import Scope, ScopeError
from chuangye.engine.submissions import (
    Lateness,
    lateness,
    region_counts,
    reviewer_tier,
    sees,
    submitting_level,
    visible_regions,
)
from chuangye.sample.bundled import SAMPLE_DIR

XUZHOU, GULOU_XZ, TONGSHAN = "320300", "320302", "320312"
NANJING, XUANWU = "320100", "320102"
UTC = dt.UTC


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> RegionTree:
    store = Store(tmp_path_factory.mktemp("submission-scope"))
    store.ensure_initialised(SAMPLE_DIR)
    return RegionTree.from_frame(store.active().regions)


def submission(region: str, state: str = SUBMITTED, *, at: dt.datetime, tables=("certifications",), year=2019):
    level = "city" if len(region) == 6 and region.endswith("00") else "county"
    return Submission(
        id=1, region=region, level=level, tables=tuple(tables), year=year, submitter="u", submitter_role=level,
        created_at=at, state=state, updated_at=at, version_id=None, superseded_by=None, errors=0, warnings=0,
        summary={},
    )  # fmt: skip


def test_a_county_of_xuzhou_sees_only_its_own_submissions(tree):
    gulou = Scope("county", GULOU_XZ)
    assert visible_regions(gulou, tree) == {GULOU_XZ}
    assert sees(gulou, GULOU_XZ, tree)
    assert not sees(gulou, XUANWU, tree)  # 南京's
    assert not sees(gulou, TONGSHAN, tree)  # a neighbour in its own city
    assert not sees(gulou, XUZHOU, tree)  # its city's own submission
    assert submitting_level(gulou, tree) == "county"


def test_a_city_sees_its_own_and_its_counties_submissions_and_reviews_only_its_counties(tree):
    xuzhou = Scope("city", XUZHOU)
    regions = visible_regions(xuzhou, tree)
    assert regions == {XUZHOU, *tree.children(XUZHOU)}
    assert not sees(xuzhou, NANJING, tree) and not sees(xuzhou, XUANWU, tree)
    assert reviewer_tier(xuzhou, GULOU_XZ, tree) == CITY_REVIEWER
    assert reviewer_tier(xuzhou, XUANWU, tree) is None  # 南京's county: not its to review
    assert reviewer_tier(xuzhou, XUZHOU, tree) is None  # its own submission goes to the province
    assert submitting_level(xuzhou, tree) == "city"


def test_the_province_sees_and_reviews_everything_and_submits_nothing(tree):
    for role in ("admin", "province"):
        scope = Scope(role)
        assert visible_regions(scope, tree) is None
        assert sees(scope, XUANWU, tree)
        assert reviewer_tier(scope, GULOU_XZ, tree) == PROVINCE_REVIEWER
        assert submitting_level(scope, tree) is None
    assert reviewer_tier(Scope("county", GULOU_XZ), GULOU_XZ, tree) is None  # nobody reviews their own


def test_an_account_whose_region_does_not_fit_the_data_sees_nothing(tree):
    with pytest.raises(ScopeError):
        visible_regions(Scope("city", GULOU_XZ), tree)  # a county code on a city account


def test_a_submission_is_late_against_the_configured_deadline(tmp_path):
    cfg = load_config()
    on_time = submission(GULOU_XZ, at=dt.datetime(2018, 12, 31, 12, tzinfo=UTC))
    late = submission(GULOU_XZ, at=dt.datetime(2019, 1, 3, 12, tzinfo=UTC))
    assert lateness(on_time, cfg.certification_cycle).late is False
    assert lateness(late, cfg.certification_cycle) == Lateness(dt.date(2018, 12, 31), 3)
    text = packaged_config_path().read_text(encoding="utf-8")
    for old, new in (
        (
            "county_evaluated = { year = -1, month = 12, day = 31 }",
            "county_evaluated = { year = 0, month = 1, day = 31 }",
        ),
        ("city_reviewed = { year = -1, month = 12, day = 31 }", "city_reviewed = { year = 0, month = 1, day = 31 }"),
    ):
        text = text.replace(old, new, 1)
    path = Path(tmp_path) / "province.toml"
    path.write_text(text, encoding="utf-8")
    later = load_config(path).certification_cycle
    assert lateness(late, later).late is False  # the flag follows the configuration
    assert lateness(dataclasses.replace(late, year=None), cfg.certification_cycle).deadline is None


def test_open_and_late_submissions_are_counted_per_city_or_per_county(tree):
    cycle = load_config().certification_cycle
    early, late = dt.datetime(2018, 12, 1, tzinfo=UTC), dt.datetime(2019, 2, 1, tzinfo=UTC)
    found = [
        submission(GULOU_XZ, SUBMITTED, at=late),
        submission(TONGSHAN, CITY_ACCEPTED, at=early),
        submission(XUZHOU, ACCEPTED, at=late),
        submission(XUZHOU, SUPERSEDED, at=late),  # replaced: the newer one counts, not this one
        submission(XUANWU, RETURNED, at=early),
        submission(NANJING, ACCEPTED, at=early),
    ]
    cities = region_counts(found, tree.codes("city"), tree, cycle)
    # 徐州市: two open (鼓楼区's, 铜山区's forwarded one), two late (鼓楼区's and the city's own accepted one);
    # 南京市 has neither open nor late ones and is left out
    assert cities.to_dict("records") == [{"region_code": XUZHOU, "open": 2, "late": 2}]
    counties = region_counts(found, [XUZHOU, *tree.children(XUZHOU)], tree, cycle).set_index("region_code")
    assert counties.to_dict("index") == {
        XUZHOU: {"open": 0, "late": 1},
        GULOU_XZ: {"open": 1, "late": 1},
        TONGSHAN: {"open": 1, "late": 0},
    }
    nothing = region_counts([], tree.codes("city"), tree, cycle)
    assert nothing.empty and list(nothing.columns) == ["region_code", "open", "late"]

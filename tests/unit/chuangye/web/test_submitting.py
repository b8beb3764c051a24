"""The submitting service both doors call (web/submitting.py): an upload with a row outside the user's region is
handed back with that row named and nothing kept; a clean one becomes a submission; accepting several makes ONE
version (their regions merged in: 南京市's and 徐州's 鼓楼区), and a county's cannot be accepted (or previewed)
before its city forwards it."""

from __future__ import annotations

import pandas as pd
import pytest

from chuangye.data.db import Actor
from chuangye.data.db.submissions import CITY_REVIEWER, SubmissionError
from chuangye.data.schema import TABLES
from chuangye.data.store import Store
from chuangye.engine.scope import Scope
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web import submitting
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.submissions import store_of

XUZHOU, GULOU, NANJING = "320300", "320302", "320100"
YEAR = 2019


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("submitting") / "data"
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    app = create_app(data_dir, warm=False, auth=False)
    services = app.server.extensions[EXTENSION]["services"]
    with app.server.test_request_context():
        yield services


def figures(services, region: str, extra_units: tuple[str, ...] = ()) -> bytes:
    active = services.snapshot().dataset
    frame, units = active.indicator_inputs, active.units.set_index("unit_code")
    inside = frame["unit_code"].map(units["county_code"]).eq(region) | frame["unit_code"].map(units["city_code"]).eq(
        region
    )
    rows = frame[inside & frame["year"].eq(YEAR)].copy()
    rows["new_entrepreneurs"] = (rows["working_age_population"] * 0.05).round()
    others = frame[frame["unit_code"].isin(extra_units) & frame["year"].eq(YEAR)]
    return pd.concat([rows, others])[TABLES["indicator_inputs"].column_names].to_csv(index=False).encode()


def test_an_outside_row_is_named_and_nothing_is_kept(services):
    nanjing_unit = str(services.snapshot().dataset.units.query("county_code == '320102'")["unit_code"].iloc[0])
    upload = [("徐州.csv", figures(services, XUZHOU, (nanjing_unit,)))]
    before = len(store_of(services).search())
    outcome = submitting.submit(services, Scope("city", XUZHOU), "city", upload, by=Actor("xuzhou", "city"))
    assert outcome.submission is None and len(outcome.errors) == 1
    (problem,) = outcome.errors
    assert problem.check == "row_outside_region" and problem.value == nanjing_unit and problem.file == "徐州.csv"
    assert outcome.tables == {"徐州.csv": "indicator_inputs"}  # the column gets the table's Chinese header
    assert len(store_of(services).search()) == before


def test_a_year_asked_that_the_files_do_not_hold_is_refused_with_words(services):
    upload = [("徐州.csv", figures(services, XUZHOU))]
    with pytest.raises(submitting.Refusal) as refused:
        submitting.submit(services, Scope("city", XUZHOU), "city", upload, by=Actor("xuzhou", "city"), year=2018)
    assert refused.value.status == 422 and refused.value.error == "year_mismatch"
    assert "2018" in refused.value.message("zh") and "2019" in refused.value.message("en")


def test_a_county_goes_through_its_city_then_two_are_accepted_into_one_version(services):
    city = submitting.submit(services, Scope("city", NANJING), "city", [("市.csv", figures(services, NANJING))],
                             by=Actor("nanjing", "city")).submission  # fmt: skip
    county = submitting.submit(services, Scope("county", GULOU), "county", [("县.csv", figures(services, GULOU))],
                               by=Actor("gulou", "county")).submission  # fmt: skip
    assert city is not None and county is not None and county.state == "submitted"
    with pytest.raises(SubmissionError):
        submitting.preview_accept(services, [city.id, county.id])
    first = services.store.active_version_id()
    store_of(services).review(county.id, "forward", tier=CITY_REVIEWER, by=Actor("xuzhou", "city"))
    preview = submitting.preview_accept(services, [city.id, county.id])
    assert preview.after is not None and not preview.errors
    done = submitting.accept(services, [city.id, county.id], by=Actor("prov", "province"), via="test")
    assert done.version is not None and done.version != first
    assert services.store.active_version_id() == done.version
    assert {s.state for s in done.submissions} == {"accepted"}
    assert {s.version_id for s in done.submissions} == {done.version}

"""coverage_changes (issue 10): the coverage of two versions side by side, only where they differ. On the sample,
徐州市 gains one certified 社区(村) in the 2019 round: exactly that city, type and year (and the province row,
and its county) change, by one unit; cumulative coverage carries it into 2020."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.dataset import conform
from chuangye.data.store import Store
from chuangye.engine.impact import COLUMNS, coverage_changes, import_impact, touched_years
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR

XUZHOU = "320300"
CV = "community_village"


@pytest.fixture(scope="module")
def before(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("impact-store"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


@pytest.fixture(scope="module")
def newly_certified(before: Analytics) -> pd.Series:
    """A 徐州 community/village in scope that no round has touched."""
    units = before.dataset.units
    touched = set(before.dataset.certifications["unit_code"])
    candidates = units[
        (units["city_code"] == XUZHOU)
        & (units["unit_type"] == CV)
        & units["in_scope"].fillna(False).astype(bool)
        & units["active_from"].isna()
        & units["active_to"].isna()
        & ~units["unit_code"].isin(touched)
    ]
    return candidates.sort_values("unit_code").iloc[0]


@pytest.fixture(scope="module")
def after(before: Analytics, newly_certified: pd.Series) -> Analytics:
    row = {
        "unit_code": newly_certified["unit_code"],
        "round_year": 2019,
        "stage": "certified",
        "declared_date": pd.Timestamp("2018-06-10"),
        "county_evaluated_date": pd.Timestamp("2018-09-10"),
        "city_reviewed_date": pd.Timestamp("2018-12-10"),
        "decided_date": pd.Timestamp("2019-05-10"),
    }
    certs = pd.concat([before.dataset.certifications, conform("certifications", pd.DataFrame([row]))])
    dataset = dataclasses.replace(before.dataset, certifications=conform("certifications", certs))
    return Analytics(dataset, before.cfg)


def test_one_certified_unit_changes_exactly_its_city_type_and_year(before: Analytics, after: Analytics) -> None:
    changes = coverage_changes(before, after, years=[2019])
    assert list(changes.columns) == COLUMNS
    assert changes[["region_code", "level", "unit_type", "year"]].values.tolist() == [[XUZHOU, "city", CV, 2019]]
    [row] = changes.to_dict("records")
    old = before.coverage(level="city", year=2019, unit_type=CV, region=XUZHOU).iloc[0]
    assert (row["before_certified"], row["after_certified"]) == (
        old["certified_cumulative"],
        old["certified_cumulative"] + 1,
    )
    assert row["before_total"] == row["after_total"] == old["units_in_scope"]
    assert row["before_coverage"] == pytest.approx(old["coverage"])
    assert row["after_coverage"] == pytest.approx(old["coverage"] + 1 / old["units_in_scope"])


def test_the_province_and_the_county_change_with_it(
    before: Analytics, after: Analytics, newly_certified: pd.Series
) -> None:
    changes = coverage_changes(before, after, years=[2019], level=("province", "city", "county"))
    got = {
        (r["level"], r["region_code"]): r["after_certified"] - r["before_certified"] for r in changes.to_dict("records")
    }
    assert got == {("province", "320000"): 1, ("city", XUZHOU): 1, ("county", newly_certified["county_code"]): 1}


def test_cumulative_coverage_carries_the_unit_into_later_years(before: Analytics, after: Analytics) -> None:
    changes = coverage_changes(before, after)
    assert changes[["region_code", "unit_type", "year"]].values.tolist() == [[XUZHOU, CV, 2019], [XUZHOU, CV, 2020]]


def test_every_row_when_asked_and_nothing_when_nothing_changed(before: Analytics, after: Analytics) -> None:
    assert coverage_changes(before, before).empty
    every = coverage_changes(before, after, years=[2019], every_row=True)
    assert len(every) == len(before.coverage(level="city", year=2019)) == 13 * 3
    meets = coverage_changes(before, after, basis="meets")
    assert meets.empty  # a certification changes no unit's figures


def test_a_year_only_one_version_has_is_said_so(before: Analytics) -> None:
    inputs = before.dataset.indicator_inputs
    certs = before.dataset.certifications
    fewer = dataclasses.replace(
        before.dataset,
        indicator_inputs=conform("indicator_inputs", inputs[inputs["year"] < 2020]),
        certifications=conform("certifications", certs[certs["round_year"] < 2020]),
    )
    changes = coverage_changes(before, Analytics(fewer, before.cfg), level="province")
    assert set(changes["year"]) == {2020} and changes["after_coverage"].isna().all()
    assert changes["after_total"].isna().all() and changes["before_total"].notna().all()


def test_an_import_s_impact_is_the_province_and_each_city_with_their_names(before: Analytics, after: Analytics) -> None:
    """The one function the Data page's preview and the API's ``impact`` share."""
    impact = import_impact(before, after, years=[2019], lang="en")
    assert impact[["region_code", "level", "year"]].values.tolist() == [
        ["320000", "province", 2019],
        [XUZHOU, "city", 2019],
    ]
    assert impact["region_name"].tolist() == [before.region_name("320000", "en"), before.region_name(XUZHOU, "en")]
    assert import_impact(before, after, years=[2019])["region_name"].tolist() == ["江苏省", "徐州市"]
    assert import_impact(before, before).empty


def test_the_years_an_import_touches_follow_its_tables(before: Analytics) -> None:
    dataset = before.dataset
    certs = dataset.certifications
    one_round = dataclasses.replace(
        dataset, certifications=conform("certifications", certs[certs["round_year"] == 2019])
    )
    known = [2018, 2019, 2020]
    assert touched_years(one_round, ["certifications"], known) == {2019, 2020}  # cumulative: later years too
    quotas = dataset.quotas
    one_year = dataclasses.replace(dataset, quotas=conform("quotas", quotas[quotas["year"] == 2020]))
    assert touched_years(one_year, ["quotas"], known) == {2020}
    assert touched_years(dataset, ["quotas", "units"], known) is None  # units: any year may change
    assert touched_years(dataset, [], known) == frozenset()

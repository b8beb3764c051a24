"""A submission's life with the data store: its files checked by the import's preview, delivered (bytes kept),
forwarded by its city, accepted by the province through ``Store.import_paths`` into a new version whose numbers
changed, and marked accepted with that version's id."""

from __future__ import annotations

import pytest

from chuangye.config.loader import load_config
from chuangye.data.db import Actor, Database, Submissions
from chuangye.data.db.submissions import ACCEPTED, CITY_REVIEWER, PROVINCE_REVIEWER
from chuangye.data.schema import TABLES
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR

GULOU_XZ = "320302"  # 徐州市鼓楼区
YEAR = 2019


def meets(dataset, cfg) -> float:
    """鼓楼区's share of streets/towns meeting the standard by indicators in ``YEAR``."""
    frame = Analytics(dataset, cfg).coverage(basis="meets", region=GULOU_XZ, year=YEAR, unit_type="street_town")
    return float(frame["coverage"].iloc[0])


def strong_figures(store: Store) -> bytes:
    """The indicator table with every 鼓楼区 street/town's figures of ``YEAR`` passing every threshold."""
    active = store.active()
    frame = active.indicator_inputs.copy()
    units = active.units.set_index("unit_code")
    mine = frame["unit_code"].map(units["county_code"]).eq(GULOU_XZ) & frame["year"].eq(YEAR)
    mine &= frame["unit_code"].map(units["unit_type"]).eq("street_town")
    frame.loc[mine, "new_entrepreneurs"] = (frame.loc[mine, "working_age_population"] * 0.05).round()
    frame.loc[mine, "trainees_started"] = frame.loc[mine, "trainees"]
    frame.loc[mine, "entities_surviving"] = frame.loc[mine, "entities_prev_year"]
    frame.loc[mine, "jobs_by_entrepreneurship"] = frame.loc[mine, "new_jobs_total"]
    return frame[TABLES["indicator_inputs"].column_names].to_csv(index=False).encode("utf-8")


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "data", config=load_config())
    store.ensure_initialised(SAMPLE_DIR)
    return store


def test_a_clean_upload_goes_through_city_and_province_into_a_new_version(store, tmp_path):
    cfg = load_config()
    before_version, before = store.active_version_id(), meets(store.active(), cfg)
    assert before < 1.0  # something for the new figures to change
    content = strong_figures(store)
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "indicator_inputs.csv").write_bytes(content)

    preview = store.preview_import([upload])
    assert not [p for p in preview.problems if p.is_error]
    submissions = Submissions(Database.open(store.data_dir, environ={}))
    made = submissions.submit(
        region=GULOU_XZ,
        level="county",
        tables=["indicator_inputs"],
        year=YEAR,
        files=[("indicator_inputs.csv", content)],
        by=Actor("gulou", "county"),
        warnings=sum(not p.is_error for p in preview.problems),
        summary={"changes": [c.as_dict() for c in preview.changes]},
    )
    submissions.review(made.id, "forward", tier=CITY_REVIEWER, by=Actor("xuzhou", "city"))
    checked = submissions.check_accept([made.id], tier=PROVINCE_REVIEWER)

    accepted_dir = tmp_path / "accepted"
    accepted_dir.mkdir()
    for name, kept in submissions.contents(checked[0].id):
        (accepted_dir / name).write_bytes(kept)  # the bytes the county uploaded, from the database
    result = store.import_paths([accepted_dir])
    [accepted] = submissions.accept([made.id], tier=PROVINCE_REVIEWER, by=Actor("sheng", "province"),
                                    version_id=result.version_id)  # fmt: skip

    assert (accepted.state, accepted.version_id) == (ACCEPTED, result.version_id)
    assert store.active_version_id() == result.version_id != before_version
    assert meets(store.active(), cfg) == 1.0 > before
    changed = {c.table: c.changed for c in result.changes}
    assert changed["indicator_inputs"] > 0 and changed["certifications"] == 0

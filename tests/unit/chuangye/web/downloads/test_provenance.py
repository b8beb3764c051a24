"""A grid export's metadata names the data's source and says "sample data is synthetic" only when the active
version holds sample tables (issue 12)."""

from __future__ import annotations

import dataclasses

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.web.downloads.views import view_meta
from chuangye.web.viewstate import ViewState

LABEL = {"zh": "示例数据为合成数据", "en": "sample data is synthetic"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Analytics:
    path = tmp_path_factory.mktemp("downloads-provenance")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return Analytics(Store(path).active(), load_config())


def source_of(an: Analytics, lang: str) -> str:
    state = ViewState(page="map", region="320100", year=2019, unit_type="park", lang=lang)
    return dict(view_meta(an, state, "park", 5))[t("exp_meta_source", lang)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_metadata_is_labelled_only_for_synthetic_data(sample, lang):
    assert LABEL[lang] in source_of(sample, lang)
    meta = dataclasses.replace(sample.dataset.meta, synthetic_tables=())
    real = Analytics(dataclasses.replace(sample.dataset, meta=meta), sample.cfg)
    assert source_of(real, lang) == t("footer_source", lang)

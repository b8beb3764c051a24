"""The footer says "示例数据为合成数据 / sample data is synthetic" only while the active version holds sample tables
(issue 12): the data directory starts from the bundled sample, then the same five tables are imported as the
user's own files (no sample marker beside them). The footer and the method page's sources say no such thing;
rolled back to the sample version, the next page says it again, in both languages."""

from __future__ import annotations

import shutil

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from tests.browser.conftest import open_path, snap, wait_for, wait_settled

LABEL = {"zh": "示例数据为合成数据", "en": "sample data is synthetic"}
SOURCE = {"zh": "数据来源：江苏省人力资源社会保障厅创业型单位建设统计", "en": "Source: Jiangsu HRSS"}
TABLES = ("regions", "units", "indicator_inputs", "certifications", "quotas")


@pytest.fixture(scope="module")
def data_dir(seeded_store, tmp_path_factory):
    root = tmp_path_factory.mktemp("provenance")
    shutil.copytree(seeded_store, root / "data")
    own = root / "own-files"
    own.mkdir()
    for name in TABLES:  # the user's files: the sample's tables without the marker `chuangye sample` leaves
        shutil.copy(SAMPLE_DIR / f"{name}.csv", own / f"{name}.csv")
    Store(root / "data", config=load_config()).import_paths([own])
    return root / "data"


@pytest.fixture(scope="module")
def dash_app(data_dir):
    from chuangye.web.app import create_app

    return create_app(data_dir=data_dir, auth=False, warm=False)


def footer(dash_duo) -> str:
    return dash_duo.find_element("#footer-source").text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_real_data_has_a_source_line_without_the_synthetic_label(dash_duo, lang):
    open_path(dash_duo, f"/?lang={lang}")
    wait_for(lambda: SOURCE[lang] in footer(dash_duo), 20, f"the footer never said {SOURCE[lang]!r}")
    assert LABEL[lang] not in footer(dash_duo)
    open_path(dash_duo, f"/method?lang={lang}", "#method-title")
    wait_settled(dash_duo)
    page = dash_duo.find_element("#method-page").text
    assert SOURCE[lang] in page and LABEL[lang] not in page
    snap(dash_duo, f"provenance-real-{lang}")


def test_the_sample_version_is_labelled_synthetic_again(dash_duo, data_dir):
    store = Store(data_dir)
    sample_version = store.versions()[0].id
    assert store.load(sample_version).synthetic and not store.active().synthetic
    store.rollback(sample_version)
    for lang in ("zh", "en"):
        open_path(dash_duo, f"/?lang={lang}")
        wait_for(lambda lang=lang: LABEL[lang] in footer(dash_duo), 20, f"the footer never said {LABEL[lang]!r}")
        assert footer(dash_duo).startswith(SOURCE[lang])
        snap(dash_duo, f"provenance-sample-{lang}")

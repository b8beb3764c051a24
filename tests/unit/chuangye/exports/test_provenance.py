"""The "sample data is synthetic" label follows the data version's manifest (issue 12): chart source lines, the
region workbook and the region report carry it for a version holding sample tables, and only then."""

from __future__ import annotations

import dataclasses
import io

import pytest
from openpyxl import load_workbook

import chuangye.exports.report.build as build
from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.exports.chrome import source_line
from chuangye.exports.workbook import region_workbook
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import data_source, t

NANJING = "320100"
LABEL = {"zh": "示例数据为合成数据", "en": "sample data is synthetic"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("provenance"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


@pytest.fixture(scope="module")
def real(sample: Analytics) -> Analytics:
    """The same tables as a version whose manifest marks none of them synthetic (the user's own data)."""
    meta = dataclasses.replace(sample.dataset.meta, synthetic_tables=())
    return Analytics(dataclasses.replace(sample.dataset, meta=meta), sample.cfg)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_source_line_names_the_source_and_adds_the_label_only_for_synthetic_data(lang):
    source = t("footer_source", lang)
    assert LABEL[lang] not in source
    assert data_source(lang, synthetic=False) == source
    assert data_source(lang, synthetic=True).startswith(source) and LABEL[lang] in data_source(lang, synthetic=True)
    assert LABEL[lang] in source_line(lang, synthetic=True) and LABEL[lang] not in source_line(lang, synthetic=False)


def test_the_manifest_decides(sample, real):
    assert sample.dataset.synthetic and not real.dataset.synthetic


def workbook_source(an: Analytics, lang: str) -> str:
    book = load_workbook(io.BytesIO(region_workbook(an, an.regions.root, an.years[-1], lang=lang)))
    label = t("exp_meta_source", lang)
    cells = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) if label in row]
    assert cells, "the workbook names its source"
    return str(cells[0][cells[0].index(label) + 1])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_region_workbook_is_labelled_only_when_the_data_is_synthetic(sample, real, lang):
    assert LABEL[lang] in workbook_source(sample, lang)
    real_source = workbook_source(real, lang)
    assert real_source == t("footer_source", lang) and LABEL[lang] not in real_source


@pytest.fixture
def sources(monkeypatch) -> list[str]:
    """The source line under each chart the report would render (the browser replaced by a recorder)."""
    seen: list[str] = []
    real_decorate = build.decorate

    def recording_decorate(figure, **kwargs):
        seen.append(kwargs["source"])
        return real_decorate(figure, **kwargs)

    monkeypatch.setattr(build, "decorate", recording_decorate)
    monkeypatch.setattr(build, "render_decorated", lambda figure, p, fmt, **_: b"png")
    monkeypatch.setattr(build, "compact_png", lambda png: png)
    return seen


def test_the_region_report_is_labelled_only_when_the_data_is_synthetic(sample, real, sources):
    year = sample.years[-1]
    labelled = build.build_report(sample, NANJING, year, "zh", browser=object())
    assert any(LABEL["zh"] in note for note in labelled.notes)
    assert sources and all(LABEL["zh"] in s for s in sources)
    sources.clear()
    plain = build.build_report(real, NANJING, year, "en", browser=object())
    assert t("footer_source", "en") in plain.notes and not any(LABEL["en"] in note for note in plain.notes)
    assert sources and not any(LABEL["en"] in s for s in sources)

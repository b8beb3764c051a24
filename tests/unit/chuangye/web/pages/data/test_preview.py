"""What an upload would do: the confirmation checkboxes map to the import's Consent, as the command line's
--allow-empty and --allow-shrink; a boundary file the reader refuses is an error in the report with the
reader's own message; the files' saving (through chuangye.data.uploads) and the upload's keeping."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from chuangye.config.loader import load_config
from chuangye.data.changes import Consent
from chuangye.data.limits import UPLOAD_LIMITS, UploadLimits
from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.pages.data.preview import consent_needed, consent_of, preview_upload
from chuangye.web.pages.data.workspace import Undecodable, UploadRefused, Workspaces, decode_contents, refusal_message


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("data-preview"), config=load_config())
    store.ensure_initialised(SAMPLE_DIR)
    return store


def test_the_checkboxes_are_the_import_s_consent():
    assert consent_of(None) == Consent()
    assert consent_of(["allow_empty"]) == Consent(allow_empty=True)
    assert consent_of(["allow_shrink", "allow_empty", "something else"]) == Consent(True, True)


def test_an_emptied_and_a_shrunk_table_ask_for_their_confirmations_and_get_them(store, tmp_path):
    header = (SAMPLE_DIR / "certifications.csv").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "certifications.csv").write_text(header + "\n", encoding="utf-8")
    quotas = (SAMPLE_DIR / "quotas.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "quotas.csv").write_text("\n".join(quotas) + "\n", encoding="utf-8")
    store.import_paths([tmp_path / "own" / "quotas.csv"])  # the user's own rows (not the sample's) can be lost
    (tmp_path / "quotas.csv").write_text("\n".join(quotas[:10]) + "\n", encoding="utf-8")
    files = [tmp_path / "certifications.csv", tmp_path / "quotas.csv"]

    refused = preview_upload(store, files, [])
    assert consent_needed(refused.problems) == ["allow_empty", "allow_shrink"]
    assert refused.blocked
    allowed = preview_upload(store, files, [], consent_of(["allow_empty", "allow_shrink"]))
    assert consent_needed(allowed.problems) == []
    assert {c.table: c.after for c in allowed.changes if c.origin == "file"} == {"certifications": 0, "quotas": 9}


def test_a_boundary_file_the_reader_refuses_is_an_error_with_its_message(store, tmp_path):
    broken = tmp_path / "乡镇.gpkg"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a truncated GeoPackage
    result = preview_upload(store, [], [broken])
    (problem,) = result.problems
    assert problem.is_error and problem.file == "乡镇.gpkg" and problem.check == "boundary_invalid"
    assert "乡镇.gpkg" in problem.message_zh and "乡镇.gpkg" in problem.message_en
    assert result.boundaries == {}


def test_one_boundary_file_at_a_time(store, tmp_path):
    files = [tmp_path / "a.geojson", tmp_path / "b.zip"]
    (problem,) = preview_upload(store, [], files).problems
    assert "a.geojson" in problem.message_zh and "one township boundary file" in problem.message_en


@pytest.mark.parametrize(("name", "saved"), [("../../etc/passwd.csv", "passwd.csv"), ("C:\\data\\q.xlsx", "q.xlsx")])
def test_the_page_saves_through_the_import_core_s_one_saving_path(tmp_path, name, saved):
    """The Data page keeps no saving code of its own: its names, limits and refusals are chuangye.data.uploads'
    (the page's old copy named a second 'q.csv' 'q (2).csv' and allowed 64 MiB in all, not UploadLimits')."""
    upload = Workspaces(tmp_path).add("root", [(name, b"a,b\n"), ("sub/q.csv", b"1"), ("q.csv", b"2")])
    assert [p.name for p in upload.files] == [saved, "q.csv", "q-2.csv"]
    assert upload.files[0].read_bytes() == b"a,b\n"


def test_an_upload_over_the_core_s_limits_is_refused_in_both_languages_with_nothing_kept(tmp_path):
    assert Workspaces(tmp_path).limits == UPLOAD_LIMITS
    spaces = Workspaces(tmp_path, limits=UploadLimits(max_files=2))
    with pytest.raises(UploadRefused) as refused:
        spaces.add("root", [(f"{n}.csv", b"x") for n in range(3)])
    assert refused.value.check == "too_many_files"
    assert "最多 2 个" in refusal_message(refused.value, "zh") and "at most 2" in refusal_message(refused.value, "en")
    with pytest.raises(UploadRefused):
        spaces.add("root", [("..", b"x")])
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_an_upload_is_its_admin_s_until_it_expires_or_the_next_one(tmp_path):
    now = {"t": 0.0}
    spaces = Workspaces(tmp_path, ttl=60, clock=lambda: now["t"])
    first = spaces.add("root", decode_contents(["q.csv"], ["data:text/csv;base64," + base64.b64encode(b"a").decode()]))
    assert spaces.get(first.token, "root") is first and spaces.get(first.token, "other") is None
    second = spaces.add("root", [("r.csv", b"b")])
    assert spaces.get(first.token, "root") is None and not first.folder.exists()  # one upload per admin
    now["t"] = 61.0
    assert spaces.get(second.token, "root") is None and not second.folder.exists()
    for names, contents in ((["q.csv"], ["not a data url"]), (["a.csv", "b.csv"], ["data:;base64,"]), ("q.csv", 7)):
        with pytest.raises(Undecodable):  # not a file's data, or data without its name
            decode_contents(names, contents)
    assert decode_contents("q.csv", "data:text/csv;base64,YQ==") == [("q.csv", b"a")]


def test_boundary_files_and_their_parts_are_not_read_as_tables(tmp_path):
    spaces = Workspaces(tmp_path)
    names = ["t.shp", "t.shx", "t.dbf", "t.prj", "q.csv", "x.pdf", "s.gpkg"]
    upload = spaces.add("root", [(name, b"x") for name in names])
    assert [p.name for p in upload.boundary_files] == ["t.shp", "s.gpkg"]
    assert [p.name for p in upload.table_files] == ["q.csv", "x.pdf"]  # the table reader names what it cannot read
    assert isinstance(upload.folder, Path)

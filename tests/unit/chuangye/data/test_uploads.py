"""Uploaded files saved safely (issue 10): a client's file name never leaves the upload folder, hides a file or
overwrites another, sizes and counts are bounded, and a refused upload writes nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from chuangye.data.limits import UploadLimits
from chuangye.data.uploads import UploadRefused, safe_name, save_uploads, upload_folder

SMALL = UploadLimits(max_files=3, max_file_bytes=100, max_total_bytes=150, max_name_chars=20)


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("a/b.csv", "b.csv"),
        ("/abs/path/units.xlsx", "units.xlsx"),
        ("C:\\Users\\x\\指标基础数据.xlsx", "指标基础数据.xlsx"),
        ("..\\..\\quotas.csv", "quotas.csv"),
        (".hidden.csv", "hidden.csv"),
        ("bad\x00name|?.csv", "bad_name__.csv"),
        ("  认定进程.csv  ", "认定进程.csv"),
    ],
)
def test_a_name_keeps_only_its_last_part(tmp_path: Path, sent: str, kept: str) -> None:
    into = tmp_path / "in"
    [path] = save_uploads([(sent, b"x")], into)
    assert path == into / kept and path.read_bytes() == b"x"
    assert listing(tmp_path) == ["in", f"in/{kept}"]  # nothing written anywhere else


@pytest.mark.parametrize("sent", ["", "   ", "..", ".", "...", "a/..", "../", "/", "\\\\", "._."])
def test_a_name_with_nothing_usable_is_refused_and_nothing_is_written(tmp_path: Path, sent: str) -> None:
    into = tmp_path / "in"
    with pytest.raises(UploadRefused) as info:
        save_uploads([("fine.csv", b"a"), (sent, b"b")], into)
    assert info.value.check == "bad_name"
    assert "文件名" in info.value.message_zh and "file name" in info.value.message_en
    assert not into.exists()


def test_a_long_name_is_cut_keeping_its_extension() -> None:
    assert safe_name("一" * 300 + ".xlsx", SMALL) == "一" * 15 + ".xlsx"


def test_files_of_the_same_name_get_distinct_names(tmp_path: Path) -> None:
    paths = save_uploads([("a.csv", b"1"), ("x/A.csv", b"2"), ("a.csv", b"3")], tmp_path / "in")
    assert [p.name for p in paths] == ["a.csv", "A-2.csv", "a-3.csv"]
    assert [p.read_bytes() for p in paths] == [b"1", b"2", b"3"]
    again = save_uploads([("a.csv", b"4")], tmp_path / "in")  # never over an earlier upload's file
    assert [p.name for p in again] == ["a-4.csv"] and paths[0].read_bytes() == b"1"  # A-2 is a-2 here


def test_files_are_private_and_new(tmp_path: Path) -> None:
    [path] = save_uploads([("units.csv", b"x")], tmp_path / "in")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "in").stat().st_mode) == 0o700


def test_a_symlink_planted_in_the_folder_is_not_followed(tmp_path: Path) -> None:
    into, target = tmp_path / "in", tmp_path / "target.csv"
    into.mkdir()
    target.write_bytes(b"keep")
    os.symlink(target, into / "units.csv")
    [path] = save_uploads([("units.csv", b"evil")], into)
    assert path.name == "units-2.csv" and target.read_bytes() == b"keep"


@pytest.mark.parametrize(
    ("files", "check"),
    [
        ([], "no_files"),
        ([("a.csv", b"x")] * 4, "too_many_files"),
        ([("huge.csv", b"x" * 101)], "file_too_large"),
        ([("a.csv", b"x" * 80), ("b.csv", b"x" * 80)], "total_too_large"),
    ],
)
def test_limits_refuse_before_anything_is_written(tmp_path: Path, files: list, check: str) -> None:
    into = tmp_path / "in"
    with pytest.raises(UploadRefused) as info:
        save_uploads(files, into, SMALL)
    assert info.value.check == check and not into.exists()
    assert " / " in str(info.value)


def test_a_huge_file_is_refused_at_the_default_limits(tmp_path: Path) -> None:
    from chuangye.data.limits import UPLOAD_LIMITS

    huge = bytes(UPLOAD_LIMITS.max_file_bytes + 1)
    with pytest.raises(UploadRefused) as info:
        save_uploads([("indicator_inputs.csv", huge)], tmp_path / "in")
    assert info.value.check == "file_too_large"
    assert "64.0 MiB" in info.value.message_zh and "64.0 MiB" in info.value.message_en


def test_the_upload_folder_is_private_and_removed_afterwards() -> None:
    with upload_folder() as folder:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        save_uploads([("a.csv", b"x")], folder)
    assert not folder.exists()

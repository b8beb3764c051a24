"""How much the readers take in, and the thresholds they judge a file's encoding by.

Every limit is checked before the file is parsed (its size, its lines, an XLSX archive's declared sizes), or
while it is streamed (an XLSX sheet's rows), so that an oversized or hostile file is refused in milliseconds
and a bounded amount of memory; the refusal names the file and the limit. ``docs/data-format.md`` lists them
(generated from this module by ``python -m chuangye.data.format_doc``).

The defaults leave room for real data: the whole of Jiangsu is about 23,500 units and 113,000 indicator rows
(the largest file 4.6 MB); the national benchmark dataset (``chuangye sample --scale national``) has some
3 million indicator rows in a 115 MiB file.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """The most one input file may hold."""

    max_file_bytes: int = 128 * MIB  # a CSV or XLSX file on disk
    max_rows: int = 4_000_000  # lines of a CSV, rows of a worksheet (header and blank rows included)
    max_columns: int = 256  # cells of a row (the widest table has 15 columns)
    max_unzipped_bytes: int = 256 * MIB  # an XLSX (or a zipped shapefile): all members, as the archive declares
    max_zip_ratio: int = 100  # one member's uncompressed size over its compressed size ...
    zip_ratio_floor_bytes: int = 4 * MIB  # ... checked for members that unpack to more than this


@dataclass(frozen=True)
class EncodingRules:
    """When a CSV that is not UTF-8 is believed to be GB18030/GBK (see ``chuangye.data.encoding``)."""

    # Read as GB18030, at most this share of the non-ASCII characters may be ideographs outside GB2312's
    # 6,763 common simplified characters (the registry's 172,500 name characters have 0.03 %); a file with
    # any, however few, is believed only when the detector (charset-normalizer) agrees.
    max_rare_share: float = 0.02
    detector_sample_bytes: int = 64 * 1024  # how much of the file the detector reads
    shown_line_chars: int = 60  # how much of a doubtful line a refusal quotes


@dataclass(frozen=True)
class UploadLimits:
    """The most one upload (the files sent in one request: a page's upload, ``POST /api/v1/imports``, a
    submission) may bring, checked before anything is written (``chuangye.data.uploads.save_uploads``). Each file
    is then read within ``ReadLimits``."""

    max_files: int = 20  # five tables, a workbook or two, boundary files: more is a mistake or an attack
    max_file_bytes: int = 64 * MIB  # the whole of Jiangsu's largest table is 4.6 MB as CSV
    max_total_bytes: int = 128 * MIB
    max_name_chars: int = 100  # a file name as kept (longer stems are cut, the extension kept)


READ_LIMITS = ReadLimits()
UPLOAD_LIMITS = UploadLimits()
ENCODING_RULES = EncodingRules()
SHOWN_VALUE_CHARS = 40  # a problem quotes at most this much of a cell, then says how long it is


class ReadRefused(Exception):
    """A file refused before (or while) it is read: ``check`` names the problem, ``row`` and ``value`` where it
    is (a line of a CSV, a row of a sheet), ``params`` fill its message."""

    def __init__(self, check: str, row: int | None = None, value: str | None = None, **params: object) -> None:
        super().__init__(check)
        self.check = check
        self.row = row
        self.value = value
        self.params = params


def size_text(n: int) -> str:
    """Bytes the way a person reads them: 1.5 MiB, 200.0 MiB, 3.1 GiB."""
    if n >= 1024 * MIB:
        return f"{n / (1024 * MIB):.1f} GiB"
    if n >= MIB:
        return f"{n / MIB:.1f} MiB"
    return f"{n / 1024:.1f} KiB" if n >= 1024 else f"{n} B"


def check_file_size(path: Path, limits: ReadLimits = READ_LIMITS) -> None:
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ReadRefused("file_too_large", size=size_text(size), limit=size_text(limits.max_file_bytes))


ZIP_ENCRYPTED_FLAG = 0x1  # general purpose bit 0 of a zip member: encrypted (ZipCrypto or AES)
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # a Compound File: a password-protected XLSX, or an old .xls


def check_not_encrypted_workbook(path: Path) -> None:
    """Refuse an ".xlsx" that is a Compound File: what Excel and WPS write for a workbook with an opening
    password (the encrypted package inside an OLE container), or an old .xls renamed."""
    with open(path, "rb") as stream:
        if stream.read(len(OLE_MAGIC)) == OLE_MAGIC:
            raise ReadRefused("xlsx_encrypted")


def check_zip_archive(path: Path | str, limits: ReadLimits = READ_LIMITS) -> None:
    """Refuse a zip archive (an XLSX is one) that would unpack to too much, from its central directory alone.

    Python's zipfile never inflates a member beyond the size the directory declares (and checks its CRC),
    so the declared sizes bound what reading the archive can cost. An archive with a password-protected
    member is refused too: nothing in it could be read. Raises ``zipfile.BadZipFile`` for a file that is not a
    zip archive.
    """
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    if encrypted := next((m for m in members if m.flag_bits & ZIP_ENCRYPTED_FLAG), None):
        raise ReadRefused("zip_encrypted", member=encrypted.filename)
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        raise ReadRefused("zip_too_large", size=size_text(total), limit=size_text(limits.max_unzipped_bytes))
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.zip_ratio_floor_bytes and ratio > limits.max_zip_ratio:
            raise ReadRefused(
                "zip_ratio",
                member=member.filename,
                size=size_text(member.file_size),
                ratio=f"{ratio:,.0f}",
                limit=f"{limits.max_zip_ratio:,}",
            )

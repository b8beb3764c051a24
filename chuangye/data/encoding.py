"""Which encoding a CSV file is in, decided on evidence rather than on whether its bytes happen to decode.

UTF-8 (with or without a BOM) is believed when the bytes are valid UTF-8: text in another encoding is
practically never valid UTF-8 once it holds Chinese. Any other file is read as GB18030 (a superset of GBK and
GB2312: what Excel and WPS save as "CSV" on Chinese Windows) only when what it says reads as Chinese:
GB18030 maps nearly every byte pair to some character, so a Big5 file "decodes" without an error into
nonsense (梅園新村街道 becomes 宾堕穝刁笵). The evidence is

- every non-ASCII character is an ideograph or the punctuation Chinese text uses (no kana, Greek, box
  drawing or private-use characters, which Big5 read as GB18030 is full of), and
- ideographs outside GB2312's 6,763 common simplified characters are rare (``EncodingRules``); when there
  are any at all, the detector charset-normalizer must also name a GB encoding.

Big5 (Traditional Chinese) is refused rather than converted: it cannot write the simplified characters of
official mainland names (园, 区, 门 ...), so a Big5 file's names are traditional or already lossy and would not
match the registry, and telling Big5 from GBK on a few short names is guesswork. The refusal names the
encoding the detector found and the first doubtful line, and asks for the file saved as CSV UTF-8.

The file is streamed in chunks, so checking a large file costs a bounded amount of memory; its lines are
counted on the way and a file with too many is refused before it is parsed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from charset_normalizer import from_bytes

from chuangye.data.limits import ENCODING_RULES, READ_LIMITS, EncodingRules, ReadLimits, ReadRefused

UTF8 = "utf-8-sig"  # reads UTF-8 with or without a BOM (the BOM is not part of the first header)
GB18030 = "gb18030"  # a superset of GBK and GB2312
ENCODINGS = (UTF8, GB18030)
_GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312", "cp936", "hz"})
_CHUNK_BYTES = 1024 * 1024
_DISPLAY_NAMES = {
    "big5": "Big5",
    "cp950": "Big5",
    "big5hkscs": "Big5-HKSCS",
    "gb18030": "GB18030",
    "gbk": "GBK",
    "gb2312": "GB2312",
    "cp936": "GBK",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16",
    "utf_16_be": "UTF-16",
    "utf_32": "UTF-32",
    "shift_jis": "Shift_JIS",
    "cp932": "Shift_JIS",
    "euc_jp": "EUC-JP",
    "euc_kr": "EUC-KR",
    "cp949": "EUC-KR",
    "latin_1": "Latin-1",
    "cp1252": "Windows-1252",
}
# Non-ideographs Chinese names and tables use: CJK and general punctuation, full-width forms, pinyin letters,
# Roman and circled numerals, a few signs.
_CHINESE_SYMBOLS = re.compile(
    "[\u00a0\u00a7\u00b0\u00b1\u00b7\u00d7\u00f7\u2010-\u2027\u2030-\u203b\u2103\u2116\u2160-\u217f"
    "\u2460-\u249b\u3000-\u303f\u3220-\u3243\uff01-\uff5e\uffe0-\uffe6"
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňḿɑɡ]"
)
_COMMON, _RARE, _DOUBTFUL = "common", "rare", "doubtful"


@dataclass(frozen=True)
class CsvEncoding:
    """How to read a CSV file: its codec, how many lines it has, and whether it holds a double quote at all."""

    encoding: str
    lines: int
    has_quotes: bool = True


@cache
def _char_class(char: str) -> str:
    """common: a GB2312 ideograph or Chinese punctuation; rare: another ideograph; doubtful: anything else."""
    if unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            return _RARE
        return _COMMON
    return _COMMON if _CHINESE_SYMBOLS.fullmatch(char) else _DOUBTFUL


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            yield chunk


@dataclass(frozen=True)
class _Lines:
    count: int
    utf8: bool
    has_quotes: bool


def _count_lines(path: Path, limits: ReadLimits) -> _Lines:
    """Lines, valid UTF-8?, any double quote?; refuses a file with more lines than ``limits.max_rows`` as soon as
    it has them."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    newlines, utf8, quotes, last = 0, True, False, b""
    for chunk in _chunks(path):
        newlines += chunk.count(b"\n")
        quotes = quotes or b'"' in chunk  # the byte is the quote in UTF-8, GBK and GB18030 alike
        if newlines > limits.max_rows:
            raise ReadRefused("too_many_rows", row=limits.max_rows + 1, limit=f"{limits.max_rows:,}")
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
        last = chunk
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return _Lines(newlines + (1 if last and not last.endswith(b"\n") else 0), utf8, quotes)


@dataclass
class _Evidence:
    """What the text read as GB18030 looks like."""

    non_ascii: int = 0
    rare: int = 0
    doubtful: int = 0
    first_line: int | None = None  # the first line with a rare or doubtful character, and its text
    first_text: str = ""
    seen: dict[str, str] = field(default_factory=dict)

    def add(self, text: str, lines_before: int) -> None:
        self.non_ascii += len(text) - len(text.encode("ascii", "ignore"))
        odd = {c: _char_class(c) for c in set(text) if not c.isascii()}
        odd = {c: kind for c, kind in odd.items() if kind != _COMMON}
        if not odd:
            return
        pattern = re.compile("[" + "".join(re.escape(c) for c in odd) + "]")
        found = pattern.findall(text)
        self.rare += sum(1 for c in found if odd[c] == _RARE)
        self.doubtful += sum(1 for c in found if odd[c] == _DOUBTFUL)
        if self.first_line is None and (match := pattern.search(text)):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.start())
            self.first_line = lines_before + text.count("\n", 0, match.start()) + 1
            self.first_text = text[start : end if end >= 0 else len(text)].rstrip("\r")


def _gb18030_evidence(path: Path, rules: EncodingRules) -> _Evidence:
    """Read the file as GB18030; refuses it (``encoding_unknown``) where it is not even that."""
    decoder = codecs.getincrementaldecoder(GB18030)("strict")
    evidence, lines = _Evidence(), 0
    for chunk in _chunks(path):
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            bad_line = lines + chunk[: exc.start].count(b"\n") + 1
            raise ReadRefused("encoding_unknown", row=bad_line, found=detected_encoding(path, rules)) from None
        evidence.add(text, lines)
        lines += text.count("\n")
        if evidence.doubtful:  # no need to read on: the file will be refused
            break
    return evidence


def detected_encoding(path: Path, rules: EncodingRules = ENCODING_RULES) -> str:
    """The encoding charset-normalizer finds in the head of the file, as a person would name it."""
    with path.open("rb") as stream:
        head = stream.read(rules.detector_sample_bytes)
    if len(head) == rules.detector_sample_bytes and b"\n" in head:
        head = head[: head.rfind(b"\n") + 1]  # whole lines: no character cut in two
    best = from_bytes(head).best()
    if best is None:
        return "?"
    return _DISPLAY_NAMES.get(best.encoding, best.encoding.upper().replace("_", "-"))


def _believed(evidence: _Evidence, path: Path, rules: EncodingRules) -> tuple[bool, str | None]:
    """(read it as GB18030?, the detector's finding when it was asked)."""
    if evidence.doubtful:
        return False, None
    if not evidence.rare:
        return True, None
    found = detected_encoding(path, rules)
    share = evidence.rare / max(evidence.non_ascii, 1)
    return share <= rules.max_rare_share and found.lower() in _GB_FAMILY, found


def detect_csv_encoding(
    path: str | Path, limits: ReadLimits = READ_LIMITS, rules: EncodingRules = ENCODING_RULES
) -> CsvEncoding:
    """The codec to read ``path`` with; raises :class:`ReadRefused` (``too_many_rows``, ``encoding_unknown``,
    ``encoding_doubtful``) when the file has too many lines or its encoding cannot be told with confidence."""
    path = Path(path)
    lines = _count_lines(path, limits)
    if lines.utf8:
        return CsvEncoding(UTF8, lines.count, lines.has_quotes)
    evidence = _gb18030_evidence(path, rules)
    believed, found = _believed(evidence, path, rules)
    if believed:
        return CsvEncoding(GB18030, lines.count, lines.has_quotes)
    raise ReadRefused(
        "encoding_doubtful",
        row=evidence.first_line,
        value=evidence.first_text[: rules.shown_line_chars],
        found=found or detected_encoding(path, rules),
    )

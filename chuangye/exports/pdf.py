"""Finishing and inspecting the PDFs Chromium prints.

Chromium maps some glyphs of Noto Sans CJK back to the *radical* code points that share the glyph (⽬ U+2F6C
for 目, ⽞ U+2F5E for 玄, ⻚ U+2EDA for 页), so copying or searching "目标" or "玄武区" in the PDF fails.
``finish_pdf`` rewrites those entries of the fonts' ToUnicode maps to the ideographs.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject, TextStringObject

from chuangye.exports.fonts import RADICAL_BLOCKS, radical_equivalents


class _QuietTrailer(logging.Filter):
    """Chromium's PDFs make pypdf warn "Object count … exceeds defined trailer size"; the files are fine."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "exceeds defined trailer size" not in record.getMessage()


for _name in ("pypdf._writer", "pypdf._reader"):
    logging.getLogger(_name).addFilter(_QuietTrailer())

_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


def _is_radical(char: str) -> bool:
    return any(lo <= ord(char) <= hi for lo, hi in RADICAL_BLOCKS)


def _unify(text: str) -> str:
    """Radicals → the ideographs sharing their glyph in the font (NFKC where the font does not say)."""
    same_glyph = radical_equivalents()
    return "".join(same_glyph.get(c) or unicodedata.normalize("NFKC", c) if _is_radical(c) else c for c in text)


def _decode_utf16(hex_text: str) -> str | None:
    try:
        return bytes.fromhex(hex_text).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return None


def _fix_cmap(cmap: str) -> str | None:
    """The CMap with radical destinations replaced, or None when nothing changes."""
    changed = False

    def fix_bfchar(block: re.Match[str]) -> str:
        nonlocal changed
        lines = []
        for line in block.group(2).splitlines():
            parts = _HEX.findall(line)
            if len(parts) == 2 and (text := _decode_utf16(parts[1])) and _unify(text) != text:
                changed = True
                line = f"<{parts[0]}> <{_unify(text).encode('utf-16-be').hex().upper()}>"
            lines.append(line)
        return block.group(1) + "\n".join(lines) + block.group(3)

    def fix_bfrange(block: re.Match[str]) -> str:
        # <lo> <hi> <dst>: split a range whose destinations include a radical into single entries
        nonlocal changed
        kept, singles = [], []
        for line in block.group(2).splitlines():
            parts = _HEX.findall(line)
            if len(parts) == 3 and "[" not in line:
                lo, hi = int(parts[0], 16), int(parts[1], 16)
                first = _decode_utf16(parts[2])
                if first and len(first) == 1:
                    targets = [chr(ord(first) + i) for i in range(hi - lo + 1)]
                    if any(_is_radical(c) for c in targets):
                        changed = True
                        width = len(parts[0])
                        singles += [
                            f"<{lo + i:0{width}X}> <{_unify(c).encode('utf-16-be').hex().upper()}>"
                            for i, c in enumerate(targets)
                        ]
                        continue
            kept.append(line)
        out = block.group(1) + "\n".join(kept) + block.group(3) if kept else ""
        for start in range(0, len(singles), 100):
            chunk = singles[start : start + 100]
            out += f"\n{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar"
        return out

    cmap = re.sub(r"(\d+ beginbfchar\n?)(.*?)(\n?endbfchar)", fix_bfchar, cmap, flags=re.S)
    cmap = re.sub(r"(\d+ beginbfrange\n?)(.*?)(\n?endbfrange)", fix_bfrange, cmap, flags=re.S)
    # the counts before beginbfrange no longer match after a split: recount every block
    cmap = re.sub(
        r"\d+ (beginbf(?:char|range))\n?(.*?)\n?(endbf(?:char|range))",
        lambda m: f"{sum(1 for ln in m.group(2).splitlines() if ln.strip())} {m.group(1)}\n{m.group(2)}\n{m.group(3)}",
        cmap,
        flags=re.S,
    )
    return cmap if changed else None


def finish_pdf(pdf: bytes, *, title: str | None = None, subject: str | None = None, lang: str = "zh") -> bytes:
    """Fix the CJK text map and set the document's title, subject and language."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    seen: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            to_unicode = font.get("/ToUnicode")
            if to_unicode is None or id(to_unicode.get_object()) in seen:
                continue
            stream = to_unicode.get_object()
            seen.add(id(stream))
            fixed = _fix_cmap(stream.get_data().decode("latin-1"))
            if fixed is not None and isinstance(stream, StreamObject):
                stream.set_data(fixed.encode("latin-1"))
    metadata: dict[str, Any] = {"/Producer": "chuangye-dashboard"}
    if title:
        metadata["/Title"] = title
    if subject:
        metadata["/Subject"] = subject
    writer.add_metadata(metadata)
    writer.root_object[NameObject("/Lang")] = TextStringObject("zh-CN" if lang == "zh" else "en")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class PdfFont:
    name: str
    subtype: str
    embedded: bool  # a font program in the file (FontFile*) or glyph procedures (Type3)


def pdf_fonts(pdf: bytes) -> list[PdfFont]:
    """Every font the pages use and whether it travels with the file."""
    reader = PdfReader(io.BytesIO(pdf))
    out: dict[int, PdfFont] = {}
    for page in reader.pages:
        for ref in page.get("/Resources", {}).get("/Font", {}).values():
            font = ref.get_object()
            subtype = str(font.get("/Subtype"))
            descriptor_owner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            has_program = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            embedded = has_program or (subtype == "/Type3" and "/CharProcs" in font)
            out[id(font)] = PdfFont(str(font.get("/BaseFont", "")), subtype, embedded)
    return list(out.values())


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


__all__ = ["PdfFont", "finish_pdf", "pdf_fonts", "pdf_text"]

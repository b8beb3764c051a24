"""The CJK font of the exports: find Noto Sans CJK SC, subset it, embed it in an SVG.

An SVG names its fonts; on a computer without Noto Sans CJK (or another Chinese font) the Chinese text of
an exported chart would fall back to boxes. ``embed_font_in_svg`` puts a subset of the font holding only
the characters the SVG uses (a few kilobytes as WOFF2) into the file as an ``@font-face`` data URI and
makes every text element use it first.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

CJK_FAMILY = "Noto Sans CJK SC"
EMBEDDED_FAMILY = "ChuangyeCJK"  # the name of the embedded subset, distinct from any installed font
FONT_CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"),
)
# Always in the subset: what numbers, percentages and dates need, whatever the chart shows today.
ALWAYS = "0123456789.,%+-−—–·:/()（）年月日 "
SVG_NS = "http://www.w3.org/2000/svg"


class FontNotFound(RuntimeError):
    pass


@lru_cache(maxsize=1)
def cjk_font_file() -> tuple[Path, int]:
    """(path, index in the collection) of Noto Sans CJK SC Regular."""
    candidates = list(FONT_CANDIDATES)
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{CJK_FAMILY}:style=Regular"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
        if found:
            candidates.insert(0, Path(found))
    except (OSError, subprocess.SubprocessError):
        pass
    for path in candidates:
        if not path.is_file():
            continue
        if path.suffix.lower() == ".ttc":
            for index, font in enumerate(TTCollection(str(path), lazy=True).fonts):
                if font["name"].getDebugName(1) == CJK_FAMILY:
                    return path, index
        elif CJK_FAMILY in (TTFont(str(path), lazy=True)["name"].getDebugName(1) or ""):
            return path, 0
    raise FontNotFound(
        f"未找到 {CJK_FAMILY} 字体（Debian/Ubuntu：apt-get install fonts-noto-cjk） / "
        f"{CJK_FAMILY} not found (Debian/Ubuntu: apt-get install fonts-noto-cjk)"
    )


@lru_cache(maxsize=64)
def subset_font(text: str, flavor: str = "woff2") -> bytes:
    """Noto Sans CJK SC reduced to the glyphs of ``text`` (plus digits and punctuation), as woff2 or otf."""
    path, index = cjk_font_file()
    font = TTFont(str(path), fontNumber=index, lazy=False)
    options = subset.Options()
    options.flavor = None if flavor == "otf" else flavor
    options.desubroutinize = True
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep copyright, names and version (the OFL asks for them)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text + ALWAYS))))
    subsetter.subset(font)
    font.flavor = options.flavor
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


RADICAL_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF))  # radicals, compatibility ideographs
IDEOGRAPH_BLOCKS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2FFFF))


@lru_cache(maxsize=1)
def radical_equivalents() -> dict[str, str]:
    """Radical or compatibility code point → the unified ideograph drawn with the same glyph in the font.

    A PDF printer that maps a glyph back to text may pick the radical (⻚ U+2EDA) rather than the ideograph
    (页 U+9875): both share one glyph in Noto Sans CJK. Empty when the font is not installed.
    """
    try:
        path, index = cjk_font_file()
    except FontNotFound:
        return {}
    cmap = TTFont(str(path), fontNumber=index, lazy=True).getBestCmap()
    by_glyph: dict[str, list[int]] = {}
    for code, glyph in cmap.items():
        by_glyph.setdefault(glyph, []).append(code)
    out = {}
    for code, glyph in cmap.items():
        if any(lo <= code <= hi for lo, hi in RADICAL_BLOCKS):
            unified = [c for c in by_glyph[glyph] if any(lo <= c <= hi for lo, hi in IDEOGRAPH_BLOCKS)]
            if unified:
                out[chr(code)] = chr(min(unified))
    return out


def svg_text(svg: str) -> str:
    """Every character an SVG shows as text."""
    root = ET.fromstring(svg)
    chars: set[str] = set()
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("style", "script"):
            continue
        chars.update(element.text or "")
        chars.update(element.tail or "")
    return "".join(sorted(chars))


# font-family inside a style attribute: up to the next ";" that is not part of an &quot; entity
_STYLE_FAMILY = re.compile(r"font-family:\s*(?:&quot;|&#39;|&apos;|[^;\"&])*")
_ATTR_FAMILY = re.compile(r'font-family="[^"]*"')


def embed_font_in_svg(svg: str | bytes, flavor: str = "woff2") -> str:
    """The SVG with a subset of Noto Sans CJK SC embedded as ``@font-face`` and used by all its text."""
    if isinstance(svg, bytes):
        svg = svg.decode("utf-8")
    font = subset_font(svg_text(svg), flavor)
    mime = "font/woff2" if flavor == "woff2" else "font/otf"
    fmt = "woff2" if flavor == "woff2" else "opentype"
    face = (
        f"@font-face{{font-family:'{EMBEDDED_FAMILY}';font-style:normal;font-weight:400;"
        f"src:url(data:{mime};base64,{base64.b64encode(font).decode('ascii')}) format('{fmt}');}}"
    )
    family = f"'{EMBEDDED_FAMILY}', '{CJK_FAMILY}', 'Microsoft YaHei', 'PingFang SC', sans-serif"
    svg = _STYLE_FAMILY.sub(f"font-family: {family}", svg)
    svg = _ATTR_FAMILY.sub(f'font-family="{family}"', svg)
    style = f'<style type="text/css"><![CDATA[{face}]]></style>'
    # right after the opening <svg ...> tag, so that it precedes every use
    opening = re.search(r"<svg\b[^>]*>", svg)
    if opening is None:
        raise ValueError("not an SVG document")
    return svg[: opening.end()] + style + svg[opening.end() :]


def embedded_font_faces(svg: str | bytes) -> list[bytes]:
    """The font files embedded in an SVG as ``@font-face`` data URIs (for checks)."""
    if isinstance(svg, bytes):
        svg = svg.decode("utf-8")
    root = ET.fromstring(svg)
    found = []
    for element in root.iter(f"{{{SVG_NS}}}style"):
        for data in re.findall(r"url\(data:font/[\w+-]+;base64,([A-Za-z0-9+/=]+)\)", element.text or ""):
            found.append(base64.b64decode(data))
    return found


__all__ = [
    "CJK_FAMILY",
    "EMBEDDED_FAMILY",
    "FontNotFound",
    "cjk_font_file",
    "embed_font_in_svg",
    "embedded_font_faces",
    "radical_equivalents",
    "subset_font",
    "svg_text",
]

"""The region report as a Word document (python-docx): A4, headings, the narrative, tables, chart PNGs.

Word and WPS pick the font for Chinese from the East-Asian slot of a run (``w:eastAsia``), not from the
font name python-docx sets; every style used here gets both (宋体 / 黑体 for Chinese, which every Chinese
Windows and WPS install has, Arial / Times New Roman for Latin) and the East-Asian language zh-CN.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from chuangye.exports.report.model import ReportContent, ReportTable
from chuangye.exports.tables import display_value
from chuangye.strings.i18n import t

BODY_FONT = ("Times New Roman", "宋体")  # (Latin, East Asian)
HEADING_FONT = ("Arial", "黑体")
TEXT_WIDTH_CM = 16.0
NUMERIC = {"percent", "int", "decimal", "points"}


def _set_fonts(rpr_owner, latin: str, east_asian: str, lang: str = "zh-CN") -> None:
    """Latin, East-Asian and complex-script fonts plus the East-Asian language on a style or run."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would override the names above
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:eastAsia"), lang)


def _style_document(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)  # 五号
    _set_fonts(normal.element, *BODY_FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.3
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        _set_fonts(style.element, *HEADING_FONT)
    caption = styles["Caption"]
    caption.font.size = Pt(9)
    _set_fonts(caption.element, *BODY_FONT)


def _page_setup(doc: Document, content: ReportContent) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    header = section.header.paragraphs[0]
    header.text = content.header_text
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in header.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = t("exp_report_page", content.lang, page="\x00", pages="\x01").partition("\x00")
    middle, _, tail = after.partition("\x01")
    for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (tail, None)):
        if text:
            run = footer.add_run(text)
            run.font.size = Pt(8)
        if field:
            _add_field(footer, field)


def _add_field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(8)
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    props.append(element)


def _add_table(doc: Document, table: ReportTable, lang: str) -> None:
    title = doc.add_paragraph(table.title, style="Caption")
    title.paragraph_format.keep_with_next = True
    if table.frame.empty:
        doc.add_paragraph(table.empty_text or "—")
        return
    grid = doc.add_table(rows=1, cols=len(table.specs))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    _repeat_header(header)
    for cell, spec in zip(header.cells, table.specs, strict=True):
        cell.text = spec.header(lang)
        _shade(cell, "DCE6F1")
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in paragraph.runs:
            run.font.bold = True
            run.font.size = Pt(8.5)
    for record in table.frame.to_dict("records"):
        cells = grid.add_row().cells
        for cell, spec in zip(cells, table.specs, strict=True):
            cell.text = display_value(record.get(spec.key), spec.fmt)
            paragraph = cell.paragraphs[0]
            if spec.fmt in NUMERIC:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in paragraph.runs:
                run.font.size = Pt(8.5)
    doc.add_paragraph()


def render_docx(content: ReportContent) -> bytes:
    """The report as a .docx (A4 portrait, 16 cm text width)."""
    doc = Document()
    _style_document(doc)
    _page_setup(doc, content)
    doc.core_properties.title = content.title
    doc.core_properties.subject = content.header_text
    doc.core_properties.language = "zh-CN" if content.lang == "zh" else "en"
    doc.core_properties.author = "chuangye-dashboard"

    doc.add_heading(content.title, level=0)
    subtitle = doc.add_paragraph(content.subtitle)
    for run in subtitle.runs:
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    doc.add_heading(t("exp_h_summary", content.lang), level=1)
    for paragraph in content.summary:
        doc.add_paragraph(paragraph)
    _add_table(doc, content.headline, content.lang)
    for section in content.sections:
        heading = doc.add_heading(section.heading, level=1)
        heading.paragraph_format.page_break_before = True
        for paragraph in section.paragraphs:
            doc.add_paragraph(paragraph)
        for figure in section.figures:
            doc.add_picture(io.BytesIO(figure.png), width=Cm(TEXT_WIDTH_CM))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for table in section.tables:
            _add_table(doc, table, content.lang)
    doc.add_heading(t("exp_h_notes", content.lang), level=1)
    for note in content.notes:
        doc.add_paragraph(note, style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = ["render_docx"]

"""The region report as PDF: an HTML page (charts as PNG data URIs, the system's Noto Sans CJK) printed to
A4 by the export browser, with the region, year and data version in the page header and page numbers in
the footer. Chromium embeds the glyphs it uses, so the file reads the same on any computer.
"""

from __future__ import annotations

import base64
from html import escape

from chuangye.exports.browser import ExportBrowser, export_browser
from chuangye.exports.pdf import finish_pdf
from chuangye.exports.report.model import ReportContent, ReportTable
from chuangye.exports.tables import display_value
from chuangye.strings.i18n import t

PAGE_MARGIN_MM = (20, 17, 18, 17)  # top, right, bottom, left
FONT_STACK = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
NUMERIC = {"percent", "int", "decimal", "points"}

CSS = f"""
@page {{ size: A4; margin: {PAGE_MARGIN_MM[0]}mm {PAGE_MARGIN_MM[1]}mm {PAGE_MARGIN_MM[2]}mm {PAGE_MARGIN_MM[3]}mm; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {FONT_STACK}; font-size: 10.5pt; line-height: 1.65; color: #1a1a1a; margin: 0; }}
h1 {{ font-size: 19pt; line-height: 1.3; margin: 0 0 4pt; }}
.subtitle {{ color: #555; font-size: 9pt; margin: 0 0 14pt; }}
h2 {{ font-size: 14pt; margin: 16pt 0 6pt; padding-bottom: 3pt; border-bottom: 1.5pt solid #0072B2; }}
h2.type {{ break-before: page; }}
h3 {{ font-size: 11pt; margin: 12pt 0 4pt; }}
p {{ margin: 0 0 6pt; text-align: justify; }}
figure {{ margin: 8pt 0 10pt; break-inside: avoid; }}
figure img {{ width: 160mm; display: block; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; line-height: 1.35; margin: 2pt 0 10pt;
        font-variant-numeric: tabular-nums; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
th {{ background: #DCE6F1; border-bottom: 1.2pt solid #4F81BD; padding: 3pt 4pt; text-align: center;
     font-weight: bold; }}
td {{ border-bottom: 0.5pt solid #ccc; padding: 2.5pt 4pt; vertical-align: top; }}
td.num {{ text-align: right; white-space: nowrap; }}
td.nowrap {{ white-space: nowrap; }}
.table-title {{ font-weight: bold; margin: 8pt 0 2pt; break-after: avoid; }}
.empty {{ color: #666; }}
.notes li {{ font-size: 9pt; color: #333; }}
"""


def _table(table: ReportTable, lang: str) -> str:
    out = [f'<div class="table-title">{escape(table.title)}</div>']
    if table.frame.empty:
        out.append(f'<p class="empty">{escape(table.empty_text or "—")}</p>')
        return "".join(out)
    out.append("<table><thead><tr>")
    out += [f"<th>{escape(spec.header(lang))}</th>" for spec in table.specs]
    out.append("</tr></thead><tbody>")
    for row in table.frame.to_dict("records"):
        cells = []
        for spec in table.specs:
            css = ' class="num"' if spec.fmt in NUMERIC else "" if spec.wrap else ' class="nowrap"'
            cells.append(f"<td{css}>{escape(display_value(row.get(spec.key), spec.fmt))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def report_html(content: ReportContent) -> str:
    body = [
        f"<h1>{escape(content.title)}</h1>",
        f'<p class="subtitle">{escape(content.subtitle)}</p>',
        f"<h2>{escape(t('exp_h_summary', content.lang))}</h2>",
        *(f"<p>{escape(p)}</p>" for p in content.summary),
        _table(content.headline, content.lang),
    ]
    for section in content.sections:
        body.append(f'<h2 class="type">{escape(section.heading)}</h2>')
        body += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
        for figure in section.figures:
            data = base64.b64encode(figure.png).decode("ascii")
            body.append(f'<figure><img alt="{escape(figure.title)}" src="data:image/png;base64,{data}"></figure>')
        body += [_table(table, content.lang) for table in section.tables]
    body.append(f"<h2>{escape(t('exp_h_notes', content.lang))}</h2>")
    body.append('<ul class="notes">' + "".join(f"<li>{escape(n)}</li>" for n in content.notes) + "</ul>")
    lang_attr = "zh-CN" if content.lang == "zh" else "en"
    return (
        f'<!DOCTYPE html><html lang="{lang_attr}"><head><meta charset="utf-8"><title>{escape(content.title)}</title>'
        f"<style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    )


def _band(text_left: str, text_right: str) -> str:
    # Header and footer templates are separate documents: no page CSS, default font size tiny; style inline.
    return (
        f'<div style="font-family: {FONT_STACK}; font-size: 7.5pt; color: #666; width: 100%; box-sizing: border-box; '
        f'padding: 0 {PAGE_MARGIN_MM[1]}mm 0 {PAGE_MARGIN_MM[3]}mm; display: flex; justify-content: space-between;">'
        f"<span>{text_left}</span><span>{text_right}</span></div>"
    )


def render_pdf(content: ReportContent, *, browser: ExportBrowser | None = None) -> bytes:
    """The report as an A4 PDF (header: region · year · data version; footer: title and page x of y)."""
    browser = browser or export_browser()
    page = t(
        "exp_report_page",
        content.lang,
        page='<span class="pageNumber"></span>',
        pages='<span class="totalPages"></span>',
    )
    options = {
        "displayHeaderFooter": True,
        "headerTemplate": _band(escape(content.header_text), ""),
        "footerTemplate": _band(escape(content.title), page),
    }
    pdf = browser.print_pdf(report_html(content), options)
    return finish_pdf(pdf, title=content.title, subject=content.header_text, lang=content.lang)


__all__ = ["render_pdf", "report_html"]

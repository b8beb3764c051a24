"""What a region report says, independent of PDF or Word: the dataclasses `build` fills, `pdf`/`docx` render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from chuangye.exports.tables import ColumnSpec


class ReportError(ValueError):
    """A report that cannot be made for the region or year asked; the message is in Chinese and English."""


@dataclass
class ReportFigure:
    key: str
    title: str
    png: bytes
    width_px: int  # CSS px at 96 dpi; the PNG itself has png_scale times as many pixels
    height_px: int


@dataclass
class ReportTable:
    key: str
    title: str
    frame: pd.DataFrame
    specs: list[ColumnSpec]
    empty_text: str = ""


@dataclass
class ReportSection:
    unit_type: str
    heading: str
    paragraphs: list[str]
    figures: list[ReportFigure] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)


@dataclass
class ReportContent:
    region: str
    region_name: str
    level: str
    year: int
    lang: str
    basis: str
    version_id: str
    data_stamp: str
    generated: date
    title: str
    subtitle: str
    header_text: str
    summary: list[str]
    headline: ReportTable
    sections: list[ReportSection]
    notes: list[str]

    @property
    def file_stem(self) -> str:
        return f"report-{self.region}-{self.year}-{self.lang}"

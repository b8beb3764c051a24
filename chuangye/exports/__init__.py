"""Exports for reports: charts (PNG/SVG/PDF), tables (XLSX/CSV) and the region report (PDF/DOCX).

Everything renders on the server with the system Chromium (one browser kept alive, see ``browser``) and
the system Noto Sans CJK font; nothing is downloaded.
"""

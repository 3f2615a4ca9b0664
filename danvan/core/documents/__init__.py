"""Official documents, one way for every app.

- :mod:`.formats` — the state format (NĐ 30/2020) and the Party format (QĐ 399-QĐ/TW, HD 05-HD/VPTW of 2026):
  margins, "Số: 05/QĐ-UBND" vs "Số 05-NQ/ĐU", "I." vs "I-", "TM." vs "T/M", dates and numbers (pure, no Django).
- :mod:`.layout` — python-docx blocks the apps' ``document_templates/build.py`` compose templates from.
- :mod:`.templates` — the registry of editable DOCX templates, their replacement by administrators, rendering,
  and :func:`~.templates.docx_response`.
- :mod:`.pdf` — :func:`~.pdf.convert_to_pdf` (LibreOffice) and :func:`~.pdf.pdf_response`.

This package imports nothing at its top so that the build scripts can use :mod:`.layout` without Django.
"""

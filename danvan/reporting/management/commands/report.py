"""``danvan report --unit CODE --period 2026-H1 [--format json|docx|xlsx|pdf] [--template ID|NAME] [--output FILE]``

The figures of a unit (its code in the current tree, or ``--legacy`` for the legacy tree) for a report period, with
the previous period and the same period last year, as JSON; or the report on a template as DOCX, XLSX or PDF
(``danvan.reporting.documents.render``; PDF converted by LibreOffice here, a command not being a request). Every
refusal — an unknown unit, template or report type, a bad period, a document format without ``--template``, no
LibreOffice — is a ``CommandError`` with a Vietnamese message, never a traceback.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit, UnitTree

FORMATS = ("json", "docx", "xlsx", "pdf")


class Command(BaseCommand):
    help = "Số liệu báo cáo của một đơn vị trong một kỳ (JSON), hoặc văn bản báo cáo (DOCX, XLSX, PDF)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị (ví dụ 22081, 66)")
        parser.add_argument(
            "--period",
            required=True,
            help="Kỳ: 2026-M03, 2026-Q1, 2026-H1, 2026-9M, 2026, 2021-2025, 2026-01-01..2026-03-31",
        )
        parser.add_argument("--format", default="json", choices=FORMATS)
        parser.add_argument("--template", default="", help="Mẫu báo cáo: số hoặc tên (cần cho docx, xlsx, pdf)")
        parser.add_argument("--report-type", default="", help="Loại báo cáo (ngày chốt số liệu), ví dụ state-year")
        parser.add_argument("--codes", default="", help="Chỉ các chỉ tiêu này (cách nhau bởi dấu phẩy)")
        parser.add_argument("--legacy", action="store_true", help="Đơn vị thuộc hệ thống đơn vị cũ (trước 01/7/2025)")
        parser.add_argument("--output", default="", help="Ghi ra tệp thay vì màn hình")

    def handle(self, *args: Any, **options: Any) -> None:
        from danvan.reporting import documents
        from danvan.reporting.submission_services import period_of

        fmt = options["format"]
        template = (options["template"] or "").strip()
        if fmt != "json" and not template:
            raise CommandError(
                f"Định dạng {fmt} cần mẫu báo cáo: thêm --template <số hoặc tên mẫu> (xem danh sách mẫu ở trang "
                "Báo cáo định kỳ)."
            )
        tree = UnitTree.LEGACY if options["legacy"] else UnitTree.CURRENT
        unit = AdministrativeUnit.objects.filter(tree=tree, code=options["unit"]).first()
        if unit is None:
            where = "hệ thống đơn vị cũ" if options["legacy"] else "hệ thống đơn vị hiện hành"
            raise CommandError(f"Không có đơn vị mã {options['unit']} trong {where}.")
        try:
            period = period_of(options["period"], report_type=options["report_type"] or None)
            if fmt == "json":
                codes = [code.strip() for code in options["codes"].split(",") if code.strip()] or None
                data = documents.figures_json(unit, period, codes)
                content = json.dumps(data, ensure_ascii=False, indent=2).encode()
            else:
                content = documents.render(unit, period, template, fmt)
        except DomainError as error:
            raise CommandError(self._message(error)) from None
        except documents.DocumentError as error:
            raise CommandError(str(error)) from None
        if options["output"]:
            try:
                with open(options["output"], "wb") as handle:
                    handle.write(content)
            except OSError as error:
                raise CommandError(f"Không ghi được tệp {options['output']}: {error.strerror}.") from None
            self.stdout.write(options["output"])
        elif fmt == "json":
            self.stdout.write(content.decode())
        else:
            sys.stdout.buffer.write(content)

    @staticmethod
    def _message(error: DomainError) -> str:
        message = str(error.message)
        if error.code == "invalid_period":
            field = next(iter(error.fields or {}), "period")
            option = "--report-type" if field == "report_type" else "--period"
            return f"{option}: {message}"
        return message

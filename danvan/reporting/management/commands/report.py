"""``danvan report --unit CODE --period 2026-H1 [--format json|docx|xlsx|pdf] [--template CODE] [--output FILE]``

The figures of a unit (its code in the current tree, or ``--legacy`` for the legacy tree) for a report period, with
the previous period and the same period last year, as JSON (this part). DOCX, XLSX and PDF are rendered by the
submissions part's ``danvan.reporting.documents.render(unit, period, template, fmt) -> bytes``, imported when
asked for; without it the command says so and stops.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.reporting.indicator_services import report_figures
from danvan.reporting.models import ReportType
from danvan.reporting.periods import parse_period, with_cutoff

FORMATS = ("json", "docx", "xlsx", "pdf")


def _number(value: Any) -> Any:
    return float(value) if value is not None and not isinstance(value, int) else value


class Command(BaseCommand):
    help = "Số liệu báo cáo của một đơn vị trong một kỳ (JSON), hoặc văn bản báo cáo (DOCX, XLSX, PDF)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị (ví dụ 22081, 66)")
        parser.add_argument("--period", required=True, help="Kỳ: 2026-M03, 2026-Q1, 2026-H1, 2026-9M, 2026, 2021-2025")
        parser.add_argument("--format", default="json", choices=FORMATS)
        parser.add_argument("--template", default="", help="Mẫu báo cáo (docx, xlsx, pdf)")
        parser.add_argument("--report-type", default="", help="Loại báo cáo (ngày chốt số liệu), ví dụ state-year")
        parser.add_argument("--codes", default="", help="Chỉ các chỉ tiêu này (cách nhau bởi dấu phẩy)")
        parser.add_argument("--legacy", action="store_true", help="Đơn vị thuộc hệ thống đơn vị cũ (trước 01/7/2025)")
        parser.add_argument("--output", default="", help="Ghi ra tệp thay vì màn hình")

    def handle(self, *args: Any, **options: Any) -> None:
        tree = UnitTree.LEGACY if options["legacy"] else UnitTree.CURRENT
        unit = AdministrativeUnit.objects.filter(tree=tree, code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {options['unit']}.")
        try:
            period = parse_period(options["period"])
            if options["report_type"]:
                kind = ReportType.objects.filter(code=options["report_type"]).first()
                if kind is None:
                    raise CommandError(f"Không có loại báo cáo {options['report_type']}.")
                period = with_cutoff(period, kind.cutoff_day)
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        fmt = options["format"]
        if fmt == "json":
            codes = [code.strip() for code in options["codes"].split(",") if code.strip()] or None
            content = json.dumps(self._json(unit, period, codes), ensure_ascii=False, indent=2).encode()
        else:
            try:
                from danvan.reporting.documents import render  # type: ignore[import-not-found,unused-ignore]
            except ImportError:
                raise CommandError(
                    f"Định dạng {fmt} chưa có: cần danvan.reporting.documents.render (phần nộp báo cáo)."
                ) from None
            content = render(unit, period, options["template"], fmt)
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(content)
            self.stdout.write(options["output"])
        elif fmt == "json":
            self.stdout.write(content.decode())
        else:
            sys.stdout.buffer.write(content)

    def _json(self, unit: AdministrativeUnit, period: Any, codes: list[str] | None) -> dict[str, Any]:
        report = report_figures(unit, period, codes)

        def span(p: Any) -> dict[str, str]:
            return {"code": p.code, "label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat()}

        return {
            "unit": {"code": unit.code, "name": unit.name, "tree": unit.tree},
            "period": span(period),
            "previous_period": span(report.previous),
            "same_period_last_year": span(report.last_year),
            "figures": [
                {
                    "code": row.code,
                    "label": row.label,
                    "group": row.group,
                    "measure": row.measure,
                    "kind": row.kind,
                    "value": _number(row.value),
                    "text": row.text,
                    "previous": _number(row.previous),
                    "last_year": _number(row.last_year),
                    "change_previous": row.change_previous,
                    "change_last_year": row.change_last_year,
                }
                for row in report.rows
            ],
        }

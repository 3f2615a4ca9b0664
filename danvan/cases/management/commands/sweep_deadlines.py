"""``danvan sweep_deadlines``: tell handlers of their cases newly due soon or overdue (every hour, see deploy/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.cases.sweep import run_sweep


class Command(BaseCommand):
    help = "Báo cho cán bộ xử lý các hồ sơ mới sắp đến hạn, quá hạn; áp dụng lại lịch nghỉ, quy định mới."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Ngày tính hạn (YYYY-MM-DD); mặc định là hôm nay.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = run_sweep(options["today"])
        record = report.record
        self.stdout.write(
            f"Tính lại hạn: {record.recomputed} hồ sơ; mới quá hạn {record.newly_overdue}, "
            f"mới sắp đến hạn {record.newly_due_soon}; thông báo {record.notifications} "
            f"(cho {len(report.notified_officers)} cán bộ), thư điện tử đã gửi {report.emails_sent}, "
            f"lỗi gửi thư {report.email_failures}; {report.seconds:.1f} giây."
        )

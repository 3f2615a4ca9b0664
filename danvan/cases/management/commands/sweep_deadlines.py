"""``danvan sweep_deadlines``: mark cases due soon and overdue and notify their handlers (every hour, see deploy/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.cases.sweep import run_sweep


class Command(BaseCommand):
    help = "Đánh dấu hồ sơ sắp đến hạn, quá hạn và báo cho cán bộ xử lý; áp dụng lại lịch nghỉ, quy định mới."

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
            f"Tính lại hạn: {record.recomputed} hồ sơ; đánh dấu quá hạn {record.marked_overdue}, "
            f"sắp đến hạn {record.marked_due_soon}, trong hạn {report.marked_on_track}, "
            f"không tính hạn {report.marked_none}; thông báo {record.notifications} "
            f"(cho {len(report.notified_officers)} cán bộ), thư điện tử đã gửi {report.emails_sent}, "
            f"lỗi gửi thư {report.email_failures}; {report.seconds:.1f} giây."
        )

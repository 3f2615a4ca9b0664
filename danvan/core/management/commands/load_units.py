"""``danvan load_units``: load both unit trees and their succession, offline and idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.core.unit_loader import load_units


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính (hiện hành và trước 01/7/2025) từ dữ liệu ngoại tuyến."

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_units()
        self.stdout.write(
            f"Đơn vị: {report.counts.get('current', 0)} hiện hành, {report.counts.get('legacy', 0)} trước sắp xếp; "
            f"thêm {report.created}, cập nhật {report.updated}, giữ nguyên {report.unchanged}; "
            f"quan hệ kế thừa thêm {report.successions_created}; tổ chức thêm {report.organizations_created}; "
            f"{report.seconds:.1f} giây."
        )

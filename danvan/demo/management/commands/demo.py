"""``danvan demo``: a demo province with communes, villages and officers in every role, initiatives, cases, citizen
feedback, plans and reports.

Tỉnh Đắk Lắk (merged with old Phú Yên on 1/7/2025) and four of its communes, some formed by merging old
communes. Idempotent: a second run adds nothing. Prints the demo logins. The data live in ``danvan.demo``, apart
from the runtime apps; nothing of it is imported until this command runs.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.cases.models import Case
from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.demo.cases import load_demo
from danvan.demo.democracy import load_democracy
from danvan.demo.feedback import load_demo_feedback
from danvan.demo.initiatives import load_demo_initiatives
from danvan.demo.officers import PROVINCE_CODE, demo_officers, load_officers, load_villages, login_lines
from danvan.demo.reporting import load_demo_reporting


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: tỉnh Đắk Lắk, các xã, thôn, tổ dân phố và cán bộ ở mọi vai trò."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Không in danh sách tài khoản.")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if not AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=PROVINCE_CODE).exists():
            raise CommandError("Chưa có đơn vị hành chính: hãy chạy `danvan load_units` trước.")
        created_villages = load_villages()
        created_officers = load_officers()
        created_initiatives = load_demo_initiatives(province_code=PROVINCE_CODE)
        created_cases = self._cases()
        created_democracy = load_democracy(PROVINCE_CODE)
        created_feedback = load_demo_feedback()
        created_reporting = load_demo_reporting()
        self.stdout.write(
            f"Dữ liệu mẫu: thêm {created_villages} thôn/tổ dân phố, {created_officers} cán bộ, "
            f"{created_initiatives} mô hình, điển hình, {created_cases} đơn thư, "
            f"{created_democracy} hồ sơ dân chủ ở cơ sở, {created_feedback} phản ánh, kiến nghị, "
            f"{created_reporting} kế hoạch, báo cáo, hồ sơ thủ tục hành chính."
        )
        if not options["quiet"]:
            for line in login_lines():
                self.stdout.write(line)

    def _cases(self) -> int:
        """Reception schedules, visits and cases of every kind at two communes, then a deadline sweep."""
        before = Case.objects.count()
        load_demo(demo_officers())
        call_command("sweep_deadlines", stdout=io.StringIO())
        return Case.objects.count() - before

"""``danvan demo``: a demo province with communes, villages and officers in every role.

Tỉnh Đắk Lắk (merged with old Phú Yên on 1/7/2025) and four of its communes,
some formed by merging old communes. Idempotent: a second run adds nothing.
Prints the demo logins.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.accounts.models import Membership, Officer, Role
from danvan.accounts.services import membership_grant, officer_create
from danvan.core.models import AdministrativeUnit, Organization, UnitKind, UnitTree
from danvan.core.services import village_create

DEMO_PASSWORD = "danvan-demo-2026"  # noqa: S105 - the published demo password
PROVINCE_CODE = "66"

# commune code → villages (name, kind, households)
VILLAGES: dict[str, list[tuple[str, str, int]]] = {
    "22081": [  # Xã Đồng Xuân (old Thị trấn La Hai and neighbours)
        ("Khu phố Long Bình", UnitKind.RESIDENTIAL_GROUP, 412),
        ("Khu phố Long Hòa", UnitKind.RESIDENTIAL_GROUP, 356),
        ("Thôn Phú Sơn", UnitKind.VILLAGE, 198),
        ("Thôn Tân Hòa", UnitKind.VILLAGE, 241),
    ],
    "24133": [  # Phường Buôn Ma Thuột
        ("Tổ dân phố 1", UnitKind.RESIDENTIAL_GROUP, 520),
        ("Tổ dân phố 2", UnitKind.RESIDENTIAL_GROUP, 487),
        ("Buôn Ako Dhông", UnitKind.VILLAGE, 263),
    ],
    "22240": [  # Phường Phú Yên
        ("Khu phố Ninh Tịnh", UnitKind.RESIDENTIAL_GROUP, 610),
        ("Khu phố Phước Hậu", UnitKind.RESIDENTIAL_GROUP, 455),
    ],
    "22045": [  # Phường Bình Kiến
        ("Khu phố Liên Trì", UnitKind.RESIDENTIAL_GROUP, 330),
        ("Khu phố Phú Vang", UnitKind.RESIDENTIAL_GROUP, 298),
    ],
}

# username, full name, position, unit code, organization kind, role
OFFICERS: list[tuple[str, str, str, str | None, str | None, str]] = [
    ("quantri", "Nguyễn Quản Trị", "Quản trị hệ thống", None, None, Role.SYSTEM_ADMIN),
    ("tinh.qtdv", "Trần Thị Thu Hà", "Quản trị đơn vị cấp tỉnh", PROVINCE_CODE, "peoples_committee", Role.UNIT_ADMIN),
    ("tinh.lanhdao", "Lê Văn Thành", "Trưởng ban Dân vận", PROVINCE_CODE, "mobilization_board", Role.LEADER),
    ("tinh.canbo", "Phạm Thị Mai", "Chuyên viên Ban Dân vận", PROVINCE_CODE, "mobilization_board", Role.OFFICER),
    ("tinh.xem", "Võ Minh Tuấn", "Cán bộ theo dõi", PROVINCE_CODE, "fatherland_front", Role.VIEWER),
    ("dongxuan.qtdv", "Huỳnh Văn Lộc", "Quản trị đơn vị xã", "22081", "peoples_committee", Role.UNIT_ADMIN),
    ("dongxuan.chutich", "Đặng Văn Hùng", "Chủ tịch UBND xã", "22081", "peoples_committee", Role.LEADER),
    ("dongxuan.canbo", "Nguyễn Thị Lan", "Công chức Văn phòng", "22081", "peoples_committee", Role.OFFICER),
    ("dongxuan.mttq", "Bùi Thị Hoa", "Chủ tịch Ủy ban MTTQ xã", "22081", "fatherland_front", Role.LEADER),
    ("dongxuan.xem", "Phan Văn Nam", "Cán bộ Hội Nông dân", "22081", "farmers_union", Role.VIEWER),
    ("bmt.canbo", "Y Bhim Niê", "Công chức Văn phòng", "24133", "peoples_committee", Role.OFFICER),
    ("bmt.chutich", "H'Hương Mlô", "Chủ tịch UBND phường", "24133", "peoples_committee", Role.LEADER),
]


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: tỉnh Đắk Lắk, các xã, thôn, tổ dân phố và cán bộ ở mọi vai trò."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Không in danh sách tài khoản.")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if not AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=PROVINCE_CODE).exists():
            raise CommandError("Chưa có đơn vị hành chính: hãy chạy `danvan load_units` trước.")
        created_villages = self._villages()
        created_officers = self._officers()
        created_initiatives = self._initiatives()
        created_cases = self._cases()
        self.stdout.write(
            f"Dữ liệu mẫu: thêm {created_villages} thôn/tổ dân phố, {created_officers} cán bộ, "
            f"{created_initiatives} mô hình, điển hình, {created_cases} đơn thư."
        )
        if not options["quiet"]:
            self._print_logins()

    def _villages(self) -> int:
        created = 0
        for code, villages in VILLAGES.items():
            commune = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=code)
            existing = set(commune.children.values_list("name", flat=True))
            for name, kind, households in villages:
                if name not in existing:
                    village_create(actor=None, commune=commune, name=name, kind=kind, households=households)
                    created += 1
        return created

    def _officers(self) -> int:
        created = 0
        for username, full_name, position, unit_code, org_kind, role in OFFICERS:
            officer = Officer.objects.filter(username=username).first()
            if officer is None:
                officer = officer_create(
                    actor=None,
                    username=username,
                    full_name=full_name,
                    password=DEMO_PASSWORD,
                    position=position,
                    email=f"{username}@demo.danvan.vn",
                    check_password=False,
                )
                created += 1
            if unit_code is None:
                if not officer.is_superuser:
                    officer.is_superuser = officer.is_staff = True
                    officer.save(update_fields=["is_superuser", "is_staff"])
                continue
            organization = Organization.objects.get(
                unit__tree=UnitTree.CURRENT, unit__code=unit_code, kind__code=org_kind
            )
            if not Membership.objects.filter(officer=officer, organization=organization, role=role).exists():
                membership_grant(actor=None, officer=officer, organization=organization, role=role)
        return created

    def _initiatives(self) -> int:
        """This year's rubric of the province and a few initiatives at different stages of their life."""
        from danvan.initiatives.demo import load_demo_initiatives

        return load_demo_initiatives(province_code=PROVINCE_CODE)

    def _cases(self) -> int:
        """Reception schedules, visits and cases of every kind at two communes, then a deadline sweep."""
        from danvan.cases.demo import load_demo
        from danvan.cases.models import Case

        before = Case.objects.count()
        load_demo(
            {officer.username: officer for officer in Officer.objects.filter(username__in=[r[0] for r in OFFICERS])}
        )
        call_command("sweep_deadlines", stdout=io.StringIO())
        return Case.objects.count() - before

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, full_name, position, unit_code, _org_kind, role in OFFICERS:
            where = (
                AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=unit_code).name if unit_code else "toàn quốc"
            )
            self.stdout.write(f"  {username:<18} {Role(role).label!s:<22} {full_name} – {position}, {where}")
        self.stdout.write("Quản trị (đơn vị, hệ thống) phải bật xác thực hai lớp ở lần đăng nhập đầu.")

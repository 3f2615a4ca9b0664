"""The demo's province, villages and officers in every role (``danvan demo``), and the logins it prints.

Tỉnh Đắk Lắk (merged with old Phú Yên on 1/7/2025) and four of its communes, some formed by merging old
communes. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

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


def load_villages() -> int:
    """The villages and residential groups of ``VILLAGES`` not yet there; returns how many were added."""
    created = 0
    for code, villages in VILLAGES.items():
        commune = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=code)
        existing = set(commune.children.values_list("name", flat=True))
        for name, kind, households in villages:
            if name not in existing:
                village_create(actor=None, commune=commune, name=name, kind=kind, households=households)
                created += 1
    return created


def load_officers() -> int:
    """The officers of ``OFFICERS`` with their memberships; returns how many officers were added."""
    created = 0
    for username, full_name, position, unit_code, org_kind, role in OFFICERS:
        officer = Officer.objects.filter(username=username).first()
        if officer is None:
            officer = _officer(username, full_name, position)
            created += 1
        if unit_code is None:
            _make_system_administrator(officer)
        else:
            _grant(officer, unit_code, org_kind, role)
    return created


def demo_officers() -> dict[str, Officer]:
    """The demo officers by username."""
    return {officer.username: officer for officer in Officer.objects.filter(username__in=[r[0] for r in OFFICERS])}


def login_lines() -> list[str]:
    """The demo logins as printed after a run: one line per officer with role, name, position and unit."""
    lines = ["", f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):"]
    for username, full_name, position, unit_code, _org_kind, role in OFFICERS:
        where = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=unit_code).name if unit_code else "toàn quốc"
        lines.append(f"  {username:<18} {Role(role).label!s:<22} {full_name} – {position}, {where}")
    lines.append("Quản trị (đơn vị, hệ thống) phải bật xác thực hai lớp ở lần đăng nhập đầu.")
    return lines


def _officer(username: str, full_name: str, position: str) -> Officer:
    return officer_create(
        actor=None,
        username=username,
        full_name=full_name,
        password=DEMO_PASSWORD,
        position=position,
        email=f"{username}@demo.danvan.vn",
        check_password=False,
    )


def _make_system_administrator(officer: Officer) -> None:
    if not officer.is_superuser:
        officer.is_superuser = officer.is_staff = True
        officer.save(update_fields=["is_superuser", "is_staff"])


def _grant(officer: Officer, unit_code: str, org_kind: str | None, role: str) -> None:
    organization = Organization.objects.get(unit__tree=UnitTree.CURRENT, unit__code=unit_code, kind__code=org_kind)
    if not Membership.objects.filter(officer=officer, organization=organization, role=role).exists():
        membership_grant(actor=None, officer=officer, organization=organization, role=role)

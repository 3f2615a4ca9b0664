"""Demo plans, reports and administrative-procedure figures for `danvan demo` (the ``reporting`` app).

For Tỉnh Đắk Lắk (66) and its four demo communes:
- the province's Mass Mobilization Board plan for the year, issued, with four tasks assigned to the communes'
  bodies, progress reported by the communes (one task past its deadline and not done), and a draft plan for next
  year;
- a 6-month report template sent by the province to the four communes for the current half-year — one
  submission returned with a comment, one submitted, one approved, one still a draft — and the previous
  half-year's reports approved and locked;
- figures the communes entered, a ranking scheme of the year with its results;
- a few hundred dossiers imported from a one-stop-shop export (on time, late, online, still in progress) and the
  communes' procedure figures for the half-year, so the CCHC indicators (QĐ 766/QĐ-TTg) have something to show.

Everything is written through the app's own services, as the officers of the demo would (``tinh.canbo`` makes the
plans and templates, ``tinh.lanhdao`` reviews and ranks, the communes' officers report). Dates follow today.
Idempotent: each part is skipped when its records are there, so a second run creates nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.core.models import AdministrativeUnit, Organization, OrgKind, UnitTree
from danvan.demo.officers import PROVINCE_CODE, demo_officers
from danvan.reporting import dossier_services, plan_services, ranking, submission_services
from danvan.reporting.indicator_services import enter_figure
from danvan.reporting.models import (
    AssigneeLevel,
    Dossier,
    EnteredFigure,
    Plan,
    ProcedureFigure,
    RankingScheme,
    ReportTemplate,
    Submission,
)
from danvan.reporting.models.submissions import DocumentFormat, PeriodKind
from danvan.reporting.periods import parse_period

COMMUNES = ("22081", "24133", "22240", "22045")  # Đồng Xuân, Buôn Ma Thuột, Phú Yên, Bình Kiến
PLAN_KEY = "demo-reporting-plan"
DRAFT_PLAN_KEY = "demo-reporting-plan-draft"
TEMPLATE_KEY = "demo-reporting-template-half"
DOSSIER_PREFIX = "DEMO-"
SCHEME_NAME = "Xếp loại công tác dân vận cấp xã"

SECTIONS = [
    {
        "title": "Công tác tuyên truyền, vận động Nhân dân",
        "codes": ["propaganda.sessions", "propaganda.participants", "mobilization.workdays", "mobilization.funds"],
        "prompts": ["Kết quả tuyên truyền, vận động; các phong trào thi đua yêu nước"],
    },
    {
        "title": "Tiếp công dân, giải quyết đơn thư",
        "codes": ["reception.visits", "petitions.received", "petitions.resolved"],
        "prompts": ["Tình hình tiếp công dân, các vụ việc đông người, phức tạp"],
    },
    {
        "title": "Phong trào thi đua “Dân vận khéo”",
        "codes": ["initiatives.registered", "initiatives.recognized"],
        "prompts": ["Mô hình, điển hình tiêu biểu"],
    },
    {
        "title": "Cải cách hành chính, giải quyết thủ tục hành chính",
        "codes": ["cchc.received", "cchc.received_online", "cchc.resolved", "cchc.on_time_rate", "cchc.online_rate"],
        "prompts": ["Kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa"],
    },
]

# commune code → (narrative, entered figures) of its half-year report
NARRATIVES: dict[str, dict[str, str]] = {
    "22081": {
        "results": "Tổ chức 12 buổi tuyên truyền về Quy chế dân chủ ở cơ sở tại các thôn, khu phố; vận động Nhân "
        "dân hiến đất mở rộng đường liên thôn Phú Sơn – Tân Hòa.",
        "limitations": "Một số hồ sơ thủ tục hành chính còn giải quyết quá hạn do thiếu công chức tư pháp – hộ tịch.",
        "next_tasks": "Tăng cường đối thoại giữa người đứng đầu với Nhân dân; nâng tỷ lệ hồ sơ nộp trực tuyến.",
    },
    "24133": {
        "results": "Duy trì 5 mô hình “Dân vận khéo” ở các tổ dân phố và buôn; 100% tổ dân phố tổ chức hội nghị "
        "bàn và quyết định các nội dung theo Luật Thực hiện dân chủ ở cơ sở.",
        "limitations": "Tình trạng lấn chiếm vỉa hè còn tái diễn ở một số tuyến đường.",
        "next_tasks": "Tiếp tục vận động Nhân dân giữ gìn trật tự đô thị, vệ sinh môi trường.",
    },
    "22240": {
        "results": "Phối hợp với Ủy ban MTTQ phường tổ chức 8 buổi tuyên truyền về cải cách hành chính.",
        "limitations": "Việc cập nhật số liệu lên hệ thống còn chậm.",
        "next_tasks": "Hoàn thành các chỉ tiêu kế hoạch công tác dân vận năm.",
    },
}
ENTERED: dict[str, dict[str, int]] = {
    "22081": {"propaganda.sessions": 12, "propaganda.participants": 1450, "mobilization.workdays": 860},
    "24133": {"propaganda.sessions": 18, "propaganda.participants": 2320, "mobilization.workdays": 540},
    "22240": {"propaganda.sessions": 8, "propaganda.participants": 960, "mobilization.workdays": 310},
}
RETURN_COMMENT = (
    "Đề nghị bổ sung số liệu hồ sơ giải quyết quá hạn và nêu rõ nguyên nhân; phần nhiệm vụ thời gian tới cần "
    "gắn với Kế hoạch công tác dân vận năm của Ban Dân vận Tỉnh ủy."
)

# Commune-level procedures of the one-stop shop: (code, name, days to resolve). Codes in the format of the national
# procedure database, for the demo.
PROCEDURES: list[tuple[str, str, int]] = [
    ("1.001193", "Đăng ký khai sinh", 1),
    ("1.000894", "Đăng ký kết hôn", 3),
    ("1.000656", "Đăng ký khai tử", 1),
    ("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", 3),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", 1),
    ("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", 1),
    ("1.001612", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 5),
    ("1.003005", "Xác nhận hợp đồng, giấy tờ về đất đai", 7),
]
EXPORT_KEYS = (
    "number",
    "unit",
    "procedure_code",
    "procedure_name",
    "received_on",
    "channel",
    "due_on",
    "finished_on",
    "status",
)
DOSSIERS_PER_COMMUNE = {"22081": 120, "24133": 150, "22240": 60, "22045": 50}
# (share of online dossiers, share resolved late) per commune: Buôn Ma Thuột ahead, Đồng Xuân with delays.
PROFILE = {"22081": (0.45, 0.12), "24133": (0.7, 0.03), "22240": (0.55, 0.06), "22045": (0.35, 0.08)}


def load_demo_reporting(*, today: dt.date | None = None) -> int:
    """Load the demo of the module's docstring; the number of records created now (0 on a second run)."""
    today = today or timezone.localdate()
    province = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=PROVINCE_CODE).first()
    officers = demo_officers()
    if province is None or not {"tinh.canbo", "tinh.lanhdao", "dongxuan.canbo", "bmt.canbo"} <= set(officers):
        return 0
    communes = {unit.code: unit for unit in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code__in=COMMUNES)}
    created = _dossiers(province, communes, officers["tinh.canbo"], today)
    created += _procedure_figures(communes, officers["tinh.canbo"], today)
    created += _plans(province, communes, officers, today)
    created += _submissions(province, communes, officers, today)
    created += _entered_figures(communes, officers, today)
    created += _ranking(province, communes, officers["tinh.lanhdao"], today)
    return created


# --- Periods --------------------------------------------------------------------------------------------------------


def half_code(day: dt.date) -> str:
    """The code of the half-year ``day`` falls in: "2026-H2"."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def _previous_half(day: dt.date) -> str:
    """The code of the half-year before ``day``'s."""
    return f"{day.year - 1}-H2" if day.month <= 6 else f"{day.year}-H1"


# --- Dossiers and procedure figures ---------------------------------------------------------------------------------


def _dossier_rows(communes: dict[str, AdministrativeUnit], today: dt.date) -> list[dict[str, Any]]:
    """The demo's one-stop-shop export: dossiers received over the last eight months (fixed seed)."""
    rows: list[dict[str, Any]] = []
    for code, count in DOSSIERS_PER_COMMUNE.items():
        unit = communes.get(code)
        if unit is None:
            continue
        generator = random.Random(f"demo-dossiers-{code}")  # noqa: S311 - demo data, not a secret
        online_share, late_share = PROFILE[code]
        for index in range(count):
            procedure_code, procedure_name, days = generator.choice(PROCEDURES)
            received = today - dt.timedelta(days=generator.randint(1, 240))
            due = received + dt.timedelta(days=days)
            channel = (
                "Trực tuyến"
                if generator.random() < online_share
                else "Dịch vụ bưu chính"
                if generator.random() < 0.05
                else "Trực tiếp"
            )
            draw = generator.random()
            finished: dt.date | None
            if draw < 0.02:
                status, finished = "Rút hồ sơ", received + dt.timedelta(days=1)
            elif draw < 0.04:
                status, finished = "Trả lại hồ sơ", received + dt.timedelta(days=1)
            elif draw < 0.04 + late_share:
                status, finished = "Đã giải quyết", due + dt.timedelta(days=generator.randint(1, 6))
            else:
                status, finished = "Đã giải quyết", received + dt.timedelta(days=generator.randint(0, days))
            recent = (today - received).days <= 10 and generator.random() < 0.6
            stuck = draw > 0.985  # a few left unfinished past their deadline
            # Not finished yet: in progress (within its deadline or past it).
            if finished is None or finished > today or recent or stuck:
                status, finished = "Đang giải quyết", None
            rows.append(
                {
                    "number": f"{DOSSIER_PREFIX}{code}-{received:%y%m%d}-{index + 1:04d}",
                    "unit": unit.name,
                    "procedure_code": procedure_code,
                    "procedure_name": procedure_name,
                    "received_on": f"{received:%d/%m/%Y}",
                    "channel": channel,
                    "due_on": f"{due:%d/%m/%Y}",
                    "finished_on": f"{finished:%d/%m/%Y}" if finished else "",
                    "status": status,
                }
            )
    return rows


def _dossiers(
    province: AdministrativeUnit, communes: dict[str, AdministrativeUnit], actor: Officer, today: dt.date
) -> int:
    """Import the demo export through the province's column mapping (saved first when it has none)."""
    if Dossier.objects.filter(province_code=PROVINCE_CODE, number__startswith=DOSSIER_PREFIX).exists():
        return 0
    mapping = dossier_services.mapping_for(province)
    if not mapping.columns:
        mapping = dossier_services.mapping_save(
            actor=actor,
            province=province,
            columns={field.key: field.label for field in dossier_services.FIELDS if field.key != "level"},
        )
    keys = [key for key in EXPORT_KEYS if mapping.columns.get(key)]
    rows = _dossier_rows(communes, today)
    if not rows:
        return 0
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([mapping.columns[key] for key in keys])
    writer.writerows([row[key] for key in keys] for row in rows)
    result = dossier_services.dossiers_import(
        actor=actor,
        province=province,
        file=io.BytesIO(text.getvalue().encode("utf-8-sig")),
        name="mot-cua-dak-lak.csv",
    )
    return result.created


def _procedure_figures(communes: dict[str, AdministrativeUnit], actor: Officer, today: dt.date) -> int:
    """The procedures each commune published, cut and put online, for the current half-year."""
    period = parse_period(half_code(today))
    created = 0
    for index, unit in enumerate(communes[code] for code in COMMUNES if code in communes):
        if ProcedureFigure.objects.filter(unit=unit, period_start=period.start, period_end=period.end).exists():
            continue
        published = 112 + 3 * index
        dossier_services.procedure_figure_save(
            actor=actor,
            unit=unit,
            period_start=period.start,
            period_end=period.end,
            values={
                "published": published,
                "time_cut": 18 - 2 * index,
                "days_cut": 41 - 5 * index,
                "online_partial": 38 + index,
                "online_full": 64 - 4 * index,
                "note": "Theo Quyết định công bố danh mục thủ tục hành chính của UBND tỉnh.",
            },
        )
        created += 1
    return created


# --- Plans ----------------------------------------------------------------------------------------------------------


def _org(unit: AdministrativeUnit, kind: str) -> Organization | None:
    return Organization.objects.filter(unit=unit, kind__code=kind, is_active=True).first()


def _minimal_pdf(title: str) -> bytes:
    """A one-page PDF (the signed plan's scan stands in for the real one)."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        + f"% {title}\n".encode("ascii", "ignore")
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _plans(
    province: AdministrativeUnit,
    communes: dict[str, AdministrativeUnit],
    officers: dict[str, Officer],
    today: dt.date,
) -> int:
    """The year's plan of the province's Mass Mobilization Board, issued, with progress; next year's as a draft."""
    board = _org(province, "mobilization_board")
    if board is None:
        return 0
    created = 0
    actor = officers["tinh.canbo"]
    year = today.year
    period_end = dt.date(year, 12, 31)
    if not Plan.objects.filter(submission_key=PLAN_KEY).exists():
        plan = plan_services.plan_create(
            actor=actor,
            unit=province,
            issuer=board,
            submission_key=PLAN_KEY,
            number="45-KH/BDVTU",
            issued_on=min(dt.date(year, 1, 15), today - dt.timedelta(days=45)),
            period_start=dt.date(year, 1, 1),
            period_end=period_end,
            title=f"Thực hiện công tác dân vận năm {year}",
            summary="Nâng cao chất lượng, hiệu quả công tác dân vận của hệ thống chính trị; phát huy quyền làm "
            "chủ của Nhân dân, thực hiện tốt Quy chế công tác dân vận và phong trào thi đua “Dân vận khéo”.",
        )
        created += 1
        soon = min(today + dt.timedelta(days=25), period_end)
        commune_units = [communes[code] for code in COMMUNES if code in communes]

        def named(kind: str) -> list[plan_services.AssigneeSpec]:
            return [
                plan_services.AssigneeSpec(organization=org)
                for org in (_org(unit, kind) for unit in commune_units)
                if org is not None
            ]

        tasks: list[tuple[str, dt.date, str, list[plan_services.AssigneeSpec]]] = [
            (
                "Tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân về những vấn đề "
                "Nhân dân quan tâm, bức xúc.",
                today - dt.timedelta(days=20),  # past: Đồng Xuân has not finished it
                "Báo cáo kết quả đối thoại",
                named("peoples_committee"),
            ),
            (
                "Xây dựng, nhân rộng mô hình “Dân vận khéo” trong phát triển kinh tế, giảm nghèo bền vững.",
                soon,
                "Danh sách mô hình đăng ký, kết quả thực hiện",
                named("party_committee"),
            ),
            (
                "Tuyên truyền, vận động Nhân dân thực hiện dân chủ ở cơ sở theo Luật Thực hiện dân chủ ở cơ sở.",
                period_end,
                "Báo cáo kết quả tuyên truyền",
                [
                    plan_services.AssigneeSpec(
                        org_kind=OrgKind.objects.get(code="fatherland_front"), level=AssigneeLevel.COMMUNE
                    )
                ],
            ),
            (
                "Nâng cao chất lượng giải quyết thủ tục hành chính tại Bộ phận Một cửa; tăng tỷ lệ hồ sơ nộp trực "
                "tuyến.",
                soon,
                "Số liệu giải quyết hồ sơ thủ tục hành chính",
                named("peoples_committee"),
            ),
        ]
        for text, deadline, output, assignees in tasks:
            plan_services.task_add(
                actor=actor, plan=plan, text=text, deadline=deadline, expected_output=output, assignees=assignees
            )
            created += 1
        plan.refresh_from_db()
        plan_services.plan_attach(
            actor=actor, plan=plan, upload=ContentFile(_minimal_pdf("45-KH/BDVTU"), name="45-KH-BDVTU.pdf")
        )
        created += 1
        plan.refresh_from_db()
        plan = plan_services.plan_issue(actor=actor, plan=plan, expected_version=plan.version)
        created += _progress(plan, communes, officers)
        plan_services.sweep_overdue(today)
    if not Plan.objects.filter(submission_key=DRAFT_PLAN_KEY).exists():
        draft = plan_services.plan_create(
            actor=actor,
            unit=province,
            issuer=board,
            submission_key=DRAFT_PLAN_KEY,
            number="52-KH/BDVTU",
            issued_on=today,
            period_start=dt.date(year + 1, 1, 1),
            period_end=dt.date(year + 1, 12, 31),
            title=f"Thực hiện công tác dân vận năm {year + 1} (dự thảo)",
            summary="Dự thảo trình Ban Thường vụ Tỉnh ủy cho ý kiến.",
        )
        plan_services.task_add(
            actor=actor,
            plan=draft,
            text="Sơ kết 6 tháng thực hiện phong trào thi đua “Dân vận khéo”.",
            deadline=dt.date(year + 1, 6, 30),
            expected_output="Báo cáo sơ kết",
            assignees=[
                plan_services.AssigneeSpec(
                    org_kind=OrgKind.objects.get(code="peoples_committee"), level=AssigneeLevel.COMMUNE
                )
            ],
        )
        created += 2
    return created


# (task number, commune code, reporting officer, percent, text)
PROGRESS: list[tuple[int, str, str, int, str]] = [
    (1, "22081", "dongxuan.canbo", 60, "Đã tổ chức đối thoại tại 2/4 thôn, khu phố; còn Thôn Phú Sơn và Thôn Tân Hòa."),
    (1, "24133", "bmt.canbo", 100, "Đã tổ chức hội nghị đối thoại với 320 đại biểu; tiếp thu, trả lời 14 ý kiến."),
    (2, "22081", "dongxuan.canbo", 40, "Đăng ký 2 mô hình “Dân vận khéo” về chăn nuôi bò sinh sản, trồng sầu riêng."),
    (3, "22081", "dongxuan.mttq", 75, "Tổ chức 9 buổi tuyên truyền tại nhà văn hóa thôn, khu phố."),
    (4, "24133", "bmt.canbo", 80, "Tỷ lệ hồ sơ nộp trực tuyến đạt 70%; niêm yết đầy đủ thủ tục tại Bộ phận Một cửa."),
]


def _progress(plan: Plan, communes: dict[str, AdministrativeUnit], officers: dict[str, Officer]) -> int:
    made = 0
    for number, code, username, percent, text in PROGRESS:
        unit = communes.get(code)
        officer = officers.get(username)
        target = plan.tasks.get(number=number).targets.filter(organization__unit=unit).first() if unit else None
        if target is None or officer is None:
            continue
        plan_services.progress_report(
            actor=officer,
            target=target,
            percent=percent,
            text=text,
            expected_version=target.version,
            submission_key=f"demo-reporting-progress-{number}-{code}",
        )
        made += 1
    return made


# --- Report template and submissions ---------------------------------------------------------------------------------


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _submit(submission: Submission, officer: Officer, code: str) -> Submission:
    submission = submission_services.submission_update(
        actor=officer,
        submission=submission,
        version=submission.version,
        narrative=NARRATIVES[code],
        entered={key: str(value) for key, value in ENTERED[code].items()},
    )
    return submission_services.submission_submit(actor=officer, submission=submission, version=submission.version)


def _submissions(
    province: AdministrativeUnit,
    communes: dict[str, AdministrativeUnit],
    officers: dict[str, Officer],
    today: dt.date,
) -> int:
    """The 6-month template sent to the four communes: the previous half approved (Buôn Ma Thuột's locked), the
    current one returned at Đồng Xuân, submitted at Buôn Ma Thuột, approved at Phú Yên, a draft at Bình Kiến."""
    if ReportTemplate.objects.filter(submission_key=TEMPLATE_KEY).exists():
        return 0
    sender, reviewer = officers["tinh.canbo"], officers["tinh.lanhdao"]
    template = submission_services.template_create(
        actor=sender,
        unit=province,
        name="Báo cáo kết quả công tác dân vận 6 tháng",
        period_kind=PeriodKind.HALF,
        doc_format=DocumentFormat.PARTY,
        sections=SECTIONS,
        issuer_name="Ban Dân vận Tỉnh ủy Đắk Lắk",
        submission_key=TEMPLATE_KEY,
    )
    units = [communes[code] for code in COMMUNES if code in communes]
    created = 1
    # The previous half-year: both communes with officers reported, the reviewer approved, Buôn Ma Thuột locked.
    previous = _previous_half(today)
    previous_period = parse_period(previous)
    sent = submission_services.template_send(
        actor=sender,
        template=template,
        period_code=previous,
        due_on=previous_period.end + dt.timedelta(days=5),
        units=[unit for unit in units if unit.code in ("22081", "24133")],
    )
    created += sent.created
    for submission in sent.submissions:
        code = submission.unit.code
        officer = officers["dongxuan.canbo" if code == "22081" else "bmt.canbo"]
        submission = _submit(submission, officer, code)
        submission = submission_services.submission_approve(
            actor=reviewer, submission=submission, version=submission.version
        )
        if code == "24133":
            submission_services.submission_lock(actor=reviewer, submission=submission, version=submission.version)
        # Reported and reviewed soon after that half-year ended, not today.
        Submission.objects.filter(pk=submission.pk).update(
            submitted_at=_at(previous_period.end + dt.timedelta(days=3)),
            approved_at=_at(previous_period.end + dt.timedelta(days=8)),
            locked_at=_at(previous_period.end + dt.timedelta(days=12)) if code == "24133" else None,
        )
    # The current half-year, due in ten days.
    sent = submission_services.template_send(
        actor=sender,
        template=template,
        period_code=half_code(today),
        due_on=max(today + dt.timedelta(days=10), parse_period(half_code(today)).start),
        units=units,
    )
    created += sent.created
    by_code = {submission.unit.code: submission for submission in sent.submissions}
    if "22081" in by_code:
        submission = _submit(by_code["22081"], officers["dongxuan.canbo"], "22081")
        submission_services.submission_return(
            actor=reviewer, submission=submission, version=submission.version, comment=RETURN_COMMENT
        )
    if "24133" in by_code:
        _submit(by_code["24133"], officers["bmt.canbo"], "24133")
    if "22240" in by_code:
        # Phường Phú Yên has no account of its own in the demo: the province's officer entered its report.
        submission = _submit(by_code["22240"], sender, "22240")
        submission_services.submission_comment(
            actor=reviewer, submission=submission, text="Số liệu đầy đủ, đúng thời hạn."
        )
        submission_services.submission_approve(actor=reviewer, submission=submission, version=submission.version)
    if "22045" in by_code:
        submission_services.submission_update(
            actor=sender,
            submission=by_code["22045"],
            version=by_code["22045"].version,
            narrative={"results": "Đang tổng hợp số liệu từ các khu phố."},
        )
    return created


# --- Entered figures and the ranking ---------------------------------------------------------------------------------

# commune code → indicator code → value, for the current half-year (contributions the communes keep count of)
FIGURES: dict[str, dict[str, Decimal]] = {
    "22081": {"mobilization.funds": Decimal(385_000_000), "mobilization.land_donated": Decimal(2_150)},
    "24133": {"mobilization.funds": Decimal(612_500_000), "propaganda.sessions": Decimal(18)},
}


def _entered_figures(communes: dict[str, AdministrativeUnit], officers: dict[str, Officer], today: dt.date) -> int:
    period = parse_period(half_code(today))
    created = 0
    for code, values in FIGURES.items():
        unit = communes.get(code)
        officer = officers.get("dongxuan.canbo" if code == "22081" else "bmt.canbo")
        if unit is None or officer is None:
            continue
        for indicator, value in values.items():
            if EnteredFigure.objects.filter(
                unit=unit, start=period.start, end=period.end, indicator_code=indicator
            ).exists():
                continue
            enter_figure(actor=officer, unit=unit, period=period, code=indicator, value=value, note="Số liệu mẫu.")
            created += 1
    return created


def _ranking(
    province: AdministrativeUnit, communes: dict[str, AdministrativeUnit], leader: Officer, today: dt.date
) -> int:
    """The year's scheme (weights 40 + 30 + 30) and the four communes ranked by it."""
    if RankingScheme.objects.filter(unit=province, year=today.year, name=SCHEME_NAME).exists():
        return 0
    scheme = ranking.scheme_create(
        actor=leader,
        unit=province,
        year=today.year,
        name=SCHEME_NAME,
        basis="Hướng dẫn đánh giá, xếp loại công tác dân vận hằng năm của Ban Dân vận Tỉnh ủy",
        criteria=[
            {
                "label": "Tỷ lệ hồ sơ giải quyết đúng hạn",
                "indicator_code": "cchc.on_time_rate",
                "weight": 40,
                "target": "95",
            },
            {
                "label": "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
                "indicator_code": "cchc.online_rate",
                "weight": 30,
                "target": "60",
            },
            {
                "label": "Buổi tuyên truyền, phổ biến chủ trương, chính sách",
                "indicator_code": "propaganda.sessions",
                "weight": 30,
                "target": "12",
            },
        ],
    )
    ranking.rank_units(actor=leader, scheme=scheme, units=[communes[c] for c in COMMUNES if c in communes])
    return 1

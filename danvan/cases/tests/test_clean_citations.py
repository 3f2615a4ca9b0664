"""What officers and citizens read cites the law cleanly (issue 9 §1): no verification mark ("[unsure]", "[2nd]",
"[chưa xác minh]", "Nguồn thứ cấp", the package's name and version …) on any page without parameters, case page,
deadline explanation, notice (DOCX), logbook, or API response. The marks stay on the rule and notice rows, in a
separate field (``verification``) that only the administrators' pages show."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from danvan.cases.models import CaseKind, Channel, RefusalGround
from danvan.cases.services import PersonIn, TransitionInput, case_receive, case_transition
from danvan.core.models import CalendarNotice, LegalRule
from danvan.core.workdays import WorkCalendar
from tests.walkshare import my_part

pytestmark = pytest.mark.django_db

MARKERS = re.compile(
    r"\[(?:unsure|2nd|read)|\[chưa|chưa kiểm chứng nguyên văn|chưa xác minh|Nguồn thứ cấp|Mức kiểm chứng|"
    r"holidays\s*0\.\d|holidays\.VN|gói holidays|(?-i:CẦN (?:QUẢN TRỊ HỆ THỐNG )?KIỂM TRA)|Chưa xác định là ngày làm việc|"
    r"Đối chiếu sửa đổi",
    re.IGNORECASE,
)
SKIP_PREFIXES = ("admin/", "api/v1/docs", "api/v1/openapi", "accounts/logout", "static/", "media/")


def plain_paths() -> list[str]:
    """Every URL pattern without a parameter (pages and GET API operations), admin excluded."""
    found: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = str(pattern.pattern)
            if "<" in route or "(?P" in route:
                continue
            route = route.lstrip("^").rstrip("$").replace("\\Z", "")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                found.append(prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted({"/" + path for path in found if not path.startswith(SKIP_PREFIXES)})


def readable(response) -> str:
    """The text of a response: HTML/JSON as text, DOCX/XLSX as their XML parts."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return content.decode("utf-8", "replace")


def assert_clean(text: str, where: str) -> None:
    match = MARKERS.search(text)
    assert match is None, f"{where}: «{text[max(0, match.start() - 120) : match.end() + 60]}»"


@pytest.fixture
def cases(cast, grace, land):
    """A refused complaint citing a ground that was unverified, an accepted complaint whose deadlines cross
    24/11/2026, and an extended one; a second round on the province."""
    ground = RefusalGround.objects.get(code="don-trung-lap")
    made = []
    for title in ("Khiếu nại trùng nội dung", "Khiếu nại thu hồi đất", "Khiếu nại bồi thường chậm"):
        made.append(
            case_receive(
                actor=cast.alice,
                unit=cast.dong_xuan,
                kind=CaseKind.COMPLAINT,
                channel=Channel.IN_PERSON,
                field=land,
                title=title,
                summary=f"{title} của hộ ông Hùng.",
                received_on=dt.date(2026, 11, 18),
                people=[PersonIn("Nguyễn Văn Hùng", "Thôn 1", id_number="066080001234")],
            )
        )
    refused = case_transition(
        actor=cast.alice,
        case=made[0],
        action="classify",
        data=TransitionInput(is_eligible=False, in_jurisdiction=True, refusal_ground=ground),
    )
    case_transition(actor=cast.alice, case=refused, action="file", data=TransitionInput(note="Trùng đơn"))
    accepted = []
    for case in made[1:]:
        case = case_transition(
            actor=cast.alice, case=case, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=True)
        )
        accepted.append(case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="9")))
    from danvan.cases.models import ComplexityCriterion

    criterion = ComplexityCriterion.objects.filter(kind="complaint").first()
    assert criterion is not None
    extended = case_transition(
        actor=grace,
        case=accepted[1],
        action="extend",
        data=TransitionInput(note="Nhiều hộ", document_no="10/QĐ", criteria=[criterion]),
    )
    return [made[0], accepted[0], extended]


def test_the_seeded_rows_keep_their_marks_apart():
    assert LegalRule.objects.exclude(verification="").exists()
    assert CalendarNotice.objects.exclude(verification="").exists()
    assert RefusalGround.objects.exclude(verification="").exists()
    for rule in LegalRule.objects.all():
        assert_clean(f"{rule.name} {rule.legal_basis} {rule.note}", f"rule {rule.code}")
    for notice in CalendarNotice.objects.all():
        assert_clean(f"{notice.title} {notice.legal_basis}", f"notice {notice.date}")
    for ground in RefusalGround.objects.all():
        assert_clean(f"{ground.text} {ground.legal_basis}", f"ground {ground.code}")


def test_every_explanation_of_every_rule_is_clean():
    calendar = WorkCalendar.load()
    from danvan.core.rules import deadline_from_rule

    for rule in LegalRule.objects.filter(day_kind__in=["working", "calendar"]):
        for start in (dt.date(2025, 12, 31), dt.date(2026, 11, 20), dt.date(2027, 1, 27)):
            if rule.valid_from <= start and (rule.valid_to is None or start <= rule.valid_to):
                lines = deadline_from_rule(rule, start, calendar=calendar).explanation
                assert_clean("\n".join(lines), f"{rule.code} from {start}")


# A walker of every page per reader: in `make test` each engine's run reads with half of them (tests/walkshare.py),
# the two costliest apart; run alone, with all four.
@pytest.mark.parametrize("who", my_part(["grace", "alice", "carol", "anonymous"]))
def test_officer_and_public_pages_and_api_cite_cleanly(cast, grace, cases, who):
    client = Client()
    user = {"alice": cast.alice, "grace": grace, "carol": cast.carol}.get(who)
    if user is not None:
        assert not user.is_staff and not user.is_superuser
        client.force_login(user)
    paths = plain_paths()
    assert len(paths) > 20, paths
    for path in paths:
        response = client.get(path, {"year": 2026})
        assert_clean(readable(response), f"{who} GET {path}")
    if user is None:
        return
    documents = 0
    for case in cases:
        for path in (
            f"/backoffice/cases/{case.pk}/",
            f"/api/v1/cases/{case.pk}",
            f"/api/v1/cases/{case.pk}/history",
        ):
            response = client.get(path)
            assert_clean(readable(response), f"{who} GET {path}")
        for kind in ("acceptance", "refusal", "extension", "transfer", "guidance", "result"):
            response = client.get(f"/backoffice/cases/notices/{case.pk}/{kind}.docx")
            if response.status_code == 200:
                documents += 1
                assert_clean(readable(response), f"{who} notice {kind} of {case.code}")
    if who != "carol":  # the commune's cases; carol (province) sees none of them
        assert documents >= 3
        page = client.get(f"/backoffice/cases/{cases[-1].pk}/").content.decode()
        assert "Luật Khiếu nại" in page  # the explanation is there, and clean
    deadline_queries: tuple[dict[str, str], ...] = (
        {"start": "2025-12-31", "days": "7", "day_kind": "working"},
        {"start": "2026-11-20", "rule": "complaint.accept"},
        {"start": "2027-01-27", "rule": "complaint.resolve_first"},
    )
    for params in deadline_queries:
        response = client.get("/api/v1/calendar/deadline", params)
        assert response.status_code == 200
        assert_clean(json.dumps(response.json(), ensure_ascii=False), f"deadline {params}")

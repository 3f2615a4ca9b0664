"""Least privilege for petitioners' and visitors' personal data (issue 9 §2, ``core.masking``): a viewer of the
unit or of a mass organization sees ID and phone numbers masked on pages, in the API and in the exports; the
officers and leaders who handle them see them whole, and each showing of whole ID numbers is audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.cases.models import CaseKind, Channel
from danvan.cases.services import PersonIn, case_receive
from danvan.core.masking import mask
from danvan.core.models import AuditEntry
from danvan.reception.models import VisitOutcome
from danvan.reception.services import VisitorIn, visit_record

pytestmark = pytest.mark.django_db

ID, PHONE, VISITOR_ID = "066080001234", "0905777888", "066090005555"


@pytest.fixture
def records(cast, land):
    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON,
        field=land,
        title="Khiếu nại quyết định thu hồi đất",
        summary="Khiếu nại quyết định thu hồi đất thửa 125.",
        received_on=dt.date(2026, 11, 16),
        people=[PersonIn("Nguyễn Văn Hùng", "Thôn 1", PHONE, ID)],
        event_known_on=dt.date(2026, 10, 1),
    )
    visit = visit_record(
        actor=cast.alice,
        unit=cast.dong_xuan,
        visited_on=dt.date(2026, 11, 16),
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh đường liên thôn xuống cấp",
        outcome=VisitOutcome.ANSWERED,
        answer="Đã hướng dẫn",
        visitors=[VisitorIn("Hà Văn Bảy", "Thôn 4", VISITOR_ID)],
    )
    return case, visit


def everything(client, case, visit) -> str:
    parts = [
        client.get(reverse("cases:detail", args=[case.pk])).content.decode(),
        client.get(reverse("reception:visit_detail", args=[visit.pk])).content.decode(),
        client.get(reverse("reception:logbook"), {"start": "01/11/2026", "end": "30/11/2026"}).content.decode(),
        client.get(f"/api/v1/cases/{case.pk}").content.decode(),
        client.get(f"/api/v1/reception/visits/{visit.pk}").content.decode(),
        client.get("/api/v1/reception/logbook", {"start": "2026-11-01", "end": "2026-11-30"}).content.decode(),
    ]
    for url in (reverse("reception:logbook_xlsx") + "?start=01/11/2026&end=30/11/2026",):
        response = client.get(url)
        if response.status_code == 200:
            book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
            parts.append(
                " ".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row)
            )
    return "\n".join(parts)


def test_mask_keeps_only_the_last_digits():
    assert mask(ID) == "•••••••••234"
    assert mask("12") == "••" and mask("") == ""


@pytest.mark.parametrize("who", ["erin", "front_viewer"])
def test_a_viewer_sees_id_and_phone_numbers_masked_everywhere(client, cast, records, front_viewer, who):
    case, visit = records
    client.force_login({"erin": cast.erin, "front_viewer": front_viewer}[who])
    text = everything(client, case, visit)
    assert "Nguyễn Văn Hùng" in text  # the page is really there
    for secret in (ID, PHONE, VISITOR_ID):
        assert secret not in text, secret
    assert mask(ID) in text
    assert not AuditEntry.objects.filter(action="core.personal_data.shown").exists()


def test_an_officer_of_the_unit_sees_them_whole_and_each_showing_is_audited(client, cast, records):
    case, visit = records
    client.force_login(cast.alice)
    text = everything(client, case, visit)
    assert ID in text and PHONE in text and VISITOR_ID in text
    shown = AuditEntry.objects.filter(action="core.personal_data.shown", actor_id=cast.alice.pk)
    where = {entry.changes["where"] for entry in shown}
    assert {"case_page", "visit_page", "case_api", "visit_api", "logbook_page", "logbook_api"} <= where
    for entry in shown:
        assert ID not in str(entry.changes) and VISITOR_ID not in str(entry.changes)

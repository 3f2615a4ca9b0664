"""New records are made only at current units, checked in the access layer (``accounts.access.can_create_at``)
for every create path: a legacy commune split between several successors is read by each of them, so a record an
officer of one successor wrote there would be read by the other successor's officers (issue 9 §2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import organization
from danvan.accounts.access import can_create_at, has_role_at
from danvan.accounts.models import Role
from danvan.cases.models import CaseKind, Channel
from danvan.cases.services import PersonIn, case_receive
from danvan.core.errors import DomainError
from danvan.core.models import UnitSuccession
from danvan.initiatives.models import Field as InitiativeField
from danvan.initiatives.services import initiative_register
from danvan.reception import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def legacy(cast):
    """A legacy predecessor of Xã Đồng Xuân, preferably one split between several successors."""
    links = UnitSuccession.objects.filter(successor=cast.dong_xuan).select_related("predecessor")
    predecessors = [link.predecessor for link in links]
    split = [u for u in predecessors if UnitSuccession.objects.filter(predecessor=u).count() > 1]
    unit = (split or predecessors)[0]
    assert has_role_at(cast.alice, unit, Role.OFFICER)  # alice reaches it (to read its old records) ...
    assert not can_create_at(cast.alice, unit)  # ... but writes nothing new there
    return unit


def test_services_refuse_every_new_record_at_a_legacy_unit(cast, legacy, land):
    with pytest.raises(DomainError) as refused:
        case_receive(
            actor=cast.alice,
            unit=legacy,
            kind=CaseKind.COMPLAINT,
            channel=Channel.IN_PERSON,
            field=land,
            title="Khiếu nại",
            summary="Nội dung",
            received_on=dt.date(2026, 11, 16),
            people=[PersonIn("Nguyễn Văn Hùng")],
        )
    assert refused.value.status == 403
    with pytest.raises(DomainError):
        services.session_plan(
            actor=cast.alice,
            unit=legacy,
            kind="regular",
            host_role="desk",
            host_name="Bộ phận tiếp dân",
            held_on=dt.date(2026, 11, 23),
        )
    with pytest.raises(DomainError):
        services.visit_record(
            actor=cast.alice,
            unit=legacy,
            visited_on=dt.date(2026, 11, 16),
            kind="recommendation",
            summary="Kiến nghị",
            outcome="answered",
        )
    with pytest.raises(DomainError):
        initiative_register(
            actor=cast.alice,
            unit=legacy,
            organization=organization("22081"),
            kind="model",
            name="Mô hình",
            field=InitiativeField.objects.first(),
            level="commune",
            year=2026,
        )


def test_an_upload_at_a_legacy_unit_is_refused_like_a_missing_unit(client, cast, legacy):
    client.force_login(cast.alice)
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf")
    response = client.post("/api/v1/attachments", {"unit_id": legacy.pk, "file": upload})
    assert response.status_code == 404


def test_a_current_unit_still_accepts_them(cast, land):
    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON,
        field=land,
        title="Khiếu nại",
        summary="Nội dung",
        received_on=dt.date(2026, 11, 16),
        people=[PersonIn("Nguyễn Văn Hùng")],
    )
    assert case.unit == cast.dong_xuan


def test_a_second_complaint_needs_the_officer_role_where_it_is_filed(client, cast, land):
    from danvan.cases.services import case_open_second_complaint

    first = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON,
        field=land,
        title="Khiếu nại",
        summary="Nội dung",
        received_on=dt.date(2026, 11, 16),
        people=[PersonIn("Nguyễn Văn Hùng")],
    )
    for actor, unit in ((cast.erin, cast.dong_xuan), (cast.alice, cast.buon_ma_thuot), (cast.carol, cast.ba_dinh)):
        with pytest.raises(DomainError) as refused:
            case_open_second_complaint(
                actor=actor, first=first, unit=unit, received_on=dt.date(2026, 11, 20), summary="Không đồng ý"
            )
        assert refused.value.status == 403, (actor, unit)
    client.force_login(cast.erin)
    response = client.post(
        f"/api/v1/cases/{first.pk}/second-complaint",
        {"unit_id": cast.dong_xuan.pk, "received_on": "2026-11-20", "summary": "Không đồng ý"},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)

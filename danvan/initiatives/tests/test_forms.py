"""The registry's forms: a refused form comes back as typed with each error beside its field; dates are bounded by
the record; amounts typed the Vietnamese way ("15.000.000") are stored whole."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.core.models import AuditEntry, Organization
from danvan.initiatives.models import Commendation, Field, Initiative, InitiativeStatus, ProgressUpdate, Score
from danvan.initiatives.services import initiative_register
from danvan.initiatives.tests.conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


def set_status(initiative: Initiative, status: str) -> Initiative:
    Initiative.objects.filter(pk=initiative.pk).update(status=status)
    initiative.refresh_from_db()
    return initiative


def control(html: str, name: str) -> re.Match[str]:
    match = re.search(rf'<(input|textarea|select)[^>]*name="{name}"[^>]*>', html)
    assert match, f"no control {name}"
    return match


def value_of(html: str, name: str) -> str:
    match = control(html, name)
    if match.group(1) == "textarea":
        return html[match.end() : html.index("</textarea>", match.end())].strip()
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def error_beside(html: str, name: str) -> str:
    """The error list rendered with control ``name`` (between the previous control and the next), as text."""
    match = control(html, name)
    assert 'aria-invalid="true"' in match.group(0), f"{name} is not marked invalid"
    before = [m.end() for m in re.finditer(r"<(input|textarea|select)\b[^>]*>", html[: match.start()])]
    following = re.search(r"<(input|textarea|select)\b", html[match.end() :])
    segment = html[before[-1] if before else 0 : match.end() + following.start() if following else len(html)]
    errors = re.search(r'<ul class="errorlist"[^>]*>(.*?)</ul>', segment, re.S)
    assert errors, f"no error beside {name}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", errors.group(1))).strip()


def test_progress_with_a_date_before_the_registration_year_keeps_the_text(client, cast, draft):
    set_status(draft, InitiativeStatus.IMPLEMENTING)
    client.force_login(cast.alice)
    response = client.post(
        reverse("initiatives:progress", args=[draft.pk]),
        {
            "reported_on": "01/01/1900",
            "text": "Đã làm xong 03 tuyến đường",
            "figure_label": "tuyến",
            "figure_value": "3",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "không được trước 01/01/2026" in error_beside(html, "reported_on")
    assert value_of(html, "text") == "Đã làm xong 03 tuyến đường"
    assert value_of(html, "figure_label") == "tuyến"
    assert value_of(html, "figure_value") == "3"
    assert not ProgressUpdate.objects.exists()


def test_progress_in_the_future_is_refused_beside_the_date(client, cast, draft):
    set_status(draft, InitiativeStatus.IMPLEMENTING)
    client.force_login(cast.alice)
    response = client.post(
        reverse("initiatives:progress", args=[draft.pk]), {"reported_on": "21/11/2026", "text": "Sớm"}
    )
    assert response.status_code == 400
    assert "không được sau hôm nay (20/11/2026)" in error_beside(response.content.decode(), "reported_on")


def test_score_above_the_maximum_names_the_criterion_and_keeps_the_other_scores(client, cast, henry, rubric, draft):
    set_status(draft, InitiativeStatus.SELF_ASSESSED)
    first, second, third = rubric.criteria.order_by("order")
    client.force_login(henry)
    response = client.post(
        reverse("initiatives:score", args=[draft.pk]),
        {f"criterion_{first.pk}": "41", f"criterion_{second.pk}": "25,5", f"criterion_{third.pk}": "20"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert error_beside(html, f"criterion_{first.pk}") == "Điểm tiêu chí “Hiệu quả” không được lớn hơn 40,00."
    assert value_of(html, f"criterion_{first.pk}") == "41"
    assert value_of(html, f"criterion_{second.pk}") == "25,5"
    assert value_of(html, f"criterion_{third.pk}") == "20"
    assert not Score.objects.exists()

    # The Vietnamese way is accepted and shown back the Vietnamese way.
    response = client.post(
        reverse("initiatives:score", args=[draft.pk]),
        {f"criterion_{first.pk}": "35,5", f"criterion_{second.pk}": "25", f"criterion_{third.pk}": "20"},
    )
    assert response.status_code == 302
    assert Score.objects.get(criterion=first).points == Decimal("35.5")
    html = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    assert value_of(html, f"criterion_{first.pk}") == "35,50"


def test_decision_dated_1900_is_refused_beside_the_date_and_keeps_the_number(client, cast, draft):
    set_status(draft, InitiativeStatus.EVALUATED)
    board = Organization.objects.get(unit=cast.dak_lak, kind__code="steering_committee")
    client.force_login(cast.carol)
    response = client.post(
        reverse("initiatives:recognize", args=[draft.pk]),
        {
            "organization": board.pk,
            "number": "15",
            "symbol": "QĐ-BCĐ",
            "signed_on": "01/01/1900",
            "signer_name": "Lê Thị Cúc",
            "signer_title": "Trưởng ban",
            "version": draft.version,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f"không được trước 01/01/{YEAR}" in error_beside(html, "signed_on")
    assert value_of(html, "number") == "15" and value_of(html, "signer_name") == "Lê Thị Cúc"
    draft.refresh_from_db()
    assert draft.status == InitiativeStatus.EVALUATED


def test_commendation_amount_typed_the_vietnamese_way_is_fifteen_million(client, cast, draft):
    set_status(draft, InitiativeStatus.RECOGNIZED)
    organization = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    client.force_login(cast.alice)
    values = {
        "kind": "certificate",
        "recipient_type": "collective",
        "recipient_name": "Chi hội Phụ nữ thôn 2",
        "awarded_by": organization.pk,
        "awarded_on": "01/01/1900",
        "amount": "15.000.000",
    }
    refused = client.post(reverse("initiatives:commend", args=[draft.pk]), values)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "không được trước 01/01/2026" in error_beside(html, "awarded_on")
    assert value_of(html, "amount") == "15.000.000"
    assert value_of(html, "recipient_name") == "Chi hội Phụ nữ thôn 2"

    ambiguous = client.post(reverse("initiatives:commend", args=[draft.pk]), {**values, "amount": "15.5"})
    assert ambiguous.status_code == 400
    assert "dấu chấm chỉ ngăn cách hàng nghìn" in error_beside(ambiguous.content.decode(), "amount")

    saved = client.post(reverse("initiatives:commend", args=[draft.pk]), {**values, "awarded_on": "20/11/2026"})
    assert saved.status_code == 302
    assert Commendation.objects.get().amount == 15_000_000


def test_registration_funding_typed_the_vietnamese_way(client, cast, draft):
    organization = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    client.force_login(cast.alice)
    response = client.post(
        reverse("initiatives:create"),
        {
            "unit": cast.dong_xuan.pk,
            "organization": organization.pk,
            "kind": "model",
            "name": "Dân vận khéo trong xây dựng nông thôn mới",
            "field": Field.objects.get(code="economy").pk,
            "level": "commune",
            "year": "2026",
            "funding_source_0": "Ngân sách xã",
            "funding_amount_0": "15.000.000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Initiative.objects.get(name="Dân vận khéo trong xây dựng nông thôn mới")
    assert created.funds_total == 15_000_000


def test_replication_uses_the_unit_picker_of_the_officers_units(client, cast, draft):
    set_status(draft, InitiativeStatus.RECOGNIZED)
    client.force_login(cast.alice)
    html = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    picker = re.search(r'<select[^>]*name="unit"[^>]*>(.*?)</select>', html, re.S)
    assert picker and "Xã Đồng Xuân" in picker.group(1) and "Buôn Ma Thuột" not in picker.group(1)
    # A unit outside the officer's memberships is not a choice: refused beside the field, the year kept.
    refused = client.post(
        reverse("initiatives:replicate", args=[draft.pk]), {"unit": cast.buon_ma_thuot.pk, "year": "2027"}
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert error_beside(html, "unit") == "Hãy chọn một đơn vị trong phạm vi của bạn."
    assert value_of(html, "year") == "2027"
    # A model published by another commune is replicated at the officer's own.
    origin = initiative_register(
        actor=cast.bob,
        unit=cast.buon_ma_thuot,
        organization=Organization.objects.get(unit=cast.buon_ma_thuot, kind__code="peoples_committee"),
        kind="model",
        name="Chợ văn minh",
        field=Field.objects.get(code="economy"),
        level="commune",
        year=YEAR,
    )
    Initiative.objects.filter(pk=origin.pk).update(status=InitiativeStatus.RECOGNIZED, is_public=True)
    response = client.post(
        reverse("initiatives:replicate", args=[origin.pk]), {"unit": cast.dong_xuan.pk, "year": "2026"}
    )
    assert response.status_code == 302
    assert Initiative.objects.get(origin=origin).unit == cast.dong_xuan


def test_a_draft_is_edited_and_deleted_by_the_unit_officers_audited(client, cast, draft):
    client.force_login(cast.alice)
    detail = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    assert reverse("initiatives:edit", args=[draft.pk]) in detail and "Xóa dự thảo" in detail
    page = client.get(reverse("initiatives:edit", args=[draft.pk])).content.decode()
    assert value_of(page, "name") == "Tuyến đường hoa kiểu mẫu"
    assert value_of(page, "funding_amount_0") == "7.000.000"
    values = {
        "kind": "model",
        "name": "Tuyến đường hoa, cây xanh kiểu mẫu",
        "field": draft.field_id,
        "level": "commune",
        "year": "2026",
        "goals": "07 tuyến đường",
        "funding_source_0": "Ban CHQS xã hỗ trợ",
        "funding_amount_0": "8.000.000",
        "version": draft.version,
    }
    refused = client.post(reverse("initiatives:edit", args=[draft.pk]), {**values, "funding_amount_0": "8.0.0"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert error_beside(html, "funding_amount_0") and value_of(html, "name") == "Tuyến đường hoa, cây xanh kiểu mẫu"
    saved = client.post(reverse("initiatives:edit", args=[draft.pk]), values)
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.name == "Tuyến đường hoa, cây xanh kiểu mẫu" and draft.funds_total == 8_000_000
    assert AuditEntry.objects.filter(action="initiatives.initiative.updated", object_id=str(draft.pk)).exists()

    # Another commune's officer cannot touch it; the unit's officer deletes it, and the trail says what it was.
    client.force_login(cast.bob)
    assert client.post(reverse("initiatives:delete", args=[draft.pk]), {"version": draft.version}).status_code == 404
    client.force_login(cast.alice)
    response = client.post(reverse("initiatives:delete", args=[draft.pk]), {"version": draft.version})
    assert response.status_code == 302 and not Initiative.objects.filter(pk=draft.pk).exists()
    entry = AuditEntry.objects.get(action="initiatives.initiative.deleted")
    assert entry.actor == cast.alice and entry.changes["name"] == "Tuyến đường hoa, cây xanh kiểu mẫu"


def test_a_registered_initiative_is_not_deleted(client, cast, draft):
    set_status(draft, InitiativeStatus.REGISTERED)
    client.force_login(cast.alice)
    response = client.post(reverse("initiatives:delete", args=[draft.pk]), {"version": draft.version})
    assert response.status_code == 302 and Initiative.objects.filter(pk=draft.pk).exists()


def test_self_assessment_has_a_form_whose_content_is_saved_and_shown(client, cast, draft):
    set_status(draft, InitiativeStatus.IMPLEMENTING)
    client.force_login(cast.alice)
    page = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    assert reverse("initiatives:self_assess", args=[draft.pk]) in page and 'name="results"' in page
    url = reverse("initiatives:self_assess", args=[draft.pk])
    refused = client.post(url, {"results": "  ", "lessons": "Cần huy động thêm đoàn viên", "version": draft.version})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert error_beside(html, "results")
    assert value_of(html, "lessons") == "Cần huy động thêm đoàn viên"
    response = client.post(
        url,
        {"results": "Hoàn thành 05/05 tuyến đường", "lessons": "Cần huy động thêm đoàn viên", "version": draft.version},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == InitiativeStatus.SELF_ASSESSED
    assert draft.self_assessment == "Hoàn thành 05/05 tuyến đường" and draft.self_assessed_on == dt.date(2026, 11, 20)
    shown = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    assert "Hoàn thành 05/05 tuyến đường" in shown and "Cần huy động thêm đoàn viên" in shown
    assert AuditEntry.objects.filter(action="initiatives.initiative.self_assessed", object_id=str(draft.pk)).exists()

"""The officer's inbox and report page: service-level colours, filters, personal data masked for viewers, action
forms that keep the input on a refusal."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.feedback import triage
from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.models import EventKind, Moderation, Report, ReportEvent, ReportState


def submit(unit_code: str = "22081", description: str = "Cống thoát nước bị tắc gây ngập", **extra) -> Report:
    data = {
        "category_code": "flooding",
        "description": description,
        "unit_code": unit_code,
        "citizen_name": "Trần Thị B",
        "citizen_phone": "0912345678",
        **extra,
    }
    return report_submit(ReportIn(**data)).report


def set_due(report: Report, due: dt.date) -> None:
    Report.objects.filter(pk=report.pk).update(due_on=due)


def test_inbox_lists_the_units_reports_with_service_level_colours(client, cast):
    today = timezone.localdate()
    late = submit(description="Ngập quá hạn")
    soon = submit(description="Ngập sắp đến hạn")
    fine = submit(description="Ngập trong hạn")
    elsewhere = submit("24133", description="Ở phường khác")
    set_due(late, today - dt.timedelta(days=3))
    set_due(soon, today)
    set_due(fine, today + dt.timedelta(days=30))
    client.force_login(cast.alice)
    response = client.get(reverse("feedback_officer:inbox"))
    assert response.status_code == 200
    html = response.content.decode()
    assert late.code in html and soon.code in html and fine.code in html and elsewhere.code not in html
    assert 'data-sla="overdue"' in html and 'data-sla="due_soon"' in html and 'data-sla="on_track"' in html
    assert "0912345678" not in html  # no personal data in the list
    assert response.context["counts"] == {"overdue": 1, "due_soon": 1, "on_track": 1}
    overdue = client.get(reverse("feedback_officer:inbox"), {"service": "overdue"}).content.decode()
    assert late.code in overdue and fine.code not in overdue


def test_inbox_filters_and_folded_search(client, cast):
    road = submit(description="Đường đất lầy lội")
    other = report_submit(ReportIn(category_code="waste", description="Rác ùn ứ", unit_code="22081")).report
    client.force_login(cast.alice)
    found = client.get(reverse("feedback_officer:inbox"), {"q": "duong dat"}).content.decode()
    assert road.code in found and other.code not in found
    by_category = client.get(reverse("feedback_officer:inbox"), {"category": "waste"}).content.decode()
    assert other.code in by_category and road.code not in by_category
    triage.report_accept(actor=cast.alice, report=road)
    by_state = client.get(reverse("feedback_officer:inbox"), {"state": "accepted"}).content.decode()
    assert road.code in by_state and other.code not in by_state
    org = client.get(reverse("feedback_officer:inbox"), {"organization": road.organization_id}).content.decode()
    assert road.code in org
    triage.report_assign(actor=cast.carol, report=road, assignee=cast.alice)
    mine = client.get(reverse("feedback_officer:inbox"), {"assignee": "me"}).content.decode()
    assert road.code in mine and other.code not in mine


def test_report_page_shows_contact_whole_to_officers_and_masked_to_viewers(client, cast):
    report = submit()
    client.force_login(cast.alice)
    page = client.get(reverse("feedback_officer:detail", args=[report.pk])).content.decode()
    assert "0912 345 678" in page and reverse("feedback_officer:accept", args=[report.pk]) in page
    client.force_login(cast.erin)
    page = client.get(reverse("feedback_officer:detail", args=[report.pk])).content.decode()
    assert "0912345678" not in page and "0912 345 678" not in page and "678" in page
    assert reverse("feedback_officer:accept", args=[report.pk]) not in page
    client.force_login(cast.bob)
    assert client.get(reverse("feedback_officer:detail", args=[report.pk])).status_code == 404


def test_accept_then_answer_through_the_forms(client, cast):
    report = submit()
    client.force_login(cast.alice)
    response = client.post(reverse("feedback_officer:accept", args=[report.pk]), {"version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    # alice is no leader: the answer form is refused
    response = client.post(reverse("feedback_officer:answer", args=[report.pk]), {"text": "Xong", "version": 2})
    assert response.status_code == 403
    client.force_login(cast.carol)
    page = client.get(reverse("feedback_officer:detail", args=[report.pk])).content.decode()
    assert reverse("feedback_officer:answer", args=[report.pk]) in page
    response = client.post(
        reverse("feedback_officer:answer", args=[report.pk]), {"text": "Đã nạo vét cống.", "version": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.ANSWERED and report.answer_text == "Đã nạo vét cống."


def test_a_stale_form_is_refused_409_and_keeps_the_input(client, cast):
    report = submit()
    client.force_login(cast.alice)
    response = client.post(
        reverse("feedback_officer:refuse", args=[report.pk]),
        {"reason": "spam", "text": "Nội dung quảng cáo", "version": report.version + 3},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nội dung quảng cáo" in html and "tải lại trang" in html
    assert Report.objects.get(pk=report.pk).state == ReportState.NEW


def test_a_missing_field_shows_its_error_beside_it(client, cast):
    report = submit()
    client.force_login(cast.alice)
    response = client.post(reverse("feedback_officer:request_info", args=[report.pk]), {"text": ""})
    assert response.status_code == 422
    assert 'id="info-text-error"' in response.content.decode()


def test_transfer_merge_and_note_forms(client, cast):
    target = submit(description="Ngập nặng ở ngã ba chợ Đồng Xuân")
    duplicate = submit(description="Ngập nặng ở ngã ba chợ sau mưa")
    client.force_login(cast.alice)
    page = client.get(reverse("feedback_officer:detail", args=[duplicate.pk])).content.decode()
    assert target.code in page  # suggested as a duplicate (same category and commune, alike text)
    response = client.post(reverse("feedback_officer:merge", args=[duplicate.pk]), {"into": target.code.lower()})
    assert response.status_code == 302
    assert Report.objects.get(pk=duplicate.pk).merged_into_id == target.pk
    response = client.post(reverse("feedback_officer:merge", args=[target.pk]), {"into": "PA-NOPE"})
    assert response.status_code == 422
    response = client.post(reverse("feedback_officer:note", args=[target.pk]), {"text": "Đã gọi điện"})
    assert response.status_code == 302
    assert ReportEvent.objects.filter(report=target, kind=EventKind.NOTE, is_public=False).exists()
    response = client.post(reverse("feedback_officer:transfer", args=[target.pk]), {"to_unit": "24133", "note": ""})
    assert response.status_code == 302
    assert Report.objects.get(pk=target.pk).unit_id == cast.buon_ma_thuot.pk


def test_assign_form_lists_the_communes_officers(client, cast):
    leader = make_officer("lan", "Vũ Thị Lan", "22081", Role.LEADER)
    report = submit()
    client.force_login(leader)
    page = client.get(reverse("feedback_officer:detail", args=[report.pk])).content.decode()
    assert cast.alice.full_name in page
    response = client.post(reverse("feedback_officer:assign", args=[report.pk]), {"assignee": cast.alice.pk})
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).assignee_id == cast.alice.pk
    response = client.post(reverse("feedback_officer:assign", args=[report.pk]), {"assignee": cast.bob.pk})
    assert response.status_code == 422


def test_moderate_and_revert_through_the_page(client, cast):
    report = submit(description="Ông Nam số 0987 654 321 đổ rác ra đường")
    client.force_login(cast.alice)
    response = client.post(
        reverse("feedback_officer:moderate", args=[report.pk]),
        {"field": "description", "replacement": "Có người đổ rác ra đường", "reason": "Số điện thoại"},
    )
    assert response.status_code == 302
    item = Moderation.objects.get(report=report)
    page = client.get(reverse("feedback_officer:detail", args=[report.pk])).content.decode()
    assert "Nội dung phản ánh – Số điện thoại" in page and "Ông Nam số 0987 654 321" in page  # the original kept
    response = client.post(reverse("feedback_officer:moderation_revert", args=[report.pk, item.pk]))
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).description.startswith("Ông Nam")


def test_hide_and_show_forms(client, cast):
    report = submit()
    client.force_login(cast.alice)
    assert client.post(reverse("feedback_officer:hide", args=[report.pk]), {"reason": "Riêng tư"}).status_code == 302
    assert Report.objects.get(pk=report.pk).is_hidden
    assert client.post(reverse("feedback_officer:show", args=[report.pk]), {}).status_code == 302
    assert not Report.objects.get(pk=report.pk).is_hidden


def _png(name: str = "a.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 10)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_answer_with_photos_and_a_non_image_refused(client, cast, settings, tmp_path):
    from danvan.feedback.models import PhotoRole, ReportPhoto

    settings.MEDIA_ROOT = tmp_path
    report = submit()
    client.force_login(cast.carol)
    from django.core.files.uploadedfile import SimpleUploadedFile

    text_file = SimpleUploadedFile("note.png", b"not an image at all", content_type="image/png")
    response = client.post(
        reverse("feedback_officer:answer", args=[report.pk]), {"text": "Đã xử lý xong", "photos": [text_file]}
    )
    assert response.status_code == 422
    assert "Đã xử lý xong" in response.content.decode()
    assert Report.objects.get(pk=report.pk).state == ReportState.NEW
    response = client.post(
        reverse("feedback_officer:answer", args=[report.pk]),
        {"text": "Đã xử lý xong", "photos": [_png("a.png"), _png("b.png")]},
    )
    assert response.status_code == 302
    photos = ReportPhoto.objects.filter(report=report, role=PhotoRole.ANSWER)
    assert photos.count() == 2 and all(p.event is not None and p.event.kind == EventKind.ANSWERED for p in photos)
    first = photos.first()
    assert first is not None
    image = client.get(reverse("feedback_officer:photo", args=[report.pk, first.pk]))
    assert image.status_code == 200 and image["Content-Type"].startswith("image/")
    client.force_login(cast.frank)
    assert client.get(reverse("feedback_officer:photo", args=[report.pk, first.pk])).status_code == 404


def test_the_page_flags_a_phone_number_in_the_text(client, cast):
    report = submit(description="Liên hệ anh Hùng 0905 111 222 ở tổ 4")
    plain = submit(description="Cống tắc ở tổ 4")
    client.force_login(cast.alice)
    assert (
        "Có thể chứa số điện thoại" in client.get(reverse("feedback_officer:detail", args=[report.pk])).content.decode()
    )
    assert (
        "Có thể chứa số điện thoại"
        not in client.get(reverse("feedback_officer:detail", args=[plain.pk])).content.decode()
    )

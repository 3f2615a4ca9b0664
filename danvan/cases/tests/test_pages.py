"""The case engine through its back-office pages: list and filters, intake, each workflow step, bad input."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.cases import services
from danvan.cases.models import (
    Case,
    CaseLink,
    CaseStatus,
    ComplexityCriterion,
    DuplicateDismissal,
    LinkKind,
    Timeliness,
)
from danvan.core.models import Attachment
from danvan.core.phones import phone_message
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def intake(cast, land, **overrides):
    data = {
        "unit": cast.dong_xuan.pk,
        "kind": "complaint",
        "complaint_round": "1",
        "channel": "in_person",
        "field": land.pk,
        "title": "Khiếu nại việc bồi thường đất rẫy thôn 4",
        "summary": "Các hộ thôn 4 khiếu nại mức bồi thường khi thu hồi đất rẫy làm đường liên xã.",
        "subject_party": "Quyết định số 88/QĐ-UBND",
        "received_on": "20/11/2026",
        "event_known_on": "",
        "submission_key": uuid.uuid4().hex,
        "rows": "6",
    }
    data.update(overrides)
    return data


def act(client, case, action, **fields):
    case.refresh_from_db()
    return client.post(reverse("cases:act", args=[case.pk, action]), {"version": case.version, **fields}, follow=False)


def html(response) -> str:
    return response.content.decode()


# --- List ----------------------------------------------------------------------------------------------------


def test_list_filters_and_deadline_badges(client, cast, complaint, denunciation, django_assert_max_num_queries):
    Case.objects.filter(pk=complaint.pk).update(due_on=dt.date(2026, 11, 19))  # yesterday: overdue
    Case.objects.filter(pk=denunciation.pk).update(due_on=dt.date(2026, 11, 20))  # today: due soon
    client.force_login(cast.alice)
    with django_assert_max_num_queries(12):
        page = html(client.get(reverse("cases:list")))
    assert complaint.code in page and denunciation.code in page
    assert "Quá hạn</span>" in page and "Sắp đến hạn</span>" in page
    assert "Lê Thị Mật" not in page  # the denouncer is never listed

    overdue = html(client.get(reverse("cases:list"), {"deadline": "overdue"}))
    assert complaint.code in overdue and denunciation.code not in overdue
    kinds = html(client.get(reverse("cases:list"), {"kind": "denunciation"}))
    assert denunciation.code in kinds and complaint.code not in kinds
    search = html(client.get(reverse("cases:list"), {"q": "nguyen van hung"}))  # a petitioner, without diacritics
    assert complaint.code in search and denunciation.code not in search
    received = html(client.get(reverse("cases:list"), {"received_from": "10/11/2026", "received_to": "2026-11-30"}))
    assert denunciation.code in received and complaint.code not in received
    assert complaint.code in html(client.get(reverse("cases:list"), {"mine": "1", "open": "true", "order": "due"}))
    assert "Chưa có hồ sơ" in html(client.get(reverse("cases:list"), {"status": "closed"}))
    # Malformed values widen the list instead of failing.
    assert (
        client.get(reverse("cases:list"), {"field": "x", "unit": "-1", "received_from": "32/13/2026"}).status_code
        == 200
    )

    client.force_login(cast.erin)
    assert client.get(reverse("cases:list"), {"mine": "1"}).context["page"].paginator.count == 0


def test_list_queries_do_not_grow_with_the_page(client, cast, complaint, land, django_assert_max_num_queries):
    from danvan.cases.services import PersonIn, case_receive

    for index in range(30):
        case_receive(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind="recommendation",
            channel="web",
            field=land,
            title=f"Kiến nghị số {index}",
            summary=f"Kiến nghị sửa đường thôn {index}",
            received_on=dt.date(2026, 11, 19),
            people=[PersonIn(f"Người {index}")],
        )
    client.force_login(cast.carol)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("cases:list"))
    assert response.context["page"].paginator.count == 31
    assert len(response.context["page"].object_list) == 25


# --- Intake --------------------------------------------------------------------------------------------------


def test_intake_form_has_six_petitioner_rows_a_submission_key_and_the_duplicates_panel(client, cast):
    client.force_login(cast.alice)
    page = html(client.get(reverse("cases:new"), follow=True))
    assert 'name="person_5_full_name"' in page and 'name="person_6_full_name"' not in page
    assert re.search(r'name="submission_key" value="[0-9a-f]{32}"', page)
    assert f'hx-post="{reverse("cases:duplicates")}"' in page
    assert "Thông tin người tố cáo (bảo mật)" in page and 'name="is_anonymous"' in page
    more = html(client.post(reverse("cases:new"), {"rows": "6", "more_rows": "1", "person_0_full_name": "Giữ lại"}))
    assert 'name="person_11_full_name"' in more and 'value="Giữ lại"' in more
    assert Case.objects.count() == 0


def test_a_viewer_cannot_open_the_intake_form(client, cast):
    client.force_login(cast.erin)
    assert client.get(reverse("cases:new")).status_code == 404


def test_intake_of_a_six_person_group_with_two_representatives(client, cast, land):
    client.force_login(cast.alice)
    people = {}
    for index, name in enumerate(["Y Bhim Niê", "H'Hen Mlô", "Nguyễn Văn Ba", "Lê Thị Bốn", "Trần Năm", "Phạm Sáu"]):
        people[f"person_{index}_full_name"] = name
        people[f"person_{index}_address"] = "Thôn 4, xã Đồng Xuân"
    people["person_0_is_representative"] = "on"
    people["person_1_is_representative"] = "on"
    response = client.post(reverse("cases:new"), intake(cast, land, persons_count="6", **people))
    assert response.status_code == 302, html(response)
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.persons_count == 6 and case.is_multi_party
    assert case.people.count() == 6 and case.people.filter(is_representative=True).count() == 2
    detail = html(client.get(response["Location"]))
    assert "Đã tiếp nhận đơn, mã hồ sơ 22081-2026-00001." in detail
    assert detail.count('class="badge representative"') == 2 and "Đông người" in detail


def test_three_representatives_for_six_people_are_refused_with_the_rows_kept(client, cast, land):
    client.force_login(cast.alice)
    people = {f"person_{i}_full_name": f"Người {i}" for i in range(6)}
    people.update({f"person_{i}_is_representative": "on" for i in range(3)})
    response = client.post(reverse("cases:new"), intake(cast, land, **people))
    assert response.status_code == 200 and Case.objects.count() == 0
    page = html(response)
    assert "phải cử từ 1 đến 2 người đại diện" in page and 'value="Người 5"' in page


def test_late_complaint_is_warned_then_recorded_with_its_reason(client, cast, land):
    client.force_login(cast.alice)
    data = intake(cast, land, event_known_on="01/06/2026", person_0_full_name="Hà Văn Muộn")
    warned = client.post(reverse("cases:new"), data)
    assert warned.status_code == 200 and Case.objects.count() == 0
    page = html(warned)
    assert "Đơn gửi sau thời hiệu (90 ngày" in page
    assert '<details class="late-filing" open>' in page
    assert re.search(r'<textarea name="late_filing_reason"[^>]*aria-invalid="true"', page)
    assert f'value="{data["submission_key"]}"' in page  # the same key: the retry is still one submission

    data["late_filing_reason"] = "Nằm viện từ tháng 6 đến tháng 10"
    saved = client.post(reverse("cases:new"), data)
    assert saved.status_code == 302
    case = Case.objects.get()
    assert case.is_late_filing and case.late_filing_reason.startswith("Nằm viện")
    assert "Nằm viện từ tháng 6" in html(client.get(saved["Location"]))


def test_double_submit_makes_one_case(client, cast, land):
    client.force_login(cast.alice)
    data = intake(cast, land, person_0_full_name="Đinh Văn Kiến")
    first = client.post(reverse("cases:new"), data)
    second = client.post(reverse("cases:new"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Case.objects.count() == 1


def test_a_petitioner_phone_that_is_not_a_number_is_refused_beside_it_as_typed(client, cast, land):
    client.force_login(cast.alice)
    data = intake(cast, land, person_0_full_name="Đinh Văn Kiến", person_0_phone="15.000.000")
    refused = client.post(reverse("cases:new"), data)
    assert refused.status_code == 200 and not Case.objects.exists()
    assert refused.context["form"].errors["person_0_phone"] == [phone_message()]
    assert 'value="15.000.000"' in refused.content.decode()
    data["person_0_phone"] = "0912 345 678"
    assert client.post(reverse("cases:new"), data).status_code == 302
    assert Case.objects.get().people.get().phone == "0912345678"


def test_back_then_submit_again_returns_the_first_case(client, cast, land):
    """The key is in the form page's address: Back (a new GET of that address) brings the same key, so submitting
    the form again leads to the case the first submission made, not a second one."""
    client.force_login(cast.alice)
    opened = client.get(reverse("cases:new"))
    assert opened.status_code == 302
    address = opened["Location"]
    found = re.search(r"key=([0-9a-f]{32})", address)
    assert found, address
    key = found.group(1)
    page = html(client.get(address))
    assert f'name="submission_key" value="{key}"' in page
    data = intake(cast, land, submission_key=key, person_0_full_name="Đinh Văn Kiến")
    first = client.post(address, data)
    assert first.status_code == 302
    back = html(client.get(address))  # the browser's Back button
    assert f'name="submission_key" value="{key}"' in back
    case = Case.objects.get()
    assert f"đã được lưu thành hồ sơ {case.code}" in back
    again = client.post(address, data)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Case.objects.count() == 1
    # A new intake from the menu gets a new key.
    assert client.get(reverse("cases:new"))["Location"] != address


def test_a_stale_or_forged_submission_key_is_refused(client, cast, land):
    client.force_login(cast.alice)
    response = client.post(reverse("cases:new"), intake(cast, land, submission_key="x", person_0_full_name="A"))
    assert response.status_code == 200 and "Biểu mẫu đã cũ" in html(response)
    assert Case.objects.count() == 0


def test_intake_bad_input_is_shown_on_the_form(client, cast, land):
    client.force_login(cast.alice)
    no_people = html(client.post(reverse("cases:new"), intake(cast, land)))
    assert "Hãy ghi ít nhất một người gửi đơn." in no_people
    address_only = html(client.post(reverse("cases:new"), intake(cast, land, person_2_address="Thôn 1")))
    assert "Hãy ghi họ tên người này." in address_only
    future = html(
        client.post(reverse("cases:new"), intake(cast, land, received_on="21/11/2026", person_0_full_name="A"))
    )
    assert "Ngày nhận đơn không thể sau hôm nay." in future
    bad_date = html(
        client.post(reverse("cases:new"), intake(cast, land, received_on="31/02/2026", person_0_full_name="A"))
    )
    assert "Ngày không hợp lệ" in bad_date
    other_unit = client.post(
        reverse("cases:new"), intake(cast, land, unit=cast.buon_ma_thuot.pk, person_0_full_name="A")
    )
    assert other_unit.status_code == 200 and Case.objects.count() == 0


def test_denunciation_intake_puts_the_denouncer_in_the_vault(client, cast, land):
    client.force_login(cast.alice)
    data = intake(
        cast,
        land,
        kind="denunciation",
        title="Tố cáo trưởng thôn thu tiền sai quy định",
        summary="Tố cáo trưởng thôn 2 thu tiền làm đường không qua họp dân.",
        subject_party="Trưởng thôn 2",
        denouncer_0_full_name="Võ Thị Kín",
        denouncer_0_phone="0912000111",
        denouncer_0_id_number="066300012345",
    )
    response = client.post(reverse("cases:new"), data)
    assert response.status_code == 302, html(response)
    case = Case.objects.get()
    assert case.denouncer.people_count == 1 and not case.people.exists()
    detail = html(client.get(response["Location"]))
    assert "Võ Thị Kín" not in detail and "Xem thông tin người tố cáo" in detail

    with_petitioner = intake(cast, land, kind="denunciation", person_0_full_name="Ai Đó", is_anonymous="on")
    refused = html(client.post(reverse("cases:new"), with_petitioner))
    assert "phải ghi vào phần bảo mật" in refused
    nobody = html(client.post(reverse("cases:new"), intake(cast, land, kind="denunciation")))
    assert "hoặc đánh dấu tố cáo nặc danh" in nobody
    anonymous = client.post(reverse("cases:new"), intake(cast, land, kind="denunciation", is_anonymous="on"))
    assert anonymous.status_code == 302
    page = html(client.get(anonymous["Location"]))
    assert "Tố cáo nặc danh, mạo danh: không có thông tin người tố cáo" in page


def test_duplicates_panel_shows_a_re_sent_text_with_its_score(client, cast, complaint, denunciation):
    client.force_login(cast.alice)
    panel = client.post(
        reverse("cases:duplicates"),
        {"title": complaint.title, "summary": complaint.summary, "person_0_full_name": "Người khác hẳn"},
    )
    assert panel.status_code == 200
    body = html(panel)
    assert complaint.code in body and re.search(r">\d{2,3}%<", body)
    assert "Nội dung giống 100%" in body and 'target="_blank"' in body
    assert denunciation.code not in body

    same_person = html(
        client.post(
            reverse("cases:duplicates"),
            {"person_0_full_name": "Nguyễn Văn Hùng", "person_0_id_number": "066080001234", "title": "Đơn mới"},
        )
    )
    assert complaint.code in same_person and "Cùng người gửi" in same_person
    assert "Gõ trích yếu" in html(client.post(reverse("cases:duplicates"), {}))

    client.force_login(cast.frank)  # another province: nothing of Đắk Lắk
    assert complaint.code not in html(
        client.post(reverse("cases:duplicates"), {"title": complaint.title, "summary": complaint.summary})
    )


def test_duplicates_panel_does_not_reveal_who_denounced(client, cast, denunciation, ivan):
    """Typing the denouncer's name as a petitioner must not tell an officer without vault rights that they match."""
    client.force_login(ivan)
    probe = {"person_0_full_name": "Lê Thị Mật", "person_0_id_number": "066190009999", "title": "Đơn xin cấp sổ đỏ"}
    body = html(client.post(reverse("cases:duplicates"), probe))
    assert denunciation.code not in body and "Cùng người gửi" not in body
    client.force_login(cast.alice)  # the handler may see the match
    assert "Cùng người gửi" in html(client.post(reverse("cases:duplicates"), probe))


# --- Detail and steps ----------------------------------------------------------------------------------------


def test_detail_shows_facts_deadline_explanation_and_the_steps_the_officer_may_take(client, cast, complaint, grace):
    client.force_login(cast.alice)
    page = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert complaint.code in page and "Nguyễn Văn Hùng" in page and "11/11/2026" in page
    assert "Cách tính hạn" in page and "7 ngày làm việc" in page
    assert reverse("cases:act", args=[complaint.pk, "classify"]) in page
    assert reverse("cases:act", args=[complaint.pk, "file"]) in page
    assert reverse("cases:act", args=[complaint.pk, "accept"]) not in page  # not classified yet
    assert reverse("cases:assign", args=[complaint.pk]) not in page  # leaders assign
    client.force_login(grace)
    assert reverse("cases:assign", args=[complaint.pk]) in html(
        client.get(reverse("cases:detail", args=[complaint.pk]))
    )


def test_complaint_through_the_pages_accept_extend_resolve_notify_close(client, cast, complaint, grace):
    client.force_login(cast.alice)
    response = act(client, complaint, "classify", is_eligible="yes", in_jurisdiction="yes", field=complaint.field_id)
    assert response.status_code == 302, html(response)
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.CLASSIFIED and complaint.is_eligible

    client.force_login(grace)
    page = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert reverse("cases:act", args=[complaint.pk, "accept"]) in page
    assert reverse("cases:act", args=[complaint.pk, "transfer"]) not in page  # in jurisdiction
    assert act(client, complaint, "accept", document_no="12/TB-UBND").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.ACCEPTED and complaint.accepted_by == grace
    assert complaint.due_on == dt.date(2026, 12, 21)

    criteria = list(ComplexityCriterion.objects.filter(kind="complaint").values_list("pk", flat=True)[:2])
    page = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert 'name="criteria"' in page
    no_criteria = act(client, complaint, "extend", note="Phức tạp", document_no="15/QĐ-UBND")
    assert no_criteria.status_code == 400 and "tiêu chí phức tạp" in html(no_criteria)
    extended = act(client, complaint, "extend", note="Nhiều thời kỳ", document_no="15/QĐ-UBND", criteria=criteria)
    assert extended.status_code == 302
    complaint.refresh_from_db()
    assert complaint.is_complex and complaint.extension_count == 1 and complaint.due_on == dt.date(2027, 1, 4)
    again = act(client, complaint, "extend", note="Lần nữa", document_no="16/QĐ-UBND", criteria=criteria)
    assert again.status_code == 400 and "tối đa 1 lần" in html(again)

    client.force_login(cast.alice)
    assert act(client, complaint, "verify", note="Đã làm việc với các hộ").status_code == 302
    client.force_login(grace)
    resolved = act(
        client,
        complaint,
        "resolve",
        document_no="20/QĐ-UBND",
        document_date="20/11/2026",
        outcome="partly_right",
        resolution_summary="Điều chỉnh mức bồi thường cho 2 hộ.",
    )
    assert resolved.status_code == 302, html(resolved)
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.RESOLVED and complaint.resolution_timeliness == Timeliness.ON_TIME
    client.force_login(cast.alice)
    assert act(client, complaint, "notify").status_code == 302
    assert act(client, complaint, "close").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.CLOSED
    page = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert "Khiếu nại đúng một phần" in page and "20/QĐ-UBND" in page and "Đúng hạn" in page
    assert "Kết thúc hồ sơ" in page  # in the history


def test_a_stale_version_shows_the_conflict_and_the_fresh_page(client, cast, complaint, grace):
    client.force_login(cast.alice)
    act(client, complaint, "classify", is_eligible="yes", in_jurisdiction="yes")
    complaint.refresh_from_db()
    stale = complaint.version
    client.force_login(grace)
    assert act(client, complaint, "accept", document_no="1/TB").status_code == 302
    response = client.post(
        reverse("cases:act", args=[complaint.pk, "accept"]), {"version": stale, "document_no": "2/TB"}
    )
    assert response.status_code == 409
    page = html(response)
    assert "Hồ sơ đã được người khác thay đổi" in page
    complaint.refresh_from_db()
    assert f'name="version" value="{complaint.version}"' in page and complaint.intake_document_no == "1/TB"


def test_resolution_dated_before_receipt_is_refused_with_the_form(client, cast, complaint, grace):
    client.force_login(cast.alice)
    act(client, complaint, "classify", is_eligible="yes", in_jurisdiction="yes")
    client.force_login(grace)
    act(client, complaint, "accept", document_no="1/TB")
    response = act(client, complaint, "resolve", document_no="2/QĐ", document_date="01/10/2026", outcome="wrong")
    assert response.status_code == 400
    page = html(response)
    assert "Ngày quyết định (01/10/2026) không thể trước ngày nhận đơn (02/11/2026)." in page
    assert '<details class="step" open>' in page and 'value="2/QĐ"' in page
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.ACCEPTED


def test_step_form_errors_and_steps_out_of_order(client, cast, complaint):
    client.force_login(cast.alice)
    missing = act(client, complaint, "classify", is_eligible="no", in_jurisdiction="yes")
    assert missing.status_code == 400 and "hãy chọn căn cứ pháp lý" in html(missing)
    unanswered = act(client, complaint, "classify")
    assert unanswered.status_code == 400 and "Hãy kiểm tra lại" in html(unanswered)
    out_of_order = act(client, complaint, "close")
    assert out_of_order.status_code == 409 and "Không thể “Kết thúc hồ sơ”" in html(out_of_order)
    assert client.post(reverse("cases:act", args=[complaint.pk, "nonsense"]), {"version": 1}).status_code == 404
    assert client.get(reverse("cases:act", args=[complaint.pk, "classify"])).status_code == 405


def test_transfer_to_a_unit_picked_from_suggestions(client, cast, complaint):
    client.force_login(cast.alice)
    options = html(client.get(reverse("cases:unit_options"), {"target_unit": "buon ma thuot"}))
    assert '<option value="24133 – Phường Buôn Ma Thuột">' in options
    act(client, complaint, "classify", is_eligible="yes", in_jurisdiction="no")
    page = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert f'list="transfer-units-{complaint.pk}"' in page and f'<datalist id="transfer-units-{complaint.pk}">' in page
    unknown = act(client, complaint, "transfer", target_unit="99999 – Nowhere", document_no="7/CV")
    assert unknown.status_code == 400 and "Không tìm thấy đơn vị" in html(unknown)
    moved = act(client, complaint, "transfer", target_unit="24133 – Phường Buôn Ma Thuột", document_no="7/CV")
    assert moved.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.TRANSFERRED and complaint.transferred_to_unit == cast.buon_ma_thuot
    arrived = CaseLink.objects.get(other=complaint, kind=LinkKind.TRANSFER).case
    page = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert arrived.code in page and reverse("cases:detail", args=[arrived.pk]) not in page  # not in alice's scope
    client.force_login(cast.bob)
    page = html(client.get(reverse("cases:detail", args=[arrived.pk])))
    assert "Chuyển đến từ Xã Đồng Xuân" in page and complaint.code in page  # the shared history


def test_assign_notifies_and_the_notifications_page_marks_read(client, cast, complaint, grace, ivan):
    client.force_login(grace)
    response = client.post(
        reverse("cases:assign", args=[complaint.pk]), {"assignee": ivan.pk, "version": complaint.version}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.assignee == ivan
    client.force_login(cast.alice)  # an officer cannot assign
    client.post(reverse("cases:assign", args=[complaint.pk]), {"assignee": cast.alice.pk, "version": complaint.version})
    complaint.refresh_from_db()
    assert complaint.assignee == ivan

    client.force_login(ivan)
    page = html(client.get(reverse("notifications:list")))
    assert "Bạn được giao xử lý hồ sơ 22081-2026-00001" in page and "Mới</span>" in page
    notification = Notification.objects.get(recipient=ivan)
    client.post(reverse("notifications:read"), {"notification": notification.pk})
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "Mới</span>" not in html(client.get(reverse("notifications:list")))


def test_menu_shows_the_unread_count(client, cast, complaint):
    Notification.objects.create(recipient=cast.alice, case=complaint, kind="x", message="Một")
    Notification.objects.create(recipient=cast.alice, case=complaint, kind="x", message="Hai")
    client.force_login(cast.alice)
    page = html(client.get(reverse("cases:list")))
    assert re.search(r'Thông báo <span class="badge badge-new"[^>]*>2</span>', page)
    client.post(reverse("notifications:read"))
    assert 'badge badge-new" aria-label' not in html(client.get(reverse("cases:list")))


def test_attachments_are_uploaded_listed_and_downloaded(client, cast, complaint):
    client.force_login(cast.alice)
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    response = client.post(reverse("cases:attach", args=[complaint.pk]), {"file": pdf})
    assert response.status_code == 302
    attachment = Attachment.objects.get(object_type="cases.case", object_id=str(complaint.pk))
    page = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert "bien-ban.pdf" in page and reverse("api:attachment_download", args=[attachment.pk]) in page
    assert client.get(reverse("api:attachment_download", args=[attachment.pk])).status_code == 200
    text = SimpleUploadedFile("x.txt", b"hello", "text/plain")
    refused = client.post(reverse("cases:attach", args=[complaint.pk]), {"file": text}, follow=True)
    assert "Loại tệp không được chấp nhận" in html(refused)
    client.force_login(cast.erin)
    pdf.seek(0)
    client.post(reverse("cases:attach", args=[complaint.pk]), {"file": pdf})
    assert Attachment.objects.filter(object_type="cases.case").count() == 1


def test_second_complaint_opened_from_the_first(client, cast, complaint, grace):
    client.force_login(cast.alice)
    act(client, complaint, "classify", is_eligible="yes", in_jurisdiction="yes")
    client.force_login(grace)
    act(client, complaint, "accept", document_no="1/TB")
    act(client, complaint, "resolve", document_no="2/QĐ", document_date="20/11/2026", outcome="wrong")
    client.force_login(cast.carol)
    page = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert "Tiếp nhận khiếu nại lần hai" in page
    key = uuid.uuid4().hex
    data = {
        "unit": cast.dak_lak.pk,
        "received_on": "20/11/2026",
        "decision_received_on": "20/11/2026",
        "summary": "Không đồng ý",
        "submission_key": key,
    }
    response = client.post(reverse("cases:second_complaint", args=[complaint.pk]), data)
    assert response.status_code == 302, html(response)
    second = Case.objects.get(complaint_round=2)
    assert response["Location"] == reverse("cases:detail", args=[second.pk]) and second.unit == cast.dak_lak
    assert CaseLink.objects.filter(case=second, other=complaint, kind=LinkKind.SECOND_ROUND).exists()
    assert client.post(reverse("cases:second_complaint", args=[complaint.pk]), data).status_code == 302
    assert Case.objects.filter(complaint_round=2).count() == 1


def test_duplicate_suggestions_on_the_saved_case_link_and_dismiss(client, cast, complaint, land):
    from danvan.cases.services import PersonIn, case_receive

    resent = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="complaint",
        channel="post",
        field=land,
        title=complaint.title,
        summary=complaint.summary,
        received_on=dt.date(2026, 11, 18),
        people=[PersonIn("Nguyễn Văn Hùng", id_number="066080001234")],
    )
    other = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="complaint",
        channel="post",
        field=land,
        title="Khiếu nại khác",
        summary="Khiếu nại quyết định thu hồi đất thửa số 125 tờ bản đồ 7 của hộ bên cạnh",
        received_on=dt.date(2026, 11, 18),
        people=[PersonIn("Nguyễn Văn Hùng", id_number="066080001234")],
    )
    client.force_login(cast.alice)
    page = html(client.get(reverse("cases:detail", args=[resent.pk])))
    assert complaint.code in page and "Liên kết là trùng" in page and "Không trùng" in page
    assert client.post(reverse("cases:duplicate_link", args=[resent.pk, complaint.pk])).status_code == 302
    link = CaseLink.objects.get(case=resent, other=complaint, kind=LinkKind.DUPLICATE)
    assert link.score and link.score >= 90
    assert client.post(reverse("cases:duplicate_dismiss", args=[resent.pk, other.pk])).status_code == 302
    assert DuplicateDismissal.objects.filter(case=resent, other=other).exists()
    page = html(client.get(reverse("cases:detail", args=[resent.pk])))
    assert "Trùng lặp" in page and "Liên kết là trùng" not in page
    history = html(client.get(reverse("cases:detail", args=[complaint.pk])))
    assert resent.code in history  # linked cases share one history

    client.force_login(cast.erin)  # a viewer sees suggestions but cannot link
    assert (
        client.post(reverse("cases:duplicate_dismiss", args=[complaint.pk, other.pk]), follow=True).status_code == 200
    )
    assert not DuplicateDismissal.objects.filter(case=complaint).exists()
    client.force_login(cast.bob)
    assert client.post(reverse("cases:duplicate_link", args=[resent.pk, complaint.pk])).status_code == 404


def test_notice_links_follow_the_state_of_the_case(client, cast, grace, complaint):
    url = reverse("case_notices:download", kwargs={"pk": complaint.pk, "kind": "acceptance"})
    client.force_login(cast.alice)
    assert url not in html(client.get(reverse("cases:detail", args=[complaint.pk])))
    case = services.case_transition(
        actor=cast.alice,
        case=complaint,
        action="classify",
        data=services.TransitionInput(is_eligible=True, in_jurisdiction=True),
    )
    services.case_transition(actor=grace, case=case, action="accept", data=services.TransitionInput(document_no="1"))
    assert url in html(client.get(reverse("cases:detail", args=[complaint.pk])))

"""The pages and API of dialogues with staff and voter contacts: the fast entry of twelve questions at one contact on
one page, errors beside their field and row with what was typed kept, Vietnamese numbers, the compliance page and
its link to the commune dialogues, XLSX and DOCX downloads, idempotent creation, stale edits, an officer of
another commune (404). Time is frozen on 20/12/2026."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from conftest import organization
from danvan.democracy import contact_services as services
from danvan.democracy.models import (
    ContactStatus,
    ElectoralArea,
    Recommendation,
    RecommendationSource,
    StaffDialogue,
    VoterContact,
)

TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def area(cast, villages):
    return services.electoral_area_create(
        actor=cast.alice,
        unit=cast.dong_xuan,
        number=1,
        name="Đơn vị bầu cử số 1",
        units=villages[:2],
        deputies="Nguyễn Văn Một\nTrần Thị Hai",
    )


@pytest.fixture
def contact(cast, area, today):
    scheduled = services.voter_contact_schedule(
        actor=cast.alice,
        area=area,
        unit=cast.dong_xuan,
        session_name="Kỳ họp thứ 5",
        timing="after",
        held_on=dt.date(2026, 12, 12),
        place="Nhà văn hóa thôn Phú Xuân",
    )
    return services.voter_contact_record(
        actor=cast.alice,
        contact=scheduled,
        expected_version=1,
        voters_attending=150,
        deputies_present="Nguyễn Văn Một",
    )


def rows_post(rows: list[dict[str, Any]], key: str = "k-1", total: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submission_key": key,
        "q-TOTAL_FORMS": str(total or len(rows)),
        "q-INITIAL_FORMS": "0",
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "60",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"q-{index}-{name}"] = value
    return data


def question(n: int, body_id: int) -> dict[str, Any]:
    return {
        "raised_by": f"Ông Nguyễn Văn {n}",
        "content": f"Đề nghị sửa đoạn đường số {n} qua thôn Phú Xuân.",
        "kind": "recommendation",
        "field": "infrastructure",
        "addressee_org": str(body_id),
    }


# --- Pages ---------------------------------------------------------------------------------------------------------


def test_twelve_questions_are_recorded_at_one_contact_from_one_page(client, cast, contact):
    client.force_login(cast.alice)
    url = reverse("democracy:voter_contact_questions", args=[contact.pk])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and body.count('class="card question-row"') == 12
    committee = organization("22081")
    province = organization("66")
    assert f'<option value="{province.pk}"' in body  # a province body may be addressed
    rows = [question(n, committee.pk) for n in range(1, 12)] + [question(12, province.pk)]
    response = client.post(url, rows_post(rows))
    assert response.status_code == 302 and response["Location"] == url
    items = Recommendation.objects.for_event(contact)
    assert items.count() == 12 and set(items.values_list("source", flat=True)) == {RecommendationSource.VOTER_CONTACT}
    assert items.filter(addressee_org=province).count() == 1
    again = client.post(url, rows_post(rows))  # the same page sent twice
    assert again.status_code == 302 and items.count() == 12
    after = client.get(url).content.decode()
    assert "Đã ghi 12 ý kiến" in after and after.count('class="card question-row"') == 12


def test_blank_rows_are_skipped_and_a_half_filled_row_is_named_with_what_was_typed_kept(client, cast, contact):
    client.force_login(cast.alice)
    url = reverse("democracy:voter_contact_questions", args=[contact.pk])
    committee = organization("22081").pk
    blank = {"raised_by": "", "content": "", "kind": "recommendation", "field": "other", "addressee_org": ""}
    half = {**question(2, committee), "content": ""}
    response = client.post(url, rows_post([question(1, committee), half, blank]))
    body = response.content.decode()
    assert response.status_code == 422 and "Hãy ghi nội dung ý kiến, kiến nghị." in body
    assert "Ông Nguyễn Văn 1" in body and "Đề nghị sửa đoạn đường số 1" in body
    assert Recommendation.objects.for_event(contact).count() == 0  # all or none
    done = client.post(url, rows_post([question(1, committee), blank, blank], key="k-2"))
    assert done.status_code == 302 and Recommendation.objects.for_event(contact).count() == 1


def test_a_body_of_another_commune_is_refused_beside_its_row(client, cast, contact):
    client.force_login(cast.alice)
    url = reverse("democracy:voter_contact_questions", args=[contact.pk])
    other = organization("24133").pk
    response = client.post(url, rows_post([question(1, other)]))
    assert response.status_code == 422 and "Hãy chọn một cơ quan trong danh sách." in response.content.decode()


def test_more_rows_are_offered_on_the_same_page(client, cast, contact):
    client.force_login(cast.alice)
    url = reverse("democracy:voter_contact_questions", args=[contact.pk])
    assert client.get(url, {"rows": "30"}).content.decode().count('class="card question-row"') == 30
    assert client.get(url, {"rows": "²"}).content.decode().count('class="card question-row"') == 12


def test_a_dialogue_is_recorded_with_a_vietnamese_number_then_its_questions(client, cast, today):
    client.force_login(cast.alice)
    committee = organization("22081")
    page = client.get(reverse("democracy:staff_dialogue_create"))
    assert page.status_code == 200
    form = {
        "organization": str(committee.pk),
        "held_on": "10/06/2026",
        "chaired_by": "Chủ tịch UBND xã",
        "participants": "1.200",
        "place": "Hội trường",
        "topics": "Chế độ làm việc",
        "minutes": "",
        "submission_key": "dlg-1",
    }
    response = client.post(reverse("democracy:staff_dialogue_create"), form)
    dialogue = StaffDialogue.objects.get()
    assert response.status_code == 302 and dialogue.participants == 1200
    assert response["Location"] == reverse("democracy:staff_dialogue_questions", args=[dialogue.pk])
    client.post(reverse("democracy:staff_dialogue_create"), form)
    assert StaffDialogue.objects.count() == 1
    future = client.post(
        reverse("democracy:staff_dialogue_create"), {**form, "held_on": "21/12/2026", "submission_key": "x"}
    )
    body = future.content.decode()
    assert future.status_code == 422 and "Ngày phải từ năm" in body and "Chủ tịch UBND xã" in body
    detail = client.get(reverse("democracy:staff_dialogue_detail", args=[dialogue.pk])).content.decode()
    assert "1.200" in detail and "10/06/2026" in detail


def test_a_stale_dialogue_edit_is_shown_above_the_form(client, cast, today):
    dialogue = services.staff_dialogue_record(
        actor=cast.alice,
        organization=organization("22081"),
        held_on=dt.date(2026, 6, 10),
        chaired_by="A",
        participants=5,
    )
    client.force_login(cast.alice)
    form = {"version": "1", "held_on": "10/06/2026", "chaired_by": "B", "participants": "6"}
    assert client.post(reverse("democracy:staff_dialogue_edit", args=[dialogue.pk]), form).status_code == 302
    stale = client.post(reverse("democracy:staff_dialogue_edit", args=[dialogue.pk]), form)
    assert stale.status_code == 422 and "đã được người khác cập nhật" in stale.content.decode()


def test_the_compliance_page_names_bodies_without_a_dialogue_and_links_the_commune_dialogues(client, cast, today):
    client.force_login(cast.alice)
    response = client.get(reverse("democracy:staff_dialogue_compliance"), {"year": "2026"})
    body = response.content.decode()
    assert response.status_code == 200 and organization("22081").name in body
    assert reverse("democracy:meeting_compliance") in body and "Luật Thực hiện dân chủ ở cơ sở" in body


def test_an_area_and_a_contact_are_created_from_the_pages(client, cast, villages, today):
    client.force_login(cast.alice)
    response = client.post(
        reverse("democracy:electoral_area_create"),
        {
            "unit": str(cast.dong_xuan.pk),
            "number": "2",
            "name": "Đơn vị bầu cử số 2",
            "term": "2026–2031",
            "units": [str(villages[0].pk)],
            "deputies": "Lê Văn Ba",
            "submission_key": "area-1",
        },
    )
    area = ElectoralArea.objects.get()
    assert response.status_code == 302 and area.deputy_names == ["Lê Văn Ba"]
    schedule = {
        "unit": str(cast.dong_xuan.pk),
        "session_name": "Kỳ họp thứ 6",
        "timing": "before",
        "session_on": "28/12/2026",
        "held_on": "28/12/2026",
        "place": "Hội trường",
        "submission_key": "c-1",
    }
    refused = client.post(reverse("democracy:voter_contact_create", args=[area.pk]), schedule)
    assert refused.status_code == 422 and "phải trước ngày khai mạc (28/12/2026)" in refused.content.decode()
    made = client.post(reverse("democracy:voter_contact_create", args=[area.pk]), {**schedule, "held_on": "24/12/2026"})
    contact = VoterContact.objects.get()
    assert made.status_code == 302 and contact.status == ContactStatus.SCHEDULED
    early = client.get(reverse("democracy:voter_contact_questions", args=[contact.pk]))
    assert early.status_code == 302  # no questions before the contact is held


def test_lists_xlsx_and_docx_download(client, cast, contact):
    services.raise_questions(
        actor=cast.alice,
        event=contact,
        questions=[services.QuestionLine(raised_by="Bà Hoa", content="Đèn đường", addressee_org=organization("22081"))],
    )
    client.force_login(cast.alice)
    for name in (
        "democracy:staff_dialogues",
        "democracy:voter_contacts",
        "democracy:electoral_areas",
        "democracy:home",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    listed = client.get(reverse("democracy:voter_contacts"), {"q": "VAN HOA THON phu xuan"}).content.decode()
    assert "Đơn vị bầu cử số 1" in listed
    for name in ("democracy:staff_dialogues_xlsx", "democracy:voter_contacts_xlsx", "democracy:electoral_areas_xlsx"):
        response = client.get(reverse(name))
        assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"], name
    docx = client.get(reverse("democracy:voter_contact_docx", args=[contact.pk]))
    assert docx.status_code == 200 and "wordprocessingml" in docx["Content-Type"]


def test_an_officer_of_another_commune_gets_404(client, cast, contact):
    dialogue = services.staff_dialogue_record(
        actor=cast.alice,
        organization=organization("22081"),
        held_on=dt.date(2026, 6, 10),
        chaired_by="A",
        participants=5,
    )
    client.force_login(cast.bob)
    for url in (
        reverse("democracy:voter_contact_detail", args=[contact.pk]),
        reverse("democracy:voter_contact_questions", args=[contact.pk]),
        reverse("democracy:voter_contact_docx", args=[contact.pk]),
        reverse("democracy:electoral_area_detail", args=[contact.area_id]),
        reverse("democracy:staff_dialogue_detail", args=[dialogue.pk]),
        f"/api/v1/democracy/voter-contacts/{contact.pk}",
        f"/api/v1/democracy/staff-dialogues/{dialogue.pk}",
        f"/api/v1/democracy/electoral-areas/{contact.area_id}",
    ):
        assert client.get(url).status_code == 404, url
    posted = client.post(
        f"/api/v1/democracy/voter-contacts/{contact.pk}/questions",
        {"questions": [{"raised_by": "A", "content": "B", "addressee_org_id": organization("24133").pk}]},
        content_type="application/json",
    )
    assert posted.status_code == 404 and Recommendation.objects.for_event(contact).count() == 0


# --- API -----------------------------------------------------------------------------------------------------------


def test_api_records_many_questions_idempotently_and_names_the_bad_row(client, cast, contact):
    client.force_login(cast.alice)
    url = f"/api/v1/democracy/voter-contacts/{contact.pk}/questions"
    committee = organization("22081").pk
    payload = {
        "questions": [
            {"raised_by": f"Cử tri {n}", "content": f"Kiến nghị {n}", "addressee_org_id": committee}
            for n in range(1, 13)
        ]
    }
    first = client.post(url, payload, content_type="application/json", headers={"Idempotency-Key": "q-1"})
    assert first.status_code == 201 and len(first.json()) == 12
    assert first.json()[0]["due_on"] == "2027-01-11" and first.json()[0]["source"] == "voter_contact"
    again = client.post(url, payload, content_type="application/json", headers={"Idempotency-Key": "q-1"})
    assert again.status_code == 200 and [q["id"] for q in again.json()] == [q["id"] for q in first.json()]
    bad = {
        "questions": [
            payload["questions"][0],
            {**payload["questions"][1], "addressee_org_id": organization("24133").pk},
        ]
    }
    refused = client.post(url, bad, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["code"] == "addressee_outside"
    assert "Ý kiến thứ 2" in refused.json()["message"]
    too_many = client.post(url, {"questions": payload["questions"] * 6}, content_type="application/json")
    assert too_many.status_code == 422
    assert client.get(url).status_code == 200 and len(client.get(url).json()) == 12


def test_api_dialogue_create_compliance_and_stale_edit(client, cast, today):
    client.force_login(cast.alice)
    committee = organization("22081").pk
    payload = {"organization_id": committee, "held_on": "2026-06-10", "chaired_by": "Chủ tịch", "participants": 30}
    made = client.post(
        "/api/v1/democracy/staff-dialogues", payload, content_type="application/json", headers={"Idempotency-Key": "d1"}
    )
    assert made.status_code == 201
    again = client.post(
        "/api/v1/democracy/staff-dialogues", payload, content_type="application/json", headers={"Idempotency-Key": "d1"}
    )
    assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
    zero = client.post(
        "/api/v1/democracy/staff-dialogues", {**payload, "participants": 0}, content_type="application/json"
    )
    assert zero.status_code == 422
    other_body = client.post(
        "/api/v1/democracy/staff-dialogues",
        {**payload, "organization_id": organization("24133").pk},
        content_type="application/json",
    )
    assert other_body.status_code == 404
    report = client.get("/api/v1/democracy/staff-dialogues/compliance", {"unit": cast.dong_xuan.pk, "year": 2026})
    assert report.status_code == 200 and report.json()["bodies_missing"] == report.json()["bodies_total"] - 1
    assert client.get("/api/v1/democracy/staff-dialogues/compliance", {"unit": "abc"}).status_code == 422
    edit = {"expected_version": 1, "held_on": "2026-06-11", "chaired_by": "Chủ tịch", "participants": 31}
    url = f"/api/v1/democracy/staff-dialogues/{made.json()['id']}"
    assert client.put(url, edit, content_type="application/json").status_code == 200
    stale = client.put(url, edit, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    listed = client.get("/api/v1/democracy/staff-dialogues", {"year": 2026})
    assert listed.status_code == 200 and listed.json()["count"] == 1


def test_api_area_contact_record_and_docx(client, cast, villages, today):
    client.force_login(cast.alice)
    area = client.post(
        "/api/v1/democracy/electoral-areas",
        {"unit_id": cast.dong_xuan.pk, "number": 3, "name": "Số 3", "unit_ids": [villages[0].pk], "deputies": ["A"]},
        content_type="application/json",
    )
    assert area.status_code == 201 and area.json()["deputies"] == ["A"]
    unknown = client.post(
        "/api/v1/democracy/electoral-areas",
        {"unit_id": cast.dong_xuan.pk, "number": 4, "name": "Số 4", "unit_ids": [987654321]},
        content_type="application/json",
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_unit"
    contact = client.post(
        "/api/v1/democracy/voter-contacts",
        {
            "area_id": area.json()["id"],
            "unit_id": cast.dong_xuan.pk,
            "session_name": "Kỳ họp thứ 5",
            "timing": "after",
            "held_on": "2026-12-12",
            "place": "Hội trường",
        },
        content_type="application/json",
    )
    assert contact.status_code == 201
    url = f"/api/v1/democracy/voter-contacts/{contact.json()['id']}"
    early_docx = client.get(f"{url}/recommendations.docx")
    assert early_docx.status_code == 409 and early_docx.json()["code"] == "not_held"
    recorded = client.post(
        f"{url}/record",
        {"expected_version": 1, "voters_attending": 90, "deputies_present": ["A"]},
        content_type="application/json",
    )
    assert recorded.status_code == 200 and recorded.json()["status"] == "held"
    assert client.get(f"{url}/recommendations.docx").status_code == 200
    bad_timing = client.get("/api/v1/democracy/voter-contacts", {"timing": "during"})
    assert bad_timing.status_code == 422
    assert client.get("/api/v1/democracy/voter-contacts", {"year": 2026}).json()["count"] == 1


def test_a_past_contact_without_its_result_is_on_the_to_do_list(client, cast, area, today):
    from danvan.core.todo import todo_for

    services.voter_contact_schedule(
        actor=cast.alice,
        area=area,
        unit=cast.dong_xuan,
        session_name="Kỳ họp thứ 5",
        timing="after",
        held_on=dt.date(2026, 12, 18),
        place="Hội trường",
    )
    [item] = [i for i in todo_for(cast.alice) if i.key == "voter_contacts_unrecorded"]
    assert item.count == 1
    assert not [i for i in todo_for(cast.bob) if i.key == "voter_contacts_unrecorded"]
    client.force_login(cast.alice)
    listed = client.get(item.url).content.decode()
    assert "Kỳ họp thứ 5" in listed

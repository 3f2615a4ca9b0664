"""Raised items past their due date and unanswered on the dashboard's to-do list (the officer's units only), and
the minutes of a held meeting as DOCX from the editable template, on the meeting page and through the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from danvan.core.models import UnitKind
from danvan.core.services import village_create
from danvan.core.todo import todo_for
from danvan.democracy.meeting_services import meeting_raise_item, meeting_record, meeting_schedule
from danvan.democracy.models import Addressee, MeetingKind, Recommendation, RecommendationKind
from danvan.democracy.recommendation_services import recommendation_answer

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)
API = "/api/v1/democracy"


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def village(cast):
    return village_create(actor=None, commune=cast.dong_xuan, name="Thôn Đông", kind=UnitKind.VILLAGE, households=120)


@pytest.fixture
def scheduled(cast, village, today):
    return meeting_schedule(
        actor=cast.alice,
        unit=village,
        kind=MeetingKind.YEAR_END,
        held_on=dt.date(2026, 12, 10),
        notice_on=dt.date(2026, 12, 3),
        place="Nhà văn hóa thôn Đông",
    )


@pytest.fixture
def held(cast, scheduled):
    return meeting_record(
        actor=cast.alice,
        meeting=scheduled,
        expected_version=scheduled.version,
        participants=95,
        households_total=120,
        households_present=84,
        chaired_by="Nguyễn Văn Trưởng",
        report_village_head=True,
        report_front_committee=True,
        report_inspection_board=False,
        minutes="Thôn tổng kết năm 2026.\nHội nghị thống nhất kế hoạch năm 2027.",
    )


def raise_item(cast, meeting, content, due_on):
    item = meeting_raise_item(
        actor=cast.alice,
        meeting=meeting,
        kind=RecommendationKind.RECOMMENDATION,
        raised_by="Ông Lê Văn Dân",
        content=content,
        addressee=Addressee.PEOPLES_COMMITTEE,
    )
    # The rule sets the deadline (never typed); the test moves it to the day it needs.
    Recommendation.objects.filter(pk=item.pk).update(due_on=due_on)
    item.refresh_from_db()
    return item


def overdue_count(user) -> int:
    return {item.key: item.count for item in todo_for(user)}.get("raised_items_overdue", 0)


def test_the_to_do_counts_only_unanswered_items_past_their_due_date_in_the_officers_units(client, cast, held, today):
    raise_item(cast, held, "Sửa đường liên thôn", today - dt.timedelta(days=5))
    raise_item(cast, held, "Lắp đèn đường", today)  # due today: not yet overdue
    raise_item(cast, held, "Nạo vét mương", None)  # no due date: never overdue
    answered = raise_item(cast, held, "Cấp nước sạch", today - dt.timedelta(days=2))
    recommendation_answer(
        actor=cast.alice, item=answered, expected_version=answered.version, answered_on=today, answer="Đã trả lời."
    )
    assert overdue_count(cast.alice) == 1
    assert overdue_count(cast.bob) == 0  # another commune
    entry = next(item for item in todo_for(cast.alice) if item.key == "raised_items_overdue")
    assert entry.tone == "overdue"
    client.force_login(cast.alice)
    page = client.get(entry.url)
    assert page.status_code == 200
    shown = [item.content for item in page.context["page"]]
    assert shown == ["Sửa đường liên thôn"]
    assert page.context["query"] == "show=overdue"  # the pages of the list keep the filter


def test_the_minutes_docx_says_what_was_recorded_and_lists_the_raised_items(client, cast, held, today):
    raise_item(cast, held, "Sửa đường liên thôn", dt.date(2027, 1, 10))
    client.force_login(cast.alice)
    detail = client.get(reverse("democracy:meeting_detail", args=[held.pk]))
    assert 'id="meeting-minutes-docx"' in detail.content.decode()
    for url in (reverse("democracy:meeting_minutes_docx", args=[held.pk]), f"{API}/meetings/{held.pk}/minutes.docx"):
        response = client.get(url)
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        document = Document(
            io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
        )
        text = "\n".join(p.text for p in document.paragraphs)
        cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        assert "Hội nghị thôn, tổ dân phố hằng năm" in text
        assert "10/12/2026" in text and "Nhà văn hóa thôn Đông" in text
        assert "tổng số hộ gia đình: 120; số hộ có đại diện dự: 84; số người dự: 95" in text
        assert "trưởng thôn, tổ trưởng tổ dân phố: đã trình bày" in text
        assert "Thanh tra nhân dân: không trình bày" in text
        assert "Thôn tổng kết năm 2026." in text and "Hội nghị thống nhất kế hoạch năm 2027." in text
        assert "Sửa đường liên thôn" in cells and "Ông Lê Văn Dân" in cells and "10/01/2027" in cells
        assert "{{" not in text + cells and "{%" not in text + cells


def test_no_minutes_before_the_meeting_is_held_and_404_for_another_commune(client, cast, scheduled, today):
    client.force_login(cast.alice)
    api = client.get(f"{API}/meetings/{scheduled.pk}/minutes.docx")
    assert api.status_code == 409 and api.json()["code"] == "not_held"
    page = client.get(reverse("democracy:meeting_minutes_docx", args=[scheduled.pk]))
    assert page.status_code == 302 and page.url == reverse("democracy:meeting_detail", args=[scheduled.pk])
    client.force_login(cast.bob)
    assert client.get(f"{API}/meetings/{scheduled.pk}/minutes.docx").status_code == 404
    assert client.get(reverse("democracy:meeting_minutes_docx", args=[scheduled.pk])).status_code == 404


def test_the_minutes_of_a_dialogue_are_headed_by_the_commune_peoples_committee(client, cast, today):
    dialogue = meeting_schedule(
        actor=cast.alice, unit=cast.dong_xuan, kind=MeetingKind.DIALOGUE, held_on=dt.date(2026, 12, 15)
    )
    dialogue = meeting_record(
        actor=cast.alice, meeting=dialogue, expected_version=dialogue.version, participants=60, minutes="Đối thoại."
    )
    client.force_login(cast.alice)
    response = client.get(f"{API}/meetings/{dialogue.pk}/minutes.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(c.text for c in document.tables[0].rows[0].cells)
    assert "Hội nghị đối thoại của UBND xã với Nhân dân" in text
    assert "ỦY BAN NHÂN DÂN" in header and "XÃ ĐỒNG XUÂN" in header
    assert "số hộ có đại diện dự: không ghi; số người dự: 60" in text
    assert "Ý kiến, kiến nghị của Nhân dân cần trả lời: không có." in text

"""The calendar as it stands in 2026 (issue 9 §1): the New Year 2026 swap, every 2024–2026 notice with its source,
the switchable 24/11, and a year without a notice computed as provisional."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core import workdays
from danvan.core.models import CalendarNotice, LegalRule, NoticeKind
from danvan.core.workdays import NoticeEntry, SwitchEntry, WorkCalendar

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "n", "due_on"),
    [
        # Thu 01/01 holiday, Fri 02/01 swapped off, Sat 10/01 worked (Công văn 12729/VPCP-KGVX of 25/12/2025).
        (D(2025, 12, 31), 1, D(2026, 1, 5)),  # without the swap: Friday 02/01
        (D(2025, 12, 31), 5, D(2026, 1, 9)),  # without the swap: Thursday 08/01
        (D(2025, 12, 31), 6, D(2026, 1, 10)),  # the make-up Saturday counts
        (D(2025, 12, 31), 7, D(2026, 1, 12)),
        (D(2026, 1, 5), 5, D(2026, 1, 10)),  # without the swap: Monday 12/01, a day late
        (D(2026, 1, 9), 1, D(2026, 1, 10)),
        (D(2026, 1, 1), 1, D(2026, 1, 5)),
    ],
)
def test_working_day_limits_across_new_year_2026(start, n, due_on):
    assert workdays.add_working_days(start, n) == due_on
    assert workdays.count_working_days(start, due_on) == n


def test_seven_working_days_from_31_december_2025_explain_the_swap_and_its_source():
    deadline = workdays.working_deadline(D(2025, 12, 31), 7)
    assert deadline.due_on == D(2026, 1, 12)
    skipped = {status.day: status for status in deadline.skipped_days()}
    assert set(skipped) == {D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3), D(2026, 1, 4), D(2026, 1, 11)}
    assert "12729/VPCP-KGVX" in skipped[D(2026, 1, 2)].legal_basis
    assert any(line.startswith("Có tính 10/01/2026 (Thứ Bảy) là ngày làm việc") for line in deadline.explanation), (
        deadline.explanation
    )


def test_a_calendar_day_limit_ending_on_the_swapped_friday_moves_to_monday():
    assert workdays.calendar_deadline(D(2025, 12, 23), 10).due_on == D(2026, 1, 5)


# Days off and make-up days of the official notices DOMAIN.md §9 lists, as the calendar must give them.
OFFICIAL = [
    # Tết 2025: off 25/01–02/02, Mon 27/01 swapped for Sat 08/02 (Công văn 8726/VPCP-KGVX)
    *[(D(2025, 1, 25) + dt.timedelta(days=i), False) for i in range(9)],
    (D(2025, 1, 24), True),
    (D(2025, 2, 3), True),
    (D(2025, 2, 8), True),
    # 30/4–1/5/2025: off 30/04–04/05, make-up Sat 26/04
    *[(D(2025, 4, 30) + dt.timedelta(days=i), False) for i in range(5)],
    (D(2025, 4, 26), True),
    # 2/9/2025: off 01–02/09
    (D(2025, 9, 1), False),
    (D(2025, 9, 2), False),
    (D(2025, 9, 3), True),
    # New Year 2026: off 01–04/01, make-up Sat 10/01
    *[(D(2026, 1, 1) + dt.timedelta(days=i), False) for i in range(4)],
    (D(2026, 1, 10), True),
    # Tết 2026: off 14–22/02, no swap
    *[(D(2026, 2, 14) + dt.timedelta(days=i), False) for i in range(9)],
    (D(2026, 2, 13), True),
    (D(2026, 2, 23), True),
    # Hùng Kings on Sun 26/04/2026: Mon 27/04 off
    (D(2026, 4, 27), False),
    (D(2026, 4, 28), True),
    # 2/9/2026: off 29/08–02/09, Mon 31/08 swapped for Sat 22/08
    *[(D(2026, 8, 29) + dt.timedelta(days=i), False) for i in range(5)],
    (D(2026, 8, 22), True),
    (D(2026, 9, 3), True),
]


@pytest.mark.parametrize(("day", "is_working"), OFFICIAL)
def test_the_official_notices_2025_2026(day, is_working):
    assert workdays.is_working_day(day) is is_working


def test_every_notice_records_a_clean_source_and_its_verification_apart():
    notices = list(CalendarNotice.objects.all())
    assert {n.date.year for n in notices} >= {2024, 2025, 2026}
    for notice in notices:
        assert notice.legal_basis and "[" not in notice.legal_basis and "[" not in notice.title, notice
        assert notice.verification, notice  # every seeded row says how far it was checked
    basis = {n.date: n.legal_basis for n in notices}
    assert "8726/VPCP-KGVX" in basis[D(2025, 1, 27)] and "8726/VPCP-KGVX" in basis[D(2025, 2, 8)]
    assert "12729/VPCP-KGVX" in basis[D(2026, 1, 2)] and "12729/VPCP-KGVX" in basis[D(2026, 1, 10)]


# --- 24/11 "Ngày Văn hóa Việt Nam": not in Art. 112, switchable ---------------------------------------------


def test_culture_day_cites_its_own_basis_never_article_112():
    status = workdays.default_calendar().day_status(D(2026, 11, 24))
    assert not status.is_working
    assert status.source == workdays.SOURCE_RULE
    assert "Điều 112" not in status.legal_basis and "Bộ Chính trị" in status.legal_basis
    explanation = workdays.working_deadline(D(2026, 11, 23), 1).explanation
    assert not any("Điều 112" in line or "holidays" in line for line in explanation)


def test_an_administrator_switches_the_culture_day_off_from_a_date():
    assert not workdays.is_working_day(D(2027, 11, 24))
    LegalRule.objects.create(
        code="calendar.vietnam_culture_day",
        name="Ngày Văn hóa Việt Nam (24/11) là ngày nghỉ",
        value=0,
        value_unit="flag",
        legal_basis="Thông báo 1/TB (thử)",
        valid_from=D(2027, 1, 1),
    )
    LegalRule.objects.filter(code="calendar.vietnam_culture_day", valid_from=D(2026, 1, 1)).update(
        valid_to=D(2026, 12, 31)
    )
    workdays.invalidate_calendar_cache()
    assert not workdays.is_working_day(D(2026, 11, 24))  # the switch is effective-dated
    assert workdays.is_working_day(D(2027, 11, 24))
    deadline = workdays.working_deadline(D(2027, 11, 23), 1)
    assert deadline.due_on == D(2027, 11, 24)
    assert any("Ngày Văn hóa Việt Nam: không phải ngày nghỉ lễ" in line for line in deadline.explanation)


def test_without_a_switch_row_a_package_day_outside_article_112_is_an_ordinary_day():
    calendar = WorkCalendar()
    assert calendar.is_working_day(D(2026, 11, 24))
    on = WorkCalendar(switches={"calendar.vietnam_culture_day": [SwitchEntry(1, D(2026, 1, 1), None, "Căn cứ X")]})
    assert not on.is_working_day(D(2026, 11, 24))
    assert on.day_status(D(2026, 11, 24)).legal_basis == "Căn cứ X"
    assert not WorkCalendar().is_working_day(D(2026, 9, 2))  # Art. 112 days need no switch


# --- a year without a notice ----------------------------------------------------------------------------------


def test_a_year_without_a_notice_is_provisional_and_says_so():
    deadline = workdays.working_deadline(D(2027, 2, 1), 10)
    assert deadline.due_on == D(2027, 2, 22)  # the package's Tết 2027, 04–10/02
    lines = deadline.explanation
    assert any("(dự kiến)" in line and "Tết" in line for line in lines), lines
    assert any(line.startswith("Năm 2027 chưa có thông báo chính thức") for line in lines), lines
    # 2026 has its notices: nothing is provisional there.
    assert not any("dự kiến" in line for line in workdays.working_deadline(D(2026, 2, 13), 1).explanation)


def test_entering_the_2027_notice_ends_the_provisional_mark():
    CalendarNotice.objects.create(
        date=D(2027, 2, 11), kind=NoticeKind.DAY_OFF, title="Nghỉ Tết Đinh Mùi (thử)", legal_basis="Thông báo 2/TB"
    )
    deadline = workdays.working_deadline(D(2027, 2, 1), 10)
    assert deadline.due_on == D(2027, 2, 23)
    assert not any("dự kiến" in line for line in deadline.explanation)


def test_provisional_only_after_the_last_notified_year():
    calendar = WorkCalendar({D(2026, 1, 2): NoticeEntry(NoticeKind.DAY_OFF, "x")})
    assert calendar.is_provisional_year(2027)
    assert not calendar.is_provisional_year(2026)
    assert not calendar.is_provisional_year(2020)
    assert not WorkCalendar().is_provisional_year(2027)


# --- verification marks: on the administrators' pages only --------------------------------------------------


def test_admin_forms_keep_verification_marks_out_of_the_printed_texts():
    from danvan.core.admin_calendar import CalendarNoticeForm, LegalRuleForm

    notice = CalendarNoticeForm(
        data={
            "date": "2027-02-11",
            "kind": NoticeKind.DAY_OFF,
            "title": "Nghỉ Tết [chưa xác minh]",
            "legal_basis": "Công văn 1/VPCP [2nd]",
            "verification": "",
        }
    )
    assert not notice.is_valid()
    assert set(notice.errors) == {"title", "legal_basis"}
    notice = CalendarNoticeForm(
        data={
            "date": "2027-02-11",
            "kind": NoticeKind.DAY_OFF,
            "title": "Nghỉ Tết",
            "legal_basis": "Công văn 1/VPCP",
            "verification": "[2nd] theo báo chí",
        }
    )
    assert notice.is_valid(), notice.errors
    rule = LegalRuleForm(
        data={
            "code": "reception.reply",
            "name": "Trả lời công dân",
            "value": 10,
            "value_unit": "day",
            "day_kind": "working",
            "legal_basis": "Luật Tiếp công dân, Điều 28 [unsure]",
            "confidence": "read",
            "verification": "",
            "valid_from": "2030-01-01",
            "note": "",
        }
    )
    assert not rule.is_valid() and "legal_basis" in rule.errors


def test_the_calendar_page_shows_verification_to_system_administrators_only(client, cast):
    from django.urls import reverse

    client.force_login(cast.alice)
    page = client.get(reverse("office:calendar")).content.decode()
    assert "Kiểm chứng (chỉ quản trị hệ thống thấy)" not in page and "Nguồn thứ cấp" not in page
    client.force_login(cast.root)
    response = client.get(reverse("office:calendar"))
    assert response.status_code == 200
    assert "Kiểm chứng (chỉ quản trị hệ thống thấy)" in response.content.decode()
    assert "Nguồn thứ cấp" in response.content.decode()

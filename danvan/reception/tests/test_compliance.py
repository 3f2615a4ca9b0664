"""Compliance with the heads' minimum of reception days (Luật Tiếp công dân Art. 12.5, 15.2.d, 18.2), as rules.

Time is frozen on Friday 20/11/2026. A commune chairman receives at least one day a week until 30/06/2026 (March
2026 has four ISO weeks whose Thursday falls in it, 02/03–08/03 … 23/03–29/03) and at least two days a month from
01/07/2026; from then a deputy's session no longer counts for the head (Luật 136/2025/QH15). Each period is counted
under the rule in force in it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.core.models import LegalRule, Organization
from danvan.reception.compliance import compliance
from danvan.reception.models import HostRole, ReceptionKind, SessionStatus
from danvan.reception.services import session_plan, session_record

pytestmark = pytest.mark.django_db

MARCH_WEEKS_HELD = [dt.date(2026, 3, 5), dt.date(2026, 3, 12), dt.date(2026, 3, 26)]  # week 12 (16/03–22/03) missed
OCTOBER_DAYS_HELD = [dt.date(2026, 10, 1), dt.date(2026, 10, 8)]


def chairman_day(actor, unit, day, *, delegate="", kind=ReceptionKind.PERIODIC):
    return session_record(
        actor=actor,
        unit=unit,
        kind=kind,
        host_role=HostRole.COMMUNE_CHAIRMAN,
        host_name="Võ Thị Giang",
        host_position="Chủ tịch UBND xã",
        held_on=day,
        delegate_name=delegate,
    )


def row_of(report, unit, role=HostRole.COMMUNE_CHAIRMAN):
    return next(r for r in report.rows if r.unit.pk == unit.pk and r.host_role == role)


def test_a_commune_chairman_missing_one_week_before_july_2026_falls_short_by_one(cast):
    for day in MARCH_WEEKS_HELD:
        chairman_day(cast.alice, cast.dong_xuan, day)
    # A second day in the same week, and a regular day at the desk, do not make up for the missed week.
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 3, 27))
    session_record(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=ReceptionKind.REGULAR,
        host_role=HostRole.DESK,
        host_name="Nguyễn Thị An",
        held_on=dt.date(2026, 3, 18),
    )
    report = compliance(user=cast.alice, year=2026, month=3)
    assert [r.unit.code for r in report.rows] == ["22081"]
    row = row_of(report, cast.dong_xuan)
    assert (row.required, row.held, row.shortfall) == (4, 4, 1)
    assert row.missed == ["Tuần 12 (16/03–22/03)"]
    assert row.rule is not None and "Điều 15.2.d" in row.rule.legal_basis
    assert report.shortfalls == 1


def test_from_july_2026_a_commune_chairman_owes_two_days_a_month(cast):
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 10, 1))
    row = row_of(compliance(user=cast.alice, year=2026, month=10), cast.dong_xuan)
    assert (row.required, row.held, row.shortfall) == (2, 1, 1)
    assert row.missed == ["Tháng 10/2026"]
    assert row.rule.value_unit == "day_per_month" and "Luật 136/2025/QH15" in row.rule.legal_basis
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 10, 29))
    row = row_of(compliance(user=cast.alice, year=2026, month=10), cast.dong_xuan)
    assert (row.required, row.held, row.shortfall) == (2, 2, 0)


def test_a_deputy_receiving_after_july_2026_does_not_count(cast):
    for day in OCTOBER_DAYS_HELD[:1]:
        chairman_day(cast.alice, cast.dong_xuan, day)
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 10, 22), delegate="Trần Văn Phó")
    row = row_of(compliance(user=cast.alice, year=2026, month=10), cast.dong_xuan)
    assert row.shortfall == 1 and row.delegated_not_counted == 1


def test_a_deputy_receiving_before_july_2026_still_counted(cast):
    # June 2026: ISO weeks 01/06–07/06 … 22/06–28/06 (29/06–05/07 belongs to July).
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 6, 3), delegate="Trần Văn Phó")
    for day in (dt.date(2026, 6, 10), dt.date(2026, 6, 17), dt.date(2026, 6, 24)):
        chairman_day(cast.alice, cast.dong_xuan, day, kind=ReceptionKind.UNSCHEDULED)
    row = row_of(compliance(user=cast.alice, year=2026, month=6), cast.dong_xuan)
    assert (row.required, row.held, row.shortfall, row.delegated_not_counted) == (4, 4, 0, 0)


def test_the_delegation_date_is_read_from_the_rule(cast):
    """An administrator who moves the end of delegation to 31/12/2026 (seeded: 30/06/2026) changes the count."""
    LegalRule.objects.filter(code="reception.head_may_delegate", value=0).delete()
    LegalRule.objects.filter(code="reception.head_may_delegate", value=1).update(valid_to=dt.date(2026, 12, 31))
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 10, 1))
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 10, 22), delegate="Trần Văn Phó")
    report = compliance(user=cast.alice, year=2026, month=10)
    assert row_of(report, cast.dong_xuan).shortfall == 0
    assert report.delegation_ends is None


def test_a_province_chairman_with_one_day_that_month_complies(cast):
    session_record(
        actor=cast.carol,
        unit=cast.dak_lak,
        kind=ReceptionKind.PERIODIC,
        host_role=HostRole.PROVINCE_CHAIRMAN,
        host_name="Chủ tịch UBND tỉnh",
        held_on=dt.date(2026, 10, 14),
    )
    report = compliance(user=cast.carol, year=2026, month=10)
    province = row_of(report, cast.dak_lak, HostRole.PROVINCE_CHAIRMAN)
    assert (province.required, province.held, province.shortfall) == (1, 1, 0)
    assert "Điều 12.5" in province.rule.legal_basis
    # The province's communes (none held a day) come first; the compliant province last.
    assert report.rows[0].shortfall == 2 and report.rows[-1] is province  # two days a month since July
    assert len(report.rows) > 50 and all(r.unit.province_code == "66" for r in report.rows)


def test_a_month_in_progress_is_not_yet_a_shortfall(cast):
    # November 2026 on Friday 20/11 is not over: it counts only once satisfied.
    row = row_of(compliance(user=cast.alice, year=2026, month=11), cast.dong_xuan)
    assert (row.required, row.shortfall) == (0, 0)
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 11, 18))
    row = row_of(compliance(user=cast.alice, year=2026, month=11), cast.dong_xuan)
    assert (row.required, row.held, row.shortfall) == (0, 1, 0)
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 11, 19))
    row = row_of(compliance(user=cast.alice, year=2026, month=11), cast.dong_xuan)
    assert (row.required, row.held, row.shortfall) == (2, 2, 0)


def test_an_agency_head_with_a_session_planned_but_not_held(cast):
    police = Organization.objects.get(unit=cast.dong_xuan, kind__code="police")
    session = session_plan(
        actor=cast.alice,
        unit=cast.dong_xuan,
        organization=police,
        kind=ReceptionKind.PERIODIC,
        host_role=HostRole.AGENCY_HEAD,
        host_name="Trưởng Công an xã",
        held_on=dt.date(2026, 10, 20),
    )
    assert session.status == SessionStatus.PLANNED
    report = compliance(user=cast.alice, year=2026, month=10)
    agency = row_of(report, cast.dong_xuan, HostRole.AGENCY_HEAD)
    assert (agency.required, agency.held, agency.shortfall, agency.planned) == (1, 0, 1, 1)
    assert agency.organization_name == police.name
    assert "Điều 18.2" in agency.rule.legal_basis


def test_the_year_2026_counts_weeks_until_june_and_months_from_july(cast):
    for day in MARCH_WEEKS_HELD + OCTOBER_DAYS_HELD:
        chairman_day(cast.alice, cast.dong_xuan, day)
    row = row_of(compliance(user=cast.alice, year=2026), cast.dong_xuan)
    # ISO weeks 1–26 (Thursday 01/01 … 25/06) at 1 day, less week 8 (16/02–22/02, Tết: no working day at all);
    # week 27 (29/06–05/07) has its Thursday in July and belongs to July. July–October at 2 days; November is
    # not over. 25 + 8 = 33 days required.
    assert row.required == 33
    assert row.held == 5
    assert row.shortfall == 33 - 5
    assert "Tuần 1 (29/12–04/01)" in row.missed and "Tuần 26 (22/06–28/06)" in row.missed
    assert "Tuần 8 (16/02–22/02)" not in row.missed and not any("Tuần 27" in label for label in row.missed)
    assert row.missed[-3:] == ["Tháng 07/2026", "Tháng 08/2026", "Tháng 09/2026"]
    assert [(rule.value, rule.value_unit) for rule in row.rules] == [(1, "day_per_week"), (2, "day_per_month")]
    assert "Luật 136/2025/QH15" in row.rules[1].legal_basis


def test_an_administrator_correcting_a_rule_changes_the_periods_it_governs(cast):
    # Twice a week from 01/03/2026 (an administrator's correction of the rule, as data).
    old = LegalRule.objects.get(code="reception.commune_chairman_min", valid_from=dt.date(2014, 7, 1))
    old.valid_to = dt.date(2026, 2, 28)
    old.save(update_fields=["valid_to"])
    LegalRule.objects.create(
        code="reception.commune_chairman_min",
        name=old.name,
        value=2,
        value_unit="day_per_week",
        legal_basis=old.legal_basis,
        valid_from=dt.date(2026, 3, 1),
        valid_to=dt.date(2026, 6, 30),
    )
    for day in MARCH_WEEKS_HELD:
        chairman_day(cast.alice, cast.dong_xuan, day)
    row = row_of(compliance(user=cast.alice, year=2026, month=3), cast.dong_xuan)
    # Week 10 (Thursday 05/03) starts on 02/03: every March week is under the new rule, 2 days each.
    assert (row.required, row.held, row.shortfall) == (8, 3, 5)


def test_a_week_without_a_working_day_is_not_a_miss(cast):
    row = row_of(compliance(user=cast.alice, year=2026, month=2), cast.dong_xuan)
    # February 2026: weeks 6–9 (Thursdays 05, 12, 19, 26/02); week 8 is the Tết week, off from Monday to Sunday.
    assert (row.required, row.shortfall) == (3, 3)
    assert row.missed == ["Tuần 6 (02/02–08/02)", "Tuần 7 (09/02–15/02)", "Tuần 9 (23/02–01/03)"]


def test_compliance_of_a_whole_province_takes_a_few_queries(cast, django_assert_max_num_queries):
    for day in OCTOBER_DAYS_HELD:
        chairman_day(cast.alice, cast.dong_xuan, day)
    with django_assert_max_num_queries(8):
        report = compliance(user=cast.carol, year=2026, month=10)
    assert len(report.rows) > 50


def test_compliance_page_and_api(client, cast, django_assert_max_num_queries):
    chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 10, 1))
    client.force_login(cast.alice)
    page = client.get(reverse("reception:compliance"), {"year": 2026, "month": 10}).content.decode()
    assert "Xã Đồng Xuân" in page and "Điều 15.2.d" in page and "Luật 136/2025/QH15" in page
    assert "Tháng 10/2026" in page
    assert "01/07/2026" in page
    body = client.get("/api/v1/reception/compliance", {"year": 2026, "month": 10}).json()
    assert body["shortfalls"] == 1 and body["delegation_ends"] == "2026-07-01"
    assert body["rows"][0]["unit_code"] == "22081" and body["rows"][0]["shortfall"] == 1
    year_page = client.get(reverse("reception:compliance"), {"year": 2026, "unit": cast.dong_xuan.pk})
    text = year_page.content.decode()
    assert "Đến 30/06/2026" in text and "Từ 01/07/2026" in text, text
    year = client.get("/api/v1/reception/compliance", {"year": 2026, "unit": cast.dong_xuan.pk}).json()
    rules = next(r for r in year["rows"] if r["host_role"] == "commune_chairman")["rules"]
    assert [(r["value"], r["value_unit"]) for r in rules] == [(1, "day_per_week"), (2, "day_per_month")]
    client.force_login(cast.carol)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reception:compliance"), {"year": 2026, "month": 10, "shortfall": "on"})
    assert response.status_code == 200
    # Another province's unit is not in carol's scope.
    assert client.get(reverse("reception:compliance"), {"year": 2026, "unit": cast.ba_dinh.pk}).status_code == 404
    assert client.get("/api/v1/reception/compliance", {"year": 2026, "unit": cast.ba_dinh.pk}).status_code == 404


def test_schedule_rules(cast):
    from danvan.core.errors import DomainError

    with pytest.raises(DomainError) as error:
        session_plan(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=ReceptionKind.REGULAR,
            host_role=HostRole.COMMUNE_CHAIRMAN,
            host_name="X",
            held_on=dt.date(2026, 11, 23),
        )
    assert error.value.code == "kind_host_mismatch"
    with pytest.raises(DomainError) as error:
        session_plan(
            actor=cast.carol,
            unit=cast.dak_lak,
            kind=ReceptionKind.PERIODIC,
            host_role=HostRole.COMMUNE_CHAIRMAN,
            host_name="X",
            held_on=dt.date(2026, 11, 23),
        )
    assert error.value.code == "host_level_mismatch"
    with pytest.raises(DomainError) as error:
        chairman_day(cast.alice, cast.dong_xuan, dt.date(2026, 11, 23))
    assert error.value.code == "date_in_future"
    with pytest.raises(DomainError) as error:
        chairman_day(cast.bob, cast.dong_xuan, dt.date(2026, 11, 16))
    assert error.value.status == 403


# --- Recurring schedules ------------------------------------------------------------------------------------


def chairman_series(actor, unit, first, until, repeat="weekly", **extra):
    from danvan.reception.services import session_plan_series

    fields = {
        "unit": unit,
        "kind": ReceptionKind.PERIODIC,
        "host_role": HostRole.COMMUNE_CHAIRMAN,
        "host_name": "Võ Thị Giang",
        "held_on": first,
        **extra,
    }
    return session_plan_series(actor=actor, repeat=repeat, until=until, **fields)


def test_a_weekly_series_moves_a_day_off_within_its_week_and_skips_a_week_without_one(cast):
    # Tuesdays from 17/11/2026: 24/11 is a day off (Ngày Văn hóa Việt Nam) → Wednesday 25/11.
    series = chairman_series(cast.alice, cast.dong_xuan, dt.date(2026, 11, 17), dt.date(2026, 12, 8))
    assert [s.held_on for s in series.sessions] == [
        dt.date(2026, 11, 17),
        dt.date(2026, 11, 25),
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 8),
    ]
    assert {s.status for s in series.sessions} == {SessionStatus.PLANNED} and series.skipped == []
    # Fridays over New Year: 01/01/2027 is off and the next working day (Monday 04/01) is another week.
    series = chairman_series(cast.alice, cast.dong_xuan, dt.date(2026, 12, 25), dt.date(2027, 1, 8))
    assert [s.held_on for s in series.sessions] == [dt.date(2026, 12, 25), dt.date(2027, 1, 8)]
    assert [(item.day, item.reason) for item in series.skipped] == [(dt.date(2027, 1, 1), "ngày nghỉ")]


def test_a_series_entered_twice_adds_nothing_and_counts_for_compliance(cast):
    first = chairman_series(cast.alice, cast.dong_xuan, dt.date(2026, 11, 26), dt.date(2026, 12, 17))
    again = chairman_series(cast.alice, cast.dong_xuan, dt.date(2026, 11, 26), dt.date(2026, 12, 17))
    assert len(first.sessions) == 4 and again.sessions == []
    assert [item.reason for item in again.skipped] == ["đã có trong lịch"] * 4


def test_a_monthly_series_keeps_the_day_or_the_months_last_day(cast):
    from danvan.reception.services import series_days

    assert list(series_days(dt.date(2027, 1, 31), dt.date(2027, 4, 30), "monthly")) == [
        dt.date(2027, 1, 31),
        dt.date(2027, 2, 28),
        dt.date(2027, 3, 31),
        dt.date(2027, 4, 30),
    ]
    # The province chairman on the 15th: Sunday 15/08/2027 → Monday 16/08.
    series = chairman_series(
        cast.carol,
        cast.dak_lak,
        dt.date(2027, 6, 15),
        dt.date(2027, 8, 31),
        repeat="monthly",
        host_role=HostRole.PROVINCE_CHAIRMAN,
    )
    assert [s.held_on for s in series.sessions] == [dt.date(2027, 6, 15), dt.date(2027, 7, 15), dt.date(2027, 8, 16)]


def test_series_limits_leave_nothing_behind(cast):
    from danvan.core.errors import DomainError
    from danvan.reception.models import ReceptionSession

    cases = [
        (dt.date(2026, 11, 1), "weekly", "invalid_period"),
        (dt.date(2028, 1, 1), "weekly", "series_too_long"),
        (dt.date(2026, 12, 31), "daily", "invalid_repeat"),
    ]
    for until, repeat, code in cases:
        with pytest.raises(DomainError) as error:
            chairman_series(cast.alice, cast.dong_xuan, dt.date(2026, 11, 26), until, repeat=repeat)
        assert error.value.code == code
    with pytest.raises(DomainError) as error:  # a commune officer cannot plan the province's
        chairman_series(
            cast.alice, cast.dak_lak, dt.date(2026, 11, 26), dt.date(2026, 12, 31), host_role=HostRole.PROVINCE_CHAIRMAN
        )
    assert error.value.status == 403
    assert not ReceptionSession.objects.exists()


def test_series_page_and_api(client, cast):
    client.force_login(cast.alice)
    form = {
        "unit": cast.dong_xuan.pk,
        "host_role": HostRole.COMMUNE_CHAIRMAN,
        "kind": ReceptionKind.PERIODIC,
        "host_name": "Võ Thị Giang",
        "held_on": "17/11/2026",
        "status": SessionStatus.PLANNED,
        "repeat": "weekly",
    }
    response = client.post(reverse("reception:schedule"), form)
    assert "Hãy chọn ngày kết thúc lặp lại." in response.content.decode()
    response = client.post(reverse("reception:schedule"), {**form, "repeat_until": "08/12/2026"}, follow=True)
    assert "Đã đưa 4 buổi tiếp vào lịch (17/11/2026 – 08/12/2026)." in response.content.decode()
    again = client.post(reverse("reception:schedule"), {**form, "repeat_until": "08/12/2026"}, follow=True)
    assert (
        "Không có buổi tiếp nào mới được đưa vào lịch; không đưa: 17/11/2026 (đã có trong lịch)"
        in again.content.decode()
    )
    payload = {
        "unit_id": cast.dong_xuan.pk,
        "kind": "periodic",
        "host_role": "commune_chairman",
        "host_name": "Võ Thị Giang",
        "held_on": "2026-12-25",
        "repeat": "weekly",
        "until": "2027-01-08",
    }
    response = client.post("/api/v1/reception/sessions/series", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert [s["held_on"] for s in data["sessions"]] == ["2026-12-25", "2027-01-08"]
    assert data["skipped"] == [{"day": "2027-01-01", "reason": "ngày nghỉ"}]
    response = client.post(
        "/api/v1/reception/sessions/series", {**payload, "until": "2028-01-08"}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "series_too_long"


def test_the_series_planner_and_the_compliance_report_agree_on_what_a_week_is(cast, time_machine):
    from danvan.reception.compliance import PER_WEEK, period_of

    time_machine.move_to(dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC), tick=False)
    series = chairman_series(cast.alice, cast.dong_xuan, dt.date(2026, 2, 10), dt.date(2026, 3, 3))
    # Tuesday 17/02 is Tết; the next working day, Monday 23/02, is another week: skipped, not moved.
    assert [s.held_on for s in series.sessions] == [dt.date(2026, 2, 10), dt.date(2026, 2, 24), dt.date(2026, 3, 3)]
    assert [item.day for item in series.skipped] == [dt.date(2026, 2, 17)]
    time_machine.move_to(dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC), tick=False)
    for day in (dt.date(2026, 2, 10), dt.date(2026, 2, 24)):
        chairman_day(cast.alice, cast.dong_xuan, day)
    row = row_of(compliance(user=cast.alice, year=2026, month=2), cast.dong_xuan)
    # The week the planner skipped for want of a working day is the week compliance does not require.
    skipped_week = period_of(dt.date(2026, 2, 17), PER_WEEK)
    assert skipped_week.label == "Tuần 8 (16/02–22/02)"
    assert skipped_week.label not in row.missed
    assert row.missed == ["Tuần 6 (02/02–08/02)"]

"""Statistics of reception and petitions: every figure on a hand-made commune, the year before, legacy units,
the change in words, the page, the XLSX, the API, access and a query count independent of the data."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from danvan.cases.models import Case, CaseKind, CaseStatus, Channel, DeadlineStep, Field, Outcome, Timeliness
from danvan.cases.services import PersonIn, case_receive
from danvan.cases.statistics import (
    Figures,
    Period,
    change_text,
    compare,
    period_label,
    resolution_text,
    signed_change,
)
from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit, UnitSuccession, UnitTree
from danvan.core.periods import period_from
from danvan.reception.models import Visit

pytestmark = pytest.mark.django_db

API = "/api/v1/cases/statistics"
PAGE = "/backoffice/cases/statistics/"
D = dt.date


def la_hai() -> AdministrativeUnit:
    """Thị trấn La Hai (legacy, until 30/6/2025), merged into Xã Đồng Xuân."""
    return AdministrativeUnit.objects.get(tree=UnitTree.LEGACY, level=3, name__endswith="La Hai", province_code="54")


def make_case(
    cast: Any,
    *,
    received_on: dt.date,
    kind: str = CaseKind.COMPLAINT,
    channel: str = Channel.IN_PERSON,
    field: str = "dat-dai",
    at: AdministrativeUnit | None = None,
    **state: Any,
) -> Case:
    """A petition received through the service, then moved to the state a test needs (no service for the past)."""
    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=kind,
        channel=channel,
        field=Field.objects.get(code=field),
        title="Đơn thư thống kê",
        summary="Nội dung đơn",
        received_on=received_on,
        people=[] if kind == CaseKind.DENUNCIATION else [PersonIn("Người gửi đơn")],
        is_anonymous=kind == CaseKind.DENUNCIATION,
    )
    status = state.get("status", CaseStatus.RECEIVED)
    values: dict[str, Any] = {"is_open": status in {"received", "classified", "accepted", "verifying", "resolved"}}
    if status not in {"received", "classified"}:
        values.update(due_step="", due_on=None)
    if at is not None:
        values.update(unit=at, unit_path=at.path, province_code=at.province_code)
    values.update(state)
    Case.objects.filter(pk=case.pk).update(**values)
    return case


def visits(unit: AdministrativeUnit, on: dt.date, count: int, **fields: Any) -> None:
    Visit.objects.bulk_create(
        Visit(unit=unit, unit_path=unit.path, visited_on=on, kind=CaseKind.COMPLAINT, summary="Khiếu nại", **fields)
        for _ in range(count)
    )


@pytest.fixture
def commune(cast):
    """Xã Đồng Xuân: 137 visits in 2026 against 184 in 2025 (one at legacy La Hai), and petitions of both years;
    Phường Buôn Ma Thuột and Phường Ba Đình have some too (never counted for Đồng Xuân)."""
    old = la_hai()
    assert UnitSuccession.objects.filter(predecessor=old, successor=cast.dong_xuan, is_primary=True).exists()
    # 2026: 135 single visitors (one refused), a group of 6 and a group of 12.
    visits(cast.dong_xuan, D(2026, 3, 2), 134)
    visits(cast.dong_xuan, D(2026, 3, 3), 1, is_refused=True)
    visits(cast.dong_xuan, D(2026, 5, 4), 1, persons=6, is_group=True)
    visits(cast.dong_xuan, D(2026, 11, 20), 1, persons=12, is_group=True)
    # 2025: 182 here, one at La Hai before the merger, a group of 8.
    visits(cast.dong_xuan, D(2025, 9, 1), 182)
    visits(old, D(2025, 3, 1), 1)
    visits(cast.dong_xuan, D(2025, 12, 31), 1, persons=8, is_group=True)
    visits(cast.buon_ma_thuot, D(2026, 3, 2), 40)
    visits(cast.ba_dinh, D(2026, 3, 2), 10)

    accepted: dict[str, Any] = {"is_eligible": True, "in_jurisdiction": True}
    # --- Received in 2026.
    make_case(  # A: accepted, resolved on time, partly right, closed
        cast,
        received_on=D(2026, 2, 10),
        status=CaseStatus.CLOSED,
        accepted_on=D(2026, 2, 15),
        intake_closed_on=D(2026, 2, 15),
        resolved_on=D(2026, 3, 10),
        decision_date=D(2026, 3, 10),
        resolution_timeliness=Timeliness.ON_TIME,
        outcome=Outcome.PARTLY_RIGHT,
        closed_on=D(2026, 3, 20),
        **accepted,
    )
    make_case(  # B: by post, resolved late, wrong
        cast,
        received_on=D(2026, 3, 1),
        channel=Channel.POST,
        status=CaseStatus.RESOLVED,
        accepted_on=D(2026, 3, 5),
        intake_closed_on=D(2026, 3, 5),
        resolved_on=D(2026, 5, 20),
        decision_date=D(2026, 5, 20),
        resolution_timeliness=Timeliness.LATE,
        outcome=Outcome.WRONG,
        **accepted,
    )
    make_case(  # C: a denunciation being verified, its deadline passed on 01/10/2026
        cast,
        received_on=D(2026, 4, 1),
        kind=CaseKind.DENUNCIATION,
        channel=Channel.POST,
        field="can-bo",
        status=CaseStatus.VERIFYING,
        accepted_on=D(2026, 4, 10),
        intake_closed_on=D(2026, 4, 10),
        due_step=DeadlineStep.RESOLUTION,
        due_on=D(2026, 10, 1),
        **accepted,
    )
    make_case(  # D: a recommendation transferred
        cast,
        received_on=D(2026, 6, 1),
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.WEB,
        field="moi-truong",
        status=CaseStatus.TRANSFERRED,
        is_eligible=True,
        in_jurisdiction=False,
        intake_closed_on=D(2026, 6, 5),
    )
    make_case(  # E: feedback by the hotline, the citizen guided
        cast,
        received_on=D(2026, 7, 1),
        kind=CaseKind.FEEDBACK,
        channel=Channel.HOTLINE,
        field="khac",
        status=CaseStatus.GUIDED,
        is_eligible=True,
        in_jurisdiction=False,
        intake_closed_on=D(2026, 7, 3),
    )
    make_case(cast, received_on=D(2026, 11, 16))  # F: just received, intake due 25/11/2026
    make_case(  # G: not eligible, filed
        cast,
        received_on=D(2026, 8, 1),
        channel=Channel.POST,
        status=CaseStatus.FILED,
        is_eligible=False,
        intake_closed_on=D(2026, 8, 5),
    )
    make_case(  # H: accepted then withdrawn
        cast,
        received_on=D(2026, 9, 1),
        status=CaseStatus.WITHDRAWN,
        accepted_on=D(2026, 9, 3),
        intake_closed_on=D(2026, 9, 3),
        closed_on=D(2026, 9, 20),
        **accepted,
    )
    # --- Received in 2025.
    make_case(  # I: a denunciation accepted in 2025, resolved in 2026 on time, founded
        cast,
        received_on=D(2025, 12, 20),
        kind=CaseKind.DENUNCIATION,
        channel=Channel.POST,
        status=CaseStatus.RESOLVED,
        accepted_on=D(2025, 12, 28),
        intake_closed_on=D(2025, 12, 28),
        resolved_on=D(2026, 10, 15),
        decision_date=D(2026, 10, 15),
        resolution_timeliness=Timeliness.ON_TIME,
        outcome=Outcome.FOUNDED,
        **accepted,
    )
    make_case(  # J: resolved on time, right
        cast,
        received_on=D(2025, 3, 1),
        status=CaseStatus.CLOSED,
        accepted_on=D(2025, 3, 5),
        intake_closed_on=D(2025, 3, 5),
        resolved_on=D(2025, 4, 1),
        decision_date=D(2025, 4, 1),
        resolution_timeliness=Timeliness.ON_TIME,
        outcome=Outcome.RIGHT,
        closed_on=D(2025, 4, 10),
        **accepted,
    )
    make_case(  # K: at legacy La Hai before the merger, resolved late, wrong
        cast,
        at=old,
        received_on=D(2025, 5, 1),
        status=CaseStatus.NOTIFIED,
        accepted_on=D(2025, 5, 5),
        intake_closed_on=D(2025, 5, 5),
        resolved_on=D(2025, 6, 1),
        decision_date=D(2025, 6, 1),
        resolution_timeliness=Timeliness.LATE,
        outcome=Outcome.WRONG,
        **accepted,
    )
    make_case(  # L: still being resolved, overdue since 05/12/2025
        cast,
        received_on=D(2025, 11, 1),
        status=CaseStatus.VERIFYING,
        accepted_on=D(2025, 11, 5),
        intake_closed_on=D(2025, 11, 5),
        due_step=DeadlineStep.RESOLUTION,
        due_on=D(2025, 12, 5),
        **accepted,
    )
    make_case(  # resolved in 2024: in neither period
        cast,
        received_on=D(2024, 3, 1),
        status=CaseStatus.CLOSED,
        accepted_on=D(2024, 3, 2),
        resolved_on=D(2024, 4, 1),
        decision_date=D(2024, 4, 1),
        resolution_timeliness=Timeliness.ON_TIME,
        outcome=Outcome.RIGHT,
        **accepted,
    )
    make_case(cast, received_on=D(2026, 5, 1), at=cast.buon_ma_thuot)
    make_case(cast, received_on=D(2026, 5, 1), at=cast.ba_dinh)
    return cast.dong_xuan


# --- Periods and words ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "period", "previous", "label"),
    [
        ({"year": 2026}, Period(D(2026, 1, 1), D(2026, 12, 31)), Period(D(2025, 1, 1), D(2025, 12, 31)), "Năm 2026"),
        (
            {"year": 2026, "period": "h1"},
            Period(D(2026, 1, 1), D(2026, 6, 30)),
            Period(D(2025, 7, 1), D(2025, 12, 31)),
            "6 tháng đầu năm 2026",
        ),
        (
            {"year": 2026, "period": "q4"},
            Period(D(2026, 10, 1), D(2026, 12, 31)),
            Period(D(2026, 7, 1), D(2026, 9, 30)),
            "Quý IV năm 2026",
        ),
        (
            {"year": 2026, "period": "m3"},
            Period(D(2026, 3, 1), D(2026, 3, 31)),
            Period(D(2026, 2, 1), D(2026, 2, 28)),
            "Tháng 3 năm 2026",
        ),
        (
            {"year": 2026, "period": "m12"},
            Period(D(2026, 12, 1), D(2026, 12, 31)),
            Period(D(2026, 11, 1), D(2026, 11, 30)),
            "Tháng 12 năm 2026",
        ),
        (
            {"start": D(2026, 3, 10), "end": D(2026, 3, 19)},
            Period(D(2026, 3, 10), D(2026, 3, 19)),
            Period(D(2026, 2, 28), D(2026, 3, 9)),
            "10/03/2026 – 19/03/2026",
        ),
    ],
)
def test_periods_and_the_period_just_before(params, period, previous, label):
    chosen = period_from(**params)
    assert chosen == period and chosen.previous() == previous
    assert period_label(chosen) == label


@pytest.mark.parametrize(
    "params",
    [
        {"year": 1999},
        {"year": 2026, "period": "q5"},
        {"year": 2026, "period": "m13"},
        {"start": D(2026, 1, 1)},
        {"start": D(2026, 5, 1), "end": D(2026, 4, 1)},
        {"start": D(2020, 1, 1), "end": D(2026, 4, 1)},
        {"year": 2026, "start": D(2026, 1, 1), "end": D(2026, 2, 1)},
    ],
)
def test_bad_periods_are_refused_with_422(params):
    with pytest.raises(DomainError) as error:
        period_from(**params)
    assert error.value.code == "invalid_period" and error.value.status == 422


def test_change_in_words_and_signed():
    assert change_text(137, 184) == "giảm 25,5%"
    assert change_text(137, 184, against="năm 2021") == "giảm 25,5% so với năm 2021"
    assert change_text(9, 8) == "tăng 12,5%"
    assert change_text(5, 5) == "không đổi"
    assert change_text(3, 0) == ""
    assert signed_change(Decimal("-25.5")) == "-25,5%"
    assert signed_change(Decimal("12.5")) == "+12,5%"
    assert resolution_text(Figures(resolved=39, under_resolution=3)) == "đã giải quyết 39/42, đạt 92,9%"
    assert resolution_text(Figures()) == "không có vụ việc phải giải quyết"


# --- Figures --------------------------------------------------------------------------------------------------------


def test_every_figure_of_the_commune_in_2026_and_2025(commune):
    result = compare(unit=commune, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert result.previous_period == Period(D(2025, 1, 1), D(2025, 12, 31))
    now, before = result.current, result.previous

    assert (now.visits, now.visit_persons, now.visit_groups, now.visits_refused) == (137, 153, 2, 1)
    assert (before.visits, before.visit_persons, before.visit_groups, before.visits_refused) == (184, 191, 1, 0)
    assert result.change("visits") == Decimal("-25.5")
    assert result.change_text("visits") == "giảm 25,5% so với năm 2025"

    assert now.received == 8 and before.received == 4
    assert now.received_by_kind == {"complaint": 5, "denunciation": 1, "recommendation": 1, "feedback": 1}
    assert before.received_by_kind == {"complaint": 3, "denunciation": 1}
    assert now.received_by_channel == {"in_person": 3, "post": 3, "web": 1, "hotline": 1}
    assert (now.eligible, now.in_jurisdiction) == (6, 4)
    assert (before.eligible, before.in_jurisdiction) == (4, 4)
    assert (now.accepted, before.accepted) == (4, 4)
    assert (now.transferred, now.guided, now.filed, now.withdrawn, now.terminated) == (1, 1, 1, 1, 0)
    assert (before.transferred, before.guided, before.filed, before.withdrawn) == (0, 0, 0, 0)

    assert (now.resolved, now.resolved_on_time, now.resolved_late) == (3, 2, 1)
    assert (before.resolved, before.resolved_on_time, before.resolved_late) == (2, 1, 1)
    assert (now.complaints_right, now.complaints_partly_right, now.complaints_wrong) == (0, 1, 1)
    assert (now.denunciations_founded, now.denunciations_partly_founded, now.denunciations_unfounded) == (1, 0, 0)
    assert (before.complaints_right, before.complaints_wrong) == (1, 1)

    # Today (20/11/2026): C overdue, L overdue, F within; on 31/12/2025: I within, L overdue.
    assert (now.in_progress, now.in_progress_within, now.in_progress_overdue, now.under_resolution) == (3, 1, 2, 2)
    assert (before.in_progress, before.in_progress_within, before.in_progress_overdue) == (2, 1, 1)
    assert before.under_resolution == 2
    assert resolution_text(now) == "đã giải quyết 3/5, đạt 60,0%"
    assert resolution_text(before) == "đã giải quyết 2/4, đạt 50,0%"
    assert now.resolution_rate == Decimal("60.0")

    by_field = [(row.label, row.current, row.previous) for row in result.by_field()]
    assert by_field[0] == ("Đất đai", 5, 4)
    assert {row[0] for row in by_field} == {
        "Đất đai",
        "Tư cách, đạo đức, lối sống cán bộ, đảng viên",
        "Tài nguyên, môi trường",
        "Lĩnh vực khác",
    }


def test_the_province_sums_its_communes_and_a_commune_counts_only_its_own(commune, cast):
    province = compare(unit=cast.dak_lak, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert province.current.visits == 137 + 40
    assert province.current.received == 8 + 1
    assert province.previous.visits == 184
    sibling = compare(unit=cast.buon_ma_thuot, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert (sibling.current.visits, sibling.current.received, sibling.previous.received) == (40, 1, 0)


def test_a_quarter_against_the_quarter_before(commune):
    result = compare(unit=commune, start=D(2026, 1, 1), end=D(2026, 3, 31))
    assert result.previous_period == Period(D(2025, 10, 1), D(2025, 12, 31))
    assert (result.current.visits, result.previous.visits) == (135, 1)
    assert (result.current.received, result.previous.received) == (2, 2)  # A, B; L, I
    assert result.current.resolved == 1
    # On 31/03/2026 B, I and L were pending: L overdue since 05/12/2025; B, resolved late since, is taken as
    # overdue then too; I, resolved on time since, was within its deadline.
    assert (result.current.in_progress, result.current.in_progress_overdue) == (3, 2)
    assert result.label == "Quý I năm 2026" and result.previous_label == "Quý IV năm 2025"


def test_a_suspended_resolution_is_in_progress_but_not_overdue(cast):
    common: dict[str, Any] = {
        "at": cast.buon_ma_thuot,
        "received_on": D(2026, 6, 1),
        "is_eligible": True,
        "in_jurisdiction": True,
        "accepted_on": D(2026, 6, 5),
        "intake_closed_on": D(2026, 6, 5),
        "due_step": DeadlineStep.RESOLUTION,
        "due_on": D(2026, 7, 5),
    }
    make_case(cast, status=CaseStatus.SUSPENDED, suspended_on=D(2026, 6, 20), **common)
    make_case(cast, status=CaseStatus.VERIFYING, **common)
    result = compare(unit=cast.buon_ma_thuot, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert (result.current.in_progress, result.current.in_progress_overdue, result.current.under_resolution) == (
        2,
        1,
        2,
    )
    # On 30/06/2026 neither had passed its deadline.
    half = compare(unit=cast.buon_ma_thuot, start=D(2026, 1, 1), end=D(2026, 6, 30))
    assert (half.current.in_progress, half.current.in_progress_overdue) == (2, 0)


def test_the_query_count_does_not_grow_with_the_data(commune, cast, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        compare(unit=cast.dak_lak, start=D(2026, 1, 1), end=D(2026, 12, 31))
    for number in range(20):
        make_case(cast, received_on=D(2026, 1, 1) + dt.timedelta(days=number), field="y-te-giao-duc")
    visits(cast.dong_xuan, D(2026, 6, 1), 300)
    with django_assert_max_num_queries(4):
        result = compare(unit=cast.dak_lak, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert result.current.received == 8 + 1 + 20


def test_the_sql_is_built_once_per_subtree_and_every_period_counts_as_a_fresh_build(
    commune, cast, django_assert_num_queries
):
    """Issue 15: the grouped query is compiled once per subtree (``core.compiled``) and run with each period's
    dates; three queries (the legacy predecessors, the visits, the cases), figures as if built afresh."""
    from danvan.core import compiled

    periods = [(D(2026, 1, 1), D(2026, 12, 31)), (D(2026, 1, 1), D(2026, 3, 31)), (D(2025, 7, 1), D(2025, 12, 31))]
    fresh = []
    for start, end in periods:
        compiled.forget()
        fresh.append(compare(unit=commune, start=start, end=end))
    for (start, end), expected in zip(periods, fresh, strict=True):
        with django_assert_num_queries(3):
            again = compare(unit=commune, start=start, end=end)
        assert (again.current, again.previous) == (expected.current, expected.previous)
        assert again.field_names == expected.field_names
    assert fresh[0].current.received == 8 and fresh[1].current.received == 2


# --- Page, XLSX, API, access ----------------------------------------------------------------------------------------


def test_the_page_shows_both_years_and_the_change(client, cast, commune, django_assert_max_num_queries):
    client.force_login(cast.alice)
    with django_assert_max_num_queries(20):
        response = client.get(PAGE, {"unit": commune.pk, "year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="visits">137<' in html
    assert "giảm 25,5% so với năm 2025" in html
    assert "-25,5%" in html
    assert "đã giải quyết 3/5, đạt 60,0%" in html
    assert "Quý" in html  # the period picker
    assert reverse("case_statistics:index") == PAGE


def test_the_page_defaults_to_the_officers_unit_and_this_year(client, cast, commune):
    client.force_login(cast.alice)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["comparison"].unit == cast.dong_xuan
    assert response.context["comparison"].period == Period(D(2026, 1, 1), D(2026, 12, 31))


def test_a_wrong_period_shows_the_message(client, cast, commune):
    client.force_login(cast.alice)
    response = client.get(PAGE, {"unit": commune.pk, "start": "01/05/2026", "end": "01/04/2026"})
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()


def test_the_xlsx_has_the_same_table(client, cast, commune):
    client.force_login(cast.alice)
    response = client.get(reverse("case_statistics:xlsx"), {"unit": commune.pk, "year": 2026})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "thong-ke-tiep-cong-dan-22081-20260101-20261231.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {row[0].strip(" "): row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Lượt tiếp công dân"][:2] == (137, 184)
    assert rows["Lượt tiếp công dân"][2] == pytest.approx(-0.255)
    assert rows["Lượt tiếp công dân"][3] == "giảm 25,5%"
    assert rows["Đơn thư tiếp nhận"][:3] == (8, 4, 1.0)
    assert rows["Kết quả giải quyết vụ việc thuộc thẩm quyền"][:2] == (
        "đã giải quyết 3/5, đạt 60,0%",
        "đã giải quyết 2/4, đạt 50,0%",
    )


def test_the_api_returns_both_periods(client, cast, commune, django_assert_max_num_queries):
    client.force_login(cast.alice)
    with django_assert_max_num_queries(12):
        response = client.get(API, {"unit": commune.pk, "year": 2026})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["period"] == {"start": "2026-01-01", "end": "2026-12-31", "label": "Năm 2026"}
    assert body["previous_period"]["label"] == "Năm 2025"
    assert (body["current"]["visits"], body["previous"]["visits"]) == (137, 184)
    assert body["change"]["visits"] == -25.5
    assert body["change_text"]["visits"] == "giảm 25,5% so với năm 2025"
    assert body["current"]["resolution_text"] == "đã giải quyết 3/5, đạt 60,0%"
    assert body["current"]["resolution_rate"] == 60.0
    assert body["current"]["received_by_kind"][0] == {"key": "complaint", "label": "Khiếu nại", "count": 5}
    assert body["current"]["in_progress_overdue"] == 2

    quarter = client.get(API, {"unit": commune.pk, "year": 2026, "period": "q1"}).json()
    assert quarter["previous_period"]["label"] == "Quý IV năm 2025"
    dates = client.get(API, {"unit": commune.pk, "start": "2026-03-01", "end": "2026-03-31"}).json()
    assert dates["current"]["visits"] == 135
    wrong = client.get(API, {"unit": commune.pk, "year": 2026, "period": "q9"})
    assert wrong.status_code == 422 and wrong.json()["code"] == "invalid_period"


@pytest.mark.parametrize("who", ["bob", "frank"])
def test_another_units_statistics_are_not_found(client, cast, commune, who):
    client.force_login(getattr(cast, who))
    assert client.get(PAGE, {"unit": commune.pk, "year": 2026}).status_code == 404
    assert client.get(reverse("case_statistics:xlsx"), {"unit": commune.pk}).status_code == 404
    assert client.get(API, {"unit": commune.pk}).status_code == 404
    assert client.get(API, {"unit": 999_999_999}).status_code == 404


def test_the_province_leader_sees_a_commune_and_the_province(client, cast, commune):
    client.force_login(cast.carol)
    assert client.get(API, {"unit": commune.pk, "year": 2026}).json()["current"]["visits"] == 137
    assert client.get(API, {"unit": cast.dak_lak.pk, "year": 2026}).json()["current"]["visits"] == 177


def test_anonymous_requests_are_refused(client, commune):
    assert client.get(API, {"unit": commune.pk}).status_code == 401
    assert client.get(PAGE).status_code == 302

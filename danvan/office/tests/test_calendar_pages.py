"""The calendar page (/backoffice/calendar/) and the public calendar API, end to end through the test client."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import Resolver404, path, resolve, reverse
from ninja import NinjaAPI

from danvan.api import api
from danvan.core import workdays
from danvan.core.calendar_api import router as calendar_router

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _calendar_api_mounted() -> bool:
    try:
        resolve("/api/v1/calendar/deadline")
    except Resolver404:
        return False
    return True


# Until danvan/api.py registers the calendar router, the API tests run it on a stand-in API with the real error
# handlers, mounted at the same /api/v1/ prefix through this module's URLconf.
CALENDAR_API_MOUNTED = _calendar_api_mounted()
if not CALENDAR_API_MOUNTED:
    _stand_in = NinjaAPI(title="calendar (test)", urls_namespace="calendar_test_api")
    for _exc, _handler in api._exception_handlers.items():
        _stand_in.add_exception_handler(_exc, _handler)
    _stand_in.add_router("/", calendar_router)
    urlpatterns = [path("api/v1/", _stand_in.urls)]


@pytest.fixture(autouse=True)
def fresh_calendar():
    workdays.invalidate_calendar_cache()
    yield
    workdays.invalidate_calendar_cache()


@pytest.fixture
def api_client(client, settings):
    if not CALENDAR_API_MOUNTED:
        settings.ROOT_URLCONF = __name__
    return client


@pytest.fixture
def alice_client(client, cast, time_machine):
    time_machine.move_to(NOW, tick=False)
    client.force_login(cast.alice)
    return client


# --- page ------------------------------------------------------------------------------------------------------


def test_page_needs_login(client):
    response = client.get(reverse("office:calendar"))
    assert response.status_code == 302


def test_page_lists_the_years_holidays_and_notices(alice_client):
    response = alice_client.get(reverse("office:calendar"))
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["deadline"] is None
    assert "Ngày lễ, tết và ngày làm bù năm 2026" in body
    assert "17/02/2026" in body  # Tết
    assert "Làm việc bù cho ngày nghỉ 31/08/2026" in body  # seeded notice
    dates = [notice.date for notice in response.context["notices"]]
    assert dates[:2] == [dt.date(2026, 1, 2), dt.date(2026, 1, 10)]  # the New Year 2026 swap
    assert {dt.date(2026, 8, 22), dt.date(2026, 8, 31)} <= set(dates)
    assert 'value="complaint.accept"' in body
    assert "<script>" not in body and "style=" not in body


def test_page_computes_working_days_over_tet_with_explanation(alice_client):
    response = alice_client.get(reverse("office:calendar"), {"start": "24/01/2025", "days": "7", "day_kind": "working"})
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["deadline"].due_on == dt.date(2025, 2, 10)
    assert "10/02/2025" in body
    assert "Cách tính hạn" in body
    assert "01/02/2025: Thứ Bảy, Mùng bốn Tết Nguyên Đán" in body
    assert "Có tính 08/02/2025 (Thứ Bảy) là ngày làm việc" in body


def test_page_computes_from_a_rule_in_force_on_the_start_date(alice_client):
    response = alice_client.get(reverse("office:calendar"), {"start": "01/07/2026", "rule": "complaint.accept"})
    deadline = response.context["deadline"]
    assert deadline.due_on == dt.date(2026, 7, 10)
    assert "155/2026" in response.content.decode()


def test_page_accepts_iso_dates_and_calendar_days(alice_client):
    response = alice_client.get(
        reverse("office:calendar"), {"start": "2026-01-17", "days": "30", "day_kind": "calendar"}
    )
    assert response.context["deadline"].due_on == dt.date(2026, 2, 23)
    assert "đã lùi khỏi ngày nghỉ" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "31/02/2025", "days": "3"}, "start", "Ngày không hợp lệ"),
        ({"start": "", "days": "3"}, "start", "Hãy nhập ngày bắt đầu."),
        ({"start": "01/01/1990", "days": "3"}, "start", "Chỉ tính được ngày trong các năm 2000–2099."),
        ({"start": "24/01/2025", "days": "-1"}, "days", "Số ngày không được âm."),
        ({"start": "24/01/2025", "days": "abc"}, "days", "Số ngày phải là một số nguyên."),
        ({"start": "24/01/2025", "days": "99999"}, "days", "Số ngày tối đa là 3.650."),
        ({"start": "24/01/2025"}, "days", "Hãy nhập số ngày hoặc chọn một quy định."),
        ({"start": "24/01/2025", "rule": "no.such"}, "rule", "Quy định đã chọn không có trong danh sách."),
        ({"start": "24/01/2025", "days": "3", "day_kind": "lunar"}, "day_kind", "Loại ngày không hợp lệ."),
    ],
)
def test_page_bad_input_gives_vietnamese_form_errors(alice_client, params, field, message):
    response = alice_client.get(reverse("office:calendar"), params)
    assert response.status_code == 200
    assert response.context["deadline"] is None
    assert any(message in error for error in response.context["form"].errors[field])
    assert message.split("(")[0][:20] in response.content.decode()


def test_page_reports_a_rule_not_in_force_on_the_start_date(alice_client):
    response = alice_client.get(reverse("office:calendar"), {"start": "01/01/2010", "rule": "complaint.accept"})
    assert response.status_code == 200
    assert response.context["deadline"] is None
    errors = response.context["form"].non_field_errors()
    assert any("Không có quy định “complaint.accept” có hiệu lực vào ngày 01/01/2010." in error for error in errors)


# --- API -------------------------------------------------------------------------------------------------------


def test_api_deadline_in_working_days(api_client):
    response = api_client.get("/api/v1/calendar/deadline", {"start": "2025-01-24", "days": 7, "day_kind": "working"})
    assert response.status_code == 200
    body = response.json()
    assert body["start"] == "2025-01-24"
    assert body["due_on"] == "2025-02-10"
    assert body["day_kind"] == "working"
    assert body["legal_basis"] is None
    assert body["explanation"][-1] == "Hạn: 10/02/2025 (Thứ Hai)."


def test_api_deadline_from_a_rule(api_client):
    response = api_client.get("/api/v1/calendar/deadline", {"start": "2026-06-30", "rule": "complaint.accept"})
    body = response.json()
    assert response.status_code == 200
    assert (body["due_on"], body["days"], body["rule"]) == ("2026-07-14", 10, "complaint.accept")
    assert "Luật Khiếu nại" in body["legal_basis"]


def test_api_deadline_in_calendar_days_moves_off_tet(api_client):
    response = api_client.get("/api/v1/calendar/deadline", {"start": "2026-01-17", "days": 30, "day_kind": "calendar"})
    assert response.json()["due_on"] == "2026-02-23"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"start": "2025-02-31", "days": 3}, 422, "invalid_input"),
        ({"days": 3}, 422, "invalid_input"),
        ({"start": "2025-01-24", "days": -1}, 422, "invalid_input"),
        ({"start": "2025-01-24", "days": "abc"}, 422, "invalid_input"),
        ({"start": "2025-01-24", "days": 3, "day_kind": "lunar"}, 422, "invalid_input"),
        ({"start": "2025-01-24"}, 422, "missing_days"),
        ({"start": "2025-01-24", "days": 3, "rule": "complaint.accept"}, 422, "ambiguous_input"),
        ({"start": "2025-01-24", "rule": "no.such"}, 422, "rule_missing"),
        ({"start": "2025-01-24", "rule": "reception.group_min_size"}, 422, "rule_not_deadline"),
        ({"start": "1990-01-01", "days": 3}, 422, "date_out_of_range"),
    ],
)
def test_api_bad_input_gives_code_and_vietnamese_message(api_client, params, status, code):
    response = api_client.get("/api/v1/calendar/deadline", params)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["message"] and body["message"].isascii() is False  # Vietnamese text


def test_api_rules_in_force_on_a_date(api_client, django_assert_num_queries):
    with django_assert_num_queries(2):  # count + page
        response = api_client.get("/api/v1/calendar/rules", {"on": "2026-06-30", "limit": 100})
    assert response.status_code == 200
    items = {item["code"]: item for item in response.json()["items"]}
    assert items["complaint.accept"]["value"] == 10
    assert items["complaint.accept"]["valid_to"] == "2026-06-30"
    assert "complaint.suspension_notice" not in items
    after = api_client.get("/api/v1/calendar/rules", {"on": "2026-07-01", "limit": 100}).json()["items"]
    assert {item["code"]: item["value"] for item in after}["complaint.accept"] == 7
    assert not {"confidence", "verification"} & set(items["complaint.accept"])  # administrators' pages only


def test_api_rules_bad_date(api_client):
    response = api_client.get("/api/v1/calendar/rules", {"on": "30/06/2026"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"

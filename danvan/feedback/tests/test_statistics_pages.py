"""The statistics page, its XLSX and the API show the same figures, for a unit of the officer's scope only."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from danvan.demo.feedback import at, report_with_outcome
from danvan.feedback.models import ReportChannel, ReportState

QUERY_Q2 = {"year": 2026, "period": "q2"}


@pytest.fixture
def planted(cast):
    dx = cast.dong_xuan
    day = dt.date(2026, 4, 6)
    report_with_outcome(dx, at(day), answer_hours=10, rating=5)
    report_with_outcome(dx, at(day), answer_hours=30, late=True, rating=2, category="waste")
    report_with_outcome(dx, at(day), state=ReportState.REFUSED, channel=ReportChannel.OPEN311)
    report_with_outcome(dx, at(dt.date(2026, 2, 2)), answer_hours=5)
    return cast


def _xlsx_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {name: [tuple(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def test_the_page_the_xlsx_and_the_api_agree(client, planted):
    client.force_login(planted.alice)
    query = {"unit": planted.dong_xuan.pk, **QUERY_Q2}
    page = client.get(reverse("feedback_statistics:statistics"), query)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-figure="received">3<' in html and "tăng 200,0%" in html
    assert 'data-figure="median_hours">20 giờ (0,8 ngày)<' in html
    assert "Ngập úng, thoát nước" in html and "Ứng dụng (Open311)" in html
    download = client.get(reverse("feedback_statistics:statistics_xlsx"), query)
    assert (
        download.status_code == 200 and "thong-ke-phan-anh-22081-20260401-20260630" in download["Content-Disposition"]
    )
    sheets = _xlsx_rows(download)
    summary = sheets["Tổng hợp"]
    assert ("Phản ánh tiếp nhận trong kỳ", 3, 1, "tăng 200,0%") in summary
    assert any(row[0] == "Thời gian trả lời (trung vị) (giờ)" and row[1:3] == (20, 5) for row in summary)
    assert any(row[0] == "Ngập úng, thoát nước" for row in sheets["Theo lĩnh vực"])
    api = client.get("/api/v1/feedback/statistics", query)
    assert api.status_code == 200
    data = api.json()
    assert data["current"]["received"] == 3 and data["previous"]["received"] == 1
    assert data["current"]["handled"] == 3 and data["current"]["on_time_rate"] == 50.0
    assert data["current"]["median_hours"] == 20.0 and data["current"]["mean_rating"] == 3.5
    assert {row["code"]: row["change_text"] for row in data["rows"]}["received"] == "tăng 200,0%"
    assert {item["code"]: item["current"]["received"] for item in data["by_channel"]} == {"web": 2, "open311": 1}
    assert data["previous_period"] == {"start": "2026-01-01", "end": "2026-03-31", "label": "01/01/2026 – 31/03/2026"}


def test_the_officers_first_unit_by_default_and_a_province_for_its_leader(client, planted):
    client.force_login(planted.alice)
    page = client.get(reverse("feedback_statistics:statistics"), QUERY_Q2)
    assert page.status_code == 200 and page.context["unit"] == planted.dong_xuan
    client.force_login(planted.carol)
    api = client.get("/api/v1/feedback/statistics", {"unit": planted.dak_lak.pk, **QUERY_Q2})
    assert api.status_code == 200 and api.json()["current"]["received"] == 3
    page = client.get(reverse("feedback_statistics:statistics"), {"unit": planted.dak_lak.pk, **QUERY_Q2})
    assert page.status_code == 200 and [c.code for c in page.context["communes"]] == ["22081"]
    assert f'href="?unit={planted.dong_xuan.pk}&amp;year=2026&amp;period=q2">Xã Đồng Xuân<' in page.content.decode()
    download = client.get(reverse("feedback_statistics:statistics_xlsx"), {"unit": planted.dak_lak.pk, **QUERY_Q2})
    communes = _xlsx_rows(download)["Theo xã, phường"]
    assert communes[2][:5] == (
        "Hạng",
        "Mã",
        "Xã, phường",
        "Phản ánh tiếp nhận trong kỳ",
        "Đã xử lý (trả lời, không tiếp nhận, gộp)",
    )
    assert communes[3][:5] == (None, "22081", "Xã Đồng Xuân", 3, 3)  # 2 judged: under the threshold of 5


def test_a_unit_outside_the_scope_is_not_found(client, planted):
    client.force_login(planted.frank)  # Ba Đình
    query = {"unit": planted.dong_xuan.pk, **QUERY_Q2}
    assert client.get(reverse("feedback_statistics:statistics"), query).status_code == 404
    assert client.get(reverse("feedback_statistics:statistics_xlsx"), query).status_code == 404
    api = client.get("/api/v1/feedback/statistics", query)
    assert api.status_code == 404 and api.json()["code"]


def test_a_bad_period_is_a_422_with_the_field_named(client, planted):
    client.force_login(planted.alice)
    api = client.get("/api/v1/feedback/statistics", {"year": 2026, "period": "q9"})
    assert api.status_code == 422 and api.json()["code"] == "invalid_period"
    page = client.get(reverse("feedback_statistics:statistics"), {"start": "2026-10-01"})
    assert page.status_code == 422 and page.context["form"].errors
    bad_xlsx = client.get(reverse("feedback_statistics:statistics_xlsx"), {"start": "01/10/2026", "end": "01/01/2026"})
    assert bad_xlsx.status_code == 422 and "Ngày kết thúc" in bad_xlsx.content.decode()


def test_nobody_signed_in_sees_nothing(client, planted):
    page = client.get(reverse("feedback_statistics:statistics"), QUERY_Q2)
    assert page.status_code == 302
    assert client.get("/api/v1/feedback/statistics", QUERY_Q2).status_code == 401


def test_a_formula_in_a_category_name_is_written_as_text(client, planted):
    from danvan.feedback.models import Category

    Category.objects.filter(code="waste").update(name='=HYPERLINK("http://x")')
    client.force_login(planted.alice)
    download = client.get(reverse("feedback_statistics:statistics_xlsx"), {"unit": planted.dong_xuan.pk, **QUERY_Q2})
    content = b"".join(download.streaming_content) if download.streaming else download.content
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [
        cell
        for row in book["Theo lĩnh vực"].iter_rows()
        for cell in row
        if cell.value and "HYPERLINK" in str(cell.value)
    ]
    assert cells and all(cell.data_type == "s" for cell in cells)

"""The reception logbook (Form 03/TCD): one line per visit and matter raised, the page, the XLSX, their cost.

Time is frozen on Friday 20/11/2026. A denunciation's line never shows who denounced.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from danvan.cases.models import CaseKind, CaseStatus, Outcome, RefusalGround
from danvan.cases.services import TransitionInput, case_transition
from danvan.reception.logbook import HEADERS
from danvan.reception.models import Visit, VisitOutcome
from danvan.reception.selectors import LogbookRows, logbook_visits
from danvan.reception.services import RaisedCaseIn, VisitorIn, visit_record

pytestmark = pytest.mark.django_db

SECRET = "Lê Thị Mật"
SECRET_ID = "066190009999"
CONFIDENTIAL = "Giữ bí mật (Điều 8 Luật Tố cáo)"
FORM_HEADERS = [
    "STT",
    "Ngày tiếp",
    "Họ tên, địa chỉ",
    "Số CCCD/Giấy tờ tùy thân",
    "Nội dung vụ việc",
    "Phân loại (khiếu nại, tố cáo, kiến nghị, phản ánh)",
    "Số người",
    "Cơ quan đã giải quyết",
    "Thuộc thẩm quyền",
    "Hướng dẫn (số văn bản)",
    "Cơ quan tiếp nhận, số văn bản chuyển đơn",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
]


def visit(cast, day, **kwargs):
    defaults = {
        "actor": cast.alice,
        "unit": cast.dong_xuan,
        "visited_on": day,
        "kind": CaseKind.FEEDBACK,
        "summary": "Phản ánh đường liên thôn xuống cấp",
        "outcome": VisitOutcome.ANSWERED,
        "answer": "Đã hướng dẫn gửi kiến nghị qua tổ dân phố",
        "visitors": [VisitorIn("Hà Văn Bảy", "Thôn 4, xã Đồng Xuân", "066090005555")],
    }
    return visit_record(**{**defaults, **kwargs})


@pytest.fixture
def book(cast, land, grace):
    """Six visits in November 2026 at Xã Đồng Xuân, one line each except the group's (two)."""
    group = visit(
        cast,
        dt.date(2026, 11, 2),
        kind=CaseKind.COMPLAINT,
        summary="Đoàn 6 hộ khiếu nại thu hồi đất, một người tố cáo cán bộ",
        outcome=VisitOutcome.CASES,
        answer="",
        persons=6,
        already_handled_by="UBND xã Đồng Xuân (cũ)",
        visitors=[
            VisitorIn("Nguyễn Văn Hùng", "Thôn 1", "066080001234", is_representative=True),
            VisitorIn("Trần Thị Hoa", "Thôn 1", "066180002222", is_representative=True),
            VisitorIn(SECRET, "Thôn 3", SECRET_ID, "0905123456"),
        ],
        raised=[
            RaisedCaseIn(kind=CaseKind.COMPLAINT, field=land, title="Khiếu nại quyết định thu hồi đất thôn 1"),
            RaisedCaseIn(kind=CaseKind.DENUNCIATION, field=land, title="Tố cáo cán bộ địa chính", petitioners=(2,)),
        ],
    )
    visit(
        cast,
        dt.date(2026, 11, 3),
        kind=CaseKind.COMPLAINT,
        summary="Lớn tiếng, đe dọa cán bộ tiếp dân",
        outcome=VisitOutcome.REFUSED,
        answer="",
        refusal_ground=RefusalGround.objects.get(code="tcd-de-doa-xuc-pham"),
    )
    visit(cast, dt.date(2026, 11, 4))
    guided = visit(
        cast,
        dt.date(2026, 11, 5),
        kind=CaseKind.RECOMMENDATION,
        outcome=VisitOutcome.CASES,
        answer="",
        raised=[RaisedCaseIn(kind=CaseKind.RECOMMENDATION, field=land, title="Kiến nghị cấp sổ đỏ")],
    ).cases.get()
    guided = case_transition(
        actor=cast.alice,
        case=guided,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=False),
    )
    case_transition(
        actor=cast.alice,
        case=guided,
        action="guide",
        data=TransitionInput(note="Hướng dẫn gửi Văn phòng đăng ký đất đai", document_no="21/HD-UBND"),
    )
    moved = visit(
        cast,
        dt.date(2026, 11, 6),
        kind=CaseKind.COMPLAINT,
        outcome=VisitOutcome.CASES,
        answer="",
        raised=[RaisedCaseIn(kind=CaseKind.COMPLAINT, field=land, title="Khiếu nại quyết định của Sở")],
    ).cases.get()
    moved = case_transition(
        actor=cast.alice, case=moved, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=False)
    )
    case_transition(
        actor=cast.alice,
        case=moved,
        action="transfer",
        data=TransitionInput(target_body="Sở Nông nghiệp và Môi trường tỉnh Đắk Lắk", document_no="15/CV-UBND"),
    )
    resolved = visit(
        cast,
        dt.date(2026, 11, 9),
        kind=CaseKind.COMPLAINT,
        outcome=VisitOutcome.CASES,
        answer="",
        raised=[RaisedCaseIn(kind=CaseKind.COMPLAINT, field=land, title="Khiếu nại bồi thường")],
    ).cases.get()
    resolved = case_transition(
        actor=cast.alice,
        case=resolved,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True),
    )
    resolved = case_transition(
        actor=grace, case=resolved, action="accept", data=TransitionInput(document_no="5/TB"), on=dt.date(2026, 11, 10)
    )
    case_transition(
        actor=grace,
        case=resolved,
        action="resolve",
        data=TransitionInput(document_no="30/QĐ-UBND", document_date=dt.date(2026, 11, 19), outcome=Outcome.RIGHT),
    )
    return group


def rows_of(cast):
    return list(LogbookRows(logbook_visits(cast.alice, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 20))))


def test_a_group_is_counted_the_same_way_in_every_column(cast, book):
    """The names ("đoàn 5 người"), the column "Số người" and the note "Đoàn đông người" count the same people, and
    the lines of one visit add up to the people who came (not the group once per matter)."""
    rows = rows_of(cast)
    for row in rows:
        stated = re.search(r"đoàn (\d+) người", row.name_address)
        if stated:
            assert int(stated.group(1)) == row.persons, row
        assert ("Đoàn đông người" in row.note) is (row.persons >= 5), row
    group_rows = [row for row in rows if row.visit_id == book.pk]
    assert [row.persons for row in group_rows] == [5, 1]
    assert sum(row.persons for row in group_rows) == book.persons == 6
    assert "(đoàn 5 người)" in group_rows[0].name_address


def test_one_line_per_visit_and_matter(cast, book):
    rows = rows_of(cast)
    assert [r.number for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    complaint, denunciation, refused, answered, guided, moved, resolved = rows
    assert complaint.visit_id == denunciation.visit_id == book.pk
    assert complaint.kind == "Khiếu nại" and denunciation.kind == "Tố cáo"
    assert complaint.name_address.startswith("Đại diện: Nguyễn Văn Hùng, Thôn 1; Trần Thị Hoa, Thôn 1")
    assert complaint.id_document == "066080001234; 066180002222"
    # The six who came: five complain (two representatives), one denounces; each line counts its own people.
    assert complaint.already_handled_by == "UBND xã Đồng Xuân (cũ)" and complaint.persons == 5
    assert denunciation.name_address == denunciation.id_document == CONFIDENTIAL
    assert denunciation.persons == 1
    assert refused.result == "Từ chối tiếp" and "Điều 9" in refused.note and refused.case_id is None
    assert answered.guidance.startswith("Đã hướng dẫn gửi kiến nghị") and answered.name_address.startswith("Hà Văn Bảy")
    assert guided.in_jurisdiction == "Không" and guided.guidance == "Văn bản số 21/HD-UBND"
    assert moved.transfer == "Sở Nông nghiệp và Môi trường tỉnh Đắk Lắk; văn bản chuyển số 15/CV-UBND"
    assert resolved.in_jurisdiction == "Có"
    assert "Khiếu nại đúng" in resolved.result and "30/QĐ-UBND ngày 19/11/2026" in resolved.result
    for row in rows:
        assert SECRET not in repr(row) and SECRET_ID not in repr(row)


def test_logbook_xlsx_has_the_thirteen_columns_and_hides_the_denouncer(client, cast, book):
    client.force_login(cast.alice)
    response = client.get(reverse("reception:logbook_xlsx"), {"start": "01/11/2026", "end": "20/11/2026"})
    assert response.status_code == 200
    assert 'filename="so-tiep-cong-dan-20261101-20261120.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet["A1"].value == "Mẫu số 03/TCD"
    assert sheet["A2"].value == "SỔ TIẾP CÔNG DÂN"
    assert sheet["A3"].value == "Xã Đồng Xuân"
    assert sheet["A4"].value == "Từ ngày 01/11/2026 đến ngày 20/11/2026"
    assert [cell.value for cell in sheet[6]] == FORM_HEADERS == HEADERS
    assert [cell.value for cell in sheet[7]] == [f"({n})" for n in range(1, 14)]
    first = [cell.value for cell in sheet[8]]
    assert first[0] == 1 and first[1] == dt.datetime(2026, 11, 2)
    assert sheet["B8"].number_format == "dd/mm/yyyy"
    assert first[4] == "Khiếu nại quyết định thu hồi đất thôn 1" and first[5] == "Khiếu nại" and first[6] == 5
    second = [cell.value for cell in sheet[9]]
    assert second[2] == second[3] == CONFIDENTIAL and second[5] == "Tố cáo"
    assert sheet.max_row == 7 + 7
    values = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)
    assert SECRET not in values and SECRET_ID not in values and "0905123456" not in values
    assert sheet["C8"].border.left.style == "thin" and sheet["A6"].font.bold
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$6:$7" and sheet.freeze_panes == "A8"
    assert sheet.column_dimensions["E"].width == 40


def test_logbook_page_shows_the_lines_and_hides_the_denouncer(client, cast, book):
    client.force_login(cast.alice)
    page = client.get(reverse("reception:logbook"), {"start": "01/11/2026"}).content.decode()
    assert "7 dòng" in page and CONFIDENTIAL in page and "Khiếu nại quyết định thu hồi đất thôn 1" in page
    assert SECRET not in page and SECRET_ID not in page
    assert reverse("cases:detail", args=[book.cases.order_by("id").first().pk]) in page
    # The province leader sees Đồng Xuân's book; a commune elsewhere does not.
    client.force_login(cast.carol)
    assert "7 dòng" in client.get(reverse("reception:logbook"), {"start": "01/11/2026"}).content.decode()
    client.force_login(cast.bob)
    assert "0 dòng" in client.get(reverse("reception:logbook"), {"start": "01/11/2026"}).content.decode()


def bulk_visits(cast, count: int, day: dt.date = dt.date(2026, 11, 10)) -> None:
    Visit.objects.bulk_create(
        [
            Visit(
                unit=cast.dong_xuan,
                unit_path=cast.dong_xuan.path,
                visited_on=day,
                persons=1,
                kind=CaseKind.FEEDBACK,
                summary=f"Phản ánh số {n}",
                answered_on_spot=True,
                answer="Đã trả lời",
                visitor_name=f"Công dân {n}",
            )
            for n in range(count)
        ]
    )


def test_numbers_continue_on_the_next_page_and_queries_stay_flat(client, cast, book, django_assert_max_num_queries):
    client.force_login(cast.alice)
    url = reverse("reception:logbook")
    with django_assert_max_num_queries(20) as few:
        client.get(url, {"start": "01/11/2026"})
    bulk_visits(cast, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url, {"start": "01/11/2026", "page": 2}).content.decode()
    assert "67 dòng" in page and ">51</a>" in page and "Trang 2/2" in page
    # Flat: 12 + the officer scope for whole ID numbers + one audit entry saying they were shown, whatever the rows.
    with django_assert_max_num_queries(14):
        body = client.get("/api/v1/reception/logbook", {"start": "2026-11-01", "limit": 100}).json()
    assert body["count"] == 67 and [row["number"] for row in body["items"]][:3] == [1, 2, 3]
    assert body["items"][-1]["number"] == 67
    second = client.get("/api/v1/reception/logbook", {"start": "2026-11-01", "limit": 10, "offset": 60}).json()
    assert [row["number"] for row in second["items"]] == list(range(61, 68))


def test_a_large_export_reads_in_slices(client, cast, django_assert_max_num_queries):
    bulk_visits(cast, 2_000)
    client.force_login(cast.alice)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("reception:logbook_xlsx"), {"start": "01/11/2026"})
        content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    assert sum(1 for _row in sheet.iter_rows(values_only=True)) == 7 + 2_000


def test_case_result_follows_the_case(cast, book, grace):
    rows = rows_of(cast)
    assert rows[0].result.startswith(str(CaseStatus.RECEIVED.label))
    assert "hạn xử lý" in rows[0].result


def test_a_logbook_whose_rows_fail_half_way_leaves_no_open_workbook_behind():
    import gc
    import io

    from danvan.reception.logbook import write_logbook

    def failing_rows():
        raise ValueError("the database went away")
        yield

    with pytest.raises(ValueError):
        write_logbook(
            failing_rows(),
            unit_name="Xã Đồng Xuân",
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 1, 31),
            output=io.BytesIO(),
        )
    gc.collect()  # an unfinished openpyxl stream would be reported here (PytestUnraisableExceptionWarning)

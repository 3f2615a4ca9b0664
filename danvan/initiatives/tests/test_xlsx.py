"""XLSX import and export: the template round trip, every kind of bad row at once, the pages and the API."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.core.attachments import XLSX_CONTENT_TYPE
from danvan.core.models import AuditEntry, Organization
from danvan.core.services import village_create
from danvan.initiatives.filters import apply_filters, visible_filtered
from danvan.initiatives.models import Field, Funding, Initiative, InitiativeKind, InitiativeLevel, InitiativeStatus
from danvan.initiatives.services import initiative_register
from danvan.initiatives.xlsx import (
    COLUMNS,
    InvalidImport,
    RowError,
    build_template,
    export_initiatives,
    import_initiatives,
    rows_to_xlsx,
)

pytestmark = [pytest.mark.django_db]

TODAY = dt.datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
HEADERS = [column.header for column in COLUMNS]


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def row(**values: Any) -> dict[str, Any]:
    base = {
        "unit_code": "22081",
        "unit_name": "Xã Đồng Xuân",
        "organization": "UBND",
        "kind": "Mô hình",
        "name": "Tuyến đường hoa kiểu mẫu",
        "field": "Văn hóa – xã hội",
        "level": "Xã",
        "year": 2026,
        "registered_on": "15/02/2026",
        "funds": "7.000.000",
        "funding_source": "Ban CHQS xã hỗ trợ",
        "goals": "05 tuyến đường kiểu mẫu 500 m",
    }
    base.update(values)
    return base


def three_rows() -> list[dict[str, Any]]:
    return [
        row(),
        row(
            name="Dân vận khéo trong thu gom rác thải",
            organization="Ủy ban MTTQ Việt Nam Xã Đồng Xuân",
            field="kinh te",
            registered_on=dt.datetime(2026, 3, 1),
            funds=3500000,
            note="Chuyển từ sổ theo dõi 2026",
        ),
        row(
            kind="Điển hình",
            name="Gương sáng dân vận khéo",
            honoree_type="Cá nhân",
            honoree_name="Nguyễn Văn Sáng",
            organization="HLHPN",
            registered_on=None,
            funds=None,
            funding_source=None,
        ),
    ]


def filled_template(rows: list[dict[str, Any]]) -> bytes:
    """The downloaded template, filled in with openpyxl as an officer fills it in Excel."""
    workbook = openpyxl.load_workbook(io.BytesIO(build_template()))
    sheet = workbook["Danh sách"]
    for number, values in enumerate(rows, start=1):
        sheet.append([values.get(column.key, number if column.key == "number" else None) for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_import(actor, content: bytes, **kwargs):
    return import_initiatives(actor=actor, file=io.BytesIO(content), **kwargs)


def refused(actor, content: bytes) -> list[RowError]:
    before = Initiative.objects.count()
    with pytest.raises(InvalidImport) as caught:
        run_import(actor, content)
    assert Initiative.objects.count() == before
    return caught.value.errors


# --- The template and the round trip -----------------------------------------------------------------------


def test_the_template_has_the_officers_columns_drop_downs_and_instructions():
    workbook = openpyxl.load_workbook(io.BytesIO(build_template()))
    assert workbook.sheetnames[0] == "Danh sách" and "Hướng dẫn" in workbook.sheetnames
    sheet = workbook["Danh sách"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    validated = {str(validation.sqref).split(":")[0] for validation in sheet.data_validations.dataValidation}
    assert {"E2", "J2", "I2"} <= validated  # Loại, Cấp, Lĩnh vực
    lists = workbook["Danh mục"]
    assert "Văn hóa – xã hội" in [cell.value for cell in lists["D"]]


def test_template_round_trip_and_reimport_duplicates_nothing(cast):
    content = filled_template(three_rows())
    result = run_import(cast.alice, content)
    assert (result.created, result.skipped) == (3, 0)
    again = run_import(cast.alice, content)
    assert (again.created, again.skipped) == (0, 3)
    assert Initiative.objects.count() == 3

    road = Initiative.objects.get(name="Tuyến đường hoa kiểu mẫu")
    assert (road.unit, road.level, road.year, road.kind) == (cast.dong_xuan, "commune", 2026, "model")
    assert road.organization.kind.code == "peoples_committee" and road.field.code == "culture_society"
    assert (road.status, road.registered_on) == (InitiativeStatus.REGISTERED, dt.date(2026, 2, 15))
    assert road.funds_total == 7_000_000 and road.created_by == cast.alice
    assert list(Funding.objects.filter(initiative=road).values_list("source", "amount")) == [
        ("Ban CHQS xã hỗ trợ", 7_000_000)
    ]
    assert road.search_text and "duong hoa" in road.search_text
    waste = Initiative.objects.get(name="Dân vận khéo trong thu gom rác thải")
    assert waste.organization.kind.code == "fatherland_front" and waste.field.code == "economy"
    assert waste.transitions.get().reason == "Chuyển từ sổ theo dõi 2026"
    exemplar = Initiative.objects.get(kind=InitiativeKind.EXEMPLAR)
    assert (exemplar.status, exemplar.honoree_type, exemplar.honoree_name) == ("draft", "individual", "Nguyễn Văn Sáng")
    assert exemplar.organization.kind.code == "womens_union"
    assert list(road.transitions.values_list("action", "from_status", "to_status")) == [
        ("import", "draft", "registered")
    ]
    audits = AuditEntry.objects.filter(action="initiatives.import.completed").order_by("id")
    assert [(a.changes["created"], a.changes["skipped"]) for a in audits][-2:] == [(3, 0), (0, 3)]
    assert audits.last().unit == cast.dong_xuan  # type: ignore[union-attr]


def test_a_record_entered_by_hand_is_not_imported_again(cast):
    initiative_register(
        actor=cast.alice,
        unit=cast.dong_xuan,
        organization=Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee"),
        kind=InitiativeKind.MODEL,
        name="Tuyến đường  hoa kiểu mẫu",
        field=Field.objects.get(code="culture_society"),
        level=InitiativeLevel.COMMUNE,
        year=2026,
    )
    result = run_import(cast.alice, rows_to_xlsx([row()]))
    assert (result.created, result.skipped) == (0, 1)


def test_excel_numbers_dates_and_village_codes(cast):
    village = village_create(
        actor=cast.alice, commune=cast.dong_xuan, name="Thôn Hòa Bình", kind="village", households=120
    )
    content = rows_to_xlsx(
        [
            row(unit_code=22081, funds=1_500_000.0, year=2026.0, registered_on=46000),  # Excel serial: 09/12/2025
            row(
                unit_code=village.code,
                unit_name="thon hoa binh",
                level=None,
                organization="Ủy ban nhân dân Xã Đồng Xuân",
                name="Thôn không rác",
                funds="2,000,000 đồng",
            ),
        ]
    )
    assert run_import(cast.alice, content).created == 2
    first = Initiative.objects.get(name="Tuyến đường hoa kiểu mẫu")
    assert (first.funds_total, first.registered_on) == (1_500_000, dt.date(2025, 12, 9))
    in_village = Initiative.objects.get(name="Thôn không rác")
    assert (in_village.unit, in_village.level, in_village.funds_total) == (village, "village", 2_000_000)


# --- Bad input: everything reported at once, nothing written ------------------------------------------------


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_is_imported(cast):
    rows = [
        row(),  # row 2: fine
        row(name="Sai ngày", registered_on="31/02/2026"),  # 3
        row(name="Mã lạ", unit_code="99999"),  # 4
        row(name="Xã khác", unit_code="24133", unit_name="Phường Buôn Ma Thuột"),  # 5: bob's ward
        row(),  # 6: same as row 2
        row(name="Kinh phí âm", funds="-5.000"),  # 7
        row(name="Kinh phí chữ", funds="bảy triệu"),  # 8
        row(name="Lĩnh vực lạ", field="Thể thao"),  # 9
        row(name="", kind="Điển hình"),  # 10: no name, exemplar without honoree
        row(name="Tên sai", unit_name="Xã La Hai"),  # 11
        row(name="Tổ chức lạ", organization="Hội Người cao tuổi"),  # 12
        row(name="Năm sai", year="năm nay"),  # 13
        row(name="Không nguồn", funding_source=""),  # 14
    ]
    errors = refused(cast.alice, filled_template(rows))
    found = {(error.row, error.column) for error in errors}
    assert found == {
        (3, "Ngày đăng ký"),
        (4, "Mã đơn vị"),
        (5, "Mã đơn vị"),
        (6, "Tên mô hình, điển hình"),
        (7, "Kinh phí (đồng)"),
        (8, "Kinh phí (đồng)"),
        (9, "Lĩnh vực"),
        (10, "Tên mô hình, điển hình"),
        (10, "Tên tập thể, cá nhân"),
        (11, "Tên đơn vị"),
        (12, "Tổ chức đăng ký"),
        (13, "Năm"),
        (14, "Nguồn kinh phí"),
    }
    messages = {(error.row, error.column): error.message for error in errors}
    assert "dd/mm/yyyy" in messages[(3, "Ngày đăng ký")]
    assert "99999" in messages[(4, "Mã đơn vị")]
    assert "không có quyền" in messages[(5, "Mã đơn vị")]
    assert messages[(6, "Tên mô hình, điển hình")] == "Trùng với dòng 2 (cùng đơn vị, tên, năm và loại)."
    assert messages[(7, "Kinh phí (đồng)")] == "Kinh phí không được âm."
    assert "không phải số nguyên" in messages[(8, "Kinh phí (đồng)")]
    assert "Thể thao" in messages[(9, "Lĩnh vực")]
    assert "Xã Đồng Xuân" in messages[(11, "Tên đơn vị")]
    assert not AuditEntry.objects.filter(action="initiatives.import.completed").exists()


@pytest.mark.parametrize(
    ("headers", "column", "fragment"),
    [
        ([*HEADERS[:4], "Phân loại", *HEADERS[5:]], "Phân loại", "cần cột “Loại”"),
        (HEADERS[:-1], "Ghi chú", "Thiếu cột “Ghi chú”"),
        ([*HEADERS, "Điện thoại"], "Điện thoại", "không có trong mẫu"),
    ],
    ids=["wrong", "missing", "extra"],
)
def test_a_wrong_missing_or_extra_column_is_named(cast, headers, column, fragment):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    sheet.append(["1", "22081", "Xã Đồng Xuân", "UBND", "Mô hình", "Tên", "", "", "Kinh tế", "Xã", 2026])
    buffer = io.BytesIO()
    workbook.save(buffer)
    errors = refused(cast.alice, buffer.getvalue())
    assert len(errors) == 1
    assert (errors[0].row, errors[0].column) == (1, column) and fragment in errors[0].message


def test_not_a_spreadsheet_or_an_empty_list_is_refused(cast):
    with pytest.raises(InvalidImport, match="không phải là bảng tính Excel"):
        run_import(cast.alice, b"STT;Ma don vi\n1;22081\n")
    with pytest.raises(InvalidImport, match="không có dòng dữ liệu"):
        run_import(cast.alice, rows_to_xlsx([]))


def test_a_viewer_cannot_import_and_a_scope_unit_narrows(cast):
    errors = refused(cast.erin, rows_to_xlsx([row()]))
    assert [(e.row, e.column) for e in errors] == [(2, "Mã đơn vị")]
    with pytest.raises(InvalidImport) as caught:
        run_import(cast.carol, rows_to_xlsx([row()]), scope_unit=cast.buon_ma_thuot)
    assert "không thuộc" in caught.value.errors[0].message
    assert run_import(cast.carol, rows_to_xlsx([row()]), scope_unit=cast.dak_lak).created == 1


# --- Export -------------------------------------------------------------------------------------------------


def test_export_of_a_filtered_list_reimports_as_nothing_new(cast):
    run_import(cast.alice, filled_template(three_rows()))
    economy = visible_filtered(cast.alice, {"field": "economy", "year": "2026"})
    assert [i.name for i in economy] == ["Dân vận khéo trong thu gom rác thải"]
    exported = export_initiatives(visible_filtered(cast.alice, {"unit": str(cast.dong_xuan.pk)}))
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    assert list(lines[0]) == [*HEADERS, "Trạng thái"] and len(lines) == 4
    by_name = {line[5]: line for line in lines[1:]}
    road = by_name["Tuyến đường hoa kiểu mẫu"]
    assert road[1] == "22081" and road[3] == "Ủy ban nhân dân Xã Đồng Xuân" and road[-1] == "Đã đăng ký"
    assert road[11] == dt.datetime(2026, 2, 15) and road[12] == 7_000_000
    assert sheet.cell(row=2, column=12).number_format == "dd/mm/yyyy"
    assert sheet.cell(row=2, column=13).number_format == "#,##0"
    result = run_import(cast.alice, exported)
    assert (result.created, result.skipped) == (0, 3)


def test_filters_narrow_and_respect_scope(cast):
    run_import(cast.alice, filled_template(three_rows()))
    visible = visible_filtered(cast.alice, {})
    assert visible.count() == 3
    assert visible_filtered(cast.bob, {}).count() == 0
    assert apply_filters(visible, q="GUONG SANG").count() == 1
    assert apply_filters(visible, kind="exemplar").count() == 1
    assert apply_filters(visible, status="registered").count() == 2
    assert apply_filters(visible, unit=cast.buon_ma_thuot.pk).count() == 0
    assert visible_filtered(cast.alice, {"year": "abc", "level": "nope"}).count() == 3


# --- Pages ----------------------------------------------------------------------------------------------------


def upload(content: bytes, name: str = "danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX_CONTENT_TYPE)


def test_import_page_shows_errors_then_counts(client, cast):
    client.force_login(cast.alice)
    url = reverse("initiatives:initiative_import")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"file": upload(filled_template([row(), row(registered_on="32/01/2026")]))})
    assert bad.status_code == 422
    text = bad.content.decode()
    assert "Ngày đăng ký" in text and "<td>3</td>" in text and Initiative.objects.count() == 0
    good = client.post(url, {"file": upload(filled_template(three_rows()))})
    assert good.status_code == 200 and "Đã tạo 3 mô hình" in good.content.decode()
    assert client.post(url, {"file": upload(b"x", "danh-sach.csv")}).status_code == 422


def test_import_page_needs_an_officer(client, cast):
    client.force_login(cast.erin)
    assert client.get(reverse("initiatives:initiative_import")).status_code == 403


def test_template_and_export_pages(client, cast):
    run_import(cast.alice, filled_template(three_rows()))
    client.force_login(cast.alice)
    template = client.get(reverse("initiatives:initiative_import_template"))
    assert template["Content-Type"] == XLSX_CONTENT_TYPE
    assert template["Content-Disposition"].startswith("attachment;")
    export = client.get(reverse("initiatives:initiative_export"), {"kind": "exemplar"})
    lines = list(openpyxl.load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert [line[5] for line in lines[1:]] == ["Gương sáng dân vận khéo"]


# --- API ------------------------------------------------------------------------------------------------------


@pytest.fixture
def api_base() -> str:
    return "/api/v1"


def test_api_import_and_export(client, cast, api_base):
    client.force_login(cast.alice)
    response = client.post(f"{api_base}/initiatives/import", {"file": upload(filled_template(three_rows()))})
    assert response.status_code == 201, response.content
    assert response.json() == {"created": 3, "skipped": 0}
    again = client.post(f"{api_base}/initiatives/import", {"file": upload(filled_template(three_rows()))})
    assert again.json() == {"created": 0, "skipped": 3}

    export = client.get(f"{api_base}/initiatives/export", {"status": "draft"})
    assert export.status_code == 200 and export["Content-Type"] == XLSX_CONTENT_TYPE
    assert 'filename="mo-hinh-dien-hinh-20261120.xlsx"' in export["Content-Disposition"]
    lines = list(openpyxl.load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert [line[5] for line in lines[1:]] == ["Gương sáng dân vận khéo"]
    template = client.get(f"{api_base}/initiatives/import-template")
    assert template.status_code == 200 and template["Content-Type"] == XLSX_CONTENT_TYPE


def test_api_import_reports_every_error(client, cast, api_base):
    client.force_login(cast.alice)
    content = filled_template([row(unit_code="24133", unit_name="Phường Buôn Ma Thuột"), row(funds="-1")])
    response = client.post(f"{api_base}/initiatives/import", {"file": upload(content)})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "import_invalid" and "chưa nhập dòng nào" in body["message"]
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "Mã đơn vị"), (3, "Kinh phí (đồng)")]
    assert Initiative.objects.count() == 0


def test_api_needs_authentication(client, cast, api_base):
    response = client.post(f"{api_base}/initiatives/import", {"file": upload(rows_to_xlsx([row()]))})
    assert response.status_code == 401

"""Malformed requests are refused with a 4xx and ``{"code", "message"}`` in Vietnamese, never a server error:
a multipart body without a boundary or with a 1,000-character file name, a JSON body over 5 MB (413), an XLSX
holding an external entity or a billion-laughs entity, and digits that ``str.isdigit()`` accepts but ``int()``
does not ("²")."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.core.params import digits_int, positive_int
from danvan.initiatives.xlsx import rows_to_xlsx

pytestmark = pytest.mark.django_db

UPLOAD_OPERATIONS = ["/api/v1/attachments", "/api/v1/initiatives/import"]
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def assert_api_error(response, status: int | tuple[int, ...]) -> dict:
    statuses = (status,) if isinstance(status, int) else status
    assert response.status_code in statuses, (response.status_code, response.content[:300])
    body = response.json()
    assert set(body) >= {"code", "message"} and body["message"].strip()
    return body


@pytest.fixture
def officer(client, cast) -> Client:
    client.force_login(cast.alice)
    return client


@pytest.mark.parametrize("path", UPLOAD_OPERATIONS)
def test_multipart_without_a_boundary_is_a_400(officer, path):
    response = officer.generic("POST", path, b"--x\r\n\r\nabc", content_type="multipart/form-data")
    assert assert_api_error(response, 400)["code"] == "invalid_request"


@pytest.mark.parametrize("path", UPLOAD_OPERATIONS)
@pytest.mark.parametrize("name", ["a" * 1000 + ".png", "a." + "b" * 1000, "." * 1000, "/" * 300 + "x.png"])
def test_a_thousand_character_file_name_is_no_server_error(officer, cast, path, name):
    data = {"file": SimpleUploadedFile(name, PNG_1PX, content_type="image/png"), "unit_id": str(cast.dong_xuan.pk)}
    response = officer.post(path, data)
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert_api_error(response, response.status_code)


def test_a_large_upload_spooled_to_disk_with_a_long_name_is_no_server_error(officer, cast, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # the file goes to a temporary file, named after its extension
    upload = SimpleUploadedFile("a." + "b" * 1000, PNG_1PX, content_type="image/png")
    response = officer.post("/api/v1/attachments", {"file": upload, "unit_id": str(cast.dong_xuan.pk)})
    assert response.status_code < 500, response.content[:300]


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/organizations", "/api/v1/reception/visits"])
def test_a_json_body_over_five_megabytes_is_a_413(officer, path):
    body = b'{"title": "' + b"x" * (5 * 1024 * 1024 + 10) + b'"}'
    response = officer.generic("POST", path, body, content_type="application/json")
    assert assert_api_error(response, 413)["code"] == "request_too_large"


def _xlsx_with_sheet_xml(sheet_xml: bytes) -> bytes:
    """A valid import file whose first sheet is replaced by ``sheet_xml``."""
    source = zipfile.ZipFile(io.BytesIO(rows_to_xlsx([])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml
            target.writestr(item, content)
    return buffer.getvalue()


EXTERNAL_ENTITY = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.parametrize("sheet_xml", [EXTERNAL_ENTITY, BILLION_LAUGHS], ids=["external-entity", "billion-laughs"])
def test_an_xlsx_with_entities_is_refused_as_unreadable(officer, sheet_xml):
    upload = SimpleUploadedFile("danh-sach.xlsx", _xlsx_with_sheet_xml(sheet_xml))
    response = officer.post("/api/v1/initiatives/import", {"file": upload})
    body = assert_api_error(response, (400, 422))
    assert "root:" not in response.content.decode() and "lollol" not in response.content.decode()
    assert body["code"] == "import_invalid" and "không phải là bảng tính Excel" in body["message"]


def test_openpyxl_parses_with_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML, "defusedxml must be installed (requirements.in): openpyxl then refuses XML entities"


def test_broken_xml_met_while_reading_rows_refuses_the_import(cast):
    """A sheet whose markup breaks after the header is only parsed while its rows are read."""
    from danvan.initiatives.xlsx import InvalidImport, import_initiatives

    header = rows_to_xlsx([])
    source = zipfile.ZipFile(io.BytesIO(header)).read("xl/worksheets/sheet1.xml")
    broken = source.replace(
        b"</sheetData>", b'<row r="2"><c r="A2" t="inlineStr"><is><t>&undefined;</t></is></c></row></sheetData>'
    )
    with pytest.raises(InvalidImport):
        import_initiatives(actor=cast.alice, file=io.BytesIO(_xlsx_with_sheet_xml(broken)))


SUPERSCRIPT = "²"


@pytest.mark.parametrize(
    "path",
    [
        f"/mo-hinh/?province={SUPERSCRIPT}",
        f"/mo-hinh/?unit={SUPERSCRIPT}&field={SUPERSCRIPT}&year={SUPERSCRIPT}",
        f"/backoffice/reception/?unit={SUPERSCRIPT}",
        f"/backoffice/initiatives/?field={SUPERSCRIPT}&year={SUPERSCRIPT}",
        f"/backoffice/initiatives/export.xlsx?field={SUPERSCRIPT}",
        f"/backoffice/initiatives/new/?unit={SUPERSCRIPT}",
        f"/backoffice/cases/?unit={SUPERSCRIPT}&field={SUPERSCRIPT}",
    ],
)
def test_superscript_digits_in_a_page_address_are_no_server_error(officer, path):
    response = officer.get(path)
    assert response.status_code < 500


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/initiatives/export?field={SUPERSCRIPT}",
        f"/api/v1/initiatives?field={SUPERSCRIPT}",
        f"/api/v1/cases?field={SUPERSCRIPT}",
        f"/api/v1/units/{SUPERSCRIPT}",
    ],
)
def test_superscript_digits_in_an_api_address_are_a_4xx(officer, path):
    response = officer.get(path)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert_api_error(response, response.status_code)


def test_the_notifications_form_ignores_superscript_ids(officer):
    response = officer.post("/backoffice/notifications/read/", {"notification": [SUPERSCRIPT, "٣"]})
    assert response.status_code < 500


@pytest.mark.parametrize("value", ["²", "٣", "1_000", "+1", "-1", "1.0", " ", "", None, True, "12345678901234567890"])
def test_only_ascii_digits_are_numbers(value):
    assert digits_int(value) is None and positive_int(value) is None


def test_ascii_digits_parse():
    assert digits_int(" 0 ") == 0 and positive_int("0") is None and positive_int(" 42 ") == 42
    assert digits_int("12", most=9) is None and digits_int(7) == 7


def test_a_refused_field_is_named_as_the_client_named_it_whatever_the_body(officer, cast):
    """A JSON body, a form body: the field alone ("form", "citizen_phone"), never where ninja read it from — and
    a field that is itself called "form" keeps its name."""
    decision = officer.post(
        "/api/v1/democracy/decisions",
        {"unit_id": cast.dong_xuan.pk, "matter": "1", "scope": "commune", "village_ids": [1], "form": "x" * 11},
        content_type="application/json",
    )
    assert "form" in assert_api_error(decision, 422)["fields"]
    report = officer.post("/api/v1/feedback/public/reports", {"category": "flooding", "citizen_phone": "15.000.000"})
    assert "citizen_phone" in assert_api_error(report, 422)["fields"]

"""The recognition decision and the commendation list as DOCX; editable templates; who may download them."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from docx import Document
from jinja2.exceptions import SecurityError

from danvan.core.documents import pdf as core_pdf
from danvan.core.documents import templates as core_documents
from danvan.core.documents.formats import document_number
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, Organization
from danvan.initiatives import document_api
from danvan.initiatives.documents import RECOGNITION_DECISION, decision_docx
from danvan.initiatives.models import (
    CommendationKind,
    Field,
    HonoreeType,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
    RecognitionDecision,
)
from danvan.initiatives.services import commendation_add, initiative_register, recognition_decide
from danvan.initiatives.tests.conftest import YEAR

SIGNED_ON = dt.date(2026, 2, 5)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def media(settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


def docx_paragraphs(content: bytes) -> list[str]:
    """Every paragraph of the document, those inside tables included, in order."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(p.text for cell in row.cells for p in cell.paragraphs)
    return lines


def docx_rows(content: bytes, first_heading: str = "STT") -> list[list[str]]:
    """The data rows of the table whose first heading is ``first_heading``."""
    document = Document(io.BytesIO(content))
    for table in document.tables:
        if table.rows[0].cells[0].text == first_heading:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError("no list table")


def province_board(cast) -> Organization:
    return Organization.objects.get(unit=cast.dak_lak, kind__code="steering_committee")


def recognize(cast, *initiatives: Initiative, number: str = "12", signed_on: dt.date = SIGNED_ON):
    """Through the decision service; the earlier steps (scoring) are skipped with an update."""
    Initiative.objects.filter(pk__in=[i.pk for i in initiatives]).update(status=InitiativeStatus.EVALUATED)
    return recognition_decide(
        actor=cast.carol,
        organization=province_board(cast),
        number=number,
        symbol="QĐ-BCĐ",
        signed_on=signed_on,
        signer_name="Lê Thị Cúc",
        signer_title="Trưởng Ban",
        initiatives=[(i, None) for i in initiatives],
    )


@pytest.fixture
def exemplar(cast) -> Initiative:
    return initiative_register(
        actor=cast.bob,
        unit=cast.buon_ma_thuot,
        organization=Organization.objects.get(unit=cast.buon_ma_thuot, kind__code="peoples_committee"),
        kind=InitiativeKind.EXEMPLAR,
        honoree_type=HonoreeType.COLLECTIVE,
        honoree_name="Chi hội Phụ nữ tổ dân phố 3",
        name="“Nhà sạch & vườn đẹp” <khu dân cư>",
        field=Field.objects.get(code="economy"),
        level=InitiativeLevel.COMMUNE,
        year=YEAR,
    )


@pytest.fixture
def decision(cast, draft, exemplar) -> RecognitionDecision:
    return recognize(cast, draft, exemplar, number="5")


def test_decision_docx_has_number_date_signer_and_list(client, cast, decision):
    client.force_login(cast.carol)
    response = client.get(reverse("initiatives:decision_docx", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_MIME
    assert response["Content-Disposition"] == 'attachment; filename="quyet-dinh-05-qd-bcd-20260205.docx"'
    lines = docx_paragraphs(response.content)
    assert "Số: 05/QĐ-BCĐ" in lines
    # NĐ 30/2020: leading zeros for the day below 10 and for January and February.
    assert "Đắk Lắk, ngày 05 tháng 02 năm 2026" in lines
    assert (
        "(Kèm theo Quyết định số 05/QĐ-BCĐ ngày 05/02/2026 của Ban Chỉ đạo QCDC – Dân vận khéo Tỉnh Đắk Lắk)" in lines
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "Độc lập - Tự do - Hạnh phúc" in lines
    assert "Về việc công nhận mô hình, điển hình “Dân vận khéo” năm 2026" in lines
    assert "TRƯỞNG BAN" in lines and "Lê Thị Cúc" in lines
    assert any(line.startswith("Điều 1. Công nhận 02 mô hình, điển hình") for line in lines)
    rows = docx_rows(response.content)
    assert [row[0] for row in rows] == ["1", "2"]
    names = {row[1] for row in rows}
    # The ampersand and angle brackets are escaped, not lost or breaking the XML.
    assert names == {"Tuyến đường hoa kiểu mẫu", "“Nhà sạch & vườn đẹp” <khu dân cư> (Chi hội Phụ nữ tổ dân phố 3)"}
    assert {row[2] for row in rows} == {"Xã Đồng Xuân", "Phường Buôn Ma Thuột"}
    assert {row[3] for row in rows} == {"Văn hóa – xã hội", "Kinh tế"}
    assert {row[4] for row in rows} == {"Cấp xã"}
    assert "{{" not in " ".join(lines) and "{%" not in " ".join(lines)


def test_decision_signed_the_next_january_is_dated_by_its_signing_year(client, cast, draft, time_machine):
    """The registry year names the initiatives; the date line is the day the decision was signed."""
    time_machine.move_to(dt.datetime(YEAR + 1, 1, 10, 9, 0, tzinfo=dt.UTC), tick=False)
    decision = recognize(cast, draft, number="3", signed_on=dt.date(YEAR + 1, 1, 8))
    client.force_login(cast.carol)
    lines = docx_paragraphs(client.get(reverse("initiatives:decision_docx", args=[decision.pk])).content)
    assert f"Đắk Lắk, ngày 08 tháng 01 năm {YEAR + 1}" in lines
    assert f"Về việc công nhận mô hình, điển hình “Dân vận khéo” năm {YEAR}" in lines
    assert f"MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN NĂM {YEAR}" in lines


@pytest.mark.parametrize(
    ("who", "status"),
    [("carol", 200), ("henry", 200), ("alice", 404), ("bob", 404), ("erin", 404), ("frank", 404), ("root", 200)],
)
def test_decision_docx_only_in_the_issuing_unit_scope(client, cast, henry, decision, who, status):
    client.force_login(henry if who == "henry" else getattr(cast, who))
    response = client.get(reverse("initiatives:decision_docx", args=[decision.pk]))
    assert response.status_code == status


def test_decision_docx_needs_login_and_an_existing_decision(client, cast, decision):
    url = reverse("initiatives:decision_docx", args=[decision.pk])
    assert client.get(url).status_code == 302
    client.force_login(cast.carol)
    assert client.get(reverse("initiatives:decision_docx", args=[decision.pk + 1000])).status_code == 404


def test_commendation_list_docx(client, cast, draft, exemplar):
    recognize(cast, draft, exemplar)
    commune = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    commendation_add(
        actor=cast.alice,
        initiative=Initiative.objects.get(pk=draft.pk),
        kind=CommendationKind.CERTIFICATE,
        recipient_type=HonoreeType.COLLECTIVE,
        recipient_name="Chi hội Phụ nữ thôn 1",
        awarded_by=commune,
        awarded_on=dt.date(2026, 11, 20),
        decision_number="45/QĐ-UBND",
        amount=7_000_000,
    )
    commendation_add(
        actor=cast.carol,
        initiative=Initiative.objects.get(pk=exemplar.pk),
        kind=CommendationKind.MERIT,
        recipient_type=HonoreeType.INDIVIDUAL,
        recipient_name="Nguyễn Văn Hiếu",
        awarded_by=Organization.objects.get(unit=cast.dak_lak, kind__code="peoples_committee"),
        awarded_on=dt.date(2026, 3, 2),
    )
    client.force_login(cast.carol)
    url = reverse("initiatives:commendations_docx")
    response = client.get(url, {"unit": cast.dak_lak.pk, "year": 2026})
    assert response.status_code == 200 and response["Content-Type"] == DOCX_MIME
    lines = docx_paragraphs(response.content)
    assert "TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG TRONG PHONG TRÀO “DÂN VẬN KHÉO” NĂM 2026" in lines
    assert "Đắk Lắk, ngày 20 tháng 11 năm 2026" in lines
    assert "Tổng cộng: 01 tập thể, 01 cá nhân; tổng tiền thưởng 7.000.000 đồng." in lines
    rows = docx_rows(response.content)
    assert rows[0][1:] == [
        "Nguyễn Văn Hiếu (Cá nhân)",
        "“Nhà sạch & vườn đẹp” <khu dân cư>",
        "Bằng khen",
        "Ủy ban nhân dân Tỉnh Đắk Lắk",
        "02/03/2026",
        "",
    ]
    assert rows[1][1:] == [
        "Chi hội Phụ nữ thôn 1 (Tập thể)",
        "Tuyến đường hoa kiểu mẫu",
        "Giấy khen",
        "Ủy ban nhân dân Xã Đồng Xuân",
        "45/QĐ-UBND, 20/11/2026",
        "7.000.000 đồng",
    ]
    # Another year: nothing; the commune's officer sees only their commune's commendations.
    assert docx_rows(client.get(url, {"unit": cast.dak_lak.pk, "year": 2025}).content) == []
    client.force_login(cast.alice)
    assert client.get(url, {"unit": cast.dak_lak.pk}).status_code == 404
    rows = docx_rows(client.get(url, {"year": 2026}).content)
    assert [row[1] for row in rows] == ["Chi hội Phụ nữ thôn 1 (Tập thể)"]
    client.force_login(cast.frank)
    assert docx_rows(client.get(url).content) == []


def test_document_number_and_unknown_template():
    assert [document_number(n) for n in ("5", "09", "12", "105", "12a")] == ["05", "09", "12", "105", "12a"]
    with pytest.raises(DomainError):
        core_documents.render_docx("no_such_template", {})


# --- Editable templates --------------------------------------------------------


def template_docx(*texts: str) -> bytes:
    document = Document()
    for text in texts:
        document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def upload(content: bytes, name: str = "mau.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_templates_page_only_for_system_administrators(client, cast):
    url = reverse("initiatives:document_templates")
    for officer in (cast.carol, cast.dave):
        client.force_login(officer)
        assert client.get(url).status_code == 404
        assert client.post(url, {"template": "recognition_decision", "action": "reset"}).status_code == 404
    client.force_login(cast.root)
    page = client.get(url)
    assert page.status_code == 200
    assert "Quyết định công nhận mô hình, điển hình “Dân vận khéo”" in page.content.decode()
    download = client.get(url, {"download": "recognition_decision"})
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == RECOGNITION_DECISION.default_path.read_bytes()
    assert client.get(url, {"download": "../settings"}).status_code == 404


def test_uploaded_template_is_used_then_reset_returns_to_default(client, cast, decision):
    client.force_login(cast.root)
    url = reverse("initiatives:document_templates")
    replacement = template_docx("BAN DÂN VẬN ĐẢNG ỦY", "Số {{ number }}-QĐ/{{ symbol }}", "{{ signer_name }}")
    response = client.post(
        url, {"template": "recognition_decision", "action": "upload", "file": upload(replacement)}, follow=True
    )
    assert "Đã thay mẫu" in response.content.decode()
    assert RECOGNITION_DECISION.is_replaced
    lines = docx_paragraphs(decision_docx(decision))
    assert lines == ["BAN DÂN VẬN ĐẢNG ỦY", "Số 05-QĐ/QĐ-BCĐ", "Lê Thị Cúc"]
    assert AuditEntry.objects.filter(
        action="core.document_template.replaced", object_id="recognition_decision"
    ).exists()
    # The page offers the replacement for download.
    download = client.get(url, {"download": "recognition_decision"})
    assert b"".join(download.streaming_content) == replacement

    client.post(url, {"template": "recognition_decision", "action": "reset"})
    assert not RECOGNITION_DECISION.is_replaced
    assert "Số: 05/QĐ-BCĐ" in docx_paragraphs(decision_docx(decision))
    assert AuditEntry.objects.filter(action="core.document_template.reset").count() == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "mau.docx"),
        ("Số: {{ number }}".encode(), "mau.docx"),
        (b"%PDF-1.4\n%%EOF\n", "mau.pdf"),
    ],
)
def test_non_docx_upload_is_refused(client, cast, content, name):
    client.force_login(cast.root)
    response = client.post(
        reverse("initiatives:document_templates"),
        {"template": "recognition_decision", "action": "upload", "file": upload(content, name)},
        follow=True,
    )
    assert response.status_code == 200
    assert "Đã thay mẫu" not in response.content.decode()
    assert not RECOGNITION_DECISION.is_replaced


def test_template_with_broken_tags_is_refused(cast):
    with pytest.raises(DomainError) as error:
        core_documents.template_replace(
            actor=cast.root,
            template=RECOGNITION_DECISION,
            upload=upload(template_docx("{% for item in items %}{{ item.name }}")),
        )
    assert error.value.code == "invalid_template"
    assert not RECOGNITION_DECISION.is_replaced


def test_template_cannot_reach_python_internals(cast, decision):
    """Templates render in Jinja's sandbox: one reaching into Python is refused on upload, and fails to render."""
    with pytest.raises(DomainError, match="unsafe"):
        core_documents.template_replace(
            actor=cast.root,
            template=RECOGNITION_DECISION,
            upload=upload(template_docx("{{ signer_name.__class__.__mro__ }}")),
        )
    with pytest.raises(SecurityError):
        core_documents._jinja_env().from_string("{{ s.__class__.__mro__ }}").render(s="Lê Thị Cúc")


# --- API and PDF -----------------------------------------------------------------


def api_request(user):
    request = RequestFactory().get("/api/v1/")
    request.user = user
    return request


def test_api_docx_and_pdf_unavailable_without_libreoffice(cast, decision, monkeypatch):
    response = document_api.decision_docx(api_request(cast.carol), decision.pk)
    assert response.status_code == 200 and "Số: 05/QĐ-BCĐ" in docx_paragraphs(response.content)
    with pytest.raises(Exception) as error:
        document_api.decision_docx(api_request(cast.bob), decision.pk)
    assert error.typename == "Http404"
    monkeypatch.setattr(core_pdf.shutil, "which", lambda name: None)
    assert core_pdf.convert_to_pdf(b"anything") is None
    with pytest.raises(DomainError) as refused:
        document_api.decision_pdf(api_request(cast.carol), decision.pk)
    assert refused.value.status == 503 and refused.value.code == "pdf_unavailable"


def test_pdf_when_libreoffice_is_installed(cast, decision):
    # scripts/system-deps.sh installs LibreOffice for the tests; production may do without it (503 above).
    assert shutil.which("soffice"), "LibreOffice is missing: run scripts/system-deps.sh"
    response = document_api.decision_pdf(api_request(cast.carol), decision.pk)
    assert isinstance(response, HttpResponse)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="quyet-dinh-05-qd-bcd-20260205.pdf"'


def test_api_through_the_project_router(client, cast, decision, monkeypatch):
    client.force_login(cast.carol)
    base = f"/api/v1/initiatives/decisions/{decision.pk}"
    response = client.get(f"{base}/docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX_MIME
    monkeypatch.setattr(core_pdf.shutil, "which", lambda name: None)
    response = client.get(f"{base}/pdf")
    assert response.status_code == 503 and response.json()["code"] == "pdf_unavailable"
    client.force_login(cast.bob)
    response = client.get(f"{base}/docx")
    assert response.status_code == 404 and response.json()["code"] == "not_found"

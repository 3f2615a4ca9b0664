"""Notices of a case as DOCX: every kind with its key texts, the denouncer kept secret, states, access, PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from danvan.cases import notices
from danvan.cases.models import ComplexityCriterion, Outcome, RefusalGround
from danvan.cases.services import TransitionInput, case_assign, case_transition
from danvan.core.documents import pdf as core_pdf
from danvan.core.documents import templates as core_documents
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DENOUNCER = ("Lê Thị Mật", "Thôn 3, xã Đồng Xuân", "0905123456", "066190009999")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def text_of(content: bytes) -> str:
    """Every paragraph of the document, those inside tables included, one per line."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(p.text for cell in row.cells for p in cell.paragraphs)
    return "\n".join(lines)


def url(case, kind: str) -> str:
    return reverse("case_notices:download", kwargs={"pk": case.pk, "kind": kind})


def download(client, user, case, kind: str, **params) -> tuple[int, str]:
    client.force_login(user)
    response = client.get(url(case, kind), params)
    if response.status_code != 200:
        return response.status_code, response.content.decode()
    assert response["Content-Type"] == DOCX_MIME
    return 200, text_of(response.content)


def classify(case, actor, **kwargs):
    values = {"is_eligible": True, "in_jurisdiction": True, **kwargs}
    return case_transition(actor=actor, case=case, action="classify", data=TransitionInput(**values))


def accept(case, leader, document_no="12"):
    return case_transition(actor=leader, case=case, action="accept", data=TransitionInput(document_no=document_no))


def generated(case) -> list[dict]:
    return list(
        AuditEntry.objects.filter(action="cases.notice.generated", object_id=str(case.pk)).values_list(
            "changes", flat=True
        )
    )


# --- Each kind ------------------------------------------------------------------------------------------------------


def test_acceptance_of_a_complaint(client, cast, grace, complaint):
    case = accept(classify(complaint, cast.alice), grace)
    client.force_login(cast.alice)
    response = client.get(url(case, "acceptance"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_MIME
    assert response["Content-Disposition"] == 'attachment; filename="thong-bao-thu-ly-22081-2026-00001.docx"'
    text = text_of(response.content)
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "XÃ ĐỒNG XUÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 12/TB-UBND",
        "Đồng Xuân, ngày 20 tháng 11 năm 2026",
        "THÔNG BÁO",
        "Về việc thụ lý giải quyết khiếu nại lần đầu",
        "Kính gửi: Ông/Bà Nguyễn Văn Hùng",
        "Ngày 02/11/2026, Ủy ban nhân dân xã Đồng Xuân nhận được đơn khiếu nại của Ông/Bà Nguyễn Văn Hùng, "
        "địa chỉ: Thôn 1, xã Đồng Xuân (mã hồ sơ 22081-2026-00001).",
        "Khiếu nại quyết định thu hồi đất thửa 125",
        "Căn cứ Nghị định 155/2026/NĐ-CP",  # the acceptance rule in force on the receipt date
        "kể từ ngày 20/11/2026",
        "Thời hạn giải quyết: đến hết ngày 21/12/2026 (Luật Khiếu nại 02/2011/QH13, Điều 28).",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Võ Thị Giang",  # the leader who accepted signs
        "- Lưu: VT, hồ sơ 22081-2026-00001.",
    ]:
        assert expected in text, expected
    assert generated(case) == [{"kind": "acceptance"}]


def test_refusal_cites_the_legal_ground(cast, client, complaint):
    ground = RefusalGround.objects.get(code="kn-het-thoi-hieu")
    case = classify(complaint, cast.alice, is_eligible=False, refusal_ground=ground)
    case_transition(actor=cast.alice, case=case, action="file", data=TransitionInput(note="Quá thời hiệu"))
    status, text = download(client, cast.alice, case, "refusal")
    assert status == 200
    assert "Về việc không thụ lý giải quyết khiếu nại lần đầu" in text
    assert f"vì lý do: {ground.text}." in text
    assert "Căn cứ pháp lý: Luật Khiếu nại 02/2011/QH13, Điều 11, khoản 6." in text
    assert "02/11/2026" in text and "22081-2026-00001" in text


def test_transfer_slip_of_a_complaint_names_the_petitioner_and_the_body(cast, client, complaint):
    case = classify(complaint, cast.alice, in_jurisdiction=False)
    case = case_transition(
        actor=cast.alice,
        case=case,
        action="transfer",
        data=TransitionInput(document_no="7", target_body="Ủy ban nhân dân tỉnh Đắk Lắk"),
    )
    status, text = download(client, cast.alice, case, "transfer")
    assert status == 200
    assert "PHIẾU CHUYỂN ĐƠN" in text and "Số: 07/PC-UBND" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Đắk Lắk" in text
    assert "Người gửi đơn: Ông/Bà Nguyễn Văn Hùng, địa chỉ: Thôn 1, xã Đồng Xuân." in text
    assert "Căn cứ Luật Tiếp công dân" in text
    assert "Ngày 02/11/2026" in text


def test_transfer_slip_of_a_denunciation_never_names_the_denouncer(cast, client, grace, denunciation):
    case = classify(denunciation, cast.alice, in_jurisdiction=False)
    case = case_transition(
        actor=cast.alice,
        case=case,
        action="transfer",
        data=TransitionInput(document_no="8/PC-UBND", target_unit=cast.buon_ma_thuot),
    )
    # The handler, who may open the vault, makes the slip: the identity stays out of it all the same.
    status, text = download(client, cast.alice, case, "transfer")
    assert status == 200
    assert "Người tố cáo: (được giữ bí mật theo Điều 8 Luật Tố cáo)." in text
    assert "Kính gửi: Phường Buôn Ma Thuột" in text and "Số: 8/PC-UBND" in text
    assert "Luật Tố cáo 25/2018/QH14, Điều 24" in text
    for secret in DENOUNCER:
        assert secret not in text
    assert not AuditEntry.objects.filter(action="cases.denouncer.read").exists()
    # An officer without vault rights may make it too: nothing in it is secret.
    status, text = download(client, cast.dave, case, "transfer")
    assert status == 200 and "Lê Thị Mật" not in text


def test_guidance_slip_carries_the_guidance(cast, client, complaint):
    case = classify(complaint, cast.alice, in_jurisdiction=False)
    case = case_transition(
        actor=cast.alice,
        case=case,
        action="guide",
        data=TransitionInput(note="Đề nghị ông gửi đơn đến Tòa án nhân dân khu vực 5 - Đắk Lắk."),
    )
    status, text = download(client, cast.alice, case, "guidance")
    assert status == 200
    assert "PHIẾU HƯỚNG DẪN" in text
    assert "Đề nghị ông gửi đơn đến Tòa án nhân dân khu vực 5 - Đắk Lắk." in text
    assert "Luật Tiếp công dân 42/2013/QH13, Điều 28" in text
    assert "Kính gửi: Ông/Bà Nguyễn Văn Hùng" in text


def test_extension_of_a_complaint_is_a_notice_with_the_new_deadline(cast, client, grace, complaint):
    case = accept(classify(complaint, cast.alice), grace)
    criterion = ComplexityCriterion.objects.filter(kind="complaint").earliest("sort_order")
    case_transition(
        actor=grace,
        case=case,
        action="extend",
        data=TransitionInput(note="Nhiều người, nhiều thời kỳ", document_no="15/TB-UBND", criteria=[criterion]),
    )
    status, text = download(client, cast.alice, case, "extension")
    assert status == 200
    assert "THÔNG BÁO" in text and "Về việc gia hạn thời hạn giải quyết khiếu nại" in text
    assert "Số: 15/TB-UBND" in text
    assert "lần thứ 01; thời hạn giải quyết mới: đến hết ngày 04/01/2027." in text
    assert "(Nhiều người, nhiều thời kỳ)" in text
    assert "Kính gửi: Ông/Bà Nguyễn Văn Hùng" in text


def test_extension_notice_keeps_its_new_deadline_after_the_case_moves_on(cast, client, grace, complaint):
    """Printed after the case was suspended or resolved, the notice still names the deadline the extension set."""
    case = accept(classify(complaint, cast.alice), grace)
    criterion = ComplexityCriterion.objects.filter(kind="complaint").earliest("sort_order")
    data = TransitionInput(note="Nhiều người", document_no="15/TB-UBND", criteria=[criterion])
    case = case_transition(actor=grace, case=case, action="extend", data=data)
    case = case_transition(
        actor=grace, case=case, action="suspend", data=TransitionInput(note="Chờ giám định", document_no="16")
    )
    status, text = download(client, cast.alice, case, "extension")
    assert status == 200
    assert "đến hết ngày ." not in text
    assert "thời hạn giải quyết mới: đến hết ngày 04/01/2027." in text


def test_extension_of_a_denunciation_is_a_decision_to_both_parties_without_the_denouncer(
    cast, client, grace, denunciation
):
    case = accept(classify(denunciation, cast.alice), grace)
    criteria = list(ComplexityCriterion.objects.filter(kind="denunciation")[:2])
    case_transition(
        actor=grace,
        case=case,
        action="extend",
        data=TransitionInput(note="Phức tạp", document_no="4", criteria=criteria),
    )
    status, text = download(client, cast.dave, case, "extension")  # dave may not open the vault
    assert status == 200
    assert "QUYẾT ĐỊNH" in text and "Số: 04/QĐ-UBND" in text
    assert "tố cáo đối với Trần Văn Cường" in text
    assert "- Người tố cáo;" in text and "- Người bị tố cáo;" in text
    assert "đến hết ngày 20/01/2027" in text
    assert "Kính gửi" not in text
    for secret in DENOUNCER:
        assert secret not in text


def test_result_of_a_complaint(cast, client, grace, complaint):
    case = accept(classify(complaint, cast.alice), grace)
    case_transition(
        actor=grace,
        case=case,
        action="resolve",
        data=TransitionInput(
            document_no="20/QĐ-UBND",
            document_date=dt.date(2026, 11, 20),
            outcome=Outcome.PARTLY_RIGHT,
            resolution_summary="Điều chỉnh diện tích thu hồi.",
        ),
    )
    status, text = download(client, cast.alice, case, "result")
    assert status == 200
    assert "Về kết quả giải quyết khiếu nại lần đầu" in text
    assert "Ngày 20/11/2026, Ủy ban nhân dân xã Đồng Xuân đã ban hành văn bản số 20/QĐ-UBND" in text
    assert "Kết quả: Khiếu nại đúng một phần." in text
    assert "Nội dung giải quyết: Điều chỉnh diện tích thu hồi." in text
    assert "khiếu nại lần hai hoặc khởi kiện vụ án hành chính" in text
    assert "Số:       /TB-UBND" in text  # no number yet: the clerk fills it in


# --- The denouncer --------------------------------------------------------------------------------------------------


def test_acceptance_of_a_denunciation_names_the_denouncer_only_for_vault_readers(
    cast, client, grace, ivan, denunciation
):
    case = accept(classify(denunciation, cast.alice), grace)
    # ivan and dave are officers of the commune but neither the handler nor the accepting leader.
    for outsider in (ivan, cast.dave):
        status, body = download(client, outsider, case, "acceptance")
        assert status == 404 and "Lê Thị Mật" not in body
    assert not AuditEntry.objects.filter(action="cases.denouncer.read").exists()
    assert generated(case) == []
    client.force_login(ivan)
    assert client.get(f"/api/v1/cases/{case.pk}/notices/acceptance").status_code == 404

    status, text = download(client, cast.alice, case, "acceptance")  # the handler
    assert status == 200
    assert "Kính gửi: Ông/Bà Lê Thị Mật" in text
    assert "Về việc thụ lý giải quyết tố cáo" in text
    assert "Luật Tố cáo 25/2018/QH14, Điều 29" in text
    reads = AuditEntry.objects.filter(action="cases.denouncer.read", object_id=str(case.pk))
    assert list(reads.values_list("actor_id", flat=True)) == [cast.alice.pk]
    assert generated(case) == [{"kind": "acceptance"}]
    for entry in AuditEntry.objects.filter(object_id=str(case.pk)):
        assert "Lê Thị Mật" not in str(entry.changes)

    # A new handler gains the right; the accepting leader keeps it.
    case_assign(actor=grace, case=case, assignee=ivan)
    assert download(client, ivan, case, "acceptance")[0] == 200
    assert download(client, grace, case, "acceptance")[0] == 200


def test_notices_of_an_anonymous_denunciation_have_no_addressee(cast, client, grace, land):
    from danvan.cases.services import case_receive

    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="denunciation",
        channel="post",
        field=land,
        title="Tố cáo nặc danh",
        summary="Thư không ký tên",
        received_on=dt.date(2026, 11, 18),
        is_anonymous=True,
    )
    ground = RefusalGround.objects.get(code="tc-nac-danh")
    case = classify(case, cast.alice, is_eligible=False, refusal_ground=ground)
    assert download(client, cast.alice, case, "refusal")[0] == 404


# --- States, access, formats ----------------------------------------------------------------------------------------


def test_a_notice_the_state_does_not_allow_is_refused_with_409(cast, client, complaint):
    status, body = download(client, cast.alice, complaint, "acceptance")
    assert status == 409 and "Hồ sơ chưa được thụ lý" in body
    for kind in ("refusal", "transfer", "guidance", "extension", "result"):
        assert download(client, cast.alice, complaint, kind)[0] == 409
    response = client.get(f"/api/v1/cases/{complaint.pk}/notices/result")
    assert response.status_code == 409
    assert response.json()["code"] == "notice_unavailable"
    assert "chưa có kết quả giải quyết" in response.json()["message"]
    assert download(client, cast.alice, complaint, "quyet-dinh-khac")[0] == 404
    assert generated(complaint) == []


@pytest.mark.parametrize("who", ["bob", "frank", "erin"])
def test_other_units_and_viewers_get_404(cast, client, grace, complaint, who):
    case = accept(classify(complaint, cast.alice), grace)
    user = getattr(cast, who)
    assert download(client, user, case, "acceptance")[0] == 404
    assert client.get(f"/api/v1/cases/{case.pk}/notices/acceptance").status_code == 404
    assert download(client, user, case, "acceptance")[0] == 404
    client.logout()
    assert client.get(url(case, "acceptance")).status_code == 302


def test_api_returns_the_docx_and_audits(cast, client, grace, complaint):
    case = accept(classify(complaint, cast.alice), grace)
    client.force_login(cast.carol)  # the province's leader
    response = client.get(f"/api/v1/cases/{case.pk}/notices/acceptance")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_MIME
    assert response["Content-Disposition"] == 'attachment; filename="thong-bao-thu-ly-22081-2026-00001.docx"'
    assert "Số: 12/TB-UBND" in text_of(response.content)
    assert generated(case) == [{"kind": "acceptance"}]
    client.logout()
    assert client.get(f"/api/v1/cases/{case.pk}/notices/acceptance").status_code == 401


def test_pdf_or_a_clear_503(cast, client, grace, complaint, monkeypatch):
    case = accept(classify(complaint, cast.alice), grace)
    client.force_login(cast.alice)
    if shutil.which("soffice"):
        response = client.get(url(case, "acceptance"), {"format": "pdf"})
        assert response.status_code == 200 and response.content.startswith(b"%PDF-")
        assert response["Content-Disposition"] == 'attachment; filename="thong-bao-thu-ly-22081-2026-00001.pdf"'
    monkeypatch.setattr(core_pdf.shutil, "which", lambda name: None)
    response = client.get(url(case, "acceptance"), {"format": "pdf"})
    assert response.status_code == 503 and "LibreOffice" in response.content.decode()
    response = client.get(f"/api/v1/cases/{case.pk}/notices/acceptance", {"format": "pdf"})
    assert response.status_code == 503 and response.json()["code"] == "pdf_unavailable"


def test_templates_are_registered_and_an_administrators_replacement_is_used(cast, client, grace, complaint):
    names = {kind.template.name for kind in notices.NOTICE_KINDS.values()}
    assert names <= set(core_documents.TEMPLATES)
    client.force_login(cast.root)
    page = client.get(reverse("initiatives:document_templates")).content.decode()
    assert "Đơn thư: thông báo thụ lý" in page and "Đơn thư: phiếu chuyển đơn" in page

    replacement = Document()
    replacement.add_paragraph("MẪU RIÊNG {{ code }} – {{ received_on }}")
    buffer = io.BytesIO()
    replacement.save(buffer)
    template = notices.NOTICE_KINDS["acceptance"].template
    core_documents.template_replace(
        actor=cast.root, template=template, upload=SimpleUploadedFile("mau.docx", buffer.getvalue(), DOCX_MIME)
    )
    case = accept(classify(complaint, cast.alice), grace)
    status, text = download(client, cast.alice, case, "acceptance")
    assert status == 200 and text.strip() == "MẪU RIÊNG 22081-2026-00001 – 02/11/2026"
    core_documents.template_reset(actor=cast.root, template=template)


def test_available_notices_follow_the_history_and_the_vault(cast, grace, ivan, complaint, denunciation):
    assert notices.available_notices(cast.alice, complaint) == []
    case = accept(classify(complaint, cast.alice), grace)
    assert [slug for slug, _title in notices.available_notices(cast.alice, case)] == ["acceptance"]
    case = accept(classify(denunciation, cast.alice), grace)
    assert [slug for slug, _title in notices.available_notices(cast.alice, case)] == ["acceptance"]
    assert notices.available_notices(ivan, case) == []

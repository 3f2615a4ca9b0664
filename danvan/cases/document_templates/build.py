"""Build the shipped default DOCX notices of the case engine (run after editing this file, commit the .docx).

    .venv/bin/python danvan/cases/document_templates/build.py

Six notices to citizens and bodies: acceptance (thông báo thụ lý), refusal (thông báo không thụ lý), transfer slip
(phiếu chuyển đơn), guidance slip (phiếu hướng dẫn), extension (quyết định / thông báo gia hạn) and result
(thông báo kết quả giải quyết). The layout follows NĐ 30/2020/NĐ-CP, Phụ lục I, with the page set-up and helpers
of ``danvan/core/documents/layout.py``: the issuing People's Committee
and the national motto side by side, "Số: …", the italic place-date line, the bold type name and subject, "Kính
gửi", the body, "Nơi nhận" bottom left and the signer's title bottom right. The wording lives here, not in code:
an administrator adapts it by uploading a replacement on the "Mẫu văn bản" page. Placeholders are docxtpl (Jinja)
tags, each in a single run; the context is built by ``danvan/cases/notices.py``.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from danvan.core.documents.layout import (
    BODY_PT,
    HEADER_PT,
    LEFT,
    TEXT_WIDTH,
    body,
    cell_text,
    new_document,
    no_borders,
    paragraph,
    rule,
    set_widths,
)

FOLDER = Path(__file__).resolve().parent
LEFT_WIDTH, RIGHT_WIDTH = 70.0, 95.0

RECEIVED = (
    "Ngày {{ received_on }}, {{ issuer_text }} nhận được đơn {{ kind_noun }} của {{ petitioner }} "
    "(mã hồ sơ {{ code }})."
)
CONTENT = "Nội dung đơn: {{ content }}."
CLOSING = "{{ issuer_text }} thông báo để {{ addressee_short }} được biết./."


def header(document: DocxDocument) -> None:
    """The issuing body (two lines: "ỦY BAN NHÂN DÂN" / "XÃ ĐỒNG XUÂN") and the motto; number and place-date."""
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    set_widths(table, [LEFT_WIDTH, RIGHT_WIDTH])
    left, right = table.rows[0].cells
    cell_text(left, "{{ issuer_line1 }}", bold=True, size=HEADER_PT)
    cell_text(left, "{{ issuer_line2 }}", bold=True, size=HEADER_PT)
    rule(left, width_mm=22, column_mm=LEFT_WIDTH)
    cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    cell_text(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=HEADER_PT)
    rule(right, width_mm=60, column_mm=RIGHT_WIDTH)
    number, place = table.rows[1].cells
    cell_text(number, "Số: {{ number }}", size=HEADER_PT).paragraph_format.space_before = Pt(6)
    dated = cell_text(place, "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True, size=BODY_PT)
    dated.paragraph_format.space_before = Pt(6)


def heading(document: DocxDocument, type_name: str, subject: str) -> None:
    paragraph(document, type_name, bold=True, space_before=18)
    paragraph(document, subject, bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)


def addressed(document: DocxDocument, addressee: str = "{{ addressee }}") -> None:
    paragraph(document, f"Kính gửi: {addressee}", space_after=12)


def signature(document: DocxDocument) -> None:
    """ "Nơi nhận" (lines from the context) and the signer: on behalf of the body, title, space to sign, name."""
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [80, 85])
    recipients, signer = table.rows[0].cells
    cell_text(recipients, "Nơi nhận:", align=LEFT, bold=True, italic=True, size=12)
    cell_text(recipients, "{%p for line in recipients %}", align=LEFT, size=11)
    cell_text(recipients, "{{ line }}", align=LEFT, size=11)
    cell_text(recipients, "{%p endfor %}", align=LEFT, size=11)
    cell_text(signer, "{{ signer_on_behalf }}", bold=True, size=BODY_PT)
    cell_text(signer, "{{ signer_title }}", bold=True, size=BODY_PT)
    for _blank in range(4):
        cell_text(signer, "", size=BODY_PT)
    cell_text(signer, "{{ signer_name }}", bold=True, size=BODY_PT)


def build_acceptance() -> DocxDocument:
    document = new_document()
    header(document)
    heading(document, "THÔNG BÁO", "Về việc thụ lý giải quyết {{ kind_object }}")
    addressed(document)
    body(document, RECEIVED)
    body(document, CONTENT)
    body(
        document,
        "Căn cứ {{ legal_basis }}; xét thấy đơn đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết, "
        "{{ issuer_text }} thụ lý giải quyết {{ kind_object }} nêu trên kể từ ngày {{ accepted_on }}.",
    )
    body(document, "{%p if due_on %}")
    body(document, "Thời hạn giải quyết: đến hết ngày {{ due_on }} ({{ due_basis }}).")
    body(document, "{%p endif %}")
    body(document, CLOSING, space_after=12)
    signature(document)
    return document


def build_refusal() -> DocxDocument:
    document = new_document()
    header(document)
    heading(document, "THÔNG BÁO", "Về việc không thụ lý giải quyết {{ kind_object }}")
    addressed(document)
    body(document, RECEIVED)
    body(document, CONTENT)
    body(
        document,
        "Sau khi xem xét, {{ issuer_text }} không thụ lý giải quyết đơn nêu trên vì lý do: {{ refusal_reason }}.",
    )
    body(document, "Căn cứ pháp lý: {{ refusal_basis }}.")
    body(document, CLOSING, space_after=12)
    signature(document)
    return document


def build_transfer() -> DocxDocument:
    document = new_document()
    header(document)
    heading(document, "PHIẾU CHUYỂN ĐƠN", "Về việc chuyển đơn {{ kind_noun }} (mã hồ sơ {{ code }})")
    addressed(document, "{{ transferred_to }}")
    body(document, "Ngày {{ received_on }}, {{ issuer_text }} nhận được đơn {{ kind_noun }} (mã hồ sơ {{ code }}).")
    body(document, "{{ petitioner_label }}: {{ petitioner }}.")
    body(document, CONTENT)
    body(
        document,
        "Căn cứ {{ legal_basis }}; xét thấy nội dung đơn không thuộc thẩm quyền giải quyết của {{ issuer_text }}, "
        "{{ issuer_text }} chuyển đơn đến {{ transferred_to }} để xem xét, giải quyết theo thẩm quyền.",
    )
    body(
        document,
        "Đề nghị {{ transferred_to }} xem xét, giải quyết và thông báo kết quả theo quy định của pháp luật./.",
        space_after=12,
    )
    signature(document)
    return document


def build_guidance() -> DocxDocument:
    document = new_document()
    header(document)
    heading(document, "PHIẾU HƯỚNG DẪN", "Về việc gửi đơn {{ kind_noun }} đến cơ quan có thẩm quyền")
    addressed(document)
    body(document, RECEIVED)
    body(document, CONTENT)
    body(
        document,
        "Sau khi xem xét, nội dung đơn không thuộc thẩm quyền giải quyết của {{ issuer_text }}. Căn cứ "
        "{{ legal_basis }}, {{ issuer_text }} hướng dẫn {{ addressee_short }} như sau:",
    )
    body(document, "{{ guidance }}")
    body(document, "{{ issuer_text }} hướng dẫn để {{ addressee_short }} biết và thực hiện./.", space_after=12)
    signature(document)
    return document


def build_extension() -> DocxDocument:
    """A decision for a denunciation (Luật Tố cáo Art. 30: each extension is a written decision sent to both
    parties, so it names no denouncer); a notice to the petitioner otherwise."""
    document = new_document()
    header(document)
    heading(document, "{{ type_name }}", "Về việc gia hạn {{ extension_object }}")
    paragraph(document, "{%p if addressee %}")
    addressed(document)
    paragraph(document, "{%p endif %}")
    body(document, "Căn cứ {{ legal_basis }};", italic=True)
    body(
        document,
        "Ngày {{ accepted_on }}, {{ issuer_text }} thụ lý giải quyết {{ kind_object }} (mã hồ sơ {{ code }}, "
        "nhận đơn ngày {{ received_on }}) về việc: {{ title }}{{ subject_text }}.",
    )
    body(
        document,
        "Xét tính chất phức tạp của vụ việc ({{ reason }}), {{ issuer_text }} gia hạn thời hạn giải quyết lần thứ "
        "{{ extension_number }}; thời hạn giải quyết mới: đến hết ngày {{ due_on }}.",
    )
    body(document, "{{ closing }}", space_after=12)
    signature(document)
    return document


def build_result() -> DocxDocument:
    document = new_document()
    header(document)
    heading(document, "THÔNG BÁO", "Về kết quả giải quyết {{ kind_object }}")
    addressed(document)
    body(
        document,
        "Ngày {{ received_on }}, {{ issuer_text }} nhận được đơn {{ kind_noun }} của {{ petitioner }} "
        "(mã hồ sơ {{ code }}) về việc: {{ title }}.",
    )
    body(
        document,
        "Ngày {{ decision_date }}, {{ issuer_text }} đã ban hành văn bản số {{ decision_number }} giải quyết "
        "{{ kind_object }} nêu trên. Kết quả: {{ outcome }}.",
    )
    body(document, "{%p if resolution_summary %}")
    body(document, "Nội dung giải quyết: {{ resolution_summary }}")
    body(document, "{%p endif %}")
    body(document, "{%p if rights %}")
    body(document, "{{ rights }}")
    body(document, "{%p endif %}")
    body(document, CLOSING, space_after=12)
    signature(document)
    return document


BUILDERS = {
    "case_notice_acceptance": build_acceptance,
    "case_notice_refusal": build_refusal,
    "case_notice_transfer": build_transfer,
    "case_notice_guidance": build_guidance,
    "case_notice_extension": build_extension,
    "case_notice_result": build_result,
}


def main() -> None:
    for name, build in BUILDERS.items():
        build().save(str(FOLDER / f"{name}.docx"))


if __name__ == "__main__":
    main()

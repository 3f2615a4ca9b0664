"""Issue 4's journey: a group of 6 citizens at the commune desk → the officer records the visit, a complaint with two
representatives and a denunciation whose denouncer stays hidden from a second officer → the chairman accepts the
complaint, extends it as complex and resolves it, the result notice is downloaded as DOCX → the statistics page and
the logbook export (Form 03/TCD) show it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser

CITIZENS = [
    ("Trần Văn Bình", "Thôn Phú Xuân, xã Đồng Xuân", "054080001111", True),
    ("Võ Thị Cúc", "Thôn Phú Xuân, xã Đồng Xuân", "054180002222", True),
    ("Nguyễn Văn Dũng", "Thôn Phú Xuân, xã Đồng Xuân", "", False),
    ("Phạm Thị Em", "Thôn Phú Xuân, xã Đồng Xuân", "", False),
    ("Huỳnh Văn Giang", "Thôn Phú Xuân, xã Đồng Xuân", "", False),
    ("Lê Thị Bí Mật", "Thôn Long Hà, xã Đồng Xuân", "054190009999", False),
]
DENOUNCER = "Lê Thị Bí Mật"
COMPLAINT_TITLE = "Khiếu nại quyết định thu hồi đất làm đường liên thôn Phú Xuân"
DENUNCIATION_TITLE = "Tố cáo cán bộ địa chính nhận tiền khi đo đạc"
CONFIDENTIAL = "Giữ bí mật (Điều 8 Luật Tố cáo)"
LOGBOOK_HEADER_ROW = 6  # danvan.reception.logbook.HEADER_ROW


def sign_in(page: Page, server_url: str, username: str) -> None:
    login(page, server_url, username)
    expect(page).to_have_url(re.compile(r"/backoffice/"))


def logout(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("link", name="Cán bộ đăng nhập")).to_be_visible()


def figure(page: Page, name: str) -> int:
    """A figure of the statistics table as an integer (vn_number writes 1.234)."""
    text = page.locator(f"td[data-figure={name}]").inner_text()
    return int(re.sub(r"\D", "", text) or "0")


def statistics(page: Page, server_url: str) -> dict[str, int]:
    page.goto(f"{server_url}/backoffice/cases/statistics/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thống kê tiếp công dân, giải quyết đơn thư")
    expect(page.locator("td[data-figure=received]")).to_be_visible()
    names = ("visits", "visit_persons", "visit_groups", "received", "received_complaint", "resolved")
    return {name: figure(page, name) for name in names}


def case_row(page: Page, kind: str) -> Locator:
    return page.locator("section[aria-labelledby=cases-title] tbody tr").filter(
        has=page.get_by_role("cell", name=kind, exact=True)
    )


def step(page: Page, label: str) -> Locator:
    """A workflow step's form on the case page, opened."""
    details = page.locator("details.step").filter(
        has=page.locator("summary", has_text=re.compile(f"^{re.escape(label)}$"))
    )
    expect(details).to_have_count(1)
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def submit_step(page: Page, details: Locator, label: str, status: str) -> None:
    details.get_by_role("button", name=label, exact=True).click()
    expect(page.locator(".message-success")).to_have_text(f"Đã thực hiện: {label}.")
    expect(page.locator(".message-error")).to_have_count(0)
    expect(page.locator("hgroup [data-status]")).to_have_attribute("data-status", status)


def record_visit(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/backoffice/reception/")
    page.get_by_role("button", name="Ghi lượt tiếp công dân").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghi lượt tiếp công dân")
    page.get_by_label("Số người đến").fill("6")
    page.get_by_label("Nội dung thuộc loại").select_option(label="Khiếu nại")
    page.get_by_label("Tóm tắt nội dung công dân trình bày").fill(
        "Đoàn 6 hộ dân thôn Phú Xuân khiếu nại quyết định thu hồi đất làm đường liên thôn, "
        "cho rằng mức bồi thường thấp hơn giá thị trường."
    )
    for number, (name, address, id_number, representative) in enumerate(CITIZENS, start=1):
        page.get_by_label(f"Họ tên {number}", exact=True).fill(name)
        page.get_by_label(f"Địa chỉ {number}", exact=True).fill(address)
        page.get_by_label(f"Số CCCD, giấy tờ {number}", exact=True).fill(id_number)
        if representative:
            page.get_by_label(f"Đại diện {number}", exact=True).check()
    expect(page.get_by_label("Tiếp nhận đơn", exact=False).first).to_be_checked()

    complaint = page.locator("details").filter(has=page.locator("summary", has_text="Đơn thứ 1"))
    complaint.locator("summary").click()
    complaint.get_by_label("Tạo đơn khiếu nại/tố cáo/kiến nghị/phản ánh").check()
    complaint.get_by_label("Loại đơn").select_option(label="Khiếu nại")
    complaint.get_by_label("Lĩnh vực").select_option(label="Bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng")
    complaint.get_by_label("Trích yếu", exact=False).fill(COMPLAINT_TITLE)
    complaint.get_by_label("Quyết định, hành vi, người bị khiếu nại, tố cáo").fill(
        "Quyết định thu hồi đất số 112/QĐ-UBND của UBND xã Đồng Xuân"
    )
    complaint.get_by_label("Người đứng tên", exact=False).fill("1-5")  # 6, the denouncer, stays off it
    complaint.get_by_label("Người đại diện", exact=False).fill("1, 2")

    denunciation = page.locator("details").filter(has=page.locator("summary", has_text="Đơn thứ 2"))
    denunciation.locator("summary").click()
    denunciation.get_by_label("Tạo đơn khiếu nại/tố cáo/kiến nghị/phản ánh").check()
    denunciation.get_by_label("Loại đơn").select_option(label="Tố cáo")
    denunciation.get_by_label("Lĩnh vực").select_option(label="Tham nhũng, tiêu cực")
    denunciation.get_by_label("Trích yếu", exact=False).fill(DENUNCIATION_TITLE)
    denunciation.get_by_label("Nội dung đơn này", exact=False).fill(
        "Tố cáo công chức địa chính nhận tiền của hộ dân để điều chỉnh diện tích bồi thường."
    )
    denunciation.get_by_label("Quyết định, hành vi, người bị khiếu nại, tố cáo").fill(
        "Ông Đinh Văn Khoa, công chức địa chính xã"
    )
    denunciation.get_by_label("Người đứng tên", exact=False).fill("6")

    page.get_by_role("button", name="Lưu lượt tiếp").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lượt tiếp công dân ngày")
    expect(page.locator(".message-success")).to_contain_text("tiếp nhận 2 đơn")


def test_group_visit_complaint_and_secret_denunciation(page: Page, server_url: str, artifacts: Path):
    sign_in(page, server_url, "dongxuan.canbo")
    before = statistics(page, server_url)

    # The desk: a group of 6 (2 representatives) raises a complaint and, one of them, a denunciation.
    record_visit(page, server_url)
    visit_url = page.url
    expect(page.get_by_text("Đoàn đông người").first).to_be_visible()
    expect(page.get_by_text(CONFIDENTIAL).first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(DENOUNCER)
    complaint_link = case_row(page, "Khiếu nại").get_by_role("link")
    denunciation_link = case_row(page, "Tố cáo").get_by_role("link")
    complaint_code = complaint_link.inner_text().strip()
    denunciation_code = denunciation_link.inner_text().strip()
    complaint_url = server_url + (complaint_link.get_attribute("href") or "")
    denunciation_url = server_url + (denunciation_link.get_attribute("href") or "")
    assert complaint_code and denunciation_code and complaint_code != denunciation_code
    page.screenshot(path=str(artifacts / "case-visit-recorded.png"), full_page=True)

    # The handler (the officer who received it) sees the vault button, and the vault shows the denouncer.
    page.goto(denunciation_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(DENUNCIATION_TITLE)
    expect(page.locator("main")).not_to_contain_text(DENOUNCER)
    page.get_by_role("button", name="Xem thông tin người tố cáo").click()
    expect(page.get_by_text(DENOUNCER).first).to_be_visible()

    # The complaint: two representatives among six petitioners; the officer classifies it.
    page.goto(complaint_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(COMPLAINT_TITLE)
    expect(page.locator(".representative")).to_have_count(2)
    classify = step(page, "Phân loại, xử lý đơn")
    classify.get_by_role("group", name="Đủ điều kiện xử lý").get_by_label("Có", exact=True).check()
    classify.get_by_role("group", name="Thuộc thẩm quyền").get_by_label("Có", exact=True).check()
    classify.get_by_label("Đông người", exact=True).check()
    submit_step(page, classify, "Phân loại, xử lý đơn", "classified")
    logout(page)

    # The chairman accepts, extends it as a complex case, resolves it and downloads the result notice.
    sign_in(page, server_url, "dongxuan.chutich")
    page.goto(complaint_url)
    accept = step(page, "Thụ lý")
    accept.get_by_label("Số thông báo, quyết định thụ lý").fill("15/TB-UBND")
    submit_step(page, accept, "Thụ lý", "accepted")
    extend = step(page, "Gia hạn giải quyết")
    extend.get_by_role("group", name="Tiêu chí vụ việc phức tạp").get_by_label(
        "Có nhiều người cùng khiếu nại về một nội dung"
    ).check()
    extend.get_by_label("Lý do gia hạn").fill("Vụ việc đông người, phải xác minh hồ sơ bồi thường của 6 hộ.")
    extend.get_by_label("Số quyết định gia hạn").fill("16/QĐ-UBND")
    submit_step(page, extend, "Gia hạn giải quyết", "accepted")
    expect(page.get_by_text("Vụ việc phức tạp").first).to_be_visible()
    expect(page.get_by_text("Có nhiều người cùng khiếu nại về một nội dung").first).to_be_visible()
    resolve = step(page, "Giải quyết (ban hành quyết định, văn bản)")
    resolve.get_by_label("Số quyết định, văn bản giải quyết").fill("20/QĐ-UBND")
    expect(resolve.get_by_label("Ngày quyết định, văn bản")).not_to_have_value("")
    resolve.get_by_label(re.compile(r"^Kết quả giải quyết:?$")).select_option(label="Khiếu nại đúng một phần")
    resolve.get_by_label("Nội dung kết quả giải quyết").fill("Điều chỉnh đơn giá bồi thường cho 6 hộ theo giá mới.")
    submit_step(page, resolve, "Giải quyết (ban hành quyết định, văn bản)", "resolved")
    expect(page.get_by_text("Khiếu nại đúng một phần").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Thông báo kết quả giải quyết").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with zipfile.ZipFile(download.path()) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert complaint_code in document
    assert DENOUNCER not in document
    page.screenshot(path=str(artifacts / "case-complaint-resolved.png"), full_page=True)
    logout(page)

    # A second officer of the commune (not the handler, not the accepting leader) never sees the denouncer.
    sign_in(page, server_url, "dongxuan.mttq")
    page.goto(denunciation_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(DENUNCIATION_TITLE)
    expect(page.get_by_text("Thông tin người tố cáo được giữ bí mật", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Xem thông tin người tố cáo")).to_have_count(0)
    assert DENOUNCER not in page.content()
    page.screenshot(path=str(artifacts / "case-denunciation-hidden.png"), full_page=True)
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    vault = page.request.post(
        f"{denunciation_url.rstrip('/')}/denouncer/", headers={"X-CSRFToken": csrf, "Referer": denunciation_url}
    )
    assert vault.status == 404
    assert DENOUNCER not in vault.text()
    page.goto(visit_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lượt tiếp công dân ngày")
    assert DENOUNCER not in page.content()
    logout(page)

    # Statistics and the logbook of the commune show the visit and its two cases.
    sign_in(page, server_url, "dongxuan.canbo")
    after = statistics(page, server_url)
    assert after["visits"] == before["visits"] + 1
    assert after["visit_persons"] == before["visit_persons"] + 6
    assert after["visit_groups"] == before["visit_groups"] + 1
    assert after["received"] == before["received"] + 2
    assert after["received_complaint"] == before["received_complaint"] + 1 >= 1
    assert after["resolved"] == before["resolved"] + 1 >= 1
    page.screenshot(path=str(artifacts / "case-statistics.png"), full_page=True)

    page.goto(f"{server_url}/backoffice/reception/")
    page.get_by_role("button", name="Sổ tiếp công dân", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sổ tiếp công dân")
    expect(page.get_by_role("link", name=complaint_code)).to_be_visible()
    assert DENOUNCER not in page.content()
    page.screenshot(path=str(artifacts / "reception-logbook.png"), full_page=True)
    with page.expect_download() as logbook_info:
        page.get_by_role("button", name="Tải sổ (Excel, mẫu 03/TCD)").click()
    logbook = logbook_info.value
    assert logbook.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(logbook.path()).read_bytes()), read_only=True)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    headers = list(rows[LOGBOOK_HEADER_ROW - 1])
    assert len(headers) == 13
    lines_of_book = rows[LOGBOOK_HEADER_ROW + 1 :]  # after the headers and the (1)…(13) row
    column = {name: headers.index(name) for name in ("Họ tên, địa chỉ", "Số người", "Ghi chú")}
    lines = {
        code: [row for row in lines_of_book if code in str(row[column["Ghi chú"]] or "")]
        for code in (complaint_code, denunciation_code)
    }
    (complaint_line,) = lines[complaint_code]
    (denunciation_line,) = lines[denunciation_code]
    # The group was six; the denouncer is counted on the denunciation's line, so the complaint's line counts its five.
    assert complaint_line[column["Số người"]] == 5
    assert denunciation_line[column["Số người"]] == 1
    assert "Trần Văn Bình" in complaint_line[column["Họ tên, địa chỉ"]]
    assert "Giữ bí mật" in denunciation_line[column["Họ tên, địa chỉ"]]
    assert all(DENOUNCER not in str(value) for row in rows for value in row if value is not None)
    workbook.close()


def test_enter_in_an_intake_field_submits_the_form_instead_of_adding_a_row(page: Page, server_url: str):
    sign_in(page, server_url, "dongxuan.canbo")
    page.goto(f"{server_url}/backoffice/cases/new/")
    rows = page.locator("input[name='rows']")
    before = rows.input_value()
    title = page.get_by_label("Trích yếu", exact=False)
    title.fill("Phản ánh đèn đường hỏng")
    title.press("Enter")
    page.wait_for_load_state()
    # The form was submitted (the missing fields are named), not redrawn with one more petitioner row.
    expect(page.locator(".errorlist").first).to_be_visible()
    assert page.locator("input[name='rows']").input_value() == before

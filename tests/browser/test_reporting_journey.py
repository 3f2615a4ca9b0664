"""Issue 14's journey: the province sends its 2026-H1 report template to its communes; Xã Đồng Xuân submits with
its narrative; the province returns it with a comment, the commune fixes and resubmits, the province approves, ranks
the communes and downloads the DOCX in both formats and the XLSX annex."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Browser, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser
HOME = "/backoffice/reporting/submissions/"
NAME = "Báo cáo công tác dân vận 6 tháng đầu năm"


def docx_text(path: str) -> str:
    document = Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_reporting_journey(browser: Browser, server_url: str, artifacts: Path):
    province = browser.new_context(locale="vi-VN", accept_downloads=True).new_page()
    commune = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 780}).new_page()

    # The province's officer opens the reports and makes the 2026-H1 template, then sends it to its communes.
    login(province, server_url, "tinh.lanhdao")
    province.goto(f"{server_url}{HOME}")
    province.get_by_text("Tạo mẫu báo cáo").click()
    province.get_by_label("Tên mẫu báo cáo").fill(NAME)
    province.get_by_label("Thể thức").select_option("party")
    province.get_by_label("Cơ quan ban hành").fill("Ban Dân vận Tỉnh ủy")
    province.get_by_label("Các phần", exact=False).fill(
        "Kết quả thực hiện dân chủ ở cơ sở | entered.models | Các mô hình dân vận khéo"
    )
    province.get_by_role("button", name="Tạo mẫu").click()
    expect(province.get_by_role("heading", name=NAME)).to_be_visible()
    province.get_by_label("Kỳ báo cáo", exact=False).fill("2026-H1")
    province.get_by_role("button", name="Gửi yêu cầu báo cáo").click()
    expect(province.locator("#dashboard")).to_contain_text("Xã Đồng Xuân")
    template_url = province.url

    # The commune fills in its narrative and submits (on a phone).
    login(commune, server_url, "dongxuan.canbo")
    commune.goto(f"{server_url}{HOME}")
    commune.locator("#my-submissions").get_by_role("link", name=NAME).first.click()
    commune.get_by_label("Kết quả đạt được").fill("Tiếp 137 lượt công dân; 3 mô hình dân vận khéo.")
    commune.get_by_label("Hạn chế, nguyên nhân").fill("Một số thôn chưa tổ chức đối thoại.")
    commune.get_by_label("Nhiệm vụ thời gian tới").fill("Tổ chức đối thoại ở tất cả các thôn.")
    commune.get_by_label("entered.models").fill("3")
    commune.get_by_role("button", name="Nộp báo cáo").click()
    expect(commune.locator("#status")).to_have_text("Đã nộp")
    width = commune.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"horizontal scroll at 360 px: {width}"
    submission_url = commune.url

    # The province returns it with a comment.
    province.goto(template_url)
    province.locator("#dashboard").get_by_role("link", name="Xã Đồng Xuân").click()
    province.get_by_label("Nhận xét, yêu cầu sửa").fill("Bổ sung số cuộc đối thoại đã tổ chức.")
    province.get_by_role("button", name="Trả lại để sửa").click()
    expect(province.locator("#status")).to_have_text("Trả lại để sửa")

    # The commune sees the comment, fixes the report and resubmits.
    commune.goto(submission_url)
    expect(commune.locator("#comments")).to_contain_text("Bổ sung số cuộc đối thoại")
    commune.get_by_label("Kết quả đạt được").fill("Tiếp 137 lượt công dân; tổ chức 12 cuộc đối thoại.")
    commune.get_by_role("button", name="Nộp lại").click()
    expect(commune.locator("#status")).to_have_text("Đã nộp")

    # The province approves.
    province.reload()
    province.get_by_role("button", name="Duyệt").click()
    expect(province.locator("#status")).to_have_text("Đã duyệt")

    # The province ranks its communes for 2026.
    province.goto(f"{server_url}{HOME}xep-hang/")
    province.locator("#id_year").fill("2026")
    province.get_by_label("Tên bộ tiêu chí").fill("Thi đua công tác dân vận 2026")
    province.get_by_label("Tiêu chí (mỗi dòng", exact=False).fill("Mô hình dân vận khéo | entered.models | 100 | 3")
    province.get_by_role("button", name="Tạo", exact=True).click()
    province.get_by_role("button", name="Xếp hạng").click()
    first = province.locator("#results tbody tr").first
    expect(first).to_contain_text("Xã Đồng Xuân")
    expect(first).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")
    province.screenshot(path=str(artifacts / "reporting-ranking.png"), full_page=True)

    # The downloads: DOCX in both formats and the XLSX annex.
    province.goto(template_url)
    with province.expect_download() as state:
        province.locator("#download-docx-state").click()
    state_text = docx_text(state.value.path())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in state_text and "TM. BAN DÂN VẬN TỈNH ỦY" in state_text
    with province.expect_download() as party:
        province.locator("#download-docx-party").click()
    party_text = docx_text(party.value.path())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in party_text and "T/M BAN DÂN VẬN TỈNH ỦY" in party_text
    assert "I- KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CƠ SỞ" in party_text
    with province.expect_download() as annex:
        province.locator("#download-xlsx").click()
    sheet = load_workbook(io.BytesIO(Path(annex.value.path()).read_bytes())).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Xã Đồng Xuân"][2] == "Đã duyệt" and rows["Xã Đồng Xuân"][3] == 3

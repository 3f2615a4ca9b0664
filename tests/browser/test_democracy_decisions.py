"""Issue 11's journey: a village decides a road contribution by household ballot — paper ballots entered by the
team and online ballots counted together, 2/3 reached at the last ballot — the record DOCX is generated, the
commune recognizes it within the deadline, and a household checks its receipt on the portal on a 360-px phone."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser
TITLE = "Đóng góp làm đường bê tông xóm Bến Đò"
HAMLET = "Xóm Bến Đò"


def logout(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def ballot(page: Page, code: str, choice: str, channel: str) -> str:
    page.get_by_label("Mã hộ").fill(code)
    page.get_by_label(choice, exact=True).check()
    page.get_by_label("Cách gửi").select_option(label=channel)
    page.get_by_role("button", name="Ghi phiếu").click()
    message = page.get_by_text(re.compile("Mã biên nhận: ")).inner_text()
    return message.rsplit(": ", 1)[1].strip()


def test_road_contribution_by_household_ballot(page: Page, browser: Browser, server_url: str, artifacts: Path):
    today = dt.date.today()
    login(page, server_url, "dongxuan.canbo")
    page.goto(f"{server_url}/backoffice/democracy/decisions/new/")
    page.get_by_label("Tên nội dung").fill(TITLE)
    page.locator("#id_matter").select_option(value="1")
    page.get_by_label("Hình thức").select_option(label="Phát phiếu lấy ý kiến hộ gia đình")
    page.get_by_label(HAMLET).check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    notice = (today - dt.timedelta(days=3)).strftime("%d/%m/%Y")
    page.get_by_label("Ngày thông báo").fill(notice)
    page.get_by_label("Ngày biểu quyết (chốt danh sách hộ)").fill((today - dt.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_label("Ngày gửi tài liệu cho hộ").fill(notice)
    page.get_by_label("Tổ phát phiếu, kiểm phiếu (mỗi người một dòng)").fill("Võ Thị Hạnh\nTrần Văn Lộc\nLê Thị Ngọc")
    page.get_by_label("Tổ trưởng (đại diện Ban công tác Mặt trận)").fill("Võ Thị Hạnh")
    page.get_by_role("button", name="Thông báo").click()
    expect(page.locator("[data-status=announced]")).to_be_visible()

    receipts = [
        ballot(page, "BD-001", "Đồng ý", "Phiếu giấy (tổ phát phiếu nhập)"),
        ballot(page, "BD-002", "Đồng ý", "Trực tuyến"),
        ballot(page, "BD-003", "Không đồng ý", "Phiếu giấy (tổ phát phiếu nhập)"),
        ballot(page, "BD-004", "Đồng ý", "Phiếu giấy (tổ phát phiếu nhập)"),
        ballot(page, "BD-005", "Đồng ý", "Trực tuyến"),
        ballot(page, "BD-006", "Đồng ý", "Phiếu giấy (tổ phát phiếu nhập)"),
    ]
    expect(page.locator("[data-provisional]")).to_have_text("5/9 hộ đồng ý = 55,6 % < 2/3 (6 hộ): không thông qua")
    page.get_by_label("Mã hộ").fill("BD-002")  # a second ballot of the same household, now on paper: refused
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_role("button", name="Ghi phiếu").click()
    expect(page.locator(".errorlist, .message-error").first).to_contain_text("mỗi hộ một phiếu")
    receipts.append(ballot(page, "BD-007", "Đồng ý", "Trực tuyến"))  # the last ballot reaches 2/3
    expect(page.locator("[data-provisional]")).to_have_text("6/9 hộ đồng ý = 66,7 % ≥ 2/3 (6 hộ): thông qua")

    page.get_by_label("Trưởng thôn, tổ trưởng tổ dân phố").fill("Huỳnh Văn Phú")
    page.get_by_label("Trưởng Ban công tác Mặt trận").fill("Đỗ Thị Mai")
    page.get_by_label("Đại diện hộ chứng kiến thứ nhất").fill("Phạm Văn Tài")
    page.get_by_label("Đại diện hộ chứng kiến thứ hai").fill("Nguyễn Thị Hồng")
    page.get_by_role("button", name="Kiểm phiếu").click()
    expect(page.locator("[data-result=passed]")).to_have_text("6/9 hộ đồng ý = 66,7 % ≥ 2/3 (6 hộ): thông qua")
    with page.expect_download() as download_info:
        page.locator("[data-record=decision]").click()
    record = Path(download_info.value.path()).read_bytes()
    text = "\n".join(p.text for p in Document(io.BytesIO(record)).paragraphs)
    assert "Kết quả bàn và quyết định" in text and TITLE in text and "6/9 hộ đồng ý" in text
    page.get_by_role("button", name="Ghi nhận đã gửi").click()
    expect(page.locator("[data-status=submitted]")).to_be_visible()
    logout(page)

    login(page, server_url, "dongxuan.chutich")
    page.goto(f"{server_url}/backoffice/democracy/decisions/?q=ben+do")
    page.get_by_role("link", name=re.compile(TITLE)).click()
    page.get_by_label("Công nhận", exact=True).check()
    page.get_by_label("Số văn bản").fill("45/QĐ-UBND")
    page.get_by_role("button", name="Ghi trả lời").click()
    expect(page.locator("[data-status=recognized]")).to_be_visible()
    expect(page.locator("[data-clock=recognition]")).to_contain_text("45/QĐ-UBND")
    expect(page.locator(".overdue")).to_have_count(0)
    logout(page)

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", is_mobile=True)
    citizen = phone.new_page()
    citizen.goto(f"{server_url}/dan-chu/bieu-quyet/bien-nhan/")
    citizen.get_by_label("Mã biên nhận phiếu").fill(receipts[1])
    citizen.get_by_role("button", name="Kiểm tra").click()
    expect(citizen.locator("[data-counted=yes]")).to_contain_text("Phiếu của hộ đã được kiểm")
    body = citizen.locator("body").inner_text()
    assert "Đồng ý" not in body and "BD-002" not in body
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    citizen.screenshot(path=str(artifacts / "democracy-receipt-360.png"), full_page=True)
    phone.close()

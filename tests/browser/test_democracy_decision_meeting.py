"""Issue 11, second round: on a 360-px phone, a commune officer records a village meeting for a matter decided at
a meeting (households present ticked from the register), counts it, publishes the result, and a citizen reads it
on the commune's public page — no horizontal scroll anywhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser
TITLE = "Bầu trưởng thôn Bến Đò nhiệm kỳ mới"
HAMLET = "Xóm Bến Đò"


def no_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_meeting_recorded_and_published_on_a_phone(browser: Browser, server_url: str, artifacts: Path):
    today = dt.date.today()
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", is_mobile=True)
    page = phone.new_page()
    login(page, server_url, "dongxuan.canbo")
    page.goto(f"{server_url}/backoffice/democracy/decisions/new/")
    page.get_by_label("Tên nội dung").fill(TITLE)
    page.locator("#id_matter").select_option(value="3")
    page.get_by_label("Hình thức").select_option(value="meeting")
    page.get_by_label(HAMLET).check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    notice = (today - dt.timedelta(days=4)).strftime("%d/%m/%Y")
    page.get_by_label("Ngày thông báo").fill(notice)
    page.get_by_label("Ngày biểu quyết (chốt danh sách hộ)").fill((today - dt.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_label("Ngày gửi tài liệu cho hộ").fill(notice)
    page.get_by_role("button", name="Thông báo").click()
    expect(page.locator("#meeting-form")).to_be_visible()
    no_scroll(page)

    form = page.locator("#meeting-form")
    form.get_by_label("Ngày gửi giấy mời (Mẫu 01)").fill(notice)
    form.get_by_label("Ngày họp").fill((today - dt.timedelta(days=1)).strftime("%d/%m/%Y"))
    form.locator("summary").click()
    boxes = form.locator(".checklist input[type=checkbox]")
    count = boxes.count()
    assert count > 0
    boxes.evaluate_all("els => els.forEach(e => { e.checked = true; })")
    form.locator("[name=agreed]").fill(str(count + 1))  # more than present: refused beside it
    form.get_by_role("button", name="Ghi hội nghị").click()
    expect(page.get_by_text("nhiều hơn số hộ có mặt").first).to_be_visible()
    no_scroll(page)
    form = page.locator("#meeting-form")
    form.locator("[name=agreed]").fill(str(count))
    form.get_by_role("button", name="Ghi hội nghị").click()
    expect(page.get_by_text("Đã ghi hội nghị")).to_be_visible()

    page.get_by_label("Đại diện hộ chứng kiến thứ nhất").fill("Phạm Văn Chứng")
    page.get_by_label("Đại diện hộ chứng kiến thứ hai").fill("Vũ Thị Kiến")
    page.get_by_role("button", name="Kiểm phiếu").click()
    expect(page.locator("[data-result=passed]").first).to_be_visible()
    page.get_by_role("button", name="Công khai kết quả cho người dân").click()
    expect(page.locator("[data-published]")).to_be_visible()
    no_scroll(page)
    public_url = page.get_by_role("link", name="Xem trang công khai").get_attribute("href")

    citizen = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", is_mobile=True).new_page()
    citizen.goto(f"{server_url}{public_url}?q=bau+truong+thon")
    expect(citizen.get_by_text(TITLE)).to_be_visible()
    expect(citizen.get_by_text(f"{count}/{count} hộ đồng ý").first).to_be_visible()
    no_scroll(citizen)
    citizen.screenshot(path=str(artifacts / "democracy-decisions-public-360.png"), full_page=True)

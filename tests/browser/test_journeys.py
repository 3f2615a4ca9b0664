"""Main user journeys in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from danvan.demo.officers import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def login(page: Page, server_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{server_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_officer_logs_in_and_picks_a_unit_by_typing_without_diacritics(page: Page, server_url: str, artifacts: Path):
    login(page, server_url, "dongxuan.canbo")
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    # The demo's four villages of Đồng Xuân and the hamlet of its community-decision journey (Xóm Bến Đò).
    expect(page.locator("[data-figure=villages]")).to_have_text("5")
    page.get_by_label("Tìm đơn vị", exact=False).fill("dong xuan")
    result = page.get_by_role("link", name="Xã Đồng Xuân – Tỉnh Đắk Lắk")
    expect(result).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xã Đồng Xuân (gồm các đơn vị cũ:")
    expect(page.get_by_text("Thị trấn La Hai").first).to_be_visible()
    page.screenshot(path=str(artifacts / "unit-page.png"), full_page=True)


def test_repeated_failed_logins_lock_the_account(page: Page, server_url: str):
    for _ in range(5):
        login(page, server_url, "bmt.canbo", "sai-mat-khau")
    login(page, server_url, "bmt.canbo")
    expect(page.get_by_text("tạm khóa", exact=False).first).to_be_visible()
    assert "/backoffice/" not in page.url


def test_portal_home_renders_vietnamese(page: Page, server_url: str, artifacts: Path):
    page.goto(f"{server_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cổng thông tin dân vận và dân chủ ở cơ sở")
    expect(page.get_by_text("3.321")).to_be_visible()
    page.screenshot(path=str(artifacts / "portal-home.png"), full_page=True)
    page.get_by_label("Tra cứu xã, phường", exact=False).fill("Ba Đình")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("link", name="Phường Ba Đình").first).to_be_visible()


def test_portal_works_on_a_phone(browser, server_url: str, artifacts: Path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{server_url}/don-vi/?q=dong+xuan")
    expect(page.get_by_role("link", name="Xã Đồng Xuân").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "portal-phone.png"), full_page=True)
    context.close()


def test_officer_computes_a_deadline_across_tet_with_its_explanation(page: Page, server_url: str, artifacts: Path):
    login(page, server_url, "dongxuan.canbo")
    page.get_by_role("link", name="Lịch làm việc").click()
    page.get_by_label("Ngày bắt đầu", exact=False).fill("13/02/2026")
    page.get_by_label("Hoặc số ngày").fill("5")
    page.get_by_label("Loại ngày").select_option("working")
    page.get_by_role("button", name="Tính hạn", exact=False).click()
    # Tết 2026 (16–20/02) and the weekends are skipped: 5 working days after Friday 13/02 end on Friday 27/02.
    expect(page.get_by_text("27/02/2026").first).to_be_visible()
    expect(page.get_by_text("Tết", exact=False).first).to_be_visible()
    page.screenshot(path=str(artifacts / "calendar-deadline.png"), full_page=True)

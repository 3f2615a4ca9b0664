"""Consultations in the browser: a citizen on a 360-px phone reads the open draft on the portal, sends an
anonymous opinion without signing in, and the commune officer sees it counted; the household register opens
with the demo's households."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser
TITLE = "Dự thảo quy hoạch chi tiết khu dân cư Gò Mít, thôn Phú Sơn"


def test_a_citizen_sends_an_opinion_from_a_phone_and_the_officer_sees_it(page: Page, server_url: str, artifacts: Path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server_url}/dan-chu/lay-y-kien/?q=go mit")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Còn ")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    page.get_by_label("Đồng ý với dự thảo").check()
    page.get_by_label("Nội dung góp ý").fill("Đề nghị làm thêm đường thoát nước phía đông.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_text("Đã nhận ý kiến của bạn")).to_be_visible()
    page.screenshot(path=str(artifacts / "democracy-consultation-phone.png"), full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, server_url, "dongxuan.canbo")
    page.goto(f"{server_url}/backoffice/democracy/consultations/?q=go mit")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Đề nghị làm thêm đường thoát nước phía đông.")).to_be_visible()
    page.goto(f"{server_url}/backoffice/democracy/households/?q=phu son")
    page.get_by_role("link", name="Thôn Phú Sơn").click()
    expect(page.locator("article.card")).not_to_have_count(0)

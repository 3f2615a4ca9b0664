"""The search picker on a 360-px phone (core/pickers.py): a province officer records a plan, finding its issuing
body by typing without diacritics (htmx asks the page for its matches), and the page never scrolls sideways; the
same form sent without a choice comes back with the matches beside the field and what was typed kept."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"


def test_a_plans_issuing_body_is_found_by_typing_on_a_phone(page: Page, server_url: str):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, server_url, "tinh.canbo")
    page.goto(f"{server_url}/backoffice/reporting/plans/new/")
    page.get_by_label("Số, ký hiệu").fill("61-KH/BDVTU")
    page.get_by_label("Ngày ban hành").fill("15/01/2026")
    page.get_by_label("Thực hiện từ ngày").fill("01/01/2026")
    page.get_by_label("Đến ngày").fill("31/12/2026")
    page.get_by_label("Trích yếu").fill("Kế hoạch thử bộ chọn cơ quan")

    # Sent with a few letters and no choice: the matches come back beside the field, the rest as typed.
    page.get_by_label("Cơ quan ban hành").fill("dak lak")
    page.get_by_role("button", name="Ghi kế hoạch").click()
    expect(page.locator("#id_issuer-error")).to_contain_text("hãy chọn một tổ chức")
    expect(page.get_by_label("Trích yếu")).to_have_value("Kế hoạch thử bộ chọn cơ quan")
    assert page.evaluate(NO_SIDEWAYS)

    # Typing narrows the list in place; the arrow key reaches the matches.
    page.get_by_label("Cơ quan ban hành").fill("tuyen giao dan van")
    board = page.get_by_role("radio", name=re.compile(r"^Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"))
    expect(board).to_be_visible()
    page.get_by_label("Cơ quan ban hành").press("ArrowDown")
    board.check()
    assert page.evaluate(NO_SIDEWAYS)
    page.get_by_role("button", name="Ghi kế hoạch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("61-KH/BDVTU")

"""A village head's year-end meeting on a 360-px phone: scheduled with too short a notice (the error beside the
date, what was typed kept), corrected, recorded with its reports, a recommendation raised; then it shows in the
commune's statistics — and no page scrolls sideways."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"


def test_a_year_end_meeting_on_a_phone(page: Page, server_url: str, artifacts: Path):
    page.set_viewport_size({"width": 360, "height": 740})
    today = dt.date.today()
    held_on, short_notice, notice = (today - dt.timedelta(days=d) for d in (1, 3, 8))
    login(page, server_url, "dongxuan.canbo")
    page.goto(f"{server_url}/backoffice/democracy/")
    expect(page.get_by_role("heading", name="Hội nghị thôn và đối thoại")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS)
    page.goto(f"{server_url}/backoffice/democracy/meetings/new/")
    page.get_by_label("Loại hội nghị").select_option("year_end")
    # The commune and its villages are few: listed as radio buttons; typing without diacritics narrows them.
    page.get_by_label("Thôn, tổ dân phố hoặc xã").fill("phu son")
    expect(page.locator("#id_unit-choices input[type=radio]")).to_have_count(2)  # the match, and the commune chosen
    page.get_by_role("radio", name=re.compile(r"^Thôn Phú Sơn")).check()
    page.locator("#id_held_on").fill(held_on.strftime("%d/%m/%Y"))
    page.get_by_label("Ngày thông báo").fill(short_notice.strftime("%d/%m/%Y"))
    page.get_by_label("Địa điểm").fill("Nhà văn hóa thôn Phú Sơn")
    page.get_by_role("button", name="Lên lịch").click()
    expect(page.locator("#id_notice_on-error")).to_contain_text("ít nhất 5 ngày")
    expect(page.get_by_label("Địa điểm")).to_have_value("Nhà văn hóa thôn Phú Sơn")
    expect(page.get_by_role("radio", name=re.compile(r"^Thôn Phú Sơn"))).to_be_checked()
    assert page.evaluate(NO_SIDEWAYS)
    page.get_by_label("Ngày thông báo").fill(notice.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lên lịch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hội nghị Thôn Phú Sơn")
    page.locator("#record_participants").fill("86")
    page.get_by_label("Đã nghe báo cáo của trưởng thôn, tổ trưởng").check()
    page.get_by_label("Đã nghe báo cáo của Ban công tác Mặt trận").check()
    page.locator("#record_minutes").fill("Thống nhất kế hoạch làm đường bê tông.")
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator(".badge[data-status=held]")).to_be_visible()
    page.get_by_text("Ghi ý kiến, kiến nghị", exact=True).click()
    page.get_by_label("Người nêu").fill("Bà Nguyễn Thị Mai")
    page.locator("#item_content").fill("Đề nghị sửa cống thoát nước đầu thôn.")
    page.get_by_role("button", name="Ghi ý kiến", exact=True).click()
    expect(page.get_by_text("Đề nghị sửa cống thoát nước đầu thôn.")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS)
    page.screenshot(path=str(artifacts / "democracy-meeting-phone.png"), full_page=True)
    page.goto(f"{server_url}/backoffice/democracy/statistics/")
    expect(page.get_by_role("heading", name="Hội nghị thôn, tổ dân phố và đối thoại")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS)
    for path in ("meetings/compliance/", "meetings/", "raised-items/", "raised-items/?show=answered"):
        page.goto(f"{server_url}/backoffice/democracy/{path}")
        assert page.evaluate(NO_SIDEWAYS), path

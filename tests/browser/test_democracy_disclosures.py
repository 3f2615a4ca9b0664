"""Issue 11's journey: a commune posts a land-compensation disclosure and the compliance board turns green after 30
days. The server's clock is moved (time travel): the test runs its own server on its own database, restarted with
``time_machine`` 28 and 29 days later, the way the days would pass for the commune."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, _free_port, copy_of_demo, server_env
from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser
TITLE = "Phương án bồi thường, hỗ trợ dự án mở rộng đường Trần Phú"
START = dt.date.today()  # the day the commune posts it (the server's real today)
SERVE_AT = (
    "import sys, datetime as dt, time_machine; "
    "time_machine.travel(dt.datetime.fromisoformat(sys.argv[1]), tick=True).start(); "
    "sys.argv = ['danvan', *sys.argv[2:]]; "
    "from danvan.cli import main; main()"
)


@pytest.fixture(scope="module")
def var_dir(demo_var_dir: str) -> str:
    return copy_of_demo(demo_var_dir, "danvan-disclosures-")


@contextmanager
def server_on(var_dir: str, day: dt.date) -> Iterator[str]:
    """danvan on ``var_dir``'s database with its clock set to ``day`` (09:00, ticking)."""
    port = _free_port()
    moment = dt.datetime.combine(day, dt.time(9, 0)).isoformat()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE_AT, moment, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=server_env(var_dir),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"the test server did not start on {url}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def card(page: Page):
    return page.locator("article.disclosure-check", has_text=TITLE)


def open_board(page: Page, url: str) -> None:
    login(page, url, "dongxuan.canbo")
    page.goto(f"{url}/backoffice/democracy/cong-khai/")
    page.get_by_role("button", name="Bảng tuân thủ", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bảng tuân thủ công khai")


def test_land_compensation_disclosure_turns_green_after_30_days(page: Page, var_dir: str, artifacts: Path):
    with server_on(var_dir, START) as url:
        login(page, url, "dongxuan.canbo")
        page.goto(f"{url}/backoffice/democracy/")
        page.get_by_role("link", name="Sổ công khai thông tin").click()
        page.get_by_role("button", name="Ghi thông tin công khai").click()
        page.get_by_label("Nội dung công khai (Điều 11)").select_option(index=3)
        page.get_by_label("Tiêu đề").fill(TITLE)
        page.get_by_label("Số, ký hiệu văn bản").fill("112/QĐ-UBND")
        page.get_by_label("Ngày ban hành quyết định, văn bản").fill((START - dt.timedelta(days=1)).strftime("%d/%m/%Y"))
        rows = page.locator(".channel-row")
        rows.nth(0).get_by_label("Hình thức").select_option(
            label="Niêm yết tại trụ sở, nhà văn hóa, điểm sinh hoạt cộng đồng"
        )
        rows.nth(0).get_by_label("Nơi niêm yết, thông báo").fill("Bảng tin trụ sở UBND xã")
        rows.nth(0).get_by_label("Từ ngày").fill(START.strftime("%d/%m/%Y"))
        # First a posting planned for 29 days: refused beside its field, nothing stored, what was typed kept.
        rows.nth(0).get_by_label("Đến ngày (để trống nếu còn niêm yết)").fill(
            (START + dt.timedelta(days=28)).strftime("%d/%m/%Y")
        )
        page.get_by_role("button", name="Ghi vào sổ").click()
        expect(page.locator(".message-error").first).to_contain_text("ít nhất 30 ngày")
        expect(page.get_by_label("Tiêu đề")).to_have_value(TITLE)
        page.locator(".channel-row").nth(0).get_by_label("Đến ngày (để trống nếu còn niêm yết)").fill("")
        page.get_by_role("button", name="Ghi vào sổ").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(page.locator("#compliance-status")).to_have_text("Đang thực hiện")
        expect(page.locator(".finding-pending").first).to_contain_text("đủ 30 ngày vào")
        page.goto(f"{url}/backoffice/democracy/cong-khai/")
        page.get_by_role("button", name="Bảng tuân thủ", exact=True).click()
        expect(card(page)).to_have_attribute("data-status", "pending")
        page.goto(f"{url}/backoffice/democracy/cong-khai/?q=tran phu")
        page.get_by_role("link", name=TITLE).click()
        disclosure_url = page.url

    with server_on(var_dir, START + dt.timedelta(days=28)) as url:  # the 29th day: not yet
        open_board(page, url)
        expect(card(page)).to_have_attribute("data-status", "pending")

    with server_on(var_dir, START + dt.timedelta(days=29)) as url:  # the 30th consecutive day: green
        open_board(page, url)
        expect(card(page)).to_have_attribute("data-status", "ok")
        expect(card(page)).to_contain_text("30 ngày liên tục ≥ 30 ngày")
        page.set_viewport_size({"width": 360, "height": 780})
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.screenshot(path=str(artifacts / "disclosure-board-green.png"), full_page=True)
        page.goto(url + "/backoffice" + disclosure_url.split("/backoffice", 1)[1])
        expect(page.locator("#compliance-status")).to_have_text("Đúng quy định")
        # Citizens reach it from the commune's portal page and find it typing without diacritics, on a phone.
        page.get_by_role("link", name="Xem trên cổng thông tin").click()
        page.get_by_role("link", name="Công khai thông tin", exact=False).first.click()
        page.get_by_label("Tìm (gõ không dấu cũng được)").fill("duong tran phu boi thuong")
        page.get_by_role("button", name="Tìm").click()
        expect(page.get_by_role("link", name=TITLE)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.screenshot(path=str(artifacts / "disclosure-portal-phone.png"), full_page=True)

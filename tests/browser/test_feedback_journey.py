"""Issue 13's whole journey in the browser, on a 360-px phone for the citizen: a citizen reports a flooded road
with a photo and a pin, is shown a nearby report and files anyway → the commune officer merges the duplicate into
it and transfers it to the Fatherland Front committee (which mobilizes the residents to clear the drain), whose
leader answers → the public page shows the answer, the citizen rates it 4/5 → the public ranking and the
statistics move."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from danvan.core import proof_of_work
from tests.browser.test_feedback_citizen import NO_SIDEWAYS_SCROLL, PHONE, commune, jpeg_bytes
from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser


def ranking_row(page: Page, server_url: str) -> str:
    page.goto(f"{server_url}/phan-anh/xep-hang/?province=66")
    row = page.locator('tr[data-unit="22081"]')
    expect(row).to_be_visible()
    return row.inner_text()


def statistics_figure(page: Page, server_url: str, code: str) -> str:
    page.goto(f"{server_url}/backoffice/feedback/statistics/")
    return page.locator(f'[data-figure="{code}"]').first.inner_text()


def test_report_merge_transfer_answer_rate_and_the_ranking_moves(page: Page, server_url: str, artifacts) -> None:
    lat, lng = commune(page, server_url)
    before_ranking = ranking_row(page, server_url)
    login(page, server_url, "dongxuan.canbo")
    before_rated = statistics_figure(page, server_url, "rated")
    page.context.clear_cookies()

    # An earlier report of the same flooding, filed by an app: the duplicate the officer will merge.
    challenge = page.request.get(f"{server_url}/api/v1/feedback/public/challenge").json()
    earlier = page.request.post(
        f"{server_url}/api/v1/feedback/public/reports",
        multipart={
            "category": "flooding",
            "description": "Nước ngập đường trước chợ Đồng Xuân",
            "unit_code": "22081",
            "latitude": lat,
            "longitude": lng,
            "is_anonymous": "true",
            "altcha": proof_of_work.solve(challenge),
        },
    )
    assert earlier.status == 201, earlier.text()
    duplicate = earlier.json()["code"]

    # The citizen, on a phone: a pin, the nearby report shown, filed anyway with a photo.
    page.set_viewport_size(PHONE)
    page.goto(f"{server_url}/phan-anh/")
    page.locator("summary", has_text="Hạ tầng giao thông").click()
    page.locator("label[for=category-flooding]").click()
    page.get_by_label("Nội dung phản ánh").fill("Đường trước chợ ngập 40 cm sau mưa, xe máy chết máy")
    page.locator("#commune-q").fill("dong xuan")
    page.locator('button[data-code="22081"]').first.click()
    page.locator("#report-map").click()
    expect(page.locator("#nearby")).to_contain_text(duplicate)
    page.locator("#nearby-dismiss").click()
    page.locator("input[name=photos]").set_input_files(
        files=[{"name": "ngap.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    page.get_by_label("Họ và tên").fill("Phan Văn Khánh")
    page.get_by_label("Số điện thoại").fill("0905123456")
    page.locator("#report-submit").click()
    expect(page.locator("#tracking-code")).to_be_visible(timeout=30_000)
    code = page.locator("#tracking-code").inner_text()
    secret_url = page.locator("#secret-link").get_attribute("href")
    assert code.startswith("PA-") and secret_url

    # The commune officer: the inbox, the report, merge the duplicate into it, transfer it to the Front.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, server_url, "dongxuan.canbo")
    page.goto(f"{server_url}/backoffice/feedback/?q={duplicate}")
    page.get_by_role("link", name=duplicate).first.click()
    page.locator("summary", has_text="Gộp vào phản ánh khác").click()
    page.get_by_label("Gộp vào phản ánh (mã theo dõi)").fill(code)
    page.get_by_role("button", name="Gộp", exact=True).click()
    expect(page.locator("main")).to_contain_text("Đã gộp vào phản ánh khác")

    page.goto(f"{server_url}/backoffice/feedback/?q={code}")
    page.get_by_role("link", name=code).first.click()
    report_url = page.url
    page.get_by_role("button", name="Tiếp nhận xử lý").click()
    expect(page.locator("main")).to_contain_text("Đang xử lý")
    page.locator("summary", has_text="Chuyển xử lý").click()
    page.get_by_label("hoặc chuyển cho cơ quan của xã, phường").select_option(label="Ủy ban MTTQ Việt Nam Xã Đồng Xuân")
    page.get_by_label("Ghi chú (công khai)").fill("Chuyển Ủy ban MTTQ xã vận động Nhân dân khơi thông cống")
    page.get_by_role("button", name="Chuyển", exact=True).click()
    expect(page.locator("main")).to_contain_text("Ủy ban MTTQ Việt Nam Xã Đồng Xuân")
    page.screenshot(path=str(artifacts / "feedback-officer-report.png"), full_page=True)
    page.context.clear_cookies()

    # The Front's leader answers, publicly.
    login(page, server_url, "dongxuan.mttq")
    page.goto(report_url)
    page.locator("summary", has_text="Trả lời (công khai)").click()
    page.get_by_label("Nội dung trả lời (công khai)").fill(
        "Ủy ban MTTQ xã đã vận động Nhân dân thôn khơi thông cống trước chợ; nước đã rút."
    )
    page.get_by_role("button", name="Phát hành câu trả lời").click()
    expect(page.locator("main")).to_contain_text("Đã trả lời")
    page.context.clear_cookies()

    # The citizen: the public page shows the answer; the secret link rates it 4/5.
    page.set_viewport_size(PHONE)
    page.goto(f"{server_url}/phan-anh/{code}/")
    expect(page.locator("main")).to_contain_text("nước đã rút")
    expect(page.locator("main")).to_contain_text("Ủy ban MTTQ Việt Nam Xã Đồng Xuân")
    assert "Phan Văn Khánh" not in page.locator("main").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.goto(secret_url)
    page.locator("#rate-form label", has_text=re.compile(r"^\s*4\s*$")).click()
    page.get_by_label("Nhận xét").fill("Xử lý nhanh, cảm ơn")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("main")).to_contain_text("4/5")
    page.screenshot(path=str(artifacts / "feedback-citizen-rated.png"), full_page=True)
    page.goto(f"{server_url}/phan-anh/{duplicate}/")
    expect(page.locator("main")).to_contain_text(code)  # the merged report points at the one it joined

    # The ranking and the statistics moved.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert ranking_row(page, server_url) != before_ranking
    login(page, server_url, "dongxuan.canbo")
    assert statistics_figure(page, server_url, "rated") != before_rated

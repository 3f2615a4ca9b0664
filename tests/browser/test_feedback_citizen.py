"""Issue 13's citizen journey on a 360-px phone: a report already exists at Xã Đồng Xuân (filed through the API,
as an app would); a citizen opens /phan-anh/, picks "Ngập úng", finds the commune by typing "dong xuan" without
accents, drops a pin on the map (no tiles: a bare coordinate picker), is shown the nearby report ("Có phải một trong
những phản ánh này?"), files anyway with a photo, gets the tracking code and the secret link once, and the tracking
page shows the timeline and the photo — never the citizen's name or phone."""

from __future__ import annotations

import html
import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from danvan.core import proof_of_work

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def commune(page: Page, server_url: str) -> tuple[str, str]:
    fragment = page.request.get(f"{server_url}/phan-anh/xa-phuong/?q=dong+xuan").text()
    match = re.search(r'data-code="22081"[^>]*data-lat="([^"]+)" data-lng="([^"]+)"', fragment, re.S)
    assert match, fragment[:2000]
    return html.unescape(match.group(1)), html.unescape(match.group(2))


def test_a_citizen_files_a_report_on_a_phone(page: Page, server_url: str, artifacts) -> None:
    page.set_viewport_size(PHONE)
    lat, lng = commune(page, server_url)
    challenge = page.request.get(f"{server_url}/api/v1/feedback/public/challenge").json()
    first = page.request.post(
        f"{server_url}/api/v1/feedback/public/reports",
        multipart={
            "category": "flooding",
            "description": "Ngập sâu trước chợ sau mưa lớn",
            "unit_code": "22081",
            "latitude": lat,
            "longitude": lng,
            "is_anonymous": "true",
            "altcha": proof_of_work.solve(challenge),
        },
    )
    assert first.status == 201, first.text()
    existing = first.json()["code"]

    page.goto(f"{server_url}/phan-anh/")
    expect(page.get_by_role("heading", name="Gửi phản ánh, kiến nghị")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.locator("summary", has_text="Hạ tầng giao thông").click()
    page.locator("label[for=category-flooding]").click()
    page.get_by_label("Nội dung phản ánh").fill("Đường trước chợ ngập 40 cm, xe máy chết máy")
    page.locator("#commune-q").fill("dong xuan")
    page.locator('button[data-code="22081"]').first.click()
    expect(page.locator("#commune-chosen")).to_contain_text("Đồng Xuân")
    page.locator("#report-map").click()  # the centre: the commune's centre the map moved to
    expect(page.locator("#id_latitude")).not_to_have_value("")
    nearby = page.locator("#nearby")
    expect(nearby).to_contain_text("Có phải một trong những phản ánh này?")
    expect(nearby).to_contain_text(existing)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.screenshot(path=str(artifacts / "feedback-citizen-nearby.png"), full_page=True)
    page.locator("#nearby-dismiss").click()
    expect(nearby).to_be_empty()

    page.locator("input[name=photos]").set_input_files(
        files=[{"name": "ngap.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    page.get_by_label("Họ và tên").fill("Phan Văn Khánh")
    page.get_by_label("Số điện thoại").fill("0905123456")
    page.locator("#report-submit").click()

    expect(page.locator("#tracking-code")).to_be_visible(timeout=30_000)
    code = page.locator("#tracking-code").inner_text()
    assert code.startswith("PA-") and code != existing
    secret_link = page.locator("#secret-link")
    expect(secret_link).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.screenshot(path=str(artifacts / "feedback-citizen-sent.png"), full_page=True)
    secret_url = secret_link.get_attribute("href")
    assert secret_url

    page.goto(f"{server_url}/phan-anh/{code}/")
    expect(page.locator("#report-state")).to_have_text("Mới tiếp nhận")
    expect(page.locator("#report-timeline")).to_contain_text("Tiếp nhận phản ánh")
    expect(page.locator(".report-photos img")).to_have_count(1)
    body = page.locator("main").inner_text()
    assert "Phan Văn Khánh" not in body and "0905123456" not in body
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.screenshot(path=str(artifacts / "feedback-citizen-public.png"), full_page=True)

    page.goto(secret_url)
    expect(page.locator("#citizen-actions")).to_contain_text("Hiện chưa có việc gì cần bạn làm")

    page.goto(f"{server_url}/phan-anh/danh-sach/?unit=22081")
    expect(page.locator(".report-list")).to_contain_text(code)
    expect(page.locator(".report-list")).to_contain_text(existing)
    expect(page.locator("#reports-map .leaflet-interactive").first).to_be_visible()
    assert page.locator("#reports-map .leaflet-interactive").count() >= 2  # these two, and the demo's
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


def test_the_draft_survives_a_dropped_network(page: Page, server_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{server_url}/phan-anh/")
    page.get_by_label("Nội dung phản ánh").fill("Cột đèn trước trường đổ nghiêng")
    page.get_by_label("Địa chỉ, nơi xảy ra").fill("Trước trường tiểu học")
    # The draft is saved a moment after typing (static/feedback/report_form.js): wait until it holds what was typed.
    page.wait_for_function(
        """() => {
          const draft = JSON.parse(localStorage.getItem("danvan.feedback.draft") || "null");
          return draft !== null && draft.address_text === "Trước trường tiểu học";
        }"""
    )
    page.context.set_offline(True)
    page.locator("#report-submit").click()
    expect(page.locator("#offline-status")).to_be_visible()
    expect(page).to_have_url(f"{server_url}/phan-anh/")
    page.context.set_offline(False)
    page.reload()
    expect(page.get_by_label("Nội dung phản ánh")).to_have_value("Cột đèn trước trường đổ nghiêng")
    expect(page.get_by_label("Địa chỉ, nơi xảy ra")).to_have_value("Trước trường tiểu học")
    expect(page.locator("#draft-clear")).to_be_visible()


def test_photos_chosen_before_a_refusal_are_kept_on_a_phone(page: Page, server_url: str) -> None:
    """The report comes back for its missing description: the two photos are still there, ticked, their long names
    wrapped within the phone's width; the citizen unticks one, writes the description and sends — one photo filed."""
    page.set_viewport_size(PHONE)
    page.goto(f"{server_url}/phan-anh/")
    page.locator("summary", has_text="Hạ tầng giao thông").click()
    page.locator("label[for=category-flooding]").click()
    page.locator("#commune-q").fill("dong xuan")
    page.locator('button[data-code="22081"]').first.click()
    page.locator("#report-map").click()
    long_name = "anh-chup-duong-truoc-cho-ngap-sau-sau-mua-lon-" * 3 + ".jpg"
    page.locator("input[name=photos]").set_input_files(
        files=[
            {"name": long_name, "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
            {"name": "cong.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
        ]
    )
    page.locator("#id_citizen_name").fill("Phan Văn Khánh")  # by id: the nearby reports' follow forms ask a phone too
    page.locator("#id_citizen_phone").fill("0905123456")
    page.locator("#report-submit").click()

    kept = page.locator(".kept-files input[type=checkbox]")
    expect(kept).to_have_count(2, timeout=30_000)
    expect(page.locator(".kept-files")).to_contain_text("cong.jpg")
    expect(page.locator(".kept-files-hint")).to_contain_text("được giữ lại")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.locator(".kept-files label", has_text="cong.jpg").locator("input").uncheck()
    page.get_by_label("Nội dung phản ánh").fill("Đường trước chợ ngập 40 cm")
    page.locator("#report-submit").click()

    expect(page.locator("#tracking-code")).to_be_visible(timeout=30_000)
    code = page.locator("#tracking-code").inner_text()
    page.goto(f"{server_url}/phan-anh/{code}/")
    expect(page.locator(".report-photos img")).to_have_count(1)

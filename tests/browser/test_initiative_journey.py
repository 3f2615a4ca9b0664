"""Issue 3's journey: register with a photo → submit → council scores → province recognizes and issues the
decision DOCX → the model is on the public showcase and in the province's statistics for the year."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser
NAME = "Mô hình Dân vận khéo thử nghiệm"


def photo(tmp_path: Path) -> Path:
    path = tmp_path / "anh-mo-hinh.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 120, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def logout(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def open_initiative(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/backoffice/initiatives/?q=thu+nghiem")
    page.get_by_role("link", name=NAME).click()


def act(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    expect(page.locator(".message-error")).to_have_count(0)


def test_model_from_registration_to_showcase(page: Page, server_url: str, artifacts: Path, tmp_path: Path):
    year = dt.date.today().year
    login(page, server_url, "dongxuan.canbo")
    page.goto(f"{server_url}/backoffice/initiatives/new/")
    page.get_by_label("Tổ chức đăng ký").select_option(label="Ủy ban nhân dân Xã Đồng Xuân")
    page.get_by_label("Tên mô hình, điển hình").fill(NAME)
    page.get_by_label("Lĩnh vực").select_option(label="Kinh tế")
    page.get_by_label("Mục tiêu, tiêu chí đo được").fill("02 vườn mẫu; 30 hộ tham gia")
    page.get_by_label("Nguồn kinh phí").first.fill("Ban CHQS xã hỗ trợ")
    page.get_by_label("Số tiền (đồng)").first.fill("7000000")
    page.get_by_label("Ảnh hoặc tài liệu minh chứng").set_input_files(str(photo(tmp_path)))
    page.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.locator(".gallery img")).to_have_count(1)
    logout(page)

    login(page, server_url, "dongxuan.chutich")
    open_initiative(page, server_url)
    act(page, "Trình đăng ký")
    act(page, "Bắt đầu thực hiện")
    page.get_by_text("Tự đánh giá", exact=True).click()  # the self-assessment form, folded under its summary
    page.get_by_label("Kết quả đạt được so với mục tiêu đã đăng ký").fill("02 vườn mẫu; 32 hộ tham gia")
    page.get_by_label("Bài học kinh nghiệm, đề xuất").fill("Nhân rộng sang thôn 4")
    act(page, "Ghi tự đánh giá và chuyển chấm điểm")
    expect(page.get_by_role("heading", name=re.compile("^Tự đánh giá"))).to_be_visible()
    logout(page)

    for member, points in (("tinh.canbo", ["18", "25", "27", "17"]), ("tinh.lanhdao", ["17", "26", "25", "16"])):
        login(page, server_url, member)
        open_initiative(page, server_url)
        for field, value in zip(page.locator("input[name^=criterion_]").all(), points, strict=True):
            field.fill(value)
        act(page, "Lưu điểm")
        if member == "tinh.lanhdao":
            expect(page.locator("[data-figure=average]")).to_have_text("85,50")
            act(page, "Kết thúc chấm điểm")
            page.get_by_label("Cơ quan ban hành").select_option(label="Ban Chỉ đạo QCDC – Dân vận khéo Tỉnh Đắk Lắk")
            page.locator("#decision-number").fill("25")
            page.locator("#decision-signer_name").fill("Lê Văn Thành")
            page.get_by_label("Chức vụ người ký").fill("Trưởng Ban Chỉ đạo")
            act(page, "Công nhận")
            expect(page.locator("[data-status=recognized]")).to_be_visible()
            with page.expect_download() as download:
                page.get_by_role("link", name="Tải quyết định (DOCX)").click()
            assert download.value.suggested_filename.endswith(".docx")
            page.get_by_label("Công bố trên cổng thông tin").check()
            page.get_by_label("Tóm tắt công bố", exact=False).fill("Hai vườn mẫu, 30 hộ tham gia, nhân rộng ra 3 thôn.")
            act(page, "Lưu chế độ công bố")
            page.screenshot(path=str(artifacts / "initiative-recognized.png"), full_page=True)
        logout(page)

    page.goto(f"{server_url}/mo-hinh/?q=thu+nghiem")
    expect(page.get_by_role("link", name=NAME)).to_be_visible()
    page.screenshot(path=str(artifacts / "showcase.png"), full_page=True)

    login(page, server_url, "tinh.lanhdao")
    page.goto(f"{server_url}/backoffice/initiatives/statistics/?year={year}")
    expect(page.locator("[data-figure=recognized]").first).to_contain_text("1")
    page.screenshot(path=str(artifacts / "initiative-statistics.png"), full_page=True)

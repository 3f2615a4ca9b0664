"""Issue 12, one recommendation tracker, end to end in a real browser: at a voter contact held 28 days ago the
commune's officer records twelve voters' questions — three to the commune's People's Committee, nine to the
province's; the commune answers its three on time (on a 360-px phone), one answer is judged unsatisfactory and
raised again; the province's inbox shows its nine as due soon; the commune's public page shows each question with
its answer and never who raised it; the statistics count twelve raised, three answered on time, one re-raise.

Why this is deterministic without moving the clock: a voter-contact question must be answered within 30 calendar
days of the day raised (rule ``recommendation.answer_days.voter_contact``) and the day raised is the contact's day;
held 28 days ago, the questions are due in two days (or the next working day) — within the 3-working-day warning
("due soon") — and an answer today is on time. The demo already has recommendations at Đồng Xuân, so the statistics are read before and after
the journey (same unit, same period) and the test asserts the increase; the lists are narrowed by a word found only
in this run's questions.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django_otp.oath import totp
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.browser.test_journeys import login

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
FIGURES = (
    "raised",
    "raised.on_time",
    "raised.unanswered",
    "assessed_unsatisfied",
    "reraised",
    "by_addressee.peoples_committee.on_time",
    "by_addressee.higher_level",
)
COMMUNE_QUESTIONS = 3
PROVINCE_QUESTIONS = 9


def _context(browser: Browser, viewport: ViewportSize = DESKTOP) -> BrowserContext:
    return browser.new_context(viewport=viewport, locale="vi-VN")


SECRETS: dict[str, str] = {}  # an administrator's TOTP secret, once set up on this test server


def _code(secret: str) -> str:
    return f"{totp(base64.b32decode(secret)):06d}"


def login_administrator(page: Page, server_url: str, username: str) -> None:
    """Log in an administrator, who must use two-factor authentication: set it up with the secret the page shows
    (the first time on this server), or give the code at the code step."""
    login(page, server_url, username)
    setup = page.get_by_role("heading", name="Bật xác thực hai lớp")
    code_box = page.get_by_label("Mã xác thực (6 chữ số)")
    expect(code_box).to_be_visible()
    if setup.is_visible():
        SECRETS[username] = re.sub(r"\s", "", page.locator("figure code").inner_text())
        code_box.fill(_code(SECRETS[username]))
        page.get_by_role("button", name="Xác nhận và bật").click()
        expect(page.get_by_text("Đã bật xác thực hai lớp.")).to_be_visible()
    else:
        time.sleep(30 - time.time() % 30 + 1)  # a fresh code: the one used to set it up is not accepted twice
        code_box.fill(_code(SECRETS[username]))
        code_box.press("Enter")
        expect(code_box).to_have_count(0)


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _number(text: str) -> int:
    """A figure as the page prints it (Vietnamese grouping: 1.234)."""
    return int(re.sub(r"[^\d]", "", text) or "0")


def _statistics(page: Page, server_url: str, start: dt.date, end: dt.date) -> dict[str, int]:
    """The recommendation figures of the officer's commune for ``start``–``end``, chosen on the page's form."""
    page.goto(f"{server_url}/backoffice/democracy/statistics/")
    page.get_by_label("Hoặc từ ngày").fill(_day(start))
    page.get_by_label("đến ngày").fill(_day(end))
    page.get_by_role("button", name="Xem thống kê").click()
    expect(page.locator("#group-recommendations")).to_be_visible()
    expect(page.locator("#statistics-unit option:checked")).to_have_text("Xã Đồng Xuân")
    return {code: _number(page.locator(f'[data-figure="recommendations:{code}"]').inner_text()) for code in FIGURES}


def _option(page: Page, select: str, *words: str) -> tuple[str, str]:
    """The value and label of the first option of ``select`` whose label has every word of ``words``."""
    labels = page.locator(f"{select} option").all_inner_texts()
    values = page.locator(f"{select} option").evaluate_all("options => options.map(o => o.value)")
    for label, value in zip(labels, values, strict=True):
        if all(word in label for word in words):
            return str(value), label.strip()
    raise AssertionError(f"no option with {words} in {labels}")


def test_voter_contact_questions_tracked_to_their_answers(browser: Browser, server_url: str, artifacts: Path) -> None:
    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()  # the server's day (settings.TIME_ZONE)
    held_on = today - dt.timedelta(days=28)
    mark = f"ma{uuid.uuid4().hex[:8]}"  # a word found only in this run's questions
    commune_questions = [
        f"Đề nghị sửa cầu tràn thôn Phú Sơn bị sạt lở ({mark}).",
        f"Đề nghị thu gom rác chợ Long Bình mỗi ngày ({mark}).",
        f"Đề nghị lắp đèn đường khu phố Long Hòa ({mark}).",
    ]
    province_questions = [f"Đề nghị tỉnh đầu tư hạng mục số {n} qua địa bàn xã ({mark})." for n in range(1, 10)]
    voters = [f"Ông Cử Tri Số {n}" for n in range(1, 13)]
    answers = [
        f"UBND xã đã giao Ban quản lý dự án khắc phục, xong trong quý tới ({mark}, trả lời {n})." for n in (1, 2, 3)
    ]

    # --- The commune officer reads the statistics first, then records the contact and its twelve questions.
    officer = _context(browser)
    page = officer.new_page()
    login(page, server_url, "dongxuan.canbo")
    before = _statistics(page, server_url, held_on, today)

    page.goto(f"{server_url}/backoffice/democracy/contacts/areas/")
    page.get_by_role("link", name="Đơn vị bầu cử số 1").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đơn vị bầu cử số 1")
    page.get_by_text("Lên lịch tiếp xúc cử tri", exact=True).click()
    page.get_by_label("Kỳ họp (ví dụ", exact=False).fill(f"Kỳ họp chuyên đề, HĐND xã khóa I ({mark})")
    page.get_by_label("Thời điểm").select_option("after")
    page.get_by_label("Ngày tiếp xúc").fill(_day(held_on))
    page.get_by_label("Địa điểm").fill("Nhà văn hóa khu phố Long Bình")
    page.get_by_role("button", name="Lên lịch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tiếp xúc cử tri sau kỳ họp")
    page.get_by_label("Số cử tri dự").fill("120")
    expect(page.get_by_label("Đại biểu dự (mỗi dòng một người)")).not_to_have_value("")
    page.get_by_label("Tóm tắt buổi tiếp xúc").fill("Cử tri nêu 12 ý kiến, kiến nghị.")
    page.get_by_role("button", name="Lưu kết quả").click()

    # The questions page: twelve rows at once, each with who raised it, what, and the body that must answer.
    expect(page.locator("#question-rows fieldset.question-row")).to_have_count(12)
    commune_body, _commune_name = _option(page, "#id_q-0-addressee_org", "Ủy ban nhân dân", "Đồng Xuân")
    province_body, province_name = _option(page, "#id_q-0-addressee_org", "Ủy ban nhân dân", "Đắk Lắk")
    for row, (voter, content) in enumerate(zip(voters, commune_questions + province_questions, strict=True)):
        fields = page.locator(f"#row-{row + 1}")
        fields.get_by_label("Người nêu").fill(voter)
        fields.get_by_label("Nội dung ý kiến, kiến nghị").fill(content)
        fields.get_by_label("Loại").select_option("recommendation")
        fields.get_by_label("Lĩnh vực").select_option("infrastructure")
        fields.get_by_label("Cơ quan trả lời").select_option(commune_body if row < COMMUNE_QUESTIONS else province_body)
    page.get_by_role("button", name="Ghi các ý kiến").click()
    expect(page.get_by_text("Đã ghi 12 ý kiến, kiến nghị.")).to_be_visible()
    recorded = page.locator("section[aria-labelledby=recorded-title] article.card")
    expect(recorded).to_have_count(12)
    links = []
    for content in commune_questions:
        card = recorded.filter(has_text=content)
        expect(card).to_contain_text("hạn trả lời")
        links.append(card.get_by_role("link", name="Theo dõi trả lời").get_attribute("href"))
    expect(recorded.filter(has_text=f"Gửi: {province_name}")).to_have_count(PROVINCE_QUESTIONS)
    assert all(links), links
    officer_page = page

    # --- The commune's People's Committee answers its three on time, on a phone.
    phone = _context(browser, PHONE)
    page = phone.new_page()
    login(page, server_url, "dongxuan.chutich")
    for link, content, answer in zip(links, commune_questions, answers, strict=True):
        page.goto(f"{server_url}{link}")
        expect(page.get_by_text(content)).to_be_visible()
        expect(page.locator(".badge[data-status=due_soon]")).to_be_visible()
        assert page.evaluate(NO_SIDEWAYS), link
        page.get_by_text("Ghi câu trả lời", exact=True).click()
        expect(page.get_by_label("Ngày trả lời")).to_have_value(_day(today))
        page.get_by_label("Nội dung trả lời").fill(answer)
        if link == links[0]:
            assert page.evaluate(NO_SIDEWAYS)
            page.screenshot(path=str(artifacts / "recommendation-answer-phone.png"), full_page=True)
        page.get_by_role("button", name="Lưu câu trả lời").click()
        expect(page.get_by_text("Đã ghi câu trả lời.")).to_be_visible()
        expect(page.locator(".badge[data-status=answered]")).to_be_visible()
        expect(page.locator("[data-step=answered]")).to_contain_text(answer)
        expect(page.get_by_text("(muộn)")).to_have_count(0)
        assert page.evaluate(NO_SIDEWAYS), link
    phone.close()

    # --- The raising side judges the first answer unsatisfactory and raises it again.
    page = officer_page
    page.goto(f"{server_url}{links[0]}")
    page.get_by_text("Đánh giá trả lời", exact=True).click()
    page.get_by_label("Chưa hài lòng với trả lời").check()
    page.get_by_label("Lý do (bắt buộc khi chưa hài lòng)").fill("Cầu tràn vẫn sạt lở, chưa có thời hạn cụ thể.")
    page.get_by_label("Kiến nghị lại (hạn mới)").check()
    page.get_by_role("button", name="Lưu đánh giá").click()
    expect(page.get_by_text("Đã ghi đánh giá của bên kiến nghị.")).to_be_visible()
    expect(page.locator(".badge[data-status=reraised]")).to_be_visible()
    expect(page.locator("[data-step=reraised]")).to_be_visible()

    # --- The province's inbox: its nine, all due soon.
    province = _context(browser)
    page = province.new_page()
    login_administrator(page, server_url, "tinh.qtdv")
    page.goto(f"{server_url}/backoffice/democracy/recommendations/inbox/")
    expect(page.get_by_role("heading", name="Kiến nghị cần trả lời")).to_be_visible()
    page.get_by_role("button", name="Sắp đến hạn", exact=True).click()
    expect(page.get_by_label("Tình trạng")).to_have_value("due_soon")
    page.get_by_label("Tìm (không cần dấu)").fill(mark)
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_text(f"{PROVINCE_QUESTIONS} kiến nghị", exact=True)).to_be_visible()
    cards = page.locator("article.card[data-recommendation]")
    expect(cards).to_have_count(PROVINCE_QUESTIONS)
    expect(cards.locator(".badge[data-status=due_soon]")).to_have_count(PROVINCE_QUESTIONS)
    # Due 30 days after the contact (moved to the next working day when that is a day off): within the warning.
    for content in province_questions:
        card = cards.filter(has_text=content)
        expect(card).to_contain_text(f"Tiếp xúc cử tri, Xã Đồng Xuân, {_day(held_on)}")
        found = re.search(r"hạn trả lời (\d\d/\d\d/\d{4})", card.inner_text())
        assert found, content
        day, month, year = (int(part) for part in found.group(1).split("/"))
        due_on = dt.date(year, month, day)
        assert due_on >= max(held_on + dt.timedelta(days=30), today), due_on
    page.screenshot(path=str(artifacts / "recommendation-province-due-soon.png"), full_page=True)
    province.close()

    # --- The commune's public page: each question with its answer, never who raised it.
    public = _context(browser, PHONE)
    page = public.new_page()
    page.goto(f"{server_url}/don-vi/?q=dong+xuan")
    page.get_by_role("link", name="Xã Đồng Xuân").first.click()
    page.get_by_role("link", name="Kiến nghị của Nhân dân và việc trả lời").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiến nghị và trả lời")
    page.get_by_label("Tìm (không cần dấu)").fill(mark)
    page.get_by_role("button", name="Tìm", exact=True).click()
    public_cards = page.locator("article.card[data-recommendation]")
    # Twelve questions and the one raised again.
    expect(public_cards).to_have_count(12 + 1)
    for content in commune_questions + province_questions:
        expect(public_cards.filter(has_text=content).first).to_be_visible()
    for content, answer in zip(commune_questions, answers, strict=True):
        answered = public_cards.filter(has_text=content).filter(has_text=answer)
        expect(answered).to_have_count(1)
    text = page.inner_text("body")
    for voter in voters:
        assert voter not in text, voter
    assert page.evaluate(NO_SIDEWAYS)
    page.screenshot(path=str(artifacts / "recommendation-public-phone.png"), full_page=True)
    public.close()

    # --- The statistics: twelve raised (the re-raise on its own line), three answered on time.
    page = officer_page
    after = _statistics(page, server_url, held_on, today)
    change = {code: after[code] - before[code] for code in FIGURES}
    assert change == {
        "raised": 12,
        "raised.on_time": 3,
        "raised.unanswered": 9,
        "assessed_unsatisfied": 1,
        "reraised": 1,
        "by_addressee.peoples_committee.on_time": 3,
        "by_addressee.higher_level": 9,
    }, (before, after)
    page.screenshot(path=str(artifacts / "recommendation-statistics.png"), full_page=True)
    officer.close()

"""Every back-office page on a 360-px phone: no sideways scrolling, a compact menu, cards instead of wide tables.

The pages come from the URL resolver (tests/pagewalk.py) with the demo data loaded in the test's own database,
served by pytest-django's live server; the browser gets each role's session cookie. For a person to look at,
test-artifacts/phone/ gets a screenshot of the first screen (360 × 740) of each route once (the first role that
opens it) and a full-page one of every page that scrolls sideways; test-artifacts/desktop/ (1280 px) gets the pages too wide for a desktop. (A
full-page screenshot of every page for every role was half of the browser step's time.)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from playwright.sync_api import Browser, BrowserContext, expect

from danvan.accounts.models import Officer
from tests import pagewalk

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
ROLES = ("officer", "leader", "unit_admin", "viewer", "system_admin")

# The element that sticks out furthest, to say which one makes the page scroll sideways.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > limit + 0.5 && (!worst || r.right > worst.right)) {
      worst = {right: Math.round(r.right), tag: el.tagName.toLowerCase(), cls: el.className && String(el.className),
               id: el.id, text: (el.textContent || '').trim().slice(0, 60)};
    }
  }
  return worst;
}"""


@pytest.fixture
def audit_flush(transactional_db):
    """Let the flush after this transactional test empty the append-only audit trail (SQLite deletes row by row)."""
    yield
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        cursor.execute("DELETE FROM core_auditentry")
        cursor.execute(
            "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON core_auditentry "
            "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
        )


@pytest.fixture
def site(audit_flush, live_server, cast, client) -> dict[str, list[tuple[str, str]]]:
    """The demo data, and for each role the URLs of its HTML pages with their routes (found with the test client)."""
    pagewalk.load_demo()
    urls: dict[str, list[tuple[str, str]]] = {}
    for role in ROLES:
        user = Officer.objects.get(username=pagewalk.DEMO_USERS[role])
        client.force_login(user)
        urls[role] = [(page.url, page.route.name) for page in pagewalk.walk(client, user) if page.is_html_page]
    return urls


def _context(browser: Browser, client, role: str, base_url: str, viewport: dict[str, int]) -> BrowserContext:
    client.force_login(Officer.objects.get(username=pagewalk.DEMO_USERS[role]))
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])
    return context


def _slug(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


def test_every_page_fits_a_phone(browser: Browser, client, live_server, site, artifacts: Path):
    """One test, so that the demo data and the page list are made once (each takes minutes on a loaded machine)."""
    _no_page_scrolls_sideways(browser, client, live_server.url, site, artifacts)
    _case_list_shows_status_and_deadline(browser, client, live_server.url)
    _menu_folds_on_a_phone_and_opens_on_a_desktop(browser, client, live_server.url, artifacts)
    _desktop_pages(browser, client, live_server.url, site, artifacts)


def _no_page_scrolls_sideways(browser: Browser, client, base_url: str, site, artifacts: Path) -> None:
    folder = artifacts / "phone"
    folder.mkdir(exist_ok=True)
    too_wide: list[str] = []
    pictured: set[str] = set()
    walked = 0
    for role in ROLES:
        context = _context(browser, client, role, base_url, PHONE)
        page = context.new_page()
        for url, route in site[role]:
            response = page.goto(base_url + url)
            assert response is not None and response.status == 200, url
            walked += 1
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{role} {url}: {width} px, widest: {page.evaluate(WIDEST)}")
            if width > PHONE["width"] or route not in pictured:
                # The whole page when it is too wide (to show where), else the first screen a phone shows.
                pictured.add(route)
                page.screenshot(path=str(folder / f"{role}-{_slug(url)}.png"), full_page=width > PHONE["width"])
        context.close()
    assert walked > 100
    assert not too_wide, "Pages wider than a 360-px phone:\n" + "\n".join(too_wide)


def _case_list_shows_status_and_deadline(browser: Browser, client, base_url: str) -> None:
    context = _context(browser, client, "officer", base_url, PHONE)
    page = context.new_page()
    page.goto(base_url + "/backoffice/cases/")
    first = page.locator("table.cards tbody tr").first
    for label in ("Trạng thái", "Hạn"):
        cell = first.locator(f"td[data-label='{label}']")
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label
    context.close()


def _menu_folds_on_a_phone_and_opens_on_a_desktop(browser: Browser, client, base_url: str, artifacts: Path) -> None:
    context = _context(browser, client, "officer", base_url, PHONE)
    page = context.new_page()
    page.goto(base_url + "/backoffice/")
    cases_link = page.locator(".site-menu").get_by_role("link", name="Đơn thư", exact=True)
    expect(cases_link).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] < 80  # was a third of the screen
    page.locator(".site-menu > summary").click()
    expect(cases_link).to_be_visible()
    page.screenshot(path=str(artifacts / "phone-menu-open.png"))
    cases_link.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    context.close()

    context = _context(browser, client, "unit_admin", base_url, DESKTOP)
    page = context.new_page()
    page.goto(base_url + "/backoffice/")
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.locator(".site-menu").get_by_role("link", name="Cán bộ", exact=True)).to_be_visible()
    context.close()


def _desktop_pages(browser: Browser, client, base_url: str, site, artifacts: Path) -> None:
    folder = artifacts / "desktop"
    folder.mkdir(exist_ok=True)
    context = _context(browser, client, "unit_admin", base_url, DESKTOP)
    page = context.new_page()
    too_wide: list[str] = []
    for url, _route in site["unit_admin"]:
        page.goto(base_url + url)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > DESKTOP["width"]:
            too_wide.append(f"{url}: {width} px, widest: {page.evaluate(WIDEST)}")
            page.screenshot(path=str(folder / f"unit_admin-{_slug(url)}.png"), full_page=True)
    context.close()
    assert not too_wide, "Pages wider than a 1280-px desktop:\n" + "\n".join(too_wide)

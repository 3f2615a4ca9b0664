"""Every back-office page on a 360-px phone: no sideways scrolling, a compact menu, cards instead of wide tables.

The pages come from the URL resolver (tests/pagewalk.py) on a copy of the session's demo database, served by a
danvan server of its own as the journeys are; ``tests/browser/phone_site.py``, run on the same copy, finds each
role's HTML pages with the test client and gives the browser each role's session. For a person to look at,
test-artifacts/phone/ gets a screenshot of the first screen (360 × 740) of each route once (the first role that
opens it) and a full-page one of every page that scrolls sideways; test-artifacts/desktop/ (1280 px) gets the
pages too wide for a desktop. (A full-page screenshot of every page for every role was half of the browser step's
time; a database of the test's own, migrated, with the unit tree and the demo loaded again, a third of the rest.)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.browser.conftest import ROOT, copy_of_demo, serve, server_env
from tests.browser.phone_site import ROLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}

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


class Site(NamedTuple):
    url: str  # the server's
    cookie: str  # the session cookie's name
    roles: dict[str, Any]  # for each role its session ("session") and its pages ("pages": [url, route name])


@pytest.fixture(scope="module")
def site(demo_var_dir: str) -> Iterator[Site]:
    """A server on a copy of the demo, and for each role its session and its pages (found with the test client)."""
    var_dir = copy_of_demo(demo_var_dir, "danvan-phone-")
    # The server starts while the pages are found (the walk only reads and adds sessions; SQLite in WAL mode).
    with (
        subprocess.Popen(
            [sys.executable, "-m", "tests.browser.phone_site"],
            env=server_env(var_dir),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as finding,
        serve(var_dir) as url,
    ):
        listed, errors = finding.communicate()
        assert finding.returncode == 0, errors
        yield Site(url, **json.loads(listed))


def _context(browser: Browser, site: Site, role: str, viewport: ViewportSize) -> BrowserContext:
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    context.add_cookies([{"name": site.cookie, "value": site.roles[role]["session"], "url": site.url}])
    return context


def _slug(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


def test_every_page_fits_a_phone(browser: Browser, site: Site, artifacts: Path):
    """One test, so that the page list is made once (it takes a minute on a loaded machine)."""
    too_wide_on_a_desktop = _no_page_scrolls_sideways(browser, site, artifacts)
    _case_list_shows_status_and_deadline(browser, site)
    _menu_folds_on_a_phone_and_opens_on_a_desktop(browser, site, artifacts)
    assert not too_wide_on_a_desktop, "Pages wider than a 1280-px desktop:\n" + "\n".join(too_wide_on_a_desktop)


def _no_page_scrolls_sideways(browser: Browser, site: Site, artifacts: Path) -> list[str]:
    """Check every page on a phone; the unit administrator's also on a desktop, the page widened to 1280 px once
    checked on the phone (a second walk of the same pages took a sixth of the test). Returns the pages too wide
    for a desktop."""
    folder = artifacts / "phone"
    folder.mkdir(exist_ok=True)
    (artifacts / "desktop").mkdir(exist_ok=True)
    too_wide: list[str] = []
    too_wide_on_a_desktop: list[str] = []
    pictured: set[str] = set()
    walked = 0
    for role in ROLES:
        context = _context(browser, site, role, PHONE)
        page = context.new_page()
        for url, route in site.roles[role]["pages"]:
            response = page.goto(site.url + url)
            assert response is not None and response.status == 200, url
            walked += 1
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{role} {url}: {width} px, widest: {page.evaluate(WIDEST)}")
            if width > PHONE["width"] or route not in pictured:
                # The whole page when it is too wide (to show where), else the first screen a phone shows.
                pictured.add(route)
                page.screenshot(path=str(folder / f"{role}-{_slug(url)}.png"), full_page=width > PHONE["width"])
            if role == "unit_admin":
                too_wide_on_a_desktop += _fits_a_desktop(page, url, artifacts)
        context.close()
    assert walked > 100
    assert not too_wide, "Pages wider than a 360-px phone:\n" + "\n".join(too_wide)
    return too_wide_on_a_desktop


def _fits_a_desktop(page: Page, url: str, artifacts: Path) -> list[str]:
    """[] if the page open on a phone fits a desktop once widened to 1280 px (then back to the phone's width)."""
    page.set_viewport_size(DESKTOP)
    try:
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width <= DESKTOP["width"]:
            return []
        page.screenshot(path=str(artifacts / "desktop" / f"unit_admin-{_slug(url)}.png"), full_page=True)
        return [f"{url}: {width} px, widest: {page.evaluate(WIDEST)}"]
    finally:
        page.set_viewport_size(PHONE)


def _case_list_shows_status_and_deadline(browser: Browser, site: Site) -> None:
    context = _context(browser, site, "officer", PHONE)
    page = context.new_page()
    page.goto(site.url + "/backoffice/cases/")
    first = page.locator("table.cards tbody tr").first
    for label in ("Trạng thái", "Hạn"):
        cell = first.locator(f"td[data-label='{label}']")
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label
    context.close()


def _menu_folds_on_a_phone_and_opens_on_a_desktop(browser: Browser, site: Site, artifacts: Path) -> None:
    context = _context(browser, site, "officer", PHONE)
    page = context.new_page()
    page.goto(site.url + "/backoffice/")
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

    context = _context(browser, site, "unit_admin", DESKTOP)
    page = context.new_page()
    page.goto(site.url + "/backoffice/")
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.locator(".site-menu").get_by_role("link", name="Cán bộ", exact=True)).to_be_visible()
    context.close()

"""One walk of the whole site, every page for the public and each demo role, each page checked for everything a
page must be: element ids unique and labels pointing at an element (test_page_ids.py), its own words in English
when English is chosen (test_english_pages.py), and no route left unwalked or answering a server error.

Pages come from the URL resolver (tests/pagewalk.py) on the demo data, so a new page is checked without being
listed here. A role's pages are walked once: the roles of the English check (the public, an officer, a unit's
administrator, the system's) in English, the others in Vietnamese. The ids and labels come from the templates, not
from the translations, so they are checked on whichever language the walk was in. (Two walks per role took a
minute more per engine.)

In `make test` the two engine runs share the walk (tests/walkshare.py): each walks every other route, for every
role, so every check on a route (its ids and labels, its English, some role opens it, no 5xx) is made on every
route once per `make test`; run alone, the test walks every route.

Each role's start pages (the dashboard and each app's hub, ``pagewalk.START_PAGES``) are also read for their links:
a link a role sees must open for that role (no 403, 404 or 5xx), so an action or a report is hidden from a role
that cannot use it, or works for it. The links are followed in the run that walked their start page.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from danvan.accounts.models import Officer
from danvan.core.tests.test_english_pages import vietnamese_chrome
from danvan.core.tests.test_page_ids import problems
from tests import pagewalk
from tests.walkshare import my_examples, my_part

pytestmark = [pytest.mark.slow]

IN_ENGLISH = (None, "officer", "unit_admin", "system_admin")


def _quoted_law() -> set[str]:
    """Legal criteria are data quoted from Vietnamese law (effective-dated rows), not the page's own words; so are
    the consultation items and forms of Art. 25–26 of Luật 10/2022 (pick-lists an administrator edits)."""
    from danvan.cases.models import ComplexityCriterion
    from danvan.democracy.models import ConsultationChannel, ConsultationItem

    quoted = set(ComplexityCriterion.objects.values_list("text", flat=True))
    quoted |= set(ConsultationItem.objects.values_list("name", flat=True))
    quoted |= set(ConsultationChannel.objects.values_list("name", flat=True))
    return quoted


def dead_links(client, role: str, pages: list[pagewalk.Page]) -> list[str]:
    """The links of the role's start pages (among ``pages``) that answer 403, 404 or a server error to the role.

    One link per route and query parameters is followed (not every record of a list: the pages list the records
    the role reads), and none the walk has already asked for: a few dozen requests per role."""
    answered = {page.url: page.status for page in pages}
    followed: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
    for page in pages:
        if page.route.name in pagewalk.START_PAGES and page.is_html_page:
            for url in pagewalk.back_office_links(page):
                followed.setdefault(pagewalk.link_kind(url), (url, page.url))
    dead = []
    for url, start in followed.values():
        status = answered.get(url)
        if status is None:
            response = client.get(url)
            if getattr(response, "streaming", False):
                response.close()
            status = response.status_code
        if status in (403, 404) or status >= 500:
            dead.append(f"{role}: {status} {url} (linked on {start})")
    return dead


def test_every_page_for_every_role(client, cast):
    pagewalk.load_demo()
    quoted_law = _quoted_law()
    seen: dict[str, set[int]] = {}
    broken: list[str] = []
    dead: list[str] = []
    vietnamese: dict[str, set[str]] = {}
    mine = my_part(pagewalk.routes())  # this run's routes, each walked by every role
    for role in [None, *pagewalk.DEMO_USERS]:
        client.logout()
        user = Officer.objects.get(username=pagewalk.DEMO_USERS[role]) if role else None
        if user is not None:
            client.force_login(user)
        english = role in IN_ENGLISH
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en" if english else "vi"
        pages = pagewalk.walk(client, user, mine)
        html = [page for page in pages if page.is_html_page]
        assert len(html) >= my_examples(5 if role is None else 20), role
        for page in html:
            broken += [f"{role}: {page.url}: {problem}" for problem in problems(page.body)]
            if english:
                assert '<html lang="en">' in page.body, page.url
                for text in set(vietnamese_chrome(page.body)) - quoted_law:
                    vietnamese.setdefault(text, set()).add(page.route.name)
            else:
                assert '<html lang="vi">' in page.body, page.url
        for page in pages:
            seen.setdefault(page.route.name, set()).add(page.status)
        if role is not None:
            dead += dead_links(client, role, pages)
    assert not broken, "\n".join(broken)
    assert not dead, "links that do not open for the role that sees them:\n" + "\n".join(dead)
    assert not vietnamese, "Vietnamese words on English pages:\n" + "\n".join(
        f"{text!r} on {sorted(routes)}" for text, routes in sorted(vietnamese.items())
    )

    # Every route was walked: it renders for some role or answers a GET as it should (405 for POST only, a file).
    never = [
        route.name
        for route in mine
        if not seen.get(route.name) and route.name not in pagewalk.NOT_PAGES_WITHOUT_DEMO_DATA
    ]
    assert not never, f"routes with no value for their parameters (add a source in tests/pagewalk.py): {never}"
    only_404 = [name for name, statuses in seen.items() if statuses <= {404}]
    assert not only_404, f"routes no demo role could open: {only_404}"
    assert not [name for name, statuses in seen.items() if any(status >= 500 for status in statuses)]

"""On every page, for several roles: element ids are unique and every <label for=…> points at an element.

Pages come from the URL resolver (tests/pagewalk.py) on the demo data, so a new page is checked without being
listed here. Duplicate ids break labels (a click focuses the wrong input, a screen reader reads the wrong name).
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from danvan.accounts.models import Officer
from tests import pagewalk


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.label_targets: list[str] = []
        self.aria_refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "label" and attributes.get("for"):
            self.label_targets.append(str(attributes["for"]))
        for name in ("aria-labelledby", "aria-describedby", "aria-controls"):
            self.aria_refs.extend((attributes.get(name) or "").split())


def problems(body: str) -> list[str]:
    parser = _Ids()
    parser.feed(body)
    counts = Counter(parser.ids)
    found = [f"id {name!r} used {n} times" for name, n in counts.items() if n > 1]
    found += [f"<label for={target!r}> points at nothing" for target in parser.label_targets if target not in counts]
    found += [f"aria reference {ref!r} points at nothing" for ref in parser.aria_refs if ref not in counts]
    return found


def test_problems_finds_duplicates_and_dangling_labels():
    body = '<input id="a"><input id="a"><label for="b">B</label><p aria-describedby="c"></p>'
    assert problems(body) == [
        "id 'a' used 2 times",
        "<label for='b'> points at nothing",
        "aria reference 'c' points at nothing",
    ]
    assert problems('<label for="a">A</label><input id="a">') == []


@pytest.mark.slow
def test_every_page_for_every_role_has_unique_ids_and_labels_that_point_at_inputs(client, cast):
    """One walk (the demo loaded once) of every route for the public and each demo role."""
    pagewalk.load_demo()
    seen: dict[str, set[int]] = {}
    broken: list[str] = []
    for role in [None, *pagewalk.DEMO_USERS]:
        user = Officer.objects.get(username=pagewalk.DEMO_USERS[role]) if role else None
        if user is not None:
            client.force_login(user)
        pages = pagewalk.walk(client, user)
        html = [page for page in pages if page.is_html_page]
        assert len(html) >= (5 if role is None else 20), role
        broken += [f"{role}: {page.url}: {problem}" for page in html for problem in problems(page.body)]
        for page in pages:
            seen.setdefault(page.route.name, set()).add(page.status)
    assert not broken, "\n".join(broken)

    # Every route was walked: it renders for some role or answers a GET as it should (405 for POST only, a file).
    never = [
        route.name
        for route in pagewalk.routes()
        if not seen.get(route.name) and route.name not in pagewalk.NOT_PAGES_WITHOUT_DEMO_DATA
    ]
    assert not never, f"routes with no value for their parameters (add a source in tests/pagewalk.py): {never}"
    only_404 = [name for name, statuses in seen.items() if statuses <= {404}]
    assert not only_404, f"routes no demo role could open: {only_404}"
    assert not [name for name, statuses in seen.items() if any(status >= 500 for status in statuses)]

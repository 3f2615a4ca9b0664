"""Every page in English has its labels, column headings, buttons, legends and summaries in English.

Data stays Vietnamese (unit and people's names), so only the page's own words are checked: the text of <label>,
<th scope="col">, <button>, <legend> and <summary>, less any {{ value }} the template puts inside (marked with
``translate="no"`` or a ``data-value`` span by the templates that do so).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from danvan.accounts.models import Officer
from tests import pagewalk

CHROME = {"label", "button", "legend", "summary", "th"}
# Letters that only Vietnamese uses (not in English words): ă â đ ê ô ơ ư and the tone marks on any vowel.
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)


class _Chrome(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, counts)
        self.texts: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        skip = attributes.get("translate") == "no" or tag in {"select", "option", "a", "small", "span"}
        counts = tag in CHROME and (tag != "th" or attributes.get("scope") == "col")
        if tag in {"br", "input", "img", "meta", "link", "hr"}:
            return
        self.stack.append((tag, counts and not skip))
        if skip:
            self.stack[-1] = (tag, False)
            self.stack.append(("#skip", False))
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, counts = self.stack.pop()
            if counts:
                text = " ".join("".join(self.current).split())
                if text:
                    self.texts.append(text)
                self.current = []
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.stack:
            return
        inside = [counts for _, counts in self.stack]
        skipped = any(tag in {"select", "option", "a", "small", "span", "script", "style"} for tag, _ in self.stack)
        if any(inside) and not skipped:
            self.current.append(data)


def vietnamese_chrome(body: str) -> list[str]:
    parser = _Chrome()
    parser.feed(body)
    return sorted({text for text in parser.texts if VIETNAMESE.search(text)})


def test_vietnamese_chrome_finds_untranslated_labels():
    body = '<label for="x">Họ tên</label><th scope="col">Name</th><button>Lưu</button><label>Name <span>Đồng</span></label>'
    assert vietnamese_chrome(body) == ["Họ tên", "Lưu"]


@pytest.mark.slow
def test_every_page_in_english_has_english_labels(client, cast):
    from danvan.cases.models import ComplexityCriterion
    from danvan.democracy.models import ConsultationChannel, ConsultationItem

    pagewalk.load_demo()
    # Legal criteria are data quoted from Vietnamese law (effective-dated rows), not the page's own words.
    # So are the consultation items and forms of Art. 25–26 of Luật 10/2022 (pick-lists an administrator edits).
    quoted_law = set(ComplexityCriterion.objects.values_list("text", flat=True))
    quoted_law |= set(ConsultationItem.objects.values_list("name", flat=True))
    quoted_law |= set(ConsultationChannel.objects.values_list("name", flat=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found: dict[str, set[str]] = {}
    for role in (None, "officer", "unit_admin", "system_admin"):
        user = Officer.objects.get(username=pagewalk.DEMO_USERS[role]) if role else None
        if user is not None:
            client.force_login(user)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for page in pagewalk.walk(client, user):
            if page.is_html_page:
                assert '<html lang="en">' in page.body, page.url
                for text in set(vietnamese_chrome(page.body)) - quoted_law:
                    found.setdefault(text, set()).add(page.route.name)
    assert not found, "Vietnamese words on English pages:\n" + "\n".join(
        f"{text!r} on {sorted(routes)}" for text, routes in sorted(found.items())
    )

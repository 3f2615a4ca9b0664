"""Every page in English has its labels, column headings, buttons, legends and summaries in English.

Data stays Vietnamese (unit and people's names), so only the page's own words are checked: the text of <label>,
<th scope="col">, <button>, <legend> and <summary>, less any {{ value }} the template puts inside (marked with
``translate="no"`` or a ``data-value`` span by the templates that do so). The pages are walked, and checked with
:func:`vietnamese_chrome`, by the one walk of the site, ``test_every_page.py``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

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

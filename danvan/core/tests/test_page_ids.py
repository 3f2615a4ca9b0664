"""Element ids are unique and every <label for=…> points at an element.

Duplicate ids break labels (a click focuses the wrong input, a screen reader reads the wrong name). Every page of
every role is checked with :func:`problems` by the one walk of the site, ``test_every_page.py``.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser


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

"""The English translation is complete: every Vietnamese msgid has an English msgstr, none is fuzzy.

When a new Vietnamese string is marked for translation, ``make messages`` adds it to
``locale/en/LC_MESSAGES/django.po`` with an empty msgstr, and these tests fail until it is translated.
The catalog is parsed with the standard library only.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

# %(name)s, %s, %d … (not "%%"): a translation must keep exactly the placeholders of its msgid.
PYTHON_PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header included, obsolete (``#~``) entries left out."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None  # the keyword a continuation line ("...") appends to
    pending_flags: set[str] = set()

    def start(line_no: int) -> Entry:
        nonlocal entry, pending_flags
        entry = Entry(line=line_no, flags=pending_flags)
        pending_flags = set()
        entries.append(entry)
        return entry

    def append(text: str) -> None:
        assert entry is not None and target is not None
        keyword, index = target
        if keyword == "msgstr":
            assert index is not None
            entry.msgstr[index] = entry.msgstr.get(index, "") + text
        else:
            setattr(entry, keyword, (getattr(entry, keyword) or "") + text)

    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            entry, target, pending_flags = None, None, set()
            continue
        if line.startswith("#,"):
            pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            append(ast.literal_eval(line))
            continue
        keyword, _, value = line.partition(" ")
        text = ast.literal_eval(value.strip())
        if keyword == "msgctxt" or (keyword == "msgid" and (entry is None or entry.msgstr)):
            start(line_no)
        assert entry is not None, f"{path}:{line_no}: {keyword} outside an entry"
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if match:
            target = ("msgstr", int(match.group(1)))
        elif keyword == "msgstr":
            target = ("msgstr", 0)
        elif keyword in {"msgctxt", "msgid", "msgid_plural"}:
            target = (keyword, None)
        else:
            raise AssertionError(f"{path}:{line_no}: unexpected line {raw!r}")
        append(text)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run `make messages`"
    return parse_po(PO_PATH)


@pytest.fixture(scope="module")
def messages(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if not entry.is_header]


def test_catalog_has_a_header_and_entries(entries, messages):
    headers = [entry for entry in entries if entry.is_header]
    assert len(headers) == 1
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in headers[0].msgstr[0]
    assert "Language: en" in headers[0].msgstr[0]
    assert len(messages) > 100


def test_every_message_has_an_english_translation(messages):
    untranslated = [
        str(entry)
        for entry in messages
        if not entry.msgstr
        or any(not text for text in entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1])
    ]
    assert not untranslated, "Vietnamese strings without English (fill msgstr in django.po):\n" + "\n".join(
        untranslated
    )


def test_no_fuzzy_entries(entries):
    fuzzy = [str(entry) for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, "Fuzzy entries are not compiled; review them and remove the flag:\n" + "\n".join(fuzzy)


def test_translations_keep_the_placeholders(messages):
    broken = []
    for entry in messages:
        for index, text in entry.msgstr.items():
            source = entry.msgid_plural if index and entry.msgid_plural is not None else entry.msgid
            if "python-format" in entry.flags and sorted(PYTHON_PLACEHOLDER.findall(source)) != sorted(
                PYTHON_PLACEHOLDER.findall(text)
            ):
                broken.append(f"{entry} → {text!r}")
            if source.startswith("\n") != text.startswith("\n") or source.endswith("\n") != text.endswith("\n"):
                broken.append(f"{entry} → {text!r} (leading/trailing newline)")
    assert not broken, "Translations whose placeholders differ from the msgid:\n" + "\n".join(broken)


def test_compiled_catalog_matches_the_po_file(messages):
    assert MO_PATH.exists(), f"{MO_PATH} is missing: run `danvan compilemessages --ignore=.venv`"
    with MO_PATH.open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    stale = []
    for entry in messages:
        if entry.msgid_plural is None:
            compiled = {
                0: catalog.gettext(entry.msgid)
                if entry.msgctxt is None
                else catalog.pgettext(entry.msgctxt, entry.msgid)
            }
        else:
            compiled = {
                index: catalog.ngettext(entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt is None
                else catalog.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                for index, n in ((0, 1), (1, 2))
            }
        if compiled != entry.msgstr:
            stale.append(str(entry))
    assert not stale, "django.mo is out of date, run compilemessages:\n" + "\n".join(stale)


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Tổng quan", "Dashboard"),
        ("Đăng nhập", "Sign in"),
        ("Cổng thông tin dân vận và dân chủ ở cơ sở", "Mass Mobilization and Grassroots Democracy Portal"),
        ("Giải quyết đơn thư", "Petition handling"),
        ("Tiếp công dân", "Citizen reception"),
    ],
)
def test_known_strings_in_english(vietnamese, english):
    with translation.override("en"):
        assert translation.gettext(vietnamese) == english
    with translation.override("vi"):
        assert translation.gettext(vietnamese) == vietnamese


def test_plural_forms_in_english():
    with translation.override("en"):
        assert translation.ngettext("%(counter)s kết quả", "%(counter)s kết quả", 1) % {"counter": 1} == "1 result"
        assert translation.ngettext("%(counter)s kết quả", "%(counter)s kết quả", 3) % {"counter": 3} == "3 results"


@pytest.mark.django_db
def test_portal_home_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in body
    assert "Mass Mobilization and Grassroots Democracy Portal" in body
    assert "Cổng thông tin dân vận và dân chủ ở cơ sở" not in body


@pytest.mark.django_db
def test_portal_home_in_english_from_accept_language(client):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert "Mass Mobilization and Grassroots Democracy Portal" in response.content.decode()


@pytest.mark.django_db
def test_portal_home_is_vietnamese_by_default(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Cổng thông tin dân vận và dân chủ ở cơ sở" in body

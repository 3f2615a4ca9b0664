import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.formatting import choice_label, format_date, format_number, format_percent
from danvan.core.text import fold, search_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đồng Xuân", "dong xuan"),
        ("ĐƯỜNG", "duong"),
        ("Dân vận khéo", "dan van kheo"),
        ("Hội Liên hiệp Phụ nữ", "hoi lien hiep phu nu"),
        ("Thị trấn  La   Hai", "thi tran la hai"),
        ("Xã Ea H'Leo", "xa ea h'leo"),
        ("Tuyên Quang", "tuyen quang"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_treats_composed_and_decomposed_input_alike():
    composed = "Nguyễn"
    decomposed = "Nguye\u0302\u0303n"
    assert fold(composed) == fold(decomposed) == "nguyen"


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    once = fold(text)
    assert fold(once) == once
    assert "đ" not in once and once == once.lower()


def test_search_terms_drop_punctuation():
    assert search_terms("  Đồng-Xuân, (Đắk Lắk) ") == ["dong", "xuan", "dak", "lak"]
    assert search_terms("'; DROP TABLE x; --") == ["drop", "table", "x"]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, 0, "1.234.567"),
        (33838, 0, "33.838"),
        (25.5, 1, "25,5"),
        (Decimal("-1234.56"), 2, "-1.234,56"),
        (Fraction(2, 3), 1, "0,7"),
        (7_000_000, 0, "7.000.000"),
        (0, 0, "0"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_percent_and_date():
    assert format_percent(-25.5) == "-25,5%"
    assert format_percent(Fraction(33838 * 100, 43479)) == "77,8%"
    assert format_date(dt.date(2026, 2, 16)) == "16/02/2026"


def test_pages_render_vietnamese_formats(client, cast):
    client.force_login(cast.alice)
    body = client.get("/backoffice/").content.decode()
    assert 'data-figure="communes">1<' in body


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def _import_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    return subprocess.run(
        [sys.executable, "-c", "import danvan.settings"], env={**clean, **env}, capture_output=True, text=True
    )


VAULT_KEY = "2bN4m1m8Xq0G4C6WmWcS8O9A1oJ6v3fQk3N0b2Yd8sU="


def test_production_refuses_to_start_without_secret_hosts_or_vault_keys():
    assert "DANVAN_SECRET_KEY" in _import_settings(DANVAN_DEBUG="0").stderr
    result = _import_settings(DANVAN_DEBUG="0", DANVAN_SECRET_KEY="x" * 40)
    assert "DANVAN_ALLOWED_HOSTS" in result.stderr
    result = _import_settings(DANVAN_DEBUG="0", DANVAN_SECRET_KEY="x" * 40, DANVAN_ALLOWED_HOSTS="a.vn")
    assert "DANVAN_VAULT_KEYS" in result.stderr
    production = {"DANVAN_SECRET_KEY": "x" * 40, "DANVAN_ALLOWED_HOSTS": "a.vn", "DANVAN_VAULT_KEYS": VAULT_KEY}
    assert _import_settings(DANVAN_DEBUG="0", **production).returncode == 0


def test_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s" * 40)
    result = _import_settings(
        DANVAN_DEBUG="0", DANVAN_SECRET_KEY_FILE=str(secret), DANVAN_ALLOWED_HOSTS="a.vn", DANVAN_VAULT_KEYS=VAULT_KEY
    )
    assert result.returncode == 0, result.stderr


def test_single_line_drops_control_characters():
    from danvan.core.text import single_line

    assert single_line("  Thôn\x00 Một\n\tHai ") == "Thôn Một Hai"
    assert single_line(None) == ""


def _single_line_by_loop(text: str) -> str:
    """``single_line`` as it was written first: a Python loop over each character."""
    import re
    import unicodedata

    visible = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch) != "Cc")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", visible)).strip()


@given(
    st.text(
        st.one_of(
            st.characters(),
            st.sampled_from("\x00\x1c\x85\xa0\u2000\u2028\u3000\u0301\u0323eêơ \t\n\r\x7f\x9f"),
        )
    )
)
def test_single_line_is_the_loop_it_replaced(text):
    from danvan.core.text import single_line

    assert single_line(text) == _single_line_by_loop(text)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_choice_label_is_what_get_display_answers_in_the_active_language(language):
    from django.utils import translation

    from danvan.core.models import CalendarNotice, NoticeKind

    with translation.override(language):
        for kind in NoticeKind:
            assert choice_label(NoticeKind, kind.value) == CalendarNotice(kind=kind).get_kind_display()
        assert choice_label(NoticeKind, "no_such_kind") == CalendarNotice(kind="no_such_kind").get_kind_display()
    assert choice_label(NoticeKind, "day_off") != choice_label(NoticeKind, "working_day")


def test_rows_of_api_answers_and_spreadsheets_are_labelled_with_choice_label():
    """Each row of an API answer or an XLSX export labels its choices with ``choice_label``: ``get_FOO_display()``
    builds a dict of every choice on each call (0.2 ms: 4 ms of a page of twenty, seconds of a long export)."""
    from pathlib import Path

    import danvan

    root = Path(danvan.__file__).parent
    per_row = [
        path
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and (path.name in {"api.py", "schemas.py"} or path.name.endswith(("_api.py", "_schemas.py", "xlsx.py")))
    ]
    assert len(per_row) > 20
    offenders = [str(path.relative_to(root)) for path in per_row if "_display()" in path.read_text()]
    assert offenders == []

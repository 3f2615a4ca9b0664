"""Lenient query-string parsing: values that do not parse are ignored (None), valid ones are typed."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from danvan.core.params import bool_param, choice, date_param, positive_int


@pytest.mark.parametrize(("value", "expected"), [("7", 7), (" 42 ", 42), (3, 3), (2**63 - 1, 2**63 - 1)])
def test_positive_int_parses(value, expected):
    assert positive_int(value) == expected


@pytest.mark.parametrize("value", [None, "", "abc", "0", "-5", "1.5", str(2**63), "²"])
def test_positive_int_ignores_bad_values(value):
    assert positive_int(value) is None


def test_choice():
    assert choice(" open ", ["open", "closed"]) == "open"
    assert choice("other", ["open", "closed"]) is None
    assert choice(None, ["open"]) is None
    assert choice("", ["open"]) is None


@pytest.mark.parametrize("value", ["2026-11-20", "20/11/2026", " 20/11/2026 "])
def test_date_param_parses_both_forms(value):
    assert date_param(value) == dt.date(2026, 11, 20)


@pytest.mark.parametrize("value", [None, "", "31/02/2026", "2026-13-01", "20.11.2026", "hôm nay"])
def test_date_param_ignores_bad_values(value):
    assert date_param(value) is None


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("TRUE", True), ("0", False), ("false", False)]
)
def test_bool_param_parses(value, expected):
    assert bool_param(value) is expected


@pytest.mark.parametrize("value", [None, "", "yes", "2", "no"])
def test_bool_param_ignores_bad_values(value):
    assert bool_param(value) is None


def test_one_pair_of_year_bounds_for_the_whole_project():
    """Years are bounded by core.periods.MIN_YEAR/MAX_YEAR only: no other literal year bound in the code."""
    import pathlib

    from danvan.core.periods import MAX_YEAR, MIN_YEAR, year_in_range

    root = pathlib.Path(__file__).resolve().parents[2]
    bound = re.compile(
        r"(min_value|max_value|ge|le|gt|lt)=(19|20|21|22)\d\d\b|\b(19|20|21|22)\d\d\s*<=\s*year|year\s*<=?\s*(19|20|21|22)\d\d\b"
    )
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if bound.search(line)
    ]
    assert found == [], "\n".join(found)
    assert (MIN_YEAR, MAX_YEAR) == (2000, 2099)
    assert year_in_range(2026) and not year_in_range(1999) and not year_in_range(2100) and not year_in_range(None)


@pytest.mark.parametrize(("value", "expected"), [("2026", 2026), ("1999", None), ("10000", None), ("²", None)])
def test_year_param_keeps_the_project_bounds(value, expected):
    from danvan.core.params import year_param

    assert year_param(value) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["10000", "2147483648", "1999"])
def test_a_year_out_of_bounds_in_an_address_is_ignored(client, cast, year):
    client.force_login(cast.carol)
    assert client.get("/backoffice/initiatives/commendations/docx/", {"year": year}).status_code < 500
    assert client.get("/backoffice/initiatives/", {"year": year, "recognized_year": year}).status_code == 200

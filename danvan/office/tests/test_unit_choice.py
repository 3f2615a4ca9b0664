"""A page about one unit, opened by a system administrator (who belongs to no unit) without ``?unit=``, offers the
provinces to choose from instead of a 404; the choice opens the page on that province. An officer without any unit
still gets the 404; the API answers 422 ``unit_required`` with the field to send."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import make_officer
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree

pytestmark = [pytest.mark.slow]

# The pages that open on the officer's first unit (office.access.required_statistics_unit).
UNIT_PAGES = (
    "case_statistics:index",
    "initiatives:initiative_statistics",
    "feedback_statistics:statistics",
    "democracy:statistics",
    "democracy:statistics_ranking",
    "democracy:meeting_compliance",
    "democracy:staff_dialogue_compliance",
)


def choices(body: str) -> list[str]:
    listed = body[body.index("data-unit-choices") :]
    return [url.replace("&amp;", "&") for url in re.findall(r'<a href="([^"]+)"', listed[: listed.index("</ul>")])]


@pytest.mark.parametrize("name", UNIT_PAGES)
def test_a_system_administrator_chooses_a_province_then_sees_its_page(client, cast, name):
    client.force_login(cast.root)
    url = reverse(name)
    offered = client.get(url, {"year": "2026"})
    assert offered.status_code == 200
    body = offered.content.decode()
    assert "Chọn đơn vị" in body
    provinces = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE)
    dak_lak = f"{url}?year=2026&unit={cast.dak_lak.pk}"
    assert len(choices(body)) == provinces.count() and dak_lak in choices(body)  # the query string is kept
    chosen = client.get(dak_lak)
    assert chosen.status_code == 200 and "data-unit-choices" not in chosen.content.decode()


def test_an_officer_without_a_unit_still_gets_404_and_the_api_asks_for_the_unit(client, cast):
    client.force_login(make_officer("nobody", "Chưa Phân Công"))
    assert client.get(reverse("case_statistics:index")).status_code == 404
    client.force_login(cast.root)
    answer = client.get("/api/v1/cases/statistics")
    assert answer.status_code == 422
    assert answer.json()["code"] == "unit_required" and "unit" in answer.json()["fields"]
    assert "đơn vị" in answer.json()["message"]
    assert client.get("/api/v1/cases/statistics", {"unit": cast.dak_lak.pk}).status_code == 200

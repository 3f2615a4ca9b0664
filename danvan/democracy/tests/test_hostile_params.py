"""Query parameters typed by hand or by a probe ("²", "15.000.000", "=1+1", "31/02/2026") never make a democracy page
or operation fail: every parameterless page and list operation of the app answers them with a page or a clear
refusal, never a 500."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver, reverse

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "15.000.000", "=1+1", "31/02/2026", "-1", "99999999999999999999999"]
PARAMS = ("unit", "item", "year", "quarter", "status", "page", "q", "kind", "start", "end", "period", "show", "ho")


def _democracy_pages() -> list[str]:
    names = []
    for namespace in ("democracy", "democracy_public"):
        resolver = get_resolver().namespace_dict[namespace][1]
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLPattern) and not pattern.pattern.converters:
                names.append(f"{namespace}:{pattern.name}")
    return names


@pytest.mark.parametrize("value", HOSTILE)
def test_every_democracy_page_survives_hostile_query_values(client, cast, value):
    client.force_login(cast.alice)
    query = dict.fromkeys(PARAMS, value)
    pages = _democracy_pages()
    assert "democracy:decision_create" in pages and "democracy:disclosure_list" in pages
    for name in pages:
        response = client.get(reverse(name), query)
        assert response.status_code < 500, (name, value, response.status_code)
    public = reverse("democracy_public:disclosure_list", kwargs={"unit_id": cast.dong_xuan.pk})
    assert client.get(public, {"item": value, "q": value}).status_code < 500


@pytest.mark.parametrize("value", HOSTILE)
def test_the_disclosure_lists_of_the_api_survive_hostile_item_values(client, cast, value):
    client.force_login(cast.alice)
    for path in (
        "/api/v1/democracy/disclosures",
        f"/api/v1/democracy/public/communes/{cast.dong_xuan.pk}/disclosures",
    ):
        response = client.get(path, {"item": value})
        assert response.status_code < 500, (path, value, response.content[:300])

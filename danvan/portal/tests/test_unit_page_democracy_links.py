"""The public page of a commune links to its grassroots-democracy pages: disclosures, the published results of
community decisions and the recommendations raised in public settings with their answers. A village or a
province page does not (they have no such pages)."""

from __future__ import annotations

import contextlib
import re

from django.urls import NoReverseMatch, reverse


def links(html: str) -> dict[str, str]:
    return {name: href for href, name in re.findall(r'href="([^"]+)" data-link="(\w+)"', html)}


def test_a_commune_page_links_to_disclosures_decisions_and_recommendations(client, cast):
    response = client.get(reverse("portal:unit_page", args=[cast.dong_xuan.pk]))
    assert response.status_code == 200
    found = links(response.content.decode())
    unit_id = cast.dong_xuan.pk
    assert found["disclosures"] == reverse("democracy_public:disclosure_list", args=[unit_id])
    assert found["decisions"] == reverse("democracy_public:decision_list", args=[unit_id])
    assert found["recommendations"] == f"/dan-chu/xa/{unit_id}/kien-nghi/"
    with contextlib.suppress(NoReverseMatch):  # the tracker's public page, when installed, is the same address
        assert reverse("democracy_public:recommendation_list", args=[unit_id]) == found["recommendations"]
    assert client.get(found["decisions"]).status_code == 200
    assert client.get(found["disclosures"]).status_code == 200


def test_a_province_page_has_no_commune_links(client, cast):
    response = client.get(reverse("portal:unit_page", args=[cast.dak_lak.pk]))
    assert response.status_code == 200 and links(response.content.decode()) == {}

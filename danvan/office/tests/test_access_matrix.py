"""Roles × units: what each member of the cast may do on their own, a sibling and the parent unit.

Refusals are always 404, never 403: a probe cannot tell "missing" from "forbidden".
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.core.models import AdministrativeUnit

OWN, SIBLING, PARENT, OTHER_PROVINCE = "dong_xuan", "buon_ma_thuot", "dak_lak", "ba_dinh"

# (officer, unit, expected status of adding a village through the API)
VILLAGE_WRITE = [
    ("erin", OWN, 404),  # viewer
    ("alice", OWN, 201),  # officer
    ("dave", OWN, 201),  # unit administrator
    ("alice", SIBLING, 404),
    ("bob", OWN, 404),
    ("frank", OWN, 404),  # another province
    ("carol", OWN, 201),  # province leader reaches the communes below
    ("carol", SIBLING, 201),
    ("alice", PARENT, 404),  # a commune officer has no role over the province
    ("carol", OTHER_PROVINCE, 404),
    ("root", OTHER_PROVINCE, 201),
]


@pytest.mark.parametrize(("who", "where", "expected"), VILLAGE_WRITE)
def test_village_write_through_api(client, cast, who, where, expected):
    client.force_login(getattr(cast, who))
    unit: AdministrativeUnit = getattr(cast, where)
    response = client.post(
        f"/api/v1/units/{unit.pk}/villages", {"name": f"Thôn {who}", "kind": "village"}, content_type="application/json"
    )
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(("who", "where", "expected"), VILLAGE_WRITE)
def test_village_write_through_page(client, cast, who, where, expected):
    client.force_login(getattr(cast, who))
    unit: AdministrativeUnit = getattr(cast, where)
    response = client.post(reverse("office:village_create", args=[unit.pk]), {"name": f"Thôn {who}", "kind": "village"})
    assert response.status_code == (302 if expected == 201 else 404)
    assert unit.children.filter(name=f"Thôn {who}").exists() == (expected == 201)


@pytest.mark.parametrize(
    ("who", "target", "expected"),
    [
        ("dave", "alice", 200),  # unit admin of the same commune
        ("dave", "bob", 404),  # sibling commune
        ("dave", "carol", 404),  # the parent's officer
        ("alice", "erin", 404),  # an officer is no administrator
        ("carol", "alice", 404),  # a leader is no administrator
        ("root", "bob", 200),
    ],
)
def test_officer_management_is_scoped(client, cast, who, target, expected):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("officers:detail", args=[getattr(cast, target).pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(("who", "expected"), [("dave", 200), ("alice", 404), ("carol", 404), ("erin", 404)])
def test_audit_page_needs_unit_admin(client, cast, who, expected):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("office:audit")).status_code == expected


def test_audit_shows_only_the_admins_subtree(client, cast):
    client.force_login(cast.alice)
    client.post(f"/api/v1/units/{cast.dong_xuan.pk}/villages", {"name": "Thôn An"}, content_type="application/json")
    client.force_login(cast.bob)
    client.post(
        f"/api/v1/units/{cast.buon_ma_thuot.pk}/villages", {"name": "Thôn Bình"}, content_type="application/json"
    )
    client.force_login(cast.dave)
    body = client.get("/api/v1/audit", {"action": "core.unit.created"}).json()
    reprs = {entry["object_repr"] for entry in body["items"]}
    assert "Thôn An" in reprs and "Thôn Bình" not in reprs


def test_unit_admin_cannot_grant_outside_subtree_or_system_admin(client, cast):
    from danvan.core.models import Organization

    client.force_login(cast.dave)
    sibling_org = Organization.objects.get(unit=cast.buon_ma_thuot, kind__code="peoples_committee")
    own_org = Organization.objects.get(unit=cast.dong_xuan, kind__code="fatherland_front")
    url = reverse("officers:membership_add", args=[cast.alice.pk])
    assert client.post(url, {"organization": sibling_org.pk, "role": "officer"}).status_code == 404
    assert client.post(url, {"organization": own_org.pk, "role": "system_admin"}).status_code == 404
    assert client.post(url, {"organization": own_org.pk, "role": "leader"}).status_code == 302
    assert cast.alice.memberships.filter(organization=own_org, role="leader").exists()

"""The public units API: search, filters, detail with succession, bad input."""

from __future__ import annotations

import json

import pytest

from danvan.core.models import AdministrativeUnit, UnitSuccession, UnitTree
from danvan.core.unit_loader import load_units

pytestmark = pytest.mark.django_db


def test_search_ignores_diacritics_and_ranks_exact_name_first(client):
    response = client.get("/api/v1/units", {"q": "dong xuan", "tree": "current"})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] >= 1
    assert body["items"][0]["name"] == "Xã Đồng Xuân"
    assert body["items"][0]["parent_name"] == "Tỉnh Đắk Lắk"


@pytest.mark.parametrize("query", ["Đồng Xuân", "ĐỒNG XUÂN", "dong   xuan", "đong xuan"])
def test_search_variants_find_the_same_unit(client, query):
    body = client.get("/api/v1/units", {"q": query, "tree": "current"}).json()
    assert body["items"][0]["code"] == "22081"


def test_filters_by_kind_tree_and_parent(client, cast):
    body = client.get("/api/v1/units", {"parent": cast.dak_lak.pk, "kind": "ward", "limit": 100}).json()
    assert body["count"] > 10
    assert {item["kind"] for item in body["items"]} == {"ward"}
    assert all(item["parent_id"] == cast.dak_lak.pk for item in body["items"])
    legacy = client.get("/api/v1/units", {"tree": "legacy", "level": 1}).json()
    assert legacy["count"] == 63
    current = client.get("/api/v1/units", {"tree": "current", "level": 1}).json()
    assert current["count"] == 34


def test_whole_tree_counts(client):
    assert client.get("/api/v1/units", {"tree": "current", "level": 3}).json()["count"] == 3321
    assert client.get("/api/v1/units", {"tree": "legacy", "level": 2}).json()["count"] == 696
    kinds = {
        k: client.get("/api/v1/units", {"tree": "current", "kind": k}).json()["count"]
        for k in ("commune", "ward", "special_zone")
    }
    assert kinds == {"commune": 2621, "ward": 687, "special_zone": 13}


def test_detail_has_parent_children_and_predecessors(client, cast):
    body = client.get(f"/api/v1/units/{cast.dong_xuan.pk}").json()
    assert body["parent"]["name"] == "Tỉnh Đắk Lắk"
    names = {p["unit"]["name"] for p in body["predecessors"]}
    assert "Thị trấn La Hai" in names
    assert all(p["unit"]["tree"] == "legacy" for p in body["predecessors"])
    assert body["label"].startswith("Xã Đồng Xuân (gồm các đơn vị cũ:")


def test_legacy_unit_lists_its_successor_and_split_candidates(client):
    la_hai = AdministrativeUnit.objects.get(tree=UnitTree.LEGACY, name="Thị trấn La Hai")
    body = client.get(f"/api/v1/units/{la_hai.pk}").json()
    assert [s["unit"]["code"] for s in body["successors"]] == ["22081"]
    split = UnitSuccession.objects.filter(kind="split").values_list("predecessor_id", flat=True).first()
    body = client.get(f"/api/v1/units/{split}").json()
    assert len(body["successors"]) >= 2
    assert sum(s["is_primary"] for s in body["successors"]) == 1


def test_codes_are_reused_across_trees(client):
    # New Phường Ba Đình took old Phường Trúc Bạch's code 00004.
    current = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code="00004")
    legacy = AdministrativeUnit.objects.get(tree=UnitTree.LEGACY, code="00004")
    assert current.name == "Phường Ba Đình" and legacy.name == "Phường Trúc Bạch"


def test_unknown_unit_is_404_with_code(client):
    response = client.get("/api/v1/units/999999999")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy."}


@pytest.mark.parametrize("query", ["'; DROP TABLE core_administrativeunit; --", "<script>alert(1)</script>", "%", "_"])
def test_injection_in_q_is_harmless(client, query):
    response = client.get("/api/v1/units", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().replace("\\u003c", "<") or response.json()["count"] == 0
    assert AdministrativeUnit.objects.count() > 14000


def test_wrong_types_give_422_with_fields(client):
    response = client.get("/api/v1/units", {"parent": "abc"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input" and "parent" in body["fields"]


def test_list_uses_two_queries_whatever_its_length(client, django_assert_num_queries):
    """The page's keys with the count beside them, then its units with their parents (core.pagination
    .page_and_count): none per unit."""
    with django_assert_num_queries(2):
        client.get("/api/v1/units", {"q": "xuan", "limit": 100})


def test_second_load_duplicates_nothing():
    before = (AdministrativeUnit.objects.count(), UnitSuccession.objects.count())
    report = load_units()
    assert report.created == 0 and report.successions_created == 0 and report.organizations_created == 0
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == before


def test_village_create_and_households_with_concurrency(client, cast):
    client.force_login(cast.alice)
    url = f"/api/v1/units/{cast.dong_xuan.pk}/villages"
    response = client.post(
        url, {"name": "Thôn Mới", "kind": "village", "households": 120}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    village = AdministrativeUnit.objects.get(pk=response.json()["id"])
    assert village.path.startswith(cast.dong_xuan.path) and village.households == 120
    stale = village.updated_at
    ok = client.put(
        f"/api/v1/units/{village.pk}/households",
        {"households": 130, "expected_updated_at": stale.isoformat()},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["households"] == 130
    conflict = client.put(
        f"/api/v1/units/{village.pk}/households",
        {"households": 140, "expected_updated_at": stale.isoformat()},
        content_type="application/json",
    )
    assert conflict.status_code == 409 and conflict.json()["code"] == "stale"
    duplicate = client.post(url, {"name": "thon moi", "kind": "village"}, content_type="application/json")
    assert duplicate.status_code == 400 and duplicate.json()["code"] == "duplicate_village"


def test_malformed_json_and_wrong_types_on_write(client, cast):
    client.force_login(cast.alice)
    url = f"/api/v1/units/{cast.dong_xuan.pk}/villages"
    response = client.post(url, "{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert set(response.json()) >= {"code", "message"}
    response = client.post(url, json.dumps({"name": "X", "households": "nhiều"}), content_type="application/json")
    assert response.status_code == 422 and "households" in response.json()["fields"]


def test_write_needs_login(client, cast):
    response = client.post(
        f"/api/v1/units/{cast.dong_xuan.pk}/villages", {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_organizations_are_public_and_searchable(client, cast):
    body = client.get("/api/v1/organizations", {"unit": cast.dong_xuan.pk}).json()
    names = {o["name"] for o in body["items"]}
    assert "Ủy ban nhân dân Xã Đồng Xuân" in names and "Ủy ban MTTQ Việt Nam Xã Đồng Xuân" in names
    body = client.get("/api/v1/organizations", {"q": "mttq dong xuan"}).json()
    assert any(o["unit_id"] == cast.dong_xuan.pk for o in body["items"])


def test_subtree_filter(client, cast):
    body = client.get("/api/v1/units", {"within": cast.dak_lak.pk, "level": 3, "limit": 1}).json()
    assert body["count"] == AdministrativeUnit.objects.filter(parent=cast.dak_lak).count()


def test_officer_adds_an_organization_and_duplicates_are_refused(client, cast):
    client.force_login(cast.alice)
    payload = {"unit_id": cast.dong_xuan.pk, "kind": "other_agency", "name": "Trường THCS Đồng Xuân"}
    response = client.post("/api/v1/organizations", payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["unit_id"] == cast.dong_xuan.pk
    again = client.post("/api/v1/organizations", payload, content_type="application/json")
    assert again.status_code == 400 and again.json()["code"] == "duplicate_organization"
    client.force_login(cast.bob)
    assert (
        client.post("/api/v1/organizations", {**payload, "name": "Khác"}, content_type="application/json").status_code
        == 404
    )


def test_openapi_and_docs_are_served_without_a_cdn(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units" in spec["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()


def test_nul_characters_are_refused_not_a_server_error(client, cast):
    assert client.get("/api/v1/organizations", {"q": "a\x00b"}).status_code == 400
    assert client.get("/don-vi/", {"q": "a\x00b"}).status_code == 400
    client.force_login(cast.alice)
    response = client.post(
        f"/api/v1/units/{cast.dong_xuan.pk}/villages", {"name": "Thôn\x00X"}, content_type="application/json"
    )
    # NUL is refused everywhere (issue 9), not silently dropped.
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    assert "NUL" in response.json()["message"]


def test_the_households_api_returns_the_version_to_send_back(client, cast):
    """A client reads ``updated_at`` from the API itself (never from the database) and sends it back."""
    client.force_login(cast.alice)
    created = client.post(
        f"/api/v1/units/{cast.dong_xuan.pk}/villages",
        {"name": "Thôn Hai", "households": 50},
        content_type="application/json",
    ).json()
    url = f"/api/v1/units/{created['id']}/households"
    read = client.get(f"/api/v1/units/{created['id']}").json()
    assert read["updated_at"] == created["updated_at"]
    first = client.put(
        url, {"households": 60, "expected_updated_at": read["updated_at"]}, content_type="application/json"
    )
    assert first.status_code == 200 and first.json()["households"] == 60
    assert first.json()["updated_at"] != read["updated_at"]
    second = client.put(
        url, {"households": 70, "expected_updated_at": first.json()["updated_at"]}, content_type="application/json"
    )
    assert second.status_code == 200 and second.json()["households"] == 70
    stale = client.put(
        url, {"households": 80, "expected_updated_at": read["updated_at"]}, content_type="application/json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    listed = client.get("/api/v1/units", {"parent": cast.dong_xuan.pk, "q": "thon hai"}).json()
    assert listed["items"][0]["updated_at"] == second.json()["updated_at"]

import pytest
from django.urls import reverse

from conftest import PASSWORD


@pytest.fixture
def alice_client(client, cast):
    client.force_login(cast.alice)
    return client


def test_dashboard_shows_counts_for_scope(alice_client, cast):
    response = alice_client.get(reverse("office:dashboard"))
    assert response.status_code == 200
    assert response.context["figures"]["communes"] == 1
    assert response.context["figures"]["officers"] == 3  # alice, dave, erin at Đồng Xuân


def test_unit_picker_finds_dong_xuan_without_diacritics(alice_client):
    response = alice_client.get(reverse("office:unit_picker"), {"q": "dong xuan"})
    assert response.status_code == 200
    assert response.context["units"][0].name == "Xã Đồng Xuân"
    assert "Xã Đồng Xuân" in response.content.decode()


def test_unit_detail_lists_legacy_predecessors(alice_client, cast):
    response = alice_client.get(reverse("office:unit_detail", args=[cast.dong_xuan.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Thị trấn La Hai" in body
    assert "gồm các đơn vị cũ" in response.context["label"]


def test_portal_pages_need_no_login(client, cast):
    assert client.get(reverse("portal:home")).status_code == 200
    response = client.get(reverse("portal:unit_search"), {"q": "dan van"})
    assert response.status_code == 200
    response = client.get(reverse("portal:unit_page", args=[cast.dong_xuan.pk]))
    assert "Xã Đồng Xuân" in response.content.decode()


def test_login_page_renders(client, db):
    assert client.get(reverse("accounts:login")).status_code == 200
    assert PASSWORD


def test_list_pages_use_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.dave)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("office:unit_list"), {"q": "xa"}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("officers:list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("office:audit")).status_code == 200

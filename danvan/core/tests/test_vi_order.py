"""Vietnamese dictionary order: one key (``vi_sort_key``) for every list of provinces and units."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.text import vi_sort_key, vi_sorted_units


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Cà Mau", "Cao Bằng"),  # letters first: "ca mau" < "cao", whatever the tone on the a
        ("Dak", "Đà"),  # đ is its own letter after d …
        ("Duy Xuyên", "Đà Nẵng"),
        ("Đồng Tháp", "Gia Lai"),  # … and before e, g (Python puts Đ after Z)
        ("Ca", "Cà"),  # tones: ngang < huyền < hỏi < ngã < sắc < nặng
        ("Cà", "Cả"),
        ("Cả", "Cã"),
        ("Cã", "Cá"),
        ("Cá", "Cạ"),
        ("Lạng Sơn", "Lào Cai"),  # tone only breaks ties: "lang" < "lao"
        ("Lào Cai", "Lâm Đồng"),  # â follows a
        ("An Giang", "Ăn"),
        ("Ô Môn", "Ơ"),
        ("Tuyên Quang", "Ứng Hòa"),  # ư after u
        ("Hà Nội", "Hải Phòng"),
        ("Phường 2", "Phường An"),  # digits before letters
    ],
)
def test_vi_sort_key_orders_like_a_vietnamese_dictionary(before, after):
    assert vi_sort_key(before) < vi_sort_key(after)
    assert sorted([after, before], key=vi_sort_key) == [before, after]


def test_vi_sort_key_ignores_case_and_composition():
    decomposed = "Đắk Lắk".replace("ắ", "a\u0306\u0301")
    assert vi_sort_key("Đắk Lắk")[:2] == vi_sort_key(decomposed)[:2] == vi_sort_key("đắk lắk")[:2]


def _province_names_in_order(names: list[str]) -> list[str]:
    return sorted(names, key=vi_sort_key)


@pytest.mark.django_db
def test_public_showcase_lists_provinces_in_vietnamese_order(client):
    response = client.get(reverse("portal:showcase"))
    assert response.status_code == 200
    provinces = list(response.context["provinces"])
    short_names = [p.short_name for p in provinces]
    assert len(provinces) == AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE).count()
    assert short_names == _province_names_in_order(short_names)
    assert short_names.index("Cà Mau") < short_names.index("Cao Bằng")
    assert short_names.index("Đồng Tháp") < short_names.index("Gia Lai")
    body = response.content.decode()
    assert body.index("Tỉnh Cà Mau") < body.index("Tỉnh Cao Bằng")


@pytest.mark.django_db
def test_unit_page_lists_children_in_vietnamese_order(client, cast):
    client.force_login(cast.alice)
    response = client.get(reverse("office:unit_detail", args=[cast.dak_lak.pk]))
    children = list(response.context["children_page"].object_list)
    assert len(children) > 50
    assert [c.pk for c in children] == [c.pk for c in vi_sorted_units(children)]
    names = [c.short_name for c in children]
    assert names == sorted(names, key=vi_sort_key)


@pytest.mark.django_db
def test_public_unit_page_lists_children_in_vietnamese_order(client, cast):
    children = list(client.get(reverse("portal:unit_page", args=[cast.dak_lak.pk])).context["children"])
    names = [c.short_name for c in children]
    assert names == sorted(names, key=vi_sort_key)
    assert names != sorted(names)  # the plain code-point order differs here (Đ…, Ea …)

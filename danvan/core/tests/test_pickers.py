"""The search picker (``core.pickers``) on its own: what a posted id or a typed name becomes, what is rendered
(never more than the limit, a small scope in full, the chosen record kept), and the page's answer to htmx."""

from __future__ import annotations

import pytest
from django import forms
from django.test import RequestFactory

from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.pickers import PickerValue, UnitSearchField, picker_response

pytestmark = pytest.mark.django_db


def provinces():
    return AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE)


def communes():
    return AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE)


class PlaceForm(forms.Form):
    unit = UnitSearchField(label="Đơn vị", queryset=AdministrativeUnit.objects.none())
    note = forms.CharField(required=False)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, UnitSearchField)
        field.queryset = scope


def unit(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=code)


def test_a_chosen_id_within_the_scope_is_taken():
    form = PlaceForm({"unit": str(unit("22081").pk), "unit_q": "anything"}, scope=communes())
    assert form.is_valid() and form.cleaned_data["unit"] == unit("22081")


def test_an_id_outside_the_scope_is_refused_with_the_fields_message():
    form = PlaceForm({"unit": str(unit("66").pk)}, scope=communes())
    assert not form.is_valid()
    assert form.errors["unit"] == ["Hãy chọn một đơn vị trong phạm vi của bạn."]
    assert not PlaceForm({"unit": "x'<"}, scope=communes()).is_valid()


@pytest.mark.parametrize("posted", ["²", "١٢", "-3", "0", "99999999999999999999"])
def test_a_posted_id_that_is_no_id_is_refused_and_the_form_still_renders(posted):
    # "²" and "١٢" are digits to str.isdigit: the re-rendered form once looked them up as ids (a 500).
    form = PlaceForm({"unit": posted, "unit_q": "dong xuan"}, scope=communes())
    assert not form.is_valid()
    assert form.errors["unit"] == ["Hãy chọn một đơn vị trong phạm vi của bạn."]
    assert "dong xuan" in str(form["unit"])


def test_a_typed_name_is_taken_when_it_finds_exactly_one():
    form = PlaceForm({"unit_q": "ĐẮK   lắk"}, scope=provinces())
    assert form.is_valid() and form.cleaned_data["unit"] == unit("66")
    form = PlaceForm({"unit_q": "dak lak"}, scope=provinces())  # diacritics never matter, đ is d
    assert form.is_valid() and form.cleaned_data["unit"] == unit("66")


def test_a_typed_name_finding_several_or_none_is_an_error_beside_the_field_keeping_the_text():
    several = PlaceForm({"unit_q": "xuan", "note": "giữ lại"}, scope=communes())
    assert not several.is_valid() and "hãy chọn một đơn vị trong danh sách" in several.errors["unit"][0]
    html = str(several["unit"])
    assert 'value="xuan"' in html and 1 < html.count('type="radio"') <= 20 and 'aria-invalid="true"' in html
    assert 'value="giữ lại"' in str(several["note"])
    none = PlaceForm({"unit_q": "zzqq"}, scope=communes())
    assert not none.is_valid() and "Không tìm thấy đơn vị nào khớp “zzqq”" in none.errors["unit"][0]
    assert PlaceForm({"unit_q": ""}, scope=communes()).errors["unit"] == ["Hãy chọn một đơn vị."]


def test_a_large_scope_lists_nothing_until_typed_and_a_small_one_in_full(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        html = str(PlaceForm(scope=communes())["unit"])
    assert 'type="radio"' not in html and 'name="unit_q"' in html
    small = str(PlaceForm(scope=provinces().filter(code__in=["01", "66", "79"]))["unit"])
    assert small.count('type="radio"') == 3 and " checked>" not in small


def test_the_chosen_record_stays_on_the_page_when_the_text_no_longer_finds_it():
    form = PlaceForm({"unit": str(unit("22081").pk), "unit_q": "ba dinh", "note": "x" * 300}, scope=communes())
    html = str(form["unit"])
    assert f'value="{unit("22081").pk}" checked' in html


def test_the_page_answers_the_search_box_from_its_own_scoped_form():
    request = RequestFactory().get("/", {"picker": "unit", "unit_q": "dong xuan"})
    answer = picker_response(request, PlaceForm(scope=communes().filter(parent__code="66")))
    assert answer is not None and f'value="{unit("22081").pk}"'.encode() in answer.content
    outside = RequestFactory().get("/", {"picker": "unit", "unit_q": "ba dinh"})
    elsewhere = picker_response(outside, PlaceForm(scope=communes().filter(parent__code="66")))
    assert elsewhere is not None and b'type="radio"' not in elsewhere.content
    assert picker_response(RequestFactory().get("/", {"picker": "note"}), PlaceForm(scope=communes())) is None
    assert picker_response(RequestFactory().get("/"), PlaceForm(scope=communes())) is None


def test_each_form_has_its_own_field_and_widget():
    first, second = PlaceForm(scope=provinces()), PlaceForm(scope=communes())
    assert first.fields["unit"].widget.field is first.fields["unit"]
    assert second.fields["unit"].widget.field is second.fields["unit"]
    assert PickerValue(pk="5", q="x").pk == "5"


def test_a_prefixed_forms_picker_answers_by_its_html_name():
    request = RequestFactory().get("/", {"picker": "t5-unit", "t5-unit_q": "dak lak"})
    answer = picker_response(request, PlaceForm(scope=provinces(), prefix="t5"))
    assert answer is not None and b'name="t5-unit"' in answer.content
    assert (
        picker_response(RequestFactory().get("/", {"picker": "unit"}), PlaceForm(scope=provinces(), prefix="t5"))
        is None
    )

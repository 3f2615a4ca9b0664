"""Every text field has a length limit (API schemas and forms alike, from one set of constants in core.text);
titles and names made only of invisible characters are refused; NUL characters are refused everywhere."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil

import pytest
from django import forms

import danvan
from danvan.api import api
from danvan.core.text import TEXT_MAX, TITLE_MAX, clean_title, title_error, validate_title, visible_text

INVISIBLE = ["\u200b\u200c\u200d", "\u202e\u202d", "\ufeff ", "\u2066\u2069\u00ad", "\x00", "\x00Tên"]
BOUNDED_FORMATS = {"date", "date-time", "time", "binary", "uuid", "email"}


def _strings_without_limit(schema: dict, components: dict, where: str, seen: frozenset[str]) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else _strings_without_limit(components[name], components, where, seen | {name})
    found: list[str] = []
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            found += _strings_without_limit(sub, components, where, seen)
    for name, sub in schema.get("properties", {}).items():
        found += _strings_without_limit(sub, components, f"{where}.{name}", seen)
    if schema.get("type") == "array" and "items" in schema:
        found += _strings_without_limit(schema["items"], components, f"{where}[]", seen)
    bounded = {"maxLength", "enum", "pattern", "const"} & set(schema) or schema.get("format") in BOUNDED_FORMATS
    if schema.get("type") == "string" and not bounded:
        found.append(where)
    return found


def test_every_text_input_of_the_api_has_a_length_limit():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    components = schema["components"]["schemas"]
    unbounded: list[str] = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for parameter in operation.get("parameters", []):
                where = f"{method.upper()} {path} ?{parameter['name']}"
                unbounded += _strings_without_limit(parameter.get("schema", {}), components, where, frozenset())
            for content in operation.get("requestBody", {}).get("content", {}).values():
                where = f"{method.upper()} {path} body"
                unbounded += _strings_without_limit(content.get("schema", {}), components, where, frozenset())
    assert unbounded == [], "\n".join(unbounded)


def _form_classes() -> list[type[forms.BaseForm]]:
    classes: set[type[forms.BaseForm]] = set()
    for module_info in pkgutil.walk_packages(danvan.__path__, "danvan."):
        if ".tests" in module_info.name or ".migrations" in module_info.name:
            continue
        if not module_info.name.endswith(("forms", "views")):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__.startswith("danvan."):
                classes.add(cls)
    return sorted(classes, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


@pytest.mark.django_db
def test_every_text_field_of_every_form_has_a_length_limit(cast):
    classes = _form_classes()
    assert len(classes) >= 15
    unbounded = []
    for cls in classes:
        fields = dict(getattr(cls, "base_fields", {}))
        # Fields a form adds itself (repeated blocks); a form that needs arguments has its declared fields checked.
        with contextlib.suppress(TypeError):
            fields.update(cls().fields)
        for name, field in fields.items():
            if isinstance(field, forms.CharField) and field.max_length is None:
                unbounded.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert unbounded == [], "\n".join(unbounded)


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_titles_are_refused(text):
    assert title_error(text)
    with pytest.raises(ValueError):
        clean_title(text)
    with pytest.raises(forms.ValidationError):
        validate_title(text)


def test_visible_titles_are_cleaned_not_refused():
    assert clean_title("\u200bĐường\u202e hoa\u200d ") == "Đường hoa"
    assert visible_text("  Tên \u200b ") == "Tên" and title_error("Tên") is None and title_error("") is None


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.alice)
    return client


def _title_payloads(cast) -> list[tuple[str, dict, str]]:
    from danvan.core.models import Organization

    board = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    return [
        (
            "/api/v1/cases",
            {
                "unit_id": cast.dong_xuan.pk,
                "kind": "feedback",
                "field": "dat-dai",
                "summary": "Nội dung",
                "received_on": "2026-11-20",
                "people": [{"full_name": "Hà Văn Bảy"}],
            },
            "title",
        ),
        ("/api/v1/organizations", {"unit_id": cast.dong_xuan.pk, "kind": "peoples_committee"}, "name"),
        (f"/api/v1/units/{cast.dong_xuan.pk}/villages", {"kind": "village"}, "name"),
        (
            "/api/v1/initiatives",
            {
                "unit_id": cast.dong_xuan.pk,
                "organization_id": board.pk,
                "kind": "model",
                "field": "economy",
                "level": "commune",
                "year": 2026,
            },
            "name",
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["\u200b\u200c", "\u202e\u2066\u2069"])
def test_the_api_refuses_invisible_titles_and_names(officer, cast, text):
    for url, payload, field in _title_payloads(cast):
        response = officer.post(url, {**payload, field: text}, content_type="application/json")
        assert response.status_code == 422, (url, response.content[:300])
        body = response.json()
        assert body["code"] == "invalid_input" and "nhìn thấy" in body["fields"][field][0], (url, body)


@pytest.mark.django_db
def test_the_api_refuses_too_long_text_with_the_limit(officer, cast):
    url, payload, field = _title_payloads(cast)[0]
    response = officer.post(
        url, {**payload, field: "x" * (TITLE_MAX + 1), "summary": "y" * (TEXT_MAX + 1)}, content_type="application/json"
    )
    assert response.status_code == 422
    fields = response.json()["fields"]
    assert fields[field] == [f"Quá dài: tối đa {TITLE_MAX} ký tự."]
    assert fields["summary"] == [f"Quá dài: tối đa {TEXT_MAX} ký tự."]


@pytest.mark.django_db
def test_nul_is_refused_in_any_json_field(officer, cast):
    for url, payload, field in _title_payloads(cast):
        nested = {**payload, field: "Tên", "people": [{"full_name": "Hà\x00Văn"}], "goals": "a\x00"}
        response = officer.post(url, nested, content_type="application/json")
        assert response.status_code == 422, (url, response.content[:300])
        assert response.json()["code"] == "invalid_input" and "NUL" in response.json()["message"]


@pytest.mark.django_db
def test_forms_refuse_invisible_names(cast):
    from danvan.core.forms import OrganizationForm, VillageForm

    village = VillageForm(data={"name": "\u200b\u202e", "kind": "village"})
    assert not village.is_valid() and "nhìn thấy" in village.errors["name"][0]
    organization = OrganizationForm(data={"name": "\u2066\u2069", "kind": "peoples_committee"})
    assert not organization.is_valid() and "name" in organization.errors
    assert VillageForm(data={"name": "Thôn Mới", "kind": "village"}).is_valid()

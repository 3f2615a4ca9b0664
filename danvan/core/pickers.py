"""Search pickers: the choice of one organization or unit among as many as the officer's scope holds.

A ``<select>`` of every choice was fine for a commune officer's dozen bodies and useless for the system
administrator's ~47,000 (3.4 MB and ~7 s for one page, unusable on a phone). A :class:`SearchChoiceField` renders a
search box and at most ``limit`` radio buttons instead:

* without JavaScript, the officer types part of a name (diacritics and case never matter, "dong xuan" finds
  "Đồng Xuân") and sends the form: one match is taken, several come back as radio buttons beside the field with the
  rest of the form as typed, none is an error beside the field;
* with JavaScript (htmx, vendored), typing asks the page itself for its matches (``?picker=<field>``, answered by
  :func:`picker_response` from the view's own form, so the choices stay those the view's access rules allow).

A scope small enough (``limit`` choices or fewer) is listed in full before anything is typed, as the select was.
The field checks a posted id against its queryset like any ``ModelChoiceField``: an id outside the scope is refused
with the field's own message, never looked up elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from danvan.core.params import positive_int
from danvan.core.text import matches_all_terms, search_terms

PICKER_PARAM = "picker"
QUERY_SUFFIX = "_q"
QUERY_MAX = 100
# What officers type for the bodies' long names ("ubnd dong xuan"); the names themselves are written out.
ABBREVIATIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "ubmttq": "uy ban mttq"}


@dataclass(frozen=True)
class PickerValue:
    """What the picker posts: the chosen id (a radio button) and the text typed in its search box."""

    pk: str = ""
    q: str = ""

    def __str__(self) -> str:
        return self.pk


@dataclass(frozen=True)
class PickerOption:
    pk: str
    label: str
    detail: str


@dataclass(frozen=True)
class PickerMatches:
    options: list[PickerOption]
    more: bool  # more matches than shown: type more to narrow
    listed_all: bool  # nothing typed, the whole (small) scope shown


class SearchSelect(forms.Widget):
    """The search box and the radio buttons of a :class:`SearchChoiceField` (see the module's docstring)."""

    template_name = "core/_search_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.field: SearchChoiceField | None = None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> PickerValue:
        return PickerValue(
            pk=str(data.get(name) or "").strip()[:20], q=str(data.get(name + QUERY_SUFFIX) or "")[:QUERY_MAX]
        )

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and name + QUERY_SUFFIX not in data

    def id_for_label(self, id_: str) -> str:
        return id_

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        assert self.field is not None, "a SearchSelect belongs to a SearchChoiceField"
        chosen = self.field.chosen_pk(value)
        q = value.q if isinstance(value, PickerValue) else ""
        final = self.build_attrs(self.attrs, attrs)
        context = {
            "name": name,
            "query_name": name + QUERY_SUFFIX,
            "id": final.get("id") or f"id_{name}",
            "q": q,
            "chosen": chosen,
            "invalid": "aria-invalid" in final,
            "describedby": final.get("aria-describedby", ""),
            "placeholder": self.field.placeholder,
            "hint": self.field.hint,
            "param": PICKER_PARAM,
            "search_url": self.field.search_url,
            **self.field.choices_context(name, q, chosen),
        }
        return mark_safe(render_to_string(self.template_name, context))  # noqa: S308 (a template's output)


class SearchChoiceField(forms.ModelChoiceField):
    """One record of ``queryset`` chosen by searching its folded ``search_text`` (see the module's docstring).

    ``order_by`` orders the matches; ``detail`` gives the grey line under a match (its unit, its province) and
    ``related`` what to read along for it."""

    widget = SearchSelect
    search_field = "search_text"
    order_by: tuple[str, ...] = ("name",)
    related: tuple[str, ...] = ()
    limit = 20
    search_url = ""  # the page that answers ``?picker=``, when the form is posted elsewhere; else the page itself
    placeholder: Any = _("Gõ tên để tìm, không dấu cũng được")
    hint: Any = _("Gõ vài chữ của tên rồi chọn trong danh sách; không có danh sách thì gửi biểu mẫu để tìm.")
    default_error_messages = {
        "invalid_choice": _("Lựa chọn này không thuộc phạm vi của bạn."),
        "no_match": _("Không tìm thấy kết quả nào khớp “%(q)s” trong phạm vi của bạn."),
        "many": _("Có nhiều kết quả khớp “%(q)s”: hãy chọn một trong danh sách bên dưới."),
    }

    def __init__(self, *, detail: Callable[[Any], str] | None = None, limit: int | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", None)
        super().__init__(**kwargs)
        self.detail = detail or (lambda obj: "")
        if limit is not None:
            self.limit = limit
        assert isinstance(self.widget, SearchSelect)
        self.widget.field = self

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        copied = super().__deepcopy__(memo)
        copied.widget.field = copied
        return copied

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)

    @property
    def scope(self) -> QuerySet[Any]:
        """The records the view allows (the field's queryset)."""
        assert self.queryset is not None, "the view sets the picker's queryset"
        return self.queryset

    # --- reading the posted value ----------------------------------------------------------------------------------

    def chosen_pk(self, value: Any) -> str:
        if isinstance(value, PickerValue):
            return value.pk
        if isinstance(value, Model):
            return str(value.pk)
        return "" if value in self.empty_values else str(value)

    def matches(self, q: str) -> QuerySet[Any]:
        words = " ".join(ABBREVIATIONS.get(term, term) for term in search_terms(q))
        return self.scope.filter(matches_all_terms(words, self.search_field)).order_by(*self.order_by)

    def to_python(self, value: Any) -> Any:
        if not isinstance(value, PickerValue):
            value = PickerValue(pk=self.chosen_pk(value))
        if value.pk:
            return super().to_python(value.pk)
        if not search_terms(value.q):
            return None
        found = list(self.matches(value.q)[:2])
        if len(found) == 1:
            return found[0]
        code = "many" if found else "no_match"
        raise ValidationError(self.error_messages[code], code=code, params={"q": value.q.strip()})

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.chosen_pk(initial) != self.chosen_pk(data)

    # --- what the widget shows ---------------------------------------------------------------------------------------

    def _option(self, obj: Any) -> PickerOption:
        return PickerOption(pk=str(obj.pk), label=self.label_from_instance(obj), detail=self.detail(obj))

    def find(self, q: str) -> PickerMatches:
        """At most ``limit`` matches of ``q``; nothing typed: the whole scope when it is that small, else nothing."""
        if search_terms(q):
            rows = list(self.matches(q).select_related(*self.related)[: self.limit + 1])
            return PickerMatches([self._option(o) for o in rows[: self.limit]], len(rows) > self.limit, False)
        rows = list(self.scope.order_by(*self.order_by).select_related(*self.related)[: self.limit + 1])
        if len(rows) > self.limit:
            return PickerMatches([], True, False)
        return PickerMatches([self._option(o) for o in rows], False, True)

    def choices_context(self, name: str, q: str, chosen: str) -> dict[str, Any]:
        found = self.find(q)
        options = found.options
        chosen_id = positive_int(chosen)  # a posted "²" is a digit to str.isdigit, not an id
        if chosen_id is not None and all(o.pk != str(chosen_id) for o in options):
            # What was chosen stays on the page (first) when the typed text no longer finds it.
            obj = self.scope.select_related(*self.related).filter(pk=chosen_id).first()
            if obj is not None:
                options = [self._option(obj), *options]
        return {
            "name": name,
            "options": options,
            "more": found.more,
            "listed_all": found.listed_all,
            "chosen": chosen,
            "q": q.strip(),
            "typed": bool(search_terms(q)),
        }


class OrganizationSearchField(SearchChoiceField):
    """A body (UBND, the Front, a board) of the officer's scope, found by its name or its unit's."""

    order_by = ("unit__path", "kind__sort_order", "name")
    related = ("unit",)
    placeholder = _("Ví dụ: ubnd dong xuan")
    default_error_messages = {
        "invalid_choice": _("Tổ chức này không thuộc phạm vi của bạn hoặc đã ngừng hoạt động."),
        "no_match": _("Không tìm thấy tổ chức nào khớp “%(q)s” trong phạm vi của bạn."),
        "many": _("Có nhiều tổ chức khớp “%(q)s”: hãy chọn một tổ chức trong danh sách bên dưới."),
        "required": _("Hãy chọn một tổ chức."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("detail", organization_detail)
        super().__init__(**kwargs)


class UnitSearchField(SearchChoiceField):
    """A unit (province, commune, village) of the officer's scope, found by its name or its parents'."""

    order_by = ("level", "name_key", "path")
    related = ("parent",)
    placeholder = _("Ví dụ: dong xuan")
    default_error_messages = {
        "invalid_choice": _("Hãy chọn một đơn vị trong phạm vi của bạn."),
        "no_match": _("Không tìm thấy đơn vị nào khớp “%(q)s” trong phạm vi của bạn."),
        "many": _("Có nhiều đơn vị khớp “%(q)s”: hãy chọn một đơn vị trong danh sách bên dưới."),
        "required": _("Hãy chọn một đơn vị."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("detail", lambda unit: unit.parent.name if unit.parent_id else "")
        super().__init__(**kwargs)


def picker_response(request: HttpRequest, form: forms.BaseForm) -> HttpResponse | None:
    """The matches of one picker of ``form`` when the page is asked for them (``?picker=<field>&<field>_q=…``, what
    the search box's htmx sends), else ``None``: the view answers from the form it built for its officer."""
    name = request.GET.get(PICKER_PARAM)
    if request.method != "GET" or not name:
        return None
    prefix = f"{form.prefix}-" if form.prefix else ""
    field = form.fields.get(name.removeprefix(prefix)) if name.startswith(prefix) else None
    if not isinstance(field, SearchChoiceField):
        return None
    q = (request.GET.get(name + QUERY_SUFFIX) or "")[:QUERY_MAX]
    context = field.choices_context(name, q, (request.GET.get(name) or "")[:20])
    return HttpResponse(render_to_string("core/_search_choices.html", context, request=request))


def only_one(scope: QuerySet[Any]) -> Any:
    """The record of ``scope`` when it holds exactly one (a form's initial choice), else ``None``."""
    first_two = list(scope[:2])
    return first_two[0] if len(first_two) == 1 else None


def organization_detail(organization: Any) -> str:
    """The grey line under an organization: its unit, when the name does not already say it."""
    unit_name = organization.unit.name
    return "" if unit_name.lower() in organization.name.lower() else unit_name


__all__: list[str] = [
    "OrganizationSearchField",
    "PickerValue",
    "SearchChoiceField",
    "SearchSelect",
    "UnitSearchField",
    "only_one",
    "organization_detail",
    "picker_response",
]

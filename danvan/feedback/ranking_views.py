"""The public ranking page /phan-anh/xep-hang/: the provinces of the country, or the communes of a province, ranked
by how they answer citizens' reports in a year or a part of it (``ranking.py``). No sign-in; figures only, never a
report's content or a citizen's data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.periods import PERIOD_CHOICES, Period, period_from
from danvan.democracy.meeting_forms import year_field
from danvan.feedback.ranking import current_provinces, public_ranking


class RankingForm(forms.Form):
    """A province (none: the whole country), a year and a part of it."""

    province = forms.RegexField(label=_("Tỉnh, thành phố"), regex=r"^\d{2}$", required=False, max_length=2)
    year = year_field()
    period = forms.ChoiceField(label=_("Kỳ"), choices=PERIOD_CHOICES, required=False)


def ranking_scope(data: dict[str, Any]) -> tuple[AdministrativeUnit | None, Period]:
    """The province (None: the country; 422 ``unknown_unit`` for a code that is not today's province) and the
    period (422 ``invalid_period``) a valid form or API query asks for."""
    province = None
    if data.get("province"):
        province = AdministrativeUnit.objects.filter(
            tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE, code=data["province"]
        ).first()
        if province is None:
            raise DomainError(
                "unknown_unit", _("Không tìm thấy tỉnh, thành phố đã chọn."), status=422,
                field="province",
            )  # fmt: skip
    return province, period_from(year=data.get("year"), period=data.get("period") or None)


def ranking_page(request: HttpRequest) -> HttpResponse:
    """The ranking for the province and period asked (the whole country, this year, at first)."""
    form = RankingForm(request.GET or {"year": timezone.localdate().year})
    context: dict[str, Any] = {"form": form, "provinces": current_provinces(), "ranking": None}
    if not form.is_valid():
        return render(request, "feedback/ranking/ranking.html", context, status=422)
    try:
        province, period = ranking_scope(form.cleaned_data)
    except DomainError as error:
        apply_errors(form, error, summary=True)
        return render(request, "feedback/ranking/ranking.html", context, status=422)
    context.update(province=province, ranking=public_ranking(province=province, period=period))
    return render(request, "feedback/ranking/ranking.html", context)

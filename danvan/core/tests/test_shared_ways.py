"""The kernel's one way for each shared job: subtree filter, effective-dated rows, periods, XLSX, list filters."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.db import models as dj_models
from ninja import Field
from pydantic import ValidationError

from danvan.core.effective import in_force_q
from danvan.core.errors import DomainError
from danvan.core.filters import ListFilter
from danvan.core.models import AdministrativeUnit, LegalRule, UnitTree
from danvan.core.periods import MAX_YEAR, Period, latest_year, month_of, period_from, week_of, year_in_range
from danvan.core.subtree import subtree_q
from danvan.core.xlsx import XLSX_CONTENT_TYPE, xlsx_bytes, xlsx_response, xlsx_row, xlsx_workbook

D = dt.date


@pytest.mark.django_db
def test_subtree_q_takes_a_unit_a_path_or_several_and_reaches_through_relations():
    province = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=1).order_by("path").first()
    assert province is not None
    by_unit = set(AdministrativeUnit.objects.filter(subtree_q(province, field="path")).values_list("pk", flat=True))
    by_path = set(
        AdministrativeUnit.objects.filter(subtree_q(province.path, field="path")).values_list("pk", flat=True)
    )
    raw = set(AdministrativeUnit.objects.filter(path__startswith=province.path).values_list("pk", flat=True))
    assert by_unit == by_path == raw and province.pk in raw and len(raw) > 1
    assert not AdministrativeUnit.objects.filter(subtree_q([], field="path")).exists()
    condition = subtree_q([province], "initiative__", provinces=["66", "01"])
    if connection.vendor == "sqlite":  # the prefix as a byte range alone: no LIKE called on every row it reads
        assert "initiative__unit_path__gte" in str(condition) and "startswith" not in str(condition)
        upper = province.path[:-1] + chr(ord(province.path[-1]) + 1)
        assert AdministrativeUnit.objects.filter(path__gte=province.path, path__lt=upper).count() == len(raw)
        sql = str(AdministrativeUnit.objects.filter(subtree_q(province, field="path")).query)
        assert " LIKE " not in sql
    else:
        assert "initiative__unit_path__startswith" in str(condition)
    assert "('initiative__province_code__in', ['01', '66'])" in str(condition)


@pytest.mark.django_db
def test_in_force_is_one_filter_on_every_effective_dated_model():
    rule = LegalRule.objects.filter(valid_to__isnull=False).order_by("valid_from").first()
    assert rule is not None and rule.valid_to is not None
    on_last_day = LegalRule.objects.in_force(rule.valid_to)
    assert on_last_day.filter(pk=rule.pk).exists() and rule.is_in_force(rule.valid_to)
    after = rule.valid_to + dt.timedelta(days=1)
    assert not LegalRule.objects.in_force(after).filter(pk=rule.pk).exists() and not rule.is_in_force(after)
    assert LegalRule.objects.not_in_force(after).filter(pk=rule.pk).exists()
    assert "rule__valid_from__lte" in str(in_force_q(after, "rule__"))


def test_period_parser_covers_year_half_quarter_month_and_dates():
    today = D(2026, 11, 20)
    assert period_from(today=today) == Period.year(2026)
    assert period_from(year=2026, half=2, today=today) == Period(D(2026, 7, 1), D(2026, 12, 31))
    assert period_from(year=2026, period="q4", today=today) == Period(D(2026, 10, 1), D(2026, 12, 31))
    assert period_from(year=2026, month=2, today=today) == Period(D(2026, 2, 1), D(2026, 2, 28))
    assert period_from(start=D(2026, 3, 1), end=D(2026, 3, 9), today=today).days == 9
    assert period_from(year=2030, latest=MAX_YEAR, today=today) == Period.year(2030)
    assert week_of(D(2026, 11, 19)) == Period(D(2026, 11, 16), D(2026, 11, 22))
    assert month_of(D(2028, 2, 10)) == Period(D(2028, 2, 1), D(2028, 2, 29))
    assert latest_year(today) == 2027 and year_in_range(2027, latest=2027) and not year_in_range(2028, latest=2027)


@pytest.mark.parametrize(
    "params",
    [
        {"year": 2028},  # after next year
        {"year": 1999},
        {"year": 2026, "half": 3},
        {"year": 2026, "month": 13},
        {"year": 2026, "period": "q1", "month": 2},
        {"start": D(2026, 1, 1)},
        {"start": D(2026, 2, 1), "end": D(2026, 1, 1)},
        {"start": D(2020, 1, 1), "end": D(2026, 1, 1)},
    ],
)
def test_periods_that_cannot_be_are_one_422(params):
    with pytest.raises(DomainError) as error:
        period_from(today=D(2026, 11, 20), **params)
    assert error.value.code == "invalid_period" and error.value.status == 422
    # The parameter at fault carries the message itself, not a bare "Không hợp lệ." beside the field.
    for problems in (error.value.fields or {}).values():
        assert problems == [str(error.value.message)]


def test_xlsx_response_answers_bytes_or_a_streamed_workbook_and_cells_stay_text():
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet("A")
        sheet.append(xlsx_row(sheet, ["=1+1", 5]))
        content = xlsx_bytes(workbook)
    small = xlsx_response(content, "a.xlsx")
    assert small["Content-Type"] == XLSX_CONTENT_TYPE and small["Cache-Control"] == "private, no-store"
    assert small["Content-Disposition"] == 'attachment; filename="a.xlsx"'

    def write(output):
        with xlsx_workbook() as book:
            sheet = book.create_sheet("A")
            sheet.append(xlsx_row(sheet, ["=1+1", 5]))
            book.save(output)

    streamed = xlsx_response(write, "b.xlsx")
    assert streamed.streaming and streamed["X-Content-Type-Options"] == "nosniff"
    for body in (small.content, b"".join(streamed)):
        values = list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
        assert values == [("=1+1", 5)]
        cell = openpyxl.load_workbook(io.BytesIO(body)).active["A1"]
        assert cell.data_type == "s"


class Colour(dj_models.TextChoices):
    RED = "red", "Đỏ"


class SampleFilter(ListFilter):
    q: str | None = Field(None, max_length=5)
    id: int | None = Field(None, ge=1)
    year: int | None = Field(None, ge=2000, le=2099)
    colour: Colour | None = None
    since: dt.date | None = None
    open: bool | None = None


def test_list_filter_reads_a_query_string_leniently_and_the_api_strictly():
    lenient = SampleFilter.from_params(
        {"q": "  abcdefgh ", "id": "²", "year": "1900", "colour": "blue", "since": "05/02/2026", "open": "0"}
    )
    assert lenient.values() == {"q": "abcde", "since": D(2026, 2, 5), "open": False}
    assert SampleFilter.from_params({"id": "1_000", "colour": "red"}).values() == {"colour": Colour.RED}
    with pytest.raises(ValidationError):  # the API refuses what the page ignores
        SampleFilter.model_validate({"year": 1900})

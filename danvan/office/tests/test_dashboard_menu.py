"""The back-office menu offers only pages the officer may open, and the dashboard lists the officer's own work."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.cases.models import Case, CaseKind, CaseStatus, Channel, Field
from danvan.cases.services import PersonIn, case_receive
from danvan.core.models import Organization
from danvan.initiatives.models import Field as InitiativeField
from danvan.initiatives.models import InitiativeKind, InitiativeLevel
from danvan.initiatives.services import initiative_register
from danvan.reception.models import SessionStatus
from danvan.reception.services import session_plan

TODAY = dt.date(2026, 11, 20)  # a Friday


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


class _Links(HTMLParser):
    """The href of every link inside the element with class ``site-menu``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "a" and attributes.get("href"):
                self.links.append(str(attributes["href"]))
        elif "site-menu" in (attributes.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


def menu_links(body: str) -> list[str]:
    parser = _Links()
    parser.feed(body)
    return parser.links


@pytest.mark.parametrize(
    ("who", "sees_admin_pages"),
    [("alice", False), ("erin", False), ("carol", False), ("frank", False), ("dave", True), ("root", True)],
)
def test_every_menu_entry_opens_for_the_role(client, cast, who, sees_admin_pages):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("office:dashboard"))
    assert response.status_code == 200
    links = menu_links(response.content.decode())
    assert reverse("cases:list") in links
    assert (reverse("officers:list") in links) is sees_admin_pages
    assert (reverse("office:audit") in links) is sees_admin_pages
    for link in links:
        assert client.get(link).status_code == 200, link


def test_dashboard_no_longer_announces_existing_modules_as_coming(client, cast):
    client.force_login(cast.alice)
    body = client.get(reverse("office:dashboard")).content.decode()
    assert "sắp có" not in body
    for name in (
        "initiatives:list",
        "cases:list",
        "reception:index",
        "case_statistics:index",
        "democracy:home",
        "feedback_officer:inbox",
        "reporting:indicator_report",
        "reporting:plan_list",
        "reporting:submission_home",
        "reporting:dossier_list",
    ):
        assert f'href="{reverse(name)}"' in body


def _case(cast, title: str, **changes) -> Case:
    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON,
        field=Field.objects.get(code="dat-dai"),
        title=title,
        summary=f"{title}: nội dung đơn.",
        received_on=TODAY - dt.timedelta(days=20),
        people=[PersonIn("Nguyễn Văn Hùng", "Thôn 1, xã Đồng Xuân")],
        subject_party="UBND xã",
        event_known_on=TODAY - dt.timedelta(days=40),
    )
    if changes:
        Case.objects.filter(pk=case.pk).update(**changes)
    return case


def _todo(client) -> dict[str, tuple[int, str]]:
    items = client.get(reverse("office:dashboard")).context["todo"]
    return {item.key: (item.count, item.url) for item in items}


def test_dashboard_lists_the_officers_own_work_with_links_to_the_filtered_lists(client, cast):
    grace = make_officer("grace", "Võ Thị Giang", "22081", Role.LEADER)
    _case(cast, "Đơn mới", assignee=None)  # received: to classify
    _case(cast, "Đơn đã phân loại", status=CaseStatus.CLASSIFIED, assignee=None)
    _case(cast, "Đơn quá hạn", status=CaseStatus.ACCEPTED, assignee=cast.alice, due_on=TODAY - dt.timedelta(days=2))
    _case(cast, "Đơn sắp hạn", status=CaseStatus.ACCEPTED, assignee=cast.alice, due_on=TODAY + dt.timedelta(days=1))
    _case(cast, "Đơn của người khác", status=CaseStatus.ACCEPTED, assignee=grace, due_on=TODAY - dt.timedelta(days=2))
    initiative_register(
        actor=cast.alice,
        unit=cast.dong_xuan,
        organization=Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee"),
        kind=InitiativeKind.MODEL,
        name="Tuyến đường hoa kiểu mẫu",
        field=InitiativeField.objects.get(code="culture_society"),
        level=InitiativeLevel.COMMUNE,
        year=2026,
        goals="05 tuyến đường kiểu mẫu",
    )
    session_plan(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="periodic",
        host_role="commune_chairman",
        host_name="Võ Thị Giang",
        held_on=TODAY,
    )

    client.force_login(cast.alice)
    todo = _todo(client)
    assert todo["cases_to_classify"][0] == 1
    assert "cases_to_accept" not in todo  # accepting needs a leader
    assert todo["cases_overdue"][0] == 1
    assert todo["cases_due_soon"][0] == 1
    assert todo["initiatives_to_submit"][0] == 1
    assert todo["sessions_this_week"][0] == 1
    # Each link opens the list filtered to exactly those records.
    overdue = client.get(todo["cases_overdue"][1]).context["page"].object_list
    assert [c.title for c in overdue] == ["Đơn quá hạn"]
    due_soon = client.get(todo["cases_due_soon"][1]).context["page"].object_list
    assert [c.title for c in due_soon] == ["Đơn sắp hạn"]
    to_classify = client.get(todo["cases_to_classify"][1]).context["page"].object_list
    assert [c.title for c in to_classify] == ["Đơn mới"]
    drafts = client.get(todo["initiatives_to_submit"][1]).context["page"].object_list
    assert [i.name for i in drafts] == ["Tuyến đường hoa kiểu mẫu"]
    sessions = client.get(todo["sessions_this_week"][1]).context["page"].object_list
    assert [s.held_on for s in sessions] == [TODAY]
    assert all(s.status == SessionStatus.PLANNED for s in sessions)
    body = client.get(reverse("office:dashboard")).content.decode()
    assert 'data-todo="cases_overdue"' in body

    client.force_login(grace)
    todo = _todo(client)
    assert todo["cases_to_accept"][0] == 1
    accept = client.get(todo["cases_to_accept"][1]).context["page"].object_list
    assert [c.title for c in accept] == ["Đơn đã phân loại"]
    assert todo["cases_overdue"][0] == 1  # grace's own overdue case, not alice's

    client.force_login(cast.bob)  # another commune: none of it
    assert _todo(client) == {}
    assert 'data-todo="none"' in client.get(reverse("office:dashboard")).content.decode()

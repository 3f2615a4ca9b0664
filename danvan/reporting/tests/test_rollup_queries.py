"""The dashboard counts a unit's children together: ``rollup.by_child`` runs one grouped query per figure group
(``IndicatorSource.compute_by``), so its queries do not grow with the number of children — a legacy district of a
handful of communes, a province of a hundred and the country's 34 provinces cost the same — and each child's figure
is the one it has on its own (its legacy predecessors with it, the 2025 merger's roll-up)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.cases.models import CaseStatus, Timeliness
from danvan.core.models import AdministrativeUnit, UnitSuccession, UnitTree
from danvan.core.periods import Period
from danvan.democracy.models import CommuneRecord
from danvan.feedback.models import Report, ReportState
from danvan.reporting import indicators, rollup
from danvan.reporting.indicators import Place, compute
from danvan.reporting.periods import parse_period
from danvan.reporting.tests import golden
from danvan.reporting.tests.dossier_helpers import make_dossiers

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = Period.year(2026)
# At most, whatever the number of children: the children (1), their legacy predecessors (1), the parent's place
# (1), the source's own queries (``IndicatorSource.queries``, 2 at most here).
BY_CHILD_QUERIES = 5


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


def grouped_codes() -> list[str]:
    return [code for source in indicators.sources() if source.compute_by is not None for code in source.codes]


def legacy_predecessor(unit: AdministrativeUnit) -> AdministrativeUnit:
    link = UnitSuccession.objects.filter(successor=unit, is_primary=True, predecessor__level=3).first()
    assert link is not None
    return link.predecessor


@pytest.fixture
def records(cast):
    """Visits, petitions and dossiers at two communes of Đắk Lắk, one legacy commune Đồng Xuân succeeded, and Hà
    Nội."""
    from danvan.cases.tests.test_statistics import make_case

    old = legacy_predecessor(cast.dong_xuan)
    golden.make_visits([cast.dong_xuan], 2026, 4)
    golden.make_visits([old], 2026, 3)
    golden.make_visits([cast.buon_ma_thuot], 2026, 6)
    golden.make_visits([cast.ba_dinh], 2026, 5)
    make_case(cast, received_on=D(2026, 3, 1))
    make_case(
        cast,
        received_on=D(2026, 2, 1),
        status=CaseStatus.RESOLVED,
        accepted_on=D(2026, 2, 5),
        resolved_on=D(2026, 4, 1),
        resolution_timeliness=Timeliness.ON_TIME,
        at=old,
    )
    make_dossiers(cast.dong_xuan, 3, prefix="A")
    make_dossiers(old, 2, prefix="B", status="late", finished_on=D(2026, 2, 1))
    make_dossiers(cast.buon_ma_thuot, 4, prefix="C", finished_on=None, status="in_progress")
    make_dossiers(cast.ba_dinh, 5, prefix="D")
    return old


def test_every_grouped_source_is_counted_together():
    sources = {source.code for source in indicators.sources() if source.compute_by is not None}
    assert {"dossiers", "feedback", "initiatives", "petitions", "reception"} <= sources


def test_by_child_equals_each_child_on_its_own(cast, records):
    """Each commune's figure through the grouped count equals its own count (legacy records under their primary
    successor), for every code of every grouped source; the province's figure is their sum.

    Only Đồng Xuân and Buôn Ma Thuột have records among Đắk Lắk's hundred communes: they are counted on their own,
    every other commune must have the figure of a commune without records (computed once per code), so a record
    counted under the wrong commune still fails."""
    children = rollup.children_of(cast.dak_lak)
    with_records = {cast.dong_xuan.pk, cast.buon_ma_thuot.pk}
    empty = next(child for child in children if child.pk not in with_records)
    for code in grouped_codes():
        grouped = {figure.unit.pk: figure.value for figure in rollup.by_child(cast.dak_lak, YEAR, code)}
        nothing = compute(Place.of(empty), YEAR, [code]).get(code)
        one_by_one = {
            child.pk: compute(Place.of(child), YEAR, [code]).get(code) if child.pk in with_records else nothing
            for child in children
        }
        assert grouped == one_by_one, code
    visits = {f.unit.pk: f.value for f in rollup.by_child(cast.dak_lak, YEAR, "reception.visits")}
    assert visits[cast.dong_xuan.pk] == 7 and visits[cast.buon_ma_thuot.pk] == 6
    received = {f.unit.pk: f.value for f in rollup.by_child(cast.dak_lak, YEAR, "cchc.received")}
    assert received[cast.dong_xuan.pk] == 5 and rollup.sum_values(received.values()) == 9
    resolved = {f.unit.pk: f.value for f in rollup.by_child(cast.dak_lak, YEAR, "petitions.resolved")}
    assert resolved[cast.dong_xuan.pk] == 1
    # Without the legacy units, the legacy commune's records drop out.
    own = {f.unit.pk: f.value for f in rollup.by_child(cast.dak_lak, YEAR, "reception.visits", legacy=False)}
    assert own[cast.dong_xuan.pk] == 4


def test_head_days_one_query_and_by_child(cast, records):
    """The heads' reception days: distinct days of held sessions chaired by a head (not the desk), a legacy
    commune's with its successor's — counted in the visits' query for one place, by child for the dashboard."""
    from danvan.reception.models import HostRole, ReceptionSession, SessionStatus

    def session(unit: AdministrativeUnit, day: dt.date, **fields: str) -> None:
        values = {"kind": "periodic", "host_role": HostRole.COMMUNE_CHAIRMAN, "status": SessionStatus.HELD, **fields}
        ReceptionSession.objects.create(unit=unit, unit_path=unit.path, host_name="A", held_on=day, **values)

    session(cast.dong_xuan, D(2026, 3, 2))
    session(cast.dong_xuan, D(2026, 3, 2), host_role=HostRole.AGENCY_HEAD)  # the same day
    session(records, D(2026, 4, 6))  # the legacy commune
    session(cast.dong_xuan, D(2026, 5, 4), host_role=HostRole.DESK)  # the desk: not a head's day
    session(cast.dong_xuan, D(2026, 6, 1), status=SessionStatus.CANCELLED)
    session(cast.buon_ma_thuot, D(2026, 3, 2))
    with CaptureQueriesContext(connection) as captured:
        own = compute(Place.of(cast.dong_xuan), YEAR, ["reception.head_days", "reception.visits"])
    assert own == {"reception.head_days": 2, "reception.visits": 7} and len(captured.captured_queries) <= 2
    # Days, not sessions: 2/3 at both communes is one day of the province.
    assert compute(Place.of(cast.dak_lak), YEAR, ["reception.head_days"])["reception.head_days"] == 2
    days = {f.unit.pk: f.value for f in rollup.by_child(cast.dak_lak, YEAR, "reception.head_days")}
    assert days[cast.dong_xuan.pk] == 2 and days[cast.buon_ma_thuot.pk] == 1
    assert compute(Place.of(cast.ba_dinh), Period.year(2030), ["reception.head_days"])["reception.head_days"] == 0


def test_national_by_child_equals_each_province(cast, records):
    for code in ("reception.visits", "cchc.received", "petitions.received", "initiatives.registered"):
        grouped = {figure.unit.pk: figure.value for figure in rollup.by_child(None, YEAR, code)}
        provinces = rollup.children_of(None)
        assert len(provinces) == 34
        assert grouped == {p.pk: compute(Place.of(p), YEAR, [code]).get(code) for p in provinces}, code
        country = compute(Place.country(), YEAR, [code]).get(code)
        assert rollup.sum_values(grouped.values()) == (country or 0), code
    visits = {f.unit.pk: f.value for f in rollup.by_child(None, YEAR, "reception.visits")}
    assert visits[cast.dak_lak.pk] == 13 and visits[cast.ba_dinh.parent_id] == 5


def test_by_child_queries_do_not_grow_with_children(cast, records):
    """At most the same few queries for a legacy district (a handful of communes: no successors to look up), Đắk
    Lắk (a hundred communes) and the country (34 provinces)."""
    district = legacy_predecessor(cast.dong_xuan).parent
    assert district is not None
    assert district.tree == UnitTree.LEGACY
    small, large = rollup.children_of(district), rollup.children_of(cast.dak_lak)
    assert len(small) < 30 < len(large)
    for code in ("reception.visits", "reception.head_days", "petitions.overdue", "cchc.received", "feedback.received",
                 "initiatives.registered"):  # fmt: skip
        counts = []
        for unit in (district, cast.dak_lak, None):
            with CaptureQueriesContext(connection) as captured:
                rollup.by_child(unit, YEAR, code)
            counts.append(len(captured.captured_queries))
        assert max(counts) <= BY_CHILD_QUERIES, (code, counts)
        assert counts[1] == counts[2], (code, counts)


def test_dashboard_api_queries_bounded(client, cast, records, django_assert_max_num_queries):
    """The dashboard API of a province (its hundred communes and the five-year trend) and of the country (34
    provinces): a bound that holds whatever the number of children."""
    client.force_login(cast.carol)
    with django_assert_max_num_queries(30):
        response = client.get(
            "/api/v1/reporting/dashboard", {"unit": cast.dak_lak.pk, "period": "2026", "code": "cchc.received"}
        )
    assert response.status_code == 200
    assert response.json()["value"] == 9
    client.force_login(cast.root)
    with django_assert_max_num_queries(30):
        response = client.get("/api/v1/reporting/dashboard", {"period": "2026", "code": "reception.visits"})
    assert response.status_code == 200
    body = response.json()
    assert len(body["children"]) == 34 and body["value"] == 18


# --- The trend: five periods in one read ------------------------------------------------------------------------------

TREND = rollup.trend_periods(parse_period("2026"))  # 2022 … 2026


def periodic_sources() -> list[indicators.IndicatorSource]:
    return [source for source in indicators.sources() if source.compute_periods is not None]


@pytest.fixture
def years(cast):
    """Records of every periodic source over 2022–2026 at Đồng Xuân and the legacy commune it succeeded in 2025
    (its records before the merger count under it), Buôn Ma Thuột and Hà Nội — states that span years (a dossier
    received in 2022 finished in 2024; a petition received in 2023, past its deadline, resolved in 2025)."""
    from danvan.cases.tests.test_statistics import make_case
    from danvan.demo.feedback import at, report_with_outcome
    from danvan.initiatives.models import InitiativeStatus
    from danvan.initiatives.tests.test_statistics import make as make_initiative
    from danvan.reception.models import HostRole, ReceptionSession, SessionStatus

    old = legacy_predecessor(cast.dong_xuan)
    for year, unit, count in ((2022, old, 3), (2023, old, 2), (2024, old, 4), (2025, cast.dong_xuan, 5),
                              (2026, cast.dong_xuan, 6), (2024, cast.buon_ma_thuot, 2), (2023, cast.ba_dinh, 7)):  # fmt: skip
        golden.make_visits([unit], year, count)
    for day, unit in ((D(2022, 5, 2), old), (D(2024, 6, 3), old), (D(2026, 3, 2), cast.dong_xuan)):
        ReceptionSession.objects.create(
            unit=unit, unit_path=unit.path, host_name="A", held_on=day, kind="periodic",
            host_role=HostRole.COMMUNE_CHAIRMAN, status=SessionStatus.HELD,
        )  # fmt: skip
    make_case(cast, received_on=D(2026, 3, 1))
    make_case(cast, received_on=D(2022, 3, 1), at=old)
    make_case(
        cast, received_on=D(2023, 2, 1), status=CaseStatus.RESOLVED, accepted_on=D(2023, 2, 5), due_on=D(2023, 6, 1),
        resolved_on=D(2025, 4, 1), resolution_timeliness=Timeliness.LATE, at=old,
    )  # fmt: skip
    make_case(
        cast, received_on=D(2024, 2, 1), status=CaseStatus.RESOLVED, accepted_on=D(2024, 2, 5),
        resolved_on=D(2024, 4, 1), resolution_timeliness=Timeliness.ON_TIME,
    )  # fmt: skip
    make_dossiers(old, 3, prefix="A", received_on=D(2022, 11, 5), due_on=D(2023, 1, 10), finished_on=D(2024, 1, 9),
                  status="late", channel="post")  # fmt: skip
    make_dossiers(old, 2, prefix="B", received_on=D(2024, 3, 5), due_on=D(2024, 3, 10), finished_on=D(2024, 3, 9))
    make_dossiers(cast.dong_xuan, 4, prefix="C", received_on=D(2025, 12, 20), due_on=D(2026, 1, 10),
                  finished_on=None, status="in_progress", channel="in_person")  # fmt: skip
    make_dossiers(cast.dong_xuan, 1, prefix="D", received_on=D(2026, 2, 1), finished_on=D(2026, 2, 2),
                  status="withdrawn")  # fmt: skip
    make_dossiers(cast.buon_ma_thuot, 2, prefix="E", received_on=D(2023, 5, 5), due_on=D(2023, 5, 10),
                  finished_on=D(2023, 5, 9))  # fmt: skip
    make_dossiers(cast.ba_dinh, 5, prefix="F", received_on=D(2025, 5, 5), finished_on=None, status="in_progress")
    for day, unit, hours in ((D(2023, 4, 6), old, 10), (D(2024, 4, 6), old, 200), (D(2026, 4, 6), cast.dong_xuan, 5),
                             (D(2025, 9, 9), cast.buon_ma_thuot, 1)):  # fmt: skip
        # Made in 2026 (the feedback rules are in force since), then moved to its day and unit.
        report = report_with_outcome(cast.dong_xuan, at(D(2026, 4, 6)), answer_hours=hours, rating=4)
        shift = at(D(2026, 4, 6)) - at(day)
        Report.objects.filter(pk=report.pk).update(
            unit=unit, unit_path=unit.path, province_code=unit.province_code,
            received_at=F("received_at") - shift, answered_at=F("answered_at") - shift,
        )  # fmt: skip
    late = report_with_outcome(cast.dong_xuan, at(D(2026, 1, 5)), state=ReportState.ACCEPTED, due_on=D(2026, 1, 10))
    Report.objects.filter(pk=late.pk).update(received_at=at(D(2025, 6, 1)), due_on=D(2025, 6, 10))
    make_initiative(cast, at=old, registered_on=D(2022, 3, 1), recognized_on=D(2023, 5, 1),
                    status=InitiativeStatus.MAINTAINED, funds=1_000_000)  # fmt: skip
    make_initiative(cast, registered_on=D(2024, 3, 1))
    make_initiative(cast, at=cast.buon_ma_thuot, registered_on=D(2026, 3, 1), recognized_on=D(2026, 9, 1))
    return old


def test_every_source_but_democracy_counts_periods_together():
    assert {source.code for source in periodic_sources()} >= {
        "dossiers", "feedback", "initiatives", "petitions", "reception",
    }  # fmt: skip


def test_trend_in_one_read_equals_each_period_on_its_own(cast, years):
    """Every figure of every source that counts periods together, for a commune (with its legacy predecessor), a
    province and the country, equals the period counted on its own — the states at each period's end too."""
    spans = [period.period for period in TREND]
    for place in (Place.of(cast.dong_xuan), Place.of(cast.dak_lak), Place.country(), Place.of(years)):
        for source in periodic_sources():
            assert source.compute_periods is not None
            together = [dict(values) for values in source.compute_periods(place, spans)]
            apart = [dict(source.compute(place, span)) for span in spans]
            assert together == apart, (source.code, place.paths)
    for code in indicators.computed_codes():
        if not code.startswith("democracy."):
            points = [point.value for point in rollup.trend(cast.dak_lak, TREND, code)]
            assert points == [compute(Place.of(cast.dak_lak), span, [code]).get(code) for span in spans], code
    trend = {code: [p.value for p in rollup.trend(cast.dong_xuan, TREND, code)] for code in (
        "reception.visits", "reception.head_days", "cchc.carried_over", "cchc.in_progress_past", "cchc.received",
        "petitions.overdue", "petitions.received", "feedback.received", "initiatives.registered",
        "initiatives.maintained",
    )}  # fmt: skip
    # The legacy commune's records before the merger count under its successor.
    assert trend["reception.visits"] == [3, 2, 4, 5, 6]
    assert trend["reception.head_days"] == [1, 0, 1, 0, 1]
    assert trend["cchc.received"] == [3, 0, 2, 4, 1]
    assert trend["cchc.carried_over"] == [0, 3, 3, 0, 4]
    assert trend["cchc.in_progress_past"] == [0, 3, 0, 0, 4]  # 4 received 20/12/2025, due 10/1/2026
    assert trend["petitions.received"] == [1, 1, 1, 0, 6]  # 2026: a feedback report is a petition too
    assert trend["feedback.received"] == [0, 1, 1, 1, 1]
    assert trend["initiatives.registered"] == [1, 0, 1, 0, 0]
    assert sum(value or 0 for value in trend["petitions.overdue"]) > 0


def test_trend_queries_do_not_grow_with_periods(cast, years):
    """A source that counts periods together reads as many times for five periods as for one."""
    for code in ("reception.visits", "reception.head_days", "petitions.overdue", "cchc.received", "cchc.days_cut",
                 "feedback.received", "initiatives.registered"):  # fmt: skip
        source = indicators.source_of(code)
        assert source is not None
        for unit in (cast.dak_lak, None):
            counts = []
            for periods in (TREND[-1:], TREND):
                with CaptureQueriesContext(connection) as captured:
                    rollup.trend(unit, periods, code)
                counts.append(len(captured.captured_queries))
            assert counts[0] == counts[1], (code, unit, counts)
            assert counts[1] <= source.queries + 3, (code, unit, counts)


def test_a_report_reads_its_periods_together_and_each_equals_its_period_alone(cast, years):
    """``compute_many`` (the annual report: the year, the one before) gives each period what ``compute`` gives it
    alone, every computed code, for a province and a commune with its legacy predecessor; the sources that count
    periods together read no more for three periods than for two (the democracy groups read the recommendations
    once, their own tables once a period: ``test_democracy_trend_reads_the_recommendations_once…``)."""
    from danvan.reporting.indicators import compute_many

    spans = [period.period for period in TREND[-3:]]
    periodic = {
        code for source in periodic_sources() if not source.code.startswith("democracy.") for code in source.codes
    }
    for place in (Place.of(cast.dak_lak), Place.of(cast.dong_xuan)):
        assert compute_many(place, spans) == [compute(place, span) for span in spans], place.paths
        counts = []
        # Two periods or more (compute_periods), each pair with the running year: a source with a month cube reads
        # the closed years from it and the running year's states from the records, one query each, however many.
        for asked in (spans[-2:], spans):
            with CaptureQueriesContext(connection) as captured:
                compute_many(place, asked, periodic)
            counts.append(len(captured.captured_queries))
        assert counts[0] == counts[1], counts


# --- The democracy groups: the children together ----------------------------------------------------------------------

DEMOCRACY_MODELS = ("Disclosure", "CommunityDecision", "Consultation", "CommunityMeeting", "Recommendation", "Board",
                    "BoardSession", "Supervision", "VoterContact")  # fmt: skip


def democracy_codes() -> dict[str, str]:
    """One code of each democracy group (its first figure), by group."""
    return {source.code: source.codes[0] for source in indicators.sources() if source.code.startswith("democracy.")}


@pytest.fixture
def democracy(db):
    """The demo's democracy records (at Đồng Xuân and its villages), a third moved to the legacy commune Đồng Xuân
    succeeded, a third to another commune of Đắk Lắk and some of those to Hà Nội (a dialogue stays at its body's
    unit, as the service records it)."""
    from django.apps import apps
    from django.core.management import call_command

    call_command("demo", quiet=True)
    dong_xuan = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code="22081")
    province = dong_xuan.parent
    assert province is not None
    old = legacy_predecessor(dong_xuan)
    other = next(child for child in rollup.children_of(province) if child.pk != dong_xuan.pk)
    elsewhere = (
        AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=dong_xuan.level)
        .exclude(province_code=dong_xuan.province_code)
        .order_by("path")
        .first()
    )
    assert elsewhere is not None
    for name in DEMOCRACY_MODELS:
        model = apps.get_model("democracy", name)
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        assert pks, name
        for unit, chosen in ((old, pks[0::3]), (other, pks[1::3]), (elsewhere, pks[2::6])):
            model.objects.filter(pk__in=chosen).update(unit=unit, unit_path=unit.path, province_code=unit.province_code)
    return dong_xuan, province, old, other


def test_every_democracy_group_counts_children_together():
    assert democracy_codes()
    assert all(source.compute_by is not None for source in indicators.sources())


def test_democracy_by_child_equals_each_child_on_its_own(democracy):
    """Every figure of every democracy group, for each commune of the province (the legacy commune's records under
    its successor) and each province of the country, equals the child counted on its own."""
    _dong_xuan, province, _old, _other = democracy
    today = timezone.localdate()
    children = rollup.children_of(province)
    places = Place.of_each(children)
    # The communes holding democracy records (a legacy commune's under its successor) are each counted on their own;
    # every other commune must equal one commune without records (counting all hundred alone took 15 s).
    paths = {
        path
        for model in apps.get_app_config("democracy").get_models()
        if issubclass(model, CommuneRecord)
        for path in model._default_manager.values_list("unit_path", flat=True).distinct()
    }
    holders = {child.pk for child in children if any(path.startswith(places[child.pk].paths) for path in paths)}
    empty = next(child for child in children if child.pk not in holders)
    for period in (Period.year(today.year), Period(D(2020, 1, 1), today + dt.timedelta(days=400))):
        for source in indicators.sources():
            if not source.code.startswith("democracy."):
                continue
            nothing = compute(places[empty.pk], period, source.codes)
            own = {
                child.pk: compute(places[child.pk], period, source.codes) if child.pk in holders else nothing
                for child in children
            }
            assert sum(1 for values in own.values() if any(values.values())) >= 1, source.code
            for code in source.codes:
                grouped = {figure.unit.pk: figure.value for figure in rollup.by_child(province, period, code)}
                assert grouped == {pk: values[code] for pk, values in own.items()}, (code, period)
            code = source.codes[0]
            national = {figure.unit.pk: figure.value for figure in rollup.by_child(None, period, code)}
            assert national == {p.pk: compute(Place.of(p), period, [code])[code] for p in rollup.children_of(None)}


def test_democracy_by_child_queries_do_not_grow_with_children(democracy):
    """A legacy district (a handful of communes), the province (a hundred) and the country (34 provinces): the same
    few queries for every democracy group."""
    _dong_xuan, province, old, _other = democracy
    district = old.parent
    assert district is not None and district.tree == UnitTree.LEGACY
    period = Period.year(timezone.localdate().year)
    for code in democracy_codes().values():
        counts = []
        for unit in (district, province, None):
            with CaptureQueriesContext(connection) as captured:
                rollup.by_child(unit, period, code)
            counts.append(len(captured.captured_queries))
        assert max(counts) <= BY_CHILD_QUERIES, (code, counts)


def test_democracy_trend_reads_the_recommendations_once_and_equals_each_period(democracy):
    """The democracy groups that count the recommendations (their own and the boards', meetings', dialogues' and
    supervisions' items) read them once for every period of a trend; each period's figures equal the period counted
    on its own, for a commune (with its legacy predecessor), the province and the country."""
    dong_xuan, province, _old, _other = democracy
    today = timezone.localdate()
    periods = rollup.trend_periods(parse_period(str(today.year)))
    spans = [period.period for period in periods]
    sharing = [source for source in periodic_sources() if source.code.startswith("democracy.")]
    assert {source.code for source in sharing} == {
        "democracy.boards", "democracy.contacts", "democracy.meetings", "democracy.recommendations",
        "democracy.supervisions",
    }  # fmt: skip
    for place in (Place.of(dong_xuan), Place.of(province), Place.country()):
        for source in sharing:
            assert source.compute_periods is not None
            together = [dict(values) for values in source.compute_periods(place, spans)]
            assert together == [dict(source.compute(place, span)) for span in spans], (source.code, place.paths)
    recommendations = indicators.source_of("democracy.recommendations.raised")
    assert recommendations is not None and recommendations.compute_periods is not None
    assert any(
        value for values in recommendations.compute_periods(Place.of(province), spans) for value in values.values()
    )
    table = '"democracy_recommendation"'
    for source in sharing:
        with CaptureQueriesContext(connection) as captured:
            points = rollup.trend(province, periods, source.codes[0])
        assert len(points) == len(periods)
        reads = [query["sql"] for query in captured.captured_queries if f"FROM {table}" in query["sql"]]
        assert len(reads) == 1, (source.code, len(reads))

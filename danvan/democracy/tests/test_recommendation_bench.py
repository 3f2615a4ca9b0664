"""Smoke test of the 2,000,000-recommendation benchmark at a small scale: its generator inserts valid rows over the
real tree, and the hand-written SQL it compares against counts exactly what our figure group and ranking count (so
the ratios it prints compare like with like); its bare views answer; ``make bench`` runs it on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import democracy_recommendations_bench as bench
from danvan.core.periods import Period, period_from
from danvan.core.selectors import statistics_paths
from danvan.democracy import recommendation_figures
from danvan.democracy.figures import Place
from danvan.democracy.models import Recommendation
from danvan.democracy.recommendation_ranking import recommendation_ranking

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def generated(cast):
    return bench.generate(count=2000)


def test_the_generator_writes_valid_rows_over_the_real_tree(generated):
    assert generated["recommendations"] == Recommendation.objects.count() == 2000
    assert generated["communes"] > 3000
    item = Recommendation.objects.exclude(answered_on=None).select_related("addressee_org__unit").first()
    assert item is not None and item.addressee_org is not None
    item.full_clean()  # every column the model checks
    assert item.addressee_org.unit.path == item.addressee_path


def test_the_database_writes_a_realistic_mix(generated):
    from django.db.models import Count

    from danvan.democracy.models import RecommendationTransfer

    def share(field):
        return dict(Recommendation.objects.values_list(field).annotate(n=Count("id")).order_by())

    assert set(share("source")) == set(bench.SOURCES)
    assert share("addressee") == {"peoples_committee": 1400, "fatherland_front": 200, "peoples_council": 200,
                                  "higher_level": 200}  # fmt: skip
    assert set(share("status")) == {"open", "answered", "closed"} and set(share("assessment")) == {
        "",
        "satisfied",
        "unsatisfied",
    }
    assert Recommendation.objects.filter(answered_on__gt=bench.TODAY).count() == 0
    assert Recommendation.objects.filter(raised_on__year=bench.YEAR - 1).count() > 900
    moved = RecommendationTransfer.objects.select_related("recommendation", "from_org__kind", "to_org")
    assert generated["transfers"] == moved.count() == 67
    for transfer in moved[:20]:
        assert transfer.to_org_id == transfer.recommendation.addressee_org_id
        assert transfer.from_org is not None and transfer.due_on_before is not None
        assert transfer.from_org.kind.code == "peoples_committee"
        assert transfer.from_org.unit_id == transfer.recommendation.unit_id
        assert transfer.recommendation.raised_on < transfer.transferred_on < transfer.due_on_before


def test_the_hand_written_sql_counts_what_our_figures_and_ranking_count(cast, generated):
    province = cast.dak_lak
    paths, provinces = statistics_paths(province)
    place = Place(paths=paths, provinces=provinces)
    for period in (Period.year(bench.YEAR), Period.year(bench.YEAR - 1), period_from(year=bench.YEAR, period="q4")):
        ours = recommendation_figures.compute(place, period, today=bench.TODAY)
        hand = bench.hand_figures(paths, provinces, period.start, period.end, bench.TODAY)
        assert hand["raised"] > 0
        assert {key: ours[key] for key in hand} == hand
        ranking = recommendation_ranking(unit=province, period=period, today=bench.TODAY)
        by_hand = bench.hand_ranking(paths, period.start, period.end, bench.TODAY)
        assert (
            sorted(
                (b.organization_id, b.name, b.unit_name, b.raised, b.on_time, b.late, b.unanswered, b.overdue)
                for b in ranking.bodies
            )
            == by_hand
        )
    _soon, overdue = bench.hand_sweep(bench.TODAY, 5)
    assert overdue == Recommendation.objects.overdue(bench.TODAY).filter(status="open").count() > 0


@pytest.mark.urls("bench.urls")
def test_the_bare_views_answer(client, cast, generated):
    from danvan.core.models import Organization

    body = Organization.objects.get(unit=cast.dak_lak, kind__code="peoples_committee")
    inbox = client.get("/bare/recommendation-inbox", {"organization": body.pk})
    assert inbox.status_code == 200 and inbox.json()["count"] > 0
    figures = client.get("/bare/recommendation-figures", {"unit": cast.dak_lak.pk, "year": bench.YEAR})
    assert figures.status_code == 200 and figures.json()["current"]["raised"] > 0


def test_make_bench_runs_it_on_both_engines_at_full_scale():
    script = (ROOT / "scripts" / "bench.sh").read_text()
    assert "$PY bench/democracy_recommendations_bench.py" in script
    assert "pg $PY bench/democracy_recommendations_bench.py" in script  # on the run's PostgreSQL server
    assert bench.RECOMMENDATIONS == 2_000_000 or "BENCH_RECOMMENDATIONS" in __import__("os").environ


def test_the_generator_leaves_the_connection_s_page_cache_as_it_found_it(generated):
    """It writes with a larger SQLite page cache and sets back the connection's own (settings: 64 MiB), not
    SQLite's default: the tests that run after it in the same process read with the app's setting."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -65536

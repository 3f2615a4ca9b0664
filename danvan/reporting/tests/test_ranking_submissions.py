"""Ranking schemes (weights sum to 100, else refused) and the yearly ranking with explained scores and grades."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import Http404

from danvan.core.errors import DomainError
from danvan.reporting import ranking
from danvan.reporting import submission_services as services
from danvan.reporting.models import RankingResult, Submission, SubmissionStatus
from danvan.reporting.tests.submission_fixtures import (
    NARRATIVE,
    install_fake_source,
    make_template,
    remove_fake_source,
    set_figures,
)


@pytest.fixture(autouse=True)
def fake_source():
    install_fake_source()
    yield
    remove_fake_source()


CRITERIA = [
    {"label": "Tỷ lệ hồ sơ đúng hạn", "indicator_code": "test.on_time_rate", "weight": 60, "target": "90"},
    {"label": "Lượt tiếp công dân", "indicator_code": "test.visits", "weight": 30, "target": "100"},
    {"label": "Mô hình dân vận khéo", "indicator_code": "entered.models", "weight": 10, "target": "2"},
]


def make_scheme(cast, criteria=CRITERIA, **extra):
    return ranking.scheme_create(
        actor=cast.carol,
        unit=cast.dak_lak,
        year=2026,
        name="Xếp hạng công tác dân vận 2026",
        criteria=criteria,
        **extra,
    )


def test_weights_must_sum_to_100(cast):
    with pytest.raises(DomainError) as refused:
        make_scheme(cast, [{**CRITERIA[0], "weight": 50}, CRITERIA[1]])
    assert "100" in (refused.value.fields or {})["criteria"][0]
    with pytest.raises(DomainError):
        make_scheme(cast, [])
    with pytest.raises(DomainError):
        make_scheme(cast, [{**CRITERIA[0], "weight": 100, "target": "0"}])
    with pytest.raises(DomainError):
        make_scheme(cast, CRITERIA, thresholds=[{"grade": "Tốt", "min": 50}])  # nothing covers below 50
    scheme = make_scheme(cast)
    assert sum(c.weight for c in scheme.criteria.all()) == 100


def test_only_a_leader_over_the_unit_makes_a_scheme(cast):
    with pytest.raises(Http404):
        ranking.scheme_create(actor=cast.alice, unit=cast.dak_lak, year=2026, name="x", criteria=CRITERIA)
    with pytest.raises(Http404):
        ranking.scheme_create(actor=cast.frank, unit=cast.dak_lak, year=2026, name="x", criteria=CRITERIA)


def test_ranking_explains_every_score(cast):
    scheme = make_scheme(cast)
    set_figures("22081", 137, "81.0")  # 60×0,9 = 54; 30×1 = 30; entered 2 of 2 → 10 → 94
    set_figures("24133", 50, "45.0")  # 60×0,5 = 30; 30×0,5 = 15; no entered → 0 → 45
    template = make_template(cast.carol, cast.dak_lak)
    services.template_send(actor=cast.carol, template=template, period_code="2026-H1", units=[cast.dong_xuan])
    submission = Submission.objects.get(template=template)
    submission = services.submission_submit(
        actor=cast.alice, submission=submission, version=1, narrative=NARRATIVE, entered={"entered.models": "2"}
    )
    services.submission_approve(actor=cast.carol, submission=submission, version=submission.version)

    results = ranking.rank_units(actor=cast.carol, scheme=scheme, units=[cast.buon_ma_thuot, cast.dong_xuan])
    first, second = results
    assert first.unit == cast.dong_xuan and first.rank == 1
    assert first.total == Decimal("94.0")
    assert first.grade == "Hoàn thành xuất sắc nhiệm vụ"
    assert first.scores[0]["explanation"] == (
        "Tỷ lệ hồ sơ đúng hạn: đạt 81 so với mục tiêu 90 (90,0%) × trọng số 60 = 54,0 điểm."
    )
    assert second.total == Decimal("45.0") and second.grade == "Không hoàn thành nhiệm vụ"
    assert second.scores[2]["explanation"] == "Mô hình dân vận khéo: không có số liệu → 0/10 điểm."

    # Ranking again replaces the results.
    ranking.rank_units(actor=cast.carol, scheme=scheme, units=[cast.dong_xuan])
    assert RankingResult.objects.filter(scheme=scheme).count() == 1


def test_unapproved_entered_figures_do_not_count(cast):
    scheme = make_scheme(cast)
    set_figures("22081", 0, "0")
    template = make_template(cast.carol, cast.dak_lak)
    services.template_send(actor=cast.carol, template=template, period_code="2026-H1", units=[cast.dong_xuan])
    submission = Submission.objects.get(template=template)
    services.submission_submit(
        actor=cast.alice, submission=submission, version=1, narrative=NARRATIVE, entered={"entered.models": "2"}
    )
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.SUBMITTED
    (result,) = ranking.rank_units(actor=cast.carol, scheme=scheme, units=[cast.dong_xuan])
    assert result.total == Decimal("0.0")


def test_less_is_better_and_ties(cast):
    scheme = make_scheme(
        cast,
        [
            {
                "label": "Đơn thư tồn đọng",
                "indicator_code": "test.visits",
                "weight": 100,
                "target": "10",
                "higher_is_better": False,
            }
        ],
    )
    set_figures("22081", 20)
    set_figures("24133", 20)
    results = ranking.rank_units(actor=cast.carol, scheme=scheme, units=[cast.dong_xuan, cast.buon_ma_thuot])
    assert [r.total for r in results] == [Decimal("50.0"), Decimal("50.0")]
    assert [r.rank for r in results] == [1, 1]
    assert results[0].grade == "Hoàn thành nhiệm vụ"


def test_ranking_needs_the_leader(cast):
    scheme = make_scheme(cast)
    with pytest.raises(Http404):
        ranking.rank_units(actor=cast.alice, scheme=scheme)

"""Demo of the recommendation tracker at Xã Đồng Xuân (after the meetings demo raised its items): one item moved to
the commune's People's Council with a reason, one answer assessed as satisfying (closed), one not (re-raised with a
new deadline). Loads twice safely: each step is done only while the item is still in the state it needs."""

from __future__ import annotations

from danvan.accounts.models import Officer
from danvan.core.models import AdministrativeUnit, Organization, UnitTree
from danvan.core.subtree import subtree_q
from danvan.democracy.models import Recommendation, RecommendationStatus, RecommendationTransfer
from danvan.democracy.recommendation_services import AssessOutcome, recommendation_assess, recommendation_transfer

COMMUNE = "22081"
OFFICER = "dongxuan.canbo"


def load(province_code: str) -> int:
    """The number of changes made."""
    commune = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=COMMUNE).first()
    if commune is None or commune.province_code != province_code:
        return 0
    actor = Officer.objects.filter(username=OFFICER).first()
    council = Organization.objects.filter(
        unit__tree=UnitTree.CURRENT, unit__code=COMMUNE, kind__code="peoples_council"
    ).first()
    if actor is None or council is None:
        return 0
    items = Recommendation.objects.filter(subtree_q(commune))
    done = 0
    if not RecommendationTransfer.objects.filter(recommendation__in=items).exists():
        waiting = items.filter(status=RecommendationStatus.OPEN, addressee_org__isnull=False).order_by("id").first()
        if waiting is not None and waiting.addressee_org_id != council.pk:
            recommendation_transfer(
                actor=actor,
                item=waiting,
                expected_version=waiting.version,
                to_org=council,
                reason="Nội dung thuộc thẩm quyền giám sát của HĐND xã (kỳ họp cuối năm).",
            )
            done += 1
    answered = list(items.filter(status=RecommendationStatus.ANSWERED).order_by("id")[:2])
    if answered and not items.filter(assessment__gt="").exists():
        recommendation_assess(
            actor=actor, item=answered[0], expected_version=answered[0].version, assessment="satisfied"
        )
        done += 1
        if len(answered) > 1:
            recommendation_assess(
                actor=actor,
                item=answered[1],
                expected_version=answered[1].version,
                assessment="unsatisfied",
                reason="Cử tri đề nghị nêu rõ thời gian thực hiện.",
                outcome=AssessOutcome.RERAISE,
            )
            done += 2
    return done

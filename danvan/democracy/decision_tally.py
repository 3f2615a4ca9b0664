"""Thresholds and the one tally of community decisions (Luật 10/2022 Art. 21; NĐ 59/2023 Art. 3–5).

A threshold is a ``LegalRule`` read as an exact fraction (``2 thirds`` → 2/3, ``50 percent`` → 1/2) and a
comparison (``at_least``: ≥, matters 1–2; ``above``: >, matters 3–6), always over ALL households of the community
on the register day, never over those who came. Integers only: "≥ 2/3 of 120" needs ``ceil(120·2/3) = 80``
households, "> 50 % of 120" needs ``floor(120/2) + 1 = 61``. Each result explains itself
("82/120 hộ đồng ý = 68,3 % ≥ 2/3 (80 hộ): thông qua").

The tally counts paper and online ballots of a decision in one aggregate query (the database keeps one ballot
per household, so nobody is counted twice), or the meeting counts, per village; a commune-wide matter passes when
enough villages (≥ 2/3, rule data) pass, each by its own count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from danvan.core.compiled import count_rows
from danvan.core.errors import DomainError
from danvan.core.formatting import format_number
from danvan.core.models import LegalRule
from danvan.core.rules import RuleTable
from danvan.core.text import vi_sort_key
from danvan.democracy.models import (
    Ballot,
    BallotChoice,
    CommunityDecision,
    DecisionForm,
    DecisionScope,
    MeetingVillageCount,
    Residence,
    ThresholdComparison,
)

VILLAGE_SHARE_RULE = "community_decision.commune_matters_min_village_share"
PROCEDURE_RULE = "community_decision.meeting_procedure_share_above"


def percent_text(count: int, total: int) -> str:
    """``82, 120`` → ``68,3 %`` (one decimal, Vietnamese comma)."""
    return f"{format_number(Fraction(100 * count, total) if total else 0, 1)} %"


@dataclass(frozen=True)
class Threshold:
    """An exact share of a total and how a count compares with it."""

    share: Fraction
    comparison: str
    label: str  # "2/3", "50 %"
    rule_code: str = ""
    legal_basis: str = ""

    def needed(self, total: int) -> int:
        """The smallest count that passes over ``total`` (integers only)."""
        product = total * self.share
        if self.comparison == ThresholdComparison.AT_LEAST:
            return -(-product.numerator // product.denominator)  # ceiling
        return product.numerator // product.denominator + 1  # strictly above

    def passes(self, count: int, total: int) -> bool:
        return total > 0 and count >= self.needed(total)

    def explain(self, count: int, total: int, *, noun: str | None = None, verb: str | None = None) -> str:
        """``82/120 hộ đồng ý = 68,3 % ≥ 2/3 (80 hộ): thông qua``."""
        noun = noun or _("hộ")
        verb = _("đồng ý") if verb is None else verb
        needed = self.needed(total)
        passed = self.passes(count, total)
        sign = ("≥" if passed else "<") if self.comparison == ThresholdComparison.AT_LEAST else ">" if passed else "≤"
        verdict = _("thông qua") if passed else _("không thông qua")
        subject = f"{count}/{total} {noun} {verb}".replace("  ", " ")
        return f"{subject} = {percent_text(count, total)} {sign} {self.label} ({needed} {noun}): {verdict}"


def threshold_from_rule(rule: LegalRule, comparison: str) -> Threshold:
    """Read a share rule exactly: ``thirds`` (2 → 2/3), ``percent`` (50 → 50/100), ``half`` (1 → 1/2)."""
    if rule.value_unit == "thirds":
        share, label = Fraction(rule.value, 3), f"{rule.value}/3"
    elif rule.value_unit == "percent":
        share, label = Fraction(rule.value, 100), f"{rule.value} %"
    else:
        raise DomainError(
            "rule_not_share",
            _("Quy định “%(code)s” không phải là một tỷ lệ (phần ba hoặc phần trăm).") % {"code": rule.code},
            status=422,
        )
    return Threshold(share, comparison, label, rule.code, rule.legal_basis)


def decision_threshold(decision: CommunityDecision, on: dt.date) -> Threshold:
    """The matter's threshold over all households, with the rule in force on ``on``."""
    matter = decision.matter
    return threshold_from_rule(RuleTable.current().in_force(matter.threshold_rule, on), matter.threshold_comparison)


def village_share_threshold(on: dt.date) -> Threshold:
    """A commune-wide matter: the share of villages that must pass (≥ 2/3, rule data)."""
    return threshold_from_rule(RuleTable.current().in_force(VILLAGE_SHARE_RULE, on), ThresholdComparison.AT_LEAST)


def procedure_threshold(on: dt.date) -> Threshold:
    """Procedural choices at a meeting: more than half of the households PRESENT (NĐ 59 Art. 3)."""
    return threshold_from_rule(RuleTable.current().in_force(PROCEDURE_RULE, on), ThresholdComparison.ABOVE)


@dataclass
class VillageTally:
    village_id: int
    village_name: str
    households: int
    agreed: int = 0
    disagreed: int = 0
    other: int = 0
    passed: bool = False
    text: str = ""

    @property
    def voted(self) -> int:
        return self.agreed + self.disagreed + self.other

    @property
    def absent(self) -> int:
        return max(self.households - self.voted, 0)


@dataclass
class Tally:
    """The count of a decision: per village, in total, and the result with its explanation."""

    villages: list[VillageTally] = field(default_factory=list)
    threshold: Threshold | None = None
    passed: bool = False
    text: str = ""

    @property
    def households(self) -> int:
        return sum(v.households for v in self.villages)

    @property
    def agreed(self) -> int:
        return sum(v.agreed for v in self.villages)

    @property
    def voted(self) -> int:
        return sum(v.voted for v in self.villages)


def villages_with_households(decision: CommunityDecision, day: dt.date) -> list[tuple[int, str, int]]:
    """The decision's villages in Vietnamese order as (id, name, households on the register on ``day``); one
    query, the count a subquery per village."""
    register = (
        Residence.objects.on(day)
        .filter(village_id=OuterRef("pk"))
        .order_by()
        .values("village_id")
        .annotate(n=count_rows())
        .values("n")
    )
    villages = (
        decision.villages.annotate(register_count=Coalesce(Subquery(register, output_field=IntegerField()), 0))
        .order_by()
        .values_list("pk", "name", "register_count")
    )
    return sorted(villages, key=lambda village: vi_sort_key(village[1]))


def _votes(decision: CommunityDecision) -> dict[int, dict[str, int]]:
    """Agree / disagree / other per village: ballots (paper and online in one query) or the meetings' counts."""
    votes: dict[int, dict[str, int]] = {}
    if decision.form == DecisionForm.MEETING and not decision.went_to_ballot:
        rows = (
            MeetingVillageCount.objects.filter(meeting__decision=decision)
            .values("meeting__village_id")
            .annotate(a=Sum("agreed"), d=Sum("disagreed"), o=Sum("other"))
        )
        for row in rows:
            votes[row["meeting__village_id"]] = {
                BallotChoice.AGREE: row["a"] or 0,
                BallotChoice.DISAGREE: row["d"] or 0,
                BallotChoice.OTHER: row["o"] or 0,
            }
        return votes
    ballots = (
        Ballot.objects.filter(decision=decision).values("village_id", "choice").annotate(n=count_rows()).order_by()
    )
    for village_id, choice, n in ballots.values_list("village_id", "choice", "n"):
        votes.setdefault(village_id, {})[choice] = n
    return votes


def decision_tally(decision: CommunityDecision, *, on: dt.date | None = None) -> Tally:
    """Count ``decision`` over the households of its villages on its register day; refuses a count with more
    votes than households (nothing is stored by the tally itself)."""
    day = decision.register_on or on or decision.created_at.date()
    villages = villages_with_households(decision, day)
    votes = _votes(decision)
    threshold = decision_threshold(decision, on or day)
    tally = Tally(threshold=threshold)
    for village_id, village_name, households in villages:
        counted = votes.get(village_id, {})
        row = VillageTally(
            village_id,
            village_name,
            households,
            counted.get(BallotChoice.AGREE, 0),
            counted.get(BallotChoice.DISAGREE, 0),
            counted.get(BallotChoice.OTHER, 0),
        )
        if row.voted > row.households:
            raise DomainError(
                "more_ballots_than_households",
                _("%(village)s: %(voted)s phiếu nhưng chỉ có %(total)s hộ trong danh sách ngày %(day)s.")
                % {
                    "village": village_name,
                    "voted": row.voted,
                    "total": row.households,
                    "day": day.strftime("%d/%m/%Y"),
                },
                status=422,
            )
        row.passed = threshold.passes(row.agreed, row.households)
        row.text = threshold.explain(row.agreed, row.households)
        tally.villages.append(row)
    if decision.scope == DecisionScope.COMMUNE:
        share = village_share_threshold(on or day)
        passed_villages = sum(1 for v in tally.villages if v.passed)
        tally.passed = share.passes(passed_villages, len(tally.villages))
        tally.text = share.explain(
            passed_villages, len(tally.villages), noun=_("thôn, tổ dân phố"), verb=_("thông qua")
        )
    else:
        only = tally.villages[0] if tally.villages else VillageTally(0, "", 0)
        tally.passed, tally.text = only.passed, threshold.explain(only.agreed, only.households)
    return tally

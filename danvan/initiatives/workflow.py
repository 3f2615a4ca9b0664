"""The life of a "Dân vận khéo" initiative as a literal transition table.

Registered at the start of the year by a unit at its level → built and reported on →
self-assessed → scored by the council of the level above → recognized (or not) →
maintained in later years; discontinued at any point; replications point to their origin
(DOMAIN.md §3, from the seeds). ``where`` says whose role counts: ``OWN`` = a role over the
initiative's unit, ``RECOGNIZER`` = a role over the unit that recognizes initiatives of its
level (the ``RecognitionAuthority`` table: commune-level initiatives are recognized by the province).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.initiatives.models import InitiativeStatus as S

OWN = "own"
RECOGNIZER = "recognizer"


@dataclass(frozen=True)
class Step:
    action: str
    label: str | Promise
    sources: frozenset[str]
    target: str
    min_role: str
    where: str = OWN
    needs_reason: bool = False


TRANSITIONS: dict[str, Step] = {
    step.action: step
    for step in [
        Step("submit", _("Trình đăng ký"), frozenset({S.DRAFT}), S.REGISTERED, Role.LEADER),
        Step("start", _("Bắt đầu thực hiện"), frozenset({S.REGISTERED}), S.IMPLEMENTING, Role.OFFICER),
        Step("self_assess", _("Tự đánh giá"), frozenset({S.IMPLEMENTING}), S.SELF_ASSESSED, Role.OFFICER),
        # Closing the council's scoring; done by the evaluation service, which records the average.
        Step("evaluate", _("Kết thúc chấm điểm"), frozenset({S.SELF_ASSESSED}), S.EVALUATED, Role.OFFICER, RECOGNIZER),
        Step("recognize", _("Công nhận"), frozenset({S.EVALUATED}), S.RECOGNIZED, Role.LEADER, RECOGNIZER),
        Step(
            "reject",
            _("Không công nhận"),
            frozenset({S.EVALUATED}),
            S.NOT_RECOGNIZED,
            Role.LEADER,
            RECOGNIZER,
            needs_reason=True,
        ),
        Step("maintain", _("Duy trì năm nay"), frozenset({S.RECOGNIZED, S.MAINTAINED}), S.MAINTAINED, Role.OFFICER),
        Step("reopen", _("Tiếp tục xây dựng"), frozenset({S.NOT_RECOGNIZED}), S.IMPLEMENTING, Role.OFFICER),
        Step(
            "discontinue",
            _("Ngừng thực hiện"),
            frozenset({S.REGISTERED, S.IMPLEMENTING, S.SELF_ASSESSED, S.NOT_RECOGNIZED, S.RECOGNIZED, S.MAINTAINED}),
            S.DISCONTINUED,
            Role.LEADER,
            needs_reason=True,
        ),
    ]
}

# Actions done through their own service (scores, decisions), not the generic transition form.
SERVICE_ONLY = frozenset({"evaluate", "recognize", "reject"})


def steps_from(status: str) -> list[Step]:
    return [step for step in TRANSITIONS.values() if status in step.sources]

"""The access matrix's declarations for the reporting app's submissions part (see reporting_routes.py).

``records(unit, actor)``: a report template made at the commune and sent to a village of it (the commune reviews),
the village's submission, and a ranking scheme of the commune."""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {
    "reporting:submission_home": Need(get=LOGIN, post=OFFICER),
    "reporting:submission_template": Need(obj="template", get=VIEWER, post=OFFICER),
    "reporting:submission_template_docx": Need(obj="template", get=VIEWER),
    "reporting:submission_template_xlsx": Need(obj="template", get=VIEWER),
    "reporting:submission_template_pdf": Need(obj="template", get=VIEWER),
    "reporting:submission_detail": Need(obj="submission", get=VIEWER),
    "reporting:submission_save": Need(obj="submission", post=OFFICER),
    "reporting:submission_return": Need(obj="submission", post=LEADER),
    "reporting:submission_approve": Need(obj="submission", post=LEADER),
    "reporting:submission_lock": Need(obj="submission", post=LEADER),
    "reporting:submission_docx": Need(obj="submission", get=VIEWER),
    "reporting:submission_xlsx": Need(obj="submission", get=VIEWER),
    "reporting:submission_pdf": Need(obj="submission", get=VIEWER),
    "reporting:submission_rankings": Need(get=LOGIN, post=LEADER),
    "reporting:submission_ranking": Need(obj="scheme", get=VIEWER, post=LEADER),
}
R = "/api/v1/reporting"
API: dict[tuple[str, str], Need] = {
    ("GET", f"{R}/templates"): Need(get=LOGIN),
    ("POST", f"{R}/templates"): Need(post=OFFICER),
    ("GET", f"{R}/templates/{{template_id}}"): Need(obj="template", get=VIEWER),
    ("POST", f"{R}/templates/{{template_id}}/send"): Need(obj="template", post=OFFICER),
    ("GET", f"{R}/templates/{{template_id}}/dashboard"): Need(obj="template", get=VIEWER),
    ("GET", f"{R}/submissions"): Need(get=LOGIN),
    ("GET", f"{R}/submissions/{{submission_id}}"): Need(obj="submission", get=VIEWER),
    ("PATCH", f"{R}/submissions/{{submission_id}}"): Need(obj="submission", post=OFFICER),
    ("POST", f"{R}/submissions/{{submission_id}}/submit"): Need(obj="submission", post=OFFICER),
    ("POST", f"{R}/submissions/{{submission_id}}/return"): Need(obj="submission", post=LEADER),
    ("POST", f"{R}/submissions/{{submission_id}}/approve"): Need(obj="submission", post=LEADER),
    ("POST", f"{R}/submissions/{{submission_id}}/lock"): Need(obj="submission", post=LEADER),
    ("GET", f"{R}/submissions/{{submission_id}}/comments"): Need(obj="submission", get=VIEWER),
    ("GET", f"{R}/submissions/{{submission_id}}/diff"): Need(obj="submission", get=VIEWER),
    ("GET", f"{R}/submissions/{{submission_id}}/document"): Need(obj="submission", get=VIEWER),
    ("POST", f"{R}/submissions/{{submission_id}}/pdf"): Need(obj="submission", post=VIEWER),
    # A unit's report (as `danvan report`): a unit of the viewer scope (422 without the period) and a visible template.
    ("GET", f"{R}/report"): Need(get=LOGIN),
    ("POST", f"{R}/report/pdf"): Need(post=LOGIN),
    ("POST", f"{R}/ranking-schemes"): Need(post=LEADER),
    ("GET", f"{R}/ranking-schemes/{{scheme_id}}"): Need(obj="scheme", get=VIEWER),
    ("POST", f"{R}/ranking-schemes/{{scheme_id}}/rank"): Need(obj="scheme", post=LEADER),
    ("GET", f"{R}/ranking-schemes/{{scheme_id}}/results"): Need(obj="scheme", get=VIEWER),
}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    """This part's records at ``unit`` (a commune), made by ``actor`` (an officer there)."""
    from danvan.core.models import UnitKind
    from danvan.core.services import village_create
    from danvan.reporting import submission_services as services
    from danvan.reporting.models import RankingCriterion, RankingScheme, Submission

    village = village_create(actor=actor, commune=unit, name="Thôn Báo Cáo", kind=UnitKind.VILLAGE, households=120)
    template = services.template_create(
        actor=actor,
        unit=unit,
        name="Báo cáo công tác dân vận",
        period_kind="half",
        doc_format="state",
        sections=[{"title": "Kết quả", "codes": ["entered.models"], "prompts": []}],
    )
    services.template_send(actor=actor, template=template, period_code="2026-H1", units=[village])
    submission = Submission.objects.get(template=template, unit=village)
    # A leader's scheme: made directly (the actor is an officer), as the ranking service would.
    scheme = RankingScheme.objects.create(unit=unit, year=2026, name="Thi đua 2026", created_by=actor)
    RankingCriterion.objects.create(scheme=scheme, label="Mô hình", indicator_code="entered.models", weight=100)
    return {"template": template, "submission": submission, "scheme": scheme}

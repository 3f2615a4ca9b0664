"""Consultations through the pages and the API: create (19 days refused beside its field), publish, the public
page with its opinion form (no sign-in, rate-limited), the decision; another commune gets 404; figures."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from danvan.core.periods import Period
from danvan.democracy.consultation_figures import compute
from danvan.democracy.figures import Place
from danvan.democracy.models import Consultation, ConsultationStatus, Opinion

NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def _payload(cast, closes_on="2026-03-22"):
    return {
        "unit_id": cast.dong_xuan.pk,
        "item": "boi-thuong-tai-dinh-cu",
        "title": "Phương án bồi thường đường liên thôn",
        "authority": "UBND xã Đồng Xuân",
        "channels": ["hoi-nghi", "cong-thong-tin"],
        "opens_on": "2026-03-02",
        "closes_on": closes_on,
    }


@pytest.mark.django_db
def test_api_create_publish_opinions_decide_and_public_page(client, cast):
    client.force_login(cast.alice)
    with time_machine.travel(NOW, tick=False):
        short = client.post(
            "/api/v1/democracy/consultations", _payload(cast, "2026-03-21"), content_type="application/json"
        )
        assert short.status_code == 422
        assert short.json()["code"] == "consultation_too_short"
        assert "closes_on" in short.json()["fields"]
        headers = {"Idempotency-Key": "k-1"}
        created = client.post(
            "/api/v1/democracy/consultations", _payload(cast), content_type="application/json", headers=headers
        )
        assert created.status_code == 201, created.content
        again = client.post(
            "/api/v1/democracy/consultations", _payload(cast), content_type="application/json", headers=headers
        )
        assert again.status_code == 200
        assert Consultation.objects.count() == 1
        cid = created.json()["id"]
        assert client.get(f"/dan-chu/lay-y-kien/{cid}/").status_code == 404  # a draft is not public
        stale = client.post(
            f"/api/v1/democracy/consultations/{cid}/publish", {"expected_version": 9}, content_type="application/json"
        )
        assert stale.status_code == 409
        published = client.post(
            f"/api/v1/democracy/consultations/{cid}/publish", {"expected_version": 1}, content_type="application/json"
        )
        assert published.json()["status"] == "open"
        client.logout()
        page = client.get(f"/dan-chu/lay-y-kien/{cid}/")
        assert page.status_code == 200
        assert "Còn 21 ngày" in page.content.decode()
        empty = client.post(f"/dan-chu/lay-y-kien/{cid}/", {"stance": "agree", "content": ""})
        assert empty.status_code == 422
        sent = client.post(
            f"/dan-chu/lay-y-kien/{cid}/",
            {"stance": "disagree", "content": "Đề nghị nâng mức hỗ trợ", "author_name": ""},
        )
        assert sent.status_code == 302
        api = client.post(
            f"/api/v1/democracy/public/consultations/{cid}/opinions",
            {"stance": "disagree", "content": "Không đồng ý"},
            content_type="application/json",
        )
        assert api.status_code == 201
        for _n in range(5):
            last = client.post(
                f"/api/v1/democracy/public/consultations/{cid}/opinions",
                {"stance": "disagree", "content": "x"},
                content_type="application/json",
            )
        assert last.status_code == 429
        assert last.json()["code"] == "rate_limited"
        listed = client.get("/api/v1/democracy/public/consultations").json()
        assert listed["count"] == 1
        assert "author_name" not in str(listed)
    assert Opinion.objects.filter(author_name="").count() >= 2
    client.force_login(cast.alice)
    with time_machine.travel(dt.datetime(2026, 3, 25, 9, tzinfo=dt.UTC), tick=False):
        body = {
            "summary": "2 ý kiến không đồng ý",
            "decision": "Giữ phương án",
            "adopts_draft": True,
            "decided_on": "2026-03-24",
        }
        refused = client.post(f"/api/v1/democracy/consultations/{cid}/decision", body, content_type="application/json")
        assert refused.status_code == 422
        assert refused.json()["code"] == "explanation_required"
        page = client.post(
            reverse("democracy:consultation_decide", args=[cid]),
            {**body, "adopts_draft": "1", "decided_on": "24/03/2026", "expected_version": 2},
        )
        assert page.status_code == 422
        assert "phải nêu" in page.content.decode()
        assert "Giữ phương án" in page.content.decode()  # what was typed stays
        body["explanation"] = "Mức hỗ trợ theo khung giá của tỉnh."
        decided = client.post(f"/api/v1/democracy/consultations/{cid}/decision", body, content_type="application/json")
        assert decided.status_code == 200
        assert decided.json()["against_majority"] is True
    client.logout()
    public = client.get(f"/dan-chu/lay-y-kien/{cid}/").content.decode()
    assert "Mức hỗ trợ theo khung giá" in public
    figures = compute(Place((cast.dong_xuan.path,), (cast.dong_xuan.province_code,)), Period.year(2026))
    assert figures["held"] == 1 and figures["against_majority"] == 1 and figures["portal_opinions"] >= 2


@pytest.mark.django_db
def test_pages_keep_typed_values_and_another_commune_gets_404(client, cast):
    client.force_login(cast.alice)
    with time_machine.travel(NOW, tick=False):
        form = client.get(reverse("democracy:consultation_create"))
        assert form.status_code == 200
        from danvan.democracy.models import ConsultationChannel, ConsultationItem

        data = {
            "unit": cast.dong_xuan.pk,
            "item": ConsultationItem.objects.get(code="du-an-dau-tu").pk,
            "title": "Dự án bãi rác tập trung",
            "authority": "UBND xã",
            "channels": [ConsultationChannel.objects.get(code="hoi-nghi").pk],
            "opens_on": "02/03/2026",
            "closes_on": "21/03/2026",
        }
        short = client.post(reverse("democracy:consultation_create"), data)
        assert short.status_code == 422
        text = short.content.decode()
        assert "Dự án bãi rác tập trung" in text and "19 ngày" in text
        data["closes_on"] = "22/03/2026"
        created = client.post(reverse("democracy:consultation_create"), data)
        assert created.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.status == ConsultationStatus.DRAFT
    client.force_login(cast.bob)
    for name in ("consultation_detail", "consultation_edit", "consultation_draft"):
        assert client.get(reverse(f"democracy:{name}", args=[consultation.pk])).status_code == 404
    assert client.post(reverse("democracy:consultation_publish", args=[consultation.pk])).status_code == 404
    assert client.get(f"/api/v1/democracy/consultations/{consultation.pk}").status_code == 404
    assert client.get("/api/v1/democracy/consultations").json()["count"] == 0

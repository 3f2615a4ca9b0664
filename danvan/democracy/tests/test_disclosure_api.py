"""The disclosure API: create with Idempotency-Key, the bad input in Vietnamese (422 with fields), 409 on a stale
version, the compliance board, the public list (published only, folded search), and 404 for another commune."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from danvan.democracy.models import Disclosure

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"


def post(client, path, body, **headers):
    return client.post(f"{API}{path}", json.dumps(body, default=str), content_type="application/json", headers=headers)


def payload(cast, **extra):
    today = timezone.localdate()
    return {
        "unit_id": cast.dong_xuan.pk,
        "item": 3,
        "title": "Phương án bồi thường giải phóng mặt bằng Đường liên xã",
        "issued_on": str(today - dt.timedelta(days=1)),
        "channels": [{"form": "posting", "place": "Trụ sở UBND xã", "started_on": str(today)}],
        "publish": True,
        **extra,
    }


def test_create_is_idempotent_and_explains_itself(client, cast):
    client.force_login(cast.alice)
    first = post(client, "/disclosures", payload(cast), **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201, first.content
    body = first.json()
    assert {f["kind"] for f in body["findings"]} == {"timing", "posting", "portal"}
    assert any("30 ngày" in f["computation"] for f in body["findings"])
    again = post(client, "/disclosures", payload(cast), **{"Idempotency-Key": "k-1"})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    other = post(client, "/disclosures", payload(cast, title="Khác"), **{"Idempotency-Key": "k-1"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_mismatch"
    assert Disclosure.objects.count() == 1


def test_bad_input_posting_29_days_and_permanent_end_date(client, cast):
    client.force_login(cast.alice)
    start = timezone.localdate()
    short = payload(
        cast,
        channels=[
            {
                "form": "posting",
                "place": "Nhà văn hóa",
                "started_on": str(start),
                "ended_on": str(start + dt.timedelta(days=28)),
            }
        ],
    )
    response = post(client, "/disclosures", short)
    assert response.status_code == 422
    assert response.json()["code"] == "posting_too_short"
    assert "29 ngày" in response.json()["message"]
    assert "channels.1.ended_on" in response.json()["fields"]
    permanent = payload(
        cast,
        item=13,
        channels=[
            {
                "form": "posting",
                "place": "Bộ phận một cửa",
                "started_on": str(start),
                "ended_on": str(start + dt.timedelta(days=60)),
            }
        ],
    )
    response = post(client, "/disclosures", permanent)
    assert response.status_code == 422 and response.json()["code"] == "permanent_end_date"
    assert not Disclosure.objects.exists()


def test_stale_version_is_409_and_channels(client, cast):
    client.force_login(cast.alice)
    created = post(client, "/disclosures", payload(cast)).json()
    today = str(timezone.localdate())
    added = post(
        client,
        f"/disclosures/{created['id']}/channels",
        {"form": "loudspeaker", "started_on": today, "expected_version": 1},
    )
    assert added.status_code == 201 and added.json()["version"] == 2
    stale = post(client, f"/disclosures/{created['id']}/publish", {"publish": False, "expected_version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    channel = next(c for c in added.json()["channels"] if c["form"] == "posting")
    refused = post(
        client, f"/disclosures/{created['id']}/channels/{channel['id']}/end", {"ended_on": today, "expected_version": 2}
    )
    assert refused.status_code == 422 and refused.json()["code"] == "reason_required"
    ended = post(
        client,
        f"/disclosures/{created['id']}/channels/{channel['id']}/end",
        {"ended_on": today, "reason": "Bảng tin hỏng", "expected_version": 2},
    )
    assert ended.status_code == 200 and ended.json()["is_too_short"] is True


def test_list_board_and_public(client, cast):
    client.force_login(cast.alice)
    created = post(client, "/disclosures", payload(cast)).json()
    post(client, "/disclosures", payload(cast, title="Dự toán ngân sách", item=2, publish=False))
    listed = client.get(f"{API}/disclosures?q=giai phong mat bang").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == created["id"]
    board = client.get(f"{API}/disclosures/compliance?unit={cast.dong_xuan.pk}").json()
    assert len(board["disclosures"]) == 2
    client.force_login(cast.carol)
    province = client.get(f"{API}/disclosures/compliance?unit={cast.dak_lak.pk}").json()
    row = next(r for r in province["communes"] if r["unit_id"] == cast.dong_xuan.pk)
    assert row["total"] == 2
    client.logout()
    public = client.get(f"{API}/public/communes/{cast.dong_xuan.pk}/disclosures?q=duong lien xa")
    assert public.status_code == 200 and [d["id"] for d in public.json()["items"]] == [created["id"]]
    assert client.get(f"{API}/public/communes/{cast.dong_xuan.pk}/disclosures?q=ngan sach").json()["count"] == 0


def test_another_commune_gets_404(client, cast):
    client.force_login(cast.alice)
    created = post(client, "/disclosures", payload(cast)).json()
    channel_id = created["channels"][0]["id"]
    client.force_login(cast.bob)
    assert client.get(f"{API}/disclosures/{created['id']}").status_code == 404
    assert post(client, "/disclosures", payload(cast)).status_code == 404
    assert (
        post(client, f"/disclosures/{created['id']}/publish", {"publish": False, "expected_version": 1}).status_code
        == 404
    )
    assert (
        post(
            client,
            f"/disclosures/{created['id']}/channels",
            {"form": "portal", "started_on": str(timezone.localdate()), "expected_version": 1},
        ).status_code
        == 404
    )
    assert (
        post(
            client,
            f"/disclosures/{created['id']}/channels/{channel_id}/end",
            {"ended_on": str(timezone.localdate()), "reason": "x", "expected_version": 1},
        ).status_code
        == 404
    )
    assert client.get(f"{API}/disclosures/compliance?unit={cast.dong_xuan.pk}").status_code == 404
    assert client.get(f"{API}/disclosures").json()["count"] == 0
    assert Disclosure.objects.get().version == 1

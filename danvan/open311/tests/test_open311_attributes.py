"""A service's extra questions (ServiceAttribute): listed in its definition, answered as ``attribute[code]``,
checked, and added to the report's description."""

from __future__ import annotations

import pytest

from danvan.feedback.models import Category, Report
from danvan.open311.models import ServiceAttribute
from danvan.open311.tests.conftest import BASE, assert_valid, check

URL = BASE + "/requests.json"


@pytest.fixture
def questions(cast):
    flooding = Category.objects.get(code="flooding")
    depth = ServiceAttribute.objects.create(
        category=flooding,
        code="depth",
        description="Độ sâu nước",
        datatype="singlevaluelist",
        required=True,
        order=1,
        values=[{"key": "shallow", "name": "Dưới 20 cm"}, {"key": "deep", "name": "Trên 50 cm"}],
    )
    hit = ServiceAttribute.objects.create(
        category=flooding,
        code="affected",
        description="Ảnh hưởng",
        datatype="multivaluelist",
        order=2,
        values=[{"key": "road", "name": "Đường đi"}, {"key": "house", "name": "Nhà dân"}],
    )
    days = ServiceAttribute.objects.create(
        category=flooding, code="days", description="Số ngày ngập", datatype="number", order=3
    )
    ServiceAttribute.objects.create(
        category=flooding, code="old", description="Cũ", datatype="string", order=4, is_active=False
    )
    return depth, hit, days


def form(cast, issued, **extra):
    return {
        "api_key": issued.secret,
        "service_code": "flooding",
        "address_id": cast.dong_xuan.code,
        "description": "Ngập ở ngã ba",
        **extra,
    }


def test_the_definition_lists_the_questions_first(client, cast, questions):
    data = check(client, BASE + "/services/flooding.{fmt}", "service-definition", "service_definition")
    codes = [attribute["code"] for attribute in data["attributes"]]
    assert codes == ["depth", "affected", "days", "answer_days", "address_id", "anonymous"]
    depth = data["attributes"][0]
    assert depth["variable"] is True and depth["required"] is True and depth["datatype"] == "singlevaluelist"
    assert depth["values"] == [{"key": "shallow", "name": "Dưới 20 cm"}, {"key": "deep", "name": "Trên 50 cm"}]
    assert [a["order"] for a in data["attributes"]] == [1, 2, 3, 4, 5, 6]


def test_answers_are_checked_and_added_to_the_description(client, cast, issued, questions):
    response = client.post(
        URL,
        form(
            cast,
            issued,
            **{"attribute[depth]": "deep", "attribute[affected][]": ["road", "house"], "attribute[days]": "2"},
        ),
    )
    assert response.status_code == 200, response.content
    assert_valid("request-response", response.json())
    report = Report.objects.get()
    assert report.description == (
        "Ngập ở ngã ba\n\nĐộ sâu nước: Trên 50 cm\nẢnh hưởng: Đường đi, Nhà dân\nSố ngày ngập: 2"
    )


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({}, "Thiếu thông tin bắt buộc “Độ sâu nước”"),
        ({"attribute[depth]": "ocean"}, "không hợp lệ"),
        ({"attribute[depth]": ["deep", "shallow"]}, "không hợp lệ"),
        ({"attribute[depth]": "deep", "attribute[affected][]": ["road", "school"]}, "Ảnh hưởng"),
        ({"attribute[depth]": "deep", "attribute[days]": "hai"}, "Số ngày ngập"),
    ],
)
def test_wrong_answers_are_400(client, cast, issued, questions, answers, words):
    response = client.post(URL, form(cast, issued, **answers))
    assert response.status_code == 400
    assert_valid("errors", response.json())
    assert words in response.json()[0]["description"]
    assert not Report.objects.exists()


def test_an_independent_client_answers_the_questions(cast, issued, questions, civicbot):
    sent = civicbot.create_request(
        "flooding",
        dry_run=False,
        confirm="SEND",
        api_key=issued.secret,
        validate_remote=True,
        address_id=cast.dong_xuan.code,
        description="Ngập sau mưa",
        attributes={"depth": "shallow", "affected": ["house"]},
    )
    code = sent.response[0]["service_request_id"]
    assert Report.objects.get(code=code).description.endswith("Độ sâu nước: Dưới 20 cm\nẢnh hưởng: Nhà dân")

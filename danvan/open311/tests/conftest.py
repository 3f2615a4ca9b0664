"""Open311 test helpers: the GeoReport v2 schemas, an issued key, and XML read back for comparison with JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema_rs
import pytest
from civicbot.http import HttpError, HttpTransport, RateLimiter
from civicbot.open311 import Open311Client
from civicbot.registry import Endpoint
from defusedxml import ElementTree

from danvan.open311 import services
from danvan.open311.render import ITEM_NAMES

SCHEMAS = Path(__file__).resolve().parent / "schemas"
LISTS = set(ITEM_NAMES)


def _registry() -> Any:
    return jsonschema_rs.Registry(
        [(f"file://{path}", json.loads(path.read_text(encoding="utf-8"))) for path in SCHEMAS.glob("*.json")]
    )


def validator(name: str) -> Any:
    path = SCHEMAS / f"{name}.json"
    return jsonschema_rs.validator_for(
        json.loads(path.read_text(encoding="utf-8")),
        registry=_registry(),
        base_uri=f"file://{path}",
        validate_formats=True,
    )


def assert_valid(name: str, data: Any) -> None:
    errors = [str(error) for error in validator(name).iter_errors(data)]
    assert not errors, f"{name}: {errors[:5]}"


def plain(value: Any) -> Any:
    """JSON data with every leaf as the text XML carries (null and "" alike)."""
    if isinstance(value, dict):
        return {key: plain(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [plain(inner) for inner in value]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def from_xml(content: bytes) -> tuple[str, Any]:
    """(root element name, its content as lists/dicts of text), parsed safely."""
    root = ElementTree.fromstring(content)

    def walk(element: Any) -> Any:
        children = list(element)
        if element.tag in LISTS:
            return [walk(child) for child in children]
        if children:
            return {child.tag: walk(child) for child in children}
        return element.text or ""

    return root.tag, walk(root)


def check(client: Any, url: str, schema: str, root: str, *, expect: int = 200, **params: Any) -> Any:
    """GET ``url`` (``…{fmt}``) in JSON and XML: JSON valid against ``schema``, XML the same data under ``root``."""
    as_json = client.get(url.format(fmt="json"), params)
    assert as_json.status_code == expect, as_json.content[:500]
    assert as_json["Content-Type"] == "application/json; charset=utf-8"
    data = as_json.json()
    assert_valid(schema, data)
    as_xml = client.get(url.format(fmt="xml"), params)
    assert as_xml.status_code == expect
    assert as_xml["Content-Type"] == "text/xml; charset=utf-8"
    assert as_xml.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert from_xml(as_xml.content) == (root, plain(data))
    return data


@pytest.fixture
def issued(cast):
    return services.key_issue(actor=cast.root, name="Ứng dụng Phố Xanh", contact="Công ty ABC, dev@abc.vn")


BASE = "/open311/v2"
ROOT = "http://testserver/open311/v2"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class DjangoTransport(HttpTransport):
    """civicbot's transport, sending through Django's test client instead of a socket."""

    def __init__(self, client: Any) -> None:
        super().__init__(rate_limiter=RateLimiter(min_interval=0))
        self.client = client

    def _open(self, req: Any) -> bytes:
        headers = {
            "HTTP_" + name.upper().replace("-", "_"): value
            for name, value in req.header_items()
            if name.lower() != "content-type"
        }
        response = self.client.generic(
            req.get_method(),
            path_of(req.full_url),
            req.data or b"",
            content_type=req.get_header("Content-type") or "",
            **headers,
        )
        if response.status_code >= 400:
            raise HttpError(response.status_code, req.full_url, response.content.decode())
        return response.content


@pytest.fixture
def civicbot(client):
    endpoint = Endpoint(id="danvan", name="danvan", base_url=ROOT, write=True)
    return Open311Client(endpoint, DjangoTransport(client))

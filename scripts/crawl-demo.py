"""Crawl the site on the demo data as the public visitor and each demo role; report every 5xx and exception.

Breadth-first over same-site GET links (``<a href>`` and GET ``<form>``s submitted with their default values),
with the Django test client in-process. Only GET requests: the database may still change where a page does so
on a GET, so run it on a throw-away copy of the demo (``make setup-data`` with ``DANVAN_VAR_DIR`` set).

    DANVAN_DEBUG=1 DANVAN_VAR_DIR=/tmp/demo .venv/bin/python scripts/crawl-demo.py [--cap 3000] [--fuzz] [role ...]

``--fuzz`` also asks every page that takes a query parameter once more per parameter, with a value no form would
send (``"x'<"``), to find parameters parsed unsafely. Roles are names of ``tests/pagewalk.py``'s DEMO_USERS,
``public`` for the visitor; all by default.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/accounts/logout/", "/static/", "/media/", "/healthz")
FUZZ_VALUE = "x'<"


class Links(HTMLParser):
    """The ``href`` of links and the URLs that GET forms submit with their default values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.form: dict | None = None
        self.select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href") and "download" not in a:
            self.urls.append(a["href"])
        elif tag == "form":
            self.form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "fields": []}
        elif self.form is None:
            return
        elif tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.form["fields"].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name") and "disabled" not in a:
            self.select = (a["name"], [], [])
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            self.select[1].append(value)
            if "selected" in a:
                self.select[2].append(value)
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.form["fields"].append((a["name"], ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None and self.form is not None:
            name, options, selected = self.select
            for value in selected or options[:1]:
                self.form["fields"].append((name, value))
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.form is not None:
            if self.form["method"] == "get":
                action = self.form["action"].split("#")[0]
                base = action.split("?")[0]
                self.urls.append(f"{base}?{urlencode(self.form['fields'])}" if self.form["fields"] else action or "?")
            self.form = None


def normalize(base: str, href: str) -> str | None:
    url = urljoin(base, href.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


def log_in(client, username: str | None) -> None:
    from danvan.accounts.models import Officer
    from tests.signin import sign_in

    client.logout()
    if username is None:
        return
    user = Officer.objects.get(username=username)
    sign_in(client, user, device_name="crawl")


def crawl(client, role: str, cap: int, fuzz: bool, found: list[str]) -> int:
    start = ["/", "/backoffice/"] if role != "public" else ["/"]
    queue = deque(start)
    seen = dict.fromkeys(start, "")  # URL -> the page that linked it
    fuzzed_keys: set[tuple[str, str]] = set()
    count = 0
    while queue and count < cap:
        url = queue.popleft()
        count += 1
        if count % 250 == 0:
            print(f".. {role}: {count} URLs, {len(queue)} queued", flush=True)
        t0 = time.monotonic()
        try:
            response = client.get(url)
        except Exception:  # every exception is a finding
            found.append(f"{role} EXC {url} (linked from {seen[url]})\n{traceback.format_exc()}")
            print(f"!! {role} EXC {url}", flush=True)
            continue
        slow = time.monotonic() - t0
        if slow > 5:
            print(f".. {role} slow {slow:.1f}s {url}", flush=True)
        if response.status_code >= 500:
            found.append(f"{role} {response.status_code} {url} (linked from {seen[url]})")
            print(f"!! {role} {response.status_code} {url}", flush=True)
        elif response.status_code == 404 and "=" + quote(FUZZ_VALUE) not in url:
            print(f"-- {role} 404 {url} (linked from {seen[url]})", flush=True)
        if getattr(response, "streaming", False):
            response.close()
            continue
        links: list[str] = []
        if response.status_code in (301, 302, 303, 307, 308):
            links = [response["Location"]]
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            parser = Links()
            parser.feed(response.content.decode(errors="replace"))
            links = parser.urls
        for href in links:
            target = normalize("http://testserver" + url, href)
            if target is None:
                continue
            candidates = [target]
            if fuzz and "?" in target:
                path, query = target.split("?", 1)
                pairs = parse_qsl(query, keep_blank_values=True)
                for i, (name, _) in enumerate(pairs):
                    if (path, name) not in fuzzed_keys:
                        fuzzed_keys.add((path, name))
                        changed = [(k, FUZZ_VALUE if j == i else v) for j, (k, v) in enumerate(pairs)]
                        candidates.append(f"{path}?{urlencode(sorted(changed))}")
            for candidate in candidates:
                if candidate not in seen:
                    seen[candidate] = url
                    queue.append(candidate)
    print(f"== {role}: {count} URLs fetched, {len(queue)} left in the queue", flush=True)
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("roles", nargs="*")
    parser.add_argument("--cap", type=int, default=3000)
    parser.add_argument("--fuzz", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.pagewalk import DEMO_USERS

    setup_test_environment()  # the test client's request signals (exceptions raised, templates recorded)
    users: dict[str, str | None] = {"public": None, **DEMO_USERS, "tinh.canbo": "tinh.canbo"}
    found: list[str] = []
    for role in args.roles or list(users):
        client = Client(raise_request_exception=True)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
        log_in(client, users[role])
        crawl(client, role, args.cap, args.fuzz, found)
    print(f"\n{len(found)} failures")
    for line in found:
        print(line)


if __name__ == "__main__":
    main()

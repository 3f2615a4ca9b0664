"""The phone test's site: run in a danvan process on a copy of the demo (``python -m tests.browser.phone_site``).

Makes the demo's one public model (:func:`tests.pagewalk.publish_one_model`), signs each role in (a session, with
its two-factor step done for the administrators, as the tests' ``client.force_login`` does), walks the role's pages
with the test client (:func:`tests.pagewalk.walk`) and prints, as JSON, the session cookie's name and, for each
role, its session key and the URLs of its HTML pages with their routes. Run beside the server, on the database it
serves, rather than in the test's own database with the demo loaded a second time.
"""

from __future__ import annotations

import json
import os
import sys

ROLES = ("officer", "leader", "unit_admin", "viewer", "system_admin")
# Pages of one route share their template: two records of each (say a complaint and a denunciation, whose pages
# differ most) show its layout on a phone; every record of every route (17 case pages a role) took the browser step
# ~200 s, and the page walk (test_every_page.py) still opens every one of them.
HTML_PER_ROUTE = 2


def site() -> dict[str, object]:
    from django.conf import settings
    from django.test import Client

    from danvan.accounts.models import Officer
    from tests import pagewalk
    from tests.signin import sign_in

    pagewalk.publish_one_model()
    roles: dict[str, dict[str, object]] = {}
    for role in ROLES:
        user = Officer.objects.get(username=pagewalk.DEMO_USERS[role])
        client = Client()
        sign_in(client, user)
        walked = pagewalk.walk(client, user, html_per_route=HTML_PER_ROUTE)
        pages = [[page.url, page.route.name] for page in walked if page.is_html_page]
        roles[role] = {"session": client.cookies[settings.SESSION_COOKIE_NAME].value, "pages": pages}
    return {"cookie": settings.SESSION_COOKIE_NAME, "roles": roles}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # as under pytest: "testserver" allowed, DEBUG off, mail kept in memory
    json.dump(site(), sys.stdout)


if __name__ == "__main__":
    main()

"""The list offers registering and importing only to an officer who may: a viewer neither, a system administrator
(no unit of their own) importing but not the form, which opens on the officer's own unit. Each offered link opens."""

from __future__ import annotations

from django.urls import reverse


def test_the_list_offers_only_the_actions_that_open(client, cast):
    create, import_ = reverse("initiatives:create"), reverse("initiatives:initiative_import")
    for officer, can_create, can_import in (
        (cast.alice, True, True),
        (cast.erin, False, False),
        (cast.root, False, True),
    ):
        client.force_login(officer)
        listed = client.get(reverse("initiatives:list")).content.decode()
        assert (f'href="{create}"' in listed, f'href="{import_}"' in listed) == (can_create, can_import), officer
        assert (client.get(create).status_code == 200) is can_create, officer
        assert (client.get(import_).status_code == 200) is can_import, officer

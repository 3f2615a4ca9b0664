"""Links to what needs the officer's own commune or body show only to an officer who has one: the form of a new
community decision (a commune officer's, not a province officer's nor a system administrator's) and the inbox of
recommendations (a member of a body's). Each link that shows opens."""

from __future__ import annotations

from django.urls import reverse


def links_to(client, page: str, target: str) -> bool:
    return f'href="{reverse(target)}"' in client.get(reverse(page)).content.decode()


def test_the_new_decision_form_is_offered_only_where_it_opens(client, cast):
    for officer, offered in ((cast.alice, True), (cast.carol, False), (cast.root, False)):
        client.force_login(officer)
        assert links_to(client, "democracy:decision_list", "democracy:decision_create") is offered, officer
        assert client.get(reverse("democracy:decision_create")).status_code == (200 if offered else 404), officer


def test_the_inbox_is_offered_to_a_member_of_a_body_only(client, cast):
    for officer, offered in ((cast.alice, True), (cast.carol, True), (cast.root, False)):
        client.force_login(officer)
        assert links_to(client, "democracy:home", "democracy:recommendation_inbox") is offered, officer
        assert client.get(reverse("democracy:recommendation_inbox")).status_code == (200 if offered else 404), officer

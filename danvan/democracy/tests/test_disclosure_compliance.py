"""Disclosure compliance computed from the rules: timing in working days, posting ≥ 30 consecutive days, permanent
items, loudspeakers for items 7–12, the portal; and the bad input the issue lists ("posting 29 days", "a permanent
item with an end date"), refused with a Vietnamese message and nothing stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from danvan.core.errors import DomainError
from danvan.democracy import disclosure_services as services
from danvan.democracy.disclosure_compliance import disclosure_compliance
from danvan.democracy.models import ComplianceStatus, Disclosure, DisclosureChannel, DisclosureForm, DisclosureItem

D = dt.date
ISSUED = dt.date(2026, 3, 2)


def item(number: int) -> DisclosureItem:
    return DisclosureItem.objects.get(number=number)


def form(code: str) -> DisclosureForm:
    return DisclosureForm.objects.get(code=code)


def check(
    number: int,
    channels: Sequence[tuple[str, dt.date, dt.date | None]],
    on: dt.date,
    *,
    issued=ISSUED,
    published_on=None,
):
    disclosure = Disclosure(
        item=item(number), issued_on=issued, is_published=published_on is not None, published_on=published_on
    )
    rows = [
        DisclosureChannel(form=form(code), started_on=start, ended_on=end, place="Nhà văn hóa")
        for code, start, end in channels
    ]
    return disclosure_compliance(disclosure, rows, on=on)


def by_kind(compliance):
    return {f.kind: f for f in compliance.findings}


pytestmark = pytest.mark.django_db


def test_fourteen_items_and_ten_forms_are_data():
    assert DisclosureItem.objects.count() == 14
    assert DisclosureForm.objects.count() == 10
    assert list(DisclosureItem.objects.filter(posting="permanent").values_list("number", flat=True)) == [4, 13]
    assert sorted(DisclosureItem.objects.filter(needs_loudspeaker=True).values_list("number", flat=True)) == list(
        range(7, 13)
    )


def test_timing_counts_working_days_after_the_decision():
    # Issued Monday 02/03/2026: 5 working days → Monday 09/03/2026.
    ok = by_kind(check(3, [("posting", D(2026, 3, 9), None)], D(2026, 3, 10)))["timing"]
    assert ok.status == ComplianceStatus.OK
    assert "09/03/2026 ≤ hạn 09/03/2026" in ok.computation
    late = by_kind(check(3, [("posting", D(2026, 3, 10), None)], D(2026, 3, 11)))["timing"]
    assert late.status == ComplianceStatus.VIOLATION
    assert "chậm 1 ngày so với hạn 09/03/2026" in late.computation
    assert "Điều 11–14" in late.legal_basis


def test_posting_30_days_turns_ok_on_the_30th_day():
    channels = [("posting", D(2026, 3, 3), None)]
    day_29 = check(3, channels, D(2026, 3, 31), published_on=D(2026, 3, 3))
    assert day_29.status == ComplianceStatus.PENDING
    assert by_kind(day_29)["posting"].changes_on == D(2026, 4, 1)
    assert day_29.recheck_on == D(2026, 4, 1)
    day_30 = check(3, channels, D(2026, 4, 1), published_on=D(2026, 3, 3))
    assert day_30.status == ComplianceStatus.OK
    assert "30 ngày liên tục ≥ 30 ngày" in by_kind(day_30)["posting"].computation


def test_posting_taken_down_after_29_days_is_too_short():
    result = check(3, [("posting", D(2026, 3, 3), D(2026, 3, 31))], D(2026, 4, 10), published_on=D(2026, 3, 3))
    assert result.status == ComplianceStatus.VIOLATION
    assert result.flags["is_too_short"]
    assert "29 ngày liên tục < 30 ngày" in by_kind(result)["posting"].computation


def test_permanent_item_taken_down_is_a_violation():
    up = check(4, [("posting", D(2026, 3, 3), None)], D(2027, 3, 3), published_on=D(2026, 3, 3))
    assert up.status == ComplianceStatus.OK
    down = check(4, [("posting", D(2026, 3, 3), D(2026, 6, 1))], D(2026, 6, 5), published_on=D(2026, 3, 3))
    assert down.status == ComplianceStatus.VIOLATION
    assert down.flags["is_taken_down"]
    assert "đã gỡ ngày 01/06/2026" in by_kind(down)["permanent"].computation


def test_loudspeaker_three_days_for_items_7_to_12_only():
    short = check(
        7,
        [("posting", D(2026, 3, 3), None), ("loudspeaker", D(2026, 3, 3), D(2026, 3, 4))],
        D(2026, 4, 10),
        published_on=D(2026, 3, 3),
    )
    assert short.flags["lacks_loudspeaker"]
    assert "2 ngày liên tục < 3 ngày" in by_kind(short)["loudspeaker"].computation
    enough = check(
        7,
        [("posting", D(2026, 3, 3), None), ("loudspeaker", D(2026, 3, 3), D(2026, 3, 5))],
        D(2026, 4, 10),
        published_on=D(2026, 3, 3),
    )
    assert enough.status == ComplianceStatus.OK
    assert "loudspeaker" not in by_kind(check(3, [("posting", D(2026, 3, 3), None)], D(2026, 4, 10)))


def test_missing_portal_after_the_deadline():
    result = check(3, [("posting", D(2026, 3, 3), None)], D(2026, 4, 10))
    assert result.flags["lacks_portal"] and not result.flags["is_too_short"]
    assert (
        by_kind(check(3, [("posting", D(2026, 3, 3), None), ("portal", D(2026, 3, 3), None)], D(2026, 4, 10)))[
            "portal"
        ].status
        == ComplianceStatus.OK
    )


def test_nothing_disclosed_is_pending_then_late():
    assert check(1, [], D(2026, 3, 5)).status == ComplianceStatus.PENDING
    late = check(1, [], D(2026, 3, 10))
    assert late.flags["is_late"] and late.flags["is_too_short"] and late.flags["lacks_portal"]


# --- Bad input ---------------------------------------------------------------------------------------------------


def _create(cast, number, channels, **extra):
    return services.disclosure_create(
        actor=cast.alice,
        unit=cast.dong_xuan,
        item=item(number),
        title="Phương án bồi thường dự án đường liên xã",
        issued_on=extra.pop("issued_on", D(2026, 3, 2)),
        channels=[
            services.ChannelLine(form=form(code), started_on=s, ended_on=e, place="Nhà văn hóa thôn 1")
            for code, s, e in channels
        ],
        **extra,
    )


def test_posting_29_days_is_refused_and_nothing_stored(cast):
    with pytest.raises(DomainError) as error:
        _create(cast, 3, [("posting", D(2026, 3, 3), D(2026, 3, 31))])
    assert error.value.code == "posting_too_short"
    assert "ít nhất 30 ngày" in str(error.value.message) and "29 ngày" in str(error.value.message)
    assert not Disclosure.objects.exists() and not DisclosureChannel.objects.exists()


def test_a_permanent_item_with_an_end_date_is_refused(cast):
    with pytest.raises(DomainError) as error:
        _create(cast, 13, [("portal", D(2026, 3, 3), None), ("posting", D(2026, 3, 3), D(2026, 12, 31))])
    assert error.value.code == "permanent_end_date"
    assert "niêm yết thường xuyên" in str(error.value.message)
    assert not Disclosure.objects.exists() and not DisclosureChannel.objects.exists()


def test_channel_before_the_decision_is_refused(cast):
    with pytest.raises(DomainError) as error:
        _create(cast, 3, [("posting", D(2026, 3, 1), None)])
    assert error.value.code == "channel_before_issue"


def test_taking_a_posting_down_early_needs_a_reason_and_shows_as_violation(cast):
    disclosure = _create(cast, 3, [("posting", D(2026, 3, 3), None)], publish=True)
    channel = disclosure.channels.get()
    with pytest.raises(DomainError) as error:
        services.disclosure_channel_end(
            actor=cast.alice, channel=channel, expected_version=disclosure.version, ended_on=D(2026, 3, 10)
        )
    assert error.value.code == "reason_required"
    services.disclosure_channel_end(
        actor=cast.alice,
        channel=channel,
        expected_version=disclosure.version,
        ended_on=D(2026, 3, 10),
        reason="Bảng tin bị bão làm hỏng",
    )
    disclosure.refresh_from_db()
    assert disclosure.is_too_short and disclosure.status == ComplianceStatus.VIOLATION
    assert disclosure.version == 2


def test_stale_version_is_refused(cast):
    disclosure = _create(cast, 3, [("posting", D(2026, 3, 3), None)])
    with pytest.raises(DomainError) as error:
        services.disclosure_publish(actor=cast.alice, disclosure=disclosure, expected_version=99, publish=True)
    assert error.value.status == 409 and error.value.code == "stale"


def test_repeated_submission_key_returns_the_same_disclosure(cast):
    first = _create(cast, 3, [("posting", D(2026, 3, 3), None)], submission_key="k1", submission_fingerprint="f")
    again = _create(cast, 3, [("posting", D(2026, 3, 3), None)], submission_key="k1", submission_fingerprint="f")
    assert first.pk == again.pk and Disclosure.objects.count() == 1


def test_another_commune_is_refused(cast):
    with pytest.raises(DomainError) as error:
        services.disclosure_create(
            actor=cast.bob, unit=cast.dong_xuan, item=item(3), title="X", issued_on=D(2026, 3, 2)
        )
    assert error.value.status == 403


def test_the_stored_result_turns_ok_when_its_day_comes(cast):
    from danvan.jobs.schedule import PERIODIC

    disclosure = _create(cast, 3, [("posting", D(2026, 3, 3), None), ("portal", D(2026, 3, 3), None)])
    Disclosure.objects.filter(pk=disclosure.pk).update(recheck_on=D(2026, 4, 1), status=ComplianceStatus.PENDING)
    assert services.disclosures_refresh(Disclosure.objects.all(), on=D(2026, 3, 31)) == 0  # not its day yet
    assert services.disclosures_refresh(Disclosure.objects.all(), on=D(2026, 4, 1)) == 1
    disclosure.refresh_from_db()
    assert disclosure.status == ComplianceStatus.OK and disclosure.recheck_on is None
    assert "democracy.disclosure_compliance" in PERIODIC

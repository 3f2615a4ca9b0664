"""Rate limits: N events per window per client, then a clear refusal (429, Vietnamese)."""

import pytest

from danvan.core import ratelimit
from danvan.core.errors import DomainError


@pytest.mark.django_db
def test_the_limit_refuses_the_event_after_the_last_allowed():
    assert [ratelimit.allow("t", "1.2.3.4", limit=3, per_seconds=600) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.allow("t", "5.6.7.8", limit=3, per_seconds=600)  # another client has its own count
    with pytest.raises(DomainError) as refused:
        ratelimit.check("t", "1.2.3.4", limit=3, per_seconds=600)
    assert refused.value.code == "rate_limited"
    assert refused.value.status == 429
    assert "10 phút" in str(refused.value.message)

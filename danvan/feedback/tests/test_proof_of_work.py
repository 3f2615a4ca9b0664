"""The self-hosted proof of work: signed, solved, single use, expiring."""

import base64
import json
import time

import pytest

from danvan.core import proof_of_work
from danvan.core.errors import DomainError


@pytest.fixture(autouse=True)
def small_puzzle(settings):
    settings.PROOF_OF_WORK_MAX_NUMBER = 500


def code_of(payload, **kwargs):
    with pytest.raises(DomainError) as error:
        proof_of_work.verify(payload, **kwargs)
    return error.value.code


def test_a_solved_challenge_is_accepted_once():
    payload = proof_of_work.solve(proof_of_work.create_challenge())
    proof_of_work.verify(payload)
    assert code_of(payload) == "proof_of_work_used"


def test_an_expired_challenge_is_refused():
    payload = proof_of_work.solve(proof_of_work.create_challenge(ttl_seconds=5))
    assert code_of(payload, now=time.time() + 60) == "proof_of_work_expired"


def test_a_forged_or_wrong_answer_is_refused():
    challenge = proof_of_work.create_challenge()
    data = json.loads(base64.b64decode(proof_of_work.solve(challenge)))
    wrong = {**data, "number": data["number"] + 1}
    assert code_of(base64.b64encode(json.dumps(wrong).encode()).decode()) == "proof_of_work_invalid"
    forged = {**data, "signature": "0" * 64}
    assert code_of(base64.b64encode(json.dumps(forged).encode()).decode()) == "proof_of_work_invalid"
    assert code_of("") == "proof_of_work_missing"
    assert code_of("not base64 {") == "proof_of_work_missing"
    as_text = {**data, "number": str(data["number"])}
    assert code_of(base64.b64encode(json.dumps(as_text).encode()).decode()) == "proof_of_work_invalid"


def test_the_challenge_has_altcha_fields():
    challenge = proof_of_work.create_challenge()
    assert set(challenge) == {"algorithm", "challenge", "maxnumber", "salt", "signature"}
    assert challenge["algorithm"] == "SHA-256" and "?expires=" in challenge["salt"]

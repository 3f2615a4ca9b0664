"""A file e-mail backend that takes its time before writing (a slow mail server), so that a worker killed with
SIGKILL is most likely killed mid-send; used by ``test_workers.py`` through ``DANVAN_EMAIL_BACKEND``."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        time.sleep(float(os.environ.get("DANVAN_TEST_MAIL_DELAY", "0.3")))
        return super().send_messages(email_messages)

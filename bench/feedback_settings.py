"""The feedback benchmark's settings: the bench settings with its bare views (``bench.feedback_urls``)."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.feedback_urls"

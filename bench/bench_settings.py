"""Settings for the survey bench: the project's own, with the bench's bare view added to the URLs and the
per-address flood limit lifted (one address sends everything). Used by ``areasend serve`` in the bench."""

from areasend.config.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.bench_urls"
AREASEND_SURVEY_RATE_PER_IP = 10**9

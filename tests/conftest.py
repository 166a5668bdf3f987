"""Test configuration: Hypothesis profiles chosen by the SMARKETING_HYPOTHESIS_PROFILE variable."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=20, deadline=None)
# The nightly-style run: thousands of cases for the fuzz and the properties.
settings.register_profile(
    "nightly", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("SMARKETING_HYPOTHESIS_PROFILE", "default"))

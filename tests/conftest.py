"""Test-wide settings: hypothesis profiles (``HYPOTHESIS_PROFILE=thorough`` for long hunts)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Under mutmut (HYPOTHESIS_PROFILE=mutation) every mutant reruns the tests: fewer examples.
settings.register_profile(
    "mutation", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

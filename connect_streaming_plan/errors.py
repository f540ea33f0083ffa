"""The root of the exceptions the offline plan raises."""

from __future__ import annotations

__all__ = ["ConnectStreamingPlanError"]


class ConnectStreamingPlanError(Exception):
    """Anything the plan refuses or cannot do; ``except`` this to catch them all."""

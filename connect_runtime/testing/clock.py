"""Clocks for the local endpoint: the wall clock, or a manual clock that tests move by hand."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from connect_runtime.errors import InvalidArgumentError

__all__ = ["Clock", "ManualClock", "system_clock"]

Clock = Callable[[], datetime]
"""Anything that returns the current time as a timezone-aware datetime."""


def system_clock() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to (thread-safe); inject it to expire tokens on demand.

    Example:
        >>> clock = ManualClock(datetime(2021, 10, 29, 12, 0, tzinfo=UTC))
        >>> clock.advance(301).isoformat()
        '2021-10-29T12:05:01+00:00'
    """

    def __init__(self, start: datetime | None = None) -> None:
        start = system_clock() if start is None else start
        if start.tzinfo is None or start.utcoffset() is None:
            raise InvalidArgumentError("ManualClock needs a timezone-aware datetime")
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> datetime:
        """Move forward by ``seconds`` (negative moves back); return the new time."""
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return self._now

    def set(self, when: datetime) -> None:
        """Jump to ``when`` (timezone-aware)."""
        if when.tzinfo is None or when.utcoffset() is None:
            raise InvalidArgumentError("ManualClock needs a timezone-aware datetime")
        with self._lock:
            self._now = when.astimezone(UTC)

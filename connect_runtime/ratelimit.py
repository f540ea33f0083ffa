"""Client-side rate limits per operation, defaulting to Amazon Connect's documented quotas."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = ["DEFAULT_RATE_LIMITS", "RateLimit", "TokenBucket"]


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A steady ``rate`` (requests per second) with a ``burst`` allowance.

    Example:
        >>> RateLimit(rate=5, burst=8).min_seconds(50)
        8.4
    """

    rate: float
    burst: int

    def __post_init__(self) -> None:
        if not self.rate > 0:
            raise ValueError(f"RateLimit.rate must be positive, got {self.rate!r}")
        if self.burst < 1:
            raise ValueError(f"RateLimit.burst must be at least 1, got {self.burst!r}")

    def min_seconds(self, requests: int) -> float:
        """The least time ``requests`` calls can take under this limit, starting full."""
        return round(max(0, requests - self.burst) / self.rate, 6)


DEFAULT_RATE_LIMITS: Final[Mapping[str, RateLimit]] = MappingProxyType(
    {
        # Amazon Connect service quotas, per account and Region (API doc).
        "GetCurrentMetricData": RateLimit(rate=5, burst=8),
        "GetMetricData": RateLimit(rate=5, burst=8),
        "StartContactStreaming": RateLimit(rate=2, burst=5),
        "StopContactStreaming": RateLimit(rate=2, burst=5),
        "StartTaskContact": RateLimit(rate=2, burst=5),
    }
)


class TokenBucket:
    """A thread-safe token bucket that makes callers wait instead of failing.

    Callers reserve a token and sleep outside the lock, so waiting threads are served in
    arrival order and the long-run rate never exceeds ``limit.rate``.

    Example:
        >>> t = [0.0]
        >>> bucket = TokenBucket(RateLimit(rate=2, burst=1), clock=lambda: t[0],
        ...                      sleep=lambda s: t.__setitem__(0, t[0] + s))
        >>> [bucket.acquire() for _ in range(3)]
        [0.0, 0.5, 0.5]
    """

    def __init__(
        self,
        limit: RateLimit,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limit = limit
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = float(limit.burst)
        self._updated = clock()

    def acquire(self) -> float:
        """Take one token, sleeping until it is due; return the seconds waited."""
        with self._lock:
            now = self._clock()
            elapsed = max(0.0, now - self._updated)
            self._tokens = min(float(self.limit.burst), self._tokens + elapsed * self.limit.rate)
            self._updated = now
            self._tokens -= 1.0
            wait = 0.0 if self._tokens >= 0 else -self._tokens / self.limit.rate
        if wait > 0:
            self._sleep(wait)
        return wait
